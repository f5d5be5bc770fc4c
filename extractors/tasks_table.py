"""Table tasks: the data rows of a task table (spec §1, shape `table`).

A table is a task table when its header has a responsibility column
(`Cơ quan chủ trì`, `Sở, ngành chủ trì tham mưu`, `Đơn vị thực hiện`, ...)
and its task column is not a target (`Chỉ tiêu`). Group rows (`I`, `II`, a
heading spanning the row) are sections, not tasks. A table with no
responsibility column may be a schedule (`extractors.tasks_schedule`).

A table whose rows are an administrative procedure is no task table, whatever
its columns: the steps of an internal procedure (`Thứ tự công việc | Nội dung
công việc | Trách nhiệm thực hiện | Thời gian thực hiện`, rows `Bước 1`, `B2`,
or any rows under a caption `Trình tự thực hiện`) are done again for every
application, and a list of procedures (`Tên thủ tục hành chính | Thời hạn giải
quyết | ...`) gives no work (spec §1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.labelled_fields import labels, lead_and_partners, to_mentions
from extractors.tasks_schedule import schedule_tasks
from extractors.timing import normalise_timing
from parsers.model import Block, DocumentTree, Node, Span, TaskRecord, Timing
from parsers.clean_text import clean_value, fold_spaces

# The number cell of a data row: `1`, `3.`, `11.2`
ROW_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
# A row that numbers the columns under the header: `(1) | (2) | (3)`
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
# A group row's number: `I`, `II.`, `**I.**` (emphasis is stripped by the readers)
GROUP_NUMBER = re.compile(r"^[IVXL]{1,5}\.?$|^[A-H]\.?$")
# The number cell of a procedure's step: `Bước 1`, `B2`
STEP_NUMBER = re.compile(r"^(?:Bước|B)\s*\d{1,2}\.?$", re.I)
MIN_STEPS = 2            # rows numbered as steps that make a table a procedure
# A caption's number, bullet and the words before its name: `2. `, `- `, `b) `, `Quy trình số 01 1. `
MARKER = re.compile(r"^(?:quy trình số \d+\s*)?(?:(?:[\divx]+|[a-zđ])[.)]\s*|[-+•]\s*)*")


@dataclass(frozen=True)
class Columns:
    number: int | None
    content: int
    owner: int
    partners: int | None
    timing: int | None
    deliverable: int | None
    header_rows: int
    other_owners: tuple[int, ...] = ()   # columns that give other work to other bodies


def _norm(text: str) -> str:
    return fold_spaces(text).casefold()


def _find(header: tuple[str, ...], names: list[str], taken: set[int]) -> int | None:
    """The first column whose header starts with or equals one of `names` (longest first)."""
    for name in sorted(names, key=len, reverse=True):
        n = _norm(name)
        for i, cell in enumerate(header):
            if i not in taken and (_norm(cell) == n or _norm(cell).startswith(n)):
                return i
    for name in sorted(names, key=len, reverse=True):
        n = _norm(name)
        for i, cell in enumerate(header):
            if i not in taken and n in _norm(cell) and len(n) > 5:
                return i
    return None


def detect_columns(rows: list[Block]) -> Columns | None:
    """The column roles of a task table, or None when it is not one."""
    vocab = labels()["table"]
    for h, header in enumerate(rows[:3]):
        cells = header.cells
        if not any("chủ trì" in _norm(c) or "thực hiện" in _norm(c) or "phụ trách" in _norm(c)
                   for c in cells):
            continue
        taken: set[int] = set()
        found = {}
        others = []
        while (col := _find(cells, vocab["other_owners"], taken)) is not None:
            others.append(col)                # `Cơ quan trình` beside `Cơ quan chủ trì thẩm tra`
            taken.add(col)
        # the timing column first: `Thời gian thực hiện` holds `thực hiện`, no body's column
        for role in ("number", "partners", "timing", "owner", "deliverable"):
            found[role] = _find(cells, vocab[role], taken)
            if role == "owner" and found[role] is None and others:
                found[role] = others.pop(0)   # `Cơ quan chủ trì soạn thảo` alone: the drafting body leads
            if role == "owner" and found[role] is None:
                break
            if role == "owner" and any(w in _norm(cells[found[role]]) for w in vocab["not_task_owner"]):
                return None
            if found[role] is not None:
                taken.add(found[role])
        if found.get("owner") is None:
            continue
        number, partners, owner = found["number"], found["partners"], found["owner"]
        timing, deliverable = found["timing"], found["deliverable"]
        content = _find(cells, vocab["content"], taken)
        if content is None:
            rest = [i for i in range(len(cells)) if i not in taken]
            if not rest:
                continue
            content = rest[0]
        if any(_norm(cells[content]).startswith(_norm(w)) for w in vocab["not_task_content"]):
            return None
        return Columns(number, content, owner, partners, timing, deliverable, h + 1, tuple(others))
    return None


def table_tasks(tree: DocumentTree, ref: date | None, issuer: str | None = None) -> list[TaskRecord]:
    tables: dict[int, list[Node]] = {}
    for node in tree.nodes:
        block = tree.raw.blocks[node.block]
        if block.is_row and block.table is not None and node.zone in ("body", "appendix"):
            tables.setdefault(block.table, []).append(node)
    out: list[TaskRecord] = []
    for nodes in tables.values():
        out.extend(_rows_to_tasks(tree, nodes, ref, issuer))
    return out


def _cell(block: Block, i: int | None) -> str | None:
    if i is None or i >= len(block.cells):
        return None
    return clean_value(block.cells[i])


def _rows_to_tasks(tree: DocumentTree, nodes: list[Node], ref: date | None,
                   issuer: str | None) -> list[TaskRecord]:
    blocks = [tree.raw.blocks[n.block] for n in nodes]
    parent = tree.nodes[nodes[0].parent] if nodes[0].parent is not None else None
    before = tree.raw.blocks[blocks[0].index - 1] if blocks[0].index else None
    captions = (parent.text if parent else "", before.text if before and not before.is_row else "")
    if any(is_procedure(blocks, caption) for caption in captions):
        return []
    cols = detect_columns(blocks)
    base = _table_section(tree, parent)
    if cols is None:
        return schedule_tasks(blocks, base, issuer, ref)
    out: list[TaskRecord] = []
    ordinal = 0
    above: dict[int | None, str | None] = {}       # column → the last cell that was no ditto mark
    for node, block in zip(nodes[cols.header_rows:], blocks[cols.header_rows:]):
        number = _cell(block, cols.number) or ""
        content = _cell(block, cols.content)
        owner = _repeated(block, cols.owner, above)
        if _is_header_repeat(block, blocks[cols.header_rows - 1], cols) or not content \
                or all(COLUMN_NUMBER.match(c.strip()) or not c.strip() for c in block.cells):
            continue
        if GROUP_NUMBER.match(number) or (not owner and not number and _is_group(block, cols)) \
                or _is_total(block):
            continue
        if not owner and not number and out:
            # a continuation row: the task's text runs on in a second row
            prev = out[-1]
            out[-1] = TaskRecord(**{**prev.__dict__, "content": f"{prev.content} {content}"})
            continue
        if not owner or not any(ch.isalpha() for ch in owner) or owner[:1].isdigit():
            continue                # `-`, `07`, `1/4 ngày`: a mark, a count or a span is never a body (spec §1)
        ordinal += 1
        label = number.rstrip(".") if ROW_NUMBER.match(number) else str(ordinal)
        timing_text = _repeated(block, cols.timing, above)
        timing = normalise_timing(timing_text, ref) if timing_text else Timing(None, None)
        if timing_text:
            timing = Timing(timing.raw, timing.kind, timing.start, timing.end,
                            Span(block=block.index))
        owner, cooperating, _ = lead_and_partners(owner)    # `Sở X chủ trì, phối hợp với Sở Y`
        partners = _repeated(block, cols.partners, above) or cooperating
        section = f"{base}.{label}" if base else label
        for other in filter(None, (_cell(block, i) for i in cols.other_owners)):
            out.append(TaskRecord(
                section=section, source_kind="table", title=None, content=content,
                owners=to_mentions(other, "owner", block.index), partners=(), timing=timing,
                deliverable=_cell(block, cols.deliverable), span=Span(block=block.index)))
        out.append(TaskRecord(
            section=section, source_kind="table", title=None,
            content=content,
            owners=to_mentions(owner, "owner", block.index),
            partners=to_mentions(partners, "partner", block.index) if partners else (),
            timing=timing, deliverable=_cell(block, cols.deliverable),
            span=Span(block=block.index)))
    return out


def is_procedure(rows: list[Block], caption: str = "") -> bool:
    """Are the table's rows an administrative procedure (spec §1: no tasks)? Its caption
    (the item it stands under) names one (`2. Trình tự thực hiện`, `Quy trình nội bộ giải
    quyết TTHC: ...`), a header cell names steps or procedures (`Thứ tự công việc`, `Tên
    thủ tục hành chính`), or rows are numbered as steps (`Bước 1`, `B2`)."""
    if MARKER.sub("", _norm(caption)).startswith(_procedure_captions()):
        return True
    for row in rows[:3]:
        first = next((c.strip() for c in row.cells if c.strip()), "")
        if ROW_NUMBER.match(first) or STEP_NUMBER.match(first):
            break                                   # the data rows begin
        if any(_norm(c).startswith(_procedure_headers()) for c in row.cells):
            return True
    steps = sum(1 for row in rows if row.cells and STEP_NUMBER.match(row.cells[0].strip()))
    return steps >= MIN_STEPS


@lru_cache(maxsize=1)
def _procedure_captions() -> tuple[str, ...]:
    return tuple(_norm(c) for c in labels()["table"]["procedure_captions"])


@lru_cache(maxsize=1)
def _procedure_headers() -> tuple[str, ...]:
    return tuple(_norm(h) for h in labels()["table"]["procedure_headers"])


def _repeated(block: Block, i: int | None, above: dict[int | None, str | None]) -> str | None:
    """The cell of column i, or the cell above it where it holds a ditto mark (`nt`, `Như
    trên`: the same body or date as the row before)."""
    value = _cell(block, i)
    if value is not None and value.strip(" -–.\"“”").casefold() in _ditto_marks():
        return above.get(i)
    above[i] = value
    return value


@lru_cache(maxsize=1)
def _ditto_marks() -> frozenset[str]:
    return frozenset(labels()["table"]["ditto"])


def _is_header_repeat(block: Block, header: Block, cols: Columns) -> bool:
    """The header again (a table continued on the next page, or a second table run on
    under the first): the same cells, or a responsibility cell that is itself a column
    label (`Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện`)."""
    if block.cells == header.cells:
        return True
    owner = _cell(block, cols.owner)
    if not owner:
        return False
    owner = _norm(owner)
    return owner == _norm(_cell(header, cols.owner) or "") or owner in _owner_labels()


@lru_cache(maxsize=1)
def _owner_labels() -> frozenset[str]:
    return frozenset(_norm(label) for label in labels()["table"]["owner"])


def _is_total(block: Block) -> bool:
    """A row that sums up the rows above: `Tổng cộng thời gian giải quyết | 27 ngày`, `Cộng |
    100` (a word alone in its cell: `Cộng tác viên ...` is none)."""
    first = next((c.strip(" :*") for c in block.cells if c.strip()), "")
    words = first.casefold().split()
    return any(words[:len(t.split())] == t.split() and (" " in t or len(words) == 1)
               for t in labels()["table"]["total_row"])


def _is_group(block: Block, cols: Columns) -> bool:
    others = [c for i, c in enumerate(block.cells) if i not in (cols.number, cols.content)]
    return not any(clean_value(c) for c in others)


def _table_section(tree: DocumentTree, parent: Node | None) -> str:
    """`PL` / `PLII` for an appendix table, else the enclosing item's path."""
    while parent is not None:
        if parent.marker and parent.marker.style == "appendix":
            return parent.marker.label
        if parent.marker and parent.marker.style not in ("dash", "plus"):
            return parent.path
        parent = tree.nodes[parent.parent] if parent.parent is not None else None
    return ""

