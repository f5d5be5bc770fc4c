"""Parse documents in worker processes, each document under a time and a memory limit.

One pathological file must not stall or kill a run. `ParsePool` keeps a few
long-lived worker processes (started from a `forkserver`, so cheaply and
without the parent's threads); the parent sends one `(path, content hash)` at a
time to each idle worker and gets back a `ParsedDocument` or a `Failure`
`(reason, message, location)` whose reason is a word of
`parsers.model.REJECT_REASONS`:

- a worker that takes longer than the time limit on one document is killed
  (with its process group: a converter or OCR child goes too) → `timeout`;
- each worker runs under `RLIMIT_AS` (the memory limit): a `MemoryError` →
  `memory`; a worker killed by the kernel's OOM killer (SIGKILL) → `memory`;
  any other death of a worker → `error`;
- a replacement worker is started after any of these, and after
  `TASKS_PER_WORKER` documents (a leak cannot grow without bound).

`parse_file` is the body of one job, also used in process (workers = 0): the
file is checked (present, regular, not over the size limit), read once, its
hash compared with the one scanned (`changed` if it moved on meanwhile,
`vanished` if it is gone) and parsed; every exception becomes a Failure.

Limits come from the environment: VNPLAN_PARSE_TIMEOUT_S (120),
VNPLAN_PARSE_MEMORY_MB (2048), VNPLAN_MAX_FILE_MB (100), VNPLAN_PARSE_WORKERS
(2; 0 parses in the calling process without limits).
"""
from __future__ import annotations

import contextlib
import hashlib
import inspect
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable, Sequence

from parsers.model import REJECT_REASONS, ParsedDocument, ParseError

Failure = tuple[str, str, "str | None"]          # reason, message, location
Result = "ParsedDocument | Failure"
Parse = Callable[..., ParsedDocument]

TIMEOUT_ENV, MEMORY_ENV = "VNPLAN_PARSE_TIMEOUT_S", "VNPLAN_PARSE_MEMORY_MB"
MAX_FILE_ENV, WORKERS_ENV = "VNPLAN_MAX_FILE_MB", "VNPLAN_PARSE_WORKERS"
TASKS_PER_WORKER = 500          # documents a worker parses before it is replaced
CONTEXT = "forkserver"          # never "fork": the parent (Dagster) runs threads
MB = 1024 * 1024


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 120.0
    memory_mb: int = 2048           # 0: no memory limit
    max_file_mb: float = 100.0
    workers: int = 2                # 0: parse in the calling process

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @classmethod
    def from_env(cls) -> "Limits":
        d = cls()
        return cls(timeout_s=_env_number(TIMEOUT_ENV, d.timeout_s),
                   memory_mb=int(_env_number(MEMORY_ENV, d.memory_mb)),
                   max_file_mb=_env_number(MAX_FILE_ENV, d.max_file_mb),
                   workers=int(_env_number(WORKERS_ENV, d.workers)))


def known_reason(reason: str | None, message: str) -> tuple[str, str]:
    """A reason of the vocabulary: an unknown one becomes `error`, named in the message."""
    if reason in REJECT_REASONS:
        return reason, message
    return "error", f"[reason {reason!r}] {message}"


def _takes_data(parse: Parse) -> bool:
    try:
        return "data" in inspect.signature(parse).parameters
    except (TypeError, ValueError):
        return False


def _read_checked(path: str, expected_hash: str | None, max_bytes: int) -> bytes | Failure:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_size > max_bytes:
                return ("too_large", f"{st.st_size} bytes, over the {max_bytes // MB} MB limit",
                        None)
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        return ("vanished", "file removed before it was parsed", None)
    except IsADirectoryError:
        return ("not_regular", "a folder, not a file", None)
    except OSError as e:
        return ("unreadable", f"cannot read: {e.strerror or e}", None)
    if len(data) > max_bytes:
        return ("too_large", f"grew over the {max_bytes // MB} MB limit while read", None)
    if expected_hash and hashlib.sha256(data).hexdigest() != expected_hash:
        return ("changed", "file changed after it was scanned; it is parsed at the next run",
                None)
    return data


def parse_file(parse: Parse, path: str, expected_hash: str | None = None,
               max_bytes: int | None = None, takes_data: bool | None = None):
    """Parse one file: the ParsedDocument, or a Failure; never raises."""
    data = _read_checked(path, expected_hash, max_bytes or Limits().max_file_bytes)
    if isinstance(data, tuple):
        return data
    if takes_data is None:
        takes_data = _takes_data(parse)
    try:
        return parse(path, data=data) if takes_data else parse(path)
    except ParseError as e:
        return (*known_reason(e.reason, e.message), e.location)
    except MemoryError:
        return ("memory", "parsing needed more memory than the limit", None)
    except Exception as e:  # an extractor bug must not sink the whole batch
        return ("error", f"{type(e).__name__}: {e}", None)


