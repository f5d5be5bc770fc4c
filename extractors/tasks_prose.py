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
from itertools import islice
from typing import NamedTuple

from extractors.labelled_fields import labels, to_mentions
from extractors.ocr_repair import OCR_READERS
from extractors.own_text import AUTHENTICATES
from extractors.prose_owner import (accountable, body_only, handed_lead_in, heading_owner, lead_in_bodies,
                                    leading_bodies, lists_members, assigned_later, no_work, owner_clauses,
                                    partner_lists, passive_agent)
from extractors.timing import find_timing
from extractors.timing_context import (is_timing_line, labelled_line_timing, lead_in_timing,
                                       timing_label_in)
from parsers.grammar.alternation import alternation
from parsers.grammar.assignment import SENTENCE_BREAK, execution_clauses, find_verb, vocab
from parsers.model import DocumentMeta, DocumentTree, Node, Span, TaskRecord, Timing
from parsers.structure import is_letterhead_anchor
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
        if tree.raw.blocks[node.block].is_row or _excluded(tree, node):
            continue
        kids = [tree.nodes[i] for i in node.children if tree.nodes[i].zone in TASK_ZONES]
        marked_kids = [k for k in kids if k.marker and has_words(k.text)]
        if marked_kids:
            continue                      # a heading or lead-in: its items are the tasks
        title = None
        content_node = node
        para_kids = [k for k in kids if not tree.raw.blocks[k.block].is_row and not _excluded(tree, k)]
        if node.marker and para_kids and _finished_sentence(node.text) and _among_tasks(tree, node):
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
            if not _assigns(content_node.text) and not _after_lead_in(tree, node):
                continue
        if content_node is node and _introduces_items(tree, node, meta):
            continue
        if _only_carries_out(tree, node, content_node.text):
            continue
        out.extend(_task(tree, meta, node, content_node, title))
    return out


# A sentence finished by its punctuation: `d) Thực hiện các quy định về khai báo hoá chất,
# lập và lưu giữ phiếu an toàn hoá chất ... và đặc tính của hoá chất.`
SENTENCE_END = re.compile(r"[.;]\s*(?:/\.?\s*)?$")
# A heading line is short; an item that states its work runs to this many words at least
MIN_SENTENCE_WORDS = 10


def _finished_sentence(text: str) -> bool:
    """An item's line that is a whole sentence, its punctuation closing it (`d) Thực hiện
    các quy định về khai báo hoá chất, ... của hoá chất.`), is no heading line above a
    body (spec §2 `title`): it states its own work, and a paragraph under it is the next
    one (`Các doanh nghiệp phải đảm bảo ...;`, `Tham mưu cho Ủy ban ...`)."""
    return SENTENCE_END.search(text) is not None and len(text.split()) >= MIN_SENTENCE_WORDS


def _among_tasks(tree: DocumentTree, node: Node) -> bool:
    """Is `node` one of a list whose other items have nothing under them (`c) Tăng cường
    ...;` `d) Thực hiện ... .` + a paragraph, `đ) Kiểm tra ...;`)? Its line is then an
    item like theirs, not a heading above a body, as in a list of headings each with its
    paragraph (`4. Hoàn thành di dời ... .` + `UBND phường ... chủ trì ...`)."""
    siblings = tree.nodes[node.parent].children if node.parent is not None else \
        [n.index for n in tree.nodes if n.parent is None]
    return any(i != node.index and tree.nodes[i].marker is not None and not tree.nodes[i].children
               and tree.nodes[i].zone == node.zone for i in siblings)


# Who was assigned, inside the subject: `các cơ quan, đơn vị| được giao chủ trì| có trách nhiệm ...`
ASSIGNED_CLAUSE = re.compile(r"\s(?:được|đã được)\s(?:giao|phân công)(?:\s(?:chủ trì|thực hiện))?(?![\w])")


