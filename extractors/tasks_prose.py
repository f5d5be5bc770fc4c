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
from itertools import islice

from extractors.labelled_fields import to_mentions
from extractors.lead_ins import body_only, heading_owner, lead_in_bodies, lists_no_work
from extractors.ocr_repair import OCR_READERS
from extractors.prose_items import (among_tasks, ancestors, assigns, excluded, exclusions, finished_sentence,
                                    introduces_items, only_carries_out)
from extractors.prose_owner import (accountable, handed_lead_in, leading_bodies, assigned_later, no_work,
                                    owner_clauses, partner_lists, passive_agent, runs_into_verb)
from extractors.timing import find_timing
from extractors.timing_context import (is_timing_line, labelled_line_timing, lead_in_timing,
                                       timing_label_in)
from parsers.grammar.assignment import SENTENCE_BREAK, vocab
from parsers.model import DocumentMeta, DocumentTree, Node, Span, TaskRecord, Timing
from parsers.clean_text import clean_value, has_value

TASK_ZONES = ("body", "appendix")
# A word of at least two letters: `Rà`, `soát`; not `x`, `12`, `………`, `|`
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_CONTENT_WORDS = 2
# A task states its work: a verb and its object, three words at least (`Tổ chức thực
# hiện`, `Luật Nhà ở`); not a heading, a label or a form's line left as a paragraph
# (`MỤC TIÊU`, `Trong đó`, `Lưu: VT`, `Mẫu số 11`, `Kính gửi: ……`)
MIN_TASK_WORDS = 3


def has_words(content: str) -> bool:
    """Does the text state something (two words of letters or more)? Not a number,
    a mark, a placeholder or stray markup (`12`, `x`, `………`, `|`, `*`)."""
    return _letter_words(content, MIN_CONTENT_WORDS) >= MIN_CONTENT_WORDS


def states_work(content: str) -> bool:
    """Is the text long enough to state a task's work (MIN_TASK_WORDS words of letters)?"""
    return _letter_words(content, MIN_TASK_WORDS) >= MIN_TASK_WORDS


def _letter_words(content: str, enough: int) -> int:
    """How many LETTER_WORDs `content` holds, counted up to `enough` (not through a whole
    paragraph)."""
    return sum(1 for _ in islice(LETTER_WORD.finditer(content), enough))


def prose_tasks(tree: DocumentTree, meta: DocumentMeta, used: set[int]) -> list[TaskRecord]:
    out: list[TaskRecord] = []
    consumed = set(used)
    first_marked = next((n.index for n in tree.nodes if n.marker and n.zone in TASK_ZONES), None)
    for node in tree.nodes:
        if node.index in consumed or node.zone not in TASK_ZONES:
            continue
        if tree.raw.blocks[node.block].is_row or excluded(tree, node):
            continue
        kids = [tree.nodes[i] for i in node.children if tree.nodes[i].zone in TASK_ZONES]
        marked_kids = [k for k in kids if k.marker and has_words(k.text)]
        if marked_kids and not _own_work_over_items(node):
            continue                      # a heading or lead-in: its items are the tasks
        title = None
        content_node = node
        para_kids = [k for k in kids if not tree.raw.blocks[k.block].is_row and not excluded(tree, k)]
        if node.marker and para_kids and finished_sentence(node.text) and among_tasks(tree, node):
            pass                          # a task of its own; the paragraphs under it their own
        elif node.marker and len(para_kids) == 1 and not node.text.endswith(":") \
                and not body_only(node.text) and not leading_bodies(node.text):
            title, content_node = clean_value(node.text), para_kids[0]
            consumed.add(para_kids[0].index)
        elif node.marker and para_kids and (node.text.endswith(":") or not leading_bodies(node.text)):
            continue                      # its paragraphs are the items
        # else an item that names its body and its work is a task, the paragraphs under
        # it their own: `9. Các Bộ, ngành ... chỉ đạo thực hiện tốt chỉ thị này ...` then
        # the closing `Bộ Kế hoạch và Đầu tư chịu trách nhiệm ...`
        if node.marker is None and node.parent is None and (
                first_marked is None or node.index < first_marked):
            if not assigns(content_node.text) and not _after_lead_in(tree, node):
                continue
        if content_node is node and introduces_items(tree, node, meta):
            continue
        if only_carries_out(tree, node, content_node.text):
            continue
        out.extend(_task(tree, meta, node, content_node, title))
    return out


