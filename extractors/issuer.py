"""The issuer (spec §5): the body a letterhead names, in full and in its letter case.

A letterhead names the issuer under the bodies above it, one per line or wrapped over
several (`UBND TỈNH LÀO CAI` / `SỞ CÔNG THƯƠNG`; `BỘ CÔNG THƯƠNG` / `CỤC HÓA CHẤT`;
`UỶ BAN NHÂN` / `DÂN` / `TỈNH BẾN TRE`). `issuer_name` reads those lines into bodies
and names the last one in full:
- a body under a body with a place takes the place (`Sở Công Thương tỉnh Lào Cai`);
- a part of the body above (`VĂN PHÒNG`, `THƯỜNG TRỰC`, a `Ban`) takes its whole name
  (`Văn phòng Ủy ban nhân dân tỉnh Lào Cai`);
- the issuers of a joint document stand side by side (`Bộ Văn hoá - Thông tin-Bộ Y tế`).
A local body the copy prints without its province (`ỦY BAN NHÂN DÂN` alone, as portal
copies keep it) takes the province the document names (`complete_place`).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from parsers.grammar.body_words import vocab as load_bodies
from extractors.truecase import case_body, head_of, registry_names
from parsers.grammar.places import Place, key, lookup as lookup_place, province_of, units

VOCAB = Path(__file__).with_name("vocab") / "metadata.json"
# A footnote's mark before a name: `(1)NGÂN HÀNG NHÀ NƯỚC VIỆT NAM`
FOOTNOTE_MARK = re.compile(r"^\(\d{1,2}\)\s*")
# A unit word glued to the head before it: `ỦY BAN NHÂN DÂNTHÀNH PHỐ HỒ CHÍ MINH`
GLUED_UNIT = re.compile(r"(?<=NHÂN DÂN)(?=TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)")
# How long an authority line under the title may be
MAX_AUTHORITY_WORDS = 16
# A number or a date is never an issuer line: `1050/QĐ-SCT`, `Số 06-CT/TW`
NOT_A_NAME = re.compile(r"^\d|^S[ỐốôÔ]\s*:|/\w+-|\bNGÀY\b")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _titles_longest() -> tuple[tuple[str, str], ...]:
    return tuple((t, key(t)) for t in sorted(load_titles(), key=len, reverse=True))


def load_titles() -> list[str]:
    """Office-holders' titles: `Chủ tịch`, `Bộ trưởng`, `Giám đốc`."""
    return load_bodies()["titles"]


def expand(line: str) -> str:
    """`UBND TỈNH LÀO CAI` → `ỦY BAN NHÂN DÂN TỈNH LÀO CAI`; `TP.HỒ CHÍ MINH` → `THÀNH PHỐ
    HỒ CHÍ MINH`; `UỶ` → `ỦY`; a footnote's mark gone (`(1)NGÂN HÀNG ...`)."""
    line = FOOTNOTE_MARK.sub("", line.replace("UỶ", "ỦY").replace("Uỷ", "Ủy"))
    line = GLUED_UNIT.sub(" ", line)
    for abbr, pattern, full in _abbreviations():
        if abbr in line:                        # (what the pattern needs, looked for first)
            line = pattern.sub(full, line)
    return " ".join(line.split())


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, re.Pattern, str], ...]:
    """The letterhead abbreviations, longest first: each with its pattern (a whole word, or
    ending on its full stop: `TP.HỒ CHÍ MINH`) and what it stands for, a space after it."""
    return tuple((abbr, re.compile(rf"(?<![\w.]){re.escape(abbr)}(?:(?<=\.)|(?!\w))\s*"), full + " ")
                 for abbr, full in sorted(vocab()["letterhead_abbreviations"].items(), key=lambda x: -len(x[0])))


def _unit_first(text: str) -> bool:
    k = key(text)
    return any(k == key(u) or k.startswith(key(u) + " ") for u in units()) and not k.startswith("xã hội")


def _has_place(name: str) -> bool:
    """A unit word with a name after it (`... TỈNH LÀO CAI`, `... QUẬN 2`), or a province
    or the country at the end (`... VIỆT NAM`); a bare unit word (`... THÀNH PHỐ`) is none."""
    words = name.split()
    return any(_unit_first(" ".join(words[i:])) and key(" ".join(words[i:])) not in {key(u) for u in units()}
               for i in range(1, len(words))) or bool(
        lookup_place(" ".join(words[-2:]), ("province", "country")))


