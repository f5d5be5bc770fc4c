"""Helpers of the reliability tests: parsers that misbehave on purpose (they
run inside parse workers, so they live in an importable module), the client
of the zygote process, and table snapshots to compare runs."""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from extractors.extract import extract

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TIMESTAMPS = {"first_seen", "last_seen"}


# --- misbehaving parsers (chosen by a word in the file name) ---------------------

def unruly_parse(path: str, data: bytes | None = None):
    """The real extractor, except on files named for a failure:
    `sleep` never returns, `hog` allocates 8 GB, `crash` aborts the
    interpreter, `oom` is SIGKILLed (as by the OOM killer), `exit` exits."""
    name = Path(path).name
    if "sleep" in name:
        time.sleep(3600)
    if "hog" in name:            # 8 GB, 64 MB at a time, each written to
        return [bytearray(64 << 20) for _ in range(128)]
    if "crash" in name:
        os.abort()
    if "oom" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "exit" in name:
        os._exit(3)
    if "spawn" in name:          # a child process that outlives a timeout unless killed
        child = subprocess.Popen(["sleep", "3600"])
        Path(path).with_suffix(".pid").write_text(str(child.pid))
        time.sleep(3600)
    return extract(path, data=data)


def pid_parse(path: str, data: bytes | None = None):
    """Fails with the worker's pid as the message (to see workers reused)."""
    raise RuntimeError(os.getpid())


def raising_parse(path: str, data: bytes | None = None):
    from parsers.model import ParseError
    raise ParseError(str(os.getpid()), path=path, reason="made_up_reason")


# --- the zygote --------------------------------------------------------------------

class Zygote:
    """Client of zygote.py: `start(id, raw, processed)` forks a run, `events` follow it."""

    def __init__(self):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, str(HERE / "zygote.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     cwd=REPO, env=env)
        self.events: queue.Queue = queue.Queue()
        self.pending: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait(lambda e: e.get("event") == "ready", timeout=120)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.events.put(json.loads(line))
        self.events.put({"event": "zygote-exit"})

    def start(self, run_id: str, raw: Path, processed: Path, **env) -> int:
        cmd = {"id": run_id, "raw": str(raw), "processed": str(processed), "env": env}
        self.proc.stdin.write((json.dumps(cmd) + "\n").encode())
        self.proc.stdin.flush()
        return self.wait(lambda e: e.get("id") == run_id and e["event"] == "start")["pid"]

    def wait(self, match, timeout: float = 120) -> dict:
        """The first event (kept or new) that `match`es; the others are kept."""
        for i, e in enumerate(self.pending):
            if match(e):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching event from the zygote")
            e = self.events.get(timeout=left)
            if e.get("event") == "zygote-exit":
                raise RuntimeError("the zygote exited")
            if match(e):
                return e
            self.pending.append(e)

    def run(self, run_id: str, raw: Path, processed: Path, **env) -> dict:
        """Run to the end; the `done` event (success, summary, checks)."""
        self.start(run_id, raw, processed, **env)
        done = self.wait(lambda e: e.get("id") == run_id and e["event"] == "done")
        self.wait(lambda e: e.get("id") == run_id and e["event"] == "exit")
        return done

    def drop(self, run_id: str) -> list[dict]:
        """The kept events of a run, forgotten."""
        mine = [e for e in self.pending if e.get("id") == run_id]
        self.pending[:] = [e for e in self.pending if e.get("id") != run_id]
        return mine

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


# --- snapshots -----------------------------------------------------------------------

def _hashable(v):
    return tuple(v) if isinstance(v, list) else v


RUNS_LOG = "runs"      # a log of the runs themselves: ids, times and counts differ by design


def data_of(snap: dict[str, Counter]) -> dict[str, Counter]:
    """A snapshot without the runs log: what two histories that end alike share (a
    killed and resumed run is two runs in the log, a clean one is one)."""
    return {name: rows for name, rows in snap.items() if name != RUNS_LOG}


def snapshot(processed: Path, tables) -> dict[str, Counter]:
    """Each table's rows as a multiset (timestamps left out: runs differ in time)."""
    from pipeline.tables.publish import read_table
    out = {}
    for name in tables:
        rows = read_table(processed, name).to_pylist()
        out[name] = Counter(tuple(sorted((k, _hashable(v)) for k, v in r.items()
                                         if k not in TIMESTAMPS)) for r in rows)
    return out


def versions(processed: Path, tables) -> dict[str, int | None]:
    from pipeline.tables.publish import open_table
    return {t: (dt.version() if (dt := open_table(processed, t)) else None) for t in tables}
