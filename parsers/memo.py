"""Caches that live for one document.

Items under one lead-in inherit the same owner, so the same lead-in is read and
the same owner list split once per item; `per_document` keeps the result of such
a pure text function, and `extractors.extract` empties every such cache before each
document, so nothing found in one document is reused for the next (a benchmark
times real work). Results must be immutable (tuples, frozen dataclasses).
"""
from __future__ import annotations

from functools import lru_cache

MAX_ENTRIES = 4096          # a bound for callers that never start a new document
_CACHES: list = []


def per_document(fn):
    cached = lru_cache(maxsize=MAX_ENTRIES)(fn)
    _CACHES.append(cached)
    return cached


def new_document() -> None:
    """Forget every per-document result."""
    for cached in _CACHES:
        cached.cache_clear()
