"""A warm process that forks ingest runs on request, for the kill and the
concurrency tests: importing Dagster costs seconds, a fork costs milliseconds.

Run as a script (`python zygote.py`); it reads one JSON command per line on
stdin and writes one JSON event per line on stdout:

    {"id": "r1", "raw": DIR, "processed": DIR, "env": {...}}      (stdin)
    {"id": "r1", "pid": 123, "event": "start"}                      (stdout)
    {"id": "r1", "event": "publish", "table": "tasks", "t": ...}    before each publish
    {"id": "r1", "event": "published", "table": "tasks", ...}       after it
    {"id": "r1", "event": "done", "success": true, "summary": {...}, "checks": {...}}
    {"id": "r1", "pid": 123, "event": "exit", "status": -9}         (-N: killed by signal N)

The zygote is single-threaded and never touches Delta itself (the deltalake
runtime must be created after the fork, in the child). Each child runs the
`ingest` job's table assets (the `reports` charts are left out) in process,
parsing in process (VNPLAN_PARSE_WORKERS=0 unless the command says otherwise).
"""
from __future__ import annotations

import json
import os
import select
import sys
import time
from pathlib import Path

OUT = sys.stdout.fileno()


def emit(**event) -> None:
    os.write(OUT, (json.dumps(event, default=str) + "\n").encode())


def _table_selection(defs):
    graph = defs.resolve_asset_graph()
    return [k for k in graph.get_all_asset_keys() if graph.get(k).group_name != "reports"]


def child(cmd: dict) -> int:
    os.environ.update({"VNPLAN_PARSE_WORKERS": "0", **cmd.get("env", {})})
    from dagster import DagsterInstance

    from pipeline.tables import publish
    from pipeline.defs.definitions import build_definitions
    from pipeline.defs.resources import VnplanPaths
    real = publish.publish

    def traced(root, name, rows, keys):
        emit(id=cmd["id"], event="publish", table=name, t=time.monotonic())
        result = real(root, name, rows, keys)
        emit(id=cmd["id"], event="published", table=name, t=time.monotonic(),
             committed=result.committed, version=result.version)
        return result

    publish.publish = traced
    defs = build_definitions(VnplanPaths(raw_dir=cmd["raw"], processed_dir=cmd["processed"]))
    job = defs.resolve_job_def("ingest")
    result = job.execute_in_process(
        instance=DagsterInstance.ephemeral(), asset_selection=_table_selection(defs),
        run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
        raise_on_error=False)
    summary = dict(result.output_for_node("parsed_documents").summary) if result.success else {}
    checks = {f"{'/'.join(e.asset_key.path)}:{e.check_name}": e.passed
              for e in result.get_asset_check_evaluations()}
    emit(id=cmd["id"], event="done", success=result.success, summary=summary, checks=checks)
    return 0 if result.success else 1


def _warm_up() -> None:
    """Import everything a run imports, without starting any runtime: a first
    run in a throw-away child lists the modules, the zygote imports them."""
    import importlib
    import tempfile

    from extractors.agencies import AgencyRegistry
    AgencyRegistry.load()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        (raw / "kh.txt").write_text("KẾ HOẠCH\nI. NHIỆM VỤ\n1. Kiểm tra\n"
                                    "- Đơn vị chủ trì: Sở Y tế.\n", encoding="utf-8")
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            global OUT
            OUT = os.open(os.devnull, os.O_WRONLY)
            try:
                child({"id": "warm-up", "raw": str(raw), "processed": f"{tmp}/processed"})
                os.write(w, "\n".join(sorted(sys.modules)).encode())
            finally:
                os._exit(0)
        os.close(w)
        names = b""
        while chunk := os.read(r, 1 << 20):
            names += chunk
        os.waitpid(pid, 0)
    for name in names.decode().split("\n"):
        if name and not name.startswith("__"):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a module that imports only at run time
                pass


def main() -> None:
    _warm_up()
    emit(event="ready")
    running: dict[int, str] = {}
    buf = b""
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], 0.02)
        if ready:
            chunk = os.read(sys.stdin.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                cmd = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    code = 1
                    try:
                        code = child(cmd)
                    finally:
                        os._exit(code)
                running[pid] = cmd["id"]
                emit(id=cmd["id"], pid=pid, event="start")
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            emit(id=running.pop(pid), pid=pid, event="exit", status=code)
    for pid in running:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
