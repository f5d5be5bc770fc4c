"""The `delta/document_quality` asset: one quality row per parsed document
(`pipeline.tables.quality`), replacing rows by doc_id like the other child
tables (`delta/documents` waits for it); its materialisation metadata holds the
batch's quality: sections, tasks by shape, owner and timing shares, unknown
agencies, unparsed lines, OCR confidence, warnings, scores, worst first.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dagster import AssetIn, AssetKey, MaterializeResult, MetadataValue, asset

from pipeline.defs.delta import BATCH_IN, delta_key, published
from pipeline.defs.resources import IngestLock, VnplanPaths
from pipeline.models import IngestBatch
from pipeline.tables import quality, rows


@asset(key=delta_key("document_quality"), group_name="published",
       ins={**BATCH_IN, "task_agencies": AssetIn(key=AssetKey("task_agencies"))},
       description="Import quality per document: sections, tasks by shape, owners, timings, "
                   "unknown agencies, unparsed lines, OCR, warnings, score.")
def delta_document_quality(paths: VnplanPaths, ingest_lock: IngestLock,
                           parsed_documents: IngestBatch, task_agencies) -> MaterializeResult:
    table = rows.quality_table(parsed_documents)     # built with its task_agencies rows
    result = published(paths, paths.publish("document_quality", table,
                                            parsed_documents.child_keys))
    summary = quality.summary_metadata(table.to_pylist())
    summary["quality"] = MetadataValue.md(summary["quality"])
    return MaterializeResult(metadata={**result.metadata, **summary})


QUALITY_ASSETS = [delta_document_quality]
