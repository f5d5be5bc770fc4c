"""Timing phrases (spec §4) and `scan`, which lists every timing phrase of a
text with its kind and interval.

A phrase is a calendar unit (timing_units) with what scheduling makes of it:
a lead (`trước ngày`, `trong`, `từ ... đến`), a frequency (`hằng năm`), a
duration (`02 ngày`), or a fixed expression (`Thường xuyên`, `theo đúng tiến
độ`). `scan` is shared by the cell normaliser (timing.normalise_timing), which
takes the first phrase of a cell, and the prose finder (timing_find), which
also judges whether a phrase schedules the work or qualifies its object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.timing_units import (DAY_POINT, DAY_W, NO_LETTER_AFTER, NO_LETTER_BEFORE,
                                     POINT, VOCAB, NoValue, NotAUnit, has_year, point_shape,
                                     point_value, shadow, words)

_LB, _LA = NO_LETTER_BEFORE, NO_LETTER_AFTER
_R = VOCAB["recurring"]
_EACH_UNIT = rf"{words(_R['each'])}\s+{words(_R['units'])}{_LA}"       # hằng năm
_EVERY_N = rf"\d{{1,2}}\s+{words(_R['units'])}{_LA}"                    # 6 tháng
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

# `trước ngày 20 hằng tháng` (laocai-134 VI.1), `vào ngày 22 hàng tháng` (bct-chi-thi-xuat-khau-2010 wordseg)
RECUR_DAY = rf"{_LB}(?:{_DAY_LEADS}\s+)?(?:{DAY_W}\s+)?\d{{1,2}}\s+{_EACH_UNIT}"
# `Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ` (laocai-sct-kh-de-an-08 VI),
# `định kỳ hàng năm (trước ngày 10/12)` (laocai-kh-ubnd-trien-khai-ct11 V), `Hằng năm`
RECURRING = (rf"{_LB}(?:{words(_R['periodic'])}{_LA}(?:\s+(?:{_EACH_UNIT}|{_EVERY_N}))?|{_EACH_UNIT})"
             rf"(?:\s*,\s*{_LIST_ITEM})*"
             rf"(?:\s*\(\s*(?:{_DAY_LEADS}|{DAY_W})[^()]{{0,40}}\))?")
# `Thường xuyên` (laocai-134 V.7), `Nhiệm vụ thường xuyên` (cp-nq-03 Phụ lục II)
ONGOING = rf"{_LB}{words(VOCAB['ongoing'])}{_LA}"
# `23/3/2026; 02 ngày` (gold of laocai-kh-1105 Phụ lục I), `Ngày 23/3/2026\n02 ngày` (DOCX cell)
DATE_DURATION = (rf"(?P<p1>{DAY_POINT})\s*[;,(]?\s*(?P<n>\d{{1,3}})\s+(?P<unit>{_DUR_UNITS}){_LA}"
                 rf"(?:\s*\))?")
# `Từ tháng 3 đến tháng 12/2023` (spec §4), `Từ năm 2011 đến hết năm 2015` (backan-qd wordseg),
# `từ 01/3 đến hết ngày 10/3/2010` (bo-bao-cao-thang2 wordseg)
FROM_TO = rf"{_LB}{_FROM}\s+(?P<p1>{POINT})\s*{_TO}\s*(?:{DAY_W}\s*)?(?P<p2>{POINT})"
# `từ năm 2025` (spec §4), `từ ngày 01 tháng 01 năm 2010` (btp-chi-thi wordseg)
FROM_ON = (rf"{_LB}{_FROM}\s+(?P<p1>{POINT})(?:\s+{words(VOCAB['open_tails'])}{_LA})?"
           rf"(?!\s*{_TO})")
# `2025 và những năm tiếp theo` (cp-nq-03 Phụ lục II rows 76, 114, 115)
OPEN_TAIL = rf"(?P<p1>{POINT})\s*,?\s+{words(VOCAB['open_tails'])}{_LA}"
# `trước ngày 30/5/2026` (lamdong-tb-so-khcn 4), `chậm nhất đến ngày 01 tháng 7 năm 2028`
# (laocai-cv-7432), `Chậm nhất là cuối quý I năm 2010` (hcm-chi-thi-xay-dung wordseg), `Đến năm 2030`
DEADLINE = (rf"{_LB}(?P<lead>{words(_DL['day_only'] + _DL['clause_initial'] + _DL['any'])})\s+"
            rf"(?:(?P<endof>{words(VOCAB['deadline_end_of'])})\s+)?(?:{DAY_W}\s*)?(?P<p1>{POINT})")
# `trong quý II năm 2012` (ttg-ct-07 1.c), `Xong trong tháng 5/2026` (laocai-kh-ct11 Phụ lục),
# `Tháng 8/2024` (btnmt-09 Phụ lục), `Giai đoạn 2024-2025` (spec §4); a vague part of the
# unit is unparsed: `Cuối tháng 4 năm 2010` (vpcp-tb-ket-luan-de-an-day-nghe-1956 wordseg)
PERIOD = (rf"(?:{_LB}(?P<lead>{words(_PL['prose'] + _PL['cell'])})\s*:?\s*)?"
          rf"(?:{_LB}(?P<vague>{words(VOCAB['vague_parts'])})\s+)?(?P<p1>{POINT})")
# `không quá 10 ngày làm việc` (laocai-sct-qd-doan-kiem-tra), `sau 10 ngày` (hcm-chi-thi wordseg)
RELATIVE_DURATION = (rf"{_LB}(?P<lead>{words(_REL['duration_leads'])})\s+\d{{1,3}}\s+"
                     rf"(?:{_DUR_UNITS}|{words(_R['units'])}){_LA}"
                     rf"(?:\s+{words(_REL['anchors'])}{_CLAUSE_REST})?")
# `Sau khi hoàn thành xây dựng các phần mềm chuyên ngành` (lamdong-tb-so-khcn 1.c)
RELATIVE_CLAUSE = rf"{_LB}{words(_REL['clause_heads'])}{_CLAUSE_REST}"
# `theo đúng tiến độ` (ttg-ct-07 9), `đảm bảo thời gian quy định` (lamdong-tb-so-khcn 2.a)
UNSPECIFIED = rf"{_LB}{words(_UN['any'])}{_LA}"
# `khi có nhà đầu tư đề xuất đầu tư hạ tầng kỹ thuật cụm công nghiệp` (laocai-134 II.2),
# `khi được yêu cầu` (ddqh-3260 II.2.2.a)
TRIGGER = rf"{_LB}{words(_UN['triggers'])}(?:{_CLAUSE_REST}|{_CLAUSE_END})"
# `Theo chỉ đạo của UBND Thành phố` (spec §4): only in a timing cell
UNSPECIFIED_CELL = rf"{_LB}{words(_UN['cell'])}{_LA}"

# Forms in order of preference when two phrases start and end at the same place.
_FORMS = (("recurring_day", RECUR_DAY), ("recurring", RECURRING),
          ("date_duration", DATE_DURATION), ("range", FROM_TO), ("open_tail", OPEN_TAIL),
          ("open", FROM_ON), ("deadline", DEADLINE), ("relative", RELATIVE_DURATION),
          ("relative_clause", RELATIVE_CLAUSE), ("period", PERIOD),
          ("unspecified", UNSPECIFIED), ("trigger", TRIGGER), ("ongoing", ONGOING),
          ("unspecified_cell", UNSPECIFIED_CELL))


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
    "recurring_day": _starting_with(_R["day_leads"], VOCAB["day_words"], digit=True),
    "recurring": _starting_with(_R["periodic"], _R["each"]),
    "date_duration": _starting_with(VOCAB["day_words"], digit=True),
    "range": _starting_with(VOCAB["range_start"]),
    "open_tail": _starting_with(*_UNIT_OPENERS, digit=True),
    "open": _starting_with(VOCAB["range_start"]),
    "deadline": _starting_with(_DL["day_only"], _DL["clause_initial"], _DL["any"]),
    "relative": _starting_with(_REL["duration_leads"]),
    "relative_clause": _starting_with(_REL["clause_heads"]),
    "period": _starting_with(_PL["prose"], _PL["cell"], VOCAB["vague_parts"], *_UNIT_OPENERS,
                             digit=True),
    "unspecified": _starting_with(_UN["any"]),
    "trigger": _starting_with(_UN["triggers"]),
    "ongoing": _starting_with(VOCAB["ongoing"]),
    "unspecified_cell": _starting_with(_UN["cell"]),
}
_FORM_RES = tuple((name, re.compile(_OPENERS[name] + p, re.IGNORECASE)) for name, p in _FORMS)
# Forms that cannot match without a digit: `trước ngày 20 hằng tháng`, `23/3/2026; 02 ngày`,
# `không quá 10 ngày làm việc`; and those that need a calendar unit (timing_units.POINT),
# which is a number or a quarter word with its numeral (`Quý II`). `scan` skips them on
# text that has neither (most task sentences), which finds the same phrases, sooner.
_NEEDS_DIGIT = frozenset({"recurring_day", "date_duration", "relative"})
_NEEDS_UNIT = frozenset({"range", "open_tail", "open", "deadline", "period"})
# Any decimal digit, as `\d` of the phrase patterns: `2025`, `0`
ANY_DIGIT = re.compile(r"\d")
# A quarter word, as QUARTER_W matches it case-blind: `Quý`, `quí`, `QUÝ`
QUARTER_WORD = re.compile(words(VOCAB["quarter_words"]), re.IGNORECASE)


def _phrases(*vocabularies) -> tuple[str, ...]:
    return tuple(" ".join(w.lower().split()) for entries in vocabularies for w in entries
                 if not w.startswith("_"))


# Forms whose phrase holds one of these words (lower case, single spaces): a form none of
# whose words is in the text is not tried. `2025 và những năm tiếp theo` needs an open tail,
# `trước ngày 20 hằng tháng` a `hằng`, `23/3/2026; 02 ngày` a duration unit.
_REQUIRED = {
    "recurring_day": _phrases(_R["each"]),
    "recurring": _phrases(_R["periodic"], _R["each"]),
    "date_duration": _phrases(VOCAB["duration_units"]),
    "range": _phrases(VOCAB["range_start"]),
    "open_tail": _phrases(VOCAB["open_tails"]),
    "open": _phrases(VOCAB["range_start"]),
    "relative": _phrases(_REL["duration_leads"]),
    "relative_clause": _phrases(_REL["clause_heads"]),
    "unspecified": _phrases(_UN["any"]),
    "trigger": _phrases(_UN["triggers"]),
    "ongoing": _phrases(VOCAB["ongoing"]),
    "unspecified_cell": _phrases(_UN["cell"]),
}


def _forms_for(sh: str) -> tuple[tuple[str, re.Pattern], ...]:
    if ANY_DIGIT.search(sh):
        skip = set()
    else:
        skip = set(_NEEDS_DIGIT if QUARTER_WORD.search(sh) else _NEEDS_DIGIT | _NEEDS_UNIT)
    folded = " ".join(sh.lower().split())        # `in` on this is far faster than a pattern
    skip.update(form for form, needed in _REQUIRED.items()
                if not any(map(folded.__contains__, needed)))   # map: no Python-level loop
    return tuple((name, rx) for name, rx in _FORM_RES if name not in skip)
_PRIORITY = {name: i for i, (name, _) in enumerate(_FORMS)}
_FIXED_KIND = {"recurring_day": "recurring", "recurring": "recurring", "ongoing": "ongoing",
               "unspecified": "unspecified", "trigger": "unspecified",
               "unspecified_cell": "unspecified", "relative": "unparsed",
               "relative_clause": "unparsed"}
_DAY_ONLY = {w.lower() for w in _DL["day_only"]}
_WORKDAY = {k.lower() for k, v in VOCAB["duration_units"].items() if v == "workday"}
# `trước ngày 01 tháng 12 của năm trước` (hcm-chi-thi-xay-dung-kiem-tra-vbqppl wordseg):
# a day and month whose year is relative, not the document's.
RELATIVE_YEAR_AFTER = re.compile(rf"\s*{words(VOCAB['relative_year_words'])}{_LA}", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One timing phrase found by `scan`: [start, end) in the scanned text."""

    form: str
    start: int
    end: int
    kind: str
    start_date: date | None = None
    end_date: date | None = None
    lead: str | None = None      # the lead as written, folded: `trong`, `trước`, `đến`
    unit: str | None = None      # the (first) calendar unit: day, month, quarter, half, year
    bare: bool = False           # that unit has no unit word: `2025`, `6/2025`
    multi: bool = False          # that unit is a list or range: `Quý III, IV/2023`


