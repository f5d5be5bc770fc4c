"""Two ingests started at once lose nothing: the second waits on the ingest
lock of the tables folder, then finds the work done. Writers that do not take
the lock (two publishes into one table) have their commit conflicts retried."""
from __future__ import annotations

import threading
import time

import pyarrow as pa
import pytest

from bad_files import NOTICE, plan_text, write
from pipeline.ingest.lock import LockTimeout, ingest_lock, lock_path
from pipeline.tables.publish import publish, read_table
from pipeline.tables.schemas import REJECTS, TABLES
from reliability_helpers import data_of, snapshot, versions

pytestmark = pytest.mark.slow          # ingest runs at once


def test_a_second_holder_waits_for_the_first(tmp_path):
    order = []
    with ingest_lock(tmp_path):
        t = threading.Thread(target=lambda: ingest_lock_and(tmp_path, order))
        t.start()
        time.sleep(0.3)
        order.append("first done")
    t.join(5)
    assert order == ["first done", "second in"]
    assert lock_path(tmp_path).read_text().strip().isdigit()


def ingest_lock_and(folder, order):
    with ingest_lock(folder):
        order.append("second in")


def test_waiting_is_bounded(tmp_path):
    with ingest_lock(tmp_path):
        start = time.monotonic()
        with pytest.raises(LockTimeout, match="VNPLAN_LOCK_TIMEOUT_S"):
            with ingest_lock(tmp_path, timeout_s=0.2):
                pass
        assert time.monotonic() - start < 2


def test_two_ingests_at_once_publish_once_and_lose_nothing(zygote, tmp_path):
    raw = tmp_path / "raw"
    for i in range(4):
        write(raw / f"kh-{i}.txt", plan_text(i))
    write(raw / "tb.txt", NOTICE)
    write(raw / "rỗng.txt", "")
    ids = [f"both-{i}" for i in range(2)]
    for run_id in ids:
        zygote.start(run_id, raw, tmp_path / "processed")
    done = {i: zygote.wait(lambda e, i=i: e.get("id") == i and e["event"] == "done")
            for i in ids}
    for i in ids:
        zygote.wait(lambda e, i=i: e.get("id") == i and e["event"] == "exit")
    assert all(d["success"] for d in done.values())
    # one run parsed and published everything; the other, waiting on the lock, nothing
    assert sorted(d["summary"]["parsed"] for d in done.values()) == [0, 6]
    assert set(versions(tmp_path / "processed", TABLES).values()) == {0}
    zygote.run("alone", raw, tmp_path / "alone")
    assert data_of(snapshot(tmp_path / "processed", TABLES)) == \
        data_of(snapshot(tmp_path / "alone", TABLES))


def _rejects(paths):
    return pa.Table.from_pylist([{"path": p, "reason": "empty", "message": "x"} for p in paths],
                                schema=REJECTS)


def test_concurrent_publishes_into_one_table_all_land(tmp_path):
    """Every writer also replaces the row `seed`: their commits conflict (each
    removes the file holding it) and are retried; `seed` stays one row."""
    publish(tmp_path, "rejects", _rejects(["seed"]), {"seed"})
    errors = []

    def writer(w):
        try:
            for k in range(4):
                keys = {"seed", f"w{w}-{k}"}
                publish(tmp_path, "rejects", _rejects(keys), keys)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    paths = read_table(tmp_path, "rejects").column("path").to_pylist()
    assert sorted(paths) == sorted(["seed"] + [f"w{w}-{k}" for w in range(3) for k in range(4)])


def test_an_ingest_that_cannot_get_the_lock_fails_and_says_why(tmp_path, monkeypatch):
    from dagster import DagsterInstance

    from pipeline.defs.run import failure_message as _failure_message, run_ingest
    monkeypatch.setenv("VNPLAN_LOCK_TIMEOUT_S", "0.5")
    write(tmp_path / "raw" / "kh.txt", plan_text())
    with ingest_lock(tmp_path / "processed"):
        result = run_ingest(tmp_path / "raw", tmp_path / "processed",
                            instance=DagsterInstance.ephemeral())
    assert not result.success
    assert "LockTimeout" in _failure_message(result)
    assert versions(tmp_path / "processed", TABLES) == {t: None for t in TABLES}
