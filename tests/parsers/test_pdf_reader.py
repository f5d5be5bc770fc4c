"""Reading PDFs with a text layer: order, wraps, furniture, tables, errors."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib import colors, pdfencrypt  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from parsers.doc_reader import soffice_path  # noqa: E402

from parsers import ocr, pdf_tables  # noqa: E402
from parsers.model import ParseError  # noqa: E402
from parsers.pdf_layout import char_boxes  # noqa: E402
from parsers.pdf_reader import read_pdf, text_problem  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
SIZE = 12
LEFT, RIGHT_EDGE, INDENT, LEADING = 85, 510, 28, 18

HEADER = "BẢN SAO ĐIỆN TỬ - HỆ THỐNG QUẢN LÝ VĂN BẢN"
PARAGRAPHS = [
    "Thực hiện Nghị quyết số 34-NQ/TU ngày 27 tháng 12 năm 2025 của Ban Thường vụ Tỉnh ủy về phát "
    "triển các khu, cụm công nghiệp, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện với các nội "
    "dung như sau:",
    "1. Sở Công Thương chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân cấp xã rà soát, đánh "
    "giá hiện trạng các cụm công nghiệp đã thành lập, đề xuất phương án mở rộng trong năm 2026.",
    "2. Sở Tài chính",
    "- Tham mưu cho Ủy ban nhân dân tỉnh bố trí vốn đầu tư kết cấu hạ tầng đến chân hàng rào các "
    "khu, cụm công nghiệp theo khả năng cân đối ngân sách hằng năm;",
    "- Hướng dẫn các đơn vị lập, cập nhật danh mục dự án thu hút đầu tư.",
] + [f"{k}. Ban Quản lý Khu kinh tế chủ trì, phối hợp với Ủy ban nhân dân cấp xã và các nhà đầu tư "
     f"hạ tầng thực hiện nhiệm vụ số {k} về giải phóng mặt bằng, tái định cư và thu hút đầu tư thứ "
     f"cấp vào các khu công nghiệp, bảo đảm tiến độ theo kế hoạch được giao." for k in range(3, 20)]


@pytest.fixture(scope="module", autouse=True)
def _font():
    if not FONT_PATH.is_file():
        pytest.skip("DejaVu font not installed")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))


def _wrap(text: str, first_indent: float) -> list[tuple[float, str]]:
    """Hard-wrap `text` like a word processor: (x, line) with a first-line indent."""
    lines, current, x = [], "", LEFT + first_indent
    for word in text.split():
        trial = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(trial, FONT, SIZE) > RIGHT_EDGE - x and current:
            lines.append((x, current))
            current, x = word, LEFT
        else:
            current = trial
    lines.append((x, current))
    return lines


def _furniture(c: canvas.Canvas, number: int) -> None:
    c.setFont(FONT, 9)
    c.drawCentredString(A4[0] / 2, A4[1] - 30, HEADER)
    c.drawCentredString(A4[0] / 2, 30, str(number))


def make_letter(path: Path) -> tuple[Path, int, list[str]]:
    """A plan of several pages: letterhead, wrapped paragraphs, paragraphs across page breaks.
    Returns the path, the page count and the paragraphs that a page break cut."""
    c = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    _furniture(c, page)
    c.setFont(FONT, 10)
    y = A4[1] - 70
    c.drawCentredString(160, y, "ỦY BAN NHÂN DÂN")
    c.drawCentredString(420, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawCentredString(160, y - 14, "TỈNH LÀO CAI")
    c.drawCentredString(420, y - 14, "Độc lập - Tự do - Hạnh phúc")
    c.drawString(100, y - 40, "Số: 12/KH-UBND")
    c.drawString(330, y - 40, "Lào Cai, ngày 26 tháng 3 năm 2026")
    c.drawCentredString(A4[0] / 2, y - 80, "KẾ HOẠCH")
    y -= 120
    c.setFont(FONT, SIZE)
    cut = []
    for text in PARAGRAPHS:
        for n, (x, line) in enumerate(_wrap(text, INDENT)):
            if y < 80:
                c.showPage()
                page += 1
                _furniture(c, page)
                c.setFont(FONT, SIZE)
                y = A4[1] - 70
                if n:
                    cut.append(text)
            c.drawString(x, y, line)
            y -= LEADING
    c.save()
    return path, page, cut


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    path, pages, cut = make_letter(tmp_path_factory.mktemp("pdf") / "letter.pdf")
    assert pages >= 3 and cut, "the fixture must break a paragraph across pages"
    return path, read_pdf(path), pages, cut


def test_text_layer_reader(letter):
    _, doc, pages, _ = letter
    assert doc.format == "pdf" and doc.reader == "pdf-text"
    assert doc.pages == pages and doc.ocr_confidence is None
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert {b.kind for b in doc.blocks} == {"paragraph", "row"}       # no widgets, no stamps


def test_char_boxes_are_pdfiums(letter):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(letter[0])
    textpage = pdf[0].get_textpage()
    text = textpage.get_text_range()
    left, bottom, right, top = char_boxes(textpage, text)
    assert len(left) == len(text) > 100
    for i, ch in enumerate(text):
        if ch.isspace():      # white space gets an empty box
            assert (left[i], right[i]) == (float("inf"), float("-inf"))
        else:
            assert (left[i], bottom[i], right[i], top[i]) == textpage.get_charbox(i)


def test_wrapped_paragraphs_rejoined_and_items_kept_apart(letter):
    _, doc, _, _ = letter
    texts = [b.text for b in doc.blocks]
    for paragraph in PARAGRAPHS:
        assert paragraph in texts
    assert texts.index(PARAGRAPHS[2]) == texts.index(PARAGRAPHS[1]) + 1


def test_page_furniture_removed(letter):
    _, doc, pages, _ = letter
    assert not any(HEADER in b.text for b in doc.blocks)
    assert not any(b.text.strip() in {str(k) for k in range(1, pages + 1)} for b in doc.blocks)
    assert any("header/footer" in w for w in doc.warnings)


def test_pages_per_block_and_paragraph_across_a_page_break(letter):
    _, doc, n_pages, cut = letter
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == n_pages
    by_text = {b.text: b for b in doc.blocks}
    assert by_text[PARAGRAPHS[0]].page == 1
    # an item that a page break cut comes out whole, on the page where it starts
    for text in cut:
        assert text in by_text
        assert by_text[text].page < pages[-1]


def test_letterhead_line_with_two_columns_is_a_row(letter):
    _, doc, _, _ = letter
    rows = [b.cells for b in doc.blocks if b.is_row]
    assert rows[:3] == [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                        ("TỈNH LÀO CAI", "Độc lập - Tự do - Hạnh phúc"),
                        ("Số: 12/KH-UBND", "Lào Cai, ngày 26 tháng 3 năm 2026")]
    assert all(b.table is None for b in doc.blocks[:3])
    assert doc.blocks[3].text == "KẾ HOẠCH"


def make_table_pdf(path: Path, rows: int = 40) -> Path:
    style = ParagraphStyle("vi", fontName=FONT, fontSize=11, leading=14)
    data = [["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]]
    for k in range(1, rows + 1):
        data.append([str(k), f"Rà soát quy hoạch cụm công nghiệp số {k}", "Sở Công Thương", f"Quý {k % 4 + 1}/2026"])
    data.append(["", "Tổng hợp báo cáo kết quả thực hiện", "", "Tháng 12/2026"])
    table = Table(data, repeatRows=1, colWidths=[40, 220, 130, 90])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("SPAN", (1, -1), (2, -1))]))
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([Paragraph("PHỤ LỤC: DANH MỤC NHIỆM VỤ", style), table,
               Paragraph("Các cơ quan báo cáo kết quả trước ngày 20 hằng tháng.", style)])
    return path


def test_ruled_table_across_pages(tmp_path):
    doc = read_pdf(make_table_pdf(tmp_path / "table.pdf"))
    rows = [b for b in doc.blocks if b.is_row]
    assert doc.pages >= 2 and {b.page for b in rows} >= {1, 2}
    assert {b.table for b in rows} == {0}                      # one table across the page break
    assert [b.row for b in rows] == list(range(len(rows)))
    assert len(rows) == 42                                     # header once + 40 rows + total row
    assert rows[0].cells == ("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian")
    assert rows[7].cells == ("7", "Rà soát quy hoạch cụm công nghiệp số 7", "Sở Công Thương", "Quý 4/2026")
    assert rows[7].text == " | ".join(rows[7].cells)
    # a cell spanning two columns is repeated in both
    assert rows[-1].cells == ("", "Tổng hợp báo cáo kết quả thực hiện", "Tổng hợp báo cáo kết quả thực hiện",
                              "Tháng 12/2026")
    paragraphs = [b.text for b in doc.blocks if not b.is_row]
    assert paragraphs[0] == "PHỤ LỤC: DANH MỤC NHIỆM VỤ"
    assert paragraphs[-1] == "Các cơ quan báo cáo kết quả trước ngày 20 hằng tháng."
    assert not any("Sở Công Thương" in p for p in paragraphs)   # cell text is not repeated as prose


def _grid(c: canvas.Canvas, x: float, y: float, cols: int, rows: int, filled: bool = False) -> None:
    """A ruled grid of 80 x 20 pt cells: stroked lines, or thin filled rectangles as Word draws."""
    for i in range(rows + 1):
        if filled:
            c.rect(x, y - i * 20, cols * 80, 0.5, stroke=0, fill=1)
        else:
            c.line(x, y - i * 20, x + cols * 80, y - i * 20)
    for j in range(cols + 1):
        if filled:
            c.rect(x + j * 80, y - rows * 20, 0.5, rows * 20, stroke=0, fill=1)
        else:
            c.line(x + j * 80, y, x + j * 80, y - rows * 20)


def _draw_filled(c):
    _grid(c, 60, 780, 4, 5, filled=True)


def _draw_cell_rects(c):
    for i in range(3):
        for j in range(3):
            c.rect(60 + j * 90, 500 - i * 25, 90, 25)


def _draw_forms(c):
    c.beginForm("tbl")
    _grid(c, 0, 200, 3, 4)
    c.endForm()
    c.saveState()
    c.translate(50, 500)
    c.doForm("tbl")
    c.restoreState()
    c.saveState()
    c.translate(100, 100)
    c.scale(1.3, 0.8)
    c.doForm("tbl")
    c.restoreState()


def _draw_curves_and_paths(c):
    p = c.beginPath()
    p.moveTo(50, 700)
    p.lineTo(400, 700)
    p.lineTo(400, 600)
    p.lineTo(50, 600)
    p.close()
    p.moveTo(50, 650)
    p.lineTo(400, 650)
    p.moveTo(200, 700)
    p.lineTo(200, 600)
    c.drawPath(p)
    c.roundRect(50, 300, 300, 200, 15)
    _grid(c, 60, 480, 3, 6)
    c.line(50, 100, 300, 250)
    c.saveState()
    c.translate(400, 300)
    c.rotate(90)
    _grid(c, 0, 0, 3, 3)
    c.restoreState()


@pytest.mark.parametrize("draw", [_draw_filled, _draw_cell_rects, _draw_forms, _draw_curves_and_paths])
def test_table_grids_from_pdfium_match_pdfplumber(tmp_path, draw):
    """The ruled tables found from pdfium's paths are those pdfplumber finds in the same drawing."""
    import pdfplumber
    import pypdfium2 as pdfium
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.save()
    page = pdfium.PdfDocument(path)[0]
    ours = pdf_tables.find_tables(page, page.get_size()[1])
    with pdfplumber.open(path) as pdf:
        theirs = sorted(pdf.pages[0].find_tables(table_settings=pdf_tables.TABLE_SETTINGS), key=lambda t: t.bbox[1])
    assert ours and pdf_tables.has_rulings(page)
    assert len(ours) == len(theirs)

    def close(a, b):
        return (a is None) == (b is None) and (a is None or max(abs(x - y) for x, y in zip(a, b)) < 1e-3)
    for grid, table in zip(ours, theirs):
        assert close(grid.bbox, table.bbox)
        assert len(grid.rows) == len(table.rows)
        for mine, row in zip(grid.rows, table.rows):
            assert len(mine) == len(row.cells) and all(close(a, b) for a, b in zip(mine, row.cells))