def _own_work_over_items(node: Node) -> bool:
    """An item that gives its body work of its own in a finished sentence, its body running
    straight into its verb, with items under it that do not continue it (no `:` opens them):
    `1. Các cơ quan, đơn vị, địa phương ... xây dựng kế hoạch triển khai thực hiện đợt thi
    đua ...; đề ra giải pháp ...` then its bullets. Not a lead-in of what follows (`... các
    nội dung sau.`), a body's status or members (`Hội đồng Quản lý gồm có: ...`), nor what
    it is given (`Các cơ quan, đơn vị được cấp 01 tài khoản ...`)."""
    text = node.text.rstrip()
    if node.marker is None or text.endswith(":") or not finished_sentence(text):
        return False
    v = vocab()
    ending = text.rstrip(" .;")
    if ending.casefold().endswith(tuple(v["content_lead_in_ends"])) \
            or ending.endswith(tuple(" " + w for w in v["owner_markers"])):
        return False                    # `... các nội dung sau.`; `..., có trách nhiệm` then its duties
    lead = leading_bodies(text)
    if lead is None or lead.via not in ("start", "prefix") or not runs_into_verb(text[lead.start:]):
        return False
    return not text[lead.end:].lstrip(" ,").startswith(tuple(w + " " for w in v["not_own_work_openers"]))


def _after_lead_in(tree: DocumentTree, node: Node) -> bool:
    """An unnumbered paragraph that names its body and its work, in a run of such paragraphs
    after a lead-in of the document's directions (`Phó Thủ tướng Chính phủ ... có ý kiến như sau:` then
    `Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương làm việc ...`)."""
    if leading_bodies(node.text) is None:
        return False
    for prev in reversed(tree.nodes[:node.index]):
        if prev.parent is not None or prev.zone != node.zone:
            continue
        if prev.marker is not None:
            return False
        if prev.text.rstrip().endswith(":"):
            return prev.text.rstrip(" :").casefold().endswith(tuple(vocab()["content_lead_in_ends"]))
        if leading_bodies(prev.text) is None:
            return False
    return False


def _inherited(tree: DocumentTree, node: Node) -> tuple[str | None, list[tuple[str, int, int]]]:
    """Owner text and partner lists from the nearest lead-in, heading or lead-in paragraph."""
    partners: list[tuple[str, int, int]] = []
    child = node
    for anc in ancestors(tree, node):
        if lists_no_work(anc.text):
            return None, partners         # `Ban Chủ nhiệm ..., gồm có:` then its members;
                                          # `Chủ đầu tư có các quyền sau đây:` then its rights
        for phrase, off in partner_lists(anc.text) if anc.text.endswith(":") else []:
            partners.append((phrase, off, anc.block))
        lead_in = sibling_lead_in(tree, anc, child)     # `Chủ trì, phối hợp với các cơ quan có
        for phrase, off in partner_lists(lead_in.text) if lead_in else []:   # liên quan tham mưu ...:`
            partners.append((phrase, off, lead_in.block))
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
        for sib_index in reversed([i for i in anc.children if i < child.index]):
            sib = tree.nodes[sib_index]
            if sib.marker is None:
                bodies = lead_in_bodies(sib.text)
                if bodies:
                    return bodies, partners
        child = anc
    # a paragraph of the document's top level that hands what follows to a body:
    # `Bộ ... đề nghị các cơ sở đào tạo trực thuộc Bộ ... như sau:` then `I. ...`
    for sib in reversed([n for n in tree.nodes[:child.index] if n.parent is None and n.marker is None
                         and n.zone == node.zone]):
        handed = handed_lead_in(sib.text)
        if handed:
            return handed.text, partners
    return None, partners


def sibling_lead_in(tree: DocumentTree, parent: Node, child: Node) -> Node | None:
    """The unnumbered paragraph nearest before `child` under `parent`, where it is a
    lead-in (ends in `:`): its partners pass to the items below it."""
    for sib_index in reversed([i for i in parent.children if i < child.index]):
        sib = tree.nodes[sib_index]
        if sib.marker is None:
            return sib if sib.text.rstrip().endswith(":") else None
    return None


