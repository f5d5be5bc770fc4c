"""Parse documents in worker processes, each document under a time and a memory limit.

One pathological file must not stall or kill a run. `ParsePool` keeps a few
long-lived worker processes (started from a `forkserver`, so cheaply and
without the parent's threads); the parent sends them `(path, content hash)`
jobs, two in flight per worker, and gets back for each a `ParsedDocument` or a
`Failure` `(reason, message, location)` whose reason is a word of
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
from pipeline.models import Failure
Parse = Callable[..., ParsedDocument]     # parse(path, data=bytes): reads only `data`

TIMEOUT_ENV, MEMORY_ENV = "VNPLAN_PARSE_TIMEOUT_S", "VNPLAN_PARSE_MEMORY_MB"
MAX_FILE_ENV, WORKERS_ENV = "VNPLAN_MAX_FILE_MB", "VNPLAN_PARSE_WORKERS"
TASKS_PER_WORKER = 500          # documents a worker parses before it is replaced
MAX_IDLE_DEATHS = 10            # workers found dead before a job: the pool gives up
PREFETCH = 2                    # jobs in flight per worker (one parsed, one waiting)
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


# binary document formats the readers read, by extension: a file named so whose
# bytes carry no known signature is damaged (`random bytes named .pdf`), not of
# another format
CLAIMED_FORMATS = frozenset({"pdf", "docx", "doc", "rtf"})


def _signed(head: bytes) -> bool:
    """Whether the bytes start with the signature of a format we know (a document
    container, or an image refused by name)."""
    from parsers.detect import IMAGE_MAGICS, OLE_MAGIC, PDF_MAGIC, RTF_MAGIC, ZIP_MAGIC
    return (head.startswith((OLE_MAGIC, ZIP_MAGIC, RTF_MAGIC, *IMAGE_MAGICS))
            or PDF_MAGIC in head[:1024])


def _binary(head: bytes) -> bool:
    """Bytes no text is made of: a NUL, or control characters beyond 1 in 100."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return b"\0" in head or controls > max(2, len(head) // 100)


