"""What an asset page says of a published table as it stands (not of the last
run): its version, rows, last update, declared columns; for `document_quality`
the mean and worst score of the active documents; for `documents` each
document with a link to its review page. Plain values (no Dagster): the
`pipeline.defs` assets turn them into metadata, after every run, one that
changed nothing included.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Mapping

from pipeline.tables import publish
from pipeline.tables.quality import summary_metadata
from pipeline.tables.schemas import TABLES, WITHDRAWN

Root = "str | Path"


def table_state(root, name: str) -> dict:
    """version, rows, updated (UTC datetime or None), path of table `name`."""
    info = publish.table_info(root, name)
    return {"version": info.version, "rows": info.rows or 0, "updated": info.updated,
            "path": info.path}


def columns(name: str) -> list[dict]:
    """The declared columns: name, Arrow type, Vietnamese header and description,
    nullable, allowed codes (the asset's column schema)."""
    return [{"name": c.name, "type": str(c.type), "description": f"{c.header}: {c.description}",
             "nullable": not c.key, "codes": sorted(c.codes) if c.codes is not None else None}
            for c in TABLES[name].columns]


def description(name: str) -> str:
    spec = TABLES[name]
    return (f"Delta table `{name}` (sheet {spec.sheet!r} of the workbook export): "
            f"{spec.description} Key: `{spec.key}`; {len(spec.columns)} columns declared in "
            "pipeline/tables/schemas.py (the Columns tab).")


def review_links(review_dir: Path, documents: list[dict]) -> dict[str, str]:
    """doc_id → file:// URL of its review page, for the pages that exist."""
    from pipeline.tables.storage import review_page_name as page_name
    out = {}
    for d in documents:
        page = review_dir / page_name(d.get("doc_number"), d["doc_id"])
        if page.is_file():
            out[d["doc_id"]] = page.resolve().as_uri()
    return out


DOCUMENT_COLUMNS = ["doc_id", "doc_number", "doc_type", "issue_date", "title", "n_tasks", "status"]


def _active(root, documents: list[dict] | None = None) -> list[dict]:
    if documents is None:
        documents = publish.read_table(root, "documents", columns=DOCUMENT_COLUMNS).to_pylist()
    return [d for d in documents if d["status"] != WITHDRAWN]


def quality_state(root, review_dir: Path, documents: list[dict] | None = None) -> dict:
    """The quality of the active documents as the table holds it: count, tasks,
    mean and worst score, a markdown table worst first with review links.
    `documents`: the documents rows as they will stand after this run (the
    `documents` table is published last, after `document_quality`)."""
    active = _active(root, documents)
    ids = {d["doc_id"] for d in active}
    rows = [r for r in TABLES["document_quality"].conform(
        publish.read_table(root, "document_quality")).to_pylist() if r["doc_id"] in ids]
    return summary_metadata(rows, review_links(review_dir, active))


def documents_markdown(root, review_dir: Path, limit: int = 200) -> str:
    """The active documents, newest first, each with its review page."""
    active = sorted(_active(root), key=lambda d: (d["issue_date"] or date.min, d["doc_id"]),
                    reverse=True)
    links = review_links(review_dir, active)
    lines = ["| number | type | issued | tasks | review | title |", "|---|---|---|---:|---|---|"]
    for d in active[:limit]:
        page = f"[page]({links[d['doc_id']]})" if d["doc_id"] in links else "-"
        title = (d["title"] or "").replace("|", "/")[:90]
        lines.append(f"| {d['doc_number'] or '(no number)'} | {d['doc_type'] or ''} | "
                     f"{d['issue_date'] or ''} | {d['n_tasks'] or 0} | {page} | {title} |")
    more = len(active) - limit
    return "\n".join(lines) + (f"\n\n… and {more} more" if more > 0 else "") if active \
        else "no document yet"


def run_counts(result: Mapping) -> dict:
    """What the last run did to the table (beside what the table holds)."""
    return {"last_run_committed": result["committed"],
            "last_run_keys_replaced": result["keys_replaced"],
            "last_run_rows_written": result["rows_written"]}
