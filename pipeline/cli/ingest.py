"""The `vnplan ingest` and `vnplan tables` subcommands.

`pipeline.cli.main` calls `add_subcommands(subparsers)`; each subcommand sets
`func` to a function `(args) -> int` (the exit code). A user's mistake (a
folder that does not exist) prints one line on stderr and exits 2; a failed
run prints the failing step and exits 1; no traceback either way.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.ingest.discovery import default_raw_dir
from pipeline.outputs.progress import Progress, add_output_flags, mode_for, reporting
from pipeline.tables.publish import TableInfo, all_table_info
from pipeline.tables.storage import TablesLocation, default_processed_dir

USAGE_ERROR, RUN_ERROR = 2, 1


def add_subcommands(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="parse new and changed raw files and publish the Delta tables",
        description="Run the Dagster ingest job in process over DIR: parse the files whose "
                    "content is new, withdraw the removed ones, publish the tables.")
    p.add_argument("dir", nargs="?", help="raw folder (default: $VNPLAN_RAW_DIR or data/raw)")
    p.add_argument("--processed", metavar="DIR",
                   help="tables folder (default: $VNPLAN_PROCESSED_DIR or data/processed)")
    p.add_argument("--force", action="store_true",
                   help="re-parse every file, even content already published")
    p.add_argument("--no-reports", action="store_true",
                   help="publish the tables but skip the `reports` charts (a timeline per "
                        "plan: about a second each); the next run with reports draws them all")
    add_output_flags(p)                      # --quiet, --json (pipeline.outputs.progress)
    p.set_defaults(func=cmd_ingest)
    t = subparsers.add_parser("tables", help="list the published tables: version, rows, update")
    t.add_argument("--processed", metavar="DIR",
                   help="tables folder (default: $VNPLAN_PROCESSED_DIR or data/processed)")
    t.add_argument("--runs", action="store_true",
                   help="list the snapshots instead: one per ingest run that changed a table "
                        "(what --as-of and tables.read(as_of=) take)")
    t.set_defaults(func=cmd_tables)


def _fail(command: str, message: str, code: int) -> int:
    print(f"vnplan {command}: {message}", file=sys.stderr)
    return code


def _processed_dir(args: argparse.Namespace) -> Path | str:
    """The tables folder (resolved), or a URI such as `s3://bucket/prefix` as is."""
    loc = TablesLocation.of(args.processed or default_processed_dir())
    return loc.local_path.resolve() if loc.is_local else loc.uri


def format_tables(infos: list[TableInfo]) -> str:
    lines = [f"{'table':<16} {'version':>7} {'rows':>8}  last update (UTC)"]
    for i in infos:
        if not i.exists:
            lines.append(f"{i.name:<16} {'-':>7} {'-':>8}  (not created)")
        else:
            when = i.updated.strftime("%Y-%m-%d %H:%M:%S") if i.updated else "-"
            lines.append(f"{i.name:<16} {i.version:>7} {i.rows:>8}  {when}")
    return "\n".join(lines)


def cmd_tables(args: argparse.Namespace) -> int:
    processed = _processed_dir(args)
    if isinstance(processed, Path) and not processed.is_dir():
        return _fail("tables", f"{processed}: no such directory (run `vnplan ingest` first)",
                     USAGE_ERROR)
    if args.runs:
        print(format_runs(processed))
        return 0
    print(f"tables in {processed}")
    print(format_tables(all_table_info(processed)))
    return 0


def format_runs(processed) -> str:
    """The snapshots, oldest first: number, run id, when, what the run did."""
    from pipeline.tables.reading import read_arrow
    rows = read_arrow("runs", None, processed).to_pylist()
    if not rows:
        return "no snapshot yet (no ingest run has changed a table)"
    lines = [f"{'#':>4}  {'run id':<36}  {'published (UTC)':<19}  files parsed added rejected  raw"]
    for r in rows:
        lines.append(f"{r['snapshot']:>4}  {r['run_id']:<36}  "
                     f"{r['published_at']:%Y-%m-%d %H:%M:%S}  {r['files'] or 0:>5} "
                     f"{r['parsed'] or 0:>6} {r['documents_added'] or 0:>5} "
                     f"{r['rejected'] or 0:>8}  {r['raw_root']}")
    return "\n".join(lines)


def _summary_line(summary: dict) -> str:
    s = summary
    return (f"files {s['files']}: {s['new_files']} new, {s['changed_files']} changed, "
            f"{s['removed_files']} removed, {s['unchanged_files']} unchanged; "
            f"parsed {s['parsed']} ({s['documents_added']} documents, {s['rejected']} "
            f"rejected), {s['withdrawn']} withdrawn, {s['replaced']} replaced")


def _reject_lines(summary: dict, standing: list[dict]) -> list[str]:
    """This run's rejected files by name, then the count of those rejected before."""
    lines = [f"  rejected {r['path']}: {r['reason']} ({r['message']})"
             for r in summary.get("rejected_files") or ()]
    named = {r["path"] for r in summary.get("rejected_files") or ()}
    older = [r for r in standing if r["path"] not in named]
    if older:
        shown = ", ".join(f"{r['path']} ({r['reason']})" for r in older[:5])
        lines.append(f"  {len(older)} {'file stays' if len(older) == 1 else 'files stay'} "
                     f"rejected: {shown}"
                     + (", ..." if len(older) > 5 else "") + " (vnplan quality lists them)")
    return lines


