"""One ingest at a time per tables folder: an exclusive `flock` on
`<processed>/.ingest.lock`, held from reading the published state to the last
publish. A second ingest started meanwhile waits, then finds the work done.

The kernel drops the lock when its holder exits, killed or not, so a crashed
run never leaves a stale lock behind. Waiting is bounded by
VNPLAN_LOCK_TIMEOUT_S (default 3600 s); past it the run fails with LockTimeout.

Tables on an object store (`s3://...`) have no folder to lock: the lock file is
then local, `<dir>/<hash of the URI>.ingest.lock` with dir $VNPLAN_LOCK_DIR, else
$DAGSTER_HOME/locks, else the temp folder. It serialises the ingests started on
this machine (the sensor's, the schedule's, the CLI's); ingests started on
other machines are not held back by it, and correctness then rests on Delta's
optimistic concurrency: each commit is a conditional put (`If-None-Match`), a
losing writer retries (`pipeline.tables.publish`), and a publish replaces rows by key,
so two runs over the same input write the same rows.

With a multi-process executor (multiprocess, Dask, Kubernetes) resources are
set up per step, so the lock (the `IngestLock` resource of
`pipeline.defs.resources`) is held by each step that reads the published
state or publishes, not across the whole run; the parse steps do not take it.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

from pipeline.tables.storage import TablesLocation

LOCK_NAME = ".ingest.lock"
TIMEOUT_ENV = "VNPLAN_LOCK_TIMEOUT_S"
LOCK_DIR_ENV = "VNPLAN_LOCK_DIR"
DEFAULT_TIMEOUT_S = 3600.0
POLL_S = 0.05


class LockTimeout(TimeoutError):
    pass


def remote_lock_dir() -> Path:
    if os.environ.get(LOCK_DIR_ENV):
        return Path(os.environ[LOCK_DIR_ENV]).expanduser()
    if os.environ.get("DAGSTER_HOME"):
        return Path(os.environ["DAGSTER_HOME"]).expanduser() / "locks"
    return Path(tempfile.gettempdir()) / "vnplan-locks"


def lock_path(processed_dir: str | Path) -> Path:
    loc = TablesLocation.of(processed_dir)
    if loc.is_local:
        return loc.local_path / LOCK_NAME
    return remote_lock_dir() / f"{loc.key()}{LOCK_NAME}"


def default_timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    return float(value) if value else DEFAULT_TIMEOUT_S


@contextlib.contextmanager
def ingest_lock(processed_dir: str | Path, timeout_s: float | None = None) -> Iterator[Path]:
    """Hold the ingest lock of `processed_dir` (created if missing) for the block."""
    path = lock_path(processed_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    timeout_s = default_timeout() if timeout_s is None else timeout_s
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"another ingest has held {path} for over "
                                      f"{timeout_s:g} s ({TIMEOUT_ENV})") from None
                time.sleep(POLL_S)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())      # who holds it, for a human
        yield path
    finally:
        os.close(fd)                                    # releases the lock
