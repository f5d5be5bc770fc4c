"""The codes some columns hold, from `vocab/dictionary.json`: what each code
means (the data dictionary's `values`) and the short Vietnamese label an
export for people shows instead of it (`labels`). A key is a column name, or
`table.column` where two tables give one column name different codes
(`documents.status`: active/withdrawn, `agencies.status`: current/former)."""
from __future__ import annotations

import json
from pathlib import Path

VOCAB = Path(__file__).resolve().parent / "vocab" / "dictionary.json"
_DATA = json.loads(VOCAB.read_text(encoding="utf-8"))

MEANINGS: dict[str, dict[str, str]] = _DATA["values"]
LABELS: dict[str, dict[str, str]] = _DATA["labels"]
SHEET: dict = _DATA["dictionary_sheet"]


def _lookup(table: dict, name: str, column: str) -> dict[str, str]:
    return dict(table.get(f"{name}.{column}") or table.get(column) or {})


def meanings(table: str, column: str) -> dict[str, str]:
    """Code → meaning for a column of codes of `table`, or {}."""
    return _lookup(MEANINGS, table, column)


def labels(table: str, column: str) -> dict[str, str]:
    """Code → the short label exports for people show, or {}."""
    return _lookup(LABELS, table, column)


def codes(column: str) -> frozenset[str]:
    """The codes a column allows (the keys of its meanings)."""
    return frozenset(MEANINGS[column])
