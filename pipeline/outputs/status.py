"""Deadline status of the published tasks on a given day, per agency.

A task is, on day `as_of`:
- `ongoing`      its timing is recurring or ongoing (`Hằng năm`, `Thường xuyên`);
- `no_deadline`  else, it has no end date (open-ended, unspecified, unparsed, none);
- `overdue`      its end date is before `as_of`;
- `due_30`       its end date is within the next 30 days (`as_of` included);
- `due_later`    its end date is later.

Agencies are the owners (or partners, or both) of each task, by canonical name
from task_agencies where present, as written otherwise; a task with two owners
counts for both. Tasks of withdrawn documents are left out. `as_of` is always
passed in; nothing here reads the clock.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Iterable

import pyarrow as pa

from pipeline.tables.selection import matches, number_key

OVERDUE, DUE_30, DUE_LATER, ONGOING, NO_DEADLINE = \
    "overdue", "due_30", "due_later", "ongoing", "no_deadline"
STATUSES = (OVERDUE, DUE_30, DUE_LATER, ONGOING, NO_DEADLINE)
REPEATING = frozenset({"recurring", "ongoing"})
WINDOW_DAYS = 30
ROLES = ("owner", "partner", "all")


def classify(kind: str | None, end: date | None, as_of: date,
             window_days: int = WINDOW_DAYS) -> str:
    if kind in REPEATING:
        return ONGOING
    if end is None:
        return NO_DEADLINE
    if end < as_of:
        return OVERDUE
    if end <= as_of + timedelta(days=window_days):
        return DUE_30
    return DUE_LATER


@dataclass(frozen=True)
class TaskStatus:
    agency: str
    role: str
    status: str
    doc_number: str | None
    section: str | None
    text: str
    timing_raw: str | None
    end_date: date | None
    days_left: int | None     # end_date - as_of (negative: days overdue)
    task_id: str

    def as_dict(self) -> dict:
        d = asdict(self)
        d["end_date"] = self.end_date.isoformat() if self.end_date else None
        return d


def _bodies(tasks: pa.Table, agencies: pa.Table, roles: set[str]) -> dict[str, list[tuple]]:
    """task_id → [(name shown, names matched, role)]: canonical names from
    task_agencies, the mentions of the task row where it has none."""
    out: dict[str, list[tuple]] = {}
    rows = agencies.select(["task_id", "role", "ordinal", "mention", "canonical_name"]).to_pylist()
    for r in sorted(rows, key=lambda r: (r["task_id"], r["role"], r["ordinal"] or 0)):
        if r["role"] in roles:
            name = r["canonical_name"] or r["mention"]
            out.setdefault(r["task_id"], []).append((name, (r["mention"], name), r["role"]))
    for t in tasks.select(["task_id", "owner", "partners"]).to_pylist():
        if t["task_id"] in out:
            continue
        for role, names in (("owner", t["owner"]), ("partner", t["partners"])):
            if role in roles:
                out.setdefault(t["task_id"], []).extend(
                    (m, (m,), role) for m in names or [] if m)
    return out


def task_statuses(documents: pa.Table, tasks: pa.Table, agencies: pa.Table, as_of: date, *,
                  agency: str | None = None, role: str = "owner", doc_number: str | None = None,
                  window_days: int = WINDOW_DAYS) -> list[TaskStatus]:
    """One row per (task, agency) of the active documents."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    roles = {"owner", "partner"} if role == "all" else {role}
    docs = {d["doc_id"]: d for d in documents.select(["doc_id", "doc_number", "status"]).to_pylist()
            if d["status"] != "withdrawn"
            and (doc_number is None or number_key(d["doc_number"]) == number_key(doc_number))}
    bodies = _bodies(tasks, agencies, roles)
    needle = agency or None
    out = []
    for t in tasks.to_pylist():
        if t["doc_id"] not in docs:
            continue
        status = classify(t["timing_kind"], t["end_date"], as_of, window_days)
        days = (t["end_date"] - as_of).days if t["end_date"] else None
        for name, matched, r in bodies.get(t["task_id"], []):
            if needle and not any(matches(needle, m) for m in matched if m):
                continue
            out.append(TaskStatus(name, r, status, docs[t["doc_id"]]["doc_number"], t["section"],
                                  t["title"] or t["content"] or "", t["timing_raw"],
                                  t["end_date"], days, t["task_id"]))
    return sorted(out, key=lambda s: (s.agency, STATUSES.index(s.status),
                                      s.end_date or date.max, s.doc_number or "", s.task_id))


def per_agency(statuses: Iterable[TaskStatus]) -> list[dict]:
    """Counts of each status per agency: most overdue first, then most due soon."""
    table: dict[str, dict] = {}
    for s in statuses:
        row = table.setdefault(s.agency, {"agency": s.agency, **dict.fromkeys(STATUSES, 0),
                                          "total": 0})
        row[s.status] += 1
        row["total"] += 1
    return sorted(table.values(), key=lambda r: (-r[OVERDUE], -r[DUE_30], -r["total"],
                                                 r["agency"]))


def read_statuses(as_of: date, processed=None, **kwargs) -> list[TaskStatus]:
    """`task_statuses` over the latest published tables (in `processed`), or over
    a `tables.Snapshot` given as `processed`."""
    from pipeline.tables.reading import Snapshot
    snap = processed if isinstance(processed, Snapshot) else Snapshot.at(processed, [], None)
    return task_statuses(snap.table("documents"), snap.table("tasks"),
                         snap.table("task_agencies"), as_of, **kwargs)
