"""The `delta/*` assets' keys, the batch input they share, and the materialisation
of a publish (what every `delta/*` asset returns)."""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations at definition time.
from dagster import AssetIn, AssetKey, MaterializeResult

from pipeline.defs.resources import VnplanPaths
from pipeline.tables.publish import PublishResult

DELTA = "delta"


def delta_key(table: str) -> AssetKey:
    return AssetKey([DELTA, table])


# the ingest batch, the input of every asset that publishes it
BATCH_IN = {"parsed_documents": AssetIn(key=AssetKey("parsed_documents"))}


def published(paths: VnplanPaths, result: PublishResult) -> MaterializeResult:
    info = paths.table_info(result.table)
    meta = {"committed": result.committed, "keys_replaced": result.keys_replaced,
            "rows_written": result.rows_written, "rows": info.rows or 0,
            "path": info.path}
    if result.version is not None:
        meta["version"] = result.version
    return MaterializeResult(metadata=meta)
