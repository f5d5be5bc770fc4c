"""Timelines and charts of the published tasks, written as PNG and SVG under
`<processed>/reports/` (see `pipeline.charts` for the drawing).

- per plan, `<doc number>-timeline.png|svg`: a Gantt timeline of its tasks
  grouped by owner — periods as bars, deadlines (end date only) as a diamond
  on the due date, open-ended tasks (start date only) as a hatched bar running
  off to the right; recurring/ongoing tasks and tasks without dates are listed
  under the chart;
- across plans, `tasks-per-agency.png|svg` (tasks each agency leads) and
  `tasks-per-month.png|svg` (tasks falling due each month).

Owners are the canonical agency names of task_agencies where present, the
mention as written otherwise. Withdrawn documents are left out.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pyarrow as pa

from pipeline.models import DEADLINE, PERIOD, Plan, TaskLine, shape_of
from pipeline.outputs.charts import draw_agency_counts, draw_month_counts, draw_timeline, save
from pipeline.tables.selection import number_key
from pipeline.tables.storage import reports_dir

NO_OWNER = "(không rõ đơn vị chủ trì)"


@dataclass
class ReportResult:
    out_dir: Path
    plans: list[Plan] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"out_dir": str(self.out_dir),
                "plans": [{"doc_number": p.doc_number, "tasks": len(p.tasks),
                           "shapes": dict(Counter(t.shape for t in p.tasks))} for p in self.plans],
                "files": [str(f) for f in self.files]}


def owner_names(agencies: pa.Table) -> dict[str, list[str]]:
    """task_id → its owners' canonical names (the mention where there is none), in order."""
    rows = [r for r in agencies.select(["task_id", "role", "ordinal", "mention",
                                        "canonical_name"]).to_pylist() if r["role"] == "owner"]
    out: dict[str, list[str]] = {}
    for r in sorted(rows, key=lambda r: (r["task_id"], r["ordinal"] or 0)):
        name = r["canonical_name"] or r["mention"]
        if name and name not in out.setdefault(r["task_id"], []):
            out[r["task_id"]].append(name)
    return out


def task_owners(task: Mapping, names: Mapping[str, list[str]]) -> list[str]:
    return names.get(task["task_id"]) or [m for m in task["owner"] or [] if m]


def active_documents(documents: pa.Table) -> dict[str, dict]:
    return {d["doc_id"]: d for d in documents.to_pylist() if d["status"] != "withdrawn"}


def plans(documents: pa.Table, tasks: pa.Table, agencies: pa.Table,
          doc_number: str | None = None) -> list[Plan]:
    """The active documents with tasks (of `doc_number` if given), with their tasks."""
    docs = active_documents(documents)
    if doc_number is not None:
        want = number_key(doc_number)
        docs = {k: d for k, d in docs.items() if number_key(d["doc_number"]) == want}
    names = owner_names(agencies)
    by_doc: dict[str, list[TaskLine]] = {}
    for t in tasks.to_pylist():
        if t["doc_id"] not in docs:
            continue
        owners = task_owners(t, names)
        by_doc.setdefault(t["doc_id"], []).append(TaskLine(
            t["task_id"], t["ordinal"] or 0, t["section"] or "", t["title"] or t["content"] or "",
            "; ".join(owners) or NO_OWNER, t["timing_kind"], t["timing_raw"],
            t["start_date"], t["end_date"]))
    out = []
    for doc_id, lines in by_doc.items():
        d = docs[doc_id]
        out.append(Plan(doc_id, d["doc_number"], d["doc_type"], d["title"], d["issuer"],
                        d["issue_date"], tuple(sorted(lines, key=lambda t: t.ordinal))))
    return sorted(out, key=lambda p: (p.issue_date or date.min, p.doc_number or "", p.doc_id))


