"""Timing words and forms of administrative Vietnamese (spec §4).

Three layers, every word from `parsers/grammar/vocab/timing.json`:
- calendar units: one date, month, quarter, half-year or year, or a list or
  range of them sharing a year (`Ngày 15/6/2023`, `Tháng 5-6/2023`, `Quý III,
  IV/2023`, `6 tháng đầu năm 2023`, `2024 - 2025`), as `UNITS` (named groups
  for their value) and `POINT` (any one unit, for use inside a phrase);
- timing phrases: what scheduling makes of a unit, a lead (`trước ngày`,
  `trong`, `từ ... đến`), a frequency (`hằng năm`), a duration (`02 ngày`), or a
  fixed expression (`Thường xuyên`, `theo đúng tiến độ`), as `FORMS`;
- prose contexts (`parsers.grammar.timing_prose`): the words around a phrase
  that make it qualify an object (`Chiến lược ... đến năm 2030`, `kế hoạch công
  tác hằng năm`) or date a cited document (`Nghị định số 06/2022/NĐ-CP ngày 07
  tháng 01 năm 2022`).

Text given to these patterns is the *shadow* of the source (`shadow`): same
length, `_` of word-segmented text read as a space, dashes unified, so that
offsets found in the shadow are offsets in the source. What a phrase denotes
(its interval) is computed in `extractors/timing_units.py` and
`extractors/timing_scan.py`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from parsers.grammar.alternation import alternation
from parsers.grammar.dates import (DAY_IN_NUMBERS, DAY_IN_WORDS, DAY_IN_WORDS_WITH_YEAR, NUM_END,
                                   NUM_START, YEAR_NUMBER)

VOCAB: dict = json.loads(
    (Path(__file__).parent / "vocab" / "timing.json").read_text(encoding="utf-8"))

# One character for one: `Quý_I năm 2010` (word-segmented text), `2021–2030` (en dash),
# `**Thường xuyên**` (markdown bold).
_SHADOW_MAP = (("_", " "), ("\u00a0", " "), ("\u2013", "-"), ("\u2014", "-"),
               ("\u2212", "-"), ("\u2011", "-"), ("*", " "), ("\n", " "),
               ("\t", " "), ("\r", " "))


def dated_leads() -> list[str]:
    """The words that open a timing phrase in prose, a lead and its calendar unit (`trước
    ngày`, `trong tháng`, `từ năm`) or a deadline word (`chậm nhất`, `đến hết`): no body's
    name holds them, so they end one (`Giao Phó Thủ tướng ... Trần Hồng Hà| trước ngày 15
    tháng 11 năm 2025 trực tiếp kiểm tra ...`)."""
    leads = VOCAB["deadline_leads"]["day_only"] + VOCAB["period_leads"]["prose"] + VOCAB["range_start"]
    units = VOCAB["day_words"] + VOCAB["month_words"] + VOCAB["quarter_words"] + VOCAB["year_words"]
    return [f"{lead} {unit}" for lead in leads for unit in units] + VOCAB["deadline_leads"]["any"]


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


def folded(entries) -> frozenset[str]:
    """Vocabulary entries in lower case with single spaces, for comparing with a match."""
    return frozenset(" ".join(e.lower().split()) for e in entries if not e.startswith("_"))


def search_form(pattern: str) -> str:
    """The pattern with its named groups made anonymous, for use inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# ---------------------------------------------------------------- calendar units
# Letter guards (digits may touch a word: `ngày10 /3/2026`).
NO_LETTER_BEFORE = r"(?<![^\W\d_])"
NO_LETTER_AFTER = r"(?![^\W\d_])"
_LB, _LA = NO_LETTER_BEFORE, NO_LETTER_AFTER

