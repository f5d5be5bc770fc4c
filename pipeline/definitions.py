"""The Dagster code location of vnplan: `dagster dev -m pipeline.definitions`.

Paths come from VNPLAN_RAW_DIR / VNPLAN_PROCESSED_DIR or default to
data/raw and data/processed under the repository root. Runs launched from the
UI, the sensor or the schedule execute in one process and pass values between
steps through the default IO manager (pickles under $DAGSTER_HOME/storage).
"""
from __future__ import annotations

from dagster import Definitions, in_process_executor

from pipeline.assets import ASSETS
from pipeline.checks import CHECKS
from pipeline.lock import IngestLock
from pipeline.reference_assets import REFERENCE_ASSETS
from pipeline.resources import VnplanPaths
from pipeline.sensors import daily_ingest, ingest_job, raw_folder_sensor
from pipeline.user_assets import USER_ASSETS


def build_definitions(paths: VnplanPaths | None = None) -> Definitions:
    paths = paths or VnplanPaths.from_env()
    return Definitions(
        assets=[*ASSETS, *REFERENCE_ASSETS, *USER_ASSETS],
        asset_checks=CHECKS,
        jobs=[ingest_job],
        sensors=[raw_folder_sensor],
        schedules=[daily_ingest],
        resources={"paths": paths, "ingest_lock": IngestLock(processed_dir=paths.processed_dir)},
        # one batch flows step to step; a process per step costs more than it saves
        executor=in_process_executor,
    )


defs = build_definitions()
