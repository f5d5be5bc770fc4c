"""All task records of a document, in document order: inline, table and prose shapes.

A task states work: its content has words. A content that is only a number, a mark,
a placeholder or a stray piece of markup (`12`, `x`, `………`, `|`, `-`) is no task
(spec §1), whatever shape it came in.
"""
from __future__ import annotations

import re

from extractors.tasks_inline import inline_tasks
from extractors.tasks_prose import prose_tasks
from extractors.tasks_table import table_tasks
from parsers.model import DocumentMeta, DocumentTree, TaskRecord

# A word of at least two letters: `Rà`, `soát`; not `x`, `12`, `………`, `|`
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_CONTENT_WORDS = 2


def has_words(content: str) -> bool:
    """Does the content state something (two words of letters or more)?"""
    return len(LETTER_WORD.findall(content)) >= MIN_CONTENT_WORDS


def extract_tasks(tree: DocumentTree, meta: DocumentMeta) -> list[TaskRecord]:
    ref = meta.issue_date
    inline, used = inline_tasks(tree, ref)
    tasks = inline + table_tasks(tree, ref, meta.issuer) + prose_tasks(tree, meta, used)
    return sorted((t for t in tasks if has_words(t.content)), key=lambda t: t.span.block if t.span else 0)