def tasks_per_agency(documents: pa.Table, tasks: pa.Table, agencies: pa.Table) -> Counter:
    """Owner name → number of tasks it leads (active documents)."""
    docs = active_documents(documents)
    names = owner_names(agencies)
    counts: Counter = Counter()
    for t in tasks.select(["task_id", "doc_id", "owner"]).to_pylist():
        if t["doc_id"] in docs:
            counts.update(set(task_owners(t, names)) or {NO_OWNER})
    return counts


def tasks_per_month(documents: pa.Table, tasks: pa.Table) -> dict[str, Counter]:
    """Shape (period, deadline) → Counter of the first day of the month tasks fall due."""
    docs = active_documents(documents)
    out: dict[str, Counter] = {PERIOD: Counter(), DEADLINE: Counter()}
    for t in tasks.select(["doc_id", "timing_kind", "start_date", "end_date"]).to_pylist():
        if t["doc_id"] not in docs or t["end_date"] is None:
            continue
        shape = shape_of(t["timing_kind"], t["start_date"], t["end_date"])
        if shape in out:
            out[shape][t["end_date"].replace(day=1)] += 1
    return out


def render_plans(selected: Sequence[Plan], out_dir: Path) -> list[Path]:
    files = []
    for plan in selected:
        files += save(draw_timeline(plan), out_dir / f"{plan.slug}-timeline")
    return files


def render_overview(documents: pa.Table, tasks: pa.Table, agencies: pa.Table,
                    out_dir: Path) -> list[Path]:
    return (save(draw_agency_counts(tasks_per_agency(documents, tasks, agencies)),
                 out_dir / "tasks-per-agency")
            + save(draw_month_counts(tasks_per_month(documents, tasks)),
                   out_dir / "tasks-per-month"))


EMBED_WIDTH = 900            # pixels of a chart embedded in an asset page


def data_uri(path: Path, max_width: int = EMBED_WIDTH) -> str:
    """A PNG as a `data:` URI, scaled down to `max_width` pixels (an asset page
    shows it inline; the file keeps its full size)."""
    import base64
    import io

    from PIL import Image
    with Image.open(path) as im:
        if im.width > max_width:
            im = im.resize((max_width, round(im.height * max_width / im.width)))
        buf = io.BytesIO()
        im.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def current_charts(out_dir: Path, timelines: int = 2) -> list[Path]:
    """The charts as they are now: the overview charts, then the newest timelines."""
    overview = [out_dir / f"{name}.png" for name in ("tasks-per-agency", "tasks-per-month")]
    plans = sorted(out_dir.glob("*-timeline.png"), key=lambda p: (-p.stat().st_mtime, p.name))
    return [p for p in overview if p.is_file()] + plans[:timelines]


def charts_markdown(files: Sequence[Path]) -> str:
    """The charts as markdown images (inline data), each under its file's path."""
    return "\n".join(f"**{f.stem}** (`{f}`)\n\n![{f.stem}]({data_uri(f)})\n" for f in files) \
        or "no chart yet"


def report(snapshot, doc_numbers: Iterable[str] = (), *, all_plans: bool = False,
           out_dir: Path | None = None, overview: bool = True) -> ReportResult:
    """Render the timelines of the plans numbered `doc_numbers` (every plan with
    `all_plans`) and the overview charts, from a `tables.Snapshot`."""
    documents, tasks = snapshot.table("documents"), snapshot.table("tasks")
    agencies = snapshot.table("task_agencies")
    out_dir = out_dir or reports_dir(snapshot.processed)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ReportResult(out_dir)
    if all_plans:
        result.plans = plans(documents, tasks, agencies)
    for number in doc_numbers:
        found = plans(documents, tasks, agencies, number)
        if not found:
            known = sorted({p.doc_number for p in plans(documents, tasks, agencies)
                            if p.doc_number})
            raise LookupError(f"no active plan with tasks has number {number!r}"
                              + (f" (plans: {', '.join(known[:12])}"
                                 f"{', ...' if len(known) > 12 else ''})" if known
                                 else " (no plan with tasks is published yet)"))
        result.plans += found
    result.files += render_plans(result.plans, out_dir)
    if overview:
        result.files += render_overview(documents, tasks, agencies, out_dir)
    return result
