"""The `delta/*` assets' keys, the batch input they share, and what their pages
show: the table as it stands after every run (one that changed nothing
included): its version, rows, last update, path, its declared columns as
Dagster's column schema (`dagster/column_schema`, on the definition too, so the
Columns tab is filled before the first run), a description, the folder of the
review pages; and what the last run did to it (`last_run_*`).
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations at definition time.
from dagster import (AssetIn, AssetKey, MaterializeResult, MetadataValue, TableColumn,
                     TableColumnConstraints, TableSchema)

from pipeline.defs.resources import VnplanPaths
from pipeline.tables import describe
from pipeline.tables.publish import PublishResult

DELTA = "delta"
COLUMN_SCHEMA, ROW_COUNT = "dagster/column_schema", "dagster/row_count"


def delta_key(table: str) -> AssetKey:
    return AssetKey([DELTA, table])


# the ingest batch, the input of every asset that publishes it
BATCH_IN = {"parsed_documents": AssetIn(key=AssetKey("parsed_documents"))}


def column_schema(table: str) -> TableSchema:
    """The declared columns of `table` as a Dagster table schema."""
    return TableSchema(columns=[
        TableColumn(name=c["name"], type=c["type"], description=c["description"],
                    constraints=TableColumnConstraints(
                        nullable=c["nullable"],
                        other=[f"codes: {', '.join(c['codes'])}"] if c["codes"] else []))
        for c in describe.columns(table)])


def table_asset(table: str) -> dict:
    """The `@asset` arguments of the asset that publishes `table`."""
    return {"key": delta_key(table), "group_name": "published",
            "description": describe.description(table),
            "metadata": {COLUMN_SCHEMA: column_schema(table)}}


def table_metadata(paths: VnplanPaths, table: str) -> dict:
    """The table as it stands, as Dagster metadata."""
    state = describe.table_state(paths.location(), table)
    meta = {"rows": state["rows"], ROW_COUNT: state["rows"], "path": MetadataValue.path(
        state["path"]), COLUMN_SCHEMA: column_schema(table),
        "review_pages": MetadataValue.path(str(paths.reviews_path()))}
    if state["version"] is not None:
        meta["version"] = state["version"]
    if state["updated"] is not None:
        meta["updated"] = MetadataValue.timestamp(state["updated"])
    return meta


def published(paths: VnplanPaths, result: PublishResult, **more) -> MaterializeResult:
    """The materialisation of a publish: the table as it stands, what this run
    did to it, and `more` metadata."""
    done = describe.run_counts({"committed": result.committed,
                                "keys_replaced": result.keys_replaced,
                                "rows_written": result.rows_written})
    return MaterializeResult(metadata={**table_metadata(paths, result.table), **done, **more})
