"""One parsed document as the rows the tables need, built where it was parsed.

A `ParsedDocument` (blocks, tree nodes, spans, mentions: thousands of small
objects) is large in memory; the rows built from it are a small fraction of
that. So a parse worker turns each document into a `DocumentRows` (the
`RowsParser` wraps the extractor; `pipeline.tables.rows.document_rows`) and only the rows travel back to the run:
its sections, tasks, task_agencies and references as Arrow tables of the
declared schemas, its documents fields and its document_quality row as dicts.

`RowsGatherer` collects a batch of results: the tables of each document are
taken out of its `DocumentRows` and concatenated, a chunk of documents at a
time, into one contiguous table per name, so that an ingest of N documents
holds its rows once, compactly, and never N parsed documents at the same time.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Callable, Mapping

import pyarrow as pa

from parsers.model import ParsedDocument
from pipeline.models import DocumentRows
from pipeline.tables.rows import concat_tables, document_rows

CHUNK_DOCS = 256            # documents whose tables are concatenated into one chunk


class RowsParser:
    """`parse` (the extractor) returning the document's rows instead of the
    document: what a parse worker sends back. With `review_dir`, the worker
    also writes the document's review page there (`pipeline.outputs.review`:
    the text with what was extracted highlighted), while it holds the parsed
    document; a page that cannot be written does not fail the document."""

    def __init__(self, parse: Callable[..., ParsedDocument], review_dir: str | None = None):
        self.parse = parse
        self.review_dir = review_dir

    @property
    def preload(self) -> list[str]:
        """The modules a parse worker imports before its first document."""
        return [__name__] + (
            [self.parse.__module__] if getattr(self.parse, "__module__", None) else [])

    def __call__(self, path: str, data: bytes) -> DocumentRows:
        doc_id = hashlib.sha256(data).hexdigest()
        doc = self.parse(path, data=data)
        rows = document_rows(doc_id, doc)
        if self.review_dir:
            from pipeline.outputs.review import write_page
            try:
                write_page(self.review_dir, doc_id, doc, rows.quality)
            except OSError:
                pass              # a page is for people; the rows are what the run needs
        return rows


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