def _place_part(name: str) -> str | None:
    """`ỦY BAN NHÂN DÂN TỈNH LÀO CAI` → `TỈNH LÀO CAI`."""
    words = name.split()
    for i in range(1, len(words)):
        if _unit_first(" ".join(words[i:])) and i + 1 < len(words):
            return " ".join(words[i:])
    return None


def _complete(current: str) -> bool:
    """A body's name that needs no more words: not a bare head noun, not a head cut short
    (`ỦY BAN NHÂN`), not ending on a joining word."""
    words = current.split()
    if words[-1] in vocab()["joining_words"] or current.endswith(("-", "–", ",")):
        return False
    head = head_of(current)
    if head in vocab()["issuer_heads"] + vocab()["local_heads"]:
        return True             # a name in itself: `CHÍNH PHỦ`, `BAN CHẤP HÀNH TRUNG ƯƠNG`, `ỦY BAN NHÂN DÂN`
    return head is not None and len(head.split()) < len(words) or head is None and len(words) > 1


def bodies_of(lines: list[str]) -> list[str]:
    """The letterhead's lines joined into the bodies they name, top to bottom."""
    bodies: list[str] = []
    for raw in lines:
        line = expand(raw)
        if NOT_A_NAME.search(line) and not (bodies and bodies[-1].split()[-1] in ("SỐ", "ĐỊNH")):
            continue
        if not bodies:
            bodies.append(line)
            continue
        cur = bodies[-1]
        joined = f"{cur} {line}"
        head_joined = head_of(joined)
        starts_body = head_of(line) is not None and not _unit_first(line)
        if (not starts_body or not _complete(cur)
                or (head_joined and len(head_joined) > len(cur))
                or line.split()[0] in vocab()["joining_words"]):
            bodies[-1] = joined
        else:
            bodies.append(line)
    return bodies


def issuer_name(lines: list[str], joint: bool = False) -> str | None:
    """The issuer the letterhead lines name, in capitals as written (case it with
    `case_body`); `joint` when the number is a joint one (`TTLT`)."""
    bodies = bodies_of(lines)
    if not bodies:
        return None
    if joint and len(bodies) >= 2 and all(not _has_place(b) for b in bodies):
        return " - ".join(bodies)
    name = bodies[-1]
    if len(bodies) >= 2:
        parent = bodies[-2]
        head = head_of(name)
        place = _place_part(parent)
        if head in vocab()["parent_heads"] and len(name.split()) == len(head.split()):
            name = f"{name} {parent}"                         # VĂN PHÒNG + the body above
        elif place and name.split()[-1] in ("TỈNH", "PHỐ", "HUYỆN", "QUẬN", "XÃ") and not _has_place(name):
            unit = place.split()[0] if place.split()[0] != "THÀNH" else "THÀNH PHỐ"
            if name.endswith(unit):
                name = f"{name[: -len(unit)].strip()} {place}"   # `VĂN PHÒNG UBND THÀNH PHỐ`
        elif place and not _has_place(name) and head not in vocab()["descriptive_heads"]:
            name = f"{name} {place}"                         # SỞ CÔNG THƯƠNG + TỈNH LÀO CAI
    return name


def cased_issuer(name: str | None) -> str | None:
    return case_body(name) if name else None


# A province named in a document's text with its unit word: `tỉnh Gia Lai`, `TỈNH PHÚ THỌ`,
# `thành phố Hà Nội` (the unit word is what makes the name a province's)
PROVINCE_MENTION = re.compile(r"(?<!\w)(tỉnh|thành phố|TỈNH|THÀNH PHỐ|Tỉnh|Thành phố)\s+((?:[^\W\d_][\w-]*\s?){1,4})")


def needs_place(name: str) -> bool:
    """A local body named without its province: `ỦY BAN NHÂN DÂN`, `HỘI ĐỒNG NHÂN DÂN`,
    `THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN`, `ỦY BAN NHÂN DÂN TỈNH` (a bare unit word)."""
    words = name.split()
    local = {key(h) for h in vocab()["local_heads"]}
    for i in range(len(words)):
        tail = words[i:]
        if tail and tail[-1] in ("TỈNH", "PHỐ"):
            tail = tail[:-1] if tail[-1] == "TỈNH" else tail[:-2]
        if key(" ".join(tail)) in local:
            return True
    return False


