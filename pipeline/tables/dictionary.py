"""The data dictionary of the published tables, read from `pipeline/vocab/dictionary.json`.

Every column of every table declared in `pipeline.schemas` has one entry: the
Vietnamese header that exports use and a description. The XLSX export's header
row and its data dictionary sheet both come from here, so a header is written
once. `missing_entries()` lists declared columns without an entry (a test keeps
it empty); `labels(column)` gives the meaning of the codes a column holds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from pipeline.tables.schemas import TABLES

VOCAB = Path(__file__).resolve().parent / "vocab" / "dictionary.json"


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    header: str               # Vietnamese header of exports
    description: str
    type: str                 # readable Arrow type: "chuỗi", "ngày", ...


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


_TYPE_WORDS = (            # Arrow type → a word a reader of the workbook knows
    (pa.types.is_string, "văn bản"),
    (pa.types.is_date, "ngày"),
    (pa.types.is_timestamp, "thời điểm (UTC)"),
    (pa.types.is_boolean, "đúng/sai"),
    (pa.types.is_integer, "số nguyên"),
    (pa.types.is_floating, "số thực"),
    (pa.types.is_list, "danh sách văn bản"),
)


def type_word(typ: pa.DataType) -> str:
    return next((word for test, word in _TYPE_WORDS if test(typ)), str(typ))


def sheet_name(table: str) -> str:
    return _vocab()["tables"][table]["sheet"]


def table_description(table: str) -> str:
    return _vocab()["tables"][table]["description"]


def columns(table: str) -> list[Column]:
    """The table's columns in schema order, with their dictionary entries."""
    entries = _vocab()["tables"][table]["columns"]
    out = []
    for f in TABLES[table].schema:
        entry = entries[f.name]
        out.append(Column(table, f.name, entry["header"], entry["description"], type_word(f.type)))
    return out


def headers(table: str) -> list[str]:
    return [c.header for c in columns(table)]


def labels(column: str) -> dict[str, str]:
    """Code → meaning for a column of codes (`timing_kind`, `role`, ...), or {}."""
    return dict(_vocab()["values"].get(column, {}))


def value_columns() -> list[str]:
    return list(_vocab()["values"])


def dictionary_sheet() -> dict:
    """Sheet name and header rows of the workbook's data dictionary sheet."""
    return dict(_vocab()["dictionary_sheet"])


def missing_entries() -> list[str]:
    """`table.column` for every declared column without a dictionary entry."""
    tables = _vocab()["tables"]
    return [f"{name}.{f.name}" for name, spec in TABLES.items() for f in spec.schema
            if f.name not in tables.get(name, {}).get("columns", {})]
