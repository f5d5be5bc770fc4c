"""A column declared once: its type, how it is filled, its export header, its
description and its allowed codes; and what is derived from a table of them.

`Table.schema` is the Arrow schema; `Table.fill(source)` the values of the
columns read from a source object (a task, a mention, a parsed document);
`Table.json(source)` the same as JSON values (the `vnplan parse` shape);
`Table.arrow(rows)` turns row dicts into an Arrow table and `Table.enforce`
checks one before it is written: a row or a table with a missing or an extra
column, or a code outside a column's allowed codes, fails with the column's
name (as PUDL's `enforce_schema` does), instead of being written as nulls.
The data dictionary (`pipeline.tables.dictionary`) reads the headers and
descriptions from here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Callable, Iterable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

STRING, INT32, INT64, FLOAT, BOOL = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()
DATE, TIMESTAMP = pa.date32(), pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())

class SchemaError(ValueError):
    """A row or a table that does not fit its declared columns; names the column."""

    def __init__(self, table: str, column: str, problem: str):
        self.table, self.column = table, column
        super().__init__(f"{table}.{column}: {problem}")


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    header: str                  # Vietnamese header of exports
    description: str             # Vietnamese, for the data dictionary
    # how the value is read from the row's source object: an attribute path
    # ("timing.kind": None where a step is None), a function of the source, or
    # None: the pipeline gives it (keys, ids, what an ingest knows)
    fill: str | Callable[[Any], Any] | None = None
    codes: frozenset[str] | None = None   # the allowed values (null is always allowed)
    key: bool = False            # never null (the table's key, ids)
    json: bool = True            # a filled column in the `vnplan parse` JSON
    # exports for people (the workbook, `--csv-dialect excel-vi`):
    ident: bool = False          # for machines (a content hash, a character offset): last
    wrap: bool = False           # long text (a task's content): a wide column, wrapped
    # a column an export adds, not stored: "documents.<column>" (the row's
    # document, joined on doc_id) or "deadline_status" (the task's deadline
    # status on the export's day, `pipeline.outputs.status.classify`)
    derived: str | None = None

    @property
    def filled(self) -> bool:
        return self.fill is not None

    def value(self, source: Any) -> Any:
        if callable(self.fill):
            return self.fill(source)
        value = source
        for step in self.fill.split("."):
            if value is None:
                return None
            value = getattr(value, step)
        return value

    @property
    def field(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=not self.key)


def json_value(value: Any) -> Any:
    """A row value as JSON: dates ISO, tuples as lists."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    return value


@dataclass(frozen=True)
class Table:
    name: str
    key: str                     # the column a publish replaces rows by
    sheet: str                   # the export's sheet name (Vietnamese, at most 31 characters)
    description: str
    columns: tuple[Column, ...] = field(default=())
    # exports for people: the columns they add (`Column.derived`), shown first
    extras: tuple[Column, ...] = field(default=())

    @cached_property
    def people_columns(self) -> tuple[Column, ...]:
        """The columns of an export for people, in order: the added ones (the
        document's number, date and issuer), the stored ones, the deadline
        status, and the machine ids last."""
        status = tuple(c for c in self.extras if c.derived == "deadline_status")
        first = tuple(c for c in self.extras if c not in status)
        stored = tuple(c for c in self.columns if not c.ident)
        machine = sorted((c for c in self.columns if c.ident), key=lambda c: c.key)
        return first + stored + status + tuple(machine)        # offsets, then the ids

    @cached_property
    def schema(self) -> pa.Schema:
        return pa.schema([c.field for c in self.columns])

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def _filled(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.filled)

    @cached_property
    def _coded(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.codes is not None)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def fill(self, source: Any) -> dict[str, Any]:
        """The values of the columns read from `source`."""
        return {c.name: c.value(source) for c in self._filled}

    def row(self, source: Any, **given: Any) -> dict[str, Any]:
        """A whole row: the columns read from `source` and the `given` ones."""
        return self.fill(source) | given

    def json(self, source: Any) -> dict[str, Any]:
        """The filled JSON columns of `source`, as JSON values."""
        return {c.name: json_value(c.value(source)) for c in self._filled if c.json}

    def check_row(self, row: Mapping[str, Any]) -> None:
        """A row must have every declared column, no other, and known codes."""
        if row.keys() != set(self.names):
            missing = [n for n in self.names if n not in row]
            extra = sorted(set(row) - set(self.names))
            if missing:
                raise SchemaError(self.name, missing[0], "missing column"
                                  + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else "")
                                  + (f" (undeclared: {', '.join(extra)})" if extra else ""))
            raise SchemaError(self.name, extra[0], "undeclared column")
        for c in self._coded:
            value = row[c.name]
            if value is not None and value not in c.codes:
                raise SchemaError(self.name, c.name, f"unknown code {value!r}; "
                                  f"allowed: {', '.join(sorted(c.codes))}")

    def arrow(self, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
        """Row dicts as an Arrow table of the declared schema; every row checked."""
        rows = list(rows)
        for row in rows:
            self.check_row(row)
        return pa.Table.from_pylist(rows, schema=self.schema)

    def conform(self, table: pa.Table) -> pa.Table:
        """A stored table with exactly the declared columns, in declared order and
        types (a column declared after it was written reads as nulls)."""
        cols = [table.column(f.name).cast(f.type) if f.name in table.column_names
                else pa.nulls(table.num_rows, f.type) for f in self.schema]
        return pa.Table.from_arrays(cols, schema=self.schema)

    def enforce(self, table: pa.Table) -> pa.Table:
        """`table` with exactly the declared columns, in order and types, before it
        is written: a missing or undeclared column, a value that does not cast to
        its type or an unknown code raises SchemaError naming the column."""
        have = set(table.column_names)
        for name in self.names:
            if name not in have:
                raise SchemaError(self.name, name, "missing column")
        for name in table.column_names:
            if name not in self.names:
                raise SchemaError(self.name, name, "undeclared column")
        if not table.schema.equals(self.schema):
            try:
                table = table.select(list(self.names)).cast(self.schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
                bad = next((c.name for c in self.columns
                            if not table.schema.field(c.name).type.equals(c.type)), self.key)
                raise SchemaError(self.name, bad, f"does not cast to its type: {exc}") from exc
        for c in self._coded:
            values = table.column(c.name)
            known = pc.is_in(values, value_set=pa.array(sorted(c.codes), c.type))
            unknown = pc.unique(values.filter(pc.and_(pc.is_valid(values), pc.invert(known))))
            if len(unknown):
                raise SchemaError(self.name, c.name, f"unknown code {unknown[0].as_py()!r}; "
                                  f"allowed: {', '.join(sorted(c.codes))}")
        return table
