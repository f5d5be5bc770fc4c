"""Exports for agency staff: the workbook and the excel-vi CSV as people read
them (document number, date and issuer on every task, labels for codes, the
deadline status on a day, ids last, long text wrapped), and the mistakes an
export refuses (a wrong --out, no tables yet, filters that match nothing)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

from pipeline.outputs.exports import export
from pipeline.tables import dictionary
from pipeline.tables.schemas import TABLES

from users_fixtures import HANOI, run

AS_OF = date(2024, 5, 20)        # a1 ends 31/5 (11 days), a3 is due 30/6 (41 days)


def _sheet(wb, name):
    ws = wb[name]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    return ws, headers, rows


def test_task_rows_carry_their_document_and_ids_go_last(sample_tables, tmp_path):
    out = tmp_path / "nv.xlsx"
    export(["tasks", "task_agencies"], out=out, processed=sample_tables, as_of=AS_OF)
    wb = openpyxl.load_workbook(out)
    ws, headers, rows = _sheet(wb, "Nhiệm vụ")
    assert headers[:3] == ["Số hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành"]
    assert headers[-5:] == ["Khối", "Ký tự đầu", "Ký tự cuối", "Mã văn bản", "Mã nhiệm vụ"]
    a1 = next(r for r in rows if r["Mã nhiệm vụ"] == "a-0001")
    assert (a1["Số hiệu văn bản"], a1["Cơ quan ban hành"]) == ("12/KH-UBND", HANOI)
    assert a1["Ngày ban hành"] == datetime(2024, 4, 3)
    letter = openpyxl.utils.get_column_letter(headers.index("Mã văn bản") + 1)
    assert ws.column_dimensions[letter].width <= 20              # ids no longer 60 wide
    _, _, agencies = _sheet(wb, "Cơ quan thực hiện")
    assert {r["Số hiệu văn bản"] for r in agencies} == {"12/KH-UBND", "45/KH-UBND", "7/KH-BYT"}


def test_content_is_wrapped_and_codes_shown_by_their_labels(sample_tables, tmp_path):
    out = tmp_path / "nv.xlsx"
    export(["tasks", "task_agencies"], out=out, processed=sample_tables, as_of=AS_OF)
    wb = openpyxl.load_workbook(out)
    ws, headers, rows = _sheet(wb, "Nhiệm vụ")
    content = headers.index("Nội dung") + 1
    assert ws.cell(2, content).alignment.wrap_text
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(content)].width >= 60
    kinds = {r["Mã nhiệm vụ"]: r["Loại thời gian"] for r in rows}
    assert (kinds["a-0003"], kinds["a-0001"], kinds["a-0002"]) == \
        ("Hạn chót", "Khoảng thời gian", "Thường xuyên")
    assert {r["Hình thức"] for r in rows} == {"Mục có dòng chủ trì"}
    _, _, agencies = _sheet(wb, "Cơ quan thực hiện")
    assert {r["Vai trò"] for r in agencies} == {"Chủ trì", "Phối hợp"}
    codes = {(r[0], r[1]): r[2] for r in wb["Từ điển dữ liệu"].iter_rows(values_only=True)
             if r[0] and "." in str(r[0])}
    assert codes[("task_agencies.role", "owner")] == "Chủ trì"
    assert codes[("tasks.timing_kind", "deadline")] == "Hạn chót"
    assert codes[("tasks.deadline_status", "overdue")] == "Quá hạn"


def test_deadline_status_as_of_a_day(sample_tables, tmp_path):
    out = tmp_path / "nv.xlsx"
    export(["tasks"], out=out, processed=sample_tables, as_of=AS_OF)
    _, headers, rows = _sheet(openpyxl.load_workbook(out), "Nhiệm vụ")
    status = next(h for h in headers if h.startswith("Tình trạng hạn"))
    assert status == "Tình trạng hạn ngày 20/05/2024"
    got = {r["Mã nhiệm vụ"]: r[status] for r in rows}
    assert got == {"a-0001": "Đến hạn trong 30 ngày", "a-0002": "Thường xuyên, định kỳ",
                   "a-0003": "Còn hạn", "a-0004": "Không có hạn chót",
                   "b-0001": "Còn hạn", "b-0002": "Không có hạn chót", "c-0001": "Quá hạn"}
    later = tmp_path / "later.xlsx"
    export(["tasks"], out=later, processed=sample_tables, as_of=date(2024, 6, 15))
    _, headers, rows = _sheet(openpyxl.load_workbook(later), "Nhiệm vụ")
    got = {r["Mã nhiệm vụ"]: r["Tình trạng hạn ngày 15/06/2024"] for r in rows}
    assert (got["a-0001"], got["a-0003"]) == ("Quá hạn", "Đến hạn trong 30 ngày")


def test_csv_excel_vi_dialect(sample_tables, tmp_path):
    out = tmp_path / "nv.csv"
    export(["tasks"], fmt="csv", out=out, processed=sample_tables, dialect="excel-vi",
           as_of=AS_OF)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Số hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành"]
    assert rows[0] == [h if h != "Tình trạng hạn" else "Tình trạng hạn ngày 20/05/2024"
                       for h in dictionary.people_headers("tasks")]
    a3 = next(r for r in rows if r[-1] == "a-0003")
    row = dict(zip(rows[0], a3))
    assert (row["Ngày ban hành"], row["Ngày kết thúc"]) == ("03/04/2024", "30/06/2024")
    assert row["Loại thời gian"] == "Hạn chót" and row["Đơn vị phối hợp"] == "UBND các quận, huyện"
    plain = tmp_path / "plain.csv"                  # the default stays what programs read
    export(["tasks"], fmt="csv", out=plain, processed=sample_tables)
    header = plain.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(TABLES["tasks"].schema.names)


@pytest.mark.parametrize("argv, code, message", [
    (["--out", "{tmp}/x.txt"], 2, ".txt is not an export format"),
    (["--format", "csv", "--out", "{tmp}/x.xlsx"], 2, "is not the format written"),
    (["--csv-dialect", "excel-vi", "--out", "{tmp}/x.xlsx"], 2, "is for --format csv"),
    (["--issuer", "Đà Nẵng", "--out", "{tmp}/x.xlsx"], 1, "no document's issuer matches"),
    (["--agency", "Sở Tư pháp", "--out", "{tmp}/x.xlsx"], 1, "no owner or partner matches"),
])
def test_export_refuses_and_writes_nothing(sample_tables, tmp_path, capsys, argv, code, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert run(["export", "tasks", "--processed", str(sample_tables), *argv]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.glob("x.*"))


def test_export_before_any_ingest_is_refused(tmp_path, capsys):
    processed = tmp_path / "processed"
    processed.mkdir()
    assert run(["export", "tasks", "--processed", str(processed),
                "--out", str(tmp_path / "t.xlsx")]) == 2
    assert "has not been published yet" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists()


def test_export_command_with_a_status_day(sample_tables, tmp_path, capsys):
    out = tmp_path / "nv.csv"
    assert run(["export", "tasks", "--processed", str(sample_tables), "--out", str(out),
                "--csv-dialect", "excel-vi", "--as-of", "2024-05-20"]) == 0
    assert "deadlines as of 2024-05-20" in capsys.readouterr().out
    assert "Tình trạng hạn ngày 20/05/2024" in out.read_text(encoding="utf-8-sig")
