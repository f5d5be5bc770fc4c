"""Several writers at once on S3 (moto): delta-rs commits each version with a
conditional put (`If-None-Match: *`), so no commit is lost; a merge that
conflicts with a commit made since it read the table fails, and
`pipeline.publish` retries it from the new version and succeeds."""
from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa
import pytest
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import CommitFailedError

from pipeline.tables import publish
from pipeline.tables.publish import key_predicate, open_table, read_table
from pipeline.tables.schemas import REJECTS
from pipeline.tables.storage import TablesLocation

pytestmark = pytest.mark.slow          # an S3 server and concurrent writers

WRITERS = 4
TABLE = "rejects"                       # the smallest schema: rows keyed by path


START_DELAY_S = 6.0                     # writers' imports done, they publish at one instant


def reject_rows(paths: list[str], reason: str = "empty") -> pa.Table:
    return pa.Table.from_pylist([{
        "path": p, "file_name": p.rsplit("/", 1)[-1], "content_hash": "0" * 64,
        "format": "txt", "size": 0, "reason": reason, "message": None, "location": None,
        "first_seen": None, "last_seen": None} for p in paths], schema=REJECTS)


def _publish_in_child(args) -> tuple[int, bool]:
    """One writer process: at `start_at`, replace the rows of its keys."""
    uri, paths, reason, start_at = args
    rows = reject_rows(paths, reason)
    time.sleep(max(0.0, start_at - time.time()))
    result = publish.publish(uri, TABLE, rows, paths)
    return result.version, result.committed


def _run_writers(jobs: list) -> list[tuple[int, bool]]:
    start_at = time.time() + START_DELAY_S
    with ProcessPoolExecutor(len(jobs), mp_context=multiprocessing.get_context("spawn")) as ex:
        return list(ex.map(_publish_in_child, [(*job, start_at) for job in jobs]))


def test_concurrent_writers_lose_no_commit(s3_tables):
    publish.ensure_table(s3_tables, TABLE)
    jobs = [(s3_tables, [f"/raw/w{i}-{k}.txt" for k in range(3)], "empty")
            for i in range(WRITERS)]
    results = _run_writers(jobs)
    assert all(committed for _, committed in results)
    assert sorted(v for v, _ in results) == list(range(1, WRITERS + 1))   # one version each
    stored = read_table(s3_tables, TABLE).column("path").to_pylist()
    assert sorted(stored) == sorted(p for _, paths, _ in jobs for p in paths)
    history = DeltaTable(TablesLocation.of(s3_tables).table_uri(TABLE),
                         storage_options=TablesLocation.of(s3_tables).options()).history()
    assert len(history) == WRITERS + 1


def test_concurrent_merges_of_the_same_keys_all_commit(s3_tables):
    shared = ["/raw/a.txt", "/raw/b.txt"]
    publish.publish(s3_tables, TABLE, reject_rows(shared), shared)
    reasons = ["corrupt", "encrypted", "too_large", "timeout"][:WRITERS]
    results = _run_writers([(s3_tables, shared, r) for r in reasons])
    assert sorted(v for v, _ in results) == list(range(1, WRITERS + 1))
    table = read_table(s3_tables, TABLE)
    assert sorted(table.column("path").to_pylist()) == shared   # replaced, never doubled
    assert len(set(table.column("reason").to_pylist())) == 1    # one writer's rows, whole


def test_a_conflicting_merge_is_retried_and_succeeds(s3_tables, monkeypatch):
    loc = TablesLocation.of(s3_tables)
    keys = ["/raw/a.txt"]
    publish.publish(loc, TABLE, reject_rows(keys), keys)
    stale = open_table(loc, TABLE)                               # read at version 0 ...
    publish.publish(loc, TABLE, reject_rows(keys, "corrupt"), keys)   # ... another commits 1

    # the stale merge fails on its own: the files it would remove are gone
    with pytest.raises(CommitFailedError):
        write_deltalake(stale, reject_rows(keys, "timeout"), mode="overwrite",
                        predicate=key_predicate("path", keys), storage_options=loc.options())
    assert open_table(loc, TABLE).version() == 1

    # through publish: the first attempt is that stale merge, the retry reads afresh
    real_write, attempts = publish._write, []

    def write(spec, location, rows, wanted):
        attempts.append(len(attempts))
        if len(attempts) == 1:
            write_deltalake(DeltaTable(location.table_uri(spec.name), version=0,
                                       storage_options=location.options()),
                            rows, mode="overwrite", predicate=key_predicate(spec.key, wanted),
                            storage_options=location.options())
            return 1
        return real_write(spec, location, rows, wanted)

    monkeypatch.setattr(publish, "_write", write)
    monkeypatch.setattr(publish, "RETRY_PAUSE_S", 0.01)
    result = publish.publish(loc, TABLE, reject_rows(keys, "encrypted"), keys)
    assert len(attempts) == 2 and result.committed and result.version == 2
    assert read_table(loc, TABLE).column("reason").to_pylist() == ["encrypted"]
