#!/usr/bin/env python3
"""The speed figures of README's table, measured in one run on this machine.

Usage: bench/speed-bench.sh [--quick] [--runs N] [--corpus-runs N] [--scale N] [--only single,guard-one,guard-corpus,scale]

Each comparison runs the two tools alternately (iacscan, other, iacscan, other, ...) on the same input and reports the
median wall time of each and their ratio, so load changes during the run hit both tools alike. Run it on a quiet
machine (compare `uptime`'s load with the core count); the script prints the load before and after. `--quick` (3
runs per pair, the corpus pair once without warm-up) takes a few minutes.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_SUFFIXES = {".yaml", ".yml", ".json", ".template"}


def run_timed(cmd, cwd=None):
    """Wall seconds, CPU seconds (user+sys of the child) and max RSS (MB) of one run; output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far; every measured command runs in a fresh child.
    return wall, cpu, after.ru_maxrss / 1024


def compare(name, ours, theirs, their_name, runs, warm_up=True):
    """Alternating runs after one warm-up of each (unless not asked for); prints and returns the medians and the ratio."""
    if warm_up:
        run_timed(ours)
        run_timed(theirs)
    a, b, ca, cb = [], [], [], []
    for _ in range(runs):
        wall, cpu, _ = run_timed(ours)
        a.append(wall)
        ca.append(cpu)
        wall, cpu, _ = run_timed(theirs)
        b.append(wall)
        cb.append(cpu)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name}: iacscan {fmt(ma)}, {their_name} {fmt(mb)} -> {mb / ma:.1f}x  (median of {runs}; iacscan {spread(a)}, {their_name} {spread(b)})", flush=True)
    # CPU time (user + sys) is less disturbed than wall time when other jobs load the machine.
    mca, mcb = statistics.median(ca), statistics.median(cb)
    print(f"  CPU time: iacscan {fmt(mca)}, {their_name} {fmt(mcb)} -> {mcb / max(mca, 1e-3):.1f}x", flush=True)
    return ma, mb