def reject_reason(path: str, data: bytes, reason: str, message: str) -> tuple[str, str]:
    """The reject reason of a parse failure: `unsupported_format` becomes
    `corrupt` for a file named as a document format we read whose bytes are
    binary yet carry no known signature (random bytes named .pdf; a text saved
    as .pdf stays `unsupported_format`: it is of another format). A corrupt
    file is remembered by its content hash and not parsed again until it
    changes; an unsupported one is retried at every run (a reader may have
    been added)."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if reason == "unsupported_format" and ext in CLAIMED_FORMATS and data.strip() \
            and not _signed(data[:4096]) and _binary(data[:4096]):
        return "corrupt", (f"not a valid .{ext} file: its bytes carry no {ext.upper()} "
                           "signature (damaged, or not what its name says)")
    return reason, message


def parse_file(parse: Parse, path: str, expected_hash: str | None = None,
               max_bytes: int | None = None):
    """Parse one file: the ParsedDocument, or a Failure; never raises. The file is
    read once, here, and `parse` is given those bytes (the ones hashed)."""
    data = _read_checked(path, expected_hash, max_bytes or Limits().max_file_bytes)
    if isinstance(data, tuple):
        return data
    try:
        return parse(path, data=data)
    except ParseError as e:
        return (*known_reason(*reject_reason(path, data, e.reason, e.message)), e.location)
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
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = parse_file(parse, *job)
        try:
            conn.send(result)
        except (pickle.PicklingError, TypeError, AttributeError, MemoryError) as e:
            result = ("error", f"result could not be sent: {type(e).__name__}: {e}", None)
            conn.send(result)
        if isinstance(result, tuple) and result[0] == "memory":
            return               # a MemoryError may leave the interpreter damaged


class _Worker:
    """One worker process and the jobs sent to it (the first is being parsed)."""

    def __init__(self, ctx, parse: Parse, memory_mb: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, parse, memory_mb),
                                   daemon=True, name="vnplan-parse")
        self.process.start()
        child.close()
        self.done = 0
        self.jobs: deque[tuple[int, tuple]] = deque()   # (index, job) in the order sent
        self.deadline = 0.0                            # of the job being parsed

    def send(self, index: int, job: tuple, timeout_s: float) -> None:
        if not self.jobs:
            self.deadline = time.monotonic() + timeout_s
        self.conn.send(job)
        self.jobs.append((index, job))

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
    """Long-lived parse workers; `parse_many` parses a batch across them.

    Each worker has up to PREFETCH jobs in flight, so it never waits for the
    parent between two documents; the time limit runs from the moment a job
    reaches the head of its worker's queue. Jobs queued behind one that times
    out or crashes its worker are sent again to a fresh worker."""

    def __init__(self, parse: Parse, limits: Limits | None = None):
        self.parse = parse
        self.limits = limits or Limits.from_env()
        pickle.dumps(parse)      # a lambda cannot reach a worker: fail here, clearly
        self.ctx = multiprocessing.get_context(CONTEXT)
        # what the fork server imports once for all workers (effective when it
        # starts); not the default "__main__", which would run a caller's
        # unguarded script again inside the server
        # (a wrapping parser names the modules of what it wraps: `preload`)
        module = getattr(parse, "__module__", None)
        modules = list(getattr(parse, "preload", None) or ([module] if module else []))
        self.ctx.set_forkserver_preload([__name__] + modules)
        self.workers: list[_Worker] = []
        self.replaced = 0        # workers killed or lost (timeouts, crashes)
        self.idle_deaths = 0
        self._todo: deque = deque()
        self._results: list = []
        self._on_result = None

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

    def parse_many(self, jobs: Sequence[tuple[str, str | None]],
                   on_result: Callable[[int, object], None] | None = None) -> list:
        """ParsedDocument or Failure for each (path, expected sha256 or None), in
        order; `on_result(index, result)` is called as each one arrives."""
        max_bytes = self.limits.max_file_bytes
        self._todo = deque((i, (path, expected, max_bytes))
                           for i, (path, expected) in enumerate(jobs))
        self._results, self._on_result = [None] * len(jobs), on_result
        while self._todo or self._busy():
            self._start_workers()
            self._dispatch()
            if self._busy():
                self._collect()
        return self._results

    def _busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.jobs]

    def _start_workers(self) -> None:
        self.workers = [w for w in self.workers if w.process.is_alive() or w.jobs]
        want = min(max(self.limits.workers, 1), len(self._busy()) + len(self._todo))
        while len(self.workers) < want:
            self.workers.append(_Worker(self.ctx, self.parse, self.limits.memory_mb))

    def _dispatch(self) -> None:
        for depth in range(1, PREFETCH + 1):            # spread first, then queue behind
            for w in list(self.workers):
                if len(w.jobs) < depth and self._todo and w.done + len(w.jobs) < TASKS_PER_WORKER:
                    i, job = self._todo.popleft()
                    try:
                        w.send(i, job, self.limits.timeout_s)
                    except OSError:            # it died idle: the job goes to another
                        self._todo.appendleft((i, job))
                        self._lose(w)
                        self.idle_deaths += 1
                        if self.idle_deaths > MAX_IDLE_DEATHS:
                            raise RuntimeError("parse workers keep dying before any work")

    def _collect(self) -> None:
        busy = self._busy()
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=timeout)
        for w in busy:
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):
                    self._fail_head(w, w.death())
                    continue
                self._finish(w, result)
            elif time.monotonic() >= w.deadline:
                w.kill()
                self._fail_head(w, ("timeout", f"parsing took longer than "
                                    f"{self.limits.timeout_s:g} s", None))

    def _set(self, index: int, result) -> None:
        self._results[index] = result
        if self._on_result is not None:
            self._on_result(index, result)

    def _finish(self, w: _Worker, result) -> None:
        index, _ = w.jobs.popleft()
        w.done += 1
        w.deadline = time.monotonic() + self.limits.timeout_s
        self._set(index, result)
        memory = isinstance(result, tuple) and result[0] == "memory"
        if memory or (w.done >= TASKS_PER_WORKER and not w.jobs):
            self._lose(w, stop=True)                 # a MemoryError leaves it exiting

    def _fail_head(self, w: _Worker, failure: Failure) -> None:
        """The job being parsed failed with its worker; the worker is gone."""
        index, _ = w.jobs.popleft()
        self._set(index, failure)
        self._lose(w)

    def _lose(self, w: _Worker, stop: bool = False) -> None:
        """Drop a worker; the jobs queued behind go back to the front of the queue."""
        self._todo.extendleft(reversed(w.jobs))
        w.jobs.clear()
        if stop:
            w.stop()
        else:
            w.kill()
            self.replaced += 1
        if w in self.workers:
            self.workers.remove(w)


@contextlib.contextmanager
def parser_for(parse: Parse, limits: Limits | None = None):
    """A ParsePool over `parse` (closed on exit), or `parse` itself with workers = 0
    or inside a daemon process, which may not start children (a Dask worker of a
    cluster whose `distributed.worker.daemon` is left True): there the documents
    are parsed without the time and memory limits."""
    limits = limits or Limits.from_env()
    if limits.workers <= 0 or multiprocessing.current_process().daemon:
        yield parse
        return
    with ParsePool(parse, limits) as pool:
        yield pool
