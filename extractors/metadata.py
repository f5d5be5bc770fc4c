"""Document metadata (spec §5) from the letterhead, title and signature zones,
and from a portal's leading key/value block where the file has one."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from extractors.ocr_repair import OCR_READERS, confirm_name, confirm_phrase
from parsers.grammar.dates import DATE_LINE, DATE_PARTS, numeric_date, safe_date as _safe_date
from parsers.grammar.documents import NUMBER, SUBJECT_LINE, document_number as _norm_number, \
    type_from_number as _type_from_number, vocab as documents_vocab
from parsers.model import DocumentMeta, DocumentTree, Node, Span
from parsers.structure import is_upper_heading, vocab as structure_vocab
from parsers.textutil import clean_value, fold_spaces

VOCAB = Path(__file__).with_name("vocab") / "metadata.json"

# An annex heading naming the document it belongs to (`số` read by OCR as `sô`, `só`):
# `(Kèm theo Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)`,
# `(Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026 của Đoàn kiểm tra ...)`
ATTACHED_TO = re.compile(
    r"\(\s*Kèm theo\s+(?P<type>[^\W\d_][^\d:()]{1,25}?)\s+s[ốôóo]\s*:?\s*"
    r"(?P<num>\d+\s*/\s*[\w\-/]+)\s+ngày\s*(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"\s*(?:/|\s+năm\s+)\s*(?P<y>\d{4})")
# Letterhead lines that continue the name above them: `THEO QUYẾT ĐỊNH`, `SỐ 1050/QĐ-SCT`
CONTINUATION_WORDS = ("THEO ", "SỐ ", "VÀ ", "CỦA ", "VỀ ")
# A signer's name: two to five capitalised words, `Vũ Thu Hà`, `Nguyễn Hòa Bình`; whole
# words only (`À-Ỹ` holds lower-case letters too: not the `ướng` of `Thượng tướng Nguyễn Văn Long`)
NAME = re.compile(r"((?<!\w)(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)\s*$")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def extract_metadata(tree: DocumentTree) -> DocumentMeta:
    blocks = tree.raw.blocks
    zone_nodes = lambda *zs: [n for n in tree.nodes if n.zone in zs]  # noqa: E731
    meta_block = _metadata_block(zone_nodes("metadata"))
    head = zone_nodes("letterhead")
    title_nodes = zone_nodes("title")
    spans: list[tuple[str, Span]] = []

    number, number_span = _doc_number(head, blocks)
    if number_span:
        spans.append(("doc_number", number_span))
    if number is None and "doc_number" in meta_block and not number_span:
        number = _norm_number(meta_block["doc_number"])

    issue_date, place = _date_and_place(head, blocks)
    stamp_number, stamp_date = _from_stamps(blocks)
    number = number or stamp_number
    issue_date = issue_date or stamp_date
    if issue_date is None and "issue_date" in meta_block and not head:
        issue_date = numeric_date(meta_block["issue_date"])

    doc_type, title = _type_and_title(title_nodes, head, number)
    if doc_type is None and meta_block.get("doc_type"):
        doc_type = meta_block["doc_type"]
    if number is None or issue_date is None:      # a letterhead OCR could not read
        own = _attachment_reference(tree)
        if own:
            number, issue_date = number or own[1], issue_date or own[2]
            doc_type = doc_type or own[0]
    issuer = _issuer(head, blocks) or meta_block.get("issuer")
    signer = meta_block.get("signer") or _signer([n for n in tree.nodes if n.zone == "signature"], blocks)
    if tree.raw.reader in OCR_READERS:        # letterhead and signature read worst: see ocr_repair
        body = "\n".join(n.text for n in tree.nodes if n.zone in ("body", "appendix"))
        issuer, signer = confirm_phrase(issuer, body), confirm_name(signer, body)
    return DocumentMeta(doc_number=number, doc_type=doc_type, issuer=issuer,
                        issue_date=issue_date, place=place, signer=signer, title=title,
                        spans=tuple(spans))


def _from_stamps(blocks) -> tuple[str | None, date | None]:
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
            number = _norm_number(text + after)
        m = re.match(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", after)
        if before.rstrip().endswith("ngày") and text.isdigit() and m:
            day = _safe_date(int(m.group(2)), int(m.group(1)), int(text))
    return number, day


def _metadata_block(nodes: list[Node]) -> dict[str, str]:
    keys = structure_vocab()["metadata_keys"]
    out: dict[str, str] = {}
    for n in nodes:
        for key, field in keys.items():
            if field and n.text.startswith(key + " ") and field not in out:
                out[field] = n.text[len(key):].strip(" :")
    return out


def _texts(nodes: list[Node], blocks) -> list[tuple[str, Node]]:
    """Letterhead texts, a row's cells one by one."""
    out = []
    for n in nodes:
        b = blocks[n.block]
        for cell in (b.cells if b.is_row else (b.text,)):
            for line in cell.split("\n"):
                if line.strip():
                    out.append((fold_spaces(line), n))
    return out


