"""The interval a calendar unit denotes (spec §4): one date, month, quarter,
half-year or year, or a list or range of them sharing a year, as matched by the
unit forms of `parsers.grammar.timing` (`Quý III, IV/2023` -> 2023-07-01 to
2023-12-31). A year left out is the reference year (the document's issue year).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from parsers.grammar.timing import (DAY_WORD_AT, MONTH_WORD_AT, RANGE_JOINERS, ROMAN_VALUES,
                                    SECOND_PART, UNIT_JOIN, UNIT_RES)


class NoValue(ValueError):
    """The words are a timing unit but denote no valid interval (`31/2/2024`, no year)."""


class NotAUnit(NoValue):
    """The words only look like a unit (`15.6` is a number): no timing at all."""


@dataclass(frozen=True)
class Point:
    unit: str                 # day, month, quarter, part (of a year), vague, year
    start: date
    end: date
    explicit_year: bool       # the year is written (not taken from ref or a range end)
    bare: bool                # no unit word: `2025`, `6/2025`, `23/3/2026`
    multi: bool = False       # a list or range of units: `Tháng 5-6/2023`, `2024 - 2025`


def _members(first: str, rest: str, convert) -> list[int]:
    """Values of a unit list `5-6`, `III, IV`: consecutive for `,`/`và`, ascending for `-`."""
    values = [convert(first)]
    parts = UNIT_JOIN.split(rest)
    # parts: ["", joiner, value, joiner, value, ...]
    for joiner, value in zip(parts[1::2], parts[2::2]):
        v = convert(value.strip())
        if joiner.lower() in RANGE_JOINERS:
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
    """Which unit the words are (day, month, quarter, part (of a year), vague, year) and its match."""
    t = text.strip()
    for unit, rx in UNIT_RES:
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
        return unit, not DAY_WORD_AT.match(t)
    if unit == "month":
        return unit, not MONTH_WORD_AT.match(t)
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
    if unit == "part":
        n = int(g["n"])
        if not 1 <= n <= 12:
            raise NoValue("a part of a year of more than twelve months")
        y, explicit = _year(m, year)
        if g["h"].lower() in SECOND_PART:
            return Point("part", date(y, 13 - n, 1), date(y, 12, 31), explicit, False)
        return Point("part", date(y, 1, 1), date(y, n, calendar.monthrange(y, n)[1]), explicit, False)
    if unit == "vague":
        raise NoValue("a part of a year with no definite end")
    if unit in ("quarter", "month"):
        if unit == "quarter":
            members = _members(g["a"], g["rest"], ROMAN_VALUES.__getitem__)
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
