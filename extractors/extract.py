"""The core of vnplan: one file in, one ParsedDocument out. Pure: no writes, no Dagster.

`extract(path, data=...)` reads only `data` (the bytes the caller hashed and
checked); `path` names the file. Each document is read inside its own
`document_context()`, so what one document's reading remembers goes with it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.agencies import resolve_agencies
from extractors.metadata import extract_metadata
from extractors.references import extract_references
from extractors.tasks import extract_tasks
from parsers.document_context import document_context
from parsers.model import ParsedDocument
from parsers.read import read_document
from parsers.structure import build_tree


def extract(path: str | Path, *, data: bytes | None = None) -> ParsedDocument:
    """Read, structure and extract one document: its bytes `data`, or (None) the
    bytes of the file at `path`, read once here. Raises ParseError for bad input."""
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    with document_context():
        raw = read_document(path, data)
        tree = build_tree(raw)
        meta = extract_metadata(tree)
        tasks = resolve_agencies(extract_tasks(tree, meta), meta.issuer)
        references = extract_references(tree, meta)
    warnings = () if tasks else ("no tasks found",)
    return ParsedDocument(path=path, content_hash=hashlib.sha256(data).hexdigest(), raw=raw,
                          tree=tree, meta=meta, tasks=tasks, warnings=warnings,
                          references=references)