DAY_W = words(VOCAB["day_words"])
MONTH_W = words(VOCAB["month_words"])
QUARTER_W = words(VOCAB["quarter_words"])
YEAR_W = words(VOCAB["year_words"])
# Roman numerals are matched as written, upper case (`Quý II/2025`), even in a case-blind pattern.
ROMAN = "(?-i:" + words(VOCAB["quarter_numerals"]) + ")" + NO_LETTER_AFTER
YEAR_NUM = YEAR_NUMBER
# the year attached to a month or quarter: `Tháng 5/2023`, `quý 2 năm 2023`
YEAR_TAIL = rf"(?:\s*/\s*|\s*,?\s+{YEAR_W}\s+)"
JOINER = words(VOCAB["list_joiners"] + ["-"])
HALF = VOCAB["half_year"]

# A day (parsers/grammar/dates.py): `Ngày 15/6/2023`, `trước ngày 28/5`, `ngày 07 tháng 01 năm
# 2022`, `trước 10 tháng 3 năm 2010`; not a fraction of a unit (`1/4 ngày`, `1/2 buổi`)
DATE_NUMERIC = rf"{DAY_IN_NUMBERS}(?!\s*{words(VOCAB['fraction_units'])}{NO_LETTER_AFTER})"
DATE_WORDS, DATE_WORDS_YEAR = DAY_IN_WORDS, DAY_IN_WORDS_WITH_YEAR
# `6 tháng đầu năm 2023`, `6 tháng cuối năm 2023`, `02 tháng cuối năm 2025`
YEAR_PART = (rf"{NUM_START}(?P<n>\d{{1,2}})\s+{MONTH_W}\s+"
             rf"(?P<h>{words(HALF['first'] + HALF['second'])})\s+{YEAR_W}"
             rf"(?:\s+(?P<y>{YEAR_NUM}))?{NO_LETTER_AFTER}")
# `những tháng đầu năm 2026`: a part of a year with no definite end (never valued)
VAGUE_PART = (rf"{_LB}{words(HALF['vague'])}\s+{words(HALF['first'] + HALF['second'])}\s+"
              rf"{YEAR_W}\s+(?P<y>{YEAR_NUM}){NUM_END}")
# `Quý II/2023`, `quý 2 năm 2023`, `Quý III, IV/2023`, `quí 2 năm 2010`
QUARTERS = (rf"{QUARTER_W}\s*(?P<a>{ROMAN})(?P<rest>(?:\s*{JOINER}\s*(?:{QUARTER_W}\s*)?{ROMAN}){{0,3}})"
            rf"(?:{YEAR_TAIL}(?P<y>{YEAR_NUM}))?{NUM_END}")
# `Tháng 5/2023`, `tháng 01 năm 2025`, `Tháng 5-6/2023`, `Tháng 11 - 12/2026`
MONTHS = (rf"{MONTH_W}\s*{NUM_START}(?P<a>\d{{1,2}})(?P<rest>(?:\s*{JOINER}\s*(?:{MONTH_W}\s*)?\d{{1,2}}){{0,11}})"
          rf"(?:{YEAR_TAIL}(?P<y>{YEAR_NUM}))?{NUM_END}")
# `6/2025`, `01/2025` (a timing cell)
MONTH_NUMERIC = rf"{NUM_START}(?P<a>\d{{1,2}})\s*/\s*(?P<y>{YEAR_NUM}){NUM_END}"
# `2024 - 2025`, `năm 2025 - 2026`, `Năm 2026`, `2025`
YEARS = (rf"(?P<w>{YEAR_W}\s+)?{NUM_START}(?P<a>{YEAR_NUM})"
         rf"(?:\s*-\s*(?:{YEAR_W}\s+)?(?P<b>{YEAR_NUM}))?{NUM_END}")

# Tried in this order on a matched unit; the first that values it wins.
UNITS = (("day", DATE_NUMERIC), ("day", DATE_WORDS), ("day", DATE_WORDS_YEAR),
         ("part", YEAR_PART), ("vague", VAGUE_PART), ("quarter", QUARTERS), ("month", MONTHS),
         ("month", MONTH_NUMERIC), ("year", YEARS))
UNIT_RES = tuple((unit, re.compile(p, re.IGNORECASE)) for unit, p in UNITS)