def fmt(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def spread(values):
    return f"{fmt(min(values))}..{fmt(max(values))}"


def templates_under(root):
    return sorted(p for p in Path(root).rglob("*") if p.is_file() and p.suffix in TEMPLATE_SUFFIXES and p.stat().st_size < 2_000_000)


def guard_loadable_corpus(guard, corpus, work):
    """The corpus files cfn-guard can load (it aborts a whole run on one it cannot), copied into one directory."""
    data = work / "guard-corpus"
    data.mkdir()
    probe = work / "probe.guard"
    probe.write_text("rule probe { this exists }\n")
    for i, f in enumerate(templates_under(corpus)):
        code = subprocess.run([guard, "validate", "-r", probe, "-d", f, "-o", "json", "-z", "-S", "none"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL).returncode
        if code in (0, 19):
            shutil.copy(f, data / f"{i:05d}_{f.name}")
    return data


def synthetic_repository(corpus, work, size):
    """A repository of SIZE templates made from the corpora's CloudFormation templates, in service folders of 50."""
    sources = [p for p in templates_under(corpus / "cfn-nag" / "templates")] + [p for p in templates_under(corpus / "sam-translator" / "input")]
    repo = work / "repo"
    for i in range(size):
        src = sources[i % len(sources)]
        folder = repo / f"service-{i // 50:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, folder / f"{i:05d}-{src.name}")
    return repo


def scale(iacscan, corpus, work, size):
    """Scans growing slices of the synthetic repository: time per template should stay flat (linear total)."""
    repo = synthetic_repository(corpus, work, size)
    folders = sorted(p for p in repo.iterdir())
    rows = []
    for fraction in (4, 2, 1):
        count = len(folders) // fraction
        args = [iacscan, "scan", *[str(f) for f in folders[:count]], "--fail-on", "none", "--format", "json", "--output", str(work / "scale.json")]
        wall, cpu, rss = run_timed(args)
        n = min(size, count * 50)
        rows.append((n, wall, cpu, rss))
        print(f"scale: {n:,} templates in {fmt(wall)} ({n / wall:.0f} templates/s, {1000 * wall / n:.2f} ms each, "
              f"{cpu / wall:.2f} cores busy, max RSS {rss:.0f} MB)", flush=True)
    n, wall, cpu, rss = rows[-1]
    first = rows[0]
    linearity = (wall / n) / (first[1] / first[0])
    print(f"scale figure: {n:,} templates in {fmt(wall)}, {cpu / wall:.2f} of {os.cpu_count()} cores, max RSS {rss:.0f} MB; "
          f"time per template at {n:,} is {linearity:.2f}x that at {first[0]:,} (1.00 = linear)", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iacscan", required=True)
    parser.add_argument("--cfn-guard", required=True)
    parser.add_argument("--quick", action="store_true", help="3 runs per pair, the corpus pair once without warm-up")
    parser.add_argument("--runs", type=int, default=None, help="runs per pair (default 7, 3 with --quick; env RUNS)")
    parser.add_argument("--corpus-runs", type=int, default=None, help="runs of the corpus pair (default 3, 1 with --quick; env CORPUS_RUNS)")
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--guard-corpus", default=None, help="templates for the corpus x rules pair (default: CORPUS/cfn-nag/templates)")
    parser.add_argument("--rules", default=str(ROOT / ".tools" / "cfn-guard" / "package" / "rules" / "control-tower" / "cfn-guard"))
    parser.add_argument("--template", default=str(ROOT / "fixtures" / "guard" / "templates" / "buckets.yaml"))
    parser.add_argument("--only", default="single,guard-one,guard-corpus,scale")
    args = parser.parse_args()
    if args.runs is None:
        args.runs = int(os.environ.get("RUNS", 3 if args.quick else 7))
    if args.corpus_runs is None:
        args.corpus_runs = int(os.environ.get("CORPUS_RUNS", 1 if args.quick else 3))
    only = set(args.only.split(","))
    corpus = Path(args.corpus)
    rules = Path(args.rules)
    rule_files = len(list(rules.rglob("*.guard")))
    started = time.perf_counter()
    print(f"date {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load before {os.getloadavg()[0]:.2f}{', quick' if args.quick else ''}", flush=True)

    with tempfile.TemporaryDirectory(prefix="iacscan-bench-") as tmp:
        work = Path(tmp)
        if "single" in only:
            cfn_lint = shutil.which("cfn-lint")
            if cfn_lint is None:
                print("single template, built-in rules: skipped, cfn-lint is not on PATH (pip install cfn-lint)")
            else:
                compare(f"single template ({Path(args.template).name}), built-in rules vs cfn-lint",
                        [args.iacscan, "scan", args.template, "--fail-on", "none", "--format", "json"],
                        [cfn_lint, args.template], "cfn-lint", args.runs)
        guard_args = ["-o", "json", "-z", "-S", "none"]
        if "guard-one" in only:
            compare(f"one template x {rule_files} Control Tower Guard rule files",
                    [args.iacscan, "guard", "validate", "-r", str(rules), "-d", args.template, *guard_args],
                    [args.cfn_guard, "validate", "-r", str(rules), "-d", args.template, *guard_args], "cfn-guard 3.1.1", args.runs)
        if "guard-corpus" in only:
            data = guard_loadable_corpus(args.cfn_guard, Path(args.guard_corpus or corpus / "cfn-nag" / "templates"), work)
            count = len(list(data.iterdir()))
            compare(f"corpus ({count:,} templates cfn-guard loads) x {rule_files} Guard rule files, one invocation",
                    [args.iacscan, "guard", "validate", "-r", str(rules), "-d", str(data), *guard_args],
                    [args.cfn_guard, "validate", "-r", str(rules), "-d", str(data), *guard_args], "cfn-guard 3.1.1", args.corpus_runs,
                    warm_up=not args.quick)
        if "scale" in only:
            scale(args.iacscan, corpus, work, args.scale)
    print(f"load after {os.getloadavg()[0]:.2f}; the benchmark took {fmt(time.perf_counter() - started)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
