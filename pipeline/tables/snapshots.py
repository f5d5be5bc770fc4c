"""Snapshots: the `runs` table, one row per ingest run that changed a table,
with the version of every table after it, so that "the tables as of last
Monday" has one answer across all tables.

`run_row(...)` builds the row a run publishes (pure); `find(rows, as_of)`
picks the run a reader asks for: a run id (or the start of one, at least 8
characters), a snapshot number (`3` or `#3`), or a moment (a datetime, an ISO
timestamp `2026-05-04T09:00`, or a date: the end of that day, UTC), which
gives the last run published by then. `versions(row)` are the table versions
to read together (-1: the table did not exist yet).

A run that changed nothing records no row: its tables are the previous
snapshot's. Nothing here reads the clock; times are passed in.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from typing import Iterable, Mapping, Sequence

from pipeline.tables.schemas import SNAPSHOT_TABLES

AsOf = "str | int | date | datetime"
NUMBER = re.compile(r"^#?(\d{1,7})$")           # `3`, `#3`: a snapshot number
RUN_ID = re.compile(r"^[0-9a-f][0-9a-f-]{7,}$")  # `75935e01`, a Dagster run id or its start
MIN_ID = 8


def version_column(table: str) -> str:
    return f"{table}_version"


def run_row(run_id: str, snapshot: int, started_at: datetime, published_at: datetime,
            raw_root: str, summary: Mapping[str, int], versions: Mapping[str, int | None]) -> dict:
    """The runs row of a run: its times, raw root, counts and the version of each table."""
    return {"run_id": run_id, "snapshot": snapshot, "started_at": started_at,
            "published_at": published_at, "raw_root": raw_root,
            **{k: summary.get(k) for k in ("files", "parsed", "documents_added", "rejected",
                                           "withdrawn")},
            **{version_column(t): versions.get(t) for t in SNAPSHOT_TABLES}}


def next_run(last: Mapping | None, versions: Mapping[str, int | None], run_id: str,
             started_at: datetime, published_at: datetime, raw_root: str,
             summary: Mapping[str, int]) -> dict | None:
    """The runs row a run records, or None when no table changed since `last`
    (the previous runs row): the snapshot is then the previous one."""
    if last is not None and all(last.get(version_column(t)) == versions.get(t)
                                for t in SNAPSHOT_TABLES) and last.get("raw_root") == raw_root:
        return None
    snapshot = (last["snapshot"] + 1) if last else 1
    return run_row(run_id, snapshot, started_at, published_at, raw_root, summary, versions)


def _moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.combine(value, time.max, tzinfo=timezone.utc)


def parse_as_of(value: AsOf) -> tuple[str, object]:
    """("snapshot", n), ("run", id prefix) or ("moment", aware datetime)."""
    if isinstance(value, bool):
        raise ValueError(f"as_of={value!r}: a run id, a snapshot number, a date or a time")
    if isinstance(value, int):
        return "snapshot", value
    if isinstance(value, (date, datetime)):
        return "moment", _moment(value)
    text = str(value).strip()
    m = NUMBER.match(text)
    if m:
        return "snapshot", int(m.group(1))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return "moment", _moment(moment if "T" in text or " " in text else moment.date())
    except ValueError:
        pass
    if RUN_ID.match(text.lower()):
        return "run", text.lower()
    raise ValueError(f"as_of={text!r}: a run id (8 characters or more), a snapshot number "
                     "(#3), a date (2026-05-04) or a time (2026-05-04T09:00)")


def _describe(rows: Sequence[Mapping]) -> str:
    if not rows:
        return "no ingest run has changed the tables yet"
    first, last = rows[0], rows[-1]
    return (f"snapshots #{first['snapshot']} ({first['published_at']:%Y-%m-%d %H:%M} UTC) to "
            f"#{last['snapshot']} ({last['published_at']:%Y-%m-%d %H:%M} UTC)")


def find(rows: Iterable[Mapping], as_of: AsOf) -> dict:
    """The runs row `as_of` names (see the module's doc); ValueError when none."""
    rows = sorted(rows, key=lambda r: r["snapshot"])
    kind, key = parse_as_of(as_of)
    if kind == "snapshot":
        hit = [r for r in rows if r["snapshot"] == key]
    elif kind == "run":
        hit = [r for r in rows if r["run_id"].lower().startswith(key)]
        if len(hit) > 1:
            raise ValueError(f"run {key!r} is the start of {len(hit)} run ids: give more of it")
    else:
        hit = [r for r in rows if r["published_at"] <= key][-1:]
    if not hit:
        raise ValueError(f"no snapshot for as_of={as_of!s}: {_describe(rows)}")
    return dict(hit[0])


def versions(row: Mapping) -> dict[str, int]:
    """Table → version to read for a runs row (-1: the table did not exist yet)."""
    out = {}
    for t in SNAPSHOT_TABLES:
        v = row.get(version_column(t))
        out[t] = -1 if v is None else int(v)
    return out
