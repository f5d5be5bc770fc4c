"""The published tables from Python or a notebook.

    from pipeline import tables
    tables.list()                              # name, version, rows, last update
    tasks = tables.read("tasks")               # a pandas DataFrame
    tables.read("tasks", version=0)            # as it was at version 0
    tables.read("tasks", agency="Sở Y tế", date_from="2024-01-01")
    tables.history("tasks")                    # one row per version
    tables.read("tasks", as_of="2026-05-04")   # every table as after the last run of that day
    tables.read("tasks", as_of="#3")           # ... after snapshot 3 (a run id works too)
    tables.runs()                              # the snapshots: one row per ingest run

Frames have proper dtypes: dates are `datetime64`, timestamps `datetime64[UTC]`,
integers and booleans nullable (`Int32`, `boolean`), list columns (`owner`,
`partners`, `warnings`, `paths`) hold Python lists. Rows come in a fixed order
(the table's key, then its ordinal), so a version always reads back the same.

The folder is `processed=` or $VNPLAN_PROCESSED_DIR or data/processed (the same
default as the pipeline; this module does not import Dagster).

`Snapshot` pins the tables that an export or a report reads together: the
tables asked for at a version, and the tables they are joined with as they
stood then (see `companion_version`); or every table as an ingest run left it
(`Snapshot.as_of`, from the `runs` table: `pipeline.tables.runs`).
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.tables import publish
from pipeline.tables.schemas import TABLES
from pipeline.tables.storage import TablesLocation, default_processed_dir


# the order rows are read and exported in (deterministic for a version)
SORT_KEYS = {
    "documents": ("doc_id",),
    "sections": ("doc_id", "ordinal"),
    "tasks": ("doc_id", "ordinal"),
    "task_agencies": ("task_id", "role", "ordinal"),
    "rejects": ("path",),
    "document_quality": ("doc_id",),
    "references": ("doc_id", "ordinal"),
    "agencies": ("agency_id",),
    "runs": ("snapshot",),
}


def root(processed: str | Path | None = None) -> Path | str:
    """The tables folder: `processed`, else $VNPLAN_PROCESSED_DIR, else data/processed
    (a Path; a URI such as `s3://bucket/prefix` stays a string)."""
    value = processed if processed is not None else default_processed_dir()
    loc = TablesLocation.of(value)
    return loc.local_path if loc.is_local else loc.uri


def _spec(name: str):
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return TABLES[name]


def conform(name: str, table: pa.Table) -> pa.Table:
    """The table with exactly its declared columns, in declared order and types
    (a column declared after this version was written reads as nulls)."""
    return _spec(name).conform(table)


def read_arrow(name: str, version: int | None = None,
               processed: str | Path | None = None) -> pa.Table:
    """The table at `version` (latest if None) as Arrow, declared schema, fixed order."""
    _spec(name)
    table = conform(name, publish.read_table(root(processed), name, version))
    keys = [k for k in SORT_KEYS.get(name, (TABLES[name].key,)) if k in table.column_names]
    return table.sort_by([(k, "ascending") for k in keys]) if table.num_rows else table


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def to_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas with the dtypes described above."""
    frame = table.to_pandas(date_as_object=False, types_mapper=_NULLABLE.get)
    for f in table.schema:
        if pa.types.is_list(f.type):
            frame[f.name] = pd.Series([v or [] for v in table.column(f.name).to_pylist()],
                                      index=frame.index, dtype=object)
    return frame


def commits(name: str, processed: str | Path | None = None) -> builtins.list[dict]:
    """The table's commits, oldest first: version, timestamp (UTC), operation,
    predicate, rows_added (no data read)."""
    dt = publish.open_table(root(processed), name)
    if dt is None:
        return []
    out = []
    for h in sorted(dt.history(), key=lambda h: h["version"]):
        metrics = h.get("operationMetrics") or {}
        params = h.get("operationParameters") or {}
        out.append({
            "version": h["version"],
            "timestamp": datetime.fromtimestamp(h["timestamp"] / 1000, tz=timezone.utc),
            "operation": h.get("operation"),
            "predicate": params.get("predicate"),
            "rows_added": metrics.get("num_added_rows"),
        })
    return out


def version_time(name: str, version: int | None,
                 processed: str | Path | None = None) -> datetime | None:
    """When `version` of the table (the latest if None) was committed."""
    rows = commits(name, processed)
    if not rows:
        return None
    if version is None:
        return rows[-1]["timestamp"]
    return next((r["timestamp"] for r in rows if r["version"] == version), None)


def companion_version(anchor: str, anchor_version: int | None, other: str,
                      processed: str | Path | None = None) -> int | None:
    """The version of table `other` to read beside `anchor` at `anchor_version`:
    the last one committed before the anchor's next version (an ingest run
    publishes every table, documents last, so this is the same run's state);
    None (the latest) when the anchor version is the latest. -1: `other` did not
    exist yet."""
    if anchor_version is None:
        return None
    times = {r["version"]: r["timestamp"] for r in commits(anchor, processed)}
    if anchor_version not in times:
        raise ValueError(f"{anchor} has no version {anchor_version} "
                         f"(versions: {min(times, default='-')}..{max(times, default='-')})")
    nxt = times.get(anchor_version + 1)
    if nxt is None:
        return None
    earlier = [r["version"] for r in commits(other, processed) if r["timestamp"] < nxt]
    return max(earlier) if earlier else -1


