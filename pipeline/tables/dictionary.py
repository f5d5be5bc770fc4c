"""The data dictionary of the published tables, derived from their declarations.

Every column's Vietnamese export header and description is declared with the
column (`pipeline.tables.schemas`); the XLSX export's header row and its data
dictionary sheet both come from here, and so does the README's data
dictionary (`markdown()`; `python -m pipeline.tables.dictionary` prints it).
`pipeline/tables/vocab/dictionary.json` holds the sheet's layout and the
meaning of each code a column allows (`labels(column)`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from pipeline.tables.schemas import CODE_LABELS, TABLES

VOCAB = Path(__file__).resolve().parent / "vocab" / "dictionary.json"


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    header: str               # Vietnamese header of exports
    description: str
    type: str                 # readable Arrow type: "văn bản", "ngày", ...


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
    return TABLES[table].sheet


def table_description(table: str) -> str:
    return TABLES[table].description


def columns(table: str) -> list[Column]:
    """The table's columns in declared order, with their headers and descriptions."""
    return [Column(table, c.name, c.header, c.description, type_word(c.type))
            for c in TABLES[table].columns]


def headers(table: str) -> list[str]:
    return [c.header for c in TABLES[table].columns]


def labels(column: str) -> dict[str, str]:
    """Code → meaning for a column of codes (`timing_kind`, `role`, ...), or {}."""
    return dict(CODE_LABELS.get(column, {}))


def value_columns() -> list[str]:
    return list(CODE_LABELS)


def dictionary_sheet() -> dict:
    """Sheet name and header rows of the workbook's data dictionary sheet."""
    return dict(_vocab()["dictionary_sheet"])


def markdown() -> str:
    """The data dictionary as the README shows it: a section per table."""
    out = []
    for name, table in TABLES.items():
        out += [f"### `{name}` (key `{table.key}`)", "", table.description, "",
                "| column | type | Vietnamese header | meaning |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.type} | {c.header} | {c.description} |" for c in table.columns]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
