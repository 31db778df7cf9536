#!/usr/bin/env bash
# The figures of README's speed table, in one run: the native iacscan against cfn-lint (one template, built-in
# rules) and cfn-guard 3.1.1 (one template and the corpus × the 237 Control Tower Guard rule files), alternating and
# taking medians, then the scale figure (a 10,000-template synthetic repository made from ../shared/corpus).
#   bench/speed-bench.sh [--quick] [--runs N] [--corpus-runs N] [--scale N] [--only single,guard-one,guard-corpus,scale]
# --quick: 3 runs per pair and the corpus pair once (a few minutes on a quiet machine, plus the publish).
# IACSCAN_NATIVE=path skips the publish. See bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guard="$("$root/tests/tools/install-cfn-guard.sh" | tail -n 1)"
iacscan="${IACSCAN_NATIVE:-}"
if [[ -z "$iacscan" ]]; then
  dotnet publish "$root/src/Scanner.Cli" -c Release --artifacts-path "$root/artifacts/native" -o "$root/artifacts/native/publish" -nologo -clp:ErrorsOnly >&2
  iacscan="$root/artifacts/native/publish/iacscan"
fi
exec python3 "$root/bench/speed.py" --iacscan "$iacscan" --cfn-guard "$guard" "$@"