def _attachment_reference(tree: DocumentTree) -> tuple[str, str, date | None] | None:
    """(type, number, date) of the document as its own annex names it: `(Kèm theo Công
    văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)` in bca-cv-5689-c04-2025.pdf,
    whose scanned letterhead reads `Só:56ŸS /BCA-C04` and `ngày |Š tháng 12`."""
    for n in tree.nodes:
        if n.zone not in ("appendix", "signature", "body"):
            continue
        m = ATTACHED_TO.search(n.text)
        if m and m.group("type").strip().capitalize() in documents_vocab()["heading_types"].values():
            day = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            return m.group("type").strip().capitalize(), _norm_number(m.group("num")), day
    return None


def _doc_number(head: list[Node], blocks) -> tuple[str | None, Span | None]:
    for text, node in _texts(head, blocks):
        m = NUMBER.match(text)
        if m and ("/" in text or "-" in text):
            return _norm_number(m.group("num")), Span(block=node.block)
    return None, None


def _date_and_place(head: list[Node], blocks) -> tuple[date | None, str | None]:
    for text, _ in _texts(head, blocks):
        if not DATE_LINE.search(text):
            continue
        m = DATE_PARTS.search(text)
        if not m:
            continue
        place = clean_value(m.group("place"))
        if place and (place.startswith("Số") or len(place) > 40):
            place = None
        if m.group("d") and m.group("m"):
            return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), place
        return None, place
    return None, None


def _type_and_title(title_nodes: list[Node], head: list[Node], number: str | None):
    types = documents_vocab()["heading_types"]
    doc_type = None
    parts: list[str] = []
    for i, n in enumerate(title_nodes):
        text = n.text
        if i > 0 and text.startswith("("):
            continue      # `(Ban hành kèm theo Nghị quyết số 35-NQ/TU ...)` qualifies, not names
        if i == 0:
            for word, name in types.items():
                if text.startswith(word):
                    doc_type = name
                    text = text[len(word):].strip(" :")
                    break
        if text:
            parts.append(text)
    title = _sentence_case(" ".join(parts)) if parts else None
    if doc_type is None:
        for text in (n.text for n in head):
            m = SUBJECT_LINE.match(text)
            if m:
                idx = head.index(next(h for h in head if h.text == text))
                tail = [h.text for h in head[idx + 1:] if h.text[:1].islower()]
                title = clean_value(" ".join([text[m.end():].strip(" :")] + tail))
                doc_type = "Công văn"
                break
    if doc_type is None and number:
        doc_type = _type_from_number(number)
    if title:
        title = title[:1].upper() + title[1:]
    return doc_type, clean_value(title)


