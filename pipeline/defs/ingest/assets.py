"""Dagster assets: raw files → parsed documents → table rows → Delta tables.

One run processes the whole batch (no run per document). Each body reads
through the `paths` resource, calls a pure function and returns the value with
metadata. The `delta/*` assets publish; `delta/documents` runs last, so a run
that fails (or is killed) midway leaves the documents table unchanged and the
next run parses the same files again (the child publishes are idempotent
replacements). Each publish is one Delta commit: a table is at its previous
version or its next, never in between.

`parsed_documents` is a graph (`parsed_documents_asset(shards)`): `plan_ingest`
compares the raw files with the published state and deals the content to
parse into `shards` parts, each part is parsed by its own `parse_<i>` step (so
an executor can spread them over processes or Dask workers; the results go
through the IO manager) into rows, not documents (`pipeline.ingest.gather`: the
workers send back each document's rows, gathered into one Arrow table per
child table, so a run never holds its parsed documents), and
`assemble_batch` fans them in to the one batch
that every table is published from (one step per table: no two steps write
the same table). The fan-out is static (a shard count fixed when the
definitions are built), not a DynamicOut: dagster-dask runs a static plan
level by level and does not resolve dynamic outputs.

Parsing runs in worker processes with a time and a memory limit per document
(`pipeline.ingest.worker`). Every step that reads the published state or publishes
holds `ingest_lock` (`pipeline.ingest.lock`): with the in-process executor for the
whole run, so two ingests never interleave; the parse steps never take it.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import os
import socket
from datetime import datetime, timezone

import pyarrow as pa
from dagster import (AssetExecutionContext, AssetIn, AssetKey, Config, In, MaterializeResult,
                     MetadataValue, Out, Output, asset, graph_asset, op)

from pipeline.defs.delta import BATCH_IN, delta_key, published, table_asset
from pipeline.defs.resources import IngestLock, VnplanPaths
from pipeline.ingest.gather import RowsParser
from pipeline.ingest.plan import finish_batch, parse_results, plan_batch
from pipeline.ingest.worker import parser_for
from pipeline.models import IngestBatch, IngestPlan, ParsedShard, RawFile
from pipeline.outputs.progress import expect, track
from pipeline.tables import describe, rows


class IngestConfig(Config):
    force: bool = False      # re-parse every file, even content already published


def load_extractor():
    """`extractors.extract.extract`, imported when a run needs it (loading the
    definitions for the UI or a sensor tick does not load the NLP stack); an
    extractor that fails to import fails the run instead of rejecting every file."""
    from extractors.extract import extract
    return extract


@asset(group_name="ingest", description="Every raw file: path, content hash, format, size.")
def raw_documents(paths: VnplanPaths) -> Output[list[RawFile]]:
    files = paths.scan_raw()
    return Output(files, metadata={"files": len(files), "bytes": sum(f.size for f in files),
                                   "raw_dir": str(paths.raw_path())})


def _plan_op(shards: int):
    @op(name="plan_ingest",
        out={"plan": Out(IngestPlan), **{f"shard_{i}": Out(tuple) for i in range(shards)}},
        description="Compare the raw files with the published state; the content to parse, "
                    "dealt into shards.")
    def plan_ingest(config: IngestConfig, paths: VnplanPaths, ingest_lock: IngestLock,
                    raw_documents: list[RawFile]):
        plan = plan_batch(paths.raw_path(), raw_documents, paths.published_state(),
                          datetime.now(timezone.utc), force=config.force)
        expect(len(plan.to_parse))         # the progress bar counts the work to do
        yield Output(plan, "plan", metadata={"to_parse": len(plan.to_parse)})
        for i, part in enumerate(plan.shards(shards)):
            yield Output(part, f"shard_{i}", metadata={"files": len(part)})
    return plan_ingest


@op(description="Parse one shard of the files in the parse workers, each document "
                "returned as its rows (and its review page written).")
def parse_shard(paths: VnplanPaths, shard: tuple) -> Output[ParsedShard]:
    with parser_for(RowsParser(load_extractor(), str(paths.reviews_path()))) as parse:
        parsed = parse_results(track(parse), shard)
    return Output(parsed, metadata={"files": len(shard), "pid": os.getpid(),
                                    "host": socket.gethostname()})


def _assemble_op(shards: int):
    # one input per shard, not a fan-in list: dagster-dask hands each step the
    # plan's initial known state, in which a fan-in finds no upstream output ready
    @op(name="assemble_batch",
        ins={"plan": In(IngestPlan), **{f"part_{i}": In(ParsedShard) for i in range(shards)}},
        description="The parse results of every shard, compared with the published state.")
    def assemble_batch(plan: IngestPlan, **parts) -> Output[IngestBatch]:
        batch = finish_batch(plan, [parts[f"part_{i}"] for i in range(shards)])
        return Output(batch, metadata={**batch.summary, "rejected_files": MetadataValue.json(
            list(batch.rejected_files))})
    return assemble_batch


def parsed_documents_asset(shards: int = 1):
    """The `parsed_documents` graph with `shards` parse steps."""
    shards = max(1, shards)
    plan_ingest, assemble_batch = _plan_op(shards), _assemble_op(shards)

    @graph_asset(name="parsed_documents", group_name="ingest",
                 description="New or changed content parsed; withdrawn and replaced documents "
                             "decided.")
    def parsed_documents(raw_documents):
        plan, *parts = plan_ingest(raw_documents)
        results = {f"part_{i}": parse_shard.alias(f"parse_{i}")(part)
                   for i, part in enumerate(parts)}
        return assemble_batch(plan, **results)
    return parsed_documents


def _rows(table: pa.Table) -> Output[pa.Table]:
    return Output(table, metadata={"rows": table.num_rows})


@asset(group_name="ingest", description="Section-tree rows of the parsed documents.")
def sections(parsed_documents: IngestBatch) -> Output[pa.Table]:
    return _rows(rows.sections_table(parsed_documents))


@asset(group_name="ingest", description="Task rows of the parsed documents.")
def tasks(parsed_documents: IngestBatch) -> Output[pa.Table]:
    return _rows(rows.tasks_table(parsed_documents))


@asset(group_name="ingest", description="One row per owner/partner mention, with its agency.")
def task_agencies(parsed_documents: IngestBatch) -> Output[pa.Table]:
    return _rows(rows.task_agencies_table(parsed_documents))


@asset(**table_asset("sections"), ins={**BATCH_IN, "sections": AssetIn(key=AssetKey("sections"))})
def delta_sections(paths: VnplanPaths, ingest_lock: IngestLock, parsed_documents: IngestBatch,
                   sections: pa.Table) -> MaterializeResult:
    return published(paths, paths.publish("sections", sections, parsed_documents.child_keys))


@asset(**table_asset("tasks"), ins={**BATCH_IN, "tasks": AssetIn(key=AssetKey("tasks"))})
def delta_tasks(paths: VnplanPaths, ingest_lock: IngestLock, parsed_documents: IngestBatch,
                tasks: pa.Table) -> MaterializeResult:
    return published(paths, paths.publish("tasks", tasks, parsed_documents.child_keys))


@asset(**table_asset("task_agencies"), ins={**BATCH_IN, "task_agencies": AssetIn(key=AssetKey("task_agencies"))})
def delta_task_agencies(paths: VnplanPaths, ingest_lock: IngestLock, parsed_documents: IngestBatch,
                        task_agencies: pa.Table) -> MaterializeResult:
    return published(paths, paths.publish("task_agencies", task_agencies,
                                           parsed_documents.child_keys))


@asset(**table_asset("rejects"), ins=BATCH_IN)
def delta_rejects(paths: VnplanPaths, ingest_lock: IngestLock,
                  parsed_documents: IngestBatch) -> MaterializeResult:
    return published(paths, paths.publish("rejects", rows.rejects_table(parsed_documents),
                                           parsed_documents.reject_keys))


@asset(**table_asset("documents"), ins=BATCH_IN,
       deps=[delta_key(t) for t in ("sections", "tasks", "task_agencies", "rejects",
                                  "document_quality", "references", "agencies")])
def delta_documents(paths: VnplanPaths, ingest_lock: IngestLock,
                    parsed_documents: IngestBatch) -> MaterializeResult:
    result = paths.publish("documents", rows.documents_table(parsed_documents),
                           parsed_documents.document_keys)
    return published(paths, result, documents=MetadataValue.md(
        describe.documents_markdown(paths.location(), paths.reviews_path())))


@asset(**table_asset("runs"), ins=BATCH_IN, deps=[delta_key("documents")])
def delta_runs(context: AssetExecutionContext, paths: VnplanPaths, ingest_lock: IngestLock,
               parsed_documents: IngestBatch) -> MaterializeResult:
    return published(paths, paths.record_run(context.run.run_id, parsed_documents,
                                             datetime.now(timezone.utc)))


def ingest_assets(shards: int = 1) -> list:
    return [raw_documents, parsed_documents_asset(shards), sections, tasks, task_agencies,
            delta_sections, delta_tasks, delta_task_agencies, delta_rejects, delta_documents,
            delta_runs]
