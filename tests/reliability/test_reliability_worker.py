"""The parse workers: a document that hangs, eats memory or crashes its worker
becomes a reject with a named reason, the pool replaces the worker and the
batch goes on; workers are reused, results come back in order."""
from __future__ import annotations

import os
import time
from collections import Counter

import pytest

from bad_files import plan_text, write
from parsers.model import ParsedDocument, ParseError
from pipeline.ingest.worker import Limits, ParsePool, parse_file, parser_for
from reliability_helpers import pid_parse, raising_parse, unruly_parse

pytestmark = pytest.mark.slow          # worker processes, timeouts and crashes

FAST = Limits(timeout_s=3, memory_mb=1024, max_file_mb=1, workers=2)


def _plans(folder, n, prefix="kh"):
    return [str(write(folder / f"{prefix}-{i}.txt", plan_text(i))) for i in range(n)]


def _reasons(results):
    return [r[0] if isinstance(r, tuple) else "document" for r in results]


def test_a_hanging_document_times_out_and_the_batch_goes_on(tmp_path):
    jobs = _plans(tmp_path, 3)
    jobs.insert(1, str(write(tmp_path / "sleep.txt", plan_text())))
    start = time.monotonic()
    with ParsePool(unruly_parse, FAST) as pool:
        results = pool.parse_many([(p, None) for p in jobs])
        assert pool.replaced == 1
        again = pool.parse_many([(jobs[0], None)])          # the pool recovered
    assert _reasons(results) == ["document", "timeout", "document", "document"]
    assert "3 s" in results[1][1]
    assert time.monotonic() - start < 12
    assert isinstance(again[0], ParsedDocument) and len(again[0].tasks) == 2


def test_a_timeout_kills_the_children_of_the_worker_too(tmp_path):
    path = write(tmp_path / "spawn.txt", "x")
    with ParsePool(unruly_parse, Limits(timeout_s=1, workers=1)) as pool:
        (result,) = pool.parse_many([(str(path), None)])
    assert result[0] == "timeout"
    child = int(path.with_suffix(".pid").read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_memory_hog_crash_and_kill_are_rejects_and_the_pool_recovers(tmp_path):
    names = ["hog.txt", "kh-a.txt", "crash.txt", "oom.txt", "exit.txt", "kh-b.txt"]
    jobs = [str(write(tmp_path / n, plan_text(i))) for i, n in enumerate(names)]
    with ParsePool(unruly_parse, Limits(timeout_s=20, memory_mb=512, workers=2)) as pool:
        results = pool.parse_many([(p, None) for p in jobs])
    assert _reasons(results) == ["memory", "document", "error", "memory", "error", "document"]
    assert "signal 6" in results[2][1] and "exit code 3" in results[4][1]


def test_workers_are_reused_not_spawned_per_document(tmp_path):
    jobs = _plans(tmp_path, 40)
    with ParsePool(pid_parse, FAST) as pool:
        results = pool.parse_many([(p, None) for p in jobs])
    pids = {r[1].split(": ")[1] for r in results}
    assert len(pids) <= 2 and str(os.getpid()) not in pids


def test_workers_are_replaced_after_a_number_of_documents(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.ingest.worker.TASKS_PER_WORKER", 5)
    jobs = _plans(tmp_path, 20)
    with ParsePool(pid_parse, FAST) as pool:
        results = pool.parse_many([(p, None) for p in jobs])
        assert pool.replaced == 0 and len(pool.workers) <= 2
    pids = Counter(r[1].split(": ")[1] for r in results)
    assert len(pids) >= 4 and max(pids.values()) == 5 and sum(pids.values()) == 20


def test_results_come_back_in_order_and_the_pool_is_callable(tmp_path):
    jobs = _plans(tmp_path, 12)
    arrived = []
    with ParsePool(unruly_parse, FAST) as pool:
        results = pool.parse_many([(p, None) for p in jobs],
                                  on_result=lambda i, r: arrived.append((i, r.path)))
        assert pool(jobs[3]).path == jobs[3]
        with pytest.raises(ParseError) as err:
            pool(str(write(tmp_path / "crash-1.txt", "x")))
    assert [r.path for r in results] == jobs
    assert sorted(arrived) == list(enumerate(jobs))
    assert err.value.reason == "error"


def test_a_lambda_is_refused_up_front():
    with pytest.raises(Exception):
        ParsePool(lambda p: None, FAST)


def test_unknown_reasons_become_error_naming_the_reason(tmp_path):
    path = write(tmp_path / "x.txt", "x")
    result = parse_file(raising_parse, str(path))
    assert result[0] == "error" and "made_up_reason" in result[1]


def test_a_file_changed_gone_or_too_large_when_parsed(tmp_path):
    path = write(tmp_path / "kh.txt", plan_text())
    assert parse_file(unruly_parse, str(path), "0" * 64)[0] == "changed"
    assert parse_file(unruly_parse, str(tmp_path / "gone.txt"))[0] == "vanished"
    assert parse_file(unruly_parse, str(path), max_bytes=10)[0] == "too_large"
    assert isinstance(parse_file(unruly_parse, str(path)), ParsedDocument)


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("VNPLAN_PARSE_TIMEOUT_S", "7.5")
    monkeypatch.setenv("VNPLAN_PARSE_MEMORY_MB", "512")
    monkeypatch.setenv("VNPLAN_MAX_FILE_MB", "3")
    monkeypatch.setenv("VNPLAN_PARSE_WORKERS", "0")
    limits = Limits.from_env()
    assert (limits.timeout_s, limits.memory_mb, limits.max_file_bytes, limits.workers) == \
        (7.5, 512, 3 << 20, 0)
    with parser_for(unruly_parse) as parse:
        assert parse is unruly_parse                       # workers = 0: in process
    monkeypatch.setenv("VNPLAN_PARSE_TIMEOUT_S", "soon")
    with pytest.raises(ValueError, match="VNPLAN_PARSE_TIMEOUT_S"):
        Limits.from_env()
    for name in ("VNPLAN_PARSE_TIMEOUT_S", "VNPLAN_PARSE_MEMORY_MB", "VNPLAN_MAX_FILE_MB",
                 "VNPLAN_PARSE_WORKERS"):
        monkeypatch.delenv(name)
    assert Limits.from_env() == Limits(120, 2048, 100, 2)


def test_throughput_of_small_text_documents(tmp_path):
    jobs = _plans(tmp_path, 300)
    with ParsePool(unruly_parse, FAST) as pool:
        pool.parse_many([(jobs[0], None), (jobs[1], None)])      # workers warm
        start = time.monotonic()
        results = pool.parse_many([(p, None) for p in jobs])
        rate = len(jobs) / (time.monotonic() - start)
    assert all(isinstance(r, ParsedDocument) for r in results)
    assert rate > 100, f"{rate:.0f} documents/s"
