"""The `reports` asset: after the tables are published, the timelines of the
plans this run added or replaced (all of them on the first run) and the
overview charts (`pipeline.outputs.reports`), into <processed>/reports/; its
metadata embeds the PNGs.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
import base64
from pathlib import Path

from dagster import MaterializeResult, MetadataValue, asset

from pipeline.defs.delta import BATCH_IN, delta_key
from pipeline.defs.resources import VnplanPaths
from pipeline.models import IngestBatch

EMBEDDED_TIMELINES = 2          # plan timelines shown inline in the UI per run


def _png_markdown(title: str, path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"**{title}** (`{path}`)\n\n![{title}](data:image/png;base64,{data})\n"


@asset(group_name="reports", ins=BATCH_IN,
       deps=[delta_key("documents"), delta_key("document_quality")],
       description="Gantt timelines of the plans and charts of tasks per agency and per month "
                   "(PNG and SVG under <processed>/reports/).")
def reports(paths: VnplanPaths, parsed_documents: IngestBatch) -> MaterializeResult:
    from pipeline.outputs import reports as charts_data
    from pipeline.tables.reading import Snapshot
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


REPORT_ASSETS = [reports]
