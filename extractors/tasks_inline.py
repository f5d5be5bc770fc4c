"""Inline tasks: an item whose body has labelled lines (spec §1, shape `inline`).

    1.1. Kiện toàn thành viên của Thành phố tham gia Mạng lưới
    - Đơn vị chủ trì: Sở Văn hóa và Thể thao.
    - Đơn vị phối hợp: Văn phòng UBND Thành phố, Sở Ngoại vụ.
    - Thời gian: Tháng 5/2023.
    - Nội dung: Tham mưu UBND Thành phố kiện toàn ...

Labelled lines that follow a group of bullets make one task of the group,
its content being the bullets joined.
"""
from __future__ import annotations

from datetime import date

from extractors.labelled_fields import labelled_fields, lead_and_partners, to_mentions
from extractors.timing import normalise_timing
from parsers.model import DocumentTree, Node, Span, TaskRecord, Timing
from parsers.clean_text import clean_value

TASK_ZONES = ("body", "appendix")


def inline_tasks(tree: DocumentTree, ref: date | None) -> tuple[list[TaskRecord], set[int]]:
    """The inline tasks and the node indices they consumed (so prose skips them)."""
    tasks: list[TaskRecord] = []
    used: set[int] = set()
    for parent in tree.nodes:
        if parent.zone not in TASK_ZONES or not parent.children:
            continue
        children = [tree.nodes[i] for i in parent.children if not tree.raw.blocks[tree.nodes[i].block].is_row]
        if not any((labelled_fields(c.text) or {}).get("owner") for c in children):
            continue
        tasks.extend(_tasks_of_group(tree, parent, children, ref, used))
    return tasks, used


def _tasks_of_group(tree, parent: Node, children: list[Node], ref, used: set[int]):
    pending: list[Node] = []
    fields: dict[str, tuple[str, int, int]] = {}
    field_nodes: list[Node] = []
    out = []

    def emit() -> None:
        if "owner" not in fields:
            return
        owner_value, owner_off, owner_block = fields["owner"]
        owner_value, cooperating, at = lead_and_partners(owner_value)    # `Sở X chủ trì, phối hợp với Sở Y`
        if "content" in fields:
            content = fields["content"][0]
        else:
            content = clean_value(" ".join(n.text for n in pending)) or ""
        title = clean_value(parent.text) if parent.marker else None
        if not content and title:
            content, title = title, None
        partners = fields.get("partners") or ((cooperating, owner_off + at, owner_block) if cooperating else None)
        timing_field = fields.get("timing")
        timing = normalise_timing(timing_field[0], ref) if timing_field else Timing(None, None)
        if timing_field:
            timing = Timing(timing.raw, timing.kind, timing.start, timing.end,
                            Span(block=timing_field[2], start=timing_field[1],
                                 end=timing_field[1] + len(timing_field[0])))
        out.append(TaskRecord(
            section=parent.path, source_kind="inline", title=title, content=content,
            owners=to_mentions(owner_value, "owner", owner_block, owner_off),
            partners=to_mentions(partners[0], "partner", partners[2], partners[1]) if partners else (),
            timing=timing,
            deliverable=fields["deliverable"][0] if "deliverable" in fields else None,
            span=Span(block=parent.block)))
        used.add(parent.index)
        used.update(n.index for n in pending + field_nodes)

    for child in children:
        found = labelled_fields(child.text)
        if found is None:
            if "owner" in fields:
                emit()
                pending, fields, field_nodes = [], {}, []
            pending.append(child)
            continue
        field_nodes.append(child)
        for name, (value, offset) in found.items():
            if name not in ("ignore",) and name not in fields:
                fields[name] = (value, offset + _marker_len(tree, child), child.block)
    emit()
    return out


def _marker_len(tree: DocumentTree, node: Node) -> int:
    """Offset of a node's text inside its block's text (after the marker)."""
    block_text = tree.raw.blocks[node.block].text
    at = block_text.find(node.text)
    return max(at, 0)
