"""The daily schedule of the `ingest` job: a safety net beside the sensor (over
unchanged input a run parses nothing and writes no table version)."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

from pipeline.defs.ingest.jobs import ingest_job

daily_ingest = ScheduleDefinition(
    name="daily_ingest", job=ingest_job, cron_schedule="0 3 * * *",
    execution_timezone="Asia/Ho_Chi_Minh", default_status=DefaultScheduleStatus.RUNNING,
    description="Daily ingest of the raw folder (a no-op when nothing changed).")
