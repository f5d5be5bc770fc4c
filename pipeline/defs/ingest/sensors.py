"""The sensor on the raw folder that starts the `ingest` job.

Its cursor is the JSON of path → "mtime_ns:size" of every raw file seen at its
last run request; it requests one run (for the whole batch) only when a file
was added, modified or removed since.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import hashlib
import json

from dagster import (DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult,
                     SkipReason, sensor)

from pipeline.defs.ingest.jobs import ingest_job
from pipeline.defs.resources import VnplanPaths
from pipeline.ingest.discovery import changed_paths, signature


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