def test_legacy_font_text_layer_is_converted(tmp_path):
    path = tmp_path / "tcvn3.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, SIZE)
    for k, line in enumerate(["Ch\u00ad¬ng tr×nh hµnh ®éng cña Uû ban nh©n d©n tØnh.",
                              "Së Tµi chÝnh chñ tr×, phèi hîp víi c¸c së, ngµnh liªn quan.",
                              "Së X©y dùng híng dÉn thùc hiÖn."]):
        c.drawString(LEFT, 700 - k * LEADING, line)
    c.save()
    doc = read_pdf(path, ocr=False)
    texts = [b.text for b in doc.blocks]
    assert doc.reader == "pdf-text"
    assert "Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan." in texts
    assert any("tcvn3" in w for w in doc.warnings)


@pytest.mark.parametrize("text, problem", [
    ("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị quyết về phát triển các khu công nghiệp "
     "trên địa bàn tỉnh, nội dung như sau: Sở Công Thương chủ trì, phối hợp với các sở ngành.", None),
    ("", "no text layer"),
    ("  12  ", "no text layer"),
    ("(cid:41)(cid:42)(cid:3)(cid:55)(cid:72) " * 8, "unreadable"),
    ("6Ӣ C‘NG 7+ѬѪ1* &Ӝ1* H“A XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM L‡o Cai, ng‡y th·ng 3 QăP 2026 " * 3, "unreadable"),
    ("Kdsf lkjw qwe zxcv bnmq wrty pskl fghj qwrt zxvb nmkl wqrt psdf ghjk lzxc vbnm qwer tyui", "Vietnamese"),
])
def test_text_problem(text, problem):
    found = text_problem(text)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_encrypted(tmp_path):
    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("mật-khẩu", canPrint=0))
    c.drawString(100, 700, "Ke hoach")
    c.save()
    with pytest.raises(ParseError) as err:
        read_pdf(path)
    assert err.value.reason == "encrypted"


