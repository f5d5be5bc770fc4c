"""What a letterhead says: the issuer's lines, the number, the place and date, and the
subject line of a Công văn (spec §5).

A letterhead is read as its `Line`s (extractors.letterhead_lines: any layout, motto
gone). Its anchors are the number line (`Số: 161/KH-UBND`, or `Số:` with the number
on the next line), the date line (`Hà Nội, ngày 31 tháng 5 năm 2023`, also wrapped
over two lines) and the subject line (`V/v ...`). The issuer is the run of capitalised
lines just above the first anchor: whatever a website put above the letterhead (a
banner, a subscription notice, a metadata box) is separated from it by lines that are
no name, and gives no field.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from extractors.letterhead_lines import Line
from parsers.grammar.dates import DATE_LINE, DATE_PARTS, is_letterhead_date, safe_date, without_fill_marks
from parsers.grammar.documents import NUMBER, SUBJECT_LINE, document_number, vocab as documents_vocab
from parsers.grammar.places import lookup as lookup_place, strip_unit
from parsers.clean_text import clean_value

# A number line as the copy writes it, the `ố` as OCR may read it: `Số: 161/KH-UBND`,
# `Số 06-CT/TW`, `Số:` (its number on the next line), `Sô: 12/UBND`, `SỐ: 25/KH-UBND`, `Số:. 4315/...`,
# `S :3661/VPCP-KTN` (the `ố` lost), `Số: ## /CT-UBND` (its digits lost to OCR: a number line
# still, with no number); never `Số lượng, ...`
NUMBER_START = re.compile(r"^(?:S[ốôóồổộo]|SỐ|S(?=\s+:))\s*(?:hiệu\s*)?(?::[:.]*\s*|\.\s*|(?=[\d/])|\s+(?=[\d/]))")
# The number itself after `Số:`: `161/KH-UBND`, `134 /KH - UBND`, `/KH-UBND` (blank digits)
NUMBER_TEXT = re.compile(r"^(?P<num>[\w.]*(?:\s*[/\-]\s*[\wĐđ&.]*)*)")
# A number standing alone on a letterhead line, its `Số:` lost: `4360/BVHTTDL-VP`
BARE_NUMBER = re.compile(r"^\d{1,6}[a-z]?(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-Za-zĐ0-9]*)*$")
# A date line cut after `ngày` or inside its parts: `Hà Nội, ngày 19` / `tháng 7 năm 2019`
DATE_OPEN = re.compile(r"\bngày(?:\s+\d{1,2})?\s*$|,\s*$", re.I)
DATE_REST = re.compile(r"^(?:ngày\s+)?(?:\d{1,2}\s+)?tháng\b|^\d{1,2}\s+tháng\b|^năm\s+\d{4}", re.I)
# A Công văn's subject written without its label, under the number: `Về thúc đẩy đầu tư
# của Việt Nam ra nước ngoài`, `Về việc thực hiện Đề án ...`
SUBJECT_WITHOUT_LABEL = re.compile(r"^Về\s+[a-zà-ỹđ]")
# How many words a number line that names the type first may have (no more than the type,
# `số` and the number: a longer line cites another document)
TYPED_NUMBER_WORDS = 5
# How many capitalised lines above the number an issuer may take
MAX_ISSUER_LINES = 6
# A place name wrapped before its date line has at most this many words on the line above
# (`Thành phố Hồ Chí` / `Minh, ngày 18 tháng 11 năm 2025`)
MAX_PLACE_WORDS = 4


class Letterhead(NamedTuple):
    issuer_lines: tuple[str, ...]   # as written: `ỦY BAN NHÂN DÂN`, `TỈNH LÀO CAI`
    number: str | None              # normalised: `134/KH-UBND`; None when blank or absent
    number_block: int | None        # the block the number line is in
    has_number_line: bool           # a `Số:` line stood there (its digits maybe blank)
    issue_date: date | None
    place: str | None
    subject: str | None             # the `V/v` line(s) without `V/v`


def _is_number_line(text: str) -> bool:
    return bool(NUMBER_START.match(text)) and not text.startswith("SỐ ") or bool(
        _typed_number().match(text)) and len(text.split()) <= TYPED_NUMBER_WORDS


@lru_cache(maxsize=1)
def _typed_number() -> re.Pattern:
    """A number line that names the type first: `Nghị quyết số: 119/2026/UBTVQH15`."""
    names = sorted(set(documents_vocab()["heading_types"].values()), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(n) for n in names) + r")\s+số\s*:?\s*(?=\d)")


def _number_of(lines: list[Line], i: int) -> tuple[str | None, int]:
    """The number on line i (or on the next line when line i is a bare `Số:`); how many
    lines it took."""
    rest = _typed_number().sub("", NUMBER_START.sub("", lines[i].text, count=1), count=1).strip()
    taken = 1
    if not rest and i + 1 < len(lines) and re.match(r"^[\d/]", lines[i + 1].text):
        rest, taken = lines[i + 1].text, 2
    elif re.fullmatch(r"\d+", rest) and i + 1 < len(lines) and re.match(r"^/\d{0,4}/?[^\W\d_]", lines[i + 1].text):
        rest, taken = rest + lines[i + 1].text.split()[0], 2      # `Số: 32` | `/2025/QĐ-UBND`
    m = NUMBER_TEXT.match(rest)
    raw = m.group("num") if m else ""
    return (document_number(raw) if "/" in raw or "-" in raw else None), taken


def _date_line(lines: list[Line], i: int) -> tuple[str, int] | None:
    """The date line at line i, joined with the next line when it wraps; the lines taken."""
    text = lines[i].text
    if is_letterhead_date(text):
        return text, 1
    if i + 1 < len(lines) and ("ngày" in text.casefold() or text.endswith(",")):
        joined = f"{text} {lines[i + 1].text}"
        if is_letterhead_date(joined):
            return joined, 2
    return None


def _place(raw: str, before: str | None) -> str | None:
    place = clean_value(raw)
    if place and (place.startswith(("Số", "số")) or len(place) > 40):
        return None
    if before and place and not lookup_place(place) and lookup_place(strip_unit(f"{before} {place}")):
        return f"{before} {place}"       # `Hà` / `Nội, ngày 08 tháng 02 năm 2010`, `Thành phố Hồ Chí` / `Minh, ngày ...`
    return place


def read_letterhead(lines: list[Line]) -> Letterhead:
    number = number_block = None
    has_number = False
    issue_date = place = subject = None
    first_anchor = None
    i = 0
    while i < len(lines):
        text = lines[i].text
        if not has_number and _is_number_line(text):
            number, taken = _number_of(lines, i)
            has_number, number_block = True, lines[i].block
            first_anchor = i if first_anchor is None else first_anchor
            after = _typed_number().sub("", NUMBER_START.sub("", text, count=1), count=1)
            m = NUMBER_TEXT.match(after.strip())
            tail = after.strip()[m.end():].strip() if m else ""
            if taken == 1 and tail and DATE_LINE.search(tail) and issue_date is None:
                issue_date, place = _date_parts(tail, None)     # `Số: 454/UBND-NCTH Vị Thanh, ngày ...`
            i += taken
            if subject is None and i < len(lines) and SUBJECT_WITHOUT_LABEL.match(lines[i].text) \
                    and not is_letterhead_date(lines[i].text):
                subject, i = _subject(lines, i, lines[i].text)
            continue
        dl = _date_line(lines, i) if issue_date is None and place is None else None
        if dl:
            before = lines[i - 1].text if i > 0 and len(lines[i - 1].text.split()) <= MAX_PLACE_WORDS else None
            issue_date, place = _date_parts(dl[0], before)
            first_anchor = i if first_anchor is None else first_anchor
            i += dl[1]
            continue
        if subject is None and SUBJECT_LINE.match(text):
            first_anchor = i if first_anchor is None else first_anchor
            subject, i = _subject(lines, i, SUBJECT_LINE.sub("", text, count=1))
            continue
        i += 1
    if not has_number:             # a copy that lost `Số:`: a line that is the number alone
        bare = next((k for k, ln in enumerate(lines) if BARE_NUMBER.match(ln.text.strip())), None)
        if bare is not None:
            number, number_block = document_number(lines[bare].text.strip()), lines[bare].block
    issuer = _issuer_run(lines, first_anchor) if first_anchor is not None else []
    return Letterhead(tuple(issuer), number, number_block, has_number, issue_date, place, subject)


def _subject(lines: list[Line], i: int, first: str) -> tuple[str | None, int]:
    """The subject line at line i (its label gone) and the lines that carry it on: those
    in lower case (`V/v quản lý, thống kê, ... sản` / `lượng, kết quả khai thác`), or the
    rest after a bare label (`V/v` / `: Thực hiện quy định về hóa đơn.`)."""
    parts = [first.strip(" :.")]
    j = i + 1
    while j < len(lines) and not is_letterhead_date(lines[j].text) and (
            lines[j].text[:1].islower() or not parts[0] and j == i + 1):
        parts.append(lines[j].text.strip(" :"))
        j += 1
    return clean_value(" ".join(p for p in parts if p)), j


def _date_parts(text: str, before: str | None) -> tuple[date | None, str | None]:
    m = DATE_PARTS.search(without_fill_marks(text))
    if not m:
        return None, None
    place = _place(m.group("place"), before)
    if m.group("d") and m.group("m"):
        return safe_date(m.group("y"), m.group("m"), m.group("d")), place
    return None, place


def is_heading_line(text: str) -> bool:
    """`KẾ HOẠCH`, `QUYẾT ĐỊNH` (a type heading, never part of an issuer)."""
    return text.rstrip(" :").rstrip("0123456789*") in documents_vocab()["title_headings"]


def is_caps(text: str) -> bool:
    """A line in capitals, however short: `BỘ`, `ỦY`, `TỈNH BẾN TRE` (a long one may
    hold a few lower-case letters that OCR misread)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or text[:1].isdigit():
        return False
    upper = sum(c.isupper() for c in letters)
    return upper == len(letters) or (len(letters) >= 8 and upper >= 0.85 * len(letters))


def _issuer_run(lines: list[Line], anchor: int) -> list[str]:
    """The capitalised lines just above the first anchor, top to bottom."""
    run: list[str] = []
    for ln in reversed(lines[:anchor]):
        text = ln.text
        if not is_caps(text) or is_heading_line(text) or _is_number_line(text):
            if run:
                break
            continue
        run.append(text)
        if len(run) >= MAX_ISSUER_LINES:
            break
    return run[::-1]
