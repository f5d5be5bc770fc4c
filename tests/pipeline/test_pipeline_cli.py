"""`vnplan ingest` and `vnplan tables`: summaries, exit codes, no tracebacks."""
from __future__ import annotations

import argparse

import pytest

import pipeline.defs.ingest.assets as assets_module
from pipeline.cli.ingest import add_subcommands
from pipeline.tables.schemas import TABLES

from pipeline_fixtures import fake_parse

pytestmark = pytest.mark.slow          # Dagster job runs through the CLI


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="vnplan")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setattr(assets_module, "load_extractor", lambda: fake_parse)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))


def test_ingest_prints_a_summary_and_tables_lists_versions(raw_dir, processed_dir, capsys):
    assert run(["ingest", str(raw_dir), "--processed", str(processed_dir)]) == 0
    out = capsys.readouterr().out
    assert "files 3: 3 new" in out and "2 documents, 1 rejected" in out
    assert "check delta/tasks:timings_parsed failed (warn)" in out
    rows = {line.split()[0]: line.split()[1:3] for line in out.splitlines()
            if line.split() and line.split()[0] in ("documents", "tasks", "rejects")}
    assert rows == {"documents": ["0", "2"], "tasks": ["0", "3"], "rejects": ["0", "1"]}

    (raw_dir / "kh-12-hanoi.txt").unlink()
    assert run(["ingest", str(raw_dir), "--processed", str(processed_dir)]) == 0
    assert "1 removed" in capsys.readouterr().out

    assert run(["tables", "--processed", str(processed_dir)]) == 0
    out = capsys.readouterr().out
    documents = next(line for line in out.splitlines() if line.startswith("documents"))
    assert documents.split()[1:3] == ["1", "2"]
    assert "task_agencies" in out


def test_ingest_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert run(["ingest", str(tmp_path / "nope"), "--processed", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "no such directory" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()


def test_processed_path_that_is_a_file_is_a_usage_error(raw_dir, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert run(["ingest", str(raw_dir), "--processed", str(tmp_path / "file")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_tables_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert run(["tables", "--processed", str(tmp_path / "nope")]) == 2
    assert "vnplan ingest" in capsys.readouterr().err


def test_tables_marks_tables_not_created(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert run(["tables", "--processed", str(tmp_path / "empty")]) == 0
    assert capsys.readouterr().out.count("(not created)") == len(TABLES)


def test_a_failed_run_exits_1_with_the_failing_step(raw_dir, processed_dir, monkeypatch, capsys):
    def broken(self):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr("pipeline.defs.resources.VnplanPaths.published_state", broken)
    assert run(["ingest", str(raw_dir), "--processed", str(processed_dir)]) == 1
    err = capsys.readouterr().err
    assert "parsed_documents" in err and "disk on fire" in err and "Traceback" not in err
