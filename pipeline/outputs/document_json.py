"""The JSON of a parsed document (spec §6), as `vnplan parse --format json` prints it.

Derived from the tables' declarations (`pipeline.tables.schemas`), so that the
JSON and the tables hold the same fields under the same names: `document` has
the documents columns read from the letterhead, each task the tasks columns
read from the task (the spec's fields, and where it was found) and, under
`agencies`, one entry per owner and partner mention with the task_agencies
columns (the mention as written, its agency id, canonical name, collective
flag, ...); `references` the references columns read from each citation.
More fields than the spec's are allowed.
"""
from __future__ import annotations

from typing import Any

from parsers.model import ParsedDocument, TaskRecord
from pipeline.tables.schemas import TABLES


def task_dict(task: TaskRecord) -> dict[str, Any]:
    """A task as the JSON shows it (the same columns as its tasks row)."""
    agencies = TABLES["task_agencies"]
    return {**TABLES["tasks"].json(task),
            "agencies": [agencies.json(m) for m in (*task.owners, *task.partners)]}


def parsed_dict(doc: ParsedDocument, file_name: str) -> dict[str, Any]:
    return {
        "file": file_name,
        "document": TABLES["documents"].json(doc),
        "tasks": [task_dict(t) for t in doc.tasks],
        "references": [TABLES["references"].json(r) for r in doc.references],
        "reader": doc.raw.reader,
        "warnings": list(doc.raw.warnings) + list(doc.warnings),
    }
