"""`scan`: every timing phrase of a text (the forms of `parsers.grammar.timing`),
with its kind and interval (spec §4).

`scan` is shared by the cell normaliser (timing.normalise_timing), which takes
the first phrase of a cell, and the prose finder (timing_find), which also
judges whether a phrase schedules the work or qualifies its object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.timing_units import NoValue, NotAUnit, has_year, point_shape, point_value
from parsers.grammar.timing import (DAY_ONLY_LEADS, FIXED_KIND, PRIORITY, RELATIVE_YEAR_AFTER,
                                    WORKDAY_UNITS, forms_for, shadow)


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
    unit: str | None = None      # the (first) calendar unit: day, month, quarter, part, vague, year
    bare: bool = False           # that unit has no unit word: `2025`, `6/2025`
    multi: bool = False          # that unit is a list or range: `Quý III, IV/2023`
    year_given: bool = True      # its (last) unit writes its year: not `trước ngày 20/11`


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
    if form in FIXED_KIND:
        return FIXED_KIND[form], None, None, None
    if form == "range":
        p2 = point_value(m.group("p2"), year)
        p1 = point_value(m.group("p1"), p2.end.year if p2.explicit_year else year)
        if p1.start > p2.end:
            raise NoValue("range not ascending")
        return "period", p1.start, p2.end, p2
    if form == "span":
        return _span_value(m, year)
    p = point_value(m.group("p1"), year)
    if form == "date_duration":
        n = int(m.group("n"))
        if n < 1:
            raise NoValue("empty duration")
        end = _add_days(p.start, n, _fold(m.group("unit")) in WORKDAY_UNITS)
        return "period", p.start, end, p
    if form in ("open_tail", "open_until"):
        return "open_ended", p.start, None, p
    if form == "open":
        return ("period", p.start, p.end, p) if p.multi else ("open_ended", p.start, None, p)
    if form == "deadline":
        if _fold(m.group("lead")) in DAY_ONLY_LEADS and (p.unit != "day" or m.group("endof")):
            raise NoValue("`trước` a month, quarter or year: before its start or its end?")
        return "deadline", None, p.end, p
    if m.groupdict().get("vague"):
        raise NoValue("a vague part of the unit: its end? its last days?")
    return "period", p.start, p.end, p


def _span_value(m: re.Match, year: int | None):
    """Two units that make one interval: a range (`Quý IV/2025- Quý II/2026`) runs from the
    first to the second; a list (`Quý III, IV/2026, 2027`) must be consecutive (`Tháng 3,
    6/2023` has no one interval: NoValue). Listed days are separate dates, and a range that
    runs backwards is no range: NotAUnit, so that the first unit stands alone."""
    p2 = point_value(m.group("p2"), year)
    p1 = point_value(m.group("p1"), p2.end.year if p2.explicit_year else year)
    if m.group("j") == "-":
        if not (p1.start <= p2.start and p1.end < p2.end):
            raise NotAUnit("range not ascending")
    elif "day" in (p1.unit, p2.unit):
        raise NotAUnit("a list of days")
    elif p2.start != p1.end + timedelta(days=1):
        raise NoValue("list not consecutive")
    return "period", p1.start, p2.end, p1


def _start(form: str, m: re.Match) -> int | None:
    """Where the phrase starts in the text, or None where the match is no phrase:
    `hoàn thành ... theo kế hoạch` starts at `theo` when words stand between; `khi` +
    a lower-case word is no named trigger (`khi làm thủ tục`)."""
    groups = m.groupdict()
    if groups.get("cap") is not None and not groups["cap"].isupper():
        return None
    if groups.get("ref") is not None and groups.get("gap"):
        return m.start("ref")
    return m.start()


def scan(text: str, ref: date | None) -> list[Candidate]:
    """Every timing phrase of `text`, by position (longest, then preferred form, first).

    Phrases whose words are a unit but whose dates are invalid or lack a year
    (ref None) are kept with kind `unparsed`; words that only look like a unit
    (`15.6`) are no phrase.
    """
    sh = shadow(text)
    year = ref.year if ref else None
    found: list[Candidate] = []
    for form, rx in forms_for(sh):
        for m in rx.finditer(sh):
            start = _start(form, m)
            if start is None or m.end() == start:
                continue
            groups = m.groupdict()
            lead, end = _fold(groups.get("lead")), m.end()
            year_given = True
            try:
                unit, bare = point_shape(groups["p1"]) if groups.get("p1") else (None, False)
                last = groups.get("p2") or groups.get("p1")
                year_given = not last or has_year(last)
                rel = RELATIVE_YEAR_AFTER.match(sh, end) if not year_given else None
                if rel:
                    end = rel.end()
                    raise NoValue("relative year")
                kind, start_d, end_d, point = _value(form, m, year)
                multi = point.multi if point else False
            except NotAUnit:
                continue
            except NoValue:
                kind, start_d, end_d, multi = "unparsed", None, None, False
            found.append(Candidate(form, start, end, kind, start_d, end_d, lead,
                                   unit, bare, multi, year_given))
    found.sort(key=lambda c: (c.start, -c.end, PRIORITY[c.form]))
    return found
