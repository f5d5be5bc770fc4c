"""A website's metadata box about a document: `Số hiệu: 161/KH-UBND`, `Loại văn bản:
Kế hoạch`, `Người ký: Nguyễn Văn A`, in any layout the copies have (a key per line,
`| key | value |` cells, several keys on one line, keys glued to the value before them:
`Cơ quan ban hành:Thủ tướng Chính phủSố công báo:407`). Spec §1: such text gives a
field only where the document itself lacks it (no letterhead, no signature)."""
from __future__ import annotations

import re
from functools import lru_cache

from parsers.structure import vocab as structure_vocab

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
