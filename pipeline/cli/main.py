"""The `vnplan` command line: `parse` (`pipeline.cli.parse`), `ingest` and
`tables` (`pipeline.cli.ingest`), `export`, `report`, `quality` and `status`
(`pipeline.cli.outputs`)."""
from __future__ import annotations

import argparse
import sys

from pipeline.cli.ingest import add_subcommands
from pipeline.cli.outputs import add_user_subcommands
from pipeline.cli.parse import add_parse_subcommand


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnplan", description="Vietnamese plans to task tables")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parse_subcommand(sub)
    add_subcommands(sub)
    add_user_subcommands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
