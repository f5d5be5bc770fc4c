"""Feedback for long commands: a progress bar on a terminal, plain lines on
stderr otherwise, nothing with `--quiet` or `--json` (scripts read stdout).

`reporting(progress)` makes a `Progress` the current one for the duration of a
run; `expect(n)` sets its total once the work is planned (the files to parse,
not every file); `track(parse)` wraps the parser the ingest asset uses (the
extractor, or the pool of parse workers) so that each parsed file advances it
(the job runs in process, so the asset sees the progress the command set).
"""
from __future__ import annotations

import argparse
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TextIO

BAR, LINES, OFF = "bar", "lines", "off"
BAR_WIDTH = 24


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress and no summary (errors still go to stderr)")
    parser.add_argument("--json", action="store_true",
                        help="print the result as one JSON object on stdout, nothing else")


def mode_for(args: argparse.Namespace, stream: TextIO | None = None) -> str:
    if getattr(args, "quiet", False) or getattr(args, "json", False):
        return OFF
    stream = stream or sys.stderr
    return BAR if getattr(stream, "isatty", lambda: False)() else LINES


class Progress:
    """`advance(item)` once per unit of work; `close()` ends the bar's line."""

    def __init__(self, label: str, total: int | None = None, *, mode: str = LINES,
                 stream: TextIO | None = None):
        self.label, self.total, self.mode = label, total, mode
        self.stream = stream or sys.stderr
        self.done = 0
        self._drawn = False

    def _bar(self, item: str) -> str:
        if self.total:
            filled = min(BAR_WIDTH, BAR_WIDTH * self.done // self.total)
            head = f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] " \
                   f"{self.done}/{self.total}"
        else:
            head = f"{self.label} {self.done}"
        width = shutil.get_terminal_size((100, 20)).columns - 1
        return f"{head} {item}"[:width].ljust(width)

    def advance(self, item: str = "", step: int = 1) -> None:
        self.done += step
        if self.mode == BAR:
            self.stream.write("\r" + self._bar(item))
            self.stream.flush()
            self._drawn = True
        elif self.mode == LINES:
            count = f"{self.done}/{self.total}" if self.total else str(self.done)
            print(f"{self.label}: {count} {item}".rstrip(), file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """A status line between units of work (not shown when quiet)."""
        if self.mode == OFF:
            return
        if self._drawn:
            self.stream.write("\n")
            self._drawn = False
        print(f"{self.label}: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


_current: list[Progress] = []


def current() -> Progress | None:
    return _current[-1] if _current else None


@contextmanager
def reporting(progress: Progress):
    _current.append(progress)
    try:
        yield progress
    finally:
        _current.pop()
        progress.close()


class _Tracked:
    """A parser that advances the current progress once per file."""

    def __init__(self, parse: Callable):
        self.parse = parse

    def __call__(self, path, *args, **kwargs):
        try:
            return self.parse(path, *args, **kwargs)
        finally:
            _advance(path)


class _TrackedPool(_Tracked):
    """A `pipeline.worker.ParsePool` fed in chunks of a few files per worker, so
    progress moves while the batch is parsed (the pool answers per call)."""

    def parse_many(self, jobs):
        jobs = list(jobs)
        workers = max(1, getattr(getattr(self.parse, "limits", None), "workers", 1))
        size = CHUNK_PER_WORKER * workers
        results = []
        for i in range(0, len(jobs), size):
            chunk = jobs[i:i + size]
            results += self.parse.parse_many(chunk)
            for job in chunk:
                _advance(job[0])
        return results


CHUNK_PER_WORKER = 4


def _advance(path) -> None:
    p = current()
    if p is not None:
        p.advance(Path(str(path)).name)


def expect(total: int, nothing: str = "nothing new to parse") -> None:
    """Tell the current progress how many units the work holds, once it is
    planned (an ingest counts the files it will parse, not every file)."""
    p = current()
    if p is None:
        return
    p.total = total
    if total == 0:
        p.note(nothing)


def track(parse: Callable) -> Callable:
    """`parse` reporting each parsed file to the current progress; `parse`
    itself when no progress is being reported (runs from the UI, the sensor)."""
    if current() is None:
        return parse
    return _TrackedPool(parse) if hasattr(parse, "parse_many") else _Tracked(parse)
