"""Delta publishing: one version per change, none without; replacement by key;
time travel; the files read back with plain pyarrow, pandas and polars."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from deltalake.exceptions import CommitFailedError

from pipeline.tables import publish as pub
from pipeline.tables.schemas import REJECTS, TABLES, TASKS, schema_problems

NOW = datetime(2024, 7, 1, 8, 0, tzinfo=timezone.utc)


def task_rows(doc_id: str, contents: list[str]) -> pa.Table:
    return pa.Table.from_pylist([
        {"doc_id": doc_id, "task_id": f"{doc_id}-{i:04d}", "ordinal": i, "section": f"I.{i}",
         "content": c, "owner": ["Sở Y tế"], "partners": [], "timing_raw": "Tháng 5/2024",
         "timing_kind": "period", "start_date": date(2024, 5, 1), "end_date": date(2024, 5, 31)}
        for i, c in enumerate(contents, start=1)], schema=TASKS)


def reject_row(path: str, reason: str) -> dict:
    return {"path": path, "content_hash": "e3b0", "format": "txt", "size": 0, "reason": reason,
            "message": "file is empty", "first_seen": NOW, "last_seen": NOW}


def contents(root, version=None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in pub.read_table(root, "tasks", version).to_pylist():
        out.setdefault(r["doc_id"], []).append(r["content"])
    return {k: sorted(v) for k, v in out.items()}


def test_first_publish_creates_version_0_then_replaces_only_its_keys(tmp_path):
    rows = pa.concat_tables([task_rows("a", ["a1", "a2"]), task_rows("b", ["b1"])])
    first = pub.publish(tmp_path, "tasks", rows, {"a", "b"})
    assert (first.version, first.committed, first.rows_written) == (0, True, 3)

    second = pub.publish(tmp_path, "tasks", task_rows("a", ["a3"]), {"a"})
    assert (second.version, second.committed) == (1, True)
    assert contents(tmp_path) == {"a": ["a3"], "b": ["b1"]}
    # time travel: the version before the replacement still has the old rows
    assert contents(tmp_path, version=0) == {"a": ["a1", "a2"], "b": ["b1"]}


def test_a_key_without_rows_deletes_its_rows(tmp_path):
    pub.publish(tmp_path, "tasks", task_rows("a", ["a1"]), {"a"})
    pub.publish(tmp_path, "tasks", task_rows("b", ["b1"]), {"b"})
    result = pub.publish(tmp_path, "tasks", TASKS.empty_table(), {"a"})
    assert result.version == 2
    assert contents(tmp_path) == {"b": ["b1"]}


def test_no_keys_writes_no_version(tmp_path):
    pub.publish(tmp_path, "tasks", task_rows("a", ["a1"]), {"a"})
    history = len(DeltaTable(str(tmp_path / "tasks")).history())
    result = pub.publish(tmp_path, "tasks", TASKS.empty_table(), set())
    assert (result.version, result.committed) == (0, False)
    assert len(DeltaTable(str(tmp_path / "tasks")).history()) == history


def test_no_keys_on_a_missing_table_creates_nothing(tmp_path):
    result = pub.publish(tmp_path, "tasks", TASKS.empty_table(), set())
    assert result.version is None and not (tmp_path / "tasks").exists()
    assert pub.read_table(tmp_path, "tasks").schema.equals(TASKS)


def test_rows_outside_the_keys_are_refused(tmp_path):
    with pytest.raises(ValueError, match="outside the publish set"):
        pub.publish(tmp_path, "tasks", task_rows("b", ["b1"]), {"a"})


def test_unknown_table_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        pub.publish(tmp_path, "task", task_rows("a", ["a1"]), {"a"})


def test_path_keys_with_quotes_and_vietnamese(tmp_path):
    odd = "/raw/Kế hoạch 'số 12'.txt"
    rows = pa.Table.from_pylist([reject_row(odd, "empty"), reject_row("/raw/b.txt", "empty")],
                                schema=REJECTS)
    pub.publish(tmp_path, "rejects", rows, {odd, "/raw/b.txt"})
    pub.publish(tmp_path, "rejects", pa.Table.from_pylist([reject_row(odd, "corrupt")],
                                                         schema=REJECTS), {odd})
    got = {r["path"]: r["reason"] for r in pub.read_table(tmp_path, "rejects").to_pylist()}
    assert got == {odd: "corrupt", "/raw/b.txt": "empty"}


def test_commit_conflicts_are_retried(tmp_path, monkeypatch):
    calls = []
    real = pub.write_deltalake

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise CommitFailedError("conflict")
        return real(*args, **kwargs)

    monkeypatch.setattr(pub, "write_deltalake", flaky)
    monkeypatch.setattr(pub, "RETRY_PAUSE_S", 0)
    result = pub.publish(tmp_path, "tasks", task_rows("a", ["a1"]), {"a"})
    assert len(calls) == 2 and result.version == 0


def test_tables_read_back_with_plain_readers(tmp_path):
    pub.publish(tmp_path, "tasks", task_rows("a", ["Tổ chức tiêm chủng", "a2"]), {"a"})
    path = tmp_path / "tasks"
    files = DeltaTable(str(path)).file_uris()
    plain = pa.concat_tables([pq.read_table(f) for f in files])
    assert not schema_problems(TABLES["tasks"], plain.schema)
    assert not any(pa.types.is_string_view(f.type) or pa.types.is_large_string(f.type)
                   for f in plain.schema)
    assert sorted(plain.column("content").to_pylist()) == ["Tổ chức tiêm chủng", "a2"]

    frame = DeltaTable(str(path)).to_pandas()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 2
    assert list(frame.sort_values("ordinal")["owner"].iloc[0]) == ["Sở Y tế"]

    polar = pl.read_delta(str(path))
    assert polar.schema["start_date"] == pl.Date
    assert polar.filter(pl.col("ordinal") == 1)["content"].to_list() == ["Tổ chức tiêm chủng"]


def test_table_info_reports_version_rows_and_update(tmp_path):
    pub.publish(tmp_path, "tasks", task_rows("a", ["a1", "a2"]), {"a"})
    pub.publish(tmp_path, "tasks", task_rows("b", ["b1"]), {"b"})
    info = pub.table_info(tmp_path, "tasks")
    assert (info.exists, info.version, info.rows) == (True, 1, 3)
    assert info.updated is not None and info.updated.tzinfo is not None
    assert pub.table_info(tmp_path, "rejects").exists is False


def test_schema_problems_names_the_difference():
    actual = TASKS.set(TASKS.get_field_index("ordinal"), pa.field("ordinal", pa.string()))
    actual = actual.append(pa.field("extra", pa.int8()))
    problems = schema_problems(TABLES["tasks"], actual.remove(actual.get_field_index("block")))
    assert "missing column block" in problems
    assert "undeclared column extra" in problems
    assert any(p.startswith("column ordinal") for p in problems)


def test_a_newly_declared_column_is_added_by_the_next_write(tmp_path):
    older = TASKS.remove(TASKS.get_field_index("deliverable"))
    pub.write_deltalake(str(tmp_path / "tasks"), task_rows("a", ["a1"]).select(older.names))
    assert "deliverable" not in pub.stored_schema(tmp_path, "tasks").names
    pub.publish(tmp_path, "tasks", task_rows("b", ["b1"]), {"b"})
    assert not schema_problems(TABLES["tasks"], pub.stored_schema(tmp_path, "tasks"))
    assert pub.read_table(tmp_path, "tasks").num_rows == 2
