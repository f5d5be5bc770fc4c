"""Numbering: the labels that open an item of a document and how items nest.

`find_marker(text)` returns the Marker at the start of a block and the text after it:
- parts and articles headed by a word (`Phần I`, `PHẦN THỨ NHẤT`, `Chương II`, `Mục 1`,
  `Điều 1.`, `PHỤ LỤC II`, `Phụ lục số 01`), the head words in `vocab/numbering.json`;
- Roman (`II.`, `IV-`), upper-case letter (`A.`), decimal (`1.`, `1.1.`, `1.2 Xây dựng`,
  `2)`, `1/`), letter (`a)`, `đ)`, `b.`, `a/`), parenthesised (`(1)`, `(a)`) labels;
- bullets (`-`, `–`, `•`, `+`); a bullet may carry a step label, read as one marker
  (`— Bước 1: Phòng Đào tạo ...` → a dash item whose text is `Phòng Đào tạo ...`); a step
  label on its own (`Bước 2: Xác định ...`) is a marker of its own style;
- never a date or a number that opens a sentence (`15/KH-UBND ngày ...`, `1.050 tỷ đồng`,
  `01 tháng 7`), never `V/v`, never `Mục đích`.

Each style has a fixed rank (`rank`): a block nests under the nearest open item of a
smaller rank. `bare_label(text)` tells a label standing alone on its line (`-`, `2.`,
`**A.`), its text on the next line.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from parsers.grammar.alternation import alternation
from parsers.model import Marker

VOCAB = Path(__file__).with_name("vocab") / "numbering.json"


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _heads(style: str) -> str:
    return alternation(vocab()["heads"][style])


# Vietnamese list letters: the Latin alphabet without f, j, w, z, plus đ (a, b, c, d, đ, e, g ...)
VI_LETTERS = vocab()["letters"]
BULLETS = re.escape(vocab()["bullets"])

# `Phần I`, `PHẦN THỨ NHẤT`
PART = re.compile(rf"^(?:{_heads('part')})\s+(THỨ\s+\w+|[IVXLC]+|\d+)\b[.:]?\s*")
# `Chương II`, `CHƯƠNG 2:`
CHAPTER = re.compile(rf"^(?:{_heads('chapter')})\s+([IVXLC]+|\d+)\b[.:]?\s*")
# `Mục 1`, `MỤC II.` (not the word `Mục đích`)
SUBPART = re.compile(rf"^(?:{_heads('subpart')})\s+([IVXLC]+|\d+)\b[.:]?\s*")
# `Điều 1.` in a Quyết định; `Điều 3:`
ARTICLE = re.compile(rf"^(?:{_heads('article')})\s+(\d+)\s*[.:]\s*")
# `PHỤ LỤC`, `Phụ lục II`, `PHỤ LỤC SỐ 01`
APPENDIX = re.compile(rf"^(?:{_heads('appendix')})(?:\s+(?:số\s+|SỐ\s+)?([IVXLC]+|\d+))?\s*[.:]?(?=\s|$)")
# `Bước 1: Xác định công suất ...`, `Bước 2. Lựa chọn ...`
STEP = re.compile(rf"^(?:{_heads('step')})\s+(\d{{1,2}})\s*[:.]\s*")
# A capital I and a bracket: the list letter `l)` typed or read as `I)` (`k) ...`, `I) Bộ Y tế
# ...`, `m) ...`); Roman numerals take a dot or a dash (`I.`, `IV-`), not a bracket
LETTER_L_AS_I = re.compile(r"^I\s*\)")
# `A. NHIỆM VỤ ...` (upper-case letter sections of a Chỉ thị)
UPPER_LETTER = re.compile(r"^([A-H])\s*[.)]\s+(?=\S)")
# `II. NỘI DUNG`, `IV- TỔ CHỨC THỰC HIỆN` (never `V/v`)
ROMAN = re.compile(r"^([IVXL]{1,5})\s*[.)\-–]\s*(?=\S)")
# `1.`, `1.1.`, `1.1.1.`, `2)`, `1.2 Xây dựng` (multi-level labels may drop the final dot),
# `1/ Người ký tên dưới đây ...` (a slash and a space; never `15/KH-UBND` or `1/5/2023`)
DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})"
                     r"(?:\s*[.)](?!\d)|/(?=\s)|(?<=\d\.\d)(?=\s)|(?<=\d\.\d\d)(?=\s))\s*")
# `a)`, `đ)`, `b.`, `a/` followed by text
LETTER = re.compile(r"^([a-zđ])\s*(?:[).]|/\.?)(?=\s)\s*")
# `(1)`, `(a)`
PAREN = re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*")
# `- Đơn vị chủ trì: ...`, `– Chủ trì ...`, `• ...`
DASH = re.compile(rf"^[{BULLETS}]\s*(?=[^\s\-–—])")
# `+ Lập danh sách ...`
PLUS = re.compile(r"^\+\s*(?=\S)")
# A numbering label alone on its line, its text on the next: `-`, `2.`, `a)`, `**A.`, `II.`
BARE_LABEL = re.compile(rf"^\**\s*(?:[{BULLETS}+]|\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}[.)/]?|[a-zđ][).]"
                        rf"|[A-H][.)]|[IVXL]{{1,5}}[.)]|\((?:\d{{1,2}}|[a-zđ])\)"
                        rf"|(?:{_heads('article')})\s+\d+\s*[.:])\s*\**$")

# What any label above opens with: a head word, a digit, a Roman or list letter, `(`, a
# bullet or `+`; a text that opens otherwise (`Sở Tư pháp ...`, `Ủy ban ...`) has no label
# and is not tried against each of them.
MAY_OPEN_LABEL = re.compile(rf"(?:{alternation(w for ws in vocab()['heads'].values() for w in ws)})"
                            rf"|[\dIVXLA-Ha-zđ(+{BULLETS}]")

RANKS = vocab()["ranks"]
PARAGRAPH_RANK = 99
HEADED = (("part", PART), ("chapter", CHAPTER), ("subpart", SUBPART), ("article", ARTICLE))


def rank(marker: Marker | None) -> int:
    return RANKS[marker.style] if marker else PARAGRAPH_RANK


def bare_label(text: str) -> bool:
    """A numbering label with no text after it on its line: `-`, `2.`, `**A.`, `Điều 5.`"""
    return bool(BARE_LABEL.match(text))


@lru_cache(maxsize=8192)
def find_marker(text: str) -> tuple[Marker | None, str]:
    """The numbering label at the start of `text` and the text after it (the same text is
    asked about by the reader, the reflow and the structure: remembered)."""
    if not MAY_OPEN_LABEL.match(text):
        return None, text
    for style, pattern in HEADED:
        m = pattern.match(text)
        if m:
            return Marker(style, m.group(1), m.group(0).strip()), text[m.end():]
    m = APPENDIX.match(text)
    if m:
        label = "PL" + (m.group(1) or "")
        return Marker("appendix", label, m.group(0).strip()), text[m.end():].lstrip(" .:-–")
    m = ROMAN.match(text)
    if m and LETTER_L_AS_I.match(text):   # `I) Bộ Y tế ...`: the letter l
        return Marker("letter", "l", m.group(0).strip()), text[m.end():]
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
    m = STEP.match(text)
    if m and m.end() < len(text):
        return Marker("step", f"B{m.group(1)}", m.group(0).strip()), text[m.end():]
    for style, label, pattern in (("dash", "-", DASH), ("plus", "+", PLUS)):
        m = pattern.match(text)
        if m:
            step = STEP.match(text[m.end():])
            end = m.end() + step.end() if step and m.end() + step.end() < len(text) else m.end()
            return Marker(style, label, text[:end].strip()), text[end:]
    return None, text


def _is_roman(label: str) -> bool:
    """A well-formed Roman numeral up to 50 (`IV`, `VIII`), not `IIV` or `VV`."""
    return bool(re.fullmatch(r"L?X{0,3}(?:IX|IV|V?I{0,3})", label)) and label != ""
