"""The documents a plan cites: `Căn cứ Kế hoạch 102/KH-UBND ngày 01/4/2022 của
Ủy ban nhân dân thành phố Hà Nội`, `Nghị định số 06/2022/NĐ-CP`, `Luật Khoa học
và Công nghệ`.

`extract_references(tree, meta)` reads every block outside the metadata and
letterhead zones and returns one `Reference` per (type, number) — or (type,
name) for a law cited by its name only — with the number of times it is
cited. A citation is a type word of `vocab/references.json` followed by a
number with a letter code (`102/KH-UBND`, `57-NQ/TW`, `06/2022/NĐ-CP`), then
optionally its date (`ngày 01/4/2022`, `ngày 22 tháng 12 năm 2024`) and its
issuer (`của <issuer>` up to a stop word), in either order. The document's own
number is no reference (`Số: 161/KH-UBND`, `(Kèm theo Kế hoạch số 1105 /KH-ĐKT
...)` in its appendix).

Role (decided here, the spec says nothing on references): `legal_basis` when
cited in a `Căn cứ ...` paragraph of the preamble (the unnumbered paragraphs
before the first numbered item), `implements` in a `Thực hiện ...` /
`Triển khai ...` paragraph of the preamble, `mention` elsewhere. The occurrence
kept for a reference is its first legal-basis/implements one, else its first.
Pure: no I/O beyond the vocabulary file, no clock.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from parsers.grammar.alternation import first_letter_lookahead, phrase_alternation
from parsers.grammar.dates import DATE_AFTER, safe_date as _safe_date
from parsers.grammar.documents import normalize_number
from parsers.model import DocumentMeta, DocumentTree, Reference, Span

VOCAB = Path(__file__).with_name("vocab") / "references.json"
SKIPPED_ZONES = frozenset({"metadata", "letterhead"})
ROLE_RANK = {"legal_basis": 0, "implements": 1, "mention": 2}
MAX_ISSUER_WORDS = 15
MAX_NAME_WORDS = 14

# A document number with a letter code: `102/KH-UBND`,
# `06/2022/NĐ-CP`, `57-NQ/TW`, `1105 /KH-ĐKT`,
# `2074a/QĐ-TTTT`, `04/TTr-BKHCN-BTTTT`, `193/2025/QH15`.
NUMBER = r"\d+[a-z]?(?:\s?[/\-]\s?(?:\d{4}|[A-ZĐ][A-Za-zĐđ&0-9]*))+"

# `của Ủy ban nhân dân thành phố Hà Nội`, `của Tỉnh uỷ Lào Cai`:
# the issuer must start with a capital.
ISSUER_AFTER = re.compile(r"\s*,?\s*của\s+(?=[A-ZĐÀ-Ỹ])")

# More numbers of the same type: `Nghị định số 35/2022/NĐ-CP, 32/2024/NĐ-CP`.
MORE_NUMBERS = re.compile(r"\s*(?:,|và)\s*(?:số\s*)?(?P<num>" + NUMBER + r")")

# A law by its name: `Luật Khoa học và Công nghệ`, `Luật Bảo vệ môi trường`,
# `Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015`.
LAW_WORD = "Luật"
LAW_NAME = re.compile(rf"{LAW_WORD}(?<!\w{LAW_WORD})\s+(?=[A-ZĐÀ-Ỹ])")   # the word first: a fast scan
# How every NUMBER starts, looked for before the citation pattern (which is slow to
# try at each position): the `57-` of `57-NQ/TW`, `2074a/` of `2074a/QĐ-TTTT`
NUMBER_START = re.compile(r"\d[a-z]?\s?[/\-]")
WORD = re.compile(r"[^\s,;:.()\[\]\"“”*|`'‘’]+")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _types_alternation() -> str:
    """The type words of the vocabulary, longest first, capitalised or not:
    `[nN]ghị\\s+(?:quyết|định)|...`."""
    return phrase_alternation(vocab()["types"])


@lru_cache(maxsize=1)
def _citation_re() -> re.Pattern:
    """`<type> [số][:] <number>`: `Nghị quyết số 57-NQ/TW`, `Kế hoạch 102/KH-UBND`,
    `Quyết định số: 2339/QĐ-UBND`, `văn bản số 2600/TTg-KTTH`."""
    types = list(vocab()["types"])
    ahead = first_letter_lookahead(types + [t[:1].upper() + t[1:] for t in types])   # most positions fail at once
    return re.compile(ahead + r"(?<!\w)(?P<type>" + _types_alternation() + r")\s+(?:số\s*:?\s*)?(?P<num>"
                      + NUMBER + r")(?![\w])")


@lru_cache(maxsize=1)
def _issuer_stop_re() -> re.Pattern:
    v = vocab()
    words = "|".join(re.escape(w) for w in sorted(v["issuer_stops"], key=len, reverse=True))
    keep = "|".join(re.escape(w) for w in v["issuer_comma_words"])
    return re.compile(r",(?!\s*(?:" + keep + r"))|[;:()\[\]“”\"*|]|\.(?:\s|$)|\s(?:" + words + r")(?!\w)")


def _issuer(text: str, start: int) -> tuple[str, int] | None:
    m = ISSUER_AFTER.match(text, start)
    if not m:
        return None
    rest = text[m.end():]
    stop = _issuer_stop_re().search(rest)
    issuer = (rest[: stop.start()] if stop else rest).strip()
    words = issuer.split()
    if not words or len(words) > MAX_ISSUER_WORDS:
        return None
    return issuer, m.end() + len(issuer)


def _tail(text: str, pos: int) -> tuple[date | None, str | None, str | None, int]:
    """Date and issuer after a number, in either order; the end of what was read."""
    when = when_raw = issuer = None
    for _ in range(2):
        d = DATE_AFTER.match(text, pos) if when_raw is None else None
        if d:
            when = _safe_date(d["y"] or d["y2"], d["m"] or d["m2"], d["d"])
            when_raw, pos = d.group(0).strip(" ,"), d.end()
            continue
        i = _issuer(text, pos) if issuer is None else None
        if i:
            issuer, pos = i
            continue
        break
    return when, when_raw, issuer, pos


def _type_at(text: str, pos: int) -> bool:
    """A document type starts at `pos` (`... hàng hoá và Nghị định`)."""
    return _citation_type_re().match(text, pos) is not None or text.startswith("Luật", pos)


@lru_cache(maxsize=1)
def _citation_type_re() -> re.Pattern:
    return re.compile("(?:" + _types_alternation() + r")(?!\w)")


def _name_goes_on(text: str, pos: int, stops: set[str]) -> bool:
    """After `, Công`: the name goes on when a lower-case word or `và` follows
    (`Luật Khoa học, Công nghệ và Đổi mới sáng tạo`), not before
    another body (`, Bộ Tài chính`)."""
    nxt = WORD.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    return bool(nxt) and (nxt.group(0) == "và" or nxt.group(0)[:1].islower() and nxt.group(0) not in stops)


def _law_name(text: str, start: int) -> tuple[str, int] | None:
    """`Luật Khoa học và Công nghệ`: words up to a stop word or punctuation. A
    comma goes on when a lower-case word follows (`Luật Chất lượng sản phẩm,
    hàng hóa`, `Luật Phòng, chống tham nhũng`); `và` goes on when a capitalised
    word follows (`Luật Khoa học và Công nghệ`) or after such a comma (`Luật Khoa
    học, công nghệ và đổi mới sáng tạo`), not before another law (`... và Luật`)."""
    stops = set(vocab()["name_stops"])
    end, words, comma = start, [], False
    for w in WORD.finditer(text, start):
        gap, word = text[end:w.start()], w.group(0)
        if word == "quy" and text[w.end():w.end() + 5] == " định":      # `... quy định`
            break
        if word == "mới" and words and words[-1].lower() != "đổi":        # `... pháp luật mới`
            break
        if words and gap.strip():
            if gap.strip() != "," or word in stops or _type_at(text, w.start()) or not (
                    word[:1].islower() or _name_goes_on(text, w.end(), stops)):
                break
            comma = True
        if word == "và":
            nxt = WORD.match(text, w.end() + 1)
            nxt = nxt.group(0) if nxt else ""
            if not _type_at(text, w.end() + 1) and nxt not in stops and (nxt[:1].isupper() or comma and nxt):
                words.append(("," if gap.strip() else "") + word)
                end = w.end()
                continue
            break
        if word in stops or not words and not word[:1].isupper() or len(words) >= MAX_NAME_WORDS:
            break
        words.append(("," if gap.strip() else "") + word)
        end = w.end()
    if not words or words[-1] == "và":
        return None
    return "Luật " + " ".join(words).replace(" ,", ", "), end


def _roles(tree: DocumentTree) -> dict[int, tuple[str, str | None]]:
    """block -> (role, section path) for every block of the tree."""
    leads = vocab()["roles"]
    out: dict[int, tuple[str, str | None]] = {}
    preamble = True
    for n in tree.nodes:
        if n.zone == "body" and n.marker is not None:
            preamble = False
        role = "mention"
        if preamble and n.zone in ("title", "body") and n.marker is None:
            text = n.text.lstrip(" -+*•")
            for name in ("legal_basis", "implements"):
                if any(text.startswith(w) for w in leads[name]):
                    role = name
                    break
        out.setdefault(n.block, (role, n.path))
    return out


def _zones(tree: DocumentTree) -> dict[int, str]:
    return {n.block: n.zone for n in tree.nodes}


def citations_in(text: str) -> list[tuple[str, str, str | None, str | None, date | None, str | None,
                                         str | None, int, int]]:
    """Every citation of one text: (type, type as written, number, number as
    written, date, date as written, issuer, start, end); laws by name have
    number None and the name in place of the number as written."""
    types = vocab()["types"]
    out, taken = [], []
    for m in _citation_re().finditer(text) if NUMBER_START.search(text) else ():
        typ = types[" ".join(m["type"].lower().split())]
        numbers = [(m["num"], m.start(), m.end())]
        pos = m.end()
        while (more := MORE_NUMBERS.match(text, pos)) is not None:
            numbers.append((more["num"], more.start("num"), more.end()))
            pos = more.end()
        for k, (num_raw, start, end) in enumerate(numbers):
            when, when_raw, issuer, stop = _tail(text, end)
            if k == 0 and len(numbers) > 1:
                stop = end
            out.append((typ, m["type"], normalize_number(num_raw), num_raw, when, when_raw, issuer,
                        m.start() if k == 0 else start, stop))
        taken.append((m.start(), pos))
    not_after = tuple(w + " " for w in vocab()["law_name_not_after"])
    for m in LAW_NAME.finditer(text) if LAW_WORD in text else ():
        if any(a <= m.start() < b for a, b in taken) or text[:m.start()].endswith(not_after):
            continue   # `Trường Đại học Luật Hà Nội` (btp-tb) is no law
        found = _law_name(text, m.end())
        if not found:
            continue
        name, end = found
        when, when_raw, issuer, stop = _tail(text, end)
        out.append(("Luật", "Luật", None, name, when, when_raw, issuer, m.start(), stop))
    return sorted(out, key=lambda c: c[7])


def _same_number(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalize_number(a).casefold() == normalize_number(b).casefold()


def extract_references(tree: DocumentTree, meta: DocumentMeta) -> tuple[Reference, ...]:
    roles, zones = _roles(tree), _zones(tree)
    found: dict[tuple[str, str], list[Reference]] = {}
    for block in tree.raw.blocks:
        if zones.get(block.index) in SKIPPED_ZONES:
            continue
        text = unicodedata.normalize("NFC", block.text)
        role, section = roles.get(block.index, ("mention", None))
        for typ, typ_raw, number, num_raw, when, when_raw, issuer, start, end in citations_in(text):
            if _same_number(number, meta.doc_number):
                continue
            name = num_raw if number is None else None
            key = (typ, number.casefold() if number else unicodedata.normalize("NFC", name).casefold())
            found.setdefault(key, []).append(Reference(
                doc_type=typ, doc_type_raw=typ_raw, number=number,
                number_raw=num_raw if number else None, name=name, issue_date=when,
                date_raw=when_raw, issuer=issuer, role=role, raw=text[start:end].rstrip(" ,;."),
                section=section, span=Span(block.index, start, end, block.page)))
    out = []
    for refs in found.values():
        kept = min(refs, key=lambda r: ROLE_RANK[r.role])   # min is stable: the first of the best role
        out.append(_with_mentions(kept, len(refs)))
    return tuple(sorted(out, key=lambda r: (r.span.block, r.span.start)))


def _with_mentions(ref: Reference, n: int) -> Reference:
    return replace(ref, mentions=n)
