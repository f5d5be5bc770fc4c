"""The timing an item takes from around it (spec §4), for items of prose whose own
text has no timing phrase, or whose labelled time line outranks it:

- a labelled time line after the item (`- Tuyên truyền, phổ biến ...` then
  `Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.`), or
  after the group of bullets it belongs to (six `+ Sở X: ...` bullets, then one
  `Thời gian thực hiện: ...` line for all of them);
- the same label inside the item's paragraph, after its text (`... gửi Bộ Tài
  chính. Thời gian hoàn thành: Trước ngày 31/5/2026.`): the content ends before it;
- a lead-in's timing phrase, for the items under it that have none of their own
  (`Đề nghị Thường trực Tỉnh ủy ... thực hiện các nhiệm vụ, giải pháp ... trong 02
  tháng cuối năm 2025 và những tháng đầu năm 2026 ...; trong đó lưu ý một số nội
  dung trọng tâm sau:` then `1.`, `2.`, ...).

The task extractors call `labelled_line_timing` (the label outranks the item's
own phrases), `lead_in_timing` (after them; the caller says which lead-ins give
work to a body), `is_timing_line` (such a line is no task of its own) and
`timing_label_in` (where an inline label cuts the content).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from extractors.labelled_fields import labelled_fields, labels
from extractors.timing import find_timing, normalise_timing
from parsers.document_context import per_document
from parsers.model import DocumentTree, Node, Span, Timing
from parsers.structure import BULLET_STYLES


# What may follow the time at the end of a time line: `... ban hành Quyết định./.`
TIME_LINE_END = " .;/"


def is_timing_line(text: str) -> bool:
    """A paragraph that only labels a time: `Thời gian hoàn thành: Tháng 12/2025.`, `Thời hạn
    chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.`"""
    return _time_value(text) is not None


def _time_value(text: str) -> tuple[str, int] | None:
    """The time a paragraph labels, with its offset: after the label and its colon, or right
    after a label with no colon where a timing phrase is all the rest (`Thời hạn| chậm nhất 05
    ngày làm việc kể từ ngày ban hành Quyết định.`, `Thời gian thực hiện| trong quý I năm
    2010.`); not a rule about a time limit (`Thời hạn thẩm định, xác nhận là 50 ngày ...`)."""
    fields = labelled_fields(text)
    if fields:
        return fields["timing"] if set(fields) == {"timing"} else None
    label = _uncoloned_label().match(text)
    if label is None:
        return None
    rest = text[label.end():]
    found = find_timing(rest, None)
    if found is None or found.span is None or found.span.start != 0 or rest[found.span.end:].strip(TIME_LINE_END):
        return None
    return rest[:found.span.end], label.end()


@lru_cache(maxsize=1)
def _uncoloned_label() -> re.Pattern:
    """A timing label that opens a paragraph with no colon after it: `Thời hạn |chậm nhất ...`,
    `Thời gian hoàn thành |trước ngày 31 tháng 12 năm 2025.`"""
    names = sorted(labels()["inline"]["timing"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"(?:{alternatives})\s+(?=[^\s:])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _inline_label() -> re.Pattern:
    """A timing label after a sentence of the item, with the stop before it: `... Bộ Tài
    chính. Thời gian hoàn thành: ` (the stop matched, not looked behind for: `re` skips
    ahead to a `.` or a `;`, it does not try the labels at every position)."""
    names = sorted(labels()["inline"]["timing"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"[.;]\s*(?:{alternatives})\s*:\s*", re.IGNORECASE)


def timing_label_in(text: str) -> int | None:
    """Where a timing label inside the item's paragraph starts (its content ends there), or
    None: `Tổng hợp kết quả kiểm kê, ... gửi Bộ Tài chính.| Thời gian hoàn thành: Trước ngày
    31/5/2026.`"""
    m = _inline_label().search(text)
    return m.start() + 1 if m and m.end() < len(text.rstrip(" .;")) else None     # after the stop


def _time_line(node: Node) -> bool:
    """A time line standing as a paragraph or a bullet (`- Thời gian thực hiện: ...`); a
    numbered item that labels a time (`4. Thời gian thực hiện: năm học 2025-2026.`, `Điều 2.
    Thời gian thực hiện: ...`) is an item of its own, which times no other."""
    return (node.marker is None or node.marker.style in BULLET_STYLES) and is_timing_line(node.text)


def _line_timing(node: Node, ref: date | None) -> Timing:
    """The Timing of a time line's value (`_time_value`), its span in node's block."""
    value, start = _time_value(node.text)
    t = normalise_timing(value, ref)
    return Timing(t.raw, t.kind, t.start, t.end,
                  Span(block=node.block, start=start, end=start + len(value)))


# The last tree seen with the indices of its top-level nodes (one tuple, read and replaced
# whole: threads that share it at worst compute it again).
_TOP_LEVEL: list[tuple[DocumentTree, tuple[int, ...]] | None] = [None]


def _sibling_indices(tree: DocumentTree, node: Node):
    """The indices of `node`'s siblings (itself included), in document order."""
    if node.parent is not None:
        return tree.nodes[node.parent].children
    cached = _TOP_LEVEL[0]
    if cached is None or cached[0] is not tree:
        cached = (tree, tuple(n.index for n in tree.nodes if n.parent is None))
        _TOP_LEVEL[0] = cached
    return cached[1]