# Any one unit, for use inside the phrase patterns.
POINT = "(?:" + "|".join(search_form(p) for _, p in UNITS) + ")"
# A date only: the start of `23/3/2026; 02 ngày`.
DAY_POINT = "(?:" + "|".join(search_form(p) for u, p in UNITS if u == "day") + ")"

ROMAN_VALUES = dict(VOCAB["quarter_numerals"])
# Between two units that make one interval: `Quý IV/2025- Quý II/2026` (a range),
# `Quý III, IV/2026, 2027` and `02 tháng cuối năm 2025 và những tháng đầu năm 2026` (a list)
_UNITS_JOIN = rf"\s*(?P<j>-|,|{words(['và'])}{_LA})\s*"
# The joiners of a unit list: `, ` in `Quý III, IV/2023`, ` - ` in `Tháng 11 - 12/2026`,
# `, tháng ` in `trong tháng 3, tháng 4, tháng 5`
UNIT_JOIN = re.compile(rf"\s*({JOINER})\s*(?:{MONTH_W}|{QUARTER_W})?\s*", re.IGNORECASE)
RANGE_JOINERS = {"-"} | folded(VOCAB["range_joiners"])
# A unit's own word at its start: `Ngày 15/6/2023`, `tháng 5`
DAY_WORD_AT = re.compile(DAY_W, re.IGNORECASE)
MONTH_WORD_AT = re.compile(MONTH_W, re.IGNORECASE)
SECOND_PART = folded(HALF["second"])

# ---------------------------------------------------------------- timing phrases
_R = VOCAB["recurring"]
# `hằng năm`; not the `hàng` that ends a noun (`hoạt động ngân hàng năm 2014`)
_EACH_UNIT = (''.join(rf"(?<!{re.escape(w)} )" for w in _R["each_not_after"])
              + rf"{words(_R['each'])}\s+{words(_R['units'])}{_LA}")
# `6 tháng`, `06 (sáu) tháng`
_EVERY_N = rf"\d{{1,2}}(?:\s*\([^()\d]{{1,12}}\))?\s+{words(_R['units'])}{_LA}"
_LIST_ITEM = rf"(?:{_EACH_UNIT}|{_EVERY_N}|{words(_R['list_items'])}{_LA})"
_DAY_LEADS = words(_R["day_leads"])
_DUR_UNITS = words(VOCAB["duration_units"])
_FROM = words(VOCAB["range_start"])
_TO = rf"(?:-|{words(VOCAB['range_joiners'])}{_LA})"
_DL = VOCAB["deadline_leads"]
_PL = VOCAB["period_leads"]
_REL = VOCAB["relative"]
_UN = VOCAB["unspecified"]
# The rest of a condition's clause, at most 15 words, up to `,` `;` `.` `:`, a bracket or the end.
_CLAUSE_END = r"(?=\s*(?:[,;.:()]|$))"
_CLAUSE_REST = rf"(?:\s+[^\s,;.:()]+){{1,15}}{_CLAUSE_END}"

# `trước ngày 20 hằng tháng`, `vào ngày 22 hàng tháng`, `trước ngày 30/11 hằng năm`,
# `trước ngày 30 tháng 11 hàng năm`, `Tháng 12 hằng năm`, `trước ngày 01/6 và 15/11 hằng năm`
_YEARLY_POINT = rf"(?:{DAY_POINT}|(?:{DAY_W}\s+)?\d{{1,2}}|{MONTH_W}\s*\d{{1,2}})"
RECUR_DAY = (rf"{_LB}(?:{_DAY_LEADS}\s+)?{_YEARLY_POINT}"
             rf"(?:\s*(?:,|{words(VOCAB['list_joiners'])})\s*(?:{_DAY_LEADS}\s+)?{_YEARLY_POINT})*"
             rf"\s+{_EACH_UNIT}")
# `Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ`, `Định kỳ 6 tháng, hàng năm hoặc đột xuất`,
# `định kỳ hàng năm (trước ngày 10/12)`, `Hằng năm`
RECURRING = (rf"{_LB}(?:{words(_R['periodic'])}{_LA}(?:\s+(?:{_EACH_UNIT}|{_EVERY_N}))?|{_EACH_UNIT})"
             rf"(?:\s*(?:,|{words(_R['list_joiners'])}{_LA})\s*{_LIST_ITEM})*"
             rf"(?:\s*\(\s*(?:{_DAY_LEADS}|{DAY_W})[^()]{{0,40}}\))?")
