"""Delta Lake publishing: replace the rows of the keys a batch touched, in one
commit per table, and nothing at all when nothing changed.

A publish is `(table, rows, keys)`: every stored row whose key column is in
`keys` is removed and `rows` are added, in a single `write_deltalake(...,
mode="overwrite", predicate="<key> IN (...)")` commit. Every key of `rows` must
be in `keys`. An empty `keys` writes nothing, so a re-run over unchanged input
leaves every table at its version. Each commit is a new table version, so
earlier states read back with `DeltaTable(path, version=N)`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pa_fs
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import CommitFailedError

from pipeline.tables.columns import Table
from pipeline.tables.schemas import TABLES
from pipeline.tables.storage import TablesLocation

Root = "str | Path | TablesLocation"     # a folder, a URI (s3://bucket/prefix) or a location

RETRIES = 4                 # commit conflicts with a concurrent writer
RETRY_PAUSE_S = 0.2


@dataclass(frozen=True)
class PublishResult:
    table: str
    version: int | None      # table version after the publish (None: no table)
    committed: bool          # a new version was written
    keys_replaced: int       # keys whose stored rows were replaced
    rows_written: int


@dataclass(frozen=True)
class TableInfo:
    name: str
    path: str
    exists: bool
    version: int | None = None
    rows: int | None = None
    updated: datetime | None = None


def table_path(root: Root, name: str) -> str:
    """The table's folder or URI under `root`."""
    return TablesLocation.of(root).table_uri(name)


