"""Reading legal documents saved from web portals."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from parsers.html_reader import read_html
from parsers.model import ParseError

PORTAL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kế hoạch 134/KH-UBND</title>
<script>var banner = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM quảng cáo";</script>
<style>.content1 p { margin: 0 }</style></head>
<body>
<div id="header"><ul class="main-menu"><li><a href="/">Trang chủ</a></li>
  <li><a href="/van-ban">Văn bản pháp luật mới nhất trong tuần</a></li></ul></div>
<div class="breadcrumb">Trang chủ &gt; Văn bản &gt; Kế hoạch 134</div>
<nav><a href="/login">Đăng nhập tài khoản</a></nav>
<div class="wrapper"><div class="col-left">
 <div class="content1"><div id="divContentDoc">
  <table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH LÀO CAI</b></td>
             <td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>
         <tr><td>Số: 134/KH-UBND</td><td><i>Lào Cai, ngày 26 tháng 3 năm 2026</i></td></tr></table>
  <p align="center"><b>KẾ HOẠCH</b></p>
  <p>Thực hiện Nghị quyết&nbsp;số 34-NQ/TU   về phát triển
     các khu, cụm công nghiệp</p>
  <h3>I. MỤC ĐÍCH, YÊU CẦU</h3>
  <p>1. Sở Công Thương chủ trì, phối hợp với <a href="#">Sở Tài chính</a> tổ chức thực hiện.<br>2. Sở Xây dựng hướng dẫn.</p>
  <div>- Ủy ban nhân dân cấp xã <span style="font-weight:bold">thực hiện</span> công tác GPMB.</div>
  <table border="1">
   <tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th><th>Thời gian</th></tr>
   <tr><td rowspan="2">1</td><td>Rà soát quy hoạch</td><td>Sở Xây dựng</td><td>Quý II/2026</td></tr>
   <tr><td colspan="2">Báo cáo kết quả</td><td>Tháng 12/2026</td></tr>
  </table>
  <p style="display:none">Đoạn văn bị ẩn</p>
 </div></div>
</div>
<div class="sidebar"><h3>Văn bản liên quan</h3><ul>
  <li><a href="/a">Nghị định 35/2022/NĐ-CP về quản lý khu công nghiệp và khu kinh tế</a></li>
  <li><a href="/b">Nghị định 32/2024/NĐ-CP về quản lý, phát triển cụm công nghiệp</a></li></ul></div>
</div>
<footer><p>Bản quyền thuộc về công ty. Điện thoại hỗ trợ khách hàng 1900 0000</p></footer>
</body></html>
"""


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks apart: `ế` is `ê` + combining acute."""
    out = b""
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", c)
            base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONE_MARKS))
            out += base.encode("cp1258") + "".join(m for m in parts if m in TONE_MARKS).encode("cp1258")
    return out


def _write(tmp_path: Path, text: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return p


@pytest.fixture()
def doc(tmp_path):
    return read_html(_write(tmp_path, PORTAL_PAGE))


def test_reads_only_the_document(doc):
    text = "\n".join(b.text for b in doc.blocks)
    assert doc.format == "html" and doc.reader == "html"
    for junk in ("Trang chủ", "Đăng nhập", "Văn bản liên quan", "Bản quyền", "quảng cáo",
                 "Đoạn văn bị ẩn", "margin", "Nghị định 32/2024"):
        assert junk not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


def test_paragraphs_headings_and_bold(doc):
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    texts = [b.text for b in paragraphs]
    assert "Thực hiện Nghị quyết số 34-NQ/TU về phát triển các khu, cụm công nghiệp" in texts
    # <br> splits items; links stay in their paragraph
    assert "1. Sở Công Thương chủ trì, phối hợp với Sở Tài chính tổ chức thực hiện." in texts
    assert "2. Sở Xây dựng hướng dẫn." in texts
    by_text = {b.text: b for b in paragraphs}
    assert by_text["I. MỤC ĐÍCH, YÊU CẦU"].heading
    assert by_text["KẾ HOẠCH"].bold and not by_text["KẾ HOẠCH"].heading
    assert not by_text["- Ủy ban nhân dân cấp xã thực hiện công tác GPMB."].bold


def test_tables_become_rows_with_merged_cells_repeated(doc):
    rows = [b for b in doc.blocks if b.is_row]
    letterhead = [r for r in rows if r.table == 0]
    assert letterhead[0].cells == ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
                                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc")
    assert letterhead[0].bold
    assert letterhead[1].cells == ("Số: 134/KH-UBND", "Lào Cai, ngày 26 tháng 3 năm 2026")
    tasks = [r for r in rows if r.table == 1]
    assert [r.row for r in tasks] == [0, 1, 2]
    assert tasks[0].cells == ("TT", "Nội dung", "Chủ trì", "Thời gian")
    assert tasks[1].text == "1 | Rà soát quy hoạch | Sở Xây dựng | Quý II/2026"
    # rowspan repeats "1" downwards, colspan repeats "Báo cáo kết quả" across
    assert tasks[2].cells == ("1", "Báo cáo kết quả", "Báo cáo kết quả", "Tháng 12/2026")
    # the table comes after the paragraphs that precede it in the page
    order = [b.text for b in doc.blocks]
    assert order.index("2. Sở Xây dựng hướng dẫn.") < order.index(tasks[0].text)


def test_container_widened_to_the_motto(tmp_path):
    """The densest block is the body; the letterhead sits in a sibling element."""
    body = "".join(f"<p>{i}. Sở Nội vụ chủ trì tổ chức thực hiện nhiệm vụ số {i} theo kế hoạch.</p>"
                   for i in range(1, 9))
    page = (f"<html><body><div class='menu'><a href='/'>Trang chủ</a></div><div id='vb'>"
            f"<div class='top'><p>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></div>"
            f"<div class='noidung'>{body}</div></div>"
            f"<div class='box-lienquan'><p>Văn bản cùng lĩnh vực rất dài để làm nhiễu</p></div></body></html>")
    doc = read_html(_write(tmp_path, page))
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert texts[-1].startswith("8. Sở Nội vụ")
    assert "Trang chủ" not in texts and not any("cùng lĩnh vực" in t for t in texts)
    assert any("motto" in w for w in doc.warnings)


def test_declared_windows_1258_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>'
            '<body><p>Kế hoạch của Ủy ban nhân dân tỉnh</p></body></html>')
    doc = read_html(_write(tmp_path, page, encoding="cp1258"))
    assert doc.encoding == "windows-1258"
    assert doc.blocks[0].text == "Kế hoạch của Ủy ban nhân dân tỉnh"


def test_legacy_font_text_is_converted(tmp_path):
    page = ("<html><body><p>Ch¬ng tr×nh hµnh ®éng cña Uû ban nh©n d©n tØnh</p>"
            "<p>Së Tµi chÝnh chñ tr×, phèi hîp víi c¸c së</p></body></html>")
    doc = read_html(_write(tmp_path, page))
    assert doc.blocks[0].text == "Chương trình hành động của Uỷ ban nhân dân tỉnh"
    assert any("tcvn3" in w for w in doc.warnings)


@pytest.mark.parametrize("page", ["", "   ", "<html><body><script>x()</script></body></html>"])
def test_empty_page(tmp_path, page):
    with pytest.raises(ParseError) as err:
        read_html(_write(tmp_path, page))
    assert err.value.reason == "empty"


def test_furniture_class_on_the_document_container_does_not_drop_it(tmp_path):
    body = "".join(f"<p>{i}. Sở Y tế chủ trì triển khai nội dung số {i} của kế hoạch này.</p>" for i in range(1, 6))
    page = (f"<html><body><div role='navigation'><a href='/'>Trang chủ</a></div>"
            f"<div class='main has-sidebar'>{body}</div></body></html>")
    texts = [b.text for b in read_html(_write(tmp_path, page)).blocks]
    assert texts == [f"{i}. Sở Y tế chủ trì triển khai nội dung số {i} của kế hoạch này." for i in range(1, 6)]


def test_a_table_split_across_pages_goes_on(tmp_path):
    """A Word page saved as HTML cuts a task table at a page break into two <table>s, the
    header repeated on the new page; a table after a paragraph is another table."""
    head = "<tr><td>TT</td><td>Nội dung</td><td>Chủ trì</td></tr>"
    rows = lambda a, b: "".join(f"<tr><td>{k}</td><td>Việc số {k}</td><td>Sở Nội vụ</td></tr>"  # noqa: E731
                                for k in range(a, b))
    page = (f"<html><body><div><p>KẾ HOẠCH</p><table>{head}{rows(1, 4)}</table>"
            f"<br clear='all' style='page-break-before:always'><table>{head}{rows(4, 6)}</table>"
            f"<p>Phụ lục II</p><table>{head}{rows(1, 2)}</table></div></body></html>")
    blocks = [b for b in read_html(_write(tmp_path, page)).blocks if b.is_row]
    assert [(b.table, b.row) for b in blocks] == [(0, r) for r in range(6)] + [(1, 0), (1, 1)]
    assert [b.cells[0] for b in blocks[:6]] == ["TT", "1", "2", "3", "4", "5"]
