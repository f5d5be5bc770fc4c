"""`vnplan export`: XLSX, CSV, JSON Lines, Parquet; filters; versions; same bytes twice."""
from __future__ import annotations

import io
import json
import unicodedata
from datetime import date, datetime

import openpyxl
from openpyxl.utils import get_column_letter
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.tables import dictionary
from pipeline.outputs.exports import NoMatch, export
from pipeline.tables.publish import publish
from pipeline.tables.schemas import TABLES
from pipeline.tables.selection import Selection
from pipeline.tables import read_arrow, version_time

from users_fixtures import run, sample_rows


def test_xlsx_has_vietnamese_headers_date_cells_and_a_dictionary(sample_tables, tmp_path):
    out = tmp_path / "tasks.xlsx"
    export(["tasks", "documents"], fmt="xlsx", out=out, processed=sample_tables)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Nhiệm vụ", "Văn bản", "Từ điển dữ liệu"]
    ws = wb["Nhiệm vụ"]
    headers = [c.value for c in ws[1]]
    day = version_time("tasks", None, sample_tables).strftime("%d/%m/%Y")
    assert headers == [h if h != "Tình trạng hạn" else f"Tình trạng hạn ngày {day}"
                       for h in dictionary.people_headers("tasks")]
    assert "Đơn vị chủ trì" in headers and "Ngày kết thúc" in headers
    assert ws.freeze_panes == "A2"
    col = {h: i for i, h in enumerate(headers)}
    first = [c for c in ws[2]]
    end = first[col["Ngày kết thúc"]]
    assert isinstance(end.value, datetime) and end.value.date() == date(2024, 5, 31)
    assert end.number_format == "DD/MM/YYYY"
    assert first[col["Ngày bắt đầu"]].is_date
    owner = first[col["Đơn vị chủ trì"]].value
    assert owner == "Sở Y tế" and unicodedata.is_normalized("NFC", owner)
    contents = [r[col["Nội dung"]].value for r in ws.iter_rows(min_row=2)]
    assert "Tổ chức tiêm chủng cho trẻ em" in contents
    a3 = next(r for r in ws.iter_rows(min_row=2) if r[col["Mã nhiệm vụ"]].value == "a-0003")
    assert a3[col["Đơn vị phối hợp"]].value == "UBND các quận, huyện"
    assert ws.column_dimensions[get_column_letter(col["Nội dung"] + 1)].width \
        >= len("Tổ chức tiêm chủng cho trẻ em")
    docs = wb["Văn bản"]
    assert docs.cell(2, dictionary.people_headers("documents").index("Cơ quan ban hành") + 1).value \
        == "Ủy ban nhân dân thành phố Hà Nội"
    described = {(r[1], r[2]) for r in wb["Từ điển dữ liệu"].iter_rows(values_only=True)}
    assert {("tasks", c) for c in TABLES["tasks"].schema.names} <= described
    assert {("documents", c) for c in TABLES["documents"].schema.names} <= described


def test_xlsx_of_a_version_is_the_same_bytes_and_dated_by_it(sample_tables, tmp_path):
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    export(["tasks"], fmt="xlsx", out=one, processed=sample_tables, version=0)
    export(["tasks"], fmt="xlsx", out=two, processed=sample_tables, version=0)
    assert one.read_bytes() == two.read_bytes()
    props = openpyxl.load_workbook(one).properties
    committed = version_time("tasks", 0, sample_tables).replace(tzinfo=None, microsecond=0)
    assert props.created == props.modified == committed


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_of_a_version_are_the_same_bytes(sample_tables, tmp_path, fmt):
    one, two = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
    export(["tasks"], fmt=fmt, out=one, processed=sample_tables, version=0)
    export(["tasks"], fmt=fmt, out=two, processed=sample_tables, version=0)
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 100


def test_csv_is_utf8_with_a_bom_and_reads_back(sample_tables, tmp_path):
    out = tmp_path / "tasks.csv"
    export(["tasks"], fmt="csv", out=out, processed=sample_tables)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == TABLES["tasks"].schema.names
    row = frame.set_index("task_id").loc["a-0003"]
    assert row["owner"] == "Sở Y tế" and row["partners"] == "UBND các quận, huyện"
    assert (row["end_date"], row["start_date"]) == ("2024-06-30", "")
    assert row["content"] == "Báo cáo kết quả tiêm chủng"


