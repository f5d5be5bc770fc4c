"""`vnplan export`: published tables, at a version and filtered, to a file for
people who do not read Delta tables.

Formats:
- `xlsx`: one sheet per table with Vietnamese headers and a data dictionary
  sheet (see `pipeline.workbook`);
- `csv`: UTF-8 with a BOM (Excel opens it with Vietnamese intact), column
  names as header, dates ISO, lists joined with `; `;
- `jsonl`: one JSON object per row, lists as arrays, dates ISO;
- `parquet`: a single-file snapshot with the declared Arrow schema.

Several tables go into one XLSX workbook; in the other formats `--out` then
names a folder that receives `<table>.<ext>` each. An export of a given
version is the same bytes every time: rows come in a fixed order and the
XLSX carries the version's commit time instead of the current time.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.tables import reading as tables_api
from pipeline.outputs.progress import Progress
from pipeline.tables.selection import Selection, apply
from pipeline.outputs.workbook import LIST_SEPARATOR, workbook_bytes

FORMATS = ("xlsx", "csv", "jsonl", "parquet")
STDOUT = "-"


@dataclass(frozen=True)
class Exported:
    name: str
    version: int | None           # the version read (None: the table does not exist)
    committed_at: datetime | None
    table: pa.Table


@dataclass
class ExportResult:
    format: str
    files: list[Path] = field(default_factory=list)
    tables: list[Exported] = field(default_factory=list)
    selection: Selection = field(default_factory=Selection)

    def as_dict(self) -> dict:
        return {"format": self.format,
                "files": [str(f) for f in self.files],
                "tables": [{"table": e.name, "version": e.version, "rows": e.table.num_rows,
                            "committed_at": e.committed_at.isoformat() if e.committed_at else None}
                           for e in self.tables],
                "filters": self.selection.describe()}


def collect(names: Sequence[str], version: int | None, processed, selection: Selection,
            progress: Progress | None = None) -> list[Exported]:
    """Each table at `version` (joined tables as they stood then), filtered."""
    snap = tables_api.Snapshot.at(processed, list(names), version)
    out = []
    for name in names:
        table = apply(selection, name, snap.table(name), snap.table)
        out.append(Exported(name, snap.resolved_version(name), snap.committed_at(name), table))
        if progress:
            progress.advance(f"{name}: {table.num_rows} rows")
    return out


# --- values --------------------------------------------------------------------

def text_value(value) -> str:
    """A value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(text_value(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def csv_text(table: pa.Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.column_names)
    for row in table.to_pylist():
        w.writerow([text_value(v) for v in row.values()])
    return buf.getvalue()


def jsonl_text(table: pa.Table) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=json_value) + "\n"
                   for row in table.to_pylist())


def parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(None), buf)
    return buf.getvalue()


def file_bytes(fmt: str, exported: Sequence[Exported], selection: Selection) -> bytes:
    """The content of one export file holding `exported` (one table unless xlsx)."""
    if fmt == "xlsx":
        sources = [{"table": e.name, "version": e.version, "committed_at": e.committed_at,
                    "rows": e.table.num_rows, "selection": selection.describe()}
                   for e in exported]
        times = [e.committed_at for e in exported if e.committed_at]
        title = "vnplan: " + ", ".join(e.name for e in exported)
        return workbook_bytes([(e.name, e.table) for e in exported], sources,
                              max(times) if times else None, title)
    (e,) = exported
    if fmt == "csv":
        return csv_text(e.table).encode("utf-8-sig")
    if fmt == "jsonl":
        return jsonl_text(e.table).encode("utf-8")
    if fmt == "parquet":
        return parquet_bytes(e.table)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def default_out(names: Sequence[str], version: int | None, fmt: str) -> Path:
    stem = "_".join(names) + (f"-v{version}" if version is not None else "")
    return Path(stem + (f".{fmt}" if fmt == "xlsx" or len(names) == 1 else ""))


def export(names: Sequence[str], *, fmt: str = "xlsx", version: int | None = None,
           out: str | Path | None = None, processed=None,
           selection: Selection | None = None, progress: Progress | None = None) -> ExportResult:
    """Write the export; `out` "-" writes one csv/jsonl table to stdout."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    names = list(dict.fromkeys(names))
    selection = selection or Selection()
    if str(out) == STDOUT and (fmt not in ("csv", "jsonl") or len(names) != 1):
        raise ValueError("--out - writes one table as csv or jsonl only")
    exported = collect(names, version, processed, selection, progress)
    result = ExportResult(fmt, tables=exported, selection=selection)
    if str(out) == STDOUT:
        data = file_bytes(fmt, exported, selection)
        text = data.decode("utf-8-sig")          # no BOM on a pipe
        sys.stdout.write(text)
        sys.stdout.flush()
        return result
    target = Path(out) if out else default_out(names, exported[0].version, fmt)
    if fmt == "xlsx" or len(names) == 1:
        jobs = [(target, exported)]
    else:
        jobs = [(target / f"{e.name}.{fmt}", [e]) for e in exported]
    for path, group in jobs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file_bytes(fmt, group, selection))
        result.files.append(path)
        if progress:
            progress.advance(f"wrote {path}")
    return result
