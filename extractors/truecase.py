"""Letter case of names and titles that a letterhead writes in capitals (spec §5).

An official writes a body's name with capitals where the rules of administrative
Vietnamese put them: the first letter of the head noun and of each field the body
works in (`Bộ Nông nghiệp và Phát triển nông thôn`, `Sở Văn hóa, Thể thao và Du lịch`),
a place's name after its unit word (`tỉnh Bắc Giang`, `Thành phố Hồ Chí Minh`), an
acronym as it is (`UBND`, `COVID-19`). `case_body` writes an issuer so: a name the
agency registry (extractors/vocab/agencies.tsv) or the gazetteer knows takes their
capitals, letter for letter over the copy's own spelling (`Bộ Văn hoá - Thông tin`
keeps its `hoá`); another is built from its head noun, its fields and its place.
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

from parsers.grammar.body_words import vocab as load_bodies
from parsers.grammar.documents import cited_type_re
from parsers.grammar.places import Place, key, lookup as lookup_place, units

VOCAB = Path(__file__).with_name("vocab")
# A token of a name: a word (with its inner `-`, `'`, `.` and `/`: `1050/QĐ-SCT`, `COVID-19`)
TOKEN = re.compile(r"\w+(?:[-'’./]\w+)*")
# Words that join the fields of a name: `Bộ Giáo dục và Đào tạo`, `Văn hóa, Thể thao`
FIELD_JOINS = re.compile(r"\s+(?:và|VÀ)\s+|\s*,\s*|\s+[-–]\s+|(?<=\w)[-–](?=\w)")


def case_like(word: str, model: str) -> str:
    """`word` written with the capitals of `model`: `HOÁ` like `hóa` → `hoá`;
    `UBND` like `UBND` → `UBND`; `BỘ` like `Bộ` → `Bộ`."""
    if len(model) == len(word) and any(c.isupper() for c in model[1:]) and not model.isupper():
        return "".join(c.upper() if m.isupper() else c.lower() for c, m in zip(word, model))  # `IoT`
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:].lower()
    return word.lower()


def transfer_case(text: str, model: str) -> str | None:
    """`text` with the capitals of `model` where both are the same words (by `key`), None
    where they differ: `BỘ VĂN HOÁ - THÔNG TIN` like `Bộ Văn hóa - Thông tin`."""
    src, ref = list(TOKEN.finditer(text)), TOKEN.findall(model)
    if len(src) != len(ref) or any(key(a.group()) != key(b) for a, b in zip(src, ref)):
        return None
    out, pos = [], 0
    for m, r in zip(src, ref):
        out.append(text[pos:m.start()])
        out.append(case_like(m.group(), r) if not re.search(r"\d", m.group()) else m.group())
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return json.loads((VOCAB / "metadata.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def registry_names() -> dict[str, str]:
    """key → the name as the registry writes it (names and aliases with capitals)."""
    lines = [ln for ln in (VOCAB / "agencies.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    out: dict[str, str] = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        if r["kind"] == "province":
            continue
        for name in (r["name"], *r["aliases"].split("|")):
            if name and not name.isupper() and len(name.split()) >= 2:
                out.setdefault(key(name), name)
    return out


@lru_cache(maxsize=1)
def _fields() -> dict[str, str]:
    """key → a field of a registered name as the registry writes it: `Công Thương`,
    `Tài nguyên và Môi trường` (the name without its head noun)."""
    out: dict[str, str] = {}
    for name in registry_names().values():
        head = head_of(name)
        if head and len(name) > len(head) and name[len(head)] == " ":
            out.setdefault(key(name[len(head) + 1:]), name[len(head) + 1:])
    return out


def registry_fields() -> dict[str, str]:
    """The fields registered bodies are named by, by key: `Nông nghiệp và Môi trường`."""
    return _fields()


def cite_case(text: str) -> str:
    """A document named by its type and number is written with a capital: `theo Quyết
    định số 1050/QĐ-SCT`, `thực hiện Chỉ thị số 13/CT-TTg`."""
    return cited_type_re().sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:] + m.group(2), text)


@lru_cache(maxsize=1)
def _heads() -> list[str]:
    """Head nouns with their capitals, longest first: `Ủy ban nhân dân`, `Tổng cục`, `Bộ`."""
    extra = _vocab()["issuer_heads"]
    return sorted(set(load_bodies()["head_nouns"]) | set(extra), key=lambda h: -len(h))


def head_of(text: str) -> str | None:
    """The head noun `text` starts with, as the vocabulary writes it."""
    k = key(text)
    for h, hk in _head_keys():
        if k == hk or k.startswith(hk + " "):
            return h
    return None


@lru_cache(maxsize=1)
def _head_keys() -> tuple[tuple[str, str], ...]:
    return tuple((h, key(h)) for h in _heads())


def _unit_at(words: list[str], i: int) -> str | None:
    for u in sorted(units(), key=lambda u: -len(u.split())):
        n = len(u.split())
        if key(" ".join(words[i:i + n])) == key(u):
            return u
    return None


def _place_after(words: list[str], i: int) -> tuple[Place | None, int]:
    """The gazetteer's place that starts at words[i] (longest), and how many words it takes."""
    for n in range(min(6, len(words) - i), 0, -1):
        place = lookup_place(" ".join(words[i:i + n]))
        if place:
            return place, n
    return None, 0


def case_place(text: str, place: Place) -> str:
    """A place's name as the gazetteer writes it: a region as written there (`miền Trung`),
    any other with each syllable capitalised (`BÀ RỊA-VŨNG TÀU` → `Bà Rịa-Vũng Tàu`, the
    copy's own spelling kept: `ĐĂK NÔNG` → `Đăk Nông`)."""
    if place.kind in ("region", "country"):
        cased = transfer_case(text, place.name)
        if cased:
            return cased
    return re.sub(r"\w+", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), text)


