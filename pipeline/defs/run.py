"""Running the `ingest` job from Python (what `vnplan ingest` and the benchmarks
do): in process by default, else on the executor of the environment, with the
Dagster instance of DAGSTER_HOME; and reading a finished run back (its batch
summary, each step's seconds, why it failed)."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.defs.executors import ExecutorChoice
from pipeline.defs.resources import VnplanPaths
from pipeline.tables.storage import REPO_ROOT


def dagster_instance():
    """The Dagster instance of DAGSTER_HOME (default: the repo's dagster_home/),
    so CLI runs show in the UI's run history."""
    from dagster import DagsterInstance
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / "dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    return DagsterInstance.get()


def failure_message(result) -> str:
    for event in result.all_events:
        if event.is_step_failure:
            err = event.step_failure_data.error
            cause = err.cause or err
            return f"step {event.step_key} failed: {cause.message.strip()}"
    for event in result.all_events:      # a run that failed before any step (ingest lock)
        err = getattr(event.event_specific_data, "error", None) if event.is_failure else None
        if err is not None:
            return f"run failed: {(err.cause or err).message.strip()}"
    return "run failed"


def run_summary(result) -> dict:
    """The batch summary of an ingest run, from the `parsed_documents`
    materialisation (any executor: no output is loaded back)."""
    for event in result.get_asset_materialization_events():
        mat = event.step_materialization_data.materialization
        if mat.asset_key.path == ["parsed_documents"]:
            return {k: v.value for k, v in mat.metadata.items()}
    return {}


REPORTS_ASSET = "reports"


def ingest_run_config(force: bool = False) -> dict:
    return {"ops": {"parsed_documents": {"ops": {"plan_ingest": {"config": {"force": force}}}}},
            "loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def run_ingest(raw: Path, processed: Path | str, *, force: bool = False, instance=None,
               executor=None, asset_selection=None, reports: bool = True):
    """Execute the `ingest` job over `raw`, publishing into `processed` (a folder
    or a URI): in process by default, else on the executor of `executor` (an
    `ExecutorChoice`; default from the environment), which needs a persistent
    Dagster instance (`instance`, default DAGSTER_HOME's). `asset_selection`
    (asset keys) runs part of the job; `reports=False` leaves the `reports`
    asset (a chart per plan) out."""
    from pipeline.defs.definitions import build_definitions
    executor = executor or ExecutorChoice.from_env()
    run_config = ingest_run_config(force)
    paths = VnplanPaths(raw_dir=str(raw), processed_dir=str(processed))
    job = build_definitions(paths, executor, values_in_memory=executor.in_process
                            ).resolve_job_def("ingest")
    if not reports and asset_selection is None:
        asset_selection = sorted((k for k in job.asset_layer.executable_asset_keys
                                  if k.path != [REPORTS_ASSET]), key=lambda k: k.path)
    if executor.in_process:
        return job.execute_in_process(run_config=run_config, instance=instance,
                                      raise_on_error=False, asset_selection=asset_selection)
    return _run_out_of_process(raw, processed, executor, run_config, instance or dagster_instance(),
                               asset_selection)


def _run_out_of_process(raw, processed, executor, run_config: dict, instance,
                        asset_selection=None):
    import dask
    from dagster import build_reconstructable_job, execute_job
    job = build_reconstructable_job(
        "pipeline.defs.definitions", "ingest_job_for",
        reconstructable_kwargs={"raw_dir": str(raw), "processed_dir": str(processed),
                                "executor": executor.as_kwargs()})
    # a local Dask cluster's workers start the parse worker pool: they must be
    # allowed children (distributed makes them daemons by default)
    with dask.config.set({"distributed.worker.daemon": False}):
        return execute_job(job, instance=instance, run_config=run_config, raise_on_error=False,
                           asset_selection=asset_selection)


def step_seconds(instance, run_id: str) -> dict[str, float]:
    """Wall seconds of each step of the run, by step key (what work ran, and its cost)."""
    out = {}
    for s in instance.get_run_step_stats(run_id):
        if s.start_time is not None and s.end_time is not None:
            out[s.step_key] = round(s.end_time - s.start_time, 3)
    return out
