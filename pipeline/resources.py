"""The one Dagster resource: where raw files are read and tables published.

Defaults are `data/raw` and `data/processed` under the repository root,
overridable with the environment variables VNPLAN_RAW_DIR and
VNPLAN_PROCESSED_DIR (read when the definitions load) or with run config.
"""
from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource

from pipeline import publish
from pipeline.ingest import PublishedState, RawFile, scan, state_from_rows

REPO_ROOT = Path(__file__).resolve().parents[1]
RAW_ENV, PROCESSED_ENV = "VNPLAN_RAW_DIR", "VNPLAN_PROCESSED_DIR"


def default_raw_dir() -> str:
    return os.environ.get(RAW_ENV) or str(REPO_ROOT / "data" / "raw")


def default_processed_dir() -> str:
    return os.environ.get(PROCESSED_ENV) or str(REPO_ROOT / "data" / "processed")


class VnplanPaths(ConfigurableResource):
    """The raw folder to ingest and the folder that holds the Delta tables."""

    raw_dir: str
    processed_dir: str

    @classmethod
    def from_env(cls) -> "VnplanPaths":
        return cls(raw_dir=default_raw_dir(), processed_dir=default_processed_dir())

    def raw_path(self) -> Path:
        return Path(self.raw_dir).expanduser()

    def processed_path(self) -> Path:
        return Path(self.processed_dir).expanduser()

    def scan_raw(self) -> list[RawFile]:
        """Every raw file, hashed. A missing raw folder fails the run: scanning
        it as empty would withdraw every published document."""
        raw = self.raw_path()
        if not raw.is_dir():
            raise FileNotFoundError(f"raw folder {raw} does not exist")
        return scan(raw)

    def published_state(self) -> PublishedState:
        root = self.processed_path()
        return state_from_rows(publish.read_table(root, "documents").to_pylist(),
                               publish.read_table(root, "rejects").to_pylist())

    def read(self, table: str, columns: list[str] | None = None):
        return publish.read_table(self.processed_path(), table, columns=columns)

    def publish(self, table: str, rows, keys) -> publish.PublishResult:
        root = self.processed_path()
        result = publish.publish(root, table, rows, keys)
        if result.version is None:            # nothing to write yet: create it empty
            version = publish.ensure_table(root, table)
            result = publish.PublishResult(table, version, True, 0, 0)
        return result

    def table_info(self, table: str) -> publish.TableInfo:
        return publish.table_info(self.processed_path(), table)

    def stored_schema(self, table: str):
        return publish.stored_schema(self.processed_path(), table)
