"""The `vnplan` command line: `parse` (`pipeline.cli.parse`), `ingest` and
`tables` (`pipeline.cli.ingest`), `export`, `report`, `quality` and `status`
(`pipeline.cli.outputs`), `review` (`pipeline.cli.review`), `ui`
(`pipeline.cli.ui`)."""
from __future__ import annotations

import argparse
import os
import sys

from pipeline.cli.ingest import add_subcommands
from pipeline.cli.outputs import add_user_subcommands
from pipeline.cli.parse import add_parse_subcommand
from pipeline.cli.review import add_review_subcommand
from pipeline.cli.ui import add_ui_subcommand


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnplan", description="Vietnamese plans to task tables")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parse_subcommand(sub)
    add_subcommands(sub)
    add_user_subcommands(sub)
    add_review_subcommand(sub)
    add_ui_subcommand(sub)
    return parser


PIPE_CLOSED = 141          # 128 + SIGPIPE: what a tool killed by a closed pipe exits with


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # the reader went away (`vnplan quality --json | head`): stop quietly, and
        # point stdout at /dev/null so the interpreter's last flush does not complain
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
