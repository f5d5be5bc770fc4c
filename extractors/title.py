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
from datetime import date
from functools import lru_cache

from extractors.issuer import expand, is_authority, load_titles, vocab as metadata_vocab
from parsers.grammar.places import key
from extractors.truecase import head_of
from parsers.grammar.dates import safe_date
from parsers.grammar.documents import document_number, fold, type_from_number, vocab as documents_vocab
from parsers.clean_text import clean_value

# A footnote's mark after a heading: `THÔNG TƯ1`
FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
# Lines that open the body, never a title: `Căn cứ Luật ...`, `Kính gửi: ...`
BODY_OPENER = re.compile(r"^(?:Căn cứ|Kính gửi|Theo đề nghị|Xét đề nghị)\b")
# Lines that open the body once a title stands above them: `Thực hiện Quyết định số ..., Ủy
# ban nhân dân tỉnh ban hành Kế hoạch ...` (a trích yếu may itself open `Thực hiện ...`)
LATER_OPENER = re.compile(r"^(?:Thực hiện|Trên cơ sở|Triển khai|Để|Nhằm|Ngày \d)\b")
# An old heading's qualifier before the trích yếu: `CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 87/2008/QĐ-TTg
# NGÀY 03 THÁNG 07 NĂM 2008`, `CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ`
QUALIFIER = re.compile(r"^CỦA\s+(?P<who>.*?)(?:\s+NGÀY\s+\d{1,2}\s+THÁNG\s+\d{1,2}\s+NĂM\s+\d{4}\s*|\s+(?=V/[Vv]\b))")
# The number and the date an old heading's qualifier gives: `CỦA CHÍNH PHỦ SỐ 01/2010/NĐ-CP NGÀY 04
# THÁNG 01 NĂM 2010`
QUALIFIER_FIELDS = re.compile(r"^CỦA\s+.{0,80}?\s+SỐ\s*:?\s*(?P<num>\d+\s*/\s*[\wĐ/\-\s]*?)\s+NGÀY\s+(?P<d>\d{1,2})"
                              r"\s+THÁNG\s+(?P<m>\d{1,2})\s+NĂM\s+(?P<y>\d{4})")
# The subject label of a letter: `V/v`, `V/V`, `Về việc:` of a party letter stays unless a label
SUBJECT_LABEL = re.compile(r"^V/[vV]\s*[:.]?\s*")
# A council's session on a line of its own, under its name: `KHÓA VII KỲ HỌP THỨ 6 (BẤT THƯỜNG)`
SESSION_LINE = re.compile(r"^(?:KHÓA|KHOÁ|KỲ HỌP)\b")
# A parenthesis closing a title: `... (sửa đổi) (trình phiên họp Chính phủ thường kỳ tháng 8/2016)`
TRAILING_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
# The body's first words run onto a title's line (a PDF's text): `... GIẢI THỂ TỔ CHỨC HÀNH CHÍNH
# Căn cứ Luật Tổ chức Chính phủ ...`
OPENER_INSIDE = re.compile(r"\s+(?:Căn cứ|Kính gửi:?)\s+(?=[A-ZĐÀ-Ỹ])")
# The rule a copy draws under a title, run onto its line: `... NĂM 2014 -------------------- THỦ TƯỚNG`
SEPARATOR_RULE = re.compile(r"\s*[-_–—=*]{4,}")
# Words a title line may end on when it goes on under: `... CỦA`, `... VÀ`, `... TRÊN ĐỊA BÀN`
OPEN_END = re.compile(r"(?:\b(?:của|và|về|với|cho|tại|theo|thuộc|trên|đối với|giữa|trong)|[,\-–])$", re.I)


def heading_type(text: str) -> tuple[str | None, str]:
    """(`Kế hoạch`, the rest) for `KẾ HOẠCH ...`; (None, text) when it opens with no type."""
    types = documents_vocab()["heading_types"]
    text = FOOTNOTE_MARK.sub("", text) if text.isupper() else text
    folded = fold(text)
    for word in sorted(types, key=len, reverse=True):
        if text == word or text.startswith(word + " ") or text.startswith(word + ":"):
            return types[word], text[len(word):].strip(" :")
        if folded == fold(word) and text.isupper():
            return types[word], ""                  # OCR misread it: `QUYÉT ĐỊNH`
        name = types[word]       # run into its trích yếu: `Nghị quyết về việc thành lập ...`
        if text.startswith(name + " ") and text[len(name) + 1:len(name) + 2].islower() \
                and word not in documents_vocab()["verb_like_types"]:
            return name, text[len(name):].strip()
    return None, text


