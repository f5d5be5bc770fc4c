"""The data dictionary of the published tables, derived from their declarations.

Every column's Vietnamese export header and description is declared with the
column (`pipeline.tables.schemas`); the exports' header rows and the
workbook's data dictionary sheet come from here, and so does the README's
data dictionary (`markdown()`; `python -m pipeline.tables.dictionary` prints it).
`pipeline/tables/vocab/dictionary.json` holds the sheet's layout, the meaning of
each code a column allows and the short label an export for people shows
instead of it (`pipeline.tables.codes`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from pipeline.tables import codes
from pipeline.tables.columns import Column as Declared
from pipeline.tables.schemas import TABLES

EXPORT_ONLY = "chỉ trong bản xuất"     # how the README marks a column an export adds


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    header: str               # Vietnamese header of exports
    description: str
    type: str                 # readable Arrow type: "văn bản", "ngày", ...
    derived: bool = False     # added by exports for people, not stored


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


def _column(table: str, c: Declared) -> Column:
    return Column(table, c.name, c.header, c.description, type_word(c.type), c.derived is not None)


def columns(table: str) -> list[Column]:
    """The table's stored columns in declared order, with their headers and descriptions."""
    return [_column(table, c) for c in TABLES[table].columns]


def people_columns(table: str) -> list[Column]:
    """The columns of an export for people, in its order (`Table.people_columns`)."""
    return [_column(table, c) for c in TABLES[table].people_columns]


def headers(table: str) -> list[str]:
    return [c.header for c in TABLES[table].columns]


def people_headers(table: str) -> list[str]:
    return [c.header for c in TABLES[table].people_columns]


def meanings(table: str, column: str) -> dict[str, str]:
    """Code → meaning for a column of codes (`timing_kind`, `role`, ...), or {}."""
    return codes.meanings(table, column)


def labels(table: str, column: str) -> dict[str, str]:
    """Code → the short label an export for people shows (`owner` → `Chủ trì`), or {}."""
    return codes.labels(table, column)


def coded_columns(table: str) -> list[str]:
    """The columns of an export for people whose codes have meanings, in order."""
    return [c.name for c in TABLES[table].people_columns if codes.meanings(table, c.name)]


def dictionary_sheet() -> dict:
    """Sheet name and header rows of the workbook's data dictionary sheet."""
    return dict(codes.SHEET)


def markdown() -> str:
    """The data dictionary as the README shows it: a section per table."""
    out = []
    for name, table in TABLES.items():
        out += [f"### `{name}` (key `{table.key}`)", "", table.description, "",
                "| column | type | Vietnamese header | meaning |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.type} | {c.header} | {c.description} |" for c in table.columns]
        out += [f"| `{c.name}` ({EXPORT_ONLY}) | {c.type} | {c.header} | {c.description} |"
                for c in table.extras]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