def _only_carries_out(tree: DocumentTree, node: Node, text: str) -> bool:
    """An item of a `Tổ chức thực hiện` part that only tells units to carry out the work
    already assigned: `Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành
    nhiệm vụ được phân công, bảo đảm tiến độ và nội dung` (spec §1); so does the
    document's closing paragraph (`Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành
    ... khẩn trương triển khai thực hiện`). Any other verb of work (`báo cáo`, `xây
    dựng kế hoạch`, `chỉ đạo`, `tham mưu`) makes it a task."""
    v = vocab()
    part = next((a for a in _ancestors(tree, node) if a.marker), None)
    closing = node.marker is None and not any(n.zone == node.zone for n in tree.nodes[node.index + 1:])
    if not closing and (part is None or not part.text.casefold().startswith(tuple(v["carry_out_parts"]))):
        return False                      # not a direct item of the part (a body's own duties are)
    text = ASSIGNED_CLAUSE.sub(" ", text[:1].lower() + text[1:])
    if any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in v["own_work_words"]):
        return False
    verbs, at = [], 0
    while (m := find_verb(text, at)) is not None:
        verbs.append(text[m.start():m.end()])
        at = m.end()
    return bool(verbs) and all(verb in v["carry_out_verbs"] for verb in verbs)


def _introduces_items(tree: DocumentTree, node: Node, meta: DocumentMeta) -> bool:
    """A paragraph ending in `:` right before numbered or bulleted items introduces
    them (`Đề nghị Thường trực Tỉnh ủy tập trung ... một số nội dung trọng tâm sau:`):
    no task of its own, unless a sentence before its last states its own date (`...
    trình Thủ tướng trước ngày 20/10/2024. Trong đó:`, spec §1)."""
    text = node.text.rstrip()
    if node.marker is not None or not text.endswith(":") or node.index + 1 >= len(tree.nodes):
        return False
    nxt = tree.nodes[node.index + 1]
    if nxt.marker is None or nxt.zone != node.zone:
        return False
    breaks = [m.start() for m in SENTENCE_BREAK.finditer(text)]
    if breaks:
        own = find_timing(text[:breaks[-1]], meta.issue_date)
        if own and own.kind in ("deadline", "period"):
            return False
    return True


class _Exclusions(NamedTuple):
    openers: tuple[str, ...]      # `Trên đây là`, `Căn cứ Luật`
    phrases: re.Pattern           # anywhere: `chịu trách nhiệm thi hành`
    execution: re.Pattern         # ending the item: `... có trách nhiệm thi hành Quyết định này./.`
    headings: tuple[str, ...]     # casefolded: `mục đích`, `yêu cầu`
    effect: re.Pattern            # near the start: `Quyết định này có hiệu lực thi hành`
    heading_chars: int            # the longest heading's length: a text's first letters
                                  # are folded to compare (folding goes letter by letter)


@lru_cache(maxsize=1)
def _exclusions() -> _Exclusions:
    """The vocabulary of `_excluded`, prepared once (`(?!)`, which never matches,
    stands for an empty phrase list)."""
    v = vocab()
    phrases = alternation(v["not_task_phrases"]) or "(?!)"
    effect = alternation(v["effect_phrases"]) or "(?!)"
    opening = [p[:1].upper() + p[1:] for p in v["not_task_phrases"] if p[:1].islower()]  # `Chịu trách nhiệm trước pháp luật`
    return _Exclusions(tuple(v["not_task_openers"] + v["legal_basis"] + opening), re.compile(phrases),
                       re.compile(rf"(?:{alternation(list(execution_clauses()))})[\s./;”\"]*$"),
                       tuple(v["excluded_headings"]),
                       re.compile(rf"^.{{0,{v['effect_within']}}}(?:{effect})"),
                       max(map(len, v["excluded_headings"]), default=0))


# How long a letterhead's line or a table's header set as text may be (with a line break:
# `Số: 2651/VBHN-BLĐTBXH Hà Nội, ngày 21 tháng 6 năm 2024`)
SHORT_LINE = 120


