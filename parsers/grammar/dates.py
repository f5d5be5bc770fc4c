"""Date forms of administrative Vietnamese.

- the letterhead's date line: `Hà Nội, ngày 31 tháng 5 năm 2023` (the place, then the
  day written out); a day or month left blank in a draft (`ngày    tháng 4 năm 2026`)
  or that OCR could not read (`ngày |Š tháng 12 năm 2025`) gives no date;
- a date after a cited document's number: `ngày 01/4/2022`, `ngày 22 tháng 12 năm 2024`;
- a numeric date: `31/05/2023`, `29-07-2011`, `03.7.2008`.

`safe_date` turns the three numbers into a `date`, or None when they name no day.
"""
from __future__ import annotations

import re
from datetime import date
from itertools import islice

# A date line: `Hà Nội, ngày 31 tháng 5 năm 2023`, `Lào Cai, ngày   tháng 4 năm 2026`
# and as OCR reads a handwritten day: `Hà Nội, ngày |Š tháng 12 năm 2025`, or glues it: `ngày13 tháng 01`, `ngày 24 tháng11 năm 2025`
DATE_LINE = re.compile(r"\bngày(?:\s+|(?=\d))(?:[\d\s]{0,3}|\S{1,3}\s)\s*tháng\s*[\d\s]{0,3}\s*năm\s*\d{4}", re.I)
# A letterhead's date line standing alone (a line or a cell): the place, a comma, the
# date written out: `Hà Nội, ngày 31 tháng 5 năm 2023`, `Quận 2, ngày 11 tháng 01 năm 2008`,
# `Lào Cai, ngày    tháng 4 năm 2026`, `ngày 25 tháng 12 năm 2018`, the comma left out
# (`Hà Nội ngày 01 tháng 12 năm 2025`) (never a sentence that cites a date: `Căn cứ Luật
# ... ngày 26 tháng 11 năm 2003;`: the place's words are all capitalised)
LETTERHEAD_DATE = re.compile(r"^\W*(?:(?:(?:[^\W\d_][^\W\d_]*\.?|[^\W\d_]+-[^\W\d_]+)\s*(?:[-–]\s*)?){1,6}(?:\s\d{1,2})?\s*,?\s*"
                             r"|\d{1,2}[^\w]{0,3})?"
                             r"ngày(?:\s+|(?=\d))(?:[\d\s]{0,3}|\S{1,3}\s)\s*tháng\s*[\d\s]{0,3}\s*năm\s*\d{4}\W*$", re.I)
