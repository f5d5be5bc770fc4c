"""All task records of a document, in document order: inline, table and prose shapes.

A task states work: its content has words. A content that is only a number, a mark,
a placeholder or a stray piece of markup (`12`, `x`, `………`, `|`, `-`) is no task
(spec §1), whatever shape it came in.

In a normative document (a law, a decree, a circular, or any text set out in many
articles) the rules, rights and duties of classes of people are no tasks: its tasks
are the items of the articles that give work to bodies (`Điều 12. Trách nhiệm của Bộ
Tài chính`, `Tổ chức thực hiện`, `Điều khoản chuyển tiếp`), and elsewhere the provisions
that open with a named state body and its duty (`Bộ Công Thương chủ trì, phối hợp với Bộ
Tài chính xây dựng ...`), spec §1.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.agencies import AgencyRegistry
from extractors.prose_owner import leading_bodies
from extractors.tasks_inline import inline_tasks
from extractors.tasks_prose import prose_tasks, sibling_lead_in, states_work
from extractors.tasks_table import table_tasks
from parsers.grammar.assignment import vocab
from parsers.model import DocumentMeta, DocumentTree, Node, TaskRecord

ARTICLE = "article"
# Markup at the edges of a content: `**`, `*`, `|`, `#`, `>`
EDGE_MARKUP = re.compile(r"^[\s*|#>]+|[\s*|#]+$")           # the marker style of `Điều 5.` (parsers.markers)
# The marks, other than white space, EDGE_MARKUP takes at a content's start and at its end
MARKUP_OPENS, MARKUP_ENDS = ("*", "|", "#", ">"), ("*", "|", "#")


def extract_tasks(tree: DocumentTree, meta: DocumentMeta) -> list[TaskRecord]:
    ref = meta.issue_date
    inline, used = inline_tasks(tree, ref)
    tasks = inline + table_tasks(tree, ref, meta.issuer) + prose_tasks(tree, meta, used)
    tasks = [t if (content := _unmarked(t.content)) == t.content else replace(t, content=content)
             for t in tasks]
    tasks = [t for t in tasks if states_work(t.content) and t.owners]    # every task has an owner (spec §1)
    if is_normative(tree, meta):
        tasks = [t for t in tasks if not _makes_rules(t) and (
                 (_in_tasking_article(tree, t) and not _class_of_people(t))
                 or _named_body_duty(tree, t, meta.issuer))]
    return sorted(tasks, key=lambda t: t.span.block if t.span else 0)


def _unmarked(content: str) -> str:
    """The content without markup a reader left at its edges: `**b2) Đối với ...**`,
    `| 2025`, `# ...` (spec §2: no leading or trailing punctuation)."""
    if not (content[:1] in MARKUP_OPENS or content[:1].isspace()
            or content[-1:] in MARKUP_ENDS or content[-1:].isspace()):
        return content.strip() or content       # EDGE_MARKUP can match at neither edge
    return EDGE_MARKUP.sub("", content).strip() or content


def is_normative(tree: DocumentTree, meta: DocumentMeta) -> bool:
    """A law, decree or circular, or a text set out in many articles."""
    rules = vocab()["normative"]
    if meta.doc_type in rules["types"]:
        return True
    articles = sum(1 for n in tree.nodes if n.marker and n.marker.style == ARTICLE and n.zone == "body")
    return articles >= rules["min_articles"]


def _in_tasking_article(tree: DocumentTree, task: TaskRecord) -> bool:
    """Does the task stand in an article whose title gives work to bodies?"""
    node = _node_of(tree, task)
    rules = vocab()["normative"]
    while node is not None:
        if node.marker and node.marker.style == ARTICLE:
            title = node.text.casefold()
            return any(w in title for w in rules["tasking_articles"]) and \
                not any(w in title for w in rules["not_tasking_articles"])
        node = tree.nodes[node.parent] if node.parent is not None else None
    return False


def _makes_rules(task: TaskRecord) -> bool:
    """Does the provision only delegate rule-making to its body (`Chính phủ quy định việc xử
    lý chất độc tồn dư của chiến tranh`, `Bộ trưởng Bộ Công Thương quy định biểu mẫu ...`)?
    No task (spec §1, like `Chính phủ quy định chi tiết Điều này`); not `Doanh nghiệp ... quy
    định tại khoản này`, which cites."""
    content = task.content
    for owner in task.owners:
        if content.startswith(owner.text):
            rest = content[len(owner.text):].lstrip(" ,")
            return any(rest.startswith(v + " ") and not rest.startswith(v + " tại")
                       for v in vocab()["normative"]["rule_making"])
    return False


# A plural word before a class: `các chủ đầu tư`, `Những người lao động`
PLURAL = re.compile(r"^(?:các|những|mọi|toàn thể)\s+", re.I)


def _class_of_people(task: TaskRecord) -> bool:
    """Are the task's owners all classes of people or of non-state parties (`Chủ đầu tư`,
    `tổ chức, cá nhân`, `các doanh nghiệp`, `Trường cao đẳng`)? Their duties are rules, no
    tasks (spec §1), even in an article titled with `trách nhiệm`."""
    return all(is_class_of_people(o.text) for o in task.owners)


def is_class_of_people(owner: str) -> bool:
    """`Chủ đầu tư`, `các doanh nghiệp dịch vụ`, `Trưởng ban kiểm soát, Kiểm soát viên`; not
    a class's body that a name makes one (`Hội đồng thành viên VAMC`, `Hội đồng quản trị của
    Bảo hiểm tiền gửi Việt Nam`), nor `Trường Cao đẳng Y tế Hà Nội`."""
    heads = vocab()["normative"]["classes_of_people"]
    for text in (owner, PLURAL.sub("", owner)):
        text = text[:1].lower() + text[1:]          # the letters a name writes in capitals stay
        head = next((h for h in heads if text.startswith(h) and not text[len(h):len(h) + 1].isalnum()), None)
        if head is not None:
            return not _named_in(text[len(head):])
    return False


# Where a name follows a class's head and makes it one body: right after it (`Hội đồng
# thành viên| VAMC`) or after `của` (`Hội đồng quản trị của| Bảo hiểm tiền gửi Việt Nam`);
# a capital further on names a paper, no body (`doanh nghiệp dịch vụ trong trường hợp nộp
# lại Giấy phép`)
NAMED_AFTER = re.compile(r"^\s*(?:của\s+)?(?P<first>\w)")