def _excluded(tree: DocumentTree, node: Node) -> bool:
    ex = _exclusions()
    text = node.text
    if text.startswith(ex.openers) or ex.phrases.search(text) or ex.effect.search(text) \
            or ex.execution.search(text):
        return True
    if len(text) <= SHORT_LINE and (AUTHENTICATES.search(text) or is_letterhead_anchor(tree.raw.blocks[node.block])
                                    or _column_labels().fullmatch(text.casefold())):
        return True           # a letterhead's line where the text goes on: `Số: 5640/VBHN-BLĐTBXH`,
                              # `XÁC THỰC VĂN BẢN HỢP NHẤT`, `Hà Nội, ngày 11 tháng 11 năm 2024`; a
                              # table's header the copy set as text: `CƠ QUAN PHỐI HỢP THỜI HẠN`
    named_below = False       # an item or lead-in under it names its own body
    for anc in _ancestors(tree, node, include_self=True):
        if anc.marker and anc.text[:ex.heading_chars].casefold().startswith(ex.headings) \
                and not _assigns(anc.text) \
                and (anc is not node or anc.children or _names_heading(anc.text, ex.headings)) \
                and not (named_below and _lead_in_sentence(anc.text)):
            return True       # not `a) Yêu cầu Sở Khoa học ... chủ động ...`, nor the item
        if anc is not node and anc.marker and anc.text.rstrip().endswith(":") \
                and (lead := leading_bodies(anc.text)) is not None and lead.via != "adverbial":
            named_below = True  # `1. Căn cứ nhiệm vụ của Kế hoạch này, ...:` then the lead-in `a) Bộ
                                # Kế hoạch và Đầu tư chủ trì, ...:`: a sentence, no heading, above it
    return False              # `- Căn cứ chức năng, nhiệm vụ ... chủ động ban hành ...`


@lru_cache(maxsize=1)
def _column_labels() -> re.Pattern:
    """Text made only of a task table's column labels (`TT NHIỆM VỤ`, `Cơ quan thực hiện`)."""
    table = labels()["table"]
    names = {n.casefold() for role in ("number", "content", "owner", "partners", "timing", "deliverable")
             for n in table[role]}
    return re.compile(rf"(?:\s*(?:{alternation(sorted(names))})[\s/]*)+")


def _names_heading(text: str, headings: tuple[str, ...]) -> bool:
    """A leaf item that is itself such a heading: `2. Yêu cầu`, `b) Mục tiêu: ...`,
    `1. MỤC ĐÍCH, YÊU CẦU`; not an item that only opens with the word."""
    folded = text.casefold()
    head = next(h for h in headings if folded.startswith(h))
    return folded[len(head):].lstrip()[:1] in ("", ":") or text.isupper()


def _ancestors(tree: DocumentTree, node: Node, include_self: bool = False):
    if include_self:
        yield node
    while node.parent is not None:
        node = tree.nodes[node.parent]
        yield node


def _lead_in_sentence(text: str) -> bool:
    """A lead-in that is a sentence, not a heading: it ends in `:` after ten words or more
    (`1. Căn cứ nhiệm vụ của Kế hoạch này và theo chức năng, ..., các Bộ trưởng, ... chỉ đạo
    xây dựng kế hoạch ... Cụ thể như sau:`; not `2. Yêu cầu`, `III. ĐỐI TƯỢNG, TIÊU CHÍ ...`)."""
    return text.rstrip().endswith(":") and len(text.split()) >= MIN_SENTENCE_WORDS


def _assigns(text: str) -> bool:
    """A top-level paragraph counts only where it assigns: `UBND tỉnh giao Sở ...`, `Giao ...`."""
    found = leading_bodies(text)
    return found is not None and found.via in ("prefix", "handed")


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
    for anc in _ancestors(tree, node):
        if lists_members(anc.text):
            return None, partners         # `Ban Chủ nhiệm ..., gồm có:` then its members
        for phrase, off in partner_lists(anc.text) if anc.text.endswith(":") else []:
            partners.append((phrase, off, anc.block))
        lead_in = _sibling_lead_in(tree, anc, child)     # `Chủ trì, phối hợp với các cơ quan có
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


def _sibling_lead_in(tree: DocumentTree, parent: Node, child: Node) -> Node | None:
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
    openers = _exclusions().openers
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
    if title:
        named_in_title = leading_bodies(title)
        if named_in_title:
            inherited = named_in_title.text
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
