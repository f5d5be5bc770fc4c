"""HTML written inside a Markdown or text copy, read as the Markdown it stands for.

Some copies mix HTML into Markdown (shortened):

    <p align="center"><b>
    QUYẾT ĐỊNH<br>
    Quy định việc sử dụng nguồn kinh phí<br>
    </b></p>
    <b>Điều 1. Phạm vi điều chỉnh</b><br>
    <table><tr><td><b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HÀ NỘI</b></td> ... </tr></table>

Guarantees of `markdown_lines(lines)`:
- it returns None for a text with fewer than MIN_TAGS of the tags below (a form's
  `<tên viết tắt của cơ quan>` is text, not a tag);
- `<br>` and the block tags (`<p>`, `<div>`, `<center>`, `<h1>`..`<h6>`, `<li>`, ...)
  end a line; every other tag is dropped (`<img>`, `<span>`, `<u>`), and entities
  are decoded (`&nbsp;`);
- bold (`<b>`, `<strong>`) becomes `**` around each line it covers, so that a bold
  block over several lines is bold line by line; italics (`<i>`, `<em>`) likewise `*`;
- a `<table>` becomes Markdown table lines, one per `<tr>`, a cell's `<br>` kept as
  LINE_IN_CELL (the text reader makes it a line break of the cell), a cell that spans
  columns repeated;
- each line returned carries the 1-based number of the source line it comes from.
"""
from __future__ import annotations

import html
import re

# The tags this module reads: `<br>`, `<b>`, `</p>`, `<div align="center">`, `<img src=...>`
TAG = re.compile(r"<(/?)(br|b|strong|i|em|u|p|div|center|span|img|h[1-6]|ul|ol|li|sub|sup|font|table|tr|td|th"
                 r"|tbody|thead)\b[^>]*?/?>", re.I)
# Tags that end a line: `<br>`, `</p>`, `<div ...>`
BREAKS = frozenset({"br", "p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"})
STRONG = frozenset({"b", "strong"})
EMPHASIS = frozenset({"i", "em"})
MIN_TAGS = 3
# A line break inside a table cell, until the text reader splits the cell at it
LINE_IN_CELL = "\u2028"
# A whole table: `<table> ... </table>` (across lines)
TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
ROW = re.compile(r"<tr\b.*?(?:</tr\s*>|(?=<tr\b)|$)", re.I | re.S)
CELL = re.compile(r"<(td|th)\b([^>]*)>(.*?)(?:</\1\s*>|(?=<t[dh]\b)|$)", re.I | re.S)
COLSPAN = re.compile(r"colspan\s*=\s*\"?(\d+)", re.I)


def has_html(text: str) -> bool:
    return len(TAG.findall(text[:200000])) >= MIN_TAGS


def markdown_lines(lines: list[str]) -> tuple[list[str], list[int]] | None:
    """The lines with their HTML read as Markdown, and the source line of each; None when
    the text holds no HTML."""
    text = "\n".join(lines)
    if not has_html(text):
        return None
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    out: list[str] = []
    numbers: list[int] = []
    pos = 0
    for m in list(TABLE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        _inline(text, pos, end, starts, out, numbers)
        if m is None:
            break
        first = _line_of(starts, m.start())
        for row in _table_rows(m.group(0)):
            out.append(row)
            numbers.append(first)
        pos = m.end()
    return out, numbers


def _line_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def _inline(text: str, start: int, end: int, starts: list[int], out: list[str], numbers: list[int]) -> None:
    """Lines of text[start:end]: breaks at newlines and break tags, bold per line."""
    bold = italic = False
    line: list[str] = []
    line_bold = line_italic = False
    line_start = start

    def emit() -> None:
        body = html.unescape("".join(line)).strip()
        if body:
            if line_bold:
                body = f"**{body}**"
            elif line_italic:
                body = f"*{body}*"
        out.append(body)
        numbers.append(_line_of(starts, line_start))
        line.clear()

    pos = start
    for m in list(TAG.finditer(text, start, end)) + [None]:
        chunk_end = m.start() if m else end
        offset = pos
        for k, piece in enumerate(text[pos:chunk_end].split("\n")):
            if k:
                emit()
                line_start = offset
                line_bold, line_italic = bold, italic
            offset += len(piece) + 1
            if piece.strip():
                line_bold = line_bold or bold
                line_italic = line_italic or italic
            line.append(piece)
        if m is None:
            break
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in STRONG:
            bold = not closing
            line_bold = line_bold or bold
        elif name in EMPHASIS:
            italic = not closing
            line_italic = line_italic or italic
        elif name in BREAKS:
            emit()
            line_start = m.end()
            line_bold, line_italic = bold, italic
        pos = m.end()
    if any(p.strip() for p in line):
        emit()


def _table_rows(table: str) -> list[str]:
    """Markdown table lines of an HTML table: `| cell | cell |`, a cell's breaks kept."""
    rows = []
    for row in ROW.finditer(table):
        cells = []
        for cell in CELL.finditer(row.group(0)):
            inner = re.sub(r"<br\b[^>]*>", LINE_IN_CELL, cell.group(3), flags=re.I)
            inner = re.sub(r"</?(?:p|div)\b[^>]*>", LINE_IN_CELL, inner, flags=re.I)
            inner = html.unescape(TAG.sub("", inner))
            parts = [" ".join(p.split()) for p in inner.replace("\n", " ").split(LINE_IN_CELL)]
            value = LINE_IN_CELL.join(p for p in parts if p).replace("|", "/")
            span = COLSPAN.search(cell.group(2))
            cells.extend([value] * (int(span.group(1)) if span else 1))
        if cells:
            rows.append("| " + " | ".join(cells) + " |")
    return rows
