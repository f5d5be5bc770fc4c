"""The core of vnplan: one file in, one ParsedDocument out. Pure: no writes, no Dagster."""
from __future__ import annotations

import hashlib
from pathlib import Path

from parsers.memo import new_document
from extractors.metadata import extract_metadata
from extractors.references import extract_references
from extractors.tasks import extract_tasks
from parsers.model import ParsedDocument
from parsers.read import read_document
from parsers.structure import build_tree


def extract(path: str | Path, *, data: bytes | None = None) -> ParsedDocument:
    """Read, structure and extract one document. Raises ParseError for bad input."""
    path = str(path)
    new_document()
    if data is None:
        data = Path(path).read_bytes()
    raw = read_document(path, data)
    tree = build_tree(raw)
    meta = extract_metadata(tree)
    tasks = extract_tasks(tree, meta)
    warnings = () if tasks else ("no tasks found",)
    return ParsedDocument(path=path, content_hash=hashlib.sha256(data).hexdigest(), raw=raw,
                          tree=tree, meta=meta, tasks=tuple(tasks), warnings=warnings,
                          references=extract_references(tree, meta))
