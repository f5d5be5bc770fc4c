"""The notebook API: `from pipeline import tables`."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import pyarrow as pa

from pipeline import tables
from pipeline.tables.publish import publish
from pipeline.tables.schemas import TABLES
from pipeline.tables.selection import NoMatchWarning

from users_fixtures import sample_rows


def test_read_gives_proper_dtypes(sample_tables):
    tasks = tables.read("tasks", processed=sample_tables)
    assert list(tasks.columns) == TABLES["tasks"].schema.names
    assert pd.api.types.is_datetime64_any_dtype(tasks["start_date"])
    assert pd.api.types.is_datetime64_any_dtype(tasks["end_date"])
    assert str(tasks["ordinal"].dtype) == "Int32"
    first = tasks.iloc[0]
    assert first["owner"] == ["Sở Y tế"] and isinstance(first["owner"], list)
    assert first["end_date"] == pd.Timestamp("2024-05-31")
    assert tasks.loc[tasks.task_id == "b-0002", "partners"].item() == []
    docs = tables.read("documents", processed=sample_tables)
    assert str(docs["first_seen"].dtype).startswith("datetime64") and docs["first_seen"].dt.tz
    assert str(docs["is_plan"].dtype) == "boolean"


def test_environment_gives_the_default_folder(sample_tables, monkeypatch):
    monkeypatch.setenv("VNPLAN_PROCESSED_DIR", str(sample_tables))
    assert len(tables.read("tasks")) == 7
    listed = tables.list()
    assert set(listed["table"]) == set(TABLES)
    assert listed.set_index("table").loc["tasks", "rows"] == 7


def test_history_and_time_travel(sample_tables):
    docs, tasks, _ = sample_rows()
    changed = [dict(t, content="Nội dung mới") for t in tasks if t["doc_id"] == "a"][:3]
    publish(sample_tables, "tasks", pa.Table.from_pylist(changed, schema=TABLES["tasks"].schema),
            {"a"})
    history = tables.history("tasks", processed=sample_tables)
    assert history["version"].tolist() == [0, 1]
    assert history["rows"].tolist() == [7, 6]      # doc a's tasks replaced, one fewer
    old = tables.read("tasks", version=0, processed=sample_tables)
    new = tables.read("tasks", processed=sample_tables)
    assert "Nội dung mới" not in set(old["content"]) and "Nội dung mới" in set(new["content"])


def test_companion_version_is_the_same_runs_state(sample_tables):
    docs, tasks, agencies = sample_rows()
    # a second "run": tasks v1, documents v1 (published after it)
    publish(sample_tables, "tasks", pa.Table.from_pylist(tasks[:1], schema=TABLES["tasks"].schema),
            {"a"})
    renamed = [dict(d, issuer="Ủy ban nhân dân thành phố Hải Phòng") if d["doc_id"] == "a" else d
               for d in docs]
    publish(sample_tables, "documents",
            pa.Table.from_pylist(renamed, schema=TABLES["documents"].schema), {"a", "b", "c"})
    assert tables.companion_version("tasks", 0, "documents", sample_tables) == 0
    assert tables.companion_version("tasks", 1, "documents", sample_tables) is None
    old = tables.read("tasks", version=0, processed=sample_tables, issuer="Hà Nội")
    assert sorted(old["task_id"]) == ["a-0001", "a-0002", "a-0003", "a-0004"]
    with pytest.warns(NoMatchWarning):
        assert tables.read("tasks", processed=sample_tables, issuer="Hà Nội").empty


def test_read_filters_like_export(sample_tables):
    got = tables.read("tasks", processed=sample_tables, agency="y tế",
                      date_from=date(2024, 6, 1))
    assert got["task_id"].tolist() == ["a-0003"]
