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
own phrases), `lead_in_timing` (after them), `is_timing_line` (such a line is no
task of its own) and `timing_label_in` (where an inline label cuts the content).
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from extractors.fields import labelled_fields, labels
from extractors.timing import find_timing, normalise_timing
from parsers.model import DocumentTree, Node, Span, Timing


def is_timing_line(text: str) -> bool:
    """A paragraph that only labels a time: `Thời gian hoàn thành: Tháng 12/2025.`"""
    fields = labelled_fields(text)
    return bool(fields) and set(fields) == {"timing"}


@lru_cache(maxsize=1)
def _inline_label() -> re.Pattern:
    """A timing label after a sentence of the item: `... Bộ Tài chính. Thời gian hoàn thành: `"""
    names = sorted(labels()["inline"]["timing"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"(?<=[.;])\s*(?:{alternatives})\s*:\s*", re.IGNORECASE)


def timing_label_in(text: str) -> int | None:
    """Where a timing label inside the item's paragraph starts (its content ends there), or
    None: `Tổng hợp kết quả kiểm kê, ... gửi Bộ Tài chính.| Thời gian hoàn thành: Trước ngày
    31/5/2026.`"""
    m = _inline_label().search(text)
    return m.start() if m and m.end() < len(text.rstrip(" .;")) else None


def _line_timing(node: Node, ref: date | None, at: int = 0) -> Timing:
    """The Timing of a labelled value in `node.text` from `at` (its span in node's block)."""
    value, offset = labelled_fields(node.text[at:])["timing"]
    t = normalise_timing(value, ref)
    start = at + offset
    return Timing(t.raw, t.kind, t.start, t.end,
                  Span(block=node.block, start=start, end=start + len(value)))


def _siblings(tree: DocumentTree, node: Node) -> list[Node]:
    if node.parent is None:
        return [n for n in tree.nodes if n.parent is None]
    return [tree.nodes[i] for i in tree.nodes[node.parent].children]


def _line_after(tree: DocumentTree, node: Node, ref: date | None) -> Timing | None:
    """The time line that follows `node` among its siblings, over bullets of the same group
    that have none (the line after a group of bullets is the whole group's)."""
    siblings = _siblings(tree, node)
    at = next(i for i, s in enumerate(siblings) if s.index == node.index)
    for sib in siblings[at + 1:]:
        if is_timing_line(sib.text):
            return _line_timing(sib, ref)
        if sib.marker is None or sib.children:
            return None
    return None


def labelled_line_timing(tree: DocumentTree, node: Node, text: str,
                         ref: date | None) -> Timing | None:
    """The timing of a labelled time line that belongs to the item: in its own paragraph
    (`text`, the item's text as the caller has it), after it, after its group of bullets,
    or after an item it is a bullet of."""
    at = timing_label_in(text)
    if at is not None:
        inside = labelled_fields(text[at:].lstrip())
        if inside and "timing" in inside:
            value, _ = inside["timing"]
            t = normalise_timing(value, ref)
            start = node.text.find(value)
            span = Span(block=node.block, start=start, end=start + len(value)) if start >= 0 else None
            return Timing(t.raw, t.kind, t.start, t.end, span)
    current = node
    while current is not None:
        found = _line_after(tree, current, ref)
        if found is not None:
            return found
        current = tree.nodes[current.parent] if current.parent is not None else None
    return None


def _lead_ins(tree: DocumentTree, node: Node):
    """The lead-ins above an item, nearest first: an ancestor that ends with `:`, and the
    unnumbered paragraphs ending with `:` that open an ancestor's items before it."""
    child = node
    while True:
        siblings = _siblings(tree, child)
        for sib in reversed(siblings[:next(i for i, s in enumerate(siblings)
                                           if s.index == child.index)]):
            if sib.marker is None and sib.text.rstrip(" *").endswith(":"):
                yield sib
        if child.parent is None:
            return
        child = tree.nodes[child.parent]
        if child.text.rstrip(" *").endswith(":"):
            yield child


def lead_in_timing(tree: DocumentTree, node: Node, ref: date | None) -> Timing | None:
    """The timing phrase of the nearest lead-in above the item that has one."""
    for lead_in in _lead_ins(tree, node):
        found = find_timing(lead_in.text, ref, lead_in=True)
        if found is not None:
            offset = max(tree.raw.blocks[lead_in.block].text.find(lead_in.text), 0)
            return Timing(found.raw, found.kind, found.start, found.end,
                          Span(block=lead_in.block, start=offset + found.span.start,
                               end=offset + found.span.end))
    return None
