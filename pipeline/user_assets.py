"""Dagster assets for the people who use the tables: the `document_quality`
table and the `reports` charts.

- `delta/document_quality` publishes one quality row per parsed document
  (`pipeline.quality`), replacing rows by doc_id like the other child tables
  (`delta/documents` waits for it); its materialisation metadata holds the
  batch's quality: sections, tasks by shape, owner and timing shares, unknown
  agencies, unparsed lines, OCR confidence, warnings, scores, worst first.
- `reports` draws, after the tables are published, the timelines of the plans
  this run added or replaced (all of them on the first run) and the overview
  charts, into <processed>/reports/; its metadata embeds the PNGs.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import base64
from pathlib import Path

from dagster import AssetIn, AssetKey, MaterializeResult, MetadataValue, asset

from pipeline import quality, rows
from pipeline.assets import _BATCH, _published, delta_key
from pipeline.ingest import IngestBatch
from pipeline.lock import IngestLock
from pipeline.resources import VnplanPaths

EMBEDDED_TIMELINES = 2          # plan timelines shown inline in the UI per run


@asset(key=delta_key("document_quality"), group_name="published",
       ins={**_BATCH, "task_agencies": AssetIn(key=AssetKey("task_agencies"))},
       description="Import quality per document: sections, tasks by shape, owners, timings, "
                   "unknown agencies, unparsed lines, OCR, warnings, score.")
def delta_document_quality(paths: VnplanPaths, ingest_lock: IngestLock,
                           parsed_documents: IngestBatch, task_agencies) -> MaterializeResult:
    table = rows.quality_table(parsed_documents)     # built with its task_agencies rows
    published = _published(paths, paths.publish("document_quality", table,
                                                 parsed_documents.child_keys))
    summary = quality.summary_metadata(table.to_pylist())
    summary["quality"] = MetadataValue.md(summary["quality"])
    return MaterializeResult(metadata={**published.metadata, **summary})


def _png_markdown(title: str, path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"**{title}** (`{path}`)\n\n![{title}](data:image/png;base64,{data})\n"


@asset(group_name="reports", ins=_BATCH,
       deps=[delta_key("documents"), delta_key("document_quality")],
       description="Gantt timelines of the plans and charts of tasks per agency and per month "
                   "(PNG and SVG under <processed>/reports/).")
def reports(paths: VnplanPaths, parsed_documents: IngestBatch) -> MaterializeResult:
    from pipeline import reports as charts_data
    from pipeline.tables import Snapshot
    snap = Snapshot.at(paths.tables_root(), [], None)
    out_dir = paths.reports_path()
    first = not (out_dir / "tasks-per-agency.png").exists()
    if not first and not parsed_documents.document_keys:
        return MaterializeResult(metadata={"rendered": 0, "out_dir": MetadataValue.path(
            str(out_dir)), "note": "no document changed: charts kept"})
    documents, tasks = snap.table("documents"), snap.table("tasks")
    agencies = snap.table("task_agencies")
    changed = parsed_documents.child_keys
    plans = [p for p in charts_data.plans(documents, tasks, agencies)
             if first or p.doc_id in changed]
    files = charts_data.render_plans(plans, out_dir)
    files += charts_data.render_overview(documents, tasks, agencies, out_dir)
    pngs = [f for f in files if f.suffix == ".png"]
    overview = [f for f in pngs if not f.name.endswith("-timeline.png")]
    timelines = [f for f in pngs if f.name.endswith("-timeline.png")]
    md = "".join(_png_markdown(f.stem, f) for f in overview + timelines[:EMBEDDED_TIMELINES])
    return MaterializeResult(metadata={
        "rendered": len(files), "timelines": len(timelines),
        "out_dir": MetadataValue.path(str(out_dir)),
        "tasks_per_agency": MetadataValue.path(str(out_dir / "tasks-per-agency.png")),
        "charts": MetadataValue.md(md),
    })


USER_ASSETS = [delta_document_quality, reports]
