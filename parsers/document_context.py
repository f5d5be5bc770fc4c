"""The context of one document: results that live exactly as long as its reading.

Items under one lead-in inherit the same owner, so the same lead-in is read and
the same owner list split once per item. `per_document` keeps the result of
such a pure text function for the document being read: `extractors.extract`
opens a `document_context()` around each document, results are kept in it and
go with it, so nothing found in one document is reused for the next and
nothing is ever cleared by hand. The context is a `contextvars` variable: two
documents read in two threads (or nested) never see each other's results;
outside any document context a `per_document` function is a plain call.
Results must be immutable (str, tuples, frozen dataclasses).
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable)

# (function, arguments) → result, for the document being read; None: no document
_RESULTS: ContextVar[dict | None] = ContextVar("vnplan_document_results", default=None)


@contextmanager
def document_context() -> Iterator[None]:
    """Read one document inside this block: `per_document` results made in it are
    kept until it ends and seen by nothing else (a nested context starts empty)."""
    token = _RESULTS.set({})
    try:
        yield
    finally:
        _RESULTS.reset(token)


def per_document(fn: F) -> F:
    """`fn` (a pure function of hashable positional arguments) remembered for the
    document being read; called every time outside a document context."""
    @functools.wraps(fn)
    def remembered(*args):
        results = _RESULTS.get()
        if results is None:
            return fn(*args)
        key = (fn, args)
        try:
            return results[key]
        except KeyError:
            value = results[key] = fn(*args)
            return value
    return remembered  # type: ignore[return-value]