def _spec(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise ValueError(f"unknown table {name!r}; known: {', '.join(TABLES)}") from None


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def key_predicate(key: str, keys: Iterable[str]) -> str:
    """`doc_id IN ('a', 'b')`, quotes doubled (file paths may hold `'`)."""
    return f"{key} IN ({', '.join(_sql_literal(k) for k in sorted(keys))})"


def open_table(root: Root, name: str, version: int | None = None) -> DeltaTable | None:
    loc = TablesLocation.of(root)
    uri = loc.table_uri(name)
    if not DeltaTable.is_deltatable(uri, storage_options=loc.options()):
        return None
    return DeltaTable(uri, version=version, storage_options=loc.options())


def dataset(dt: DeltaTable, root: Root):
    """The table's files as a pyarrow dataset read through a native pyarrow file
    system for a local folder. delta-rs's default is a Python file system
    (`PyFileSystem(DeltaStorageHandler)`): when an Arrow I/O thread drops the
    last reference to it while the interpreter exits (a parquet open still in
    flight when a command ends), its destructor waits for the GIL, the thread
    is unwound by `pthread_exit` inside a C++ destructor and the process aborts
    with `terminate called without an active exception` (exit 134). A native
    file system needs no GIL to be destroyed, and reads without going through
    Python."""
    loc = TablesLocation.of(root)
    if not loc.is_local:
        native = _s3_filesystem(dt.table_uri, loc.options() or {})
        return dt.to_pyarrow_dataset(filesystem=native) if native else dt.to_pyarrow_dataset()
    uri = dt.table_uri
    folder = unquote(urlparse(uri).path) if uri.startswith("file:") else uri
    return dt.to_pyarrow_dataset(filesystem=pa_fs.SubTreeFileSystem(
        str(Path(folder).resolve()), pa_fs.LocalFileSystem()))


def _s3_filesystem(uri: str, options: dict[str, str]):
    """A native pyarrow S3 file system rooted at the table (`s3://bucket/prefix/t`)
    from the storage options, or None (another store: delta-rs's own)."""
    parsed = urlparse(uri)
    if parsed.scheme not in ("s3", "s3a"):
        return None
    endpoint = options.get("aws_endpoint_url") or options.get("aws_endpoint")
    scheme = urlparse(endpoint).scheme if endpoint else "https"
    s3 = pa_fs.S3FileSystem(
        access_key=options.get("aws_access_key_id"), secret_key=options.get("aws_secret_access_key"),
        session_token=options.get("aws_session_token"), region=options.get("aws_region"),
        endpoint_override=endpoint.split("://", 1)[-1] if endpoint else None,
        scheme=scheme or "https")
    return pa_fs.SubTreeFileSystem(f"{parsed.netloc}{parsed.path}".rstrip("/"), s3)


def read_table(root: Root, name: str, version: int | None = None,
               columns: list[str] | None = None) -> pa.Table:
    """The table (at `version`) as Arrow; an empty table of the declared schema
    when it has not been created yet."""
    spec = _spec(name)
    dt = open_table(root, name, version)
    if dt is None:
        schema = spec.schema if columns is None else pa.schema([spec.schema.field(c) for c in columns])
        return schema.empty_table()
    return dataset(dt, root).to_table(columns=columns)


def stored_schema(root: Root, name: str) -> pa.Schema:
    """The schema the table is stored with (the declared one if it does not exist)."""
    dt = open_table(root, name)
    return _spec(name).schema if dt is None else dataset(dt, root).schema


def _write(spec: Table, loc: TablesLocation, rows: pa.Table, keys: frozenset[str]) -> int:
    """One commit; the version it made (not the latest: another writer may follow)."""
    uri, opts = loc.table_uri(spec.name), loc.options()
    if DeltaTable.is_deltatable(uri, storage_options=opts):
        dt = DeltaTable(uri, storage_options=opts)
        # schema_mode="merge": a column newly declared in schemas.py is added to
        # the stored table by the next write (older rows read it as null)
        write_deltalake(dt, rows, mode="overwrite", schema_mode="merge",
                        predicate=key_predicate(spec.key, keys), storage_options=opts)
        return dt.version()
    loc.prepare(spec.name)
    write_deltalake(uri, rows, mode="append", storage_options=opts)
    return DeltaTable(uri, storage_options=opts).version()


def publish(root: Root, name: str, rows: pa.Table, keys: Iterable[str]) -> PublishResult:
    """Replace the rows of `keys` in table `name` under `root` by `rows`."""
    spec = _spec(name)
    loc = TablesLocation.of(root)
    keys = frozenset(keys)
    rows = spec.enforce(rows)         # SchemaError: a missing/undeclared column, an unknown code
    stray = set(pc.unique(rows.column(spec.key)).to_pylist()) - keys
    if stray:
        raise ValueError(f"{name}: rows with keys outside the publish set: {sorted(stray)[:3]}")
    if not keys:
        dt = open_table(loc, name)
        return PublishResult(name, dt.version() if dt else None, False, 0, 0)
    for attempt in range(RETRIES + 1):
        try:
            version = _write(spec, loc, rows, keys)
            break
        except CommitFailedError:
            if attempt == RETRIES:
                raise
            time.sleep(RETRY_PAUSE_S * 2 ** attempt)
    return PublishResult(name, version, True, len(keys), rows.num_rows)


def ensure_table(root: Root, name: str) -> int:
    """Create the table empty if it does not exist; its version."""
    spec = _spec(name)
    loc = TablesLocation.of(root)
    loc.prepare(name)
    return DeltaTable.create(loc.table_uri(name), spec.schema, mode="ignore",
                             storage_options=loc.options()).version()


def table_info(root: Root, name: str) -> TableInfo:
    path = table_path(root, name)
    dt = open_table(root, name)
    if dt is None:
        return TableInfo(name, path, False)
    last = dt.history(1)[0]
    updated = datetime.fromtimestamp(last["timestamp"] / 1000, tz=timezone.utc)
    rows = dataset(dt, root).count_rows()
    return TableInfo(name, path, True, dt.version(), rows, updated)


def all_table_info(root: Root) -> list[TableInfo]:
    loc = TablesLocation.of(root)
    return [table_info(loc, name) for name in TABLES]
