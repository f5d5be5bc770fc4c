"""Asset checks on the published tables: pure measures plus their Dagster wrappers.

- every task has an owner (spec §1);
- the share of timings understood (kind not `unparsed`) among tasks with a timing;
- every raw file is a document or a reject (links and special files included);
- every reject names a reason of `parsers.model.REJECT_REASONS`;
- every known agency a task_agencies row points to has its `agencies` row;
- every table's stored schema is the one declared in `pipeline.schemas`.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from dagster import AssetCheckResult, AssetCheckSeverity, asset_check

from pipeline.assets import delta_key
from parsers.model import REJECT_REASONS
from pipeline.ingest import ACTIVE, raw_entries
from pipeline.resources import VnplanPaths
from pipeline.schemas import TABLES, schema_problems

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
    from pipeline.links import missing_agencies
    missing = missing_agencies(task_agencies, agencies)
    return Outcome(not missing, {"agencies": agencies.num_rows, "missing": len(missing),
                                 "sample": ", ".join(missing[:SAMPLE])})


def _result(outcome: Outcome, severity=AssetCheckSeverity.ERROR) -> AssetCheckResult:
    return AssetCheckResult(passed=outcome.passed, severity=severity, metadata=outcome.metadata)


@asset_check(asset=delta_key("tasks"), description="Every task has an owner (spec §1).")
def every_task_has_owner(paths: VnplanPaths) -> AssetCheckResult:
    return _result(owner_coverage(paths.read("tasks", ["task_id", "owner"])))


@asset_check(asset=delta_key("tasks"),
             description="Share of timings understood among tasks that state one.")
def timings_parsed(paths: VnplanPaths) -> AssetCheckResult:
    return _result(timing_share(paths.read("tasks", ["timing_raw", "timing_kind"])),
                   AssetCheckSeverity.WARN)


@asset_check(asset=delta_key("documents"), description="Every raw file is a document or a reject.")
def raw_files_covered(paths: VnplanPaths) -> AssetCheckResult:
    raw = [p.as_posix() for p in raw_entries(paths.raw_path())]
    return _result(raw_coverage(raw, paths.read("documents", ["status", "paths"]),
                                paths.read("rejects", ["path"])))


@asset_check(asset=delta_key("rejects"),
             description="Every reject names a reason of the fixed vocabulary.")
def reject_reasons_known(paths: VnplanPaths) -> AssetCheckResult:
    return _result(reject_reasons(paths.read("rejects", ["reason"])))


@asset_check(asset=delta_key("agencies"),
             description="Every known agency id of task_agencies has its agencies row.")
def task_agencies_in_agencies(paths: VnplanPaths) -> AssetCheckResult:
    return _result(agencies_cover(paths.read("task_agencies", ["agency_id", "known"]),
                                  paths.read("agencies", ["agency_id"])))


def _schema_check(table: str):
    @asset_check(asset=delta_key(table), name="declared_schema",
                 description=f"The stored {table} table has its declared schema.")
    def _check(paths: VnplanPaths) -> AssetCheckResult:
        problems = schema_problems(TABLES[table], paths.stored_schema(table))
        return AssetCheckResult(passed=not problems,
                                metadata={"problems": "; ".join(problems) or "none"})
    return _check


CHECKS = [every_task_has_owner, timings_parsed, raw_files_covered, reject_reasons_known,
          task_agencies_in_agencies,
          *(_schema_check(t) for t in TABLES)]