def _cut_authority(text: str) -> tuple[str, bool]:
    """A title line a copy ran into the authority line under it: `... CỦA NGÀNH TƯ PHÁP TỈNH
    ĐỒNG NAI CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI` → the title, True (never a name the title
    itself ends on: `... CỦA ỦY BAN NHÂN DÂN TỈNH X` stays)."""
    words = text.split()
    if not words or any(c.islower() for c in text):
        return text, False
    opening = _opening_words()
    for i in range(1, len(words) - 1):
        if words[i] not in opening and expand(words[i]) .split()[0] not in opening:
            continue
        rest = " ".join(words[i:])
        if OPEN_END.search(" ".join(words[:i])) or not head_of(expand(rest)) and not _opens_with_office(rest):
            continue
        if _ends_with_office(" ".join(words[:i])):
            continue            # the office the title names: `... BỔ SUNG PHÓ CHỦ TỊCH HĐND TỈNH AN GIANG`
        if is_authority(rest):
            return " ".join(words[:i]), True
    return text, False


def _ends_with_office(text: str) -> bool:
    """`... BẦU CỬ BỔ SUNG PHÓ CHỦTỊCH` ends on an office-holder's title (its words may be glued)."""
    k = fold(text).replace(" ", "")
    return any(k.endswith(fold(t).replace(" ", "")) for t in load_titles())


def _opens_with_office(text: str) -> bool:
    k = key(text)
    return any(k.startswith(t + " ") for t in _title_keys())


@lru_cache(maxsize=1)
def _title_keys() -> tuple[str, ...]:
    return tuple(key(t) for t in load_titles())


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    """The first words of office-holders' titles and head nouns, in capitals: where an
    authority line run onto a title may start."""
    from extractors.truecase import _heads
    return frozenset(w.split()[0].upper() for w in list(load_titles()) + list(_heads()))


def _without_labels(text: str) -> str | None:
    """The trích yếu without an old heading's qualifier (also wrapped over two lines) and a
    `V/v` label."""
    m = QUALIFIER.match(text)
    if m and not any(c.islower() for w in m.group("who").split() if not re.search(r"\d", w) for c in w):
        text = text[m.end():]
    return clean_value(SUBJECT_LABEL.sub("", text))


def _unglued(text: str) -> str:
    """An office-holder's title or an issuing verb whose words a copy glued: `PHÓ CHỦTỊCH` →
    `PHÓ CHỦ TỊCH`, `BANHÀNH` → `BAN HÀNH`."""
    glued = _glued_titles()
    def split(m: re.Match) -> str:
        t = glued.get(fold(m.group()))
        if not t:
            return m.group()
        return t.upper() if m.group().isupper() else m.group()[0] + t[1:] if m.group()[0].isupper() else t
    return re.sub(r"\w{4,}", split, text)


@lru_cache(maxsize=1)
def _glued_titles() -> dict[str, str]:
    """The office-holders' titles and the issuing verbs of two or more words (`Phó Chủ tịch`,
    `ban hành`), by their folded letters without spaces."""
    words = list(load_titles()) + list(metadata_vocab()["issuing_verbs"])
    return {fold(t).replace(" ", ""): t for t in words if " " in t}


def _without_qualifier(text: str | None) -> str | None:
    """A title without the parenthesis that says how it is put forward, run onto its line:
    `(trình phiên họp Chính phủ ...)`, `(ban hành kèm theo ...)`; `(sửa đổi)` names it."""
    m = TRAILING_PAREN.search(text or "")
    if m and m.start() > 0 and any(key(m.group("inner")).startswith(key(q) + " ")
                                   for q in metadata_vocab()["title_qualifiers"]):
        return text[:m.start()]
    return text


def _cut_heading(text: str) -> bool:
    """A heading cut short where the copy ends: `NGHỊ QUYẾ` (a type's first letters)."""
    folded = fold(text)
    return text.isupper() and any(fold(t).startswith(folded) and fold(t) != folded
                                  for t in documents_vocab()["heading_types"])


def qualifier_fields(texts: list[str]) -> tuple[str | None, date | None]:
    """(number, date) of an old heading's qualifier among the title's first lines."""
    for text in texts[:3]:
        m = QUALIFIER_FIELDS.match(text.strip())
        if m:
            return document_number(m.group("num")), safe_date(m.group("y"), m.group("m"), m.group("d"))
    return None, None


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
        text, cut = _cut_authority(text)
        opener = OPENER_INSIDE.search(text)
        if opener and len(text[:opener.start()].split()) >= 3:    # `... TỔ CHỨC HÀNH CHÍNH Căn cứ Luật ...`
            text, cut = text[:opener.start()], True
        rule = SEPARATOR_RULE.search(text)
        if rule and rule.start() == 0 and parts:
            break                                 # the rule under the title, on a line of its own
        if rule and rule.start() > 0:             # `... SÔNG SÀI GÒN ----------- CHỦ TỊCH ...`
            text, cut = text[:rule.start()], True
        parts.append(text)
        if cut:
            break
    title = _without_qualifier(_without_labels(_unglued(" ".join(p for p in parts if p)))) if parts else None
    if title and (_cut_heading(title) or " " not in title.strip()):
        title = None                              # a copy cut short: `NGHỊ QUYẾ`, `HƯỚN`
    if doc_type is None and subject:
        title, doc_type = subject, "Công văn"
    if doc_type is None and number:
        doc_type = type_from_number(number)
    return doc_type, title
