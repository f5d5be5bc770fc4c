"""Rows of the published tables, built from parsed documents (pure functions).

Every row is the columns its table declares (`pipeline.tables.schemas`): those
read from the source object (`Table.fill`) and those given here (ids, keys).
The rows of one document (`document_rows`: sections, tasks, task_agencies,
references, its documents fields and its document_quality row) are built
where it is parsed (`pipeline.ingest.gather`); the `*_table` functions give a
batch's rows as Arrow tables, each row checked against its declaration
(`Table.arrow`: a missing or misspelled column or an unknown code fails).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pyarrow as pa

from parsers.model import ParsedDocument, Reference, TaskRecord
from pipeline.models import DocumentRows, IngestBatch, ParsedEntry
from pipeline.tables import quality
from pipeline.tables.schemas import ACTIVE, TABLES

CHILD_TABLES = ("sections", "tasks", "task_agencies", "references")


def task_id(doc_id: str, ordinal: int) -> str:
    """Deterministic: the document's content hash and the task's 1-based ordinal."""
    return f"{doc_id}-{ordinal:04d}"


def document_fields(doc: ParsedDocument) -> dict:
    """The columns of a documents row read from the parsed document."""
    return TABLES["documents"].fill(doc)


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
    nodes, sections = doc.tree.nodes, TABLES["sections"]
    return [sections.row(n, doc_id=doc_id,
                         parent_path=nodes[n.parent].path if n.parent is not None else None)
            for n in nodes]


def task_row(doc_id: str, ordinal: int, t: TaskRecord) -> dict:
    return TABLES["tasks"].row(t, doc_id=doc_id, task_id=task_id(doc_id, ordinal),
                               ordinal=ordinal)


def agency_rows(doc_id: str, doc: ParsedDocument) -> list[dict]:
    """One row per owner and partner mention, with the agency the extractor resolved."""
    agencies = TABLES["task_agencies"]
    out = []
    for i, t in enumerate(doc.tasks, start=1):
        tid = task_id(doc_id, i)
        for mentions in (t.owners, t.partners):
            for k, m in enumerate(mentions, start=1):
                out.append(agencies.row(m, doc_id=doc_id, task_id=tid, ordinal=k))
    return out


def reference_row(doc_id: str, ordinal: int, r: Reference) -> dict:
    """One cited document; `cited_doc_id` is filled by `pipeline.tables.links` at publish time."""
    return TABLES["references"].row(r, doc_id=doc_id, ordinal=ordinal, cited_doc_id=None)


def reference_rows(doc_id: str, doc: ParsedDocument) -> list[dict]:
    return [reference_row(doc_id, i, r) for i, r in enumerate(doc.references, start=1)]


def document_rows(doc_id: str, doc: ParsedDocument) -> DocumentRows:
    """What the tables hold of one parsed document: its child tables' rows as
    Arrow tables, its documents fields and its document_quality row."""
    agencies = agency_rows(doc_id, doc)
    tables = {
        "sections": TABLES["sections"].arrow(section_rows(doc_id, doc)),
        "tasks": TABLES["tasks"].arrow(task_row(doc_id, i, t)
                                       for i, t in enumerate(doc.tasks, start=1)),
        "task_agencies": TABLES["task_agencies"].arrow(agencies),
        "references": TABLES["references"].arrow(reference_rows(doc_id, doc)),
    }
    return DocumentRows(doc_id, document_fields(doc), quality.quality_row(doc_id, doc, agencies),
                        tables)


def concat_tables(parts: list[Mapping[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per child table from several dicts of tables (zero-copy)."""
    return {name: pa.concat_tables([TABLES[name].schema.empty_table()]
                                   + [p[name] for p in parts if name in p])
            for name in CHILD_TABLES}


def documents_table(batch: IngestBatch) -> pa.Table:
    rows = [document_row(e, batch.now) for e in batch.parsed] + list(batch.document_updates)
    return TABLES["documents"].arrow(sorted(rows, key=lambda r: r["doc_id"]))


def _child(batch: IngestBatch, name: str) -> pa.Table:
    table = batch.tables.get(name)
    return TABLES[name].schema.empty_table() if table is None else table


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
    return TABLES["document_quality"].arrow(sorted((e.doc.quality for e in batch.parsed),
                                                   key=lambda r: r["doc_id"]))


def rejects_table(batch: IngestBatch) -> pa.Table:
    return TABLES["rejects"].arrow(batch.reject_rows)
