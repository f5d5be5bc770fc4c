"""Deadline status on a day, per agency."""
from __future__ import annotations

import json
from datetime import date

import pytest

from pipeline.outputs.status import classify, per_agency, read_statuses

from users_fixtures import run

AS_OF = date(2024, 6, 15)


@pytest.mark.parametrize("kind, end, expected", [
    ("period", date(2024, 5, 31), "overdue"),          # Tháng 5/2024
    ("deadline", date(2024, 6, 15), "due_30"),         # due today
    ("deadline", date(2024, 7, 15), "due_30"),         # the 30th day
    ("deadline", date(2024, 7, 16), "due_later"),
    ("period", date(2024, 12, 31), "due_later"),       # Năm 2024
    ("recurring", None, "ongoing"),                    # Hằng năm
    ("ongoing", None, "ongoing"),                      # Thường xuyên
    ("open_ended", None, "no_deadline"),               # từ năm 2025
    ("unspecified", None, "no_deadline"),              # Theo chỉ đạo của UBND Thành phố
    (None, None, "no_deadline"),
])
def test_classify(kind, end, expected):
    assert classify(kind, end, AS_OF) == expected


def test_per_agency_uses_canonical_names_and_skips_withdrawn(sample_tables):
    counts = {c["agency"]: c for c in per_agency(read_statuses(AS_OF, sample_tables))}
    health = counts["Sở Y tế thành phố Hà Nội"]
    assert (health["overdue"], health["due_30"], health["total"]) == (1, 1, 2)
    assert counts["Sở Thông tin và Truyền thông thành phố Hà Nội"]["ongoing"] == 1
    assert counts["Sở Văn hóa và Thể thao thành phố Hà Nội"]["no_deadline"] == 1
    tourism = counts["Sở Du lịch tỉnh Thừa Thiên Huế"]
    assert (tourism["due_later"], tourism["no_deadline"]) == (1, 1)
    assert "Cục Y tế dự phòng" not in counts           # its document is withdrawn
    assert list(counts)[0] == "Sở Y tế thành phố Hà Nội"   # most overdue first


def test_agency_filter_and_partner_role(sample_tables):
    found = read_statuses(AS_OF, sample_tables, agency="quận, huyện", role="partner")
    assert [(s.task_id, s.status, s.days_left) for s in found] == [("a-0003", "due_30", 15)]
    assert read_statuses(AS_OF, sample_tables, agency="quận, huyện") == []


def test_status_command(sample_tables, capsys):
    assert run(["status", "--as-of", "2024-06-15", "--processed", str(sample_tables)]) == 0
    out = capsys.readouterr().out
    assert "tasks as of 2024-06-15" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("Sở Y tế thành phố Hà Nội"))
    assert line.split()[-6:] == ["1", "1", "0", "0", "0", "2"]

    assert run(["status", "--as-of", "2024-06-15", "--processed", str(sample_tables),
                "--agency", "Sở Du lịch", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["status"] for t in data["tasks"]] == ["due_later", "no_deadline"]
    assert data["tasks"][0]["end_date"] == "2024-09-30"


def test_status_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert run(["status", "--as-of", "2024-06-15", "--processed", str(tmp_path / "no")]) == 2
    assert "no such directory" in capsys.readouterr().err
