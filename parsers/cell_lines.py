"""Portal tables written one cell per run of lines, between lines that hold only `|`.

A legal portal's copy of a document writes each HTML table cell as its
text's lines with a line `|` after it, and a row as `|` followed by its
cells; the letterhead comes out the same way (shortened):

    |
    **ỦY BAN NHÂN
    DÂN **
    TỈNH LAI CHÂU
    |
    **CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA VIỆT NAM**
    |
    |
    Số: 87/2025/QĐ-UBND
    |

A row therefore ends where two `|` lines meet, and so does an empty cell:
the two are told apart by the number of columns.

Guarantees of `find_cell_tables(lines)`:
- a table is a run of non-blank lines that starts with a `|` line and ends
  with one (lines after its last `|` line are not part of it); it holds at
  least two cells;
- the pieces between two `|` lines are its slots: a cell's text, or nothing
  (an empty cell or the end of a row);
- the number of columns is chosen, and the rows cut at empty slots, so that
  as many rows as possible have exactly that many cells and none has more;
  a shorter row (a group heading spanning the row, `I | KIỆN TOÀN ...`) is
  padded with empty cells on the right;
- a cell's lines are joined with a space where a line wraps a sentence or a
  name (`Sở Khoa học và` + `Công nghệ`, `Bộ CHQS tỉnh; UBND` + `cấp xã`) and
  with "\\n" where a new line starts (a list item, a line after a sentence
  end, a capitals line after a closed bold run: `**ỦY BAN NHÂN DÂN**` +
  `TỈNH NGHỆ AN`); rule lines (`-------`) are dropped; Markdown emphasis is
  removed and a row is bold when each of its non-empty cells is.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass

from parsers.line_ends import TERMINAL, name_across
from parsers.reflow import STANDALONE_END, STANDALONE_START, is_heading, starts_item
from parsers.grammar.documents import vocab as documents_vocab
from parsers.clean_text import fold_spaces

# A line that holds only the cell separator: `|`
PIPE_LINE = re.compile(r"^\s*\|\s*$")
# A rule under a letterhead name inside a cell: `-------`, `---------------`
RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|={3,}|\*{3,})\s*$")
# Strong emphasis markers: `**ỦY BAN NHÂN`, `DÂN **`
STRONG = "**"
# Strong and plain emphasis around a cell's text: `**Cơ quan chủ trì**`, `*2024*`
EMPHASIS = re.compile(r"\*+")
MIN_CELLS = 2
MIN_COLUMNS = 2
MAX_COLUMNS = 16
MAX_ROW = 2 * MAX_COLUMNS
OVERLONG_COST = 2         # a row with more cells than columns costs as much as two full rows
# A cell that numbers a row or a group of rows: `2`, `12.`, `1.1`, `II`, `B`
ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,4}\.?|[A-H]\.?)$")
# A group's heading in one cell, its number inside: `II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH ...`
GROUP_HEADING = re.compile(r"^(?:[IVX]{1,4}|[A-H])\.\s+\S")
# A table's caption, numbered like a part: `B. QUY TRÌNH ĐIỆN TỬ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH`
CAPTION = GROUP_HEADING
# How many bold cells in a row after a caption make the next table's header row
HEADER_CELLS = 3
# Text between two tables: at least MIN_GAP_LINES lines that hold a part of a document, or
# MAX_CELL_LINES lines or more (no cell of a portal table runs that long)
MIN_GAP_LINES = 3
# A label alone on its line, its value on the next: `Số:`
LABEL_ONLY = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?\s*:$")
# The first words of a place name: `Hà`, `TP Hồ Chí`
PLACE_PIECE = re.compile(r"^[A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,2}$")
MAX_OPEN_LINES = 8         # lines of a first cell whose opening `|` is missing
MAX_CELL_LINES = 30
# The end mark of a document's body, never in a cell: `... biết, thực hiện./.`
END_MARK = re.compile(r"\./\.\**\s*$")
# A line that starts a part of a document, never a table cell: `QUYẾT ĐỊNH`, `KẾ HOẠCH`,
# `Điều 1.`, `PHỤ LỤC`, `I. MỤC ĐÍCH`, `# ...`
DOCUMENT_PART = re.compile(
    r"^(?:#|Điều \d+\s*[.:]|PHỤ LỤC\b|[IVX]{1,4}\.\s+\S"
    r"|(?:QUYẾT ĐỊNH|KẾ HOẠCH|NGHỊ QUYẾT|CHỈ THỊ|THÔNG BÁO|CÔNG ĐIỆN|THÔNG TƯ|NGHỊ ĐỊNH"
    r"|BÁO CÁO|TỜ TRÌNH|CHƯƠNG TRÌNH|HƯỚNG DẪN|QUY ĐỊNH|QUY CHẾ|ĐỀ ÁN|LUẬT|PHƯƠNG ÁN)\s*:?$)")


@dataclass(frozen=True)
class CellTable:
    """A table of lines `first`..`last` (0-based, inclusive): rows as (index of
    the row's first line, cells, bold)."""

    first: int
    last: int
    rows: tuple[tuple[int, tuple[str, ...], bool], ...]


def find_cell_tables(lines: list[str]) -> list[CellTable]:
    """The `|`-line tables of a text's lines, top to bottom."""
    tables: list[CellTable] = []
    i = 0
    n = len(lines)
    while i < n:
        if not PIPE_LINE.match(lines[i]):
            i += 1
            continue
        top = _open_first_cell(lines, i) if not tables else None
        end = i
        while end + 1 < n and lines[end + 1].strip():
            end += 1
        while end > i and not PIPE_LINE.match(lines[end]):
            end -= 1
        tables.extend(_table_runs(lines, i, end, top))
        i = end + 1
    return tables


def _open_first_cell(lines: list[str], i: int) -> None:
    """A copy that starts inside its letterhead table leaves out the table's opening `|`:
    the few lines above the first `|` line, from the top of the text, are its first cell
    (`TỔNG CỤC THUẾ` / `CỤC THUẾ TP HÀ NỘI` / `-------` / `|`). Returns the index of the
    cell's first line, or None."""
    top = i
    while top > 0 and lines[top - 1].strip():
        top -= 1
    if top == i or i - top > MAX_OPEN_LINES or any(ln.strip() for ln in lines[:top]):
        return None
    return None if is_gap(lines[top:i]) else top


def is_pipe_line(line: str) -> bool:
    return bool(PIPE_LINE.match(line))


Slot = tuple[int, list[str]]       # index of its first line, its lines
# A cut's score: (full rows and rows that open with a row number, less over-long rows;
# less rows that open with an empty cell; rows)
Score = tuple[int, int, int]


def _table_runs(lines: list[str], first: int, last: int, top: int | None) -> list[CellTable]:
    """The tables of the `|` lines first..last: one, or several with text between them;
    `top` is the first line of a first cell whose opening `|` the copy left out."""
    pipes = [k for k in range(first, last + 1) if PIPE_LINE.match(lines[k])]
    if top is not None:
        pipes.insert(0, top - 1)
    slots: list[Slot] = []
    for a, b in zip(pipes, pipes[1:]):
        slots.append((a + 1, [ln for ln in lines[a + 1:b] if not RULE.match(ln)]))
    tables = []
    start = 0
    for k in [k for k, (_, s) in enumerate(slots) if is_gap(s) or _caption(slots, k)] + [len(slots)]:
        if k > start:
            table = _table(slots[start:k], max(pipes[start], 0), pipes[k])
            if table is not None:
                tables.append(table)
        start = k + 1
    return tables


def is_gap(text: list[str]) -> bool:
    """Whether the lines between two `|` lines are the document's text between two tables
    (its body after the letterhead, an appendix's title), not a cell: a long run of lines,
    the body's end mark `./.`, or a few lines that hold a part of a document (`QUYẾT ĐỊNH`, `Kính gửi:`, `Căn cứ ...`, `Điều 1.`,
    `PHỤ LỤC`, `I. ...`, a Markdown heading)."""
    if len(text) >= MAX_CELL_LINES or any(END_MARK.search(ln) for ln in text):
        return True
    if len(text) < MIN_GAP_LINES:
        return False
    return any(DOCUMENT_PART.match(EMPHASIS.sub("", ln).strip()) for ln in text)


def _caption(slots: list[Slot], k: int) -> bool:
    """Whether slot k is the caption of the next table, set between the `|` lines of the one
    before: a numbered heading in bold capitals (`**B. QUY TRÌNH ĐIỆN TỬ GIẢI QUYẾT THỦ TỤC
    HÀNH CHÍNH**`) right before a header row, HEADER_CELLS bold cells or more with no
    empty cell between (`**CÁC BƯỚC**`, `**TRÌNH TỰ THỰC HIỆN**`, ...). A group's heading
    inside a table (`**II. THAM GIA ĐẠI HỘI ...**`) is followed by the empty cells of its row."""
    text = " ".join(ln.strip() for ln in slots[k][1])
    plain = EMPHASIS.sub("", text).strip()
    if not (text.startswith(STRONG) and text.endswith(STRONG) and CAPTION.match(plain) and plain.isupper()):
        return False
    after = [" ".join(ln.strip() for ln in lines) for _, lines in slots[k + 1:k + 1 + HEADER_CELLS]]
    return len(after) == HEADER_CELLS and all(t.startswith(STRONG) and t.endswith(STRONG) for t in after)


def _table(slots: list[Slot], first: int, last: int) -> CellTable | None:
    filled = [bool(s) for _, s in slots]
    if sum(filled) < MIN_CELLS:
        return None
    cells = [_cell(s) for _, s in slots]
    numbered = [bool(ROW_NUMBER.match(t)) for t, _ in cells]
    header = _header_cells(cells, filled)
    width, rows = (header, _cut_for(filled, numbered, header)[1]) if header else _cut_rows(filled, numbered)
    out = []
    for a, b in rows:
        for a2, b2 in _split_long(a, b, width, [cells[k][0] for k in range(a, b)]):
            row = cells[a2:b2]
            texts = _pad([t for t, _ in row], width, out[-1][1] if out else None)
            bold = any(t for t, _ in row) and all(bd for t, bd in row if t)
            out.append((slots[a2][0], texts, bold))
    return CellTable(first, last, tuple(out))


def _header_cells(cells: list[tuple[str, bool]], filled: list[bool]) -> int:
    """How many cells the header row that opens a table has, where it opens with
    HEADER_CELLS bold cells or more and ends at an empty slot (`CÁC BƯỚC | TRÌNH TỰ THỰC HIỆN
    | ĐƠN VỊ GIẢI QUYẾT | THỜI GIAN GIẢI QUYẾT | Phí, lệ phí | Ghi chú`): the table's number
    of columns, which rows whose last cells are empty cannot tell. 0 where there is none."""
    n = 0
    while n < len(cells) and filled[n] and cells[n][1]:
        n += 1
    return n if n >= HEADER_CELLS and n < len(cells) and not filled[n] else 0


def _pad(texts: list[str], width: int, above: tuple[str, ...] | None) -> tuple[str, ...]:
    """A row with fewer cells than the table has columns. One that opens with a row number
    is a heading spanning the row (`I | KIỆN TOÀN ...`, `II. HOÀN THIỆN ...`): empty cells on the right. One under
    a numbered row lacks the cells on its left that the numbered row's cells span (an HTML
    rowspan), whose text is repeated as a Word table repeats a merged cell. Any other is
    filled on the right."""
    missing = width - len(texts)
    if missing <= 0:
        return tuple(texts)
    if (texts and (ROW_NUMBER.match(texts[0]) or GROUP_HEADING.match(texts[0]))) or above is None \
            or not ROW_NUMBER.match(above[0]):
        return tuple(texts) + ("",) * missing
    return tuple(above[:missing]) + tuple(texts)


def _split_long(a: int, b: int, width: int, texts: list[str]) -> list[tuple[int, int]]:
    """A row with more cells than the table has columns (a row end the copy left out) is
    split before a cell that numbers a row (`2`, `II`), from the right."""
    if b - a <= width:
        return [(a, b)]
    for k in range(len(texts) - 1, 0, -1):
        if len(texts) - k <= width and ROW_NUMBER.match(texts[k]):
            return _split_long(a, a + k, width, texts[:k]) + [(a + k, b)]
    return [(a, b)]


def _cut_rows(filled: list[bool], numbered: list[bool]) -> tuple[int, list[tuple[int, int]]]:
    """The number of columns and the rows as [start, end) slot ranges, cut at empty slots:
    the number of columns is the one that gives the most rows with exactly that many cells
    and rows that open with a row number (`1`, `II`, `A`), fewest rows with more, then fewest rows that open with an empty cell (a row's first
    cell, its number, is seldom empty: the empty slot before it ends the row above), then
    the most rows."""
    best = None
    for width in range(MIN_COLUMNS, MAX_COLUMNS + 1):
        score, rows = _cut_for(filled, numbered, width)
        if best is None or score > best[0]:
            best = (score, width, rows)
    return best[1], best[2]


def _cut_for(filled: list[bool], numbered: list[bool], width: int) -> tuple[Score, list[tuple[int, int]]]:
    m = len(filled)
    ends = [j for j in range(m) if not filled[j]] + [m]     # where a row may end
    before = list(accumulate(filled, initial=0))              # filled slots before each slot
    # best[i]: (score, end of the first row) of the best cut of slots[i:], a row starting at i
    best: list[tuple[Score, int]] = [((0, 0, 0), m)] * (m + 1)
    for i in range(m - 1, -1, -1):
        # the best end j of the row at i: the best cut after it, the row's own full or overlong
        # count added (its number and empty first cell are the same for every j: added after);
        # the first j of the highest (full rows, empty firsts, rows) wins
        top, top_j = None, -1
        for k in range(bisect_left(ends, i + 1), len(ends)):
            j = ends[k]
            length = j - i
            if length > MAX_ROW:
                break
            score = best[m if j >= m - 1 else j + 1][0]
            if length > width:
                score = (score[0] - OVERLONG_COST, score[1], score[2])
            elif length == width and before[j] > before[i]:
                score = (score[0] + 1, score[1], score[2])
            if top is None or score > top:
                top, top_j = score, j
        best[i] = (((top[0] + numbered[i], top[1] - (not filled[i]), top[2] + 1), top_j) if top is not None
                   else ((-m, 0, 0), min(m, i + 1)))
    rows = []
    i = 0
    while i < m:
        j = best[i][1]
        rows.append((i, j))
        i = j + 1
    return best[0][0], rows


def _cell(lines: list[str]) -> tuple[str, bool]:
    """A cell's text and whether it is all bold."""
    if not lines:
        return "", False
    out = [lines[0].strip()]           # the cell's lines so far, wraps joined
    bold_open = out[0].count(STRONG) % 2 == 1
    for line in lines[1:]:
        text = line.strip()
        if _breaks(out[-1], text, bold_open):
            out.append(text)
        else:
            out[-1] = f"{out[-1]} {text}"
        bold_open ^= text.count(STRONG) % 2 == 1
    raw = "\n".join(out)
    plain = "\n".join(fold_spaces(EMPHASIS.sub("", ln)) for ln in raw.split("\n"))
    plain = "\n".join(ln for ln in plain.split("\n") if ln)
    bold = all(ln.strip().startswith(STRONG) and ln.strip().endswith(STRONG)
               for ln in raw.split("\n") if ln.strip()) and STRONG in raw
    return plain, bold


def _breaks(prev: str, text: str, bold_open: bool) -> bool:
    """Whether `text` starts a new line of the cell rather than wrapping `prev`."""
    p, t = EMPHASIS.sub("", prev).strip(), EMPHASIS.sub("", text).strip()
    if not p or not t:
        return False
    if LABEL_ONLY.match(p) and not starts_item(p, t):
        return False           # `Số:` + `07/2010/TT-BNNPTNT`
    if STANDALONE_END.match(p):
        return True
    if STANDALONE_START.match(t):
        # `Hà` + `Nội, ngày 08 tháng 02 năm 2010`: a place name wrapped before its date line
        return not (PLACE_PIECE.match(p) and STANDALONE_START.match(f"{p} {t}"))
    if bold_open:
        return False
    if starts_item(p, t) or TERMINAL.search(p):
        return True
    if not is_heading(p):
        return False
    if t.isupper():
        # capitals wrapped inside one name: `CỘNG` + `HÒA XÃ HỘI ...`, `ỦY BAN NHÂN` + `DÂN`
        return not (len(p.split()) == 1 or len(t.split()) == 1 or _starts_motto(f"{p} {t}")
                    or name_across(p, t))
    return not t[:1].islower()


def _starts_motto(text: str) -> bool:
    folded = fold_spaces(text).upper()
    return any(m.upper().startswith(folded) for m in documents_vocab()["motto"])
