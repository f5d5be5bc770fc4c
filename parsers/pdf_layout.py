"""From positioned PDF lines (text layer or OCR) to blocks: furniture, indentation, reflow.

`char_boxes(textpage, text)` reads pdfium's character boxes (the one
per-character call the reader cannot avoid, made cheap);
`drop_furniture(pages, heights)` removes running headers/footers and page
numbers; `build_blocks(pages, heights)` turns the remaining lines into
paragraphs (indentation measured from the page's left margin and handed to
`parsers.reflow` as leading spaces) and the tables into rows, continuing a
table across a page break. Coordinates are PDF points, origin top left.
"""
from __future__ import annotations

import ctypes
import re
from array import array
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.model import Block
from parsers.reflow import PAGE_NUMBER, reflow
from parsers.clean_text import drop_lone_underlines

# Columns kept apart inside one line: `Số: /UBND-XD      Lào Cai, ngày tháng 7 năm 2026`
COLUMN_SPLIT = re.compile(r" {6,}")
# Runs of white space folded to one: `Số: /UBND-XD      Lào Cai`
SPACES = re.compile(r"\s+")
# Numbers that change from page to page in a running header: `Trang 2/5`
DIGITS = re.compile(r"\d+")

EDGE_ZONE = 0.12          # top/bottom share of the page where furniture lives
EDGE_LINES = 2            # furniture candidates: this many lines at each end of a page
REPEAT_SHARE = 0.5        # a header/footer repeats on at least this share of pages
LETTERHEAD_ZONE = 0.35    # top share of page 1 where a two-column line is a letterhead row
BLANK_GAP = 1.7           # a step down of this many line pitches ends a paragraph
MIN_BODY_CHARS = 30
MIN_PAGE_LINES = 6        # body lines a page needs to measure its own left margin
COLUMN_GAP_SHARE = 0.09   # a gap between characters wider than this share of the page width
JUSTIFIED_SPREAD = 1.3    # the word gaps of a stretched justified line differ by less than this ratio


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int             # 1-based


@dataclass(frozen=True)
class Rows:
    rows: list[tuple[str, ...]]
    n_cols: int
    top: float
    page: int


# Runs of white space (group 1) and of visible characters: `Số:` ` ` `/UBND-XD`
RUNS = re.compile(r"(\s+)|\S+")
EMPTY_BOX = bytes(array("d", [float("inf"), float("-inf"), float("inf"), float("-inf")]))
# pdfium's FPDFText_GetCharBox without ctypes' per-argument conversion: a third of the cost
_CHARBOX = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(pdfium_c.FPDFText_GetCharBox, ctypes.c_void_p).value)


def char_boxes(textpage: pdfium.PdfTextPage, text: str) -> tuple[array, array, array, array]:
    """Left, bottom, right and top (PDF points, origin bottom left) of each character of a
    page's text (`textpage.get_text_range()`, one character per pdfium character): pdfium's
    tight boxes, as `PdfTextPage.get_charbox` gives them. White space gets an empty box
    (left and bottom +inf, right and top -inf), so that the extent of a stretch of text is
    the min/max over its slice."""
    box = (ctypes.c_double * 4)()            # pdfium fills left, right, bottom, top
    r0, r1, r2, r3 = (ctypes.byref(box, 8 * k) for k in range(4))
    raw = ctypes.cast(textpage.raw, ctypes.c_void_p)
    buf = bytearray()
    extend, get_box = buf.extend, _CHARBOX
    for run in RUNS.finditer(text):
        a, b = run.span()
        if run.group(1) is not None:         # white space: no call to pdfium
            extend(EMPTY_BOX * (b - a))
            continue
        for i in range(a, b):
            if not get_box(raw, i, r0, r1, r2, r3):
                raise pdfium.PdfiumError("Failed to get charbox.")
            extend(box)
    values = array("d")
    values.frombytes(bytes(buf))
    return values[0::4], values[2::4], values[1::4], values[3::4]


def column_cuts(text: str, visible: list[int], cuts: list[int], left, right, gap: float) -> list[int]:
    """Of the `cuts` of one line (its visible characters far right of the one before;
    `visible`: the indices of the line's visible characters), those that open a column.
    A column never opens on a lower-case letter: a wide gap before one is a space that
    justification stretched (`soát,       đôn` when a wide font leaves two words on a line).
    A justified line stretched so far that every space between its words is wider than half
    a column gap, all alike, has no columns (`Ủy       ban       nhân`); a letterhead row keeps
    narrow spaces inside its columns (`Số: 134/KH-UBND      Lào Cai, ngày ...`)."""
    spaces = [left[j] - right[i] for i, j in zip(visible, visible[1:]) if j > i + 1]
    if len(spaces) >= 2 and min(spaces) > gap / 2 and max(spaces) <= JUSTIFIED_SPREAD * min(spaces):
        return []
    return [j for j in cuts if not text[j].islower()]


def _key(text: str) -> str:
    return DIGITS.sub("#", SPACES.sub(" ", text).strip().lower())


def drop_furniture(pages: list[list[Line | Rows]], heights: list[float]) -> tuple[list[list[Line | Rows]], int]:
    """Remove repeated headers/footers and lone page numbers; return pages and the count dropped."""
    candidates: list[set[int]] = []
    for items, height in zip(pages, heights):
        lines = sorted((k for k, it in enumerate(items) if isinstance(it, Line)), key=lambda k: items[k].top)
        ends = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
        candidates.append({k for k in ends if items[k].top < EDGE_ZONE * height
                           or items[k].bottom > (1 - EDGE_ZONE) * height})
    with_text = sum(1 for items in pages if any(isinstance(it, Line) for it in items))
    counts: Counter[str] = Counter()
    for items, cand in zip(pages, candidates):
        counts.update({_key(items[k].text) for k in cand})
    repeated = {k for k, c in counts.items()
                if with_text >= 2 and c >= 2 and c >= REPEAT_SHARE * with_text}
    out, dropped = [], 0
    for items, cand in zip(pages, candidates):
        doomed = {k for k in cand if PAGE_NUMBER.match(items[k].text.strip())
                  or _key(items[k].text) in repeated}
        dropped += len(doomed)
        out.append([it for k, it in enumerate(items) if k not in doomed])
    return out, dropped


