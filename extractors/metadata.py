"""Document metadata (spec §5) from the letterhead, title and signature zones,
and from a portal's leading key/value block where the file has one."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from extractors.issuer import authority_body, cased_issuer, complete_name, complete_place, expand, \
    is_authority, issuer_name, needs_place
from extractors.letterhead import is_caps, read_letterhead
from extractors.letterhead_lines import head_lines
from extractors.portal import portal_fields
from extractors.title import read_title
from extractors.title_case import case_title
from extractors.ocr_repair import OCR_READERS, confirm_name, confirm_phrase
from parsers.grammar.dates import numeric_date, safe_date as _safe_date
from parsers.grammar.documents import document_number as _norm_number, \
    type_from_number as _type_from_number, vocab as documents_vocab
from parsers.model import DocumentMeta, DocumentTree, Node, Span
from parsers.structure import is_upper_heading
from parsers.textutil import clean_value, fold_spaces

VOCAB = Path(__file__).with_name("vocab") / "metadata.json"

# An annex heading naming the document it belongs to (`số` read by OCR as `sô`, `só`):
# `(Kèm theo Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)`,
# `(Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026 của Đoàn kiểm tra ...)`
ATTACHED_TO = re.compile(
    r"\(\s*Kèm theo\s+(?P<type>[^\W\d_][^\d:()]{1,25}?)\s+s[ốôóo]\s*:?\s*"
    r"(?P<num>\d+\s*/\s*[\w\-/]+)\s+ngày\s*(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"\s*(?:/|\s+năm\s+)\s*(?P<y>\d{4})")
# How far down a website's metadata box may stand above a document without letterhead
PORTAL_NODES = 30
# How many of the body's first nodes may name a local issuer's province
BODY_NODES_FOR_PLACE = 30
# A joint number, of a document that several bodies issue together: `10/2004/TTLT-BLĐTBXH-BTC`
JOINT_NUMBER = re.compile(r"[/\-](?:TTLT|NQLT|QĐLT|CTLT|HDLT|LT)\b")
# A signer's name: two to five capitalised words, `Vũ Thu Hà`, `Nguyễn Hòa Bình`; whole
# words only (`À-Ỹ` holds lower-case letters too: not the `ướng` of `Thượng tướng Nguyễn Văn Long`)
NAME = re.compile(r"((?<!\w)(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)\s*$")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def extract_metadata(tree: DocumentTree) -> DocumentMeta:
    blocks = tree.raw.blocks
    zone_nodes = lambda *zs: [n for n in tree.nodes if n.zone in zs]  # noqa: E731
    head = zone_nodes("letterhead")
    title_nodes = zone_nodes("title")
    spans: list[tuple[str, Span]] = []

    lh = read_letterhead(head_lines([blocks[n.block] for n in head]))
    no_letterhead = not lh.has_number_line and lh.issue_date is None and lh.place is None
    meta_block = portal_fields([n.text for n in (tree.nodes[:PORTAL_NODES] if no_letterhead
                                                 else zone_nodes("metadata"))])
    number = lh.number
    if lh.number_block is not None:
        spans.append(("doc_number", Span(block=lh.number_block)))
    if number is None and "doc_number" in meta_block and not lh.has_number_line:
        number = _norm_number(meta_block["doc_number"])

    issue_date, place = lh.issue_date, lh.place
    stamp_number, stamp_date = _from_stamps(blocks)
    number = number or stamp_number
    issue_date = issue_date or stamp_date
    if issue_date is None and "issue_date" in meta_block and not head:
        issue_date = numeric_date(meta_block["issue_date"])

    doc_type, title = read_title([n.text for n in title_nodes], lh.subject, number)
    title = case_title(title, _case_evidence(tree)) if title else None
    if doc_type is None and meta_block.get("doc_type"):
        doc_type = meta_block["doc_type"]
    if number is None or issue_date is None:      # a letterhead OCR could not read
        own = _attachment_reference(tree)
        if own:
            number, issue_date = number or own[1], issue_date or own[2]
            doc_type = doc_type or own[0]
    name = issuer_name(list(lh.issuer_lines), joint=bool(number and JOINT_NUMBER.search(number)))
    evidence = _place_evidence(tree, name or "", lh.place, meta_block)
    if name is None:       # no letterhead: the authority line under the title
        name = next(filter(None, (authority_body(t) for t in evidence[0] if is_authority(t))), None)
    if name and needs_place(name):
        name = complete_place(name, *evidence)
    if name:
        name = complete_name(name, evidence[3])
    issuer = cased_issuer(name) or meta_block.get("issuer")
    signer = _signer([n for n in tree.nodes if n.zone == "signature"], blocks) or meta_block.get("signer") \
        or portal_fields([n.text for n in tree.nodes[-PORTAL_NODES:]]).get("signer")
    if tree.raw.reader in OCR_READERS:        # letterhead and signature read worst: see ocr_repair
        body = "\n".join(n.text for n in tree.nodes if n.zone in ("body", "appendix"))
        issuer, signer = confirm_phrase(issuer, body), confirm_name(signer, body)
    return DocumentMeta(doc_number=number, doc_type=doc_type, issuer=issuer,
                        issue_date=issue_date, place=place, signer=signer, title=title,
                        spans=tuple(spans))


def _case_evidence(tree: DocumentTree) -> list[list[str]]:
    """The texts whose letter case a title in capitals may take, most trusted first: the
    body and annexes, then a website's title line above the letterhead (lines in
    capitals give none)."""
    own = [n.text for n in tree.nodes if n.zone in ("body", "appendix", "signature")]
    return [own, [n.text for n in tree.nodes if n.zone in ("metadata", "letterhead")]]


def _place_evidence(tree: DocumentTree, name: str, place: str | None, meta_block: dict):
    """What may name a local issuer's province: the authority lines under the title
    (capitalised lines that name the issuer's head), the place line, the portal's
    issuing place, and the texts of the title and the body's start."""
    bare = " ".join(w for w in name.split() if w not in ("TỈNH", "THÀNH", "PHỐ"))
    near = [n for n in tree.nodes if n.zone in ("letterhead", "title")]
    near += [n for n in tree.nodes if n.zone == "body"][:BODY_NODES_FOR_PLACE]
    authority = [n.text for n in near if is_caps(n.text) and bare in expand(n.text)
                 and n.zone != "letterhead" or not name and n.zone == "title"]
    texts = [n.text for n in near if n.zone in ("title", "body")]
    return authority, place, meta_block.get("issuer"), texts


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


def unglue_name(line: str) -> str:
    """A name glued to the title above it, as some copies print it: `CHÁNH VĂN PHÒNGThái
    Hữu Phép` → `CHÁNH VĂN PHÒNG Thái Hữu Phép` (two capitals, then a capitalised word)."""
    for i in range(2, len(line) - 1):
        if line[i - 2].isupper() and line[i - 1].isupper() and line[i].isupper() and line[i + 1].islower():
            return f"{line[:i]} {unglue_name(line[i:])}"
    return line


def _signer(nodes: list[Node], blocks) -> str | None:
    candidates: list[str] = []
    for n in nodes:
        b = blocks[n.block]
        cells = b.cells if b.is_row else (b.text,)
        for cell in cells:
            if cell.strip().startswith("Nơi nhận"):
                continue
            for line in cell.split("\n"):
                line = unglue_name(line.strip().strip("*").strip())
                m = NAME.search(line)
                if m and not is_upper_heading(m.group(1)) and len(line.split()) <= 12:
                    candidates.append(fold_spaces(m.group(1)))
    return candidates[-1] if candidates else None