# `Thường xuyên`, `Nhiệm vụ thường xuyên`
ONGOING = rf"{_LB}{words(VOCAB['ongoing'])}{_LA}"
# `23/3/2026; 02 ngày` (two cells joined), `Ngày 23/3/2026\n02 ngày` (one cell)
DATE_DURATION = (rf"(?P<p1>{DAY_POINT})\s*[;,(]?\s*(?P<n>\d{{1,3}})\s+(?P<unit>{_DUR_UNITS}){_LA}"
                 rf"(?:\s*\))?")
# `Từ tháng 3 đến tháng 12/2023`, `Từ năm 2011 đến hết năm 2015`, `từ 01/3 đến hết ngày 10/3/2010`
FROM_TO = rf"{_LB}{_FROM}\s+(?P<p1>{POINT})\s*{_TO}\s*(?:{DAY_W}\s*)?(?P<p2>{POINT})"
# `từ năm 2025`, `từ ngày 01 tháng 01 năm 2010`
FROM_ON = (rf"{_LB}{_FROM}\s+(?P<p1>{POINT})(?:\s+{words(VOCAB['open_tails'])}{_LA})?"
           rf"(?!\s*{_TO})")
# `Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê`
OPEN_UNTIL = (rf"{_LB}{_FROM}\s+(?P<p1>{POINT})\s*{words(VOCAB['open_until']['words'])}{_LA}"
              rf"{_CLAUSE_REST}")
# `2025 và những năm tiếp theo`, `Tháng 6/2025 và thường xuyên`
OPEN_TAIL = rf"(?P<p1>{POINT})\s*,?\s+{words(VOCAB['open_tails'])}{_LA}"
_CLK = VOCAB["clock"]
# A time of day before a deadline's date: `15h00`, `08 giờ 00`, `14h00 chiều Thứ Bảy`, `10 giờ 30
# phút,`; not the `h` of a word (`12 hồ sơ`)
CLOCK = (rf"\d{{1,2}}\s*{words(_CLK['hours'])}(?:\s*\d{{1,2}})?(?:\s*{words(_CLK['minutes'])})?{_LA}"
         rf"(?:\s+{words(_CLK['day_parts'])}{_LA})?(?:\s*,?\s*{words(_CLK['weekdays'])}{_LA})?\s*,?")
# `trước ngày 30/5/2026`, `chậm nhất đến ngày 01 tháng 7 năm 2028`, `Chậm nhất là cuối quý I
# năm 2010`, `Đến năm 2030`, `trước 15h00 ngày 15/6/2026`
DEADLINE = (rf"{_LB}(?P<lead>{words(_DL['day_only'] + _DL['clause_initial'] + _DL['any'])})\s+"
            rf"(?:(?P<endof>{words(VOCAB['deadline_end_of'])})\s+)?(?:{CLOCK}\s*)?(?:{DAY_W}\s*)?(?P<p1>{POINT})")
# `trong quý II năm 2012`, `Xong trong tháng 5/2026`, `Tháng 8/2024`, `Giai đoạn 2024-2025`;
# a vague part of the unit is unparsed: `Cuối tháng 4 năm 2010`
PERIOD = (rf"(?:{_LB}(?P<lead>{words(_PL['prose'] + _PL['cell'])})\s*:?\s*)?"
          rf"(?:{_LB}(?P<vague>{words(VOCAB['vague_parts'])})\s+)?(?P<p1>{POINT})")
# `Quý IV/2025- Quý II/2026`, `29/6/2026 - 09/7/2026`, `Quý III, IV/2026, 2027`, `trong 02 tháng
# cuối năm 2025 và những tháng đầu năm 2026`
UNITS_SPAN = (rf"(?:{_LB}(?P<lead>{words(_PL['prose'] + _PL['cell'])})\s*:?\s*)?(?P<p1>{POINT})"
              rf"{_UNITS_JOIN}(?:{DAY_W}\s*)?(?P<p2>{POINT})")
