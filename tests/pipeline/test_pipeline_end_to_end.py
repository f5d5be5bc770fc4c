"""The ingest job with the real extractor (skipped while it does not import):
a plan written into tmp_path, and a few files of ../shared/corpus."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from dagster import DagsterInstance
from deltalake import DeltaTable

from pipeline.defs.run import run_ingest
from pipeline.tables.publish import read_table

pytestmark = pytest.mark.slow          # the real extractor over the corpus

extract = pytest.importorskip("extractors.extract", reason="extractor not importable").extract
AgencyRegistry = pytest.importorskip("extractors.agencies").AgencyRegistry

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_FILES = ["hanoi-161-kh-ubnd-2023-excerpt.txt", "laocai-kh-1105-dkt-kiem-tra.txt",
                "ddqh-3260-kh-ddqh15-2025-trien-khai-nq57.md"]


def ingest(raw, processed):
    result = run_ingest(raw, processed, instance=DagsterInstance.ephemeral())
    assert result.success
    return result


def test_plan_fixture_end_to_end(raw_dir, processed_dir):
    ingest(raw_dir, processed_dir)
    docs = {d["file_name"]: d for d in read_table(processed_dir, "documents").to_pylist()}
    hanoi = docs["kh-12-hanoi.txt"]
    assert (hanoi["doc_number"], hanoi["issue_date"]) == ("12/KH-UBND", date(2024, 4, 3))
    assert hanoi["is_plan"] and hanoi["status"] == "active"

    tasks = pl.read_delta(str(processed_dir / "tasks")).filter(pl.col("doc_id") == hanoi["doc_id"])
    first = tasks.sort("ordinal").row(0, named=True)
    assert first["owner"] == ["Sở Y tế"]
    assert (first["timing_kind"], first["start_date"], first["end_date"]) == \
        ("period", date(2024, 5, 1), date(2024, 5, 31))

    agencies = DeltaTable(str(processed_dir / "task_agencies")).to_pandas()
    owner = agencies[(agencies.task_id == first["task_id"]) & (agencies.role == "owner")]
    assert owner["mention"].tolist() == ["Sở Y tế"]
    ref = AgencyRegistry.load().resolve("Sở Y tế", hanoi["issuer"])
    assert ref.agency_id and owner["agency_id"].tolist() == [ref.agency_id]
    assert owner["canonical_name"].tolist() == [ref.canonical]

    (reject,) = read_table(processed_dir, "rejects").to_pylist()
    assert (reject["file_name"], reject["reason"]) == ("empty.txt", "empty")

    files = DeltaTable(str(processed_dir / "documents")).file_uris()
    frame = pd.concat([pq.read_table(f).to_pandas() for f in files])
    assert sorted(frame["file_name"]) == ["kh-12-hanoi.txt", "kh-45-hue.txt"]


def test_corpus_files_are_each_a_document_or_a_reject(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(CORPUS / name, raw / name)
    result = ingest(raw, tmp_path / "processed")
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["raw_files_covered"].passed
    assert checks["declared_schema"].passed
    docs = read_table(tmp_path / "processed", "documents").num_rows
    rejects = read_table(tmp_path / "processed", "rejects").num_rows
    assert docs + rejects == len(CORPUS_FILES)
    assert read_table(tmp_path / "processed", "tasks").num_rows > 0