def _fold(s: str | None) -> str | None:
    return " ".join(s.lower().split()) if s else None


def _add_days(start: date, n: int, workdays: bool) -> date:
    """The last day of `n` days from `start` (counted as day 1); workdays skip Sat/Sun."""
    if not workdays:
        return start + timedelta(days=n - 1)
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == n:
                return day
        day += timedelta(days=1)


def _value(form: str, m: re.Match, year: int | None):
    """(kind, start, end, point) of a phrase; NoValue when its dates are invalid."""
    if form in _FIXED_KIND:
        return _FIXED_KIND[form], None, None, None
    if form == "range":
        p2 = point_value(m.group("p2"), year)
        p1 = point_value(m.group("p1"), p2.end.year if p2.explicit_year else year)
        if p1.start > p2.end:
            raise NoValue("range not ascending")
        return "period", p1.start, p2.end, p2
    p = point_value(m.group("p1"), year)
    if form == "date_duration":
        n = int(m.group("n"))
        if n < 1:
            raise NoValue("empty duration")
        end = _add_days(p.start, n, _fold(m.group("unit")) in _WORKDAY)
        return "period", p.start, end, p
    if form == "open_tail":
        return "open_ended", p.start, None, p
    if form == "open":
        return ("period", p.start, p.end, p) if p.multi else ("open_ended", p.start, None, p)
    if form == "deadline":
        if _fold(m.group("lead")) in _DAY_ONLY and (p.unit != "day" or m.group("endof")):
            raise NoValue("`trước` a month, quarter or year: before its start or its end?")
        return "deadline", None, p.end, p
    if m.groupdict().get("vague"):
        raise NoValue("a vague part of the unit: its end? its last days?")
    return "period", p.start, p.end, p