# `không quá 10 ngày làm việc`, `sau 10 ngày`
RELATIVE_DURATION = (rf"{_LB}(?P<lead>{words(_REL['duration_leads'])})\s+\d{{1,3}}\s+"
                     rf"(?:{_DUR_UNITS}|{words(_R['units'])}){_LA}"
                     rf"(?:\s+{words(_REL['anchors'])}{_CLAUSE_REST})?")
_NOT_EVENT = rf"(?!\s+{words(_REL['not_events'])}{_LA})"
# `Sau khi hoàn thành xây dựng các phần mềm chuyên ngành`, `Trong thời gian chưa hoàn thành di dời`;
# not `Trong thời gian tới`
RELATIVE_CLAUSE = rf"{_LB}{words(_REL['clause_heads'])}{_LA}{_NOT_EVENT}{_CLAUSE_REST}"
# `ngay sau khi lũ rút`
RELATIVE_NOW = rf"{_LB}{words(_REL['immediate_heads'])}{_LA}{_NOT_EVENT}{_CLAUSE_REST}"
# `theo đúng tiến độ`, `đảm bảo thời gian quy định`
UNSPECIFIED = rf"{_LB}{words(_UN['any'])}{_LA}"
# `khi có nhà đầu tư đề xuất đầu tư hạ tầng kỹ thuật cụm công nghiệp`, `khi được yêu cầu`,
# `khi dự báo có mưa lớn`
TRIGGER = rf"{_LB}{words(_UN['triggers'])}{_LA}(?:{_CLAUSE_REST}|{_CLAUSE_END})"
# `khi Chính phủ và các Bộ, ngành ban hành các văn bản quy định chi tiết`: `scan` keeps it only
# where the word after `khi` is capitalised (a named body), which a case-blind pattern cannot see
TRIGGER_NAMED = (rf"{_LB}{words(_UN['trigger_head'])}\s+(?P<cap>[^\W\d_])[^\s,;.:()]*"
                 rf"(?:{_CLAUSE_REST}|{_CLAUSE_END})")
# `hoàn thành theo chỉ đạo tại các công điện của Thủ tướng Chính phủ`, `Hoàn thành công tác tuyển
# sinh năm học 2025 - 2026 theo kế hoạch chung`; the plan word in lower case (`theo Kế hoạch số
# 134/KH-UBND` cites a document): the phrase starts at `theo` where words stand between
PLAN_REF = (rf"{_LB}{words(_UN['completion_verbs'])}{_LA}(?P<gap>(?:\s+[^\s,;.:()]+){{0,12}}?)\s+"
            rf"(?P<ref>(?-i:{words(_UN['plan_refs'])})){_LA}(?:{_CLAUSE_REST})?")
# `bảo đảm thời hạn trình Chính phủ xem xét để trình Quốc hội thông qua tại Kỳ họp thứ 10`
DEADLINE_REF = rf"{_LB}{words(_UN['deadline_refs'])}{_LA}(?:{_CLAUSE_REST})?"
# `Theo chỉ đạo của UBND Thành phố`: only in a timing cell
UNSPECIFIED_CELL = rf"{_LB}{words(_UN['cell'])}{_LA}"

# Forms in order of preference when two phrases start and end at the same place.
FORMS = (("recurring_day", RECUR_DAY), ("recurring", RECURRING),
         ("date_duration", DATE_DURATION), ("range", FROM_TO), ("open_until", OPEN_UNTIL),
         ("open_tail", OPEN_TAIL), ("open", FROM_ON), ("deadline", DEADLINE),
         ("relative", RELATIVE_DURATION), ("relative_clause", RELATIVE_CLAUSE),
         ("relative_now", RELATIVE_NOW), ("period", PERIOD), ("span", UNITS_SPAN),
         ("unspecified", UNSPECIFIED), ("plan_ref", PLAN_REF), ("deadline_ref", DEADLINE_REF),
         ("trigger", TRIGGER), ("trigger_named", TRIGGER_NAMED), ("ongoing", ONGOING),
         ("unspecified_cell", UNSPECIFIED_CELL))
