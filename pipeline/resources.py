"""The one Dagster resource: where raw files are read and tables published.

Defaults are `data/raw` and `data/processed` under the repository root,
overridable with the environment variables VNPLAN_RAW_DIR and
VNPLAN_PROCESSED_DIR (read when the definitions load) or with run config.
The tables' place may be a URI (`s3://bucket/prefix`, `pipeline.storage`):
every table read and write goes through `location()`.
"""
from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource

from pipeline import publish
from pipeline.discovery import HashMemo
from pipeline.ingest import PublishedState, RawFile, scan, state_from_rows
from pipeline.storage import TablesLocation, reports_dir

REPO_ROOT = Path(__file__).resolve().parents[1]
RAW_ENV, PROCESSED_ENV = "VNPLAN_RAW_DIR", "VNPLAN_PROCESSED_DIR"
HASH_MEMO = ".raw-hashes.json"     # in the tables folder, like the ingest lock


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
        """The tables folder (a local location only; see `location`)."""
        return self.location().local_path

    def location(self) -> TablesLocation:
        return TablesLocation.of(self.processed_dir)

    def tables_root(self) -> Path | str:
        """The folder as a Path, or the URI as a string."""
        loc = self.location()
        return loc.local_path if loc.is_local else loc.uri

    def reports_path(self) -> Path:
        return reports_dir(self.location())

    def scan_raw(self) -> list[RawFile]:
        """Every raw file, hashed. A missing raw folder fails the run: scanning
        it as empty would withdraw every published document."""
        raw = self.raw_path()
        if not raw.is_dir():
            raise FileNotFoundError(f"raw folder {raw} does not exist")
        memo = HashMemo(self.hash_memo_path())
        memo.begin()
        files = scan(raw, known=memo.load())
        memo.save(files)
        return files

    def hash_memo_path(self) -> Path | None:
        """Where the hashes of the raw files are remembered (`HashMemo`): next to
        the tables in a local folder; nowhere for an object store."""
        loc = self.location()
        return loc.local_path / HASH_MEMO if loc.is_local else None

    def published_state(self) -> PublishedState:
        root = self.location()
        return state_from_rows(publish.read_table(root, "documents").to_pylist(),
                               publish.read_table(root, "rejects").to_pylist())

    def read(self, table: str, columns: list[str] | None = None):
        return publish.read_table(self.location(), table, columns=columns)

    def publish(self, table: str, rows, keys) -> publish.PublishResult:
        root = self.location()
        result = publish.publish(root, table, rows, keys)
        if result.version is None:            # nothing to write yet: create it empty
            version = publish.ensure_table(root, table)
            result = publish.PublishResult(table, version, True, 0, 0)
        return result

    def table_info(self, table: str) -> publish.TableInfo:
        return publish.table_info(self.location(), table)

    def stored_schema(self, table: str):
        return publish.stored_schema(self.location(), table)
