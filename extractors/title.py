"""The document type and the trích yếu (spec §5).

The type is the heading's (`KẾ HOẠCH`, `THÔNG TƯ LIÊN TỊCH`), else the type code of the
number (`134/KH-UBND`), else a Công văn's subject line says it. The trích yếu is what
follows the heading up to where the next part starts: the authority line (`CHỦ TỊCH ỦY
BAN NHÂN DÂN TỈNH ...`, `HỘI ĐỒNG NHÂN DÂN ... KHÓA ..., KỲ HỌP ...`), the body (`Căn cứ
...`). An old heading's qualifier (`CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 60/2002/QĐ-TTg NGÀY 13
THÁNG 5 NĂM 2002`), a label `V/v`, and the type repeated at the start (`THÔNG TƯ QUY ĐỊNH
...` under `THÔNG TƯ`) are no part of it; a parenthesis on a line of its own qualifies
the title (`(Ban hành kèm theo ...)`) and is left out.
"""
from __future__ import annotations

import re

from extractors.issuer import expand, is_authority
from extractors.truecase import head_of
from parsers.grammar.documents import type_from_number, vocab as documents_vocab
from parsers.textutil import clean_value

# Lines that open the body, never a title: `Căn cứ Luật ...`, `Kính gửi: ...`
BODY_OPENER = re.compile(r"^(?:Căn cứ|Kính gửi|Theo đề nghị|Xét đề nghị)\b")
# Lines that open the body once a title stands above them: `Thực hiện Quyết định số ..., Ủy
# ban nhân dân tỉnh ban hành Kế hoạch ...` (a trích yếu may itself open `Thực hiện ...`)
LATER_OPENER = re.compile(r"^(?:Thực hiện|Trên cơ sở|Triển khai|Để|Nhằm|Ngày \d)\b")
# An old heading's qualifier before the trích yếu: `CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 87/2008/QĐ-TTg
# NGÀY 03 THÁNG 07 NĂM 2008`, `CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ`
QUALIFIER = re.compile(r"^CỦA\s+(?P<who>.*?)(?:\s+NGÀY\s+\d{1,2}\s+THÁNG\s+\d{1,2}\s+NĂM\s+\d{4}\s*|\s+(?=V/[Vv]\b))")
# The subject label of a letter: `V/v`, `V/V`, `Về việc:` of a party letter stays unless a label
SUBJECT_LABEL = re.compile(r"^V/[vV]\s*[:.]?\s*")
# A council's session on a line of its own, under its name: `KHÓA VII KỲ HỌP THỨ 6 (BẤT THƯỜNG)`
SESSION_LINE = re.compile(r"^(?:KHÓA|KHOÁ|KỲ HỌP)\b")
# Words a title line may end on when it goes on under: `... CỦA`, `... VÀ`, `... TRÊN ĐỊA BÀN`
OPEN_END = re.compile(r"(?:\b(?:của|và|về|với|cho|tại|theo|thuộc|trên|đối với|giữa|trong)|[,\-–])$", re.I)


def heading_type(text: str) -> tuple[str | None, str]:
    """(`Kế hoạch`, the rest) for `KẾ HOẠCH ...`; (None, text) when it opens with no type."""
    types = documents_vocab()["heading_types"]
    for word in sorted(types, key=len, reverse=True):
        if text == word or text.startswith(word + " ") or text.startswith(word + ":"):
            return types[word], text[len(word):].strip(" :")
        name = types[word]       # run into its trích yếu: `Nghị quyết về việc thành lập ...`
        if text.startswith(name + " ") and text[len(name) + 1:len(name) + 2].islower():
            return name, text[len(name):].strip()
    return None, text


def _without_labels(text: str) -> str | None:
    """The trích yếu without an old heading's qualifier (also wrapped over two lines) and a
    `V/v` label."""
    m = QUALIFIER.match(text)
    if m and not any(c.islower() for w in m.group("who").split() if not re.search(r"\d", w) for c in w):
        text = text[m.end():]
    return clean_value(SUBJECT_LABEL.sub("", text))


def read_title(texts: list[str], subject: str | None, number: str | None) -> tuple[str | None, str | None]:
    """(type, trích yếu as written) from the title zone's texts."""
    doc_type = None
    parts: list[str] = []
    for i, text in enumerate(texts):
        text = text.strip().strip("*_ ").strip()
        if i == 0:
            doc_type, text = heading_type(text)
        elif not parts and doc_type and heading_type(text)[0] == doc_type:
            text = heading_type(text)[1]          # the type repeated: `THÔNG TƯ QUY ĐỊNH ...`
        if not text:
            continue
        if parts and text.startswith("("):
            continue      # `(Ban hành kèm theo Nghị quyết số 35-NQ/TU ...)` qualifies, not names
        after = texts[i + 1].strip() if i + 1 < len(texts) else ""
        authority = is_authority(text) or (SESSION_LINE.match(after) and head_of(expand(text)) is not None)
        if BODY_OPENER.match(text) or (parts and LATER_OPENER.match(text)) or SESSION_LINE.match(text) or (
                authority and not (parts and OPEN_END.search(parts[-1]))):
            break
        parts.append(text)
    title = _without_labels(" ".join(parts)) if parts else None
    if doc_type is None and subject:
        title, doc_type = subject, "Công văn"
    if doc_type is None and number:
        doc_type = type_from_number(number)
    return doc_type, title
