"""Tables a PDF-to-text copy wrote one wrapped line at a time, with no separators.

The Official Gazette's text copies (Công báo) set an appendix's task table as its
cells' lines, column after column, row after row (shortened):

    STT
    Nhiệm vụ
    Cơ quan chủ trì
    Đơn vị phối hợp
    (Bộ/ngành/địa phương)
    Tiến độ
    thực hiện
    1
    Điều tra, đánh giá nhu cầu đào
    tạo, bồi dưỡng nhân lực ...
    Bộ Khoa học và
    Công nghệ
    Các bộ, ngành và
    địa phương
    Hằng năm

Guarantees of `find_line_tables(lines)`:
- a table starts at a line that is only a number-column title (`TT`, `STT`, `Số TT`);
  its header is the short lines after it up to the first row number (`1`) or group
  label (`I`, `A`), at most MAX_HEADER_LINES, one of them a body's column (`chủ
  trì`, `thực hiện`, `phụ trách`); a header line that opens in lower case or with
  `(` goes on with the title above it (`Cơ quan` + `chủ trì`), and in a header set
  in capitals one that opens with no title's first words (`CƠ QUAN CHỦ` + `TRÌ,
  THEO DÕI`; vocab/text_tables.json `title_starts`);
- a row starts at the next row number in sequence (`1`, `2`, ...), alone on its
  line or before the row's first words (`103 Xây dựng Đề án ...`); a group label
  alone on a line starts a group row, its heading the line(s) after it; the header
  again (a new page) is no row; a blank line ends no row;
- a row's lines that are longer than MAX_CELL_LINE are no cell's: where the table
  goes on after them (the header again, the next row's number) they are the page's
  footnotes (the table's `notes`), else they end the table, as does a heading of the
  text (`Phụ lục`, a line in capitals) or another table's title; the header's copy
  on a later page is read as the header;
- a row's lines fall into pieces: a line starts a new piece where it opens with a
  capital or a digit and the line before does not go on into it (`Bộ Khoa học và` +
  `Công nghệ`, `Thông tư số` + `34/2014/TT-BKHCN`, a name across the break), after a
  blank line, and where two columns met on one line with two spaces or more;
- a row with as many pieces as the header has columns after the number column keeps
  them as its cells; one with more joins the first pieces into its first cell (the
  task's text wraps most); one with fewer, one that went on over a page, and one
  whose body's cell (`Cơ quan chủ trì`, `Cơ quan phối hợp`) names no body or whose
  date's cell (`Thời hạn`) holds no date keeps its text in the first cell and leaves
  the rest empty: which piece belongs to which cell cannot be told, and a cell put in
  the wrong column would name a wrong body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.clean_text import fold_spaces
from parsers.grammar.alternation import alternation, flat_alternation
from parsers.grammar.bodies import starts_with_body
from parsers.line_ends import awaits_more, awaits_number, name_across, open_end
from parsers.text_tables import TextTable, number_titles, scan_tables, vocab

# A row's number alone on its line: `1`, `12.`
ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\.?\s*$")
# A row's number with the first line of its task: `103 Xây dựng Đề án phát triển ...`
NUMBERED_LINE = re.compile(r"^\s*(\d{1,3})\s+(?=[A-ZĐÀ-Ỹ])")
# A group row's label alone on its line: `I`, `II.`, `A`
GROUP_LABEL = re.compile(r"^\s*(?:[IVXL]{1,5}|[A-H])\.?\s*$")
# A group row's label and heading on one line: `III Tiếp tục sắp xếp tổ chức bộ máy ...`
GROUP_HEADING = re.compile(r"^\s*([IVXL]{1,5})\.?\s+(?=[A-ZĐÀ-Ỹ])")
# Two columns run together on one line: `cơ quan ngang bộ  Bộ Tư pháp`
COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# The word lists of these tables (vocab/text_tables.json `line_tables`)
_WORDS = vocab()["line_tables"]
# Words of a body's column title: `Cơ quan chủ trì`, `Đơn vị thực hiện`
BODY_TITLE = re.compile(flat_alternation(_WORDS["body_titles"]), re.I)
# A heading of the text after the table: `Phụ lục II`, `Nơi nhận:`
TEXT_HEADING = re.compile(rf"^\s*(?:{alternation(_WORDS['after_table'])})")
# The titles of a date's column: `Thời hạn hoàn thành`, `Tiến độ thực hiện`, `Thời gian`
TIMING_TITLES = tuple(_WORDS["timing_titles"])
# What a date's cell holds: a figure or a word of timing (`2026 - 2027`, `Hằng năm`, `Thường xuyên`)
TIMING_CELL = re.compile(rf"\d|{flat_alternation(_WORDS['timing_cell_words'])}", re.I)
# A list item's number opening a cell: `2. Các bộ, cơ quan rà soát ...` (a body's work, no date)
LIST_ITEM = re.compile(r"^\d{1,2}\.\s")
MAX_HEADER_LINES = 14
MAX_HEADER_LINE = 45      # a header line is a column title's piece
MAX_CELL_LINE = 70        # a cell's line is shorter than the text's full line (80 and more)
MIN_ROWS = 1
# A line that ends so that the next goes on with it: `Bộ Khoa học và`, `các bộ,`, `(thay thế`
GOES_ON = (",", "-", "–", "(", "/")
# The last word of a line that a date goes on from: `Kết luận số 182-KL/TW ngày` + `24/11/2025`, `Tháng` + `5/2026`
DATE_WORDS = frozenset(_WORDS["date_words"])
# The last word of a line that a name or a list goes on from: `Các` + `Bộ, ngành, địa phương`
LEADING_WORDS = frozenset(_WORDS["leading_words"])
# A date's first figures: `24/11/2025`, `5/2026`
DATE_START = re.compile(r"^\d{1,2}/\d")


# A row being read: its first line, its number, its lines, and where among them the page
# broke (the header again), if it did
_Row = tuple[int, str, list[str], int | None]


def find_line_tables(lines: list[str]) -> list[TextTable]:
    """The line-per-piece tables of a text's lines, top to bottom."""
    return scan_tables(lines, lambda k: _table_at(lines, k) if _number_title(lines[k]) else None)


