"""A review page per document: one HTML file that shows the document's text with
what was extracted from it highlighted in place, so that a person can check a
table row against the words it came from.

- each task's content (`TaskRecord.span`), owners and partners (`Mention.span`)
  and timing (`Timing.span`) are marked in the text where their Span says
  (block, characters); a span of a whole block (start = end = 0) marks the
  block; a value whose span is missing or does not hold its words is looked
  for in its task's block and the blocks before it (a lead-in `1. Sở Y tế:`),
  marked `located`, or listed as not found;
- the letterhead fields (số hiệu, loại, cơ quan ban hành, ngày, người ký,
  trích yếu) beside the text, marked in it where their span says, or where
  their words are found in the zone they belong to (the letterhead and title
  blocks; the signature blocks for the signer): never in the body, where the
  same words may cite another document;
- the quality row's score, warnings and notes, and the list of tasks, each
  linking to its place in the text.

Plain HTML and CSS (no script), so that any browser shows it offline and a
test can read the marks from the DOM: every highlight is a `<span class="hl
KIND">` (KIND: task, owner, partner, timing, field) whose `data-ids` names the
values it belongs to (`t3` task 3, `t3-owner-1`, `t3-partner-2`, `t3-timing`,
`f-doc_number`). Where values overlap, the text is cut at every boundary and
each piece carries all the values over it.

`review_html(doc, quality)` is pure; `page_name` and `write_page` place it.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from parsers.model import Block, ParsedDocument, Span, TaskRecord
from pipeline.tables.storage import review_page_name as page_name

KINDS = ("task", "owner", "partner", "timing", "field")
LEGEND = {"task": "Nội dung nhiệm vụ", "owner": "Chủ trì", "partner": "Phối hợp",
          "timing": "Thời gian", "field": "Trường của văn bản"}
FIELDS = (("doc_number", "Số hiệu"), ("doc_type", "Loại văn bản"),
          ("issuer", "Cơ quan ban hành"), ("place", "Địa danh"),
          ("issue_date", "Ngày ban hành"), ("signer", "Người ký"), ("title", "Trích yếu"))
LOOK_BACK = 30            # blocks before a task where its lead-in may name the owner

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{padding:12px 20px;background:#305496;color:#fff}
header h1{margin:0;font-size:20px} header p{margin:4px 0 0}
.legend .hl{margin-right:10px;padding:1px 6px;color:#1b1b1b}
.layout{display:flex;gap:16px;padding:16px 20px;align-items:flex-start}
main{flex:3;background:#fff;border:1px solid #ddd;padding:12px 18px;line-height:1.55}
aside{flex:2;position:sticky;top:8px;max-height:96vh;overflow:auto}
aside section{background:#fff;border:1px solid #ddd;margin-bottom:12px;padding:8px 12px}
aside h2{font-size:15px;margin:4px 0 8px}
aside table{border-collapse:collapse;width:100%;font-size:13px}
aside td,aside th{border-top:1px solid #eee;padding:3px 4px;text-align:left;vertical-align:top}
p.block{margin:4px 0;white-space:pre-wrap} p.row{font-size:14px;color:#333}
p.stamp{font-size:12px;color:#666;border-left:3px solid #bbb;padding-left:6px}
.bno{display:inline-block;min-width:2.2em;color:#aaa;font-size:11px;user-select:none}
.hl.task{background:#fff3b0}
.hl.owner{background:#b9dcff;border-bottom:2px solid #1f6fc5;font-weight:bold}
.hl.partner{background:#c8efc8;border-bottom:2px solid #2e8b2e}
.hl.timing{background:#ffd4a8;border-bottom:2px solid #d2691e}
.hl.field{outline:2px solid #8a4fc8;outline-offset:1px}
.hl.located{border-bottom-style:dashed}
.score{font-size:22px;font-weight:bold}
ul{padding-left:18px;margin:4px 0} li{margin:2px 0;font-size:13px}
.missing{color:#b00}
"""


@dataclass(frozen=True)
class Mark:
    block: int
    start: int
    end: int
    kind: str
    ident: str
    located: bool = False       # placed by finding its words, not by its span


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _valid(span: Span | None, blocks: Sequence[Block], words: str | None) -> bool:
    """A span inside the text whose characters are the value's words (any span
    when there are no words to compare, a whole-block span included)."""
    if span is None or not 0 <= span.block < len(blocks):
        return False
    text = blocks[span.block].text
    if not (0 <= span.start <= span.end <= len(text)):
        return False
    if span.start == span.end:
        return span.start == 0 and not words
    return not words or _norm(text[span.start:span.end]) == _norm(words)