def _following(tree: DocumentTree, node: Node):
    """The siblings after `node`, in order."""
    indices = _sibling_indices(tree, node)
    for i in indices[bisect_right(indices, node.index):]:
        yield tree.nodes[i]


def _preceding(tree: DocumentTree, node: Node):
    """The siblings before `node`, nearest first."""
    indices = _sibling_indices(tree, node)
    for i in reversed(indices[:bisect_left(indices, node.index)]):
        yield tree.nodes[i]


def _line_after(tree: DocumentTree, node: Node, ref: date | None) -> Timing | None:
    """The time line that follows `node` among its siblings, over bullets of the same group
    that have none (the line after a group of bullets is the whole group's)."""
    for sib in _following(tree, node):
        if _time_line(sib):
            return _line_timing(sib, ref)
        if sib.marker is None or sib.children:
            return None
    return None


def labelled_line_timing(tree: DocumentTree, node: Node, text: str,
                         ref: date | None) -> Timing | None:
    """The timing of a labelled time line that belongs to the item: in its own paragraph
    (`text`, the item's text as the caller has it), in a paragraph under it, after it, after
    its group of bullets, or after an item it is a bullet of."""
    at = timing_label_in(text)
    if at is not None:
        inside = labelled_fields(text[at:].lstrip())
        if inside and "timing" in inside:
            value, _ = inside["timing"]
            t = normalise_timing(value, ref)
            start = node.text.find(value)
            span = Span(block=node.block, start=start, end=start + len(value)) if start >= 0 else None
            return Timing(t.raw, t.kind, t.start, t.end, span)
    for child in (tree.nodes[i] for i in node.children):
        if _time_line(child):
            return _line_timing(child, ref)      # the item's own paragraph under it
    current = node
    while current is not None:
        found = _line_after(tree, current, ref)
        if found is not None:
            return found
        current = tree.nodes[current.parent] if current.parent is not None else None
    return None


def _lead_ins(tree: DocumentTree, node: Node):
    """The lead-ins above an item, nearest first: at each level, the unnumbered paragraph
    ending with `:` that opens the run of numbered items the item (or its ancestor) stands in
    (`Đề nghị ... sau:` then `1.`, `2.`, ...), and an ancestor item that ends with `:`."""
    child = node
    while True:
        for sib in _preceding(tree, child):
            if sib.marker is None:
                if _ends_with_colon(sib.text):
                    yield sib
                break          # an unnumbered paragraph ends the run of items
        if child.parent is None:
            return
        child = tree.nodes[child.parent]
        if _ends_with_colon(child.text):
            yield child


def _only_time(text: str, found: Timing) -> bool:
    """Is the lead-in nothing but its timing phrase (`Trong năm 2025:`)?"""
    return not (text[:found.span.start] + text[found.span.end:]).strip(" :.,*")


def _ends_with_colon(text: str) -> bool:
    return text.rstrip(" *").endswith(":")


@per_document
def _lead_in_phrase(text: str, ref: date | None) -> Timing | None:
    """The lead-in's phrase that its items take (every item under it asks)."""
    return find_timing(text, ref, lead_in=True)


def lead_in_timing(tree: DocumentTree, node: Node, ref: date | None,
                   assigns: Callable[[str], object]) -> Timing | None:
    """The timing phrase of the nearest lead-in above the item that has one, among the
    lead-ins that give work to a body (`assigns(text)`, the caller's grammar of lead-ins:
    `Đề nghị Thường trực Tỉnh ủy ... sau:`), not those that introduce a list of rules or
    amounts (`Mức trợ cấp hằng tháng được quy định như sau:`); a lead-in that is only its
    time (`6. Trong thời hạn tối đa 24 tháng kể từ ngày Nghị định này có hiệu lực:`) times
    the work of every item under it."""
    for lead_in in _lead_ins(tree, node):
        found = _lead_in_phrase(lead_in.text, ref)
        if found is None or not (_only_time(lead_in.text, found) or assigns(lead_in.text)):
            continue
        offset = max(tree.raw.blocks[lead_in.block].text.find(lead_in.text), 0)
        return Timing(found.raw, found.kind, found.start, found.end,
                      Span(block=lead_in.block, start=offset + found.span.start,
                           end=offset + found.span.end))
    return None