def _number_title(line: str) -> bool:
    """The number column's title alone on its line: `STT`, `TT`, `Số TT`."""
    return line.strip() in number_titles()


def _header(lines: list[str], h: int) -> tuple[list[str], int, list[str]] | None:
    """The column titles after the number title at `h`, the line after them, and the
    header's lines."""
    pieces: list[str] = []
    k = h + 1
    while k < len(lines) and len(pieces) < MAX_HEADER_LINES:
        text = lines[k].strip()
        if not text:
            k += 1
            continue
        if ROW_NUMBER.match(text) or GROUP_LABEL.match(text) or len(text) > MAX_HEADER_LINE:
            break
        pieces.append(text)
        k += 1
    titles: list[str] = []
    capitals = all(p.isupper() or not any(c.isalpha() for c in p) for p in pieces)
    for p in pieces:
        goes_on = not p.startswith(_title_starts()) if capitals else (p[:1].islower() or p[:1] in "(/")
        if titles and goes_on:
            titles[-1] = f"{titles[-1]} {p}"
        else:
            titles.append(p)
    if len(titles) < 2 or not any(BODY_TITLE.search(t) for t in titles):
        return None
    if k >= len(lines) or not (ROW_NUMBER.match(lines[k]) or GROUP_LABEL.match(lines[k])):
        return None
    return titles, k, pieces


def _repeated_header(lines: list[str], k: int, pieces: list[str]) -> int | None:
    """The line after the header's lines, where they stand again from `k` (the next
    page's copy of the header): the lines after them go on with the row before."""
    at = k + 1
    for piece in pieces:
        while at < len(lines) and not lines[at].strip():
            at += 1
        if at >= len(lines) or lines[at].strip() != piece:
            return None
        at += 1
    return at


def _table_at(lines: list[str], h: int) -> TextTable | None:
    found = _header(lines, h)
    if found is None:
        return None
    titles, k, pieces = found
    width = len(titles)                       # cells after the number's
    roles = _Roles.of(titles)
    rows: list[tuple[int, tuple[str, ...]]] = [(h, ("", *titles))]
    expected, last = 1, k - 1
    notes: list[tuple[int, str]] = []
    current: _Row | None = None
    in_group = False
    while k < len(lines):
        text = lines[k].strip()
        # a group's heading line: its first, or one more in capitals (`HOÀN THIỆN ĐỒNG BỘ THỂ CHẾ ...`)
        heading = in_group and current is not None and (
            len(current[2]) < 2 or (text.isupper() and all(ln.isupper() for ln in current[2] if ln.strip())))
        number = ROW_NUMBER.match(text)
        if number and (int(number.group(1)) == expected or (in_group and int(number.group(1)) == 1)):
            if current:
                rows.append(_row(current, width, roles))
            current, expected, in_group = (k, number.group(1), [], None), int(number.group(1)) + 1, False
        elif GROUP_LABEL.match(text) and (current is None or current[2]):
            if current:
                rows.append(_row(current, width, roles))
            current, in_group = (k, text.rstrip("."), [], None), True   # its items may count from 1 again
        elif (numbered := NUMBERED_LINE.match(text)) and int(numbered.group(1)) == expected \
                and current is not None and current[2]:
            rows.append(_row(current, width, roles))
            current, expected, in_group = (k, numbered.group(1), [text[numbered.end():]], None), expected + 1, False
            last = k
        elif (group := GROUP_HEADING.match(text)) and current is not None and current[2]:
            rows.append(_row(current, width, roles))
            current, in_group = (k, group.group(1), [text[group.end():]], None), True
            last = k
        elif _number_title(text):
            after = _repeated_header(lines, k, pieces)
            if after is None:
                break                         # another table
            if current and current[2] and current[3] is None:
                current = (*current[:3], len(current[2]))     # the row goes on over the page
            k = after
            continue
        elif TEXT_HEADING.match(text) or (text.isupper() and len(text.split()) >= 3 and not heading):
            break
        elif len(text) > MAX_CELL_LINE and not heading:
            if not _resumes(lines, k + 1, expected):
                break                         # the text after the table
            notes.append((k, text))           # a footnote at the page's foot, the table going on
        elif current is not None:
            current[2].append(lines[k])
            if text:
                last = k
        k += 1
    if current:
        rows.append(_row(current, width, roles))
    if len(rows) - 1 < MIN_ROWS:
        return None
    return TextTable(first=h, last=last, rows=tuple(rows), notes=tuple(n for n in notes if n[0] <= last))


