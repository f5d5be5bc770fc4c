"""Schedule tables: task tables with no responsibility column (spec §1, shape `table`).

A schedule lists units of work under a number column with one or more timing
columns and no `chủ trì` column: the issuer carries each row out. An inspection
plan's annex (`TT | Tên đơn vị được kiểm tra | Đối tượng kiểm tra | Thời gian
công bố Quyết định kiểm tra | Thời hạn kiểm tra`) schedules the inspection of
one company per row.

Guarantees of `schedule_tasks`:
- a table is a schedule when a header row (of the first three) has a number
  column and a timing column, no owner or partner column, and some other
  column that is not a target (`Chỉ tiêu`) or a place (`Địa điểm`);
- one task per row number: rows that repeat the number (a merged `TT` cell
  that a reader repeats into each sub-row) make one task, each column's
  distinct values joined with "; "; a number cell that is no number (OCR's
  `|` for `1`) is numbered after the row before;
- content is the content columns joined with ": " (`Công ty TNHH Hiệp Phú:
  Gói thầu số 15: ...`), timing the timing columns joined with "; "
  (`23/3/2026; 02 ngày`);
- the owner is the issuer named without the decision that set it up
  (`Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT` → `Đoàn kiểm tra`); with
  no issuer there is no task.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.labelled_fields import labels, to_mentions
from extractors.timing import normalise_timing
from parsers.model import Block, Span, TaskRecord, Timing
from parsers.clean_text import clean_value, fold_spaces

# The decision that set a body up, after its name:
# `Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT`, `Tổ công tác thành lập theo Quyết định số 12/QĐ-UBND`
ISSUER_MANDATE = re.compile(r"\s+(?:được\s+)?(?:thành lập\s+)?theo\s+(?:Quyết định|Kế hoạch)\b.*$", re.I)
# The number cell of a data row: `1`, `3.`
ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")
# A group row's number: `I`, `II.`, `A`
GROUP_NUMBER = re.compile(r"^[IVXL]{1,5}\.?$|^[A-H]\.?$")
MISREAD_NUMBER_CHARS = 2     # a number cell this short that is no number: OCR's `|` for `1`


@dataclass(frozen=True)
class ScheduleColumns:
    number: int
    contents: tuple[int, ...]
    timings: tuple[int, ...]
    header_rows: int


def _norm(text: str) -> str:
    return fold_spaces(text).casefold()


def _starts(cell: str, names: list[str]) -> bool:
    c = _norm(cell)
    return any(c == _norm(n) or c.startswith(_norm(n)) for n in names)


def detect_schedule(rows: list[Block]) -> ScheduleColumns | None:
    vocab = labels()["table"]
    for h, header in enumerate(rows[:3]):
        cells = header.cells
        numbers = [i for i, c in enumerate(cells) if _norm(c) in {_norm(n) for n in vocab["number"]}]
        timings = tuple(i for i, c in enumerate(cells) if _starts(c, vocab["timing"]))
        if not numbers or not timings:
            continue
        if any(_starts(c, vocab["owner"]) or _starts(c, vocab["partners"])
               or "chủ trì" in _norm(c) for c in cells):
            return None
        rest = tuple(i for i, c in enumerate(cells) if i != numbers[0] and i not in timings
                     and c.strip() and not _starts(c, vocab["place"]))
        if not rest or any(_starts(cells[i], vocab["not_task_content"]) for i in rest):
            return None
        return ScheduleColumns(numbers[0], rest, timings, h + 1)
    return None


def issuer_body(issuer: str | None) -> str | None:
    """The issuer without the decision that set it up."""
    return clean_value(ISSUER_MANDATE.sub("", issuer)) if issuer else None


def schedule_tasks(blocks: list[Block], base: str, issuer: str | None,
                   ref: date | None) -> list[TaskRecord]:
    cols = detect_schedule(blocks)
    owner = issuer_body(issuer)
    if cols is None or not owner:
        return []
    groups: list[tuple[str, str, list[Block]]] = []      # (number cell, label, rows)
    for block in blocks[cols.header_rows:]:
        cell = clean_value(block.cells[cols.number]) if cols.number < len(block.cells) else None
        if not cell or not any(clean_value(block.cells[i]) for i in cols.contents if i < len(block.cells)):
            continue
        if groups and groups[-1][0] == cell:
            groups[-1][2].append(block)
            continue
        if ROW_NUMBER.match(cell):
            label = cell.rstrip(".")
        elif len(cell) <= MISREAD_NUMBER_CHARS and not GROUP_NUMBER.match(cell):
            # a number OCR misread (`|` for `1`) takes the place of its row
            label = str(int(groups[-1][1]) + 1 if groups else 1)
        else:
            continue
        groups.append((cell, label, [block]))
    out: list[TaskRecord] = []
    for _, number, rows in groups:
        content = ": ".join(v for v in (_joined(rows, i) for i in cols.contents) if v)
        if not content:
            continue
        timing_text = "; ".join(v for v in (_joined(rows, i) for i in cols.timings) if v)
        first = rows[0].index
        timing = normalise_timing(timing_text, ref) if timing_text else Timing(None, None)
        if timing_text:
            timing = Timing(timing.raw, timing.kind, timing.start, timing.end, Span(block=first))
        out.append(TaskRecord(
            section=f"{base}.{number}" if base else number, source_kind="table", title=None,
            content=content, owners=to_mentions(owner, "owner", first), partners=(),
            timing=timing, span=Span(block=first)))
    return out


def _joined(rows: list[Block], i: int) -> str:
    """A column's distinct values over the rows of one number, in order, joined with "; "."""
    values: list[str] = []
    for block in rows:
        v = clean_value(block.cells[i]) if i < len(block.cells) else None
        if v and v not in values:
            values.append(v)
    return "; ".join(values)
