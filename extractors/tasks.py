"""All task records of a document, in document order: inline, table and prose shapes."""
from __future__ import annotations

from extractors.tasks_inline import inline_tasks
from extractors.tasks_prose import prose_tasks
from extractors.tasks_table import table_tasks
from parsers.model import DocumentMeta, DocumentTree, TaskRecord


def extract_tasks(tree: DocumentTree, meta: DocumentMeta) -> list[TaskRecord]:
    ref = meta.issue_date
    inline, used = inline_tasks(tree, ref)
    tasks = inline + table_tasks(tree, ref, meta.issuer) + prose_tasks(tree, meta, used)
    return sorted(tasks, key=lambda t: t.span.block if t.span else 0)
