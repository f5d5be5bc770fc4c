"""Parts 2-4 of the benchmark: `vnplan ingest` as users run it, and reading the
`tasks` table from a notebook.

Each ingest is the real command (`vnplan ingest RAW --processed OUT --json`) in
a subprocess with its own DAGSTER_HOME; its wall time and the peak memory of
its process tree (the sum of the resident sets of the command and its parse
workers, sampled from /proc every 50 ms) are recorded with the run's summary
(`parsed`, `new_files`, ...: which work ran).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_S = 0.05
REPO = Path(__file__).resolve().parent.parent


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in KB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_kb(p)
        todo.extend(_children(p))
    return total


class PeakMemory:
    """Samples the process tree of `pid` in a thread until stopped; `peak_mb`."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop.wait(SAMPLE_S)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def vnplan_command() -> list[str]:
    exe = Path(sys.executable).with_name("vnplan")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.cli"]


def run_ingest(raw: Path, processed: Path, dagster_home: Path, reports: bool = False) -> dict:
    """One `vnplan ingest --json` run (`--no-reports` unless `reports`): wall_s,
    peak_rss_mb, cpu_s (of the waited processes), summary, steps (seconds by step)."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    if not (dagster_home / "dagster.yaml").exists():       # the users' instance settings
        shutil.copyfile(REPO / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    env = dict(os.environ, DAGSTER_HOME=str(dagster_home))
    cmd = vnplan_command() + ["ingest", str(raw), "--processed", str(processed), "--json"]
    if not reports:
        cmd.append("--no-reports")
    before = os.times()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak = PeakMemory(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    peak_mb = peak.stop()
    after = os.times()
    if proc.returncode != 0:
        raise RuntimeError(f"vnplan ingest failed ({proc.returncode}): {err.strip()[-2000:]}")
    result = json.loads(out)
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    return {"wall_s": wall, "peak_rss_mb": peak_mb, "cpu_s": cpu,
            "summary": result["summary"], "steps": result.get("steps", {}),
            "tables": {t["table"]: {"version": t["version"], "rows": t["rows"]}
                       for t in result["tables"]},
            "failed_checks": result["failed_checks"]}


def read_tasks(processed: Path) -> dict:
    """Seconds to read the `tasks` table the notebook ways, and its rows."""
    import polars
    from deltalake import DeltaTable
    path = str(processed / "tasks")
    t0 = time.perf_counter()
    df = DeltaTable(path).to_pandas()
    t1 = time.perf_counter()
    pl = polars.read_delta(path)
    t2 = time.perf_counter()
    files = len(DeltaTable(path).file_uris())
    return {"pandas_s": t1 - t0, "polars_s": t2 - t1, "rows": len(df),
            "polars_rows": pl.height, "parquet_files": files}
