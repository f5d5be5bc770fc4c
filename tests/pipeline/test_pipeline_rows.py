"""Rows declared once: each table's rows, its JSON and its writes follow the
columns declared in `pipeline.tables.schemas`, and a row that does not fit
(a missing or misspelled column, an unknown code) fails with the column's name."""
from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pytest

from pipeline.outputs.document_json import parsed_dict
from pipeline.tables import publish as pub
from pipeline.tables.columns import SchemaError
from pipeline.tables.rows import agency_rows, document_rows, reference_rows, task_row
from pipeline.tables.schemas import TABLES

SAMPLE = "hanoi-161-kh-ubnd-2023-excerpt.txt"       # a plan of data/raw


@pytest.fixture(scope="module")
def doc(sample):
    from extractors.extract import extract
    return extract(sample(SAMPLE))


def _task(doc_id="d1", **changes) -> dict:
    row = {name: None for name in TABLES["tasks"].names}
    row.update(doc_id=doc_id, task_id=f"{doc_id}-0001", ordinal=1, section="I.1",
               source_kind="inline", content="Tổ chức tiêm chủng", owner=["Sở Y tế"],
               partners=[], timing_raw="Tháng 5/2024", timing_kind="period",
               start_date=date(2024, 5, 1), end_date=date(2024, 5, 31))
    row.update(changes)
    return row


def _renamed(row: dict, old: str, new: str) -> dict:
    out = dict(row)
    out[new] = out.pop(old)
    return out


def _without(row: dict, name: str) -> dict:
    return {k: v for k, v in row.items() if k != name}


def _reject(**changes) -> dict:
    row = {"path": "/raw/a.txt", "file_name": "a.txt", "content_hash": "h", "format": "txt",
           "size": 0, "reason": "empty", "message": "file is empty", "location": None,
           "first_seen": None, "last_seen": None}
    return row | changes


def _agency(**changes) -> dict:
    row = {name: None for name in TABLES["task_agencies"].names}
    row.update(doc_id="d1", task_id="d1-0001", role="owner", ordinal=1, mention="Sở Y tế",
               known=False)
    return row | changes


BAD_ROWS = [   # table, row, the column the error names
    ("tasks", _renamed(_task(), "timing_kind", "timing_knd"), "timing_kind"),
    ("tasks", _without(_task(), "end_date"), "end_date"),
    ("tasks", _task(deadline="31/5/2024"), "deadline"),
    ("tasks", _task(timing_kind="soon"), "timing_kind"),
    ("tasks", _task(source_kind="letter"), "source_kind"),
    ("task_agencies", _agency(role="lead"), "role"),
    ("rejects", _reject(reason="too_big"), "reason"),
    ("rejects", _without(_reject(), "message"), "message"),
]


@pytest.mark.parametrize("table, row, column", BAD_ROWS)
def test_a_row_that_does_not_fit_fails_naming_the_column(table, row, column):
    with pytest.raises(SchemaError) as err:
        TABLES[table].arrow([row])
    assert err.value.column == column and column in str(err.value)


CODED = {"timing_kind", "source_kind", "role", "reason"}


@pytest.mark.parametrize("table, row, column", [c for c in BAD_ROWS
                                                if c[2] in CODED and c[2] in c[1]])
def test_a_write_with_an_unknown_code_fails_naming_the_column(tmp_path, table, row, column):
    good = {k: None for k in TABLES[table].names} | {k: v for k, v in row.items()
                                                     if k != column}
    arrow = pa.Table.from_pylist([good | {column: row[column]}], schema=TABLES[table].schema)
    with pytest.raises(SchemaError, match=column):
        pub.publish(tmp_path, table, arrow, {arrow.column(TABLES[table].key)[0].as_py()})
    assert pub.open_table(tmp_path, table) is None             # nothing written


def test_a_write_with_a_missing_or_an_undeclared_column_fails_naming_it(tmp_path):
    rows = TABLES["tasks"].arrow([_task()])
    with pytest.raises(SchemaError, match="tasks.deliverable: missing column"):
        pub.publish(tmp_path, "tasks", rows.drop_columns(["deliverable"]), {"d1"})
    with pytest.raises(SchemaError, match="tasks.deadline: undeclared column"):
        pub.publish(tmp_path, "tasks", rows.append_column("deadline", pa.array(["x"])), {"d1"})
    assert pub.publish(tmp_path, "tasks", rows, {"d1"}).rows_written == 1


def test_null_codes_are_allowed():
    assert TABLES["tasks"].arrow([_task(timing_kind=None, source_kind=None)]).num_rows == 1


def test_rows_of_a_parsed_document_fit_their_tables(doc):
    rows = document_rows("d1", doc)
    for name, table in rows.tables.items():
        assert table.schema.equals(TABLES[name].schema)
    assert rows.tables["tasks"].num_rows == len(doc.tasks) > 0
    assert set(rows.document) == {c.name for c in TABLES["documents"].columns if c.filled}
    TABLES["document_quality"].check_row(rows.quality)


def test_the_json_and_the_rows_hold_the_same_values(doc):
    out = json.loads(json.dumps(parsed_dict(doc, SAMPLE), ensure_ascii=False))
    agencies = agency_rows("d1", doc)
    for i, (task, t) in enumerate(zip(out["tasks"], doc.tasks), start=1):
        row = task_row("d1", i, t)
        for key, value in task.items():
            if key != "agencies":
                expected = row[key].isoformat() if isinstance(row[key], date) else row[key]
                assert value == expected, key
        mine = [a for a in agencies if a["task_id"] == row["task_id"]]
        assert [{k: a[k] for k in m} for a, m in zip(mine, task["agencies"])] == task["agencies"]
    refs = reference_rows("d1", doc)
    assert [r["ref_number"] for r in refs] == [r["ref_number"] for r in out["references"]]
    for key in ("doc_number", "doc_type", "issuer", "place", "signer", "title"):
        assert out["document"][key] == getattr(doc.meta, key)


def test_parse_json_carries_each_mentions_agency(doc):
    task = parsed_dict(doc, SAMPLE)["tasks"][0]
    owner = next(a for a in task["agencies"] if a["role"] == "owner")
    assert owner["mention"] == task["owner"][0]
    assert owner["agency_id"].endswith("@hà-nội") and owner["known"] is True
    assert owner["canonical_name"].startswith(owner["mention"]) and owner["collective"] is False
