#!/usr/bin/env bash
# Compares Scanner's Guard engine with cfn-guard 3.1.1 on the same templates and rules.
#   bench/guard-bench.sh [CORPUS_DIR] [RULES_DIR]
# Defaults: every template under ../shared/corpus that cfn-guard can load, and the 237 Control Tower rule files
# shipped with cfn-guard's npm package. cfn-guard aborts a whole run on a file it cannot load, so the templates are
# first filtered (one cfn-guard run per file with a trivial rule) and copied into a scratch directory.
# Prints wall times (hyperfine when available, else bash's time) for:
#   1. one invocation over the whole corpus, both tools (-o json -z -S none);
#   2. one template with the full rule set, both tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guard="$("$root/tests/tools/install-cfn-guard.sh" | tail -n 1)"
corpus="${1:-$root/../shared/corpus}"
rules="${2:-$root/.tools/cfn-guard/package/rules/control-tower/cfn-guard}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The native AOT binary (IACSCAN_NATIVE=path skips the publish).
if [[ -z "${IACSCAN_NATIVE:-}" ]]; then
  dotnet publish "$root/src/Scanner.Cli" -c Release --artifacts-path "$root/artifacts/native" -o "$root/artifacts/native/publish" -nologo -clp:ErrorsOnly >&2
fi
iacscan=("${IACSCAN_NATIVE:-$root/artifacts/native/publish/iacscan}")

mkdir -p "$work/data"
probe="$work/probe.guard"
echo 'rule probe { this exists }' > "$probe"
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  code=0
  "$guard" validate -r "$probe" -d "$f" -o json -z -S none </dev/null >/dev/null 2>&1 || code=$?
  if [[ $code -eq 0 || $code -eq 19 ]]; then
    cp "$f" "$work/data/$(printf '%05d' "$i")_$(basename "$f")"
  fi
done < <(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) -size -2M -print0 | sort -z)
count=$(find "$work/data" -type f | wc -l)
bytes=$(cat "$work/data"/* | wc -c)
rulefiles=$(find "$rules" -name '*.guard' | wc -l)
one="${ONE_TEMPLATE:-$root/fixtures/guard/templates/buckets.yaml}"
echo "templates: $count ($bytes bytes); rule files: $rulefiles"

run() {
  local name="$1"; shift
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "${RUNS:-3}" -i -n "$name" "$*" 2>&1 | grep -E 'Time|±|Range' || true
  else
    echo "== $name"
    { time "$@" >/dev/null 2>&1 || true; } 2>&1 | grep real
  fi
}

run "cfn-guard 3.1.1, whole corpus" "$guard" validate -r "$rules" -d "$work/data" -o json -z -S none
run "iacscan guard validate, whole corpus" "${iacscan[@]}" guard validate -r "$rules" -d "$work/data" -o json -z -S none
run "iacscan scan --rules, whole corpus" "${iacscan[@]}" scan "$work/data" --rules "$rules" -f json --fail-on none
run "cfn-guard 3.1.1, one template" "$guard" validate -r "$rules" -d "$one" -o json -z -S none
run "iacscan guard validate, one template" "${iacscan[@]}" guard validate -r "$rules" -d "$one" -o json -z -S none
