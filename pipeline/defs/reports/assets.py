"""The `reports` asset: after the tables are published, the timelines of the
plans this run added or replaced (all of them on the first run) and the
overview charts (`pipeline.outputs.reports`), into <processed>/reports/. Its
page shows the charts as they are now (after a run that changed nothing too):
the overview charts and the newest timelines as images, and their folder.
"""

# No `from __future__ import annotations`: Dagster reads the parameter
# annotations (config, resources) at definition time.
from dagster import MaterializeResult, MetadataValue, asset

from pipeline.defs.delta import BATCH_IN, delta_key
from pipeline.defs.resources import VnplanPaths
from pipeline.models import IngestBatch

EMBEDDED_TIMELINES = 2          # plan timelines shown inline in the UI


@asset(group_name="reports", ins=BATCH_IN,
       deps=[delta_key("documents"), delta_key("document_quality")],
       description="Gantt timelines of the plans and charts of tasks per agency and per month "
                   "(PNG and SVG in the reports folder beside the tables); the page shows "
                   "them as they are now.")
def reports(paths: VnplanPaths, parsed_documents: IngestBatch) -> MaterializeResult:
    from pipeline.outputs import reports as charts
    from pipeline.tables.reading import Snapshot
    out_dir = paths.reports_path()
    first = not (out_dir / "tasks-per-agency.png").exists()
    rendered = 0
    if first or parsed_documents.document_keys:
        snap = Snapshot.at(paths.tables_root(), [], None)
        documents, tasks = snap.table("documents"), snap.table("tasks")
        agencies = snap.table("task_agencies")
        plans = [p for p in charts.plans(documents, tasks, agencies)
                 if first or p.doc_id in parsed_documents.child_keys]
        files = charts.render_plans(plans, out_dir)
        rendered = len(files + charts.render_overview(documents, tasks, agencies, out_dir))
    shown = charts.current_charts(out_dir, EMBEDDED_TIMELINES)
    return MaterializeResult(metadata={
        "last_run_rendered": rendered,
        "timelines": len(list(out_dir.glob("*-timeline.png"))),
        "out_dir": MetadataValue.path(str(out_dir)),
        "tasks_per_agency": MetadataValue.path(str(out_dir / "tasks-per-agency.png")),
        "charts": MetadataValue.md(charts.charts_markdown(shown)),
    })


REPORT_ASSETS = [reports]
