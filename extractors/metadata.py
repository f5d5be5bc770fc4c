"""Document fields (spec §5): number, type, issuer, date and place, signer, trích yếu.

Read from the letterhead in any layout (extractors.letterhead_lines, .letterhead), the
title zone (extractors.title, .title_case) and the signature (extractors.signer); the
issuer named in full and in its letter case (extractors.issuer, .truecase). Where the
document lacks a field, from its own text (extractors.own_text) and, where it has no
letterhead at all, from a website's metadata box (extractors.portal; spec §1 ruling).
"""
from __future__ import annotations

import re

from extractors.issuer import authority_body, cased_issuer, complete_name, complete_place, expand, \
    is_authority, issuer_name, lacks_its_end, needs_place
from extractors.letterhead import is_caps, read_letterhead
from extractors.letterhead_lines import head_lines
from extractors.ocr_repair import OCR_READERS, confirm_name, confirm_phrase
from extractors.own_text import adopted_on, announcer, attachment, authentication, closing_letterhead, \
    from_stamps
from extractors.portal import portal_fields, portal_title
from extractors.signer import signer as signature_signer
from extractors.title import qualifier_fields, read_title
from extractors.title_case import case_title
from extractors.truecase import case_body, head_of
from parsers.grammar.dates import numeric_date
from parsers.grammar.documents import document_number, type_from_number
from parsers.model import DocumentMeta, DocumentTree, Span

# How far down a website's metadata box may stand above a document without letterhead
PORTAL_NODES = 30
# How many of the body's first (and last) nodes a title in capitals takes its letter case from
CASE_EVIDENCE_NODES = 300
# How many of the body's first nodes may name a local issuer's province
BODY_NODES_FOR_PLACE = 30
# A joint number, of a document that several bodies issue together: `10/2004/TTLT-BLĐTBXH-BTC`
JOINT_NUMBER = re.compile(r"[/\-](?:TTLT|NQLT|QĐLT|CTLT|HDLT|LT)\b")


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
        number = document_number(meta_block["doc_number"])

    issue_date, place = lh.issue_date, lh.place
    stamp_number, stamp_date = from_stamps(blocks)
    number = number or stamp_number
    issue_date = issue_date or stamp_date
    if issue_date is None and "issue_date" in meta_block and no_letterhead:
        issue_date = numeric_date(meta_block["issue_date"])

    if number is None or issue_date is None:       # an old heading: `CỦA CHÍNH PHỦ SỐ ... NGÀY ...`
        q_number, q_date = qualifier_fields([n.text for n in title_nodes])
        number, issue_date = number or q_number, issue_date or q_date
    doc_type, title = read_title([n.text for n in title_nodes], lh.subject, number)
    if title is None:             # no trích yếu in the copy: a website's title line gives it
        cut = title_nodes[-1].text.strip() if title_nodes and len(title_nodes) > 1 else ""
        title = portal_title([n.text for n in tree.nodes[:PORTAL_NODES] + tree.nodes[-PORTAL_NODES:]
                              if n.zone in ("metadata", "letterhead", "body", "signature")], number,
                             opening=cut if cut and " " not in cut else None)
    title = case_title(title, _case_evidence(tree)) if title else None
    if doc_type is None and meta_block.get("doc_type"):
        doc_type = meta_block["doc_type"]
    annex = attachment(tree) if number is None or issue_date is None else None
    if annex:                                     # a letterhead OCR could not read, or none
        number, issue_date = number or annex.number, issue_date or annex.issue_date
        doc_type = doc_type or annex.doc_type
    consolidated = authentication(tree)
    if consolidated:                      # a consolidated text: its own letterhead, wherever it stands
        own = consolidated[0]
        number, issue_date, doc_type = own.number, own.issue_date, type_from_number(own.number)
        lh = lh._replace(issuer_lines=own.issuer_lines or lh.issuer_lines)
    closing = closing_letterhead(tree) if not consolidated and not lh.has_number_line and lh.place is None \
        else None
    if closing:                                   # a letterhead set at the end of the copy
        number, issue_date = number or closing.number, issue_date or closing.issue_date
        lh = lh._replace(issuer_lines=lh.issuer_lines or closing.issuer_lines)
    if issue_date is None and lh.place is None:     # no date line: a resolution's adoption
        issue_date = adopted_on(tree)
    if doc_type is None and (lh.issuer_lines or lh.issue_date) and zone_nodes("addressee"):
        doc_type = "Công văn"                     # a letter: a letterhead, no heading, `Kính gửi`
    name = issuer_name(list(lh.issuer_lines), joint=bool(number and JOINT_NUMBER.search(number)))
    if name is None or needs_place(name) or lacks_its_end(name):
        name = _full_issuer(tree, name, lh.place, meta_block, annex)
    portal_issuer = meta_block.get("issuer")
    issuer = cased_issuer(name) or (case_body(portal_issuer.upper()) if portal_issuer and is_authority(
        portal_issuer.upper()) else None)
    signer = (consolidated and _first_signer(consolidated[1], blocks)) \
        or signature_signer([n for n in tree.nodes if n.zone == "signature"], blocks) or meta_block.get("signer") \
        or portal_fields([n.text for n in tree.nodes[-PORTAL_NODES:]]).get("signer")
    if tree.raw.reader in OCR_READERS:        # letterhead and signature read worst: see ocr_repair
        body = "\n".join(n.text for n in tree.nodes if n.zone in ("body", "appendix"))
        confirmed = confirm_phrase(issuer, body)     # the body's spelling, in the issuer's case
        issuer, signer = case_body(confirmed.upper()) if confirmed else confirmed, confirm_name(signer, body)
    return DocumentMeta(doc_number=number, doc_type=doc_type, issuer=issuer,
                        issue_date=issue_date, place=place, signer=signer, title=title,
                        spans=tuple(spans))


