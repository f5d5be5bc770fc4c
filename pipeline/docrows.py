"""One parsed document as the rows the tables need, built where it was parsed.

A `ParsedDocument` (blocks, tree nodes, spans, mentions: thousands of small
objects) is large in memory; the rows built from it are a small fraction of
that. So a parse worker turns each document into a `DocumentRows` (the
`RowsParser` wraps the extractor) and only the rows travel back to the run:
its sections, tasks, task_agencies and references as Arrow tables of the
declared schemas, its documents fields and its document_quality row as dicts.

`RowsGatherer` collects a batch of results: the tables of each document are
taken out of its `DocumentRows` and concatenated, a chunk of documents at a
time, into one contiguous table per name, so that an ingest of N documents
holds its rows once, compactly, and never N parsed documents at the same time.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

import pyarrow as pa

from parsers.model import ParsedDocument
from pipeline import quality, rows
from pipeline.schemas import REFERENCES, SECTIONS, TASK_AGENCIES, TASKS

CHILD_TABLES = {"sections": SECTIONS, "tasks": TASKS, "task_agencies": TASK_AGENCIES,
                "references": REFERENCES}
CHUNK_DOCS = 256            # documents whose tables are concatenated into one chunk


@dataclass(frozen=True)
class DocumentRows:
    """What the tables hold of one parsed document."""

    doc_id: str
    document: Mapping[str, object]      # the documents row's fields read from the document
    quality: Mapping[str, object]       # its document_quality row
    tables: Mapping[str, pa.Table] = field(default_factory=dict)   # CHILD_TABLES' rows


def document_rows(doc_id: str, doc: ParsedDocument) -> DocumentRows:
    agencies = rows.agency_rows(doc_id, doc)
    tables = {
        "sections": pa.Table.from_pylist(rows.section_rows(doc_id, doc), schema=SECTIONS),
        "tasks": pa.Table.from_pylist([rows.task_row(doc_id, i, t)
                                       for i, t in enumerate(doc.tasks, start=1)], schema=TASKS),
        "task_agencies": pa.Table.from_pylist(agencies, schema=TASK_AGENCIES),
        "references": pa.Table.from_pylist(rows.reference_rows(doc_id, doc), schema=REFERENCES),
    }
    return DocumentRows(doc_id, rows.document_fields(doc),
                        quality.quality_row(doc_id, doc, agencies), tables)


class RowsParser:
    """`parse` (the extractor) returning the document's rows instead of the
    document: what a parse worker sends back."""

    def __init__(self, parse: Callable[..., ParsedDocument]):
        self.parse = parse

    @property
    def preload(self) -> list[str]:
        """The modules a parse worker imports before its first document."""
        return [__name__] + (
            [self.parse.__module__] if getattr(self.parse, "__module__", None) else [])

    def __call__(self, path: str, data: bytes) -> DocumentRows:
        return document_rows(hashlib.sha256(data).hexdigest(), self.parse(path, data=data))


@dataclass(frozen=True)
class ParsedShard:
    """Parse results by content hash (DocumentRows without tables, or Failure)
    and the rows of all the parsed documents, one table per CHILD_TABLES name."""

    results: Mapping[str, object]
    tables: Mapping[str, pa.Table]


def concat_tables(parts: list[Mapping[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per name from several dicts of tables (zero-copy)."""
    return {name: pa.concat_tables([schema.empty_table()] + [p[name] for p in parts if name in p])
            for name, schema in CHILD_TABLES.items()}


class RowsGatherer:
    """Takes the tables out of each document's DocumentRows as results arrive
    and concatenates them, CHUNK_DOCS documents at a time, into one contiguous
    table per name. A ParsedDocument (parsed in process by a plain extractor)
    is turned into its rows here."""

    def __init__(self):
        self.chunks: list[dict[str, pa.Table]] = []
        self.pending: list[Mapping[str, pa.Table]] = []

    def add(self, doc_id: str, result: object) -> object:
        """The result to keep: DocumentRows without its tables, or the Failure."""
        if isinstance(result, ParsedDocument):
            result = document_rows(doc_id, result)
        if not isinstance(result, DocumentRows):
            return result
        self.pending.append(result.tables)
        if len(self.pending) >= CHUNK_DOCS:
            self._flush()
        return replace(result, tables={})

    def _flush(self) -> None:
        if self.pending:
            self.chunks.append({n: t.combine_chunks() for n, t in
                                concat_tables(self.pending).items()})
            self.pending = []

    def tables(self) -> dict[str, pa.Table]:
        self._flush()
        return concat_tables(self.chunks)
