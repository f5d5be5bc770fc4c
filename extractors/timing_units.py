"""Calendar units of timing expressions (spec §4): one date, month, quarter,
half-year or year, or a list/range of them sharing a year, and the interval
each denotes.

Every word comes from `extractors/vocab/timing.json`. A unit regex is written
once with named groups (for its value); `search_form` strips the names so the
units can be combined into larger patterns (`từ <unit> đến <unit>`).

Text given to these regexes is the *shadow* of the source (see `shadow`): same
length, `_` of word-segmented files read as a space, dashes unified, so that
offsets found in the shadow are offsets in the source.
"""
from __future__ import annotations

import calendar
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

VOCAB: dict = json.loads(
    (Path(__file__).parent / "vocab" / "timing.json").read_text(encoding="utf-8"))

# One character for one: `Quý_I năm 2010` (wordseg files), `2021–2030` (laocai-kh-ct11),
# `**Thường xuyên**` (markdown bold).
_SHADOW_MAP = (("_", " "), ("\u00a0", " "), ("\u2013", "-"), ("\u2014", "-"),
               ("\u2212", "-"), ("\u2011", "-"), ("*", " "), ("\n", " "),
               ("\t", " "), ("\r", " "))


def shadow(text: str) -> str:
    """The text as matched: same length as `text`, so offsets carry over. (One
    `replace` per character present: `str.translate` with a table is slower.)"""
    for old, new in _SHADOW_MAP:
        if old in text:
            text = text.replace(old, new)
    return text


def words(entries) -> str:
    """Alternation of vocabulary entries, longest first, any white space between words."""
    if isinstance(entries, dict):
        entries = entries.keys()
    items = sorted({unicodedata.normalize("NFC", e) for e in entries if not e.startswith("_")},
                   key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in e.split()) for e in items) + ")"