def case_place_part(words: list[str]) -> list[str]:
    """`TỈNH BÀ RỊA - VŨNG TÀU` → `tỉnh Bà Rịa - Vũng Tàu`; `THÀNH PHỐ HỒ CHÍ MINH` →
    `Thành phố Hồ Chí Minh`; `QUẬN 2` → `quận 2`; a name the gazetteer lacks has each
    word capitalised (`HUYỆN ĐAM RÔNG` → `huyện Đam Rông`)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        unit = _unit_at(words, i)
        n = len(unit.split()) if unit else 0
        place, m = _place_after(words, i + n)
        if place and unit and place.written and key(place.written) == key(" ".join(words[i:i + n + m])):
            out.append(transfer_case(" ".join(words[i:i + n + m]), place.written))
            i += n + m
            continue
        if unit:
            out.extend(w.lower() for w in words[i:i + n])
            i += n
        if place:
            out.append(case_place(" ".join(words[i:i + m]), place))
            i += m
        elif unit:
            out.extend(w if re.search(r"\d", w) else w[:1].upper() + w[1:].lower() for w in words[i:])
            return out
        else:
            out.append(words[i].lower())
            i += 1
    return out


def _place_start(words: list[str], first: int = 1) -> int:
    """Where the place part of a name starts (from words[first] on): at its first unit
    word, or at a place the gazetteer knows that ends the name (`BẢO HIỂM XÃ HỘI VIỆT
    NAM`); len(words) if none."""
    for i in range(first, len(words)):
        if _unit_at(words, i) and (i + 1 < len(words) or key(words[i]) != "xã"):
            if key(" ".join(words[i:i + 2])) != "xã hội":
                return i
        place, n = _place_after(words, i)
        if place and i + n == len(words) and place.kind in ("province", "country"):
            return i
    return len(words)


def _case_fields(text: str, descriptive: bool) -> str:
    """`TÀI NGUYÊN VÀ MÔI TRƯỜNG` → `Tài nguyên và Môi trường`: each field's first word
    capitalised (none when the head is descriptive: `Đoàn kiểm tra`), a field the
    registry writes otherwise as it writes it (`Công Thương`), a number as written."""
    known = _fields().get(key(text))
    if known and not descriptive:
        return transfer_case(text, known) or known
    out: list[str] = []
    starts = not descriptive
    for word in text.split():
        if re.search(r"[\d/]", word) or (len(word) > 1 and word.isupper() and word in _vocab()["acronyms"]):
            out.append(word)
            starts = False
            continue
        pieces = re.split(r"([-–])", word)
        cased = []
        for piece in pieces:
            if piece in ("-", "–") or not piece:
                cased.append(piece)
                starts = starts or piece in ("-", "–")
                continue
            low = piece.lower()
            if low == "và":
                cased.append(low)
                starts = not descriptive
                continue
            cased.append(low[:1].upper() + low[1:] if starts else low)
            starts = False
        word_out = "".join(cased)
        out.append(word_out)
        if word_out.endswith(","):
            starts = not descriptive
    return " ".join(out)


def case_body(name: str) -> str:
    """An issuer in capitals written as an official writes it: `ỦY BAN NHÂN DÂN TỈNH BẮC
    GIANG` → `Ủy ban nhân dân tỉnh Bắc Giang`; a name already in mixed case stays."""
    if not name or any(c.islower() for c in name):
        return name
    model = registry_names().get(key(name))
    cased = transfer_case(name, model) if model else None
    if cased:
        return cased.replace("Uỷ", "Ủy")
    parts = re.split(r"(\s*[-–]\s*)(?=\S)", name)
    bodies, pos = [], 0     # joint issuers: `BỘ VĂN HOÁ - THÔNG TIN-BỘ Y TẾ`, `HĐND - UBND TỈNH X`
    for i in range(2, len(parts), 2):
        if head_of(parts[i]) and head_of("".join(parts[pos:i - 1])):
            bodies.append(("".join(parts[pos:i - 1]), parts[i - 1]))
            pos = i
    if bodies:
        bodies.append(("".join(parts[pos:]), ""))
        return "".join(case_body(b) + sep for b, sep in bodies)
    return cite_case(_case_one(name)).replace("Uỷ", "Ủy")


def _case_one(name: str) -> str:
    head = head_of(name)
    words = name.split()
    if head is None:
        start = _place_start(words)
        body = _case_fields(" ".join(words[:start]), False) if start else ""
        return " ".join(filter(None, [body, " ".join(case_place_part(words[start:]))]))
    n = len(head.split())
    rest = words[n:]
    head_cased = transfer_case(" ".join(words[:n]), head) or head
    if not rest:
        return head_cased
    tail = " ".join(rest)
    if head_of(tail) or registry_names().get(key(tail)):
        return f"{head_cased} {case_body(tail)}"     # `VĂN PHÒNG` + `ỦY BAN NHÂN DÂN TỈNH ...`
    start = _place_start(rest, 0)
    fields = " ".join(rest[:start])
    descriptive = head in _vocab()["descriptive_heads"] + _vocab()["qualified_heads"]
    out = [head_cased]
    if fields:
        registered = registry_names().get(key(f"{head} {fields}"))
        cased = transfer_case(f"{' '.join(words[:n])} {fields}", registered) if registered else None
        out = [cased] if cased else out + [_case_fields(fields, descriptive)]
    if start < len(rest):
        out.append(" ".join(case_place_part(rest[start:])))
    return " ".join(out)
