"""A website's metadata box about a document: `Số hiệu: 161/KH-UBND`, `Loại văn bản:
Kế hoạch`, `Người ký: Nguyễn Văn A`, in any layout the copies have (a key per line,
`| key | value |` cells, several keys on one line, keys glued to the value before them:
`Cơ quan ban hành:Thủ tướng Chính phủSố công báo:407`). Spec §1: such text gives a
field only where the document itself lacks it (no letterhead, no signature)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.truecase import head_of
from parsers.grammar.alternation import alternation, first_letter_lookahead
from parsers.grammar.documents import vocab as documents_vocab
from parsers.structure import vocab as structure_vocab

# After a website's title line's number: an optional year, then the trích yếu up to what the
# website adds: `... năm 2020 về phê duyệt ...`, `... do Bộ Tài chính ban hành`, `(Văn bản hết hiệu lực)`
PORTAL_TITLE_TAIL = (r"(?:\s+năm\s+\d{4})?\s+(?P<title>[^\W\d][^()|]{10,}?)\s*"
                     r"(?:\s+do\s+[^()|]{3,80}?\s+ban hành\s*)?(?:\((?:Văn bản|VB)[^)]*\)|\||$)")
# The date and the issuer a website's title line puts between the number and the trích yếu:
# `ngày 11/07/2008 của Hội đồng nhân dân tỉnh Đắk Lắk Về phân cấp ...`
ISSUER_BEFORE_TITLE = re.compile(r"^ngày\s+\d{1,2}/\d{1,2}/\d{4}\s+(?:của|giữa)\s+(?P<rest>.+)$")
# What may stand before a key: a bullet, a dash, a cell separator
KEY_LEAD = r"(?:^|(?<=[\s|•·\-*])|(?<=[a-zà-ỹđ0-9)]))"


@lru_cache(maxsize=1)
def _keys_re() -> re.Pattern:
    keys = structure_vocab()["metadata_keys"]
    return re.compile(first_letter_lookahead(keys) + KEY_LEAD + "(" + alternation(keys) + r")\s*[:|]?\s*")


def portal_fields(texts: list[str]) -> dict[str, str]:
    """field → value of the keys these lines hold (the first value of each field)."""
    keys = structure_vocab()["metadata_keys"]
    out: dict[str, str] = {}
    for text in texts:
        found = list(_keys_re().finditer(text))
        for m, nxt in zip(found, found[1:] + [None]):
            field = keys[m.group(1)]
            value = text[m.end(): nxt.start() if nxt else len(text)].strip(" |:•-\t")
            if field and value and field not in out:
                out[field] = value
    return out


def portal_title(texts: list[str], number: str | None, opening: str | None = None) -> str | None:
    """The trích yếu a website's title line gives after the document's type and number:
    `Quyết định 612/QĐ-UBND năm 2020 về phê duyệt quy trình ...` → `về phê duyệt quy trình
    ...`; only for this document's own number, and only its first such line. `opening`:
    the first letters the copy's own title kept where it was cut short (`HƯỚN`)."""
    if not number:
        return None
    types = sorted(set(documents_vocab()["heading_types"].values()), key=len, reverse=True)
    pattern = re.compile(r"^\W*(?:" + "|".join(re.escape(t) for t in types) + r")\s+(?:số\s*:?\s*)?"
                         + re.escape(number).replace("/", r"\s*/\s*") + PORTAL_TITLE_TAIL, re.I)
    for text in texts:
        m = pattern.match(text)
        if m and m.group("title"):
            title = m.group("title").strip(" .")
            if opening and not title.casefold().startswith(opening.casefold()):
                at = title.casefold().find(" " + opening.casefold())
                return title[at + 1:] if at >= 0 else None
            return _after_issuer(title)
    return None


def _after_issuer(title: str) -> str:
    """The trích yếu after the date and the issuer a website line puts before it: `ngày
    11/07/2008 của Hội đồng nhân dân tỉnh Đắk Lắk Về phân cấp ...` → `Về phân cấp ...` (it
    opens at the first capital that a word in lower case follows, after a whole name)."""
    m = ISSUER_BEFORE_TITLE.match(title)
    if not m:
        return title
    words = m.group("rest").split()
    for i in range(1, len(words) - 1):
        if words[i][:1].isupper() and words[i + 1][:1].islower() and words[i + 1] not in ("và", "-", "–") \
                and head_of(" ".join(words[:i])):
            return " ".join(words[i:])
    return title
