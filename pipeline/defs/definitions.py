"""The Dagster code location of vnplan: `dagster dev -m pipeline.defs.definitions`.

The definitions by domain, each a folder of assets, checks, sensors and
schedules: `ingest` (raw files → parsed documents → sections, tasks,
task_agencies, rejects, documents), `references` (cited documents, agencies),
`quality` (document_quality), `reports` (charts); the resources are
`pipeline.defs.resources`, the executor `pipeline.defs.executors`. Every asset
body calls the Dagster-free library (`pipeline.tables`, `pipeline.ingest`,
`pipeline.outputs`).

Paths come from VNPLAN_RAW_DIR / VNPLAN_PROCESSED_DIR or default to
data/raw and data/processed under the repository root; the tables' place may
be `s3://bucket/prefix` (`pipeline.tables.storage`). Values pass between
steps through the default IO manager (pickles under $DAGSTER_HOME/storage):
with several processes on one machine that folder is shared; a cluster of
machines needs an IO manager on shared storage (docs/deploy.md).
"""
from __future__ import annotations

from dagster import Definitions, mem_io_manager

from pipeline.defs.executors import ExecutorChoice
from pipeline.defs.ingest.assets import ingest_assets
from pipeline.defs.ingest.checks import INGEST_CHECKS
from pipeline.defs.ingest.jobs import ingest_job
from pipeline.defs.ingest.schedules import daily_ingest
from pipeline.defs.ingest.sensors import raw_folder_sensor
from pipeline.defs.quality.assets import QUALITY_ASSETS
from pipeline.defs.references.assets import REFERENCE_ASSETS
from pipeline.defs.references.checks import REFERENCE_CHECKS
from pipeline.defs.reports.assets import REPORT_ASSETS
from pipeline.defs.resources import IngestLock, VnplanPaths


def build_definitions(paths: VnplanPaths | None = None,
                      executor: ExecutorChoice | None = None,
                      values_in_memory: bool = False) -> Definitions:
    """The definitions over `paths`. `values_in_memory` (a whole job run in one
    process, as `vnplan ingest` runs it) passes values from step to step in memory
    instead of pickling the batch to DAGSTER_HOME for every step that reads it
    (at 1,000 documents each of the 12 steps spent ~3 s unpickling it); runs from
    the UI, the sensor or the schedule keep the default IO manager, so one asset
    can be materialised again later from the stored values."""
    paths = paths or VnplanPaths.from_env()
    executor = executor or ExecutorChoice.from_env()
    resources = {"paths": paths, "ingest_lock": IngestLock(processed_dir=paths.processed_dir)}
    if values_in_memory:
        resources["io_manager"] = mem_io_manager
    return Definitions(
        assets=[*ingest_assets(executor.shards), *REFERENCE_ASSETS, *QUALITY_ASSETS,
                *REPORT_ASSETS],
        asset_checks=[*INGEST_CHECKS, *REFERENCE_CHECKS],
        jobs=[ingest_job],
        sensors=[raw_folder_sensor],
        schedules=[daily_ingest],
        resources=resources,
        executor=executor.executor_def(),
    )


def ingest_job_for(raw_dir: str, processed_dir: str, executor: dict):
    """The ingest job over these folders: what a step process (a multiprocess
    child, a Dask worker) rebuilds from a reconstructable pointer."""
    paths = VnplanPaths(raw_dir=raw_dir, processed_dir=processed_dir)
    return build_definitions(paths, ExecutorChoice(**executor)).resolve_job_def("ingest")


defs = build_definitions()
