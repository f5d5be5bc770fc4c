"""Rejoin hard-wrapped lines (text copied out of a PDF, OCR output) into paragraphs.

`reflow(lines)` returns each paragraph's text and the 0-based indices of the
source lines it was made from. Guarantees:
- every non-blank line is in exactly one paragraph, in order; blank lines
  end a paragraph and belong to none;
- a line that starts a numbered or bulleted item (`1.`, `1.1.`, `a)`, `đ)`,
  `-`, `+`, `I.`, `Điều 1.`, `PHỤ LỤC`, as `parsers.grammar.numbering` reads them)
  always starts a paragraph;
- an all-capitals heading line is never joined with body text;
- a line that ends a sentence (`.`, `:`, `;`, `!`, `?`) ends its paragraph,
  except where indentation proves otherwise (after `.`, `;` or `:`, the next line
  sits at the left margin under a full-width line, in a text whose
  paragraphs have first-line indents); `./.` always ends one;
- letterhead lines stand alone: `V/v ...`, `Kính gửi:`, `Số: ...`,
  `Nơi nhận:` start a paragraph; the motto `Độc lập - Tự do - Hạnh phúc`,
  the place-and-date line and the number line end one;
- a line laid out in columns (a run of 4+ spaces inside it, as in a
  letterhead `ỦY BAN NHÂN DÂN      CỘNG HÒA ...`) stands alone;
- leading white space is read as indentation, then dropped; the text of a
  paragraph is its lines joined with one space (a word broken after a hyphen,
  `NĐ-` + `CP`, is joined without one).

A wrap is recognised when the line ends without terminal punctuation and the
next one starts in lower case, or continues a full-width line, or sits at the
left margin of an indented text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from parsers.grammar.numbering import bare_label, find_marker
from parsers.line_ends import (STRONG, TERMINAL, apposition, awaits_more, awaits_number, name_across,
                               one_word_capitals, open_end, place_pair)

# A lone page number at the top or bottom of a page: `2`, `- 2 -`, `Trang 2`, `2/5`
PAGE_NUMBER = re.compile(r"^[-–—(\[]?\s*(?:[Tt]rang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–—)\]]?$")
# The end mark of a document's body: `... theo quy định./.`
END_MARK = re.compile(r"\./\.$")
# Letterhead and closing lines that always start a paragraph: `V/v triển khai ...`, `Kính gửi:`,
# `Số: 134 /KH-UBND`, `Nơi nhận:`, `Độc lập - Tự do - Hạnh phúc`, `Lào Cai, ngày 26 tháng 3 năm 2026`
STANDALONE_START = re.compile(
    r"^(?:V/v\b|Kính\s+gửi\b|Số\s*:|Nơi\s+nhận\b|Độc\s+lập\s*-\s*Tự\s+do"
    r"|[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}\s*,\s+ngày\b.{0,20}\btháng\b)")
# Letterhead lines that a paragraph never goes on after: the motto, the place and date, the number
STANDALONE_END = re.compile(
    r"^(?:Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc|Số\s*:\s*\S*\s*/\S+$"
    r"|[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}\s*,\s+ngày\b.{0,20}\btháng\b.{0,10}\bnăm\s+\d{4}\s*$)")
# An enumeration run into a sentence, wrapped so that its first label opens a line:
# `... Cụ thể:` + `(i) Rà soát, đánh giá ... cụm; (ii)`; the second label on
# the same line tells it from a list of items
INLINE_ENUMERATION = re.compile(r"^\((?:i|a|1)\)\s.*\((?:ii|b|2)\)")
# A word broken at a hyphen inside it: `Nghị định số 217/2025/NĐ-` + `CP ngày 05/8/2025`
BROKEN_HYPHEN = re.compile(r"(?<=\S)-$")
# Columns laid side by side: `Số: 134 /KH-UBND                   Lào Cai, ngày 26 tháng 3 năm 2026`
COLUMN_GAP = re.compile(r"\S {4,}\S")
# The first letter of a line, after opening punctuation or a wrapped dash:
# `(chi tiết ...`, `“điểm nghẽn” ...`, `- xã hội` (of `kinh tế - xã hội`)
FIRST_LETTER = re.compile(r"^[\s\"“‘'(\[«\-–]*([^\W\d_])")
# A line opening with a digit that is not a list number: `1074/QĐ-BXD ngày ...`, `01 tháng 7 năm 2028`
LEADING_DIGIT = re.compile(r"^\d")
# A wrapped line holding only upper-case acronyms, not a heading: `... hạ tầng KKT,` + `KCN, CCN.`
ACRONYM_RUN = re.compile(r"^[A-ZĐ]{2,6}(?:[,;]?\s+[A-ZĐ]{2,6})*[.;,]?$")
# The markers of a document's parts, which a sentence cites after a word that must be followed
# (`quy định tại` + `Mục 2 Phần XI của ...`, `... thuộc` + `Phần V của Phụ lục I ...`)
CITED_STYLES = ("part", "subpart", "chapter")
# An appendix marker as it appears inside a sentence: `... tại` + `Phụ lục II kèm theo ...`
TITLE_CASE_APPENDIX = re.compile(r"^Phụ lục\b")

# A line that opens with a field's label: `Đơn vị chủ trì: Phòng Quản lý Công nghiệp`,
# `Thời gian thực hiện: Từ tháng 11/2025`, `Lãnh đạo phụ trách: Phó giám đốc ...`
FIELD_LABEL = re.compile(r"^[A-ZĐ][^\W\d_]*(?: [^\W\d_]+){0,4}\s*:\s")
# A field's label that ends a line after another field, its value on the next:
# `Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp:` + `Phòng Quản lý Công nghiệp, ...`
LABEL_END = re.compile(r"[.;]\s+[A-ZĐ][^\W\d_]*(?: [^\W\d_]+){0,4}\s*:$")
# A line that opens with a dash bullet: `- Sở Tài chính`
DASH_START = re.compile(r"^[-–—•+]\s")

TAB_WIDTH = 4
# A line is "full width" when its right edge reaches this share of the text width.
FULL_LINE_SHARE = 0.75
# Indentation is informative when both margin lines and indented lines are common.
MIN_MARGIN_SHARE = 0.2
MIN_INDENTED_SHARE = 0.08
MIN_SPACED_ITEMS = 5     # items needed to tell whether paragraphs stand apart
SPACED_SHARE = 0.85      # share of items after a blank line in a text whose paragraphs stand apart
INDENT_STEP = 3          # columns of extra indent that mark a first line
MAX_FIRST_INDENT = 10    # columns a first line of running text may stand in from the margin
MIN_RUNNING_WORDS = 6    # words of a full line of running text


class _Line(NamedTuple):     # (a tuple: made once per line, faster than a frozen dataclass)
    index: int
    text: str            # stripped
    indent: int          # leading columns
    bold_open: bool = False   # a Markdown strong run opened in its paragraph is still open

    @property
    def right(self) -> int:
        return self.indent + len(self.text)


def _gapped(text: str) -> bool:
    """COLUMN_GAP in `text`; the substring test first (5 times faster on lines without)."""
    return "    " in text and COLUMN_GAP.search(text) is not None


def reflow(lines: list[str], *, wrapped: bool = True, spaced: bool | None = None) -> list[tuple[str, list[int]]]:
    """Paragraphs of `lines`: (text, [indices of the source lines]). With `wrapped=False`
    (a text whose lines are its paragraphs) only a bare numbering label and an open
    Markdown strong run join the next line. `spaced` tells whether the document sets a
    blank line between its paragraphs (`paragraphs_stand_apart`), where `lines` are only
    a part of it; None: judge from `lines`."""
    parsed = [_Line(i, ln.strip(), _indent(ln)) for i, ln in enumerate(lines)]
    if any(STRONG in ln for ln in lines):
        parsed = _bold_runs(parsed)
    body = [ln for ln in parsed if ln.text]
    if not body:
        return []
    layout = _Layout.of(body, wrapped, _spaced(parsed) if spaced is None else spaced)
    paragraphs: list[tuple[list[str], list[int]]] = []
    prev: _Line | None = None
    for line in parsed:
        if not line.text:
            prev = None
            continue
        if prev is not None and layout.joins(prev, line):
            texts, idx = paragraphs[-1]
            texts.append(line.text)
            idx.append(line.index)
        else:
            paragraphs.append(([line.text], [line.index]))
        prev = line
    return [(_join(texts), idx) for texts, idx in paragraphs]


def _bold_runs(parsed: list[_Line]) -> list[_Line]:
    """Mark the lines after which a Markdown strong run is still open (`**A.` + `ĐÀO TẠO**`);
    a blank line closes any run."""
    out = []
    open_ = False
    for ln in parsed:
        if not ln.text:
            open_ = False
        elif ln.text.count(STRONG) % 2:
            open_ = not open_
        out.append(_Line(ln.index, ln.text, ln.indent, open_) if open_ else ln)
    return out


def paragraphs_stand_apart(lines: list[str]) -> bool:
    """Whether a blank line stands before nearly every numbered or bulleted item of these
    lines (a whole document's), as `_spaced` judges it."""
    return _spaced([_Line(i, ln.strip(), 0) for i, ln in enumerate(lines)])


def _spaced(parsed: list[_Line]) -> bool:
    """Whether a blank line (a wide vertical gap in a PDF) stands before nearly every line
    that opens a numbered or bulleted item after a sentence or a lead-in: then lines with no
    gap between them are one paragraph, whatever their ends."""
    items = after_blank = 0
    for before, prev, line in zip(parsed, parsed[1:], parsed[2:]):
        if not line.text or find_marker(line.text)[0] is None:
            continue
        last = prev if prev.text else before          # the text line before the item
        if last.text.endswith((".", ":")):
            items += 1
            after_blank += not prev.text
    return items >= MIN_SPACED_ITEMS and after_blank >= SPACED_SHARE * items


def _indent(line: str) -> int:
    n = 0
    for c in line:
        if c == " " or c == "\u00a0":
            n += 1
        elif c == "\t":
            n += TAB_WIDTH
        else:
            break
    return n


def _join(texts: list[str]) -> str:
    out = texts[0]
    for t in texts[1:]:
        # the pattern looks at the last two characters (and a final newline): the tail
        # alone is searched, not the paragraph joined so far (quadratic on long ones)
        if BROKEN_HYPHEN.search(out[-3:]) and t[:1].isalnum():
            out += t
        else:
            out += " " + t
    return out


def is_heading(text: str) -> bool:
    """All capitals (after any numbering): `II. NỘI DUNG`, `KẾ HOẠCH`, `TỈNH LÀO CAI`."""
    _, rest = find_marker(text)
    # `isupper` (every cased letter upper) spares the letter-by-letter look on most lines
    if not rest.isupper() and any(map(str.islower, rest)):
        return False
    return sum(map(str.isalpha, rest)) >= 4


def starts_item(prev: str | None, text: str) -> bool:
    """True when `text` opens a numbered/bulleted item (so it cannot continue `prev`)."""
    marker, rest = find_marker(text)
    if marker is None:
        return False
    if INLINE_ENUMERATION.match(text):
        return False
    open_prev = prev is not None and not TERMINAL.search(prev)
    if marker.style == "dash" and open_prev:
        # `kinh tế` + `- xã hội`: a hyphen that was wrapped, not a bullet
        m = FIRST_LETTER.match(rest)
        if m and m.group(1).islower():
            return False
        if apposition(prev, rest):
            return False        # `đồng chí Nguyễn Ngọc Phúc` + `- Phó Chủ tịch UBND tỉnh`: a dash of apposition
        if place_pair(prev, rest):
            return False        # `cao tốc Nội Bài - Lào Cai` + `- Hải Phòng`: a route
    if marker.style == "appendix" and open_prev and TITLE_CASE_APPENDIX.match(text):
        return False
    if marker.style in CITED_STYLES and open_prev and open_end(prev):
        return False            # `... quy định tại` + `Mục 2 Phần XI của ...`: a citation, wrapped
    return True


def _starts_lower(text: str) -> bool:
    m = FIRST_LETTER.match(text)
    return bool(m) and m.group(1).islower() and m.start(1) <= 3


@dataclass(frozen=True)
class _Layout:
    width: int           # right edge of a full line
    margin: int          # left margin (columns)
    indented: bool       # whether indentation tells paragraphs apart
    wrapped: bool = True  # whether lines are wrapped at all
    spaced: bool = False  # whether a blank line stands between paragraphs

    @classmethod
    def of(cls, body: list[_Line], wrapped: bool = True, spaced: bool = False) -> "_Layout":
        plain = [ln for ln in body if not _gapped(ln.text)] or body
        rights = sorted(ln.right for ln in plain)
        width = max(rights[min(len(rights) - 1, int(len(rights) * 0.9))], 20)
        margin = min(ln.indent for ln in plain)
        at_margin = sum(ln.indent <= margin + 1 for ln in plain)
        indented = sum(ln.indent >= margin + INDENT_STEP for ln in plain)
        informative = (len(plain) >= 4 and at_margin >= MIN_MARGIN_SHARE * len(plain)
                       and indented >= MIN_INDENTED_SHARE * len(plain))
        return cls(width, margin, informative, wrapped, spaced)

    def full(self, line: _Line) -> bool:
        return line.right >= FULL_LINE_SHARE * self.width

    def new_by_indent(self, prev: _Line, line: _Line) -> bool:
        """`line` is indented like a first line (or a centred line), not a wrap back to the margin."""
        return line.indent >= self.margin + INDENT_STEP

    def dash_runs_on(self, prev: _Line, line: _Line) -> bool:
        """A dash at the margin after a full line of running text that no punctuation ends
        (no item's first line, no heading, no closing emphasis; not a name set far right,
        as a signer's over the recipients' list) is the sentence's dash, wrapped, not a bullet:
        `... Công ty cổ phần đường sắt Yên Lào` + `– Chi nhánh sản xuất vật liệu ...`."""
        return (self.wrapped and DASH_START.match(line.text) is not None and self.full(prev)
                and not TERMINAL.search(prev.text) and not prev.text.endswith(STRONG)
                and find_marker(prev.text)[0] is None and not is_heading(prev.text)
                and len(prev.text.split()) >= MIN_RUNNING_WORDS
                and prev.indent <= self.margin + MAX_FIRST_INDENT and line.indent <= self.margin + 1)

    def joins(self, prev: _Line, line: _Line) -> bool:
        """Whether `line` continues the paragraph that `prev` (the line above it) is in."""
        if _gapped(prev.text) or _gapped(line.text):
            return False
        if bare_label(prev.text):
            return not starts_item(None, line.text)     # `-` + `Nghiên cứu, hoàn thiện ...`
        if prev.bold_open and not DASH_START.match(line.text):
            return True                                  # `**1. Sở` + `Khoa học và Công nghệ**`
        if STANDALONE_START.match(line.text) or STANDALONE_END.match(prev.text):
            return False
        if awaits_number(prev.text) and not DASH_START.match(line.text):
            return True                                  # `**Điều` + `30. Cập nhật ...`
        if self.dash_runs_on(prev, line):
            return True                                  # `... đường sắt Yên Lào` + `– Chi nhánh ...`
        if starts_item(prev.text, line.text):
            return False
        if awaits_more(prev.text, line.text):
            return True                                  # `+ Sở` + `Xây dựng: ...`, `02` + `Chương trình`
        if not self.wrapped:
            return False
        if one_word_capitals(prev.text, line.text):
            return True                                  # `THỰC` + `HIỆN QUYẾT ĐỊNH SỐ ...`
        if ACRONYM_RUN.match(line.text) and not TERMINAL.search(prev.text) \
                and not is_heading(prev.text):
            return True
        if is_heading(prev.text) != is_heading(line.text):
            return False
        if is_heading(prev.text):
            # capitals lines are lines of their own (a letterhead's names, a centred title)
            # unless the first reaches the right margin or a name runs across the break
            return self.full(prev) or name_across(prev.text, line.text)
        if INLINE_ENUMERATION.match(line.text) and prev.text.endswith(":"):
            return True
        if TERMINAL.search(prev.text):
            if prev.text.endswith((";", ":")) and _starts_lower(line.text) and not self.indented:
                return True        # one sentence: `... và địa phương;` + `đẩy mạnh ...`, `cụ thể:` + `số 1341/...`
            if LABEL_END.search(prev.text):
                return True        # `Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp:` + its value
            if FIELD_LABEL.match(line.text) or END_MARK.search(prev.text):
                return False       # `... Chiến.` + `Đơn vị chủ trì: Phòng Quản lý Công nghiệp; ...`
            if self.spaced and self.full(prev):
                return True        # paragraphs stand apart: a sentence that ends a full line goes on
            # a sentence ends; only indentation can show the paragraph goes on
            return (self.indented and prev.text[-1:] in ".;:" and not END_MARK.search(prev.text)
                    and self.full(prev)
                    and not self.new_by_indent(prev, line) and line.indent <= self.margin + 1)
        if BROKEN_HYPHEN.search(prev.text) and line.text[:1].isalnum():
            return True
        if open_end(prev.text) or name_across(prev.text, line.text):
            return True            # `... phối hợp với` + `Sở ...`, `tỉnh Lào` + `Cai ...`
        if self.indented:
            if self.new_by_indent(prev, line):
                # centred titles wrap onto another indented line that goes on in lower case
                return _starts_lower(line.text)
            # a line back at the margin wraps a full line; after a short (centred) line
            # it starts a paragraph of its own unless it goes on in lower case
            return self.full(prev) or _starts_lower(line.text) or bool(LEADING_DIGIT.match(line.text))
        if _starts_lower(line.text) or LEADING_DIGIT.match(line.text):
            return True
        # paragraphs stand apart: a line of running text that no punctuation ends goes on with
        # the next, short or not (`c) Giao Bộ Xây dựng chủ trì, làm việc với UBND tỉnh` +
        # `Đồng Nai, ACV ...`: a copy whose first lines are shorter than the rest)
        return self.full(prev) or (self.spaced and len(prev.text.split()) >= MIN_RUNNING_WORDS)