def _page_metrics(lines: list[Line]) -> tuple[float, float]:
    """(left margin, average character advance) of a page's lines."""
    body = [ln for ln in lines if len(ln.text) >= MIN_BODY_CHARS] or lines
    advance = median((ln.x1 - ln.x0) / max(len(ln.text), 1) for ln in body) or 5.0
    xs = Counter(round(ln.x0 / 2) * 2 for ln in body)
    margin = xs.most_common(1)[0][0] if xs else min(ln.x0 for ln in lines)
    return float(margin), max(advance, 1.0)


def _body_lines(lines: list[Line]) -> int:
    return sum(len(ln.text) >= MIN_BODY_CHARS for ln in lines)


def _pitch(lines: list[Line]) -> float:
    """The usual distance from one line's top to the next one's on a page."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 1]
    return median(steps) if steps else max(median(ln.bottom - ln.top for ln in lines), 1.0)


def _to_strings(lines: list[Line]) -> list[str]:
    """Lines as text with indentation in leading spaces, and blank lines at wide vertical gaps."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    # a page with few lines of text (the last lines of a letter) takes the margin of them all:
    # its own few lines cannot tell a first-line indent from the margin
    whole = _page_metrics(lines)
    metrics = {p: _page_metrics(ls) if _body_lines(ls) >= MIN_PAGE_LINES else whole
               for p, ls in by_page.items()}
    pitches = {p: _pitch(ls) for p, ls in by_page.items()}
    out: list[str] = []
    prev: Line | None = None
    for ln in lines:
        margin, advance = metrics[ln.page]
        if prev is not None and prev.page == ln.page and ln.top - prev.top > BLANK_GAP * pitches[ln.page]:
            out.append("")
        indent = max(0, round((ln.x0 - margin) / advance))
        out.append(" " * indent + ln.text)
        prev = ln
    return out


def build_blocks(pages: list[list[Line | Rows]], heights: list[float]) -> list[Block]:
    """Paragraph and row blocks of a whole document, in reading order."""
    blocks: list[Block] = []
    run: list[Line] = []
    tables = 0
    current: tuple[int, int, int, tuple[str, ...]] | None = None   # table, n_cols, next row, header

    def flush() -> None:
        if not run:
            return
        strings = _to_strings(run)
        # map string positions back to lines (blank strings map to nothing)
        owners = []
        k = 0
        for s in strings:
            owners.append(run[k] if s else None)
            k += 1 if s else 0
        for text, idx in reflow(strings):
            first = owners[idx[0]]
            cells = _letterhead_cells(first, text, heights) if len(idx) == 1 else None
            if cells:
                blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                    cells=cells, page=first.page))
            else:
                blocks.append(Block(index=len(blocks), kind="paragraph",
                                    text=SPACES.sub(" ", drop_lone_underlines(text)).strip(),
                                    page=first.page))
        run.clear()

    for items in pages:
        first_on_page = True
        for it in items:
            if isinstance(it, Line):
                run.append(it)
                first_on_page = False
                continue
            flush()
            rows = list(it.rows)
            goes_on = (first_on_page and current is not None and blocks and blocks[-1].is_row
                       and blocks[-1].table == current[0] and current[1] == it.n_cols)
            if goes_on:
                table, _, row, header = current
                if rows and rows[0] == header:
                    rows = rows[1:]          # the header row repeated on the new page
                if rows and _cut_row(blocks[-1].cells, rows[0]):
                    blocks[-1] = _joined_row(blocks[-1], rows[0])
                    rows = rows[1:]
            else:
                table, row, header = tables, 0, rows[0] if rows else ()
                tables += 1
            for cells in rows:
                blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                    cells=cells, table=table, row=row, page=it.page))
                row += 1
            current = (table, it.n_cols, row, header)
            first_on_page = False
    flush()
    return blocks


def _cut_row(last: tuple[str, ...], first: tuple[str, ...]) -> bool:
    """Whether the first row of a table's next page goes on with the row above the page
    break: its first (number) cell is empty under a numbered row, its other cells are not
    (`| khoáng sản nhóm I, II | | |` under `3 | Thực hiện rà soát ... Quy hoạch | Sở ...`)."""
    return (len(first) == len(last) and not first[0].strip() and bool(last[0].strip())
            and any(c.strip() for c in first[1:]))


def _joined_row(block: Block, cells: tuple[str, ...]) -> Block:
    joined = tuple(" ".join(c for c in (a.strip(), b.strip()) if c) for a, b in zip(block.cells, cells))
    return replace(block, cells=joined, text=" | ".join(joined))


def _letterhead_cells(line: Line | None, text: str, heights: list[float]) -> tuple[str, ...] | None:
    """Cells of a two-column letterhead line at the top of page 1, else None."""
    if line is None or line.page != 1 or line.top > LETTERHEAD_ZONE * heights[0]:
        return None
    parts = [SPACES.sub(" ", p).strip() for p in COLUMN_SPLIT.split(text.strip()) if p.strip()]
    return tuple(parts) if len(parts) == 2 else None