def _named_in(tail: str) -> bool:
    """Does a name follow the class's head (NAMED_AFTER)?"""
    m = NAMED_AFTER.match(tail)
    return m is not None and m.group("first").isupper()


def _named_body_duty(tree: DocumentTree, task: TaskRecord, issuer: str | None) -> bool:
    """Outside the articles that give work, a provision is a task where it, or the lead-in
    above it, opens with a state body of a level of government, named, and its duty (spec
    §1): `Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính xây dựng hệ thống ...`, `Bộ Công
    Thương có trách nhiệm:` + `a) Công bố, vận hành ...`; not a class of people (`Tổ chức, cá
    nhân có trách nhiệm ...`, `Doanh nghiệp X ...`) nor every body of a level (`Ủy ban nhân
    dân cấp tỉnh ...`), nor a step of an administrative procedure."""
    rules = vocab()["normative"]
    if any(clock in task.content for clock in rules["procedure_clocks"]):
        return False              # a step of a procedure: `... kể từ ngày nhận đủ giấy tờ, ...`
    agency = AgencyRegistry.load().resolve(task.owners[0].text, issuer)
    node = _node_of(tree, task)
    if agency.level is None or agency.collective or node is None:
        return False
    markers = tuple(rules["duty_markers"])
    parent = tree.nodes[node.parent] if node.parent is not None else None
    lead_ins = (parent, sibling_lead_in(tree, parent, node)) if parent is not None else ()
    for item in (node, *lead_ins):
        if item is None or (item is not node and not item.text.rstrip().endswith(":")):
            continue
        lead = leading_bodies(item.text)
        if lead is not None and lead.via in ("start", "prefix") \
                and item.text[lead.end:].lstrip(" ,").startswith(markers):
            return True
    return False


def _node_of(tree: DocumentTree, task: TaskRecord) -> Node | None:
    block = task.span.block if task.span else None
    return next((n for n in tree.nodes if n.block == block), None)
