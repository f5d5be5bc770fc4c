"""`vnplan parse`: files in, tasks out, without Dagster or tables: the JSON of
spec §6 (`pipeline.outputs.document_json`) or a short table per file.

Several files are parsed on every core: the worker processes of ingest
(`pipeline.ingest.worker.ParsePool`, under its time and memory limits), one
per core unless `--workers N` or VNPLAN_PARSE_WORKERS says otherwise (0 or 1,
or a single file: in this process). The output is the same as one by one, in
the same order: each result is printed or written as soon as those before it are.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from parsers.model import ParseError
from pipeline.ingest.worker import TIMEOUT_ENV, WORKERS_ENV, Limits, parser_for
from pipeline.outputs.document_json import parsed_dict

EXIT_USAGE = 2
EXIT_PARSE_FAILED = 1
NO_TIMEOUT_S = 7 * 24 * 3600.0     # the pool's time limit when VNPLAN_PARSE_TIMEOUT_S is unset


def _walk(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def cmd_parse(args: argparse.Namespace) -> int:
    try:
        files = _walk(args.paths)
    except FileNotFoundError as exc:
        print(f"vnplan parse: no such file or folder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
    from extractors.extract import extract

    failed = 0

    def emit(f: Path, result) -> None:
        nonlocal failed
        if isinstance(result, ParseError):
            failed += 1
            print(f"vnplan parse: {f}: rejected ({result.reason}): {result.message}", file=sys.stderr)
            return
        out = parsed_dict(result, f.name)
        if args.format == "json":
            text = json.dumps(out, ensure_ascii=False, indent=1)
            if args.out:
                (Path(args.out) / f"{f.name}.json").write_text(text + "\n", encoding="utf-8")
            else:
                print(text)
        else:
            _print_table(out)

    workers = _workers(args.workers, len(files))
    if workers <= 1:
        for f in files:
            try:
                result = extract(f)
            except ParseError as exc:
                result = exc
            emit(f, result)
    else:
        _parse_in_pool(extract, files, workers, emit)
    return EXIT_PARSE_FAILED if failed and failed == len(files) else 0


def _workers(asked: int | None, n_files: int) -> int:
    """Worker processes for `n_files`: --workers, else VNPLAN_PARSE_WORKERS, else one per core."""
    if asked is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        asked = int(float(env)) if env else (os.cpu_count() or 1)
    return max(0, min(asked, n_files))


def _parse_in_pool(extract, files: list[Path], workers: int, emit) -> None:
    """Parse `files` across `workers` processes; `emit(file, ParsedDocument or ParseError)`
    in the order of `files`, each as soon as it and all before it are done."""
    limits = Limits.from_env()
    # no time limit unless one is asked for: a long scan is parsed as it is one by one
    timeout_s = limits.timeout_s if os.environ.get(TIMEOUT_ENV, "").strip() else NO_TIMEOUT_S
    limits = Limits(timeout_s=timeout_s, memory_mb=limits.memory_mb,
                    max_file_mb=limits.max_file_mb, workers=workers)
    done: dict[int, object] = {}
    next_index = 0

    def on_result(index: int, result) -> None:
        nonlocal next_index
        done[index] = result
        while next_index in done:
            item = done.pop(next_index)
            f = files[next_index]
            if isinstance(item, tuple):             # a Failure: (reason, message, location)
                item = ParseError(item[1], path=str(f), location=item[2], reason=item[0])
            emit(f, item)
            next_index += 1

    with parser_for(extract, limits) as pool:
        if hasattr(pool, "parse_many"):
            pool.parse_many([(str(f), None) for f in files], on_result=on_result)
        else:                                       # a daemon process: no children
            for i, f in enumerate(files):
                try:
                    on_result(i, pool(f))
                except ParseError as exc:
                    on_result(i, exc)


def _print_table(out: dict) -> None:
    d = out["document"]
    print(f"# {out['file']}: {d['doc_type'] or '?'} {d['doc_number'] or '(no number)'} "
          f"{d['issue_date'] or ''} {d['issuer'] or ''}")
    for t in out["tasks"]:
        owner = "; ".join(t["owner"])
        when = t["timing_raw"] or ""
        print(f"  {t['section']:<14} {t['source_kind']:<6} {owner[:40]:<40} {when[:24]:<24} "
              f"{(t['title'] or t['content'])[:70]}")


def add_parse_subcommand(subparsers) -> None:
    p = subparsers.add_parser("parse", help="parse files without Dagster and print tasks")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("--format", choices=["json", "table"], default="table")
    p.add_argument("--out", help="write DIR/<file name>.json for each file")
    p.add_argument("--workers", type=int, default=None,
                   help="parse processes (default: VNPLAN_PARSE_WORKERS, else one per core; "
                        "0 or 1: in this process)")
    p.set_defaults(func=cmd_parse)
