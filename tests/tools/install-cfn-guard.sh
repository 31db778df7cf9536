#!/usr/bin/env bash
# Installs the reference cfn-guard 3.1.1 binary (shipped in the npm package @cdklabs/cdk-validator-cfnguard, which also
# carries the Control Tower proactive-control rules) into .tools/cfn-guard under the repository root (git-ignored).
# Usage: tests/tools/install-cfn-guard.sh [version]   (default 0.0.62, the release that bundles cfn-guard 3.1.1)
set -euo pipefail
version="${1:-0.0.62}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$root/.tools/cfn-guard"
binary="$dest/package/bin/ubuntu/x86_64/cfn-guard"
if [[ -x "$binary" ]] && "$binary" --version 2>/dev/null | grep -q "3.1.1"; then
  echo "$binary"
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch @cdklabs/cdk-validator-cfnguard" >&2; exit 1; }
mkdir -p "$dest"
cd "$dest"
tarball="$(npm pack "@cdklabs/cdk-validator-cfnguard@$version" --silent | tail -n 1)"
rm -rf package
tar -xzf "$tarball"
rm -f "$tarball"
chmod +x "$binary"
"$binary" --version >&2
echo "$binary"
