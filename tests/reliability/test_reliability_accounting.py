"""Every raw entry is a document or a reject with a reason of the vocabulary:
the checks that say so, and the files that change under a run's feet."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pyarrow as pa

from bad_files import plan_text, write
from parsers.model import REJECT_REASONS
from pipeline.tables.checks import raw_coverage, reject_reasons
from pipeline.models import PublishedState
from pipeline.ingest.plan import prepare_batch, state_from_rows
from pipeline.ingest.rawpaths import to_stored
from pipeline.ingest.discovery import raw_entries, scan
from pipeline.tables.rows import documents_table, rejects_table
from pipeline.tables.schemas import DOCUMENTS, REJECTS
from pipeline.ingest.worker import Limits, ParsePool
from reliability_helpers import unruly_parse

NOW = datetime(2024, 7, 1, 8, 0, tzinfo=timezone.utc)
POOL = Limits(timeout_s=30, workers=2)


def test_the_vocabulary_holds_the_reasons_the_issue_names():
    assert {"empty", "unsupported_format", "corrupt", "encrypted", "too_large",
            "no_text_layer", "ocr_unavailable", "converter_unavailable", "timeout", "memory",
            "encoding", "error"} <= REJECT_REASONS


def test_the_reason_check_fails_on_a_reason_outside_the_vocabulary():
    table = pa.table({"reason": ["empty", "corrupt", "gremlins", None]})
    outcome = reject_reasons(table)
    assert not outcome.passed
    assert outcome.metadata["unknown_reasons"] == "None, gremlins"
    assert reject_reasons(pa.table({"reason": ["empty", "timeout"]})).passed


def test_coverage_counts_links_and_special_files(tmp_path):
    raw = tmp_path / "raw"
    write(raw / "kh.txt", plan_text())
    os.symlink(tmp_path, raw / "ra ngoài")
    os.mkfifo(raw / "ống")
    batch = prepare_batch(raw, scan(raw), PublishedState(), unruly_parse, NOW)
    # the tables store paths relative to the raw root, as the coverage check compares them
    entries = [to_stored(p.as_posix(), batch.raw_root) for p in raw_entries(raw)]
    assert len(entries) == 3
    docs, rejects = documents_table(batch), rejects_table(batch)
    assert raw_coverage(entries, docs, rejects).passed
    assert sorted(r["reason"] for r in rejects.to_pylist()) == ["not_regular", "symlink"]
    only_docs = raw_coverage(entries, docs, REJECTS.empty_table())
    assert not only_docs.passed and only_docs.metadata["uncovered"] == 2


def test_files_removed_or_changed_between_discovery_and_parsing(tmp_path):
    raw = tmp_path / "raw"
    gone = write(raw / "gone.txt", plan_text(1))
    moved = write(raw / "moved.txt", plan_text(2))
    write(raw / "kept.txt", plan_text(3))
    files = scan(raw)
    gone.unlink()
    moved.write_text(plan_text(4), encoding="utf-8")
    with ParsePool(unruly_parse, POOL) as pool:
        batch = prepare_batch(raw, files, PublishedState(), pool, NOW)
        reasons = {r["file_name"]: r["reason"] for r in batch.reject_rows}
        assert reasons == {"gone.txt": "vanished", "moved.txt": "changed"}
        assert [e.files[0].path.rsplit("/", 1)[1] for e in batch.parsed] == ["kept.txt"]
        # the next run: the changed file is parsed, the vanished one forgotten
        first_docs = documents_table(batch).to_pylist()
        state = state_from_rows(first_docs, batch.reject_rows)
        later = prepare_batch(raw, scan(raw), state, pool, NOW + timedelta(minutes=1))
    assert [e.files[0].path.rsplit("/", 1)[1] for e in later.parsed] == ["moved.txt"]
    assert later.reject_rows == ()
    assert {k.rsplit("/", 1)[-1] for k in later.reject_keys} == {"gone.txt", "moved.txt"}
    state = state_from_rows(first_docs + documents_table(later).to_pylist(), ())
    covered = raw_coverage([to_stored(p.as_posix(), later.raw_root) for p in raw_entries(raw)],
                           pa.Table.from_pylist(list(state.documents.values()), DOCUMENTS),
                           REJECTS.empty_table())
    assert covered.passed


def test_an_oversized_file_is_rejected_without_being_read(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    big = write(raw / "lớn.txt", plan_text() + "x" * (2 << 20))
    monkeypatch.setenv("VNPLAN_MAX_FILE_MB", "1")
    read = []
    monkeypatch.setattr("pipeline.ingest.discovery.file_hash", lambda p: read.append(p) or "h")
    (f,) = scan(raw)
    assert f.problem[0] == "too_large" and "1 MB" in f.problem[1] and read == []
    assert f.size == big.stat().st_size
    batch = prepare_batch(raw, [f], PublishedState(), unruly_parse, NOW)
    assert [r["reason"] for r in batch.reject_rows] == ["too_large"]
    monkeypatch.setenv("VNPLAN_MAX_FILE_MB", "10")            # the limit raised: it is read
    assert scan(raw)[0].problem is None


def test_an_unreadable_file_is_a_reject_not_a_failed_scan(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    write(raw / "khóa.txt", plan_text())

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr("pipeline.ingest.discovery.file_hash", denied)
    (f,) = scan(raw)
    assert f.problem == ("unreadable", "cannot read: Permission denied")