def test_jsonl_and_parquet_round_trip(sample_tables, tmp_path):
    table = read_arrow("tasks", processed=sample_tables)
    export(["tasks"], fmt="jsonl", out=tmp_path / "t.jsonl", processed=sample_tables)
    rows = [json.loads(line) for line in
            (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [{k: v.isoformat() if isinstance(v, date) else v for k, v in r.items()}
                for r in table.to_pylist()]
    assert rows == expected
    export(["tasks"], fmt="parquet", out=tmp_path / "t.parquet", processed=sample_tables)
    back = pq.read_table(tmp_path / "t.parquet")
    assert back.schema.equals(TABLES["tasks"].schema) and back.equals(table)


def test_an_older_version_exports_its_own_rows(sample_tables, tmp_path):
    _, tasks, _ = sample_rows()
    changed = [dict(t, content="Nội dung sửa") for t in tasks if t["doc_id"] == "b"]
    publish(sample_tables, "tasks", pa.Table.from_pylist(changed, schema=TABLES["tasks"].schema),
            {"b"})
    export(["tasks"], fmt="jsonl", out=tmp_path / "v0.jsonl", processed=sample_tables, version=0)
    export(["tasks"], fmt="jsonl", out=tmp_path / "v1.jsonl", processed=sample_tables)
    v0 = (tmp_path / "v0.jsonl").read_text(encoding="utf-8")
    assert "Nội dung sửa" not in v0 and "Nội dung sửa" in (tmp_path / "v1.jsonl").read_text(
        encoding="utf-8")


FILTERS = [   # (filters, task_ids kept)
    ({"issuer": "hà nội"}, ["a-0001", "a-0002", "a-0003", "a-0004"]),
    ({"issuer": "Ha Noi"}, ["a-0001", "a-0002", "a-0003", "a-0004"]),   # tone marks ignored
    ({"issuer": "UBND thành phố Hà Nội"}, ["a-0001", "a-0002", "a-0003", "a-0004"]),  # UBND
    ({"issuer": "Hu"}, []),                                          # whole words: not Huế
    ({"agency": "Sở TTTT"}, ["a-0002"]),                             # the initials of Sở TT&TT
    ({"agency": "So Van hoa va The thao"}, ["a-0004"]),
    ({"doc_number": "45 /KH-UBND"}, ["b-0001", "b-0002"]),
    ({"agency": "y tế"}, ["a-0001", "a-0003", "c-0001"]),             # owner mentions
    ({"agency": "quận, huyện"}, ["a-0003"]),                          # a partner
    ({"agency": "Thông tin và Truyền thông"}, ["a-0002"]),            # canonical of "Sở TT&TT"
    ({"date_from": date(2024, 6, 1), "date_to": date(2024, 6, 30)}, ["a-0003"]),
    ({"date_from": date(2024, 9, 1)}, ["a-0004", "b-0001"]),         # open-ended runs on
    ({"date_to": date(2024, 5, 1)}, ["a-0001", "c-0001"]),
    ({"issuer": "Hà Nội", "agency": "y tế", "date_to": date(2024, 5, 31)}, ["a-0001"]),
]


@pytest.mark.parametrize("filters, expected", FILTERS)
def test_task_filters(sample_tables, tmp_path, filters, expected):
    if not expected:
        with pytest.raises(NoMatch):
            export(["tasks", "task_agencies"], fmt="csv", out=tmp_path / "out",
                   processed=sample_tables, selection=Selection.of(**filters))
        assert not (tmp_path / "out").exists()
        return
    result = export(["tasks", "task_agencies"], fmt="csv", out=tmp_path / "out",
                    processed=sample_tables, selection=Selection.of(**filters))
    tasks, agencies = (e.table for e in result.tables)
    assert sorted(tasks.column("task_id").to_pylist()) == expected
    assert set(agencies.column("task_id").to_pylist()) <= set(expected)
    assert sorted(p.name for p in result.files) == ["task_agencies.csv", "tasks.csv"]


def test_document_filters(sample_tables, tmp_path):
    sel = Selection.of(date_from="2024-06-01")
    (docs,) = export(["documents"], fmt="jsonl", out=tmp_path / "d.jsonl",
                     processed=sample_tables, selection=sel).tables
    assert docs.table.column("doc_id").to_pylist() == ["b"]       # issued 10/6/2024
    (docs,) = export(["documents"], fmt="jsonl", out=tmp_path / "d.jsonl",
                     processed=sample_tables, selection=Selection.of(agency="Du lịch")).tables
    assert docs.table.column("doc_id").to_pylist() == ["b"]


def test_export_command(sample_tables, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert run(["export", "tasks", "documents", "--processed", str(sample_tables),
                "--out", str(out), "--agency", "Du lịch"]) == 0
    captured = capsys.readouterr()
    assert "exported tasks v0 (2 rows), documents v0 (1 rows) as xlsx" in captured.out
    assert "export: 1/3 tasks: 2 rows" in captured.err          # not a TTY: plain lines
    assert out.is_file()

    assert run(["export", "tasks", "--processed", str(sample_tables), "--out",
                str(tmp_path / "t.csv"), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["format"] == "csv" and data["tables"][0]["rows"] == 7 and not captured.err

    assert run(["export", "tasks", "--processed", str(sample_tables), "--out", "-",
                "--doc-number", "45/KH-UBND"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(ln)["task_id"] for ln in lines] == ["b-0001", "b-0002"]


def test_export_of_a_missing_version_is_a_usage_error(sample_tables, tmp_path, capsys):
    assert run(["export", "tasks", "--version", "7", "--processed", str(sample_tables),
                "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "no version 7" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_all_tables_into_one_workbook(sample_tables, tmp_path):
    result = export(list(TABLES), fmt="xlsx", out=tmp_path / "all.xlsx",
                    processed=sample_tables)
    wb = openpyxl.load_workbook(io.BytesIO(result.files[0].read_bytes()))
    assert len(wb.sheetnames) == len(TABLES) + 1
