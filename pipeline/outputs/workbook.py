"""The XLSX export: one sheet per table with Vietnamese headers, and a data
dictionary sheet, written so that the same input gives the same bytes.

Each table sheet has its header row frozen and filtered, column widths fitted
to the content, real date cells (`DD/MM/YYYY`) and timestamps (UTC, Excel has
no time zones); list columns are joined with `; `. The dictionary sheet lists
every column (header, type, description, from `pipeline.dictionary`), the
meaning of coded values, and the version, time and filters of each table.

Reproducible: the workbook's created/modified properties are the given time
(the table version's commit time) and the zip entries carry that date too.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timezone
from typing import Iterable, Sequence

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from pipeline.tables import dictionary

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "YYYY-MM-DD HH:MM:SS"
LIST_SEPARATOR = "; "
MAX_CELL = 32767              # Excel's limit on the characters of a cell
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 500            # rows looked at to fit a column's width
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
TITLE_FONT = Font(bold=True)


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def cell_value(value, typ: pa.DataType):
    """A Python value as an XLSX cell value (dates stay dates)."""
    if value is None:
        return None
    if pa.types.is_list(typ):
        value = LIST_SEPARATOR.join(str(v) for v in value if v is not None)
    if isinstance(value, datetime):
        return _naive_utc(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL]
    return value


def _width(values: Iterable, header: str) -> float:
    longest = len(header)
    for v in values:
        if isinstance(v, (date, datetime)):
            n = 19 if isinstance(v, datetime) else 10
        else:
            n = max((len(line) for line in str(v).splitlines()), default=0) if v is not None else 0
        longest = max(longest, n)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _header_row(ws, values: Sequence[str]) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center")


def table_sheet(wb: Workbook, name: str, table: pa.Table) -> None:
    cols = dictionary.columns(name)
    ws = wb.create_sheet(dictionary.sheet_name(name))
    _header_row(ws, [c.header for c in cols])
    types = [table.schema.field(c.name).type for c in cols]
    data = [table.column(c.name).to_pylist() for c in cols]
    for i in range(table.num_rows):
        ws.append([cell_value(col[i], typ) for col, typ in zip(data, types)])
    for j, (c, typ) in enumerate(zip(cols, types), start=1):
        letter = get_column_letter(j)
        fmt = DATE_FORMAT if pa.types.is_date(typ) else TIME_FORMAT \
            if pa.types.is_timestamp(typ) else None
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
        sample = (cell_value(v, typ) for v in data[j - 1][:WIDTH_SAMPLE])
        ws.column_dimensions[letter].width = _width(sample, c.header)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, ws.max_row)}"


def dictionary_sheet(wb: Workbook, names: Sequence[str], sources: Sequence[dict]) -> None:
    """Columns of every exported table, meanings of coded values, where the data came from."""
    spec = dictionary.dictionary_sheet()
    ws = wb.create_sheet(spec["sheet"])
    _header_row(ws, spec["headers"])
    for name in names:
        for c in dictionary.columns(name):
            ws.append([dictionary.sheet_name(name), name, c.name, c.header, c.type, c.description])
    exported = {c.name for n in names for c in dictionary.columns(n)}
    coded = [col for col in dictionary.value_columns() if col in exported]
    if coded:
        ws.append([])
        _header_row(ws, spec["values_headers"])
        for col in coded:
            for code, meaning in dictionary.labels(col).items():
                ws.append([col, code, meaning])
    ws.append([])
    _header_row(ws, spec["source_headers"])
    for s in sources:
        when = _naive_utc(s["committed_at"]) if s.get("committed_at") else None
        ws.append([s["table"], s["version"], when, s["rows"], s["selection"]])
        ws.cell(ws.max_row, 3).number_format = TIME_FORMAT
    widths = (18, 18, 22, 30, 18, 90)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"


def _fixed_zip(data: bytes, when: datetime | None) -> bytes:
    """The zip rewritten with every entry dated `when` (1980-01-01 if None)."""
    stamp = ZIP_EPOCH if when is None else max(ZIP_EPOCH, _naive_utc(when).timetuple()[:6])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def workbook_bytes(tables: Sequence[tuple[str, pa.Table]], sources: Sequence[dict],
                   when: datetime | None, title: str) -> bytes:
    """The XLSX file: a sheet per (name, table), then the dictionary sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in tables:
        table_sheet(wb, name, table)
    dictionary_sheet(wb, [n for n, _ in tables], sources)
    stamp = _naive_utc(when).replace(microsecond=0) if when else datetime(1980, 1, 1)
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "vnplan"
    props.title = title
    buf = io.BytesIO()
    # ExcelWriter, not wb.save(): save() stamps `modified` with the current time
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _fixed_zip(buf.getvalue(), when)
