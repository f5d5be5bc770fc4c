"""The `delta/document_quality` asset: one quality row per parsed document
(`pipeline.tables.quality`), replacing rows by doc_id like the other child
tables (`delta/documents` waits for it); its page shows the quality of the
active documents as the table holds them (after every run, one that parsed
nothing included): mean and worst score, and each document worst first with
its sections, tasks by shape, owner and timing shares, unknown agencies,
unparsed lines, OCR confidence, warnings and a link to its review page.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dagster import AssetIn, AssetKey, MaterializeResult, MetadataValue, asset

from pipeline.defs.delta import BATCH_IN, published, table_asset
from pipeline.defs.resources import IngestLock, VnplanPaths
from pipeline.models import IngestBatch
from pipeline.tables import describe, links, rows


@asset(**table_asset("document_quality"),
       ins={**BATCH_IN, "task_agencies": AssetIn(key=AssetKey("task_agencies"))})
def delta_document_quality(paths: VnplanPaths, ingest_lock: IngestLock,
                           parsed_documents: IngestBatch, task_agencies) -> MaterializeResult:
    table = rows.quality_table(parsed_documents)     # built with its task_agencies rows
    result = paths.publish("document_quality", table, parsed_documents.child_keys)
    documents = links.merged_documents(       # as they stand once `delta/documents` publishes
        paths.read("documents", describe.DOCUMENT_COLUMNS).to_pylist(),
        rows.documents_table(parsed_documents).select(describe.DOCUMENT_COLUMNS).to_pylist())
    state = describe.quality_state(paths.location(), paths.reviews_path(), documents)
    return published(paths, result, **{**state, "quality": MetadataValue.md(state["quality"])},
                     last_run_documents=table.num_rows)


QUALITY_ASSETS = [delta_document_quality]
