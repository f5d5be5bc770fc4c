"""`vnplan parse`: files in, tasks out, without Dagster or tables: the JSON of
spec §6 (`pipeline.outputs.document_json`) or a short table per file."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parsers.model import ParseError
from pipeline.outputs.document_json import parsed_dict

EXIT_USAGE = 2
EXIT_PARSE_FAILED = 1


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
    for f in files:
        try:
            doc = extract(f)
        except ParseError as exc:
            failed += 1
            print(f"vnplan parse: {f}: rejected ({exc.reason}): {exc.message}", file=sys.stderr)
            continue
        out = parsed_dict(doc, f.name)
        if args.format == "json":
            text = json.dumps(out, ensure_ascii=False, indent=1)
            if args.out:
                (Path(args.out) / f"{f.name}.json").write_text(text + "\n", encoding="utf-8")
            else:
                print(text)
        else:
            _print_table(out)
    return EXIT_PARSE_FAILED if failed and failed == len(files) else 0


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
    p.set_defaults(func=cmd_parse)
