"""Import quality per document: the measures, the score, worst first."""
from __future__ import annotations

import pyarrow as pa
import pytest

from pipeline.tables.publish import publish
from pipeline.tables.quality import quality_row, score, worst_first
from pipeline.tables.schemas import DOCUMENT_QUALITY

from users_fixtures import parsed, publish_sample, run

# I. MỤC ĐÍCH (a paragraph under it), II. NHIỆM VỤ with 1. (two labelled lines)
# and 2. (one line), and a stray numbered item 3. that became no task
LINES = [("I", "I", "MỤC ĐÍCH, YÊU CẦU"),
         (None, "I.¶1", "Triển khai có hiệu quả các nhiệm vụ"),
         ("II", "II", "NHIỆM VỤ"),
         ("1", "II.1", "Tổ chức tiêm chủng cho trẻ em"),
         (None, "II.1.-1", "Đơn vị chủ trì: Sở Y tế"),
         (None, "II.1.-2", "Thời gian: Tháng 5/2024"),
         ("2", "II.2", "Sở Tài chính bố trí kinh phí"),
         ("3", "II.3", "Kiểm tra, giám sát việc thực hiện")]
TASKS = [{"block": 3, "owner": ["Sở Y tế"], "raw": "Tháng 5/2024", "kind": "period"},
         {"block": 6, "owner": ["Sở Tài chính"], "shape": "prose", "raw": "sau khi có hướng dẫn",
          "kind": "unparsed"}]
AGENCIES = [{"mention": "Sở Y tế", "known": True, "collective": False},
            {"mention": "Sở Tài chính", "known": True, "collective": False},
            {"mention": "Ban Quản lý dự án X", "known": False, "collective": False},
            {"mention": "các đơn vị liên quan", "known": False, "collective": True}]


def test_quality_row_measures():
    row = quality_row("d1", parsed(LINES, TASKS), AGENCIES)
    assert (row["n_tasks"], row["tasks_inline"], row["tasks_prose"], row["tasks_table"]) == \
        (2, 1, 1, 0)
    assert row["n_sections"] == 5                      # I, II, 1., 2., 3.
    assert (row["with_owner"], row["owner_share"]) == (2, 1.0)
    assert (row["with_timing"], row["timing_share"]) == (1, 0.5)   # "unparsed" is not parsed
    assert row["unknown_agencies"] == 2
    assert row["unknown_agency_names"] == ["Ban Quản lý dự án X"]
    # the paragraph under MỤC ĐÍCH and the stray item 3.; headings and task lines are not
    assert (row["body_lines"], row["unparsed_lines"]) == (8, 2)
    assert row["ocr_confidence"] is None and row["warnings"] == []
    expected = score(1.0, 0.5, 2 / 3, 1 - 2 / 8, None, 0)
    assert row["score"] == expected and 0 < expected < 100
    pa.Table.from_pylist([row], schema=DOCUMENT_QUALITY)          # fits the declared schema


def test_score_falls_with_ocr_doubt_warnings_and_missing_tasks():
    clean = quality_row("d1", parsed(LINES, TASKS), AGENCIES)["score"]
    ocr = quality_row("d2", parsed(LINES, TASKS, ocr=55.0), AGENCIES)["score"]
    warned = quality_row("d3", parsed(LINES, TASKS, warnings=("page 2 OCR",)), AGENCIES)["score"]
    empty = quality_row("d4", parsed(LINES, []), [])
    assert empty["owner_share"] is None and empty["unparsed_lines"] == 6
    assert empty["score"] < ocr < clean and warned == pytest.approx(clean - 5)


def test_worst_first():
    rows = [{"score": 80.0, "n_tasks": 3, "doc_number": "2/KH", "file_name": "b"},
            {"score": 35.5, "n_tasks": 0, "doc_number": None, "file_name": "a"},
            {"score": 80.0, "n_tasks": 1, "doc_number": "9/KH", "file_name": "c"}]
    assert [r["file_name"] for r in worst_first(rows)] == ["a", "c", "b"]


def test_quality_command_lists_worst_first(tmp_path, capsys):
    root = tmp_path / "processed"
    publish_sample(root)
    rows = [quality_row(doc_id, parsed(LINES, tasks), AGENCIES[:n])
            for doc_id, tasks, n in (("a", TASKS, 4), ("b", TASKS[:1], 1), ("c", [], 0))]
    publish(root, "document_quality", pa.Table.from_pylist(rows, schema=DOCUMENT_QUALITY),
            {"a", "b", "c"})
    assert run(["quality", "--processed", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = [ln.split() for ln in out[1:] if ln.strip() and ln.split()[0][0].isdigit()]
    scores = [float(r[0]) for r in listed]
    assert scores == sorted(scores) and len(scores) == 2     # c is withdrawn
    assert "unknown: Ban Quản lý dự án X" in "\n".join(out)
