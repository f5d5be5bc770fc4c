"""Tables on S3-compatible storage (moto's server on 127.0.0.1): ingest,
re-run, revision and time travel through an `s3://` tables location, and the
same tables as a run into a local folder."""
from __future__ import annotations

import boto3
import pytest
from dagster import DagsterInstance

from pipeline import tables
from pipeline.cli.main import main as cli
from pipeline.defs.run import run_ingest, run_summary
from pipeline.ingest.lock import lock_path
from pipeline.tables.publish import all_table_info, read_table
from pipeline.tables.schemas import TABLES
from pipeline.tables.storage import TablesLocation

from scale_helpers import all_tables, comparable

pytestmark = pytest.mark.slow          # an S3 server and ingest runs

PLAN = "hanoi-161-kh-ubnd-2023-excerpt.txt"


def ingest(raw, processed):
    result = run_ingest(raw, processed, instance=DagsterInstance.ephemeral())
    assert result.success
    return result


def versions(root) -> dict[str, int | None]:
    return {i.name: i.version for i in all_table_info(root)}


def stored_keys(endpoint: str, uri: str) -> list[str]:
    bucket, _, prefix = uri[len("s3://"):].partition("/")
    s3 = boto3.client("s3", endpoint_url=endpoint)
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/")
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def test_location_of_a_folder_and_of_a_uri(s3_tables, tmp_path):
    local = TablesLocation.of(tmp_path)
    assert local.is_local and local.options() is None
    assert local.table_uri("tasks") == str(tmp_path / "tasks")
    remote = TablesLocation.of(s3_tables + "/")
    assert not remote.is_local and remote.table_uri("tasks") == s3_tables + "/tasks"
    assert remote.options()["aws_endpoint_url"].startswith("http://127.0.0.1:")
    assert lock_path(s3_tables).parent == tmp_path / "locks"    # VNPLAN_LOCK_DIR
    with pytest.raises(ValueError):
        remote.local_path


def test_ingest_rerun_revision_and_time_travel_on_s3(s3_endpoint, s3_tables, sample_raw,
                                                     tmp_path):
    first = ingest(sample_raw, s3_tables)
    assert run_summary(first)["documents_added"] >= 3
    assert versions(s3_tables) == dict.fromkeys(TABLES, 0)
    keys = stored_keys(s3_endpoint, s3_tables)
    assert any(k.endswith("/tasks/_delta_log/00000000000000000000.json") for k in keys)
    assert not (tmp_path / "processed").exists()
    before = comparable(s3_tables, "documents")

    # the same tables as a run into a local folder
    ingest(sample_raw, tmp_path / "local")
    assert all_tables(s3_tables) == all_tables(tmp_path / "local")

    ingest(sample_raw, s3_tables)                       # re-run: nothing changes
    assert versions(s3_tables) == dict.fromkeys(TABLES, 0)

    plan = sample_raw / PLAN                            # revision of one plan
    old_id = next(d["doc_id"] for d in before if d["file_name"] == PLAN)
    plan.write_text(plan.read_text(encoding="utf-8") + "\nBản sửa đổi.\n", encoding="utf-8")
    ingest(sample_raw, s3_tables)
    after = {d["file_name"]: d for d in read_table(s3_tables, "documents").to_pylist()}
    assert after[PLAN]["doc_id"] != old_id
    assert versions(s3_tables)["documents"] == 1 and versions(s3_tables)["tasks"] == 1

    # time travel: version 0 is the first run, through the publish API and tables.read
    assert comparable(s3_tables, "documents", version=0) == before
    old_tasks = tables.read("tasks", version=0, processed=s3_tables)
    assert set(old_tasks["doc_id"]) >= {old_id}
    assert old_id not in set(tables.read("tasks", processed=s3_tables)["doc_id"])
    assert [h["version"] for h in tables.commits("documents", s3_tables)] == [0, 1]


def test_cli_lists_and_exports_tables_on_s3(s3_tables, sample_raw, tmp_path, capsys):
    assert cli(["ingest", str(sample_raw), "--processed", s3_tables, "--quiet"]) == 0
    assert cli(["tables", "--processed", s3_tables]) == 0
    out = capsys.readouterr().out
    assert s3_tables in out and "(not created)" not in out
    target = tmp_path / "tasks.csv"
    assert cli(["export", "tasks", "--format", "csv", "--out", str(target),
                "--processed", s3_tables]) == 0
    assert target.read_text(encoding="utf-8-sig").count("\n") > 3
