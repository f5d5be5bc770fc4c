"""The data dictionary is derived from the declared columns, and the README shows it."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tables import dictionary
from pipeline.tables.schemas import TABLES


REPO = Path(__file__).resolve().parents[2]


def test_every_declared_column_has_a_header_and_a_description():
    assert all(c.header and c.description for t in TABLES.values() for c in t.columns)


def test_the_readme_shows_the_dictionary_as_declared():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert dictionary.markdown().strip() in readme, \
        "README's data dictionary differs: paste `python -m pipeline.tables.dictionary`"


@pytest.mark.parametrize("table", list(TABLES))
def test_headers_are_unique_and_sheet_names_fit_excel(table):
    headers = dictionary.headers(table)
    assert len(headers) == len(TABLES[table].schema) == len(set(headers))
    name = dictionary.sheet_name(table)
    assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_sheet_names_are_distinct_and_columns_typed():
    names = [dictionary.sheet_name(t) for t in TABLES] + [dictionary.dictionary_sheet()["sheet"]]
    assert len(names) == len(set(names))
    tasks = {c.name: c for c in dictionary.columns("tasks")}
    assert (tasks["end_date"].header, tasks["end_date"].type) == ("Ngày kết thúc", "ngày")
    assert tasks["owner"].type == "danh sách văn bản"
    assert dictionary.meanings("tasks", "timing_kind")["deadline"].startswith("Hạn chót")
    assert dictionary.labels("tasks", "timing_kind")["deadline"] == "Hạn chót"
    assert dictionary.labels("task_agencies", "role") == {"owner": "Chủ trì", "partner": "Phối hợp"}
    assert dictionary.labels("documents", "status")["withdrawn"] == "Đã rút"       # table.column
    assert dictionary.labels("agencies", "status")["former"] == "Đã hợp nhất"


@pytest.mark.parametrize("table", list(TABLES))
def test_every_code_has_a_label_and_a_meaning(table):
    for c in TABLES[table].people_columns:
        if c.codes is not None:
            assert set(dictionary.meanings(table, c.name)) >= c.codes, c.name
            assert set(dictionary.labels(table, c.name)) >= c.codes, c.name


@pytest.mark.parametrize("table", list(TABLES))
def test_people_headers_are_unique_and_ids_last(table):
    headers = dictionary.people_headers(table)
    assert len(headers) == len(set(headers))
    cols = TABLES[table].people_columns
    idents = [i for i, c in enumerate(cols) if c.ident]
    assert idents == list(range(len(cols) - len(idents), len(cols)))
