"""Fixtures of the pipeline tests (helpers live in pipeline_fixtures.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_fixtures import PLAN_HANOI, PLAN_HUE, Clock


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "kh-12-hanoi.txt").write_text(PLAN_HANOI, encoding="utf-8")
    (raw / "sub" / "kh-45-hue.txt").write_text(PLAN_HUE, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / ".hidden.txt").write_text(PLAN_HUE, encoding="utf-8")
    return raw


@pytest.fixture
def processed_dir(tmp_path: Path) -> Path:
    return tmp_path / "processed"


@pytest.fixture
def clock() -> Clock:
    return Clock()
