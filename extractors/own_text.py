"""Document fields the document's own text gives where its letterhead does not (spec
§5): an e-signature's stamp filling the blanks of the number and the day, an annex that
names the document it belongs to (`(Kèm theo Công văn số 6386/... ngày 25/11/2025 của
Bộ ...)`), the body announcing (`Văn phòng Chính phủ thông báo ...`), the adoption of a
resolution (`... thông qua ngày 06 tháng 02 năm 2026`)."""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from parsers.grammar.dates import ADOPTED_ON, safe_date
from parsers.grammar.documents import document_number, vocab as documents_vocab
from parsers.model import DocumentTree

# An annex heading naming the document it belongs to (`số` read by OCR as `sô`, `só`):
# `(Kèm theo Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)`,
# `(Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026 của Đoàn kiểm tra ...)`
ATTACHED_TO = re.compile(
    r"\(\s*Kèm theo\s+(?P<type>[^\W\d_][^\d:()]{1,25}?)\s+s[ốôóo]\s*:?\s*"
    r"(?P<num>\d+\s*/\s*[\w\-/]+)\s+ngày\s*(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"\s*(?:/|\s+năm\s+)\s*(?P<y>\d{4})(?:\s+của\s+(?P<issuer>[^()]{3,80}?))?\s*\)")
# A body announcing what the document says: `Văn phòng Chính phủ thông báo để ...`,
# `Văn phòng Ủy ban nhân dân tỉnh xin thông báo ...`
ANNOUNCES = re.compile(r"(?:^|[.;]\s+)(?P<body>[A-ZĐÂƯ][^.;:,]{2,70}?)\s+(?:xin\s+|trân trọng\s+)?thông báo\b")
# The zones the document's own text stands in
OWN_ZONES = ("appendix", "signature", "body")


class Attachment(NamedTuple):
    doc_type: str
    number: str | None
    issue_date: date | None
    issuer: str | None


def from_stamps(blocks) -> tuple[str | None, date | None]:
    """The number and day an e-signature stamp writes into blanks left in the body.

    A stamp block carries `before=Số:` / `after=/UBND-XD` (or `before=Lào Cai, ngày` /
    `after=tháng 7 năm 2026`) in its cells, as parsers.pdf_stamps reads them."""
    number = day = None
    for b in blocks:
        if b.kind != "stamp":
            continue
        attrs = dict(c.split("=", 1) for c in b.cells if "=" in c)
        before, after, text = attrs.get("before", ""), attrs.get("after", ""), b.text.strip()
        if before.rstrip(" :").endswith("Số") and after.startswith("/") and text.isdigit():
            number = document_number(text + after)
        m = re.match(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", after)
        if before.rstrip().endswith("ngày") and text.isdigit() and m:
            day = safe_date(m.group(2), m.group(1), text)
    return number, day


def attachment(tree: DocumentTree) -> Attachment | None:
    """The document as its own annex names it: `(Kèm theo Công văn sô: 5689/BCA-C04 ngày
    16 tháng 12 năm 2025)` under a scanned letterhead OCR misread."""
    for n in tree.nodes:
        if n.zone not in OWN_ZONES:
            continue
        m = ATTACHED_TO.search(n.text)
        if m and m.group("type").strip().capitalize() in documents_vocab()["heading_types"].values():
            day = safe_date(m.group("y"), m.group("m"), m.group("d"))
            return Attachment(m.group("type").strip().capitalize(), document_number(m.group("num")), day,
                              m.group("issuer"))
    return None


def announcer(tree: DocumentTree, is_body) -> str | None:
    """The body the text says announces it (`Văn phòng Chính phủ thông báo ...`), when
    `is_body` takes it for a body's name."""
    for n in tree.nodes:
        if n.zone in OWN_ZONES:
            for m in ANNOUNCES.finditer(n.text):
                if is_body(m.group("body").strip()):
                    return m.group("body").strip()
    return None


def adopted_on(tree: DocumentTree) -> date | None:
    """The day a resolution says it was adopted: `Nghị quyết này được Ủy ban Thường vụ Quốc
    hội ... thông qua ngày 06 tháng 02 năm 2026`."""
    for n in reversed(tree.nodes):
        if n.zone in ("body", "signature"):
            m = ADOPTED_ON.search(n.text)
            if m:
                return safe_date(m.group("y"), m.group("m"), m.group("d"))
    return None
