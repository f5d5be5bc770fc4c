"""Which prose items give a task of their own (spec §1): an item line that is a finished
sentence is no heading over its paragraph (`finished_sentence`, `among_tasks`); items that
only carry out assigned work, introduce a list, repeat boilerplate (the execution clause, a
closing formula, a legal basis) or sit under a heading of purposes, targets or criteria give
none (`only_carries_out`, `introduces_items`, `excluded`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractors.labelled_fields import labels
from extractors.own_text import AUTHENTICATES
from extractors.prose_owner import leading_bodies, subject_then
from extractors.timing import find_timing
from parsers.grammar.alternation import alternation, phrase_alternation
from parsers.grammar.assignment import (CLAUSE_BREAK, SENTENCE_BREAK, account_pattern, execution_clauses,
                                        find_verb, negated_work, prefix_pattern, vocab)
from parsers.model import DocumentMeta, DocumentTree, Node
from parsers.structure import is_letterhead_anchor

# A sentence finished by its punctuation: `d) Thực hiện các quy định về khai báo hoá chất,
# lập và lưu giữ phiếu an toàn hoá chất ... và đặc tính của hoá chất.`
SENTENCE_END = re.compile(r"[.;]\s*(?:/\.?\s*)?$")
# A heading line is short; an item that states its work runs to this many words at least
MIN_SENTENCE_WORDS = 10


def finished_sentence(text: str) -> bool:
    """An item's line that is a whole sentence, its punctuation closing it (`d) Thực hiện
    các quy định về khai báo hoá chất, ... của hoá chất.`), is no heading line above a
    body (spec §2 `title`): it states its own work, and a paragraph under it is the next
    one (`Các doanh nghiệp phải đảm bảo ...;`, `Tham mưu cho Ủy ban ...`)."""
    return SENTENCE_END.search(text) is not None and len(text.split()) >= MIN_SENTENCE_WORDS


def among_tasks(tree: DocumentTree, node: Node) -> bool:
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


def only_carries_out(tree: DocumentTree, node: Node, text: str) -> bool:
    """An item of a `Tổ chức thực hiện` part that only tells units to carry out the work
    already assigned: `Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành
    nhiệm vụ được phân công, bảo đảm tiến độ và nội dung` (spec §1); so does the
    document's closing paragraph (`Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành
    ... khẩn trương triển khai thực hiện`). Any other verb of work (`báo cáo`, `xây
    dựng kế hoạch`, `chỉ đạo`, `tham mưu`) makes it a task."""
    v = vocab()
    part = next((a for a in ancestors(tree, node) if a.marker), None)
    closing = node.marker is None and not any(n.zone == node.zone for n in tree.nodes[node.index + 1:])
    if not closing and (part is None or not part.text.casefold().startswith(tuple(v["carry_out_parts"]))):
        return False                      # not a direct item of the part (a body's own duties are)
    lead = leading_bodies(text)
    work = text[lead.end:].lstrip() if lead else ""
    if work.startswith(":") and work[1:].lstrip().startswith(tuple(v["responsibility_openers"])):
        work = work[1:].lstrip()          # `Sở Công Thương: Chủ trì, phối hợp ...`: it leads
        text = f"{text[:lead.end]}: {work[:1].lower()}{work[1:]}"
    text = ASSIGNED_CLAUSE.sub(" ", text[:1].lower() + text[1:])
    if any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in v["own_work_words"]):
        return False
    verbs, at = [], 0
    while (m := find_verb(text, at)) is not None:
        verbs.append(text[m.start():m.end()])
        at = m.end()
    return bool(verbs) and all(verb in v["carry_out_verbs"] for verb in verbs)


def introduces_items(tree: DocumentTree, node: Node, meta: DocumentMeta) -> bool:
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
    reply: re.Pattern             # a letter's closing: `Cục Thuế trả lời để Thuế tỉnh Hà Tĩnh biết ...`
    permission: re.Pattern        # after the subject: `(Sở Tài chính) được quyền khai thác ...`
    negation: re.Pattern          # after the subject: `(Cơ quan thuế) không được yêu cầu ...`
    account: re.Pattern           # after the subject: `(Ủy ban nhân dân tỉnh) đã ban hành ...`
    invitation: re.Pattern        # after the subject: `(Ủy ban nhân dân tỉnh) kính mời các đại biểu ...`
    in_charge: re.Pattern         # a label naming who is in charge: `Chủ trì tại điểm cầu: Đồng chí ...`
    copula: re.Pattern            # after the subject: `(Sở Y tế) là cơ quan chuyên môn ...`
    duty: re.Pattern              # in the copula's sentence: `... là cơ quan thường trực, chủ trì ...`
    passive: re.Pattern           # what others do to the subject: `chịu sự chỉ đạo, kiểm tra ...;`
    answers: re.Pattern           # after the subject: `(Bộ Y tế) chịu trách nhiệm về việc ...`
    amendment: re.Pattern         # a consolidation note: `16 Điểm này được sửa đổi, bổ sung theo quy định tại ...`
    headings: tuple[str, ...]     # casefolded: `mục đích`, `yêu cầu`
    effect: re.Pattern            # near the start: `Quyết định này có hiệu lực thi hành`
    heading_chars: int            # the longest heading's length: a text's first letters
                                  # are folded to compare (folding goes letter by letter)


@lru_cache(maxsize=1)
def exclusions() -> _Exclusions:
    """The vocabulary of `excluded`, prepared once (`(?!)`, which never matches,
    stands for an empty phrase list)."""
    v = vocab()
    phrases = alternation(v["not_task_phrases"]) or "(?!)"
    effect = alternation(v["effect_phrases"]) or "(?!)"
    opening = [p[:1].upper() + p[1:] for p in v["not_task_phrases"] if p[:1].islower()]  # `Chịu trách nhiệm trước pháp luật`
    return _Exclusions(tuple(v["not_task_openers"] + v["legal_basis"] + opening), re.compile(phrases),
                       re.compile(rf"(?:{alternation(list(execution_clauses()))})[\s./;”\"]*$"),
                       _reply_closing(v["reply_closings"]),
                       re.compile(rf"(?<![\w])(?:{alternation(v['permissions']) or '(?!)'})(?![\w])"),
                       negated_work(), account_pattern(),
                       re.compile(rf"(?<![\w])(?:{alternation(v['invitations']) or '(?!)'})(?![\w])"),
                       _in_charge(v["in_charge_labels"]),
                       re.compile(rf"(?<![\w])(?:{alternation(v['status']['copulas']) or '(?!)'})(?![\w])"),
                       re.compile(rf"(?<![\w])(?:{alternation(v['status']['duties']) or '(?!)'})(?![\w])"),
                       re.compile(rf"(?<![\w])(?:{alternation(v['status']['passive_frames']) or '(?!)'})[^;.]*"),
                       _answers_for(v["answers_for"]),
                       _amendment_note(v["amendment_notes"]),
                       tuple(v["excluded_headings"]),
                       re.compile(rf"^.{{0,{v['effect_within']}}}(?:{effect})"),
                       max(map(len, v["excluded_headings"]), default=0))


def _answers_for(words: dict) -> re.Pattern:
    """What a body answers to or for, at a clause's start after its subject: `chịu trách
    nhiệm toàn diện trước Thủ tướng Chính phủ về ...`, `chịu trách nhiệm về số liệu ...`;
    its first letter in either case (an item may open with it: `Chịu trách nhiệm về ...`)."""
    return re.compile(rf"(?:{phrase_alternation(words['verbs'])})\s+(?:(?:{alternation(words['degrees'])})\s+)?"
                      rf"(?:{alternation(words['towards'])})(?![\w])")


def _reply_closing(words: dict) -> re.Pattern:
    """What follows the body in a letter's closing that only says whom it informs, its words
    in one sentence: `(Cục Thuế) trả lời để Thuế tỉnh Hà Tĩnh biết và căn cứ hồ sơ ...`, `...
    trả lời cho Công ty được biết và thực hiện ...`, `(Cục Hải quan) có ý kiến để Công ty biết`."""
    return re.compile(rf"(?:{alternation(words['verbs'])})\s+(?:{alternation(words['links'])})\s"
                      rf"[^.;]{{1,120}}?(?<![\w])(?:{alternation(words['informed'])})(?![\w])")


# How far into a consolidation note what was done to the provision is said, and how far
# after that the amending text is named: `7 Cụm từ “thanh tra,” được bỏ| theo quy định tại`
NOTE_CHARS, NOTE_BY_CHARS = 250, 80


def _amendment_note(words: dict) -> re.Pattern:
    """A consolidated text's note of how a provision was amended, at an item's start, its
    footnote number first: `16 Điểm này được sửa đổi, bổ sung theo quy định tại khoản 6 Điều
    1 của Thông tư số 38/2025/TT-BCT ...`, `5 Điều 11 của Thông tư số 12/2024/TT-BLĐTBXH,
    có hiệu lực từ ngày 29 tháng 12 năm 2024 quy định như sau`."""
    return re.compile(rf"^(?:\d{{1,3}}\s+)?(?:{alternation(words['provisions'])})\s+(?:\d|[IVXL]+\b|này|[“\"])"
                      rf"[^;]{{0,{NOTE_CHARS}}}?"
                      rf"(?:(?:{alternation(words['amended'])})(?![\w])[^;]{{0,{NOTE_BY_CHARS}}}?"
                      rf"(?:{alternation(words['by'])})|(?:{alternation(words['quoting'])}))")


def _in_charge(words: dict) -> re.Pattern:
    """A label that names the person in charge of an activity or who holds a post, no work
    given: `Chủ trì tại điểm cầu: Đồng chí Chủ tịch ...`, `Chủ trì khảo sát địa chất: Ông
    Đặng Đình Công, Kỹ sư ...`, `Chủ tịch Liên đoàn: Ông Phạm Văn Trịnh`; not `Chủ trì triển
    khai các nhiệm vụ: Xây dựng cơ chế ...`."""
    label = rf"[^:.;]{{0,{words['label_chars']}}}:\s*"
    return re.compile(rf"^(?:(?:{alternation(words['openers'])}){label}(?:{alternation(words['persons'])})"
                      rf"|[^:.;\s]{label}(?:{alternation(words['named_persons'])}))(?![\w])", re.IGNORECASE)


def _states_status(text: str, ex: _Exclusions) -> bool:
    """Is the item only what the body that opens it is, no work (spec §1): `Sở Y tế là cơ
    quan chuyên môn thuộc Uỷ ban nhân dân tỉnh`, `Sở Tư pháp có tư cách pháp nhân, có con
    dấu ...; chịu sự chỉ đạo, kiểm tra, hướng dẫn ... của ...`? Not where the item gives it
    a duty too (`Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi ...`)."""
    if ex.copula.search(text) is None:
        return False                        # most items: no need to find their subject
    lead = leading_bodies(text)
    if lead is None:
        return False
    rest = text[lead.end:].lstrip(" ,")
    return ex.copula.match(rest) is not None and ex.duty.search(ex.passive.sub("", rest)) is None


def _answers_only(text: str, answers: re.Pattern) -> bool:
    """Does every sentence and clause of the item only say whom its body answers to, or for
    what (spec §1: accountability)? `Bộ Y tế chịu trách nhiệm về việc tổng hợp số liệu. Bộ
    Tài chính, Bảo hiểm xã hội Việt Nam ... chịu trách nhiệm về số liệu đã rà soát ...`. Not
    where a clause gives work too (`Sở Nội vụ chịu trách nhiệm về việc báo cáo ... Kế hoạch
    này. Tham mưu Ủy ban nhân dân Thành phố theo dõi ...`)."""
    if answers.search(text) is None:
        return False                        # most items: no need to find their subjects
    for clause in CLAUSE_BREAK.split(text):
        lead = leading_bodies(clause)
        if answers.match(clause[lead.end:].lstrip(" ,") if lead else clause) is None:
            return False
    return True


def _accounts_only(text: str, account: re.Pattern) -> bool:
    """Does the item only report what its bodies have done or are doing (spec §1: no work
    given)? Every clause is an account of a body's (`Ủy ban nhân dân tỉnh đã ban hành 02
    Quyết định ...; Sở Nông nghiệp và Môi trường đã tiếp nhận 01 hồ sơ ...`) or a comment
    with no work of its own (`song đến nay phương án chưa được phê duyệt`). Not where a
    clause hands or opens work (`... đã có Văn bản số 1918/SNNMT-QLĐĐ. Giao Sở Tài chính chủ
    trì ...`, `...; tiếp tục theo dõi ...`)."""
    if account.search(text) is None:
        return False                        # most items: no need to find their subjects
    accounts = 0
    for clause in CLAUSE_BREAK.split(text):
        lead = leading_bodies(clause)
        if lead is not None:
            if lead.via not in ("start", "adverbial") or not account.match(clause[lead.end:].lstrip(" ,")):
                return False
            accounts += 1
        elif prefix_pattern().match(clause) or _opens_on_work(clause):
            return False
    return accounts > 0


def _opens_on_work(clause: str) -> bool:
    """Does the clause open with a verb of work (`Tiếp tục theo dõi ...`, `tổ chức ...`)?"""
    verb = find_verb(clause[:1].lower() + clause[1:], 0, VERB_AT_START)
    return verb is not None and verb.start() == 0


def _replies(text: str, reply: re.Pattern) -> bool:
    """Is the item a letter's closing: its body, then only whom it informs (`Cục Thuế trả lời
    để Thuế tỉnh Hà Tĩnh biết ...`)? Not a body's duty to answer (`Sở X có trách nhiệm trả
    lời cho công dân ...`)."""
    if "biết" not in text:
        return False
    lead = leading_bodies(text)
    return lead is not None and reply.match(text[lead.end:].lstrip(" ,")) is not None


# How far into a clause its opening verb may end (`Tiếp tục theo dõi`)
VERB_AT_START = 30

# How long a letterhead's line or a table's header set as text may be (with a line break:
# `Số: 2651/VBHN-BLĐTBXH Hà Nội, ngày 21 tháng 6 năm 2024`)
SHORT_LINE = 120


def excluded(tree: DocumentTree, node: Node) -> bool:
    """Is the item no task by its words (a closing formula, a legal basis, the execution
    clause, the document's entry into force), by being a letterhead's or a table header's
    line set as text, or by standing under a heading of purposes, targets or criteria?"""
    ex = exclusions()
    text = node.text
    if text.startswith(ex.openers) or ex.phrases.search(text) or ex.effect.search(text) \
            or ex.execution.search(text) or _replies(text, ex.reply) or subject_then(text, ex.permission) \
            or subject_then(text, ex.negation) or subject_then(text, ex.invitation) \
            or ex.in_charge.match(text) or _states_status(text, ex) or _answers_only(text, ex.answers) \
            or ex.amendment.match(text) or _accounts_only(text, ex.account):
        return True
    if len(text) <= SHORT_LINE and (AUTHENTICATES.search(text) or is_letterhead_anchor(tree.raw.blocks[node.block])
                                    or _column_labels().fullmatch(text.casefold())):
        return True           # a letterhead's line where the text goes on: `Số: 5640/VBHN-BLĐTBXH`,
                              # `XÁC THỰC VĂN BẢN HỢP NHẤT`, `Hà Nội, ngày 11 tháng 11 năm 2024`; a
                              # table's header the copy set as text: `CƠ QUAN PHỐI HỢP THỜI HẠN`
    below: list[Node] = []
    for anc in ancestors(tree, node, include_self=True):
        if anc.marker and anc.text[:ex.heading_chars].casefold().startswith(ex.headings) \
                and not assigns(anc.text) \
                and (anc is not node or anc.children or _names_heading(anc.text, ex.headings)) \
                and not (_lead_in_sentence(anc.text) and any(map(_names_its_body, below))):
            return True       # not `a) Yêu cầu Sở Khoa học ... chủ động ...`, nor the item
        if anc is not node:
            below.append(anc)
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


def ancestors(tree: DocumentTree, node: Node, include_self: bool = False):
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


def _names_its_body(lead_in: Node) -> bool:
    """A lead-in that names the body its items belong to (`a) Bộ Kế hoạch và Đầu tư chủ trì,
    ...:`): a sentence opening with a heading's word above it (`1. Căn cứ nhiệm vụ của Kế
    hoạch này, ...:`) is no heading."""
    if not (lead_in.marker and lead_in.text.rstrip().endswith(":")):
        return False
    lead = leading_bodies(lead_in.text)
    return lead is not None and lead.via != "adverbial"


def assigns(text: str) -> bool:
    """A top-level paragraph counts only where it assigns: `UBND tỉnh giao Sở ...`, `Giao ...`."""
    found = leading_bodies(text)
    return found is not None and found.via in ("prefix", "handed")