def _find(words: str, blocks: Sequence[Block], order: Iterable[int]) -> tuple[int, int, int] | None:
    """The first place of `words` (case and spacing ignored) in the blocks of `order`."""
    parts = [re.escape(w) for w in words.split()]
    if not parts:
        return None
    pattern = re.compile(r"\s+".join(parts), re.IGNORECASE)
    for i in order:
        if 0 <= i < len(blocks):
            m = pattern.search(blocks[i].text)
            if m:
                return i, m.start(), m.end()
    return None


def _whole(span: Span, blocks: Sequence[Block]) -> tuple[int, int]:
    if span.start == span.end == 0:
        return 0, len(blocks[span.block].text)
    return span.start, span.end


def _place(kind: str, ident: str, span: Span | None, words: str | None,
           blocks: Sequence[Block], near: int | None) -> Mark | None:
    if _valid(span, blocks, words):
        start, end = _whole(span, blocks)
        return Mark(span.block, start, end, kind, ident)
    if not words or near is None:
        return None
    found = _find(words, blocks, range(near, max(-1, near - LOOK_BACK), -1))
    return Mark(found[0], found[1], found[2], kind, ident, located=True) if found else None


def task_marks(i: int, task: TaskRecord, blocks: Sequence[Block]) -> tuple[list[Mark], list[str]]:
    """The marks of task `i` (1-based) and the idents of its values not found."""
    near = task.span.block if task.span is not None and 0 <= task.span.block < len(blocks) \
        else None
    marks, missing = [], []
    content = _place("task", f"t{i}", task.span, None, blocks, None)
    if content:
        marks.append(content)
    values = [("owner", f"t{i}-owner-{k}", m.span, m.text) for k, m in enumerate(task.owners, 1)]
    values += [("partner", f"t{i}-partner-{k}", m.span, m.text)
               for k, m in enumerate(task.partners, 1)]
    if task.timing.raw:
        values.append(("timing", f"t{i}-timing", task.timing.span, task.timing.raw))
    for kind, ident, span, words in values:
        mark = _place(kind, ident, span, words, blocks, near)
        if mark:
            marks.append(mark)
        else:
            missing.append(ident)
    return marks, missing


HEAD_ZONES = frozenset({"letterhead", "title"})
SIGNATURE_ZONES = frozenset({"signature"})


def _zone_blocks(doc: ParsedDocument, zones: frozenset[str]) -> list[int]:
    return sorted({n.block for n in doc.tree.nodes if n.zone in zones})


def field_marks(doc: ParsedDocument) -> list[Mark]:
    """The letterhead fields marked where their span says, else where their words
    are in their zone (the letterhead and title; the signature for the signer)."""
    blocks, meta = doc.raw.blocks, doc.meta
    spans = dict(meta.spans)
    head, signature = _zone_blocks(doc, HEAD_ZONES), _zone_blocks(doc, SIGNATURE_ZONES)
    out = []
    for name, _ in FIELDS:
        value = getattr(meta, name)
        if value is None or name == "issue_date":
            continue
        if name in spans and _valid(spans[name], blocks, None):
            start, end = _whole(spans[name], blocks)
            out.append(Mark(spans[name].block, start, end, "field", f"f-{name}"))
            continue
        # the place is written on the date line, after the issuer's lines that may name it
        order = signature if name == "signer" else head[::-1] if name == "place" else head
        found = _find(str(value), blocks, order)
        if found:
            out.append(Mark(found[0], found[1], found[2], "field", f"f-{name}", located=True))
    return out