@dataclass
class Snapshot:
    """Tables read together: `pinned` ones at a version, the others at their
    companion version of `anchor` (or latest when nothing is pinned)."""

    processed: Path | str
    pinned: dict[str, int] = field(default_factory=dict)
    run: dict | None = None           # the runs row of `as_of`
    _cache: dict[str, pa.Table] = field(default_factory=dict, repr=False)

    @classmethod
    def as_of(cls, processed: str | Path | None, as_of) -> "Snapshot":
        """Every table as the ingest run that `as_of` names left it: a run id, a
        snapshot number (`#3`) or a moment (`pipeline.tables.runs.find`)."""
        from pipeline.tables import snapshots as runs_mod
        r = root(processed)
        row = runs_mod.find(read_arrow("runs", None, r).to_pylist(), as_of)
        return cls(r, runs_mod.versions(row), row)

    @classmethod
    def at(cls, processed: str | Path | None, names: builtins.list[str],
           version: int | None) -> "Snapshot":
        r = root(processed)
        if version is not None:
            for n in names:
                known = [h["version"] for h in commits(n, r)]
                if version not in known:
                    span = f"{known[0]}..{known[-1]}" if known else "none: not created"
                    raise ValueError(f"table {n} has no version {version} (versions {span})")
        return cls(r, {n: version for n in names} if version is not None else {})

    @property
    def anchor(self) -> tuple[str, int] | None:
        return next(iter(self.pinned.items()), None)

    def version_of(self, name: str) -> int | None:
        if name in self.pinned:
            return self.pinned[name]
        if self.anchor is None:
            return None
        return companion_version(*self.anchor, name, self.processed)

    def resolved_version(self, name: str) -> int | None:
        """The version actually read (the latest's number when unpinned)."""
        v = self.version_of(name)
        if v is None:
            info = publish.table_info(self.processed, name)
            return info.version
        return None if v < 0 else v

    def table(self, name: str) -> pa.Table:
        if name not in self._cache:
            v = self.version_of(name)
            self._cache[name] = (conform(name, _spec(name).schema.empty_table()) if v == -1
                                 else read_arrow(name, v, self.processed))
        return self._cache[name]

    def committed_at(self, name: str) -> datetime | None:
        return version_time(name, self.resolved_version(name), self.processed)


def read(name: str, version: int | None = None, processed: str | Path | None = None, *,
         as_of=None, issuer: str | None = None, doc_number: str | None = None,
         agency: str | None = None, date_from: date | str | None = None,
         date_to: date | str | None = None) -> pd.DataFrame:
    """Table `name` at `version` (or as the ingest run `as_of` names left every
    table: a run id, `#3`, a date or a time) as a DataFrame, optionally filtered
    like `vnplan export`; a filter that matches nothing warns (`NoMatchWarning`)."""
    import warnings

    from pipeline.tables.selection import NoMatchWarning, Selection, apply, misses
    if as_of is not None and version is not None:
        raise ValueError("give version= or as_of=, not both")
    snap = Snapshot.as_of(processed, as_of) if as_of is not None \
        else Snapshot.at(processed, [name], version)
    sel = Selection.of(issuer=issuer, doc_number=doc_number, agency=agency,
                       date_from=date_from, date_to=date_to)
    table = apply(sel, name, snap.table(name), snap.table)
    if table.num_rows == 0 and not sel.empty:
        for message in misses(sel, snap.table):
            warnings.warn(message, NoMatchWarning, stacklevel=2)
    return to_frame(table)


def runs(processed: str | Path | None = None) -> pd.DataFrame:
    """The snapshots: one row per ingest run that changed a table, oldest first."""
    return to_frame(read_arrow("runs", None, processed))


def history(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """One row per version of the table: version, timestamp, operation, predicate, rows."""
    _spec(name)
    rows = commits(name, processed)
    for r in rows:      # rows of each version: read from the Delta log, not the data
        dt = publish.open_table(root(processed), name, r["version"])
        r["rows"] = publish.dataset(dt, root(processed)).count_rows()
    cols = ["version", "timestamp", "operation", "predicate", "rows_added", "rows"]
    return pd.DataFrame(rows, columns=cols)


def list(processed: str | Path | None = None) -> pd.DataFrame:  # noqa: A001 (the API's name)
    """The published tables: name, version, rows, last update, path."""
    infos = publish.all_table_info(root(processed))
    return pd.DataFrame([{"table": i.name, "version": i.version, "rows": i.rows,
                          "updated": i.updated, "path": i.path} for i in infos],
                        columns=["table", "version", "rows", "updated", "path"])
