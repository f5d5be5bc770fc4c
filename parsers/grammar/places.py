"""Places: the gazetteer of provinces, their seats and regions, and the words of
administrative units.

`vocab/places.tsv` names every province and centrally-run city (with its older and
other spellings and whether the 2025 reorganisation merged it), the city or town
that is each province's seat, the country and the regions plans name; and
`vocab/admin_units.json` the unit words (`tỉnh`, `thành phố`, `huyện`, ...) and their
abbreviations (`TP.`). Names are matched case- and tone-placement-blind (`Hoà Bình`
is `Hòa Bình`, `BẮC NINH` is `Bắc Ninh`); what is returned is the gazetteer's own
row, so a caller can write a name in its letter case.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

VOCAB = Path(__file__).with_name("vocab")
# Combining tone marks of Vietnamese: a syllable keeps them, the key moves them to its end
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A word of a name as matched: letters and digits, `-` and `'` inside (`Phan Rang-Tháp Chàm`)
WORD = re.compile(r"\w+(?:['’-]\w+)*")


class Place(NamedTuple):
    name: str          # as the gazetteer writes it: `Bà Rịa - Vũng Tàu`
    kind: str          # country, province, city, district, region
    unit: str          # the unit word before it: `tỉnh`, `thành phố`, or ''
    province: str      # a city's or district's province; '' for a province
    status: str        # `current`, `former 2025`, ...
    written: str       # the name with its unit where the unit is part of it, else ''


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The matching key of a name: NFC, case-folded, tone marks after their syllable,
    `-` and spaces alike: `Hoà Bình` == `HÒA BÌNH`, `Phan Rang-Tháp Chàm` == `Phan Rang - Tháp Chàm`."""
    out = []
    for word in WORD.findall(unicodedata.normalize("NFC", text).casefold()):
        for part in re.split(r"['’-]", word):
            d = unicodedata.normalize("NFD", part)
            base = "".join(c for c in d if c not in TONES)
            out.append(unicodedata.normalize("NFC", base) + "".join(c for c in d if c in TONES))
    return " ".join(out)


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    lines = [ln for ln in (VOCAB / "places.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    out = []
    for r in csv.DictReader(lines, delimiter="\t"):
        place = Place(r["name"], r["kind"], r["unit"], r["province"], r["status"], r["written"])
        out.append((place, tuple(a for a in r["aliases"].split("|") if a)))
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place, aliases in _rows():
        for name in (place.name, *aliases):
            index.setdefault(key(name), []).append(place)
    return index


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Unit word → level: `tỉnh` → province, `huyện` → district."""
    return json.loads((VOCAB / "admin_units.json").read_text(encoding="utf-8"))["units"]


@lru_cache(maxsize=1)
def unit_abbreviations() -> dict[str, str]:
    """`TP.` → `thành phố`."""
    return json.loads((VOCAB / "admin_units.json").read_text(encoding="utf-8"))["abbreviations"]


def known_key(k: str) -> bool:
    """Whether `k`, a `key`, is the key of a place: `lookup(name)` is not None exactly
    when `known_key(key(name))`. The key of words joined by spaces is their keys joined
    (`key` reads word by word), so a caller trying runs of words keys each word once."""
    return k in _index()


def lookup(name: str, kinds: tuple[str, ...] = ()) -> Place | None:
    """The place written `name` (any case, any tone placement, an alias), preferring a
    province to a city of the same name; None when the gazetteer has none."""
    found = [p for p in _index().get(key(name), ()) if not kinds or p.kind in kinds]
    order = ("province", "country", "region", "city", "district")
    found.sort(key=lambda p: order.index(p.kind) if p.kind in order else len(order))
    return found[0] if found else None


def province_of(name: str, seats: bool = True) -> Place | None:
    """The province a place line names: itself when `name` is a province (`Cà Mau`, `TP. Hồ
    Chí Minh`), its province when it is a province's seat and `seats` (`Việt Trì` → Phú Thọ)."""
    name = strip_unit(name)
    place = lookup(name, ("province",))
    if place is None and seats:
        city = lookup(name, ("city",))
        place = lookup(city.province, ("province",)) if city else None
    return place


def strip_unit(text: str) -> str:
    """`TP. Hồ Chí Minh` → `Hồ Chí Minh`, `Tỉnh Nghệ An` → `Nghệ An`."""
    text = text.strip()
    for abbr in sorted(unit_abbreviations(), key=len, reverse=True):
        if text.startswith(abbr) and (len(text) == len(abbr) or not text[len(abbr)].isalpha()
                                      or abbr.endswith(".")):
            return text[len(abbr):].strip()
    low = text.casefold()
    for unit in sorted(units(), key=len, reverse=True):
        if low.startswith(unit + " "):
            return text[len(unit):].strip()
    return text


def names(kinds: tuple[str, ...] = ()) -> list[tuple[str, Place]]:
    """Every written form (name and aliases) with its place, longest first."""
    out = [(n, p) for p, aliases in _rows() for n in (p.name, *aliases)
           if not kinds or p.kind in kinds]
    return sorted(out, key=lambda x: -len(x[0]))
