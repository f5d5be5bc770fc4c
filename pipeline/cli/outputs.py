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
import re
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


class NothingMatched(LookupError):
    """Filters that match no row (`pipeline.outputs.exports.NoMatch` is one)."""


def _processed_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--processed", metavar="DIR",
                   help="tables folder (default: $VNPLAN_PROCESSED_DIR or data/processed)")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


# `2026-05-04`: a day (deadlines judged on it, the latest tables)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_of(text: str) -> tuple[date | None, str | None]:
    """`--as-of`: a day (YYYY-MM-DD) → (day, None); an ingest run (its id or
    `#3`) or a moment (`2026-05-04T09:00`) → (None, it): every table as that
    run left it, deadlines judged on its day."""
    text = text.strip()
    if _DAY.match(text):
        return _iso_date(text), None
    from pipeline.tables.snapshots import parse_as_of
    try:
        parse_as_of(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return None, text


AS_OF_HELP = ("a day YYYY-MM-DD: deadlines judged on it (default: today); or an ingest run "
              "(its id, or #N of `vnplan tables --runs`) or a time YYYY-MM-DDTHH:MM: every "
              "table as that run left it, deadlines judged on its day")


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
    e.add_argument("--csv-dialect", choices=["plain", "excel-vi"], default="plain",
                   help="plain (default): column names, ',' , ISO dates, codes (for programs); "
                        "excel-vi: Vietnamese headers and labels, ';', DD/MM/YYYY, decimal "
                        "commas, as Excel set to Vietnamese opens it")
    e.add_argument("--as-of", type=_as_of, metavar="DAY|RUN|TIME", help=AS_OF_HELP)
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
    s.add_argument("--as-of", type=_as_of, metavar="DAY|RUN|TIME", help=AS_OF_HELP)
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
    except NothingMatched as e:          # filters that match nothing: a warning, exit 1
        return _fail(command, str(e.args[0]) if e.args else str(e), RUN_ERROR)
    except LookupError as e:              # KeyError quotes its message: take it as given
        return _fail(command, str(e.args[0]) if e.args else str(e), USAGE_ERROR)
    except ValueError as e:
        return _fail(command, str(e), USAGE_ERROR)
    except BrokenPipeError:               # the reader went away: `pipeline.cli.main` stops quietly
        raise
    except OSError as e:
        return _fail(command, f"{e.filename or ''}: {e.strerror or e}", RUN_ERROR)


# --- export ---------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    return _run("export", _export, args)


def _export(args: argparse.Namespace) -> int:
    from pipeline.outputs.exports import FORMATS, STDOUT, NoMatch, check_out, export
    names = list(TABLES) if ALL in args.tables else args.tables
    fmt = args.format
    if fmt is None and args.out and args.out != STDOUT:
        suffix = Path(args.out).suffix.lstrip(".").lower()
        if suffix and suffix not in FORMATS:
            raise UsageError(f"--out {args.out}: .{suffix} is not an export format "
                             f"({', '.join(FORMATS)}): name the file so, or give --format")
        fmt = suffix or None
    fmt = fmt or ("jsonl" if args.out == STDOUT else "xlsx")
    if args.json and args.out == STDOUT:
        raise UsageError("--json and --out - both write stdout")
    if args.csv_dialect != "plain" and fmt != "csv":
        raise UsageError(f"--csv-dialect {args.csv_dialect} is for --format csv, not {fmt}")
    try:
        check_out(args.out, fmt, len(names))
    except ValueError as e:
        raise UsageError(str(e)) from None
    day, run = args.as_of or (None, None)
    if day is None and run is None and args.version is None:
        day = date.today()                 # the one place an export reads the clock
    root = _root(args)
    sel = Selection.of(issuer=args.issuer, doc_number=args.doc_number, agency=args.agency,
                       date_from=args.date_from, date_to=args.date_to)
    files = 1 if fmt == "xlsx" or len(names) == 1 else len(names)
    mode = "off" if args.out == STDOUT else mode_for(args)
    progress = Progress("export", len(names) + files, mode=mode)
    try:
        result = export(names, fmt=fmt, version=args.version, out=args.out, processed=root,
                        selection=sel, progress=progress, dialect=args.csv_dialect, as_of=day,
                        snapshot=run)
    except NoMatch as e:
        raise NothingMatched(str(e.args[0])) from None
    finally:
        progress.close()
    if args.json:
        _print_json(result.as_dict())
    elif not args.quiet and args.out != STDOUT:
        parts = [f"{e.name} v{e.version if e.version is not None else '-'} "
                 f"({e.table.num_rows} rows)" for e in result.tables]
        dialect = f" ({args.csv_dialect})" if fmt == "csv" else ""
        print(f"exported {', '.join(parts)} as {fmt}{dialect}"
              + (f", snapshot #{result.snapshot['snapshot']}" if result.snapshot else "")
              + (f", deadlines as of {result.as_of.isoformat()}" if result.as_of else ""))
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


def _review_pages(root, rows) -> dict[str, str]:
    """doc_id → the path of its review page (`vnplan review`), where it exists."""
    from pipeline.tables.storage import review_page_name as page_name
    from pipeline.tables.storage import reviews_dir
    folder = reviews_dir(root)
    pages = {r["doc_id"]: folder / page_name(r["doc_number"], r["doc_id"]) for r in rows}
    return {k: str(p) for k, p in pages.items() if p.is_file()}


def _quality(args: argparse.Namespace) -> int:
    from pipeline.tables.quality import worst_first
    root = _root(args)
    snap = tables_api.Snapshot.at(root, [], None)
    active = {d["doc_id"] for d in snap.table("documents").select(["doc_id", "status"]).to_pylist()
              if d["status"] != "withdrawn"}
    rows = [r for r in snap.table("document_quality").to_pylist() if r["doc_id"] in active]
    unmeasured = len(active - {r["doc_id"] for r in rows})
    ranked = worst_first(rows)[: args.limit] if args.limit else worst_first(rows)
    pages = _review_pages(root, ranked)
    ranked = [{**r, "review": pages.get(r["doc_id"])} for r in ranked]
    rejects = sorted(snap.table("rejects").select(["path", "reason", "message"]).to_pylist(),
                     key=lambda r: r["path"])
    if args.json:
        _print_json({"documents": ranked, "unmeasured": unmeasured, "rejects": rejects})
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
        if r["review"]:
            print(f"{'':>12}review: {r['review']}")
    if unmeasured:
        print(f"{unmeasured} active documents have no quality row "
              "(ingested before it existed: `vnplan ingest --force`)")
    if rejects:
        print(f"\n{len(rejects)} files could not be read (the rejects table):")
        for r in rejects:
            print(f"  {r['reason']:<18} {r['path']}  {r['message'] or ''}")
    return 0


# --- status ---------------------------------------------------------------------

def cmd_status(args: argparse.Namespace) -> int:
    return _run("status", _status, args)


_HEADS = {"overdue": "overdue", "due_30": "due≤30d", "due_later": "later",
          "ongoing": "ongoing", "no_deadline": "no-date"}


def _status(args: argparse.Namespace) -> int:
    from pipeline.outputs.status import STATUSES, per_agency, read_statuses
    root = _root(args)
    day, run = args.as_of or (None, None)
    snap = tables_api.Snapshot.as_of(root, run) if run else tables_api.Snapshot.at(root, [], None)
    as_of = day or (snap.run["published_at"].date() if snap.run
                    else date.today())          # the one place the clock is read
    found = read_statuses(as_of, snap, agency=args.agency, role=args.role,
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
