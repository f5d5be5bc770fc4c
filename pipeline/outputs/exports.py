"""`vnplan export`: published tables, at a version and filtered, to a file for
people who do not read Delta tables.

Formats:
- `xlsx`: one sheet per table as people read it (`pipeline.outputs.view`:
  Vietnamese headers, each task with its document's number, date and issuer,
  labels for codes, the deadline status on a day, ids last) and a data
  dictionary sheet (see `pipeline.outputs.workbook`);
- `csv`, dialect `plain` (the default): the stored columns under their names,
  `,`, UTF-8 with a BOM (Excel opens it with Vietnamese intact), dates ISO,
  lists joined with `; ` (what a program reads back); dialect `excel-vi`: the
  table as people read it (as in the workbook), `;` between fields, dates
  `DD/MM/YYYY`, decimal commas, UTF-8 with a BOM (what Excel set to Vietnamese
  opens by a double click);
- `jsonl`: one JSON object per row, lists as arrays, dates ISO;
- `parquet`: a single-file snapshot with the declared Arrow schema.

Several tables go into one XLSX workbook; in the other formats `--out` then
names a folder that receives `<table>.<ext>` each. An export of a given
version is the same bytes every time: rows come in a fixed order, the XLSX
carries the version's commit time instead of the current time, and the
deadline status is judged on the day given (by default the day the newest
exported table was committed).

An export refuses what it cannot do well: a table not published yet
(`NotPublished`), and filters that match no row (`NoMatch`, saying which
filter matched nothing); nothing is written then.
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

from pipeline.outputs.progress import Progress
from pipeline.outputs.view import PeopleTable, people_table
from pipeline.outputs.workbook import LIST_SEPARATOR, workbook_bytes
from pipeline.tables import reading as tables_api
from pipeline.tables.selection import Selection, apply, misses

FORMATS = ("xlsx", "csv", "jsonl", "parquet")
PLAIN, EXCEL_VI = "plain", "excel-vi"
DIALECTS = (PLAIN, EXCEL_VI)
STDOUT = "-"
DATE_VI, TIME_VI = "%d/%m/%Y", "%d/%m/%Y %H:%M:%S"
BOOL_VI = {True: "đúng", False: "sai"}       # the dictionary's type word: đúng/sai


class NotPublished(LookupError):
    """A table asked for has not been published yet (no ingest run made it)."""


class NoMatch(LookupError):
    """The filters match no row: nothing is written."""


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
    dialect: str = PLAIN
    as_of: date | None = None           # the day the deadline status was judged on
    snapshot: dict | None = None        # the runs row read (`as_of` a run or a moment)

    def as_dict(self) -> dict:
        return {"format": self.format, "dialect": self.dialect if self.format == "csv" else None,
                "files": [str(f) for f in self.files],
                "tables": [{"table": e.name, "version": e.version, "rows": e.table.num_rows,
                            "committed_at": e.committed_at.isoformat() if e.committed_at else None}
                           for e in self.tables],
                "filters": self.selection.describe(),
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "snapshot": self.snapshot["run_id"] if self.snapshot else None}


def snapshot_for(processed, names: Sequence[str], version: int | None, run=None):
    """The tables to read: `run` (a run id, `#3` or a moment: every table as that
    ingest left it), else `names` at `version` with the others as they stood then."""
    if run is not None:
        if version is not None:
            raise ValueError("give --version or a snapshot (--as-of a run or a time), not both")
        return tables_api.Snapshot.as_of(processed, run)
    return tables_api.Snapshot.at(processed, list(names), version)


def collect(names: Sequence[str], snap, selection: Selection,
            progress: Progress | None = None) -> list[Exported]:
    """Each table of the snapshot, filtered; NotPublished for a table not published yet."""
    out = []
    for name in names:
        version = snap.resolved_version(name)
        if version is None:
            raise NotPublished(f"table {name} has not been published yet"
                               + (" at that snapshot" if snap.run else
                                  ": run `vnplan ingest` first"))
        table = apply(selection, name, snap.table(name), snap.table)
        out.append(Exported(name, version, snap.committed_at(name), table))
        if progress:
            progress.advance(f"{name}: {table.num_rows} rows")
    return out


def default_day(exported: Sequence[Exported], snapshot: dict | None) -> date | None:
    """The day a deadline status is judged on when none is given: the snapshot's,
    else the day the newest exported table was committed (so that an export of
    a version is the same bytes every time)."""
    if snapshot is not None:
        return snapshot["published_at"].date()
    times = [e.committed_at for e in exported if e.committed_at]
    return max(times).date() if times else None


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


def vi_value(value) -> str:
    """A value as Excel set to Vietnamese reads it: DD/MM/YYYY, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return BOOL_VI[value]
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(vi_value(v) for v in value)
    if isinstance(value, datetime):
        return value.strftime(TIME_VI)
    if isinstance(value, date):
        return value.strftime(DATE_VI)
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def csv_vi_text(view: PeopleTable) -> str:
    """The table as people read it, `;` between fields (Excel's list separator in
    Vietnamese, where `,` is the decimal separator)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(view.headers)
    columns = [view.table.column(i).to_pylist() for i in range(view.table.num_columns)]
    for row in zip(*columns):
        w.writerow([vi_value(v) for v in row])
    return buf.getvalue()


def jsonl_text(table: pa.Table) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=json_value) + "\n"
                   for row in table.to_pylist())


def parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(None), buf)
    return buf.getvalue()


def file_bytes(fmt: str, exported: Sequence[Exported], selection: Selection, *,
               views: Sequence[PeopleTable] = (), dialect: str = PLAIN) -> bytes:
    """The content of one export file holding `exported` (one table unless xlsx);
    `views` are the same tables as people read them (xlsx, csv excel-vi)."""
    if fmt == "xlsx":
        sources = [{"table": e.name, "version": e.version, "committed_at": e.committed_at,
                    "rows": e.table.num_rows, "selection": selection.describe()}
                   for e in exported]
        times = [e.committed_at for e in exported if e.committed_at]
        title = "vnplan: " + ", ".join(e.name for e in exported)
        return workbook_bytes(views, sources, max(times) if times else None, title)
    (e,) = exported
    if fmt == "csv" and dialect == EXCEL_VI:
        (view,) = views
        return csv_vi_text(view).encode("utf-8-sig")
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


def check_out(out: str | Path | None, fmt: str, n_tables: int) -> None:
    """A file name that says another format than the one written is refused
    (`--out x.txt` would have been a workbook named .txt)."""
    if out is None or str(out) == STDOUT:
        return
    suffix = Path(out).suffix.lstrip(".").lower()
    folder = fmt != "xlsx" and n_tables > 1
    if folder and suffix:
        raise ValueError(f"--out {out}: {n_tables} tables as {fmt} go into a folder, one file "
                         f"each; give a folder name (no .{suffix})")
    if suffix and suffix != fmt:
        raise ValueError(f"--out {out}: .{suffix} is not the format written ({fmt}); name the "
                         f"file .{fmt}, or choose --format ({', '.join(FORMATS)})")


def export(names: Sequence[str], *, fmt: str = "xlsx", version: int | None = None,
           out: str | Path | None = None, processed=None,
           selection: Selection | None = None, progress: Progress | None = None,
           dialect: str = PLAIN, as_of: date | None = None, snapshot=None) -> ExportResult:
    """Write the export; `out` "-" writes one csv/jsonl table to stdout. `as_of`
    is the day deadline statuses are judged on; `snapshot` (a run id, `#3`, or
    a moment) reads every table as that ingest run left it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    names = list(dict.fromkeys(names))
    selection = selection or Selection()
    if str(out) == STDOUT and (fmt not in ("csv", "jsonl") or len(names) != 1):
        raise ValueError("--out - writes one table as csv or jsonl only")
    check_out(out, fmt, len(names))
    snap = snapshot_for(processed, names, version, snapshot)
    exported = collect(names, snap, selection, progress)
    filtered = [e for e in exported if "doc_id" in e.table.column_names]
    if not selection.empty and filtered and all(e.table.num_rows == 0 for e in filtered):
        raise NoMatch("; ".join(misses(selection, snap.table)) + ": nothing written")
    day = as_of or default_day(exported, snap.run)
    people = fmt == "xlsx" or (fmt == "csv" and dialect == EXCEL_VI)
    views = {e.name: people_table(e.name, e.table, snap.table, day) for e in exported} \
        if people else {}
    result = ExportResult(fmt, tables=exported, selection=selection, dialect=dialect,
                          as_of=day if people else None, snapshot=snap.run)
    if str(out) == STDOUT:
        data = file_bytes(fmt, exported, selection, views=list(views.values()), dialect=dialect)
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
        path.write_bytes(file_bytes(fmt, group, selection, views=[views[e.name] for e in group
                                                                   if e.name in views],
                                    dialect=dialect))
        result.files.append(path)
        if progress:
            progress.advance(f"wrote {path}")
    return result
