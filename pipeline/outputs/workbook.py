"""The XLSX export: one sheet per table as people read it
(`pipeline.outputs.view`: Vietnamese headers, the document's number, date and
issuer on every task, labels for codes, the deadline status, ids last), and a
data dictionary sheet, written so that the same input gives the same bytes.

Each table sheet has its header row frozen and filtered, column widths fitted
to the content (long text such as a task's content in a wide column, wrapped),
real date cells (`DD/MM/YYYY`) and timestamps (UTC, Excel has no time zones);
list columns are joined with `; `. The dictionary sheet lists every column
(header, type, description, from `pipeline.tables.dictionary`), each code with
its label and meaning, and the version, time and filters of each table.

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

from pipeline.outputs.view import PeopleTable
from pipeline.tables import dictionary

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "YYYY-MM-DD HH:MM:SS"
LIST_SEPARATOR = "; "
MAX_CELL = 32767              # Excel's limit on the characters of a cell
MIN_WIDTH, MAX_WIDTH = 8, 60
WRAP_WIDTH, IDENT_WIDTH = 70, 18    # long text, wrapped; machine ids (the cell keeps it all)
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
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


def table_sheet(wb: Workbook, view: PeopleTable) -> None:
    ws = wb.create_sheet(dictionary.sheet_name(view.name))
    _header_row(ws, view.headers)
    table = view.table
    types = [f.type for f in table.schema]
    data = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for i in range(table.num_rows):
        ws.append([cell_value(col[i], typ) for col, typ in zip(data, types)])
    for j, (c, header, typ) in enumerate(zip(view.columns, view.headers, types), start=1):
        letter = get_column_letter(j)
        fmt = DATE_FORMAT if pa.types.is_date(typ) else TIME_FORMAT \
            if pa.types.is_timestamp(typ) else None
        align = WRAPPED if c.wrap else TOP
        for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            cell.alignment = align
            if fmt:
                cell.number_format = fmt
        if c.wrap:
            width = float(WRAP_WIDTH)
        else:
            sample = (cell_value(v, typ) for v in data[j - 1][:WIDTH_SAMPLE])
            width = _width(sample, header)
            if c.ident:
                width = min(width, float(IDENT_WIDTH))
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(view.columns))}{max(1, ws.max_row)}"


def dictionary_sheet(wb: Workbook, views: Sequence[PeopleTable], sources: Sequence[dict]) -> None:
    """Columns of every exported table, each code with its label and meaning, where
    the data came from (and the day the deadline status was judged on)."""
    spec = dictionary.dictionary_sheet()
    ws = wb.create_sheet(spec["sheet"])
    _header_row(ws, spec["headers"])
    for view in views:
        for c, header in zip(dictionary.people_columns(view.name), view.headers):
            ws.append([dictionary.sheet_name(view.name), view.name, c.name, header, c.type,
                       c.description])
    coded = [(v.name, col) for v in views for col in dictionary.coded_columns(v.name)]
    if coded:
        ws.append([])
        _header_row(ws, spec["values_headers"])
        for name, col in dict.fromkeys(coded):
            shown = dictionary.labels(name, col)
            for code, meaning in dictionary.meanings(name, col).items():
                ws.append([f"{name}.{col}", code, shown.get(code, code), meaning])
    ws.append([])
    _header_row(ws, spec["source_headers"])
    for s in sources:
        when = _naive_utc(s["committed_at"]) if s.get("committed_at") else None
        ws.append([s["table"], s["version"], when, s["rows"], s["selection"]])
        ws.cell(ws.max_row, 3).number_format = TIME_FORMAT
    days = sorted({v.as_of for v in views if v.as_of is not None})
    for day in days:
        ws.append([spec["as_of_label"], None, day])
        ws.cell(ws.max_row, 3).number_format = DATE_FORMAT
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


def workbook_bytes(views: Sequence[PeopleTable], sources: Sequence[dict],
                   when: datetime | None, title: str) -> bytes:
    """The XLSX file: a sheet per table as people read it, then the dictionary sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for view in views:
        table_sheet(wb, view)
    dictionary_sheet(wb, views, sources)
    stamp = _naive_utc(when).replace(microsecond=0) if when else datetime(1980, 1, 1)
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "vnplan"
    props.title = title
    buf = io.BytesIO()
    # ExcelWriter, not wb.save(): save() stamps `modified` with the current time
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _fixed_zip(buf.getvalue(), when)
