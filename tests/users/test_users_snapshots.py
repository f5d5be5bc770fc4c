"""Snapshots: the runs table names the version of every table after each ingest
run, and `tables.read(..., as_of=)` / `--as-of` read every table as a run left it."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pyarrow as pa
import pytest

from pipeline import tables
from pipeline.tables.publish import publish
from pipeline.tables.schemas import SNAPSHOT_TABLES, TABLES
from pipeline.tables.snapshots import find, next_run, parse_as_of, run_row, versions

from users_fixtures import run, sample_rows

T1 = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)
T2 = datetime(2026, 5, 11, 9, 0, tzinfo=timezone.utc)
SUMMARY = {"files": 3, "parsed": 3, "documents_added": 3, "rejected": 0, "withdrawn": 0}


def _row(run_id, snapshot, when, **v):
    return run_row(run_id, snapshot, when, when, "/raw", SUMMARY,
                   {t: v.get(t, 0) for t in SNAPSHOT_TABLES})


ROWS = [_row("75935e01-aaaa", 1, T1), _row("8b3c2d10-bbbb", 2, T2, tasks=1, documents=1)]


@pytest.mark.parametrize("as_of, snapshot", [
    (1, 1), ("#2", 2), ("75935e01", 1), ("8b3c2d10-bbbb", 2),
    ("2026-05-04", 1), (date(2026, 5, 12), 2), ("2026-05-11T08:59", 1),
    (datetime(2026, 5, 11, 9, 0, tzinfo=timezone.utc), 2), ("2026-05-11T09:00Z", 2),
])
def test_find_a_run(as_of, snapshot):
    assert find(ROWS, as_of)["snapshot"] == snapshot


@pytest.mark.parametrize("as_of, message", [
    ("2026-05-03", "no snapshot"), ("#7", "no snapshot"), ("ffff0000", "no snapshot"),
    ("last monday", "a run id"),
])
def test_find_says_what_there_is(as_of, message):
    with pytest.raises(ValueError, match=message):
        find(ROWS, as_of)


def test_a_run_that_changed_nothing_records_no_snapshot():
    last = ROWS[1]
    same = {t: last[f"{t}_version"] for t in SNAPSHOT_TABLES}
    assert next_run(last, same, "c", T2, T2, "/raw", SUMMARY) is None
    changed = next_run(last, {**same, "rejects": 1}, "c", T2, T2, "/raw", SUMMARY)
    assert changed["snapshot"] == 3 and changed["rejects_version"] == 1
    assert next_run(None, same, "c", T2, T2, "/raw", SUMMARY)["snapshot"] == 1
    assert parse_as_of("2026-05-04") == ("moment", datetime(2026, 5, 4, 23, 59, 59, 999999,
                                                             tzinfo=timezone.utc))


def test_versions_of_a_table_not_created_yet():
    row = dict(ROWS[0], references_version=None)
    assert versions(row)["references"] == -1 and versions(row)["tasks"] == 0


def _publish_runs(root, rows):
    publish(root, "runs", TABLES["runs"].arrow(rows), {r["run_id"] for r in rows})


def test_read_as_of_reads_every_table_of_a_run(sample_tables):
    docs, tasks, _ = sample_rows()
    v0 = {t: tables.history(t, processed=sample_tables)["version"].max() for t in SNAPSHOT_TABLES}
    first = run_row("run-one-0001", 1, T1, T1, "/raw", SUMMARY, v0)
    changed = [dict(t, content="Nội dung mới") for t in tasks if t["doc_id"] == "a"]
    publish(sample_tables, "tasks", pa.Table.from_pylist(changed, schema=TABLES["tasks"].schema),
            {"a"})
    renamed = [dict(d, issuer="Ủy ban nhân dân thành phố Hải Phòng") if d["doc_id"] == "a"
               else d for d in docs]
    publish(sample_tables, "documents",
            pa.Table.from_pylist(renamed, schema=TABLES["documents"].schema), {"a", "b", "c"})
    second = run_row("run-two-0002", 2, T2, T2, "/raw", SUMMARY,
                     {**v0, "tasks": v0["tasks"] + 1, "documents": v0["documents"] + 1})
    _publish_runs(sample_tables, [first, second])
    old = tables.read("tasks", processed=sample_tables, as_of="#1")
    assert "Nội dung mới" not in set(old["content"])
    new = tables.read("tasks", processed=sample_tables, as_of="2026-05-11T10:00")
    assert "Nội dung mới" in set(new["content"])
    # the documents of the same snapshot: the issuer as it was then
    assert tables.read("tasks", processed=sample_tables, as_of="2026-05-05", issuer="Hà Nội") \
        .shape[0] == 4
    assert tables.runs(processed=sample_tables)["snapshot"].tolist() == [1, 2]
    with pytest.raises(ValueError, match="not both"):
        tables.read("tasks", version=0, as_of=1, processed=sample_tables)


def test_export_as_of_a_run(sample_tables, tmp_path, capsys):
    v0 = {t: 0 for t in SNAPSHOT_TABLES}
    _publish_runs(sample_tables, [run_row("run-one-0001", 1, T1, T1, "/raw", SUMMARY, v0)])
    out = tmp_path / "t.xlsx"
    assert run(["export", "tasks", "--processed", str(sample_tables), "--out", str(out),
                "--as-of", "#1"]) == 0
    said = capsys.readouterr().out
    assert "snapshot #1" in said and "deadlines as of 2026-05-04" in said
    assert run(["export", "tasks", "--processed", str(sample_tables), "--out", str(out),
                "--as-of", "#9"]) == 2
    assert "no snapshot" in capsys.readouterr().err


def test_tables_lists_the_snapshots(sample_tables, capsys):
    from pipeline.cli.main import main
    assert main(["tables", "--runs", "--processed", str(sample_tables)]) == 0
    assert "no snapshot yet" in capsys.readouterr().out
    _publish_runs(sample_tables, ROWS)
    assert main(["tables", "--runs", "--processed", str(sample_tables)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:2] == ["1", "75935e01-aaaa"] and lines[2].split()[0] == "2"