def _first_signer(nodes, blocks) -> str | None:
    """The first name written under a block's office lines (`KT. BỘ TRƯỞNG` / `THỨ TRƯỞNG` /
    name): later names are the consolidated text's footnotes and annexes."""
    return next(filter(None, (signature_signer([n], blocks) for n in nodes)), None)


def _upper(text: str | None) -> str | None:
    return text.upper() if text else None


def _case_evidence(tree: DocumentTree) -> list[list[str]]:
    """The texts whose letter case a title in capitals may take, most trusted first: the
    body and annexes, then a website's title line above the letterhead (lines in
    capitals give none)."""
    own = [n.text for n in tree.nodes if n.zone in ("body", "appendix", "signature")]
    own = own[:CASE_EVIDENCE_NODES] if len(own) <= 2 * CASE_EVIDENCE_NODES else \
        own[:CASE_EVIDENCE_NODES] + own[-CASE_EVIDENCE_NODES:]       # its opening and its close
    return [own, [n.text for n in tree.nodes if n.zone in ("metadata", "letterhead")]]


def _full_issuer(tree: DocumentTree, name: str | None, place: str | None, meta_block: dict, annex):
    """The issuer where the letterhead names none, names a local body without its province,
    or a name cut short: from the authority line, the annex, the text; the province the
    document names; the registered name the text writes in full."""
    evidence = _place_evidence(tree, name or "", place, meta_block)
    if name is None:       # no letterhead: the authority line under the title, the annex, the text
        name = next(filter(None, (authority_body(t) for t in evidence[0] if is_authority(t))), None) \
            or (annex.issuer.upper() if annex and annex.issuer and head_of(annex.issuer) else None) \
            or _announced(tree)
    if name and needs_place(name):
        name = complete_place(name, *evidence)
    return complete_name(name, evidence[3]) if name else None


def _announced(tree: DocumentTree) -> str | None:
    """The body the text says issues the document, in capitals, without the office-holder's
    title (`Bộ trưởng Bộ Công Thương chỉ thị:` → `BỘ CÔNG THƯƠNG`)."""
    body = _upper(announcer(tree, lambda b: is_authority(b.upper())))
    return (authority_body(body) or body) if body else None


def _place_evidence(tree: DocumentTree, name: str, place: str | None, meta_block: dict):
    """What may name a local issuer's province: the authority lines under the title
    (capitalised lines that name the issuer's head), the place line, the portal's
    issuing place, and the texts of the title and the body's start."""
    bare = " ".join(w for w in name.split() if w not in ("TỈNH", "THÀNH", "PHỐ"))
    near = [n for n in tree.nodes if n.zone in ("letterhead", "title")]
    near += [n for n in tree.nodes if n.zone == "body"][:BODY_NODES_FOR_PLACE]
    authority = [n.text for n in near if is_caps(n.text) and bare in expand(n.text)
                 and n.zone != "letterhead" or not name and n.zone in ("title", "letterhead")]
    texts = [n.text for n in near if n.zone in ("title", "body")]
    return authority, place, meta_block.get("issuer"), texts


