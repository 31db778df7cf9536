#!/usr/bin/env bash
# Measures `iacscan scan` throughput over the peer corpora (../shared/corpus) with the native AOT build.
# Usage: bench/scan-bench.sh [RUNS]   (prints wall time per run and templates per second)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }

if [[ -z "${IACSCAN_NATIVE:-}" ]]; then
  dotnet publish src/Scanner.Cli -c Release --artifacts-path artifacts/native -o artifacts/native/publish -nologo -clp:ErrorsOnly >&2
fi
bin="${IACSCAN_NATIVE:-artifacts/native/publish/iacscan}"
targets=("$corpus/cfn-nag/templates" "$corpus/sam-translator/input")
count=$(find "${targets[@]}" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) | wc -l)
echo "templates: $count, cores: $(nproc)"

"$bin" scan "${targets[@]}" --fail-on none --format json --output /tmp/iacscan-bench.json >/dev/null # warm-up
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$bin" scan "${targets[@]}" --fail-on none --format json --output /tmp/iacscan-bench.json >/dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'run {sys.argv[3]}: {t:.2f} s wall, {int(sys.argv[4])/t:.0f} templates/s')" "$start" "$end" "$i" "$count"
done

one=$(find "$corpus/cfn-nag/templates" -name '*.yaml' -print -quit)
start=$(date +%s.%N)
"$bin" scan "$one" --fail-on none >/dev/null
end=$(date +%s.%N)
python3 -c "import sys; print(f'single template, whole process: {(float(sys.argv[2])-float(sys.argv[1]))*1000:.0f} ms wall')" "$start" "$end"
