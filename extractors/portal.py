"""A website's metadata box about a document: `Số hiệu: 161/KH-UBND`, `Loại văn bản:
Kế hoạch`, `Người ký: Nguyễn Văn A`, in any layout the copies have (a key per line,
`| key | value |` cells, several keys on one line, keys glued to the value before them:
`Cơ quan ban hành:Thủ tướng Chính phủSố công báo:407`). Spec §1: such text gives a
field only where the document itself lacks it (no letterhead, no signature)."""
from __future__ import annotations

import re
from functools import lru_cache

from parsers.grammar.documents import vocab as documents_vocab
from parsers.structure import vocab as structure_vocab

# After a website's title line's number: an optional year, then the trích yếu up to what the
# website adds: `... năm 2020 về phê duyệt ...`, `... do Bộ Tài chính ban hành`, `(Văn bản hết hiệu lực)`
PORTAL_TITLE_TAIL = (r"(?:\s+năm\s+\d{4})?\s+(?P<title>[^\W\d][^()|]{10,}?)\s*"
                     r"(?:\s+do\s+[^()|]{3,80}?\s+ban hành\s*)?(?:\((?:Văn bản|VB)[^)]*\)|\||$)")
# What may stand before a key: a bullet, a dash, a cell separator
KEY_LEAD = r"(?:^|(?<=[\s|•·\-*])|(?<=[a-zà-ỹđ0-9)]))"


@lru_cache(maxsize=1)
def _keys_re() -> re.Pattern:
    keys = sorted(structure_vocab()["metadata_keys"], key=len, reverse=True)
    return re.compile(KEY_LEAD + "(" + "|".join(re.escape(k) for k in keys) + r")\s*[:|]?\s*")


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


def portal_title(texts: list[str], number: str | None) -> str | None:
    """The trích yếu a website's title line gives after the document's type and number:
    `Quyết định 612/QĐ-UBND năm 2020 về phê duyệt quy trình ...` → `về phê duyệt quy trình
    ...`; only for this document's own number, and only its first such line."""
    if not number:
        return None
    types = sorted(set(documents_vocab()["heading_types"].values()), key=len, reverse=True)
    pattern = re.compile(r"^\W*(?:" + "|".join(re.escape(t) for t in types) + r")\s+(?:số\s*:?\s*)?"
                         + re.escape(number).replace("/", r"\s*/\s*") + PORTAL_TITLE_TAIL, re.I)
    for text in texts:
        m = pattern.match(text)
        if m and m.group("title"):
            return m.group("title").strip(" .")
    return None
