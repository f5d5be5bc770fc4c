"""Numbering labels at the start of a block: `II.`, `1.1.`, `a)`, `-`, `PHỤ LỤC II`.

`find_marker(text)` returns the Marker and the text after it. Each style has
a fixed rank: a block nests under the nearest open item of a smaller rank.
"""
from __future__ import annotations

import re

from parsers.model import Marker

# Vietnamese list letters: the Latin alphabet without f, j, w, z, plus đ (a, b, c, d, đ, e, g ...)
VI_LETTERS = "abcdđeghiklmnopqrstuvxy"

# `Phần I`, `PHẦN THỨ NHẤT`
PART = re.compile(r"^(?:PHẦN|Phần)\s+(THỨ\s+\w+|[IVXLC]+|\d+)\b[.:]?\s*")
# `Chương II`, `CHƯƠNG 2:`
CHAPTER = re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\b[.:]?\s*")
# `Mục 1`, `MỤC II.` (not the word `Mục đích`)
SUBPART = re.compile(r"^(?:MỤC|Mục)\s+([IVXLC]+|\d+)\b[.:]?\s*")
# `Điều 1.` in a Quyết định; `Điều 3:`
ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*")
# `PHỤ LỤC`, `Phụ lục II`, `PHỤ LỤC SỐ 01`
APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+|SỐ\s+)?([IVXLC]+|\d+))?\s*[.:]?(?=\s|$)")
# `A. NHIỆM VỤ ...` (upper-case letter sections of a Chỉ thị)
UPPER_LETTER = re.compile(r"^([A-H])\s*[.)]\s+(?=\S)")
# `II. NỘI DUNG`, `IV- TỔ CHỨC THỰC HIỆN` (never `V/v`)
ROMAN = re.compile(r"^([IVXL]{1,5})\s*[.)\-–]\s*(?=\S)")
# `1.`, `1.1.`, `1.1.1.`, `2)`, `1.2 Xây dựng` (multi-level labels may drop the final dot)
DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)](?!\d)|(?<=\d\.\d)(?=\s)|(?<=\d\.\d\d)(?=\s))\s*")
# `a)`, `đ)`, `b.` followed by text
LETTER = re.compile(r"^([a-zđ])\s*[).](?=\s)\s*")
# `(1)`, `(a)`
PAREN = re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*")
# `- Đơn vị chủ trì: ...`, `– Chủ trì ...`, `• ...`
DASH = re.compile(r"^[-–—•·●▪]\s*(?=[^\s\-–—])")
# `+ Lập danh sách ...`
PLUS = re.compile(r"^\+\s*(?=\S)")

RANKS = {
    "appendix": 0, "part": 1, "chapter": 2, "subpart": 3, "article": 4,
    "upper": 5, "roman": 6, "decimal1": 7, "decimal2": 8, "decimal3": 9, "decimal4": 10,
    "letter": 11, "paren": 12, "dash": 13, "plus": 14,
}
PARAGRAPH_RANK = 99


def rank(marker: Marker | None) -> int:
    return RANKS[marker.style] if marker else PARAGRAPH_RANK


def find_marker(text: str) -> tuple[Marker | None, str]:
    """The numbering label at the start of `text` and the text after it."""
    for style, pattern in (("part", PART), ("chapter", CHAPTER), ("subpart", SUBPART),
                           ("article", ARTICLE)):
        m = pattern.match(text)
        if m:
            return Marker(style, m.group(1), m.group(0).strip()), text[m.end():]
    m = APPENDIX.match(text)
    if m:
        label = "PL" + (m.group(1) or "")
        return Marker("appendix", label, m.group(0).strip()), text[m.end():].lstrip(" .:-–")
    m = ROMAN.match(text)
    if m and _is_roman(m.group(1)):
        return Marker("roman", m.group(1), m.group(0).strip()), text[m.end():]
    m = UPPER_LETTER.match(text)
    if m:
        return Marker("upper", m.group(1), m.group(0).strip()), text[m.end():]
    m = DECIMAL.match(text)
    if m and m.end() < len(text):
        label = m.group(1)
        depth = label.count(".") + 1
        return Marker(f"decimal{depth}", label, m.group(0).strip()), text[m.end():]
    m = LETTER.match(text)
    if m and m.group(1) in VI_LETTERS and m.end() < len(text):
        return Marker("letter", m.group(1), m.group(0).strip()), text[m.end():]
    m = PAREN.match(text)
    if m:
        return Marker("paren", f"({m.group(1)})", m.group(0).strip()), text[m.end():]
    m = DASH.match(text)
    if m:
        return Marker("dash", "-", m.group(0).strip()), text[m.end():]
    m = PLUS.match(text)
    if m:
        return Marker("plus", "+", m.group(0).strip()), text[m.end():]
    return None, text


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def _is_roman(label: str) -> bool:
    """A well-formed Roman numeral up to 50 (`IV`, `VIII`), not `IIV` or `VV`."""
    return bool(re.fullmatch(r"L?X{0,3}(?:IX|IV|V?I{0,3})", label)) and label != ""
