"""Import quality per document: how much of a document the pipeline understood.

`quality_row(doc_id, doc, agencies)` is a pure function of the parsed document
and its task_agencies rows (built once by `rows.agency_rows`); it gives the row
of the `document_quality` table:

- sections found (numbered or bulleted items of the body), tasks by shape;
- the share of tasks with an owner and with a parsed timing (a timing kind
  other than `unparsed`; tasks that state no timing count as without);
- agency mentions not in the registry (`known` false), and the names of those
  that are not collectives (`các đơn vị liên quan` can never be known);
- unparsed lines: body lines that are neither in a task, nor under one, nor a
  heading above one — purposes and legal bases, but also missed tasks;
- OCR confidence and warnings; lines that are information, not problems
  (digital-signature stamps: `vocab/quality.json`) are `notes` and cost nothing;
- a score from 0 to 100 (`score`), low meaning "look at this one first".
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from parsers.model import ParsedDocument

VOCAB = Path(__file__).resolve().parent / "vocab" / "quality.json"
NOTE_PREFIXES = tuple(p.casefold() for p in
                      json.loads(VOCAB.read_text(encoding="utf-8"))["note_prefixes"])

SHAPES = ("inline", "table", "prose")
BODY = "body"
# weights of the score (sum 100) and the penalty per warning
WEIGHTS = {"owner": 30, "timing": 25, "agencies": 20, "coverage": 15, "ocr": 10}
WARNING_PENALTY, MAX_WARNING_PENALTY = 5, 20


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _related_nodes(doc: ParsedDocument) -> set[int]:
    """Nodes of the tree that are a task's node, under one, or above one."""
    nodes = doc.tree.nodes
    by_block = doc.tree.node_of_block()
    related: set[int] = set()
    for t in doc.tasks:
        if t.span is None or t.span.block not in by_block:
            continue
        start = by_block[t.span.block]
        stack = [start]
        while stack:                                   # the task and what it holds
            i = stack.pop()
            if i not in related:
                related.add(i)
                stack.extend(nodes[i].children)
        parent = nodes[start].parent
        while parent is not None and parent not in related:   # headings above it
            related.add(parent)
            parent = nodes[parent].parent
    return related


def split_warnings(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(warnings, notes): a line starting like a note (a digital-signature stamp:
    `stamp: p1 (124,725,157,739): ...`) is information, not a warning."""
    warnings, notes = [], []
    for line in lines:
        (notes if line.casefold().startswith(NOTE_PREFIXES) else warnings).append(line)
    return warnings, notes


def score(owner_share: float | None, timing_share: float | None, known_share: float,
          coverage: float, ocr_confidence: float | None, n_warnings: int) -> float:
    """0-100; documents without tasks get nothing for owners and timings."""
    parts = {
        "owner": owner_share or 0.0,
        "timing": timing_share or 0.0,
        "agencies": known_share,
        "coverage": coverage,
        "ocr": 1.0 if ocr_confidence is None else max(0.0, min(1.0, ocr_confidence / 100)),
    }
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    total -= min(MAX_WARNING_PENALTY, WARNING_PENALTY * n_warnings)
    return round(max(0.0, total), 1)


def quality_row(doc_id: str, doc: ParsedDocument, agencies: Sequence[Mapping]) -> dict:
    tasks = doc.tasks
    body = [n for n in doc.tree.nodes if n.zone == BODY]
    related = _related_nodes(doc)
    unparsed = [n for n in body if n.index not in related and not n.is_heading]
    with_owner = sum(1 for t in tasks if t.owners)
    with_timing = sum(1 for t in tasks if t.timing.kind not in (None, "unparsed"))
    unknown = [a for a in agencies if not a.get("known")]
    named = [a for a in agencies if not a.get("collective")]
    unknown_named = sorted({a["mention"] for a in unknown if not a.get("collective")})
    known_share = 1.0 if not named else sum(1 for a in named if a.get("known")) / len(named)
    warnings, notes = split_warnings(list(doc.raw.warnings) + list(doc.warnings))
    owner_share, timing_share = _share(with_owner, len(tasks)), _share(with_timing, len(tasks))
    coverage = 1.0 - (len(unparsed) / len(body) if body else 0.0)
    return {
        "doc_id": doc_id, "doc_number": doc.meta.doc_number,
        "file_name": Path(doc.path).name, "reader": doc.raw.reader,
        "n_sections": sum(1 for n in body if n.marker is not None),
        "n_tasks": len(tasks),
        **{f"tasks_{s}": sum(1 for t in tasks if t.source_kind == s) for s in SHAPES},
        "with_owner": with_owner, "owner_share": owner_share,
        "with_timing": with_timing, "timing_share": timing_share,
        "n_mentions": len(agencies), "unknown_agencies": len(unknown),
        "unknown_agency_names": unknown_named,
        "body_lines": len(body), "unparsed_lines": len(unparsed),
        "ocr_confidence": doc.raw.ocr_confidence,
        "n_warnings": len(warnings), "warnings": warnings, "notes": notes,
        "score": score(owner_share, timing_share, known_share, coverage,
                       doc.raw.ocr_confidence, len(warnings)),
    }


def worst_first(rows: Iterable[Mapping]) -> list[Mapping]:
    """Lowest score first; ties by fewer tasks, then document number and file."""
    return sorted(rows, key=lambda r: (r["score"] if r["score"] is not None else -1,
                                       r["n_tasks"] or 0, r["doc_number"] or "",
                                       r["file_name"] or ""))


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def summary_metadata(rows: Sequence[Mapping], links: Mapping[str, str] | None = None) -> dict:
    """Totals of quality rows and a markdown table, worst first (what the
    `delta/document_quality` asset page shows of the table as it stands);
    `links`: doc_id → the URL of its review page."""
    links = links or {}
    lines = ["| score | document | review | sections | tasks (inline/table/prose) | with owner "
             "| with timing | unknown agencies | unparsed lines | OCR | warnings |",
             "|---:|---|---|---:|---|---:|---:|---:|---:|---:|---|"]
    for r in worst_first(rows):
        ocr = "-" if r["ocr_confidence"] is None else f"{r['ocr_confidence']:.0f}"
        page = f"[page]({links[r['doc_id']]})" if r.get("doc_id") in links else "-"
        lines.append(
            f"| {r['score']} | {r['doc_number'] or '(no number)'} `{r['file_name']}` | {page} "
            f"| {r['n_sections']} | {r['n_tasks']} ({r['tasks_inline']}/{r['tasks_table']}/"
            f"{r['tasks_prose']}) | {_pct(r['owner_share'])} | {_pct(r['timing_share'])} "
            f"| {r['unknown_agencies']} | {r['unparsed_lines']} | {ocr} "
            f"| {'; '.join(r['warnings'] or [])[:120]} |")
    scores = [r["score"] for r in rows if r["score"] is not None]
    return {
        "documents": len(rows),
        "tasks": sum(r["n_tasks"] or 0 for r in rows),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "worst_score": min(scores) if scores else None,
        "unknown_agencies": sum(r["unknown_agencies"] or 0 for r in rows),
        "unparsed_lines": sum(r["unparsed_lines"] or 0 for r in rows),
        "quality": "\n".join(lines) if rows else "no document yet",
    }
