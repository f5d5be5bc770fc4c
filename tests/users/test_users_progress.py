"""Progress: a bar on a terminal, lines otherwise, nothing when quiet; the
parser of an ingest reports each file."""
from __future__ import annotations

import argparse
import io

from pipeline.outputs.progress import BAR, LINES, OFF, Progress, mode_for, reporting, track


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_modes_follow_the_flags_and_the_stream():
    args = argparse.Namespace(quiet=False, json=False)
    assert mode_for(args, Tty()) == BAR and mode_for(args, io.StringIO()) == LINES
    assert mode_for(argparse.Namespace(quiet=True, json=False), Tty()) == OFF
    assert mode_for(argparse.Namespace(quiet=False, json=True), Tty()) == OFF


def test_bar_lines_and_off():
    tty, plain, quiet = Tty(), io.StringIO(), io.StringIO()
    for stream, mode in ((tty, BAR), (plain, LINES), (quiet, OFF)):
        p = Progress("ingest: parse", 2, mode=mode, stream=stream)
        p.advance("a.txt")
        p.advance("b.docx")
        p.close()
    assert "\r" in tty.getvalue() and "2/2 b.docx" in tty.getvalue()
    assert tty.getvalue().endswith("\n") and "#" * 24 in tty.getvalue()
    assert plain.getvalue().splitlines() == ["ingest: parse: 1/2 a.txt",
                                             "ingest: parse: 2/2 b.docx"]
    assert quiet.getvalue() == ""


class FakePool:
    """The parts of pipeline.ingest.worker.ParsePool that `track` uses."""

    class limits:
        workers = 1

    def __init__(self):
        self.calls = []

    def parse_many(self, jobs):
        self.calls.append(len(jobs))
        return [f"parsed {p}" for p, _ in jobs]


def test_track_reports_each_file_of_a_pool_or_a_function():
    stream = io.StringIO()
    pool = FakePool()
    assert track(pool) is pool                       # nobody listening: untouched
    with reporting(Progress("parse", 6, mode=LINES, stream=stream)):
        results = track(pool).parse_many([(f"/raw/{i}.txt", None) for i in range(6)])
        assert track(str.upper)("/raw/x.txt") == "/RAW/X.TXT"
    assert results == [f"parsed /raw/{i}.txt" for i in range(6)]
    assert pool.calls == [4, 2]                      # chunks of 4 per worker
    assert stream.getvalue().splitlines()[-1] == "parse: 7/6 x.txt"
