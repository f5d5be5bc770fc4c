"""When ingest runs: the `ingest` job, a sensor on the raw folder, a daily schedule.

The sensor's cursor is the JSON of path → "mtime_ns:size" of every raw file
seen at its last run request; it requests one run (for the whole batch) only
when a file was added, modified or removed since. The daily schedule is a safety
net: over unchanged input a run parses nothing and writes no table version.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import hashlib
import json

from dagster import (AssetSelection, DefaultScheduleStatus, DefaultSensorStatus, RunRequest,
                     ScheduleDefinition, SensorEvaluationContext, SensorResult, SkipReason,
                     define_asset_job, sensor)

from pipeline.ingest import changed_paths, signature
from pipeline.resources import VnplanPaths

INGEST_JOB_NAME = "ingest"

ingest_job = define_asset_job(
    INGEST_JOB_NAME, selection=AssetSelection.all(),
    description="Scan the raw folder, parse new/changed files, publish the Delta tables.")


@sensor(job=ingest_job, minimum_interval_seconds=60,
        default_status=DefaultSensorStatus.RUNNING,
        description="Requests an ingest run when raw files are added, changed or removed.")
def raw_folder_sensor(context: SensorEvaluationContext, paths: VnplanPaths):
    raw = paths.raw_path()
    if not raw.is_dir():
        return SkipReason(f"raw folder {raw} does not exist")
    before = json.loads(context.cursor) if context.cursor else {}
    after = signature(raw)
    diff = changed_paths(before, after)
    if not any(diff.values()):
        return SkipReason("no raw file added, changed or removed")
    cursor = json.dumps(after, sort_keys=True, ensure_ascii=False)
    run_key = hashlib.sha256((context.cursor or "").encode() + b"\0" + cursor.encode())
    tags = {f"vnplan/{k}": str(len(v)) for k, v in diff.items()}
    return SensorResult(run_requests=[RunRequest(run_key=run_key.hexdigest()[:32], tags=tags)],
                        cursor=cursor)


daily_ingest = ScheduleDefinition(
    name="daily_ingest", job=ingest_job, cron_schedule="0 3 * * *",
    execution_timezone="Asia/Ho_Chi_Minh", default_status=DefaultScheduleStatus.RUNNING,
    description="Daily ingest of the raw folder (a no-op when nothing changed).")
