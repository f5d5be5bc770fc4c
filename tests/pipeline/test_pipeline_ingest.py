"""Discovery, hashing and the incremental plan (pure: no Dagster, no Delta)."""
from __future__ import annotations

import hashlib
import os

import pytest

from pipeline.tables.schemas import ACTIVE, WITHDRAWN
from pipeline.ingest.plan import INTERNAL_ERROR, prepare_batch
from pipeline.models import PublishedState
from pipeline.ingest.discovery import changed_paths, discover, scan, signature
from pipeline.tables.rows import (documents_table, rejects_table, sections_table,
                                  task_agencies_table, tasks_table)

from dataclasses import replace

from parsers.model import Agency, ParseError
from pipeline.ingest import discovery
from pipeline.ingest.discovery import HashMemo
from pipeline.ingest.gather import RowsParser
from pipeline_fixtures import PLAN_HANOI, fake_parse


def test_discover_is_recursive_and_skips_dotfiles(raw_dir):
    (raw_dir / ".git").mkdir()
    (raw_dir / ".git" / "x.txt").write_text("x")
    names = [p.relative_to(raw_dir.resolve()).as_posix() for p in discover(raw_dir)]
    assert names == ["empty.txt", "kh-12-hanoi.txt", "sub/kh-45-hue.txt"]