def test_damaged(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 9 0 R>> endobj\ngarbage\n")
    with pytest.raises(ParseError) as err:
        read_pdf(path)
    assert err.value.reason == "corrupt"


def test_too_many_pages(letter):
    path, _, pages, _ = letter
    with pytest.raises(ParseError) as err:
        read_pdf(path, max_pages=pages - 1)
    assert err.value.reason == "too_large"


def _image_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("RGB", (1240, 400), "white")
    ImageDraw.Draw(img).text((60, 60), "Kế hoạch kiểm tra", fill="black",
                             font=ImageFont.truetype(str(FONT_PATH), 48))
    img_path = path.with_suffix(".png")
    img.save(img_path)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(str(img_path), 40, 500, width=515, height=166)
    c.save()
    return path


def test_scan_without_ocr_has_no_text_layer(tmp_path):
    with pytest.raises(ParseError) as err:
        read_pdf(_image_pdf(tmp_path / "scan.pdf"), ocr=False)
    assert err.value.reason == "no_text_layer"


@pytest.mark.parametrize("langs, message", [(None, "not installed"), (frozenset({"eng", "osd"}), "'vie'")])
def test_ocr_unavailable(tmp_path, monkeypatch, langs, message):
    monkeypatch.setattr(ocr, "_languages", lambda: langs)
    with pytest.raises(ParseError) as err:
        read_pdf(_image_pdf(tmp_path / "scan.pdf"))
    assert err.value.reason == "ocr_unavailable"
    assert message in err.value.message


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    return path


def test_corpus_text_layer_letter():
    doc = read_pdf(_corpus("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf"))
    assert doc.reader == "pdf-text" and doc.pages == 2
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["2. Giao Sở Xây dựng"].page == 2
    assert "Nơi nhận:" in by_text and "Kính gửi:" in by_text
    # a wrap inside a date is joined: `... chậm nhất đến ngày` + `01 tháng 7 năm 2028 ...`
    assert any("chậm nhất đến ngày 01 tháng 7 năm 2028" in t for t in by_text)
    assert any(b.is_row and b.cells[0].startswith("Số:") for b in doc.blocks)


def test_corpus_mojibake_text_layer_is_not_used():
    with pytest.raises(ParseError) as err:
        read_pdf(_corpus("laocai-kh-1105-dkt-kiem-tra.pdf"), ocr=False)
    assert err.value.reason == "no_text_layer"


# ---- the same plan as DOCX and as the PDF LibreOffice prints from it -------------------

def _tasks_key(doc):
    return [(t.section, tuple(m.text for m in t.owners), tuple(m.text for m in t.partners),
             t.timing.kind, t.timing.end, t.content[:60]) for t in doc.tasks]


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", [
    "ttg-ct-07-2012-chan-chinh-kkt-kcn-ccn.docx",          # Word numbering, `KCN, CCN.` wraps
    "lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
    "laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx",
])
def test_docx_and_its_pdf_give_the_same_tasks(tmp_path, corpus_file, parsed, name):
    src = tmp_path / name
    shutil.copyfile(corpus_file(name), src)
    subprocess.run([soffice_path(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    as_docx, as_pdf = parsed(src), parsed(src.with_suffix(".pdf"))
    assert as_pdf.raw.reader == "pdf-text"
    assert as_docx.tasks and _tasks_key(as_pdf) == _tasks_key(as_docx)


# ---- a ruled table on a scanned (OCR'd) page ------------------------------------------

# laocai-kh-1105-dkt-kiem-tra.pdf, Phụ lục I (page 4): per grid row (name cell, start of the
# object cell, date, duration); the TT and name cells span two grid rows and are repeated
KH1105_PDF_ROWS = [
    ("Công ty", "Gói thầu số 13", "23/3/2026", "02 ngày"),
    ("Công ty", "Gói th", "23/3/2026", "02 ngày"),
    ("Tổng công ty xây dựng Trường Sơn", "Gói thầu số 16", "25/3/2025", "02 ngày"),
    ("Tổng công ty xây dựng Trường Sơn", "Gói thầu số 23", "25/3/2025", "02 ngày"),
    ("Công ty TNHH Hiệp Phú", "Gói thầu số 15", "27/3/2025", "02 ngày"),
]


def test_corpus_ocr_page_ruled_table_cells(corpus_file, parsed):
    doc = parsed(corpus_file("laocai-kh-1105-dkt-kiem-tra.pdf")).raw
    rows = [b for b in doc.blocks if b.is_row and b.table is not None]
    assert doc.reader == "pdf-ocr" and {b.page for b in rows} == {4}
    header, data = rows[0], rows[1:]
    assert header.cells[0] == "TT" and header.cells[3].startswith("Thời gian công bố")
    assert len(data) == len(KH1105_PDF_ROWS)
    for block, (name, obj, when, span) in zip(data, KH1105_PDF_ROWS):
        assert block.cells[1].startswith(name) and block.cells[2].startswith(obj)
        assert block.cells[3:] == (when, span)
    assert data[0].cells[:2] == data[1].cells[:2] and data[2].cells[:2] == data[3].cells[:2]
    # the words of the table are in its cells, not in the paragraphs around it
    assert not any("Gói thầu" in b.text for b in doc.blocks if not b.is_row)