def _rejects(processed) -> list[dict]:
    from pipeline.tables.publish import read_table
    return read_table(processed, "rejects", columns=["path", "reason", "message"]).to_pylist()


def _check_lines(result) -> list[str]:
    lines = []
    for ev in result.get_asset_check_evaluations():
        if not ev.passed:
            key = "/".join(ev.asset_key.path)
            meta = ", ".join(f"{k}={v.value}" for k, v in ev.metadata.items() if v.value != "")
            lines.append(f"check {key}:{ev.check_name} failed ({ev.severity.value.lower()}): {meta}")
    return lines


def cmd_ingest(args: argparse.Namespace) -> int:
    raw = Path(args.dir or default_raw_dir()).expanduser()
    if not raw.is_dir():
        return _fail("ingest", f"{raw}: no such directory", USAGE_ERROR)
    processed = _processed_dir(args)
    local = isinstance(processed, Path)
    if local and processed.exists() and not processed.is_dir():
        return _fail("ingest", f"{processed}: not a directory", USAGE_ERROR)
    from pipeline.defs.run import dagster_instance, failure_message, run_ingest, run_summary, \
        step_seconds
    try:
        if local:
            processed.mkdir(parents=True, exist_ok=True)
        instance = dagster_instance()
    except OSError as e:
        return _fail("ingest", f"{e.filename or processed}: {e.strerror}", RUN_ERROR)
    # a progress bar on a terminal, lines on stderr otherwise, nothing with --quiet/--json
    # the total is set once the run has planned its work (`progress.expect`)
    with reporting(Progress("ingest: parse", None, mode=mode_for(args))):
        result = run_ingest(raw.resolve(), processed, force=args.force,
                            instance=instance, reports=not args.no_reports)
    if not result.success:
        return _fail("ingest", failure_message(result), RUN_ERROR)
    summary = run_summary(result)
    rejects = sorted(_rejects(processed), key=lambda r: r["path"])
    if args.json:
        print(json.dumps({
            "run_id": result.run_id, "raw": str(raw.resolve()),
            "processed": str(processed),
            "summary": summary,
            "rejected_files": summary.get("rejected_files") or [],
            "rejects": rejects,
            "tables": [{"table": i.name, "version": i.version, "rows": i.rows}
                       for i in all_table_info(processed)],
            "steps": step_seconds(instance, result.run_id),
            "failed_checks": _check_lines(result)}, ensure_ascii=False))
        return 0
    if args.quiet:
        return 0
    print(f"ingest {raw.resolve()} → {processed}  (run {result.run_id[:8]})")
    print(_summary_line(summary))
    for line in _reject_lines(summary, rejects):
        print(line)
    print(format_tables(all_table_info(processed)))
    for line in _check_lines(result):
        print(line)
    return 0