# The most runs of letters between white space LETTERHEAD_DATE can hold: the place's six
# words, `ngày`, a day OCR misread (`|Š`), `tháng`, `năm` (`Phan Rang - Tháp Chàm, ngày 5
# tháng 3 năm 2024`); a longer sentence that cites a date is no date line
MAX_DATE_LINE_WORDS = 10
# The fill-in marks of a form around a day or a month: `ngày _16_ tháng _4_ năm 2025`
FILL_MARKS = re.compile(r"_+(?=\d)|(?<=\d)_+")
# The second word of a unit that is part of a place's name: `Thành phố Hồ Chí Minh`, `Thị xã ...`
UNIT_SECOND_WORDS = ("phố", "xã", "trấn")
# The parts of a date line: place, day, month, year; a day OCR could not read is none:
# `Hà Nội, ngày |Š tháng 12 năm 2025`
DATE_PARTS = re.compile(r"(?P<place>[^,|]*?)\s*,?\s*ngày(?:\s+|(?=\d))(?:(?P<d>\d{1,2})|\S{1,3}\s)?\s*tháng\s*"
                        r"(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.I)
# The day a resolution says it was adopted, in its own closing sentence (`này`): `Nghị quyết
# này được Hội đồng nhân dân tỉnh ... thông qua ngày 08 tháng 12 năm 2011` (never a cited law's:
# `Căn cứ Luật ... được Quốc hội thông qua ngày 26 tháng 11 năm 2003`)
ADOPTED_ON = re.compile(r"\bnày\s+(?:đã\s+)?được\b[^.;]{0,200}?thông qua\s+(?:tại[^.;]{0,80}?\s+)?ngày\s+"
                        r"(?P<d>\d{1,2})\s*(?:tháng\s+|/)(?P<m>\d{1,2})\s*(?:năm\s+|/)(?P<y>\d{4})")
# A numeric date, day first: `Ngày ban hành 31/05/2023`, `29-07-2011`
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
# A date after a cited number: `ngày 01/4/2022`, `ngày10 /3/2026`, `ngày 22 tháng 12 năm 2024`
DATE_AFTER = re.compile(
    r"\s*,?\s*ngày\s*(?P<d>\d{1,2})\s*(?:[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))")


def without_fill_marks(text: str) -> str:
    """A form's fill-in marks around a day and a month gone: `ngày _16_ tháng _4_ năm 2025`."""
    return FILL_MARKS.sub(" ", text) if "_" in text else text


def is_letterhead_date(text: str) -> bool:
    """A date line of a letterhead, in a line or in one of its `|` cells; its place is a
    name (every word capitalised: `Phan Rang-Tháp Chàm`, `TP. Hồ Chí Minh`, `Quận 2`)."""
    if "ngày" not in text.casefold():
        return False                # no cell can hold one (most lines, at once)
    text = without_fill_marks(text)
    candidates = (s for s in (p.strip() for p in (text, *text.split("|")))
                  if "ngày" in s.casefold() and _ends_in_year(s) and _few_words(s))
    return any(_place_ok(m) for m in map(LETTERHEAD_DATE.match, candidates) if m)


def _ends_in_year(text: str) -> bool:
    """`text` ends as LETTERHEAD_DATE does: four digits, then only non-word characters
    (`... năm 2023`, `... năm 2023./.`); a sentence that cites a date goes on after it."""
    i = len(text)
    while i and not (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i >= 4 and text[i - 4:i].isdecimal()


def _few_words(text: str) -> bool:
    """`text` has no more words with letters than LETTERHEAD_DATE can hold (checked before
    it: the pattern tries every way to cut a long sentence's letters into six words)."""
    lettered = (w for w in text.split() if any(map(str.isalpha, w)))
    return sum(1 for _ in islice(lettered, MAX_DATE_LINE_WORDS + 1)) <= MAX_DATE_LINE_WORDS


def _place_ok(m: re.Match) -> bool:
    place = m.group(0)[: m.group(0).casefold().find("ngày")].strip(" ,")
    return all(w[:1].isupper() or w[:1].isdigit() or w in UNIT_SECOND_WORDS
               for w in re.split(r"[\s\-–]+", place) if w)


def safe_date(y: int | str, m: int | str, d: int | str) -> date | None:
    """`date(y, m, d)`, or None when the numbers name no day (`31/02/2024`)."""
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def numeric_date(text: str) -> date | None:
    """The first day-first numeric date in `text`: `29-07-2011` → 2011-07-29."""
    m = NUMERIC_DATE.search(text)
    return safe_date(m.group(3), m.group(2), m.group(1)) if m else None


# ---------------------------------------------------------------- a day inside a sentence
# The forms of one day as timing phrases and citations write it, with named groups d, m, y
# (the year may be left out: `trước ngày 28/5`), for use inside larger patterns
# (parsers/grammar/timing.py builds its calendar units on them).
# Guards: a number not glued to another number or to a document number (not the `06/2022`
# of `06/2022/NĐ-CP`).
NUM_START = r"(?<![\d/.,-])"
NUM_END = r"(?![\w/]|-[^\W\d_])"
YEAR_NUMBER = r"(?:19|20)\d\d(?!\d)"
# `Ngày 15/6/2023`, `23/3/2026`, `15-6-2023`, `ngày10 /3/2026`, `trước ngày 28/5`; separators in
# groups s1, s2 (`15.6` with no year is a number, not a day: the caller checks)
DAY_IN_NUMBERS = (rf"(?:ngày\s*)?{NUM_START}(?P<d>\d{{1,2}})\s*(?P<s1>[/.-])\s*(?P<m>\d{{1,2}})"
                  rf"(?:\s*(?P<s2>[/.-])\s*(?P<y>{YEAR_NUMBER}))?{NUM_END}")
# `ngày 07 tháng 01 năm 2022`, `trước ngày 15 tháng 6`
DAY_IN_WORDS = (rf"ngày\s*{NUM_START}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
                rf"(?:\s*,?\s*năm\s+(?P<y>{YEAR_NUMBER}))?{NUM_END}")
# `trước 10 tháng 3 năm 2010` (no day word: the year is then written)
DAY_IN_WORDS_WITH_YEAR = (rf"{NUM_START}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s*,?\s*năm\s+"
                          rf"(?P<y>{YEAR_NUMBER}){NUM_END}")
