"""A table as an export for people shows it (the workbook, `--csv-dialect
excel-vi`): the columns of `Table.people_columns` (a child table's rows carry
their document's number, date and issuer; tasks their deadline status on the
export's day; machine ids and offsets last), coded values shown by their
Vietnamese labels (`owner` → `Chủ trì`, `deadline` → `Hạn chót`; the codes
stay in the data dictionary sheet), under their Vietnamese headers.

Pure: the tables come in (`lookup` gives the documents table of the same
snapshot), the day is passed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

import pyarrow as pa

from pipeline.outputs.status import classify
from pipeline.tables import codes
from pipeline.tables.columns import Column
from pipeline.tables.schemas import TABLES

Lookup = Callable[[str], pa.Table]
DEADLINE_STATUS = "deadline_status"
DOCUMENT_PREFIX = "documents."


@dataclass(frozen=True)
class PeopleTable:
    name: str
    columns: tuple[Column, ...]
    headers: tuple[str, ...]
    table: pa.Table               # one column per `columns`, codes replaced by labels
    as_of: date | None


def status_header(column: Column, as_of: date) -> str:
    return f"{column.header} ngày {as_of.strftime('%d/%m/%Y')}"


def _derived(c: Column, table: pa.Table, lookup: Lookup, as_of: date) -> pa.Array:
    if c.derived == DEADLINE_STATUS:
        kinds, ends = table.column("timing_kind").to_pylist(), table.column("end_date").to_pylist()
        return pa.array([classify(k, e, as_of) for k, e in zip(kinds, ends)], pa.string())
    if c.derived and c.derived.startswith(DOCUMENT_PREFIX):
        field = c.derived.removeprefix(DOCUMENT_PREFIX)
        docs = lookup("documents").select(["doc_id", field]).to_pylist()
        by_doc = {d["doc_id"]: d[field] for d in docs}
        return pa.array([by_doc.get(d) for d in table.column("doc_id").to_pylist()], c.type)
    raise ValueError(f"unknown derived column {c.name}: {c.derived!r}")


def _labelled(name: str, c: Column, values: pa.Array | pa.ChunkedArray):
    shown = codes.labels(name, c.name)
    if not shown:
        return values
    return pa.array([shown.get(v, v) if v is not None else None for v in values.to_pylist()],
                    pa.string())


def people_table(name: str, table: pa.Table, lookup: Lookup, as_of: date) -> PeopleTable:
    """`table` (rows of table `name`) as an export for people shows it on day `as_of`."""
    spec = TABLES[name]
    cols, arrays, headers = [], [], []
    for c in spec.people_columns:
        values = _derived(c, table, lookup, as_of) if c.derived else table.column(c.name)
        arrays.append(_labelled(name, c, values))
        cols.append(c)
        headers.append(status_header(c, as_of) if c.derived == DEADLINE_STATUS else c.header)
    shown = pa.table(arrays, names=[c.name for c in cols]) if cols else pa.table({})
    uses_day = any(c.derived == DEADLINE_STATUS for c in cols)
    return PeopleTable(name, tuple(cols), tuple(headers), shown, as_of if uses_day else None)