def _segments(text: str, marks: Sequence[Mark]) -> str:
    """The block's text as HTML: cut at every mark's boundary, each piece a span
    carrying every mark over it (plain text where none is)."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        over = [m for m in marks if m.start <= a and b <= m.end and m.start < m.end]
        if not over:
            out.append(piece)
            continue
        kinds = [k for k in KINDS if any(m.kind == k for m in over)]
        if any(m.located for m in over if m.kind != "task"):
            kinds.append("located")
        ids = " ".join(m.ident for m in over)
        first = [m.ident for m in over if m.kind == "task" and m.ident not in anchored]
        anchor = f' id="task-{first[0][1:]}"' if first else ""
        anchored.update(first)
        out.append(f'<span class="hl {" ".join(kinds)}" data-ids="{ids}"{anchor}>{piece}</span>')
    return "".join(out)


def _text_html(doc: ParsedDocument, marks: Sequence[Mark]) -> str:
    by_block: dict[int, list[Mark]] = {}
    for m in marks:
        by_block.setdefault(m.block, []).append(m)
    lines = []
    for b in doc.raw.blocks:
        kind = "stamp" if b.kind == "stamp" else "row" if b.is_row else "para"
        lines.append(f'<p class="block {kind}" id="b{b.index}" data-block="{b.index}">'
                     f'<span class="bno">{b.index}</span>'
                     f'{_segments(b.text, by_block.get(b.index, []))}</p>')
    return "\n".join(lines)


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _letterhead(doc: ParsedDocument, file_name: str) -> str:
    meta = doc.meta
    rows = [f"<tr><th>{label}</th><td>{_e(getattr(meta, name)) or '—'}</td></tr>"
            for name, label in FIELDS]
    rows += [f"<tr><th>Tệp</th><td>{_e(file_name)}</td></tr>",
             f"<tr><th>Bộ đọc</th><td>{_e(doc.raw.reader)}</td></tr>"]
    return ('<section class="letterhead"><h2>Văn bản</h2><table>' + "".join(rows)
            + "</table></section>")


def _quality(quality: Mapping) -> str:
    def items(values, cls):
        return "".join(f'<li class="{cls}">{_e(v)}</li>' for v in values)
    warnings, notes = quality.get("warnings") or [], quality.get("notes") or []
    unknown = quality.get("unknown_agency_names") or []
    return ('<section class="quality"><h2>Chất lượng nhập</h2>'
            f'<p>Điểm: <span class="score">{_e(quality.get("score"))}</span> / 100 · '
            f'{_e(quality.get("n_tasks"))} nhiệm vụ · dòng không thuộc nhiệm vụ: '
            f'{_e(quality.get("unparsed_lines"))}</p>'
            f'<h3>Cảnh báo ({len(warnings)})</h3>'
            f'<ul class="warnings">{items(warnings, "warning")}</ul>'
            + (f'<h3>Ghi chú ({len(notes)})</h3><ul class="notes">{items(notes, "note")}</ul>'
               if notes else "")
            + (f'<h3>Cơ quan chưa có trong danh mục</h3><ul>{items(unknown, "unknown")}</ul>'
               if unknown else "")
            + "</section>")


def _task_list(doc: ParsedDocument, missing: Mapping[int, list[str]]) -> str:
    items = []
    for i, t in enumerate(doc.tasks, start=1):
        owners = "; ".join(m.text for m in t.owners) or "—"
        partners = "; ".join(m.text for m in t.partners)
        lost = missing.get(i) or []
        items.append(
            f'<li><a href="#task-{i}">{_e(t.section)}</a> '
            f'<span class="hl owner">{_e(owners)}</span>'
            + (f' · <span class="hl partner">{_e(partners)}</span>' if partners else "")
            + (f' · <span class="hl timing">{_e(t.timing.raw)}</span>' if t.timing.raw else "")
            + (' <span class="missing">(không tìm thấy trong văn bản: '
               f'{_e(", ".join(lost))})</span>' if lost else "")
            + "</li>")
    return (f'<section class="tasks"><h2>Nhiệm vụ ({len(doc.tasks)})</h2><ol>{"".join(items)}'
            "</ol></section>")


def review_html(doc: ParsedDocument, quality: Mapping, file_name: str | None = None) -> str:
    """The review page of a parsed document and its document_quality row."""
    blocks = doc.raw.blocks
    marks: list[Mark] = field_marks(doc)
    missing: dict[int, list[str]] = {}
    for i, task in enumerate(doc.tasks, start=1):
        found, lost = task_marks(i, task, blocks)
        marks += found
        if lost:
            missing[i] = lost
    meta = doc.meta
    name = file_name or Path(doc.path).name
    heading = " ".join(x for x in (meta.doc_type, meta.doc_number) if x) or name
    legend = "".join(f'<span class="hl {k}">{v}</span>' for k, v in LEGEND.items())
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(heading)}: kiểm tra</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_e(heading)}</h1><p>{_e(meta.title)}</p>"
        f'<p class="legend">{legend}</p></header>'
        f'<div class="layout"><main class="text">{_text_html(doc, marks)}</main>'
        f"<aside>{_letterhead(doc, name)}{_quality(quality)}{_task_list(doc, missing)}</aside>"
        "</div></body></html>\n")


def write_page(out_dir: str | Path, doc_id: str, doc: ParsedDocument, quality: Mapping,
               file_name: str | None = None) -> Path:
    """Write the review page into `out_dir` (atomically); its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / page_name(doc.meta.doc_number, doc_id)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(review_html(doc, quality, file_name), encoding="utf-8")
    os.replace(tmp, target)
    return target
