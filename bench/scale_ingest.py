"""Wall time of an ingest of N varied documents (default 1,000): the local
(in-process) executor, a 2-worker local Dask cluster, and tables on moto's S3
server against a local folder.

    .venv/bin/python bench/scale_ingest.py [--docs 1000] [--runs local,dask,s3]

The documents are built in a temp folder from the .txt/.md/.docx files of
../shared/corpus, each made unique the way `bench.corpus` does it (trailing white
space on text, a zip comment on a .docx) so that every content hash differs; nothing is
written into the repository. Each run starts from empty tables and its own
Dagster instance. The `reports` asset (a Gantt chart per plan, about 1.5 s
each) is left out unless --reports: it would dominate and is the same work on
every executor. The machine's other load is not controlled: say so when
quoting the numbers.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
TEXT_SUFFIXES, DOCX_SUFFIX = (".txt", ".md"), ".docx"
sys.path.insert(0, str(REPO / "tests" / "scale"))      # the moto server helper
sys.path.insert(0, str(REPO))                          # bench.corpus

from bench.corpus import SourceFile, build_corpus  # noqa: E402


def build_raw(raw: Path, n: int) -> None:
    """N unique copies of the corpus's .txt/.md/.docx files (`bench.corpus`)."""
    files = [SourceFile(p, p.suffix[1:]) for p in sorted(CORPUS.iterdir())
             if p.is_file() and p.suffix in (*TEXT_SUFFIXES, DOCX_SUFFIX)]
    if not files:
        raise SystemExit(f"no .txt/.md/.docx files in {CORPUS}")
    build_corpus(files, raw, n)


def timed_ingest(raw: Path, processed, home: Path, executor) -> dict:
    from dagster import DagsterInstance

    from pipeline.defs.run import run_ingest, run_summary
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    instance = DagsterInstance.local_temp(str(home))
    start = time.perf_counter()
    result = run_ingest(raw, processed, instance=instance, executor=executor,
                        reports=WITH_REPORTS)
    wall = time.perf_counter() - start
    if not result.success:
        raise SystemExit(f"run into {processed} failed")
    s = run_summary(result)
    return {"wall_s": round(wall, 1), "documents": s.get("documents_added"),
            "rejected": s.get("rejected"), "steps_s": step_kinds(instance, result.run_id)}


def step_kinds(instance, run_id: str) -> dict[str, float]:
    """Seconds of the run's steps (`pipeline.defs.run.step_seconds`), summed by kind
    (parse, publish, ...)."""
    from pipeline.defs.run import step_seconds
    spent: dict[str, float] = {}
    for step_key, seconds in step_seconds(instance, run_id).items():
        key = step_key.split(".")[-1]
        kind = ("parse" if key.startswith("parse_") else "publish" if key.startswith("delta__")
                else key)
        spent[kind] = round(spent.get(kind, 0.0) + seconds, 1)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", default="local,dask,s3")
    ap.add_argument("--reports", action="store_true",
                    help="include the reports asset (renders a timeline per plan)")
    args = ap.parse_args()
    global WITH_REPORTS
    WITH_REPORTS = args.reports
    from pipeline.defs.executors import DASK, ExecutorChoice
    runs = args.runs.split(",")
    out: dict = {"docs": args.docs, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-") as tmp:
        base = Path(tmp)
        raw = base / "raw"
        t = time.perf_counter()
        build_raw(raw, args.docs)
        out["build_s"] = round(time.perf_counter() - t, 1)
        if "local" in runs:
            out["local"] = timed_ingest(raw, base / "local", base / "home-local", ExecutorChoice())
            print(json.dumps(out), flush=True)
        if "dask" in runs:
            # 2 Dask workers with one parse process each: as many parse processes
            # as the local run's pool (VNPLAN_PARSE_WORKERS=2)
            os.environ["VNPLAN_PARSE_WORKERS"] = "1"
            out["dask"] = timed_ingest(raw, base / "dask", base / "home-dask",
                                       ExecutorChoice(kind=DASK, shards=4, dask_workers=2))
            os.environ.pop("VNPLAN_PARSE_WORKERS")
            print(json.dumps(out), flush=True)
        if "s3" in runs:
            from s3_server import environment, moto_s3, s3_env
            with moto_s3() as endpoint, environment({**s3_env(endpoint),
                                                     "VNPLAN_LOCK_DIR": str(base / "locks"),
                                                     "VNPLAN_REPORTS_DIR": str(base / "rep")}):
                out["s3"] = timed_ingest(raw, "s3://vnplan-test/bench", base / "home-s3",
                                         ExecutorChoice())
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
