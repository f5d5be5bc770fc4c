"""The Dagster resources: `VnplanPaths`, where raw files are read and tables
published, and `IngestLock`, the ingest lock held for a run.

Defaults are `data/raw` and `data/processed` under the repository root,
overridable with the environment variables VNPLAN_RAW_DIR and
VNPLAN_PROCESSED_DIR (read when the definitions load) or with run config.
The tables' place may be a URI (`s3://bucket/prefix`, `pipeline.tables.storage`):
every table read and write goes through `location()`.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext

from pipeline.ingest.discovery import HashMemo, default_raw_dir, scan
from pipeline.ingest.lock import ingest_lock
from pipeline.ingest.plan import state_from_rows
from pipeline.ingest.rawpaths import base_for
from pipeline.models import PublishedState, RawFile
from pipeline.tables import publish
from pipeline.tables.schemas import SNAPSHOT_TABLES, TABLES
from pipeline.tables.snapshots import next_run
from pipeline.tables.storage import TablesLocation, default_processed_dir, reports_dir, reviews_dir

HASH_MEMO = ".raw-hashes.json"     # in the tables folder, like the ingest lock


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

    def reviews_path(self) -> Path:
        """Where the review pages go (one per document, `pipeline.outputs.review`)."""
        return reviews_dir(self.location())

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
        """The documents and rejects rows, and the raw root their paths are relative
        to (the last run's, from the `runs` table)."""
        root = self.location()
        return state_from_rows(
            *(TABLES[t].conform(publish.read_table(root, t)).to_pylist()
              for t in ("documents", "rejects")), self.last_run().get("raw_root"))

    def last_run(self) -> dict:
        """The latest `runs` row ({} before the first run that changed a table)."""
        runs = self.read("runs")
        if runs.num_rows == 0:
            return {}
        return max(TABLES["runs"].conform(runs).to_pylist(), key=lambda r: r["snapshot"])

    def raw_base(self) -> str:
        """The root the stored paths are relative to, for this raw folder."""
        return base_for(self.raw_path(), self.last_run().get("raw_root"))

    def read(self, table: str, columns: list[str] | None = None):
        return publish.read_table(self.location(), table, columns=columns)

    def publish(self, table: str, rows, keys) -> publish.PublishResult:
        root = self.location()
        result = publish.publish(root, table, rows, keys)
        if result.version is None:            # nothing to write yet: create it empty
            version = publish.ensure_table(root, table)
            result = publish.PublishResult(table, version, True, 0, 0)
        return result

    def record_run(self, run_id: str, batch, published_at) -> publish.PublishResult:
        """Publish the `runs` row of this run (`pipeline.tables.snapshots.next_run`):
        every table's version now; nothing when no table changed."""
        versions = {t: self.table_info(t).version for t in SNAPSHOT_TABLES}
        last = self.last_run() or None
        row = next_run(last, versions, run_id, batch.now, published_at, batch.raw_root,
                       batch.summary)
        rows = TABLES["runs"].arrow([row] if row else [])
        return self.publish("runs", rows, {row["run_id"]} if row else set())

    def table_info(self, table: str) -> publish.TableInfo:
        return publish.table_info(self.location(), table)

    def stored_schema(self, table: str):
        return publish.stored_schema(self.location(), table)


class IngestLock(ConfigurableResource):
    """The Dagster face of `pipeline.ingest.lock.ingest_lock`: held for the whole run by every run
    whose steps read the published state or publish (in-process executor)."""

    processed_dir: str

    @contextlib.contextmanager
    def yield_for_execution(self, context: InitResourceContext):
        with ingest_lock(self.processed_dir):
            yield self
