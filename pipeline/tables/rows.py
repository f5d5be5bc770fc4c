"""Rows of the published tables, built from parsed documents (pure functions).

The rows of one document (`section_rows`, `task_row`, `agency_rows`,
`reference_rows`, `document_fields`) are built where it is parsed
(`pipeline.ingest.gather`); the `*_table` functions give a batch's rows as a
`pyarrow.Table` of the schema declared in `pipeline.tables.schemas`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import pyarrow as pa

from parsers.model import Mention, ParsedDocument, Reference, TaskRecord
from pipeline.models import DocumentRows, IngestBatch, ParsedEntry
from pipeline.tables import quality
from pipeline.tables.schemas import (ACTIVE, DOCUMENT_QUALITY, DOCUMENTS, REFERENCES, REJECTS,
                                    SECTIONS, TASK_AGENCIES, TASKS)

CHILD_TABLES = {"sections": SECTIONS, "tasks": TASKS, "task_agencies": TASK_AGENCIES,
                "references": REFERENCES}

def task_id(doc_id: str, ordinal: int) -> str:
    """Deterministic: the document's content hash and the task's 1-based ordinal."""
    return f"{doc_id}-{ordinal:04d}"


def document_fields(doc: ParsedDocument) -> dict:
    """The columns of a documents row read from the parsed document."""
    m = doc.meta
    return {
        "reader": doc.raw.reader,
        "doc_number": m.doc_number, "doc_type": m.doc_type, "issuer": m.issuer,
        "issue_date": m.issue_date, "place": m.place, "signer": m.signer, "title": m.title,
        "n_tasks": len(doc.tasks), "n_sections": len(doc.tree.nodes),
        "n_blocks": len(doc.raw.blocks), "pages": doc.raw.pages,
        "ocr_confidence": doc.raw.ocr_confidence,
        "warnings": list(doc.raw.warnings) + list(doc.warnings),
        "is_plan": len(doc.tasks) > 0,
    }


def document_row(entry: ParsedEntry, now) -> dict:
    first = entry.files[0]
    paths = list(entry.paths) or [f.path for f in entry.files]
    return {
        **entry.doc.document,
        "doc_id": entry.doc_id, "path": paths[0], "paths": paths,
        "file_name": Path(paths[0]).name, "format": first.format,
        "size": first.size, "content_hash": entry.doc_id,
        "first_seen": entry.first_seen, "last_seen": now, "status": ACTIVE,
    }


def section_rows(doc_id: str, doc: ParsedDocument) -> list[dict]:
    nodes = doc.tree.nodes
    return [{
        "doc_id": doc_id, "ordinal": n.index, "path": n.path,
        "label": n.marker.label if n.marker else None,
        "marker_style": n.marker.style if n.marker else None,
        "marker_raw": n.marker.raw if n.marker else None,
        "depth": n.depth, "zone": n.zone, "is_heading": n.is_heading, "text": n.text,
        "block": n.block,
        "parent_path": nodes[n.parent].path if n.parent is not None else None,
    } for n in nodes]


def task_row(doc_id: str, ordinal: int, t: TaskRecord) -> dict:
    span = t.span
    return {
        "doc_id": doc_id, "task_id": task_id(doc_id, ordinal), "ordinal": ordinal,
        "section": t.section, "source_kind": t.source_kind, "title": t.title,
        "content": t.content, "owner": t.owner, "partners": t.partner_names,
        "timing_raw": t.timing.raw, "timing_kind": t.timing.kind,
        "start_date": t.timing.start, "end_date": t.timing.end,
        "deliverable": t.deliverable,
        "block": span.block if span else None, "page": span.page if span else None,
        "char_start": span.start if span else None, "char_end": span.end if span else None,
    }


def _agency_row(doc_id: str, tid: str, ordinal: int, m: Mention) -> dict:
    ref = m.agency        # resolved by the extractor (None: the agency columns stay null)
    return {
        "doc_id": doc_id, "task_id": tid, "role": m.role, "ordinal": ordinal,
        "mention": m.text,
        "agency_id": getattr(ref, "agency_id", None),
        "canonical_name": getattr(ref, "canonical", None),
        "agency_type": getattr(ref, "type", None),
        "agency_level": getattr(ref, "level", None),
        "province": getattr(ref, "province", None),
        "collective": getattr(ref, "collective", None),
        "known": bool(getattr(ref, "known", False)),
    }


def agency_rows(doc_id: str, doc: ParsedDocument) -> list[dict]:
    out = []
    for i, t in enumerate(doc.tasks, start=1):
        tid = task_id(doc_id, i)
        for mentions in (t.owners, t.partners):
            for k, m in enumerate(mentions, start=1):
                out.append(_agency_row(doc_id, tid, k, m))
    return out


def reference_row(doc_id: str, ordinal: int, r: Reference) -> dict:
    """One cited document; `cited_doc_id` is filled by `pipeline.tables.links` at publish time."""
    span = r.span
    return {
        "doc_id": doc_id, "ordinal": ordinal, "ref_type": r.doc_type, "ref_type_raw": r.doc_type_raw,
        "ref_number": r.number, "ref_number_raw": r.number_raw, "ref_name": r.name,
        "ref_date": r.issue_date, "ref_date_raw": r.date_raw, "ref_issuer": r.issuer,
        "ref_role": r.role, "is_basis": r.is_basis, "n_mentions": r.mentions, "raw": r.raw,
        "section": r.section,
        "block": span.block if span else None, "page": span.page if span else None,
        "char_start": span.start if span else None, "char_end": span.end if span else None,
        "cited_doc_id": None,
    }


def reference_rows(doc_id: str, doc: ParsedDocument) -> list[dict]:
    return [reference_row(doc_id, i, r) for i, r in enumerate(doc.references, start=1)]


def _table(rows: Iterable[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


def documents_table(batch: IngestBatch) -> pa.Table:
    rows = [document_row(e, batch.now) for e in batch.parsed] + list(batch.document_updates)
    return _table(sorted(rows, key=lambda r: r["doc_id"]), DOCUMENTS)


def _child(batch: IngestBatch, name: str) -> pa.Table:
    table = batch.tables.get(name)
    return CHILD_TABLES[name].empty_table() if table is None else table


def sections_table(batch: IngestBatch) -> pa.Table:
    return _child(batch, "sections")


def tasks_table(batch: IngestBatch) -> pa.Table:
    return _child(batch, "tasks")


def task_agencies_table(batch: IngestBatch) -> pa.Table:
    """Resolved where the documents were parsed (the extractor's `Mention.agency`)."""
    return _child(batch, "task_agencies")


def references_table(batch: IngestBatch) -> pa.Table:
    """The batch's cited documents, not linked yet (`pipeline.tables.links`)."""
    return _child(batch, "references")


def quality_table(batch: IngestBatch) -> pa.Table:
    """The document_quality rows of the parsed documents (`pipeline.tables.quality`)."""
    return _table(sorted((e.doc.quality for e in batch.parsed), key=lambda r: r["doc_id"]),
                  DOCUMENT_QUALITY)


def rejects_table(batch: IngestBatch) -> pa.Table:
    return _table(batch.reject_rows, REJECTS)


def document_rows(doc_id: str, doc: ParsedDocument) -> DocumentRows:
    """What the tables hold of one parsed document: its child tables' rows as
    Arrow tables, its documents fields and its document_quality row."""
    agencies = agency_rows(doc_id, doc)
    tables = {
        "sections": _table(section_rows(doc_id, doc), SECTIONS),
        "tasks": _table([task_row(doc_id, i, t) for i, t in enumerate(doc.tasks, start=1)], TASKS),
        "task_agencies": _table(agencies, TASK_AGENCIES),
        "references": _table(reference_rows(doc_id, doc), REFERENCES),
    }
    return DocumentRows(doc_id, document_fields(doc), quality.quality_row(doc_id, doc, agencies),
                        tables)


def concat_tables(parts: list[Mapping[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per child table from several dicts of tables (zero-copy)."""
    return {name: pa.concat_tables([schema.empty_table()] + [p[name] for p in parts if name in p])
            for name, schema in CHILD_TABLES.items()}