def test_discover_does_not_follow_symlinks_out_of_the_folder(raw_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    os.symlink(outside / "secret.txt", raw_dir / "link-out.txt")
    os.symlink(outside, raw_dir / "dir-out")
    os.symlink(raw_dir / "kh-12-hanoi.txt", raw_dir / "link-in.txt")
    names = {p.name for p in discover(raw_dir)}
    assert "link-in.txt" in names
    assert not names & {"link-out.txt", "secret.txt"}


def test_scan_hashes_the_bytes(raw_dir):
    files = {os.path.basename(f.path): f for f in scan(raw_dir)}
    hanoi = files["kh-12-hanoi.txt"]
    assert hanoi.content_hash == hashlib.sha256(PLAN_HANOI.encode()).hexdigest()
    assert (hanoi.format, hanoi.size) == ("txt", len(PLAN_HANOI.encode()))
    assert files["empty.txt"].size == 0


def test_signature_changes_tell_added_modified_removed(raw_dir):
    before = signature(raw_dir)
    (raw_dir / "new.txt").write_text("mới")
    (raw_dir / "kh-12-hanoi.txt").write_text(PLAN_HANOI + "\nthêm")
    (raw_dir / "empty.txt").unlink()
    diff = changed_paths(before, signature(raw_dir))
    assert [os.path.basename(p) for p in diff["added"]] == ["new.txt"]
    assert [os.path.basename(p) for p in diff["modified"]] == ["kh-12-hanoi.txt"]
    assert [os.path.basename(p) for p in diff["removed"]] == ["empty.txt"]
    assert changed_paths(before, before) == {"added": [], "modified": [], "removed": []}


def _batch(raw_dir, clock, state=PublishedState(), parse=fake_parse, **kw):
    return prepare_batch(raw_dir, scan(raw_dir), state, parse, clock(), **kw)


def test_first_batch_parses_everything_and_rejects_the_empty_file(raw_dir, clock):
    batch = _batch(raw_dir, clock)
    assert batch.summary["files"] == 3 and batch.summary["new_files"] == 3
    assert batch.summary["documents_added"] == 2 and batch.summary["rejected"] == 1
    assert [r["reason"] for r in batch.reject_rows] == ["empty"]
    assert batch.child_keys == batch.document_keys == {e.doc_id for e in batch.parsed}
    docs = documents_table(batch).to_pylist()
    hanoi = next(d for d in docs if d["file_name"] == "kh-12-hanoi.txt")
    assert hanoi["doc_number"] == "12/KH-UBND" and hanoi["n_tasks"] == 2 and hanoi["is_plan"]
    assert hanoi["status"] == ACTIVE and hanoi["first_seen"] == hanoi["last_seen"]


def test_same_content_under_two_names_is_one_document(raw_dir, clock):
    (raw_dir / "sub" / "copy.txt").write_text(PLAN_HANOI, encoding="utf-8")
    calls = []
    batch = _batch(raw_dir, clock, parse=lambda p, data: calls.append(p) or fake_parse(p, data))
    assert len(calls) == 3                     # hanoi, hue, empty: the copy is not parsed
    docs = {d["file_name"]: d for d in documents_table(batch).to_pylist()}
    assert len(docs) == 2
    assert [os.path.basename(p) for p in docs["kh-12-hanoi.txt"]["paths"]] == \
        ["kh-12-hanoi.txt", "copy.txt"]


def test_rows_carry_task_ids_and_agency_mentions(raw_dir, clock):
    batch = _batch(raw_dir, clock)
    tasks = tasks_table(batch).to_pylist()
    hanoi = sorted((t for t in tasks if t["section"].startswith("1.")), key=lambda t: t["ordinal"])
    assert [t["task_id"] for t in hanoi][:1] == [f"{hanoi[0]['doc_id']}-0001"]
    assert hanoi[0]["owner"] == ["Sở Y tế"]
    assert hanoi[0]["partners"] == ["Ủy ban nhân dân các quận, huyện"]
    agencies = task_agencies_table(batch).to_pylist()
    roles = sorted((a["role"], a["mention"]) for a in agencies if a["task_id"] == hanoi[0]["task_id"])
    assert roles == [("owner", "Sở Y tế"), ("partner", "Ủy ban nhân dân các quận, huyện")]
    sections = sections_table(batch).to_pylist()
    item = next(s for s in sections if s["label"] == "1.1")
    assert item["marker_style"] == "decimal" and item["text"] == "Tổ chức tiêm chủng cho trẻ em"


def test_the_extractors_agencies_fill_the_agency_columns(raw_dir, clock):
    agency = Agency("so-y-te-hn", "Sở Y tế", "so", "province", "Hà Nội", False, True)

    def resolved(path, data):
        doc = fake_parse(path, data)
        tasks = tuple(replace(t, owners=tuple(replace(m, agency=agency) for m in t.owners))
                      for t in doc.tasks)
        return replace(doc, tasks=tasks)

    batch = _batch(raw_dir, clock, parse=RowsParser(resolved))
    rows = task_agencies_table(batch).to_pylist()
    owners = [r for r in rows if r["role"] == "owner"]
    assert owners and all(r["agency_id"] == "so-y-te-hn" and r["known"] is True for r in owners)
    assert all(r["agency_id"] is None for r in rows if r["role"] == "partner")


def _state(batch) -> PublishedState:
    """What the tables would hold after publishing `batch` onto an empty store."""
    return PublishedState({d["doc_id"]: d for d in documents_table(batch).to_pylist()},
                          {r["path"]: r for r in rejects_table(batch).to_pylist()},
                          batch.raw_root)       # what the runs table records


def test_nothing_changed_means_nothing_to_write(raw_dir, clock):
    state = _state(_batch(raw_dir, clock))
    again = _batch(raw_dir, clock, state, parse=lambda p: pytest.fail(f"parsed {p} again"))
    assert not (again.document_keys or again.child_keys or again.reject_keys)
    assert again.summary["unchanged_files"] == 3


def test_changed_file_replaces_its_old_document(raw_dir, clock):
    first = _batch(raw_dir, clock)
    old = next(e.doc_id for e in first.parsed if e.files[0].path.endswith("kh-45-hue.txt"))
    (raw_dir / "sub" / "kh-45-hue.txt").write_text("Số: 46/KH-UBND\n", encoding="utf-8")
    batch = _batch(raw_dir, clock, _state(first))
    new = batch.parsed[0].doc_id
    assert batch.summary["changed_files"] == 1 and batch.summary["replaced"] == 1
    assert batch.child_keys == {old, new}
    assert [d["doc_id"] for d in documents_table(batch).to_pylist()] == [new]


def test_removed_file_is_withdrawn_and_restored_file_reactivated(raw_dir, clock):
    state = _state(_batch(raw_dir, clock))
    text = (raw_dir / "kh-12-hanoi.txt").read_text(encoding="utf-8")
    (raw_dir / "kh-12-hanoi.txt").unlink()
    batch = _batch(raw_dir, clock, state)
    (row,) = batch.document_updates
    assert row["status"] == WITHDRAWN and batch.child_keys == set()
    assert batch.summary["removed_files"] == 1

    state = PublishedState({**state.documents, row["doc_id"]: row}, state.rejects, state.raw_root)
    (raw_dir / "moved.txt").write_text(text, encoding="utf-8")
    back = _batch(raw_dir, clock, state, parse=lambda p: pytest.fail("re-parsed"))
    (row,) = back.document_updates
    assert row["status"] == ACTIVE and row["file_name"] == "moved.txt"
    assert row["first_seen"] < row["last_seen"]


def test_a_known_reject_under_a_new_name_is_not_parsed_again(raw_dir, clock):
    state = _state(_batch(raw_dir, clock))
    (raw_dir / "empty2.txt").write_bytes(b"")
    batch = _batch(raw_dir, clock, state, parse=lambda p: pytest.fail("re-parsed"))
    assert [os.path.basename(r["path"]) for r in batch.reject_rows] == ["empty2.txt"]
    assert {os.path.basename(k) for k in batch.reject_keys} == {"empty2.txt"}


def test_fixed_reject_becomes_a_document(raw_dir, clock):
    state = _state(_batch(raw_dir, clock))
    (raw_dir / "empty.txt").write_text("Số: 1/KH-UBND\n", encoding="utf-8")
    batch = _batch(raw_dir, clock, state)
    assert {os.path.basename(k) for k in batch.reject_keys} == {"empty.txt"}
    assert batch.reject_rows == () and batch.summary["documents_added"] == 1


def test_an_extractor_crash_is_a_reject_not_a_failed_batch(raw_dir, clock):
    def crash(path, data):
        if path.endswith("hanoi.txt"):
            raise KeyError("boom")
        return fake_parse(path, data)

    batch = _batch(raw_dir, clock, parse=crash)
    reasons = {os.path.basename(r["path"]): r["reason"] for r in batch.reject_rows}
    assert reasons == {"empty.txt": "empty", "kh-12-hanoi.txt": INTERNAL_ERROR}
    assert len(batch.parsed) == 1


def test_force_reparses_known_content(raw_dir, clock):
    first = _batch(raw_dir, clock)
    state = _state(first)
    batch = _batch(raw_dir, clock, state, force=True)
    assert batch.summary["parsed"] == 3 and batch.child_keys == first.child_keys
    assert batch.reject_keys == set()          # the same reject again: nothing to rewrite
    firsts = {e.doc_id: e.first_seen for e in batch.parsed}
    assert firsts == {k: v["first_seen"] for k, v in state.documents.items()}


def test_only_paths_under_the_ingested_folder_are_compared(raw_dir, clock):
    state = _state(_batch(raw_dir, clock))
    batch = _batch(raw_dir / "sub", clock, state)
    # hanoi and empty.txt live outside raw/sub: neither withdrawn nor deleted
    assert batch.document_updates == () and batch.reject_keys == set()
    assert batch.summary["files"] == 1 and batch.summary["unchanged_files"] == 1


def test_content_that_crashed_the_extractor_is_tried_again(raw_dir, clock):
    def crash(path, data):
        raise KeyError("boom")

    state = _state(_batch(raw_dir, clock, parse=crash))
    assert {r["reason"] for r in state.rejects.values()} == {INTERNAL_ERROR}
    fixed = _batch(raw_dir, clock, state)
    assert fixed.summary["documents_added"] == 2
    assert [r["reason"] for r in fixed.reject_rows] == ["empty"]
    assert len(fixed.reject_keys) == 3         # both crashes and the empty file rewritten


def test_unsupported_format_is_tried_again_once_a_reader_exists(raw_dir, clock):
    (raw_dir / "kh.docx").write_bytes(b"PK\x03\x04 not really a docx")

    def no_docx(path, data):
        if path.endswith(".docx"):
            raise ParseError("no reader for .docx", path=path, reason="unsupported_format")
        return fake_parse(path, data)

    state = _state(_batch(raw_dir, clock, parse=no_docx))
    again = _batch(raw_dir, clock, state, parse=no_docx)
    assert again.summary["parsed"] == 1 and not again.reject_keys   # same outcome, no write
    with_reader = _batch(raw_dir, clock, state,
                         parse=lambda p, data: fake_parse(p, data) if not p.endswith(".docx") else
                         fake_parse(str(raw_dir / "kh-12-hanoi.txt")))
    assert with_reader.summary["documents_added"] == 1
    assert {os.path.basename(k) for k in with_reader.reject_keys} == {"kh.docx"}


def _age(path, seconds: int) -> None:
    """Set the file's mtime `seconds` before its current one (a file not just written)."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_hash_memo_spares_reading_unchanged_files(raw_dir, tmp_path, monkeypatch):
    for p in discover(raw_dir):
        _age(p, 60)
    memo = HashMemo(tmp_path / "memo.json")
    memo.begin()
    first = scan(raw_dir, known=memo.load())
    memo.save(first)
    assert len(memo.load()) == 3
    hue = raw_dir / "sub" / "kh-45-hue.txt"
    hue.write_text(hue.read_text(encoding="utf-8").replace("45", "46"), encoding="utf-8")  # same size
    _age(hue, 30)
    read = []
    real_hash = discovery.file_hash
    monkeypatch.setattr(discovery, "file_hash", lambda p: read.append(os.path.basename(p)) or real_hash(p))
    again = scan(raw_dir, known=memo.load())
    assert read == ["kh-45-hue.txt"]           # only the file whose mtime moved is read
    by_name = {os.path.basename(f.path): f.content_hash for f in again}
    assert by_name["kh-45-hue.txt"] == hashlib.sha256(hue.read_bytes()).hexdigest()
    assert by_name == {os.path.basename(f.path): f.content_hash for f in scan(raw_dir)}


def test_hash_memo_does_not_keep_files_modified_as_the_scan_starts(raw_dir, tmp_path):
    memo = HashMemo(tmp_path / "memo.json")
    memo.begin()                               # the fixture's files were just written
    memo.save(scan(raw_dir, known=memo.load()))
    assert memo.load() == {}
    assert HashMemo(None).load() == {}