PRIORITY = {name: i for i, (name, _) in enumerate(FORMS)}
# The kind of a form whose phrase has no dates of its own.
FIXED_KIND = {"recurring_day": "recurring", "recurring": "recurring", "ongoing": "ongoing",
              "unspecified": "unspecified", "plan_ref": "unspecified",
              "deadline_ref": "unspecified", "trigger": "unspecified",
              "trigger_named": "unspecified", "unspecified_cell": "unspecified",
              "relative": "unparsed", "relative_clause": "unparsed", "relative_now": "unparsed"}


def _starting_with(*vocabularies, digit: bool = False) -> str:
    """A lookahead for how a phrase can start: the first word of one of its opening
    entries (`trước`, `Trong`, `quý`), or a digit where it may open with one. Python's
    `re` tries a pattern at every position; this rejects most of them at once (the
    character class first, then the words)."""
    firsts = {w.split()[0] for entries in vocabularies for w in entries
              if w.strip() and not w.startswith("_")}
    cased = sorted({c.lower() for w in firsts for c in w[0]} | {c.upper() for w in firsts for c in w[0]})
    alternatives = ([r"\d"] if digit else []) + [re.escape(w) for w in sorted(firsts, key=len, reverse=True)]
    return ("(?=[" + ("\\d" if digit else "") + re.escape("".join(cased)) + "])"
            "(?=" + "|".join(alternatives) + ")")


# What each form's phrase opens with (its first alternative words; a unit opens with a
# digit or a unit word, `tháng 5`, `Quý II`, `năm 2025`).
_UNIT_OPENERS = (VOCAB["day_words"], VOCAB["month_words"], VOCAB["quarter_words"],
                 VOCAB["year_words"])
_OPENERS = {
    "recurring_day": _starting_with(_R["day_leads"], VOCAB["day_words"], VOCAB["month_words"],
                                    digit=True),
    "recurring": _starting_with(_R["periodic"], _R["each"]),
    "date_duration": _starting_with(VOCAB["day_words"], digit=True),
    "range": _starting_with(VOCAB["range_start"]),
    "open_until": _starting_with(VOCAB["range_start"]),
    "open_tail": _starting_with(*_UNIT_OPENERS, digit=True),
    "open": _starting_with(VOCAB["range_start"]),
    "deadline": _starting_with(_DL["day_only"], _DL["clause_initial"], _DL["any"]),
    "relative": _starting_with(_REL["duration_leads"]),
    "relative_clause": _starting_with(_REL["clause_heads"]),
    "relative_now": _starting_with(_REL["immediate_heads"]),
    "period": _starting_with(_PL["prose"], _PL["cell"], VOCAB["vague_parts"], HALF["vague"],
                             *_UNIT_OPENERS, digit=True),
    "span": _starting_with(_PL["prose"], _PL["cell"], HALF["vague"], *_UNIT_OPENERS, digit=True),
    "unspecified": _starting_with(_UN["any"]),
    "plan_ref": _starting_with(_UN["completion_verbs"]),
    "deadline_ref": _starting_with(_UN["deadline_refs"]),
    "trigger": _starting_with(_UN["triggers"]),
    "trigger_named": _starting_with(_UN["trigger_head"]),
    "ongoing": _starting_with(VOCAB["ongoing"]),
    "unspecified_cell": _starting_with(_UN["cell"]),
}
FORM_RES = tuple((name, re.compile(_OPENERS[name] + p, re.IGNORECASE)) for name, p in FORMS)
# Forms that cannot match without a digit: `trước ngày 20 hằng tháng`, `23/3/2026; 02 ngày`,
# `không quá 10 ngày làm việc`; and those that need a calendar unit (`POINT`), which is a
# number or a quarter word with its numeral (`Quý II`). `forms_for` leaves them out on
# text that has neither (most task sentences), which finds the same phrases, sooner.
_NEEDS_DIGIT = frozenset({"recurring_day", "date_duration", "relative"})
_NEEDS_UNIT = frozenset({"range", "open_until", "open_tail", "open", "deadline", "period",
                         "span"})