def search_form(pattern: str) -> str:
    """The pattern with its named groups made anonymous, for use inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# Letter guards (digits may touch a word: `ngày10 /3/2026` in laocai-kh-1105.txt).
NO_LETTER_BEFORE = r"(?<![^\W\d_])"
NO_LETTER_AFTER = r"(?![^\W\d_])"
# A number not glued to a document number: not the `06/2022` of `06/2022/NĐ-CP`.
NUM_START = r"(?<![\d/.,-])"
NUM_END = r"(?![\w/]|-[^\W\d_])"

DAY_W = words(VOCAB["day_words"])
MONTH_W = words(VOCAB["month_words"])
QUARTER_W = words(VOCAB["quarter_words"])
YEAR_W = words(VOCAB["year_words"])
# Roman numerals are matched as written, upper case (`Quý II/2025`), even in a case-blind pattern.
ROMAN = "(?-i:" + words(VOCAB["quarter_numerals"]) + ")" + NO_LETTER_AFTER
YEAR_NUM = r"(?:19|20)\d\d(?!\d)"
# the year attached to a month or quarter: `Tháng 5/2023`, `quý 2 năm 2023`
YEAR_TAIL = rf"(?:\s*/\s*|\s*,?\s+{YEAR_W}\s+)"
JOINER = words(VOCAB["list_joiners"] + ["-"])
_HALF = VOCAB["half_year"]

# `Ngày 15/6/2023`, `23/3/2026` (laocai-kh-1105), `15-6-2023`, `ngày10 /3/2026`, `trước ngày 28/5` (cp-bao-cao)
DATE_NUMERIC = (rf"(?:{DAY_W}\s*)?{NUM_START}(?P<d>\d{{1,2}})\s*(?P<s1>[/.-])\s*(?P<m>\d{{1,2}})"
                rf"(?:\s*(?P<s2>[/.-])\s*(?P<y>{YEAR_NUM}))?{NUM_END}")
# `ngày 07 tháng 01 năm 2022` (btnmt-09), `trước ngày 15 tháng 6` (cp-nq-03 III.3)
DATE_WORDS = (rf"{DAY_W}\s*{NUM_START}(?P<d>\d{{1,2}})\s+{MONTH_W}\s+(?P<m>\d{{1,2}})"
              rf"(?:\s*,?\s*{YEAR_W}\s+(?P<y>{YEAR_NUM}))?{NUM_END}")
# `trước 10 tháng 3 năm 2010` (vpcp-tb-ket-luan-de-an-day-nghe-1956-wordseg.txt)
DATE_WORDS_YEAR = (rf"{NUM_START}(?P<d>\d{{1,2}})\s+{MONTH_W}\s+(?P<m>\d{{1,2}})\s*,?\s*{YEAR_W}\s+"
                   rf"(?P<y>{YEAR_NUM}){NUM_END}")
# `6 tháng đầu năm 2023` (spec §4), `6 tháng đầu năm 2009` (btp-tb-ket-luan wordseg)
HALF_YEAR = (rf"{NUM_START}(?:{words(_HALF['months'])})\s+{MONTH_W}\s+"
             rf"(?P<h>{words(_HALF['first'] + _HALF['second'])})\s+{YEAR_W}"
             rf"(?:\s+(?P<y>{YEAR_NUM}))?{NO_LETTER_AFTER}")
# `Quý II/2023`, `quý 2 năm 2023`, `Quý III, IV/2023`, `quí 2 năm 2010` (longan-chi-thi wordseg)
QUARTERS = (rf"{QUARTER_W}\s*(?P<a>{ROMAN})(?P<rest>(?:\s*{JOINER}\s*(?:{QUARTER_W}\s*)?{ROMAN}){{0,3}})"
            rf"(?:{YEAR_TAIL}(?P<y>{YEAR_NUM}))?{NUM_END}")
# `Tháng 5/2023`, `tháng 01 năm 2025` (cp-nq-03 III.1), `Tháng 5-6/2023`, `Tháng 11 - 12/2026`
MONTHS = (rf"{MONTH_W}\s*{NUM_START}(?P<a>\d{{1,2}})(?P<rest>(?:\s*{JOINER}\s*(?:{MONTH_W}\s*)?\d{{1,2}}){{0,11}})"
          rf"(?:{YEAR_TAIL}(?P<y>{YEAR_NUM}))?{NUM_END}")
# `6/2025`, `01/2025` (cp-nq-03 Phụ lục II, column `Thời gian hoàn thành`)
MONTH_NUMERIC = rf"{NUM_START}(?P<a>\d{{1,2}})\s*/\s*(?P<y>{YEAR_NUM}){NUM_END}"
# `2024 - 2025` (btnmt-09 Phụ lục), `năm 2025 - 2026`, `Năm 2026`, `2025` (cp-nq-03 Phụ lục II)
YEARS = (rf"(?P<w>{YEAR_W}\s+)?{NUM_START}(?P<a>{YEAR_NUM})"
         rf"(?:\s*-\s*(?:{YEAR_W}\s+)?(?P<b>{YEAR_NUM}))?{NUM_END}")

# Tried in this order on a matched unit; the first that values it wins.
_UNITS = (("day", DATE_NUMERIC), ("day", DATE_WORDS), ("day", DATE_WORDS_YEAR),
          ("half", HALF_YEAR), ("quarter", QUARTERS), ("month", MONTHS),
          ("month", MONTH_NUMERIC), ("year", YEARS))
_UNIT_RES = tuple((unit, re.compile(p, re.IGNORECASE)) for unit, p in _UNITS)

# Any one unit, for use inside the phrase patterns of timing_grammar.
POINT = "(?:" + "|".join(search_form(p) for _, p in _UNITS) + ")"
# A date only: the start of `23/3/2026; 02 ngày`.
DAY_POINT = "(?:" + "|".join(search_form(p) for u, p in _UNITS if u == "day") + ")"

_ROMAN_VALUES = dict(VOCAB["quarter_numerals"])
# The joiners of a unit list: `, ` in `Quý III, IV/2023`, ` - ` in `Tháng 11 - 12/2026`,
# `, tháng ` in `trong tháng 3, tháng 4, tháng 5` (cp-bao-cao-tien-do-nq57)
_JOIN_RE = re.compile(rf"\s*({JOINER})\s*(?:{MONTH_W}|{QUARTER_W})?\s*", re.IGNORECASE)
_RANGE_JOINERS = {"-"} | {j.lower() for j in VOCAB["range_joiners"]}


class NoValue(ValueError):
    """The words are a timing unit but denote no valid interval (`31/2/2024`, no year)."""


class NotAUnit(NoValue):
    """The words only look like a unit (`15.6` is a number): no timing at all."""


@dataclass(frozen=True)
class Point:
    unit: str                 # day, month, quarter, half, year
    start: date
    end: date
    explicit_year: bool       # the year is written (not taken from ref or a range end)
    bare: bool                # no unit word: `2025`, `6/2025`, `23/3/2026`
    multi: bool = False       # a list or range of units: `Tháng 5-6/2023`, `2024 - 2025`


def _members(first: str, rest: str, convert) -> list[int]:
    """Values of a unit list `5-6`, `III, IV`: consecutive for `,`/`và`, ascending for `-`."""
    values = [convert(first)]
    parts = _JOIN_RE.split(rest)
    # parts: ["", joiner, value, joiner, value, ...]
    for joiner, value in zip(parts[1::2], parts[2::2]):
        v = convert(value.strip())
        if joiner.lower() in _RANGE_JOINERS:
            if v <= values[-1]:
                raise NoValue("range not ascending")
        elif v != values[-1] + 1:
            raise NoValue("list not consecutive")
        values.append(v)
    return values


def _year(m: re.Match, year: int | None) -> tuple[int, bool]:
    if m.groupdict().get("y"):
        return int(m.group("y")), True
    if year is None:
        raise NoValue("no year")
    return year, False


def unit_of(text: str) -> tuple[str, re.Match]:
    """Which unit the words are (day, month, quarter, half, year) and its match."""
    t = text.strip()
    for unit, rx in _UNIT_RES:
        m = rx.fullmatch(t)
        if not m:
            continue
        g = m.groupdict()
        if unit == "day" and (g.get("s2") and g["s1"] != g["s2"]
                              or g.get("s1") and not g.get("y") and g["s1"] != "/"):
            continue          # `15.6` is a number, `5-6` a range: only `15/6` lacks a year
        return unit, m
    raise NotAUnit(f"not a unit: {text!r}")


def has_year(text: str) -> bool:
    """Whether a unit writes its year (`Tháng 5/2023`) or takes it from elsewhere (`tháng 5`)."""
    unit, m = unit_of(text)
    return unit == "year" or bool(m.group("y"))


def point_shape(text: str) -> tuple[str, bool]:
    """(unit, bare) of a unit, whether or not it has a valid value."""
    unit, m = unit_of(text)
    t = text.strip()
    if unit == "day":
        return unit, not re.match(DAY_W, t, re.IGNORECASE)
    if unit == "month":
        return unit, not re.match(MONTH_W, t, re.IGNORECASE)
    if unit == "year":
        return unit, not m.group("w")
    return unit, False


def point_value(text: str, year: int | None) -> Point:
    """The interval of one unit as matched by `POINT`; `year` fills a missing year."""
    unit, m = unit_of(text)
    _, bare = point_shape(text)
    g = m.groupdict()
    if unit == "day":
        y, explicit = _year(m, year)
        try:
            d = date(y, int(g["m"]), int(g["d"]))
        except ValueError as exc:
            raise NoValue(str(exc)) from exc
        return Point("day", d, d, explicit, bare)
    if unit == "half":
        y, explicit = _year(m, year)
        second = g["h"].lower() in {w.lower() for w in _HALF["second"]}
        return (Point("half", date(y, 7, 1), date(y, 12, 31), explicit, False) if second
                else Point("half", date(y, 1, 1), date(y, 6, 30), explicit, False))
    if unit in ("quarter", "month"):
        if unit == "quarter":
            members = _members(g["a"], g["rest"], _ROMAN_VALUES.__getitem__)
            first, last = 3 * members[0] - 2, 3 * members[-1]
        else:
            members = _members(g["a"], g.get("rest") or "", int)
            first, last = members[0], members[-1]
        if not (1 <= first <= last <= 12):
            raise NoValue("month out of range")
        y, explicit = _year(m, year)
        end = date(y, last, calendar.monthrange(y, last)[1])
        return Point(unit, date(y, first, 1), end, explicit, bare, len(members) > 1)
    a, b = int(g["a"]), int(g["b"] or g["a"])
    if b < a:
        raise NoValue("year range not ascending")
    return Point("year", date(a, 1, 1), date(b, 12, 31), True, bare, b > a)
