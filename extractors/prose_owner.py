"""Who a prose item assigns work to: the body list at its start, after `Giao`,
in a lead-in, or in a heading (spec §1, owner order)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab") / "prose.json"


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern:
    """A lower-case verb that ends a body list: `Cục Viễn thám quốc gia| chủ trì|, ...`."""
    return re.compile(rf"(?<![\w&])(?<!chủ )(?<!Chủ )(?<!nhà )(?:{_alternation(vocab()['verbs'])})(?![\w])")


@lru_cache(maxsize=1)
def head_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Body openers: a whole body (`Ủy ban nhân dân`, `Chủ tịch`), a head noun that needs
    a name after it (`Sở Y tế`, not `Báo cáo`), and a collective (`Các Sở, ngành`)."""
    v = vocab()
    whole = re.compile(rf"^(?:{_alternation(v['body_heads_whole'])})(?![\w])")
    named = re.compile(rf"^(?:{_alternation(v['body_heads_named'])})\s+(?:[A-ZĐÀ-Ỹ]|(?:{_alternation(v['named_head_followers'])})(?![\w]))")
    collective = re.compile(rf"^[Cc]ác\s+(?:{_alternation(v['collective_nouns'])})(?![\w])")
    return whole, named, collective


@lru_cache(maxsize=1)
def prefix_pattern() -> re.Pattern:
    """An assignment word before the body: `Giao Sở Công Thương chủ trì ...`, `Đề nghị ...`."""
    return re.compile(rf"^(?:{_alternation(vocab()['assignment_prefixes'])})\s+")


# The partner list opener: `phối hợp với Cục Biến đổi khí hậu, ...`, `Phối hợp với ...`
PARTNER_OPENER = re.compile(r"(?<![\w])phối hợp (?:chặt chẽ )?với\s+", re.I)
# Where a body list stops besides a verb: `để`, `trong việc`, `(`, `;`, `.`, `:`
LIST_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong|về việc|nhằm|theo|tại|khi|đối với|với sự tham gia)(?![\w])|[;:.(\n]")
# Where an owner list stops before its verb: `Các Bộ, ngành liên quan khác| trong phạm vi ...`
OWNER_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong phạm vi|trong|nhằm|tại|khi|đối với)(?![\w])|[(]")
# An acronym that names a body: `VTV, VOV, TTXVN thực hiện ...` (not an upper-case heading)
ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ&]{1,7}(?=[\s,;:)]|$)(?!\s+[A-ZĐÀ-Ỹ]{2,})")


@dataclass(frozen=True)
class BodyList:
    text: str
    start: int
    end: int
    via: str = "start"        # start, prefix (`Giao X ...`) or adverbial (`Định kỳ, X ...`)


# A short opening adverbial before the subject: `Định kỳ, Thường trực Ủy ban ... chủ trì`
ADVERBIAL = re.compile(r"^[^,;:.]{2,40},\s+")


def starts_with_body(text: str) -> bool:
    return any(p.match(text) for p in head_patterns()) or bool(ACRONYM.match(text))


def leading_bodies(text: str) -> BodyList | None:
    """The body list that opens `text`, ending before its verb or colon.

    `Cục Viễn thám quốc gia chủ trì, phối hợp ...` → `Cục Viễn thám quốc gia`;
    `Phòng Quản lý Công nghiệp: Là đầu mối ...` → `Phòng Quản lý Công nghiệp`;
    `Giao Sở Công Thương chủ trì ...` → `Sở Công Thương`.
    """
    start, via = 0, "start"
    m = prefix_pattern().match(text)
    if m:
        start, via = m.end(), "prefix"
        if text[start:].startswith("cho "):
            start += 4
    elif not starts_with_body(text):
        m = ADVERBIAL.match(text)
        if m and len(m.group(0).split()) <= 6:
            start, via = m.end(), "adverbial"
    rest = text[start:]
    if not starts_with_body(rest):
        return None
    verb = verb_pattern().search(rest)
    colon = rest.find(":")
    ends = [p for p in (verb.start() if verb else -1, colon) if p > 0]
    if not ends:
        return None
    end = min(ends)
    stop = OWNER_STOP.search(rest, 0, end)
    if stop and stop.start() > 0:
        end = stop.start()      # `Các Bộ, ngành liên quan khác| trong phạm vi chức năng ...`
    phrase = rest[:end].rstrip(" ,")
    if not phrase or len(phrase) > 300 or re.search(r"\.\s", phrase):
        return None
    return BodyList(phrase, start, start + len(phrase), via)


def body_only(text: str) -> str | None:
    """A heading that only names the owner: `8. Ủy ban nhân dân các tỉnh, thành phố ...`, `Sở Y tế:`."""
    t = text.strip().rstrip(":").strip()
    m = prefix_pattern().match(t)
    if m:
        t = t[m.end():]
    if not starts_with_body(t) or len(t) > 200 or verb_pattern().search(t):
        return None
    return t


def heading_owner(text: str) -> str | None:
    """`NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG` → `BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG`."""
    if not text.casefold().startswith(tuple(vocab()["owner_heading_starts"])):
        return None
    for word in vocab()["heading_owner_markers"]:
        at = text.rfind(f" {word} ")
        if at >= 0:
            tail = text[at + len(word) + 2:].strip()
            if starts_with_body(tail.title()) or starts_with_body(tail):
                return tail
    return None


def lead_in_bodies(text: str) -> str | None:
    """The bodies of a lead-in paragraph that ends with `:`.

    `Nhằm đạt được ..., bên cạnh các nhiệm vụ thường xuyên, các Bộ, cơ quan ngang Bộ, ...
    cần cụ thể hóa và tổ chức triển khai thực hiện các nhiệm vụ sau đây:`
    """
    if not text.rstrip().endswith(":"):
        return None
    direct = leading_bodies(text)
    if direct:
        return direct.text
    markers = vocab()["owner_markers"]
    at = min((p for p in (re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in markers) if p),
             key=lambda m: m.start(), default=None)
    if at is None:
        return None
    chunks = text[:at.start()].rstrip(" ,").split(", ")
    kept: list[str] = []
    for chunk in reversed(chunks):
        first = chunk.split(" ")[0] if chunk else ""
        if starts_with_body(chunk) or first in ("cơ", "đơn", "thành", "địa", "tổ", "ngành", "sở", "ban"):
            kept.append(chunk)
            continue
        break
    while kept and not starts_with_body(kept[-1]):
        kept.pop()
    return ", ".join(reversed(kept)) or None


def partner_lists(text: str) -> list[tuple[str, int]]:
    """Every `phối hợp với X` list in `text` with its offset, X ending before a verb."""
    out = []
    for m in PARTNER_OPENER.finditer(text):
        rest = text[m.end():]
        if not (starts_with_body(rest) or rest[:1].islower()):
            continue
        stops = [p.start() for p in (verb_pattern().search(rest), LIST_STOP.search(rest)) if p]
        end = min(stops) if stops else len(rest)
        phrase = rest[:end].rstrip(" ,")
        if phrase and len(phrase) < 300:
            out.append((phrase, m.end()))
    return out
