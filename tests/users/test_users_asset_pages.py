"""After `make run` and a run with nothing new: what the asset pages say (read
through Dagster's instance), what the operator reads in the summary, and what
the tables hold (relative paths, one agencies row per id, one snapshot)."""
from __future__ import annotations

import argparse
import os
import shutil

import pytest
from dagster import AssetKey, DagsterInstance

from pipeline import tables
from pipeline.defs.definitions import build_definitions
from pipeline.defs.resources import VnplanPaths
from pipeline.defs.run import run_ingest, run_summary
from pipeline.tables import describe
from pipeline.tables.publish import table_info
from pipeline.tables.schemas import SNAPSHOT_TABLES, TABLES

from sample_text import plan_text
from users_fixtures import REPO

pytestmark = pytest.mark.slow           # Dagster job runs of the sample plans

RANDOM = bytes(range(7, 256)) * 40
STAMPED = REPO.parent / "shared" / "corpus" / "laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """data/raw, a random-bytes .pdf (and an e-signed PDF of ../shared when there)
    ingested, then ingested again with nothing new: (raw, processed, instance,
    first result, second result)."""
    pytest.importorskip("extractors.extract")
    base = tmp_path_factory.mktemp("pages")
    raw, processed = base / "raw", base / "processed"
    shutil.copytree(REPO / "data" / "raw", raw)
    (raw / "ban-scan-loi.pdf").write_bytes(RANDOM)
    if STAMPED.is_file():
        shutil.copy(STAMPED, raw / STAMPED.name)
    for f in raw.rglob("*"):
        os.chmod(f, 0o644)
    old = os.environ.get("VNPLAN_PARSE_WORKERS")
    os.environ["VNPLAN_PARSE_WORKERS"] = "0"
    instance = DagsterInstance.ephemeral()
    try:
        first = run_ingest(raw, processed, instance=instance)
        second = run_ingest(raw, processed, instance=instance)
    finally:
        os.environ.pop("VNPLAN_PARSE_WORKERS", None) if old is None else \
            os.environ.__setitem__("VNPLAN_PARSE_WORKERS", old)
    assert first.success and second.success
    return raw, processed, instance, first, second


def _latest(instance, *key) -> dict:
    event = instance.get_latest_materialization_event(AssetKey(list(key)))
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}


@pytest.mark.parametrize("table", SNAPSHOT_TABLES)
def test_every_table_page_describes_the_table_after_a_run_with_nothing_new(two_runs, table):
    _, processed, instance, _, second = two_runs
    assert run_summary(second)["parsed"] == 0
    meta = _latest(instance, "delta", table)
    info = table_info(processed, table)
    assert meta["last_run_committed"] is False                   # the no-op run's page
    assert meta["rows"] == meta["dagster/row_count"] == info.rows
    assert meta["version"] == info.version
    schema = meta["dagster/column_schema"]
    assert [c.name for c in schema.columns] == list(TABLES[table].names)
    assert all(c.description for c in schema.columns)
    defs = build_definitions(VnplanPaths(raw_dir="/nowhere", processed_dir=str(processed)))
    spec = defs.resolve_asset_graph().get(AssetKey(["delta", table]))
    assert spec.description == describe.description(table) and TABLES[table].description \
        in spec.description
    assert spec.metadata["dagster/column_schema"] == schema      # the Columns tab before a run


def test_quality_page_gives_the_tables_mean_and_worst_with_review_links(two_runs):
    _, processed, instance, _, _ = two_runs
    meta = _latest(instance, "delta", "document_quality")
    scores = tables.read("document_quality", processed=processed)["score"]
    assert meta["documents"] == len(scores) > 0
    assert meta["mean_score"] == round(scores.mean(), 1) and meta["worst_score"] == scores.min()
    assert meta["mean_score"] > 0 and "[page](file://" in meta["quality"]
    docs = _latest(instance, "delta", "documents")["documents"]
    links = [part.split(")")[0] for part in docs.split("[page](file://")[1:]]
    assert len(links) == len(scores) and all(os.path.isfile(p) for p in links)


def test_reports_page_shows_the_current_charts(two_runs):
    _, _, instance, _, _ = two_runs
    meta = _latest(instance, "reports")
    assert meta["last_run_rendered"] == 0                         # nothing redrawn ...
    assert meta["charts"].count("data:image/png;base64,") >= 3     # ... but shown


def test_rejects_are_named_corrupt_and_not_parsed_again(two_runs):
    _, processed, _, first, second = two_runs
    named = run_summary(first)["rejected_files"]
    assert {"path": "ban-scan-loi.pdf", "reason": "corrupt"}.items() <= named[0].items()
    assert run_summary(second)["rejected"] == 0 and run_summary(second)["parsed"] == 0
    (row,) = tables.read("rejects", processed=processed).to_dict("records")
    assert (row["path"], row["reason"]) == ("ban-scan-loi.pdf", "corrupt")


def test_tables_hold_relative_paths_one_snapshot_and_every_agency(two_runs):
    raw, processed, _, first, _ = two_runs
    docs = tables.read("documents", processed=processed)
    assert all(not p.startswith("/") and (raw / p).is_file() for p in docs["path"])
    runs = tables.runs(processed=processed)
    assert runs["snapshot"].tolist() == [1] and runs["run_id"].tolist() == [first.run_id]
    assert runs["raw_root"].tolist() == [raw.resolve().as_posix()]
    ta, ag = tables.read("task_agencies", processed=processed), tables.read("agencies",
                                                                           processed=processed)
    assert len(ta.merge(ag[["agency_id", "status"]], on="agency_id")) == len(ta) > 0
    flags = ag.set_index("agency_id").loc[ta["agency_id"].unique()]
    assert flags["collective"].any() and (~flags["known"]).any()


def test_stamps_cost_no_points(two_runs):
    _, processed, _, _, _ = two_runs
    if not STAMPED.is_file():
        pytest.skip("../shared corpus absent")
    q = tables.read("document_quality", processed=processed).set_index("file_name")
    row = q.loc[STAMPED.name]
    assert row["n_warnings"] == 0 and any(n.startswith("stamp:") for n in row["notes"])


def test_summary_progress_and_json_name_the_work(two_runs, tmp_path, monkeypatch, capsys):
    import json
    from pipeline.cli.ingest import add_subcommands
    raw, processed, _, _, _ = two_runs
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("VNPLAN_PARSE_WORKERS", "0")
    parser = argparse.ArgumentParser(prog="vnplan")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    (raw / "kh-moi.txt").write_text(plan_text("77/KH-UBND"), encoding="utf-8")
    args = parser.parse_args(["ingest", str(raw), "--processed", str(processed)])
    assert args.func(args) == 0
    out, err = capsys.readouterr()
    assert "ingest: parse: 1/1 kh-moi.txt" in err.splitlines()   # the work to do, not every file
    assert "1 file stays rejected: ban-scan-loi.pdf (corrupt)" in out
    args = parser.parse_args(["ingest", str(raw), "--processed", str(processed), "--json"])
    assert args.func(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rejects"][0]["path"] == "ban-scan-loi.pdf" and data["rejected_files"] == []
    assert tables.runs(processed=processed)["snapshot"].tolist() == [1, 2]