def province_in(texts: list[str]) -> str | None:
    """The province these texts name most (`tỉnh Gia Lai`), as `TỈNH GIA LAI`; None when
    they name none or two equally often."""
    counts: dict[str, tuple[int, str]] = {}
    for text in texts:
        for m in PROVINCE_MENTION.finditer(text):
            words = m.group(2).split()
            for n in range(len(words), 0, -1):
                place = lookup_place(" ".join(words[:n]), ("province",))
                if place and place.unit.casefold() == m.group(1).casefold():
                    c = counts.get(place.name, (0, place.unit))
                    counts[place.name] = (c[0] + 1, place.unit)
                    break
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1][0])
    if len(ranked) > 1 and ranked[0][1][0] == ranked[1][1][0]:
        return None
    name, (_, unit) = ranked[0]
    return f"{unit} {name}".upper()


def complete_place(name: str, authority: list[str], place: str | None, portal: str | None,
                   texts: list[str]) -> str:
    """A local issuer printed without its province, with the province the document names:
    the authority line under the title (`ỦY BAN NHÂN DÂN TỈNH CÀ MAU`), the place line
    when it is a province (`Hà Nội, ngày ...`), the portal's issuing place (`Nơi ban hành:
    Tỉnh Vĩnh Long`), or the province the trích yếu and body name most. A province's seat
    alone (`Thủ Dầu Một, ngày ...`) names no province: the authority line's bare unit word
    then stays (`Ủy ban nhân dân tỉnh`)."""
    if not needs_place(name):
        return name
    bare = name[: -len(name.split()[-1])].strip() if name.split()[-1] == "TỈNH" else name
    bare = bare[: -len("THÀNH PHỐ")].strip() if bare.endswith(" THÀNH PHỐ") else bare
    found = None
    for line in authority:
        part = _place_part(expand(line))
        if part and len(part.split()) >= 2:
            part = re.split(r"\s+(?:KHÓA|KHOÁ|KỲ HỌP|NHIỆM KỲ)\b|\s*[,(–-]", part)[0].strip()
            found = part if lookup_place(" ".join(part.split()[1:]) if not part.startswith("THÀNH PHỐ")
                                         else " ".join(part.split()[2:])) else None
            if found:
                break
    if not found and place:
        p = province_of(place, seats=False)
        found = f"{p.unit} {p.name}".upper() if p else None
    if not found and portal:
        p = province_of(re.sub(r"^(?:UBND|Ủy ban nhân dân|HĐND)\s+", "", portal, flags=re.I).split(",")[0], seats=False) \
            or province_in([portal])
        found = f"{p.unit} {p.name}".upper() if isinstance(p, Place) else p
    if not found:
        found = province_in(texts)
    if found:
        return f"{bare} {found.upper()}"
    for line in authority:
        if expand(line).endswith(" TỈNH") and not name.endswith("TỈNH"):
            return f"{name} TỈNH"
    return name


# Where an authority line's body name ends: `HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN KHOÁ XVI KỲ HỌP
# THỨ 2`, `HỘI ĐỒNG NHÂN DÂN QUẬN 2 KHÓA III - KỲ HỌP THỨ 14`
SESSION = re.compile(r"\s+(?:KHÓA|KHOÁ|KỲ HỌP|NHIỆM KỲ|LẦN THỨ)\b.*$|\s*[,(].*$")


def _caseless(line: str) -> str:
    """A short name line a corpus copy wrote without its capitals (`Hội đồng nhân dân tỉnh
    hải dương`, `Ủy ban nhân dân tỉnh`) in capitals, to be read as a letterhead's; any
    other line as it is."""
    words = line.split()
    if any(c.islower() for c in line) and 1 <= len(words) <= MAX_AUTHORITY_WORDS \
            and not line.rstrip().endswith((".", ";", ":", ",")) and head_of(expand(line.upper())):
        return line.upper()
    return line


