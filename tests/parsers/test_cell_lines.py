"""parsers.cell_lines: portal tables written one cell per run of lines between `|` lines.

Synthetic fixtures are short lines written here; corpus cases name their file and read
it at test time (skipped when ../shared is absent).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers.cell_lines import find_cell_tables, is_gap
from parsers.text_reader import read_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WILD = Path(__file__).resolve().parents[3] / "shared" / "wild" / "docs"


def rows(lines: list[str]) -> list[tuple[str, ...]]:
    return [cells for t in find_cell_tables(lines) for _, cells, _ in t.rows]


# A letterhead as a portal writes it: two cells, a row end (`|` + `|`), two cells
LETTERHEAD = ["|", "**ỦY BAN NHÂN", "DÂN **", "TỈNH LAI CHÂU", "--------", "|",
              "**CỘNG HÒA XÃ", "HỘI CHỦ NGHĨA VIỆT NAM**", "Độc lập - Tự do - Hạnh phúc", "|", "|",
              "Số:", "87/2025/QĐ-UBND", "|", "*Lai Châu, ngày", "19 tháng 11 năm 2025*", "|"]

# A task table: header, a group row spanning the row, data rows with an empty last cell
TASK_TABLE = ["|", "**TT**", "|", "**Nội dung thực", "hiện**", "|", "**Cơ quan chủ trì**", "|",
              "**Thời gian**", "|", "**Sản phẩm**", "|", "|",
              "**I**", "|", "**KIỆN TOÀN CƠ CHẾ**", "|", "|",
              "1", "|", "Tổ chức lại Ban Chỉ huy cấp tỉnh,", "cấp xã", "|", "Sở Khoa học và", "Công nghệ",
              "|", "Trước ngày", "30/11/2025", "|", "|", "|",
              "2", "|", "Ban hành quy chế", "|", "Sở Tài chính", "|", "2025", "|", "Quyết định", "|"]


@pytest.mark.parametrize("lines, expected", [
    (LETTERHEAD, [("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
                  ("Số: 87/2025/QĐ-UBND", "Lai Châu, ngày 19 tháng 11 năm 2025")]),
    (TASK_TABLE, [("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Thời gian", "Sản phẩm"),
                  ("I", "KIỆN TOÀN CƠ CHẾ", "", "", ""),
                  ("1", "Tổ chức lại Ban Chỉ huy cấp tỉnh, cấp xã", "Sở Khoa học và Công nghệ",
                   "Trước ngày 30/11/2025", ""),
                  ("2", "Ban hành quy chế", "Sở Tài chính", "2025", "Quyết định")]),
    # a copy that starts inside its letterhead leaves out the first `|`
    (["TỔNG CỤC THUẾ", "CỤC THUẾ TP HÀ NỘI", "-------", "|", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "|",
      "Số: 101322/CTHN-TTHT", "V/v chính sách thuế", "GTGT", "|"],
     [("TỔNG CỤC THUẾ\nCỤC THUẾ TP HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
       "Số: 101322/CTHN-TTHT\nV/v chính sách thuế GTGT")]),
    # capitals wrapped inside a name are one line; a new name is a line of its own
    (["|", "THỦ TƯỚNG CHÍNH", "PHỦ", "|", "HỘI ĐỒNG", "NHÂN DÂN", "TỈNH QUẢNG NAM", "|"],
     [("THỦ TƯỚNG CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NAM")]),
    # a row the copy ran into the next one is split before its row number
    (["|", "TT", "|", "Nội dung", "|", "Chủ trì", "|", "|", "1", "|", "Việc A", "|", "Sở A", "|",
      "…........", "|", "2", "|", "Việc B", "|", "Sở B", "|", "|", "3", "|", "Việc C", "|", "Sở C", "|",
      "|", "4", "|", "Việc D", "|", "Sở D", "|"],
     [("TT", "Nội dung", "Chủ trì"), ("1", "Việc A", "Sở A", "…........"), ("2", "Việc B", "Sở B"),
      ("3", "Việc C", "Sở C"), ("4", "Việc D", "Sở D")]),
])
def test_cell_tables(lines, expected):
    assert rows(lines) == expected


def test_text_between_tables_is_no_cell():
    """The body after the letterhead (it holds the document's end mark) and an appendix
    title are text between two tables; a one-line cell is a cell."""
    body = ["**KẾ HOẠCH**", "Thực hiện Quyết định số 1899/QĐ-TTg ...", "Ủy ban nhân dân tỉnh thực hiện./."]
    lines = LETTERHEAD + body + ["|", "Nơi nhận:", "- Như trên;", "|", "KT. CHỦ TỊCH", "|"]
    tables = find_cell_tables(lines)
    assert [len(t.rows) for t in tables] == [2, 1]
    assert tables[0].last < len(LETTERHEAD) and tables[1].first == len(LETTERHEAD) + len(body)
    assert is_gap(body) and not is_gap(["Sở Tài chính"])
    assert is_gap(["**PHỤ LỤC**", "DANH MỤC NHIỆM VỤ", "*(Kèm theo Kế hoạch số 980/KH-UBND)*"])


def test_a_short_row_under_a_numbered_row_takes_its_spanned_cells():
    lines = ["|", "TT", "|", "Nội dung", "|", "Chủ trì", "|", "Phối hợp", "|", "|",
             "1", "|", "Việc A", "|", "Sở A", "|", "Sở C", "|", "|", "Sở B", "|", "Sở D", "|"]
    assert rows(lines)[-1] == ("1", "Việc A", "Sở B", "Sở D")


def test_a_group_heading_with_its_number_inside_spans_the_row():
    """`**II. HOÀN THIỆN CƠ CHẾ ...**` alone under a numbered row (the appendix table of
    wild/docs/tnt305__dataset-8718801c503045f9.md) is a group's heading, not the last cell
    of a row whose left cells the row above spans."""
    lines = ["|", "STT", "|", "Tên nhiệm vụ", "|", "Cơ quan chủ trì", "|", "Thời gian hoàn thành", "|", "|",
             "3", "|", "Biểu dương doanh nghiệp", "|", "Sở Nội vụ", "|", "Thường xuyên", "|", "|",
             "**II. HOÀN", "THIỆN CƠ CHẾ**", "|", "|",
             "4", "|", "Xây dựng Bộ tiêu chí", "|", "Sở KH&CN", "|", "Quí IV-2025", "|"]
    assert rows(lines)[1:] == [("3", "Biểu dương doanh nghiệp", "Sở Nội vụ", "Thường xuyên"),
                               ("II. HOÀN THIỆN CƠ CHẾ", "", "", ""),
                               ("4", "Xây dựng Bộ tiêu chí", "Sở KH&CN", "Quí IV-2025")]


def test_a_caption_between_two_tables_starts_the_next():
    """A numbered heading in bold capitals right before a bold header row, between the `|`
    lines of the table above (`**B. QUY TRÌNH ĐIỆN TỬ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH**` then
    `**CÁC BƯỚC**` ... in wild/docs/tnt305__dataset-e1d32e33e6daa23a.md, `**II. DANH MỤC
    THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ**` in wild/docs/tnt305__dataset-71153021e3559f5e.md), is
    the next table's caption: the tables keep their own widths. A group's heading followed
    by its row's empty cells stays a row of its table."""
    first = ["|", "**STT**", "|", "**Tên thủ tục**", "|", "|", "1", "|", "Thủ tục A", "|"]
    second = ["|", "**CÁC BƯỚC**", "|", "**TRÌNH TỰ THỰC HIỆN**", "|", "**ĐƠN VỊ GIẢI QUYẾT**", "|",
              "|", "Bước 1", "|", "Tiếp nhận hồ sơ", "|", "Chuyên viên Phòng Đổi mới sáng tạo", "|"]
    tables = find_cell_tables(first + ["**B. QUY TRÌNH ĐIỆN TỬ", "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH**"] + second)
    assert [[cells for _, cells, _ in t.rows] for t in tables] == [
        [("STT", "Tên thủ tục"), ("1", "Thủ tục A")],
        [("CÁC BƯỚC", "TRÌNH TỰ THỰC HIỆN", "ĐƠN VỊ GIẢI QUYẾT"),
         ("Bước 1", "Tiếp nhận hồ sơ", "Chuyên viên Phòng Đổi mới sáng tạo")]]
    group = ["|", "**II. THAM GIA ĐẠI HỘI**", "|", "|", "|", "**1**", "|", "**Tiền luyện tập**", "|",
             "**2**", "|"]
    assert len(find_cell_tables(first[:-1] + group)) == 1


def test_a_bold_header_row_sets_the_number_of_columns():
    """Rows whose last cells are empty cannot tell how many columns a table has; the bold
    header row that opens it can (`TT | Đơn vị/ người thực hiện | Nội dung công việc | Thời
    gian thực hiện | Mức độ Dịch vụ công`: the first step was read into the header's row)."""
    header = ("TT", "Đơn vị/ người thực hiện", "Nội dung công việc", "Thời gian thực hiện",
              "Mức độ Dịch vụ công")
    table = _table_rows(_corpus("tnt305__dataset-f7f2733d47a603dc.md", WILD))
    at = table.index(header)
    assert table[at + 1][0] == "Bước 1" and len(table[at + 1]) == len(header)


def test_wild_group_heading_is_no_timing(parsed):
    path = _corpus("tnt305__dataset-8718801c503045f9.md", WILD)
    assert not [t for t in parsed(path).tasks if t.timing.raw and t.timing.raw.startswith("II.")]


def _corpus(name: str, where: Path = CORPUS) -> Path:
    path = where / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    return path


def _table_rows(path: Path) -> list[tuple[str, ...]]:
    return [b.cells for b in read_text(path).blocks if b.is_row]


# (file, a row that must come out whole): appendix task tables and letterheads
CORPUS_ROWS = [
    ("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md",          # page copy, no blank lines
     ("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
      "Sản phẩm dự kiến")),
    ("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md",
     ("Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025")),
    ("dongthap-552-kh-ubnd-2025-lo-trinh-doi-moi-cong-nghe.md",
     ("Số: 552/KH-UBND", "Đồng Tháp, ngày 19 tháng 11 năm 2025")),
    ("quangngai-1627-qd-ubnd-2025-ke-hoach-tong-kiem-ke-tai-san-cong.md",
     ("Số: 1627/QĐ-UBND", "Quảng Ngãi, ngày 21 tháng 11 năm 2025")),
]


@pytest.mark.parametrize("name, row", CORPUS_ROWS, ids=[f"{n[:20]}-{r[0][:8]}" for n, r in CORPUS_ROWS])
def test_corpus_rows(name, row):
    found = _table_rows(_corpus(name))
    assert any(cells[:len(row)] == row for cells in found), found[:12]


def test_corpus_task_table_rows_are_aligned():
    """Every numbered data row of nghean-980's appendix has a body in the owner column."""
    found = _table_rows(_corpus("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md"))
    header = next(i for i, c in enumerate(found) if c[:2] == ("TT", "Nội dung thực hiện"))
    data = [c for c in found[header + 1:] if c[0].isdigit()]
    assert len(data) >= 15
    assert all(c[2].startswith(("Sở", "Bộ", "Ban", "Văn phòng", "UBND", "Cơ quan")) for c in data), data


def test_wild_page_copy_appendix_table():
    """A portal page with no blank lines: the numbered rows of a task table under a group
    row whose cell numbers it (`I`) come out with their body in the owner column."""
    found = _table_rows(_corpus("tnt305__dataset-f004d93b21e7fc5f.md", WILD))
    data = [c for c in found if c[0] in ("1.1", "2.1", "4.1")]
    assert len(data) >= 3 and all(c[2].startswith(("Sở", "Công an")) for c in data), data
