"""The sample data (data/raw) ingested with the real extractor: the plan's
timeline, the notebook, quality, exports and the Dagster metadata."""
from __future__ import annotations

import ast
import json
import struct
from datetime import date

import openpyxl
import pytest
from dagster import AssetKey

from pipeline import tables
from pipeline.outputs.exports import export
from pipeline.outputs.reports import report

from users_fixtures import REPO, run

pytestmark = pytest.mark.slow          # ingest runs of the sample plan

PLAN = "161/KH-UBND"          # data/raw/hanoi-161-kh-ubnd-2023-excerpt.txt


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_timeline_of_the_sample_plan(ingested, tmp_path):
    _, processed, _ = ingested
    result = report(tables.Snapshot.at(processed, [], None), [PLAN], out_dir=tmp_path)
    (plan,) = result.plans
    assert plan.doc_number == PLAN and plan.tasks
    png, svg = tmp_path / "161-KH-UBND-timeline.png", tmp_path / "161-KH-UBND-timeline.svg"
    assert png in result.files and svg in result.files
    width, height = _png_size(png.read_bytes())
    assert width >= 1200 and height >= 300 and png.stat().st_size > 20_000
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and len(text) > 20_000
    for chart in ("tasks-per-agency", "tasks-per-month"):
        assert (tmp_path / f"{chart}.png").stat().st_size > 10_000
    # drawn twice, the same bytes
    again = report(tables.Snapshot.at(processed, [], None), [PLAN], out_dir=tmp_path / "2")
    assert again.files[0].read_bytes() == png.read_bytes()


def test_report_command(ingested, tmp_path, capsys):
    _, processed, _ = ingested
    assert run(["report", PLAN, "--processed", str(processed), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{PLAN}: ") and "161-KH-UBND-timeline.png" in out
    assert run(["report", "999/KH-XYZ", "--processed", str(processed)]) == 2
    assert "no active plan" in capsys.readouterr().err


def test_notebook_runs_top_to_bottom(ingested, monkeypatch):
    _, processed, _ = ingested
    monkeypatch.setenv("VNPLAN_PROCESSED_DIR", str(processed))
    notebook = json.loads((REPO / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert len(cells) >= 8
    namespace: dict = {}
    for i, cell in enumerate(cells[:-1]):
        exec(compile("".join(cell["source"]), f"explore.ipynb cell {i}", "exec"), namespace)
    assert len(namespace["tasks"]) == tables.read("tasks").shape[0] > 0
    assert set(namespace["quality"]["doc_number"]) >= {PLAN}
    # the last cell's value is what Jupyter displays: a picture, not `<Figure size ...>`
    body = ast.parse("".join(cells[-1]["source"]))
    *statements, last = body.body
    exec(compile(ast.Module(statements, []), "explore.ipynb last cell", "exec"), namespace)
    shown = eval(compile(ast.Expression(last.value), "explore.ipynb last cell", "eval"), namespace)
    png = shown._repr_png_()
    width, height = _png_size(png)
    assert width >= 1000 and height >= 200


def test_quality_rows_and_dagster_metadata(ingested, capsys):
    _, processed, result = ingested
    quality = tables.read("document_quality", processed=processed)
    docs = tables.read("documents", processed=processed)
    assert set(quality["doc_id"]) == set(docs["doc_id"])
    row = quality.set_index("doc_number").loc[PLAN]
    assert row["n_tasks"] >= 3 and row["tasks_inline"] >= 3 and row["owner_share"] == 1.0
    meta = {e.asset_key: e.materialization.metadata
            for e in result.get_asset_materialization_events()}
    q = meta[AssetKey(["delta", "document_quality"])]
    assert q["documents"].value == len(docs) and PLAN in q["quality"].value
    charts = meta[AssetKey("reports")]
    assert "data:image/png;base64," in charts["charts"].value
    assert charts["tasks_per_agency"].value.endswith("tasks-per-agency.png")
    assert run(["quality", "--processed", str(processed)]) == 0
    lines = [ln.split() for ln in capsys.readouterr().out.splitlines()[1:]]
    scores = [float(ln[0]) for ln in lines if ln and ln[0][0].isdigit()]
    assert len(scores) == len(docs) and scores == sorted(scores)


def test_xlsx_of_the_sample_keeps_vietnamese(ingested, tmp_path):
    _, processed, _ = ingested
    out = tmp_path / "plan.xlsx"
    export(["tasks"], out=out, processed=processed,
           selection=tables_selection(doc_number=PLAN))
    ws = openpyxl.load_workbook(out)["Nhiệm vụ"]
    headers = [c.value for c in ws[1]]
    owners = [r[headers.index("Đơn vị chủ trì")].value for r in ws.iter_rows(min_row=2)]
    assert "Sở Văn hóa và Thể thao" in owners
    ends = [r[headers.index("Ngày kết thúc")].value for r in ws.iter_rows(min_row=2)]
    assert any(e is not None and e.date() == date(2023, 5, 31) for e in ends)


def tables_selection(**kw):
    from pipeline.tables.selection import Selection
    return Selection.of(**kw)


def test_status_on_the_sample(ingested, capsys):
    _, processed, _ = ingested
    assert run(["status", "--as-of", "2023-05-20", "--processed", str(processed),
                "--doc-number", PLAN, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (culture,) = [a for a in data["agencies"] if a["agency"].startswith("Sở Văn hóa và Thể thao")]
    assert culture["due_30"] >= 3 and culture["overdue"] == 0    # Tháng 5/2023, 11 days left


@pytest.mark.parametrize("flag", ["--json", "--quiet"])
def test_ingest_flags_for_scripts(ingested, monkeypatch, tmp_path, capsys, flag):
    from pipeline.cli.ingest import add_subcommands
    import argparse
    raw, processed, _ = ingested
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("VNPLAN_PARSE_WORKERS", "0")
    parser = argparse.ArgumentParser(prog="vnplan")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ingest", str(raw), "--processed", str(processed), flag])
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert "ingest: parse" not in captured.err
    if flag == "--quiet":
        assert captured.out == ""
    else:
        data = json.loads(captured.out)
        assert data["summary"]["unchanged_files"] == data["summary"]["files"] > 0
        assert {t["table"] for t in data["tables"]} >= {"tasks", "document_quality"}
