"""Measures of the published tables that the asset checks report (pure: no Dagster).

- every task has an owner (spec §1);
- the share of timings understood (kind not `unparsed`) among tasks with a timing;
- every raw file is a document or a reject (links and special files included);
- every reject names a reason of `parsers.model.REJECT_REASONS`;
- every known agency a task_agencies row points to has its `agencies` row.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from parsers.model import REJECT_REASONS
from pipeline.tables.links import missing_agencies
from pipeline.tables.schemas import ACTIVE

MIN_TIMING_PARSED_SHARE = 0.8    # below this the timing grammar is missing a common form
SAMPLE = 5                       # offending values listed in the metadata


@dataclass(frozen=True)
class Outcome:
    passed: bool
    metadata: dict


def owner_coverage(tasks: pa.Table) -> Outcome:
    owners = tasks.column("owner")
    missing = pc.or_(pc.is_null(owners), pc.equal(pc.list_value_length(owners), 0))
    bad = tasks.filter(pc.fill_null(missing, True))
    return Outcome(bad.num_rows == 0, {
        "tasks": tasks.num_rows, "without_owner": bad.num_rows,
        "sample": ", ".join(bad.column("task_id").to_pylist()[:SAMPLE])})


def timing_share(tasks: pa.Table, minimum: float = MIN_TIMING_PARSED_SHARE) -> Outcome:
    timed = tasks.filter(pc.is_valid(tasks.column("timing_raw")))
    unparsed = timed.filter(pc.fill_null(pc.equal(timed.column("timing_kind"), "unparsed"), True))
    share = 1.0 if timed.num_rows == 0 else 1 - unparsed.num_rows / timed.num_rows
    return Outcome(share >= minimum, {
        "with_timing": timed.num_rows, "unparsed": unparsed.num_rows,
        "parsed_share": round(share, 4), "minimum": minimum,
        "sample": " | ".join(unparsed.column("timing_raw").to_pylist()[:SAMPLE])})


def raw_coverage(raw_paths: list[str], documents: pa.Table, rejects: pa.Table) -> Outcome:
    covered = set(rejects.column("path").to_pylist())
    for status, paths in zip(documents.column("status").to_pylist(),
                             documents.column("paths").to_pylist()):
        if status == ACTIVE:
            covered.update(paths or ())
    missing = [p for p in raw_paths if p not in covered]
    return Outcome(not missing, {"raw_files": len(raw_paths), "uncovered": len(missing),
                                 "sample": ", ".join(missing[:SAMPLE])})


def reject_reasons(rejects: pa.Table, vocabulary=REJECT_REASONS) -> Outcome:
    reasons = rejects.column("reason").to_pylist()
    bad = sorted({str(r) for r in reasons if r not in vocabulary})
    counts = {r: reasons.count(r) for r in sorted(set(reasons) - {None})}
    return Outcome(not bad, {"rejects": len(reasons), "unknown_reasons": ", ".join(bad),
                             "by_reason": ", ".join(f"{r}={n}" for r, n in counts.items())})


def agencies_cover(task_agencies: pa.Table, agencies: pa.Table) -> Outcome:
    missing = missing_agencies(task_agencies, agencies)
    return Outcome(not missing, {"agencies": agencies.num_rows, "missing": len(missing),
                                 "sample": ", ".join(missing[:SAMPLE])})