# --- the worker process ------------------------------------------------------

def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        import resource
        limit = memory_mb * MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn, parse: Parse, memory_mb: int) -> None:
    """Receive (path, hash, max_bytes) jobs until None or the parent is gone."""
    os.setpgid(0, 0)             # its own process group: a timeout kills its children too
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    _limit_memory(memory_mb)
    takes_data = _takes_data(parse)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = parse_file(parse, *job, takes_data=takes_data)
        try:
            conn.send(result)
        except (pickle.PicklingError, TypeError, AttributeError, MemoryError) as e:
            result = ("error", f"result could not be sent: {type(e).__name__}: {e}", None)
            conn.send(result)
        if isinstance(result, tuple) and result[0] == "memory":
            return               # a MemoryError may leave the interpreter damaged


class _Worker:
    def __init__(self, ctx, parse: Parse, memory_mb: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, parse, memory_mb),
                                   daemon=True, name="vnplan-parse")
        self.process.start()
        child.close()
        self.done = 0
        self.job: int | None = None      # index of the job it is parsing
        self.deadline = 0.0

    def send(self, index: int, job: tuple, timeout_s: float) -> None:
        self.job, self.deadline = index, time.monotonic() + timeout_s
        self.conn.send(job)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()

    def death(self) -> Failure:
        """The Failure of the job a worker died on."""
        self.process.join(5)
        code = self.process.exitcode
        self.kill()
        if code == -signal.SIGKILL:
            return ("memory", "worker killed by SIGKILL (out of memory?)", None)
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ("error", f"worker crashed ({how})", None)


class ParsePool:
    """Long-lived parse workers; `parse_many` parses a batch across them."""

    def __init__(self, parse: Parse, limits: Limits | None = None):
        self.parse = parse
        self.limits = limits or Limits.from_env()
        pickle.dumps(parse)      # a lambda cannot reach a worker: fail here, clearly
        self.ctx = multiprocessing.get_context(CONTEXT)
        # what the fork server imports once for all workers (effective when it
        # starts); not the default "__main__", which would run a caller's
        # unguarded script again inside the server
        self.ctx.set_forkserver_preload(["pipeline.worker", getattr(parse, "__module__", "")])
        self.workers: list[_Worker] = []
        self.replaced = 0        # workers killed or lost (timeouts, crashes)

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for w in self.workers:
            w.stop()
        self.workers = []

    def __call__(self, path: str):
        """Parse one file in a worker (ParseError for a Failure), like `extract(path)`."""
        (result,) = self.parse_many([(path, None)])
        if isinstance(result, tuple):
            raise ParseError(result[1], path=path, location=result[2], reason=result[0])
        return result

    def parse_many(self, jobs: Sequence[tuple[str, str | None]]) -> list:
        """ParsedDocument or Failure for each (path, expected sha256 or None), in order."""
        results: list = [None] * len(jobs)
        todo = deque(enumerate(jobs))
        max_bytes = self.limits.max_file_bytes
        while todo or any(w.job is not None for w in self.workers):
            self._start_workers(len(todo))
            for w in self.workers:
                if w.job is None and todo:
                    i, (path, expected) = todo.popleft()
                    w.send(i, (path, expected, max_bytes), self.limits.timeout_s)
            self._collect(results)
        return results

    def _start_workers(self, waiting: int) -> None:
        self.workers = [w for w in self.workers if w.process.is_alive() or w.job is not None]
        busy = sum(w.job is not None for w in self.workers)
        want = min(max(self.limits.workers, 1), busy + waiting)
        while len(self.workers) < want:
            self.workers.append(_Worker(self.ctx, self.parse, self.limits.memory_mb))

    def _collect(self, results: list) -> None:
        busy = [w for w in self.workers if w.job is not None]
        now = time.monotonic()
        ready = wait([w.conn for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - now))
        for w in busy:
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):
                    result = w.death()
                    self._drop(w)
                self._finish(w, result, results)
            elif time.monotonic() >= w.deadline:
                w.kill()
                self._drop(w)
                self._finish(w, ("timeout", f"parsing took longer than "
                                 f"{self.limits.timeout_s:g} s", None), results)

    def _finish(self, w: _Worker, result, results: list) -> None:
        results[w.job] = result
        w.job = None
        w.done += 1
        if w in self.workers and (w.done >= TASKS_PER_WORKER or
                                  (isinstance(result, tuple) and result[0] == "memory")):
            w.stop()
            self.workers.remove(w)

    def _drop(self, w: _Worker) -> None:
        self.replaced += 1
        if w in self.workers:
            self.workers.remove(w)


@contextlib.contextmanager
def parser_for(parse: Parse, limits: Limits | None = None):
    """A ParsePool over `parse` (closed on exit), or `parse` itself with workers = 0."""
    limits = limits or Limits.from_env()
    if limits.workers <= 0:
        yield parse
        return
    with ParsePool(parse, limits) as pool:
        yield pool
