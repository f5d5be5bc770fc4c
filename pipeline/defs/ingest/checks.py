"""Asset checks of the ingest tables (the measures: `pipeline.tables.checks`).

- every task has an owner (spec §1);
- the share of timings understood among tasks with a timing (a warning);
- every raw file is a document or a reject;
- every reject names a reason of the fixed vocabulary;
- every table's stored schema is the one declared in `pipeline.tables.schemas`.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dagster import AssetCheckResult, AssetCheckSeverity, asset_check

from pipeline.defs.delta import delta_key
from pipeline.defs.resources import VnplanPaths
from pipeline.ingest.discovery import raw_entries
from pipeline.ingest.rawpaths import to_stored
from pipeline.tables.checks import Outcome, owner_coverage, raw_coverage, reject_reasons, timing_share
from pipeline.tables.schemas import TABLES, schema_problems


def check_result(outcome: Outcome, severity=AssetCheckSeverity.ERROR) -> AssetCheckResult:
    return AssetCheckResult(passed=outcome.passed, severity=severity, metadata=outcome.metadata)


@asset_check(asset=delta_key("tasks"), description="Every task has an owner (spec §1).")
def every_task_has_owner(paths: VnplanPaths) -> AssetCheckResult:
    return check_result(owner_coverage(paths.read("tasks", ["task_id", "owner"])))


@asset_check(asset=delta_key("tasks"),
             description="Share of timings understood among tasks that state one.")
def timings_parsed(paths: VnplanPaths) -> AssetCheckResult:
    return check_result(timing_share(paths.read("tasks", ["timing_raw", "timing_kind"])),
                   AssetCheckSeverity.WARN)


@asset_check(asset=delta_key("documents"), description="Every raw file is a document or a reject.")
def raw_files_covered(paths: VnplanPaths) -> AssetCheckResult:
    base = paths.raw_base()
    raw = [to_stored(p.as_posix(), base) for p in raw_entries(paths.raw_path())]
    return check_result(raw_coverage(raw, paths.read("documents", ["status", "paths"]),
                                paths.read("rejects", ["path"])))


@asset_check(asset=delta_key("rejects"),
             description="Every reject names a reason of the fixed vocabulary.")
def reject_reasons_known(paths: VnplanPaths) -> AssetCheckResult:
    return check_result(reject_reasons(paths.read("rejects", ["reason"])))


def _schema_check(table: str):
    @asset_check(asset=delta_key(table), name="declared_schema",
                 description=f"The stored {table} table has its declared schema.")
    def _check(paths: VnplanPaths) -> AssetCheckResult:
        problems = schema_problems(TABLES[table], paths.stored_schema(table))
        return AssetCheckResult(passed=not problems,
                                metadata={"problems": "; ".join(problems) or "none"})
    return _check


INGEST_CHECKS = [every_task_has_owner, timings_parsed, raw_files_covered, reject_reasons_known,
                 *(_schema_check(t) for t in TABLES)]
