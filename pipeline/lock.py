"""One ingest at a time per tables folder: an exclusive `flock` on
`<processed>/.ingest.lock`, held from reading the published state to the last
publish. A second ingest started meanwhile waits, then finds the work done.

The kernel drops the lock when its holder exits, killed or not, so a crashed
run never leaves a stale lock behind. Waiting is bounded by
VNPLAN_LOCK_TIMEOUT_S (default 3600 s); past it the run fails with LockTimeout.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Iterator

from dagster import ConfigurableResource, InitResourceContext

LOCK_NAME = ".ingest.lock"
TIMEOUT_ENV = "VNPLAN_LOCK_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 3600.0
POLL_S = 0.05


class LockTimeout(TimeoutError):
    pass


def lock_path(processed_dir: str | Path) -> Path:
    return Path(processed_dir) / LOCK_NAME


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


class IngestLock(ConfigurableResource):
    """The Dagster face of `ingest_lock`: held for the whole run by every run
    whose steps read the published state or publish (in-process executor)."""

    processed_dir: str

    @contextlib.contextmanager
    def yield_for_execution(self, context: InitResourceContext):
        with ingest_lock(Path(self.processed_dir).expanduser()):
            yield self