def _task(tree: DocumentTree, meta: DocumentMeta, node: Node, content_node: Node,
          title: str | None) -> list[TaskRecord]:
    """The item's task, split where a later clause gives other work to another body."""
    text = _before_boilerplate(content_node.text)
    if not has_value(text) or is_timing_line(text):
        return []                 # `Thời gian thực hiện: ...` times the item above it
    labelled = labelled_line_timing(tree, content_node, text, meta.issue_date)
    text = text[:timing_label_in(text) or len(text)]
    timings = (labelled, lead_in_timing(tree, node, meta.issue_date, lead_in_bodies))
    block = content_node.block
    offset = max(tree.raw.blocks[block].text.find(text), 0)
    named = leading_bodies(text)
    owner_text, owner_off, owner_block, inherited_partners = _owner(tree, meta, node, text,
                                                                    title, named)
    if owner_text and owner_block is None:
        owner_block = block
    if not owner_text or (named and no_work(text[named.end:])) or (not named and body_only(text)):
        return []                 # no work given; `6. UBND TP. Huế` in a list of recipients
    clauses = owner_clauses(text, owner_text, named.end if named else 0)
    ends = [at for at, _ in clauses] + [len(text)]
    first = _record(node, block, offset, text[:ends[0]], meta, title,
                    (owner_text, owner_off, owner_block), inherited_partners, timings)
    out = [first] if first else []
    for (at, lead), end in zip(clauses, ends[1:]):
        rec = _record(node, block, offset + at, text[at:end], meta, None,
                      (lead.text, lead.start, block), [], timings)
        if rec:
            out.append(rec)
    return out


def _before_boilerplate(text: str) -> str:
    """The item up to a later sentence that is no task: `Giao Sở Tài chính chủ trì thẩm
    định dự toán kinh phí, ... tiết kiệm.| Trong quá trình thực hiện, các đơn vị chủ
    động, kịp thời báo cáo UBND tỉnh ...`."""
    openers = exclusions().openers
    for m in SENTENCE_BREAK.finditer(text):
        if text.startswith(openers, m.end()):
            return text[:m.start()]
    return text


def _owner(tree: DocumentTree, meta: DocumentMeta, node: Node, text: str, title: str | None,
           named) -> tuple[str | None, int, int | None, list[tuple[str, int, int]]]:
    """(owner text, its offset in `text`, its block (None: the item's own, -1: inherited),
    inherited partner lists), in the order of spec §1."""
    relayed = named is not None and named.via == "prefix" and node.marker is not None and \
        text.startswith(tuple(vocab()["relayed_prefixes"]))
    if named and not relayed:
        return named.text, named.start, None, []
    inherited, inherited_partners = _inherited(tree, node)
    # `Sở X:` then `- Yêu cầu các đơn vị ...`: X does the asking (bullets and numbered items
    # only: a closing paragraph nested under the last item is not X's)
    if relayed:
        return (inherited, 0, -1, []) if inherited else (named.text, named.start, None, [])
    if title:                     # `Điều 15. Trách nhiệm của Sở Y tế ...` over its one paragraph
        named_in_title = leading_bodies(title)
        inherited = named_in_title.text if named_in_title else heading_owner(title) or inherited
    if inherited:
        return inherited, 0, -1, inherited_partners
    if any(text.startswith(w) for w in vocab()["responsibility_openers"]) and meta.issuer:
        return meta.issuer, 0, -1, []
    later = assigned_later(text)
    if later:
        return later.text, later.start, None, []
    agent = passive_agent(text, ocr=tree.raw.reader in OCR_READERS) or accountable(text)
    if agent:
        return agent.text, agent.start, None, []
    return None, 0, None, []


def _record(node: Node, block: int, offset: int, text: str, meta: DocumentMeta,
            title: str | None, owner: tuple[str, int, int],
            inherited_partners: list[tuple[str, int, int]],
            timings: tuple[Timing | None, Timing | None] = (None, None)) -> TaskRecord | None:
    """One task of `text` (at `offset` in `block`); owner = (text, offset in `text`,
    block or -1 where it was inherited); timings = (the item's labelled time line, its
    lead-in's timing): the label outranks the text's own phrase, the lead-in follows it."""
    content = clean_value(text)
    if not content:
        return None
    owner_text, owner_off, owner_block = owner
    owners = to_mentions(owner_text, "owner", owner_block, offset + owner_off)
    if not owners:
        return None               # every task has an owner (spec §1): what named none gives no task
    partner_found = [(p, off, block) for p, off in partner_lists(text)] or inherited_partners
    partners = []
    seen = set()
    for phrase, off, pblock in partner_found:
        for m in to_mentions(phrase, "partner", pblock, (offset + off) if pblock == block else off):
            if m.text not in seen:
                seen.add(m.text)
                partners.append(m)
    labelled, lead_in = timings
    timing = find_timing(text, meta.issue_date)
    if timing is not None and timing.span is not None:
        timing = Timing(timing.raw, timing.kind, timing.start, timing.end,
                        Span(block=block, start=offset + timing.span.start,
                             end=offset + timing.span.end))
    timing = labelled or timing or lead_in or Timing(None, None)
    return TaskRecord(section=node.path, source_kind="prose", title=title, content=content,
                      owners=owners, partners=tuple(partners), timing=timing,
                      deliverable=None, span=Span(block=block, start=offset,
                                                  end=offset + len(text)))
