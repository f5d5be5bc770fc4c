"""parsers.html_inline and the Markdown forms read with it: HTML inside a Markdown copy,
tables without their outer `|`, emphasis around a numbering label, stray marks."""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers.html_inline import LINE_IN_CELL, markdown_lines
from parsers.text_reader import _strip_markdown, read_text

WILD = Path(__file__).resolve().parents[3] / "shared" / "wild" / "docs"


def test_html_read_as_markdown():
    lines = ['<p align="center"><b>', "QUYẾT ĐỊNH<br>", "Quy định việc sử dụng nguồn kinh phí<br>",
             "</b></p>", "<b>Điều 1. Phạm vi điều chỉnh</b><br>", "1. Quyết định này quy định &amp; hướng dẫn.<br>",
             '<img src="x.png" alt="con dấu"/>']
    out, numbers = markdown_lines(lines)
    assert [t for t in out if t] == ["**QUYẾT ĐỊNH**", "**Quy định việc sử dụng nguồn kinh phí**",
                                     "**Điều 1. Phạm vi điều chỉnh**", "1. Quyết định này quy định & hướng dẫn."]
    assert numbers[out.index("**Điều 1. Phạm vi điều chỉnh**")] == 5


def test_html_table_rows():
    lines = ["<table>", "<tr>", '<td colspan="2"><b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HÀ NỘI</b></td>',
             "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td>", "</tr>", "</table>"]
    out, _ = markdown_lines(lines)
    cell = f"ỦY BAN NHÂN DÂN{LINE_IN_CELL}THÀNH PHỐ HÀ NỘI"
    assert out == [f"| {cell} | {cell} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"]


@pytest.mark.parametrize("lines", [
    ["Kính gửi: <tên viết tắt của cơ quan>", "Nội dung"],        # a form's placeholder is text
    ["1. Sở Tài chính chủ trì.", "2. Sở Nội vụ phối hợp."],
])
def test_text_without_html_is_left_alone(lines):
    assert markdown_lines(lines) is None


@pytest.mark.parametrize("text, expected", [
    ("*a) *Tổ chức tuyên truyền phổ biến", "a) Tổ chức tuyên truyền phổ biến"),      # tnt305 copies
    ("- **b2) Đối với việc bình ổn giá", "- b2) Đối với việc bình ổn giá"),           # an unclosed run
    ("Kế hoạch sử dụng đất: *Thực hiện theo quy định", "Kế hoạch sử dụng đất: Thực hiện theo quy định"),
    ("chỉ tiêu (*) năm 2025", "chỉ tiêu (*) năm 2025"),
    ("Trung tâm Chuyển đổi số *(Sở Khoa học và Công nghệ) *thông báo",          # tnt305 copies
     "Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ) thông báo"),
    ("**I. MỤC ĐÍCH, YÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
])
def test_emphasis_marks(text, expected):
    assert _strip_markdown(text)[0] == expected


def test_table_without_outer_pipes(tmp_path):
    path = tmp_path / "qd.md"
    path.write_text("ỦY BAN NHÂN DÂN         |  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                    "THÀNH PHỐ HÀ NỘI       |          Độc lập - Tự do - Hạnh phúc\n"
                    "---------------------- | ------------------------------------\n"
                    "Số: 08/2025/QĐ-UBND    |  Hà Nội, ngày 25 tháng 02 năm 2025\n\n"
                    "# QUYẾT ĐỊNH\n", encoding="utf-8")
    rows = [b.cells for b in read_text(path).blocks if b.is_row]
    assert rows == [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    ("THÀNH PHỐ HÀ NỘI", "Độc lập - Tự do - Hạnh phúc"),
                    ("Số: 08/2025/QĐ-UBND", "Hà Nội, ngày 25 tháng 02 năm 2025")]


# (file, a block's text that must be read, no tag left): Markdown copies with HTML in them
CORPUS = [
    ("ragdemo__VanBanGoc-QD-03.2025.md", "Điều 1. Phạm vi điều chỉnh"),
    ("ragdemo__VanBanGoc-QD-18.2025.md", "QUYẾT ĐỊNH"),
    ("ragdemo__VanBanGoc-NQ-12.2025.md", "NGHỊ QUYẾT"),
]


@pytest.mark.parametrize("name, text", CORPUS, ids=[n for n, _ in CORPUS])
def test_corpus_html_in_markdown(name, text):
    path = WILD / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    blocks = read_text(path).blocks
    assert any(b.text == text for b in blocks)
    assert not any("<b>" in b.text or "<br" in b.text or "</" in b.text for b in blocks)


def test_page_numbers_of_a_copy_of_pages_are_left_out(tmp_path):
    """OCR output keeps each page's number on a line of its own (trangsct QĐ 11/2026 OCR):
    a rising sequence far apart is left out; a table's row numbers are kept."""
    from parsers.text_reader import page_number_lines
    page = ["Sở Xây dựng chủ trì, phối hợp với các sở, ngành thực hiện nhiệm vụ."] * 25
    lines = page + ["", "2", ""] + page + ["", "3", ""] + page + ["Trang 4"] + page
    assert sorted(page_number_lines(lines)) == [26, 54, 81]
    rows = []
    for k in range(1, 8):
        rows += [str(k), f"Nội dung số {k}.", "Sở Tài chính", ""]
    assert page_number_lines(rows) == set()
