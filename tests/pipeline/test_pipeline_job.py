"""The Dagster definitions and the ingest job, run in process over tmp folders
with a fake extractor: versions move only on change, a changed file replaces
only its rows, removed files are withdrawn, checks run."""
from __future__ import annotations

import os

import polars as pl
import pytest
from dagster import AssetKey, DagsterInstance
from deltalake import DeltaTable

import pipeline.defs.ingest.assets as assets_module
from pipeline.defs.run import run_ingest
from pipeline.defs.definitions import build_definitions, defs
from pipeline.tables.publish import all_table_info, read_table
from pipeline.defs.resources import VnplanPaths
from pipeline.tables.schemas import TABLES

from pipeline_fixtures import fake_parse

pytestmark = pytest.mark.slow          # Dagster job runs

ALL_ASSETS = {AssetKey(k) for k in ("raw_documents", "parsed_documents", "sections", "tasks",
                                    "task_agencies", "references", "reports")} | \
             {AssetKey(["delta", t]) for t in TABLES}


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(assets_module, "load_extractor", lambda: fake_parse)


def ingest(raw, processed, **kw):
    result = run_ingest(raw, processed, instance=DagsterInstance.ephemeral(), **kw)
    assert result.success
    return result


def versions(processed) -> dict[str, int | None]:
    return {i.name: i.version for i in all_table_info(processed)}


def by_name(rows: list[dict], key="file_name") -> dict[str, dict]:
    return {r[key]: r for r in rows}


def test_definitions_load():
    job = defs.resolve_job_def("ingest")
    assert set(defs.resolve_all_asset_keys()) == ALL_ASSETS
    assert {c.name for c in defs.resolve_asset_graph().asset_check_keys} >= \
        {"every_task_has_owner", "timings_parsed", "raw_files_covered", "declared_schema"}
    assert defs.resolve_sensor_def("raw_folder_sensor").job_name == job.name
    assert defs.resolve_schedule_def("daily_ingest").cron_schedule == "0 3 * * *"


def test_paths_default_to_the_repo_and_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("VNPLAN_RAW_DIR", raising=False)
    assert VnplanPaths.from_env().raw_path().as_posix().endswith("data/raw")
    monkeypatch.setenv("VNPLAN_PROCESSED_DIR", str(tmp_path))
    assert VnplanPaths.from_env().processed_path() == tmp_path


def test_every_asset_materialises_and_checks_run(raw_dir, processed_dir):
    result = ingest(raw_dir, processed_dir)
    materialised = {e.asset_key for e in result.get_asset_materialization_events()}
    assert materialised == ALL_ASSETS
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["every_task_has_owner"] and checks["raw_files_covered"]
    assert checks["declared_schema"]
    assert checks["timings_parsed"] is False    # the fake reads "Thường xuyên" as unparsed

    assert versions(processed_dir) == dict.fromkeys(TABLES, 0)
    docs = by_name(read_table(processed_dir, "documents").to_pylist())
    assert set(docs) == {"kh-12-hanoi.txt", "kh-45-hue.txt"}
    assert docs["kh-12-hanoi.txt"]["n_tasks"] == 2
    (reject,) = read_table(processed_dir, "rejects").to_pylist()
    assert (reject["file_name"], reject["reason"]) == ("empty.txt", "empty")
    assert read_table(processed_dir, "tasks").num_rows == 3


