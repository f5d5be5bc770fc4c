"""`make bench`: throughput per format, cold ingest, incremental ingest and
notebook reads at several corpus sizes; prints a table and writes JSON.

    python -m bench.run_bench --n 100 1000 10000 --runs 3 [--corpus DIR] [--out DIR]
        [--wild DIR [--wild-ingest]]

Throughput per format is timed beside the raw readers (bench.raw_readers) in the same
runs, on the corpus and on the real documents of --wild ("real documents" rows);
--wild-ingest adds one cold `vnplan ingest` of the whole --wild folder.

For each N, a corpus of N documents is built in a temporary folder (see
bench.corpus for the mix) and, `runs` times: ingested cold (empty tables, new
Dagster home); then `runs` times one new document is added and ingested (the
incremental cost), and the unchanged corpus is ingested again (the cost of a
run with nothing to do); finally the `tasks` table is read `runs` times with
pandas and polars. Figures are medians; every run's figures are in the JSON.

Ingests run `vnplan ingest --no-reports` (to published tables) unless --reports:
the `reports` asset draws a timeline per plan (about a second each), which on a
cold run of N documents costs far more than the tables (see the step times in
the JSON of a --reports run).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import build_corpus, bulk_sources, classify
from bench.ingest_bench import read_tasks, run_ingest
from bench.machine import machine_info
from bench.report import format_report

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_WILD = REPO.parent / "shared" / "wild" / "docs"


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench_size(sources, n: int, runs: int, work: Path, log, reports: bool = False) -> dict:
    raw, processed = work / f"raw-{n}", work / f"processed-{n}"
    build_corpus(sources, raw, n)
    cold = []
    for r in range(runs):
        shutil.rmtree(processed, ignore_errors=True)
        shutil.rmtree(work / "home", ignore_errors=True)
        cold.append(run_ingest(raw, processed, work / "home", reports))
        log(f"N={n} cold run {r + 1}/{runs}: {cold[-1]['wall_s']:.1f} s, "
            f"{cold[-1]['peak_rss_mb']:.0f} MB")
    incremental, rerun = [], []
    for r in range(runs):
        build_corpus(sources, raw, 1, start=n + r)        # one new document
        incremental.append(run_ingest(raw, processed, work / "home", reports))
        rerun.append(run_ingest(raw, processed, work / "home", reports))
        log(f"N={n} +1 document run {r + 1}/{runs}: {incremental[-1]['wall_s']:.1f} s; "
            f"no change: {rerun[-1]['wall_s']:.1f} s")
    reads = [read_tasks(processed) for _ in range(runs)]
    out = {"n": n, "cold": cold, "incremental": incremental, "rerun": rerun, "read": reads}
    for name, rows in (("cold", cold), ("incremental", incremental), ("rerun", rerun)):
        out[f"{name}_median"] = {k: _median(rows, k) for k in ("wall_s", "peak_rss_mb", "cpu_s")}
    out["read_median"] = {k: _median(reads, k) for k in ("pandas_s", "polars_s")}
    out["read_median"]["rows"] = reads[-1]["rows"]
    shutil.rmtree(raw, ignore_errors=True)
    shutil.rmtree(processed, ignore_errors=True)
    return out


def throughput(corpus: Path, runs: int) -> dict:
    """Part 1 in a fresh process (so imports and caches start cold, then warm)."""
    out = subprocess.run([sys.executable, "-m", "bench.throughput", str(corpus), str(runs)],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def wild_throughput(folder: Path, runs: int) -> dict:
    """The real-documents rows (bench.throughput --wild), in a fresh process."""
    out = subprocess.run([sys.executable, "-m", "bench.throughput", "--wild", str(folder), str(runs)],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def wild_ingest(folder: Path, work: Path) -> dict:
    """One cold `vnplan ingest` of every file of `folder` (tables only), wall time and peak
    memory of the process tree."""
    out = run_ingest(folder, work / "processed-wild", work / "home-wild", False)
    out["folder"] = str(folder)
    out["files"] = sum(1 for p in folder.iterdir() if p.is_file())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="*", default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    ap.add_argument("--mix", choices=["bulk", "all"], default="bulk")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--wild", type=Path, default=None,
                    help=f"folder of real documents for the per-format rows (`make bench`: {DEFAULT_WILD})")
    ap.add_argument("--wild-ingest", action="store_true",
                    help="also a cold `vnplan ingest` of the whole --wild folder (minutes)")
    ap.add_argument("--reports", action="store_true",
                    help="ingest with the `reports` charts (default: --no-reports, tables only)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: {args.corpus}: no such corpus folder", file=sys.stderr)
        return 2
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)
    started = time.time()
    result = {"started_unix": started, "config": {"n": args.n, "runs": args.runs,
              "mix": args.mix, "reports": args.reports, "corpus": str(args.corpus.resolve())},
              "machine": machine_info(REPO)}
    if not args.skip_throughput:
        log("throughput per format (single process, CPU time)")
        result["throughput"] = throughput(args.corpus, args.runs)
    if args.wild is not None and not args.wild.is_dir():
        print(f"bench: {args.wild}: no such folder of real documents", file=sys.stderr)
        return 2
    if args.wild is not None:
        log(f"real documents per format: {args.wild}")
        result["wild"] = wild_throughput(args.wild, args.runs)
    if args.wild_ingest and args.wild is not None:
        log(f"cold ingest of {args.wild}")
        with tempfile.TemporaryDirectory(prefix="vnplan-bench-wild-") as tmp:
            result["wild_ingest"] = wild_ingest(args.wild, Path(tmp))
    sources = bulk_sources(classify(args.corpus), args.mix)
    result["config"]["sources"] = [s.path.name for s in sources]
    result["sizes"] = []
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-") as tmp:
        for n in args.n:
            result["sizes"].append(bench_size(sources, n, args.runs, Path(tmp), log, args.reports))
    result["load_average_end"] = os.getloadavg()
    result["elapsed_s"] = time.time() - started
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(started))}.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(format_report(result))
    print(f"\nfigures written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
