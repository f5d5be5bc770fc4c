"""Wall time of an ingest of N varied documents (default 1,000): the local
(in-process) executor, a 2-worker local Dask cluster, and tables on moto's S3
server against a local folder.

    .venv/bin/python bench/scale_ingest.py [--docs 1000] [--runs local,dask,s3]

The documents are built in a temp folder from the .txt/.md/.docx files of
../shared/corpus, each made unique (a line appended to text, a comment set in a
.docx's core properties) so that every content hash differs; nothing is
written into the repository. Each run starts from empty tables and its own
Dagster instance. The `reports` asset (a Gantt chart per plan, about 1.5 s
each) is left out unless --reports: it would dominate and is the same work on
every executor. The machine's other load is not controlled: say so when
quoting the numbers.
"""
from __future__ import annotations

import argparse
import io
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


def sources() -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir()
                   if p.suffix in (*TEXT_SUFFIXES, DOCX_SUFFIX) and p.is_file())
    if not files:
        raise SystemExit(f"no .txt/.md/.docx files in {CORPUS}")
    return files


def varied(src: Path, i: int) -> bytes:
    """The bytes of `src` made unique by `i`."""
    if src.suffix == DOCX_SUFFIX:
        import docx
        doc = docx.Document(str(src))
        doc.core_properties.comments = f"vnplan bench copy {i}"
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    text = src.read_text(encoding="utf-8", errors="replace")
    return (text.rstrip("\n") + f"\n\nBản sao thử nghiệm số {i}.\n").encode("utf-8")


def build_raw(raw: Path, n: int) -> None:
    files = sources()
    raw.mkdir(parents=True)
    for i in range(n):
        src = files[i % len(files)]
        (raw / f"{i:05d}-{src.name}").write_bytes(varied(src, i))


WITH_REPORTS = False        # --reports: the charts too (one timeline per plan: slow)


def timed_ingest(raw: Path, processed, home: Path, executor) -> dict:
    from dagster import DagsterInstance

    from pipeline.commands import run_ingest, run_summary
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
            "rejected": s.get("rejected"), "steps_s": step_seconds(instance, result.run_id)}


def step_seconds(instance, run_id: str) -> dict[str, float]:
    """Seconds from start to success of each step, summed by kind (parse, publish, ...)."""
    from dagster import DagsterEventType
    starts, spent = {}, {}
    for rec in instance.all_logs(run_id):
        ev = rec.dagster_event
        if ev is None or ev.step_key is None:
            continue
        if ev.event_type == DagsterEventType.STEP_START:
            starts[ev.step_key] = rec.timestamp
        elif ev.event_type == DagsterEventType.STEP_SUCCESS and ev.step_key in starts:
            key = ev.step_key.split(".")[-1]
            kind = ("parse" if key.startswith("parse_") else "publish" if key.startswith("delta__")
                    else key)
            spent[kind] = round(spent.get(kind, 0.0) + rec.timestamp - starts[ev.step_key], 1)
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
    from pipeline.definitions import DASK, ExecutorChoice
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