def scan(text: str, ref: date | None) -> list[Candidate]:
    """Every timing phrase of `text`, by position (longest, then preferred form, first).

    Phrases whose words are a unit but whose dates are invalid or lack a year
    (ref None) are kept with kind `unparsed`; words that only look like a unit
    (`15.6`) are no phrase.
    """
    sh = shadow(text)
    year = ref.year if ref else None
    found: list[Candidate] = []
    for form, rx in _forms_for(sh):
        for m in rx.finditer(sh):
            if m.end() == m.start():
                continue
            groups = m.groupdict()
            lead, end = _fold(groups.get("lead")), m.end()
            try:
                unit, bare = point_shape(groups["p1"]) if groups.get("p1") else (None, False)
                last = groups.get("p2") or groups.get("p1")
                rel = RELATIVE_YEAR_AFTER.match(sh, end) if last and not has_year(last) else None
                if rel:
                    end = rel.end()
                    raise NoValue("relative year")
                kind, start_d, end_d, point = _value(form, m, year)
                multi = point.multi if point else False
            except NotAUnit:
                continue
            except NoValue:
                kind, start_d, end_d, multi = "unparsed", None, None, False
            found.append(Candidate(form, m.start(), end, kind, start_d, end_d, lead,
                                   unit, bare, multi))
    found.sort(key=lambda c: (c.start, -c.end, _PRIORITY[c.form]))
    return found
