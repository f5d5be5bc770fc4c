"""Prose tasks: list items and paragraphs that assign work (spec §1, shape `prose`).

    2. Cục Viễn thám quốc gia chủ trì, phối hợp với Cục Biến đổi khí hậu, ... ứng dụng ...
    1. Cục Biến đổi khí hậu có trách nhiệm:
       a) Chủ trì, phối hợp với ... hoàn thiện ...

The owner is named in the item, else inherited from the nearest lead-in or
heading that names a body, else the issuer for items that open with a verb
of responsibility (`Chủ trì`, `Phối hợp`, `Tham mưu`). No owner, no task.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields import to_mentions
from extractors.prose_owner import (body_only, heading_owner, lead_in_bodies, leading_bodies,
                                    partner_lists, vocab)
from extractors.timing import find_timing
from parsers.model import DocumentMeta, DocumentTree, Node, Span, TaskRecord, Timing
from parsers.textutil import clean_value

TASK_ZONES = ("body", "appendix")


def prose_tasks(tree: DocumentTree, meta: DocumentMeta, used: set[int]) -> list[TaskRecord]:
    out: list[TaskRecord] = []
    consumed = set(used)
    first_marked = next((n.index for n in tree.nodes if n.marker and n.zone in TASK_ZONES), None)
    for node in tree.nodes:
        if node.index in consumed or node.zone not in TASK_ZONES:
            continue
        if tree.raw.blocks[node.block].is_row or _excluded(tree, node):
            continue
        kids = [tree.nodes[i] for i in node.children if tree.nodes[i].zone in TASK_ZONES]
        marked_kids = [k for k in kids if k.marker]
        if marked_kids:
            continue                      # a heading or lead-in: its items are the tasks
        title = None
        content_node = node
        para_kids = [k for k in kids if not tree.raw.blocks[k.block].is_row and not _excluded(tree, k)]
        if node.marker and len(para_kids) == 1 and not node.text.endswith(":") \
                and not body_only(node.text) and not leading_bodies(node.text):
            title, content_node = clean_value(node.text), para_kids[0]
            consumed.add(para_kids[0].index)
        elif node.marker and para_kids:
            continue                      # its paragraphs are the items
        if node.marker is None and node.parent is None and (
                first_marked is None or node.index < first_marked):
            if not _assigns(content_node.text):
                continue
        task = _task(tree, meta, node, content_node, title)
        if task:
            out.append(task)
    return out


@lru_cache(maxsize=1)
def _exclusions() -> tuple[tuple[str, ...], re.Pattern, tuple[str, ...]]:
    """The vocabulary of `_excluded`, prepared once: openers, one pattern for the
    phrases (`(?!)`, which never matches, if there are none), excluded headings."""
    v = vocab()
    phrases = "|".join(re.escape(p) for p in v["not_task_phrases"]) or "(?!)"
    return (tuple(v["not_task_openers"] + v["legal_basis"]), re.compile(phrases),
            tuple(v["excluded_headings"]))


def _excluded(tree: DocumentTree, node: Node) -> bool:
    openers, phrases, headings = _exclusions()
    text = node.text
    if text.startswith(openers) or phrases.search(text):
        return True
    for anc in _ancestors(tree, node, include_self=True):
        if anc.marker and anc.text.casefold().startswith(headings):
            return True
    return False


def _ancestors(tree: DocumentTree, node: Node, include_self: bool = False):
    if include_self:
        yield node
    while node.parent is not None:
        node = tree.nodes[node.parent]
        yield node


def _assigns(text: str) -> bool:
    """A top-level paragraph counts only where it assigns: `UBND tỉnh giao Sở ...`, `Giao ...`."""
    found = leading_bodies(text)
    return found is not None and found.via == "prefix"


def _inherited(tree: DocumentTree, node: Node) -> tuple[str | None, list[tuple[str, int, int]]]:
    """Owner text and partner lists from the nearest lead-in, heading or lead-in paragraph."""
    partners: list[tuple[str, int, int]] = []
    child = node
    for anc in _ancestors(tree, node):
        for phrase, off in partner_lists(anc.text) if anc.text.endswith(":") else []:
            partners.append((phrase, off, anc.block))
        lead = leading_bodies(anc.text)
        if lead:
            return lead.text, partners
        lead_in = lead_in_bodies(anc.text)
        if lead_in:
            return lead_in, partners
        only = body_only(anc.text)
        if only:
            return only, partners
        owner = heading_owner(anc.text)
        if owner:
            return owner, partners
        for sib_index in anc.children:
            sib = tree.nodes[sib_index]
            if sib.index >= child.index:
                break
            if sib.marker is None:
                bodies = lead_in_bodies(sib.text)
                if bodies:
                    return bodies, partners
        child = anc
    return None, partners


def _task(tree: DocumentTree, meta: DocumentMeta, node: Node, content_node: Node,
          title: str | None) -> TaskRecord | None:
    text = content_node.text
    content = clean_value(text)
    if not content:
        return None
    block = content_node.block
    offset = max(tree.raw.blocks[block].text.find(text), 0)
    named = leading_bodies(text)
    owner_text, owner_off, owner_block = None, 0, block
    partner_found = [(p, off, block) for p, off in partner_lists(text)]
    if named:
        owner_text, owner_off = named.text, named.start
    else:
        inherited, inherited_partners = _inherited(tree, node)
        if title:
            named_in_title = leading_bodies(title) or None
            if named_in_title:
                inherited = named_in_title.text
        if inherited:
            owner_text, owner_block = inherited, -1
            partner_found = partner_found or inherited_partners
        elif any(text.startswith(w) for w in vocab()["responsibility_openers"]) and meta.issuer:
            owner_text, owner_block = meta.issuer, -1
    if not owner_text:
        return None
    owners = to_mentions(owner_text, "owner", owner_block, offset + owner_off)
    partners = []
    seen = set()
    for phrase, off, pblock in partner_found:
        for m in to_mentions(phrase, "partner", pblock, (offset + off) if pblock == block else off):
            if m.text not in seen:
                seen.add(m.text)
                partners.append(m)
    timing = find_timing(text, meta.issue_date) or Timing(None, None)
    if timing.span is not None:
        timing = Timing(timing.raw, timing.kind, timing.start, timing.end,
                        Span(block=block, start=offset + timing.span.start,
                             end=offset + timing.span.end))
    return TaskRecord(section=node.path, source_kind="prose", title=title, content=content,
                      owners=owners, partners=tuple(partners), timing=timing,
                      deliverable=None, span=Span(block=block, start=offset,
                                                  end=offset + len(text)))