def authority_body(line: str) -> str | None:
    """The body an authority line under the title names, as written in capitals:
    `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH` → `ỦY BAN NHÂN DÂN TỈNH`; `THỦ TƯỚNG CHÍNH PHỦ` stays;
    `HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG KHÓA VIII KỲ HỌP THỨ 12` → `HỘI ĐỒNG NHÂN DÂN TỈNH AN
    GIANG`; None when the line names no body."""
    text = SESSION.sub("", expand(_caseless(line))).strip(" -–")
    head = head_of(text)
    k = key(text)
    for title, tk in _titles_longest():
        if k.startswith(tk + " ") and not (head and len(head) > len(title)):
            rest = text[len(title):].strip()
            return rest if head_of(rest) else None
    return text if head and len(text.split()) > len(head.split()) - (1 if head in vocab()["issuer_heads"] else 0) \
        and len(text.split()) <= MAX_AUTHORITY_WORDS else None


def lacks_its_end(name: str) -> bool:
    """A name the registry knows longer (`BỘ TÀI NGUYÊN VÀ`, `NGÂN HÀNG NHÀ NƯỚC`)."""
    k = key(name)
    return any(nk.startswith(k + " ") for nk in registry_names())


def complete_name(name: str, texts: list[str]) -> str:
    """A name the copy cut short (`BỘ TÀI NGUYÊN VÀ`, `NGÂN HÀNG NHÀ NƯỚC`): the registered
    name it begins, where the document writes that name in full (`Bộ Tài nguyên và Môi
    trường được giao ...`)."""
    k = key(name)
    longer = sorted((n for nk, n in registry_names().items() if nk.startswith(k + " ")), key=len)
    if not longer:
        return name
    body = " ".join(key(t) for t in texts)
    for full in longer:
        if f" {key(full)} " in f" {body} ":
            return full.upper()
    return name


@lru_cache(maxsize=1)
def _authority_names() -> frozenset[str]:
    return frozenset({key(h) for h in vocab()["local_heads"] + vocab()["issuer_heads"]} | set(registry_names()))


# A council's session after its name: `HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG KHÓA VIII KỲ HỌP THỨ 12`
SESSION_WORDS = re.compile(r"\b(?:KHÓA|KHOÁ|KỲ HỌP)\b")
# All that a session may say after the council's name: `KHOÁ XVI KỲ HỌP THỨ 2`, `KHÓA III - KỲ
# HỌP THỨ 14`, `KHÓA VII, KỲ HỌP THỨ 6 (BẤT THƯỜNG)`, `NHIỆM KỲ 2021 - 2026`; not `KHÓA XVI VÀ
# ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP ...` (a title that names the deputies of a legislature)
SESSION_TAIL = re.compile(r"(?:\s|[-–,.]|(?:KHÓA|KHOÁ)\s+[IVXLC\d]+|KỲ HỌP\s+(?:THỨ\s+)?\w+|NHIỆM KỲ\s+\d{4}"
                          r"(?:\s*[-–]\s*\d{4})?|LẦN THỨ\s+\w+|\([^()]*\))+")


def is_authority(line: str) -> bool:
    """A line under the title that names who decides, never part of the trích yếu:
    `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`, `BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN`,
    `ỦY BAN NHÂN DÂN TỈNH CÀ MAU`, `HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN KHOÁ XVI KỲ HỌP THỨ 2`,
    `THỦ TƯỚNG CHÍNH PHỦ` (not `BAN HÀNH QUY CHẾ ...`, whose `BAN` is a verb's)."""
    text = expand(_caseless(line)).strip(" .:")
    if not text or any(c.islower() for c in text):
        return False
    head = head_of(text)
    if SESSION_WORDS.search(text):            # a council's name and its session
        name = SESSION.sub("", text).strip(" -–")
        return name != text and bool(name) and SESSION_TAIL.fullmatch(text, len(name)) is not None \
            and is_authority(name)
    k = key(text)
    for title, tk in _titles_longest():
        if k.startswith(tk + " ") and not (head and len(head) > len(title)):
            return head_of(text[len(title):].strip()) is not None
    core = text
    place = _place_part(text)
    if place:
        name = re.sub(r"^(?:THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|\S+)\s+", "", place)
        if not lookup_place(name) and not re.fullmatch(r"\d+", name):
            return False            # `... TỈNH TẠI CUỘC HỌP ...` is no place
        core = text[: -len(place)].strip()
    core = re.sub(r"\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)$", "", core)    # `ỦY BAN NHÂN DÂN TỈNH`
    return key(core) in _authority_names()
