"""`vnplan review FILE_OR_DOC_NUMBER`: write the review page of a document (its
text with each task's content, owner, partners and timing highlighted, the
letterhead fields and the quality warnings beside it: `pipeline.outputs.review`).

A FILE is parsed as it is; a document number (`161/KH-UBND`) is looked up in
the published `documents` table and its file found under the raw folder
(`--raw`, $VNPLAN_RAW_DIR or data/raw, then the root the last run recorded),
as every stored path is relative to the raw root. The page goes to `--out`
(a folder, or a file ending in .html), by default <processed>/reviews/, where
the ingest writes the page of every document it parses. Exit codes as the
other commands: 2 for a number or file that is not there.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from pipeline.ingest.discovery import default_raw_dir
from pipeline.ingest.rawpaths import to_absolute
from pipeline.tables.selection import number_key

USAGE_ERROR, RUN_ERROR = 2, 1


def add_review_subcommand(subparsers) -> None:
    p = subparsers.add_parser(
        "review", help="an HTML page of a document with what was extracted highlighted",
        description="Write the review page of a document: its text with each task's content, "
                    "owner, partners and timing highlighted, its letterhead fields and its "
                    "quality warnings beside it.")
    p.add_argument("document", metavar="FILE_OR_DOC_NUMBER",
                   help="a file to parse, or the number of a published document (161/KH-UBND)")
    p.add_argument("--out", metavar="PATH",
                   help="a folder, or a file ending in .html (default: <processed>/reviews/)")
    p.add_argument("--processed", metavar="DIR",
                   help="tables folder (default: $VNPLAN_PROCESSED_DIR or data/processed)")
    p.add_argument("--raw", metavar="DIR",
                   help="raw folder the stored paths are relative to (default: $VNPLAN_RAW_DIR "
                        "or data/raw)")
    p.set_defaults(func=cmd_review)


def _fail(message: str, code: int) -> int:
    print(f"vnplan review: {message}", file=sys.stderr)
    return code


def _published(number: str, processed) -> list[dict]:
    from pipeline.tables.reading import read_arrow
    docs = read_arrow("documents", None, processed).to_pylist()
    want = number_key(number)
    found = [d for d in docs if number_key(d["doc_number"]) == want]
    if not found:
        known = sorted({d["doc_number"] for d in docs if d["doc_number"]})
        raise LookupError(f"{number!r} is neither a file nor the number of a published "
                          f"document" + (f" (numbers: {', '.join(known[:12])}"
                                         f"{', ...' if len(known) > 12 else ''})" if known
                                         else " (no document is published yet)"))
    return sorted(found, key=lambda d: (d["status"] != "active", d["doc_id"]))


def _roots(args, processed) -> list[str]:
    from pipeline.tables.reading import read_arrow
    roots = [str(Path(args.raw or default_raw_dir()).expanduser().resolve())]
    runs = read_arrow("runs", None, processed).to_pylist()
    if runs:
        roots.append(max(runs, key=lambda r: r["snapshot"])["raw_root"])
    return list(dict.fromkeys(roots))


def _file_of(doc: dict, roots: list[str]) -> Path | None:
    """The document's file: a stored path read against each root, its bytes
    those of the document first."""
    candidates = [Path(to_absolute(p, root)) for p in (doc["paths"] or [doc["path"]])
                  for root in roots]
    existing = [c for c in dict.fromkeys(candidates) if c.is_file()]
    for c in existing:
        if hashlib.sha256(c.read_bytes()).hexdigest() == doc["doc_id"]:
            return c
    return existing[0] if existing else None


def _target(args, processed) -> Path:
    from pipeline.tables.storage import reviews_dir
    return Path(args.out) if args.out else reviews_dir(processed)


def _write(path: Path, out: Path) -> Path:
    from extractors.extract import extract
    from pipeline.outputs.review import review_html, write_page
    from pipeline.tables.rows import document_rows
    data = path.read_bytes()
    doc_id = hashlib.sha256(data).hexdigest()
    doc = extract(path, data=data)
    quality = document_rows(doc_id, doc).quality
    if out.suffix.lower() == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(review_html(doc, quality, path.name), encoding="utf-8")
        return out
    return write_page(out, doc_id, doc, quality, path.name)


def cmd_review(args: argparse.Namespace) -> int:
    from parsers.model import ParseError
    from pipeline.tables.reading import root
    processed = root(args.processed)
    given = Path(args.document).expanduser()
    try:
        if given.is_file():
            files = [given]
        else:
            if not Path(str(processed)).is_dir() and "://" not in str(processed):
                return _fail(f"{args.document!r} is not a file, and there are no tables at "
                             f"{processed} to look its number up (run `vnplan ingest`)",
                             USAGE_ERROR)
            roots = _roots(args, processed)
            files = []
            for doc in _published(args.document, processed):
                found = _file_of(doc, roots)
                if found is None:
                    return _fail(f"{doc['doc_number']}: its file {doc['path']} is under none "
                                 f"of {', '.join(roots)} (give --raw)", USAGE_ERROR)
                files.append(found)
        for f in files:
            print(_write(f, _target(args, processed)))
    except LookupError as e:
        return _fail(str(e.args[0]) if e.args else str(e), USAGE_ERROR)
    except ParseError as e:
        return _fail(f"{e.path or args.document}: not readable ({e.reason}): {e.message}",
                     RUN_ERROR)
    except OSError as e:
        return _fail(f"{e.filename or ''}: {e.strerror or e}", RUN_ERROR)
    return 0