# Any decimal digit, as `\d` of the phrase patterns: `2025`, `0`
ANY_DIGIT = re.compile(r"\d")
# A quarter word, as QUARTER_W matches it case-blind: `Quý`, `quí`, `QUÝ`
QUARTER_WORD = re.compile(QUARTER_W, re.IGNORECASE)

# Forms whose phrase holds one of these words (lower case, single spaces): a form none of
# whose words is in the text is not tried. `2025 và những năm tiếp theo` needs an open tail,
# `trước ngày 20 hằng tháng` a `hằng`, `23/3/2026; 02 ngày` a duration unit.
_REQUIRED = {
    "recurring_day": folded(_R["each"]),
    "recurring": folded(_R["periodic"]) | folded(_R["each"]),
    "date_duration": folded(VOCAB["duration_units"]),
    "range": folded(VOCAB["range_start"]),
    "open_until": folded(VOCAB["open_until"]["words"]),
    "open_tail": folded(VOCAB["open_tails"]),
    "open": folded(VOCAB["range_start"]),
    "relative": folded(_REL["duration_leads"]),
    "relative_clause": folded(_REL["clause_heads"]),
    "relative_now": folded(_REL["immediate_heads"]),
    "unspecified": folded(_UN["any"]),
    "plan_ref": folded(_UN["plan_refs"]),
    "deadline_ref": folded(_UN["deadline_refs"]),
    "trigger": folded(_UN["triggers"]),
    "trigger_named": folded(_UN["trigger_head"]),
    "ongoing": folded(VOCAB["ongoing"]),
    "unspecified_cell": folded(_UN["cell"]),
}
# Every word of `_REQUIRED` as one pattern (a match is the longest word where it starts:
# `hằng tháng` before `hằng`), and the words each one begins with
_REQUIRED_WORDS = frozenset().union(*_REQUIRED.values())
_REQUIRED_WORD = re.compile(alternation(_REQUIRED_WORDS))
_WORDS_BEGINNING = {w: frozenset(v for v in _REQUIRED_WORDS if w.startswith(v)) for w in _REQUIRED_WORDS}


def _required_words_in(low: str) -> set[str]:
    """The words of `_REQUIRED` that stand in `low` (as `in` would find them): searched for
    again from the letter after each match's start, so words inside it are found too."""
    found: set[str] = set()
    pos = 0
    while pos <= len(low) and (m := _REQUIRED_WORD.search(low, pos)) is not None:
        found |= _WORDS_BEGINNING[m.group()]
        pos = m.start() + 1
    return found


def forms_for(sh: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The compiled forms worth trying on the shadow `sh` (all of `FORM_RES` would find
    the same phrases)."""
    if ANY_DIGIT.search(sh):
        skip = set()
    else:
        skip = set(_NEEDS_DIGIT if QUARTER_WORD.search(sh) else _NEEDS_DIGIT | _NEEDS_UNIT)
    present = _required_words_in(" ".join(sh.lower().split()))
    skip.update(form for form, needed in _REQUIRED.items() if present.isdisjoint(needed))
    return tuple((name, rx) for name, rx in FORM_RES if name not in skip)


# Leads, folded, as `scan` reports them
DAY_ONLY_LEADS = folded(_DL["day_only"])
CLAUSE_INITIAL_LEADS = folded(_DL["clause_initial"])
PROSE_LEADS = folded(_PL["prose"])
CELL_DURATION_LEADS = folded(_REL["cell_duration_leads"])
WORKDAY_UNITS = folded(k for k, v in VOCAB["duration_units"].items() if v == "workday")
# `trước ngày 01 tháng 12 của năm trước`: a day and month whose year is relative, not the
# document's.
RELATIVE_YEAR_AFTER = re.compile(rf"\s*{words(VOCAB['relative_year_words'])}{_LA}", re.IGNORECASE)