def _sentence_case(text: str) -> str:
    """`THỰC HIỆN CÁC SÁNG KIẾN ...` → `Thực hiện các sáng kiến ...` (a mixed-case title stays)."""
    text = fold_spaces(text)
    if not is_upper_heading(text):
        return text
    words = text.split(" ")
    out = []
    for w in words:
        if re.search(r"\d|/", w) or (len(w) <= 5 and w.isupper() and w.isalpha() and w in ("UNESCO", "NDC", "UBND", "HĐND")):
            out.append(w)
        else:
            out.append(w.lower())
    s = " ".join(out)
    return s[:1].upper() + s[1:]


def _left_column(head: list[Node], blocks) -> list[str]:
    motto = documents_vocab()["motto"]
    lines: list[str] = []
    for n in head:
        b = blocks[n.block]
        cell = b.cells[0] if b.is_row and b.cells else b.text
        for line in cell.split("\n"):
            line = fold_spaces(line.replace("*", "")).strip(" -_")
            line = re.split(r"\s-{3,}", line)[0].strip()
            for m in motto:   # `CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` on one line
                at = line.find(m)
                if at > 0:
                    line = line[:at].strip()
            if not line:
                continue
            if any(line.startswith(m) for m in motto) or re.match(r"^Số\b", line) or DATE_LINE.search(line) \
                    or SUBJECT_LINE.match(line):
                if any(line.startswith(m) for m in motto) and not b.is_row:
                    if lines:
                        return lines
                    continue
                if lines:
                    return lines
                continue
            if not is_upper_heading(line):
                continue
            lines.append(line)
    return lines


def _issuer(head: list[Node], blocks) -> str | None:
    lines = [ln for ln in _left_column(head, blocks) if not ln.startswith(("ĐẢNG CỘNG SẢN",))]
    if not lines:
        return None
    units = tuple(u + " " for u in vocab()["admin_units"])
    joined: list[str] = []
    for line in lines:
        # `ĐOÀN KIỂM TRA` / `THEO QUYẾT ĐỊNH` / `SỐ 1050/QĐ-SCT` is one name
        if joined and line.startswith(CONTINUATION_WORDS):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    lines = joined
    last = lines[-1]
    if last.startswith(units) and len(lines) >= 2:
        name = f"{lines[-2]} {last}"
    elif len(lines) >= 2 and re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+\S", lines[-2]) and not re.search(
            r"\b(?:TỈNH|THÀNH PHỐ)\s+\S", last):
        province = re.search(r"\b((?:TỈNH|THÀNH PHỐ)\s+.+)$", lines[-2]).group(1)
        name = f"{last} {province}"
    else:
        name = last
    return _title_case(name)


def _title_case(name: str) -> str:
    """`ỦY BAN NHÂN DÂN TỈNH LÀO CAI` → `Ủy ban nhân dân tỉnh Lào Cai`."""
    if not is_upper_heading(name):
        return name
    units = {u.lower() for u in vocab()["admin_units"] for u in u.split()}
    written = name.split()
    out = []
    after_unit = False
    for i, (as_written, w) in enumerate(zip(written, name.lower().split())):
        if re.search(r"\d", w):
            out.append(as_written)            # a number keeps its letters: `1050/QĐ-SCT`
        elif i == 0 or (after_unit and w not in units):
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
        if w in units:
            after_unit = True
    return " ".join(out).replace("Uỷ", "Ủy")


def _signer(nodes: list[Node], blocks) -> str | None:
    candidates: list[str] = []
    for n in nodes:
        b = blocks[n.block]
        cells = b.cells if b.is_row else (b.text,)
        for cell in cells:
            if cell.strip().startswith("Nơi nhận"):
                continue
            for line in cell.split("\n"):
                line = line.strip().strip("*").strip()
                m = NAME.search(line)
                if m and not is_upper_heading(m.group(1)) and len(line.split()) <= 12:
                    candidates.append(fold_spaces(m.group(1)))
    return candidates[-1] if candidates else None
