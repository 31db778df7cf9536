#!/usr/bin/env bash
# Installs the external tools the test suite checks against (SARIF Multitool + ajv; cfn-guard 3.1.1 when its
# installer is present) into the git-ignored .tools/. Called by the test projects' build (see Directory.Build.props),
# so `dotnet test` on a fresh clone sets them up; without network the tests that need them report themselves skipped.
# Serialized with flock: several test projects build in parallel.
set -uo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$repo_root/.tools"
exec 9>"$repo_root/.tools/.install.lock"
flock 9

command -v npm >/dev/null 2>&1 || { echo "install-test-tools: npm not found; tool-based tests will be skipped" >&2; exit 0; }
status=0
for installer in install-sarif-multitool.sh install-cfn-guard.sh; do
  if [[ -f "$repo_root/tests/tools/$installer" ]]; then
    bash "$repo_root/tests/tools/$installer" || { echo "install-test-tools: $installer failed; its tests will be skipped" >&2; status=1; }
  fi
done
exit 0