def test_rerun_over_unchanged_input_writes_no_version(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    before = versions(processed_dir)
    history = len(DeltaTable(str(processed_dir / "documents")).history())
    result = ingest(raw_dir, processed_dir)
    assert versions(processed_dir) == before
    assert len(DeltaTable(str(processed_dir / "documents")).history()) == history
    meta = {e.asset_key: e.materialization.metadata
            for e in result.get_asset_materialization_events()}
    assert meta[AssetKey(["delta", "tasks"])]["last_run_committed"].value is False
    assert meta[AssetKey("parsed_documents")]["unchanged_files"].value == 3


def test_changed_file_replaces_only_its_rows(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    old_tasks = read_table(processed_dir, "tasks").to_pylist()
    old_hue = by_name(read_table(processed_dir, "documents").to_pylist())["kh-45-hue.txt"]
    before = versions(processed_dir)

    hue = raw_dir / "sub" / "kh-45-hue.txt"
    hue.write_text(hue.read_text(encoding="utf-8") + "1.2. Làm phim quảng bá\n"
                   "- Đơn vị chủ trì: Đài Phát thanh và Truyền hình.\n", encoding="utf-8")
    ingest(raw_dir, processed_dir)
    after = versions(processed_dir)
    assert after == {**before, **{t: before[t] + 1 for t in
                                  ("documents", "sections", "tasks", "task_agencies",
                                   "document_quality", "references", "runs")}}

    docs = by_name(read_table(processed_dir, "documents").to_pylist())
    new_hue = docs["kh-45-hue.txt"]
    assert new_hue["doc_id"] != old_hue["doc_id"] and new_hue["n_tasks"] == 2
    tasks = read_table(processed_dir, "tasks").to_pylist()
    hanoi_id = docs["kh-12-hanoi.txt"]["doc_id"]
    assert [t for t in tasks if t["doc_id"] == hanoi_id] == \
        [t for t in old_tasks if t["doc_id"] == hanoi_id]
    assert not [t for t in tasks if t["doc_id"] == old_hue["doc_id"]]

    # time travel: the previous version still holds the old document's tasks
    old = DeltaTable(str(processed_dir / "tasks"), version=before["tasks"]).to_pandas()
    assert (old["doc_id"] == old_hue["doc_id"]).sum() == 1


def test_removed_file_is_withdrawn_and_its_tasks_kept(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    (raw_dir / "kh-12-hanoi.txt").unlink()
    (raw_dir / "empty.txt").unlink()
    ingest(raw_dir, processed_dir)
    docs = by_name(read_table(processed_dir, "documents").to_pylist())
    assert docs["kh-12-hanoi.txt"]["status"] == "withdrawn"
    assert docs["kh-45-hue.txt"]["status"] == "active"
    assert read_table(processed_dir, "rejects").num_rows == 0
    tasks = pl.read_delta(str(processed_dir / "tasks"))
    assert tasks.filter(pl.col("doc_id") == docs["kh-12-hanoi.txt"]["doc_id"]).height == 2


def test_a_copy_adds_a_path_not_a_document(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    before = versions(processed_dir)
    (raw_dir / "ban-sao.txt").write_bytes((raw_dir / "kh-12-hanoi.txt").read_bytes())
    ingest(raw_dir, processed_dir)
    assert versions(processed_dir) == {**before, "documents": before["documents"] + 1,
                                       "runs": before["runs"] + 1}     # a new snapshot
    docs = read_table(processed_dir, "documents").to_pylist()
    assert len(docs) == 2
    (hanoi,) = [d for d in docs if d["doc_number"] == "12/KH-UBND"]
    assert sorted(os.path.basename(p) for p in hanoi["paths"]) == \
        ["ban-sao.txt", "kh-12-hanoi.txt"]


def test_force_reparses_without_duplicating_rows(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    counts = {i.name: i.rows for i in all_table_info(processed_dir)}
    ingest(raw_dir, processed_dir, force=True)
    assert {i.name: i.rows for i in all_table_info(processed_dir)} == \
        {**counts, "runs": counts["runs"] + 1}         # the rewrite is a new snapshot
    assert versions(processed_dir)["tasks"] == 1


def test_uncovered_raw_file_fails_the_coverage_check(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    (raw_dir / "late.txt").write_text("Số: 9/KH-UBND\n", encoding="utf-8")
    paths = VnplanPaths(raw_dir=str(raw_dir), processed_dir=str(processed_dir))
    check = build_definitions(paths).get_asset_checks_def(
        next(k for k in defs.resolve_asset_graph().asset_check_keys
             if k.name == "raw_files_covered"))
    result = check(paths=paths)
    assert result.passed is False and result.metadata["uncovered"].value == 1


def test_an_extractor_that_does_not_import_fails_the_run(raw_dir, processed_dir, monkeypatch):
    ingest(raw_dir, processed_dir)
    before = versions(processed_dir)

    def broken():
        raise ImportError("No module named 'extractors.mentions'")

    monkeypatch.setattr(assets_module, "load_extractor", broken)
    (raw_dir / "new.txt").write_text("Số: 3/KH-UBND\n", encoding="utf-8")
    result = run_ingest(raw_dir, processed_dir, instance=DagsterInstance.ephemeral())
    assert not result.success
    assert versions(processed_dir) == before    # nothing rejected, nothing published


def test_a_missing_raw_folder_fails_the_run_instead_of_withdrawing(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    before = versions(processed_dir)
    result = run_ingest(raw_dir.parent / "unmounted", processed_dir,
                        instance=DagsterInstance.ephemeral())
    assert not result.success
    assert versions(processed_dir) == before
