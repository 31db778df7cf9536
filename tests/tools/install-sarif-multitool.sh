#!/usr/bin/env bash
# Installs the SARIF Multitool (a self-contained Linux binary published on npm) into .tools/sarif-multitool/
# and ajv (JSON-schema validator, for the SARIF schema shipped in the Sarif.Sdk package) into .tools/ajv/, so that
# the SARIF validation tests can run them. .tools/ is git-ignored. Re-running is a no-op once installed.
# Usage: tests/tools/install-sarif-multitool.sh [VERSION]   (default 5.7.0, the newest the npm package has)
set -euo pipefail

version="${1:-5.7.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$repo_root/.tools/sarif-multitool"
binary="$target/package/Sarif.Multitool"

if [[ ! -d "$repo_root/.tools/ajv/node_modules/ajv" ]]; then
  mkdir -p "$repo_root/.tools/ajv"
  npm install --silent --no-audit --no-fund --prefix "$repo_root/.tools/ajv" ajv@8 ajv-formats@3 >/dev/null
  echo "ajv installed: $repo_root/.tools/ajv"
fi

if [[ -x "$binary" ]]; then
  echo "SARIF Multitool already installed: $binary"
  exit 0
fi

mkdir -p "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack downloads the tarball without running install scripts; the package's postinstall only does the chmod below.
(cd "$work" && npm pack --silent "@microsoft/sarif-multitool-linux@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
rm -rf "$target/package"
tar -xzf "$tarball" -C "$target"
chmod u+x "$binary"
echo "SARIF Multitool $version installed: $binary"
