"""Dagster assets of the `references` and `agencies` tables.

- `references`: the documents the parsed documents cite (rows of
  `pipeline.tables.rows.references_table`, not linked yet);
- `delta/references` links them to the documents they cite (`cited_doc_id`:
  the published documents overlaid with this run's, `pipeline.tables.links`) and
  publishes them by doc_id; stored rows of other documents whose link changes
  (the cited document arrived in this run) are re-published too;
- `delta/agencies` publishes the agency rows that are new or changed: every
  central body of the registry and every id the batch's `task_agencies` rows
  point to (unknown and collective ones flagged), keyed by agency_id.

`delta/documents` waits for both (it publishes last).
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import pyarrow as pa
from dagster import AssetIn, AssetKey, MaterializeResult, Output, asset

from pipeline.defs.delta import BATCH_IN, published, table_asset
from pipeline.defs.resources import IngestLock, VnplanPaths
from pipeline.models import IngestBatch
from pipeline.tables import links, rows

_DOC_COLUMNS = ["doc_id", "doc_number", "doc_type", "issue_date", "status"]


@asset(group_name="ingest", description="Documents cited by the parsed documents (not linked yet).")
def references(parsed_documents: IngestBatch) -> Output[pa.Table]:
    table = rows.references_table(parsed_documents)
    return Output(table, metadata={"rows": table.num_rows})


@asset(**table_asset("references"),
       ins={**BATCH_IN, "references": AssetIn(key=AssetKey("references"))})
def delta_references(paths: VnplanPaths, ingest_lock: IngestLock, parsed_documents: IngestBatch,
                     references: pa.Table) -> MaterializeResult:
    batch_docs = rows.documents_table(parsed_documents).select(_DOC_COLUMNS).to_pylist()
    stored_docs = paths.read("documents", _DOC_COLUMNS).to_pylist()
    documents = links.merged_documents(stored_docs, batch_docs)
    touched = parsed_documents.document_keys      # documents whose rows this run changes
    numbers = links.number_keys(d for d in stored_docs + batch_docs if d["doc_id"] in touched)
    table, keys = links.references_with_links(references, paths.read("references"), documents,
                                              frozenset(parsed_documents.child_keys), numbers)
    linked = sum(1 for v in table.column("cited_doc_id").to_pylist() if v)
    return published(paths, paths.publish("references", table, keys), last_run_linked=linked,
                     last_run_relinked_documents=len(keys - parsed_documents.child_keys))


@asset(**table_asset("agencies"), ins={"task_agencies": AssetIn(key=AssetKey("task_agencies"))})
def delta_agencies(paths: VnplanPaths, ingest_lock: IngestLock,
                   task_agencies: pa.Table) -> MaterializeResult:
    from extractors.agencies import AgencyRegistry
    table, keys = links.agency_changes(links.first_seen(task_agencies), paths.read("agencies"),
                                       AgencyRegistry.load())
    return published(paths, paths.publish("agencies", table, keys))


REFERENCE_ASSETS = [references, delta_references, delta_agencies]
