"""The JSON shape of a parsed document (spec §6), shared by the CLI and the tables."""
from __future__ import annotations

from datetime import date
from typing import Any

from parsers.model import DocumentMeta, ParsedDocument, Reference, TaskRecord


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def document_dict(meta: DocumentMeta) -> dict[str, Any]:
    return {
        "doc_number": meta.doc_number,
        "doc_type": meta.doc_type,
        "issuer": meta.issuer,
        "issue_date": _iso(meta.issue_date),
        "place": meta.place,
        "signer": meta.signer,
        "title": meta.title,
    }


def task_dict(task: TaskRecord) -> dict[str, Any]:
    return {
        "section": task.section,
        "source_kind": task.source_kind,
        "title": task.title,
        "content": task.content,
        "owner": task.owner,
        "partners": task.partner_names,
        "timing_raw": task.timing.raw,
        "timing_kind": task.timing.kind,
        "start_date": _iso(task.timing.start),
        "end_date": _iso(task.timing.end),
        "deliverable": task.deliverable,
    }


def reference_dict(ref: Reference) -> dict[str, Any]:
    """A cited document (an extra key of the spec §6 JSON: more fields are allowed)."""
    span = ref.span
    return {
        "type": ref.doc_type,
        "number": ref.number,
        "name": ref.name,
        "issue_date": _iso(ref.issue_date),
        "issuer": ref.issuer,
        "role": ref.role,
        "mentions": ref.mentions,
        "raw": ref.raw,
        "section": ref.section,
        "block": span.block if span else None,
        "char_start": span.start if span else None,
        "char_end": span.end if span else None,
    }


def parsed_dict(doc: ParsedDocument, file_name: str) -> dict[str, Any]:
    return {
        "file": file_name,
        "document": document_dict(doc.meta),
        "tasks": [task_dict(t) for t in doc.tasks],
        "references": [reference_dict(r) for r in doc.references],
        "reader": doc.raw.reader,
        "warnings": list(doc.raw.warnings) + list(doc.warnings),
    }
