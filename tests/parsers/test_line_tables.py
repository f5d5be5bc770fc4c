"""Tables a PDF-to-text copy wrote a wrapped line at a time (`parsers.line_tables`): the
Official Gazette's text copies of the Government's action programmes."""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers.line_tables import find_line_tables

WILD = Path(__file__).resolve().parents[2].parent / "shared" / "wild" / "docs"

# A small table in the Gazette's layout (written for this test): a header whose titles
# wrap (`Cơ quan` + `chủ trì`), rows whose cells wrap, names across a line break
# (`Bộ Khoa học và` + `Công nghệ`), a date after `Thông tư số`, a page break that repeats
# the header, and a footnote at the page's foot.
GAZETTE = """\
Phụ lục
DANH MỤC NHIỆM VỤ
STT
Nhiệm vụ
Cơ quan
chủ trì
Đơn vị phối hợp
Tiến độ
thực hiện
1
Xây dựng Thông tư quy định về
đào tạo an toàn bức xạ (thay thế Thông tư số
34/2014/TT-BKHCN)
Bộ Khoa học và
Công nghệ
Các bộ, ngành có
liên quan
2026
2
Tổng kết việc thi hành
Nghị quyết số 66-NQ/TW1
Bộ Tư pháp
Bộ Nội vụ
Hằng năm
1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng pháp luật

STT
Nhiệm vụ
Cơ quan
chủ trì
Đơn vị phối hợp
Tiến độ
thực hiện
3
Rà soát các quy định
Kế hoạch năm 2026
Bộ Tài chính
Các bộ, ngành
Quý II/2026

Nơi nhận:
"""


@pytest.fixture(scope="module")
def gazette():
    [table] = find_line_tables(GAZETTE.split("\n"))
    return table


def test_header_titles_join_their_wrapped_lines(gazette):
    assert gazette.rows[0][1] == ("", "Nhiệm vụ", "Cơ quan chủ trì", "Đơn vị phối hợp", "Tiến độ thực hiện")


@pytest.mark.parametrize("row,cells", [
    # a name across a line break, a number after `Thông tư số`, a cell's wrapped lines
    (1, ("1", "Xây dựng Thông tư quy định về đào tạo an toàn bức xạ (thay thế Thông tư số 34/2014/TT-BKHCN)",
         "Bộ Khoa học và Công nghệ", "Các bộ, ngành có liên quan", "2026")),
    (2, ("2", "Tổng kết việc thi hành Nghị quyết số 66-NQ/TW1", "Bộ Tư pháp", "Bộ Nội vụ", "Hằng năm")),
    # after the header's copy on the next page: more pieces than columns join into the
    # task's cell, which wraps most
    (3, ("3", "Rà soát các quy định Kế hoạch năm 2026", "Bộ Tài chính", "Các bộ, ngành", "Quý II/2026")),
])
def test_rows_and_cells(gazette, row, cells):
    assert gazette.rows[row][1] == cells


def test_the_footnote_is_kept_as_a_note_and_the_table_ends_before_the_recipients(gazette):
    assert [text[:24] for _, text in gazette.notes] == ["1 Nghị quyết số 66-NQ/TW"]
    assert GAZETTE.split("\n")[gazette.last] == "Quý II/2026"


@pytest.mark.parametrize("lines,why", [
    # a row that goes on over the page: which piece goes on which cell cannot be told
    (["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "1", "Tổng kết việc thi", "Bộ Tư",
      "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "hành Nghị quyết", "pháp", "2026"], "page"),
    # a body's column that holds no body: a cell read into the wrong column
    (["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "1", "Tổng kết việc thi hành",
      "Điều 19", "2026"], "misread"),
    # a date's column that holds no date
    (["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "1", "Tổng kết việc thi hành",
      "Bộ Tư pháp", "Báo cáo tổng kết"], "misread"),
])
def test_a_row_that_cannot_be_told_apart_keeps_its_text_in_the_first_cell(lines, why):
    [table] = find_line_tables(lines)
    number, first, *rest = table.rows[1][1]
    assert number == "1" and not any(rest), why
    assert first.startswith("Tổng kết việc thi")


def test_no_table_without_a_body_column():
    assert find_line_tables(["TT", "Tên văn bản", "Ghi chú", "1", "Luật Đất đai", "Sửa đổi"]) == []


def test_header_in_capitals_joins_its_titles_by_their_first_words():
    """A header set in capitals (a targets table's): a line that opens with no title's
    first words goes on with the title above (`CƠ QUAN CHỦ` + `TRÌ, THEO DÕI`); a group's
    heading in capitals is its row, no heading of the text; a row's number may stand
    before its first words."""
    lines = ["TT", "CHỈ TIÊU", "MỤC TIÊU", "2026 - 2030", "CƠ QUAN CHỦ", "TRÌ, THEO DÕI", "CƠ QUAN",
             "PHỐI HỢP", "I", "VỀ KINH TẾ", "1", "Tốc độ tăng trưởng", "Phấn đấu ≥ 10,0", "Bộ Tài chính",
             "Các bộ, ngành", "2 Tỉ trọng công nghiệp chế", "biến trong GDP (%)", "28", "Bộ Công Thương",
             "Bộ Tài chính"]
    [table] = find_line_tables(lines)
    assert table.rows[0][1] == ("", "CHỈ TIÊU", "MỤC TIÊU 2026 - 2030", "CƠ QUAN CHỦ TRÌ, THEO DÕI",
                                "CƠ QUAN PHỐI HỢP")
    assert [cells[0] for _, cells in table.rows[1:]] == ["I", "1", "2"]
    assert table.rows[3][1] == ("2", "Tỉ trọng công nghiệp chế biến trong GDP (%)", "28", "Bộ Công Thương",
                                "Bộ Tài chính")


# Real Gazette copies: (file, section, owner, timing) of a task read from the table.
GAZETTE_TASKS = [
    ("hrmaster__quyet-dinh-so-893-qd-ttg-469593.txt", "PL.1", ["Bộ Khoa học và Công nghệ"], "Hằng năm"),
    ("hrmaster__quyet-dinh-so-893-qd-ttg-469593.txt", "PL.6", ["Bộ Ngoại giao"], "2026"),
    ("hrmaster__nghi-quyet-so-97-nq-cp-469324.txt", "PL.1", ["Các bộ, cơ quan ngang bộ"], "2026 và hằng năm"),
    ("hrmaster__nghi-quyet-so-105-nq-cp-469364.txt", "PLI.4", ["Các bộ, cơ quan ngang bộ"], "Trước ngày 01/3/2027"),
    # a header in capitals (`NHIỆM VỤ / THỜI HẠN / HOÀN THÀNH / CƠ QUAN CHỦ TRÌ / CƠ QUAN PHỐI HỢP`)
    ("hrmaster__nghi-quyet-so-109-nq-cp-469403.txt", "PLIII.2", ["Bộ Tư pháp"], "Tháng 12/2026"),
]


@pytest.mark.parametrize("name,section,owner,timing", GAZETTE_TASKS, ids=[f"{c[0][10:30]}:{c[1]}" for c in GAZETTE_TASKS])
def test_gazette_task_tables(parsed, name, section, owner, timing):
    path = WILD / name
    if not path.is_file():
        pytest.skip(f"{path} not here")
    [task] = [t for t in parsed(path).tasks if t.section == section]
    assert task.source_kind == "table"
    assert task.owner == owner and task.timing.raw == timing
