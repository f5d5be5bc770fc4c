"""The published tables, without Dagster: their declared columns (`schemas`),
the rows built from a parsed document (`rows`, `quality`), publishing to Delta
Lake (`publish`, `storage`), the links across documents (`links`), the
measures the asset checks report (`checks`), filters (`selection`), the data
dictionary (`dictionary`), and reading them back (`reading`), which this
package offers as is:

    from pipeline import tables
    tables.list()                              # name, version, rows, last update
    tasks = tables.read("tasks")               # a pandas DataFrame

The reading API is loaded on first use (PEP 562), so that a parse worker that
builds rows (`pipeline.tables.rows`) does not load pandas and Delta Lake.
"""
from __future__ import annotations

__all__ = ["SORT_KEYS", "Snapshot", "commits", "companion_version", "conform", "history", "list",
           "read", "read_arrow", "root", "runs", "to_frame", "version_time"]


def __getattr__(name: str):
    if name in __all__:
        from pipeline.tables import reading
        return getattr(reading, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
