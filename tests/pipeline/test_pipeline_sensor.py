"""The raw-folder sensor requests one run when files change, none otherwise;
the daily schedule targets the ingest job."""
from __future__ import annotations

import json
import os

from dagster import RunRequest, SkipReason, build_schedule_context, build_sensor_context

from pipeline.defs.definitions import defs
from pipeline.defs.resources import VnplanPaths
from pipeline.defs.ingest.schedules import daily_ingest
from pipeline.defs.ingest.sensors import raw_folder_sensor


def evaluate(raw, cursor=None):
    paths = VnplanPaths(raw_dir=str(raw), processed_dir=str(raw.parent / "processed"))
    context = build_sensor_context(cursor=cursor, resources={"paths": paths})
    return raw_folder_sensor(context)


def test_first_tick_requests_a_run_and_stores_the_cursor(raw_dir):
    result = evaluate(raw_dir)
    (request,) = result.run_requests
    assert isinstance(request, RunRequest) and request.tags["vnplan/added"] == "3"
    cursor = json.loads(result.cursor)
    assert sorted(os.path.basename(p) for p in cursor) == \
        ["empty.txt", "kh-12-hanoi.txt", "kh-45-hue.txt"]


def test_unchanged_folder_requests_nothing(raw_dir):
    cursor = evaluate(raw_dir).cursor
    result = evaluate(raw_dir, cursor)
    assert isinstance(result, SkipReason)


def test_new_changed_and_removed_files_each_request_a_run(raw_dir):
    cursor = evaluate(raw_dir).cursor
    (raw_dir / "new.txt").write_text("Số: 1/KH-UBND", encoding="utf-8")
    added = evaluate(raw_dir, cursor)
    assert added.run_requests[0].tags["vnplan/added"] == "1"

    cursor = added.cursor
    (raw_dir / "new.txt").write_text("Số: 2/KH-UBND, dài hơn", encoding="utf-8")
    modified = evaluate(raw_dir, cursor)
    assert modified.run_requests[0].tags["vnplan/modified"] == "1"

    cursor = modified.cursor
    (raw_dir / "new.txt").unlink()
    removed = evaluate(raw_dir, cursor)
    assert removed.run_requests[0].tags["vnplan/removed"] == "1"
    assert len({added.run_requests[0].run_key, modified.run_requests[0].run_key,
                removed.run_requests[0].run_key}) == 3


def test_dotfiles_do_not_wake_the_sensor(raw_dir):
    cursor = evaluate(raw_dir).cursor
    (raw_dir / ".~lock.kh.txt#").write_text("x")
    assert isinstance(evaluate(raw_dir, cursor), SkipReason)


def test_missing_raw_folder_is_skipped(tmp_path):
    result = evaluate(tmp_path / "nowhere")
    assert isinstance(result, SkipReason) and "does not exist" in result.skip_message


def test_daily_schedule_runs_the_ingest_job():
    assert daily_ingest.job_name == defs.resolve_job_def("ingest").name
    assert daily_ingest.execution_timezone == "Asia/Ho_Chi_Minh"
    data = daily_ingest.evaluate_tick(build_schedule_context())
    assert len(data.run_requests) == 1
