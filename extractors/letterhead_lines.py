"""The lines of a letterhead, whatever layout the copy has.

Real copies write a letterhead as two columns in a table, as lines one under the
other, as `|`-separated cells (one cell per line or a whole row on one line), with
`<br>` and markdown bold, hard-wrapped inside a cell, or with both columns side by
side on one line. `head_lines` reads every block of the letterhead into the same
list of `Line`s: one per line of each cell, markup gone, the national motto and the
party header cut out wherever they stand (a whole line, a line wrapped over two, or
beside the issuer on one line).
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from parsers.grammar.documents import motto_spans
from parsers.clean_text import fold_spaces

# Markup a copy leaves in a letterhead: `<br>`, `<b>`, `</strong>`, `**`, `__`
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
BOLD = re.compile(r"\*\*|__")
# A markdown heading mark or a list bullet opening a line: `## QUYẾT ĐỊNH`, `• Số hiệu: ...`, a
# viewer's page number before a letterhead run onto one line: `1. UBND TỈNH NINH THUẬN ...`
LINE_OPENER = re.compile(r"^(?:#{1,6}\s+|[•·▪●]\s*|\d{1,2}\.\s+(?=[A-ZĐ]{2}))")
# A rule drawn inside a line, between the parts of a letterhead run together:
# `ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN ------------- Số: 52/2018/QĐ-UBND`
INNER_RULE = re.compile(r"\s[-_*=–—]{3,}\s")
# Line breaks a copy kept as text (`\r\n` written out), and the names Word gives the shapes
# of a letterhead, left in a conversion: `THÀNH PHỐ HỒ CHÍ MINH straight connector 2Số: 1551`
ESCAPED_BREAK = re.compile(r"(?:\\r)?\\n")
# (the names' first letters, s c r t o l, looked ahead for first: most positions fail at once)
SHAPE_NAME = re.compile(r"(?=[scrtol])\b(?:straight (?:arrow )?connector|rectangle|text box|oval|line)\s*\d+", re.I)
# What rules off or decorates a letterhead line: `-------`, `***`, `———`, `_____`, `=====`
EDGE_JUNK = " \t*_-–—=~|"


class Line(NamedTuple):
    text: str       # the line, markup and motto gone, spaces folded
    block: int      # the block it came from
    col: int        # its cell in the block (a row's cell, or the k-th `|`-separated part)


def clean_line(text: str) -> str:
    """`**ỦY BAN NHÂN DÂN**` → `ỦY BAN NHÂN DÂN`; `-------` → ``."""
    text = BOLD.sub("", TAG.sub("", text))
    text = LINE_OPENER.sub("", fold_spaces(unicodedata.normalize("NFC", text)))
    return text.strip(EDGE_JUNK)


def block_lines(block) -> list[Line]:
    """The lines of one block: a row's cells (or a paragraph's `|` parts) one by one,
    each cut at its line breaks."""
    cells = block.cells if block.is_row else (block.text,)
    out: list[Line] = []
    col = 0
    for cell in cells:
        for part in cell.split("|"):
            if "\\n" in part:                # what ESCAPED_BREAK matches ends so
                part = ESCAPED_BREAK.sub("\n", part)
            part = SHAPE_NAME.sub("\n", part)
            for raw in INNER_RULE.sub("\n", LINE_BREAK_TAG.sub("\n", part)).split("\n"):
                text = clean_line(raw)
                if text:
                    out.append(Line(text, block.index, col))
            col += 1
    return out


def head_lines(blocks) -> list[Line]:
    """The lines of these blocks with the motto and the party header cut out."""
    lines = [ln for b in blocks for ln in block_lines(b)]
    return cut_motto(lines)


def cut_motto(lines: list[Line]) -> list[Line]:
    """Every line with the motto taken out of it; a line the motto filled is gone, a
    line it stood in the middle of becomes two."""
    joined = "\n".join(ln.text for ln in lines)
    spans = motto_spans(joined)
    if not spans:
        return lines
    out: list[Line] = []
    pos = 0
    for ln in lines:
        start, end = pos, pos + len(ln.text)
        pos = end + 1
        keep: list[tuple[int, int]] = [(start, end)]
        for s, e in spans:
            keep = [piece for a, b in keep for piece in ((a, min(b, s)), (max(a, e), b)) if piece[0] < piece[1]]
        if keep == [(start, end)]:
            out.append(ln)
            continue
        for a, b in keep:
            text = joined[a:b].strip(EDGE_JUNK + ",.;:")
            if text and any(c.isalnum() for c in text):
                out.append(Line(text, ln.block, ln.col))
    return out
