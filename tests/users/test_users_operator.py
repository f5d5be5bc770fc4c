"""What the operator sees without a Dagster run: rejects as `corrupt` and
remembered, signature stamps as notes, relative paths, the instance settings,
commands that end cleanly (a closed pipe, no abort at exit)."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone

import pyarrow.fs as pa_fs
import pytest

from pipeline.ingest.discovery import scan
from pipeline.ingest.plan import prepare_batch
from pipeline.ingest.rawpaths import base_for, to_absolute, to_stored
from pipeline.ingest.worker import parse_file, reject_reason
from pipeline.models import PublishedState
from pipeline.tables import publish
from pipeline.tables.quality import quality_row, split_warnings
from pipeline.tables.rows import documents_table, rejects_table

from users_fixtures import REPO, parsed

NOW = datetime(2026, 5, 4, tzinfo=timezone.utc)
RANDOM = bytes(range(7, 256)) * 40           # bytes with no signature of any format


@pytest.mark.parametrize("name, data, reason", [
    ("scan-loi.pdf", RANDOM, "corrupt"),             # random bytes named .pdf
    ("bao-cao.docx", RANDOM, "corrupt"),
    ("anh.pdf", b"\x89PNG\r\n\x1a\n" + RANDOM, "unsupported_format"),   # an image, by name
    ("ghi-chu.xyz", RANDOM, "unsupported_format"),   # a format we never claimed to read
])
def test_bytes_named_as_a_document_format_are_corrupt(tmp_path, name, data, reason):
    from extractors.extract import extract
    path = tmp_path / name
    path.write_bytes(data)
    got, message, _ = parse_file(extract, str(path))
    assert got == reason and message
    assert reject_reason(str(path), b"", "unsupported_format", "x")[0] == "unsupported_format"


def test_a_corrupt_file_is_remembered_until_it_changes(tmp_path):
    from extractors.extract import extract
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scan-loi.pdf").write_bytes(RANDOM)
    first = prepare_batch(raw, scan(raw), PublishedState(), extract, NOW)
    assert [r["reason"] for r in first.reject_rows] == ["corrupt"]
    assert first.rejected_files == ({"path": "scan-loi.pdf", "reason": "corrupt",
                                     "message": first.reject_rows[0]["message"]},)
    state = PublishedState({}, {r["path"]: r for r in rejects_table(first).to_pylist()},
                           first.raw_root)
    again = prepare_batch(raw, scan(raw), state, lambda *a, **k: pytest.fail("parsed again"),
                          NOW)
    assert again.summary["parsed"] == 0 and not again.reject_keys
    (raw / "scan-loi.pdf").write_bytes(RANDOM + b"more")          # changed: read again
    changed = prepare_batch(raw, scan(raw), state, extract, NOW)
    assert changed.summary["parsed"] == 1


STAMP = "stamp: p1 (124,725,157,739): Ký số: 2026-07-21T07:29:04+07:00"


def test_signature_stamps_are_notes_not_warnings():
    assert split_warnings([STAMP, "no tasks found"]) == (["no tasks found"], [STAMP])
    lines = [("1", "1", "Sở Y tế tổ chức tiêm chủng")]
    tasks = [{"block": 0, "owner": ["Sở Y tế"], "raw": "Tháng 5/2024", "kind": "period"}]
    plain = quality_row("d", parsed(lines, tasks), [])
    stamped = quality_row("d", parsed(lines, tasks, warnings=(STAMP, STAMP)), [])
    assert stamped["score"] == plain["score"] and stamped["n_warnings"] == 0
    assert stamped["notes"] == [STAMP, STAMP] and stamped["warnings"] == []
    warned = quality_row("d", parsed(lines, tasks, warnings=("page 2: OCR (no text)",)), [])
    assert warned["score"] == plain["score"] - 5


def test_paths_are_stored_relative_to_the_raw_root(tmp_path):
    root = (tmp_path / "raw").as_posix()
    assert to_stored(f"{root}/sub/a.txt", root) == "sub/a.txt"
    assert to_stored("/elsewhere/a.txt", root) == "/elsewhere/a.txt"
    assert to_absolute("sub/a.txt", "/moved/raw") == "/moved/raw/sub/a.txt"
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    assert base_for(tmp_path / "raw" / "sub", root) == root           # a sub-folder run
    assert base_for(tmp_path / "raw", "/gone/raw") == root            # the project moved


def test_a_moved_raw_folder_changes_nothing(tmp_path):
    from sample_text import plan_text
    raw = tmp_path / "one" / "raw"
    raw.mkdir(parents=True)
    (raw / "kh.txt").write_text(plan_text(), encoding="utf-8")
    from extractors.extract import extract
    first = prepare_batch(raw, scan(raw), PublishedState(), extract, NOW)
    (doc,) = documents_table(first).to_pylist()
    assert doc["path"] == "kh.txt" and doc["paths"] == ["kh.txt"]
    moved = tmp_path / "two" / "raw"
    moved.parent.mkdir()
    raw.rename(moved)
    state = PublishedState({doc["doc_id"]: doc}, {}, first.raw_root)    # the old root recorded
    again = prepare_batch(moved, scan(moved), state, lambda *a, **k: pytest.fail("parsed"), NOW)
    assert again.document_keys == frozenset() and again.raw_root == moved.resolve().as_posix()


def test_the_instance_hides_the_community_popup(tmp_path, monkeypatch):
    from dagster import DagsterInstance
    import shutil
    shutil.copy(REPO / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with DagsterInstance.get() as instance:
        assert instance.nux_enabled is False and instance.telemetry_enabled is False


def test_tables_are_read_through_a_native_file_system(sample_tables):
    # delta-rs's Python file system, dropped by an Arrow thread at exit, aborted
    # the process (`terminate called without an active exception`, exit 134)
    dt = publish.open_table(sample_tables, "tasks")
    fs = publish.dataset(dt, sample_tables).filesystem
    assert isinstance(fs, pa_fs.SubTreeFileSystem) and not isinstance(fs, pa_fs.PyFileSystem)
    assert isinstance(fs.base_fs, pa_fs.LocalFileSystem)


def test_a_closed_pipe_ends_a_command_quietly(sample_tables):
    env = {**os.environ, "VNPLAN_PROCESSED_DIR": str(sample_tables)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "quality", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    proc.stdout.close()                       # `| head` that has read enough
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141 and "Broken pipe" not in err and "Traceback" not in err


@pytest.mark.slow
def test_a_missing_plan_never_aborts(sample_tables):
    """`vnplan report 999/XX` 30 times: a clean message each time, never exit 134."""
    env = {**os.environ, "VNPLAN_PROCESSED_DIR": str(sample_tables)}
    for _ in range(30):
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", "999/XX"],
                              capture_output=True, env=env, cwd=REPO, timeout=120)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "terminate called" not in err and "no active plan with tasks has number " \
            "'999/XX' (plans: 12/KH-UBND, 45/KH-UBND)" in err


def test_a_text_named_as_a_pdf_is_of_another_format(tmp_path):
    from extractors.extract import extract
    path = tmp_path / "van-ban-thuong.pdf"
    path.write_text("KẾ HOẠCH\nTriển khai nhiệm vụ năm 2024\n", encoding="utf-8")
    assert parse_file(extract, str(path))[0] == "unsupported_format"
