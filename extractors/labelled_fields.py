"""Field labels and the values behind them, shared by the task extractors."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from extractors.mentions import split_mentions
from parsers.grammar.assignment import PARTNER_OPENER
from parsers.model import Mention, Span
from parsers.clean_text import clean_value

VOCAB = Path(__file__).with_name("vocab") / "labels.json"


@lru_cache(maxsize=1)
def labels() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def inline_label_pattern() -> re.Pattern:
    """`Đơn vị chủ trì: Sở Văn hóa và Thể thao.` → field owner; longest label first."""
    names = [(label, field) for field, ls in labels()["inline"].items() for label in ls]
    names.sort(key=lambda x: -len(x[0]))
    alternatives = "|".join(re.escape(n) for n, _ in names)
    return re.compile(rf"(?P<label>{alternatives})\s*:\s*", re.I)


@lru_cache(maxsize=1)
def inline_field_of() -> dict[str, str]:
    return {label.casefold(): field for field, ls in labels()["inline"].items() for label in ls}


def labelled_fields(text: str) -> dict[str, tuple[str, int]] | None:
    """Fields of a labelled line, or None when the line does not start with a label.

    One line may carry several: `Đơn vị chủ trì: Phòng QLCN; Đơn vị phối hợp: các phòng.`
    Returns field → (value, offset of the value in `text`).
    """
    pattern = inline_label_pattern()
    first = pattern.match(text)
    if not first:
        return None
    found = []
    for m in pattern.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in " ;.":
            if m.start() == 0 or re.search(r"[;.]\s*$", text[:m.start()]):
                found.append(m)
    out: dict[str, tuple[str, int]] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        field = inline_field_of()[m.group("label").casefold()]
        value = clean_value(text[m.end():end])
        if field not in out and value:
            out[field] = (value, m.end())
    return out


# An owner's field or cell that says its body leads: `Sở Nội vụ| chủ trì, |phối hợp với các sở,
# ban, ngành ...`, `Các địa phương| chủ trì`
LEADS = re.compile(r"\s+chủ trì(?![\w])\s*,?\s*")


def lead_and_partners(value: str) -> tuple[str, str | None, int]:
    """(the leading body, the partners or None, the partners' offset in `value`) of an
    owner's field or cell: `Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành` → (`Sở Nội
    vụ`, `các sở, ban, ngành`), the cooperation read as the grammar reads it in running text
    (PARTNER_OPENER); a value without `chủ trì` after a name, or with other work after
    it, is all owner."""
    m = LEADS.search(value)
    if m is None or m.start() == 0:
        return value, None, 0
    if m.end() == len(value):
        return value[:m.start()], None, m.end()
    partner = PARTNER_OPENER.match(value, m.end())
    if partner is None:
        return value, None, 0
    return value[:m.start()], clean_value(value[partner.end():]) or None, partner.end()


def to_mentions(text: str | None, role: str, block: int, offset: int = 0) -> tuple[Mention, ...]:
    """Split a list of bodies as written into mentions, each with its span."""
    if not text:
        return ()
    out = []
    cursor = 0
    for name in split_mentions(text):
        at = text.find(name, cursor)
        start = offset + (at if at >= 0 else 0)
        if at >= 0:
            cursor = at + len(name)
        out.append(Mention(text=name, role=role, span=Span(block=block, start=start,
                                                           end=start + len(name))))
    return tuple(out)
