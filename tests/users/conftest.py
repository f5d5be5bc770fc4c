"""Fixtures of the tests for the people who use the tables (helpers live in
users_fixtures.py)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from users_fixtures import REPO, publish_sample

SAMPLE_RAW = REPO / "data" / "raw"
SAMPLE_PLAN = "hanoi-161-kh-ubnd-2023-excerpt.txt"


@pytest.fixture
def sample_tables(tmp_path: Path) -> Path:
    """Two active plans and a withdrawn one published into tmp_path (no Dagster)."""
    root = tmp_path / "processed"
    publish_sample(root)
    return root


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    """data/raw copied into a tmp folder and ingested with the real extractor
    (once per session): (raw, processed, the Dagster run result)."""
    pytest.importorskip("extractors.extract", reason="extractor not importable")
    from dagster import DagsterInstance

    from pipeline.defs.run import run_ingest
    if not (SAMPLE_RAW / SAMPLE_PLAN).is_file():
        pytest.skip(f"data/raw/{SAMPLE_PLAN} is absent")
    base = tmp_path_factory.mktemp("users_sample")
    raw, processed = base / "raw", base / "processed"
    shutil.copytree(SAMPLE_RAW, raw)
    for f in raw.rglob("*"):                    # copies of read-only files stay writable
        os.chmod(f, 0o755 if f.is_dir() else 0o644)
    old = os.environ.get("VNPLAN_PARSE_WORKERS")
    os.environ["VNPLAN_PARSE_WORKERS"] = "0"    # a handful of small files: parse in process
    try:
        result = run_ingest(raw, processed, instance=DagsterInstance.ephemeral())
    finally:
        if old is None:
            os.environ.pop("VNPLAN_PARSE_WORKERS", None)
        else:
            os.environ["VNPLAN_PARSE_WORKERS"] = old
    assert result.success
    return raw, processed, result
