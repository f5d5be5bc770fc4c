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
# A body saying it issues the document: `Văn phòng Chính phủ thông báo để ...`, `Văn phòng Ủy
# ban nhân dân tỉnh xin thông báo ...`, `..., Uỷ ban nhân dân tỉnh xây dựng Kế hoạch ... như sau:`,
# a directive's enacting words `..., Bộ trưởng Bộ Công Thương chỉ thị:`
ANNOUNCES = re.compile(r"(?:^|[.;,]\s+)(?P<body>[A-ZĐÂƯ][^.;:,]{2,70}?)\s+(?:xin\s+|trân trọng\s+)?"
                       r"(?:thông báo\b|chỉ thị\s*:|(?:xây dựng|ban hành)\s+(?:Kế hoạch|Chương trình|Quy chế|Đề án|Hướng dẫn)\b)")
# How far into the body, or from its end, a document says who issues it
ANNOUNCE_NODES = 15
# The heading of a consolidated text's own letterhead: `XÁC THỰC VĂN BẢN HỢP NHẤT`
AUTHENTICATES = re.compile(r"\bXÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT\b")
# How many lines a consolidated text's letterhead spans on either side of that heading
# (issuer on two lines, `Số: ...`, the date line), and how many more follow to its signer
# (`KT. BỘ TRƯỞNG` / `THỨ TRƯỞNG` / name)
AUTHENTICATION_REACH = 4
SIGNER_REACH = 4
# How many of the last nodes may hold a letterhead set at the end
CLOSING_NODES = 40
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
    own = [n for n in tree.nodes if n.zone in OWN_ZONES]
    for n in own[:ANNOUNCE_NODES] + own[ANNOUNCE_NODES:][-ANNOUNCE_NODES:]:     # its opening, its close
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


def closing_letterhead(tree: DocumentTree):
    """A letterhead set at the end of a copy whose top has none (a text whose lines ran
    together, a copy that moved the letterhead below the body): read like the top's
    (extractors.letterhead), from the document's last blocks; None when they hold no
    number line and no date line."""
    from extractors.letterhead import read_letterhead
    from extractors.letterhead_lines import head_lines
    blocks = tree.raw.blocks
    tail = [blocks[n.block] for n in tree.nodes[-CLOSING_NODES:] if n.zone in OWN_ZONES]
    lh = read_letterhead(head_lines(tail))
    return lh if lh.has_number_line and lh.issue_date else None


def authentication(tree: DocumentTree):
    """The letterhead of a consolidated text (văn bản hợp nhất), which authenticates itself
    in a block of its own wherever the copy sets it (at the end, before the annexes, at the
    top): `BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI` / `Số: 1166/VBHN-BLĐTBXH` / `XÁC THỰC VĂN
    BẢN HỢP NHẤT` / `Hà Nội, ngày 22 tháng 3 năm 2024` / `KT. BỘ TRƯỞNG` / `THỨ TRƯỞNG` /
    name. The document is the consolidated text, so this block, not the heading of the
    text it consolidates, gives its number, date and issuer. Read like the top's
    (extractors.letterhead) from the block's lines; returns (letterhead, the nodes after
    the block, where its signer stands), or None when no such block holds a number line
    and a date line."""
    from extractors.letterhead import read_letterhead
    from extractors.letterhead_lines import head_lines
    blocks = tree.raw.blocks
    for i, n in enumerate(tree.nodes):
        if not AUTHENTICATES.search(n.text):
            continue
        near = tree.nodes[max(0, i - AUTHENTICATION_REACH):i + AUTHENTICATION_REACH + 1]
        lines = [ln._replace(text=AUTHENTICATES.sub("", ln.text).strip())
                 for ln in head_lines([blocks[m.block] for m in near])]
        lh = read_letterhead([ln for ln in lines if ln.text])      # the heading is no issuer's line
        if lh.has_number_line and lh.issue_date:
            return lh, tree.nodes[i + 1:i + 1 + AUTHENTICATION_REACH + SIGNER_REACH]
    return None
