"""Asset checks of the references and agencies tables."""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dagster import AssetCheckResult, asset_check

from pipeline.defs.delta import delta_key
from pipeline.defs.ingest.checks import check_result
from pipeline.defs.resources import VnplanPaths
from pipeline.tables.checks import agencies_cover


@asset_check(asset=delta_key("agencies"),
             description="Every agency id of task_agencies has its agencies row.")
def task_agencies_in_agencies(paths: VnplanPaths) -> AssetCheckResult:
    return check_result(agencies_cover(paths.read("task_agencies", ["agency_id", "known"]),
                                  paths.read("agencies", ["agency_id"])))


REFERENCE_CHECKS = [task_agencies_in_agencies]