@dataclass(frozen=True)
class _Roles:
    """Where (among the cells after the number) the columns of the body that carries a
    row out, of the bodies that cooperate and of the date stand."""
    body: int | None
    partners: int | None
    timing: int | None

    @classmethod
    def of(cls, titles: list[str]) -> _Roles:
        folded = [t.casefold() for t in titles]
        dated = [i for i, t in enumerate(folded) if t.startswith(TIMING_TITLES)]
        body = next((i for word in ("chủ trì", "phụ trách", "thực hiện") for i, t in enumerate(folded)
                     if word in t and i not in dated), None)
        partners = next((i for i, t in enumerate(folded) if "phối hợp" in t and i != body), None)
        return cls(body, partners, dated[0] if dated else None)

    def fit(self, cells: list[str]) -> bool:
        """Does each checked cell hold what its column does: a body under `Cơ quan chủ
        trì` and `Cơ quan phối hợp`, a date or a span under `Thời hạn`?"""
        bodies = [cells[i] for i in (self.body, self.partners) if i is not None and cells[i]]
        if not all(map(starts_with_body, bodies)):
            return False
        date = cells[self.timing] if self.timing is not None else ""
        return not date or (TIMING_CELL.search(date) is not None and not LIST_ITEM.match(date)
                            and not starts_with_body(date))


@lru_cache(maxsize=1)
def _title_starts() -> tuple[str, ...]:
    return tuple(vocab()["title_starts"])


def _resumes(lines: list[str], k: int, expected: int) -> bool:
    """Does the table go on after the long lines from `k` (a page's footnotes): is the
    next short line the header again or the next row's number?"""
    for line in lines[k:]:
        text = line.strip()
        if text and len(text) <= MAX_CELL_LINE:
            number = ROW_NUMBER.match(text)
            return bool(_number_title(text) or (number and int(number.group(1)) == expected))
    return False


def _row(current: _Row, width: int, roles: _Roles) -> tuple[int, tuple[str, ...]]:
    """The row's cells, checked against what the columns hold (`roles`)."""
    first, number, lines, page_break = current
    pieces = _pieces(lines)
    if page_break is not None and any(line.strip() for line in lines[page_break:]):
        # each cell that did not fit went on over the page, after the header again: which
        # piece goes on which cell cannot be told
        pieces = [" ".join(pieces)]
    if len(pieces) > width:
        extra = len(pieces) - width
        pieces = [" ".join(pieces[:extra + 1]), *pieces[extra + 1:]]
    if len(pieces) != width or not roles.fit(pieces):
        pieces = [" ".join(pieces), *[""] * (width - 1)]     # a cell in the wrong column: misread
    return first, (number, *(fold_spaces(p) for p in pieces))


def _pieces(lines: list[str]) -> list[str]:
    """A row's lines in the pieces its cells wrapped into."""
    out: list[str] = []
    current: list[str] = []
    prev = ""
    for line in lines:
        text = line.strip()
        if not text:
            if current:
                out.append(" ".join(current))
                current = []
            prev = ""
            continue
        for n, part in enumerate(COLUMN_GAP.split(text)):
            if current and (n > 0 or _starts_cell(prev, part)):
                out.append(" ".join(current))
                current = []
            current.append(part)
            prev = part
    if current:
        out.append(" ".join(current))
    return out


def _starts_cell(prev: str, text: str) -> bool:
    """Does `text`, a line after `prev` in one row, open a new cell?"""
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    words = prev.split()
    last = words[-1].casefold() if words else ""
    dated = (last in DATE_WORDS and DATE_START.match(text) is not None) or \
        (last == "năm" and len(words) > 1 and words[-2].isdigit() and text[:1].isdigit())  # `tháng 02 năm` + `2026`
    return not (prev.rstrip().endswith(GOES_ON) or dated or last in LEADING_WORDS or open_end(prev) or awaits_number(prev)
                or awaits_more(prev, text) or name_across(prev, text))
