"""The subcommands for the people who use the tables: `export`, `report`,
`quality`, `status`.

`pipeline.cli.main` calls `add_user_subcommands(subparsers)`. As in
`pipeline.cli.ingest`, each sets `func` to `(args) -> int`: a user's mistake
prints one line on stderr and exits 2, a failure exits 1, no traceback.
`--json` prints one JSON object on stdout and nothing else.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from pipeline.outputs.progress import Progress, add_output_flags, mode_for
from pipeline.tables import reading as tables_api
from pipeline.tables.schemas import TABLES
from pipeline.tables.selection import Selection

USAGE_ERROR, RUN_ERROR = 2, 1
ALL = "all"


class UsageError(Exception):
    pass


def _processed_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--processed", metavar="DIR",
                   help="tables folder (default: $VNPLAN_PROCESSED_DIR or data/processed)")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def add_user_subcommands(subparsers) -> None:
    e = subparsers.add_parser(
        "export", help="write tables to XLSX, CSV, JSON Lines or Parquet",
        description="Export published tables (at a version, filtered) to a file. Several "
                    "tables go into one workbook; for csv/jsonl/parquet --out is then a folder.")
    e.add_argument("tables", nargs="+", metavar="TABLE", choices=[*TABLES, ALL],
                   help=f"{', '.join(TABLES)} or all")
    e.add_argument("--version", type=int, metavar="N",
                   help="table version (see `vnplan tables`); default: the latest")
    e.add_argument("--format", choices=["xlsx", "csv", "jsonl", "parquet"],
                   help="default: from --out's extension, else xlsx")
    e.add_argument("--out", metavar="FILE", help="file (or folder), '-' for stdout (csv, jsonl)")
    _processed_flag(e)
    e.add_argument("--issuer", help="documents whose issuer contains this")
    e.add_argument("--doc-number", help="documents of this number, e.g. 161/KH-UBND")
    e.add_argument("--agency", help="tasks naming this body (owner or partner, as written or "
                                    "canonical name)")
    e.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE",
                   help="tasks whose dates reach DATE or later; documents issued from DATE")
    e.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE",
                   help="tasks whose dates start by DATE; documents issued until DATE")
    add_output_flags(e)
    e.set_defaults(func=cmd_export)

    r = subparsers.add_parser(
        "report", help="timelines of plans and charts across plans (PNG and SVG)",
        description="Draw the Gantt timeline of each plan named (by document number) and the "
                    "charts of tasks per agency and per month, into <processed>/reports/.")
    r.add_argument("doc_numbers", nargs="*", metavar="DOC_NUMBER", help="e.g. 161/KH-UBND")
    r.add_argument("--all", action="store_true", help="a timeline for every plan")
    r.add_argument("--out", metavar="DIR", help="default: <processed>/reports")
    _processed_flag(r)
    add_output_flags(r)
    r.set_defaults(func=cmd_report)

    q = subparsers.add_parser("quality", help="import quality per document, worst first")
    _processed_flag(q)
    q.add_argument("--limit", type=int, metavar="N", help="only the N worst documents")
    q.add_argument("--json", action="store_true", help="print JSON on stdout")
    q.set_defaults(func=cmd_quality)

    s = subparsers.add_parser(
        "status", help="overdue, due soon, later, ongoing, no deadline: per agency",
        description="Classify tasks on a day as overdue, due within 30 days, due later, "
                    "ongoing (recurring) or without a deadline, per agency.")
    s.add_argument("--as-of", type=_iso_date, metavar="DATE", help="the day (default: today)")
    s.add_argument("--agency", help="only this body; lists its tasks too")
    s.add_argument("--role", choices=["owner", "partner", "all"], default="owner",
                   help="count the owners (default), the partners, or both")
    s.add_argument("--doc-number", help="only the tasks of this document")
    _processed_flag(s)
    s.add_argument("--json", action="store_true", help="print JSON on stdout")
    s.set_defaults(func=cmd_status)


def _fail(command: str, message: str, code: int) -> int:
    print(f"vnplan {command}: {message}", file=sys.stderr)
    return code


def _root(args: argparse.Namespace) -> Path | str:
    root = tables_api.root(args.processed)
    if isinstance(root, Path) and not root.is_dir():
        raise UsageError(f"{root}: no such directory (run `vnplan ingest` first)")
    return root


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


def _run(command: str, body, args: argparse.Namespace) -> int:
    try:
        return body(args)
    except UsageError as e:
        return _fail(command, str(e), USAGE_ERROR)
    except (ValueError, LookupError) as e:
        return _fail(command, str(e).strip("'\""), USAGE_ERROR)
    except OSError as e:
        return _fail(command, f"{e.filename or ''}: {e.strerror or e}", RUN_ERROR)


# --- export ---------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    return _run("export", _export, args)


def _export(args: argparse.Namespace) -> int:
    from pipeline.outputs.exports import FORMATS, STDOUT, export
    names = list(TABLES) if ALL in args.tables else args.tables
    fmt = args.format
    if fmt is None and args.out and args.out != STDOUT:
        suffix = Path(args.out).suffix.lstrip(".").lower()
        fmt = suffix if suffix in FORMATS else None
    fmt = fmt or ("jsonl" if args.out == STDOUT else "xlsx")
    if args.json and args.out == STDOUT:
        raise UsageError("--json and --out - both write stdout")
    root = _root(args)
    sel = Selection.of(issuer=args.issuer, doc_number=args.doc_number, agency=args.agency,
                       date_from=args.date_from, date_to=args.date_to)
    files = 1 if fmt == "xlsx" or len(names) == 1 else len(names)
    mode = "off" if args.out == STDOUT else mode_for(args)
    progress = Progress("export", len(names) + files, mode=mode)
    try:
        result = export(names, fmt=fmt, version=args.version, out=args.out, processed=root,
                        selection=sel, progress=progress)
    finally:
        progress.close()
    if args.json:
        _print_json(result.as_dict())
    elif not args.quiet and args.out != STDOUT:
        parts = [f"{e.name} v{e.version if e.version is not None else '-'} "
                 f"({e.table.num_rows} rows)" for e in result.tables]
        print(f"exported {', '.join(parts)} as {fmt}")
        for f in result.files:
            print(f"  → {f}  ({f.stat().st_size:,} bytes)")
        if not sel.empty:
            print(f"  filters: {sel.describe()}")
    return 0


# --- report ---------------------------------------------------------------------

def cmd_report(args: argparse.Namespace) -> int:
    return _run("report", _report, args)


def _report(args: argparse.Namespace) -> int:
    from pipeline.outputs.reports import report
    root = _root(args)
    progress = Progress("report", None, mode=mode_for(args))
    progress.note("drawing " + (", ".join(args.doc_numbers) or "the overview charts")
                  + (" and every plan" if args.all else ""))
    snap = tables_api.Snapshot.at(root, [], None)
    result = report(snap, args.doc_numbers, all_plans=args.all,
                    out_dir=Path(args.out) if args.out else None)
    if args.json:
        _print_json(result.as_dict())
    elif not args.quiet:
        for p in result.plans:
            shapes = ", ".join(f"{v} {k}" for k, v in sorted(_count_shapes(p).items()))
            print(f"{p.doc_number or p.doc_id[:12]}: {len(p.tasks)} tasks ({shapes})")
        for f in result.files:
            print(f"  → {f}")
    return 0


def _count_shapes(plan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in plan.tasks:
        counts[t.shape] = counts.get(t.shape, 0) + 1
    return counts


# --- quality --------------------------------------------------------------------

def cmd_quality(args: argparse.Namespace) -> int:
    return _run("quality", _quality, args)


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _quality(args: argparse.Namespace) -> int:
    from pipeline.tables.quality import worst_first
    root = _root(args)
    snap = tables_api.Snapshot.at(root, [], None)
    active = {d["doc_id"] for d in snap.table("documents").select(["doc_id", "status"]).to_pylist()
              if d["status"] != "withdrawn"}
    rows = [r for r in snap.table("document_quality").to_pylist() if r["doc_id"] in active]
    unmeasured = len(active - {r["doc_id"] for r in rows})
    ranked = worst_first(rows)[: args.limit] if args.limit else worst_first(rows)
    if args.json:
        _print_json({"documents": ranked, "unmeasured": unmeasured})
        return 0
    print(f"{'score':>5} {'tasks':>5} {'i/t/p':>9} {'owner':>5} {'timing':>6} {'unknown':>7} "
          f"{'unparsed':>8} {'ocr':>4} {'warn':>4}  document")
    for r in ranked:
        shapes = f"{r['tasks_inline']}/{r['tasks_table']}/{r['tasks_prose']}"
        ocr = "-" if r["ocr_confidence"] is None else f"{r['ocr_confidence']:.0f}"
        print(f"{r['score']:>5.1f} {r['n_tasks']:>5} {shapes:>9} {_pct(r['owner_share']):>5} "
              f"{_pct(r['timing_share']):>6} {r['unknown_agencies']:>7} {r['unparsed_lines']:>8} "
              f"{ocr:>4} {r['n_warnings']:>4}  {r['doc_number'] or '(no number)'}  "
              f"{r['file_name']}")
        if r["unknown_agency_names"]:
            print(f"{'':>12}unknown: {'; '.join(r['unknown_agency_names'][:5])}")
    if unmeasured:
        print(f"{unmeasured} active documents have no quality row "
              "(ingested before it existed: `vnplan ingest --force`)")
    return 0


# --- status ---------------------------------------------------------------------

def cmd_status(args: argparse.Namespace) -> int:
    return _run("status", _status, args)


_HEADS = {"overdue": "overdue", "due_30": "due≤30d", "due_later": "later",
          "ongoing": "ongoing", "no_deadline": "no-date"}


def _status(args: argparse.Namespace) -> int:
    from pipeline.outputs.status import STATUSES, per_agency, read_statuses
    root = _root(args)
    as_of = args.as_of or date.today()          # the one place the clock is read
    found = read_statuses(as_of, root, agency=args.agency, role=args.role,
                          doc_number=args.doc_number)
    counts = per_agency(found)
    if args.json:
        _print_json({"as_of": as_of.isoformat(), "role": args.role, "agencies": counts,
                     "tasks": [s.as_dict() for s in found] if args.agency else None})
        return 0
    who = {"owner": "owners", "partner": "partners", "all": "owners and partners"}[args.role]
    print(f"tasks as of {as_of.isoformat()}, by {who}"
          + (f", agency ~ {args.agency!r}" if args.agency else ""))
    width = max([len("agency")] + [min(60, len(c["agency"])) for c in counts])
    print(f"{'agency':<{width}} " + " ".join(f"{_HEADS[s]:>8}" for s in STATUSES)
          + f" {'total':>6}")
    for c in counts:
        print(f"{c['agency'][:60]:<{width}} " + " ".join(f"{c[s]:>8}" for s in STATUSES)
              + f" {c['total']:>6}")
    if not counts:
        print("(no task)")
    if args.agency:
        for s in found:
            when = s.end_date.isoformat() if s.end_date else "-"
            left = "" if s.days_left is None else f" ({s.days_left:+d} d)"
            print(f"  {_HEADS[s.status]:<8} {when}{left:<10} {s.doc_number or '-'} {s.section}  "
                  f"{s.text[:70]}")
    return 0
