"""What a heading or a lead-in above a list of items says about their owner (spec §1, owner
order 2): a heading that only names a body (`8. Ủy ban nhân dân các tỉnh, thành phố ...`,
`1. Giao người đứng đầu các cơ quan chuyên môn, ...`), a heading of a body's duties (`NHIỆM
VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG`), the bodies of a lead-in that ends in `:`, and a
lead-in that only lists a body's members (`Ban Chủ nhiệm ..., gồm có:`), its rights or what
it does not do.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.prose_owner import handed_lead_in, leading_bodies, subject_then
from parsers.document_context import per_document
from parsers.grammar.alternation import alternation
from parsers.grammar.assignment import find_verb, negated_work, prefix_pattern, vocab
from parsers.grammar.bodies import continues_collective, starts_with_body


@per_document
def body_only(text: str) -> str | None:
    """A heading that only names the owner: `8. Ủy ban nhân dân các tỉnh, thành phố ...`, `Sở Y tế:`,
    `1. Giao người đứng đầu các cơ quan chuyên môn, ...; Chủ tịch Ủy ban nhân dân các xã`."""
    t = text.strip().rstrip(":").strip()
    m = prefix_pattern().match(t)
    if m:
        t = t[m.end():]
    if not starts_with_body(t[:1].upper() + t[1:] if m else t) or len(t) > 200 or find_verb(t):
        return None
    return t


# A parenthetical in a heading is no part of the body it names: `Trách nhiệm của các cơ quan
# quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu của doanh nghiệp):`
PARENTHETICAL = re.compile(r"\s*\([^()]*\)")


@per_document
def heading_owner(text: str) -> str | None:
    """`NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG` → `BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG`;
    `Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm ...):` → `các cơ quan quản lý cấp trên`;
    `ĐỐI VỚI CÁC TỔ CHỨC TÍN DỤNG` → `CÁC TỔ CHỨC TÍN DỤNG`."""
    folded = text.casefold()
    addressed = text.isupper() and folded.startswith(tuple(vocab()["addressed_heading_starts"]))
    if not addressed and not folded.startswith(tuple(vocab()["owner_heading_starts"])):
        return None
    text = PARENTHETICAL.sub("", text).rstrip(" :")
    padded = " " + text             # `ĐỐI VỚI CÁC TỔ CHỨC TÍN DỤNG`: the marker opens it
    for word in vocab()["heading_owner_markers"]:
        at = padded.rfind(f" {word} ")
        if at >= 0:
            tail = padded[at + len(word) + 2:].strip()
            if starts_with_body(tail.title()) or starts_with_body(tail):
                return tail
    # the body right after the heading's first words, with no marker: `Trách nhiệm các
    # phòng, ban, đơn vị thuộc UBND cấp xã`
    start = next((w for w in sorted(vocab()["owner_heading_starts"], key=len, reverse=True)
                  if folded.startswith(w + " ")), None)
    tail = text[len(start) + 1:].strip() if start else ""
    return tail if tail and starts_with_body(tail) else None


@per_document
def lead_in_bodies(text: str) -> str | None:
    """The bodies of a lead-in paragraph that ends with `:`.

    `Nhằm đạt được ..., bên cạnh các nhiệm vụ thường xuyên, các Bộ, cơ quan ngang Bộ, ...
    cần cụ thể hóa và tổ chức triển khai thực hiện các nhiệm vụ sau đây:`
    """
    if not text.rstrip().endswith(":") or lists_no_work(text):
        return None
    direct = leading_bodies(text)
    if direct:
        if text[direct.end:].lstrip(" ,").startswith(tuple(v + " " for v in vocab()["enacting_verbs"])):
            return None       # `... Ủy ban Thường vụ Quốc hội quyết định sắp xếp ... như sau:`
        return direct.text
    handed = handed_lead_in(text)
    if handed:
        return handed.text
    at = min((p for p in (rx.search(text) for w, rx in _owner_markers() if w in text) if p),
             key=lambda m: m.start(), default=None)
    if at is None:
        return None
    chunks = text[:at.start()].rstrip(" ,").split(", ")
    kept: list[str] = []
    for chunk in reversed(chunks):
        if starts_with_body(chunk) or continues_collective(chunk):
            kept.append(chunk)
            continue
        break
    while kept and not starts_with_body(kept[-1]):
        kept.pop()
    return ", ".join(reversed(kept)) or None


def lists_no_work(text: str) -> bool:
    """A lead-in whose items are no work given to its body: its members (`lists_members`),
    its rights (`lists_rights`), or what it does not do (`negates_work`)."""
    return lists_members(text) or lists_rights(text) or negates_work(text)


def negates_work(text: str) -> bool:
    """A lead-in whose body is followed by a negation (`Bộ Giáo dục và Đào tạo không ban hành
    mẫu bản sao ...; cơ quan ... thực hiện căn cứ theo quy định tại:`): what the body does
    not do gives its items no work."""
    return subject_then(text, negated_work())


def lists_members(text: str) -> bool:
    """A lead-in that names a body and lists its members or parts (`Ban Chủ nhiệm Đoàn Luật
    sư tỉnh, gồm có:`, `Thành phần Hội đồng Thi đua - Khen thưởng tỉnh gồm:`): its items
    are no work. Where words stand between the body and `gồm`, the list is of that work
    (`Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:`)."""
    m = _composition_end().search(text) if "gồm" in text else None
    if m is None:
        return False
    head = text[:m.start()].rstrip(" ,")
    noun = next((n for n in vocab()["composition_nouns"] if head.startswith(n + " ")), None)
    head = head[len(noun) + 1:] if noun else head
    return bool(head) and starts_with_body(head) == len(head)


def lists_rights(text: str) -> bool:
    """A lead-in that lists what its body may do, no duty beside (`Chủ đầu tư có các quyền
    sau đây:`, `Chánh Thanh tra Sở có quyền:`, `... được hưởng các quyền lợi sau:`): its items
    are rights or powers, no work (spec §1); not `... có quyền và nghĩa vụ sau đây:`."""
    return "quyền" in text and _rights_end().search(text) is not None


@lru_cache(maxsize=1)
def _rights_end() -> re.Pattern:
    """A lead-in's last words that list only rights: `... có các quyền sau đây:`"""
    r = vocab()["rights_lead_ins"]
    return re.compile(rf"(?<![\w])(?:{alternation(r['verbs'])})\s+(?:(?:{alternation(r['quantifiers'])})\s+)?"
                      rf"(?:{alternation(r['rights'])})(?:\s+(?:{alternation(r['tails'])}))?\s*:\s*$")


@lru_cache(maxsize=1)
def _composition_end() -> re.Pattern:
    """A lead-in's last words that list its members: `..., gồm có:`, `... bao gồm:`"""
    return re.compile(rf"(?<![\w])(?:{alternation(vocab()['composition_words'])})\s*:\s*$")


@lru_cache(maxsize=1)
def _owner_markers() -> tuple[tuple[str, re.Pattern], ...]:
    """Each word that marks the owner in a lead-in, with its pattern as a whole word."""
    return tuple((w, re.compile(rf"(?<![\w]){re.escape(w)}(?![\w])")) for w in vocab()["owner_markers"])
