"""The `ingest` job: every asset, one run for the whole batch."""

from dagster import AssetSelection, define_asset_job

INGEST_JOB_NAME = "ingest"

ingest_job = define_asset_job(
    INGEST_JOB_NAME, selection=AssetSelection.all(),
    description="Scan the raw folder, parse new/changed files, publish the Delta tables.")
