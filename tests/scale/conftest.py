"""Fixtures of the scale tests: the repository's sample plans in a tmp raw
folder, a moto S3 server (one per module, in a child process on 127.0.0.1),
and the environment that points the pipeline at it."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

from s3_server import moto_s3, s3_env

SAMPLE_RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture
def sample_raw(tmp_path: Path) -> Path:
    """data/raw copied to tmp, plus an empty file (a reject)."""
    pytest.importorskip("extractors.extract", reason="extractor not importable")
    if not any(SAMPLE_RAW.glob("*.txt")):
        pytest.skip("data/raw has no sample plans")
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw, ignore=shutil.ignore_patterns(".*"))
    for f in raw.rglob("*"):
        os.chmod(f, 0o755 if f.is_dir() else 0o644)
    (raw / "empty.txt").write_bytes(b"")
    return raw


@pytest.fixture(scope="module")
def s3_endpoint():
    pytest.importorskip("moto.server", reason="moto[server] not installed")
    with moto_s3() as endpoint:
        yield endpoint


@pytest.fixture
def s3_tables(s3_endpoint, monkeypatch, tmp_path) -> str:
    """A fresh `s3://bucket/<prefix>` on the moto server, its environment set."""
    for k, v in s3_env(s3_endpoint).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("VNPLAN_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("VNPLAN_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("VNPLAN_PARSE_WORKERS", "0")     # a handful of small files
    return f"s3://vnplan-test/{uuid.uuid4().hex[:12]}"
