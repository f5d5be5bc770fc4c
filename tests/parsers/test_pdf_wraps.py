"""The PDF reader's output does not depend on where lines wrap or on ink that draws nothing.

- the same DOCX printed by LibreOffice with two font sets and two page widths gives the
  same tasks as the DOCX itself (issue 14 §1): lines wrap elsewhere, the paragraphs and
  items are the same;
- a hyphen that ends a line, which pdfium writes as U+FFFE, ends the line;
- white boxes behind each text line (an e-signing tool's) are no table rulings.
"""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from parsers import pdf_tables  # noqa: E402
from parsers.doc_reader import soffice_path  # noqa: E402
from parsers.pdf_layout import Line, Rows, build_blocks  # noqa: E402
from parsers.pdf_reader import read_pdf  # noqa: E402

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.fixture(scope="module", autouse=True)
def _font():
    if not FONT_PATH.is_file():
        pytest.skip("DejaVu font not installed")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))


# ---- a line-end hyphen --------------------------------------------------------------------

def test_line_end_hyphen_ends_the_line(tmp_path):
    """`66/2009/QĐ-` at a line's end, `TTg ngày ...` on the next (ttg-ct-07 item 4 printed
    on a narrow page): pdfium writes `QĐ\\ufffeTTg` on one line."""
    path = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(85, 700, "- Chủ trì đề xuất sửa đổi, bổ sung Quyết định số 66/2009/QĐ-")
    c.drawString(85, 682, "TTg ngày 24 tháng 4 năm 2009 của Thủ tướng Chính phủ.")
    c.drawString(85, 664, "- Chủ trì rà soát quy hoạch xây dựng các khu công nghiệp.")
    c.save()
    texts = [b.text for b in read_pdf(path).blocks]
    assert texts == ["- Chủ trì đề xuất sửa đổi, bổ sung Quyết định số 66/2009/QĐ-TTg ngày 24 tháng 4 "
                     "năm 2009 của Thủ tướng Chính phủ.",
                     "- Chủ trì rà soát quy hoạch xây dựng các khu công nghiệp."]


# ---- white boxes behind text lines --------------------------------------------------------

LINES = [f"{k}. Sở Tài chính chủ trì, phối hợp với các sở, ngành thực hiện nhiệm vụ số {k}." for k in range(1, 9)]


def _boxed_lines(path: Path, ink: tuple[float, float, float], fill: bool) -> None:
    """Text lines, each in a box of the given ink split after its number (filled or not)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 700
    for line in LINES:
        c.setFillColorRGB(*ink)
        c.setStrokeColorRGB(*ink)
        c.rect(98, y - 4, 442, 16, stroke=1, fill=int(fill))
        c.line(112, y - 4, 112, y + 12)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, 11)
        c.drawString(100, y, line)
        y -= 16
    c.save()


@pytest.mark.parametrize("ink, fill, rows", [((1, 1, 1), True, 0), ((0, 0, 0), False, len(LINES))])
def test_white_boxes_are_no_rulings(tmp_path, ink, fill, rows):
    """quangngai-565-tb-ubnd-2024-ket-luan-ctmtqg.pdf draws a white box behind each line;
    the same boxes in black ink are a table."""
    path = tmp_path / "boxes.pdf"
    _boxed_lines(path, ink, fill)
    doc = read_pdf(path)
    assert sum(b.is_row for b in doc.blocks) == rows
    if not rows:
        assert [b.text for b in doc.blocks] == LINES


def test_corpus_e_signed_letter_lines_are_paragraphs():
    path = CORPUS / "quangngai-565-tb-ubnd-2024-ket-luan-ctmtqg.pdf"
    if not path.is_file():
        pytest.skip("shared corpus not available")
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[1]
    assert pdf_tables.find_tables(page, page.get_size()[1]) == []
    blocks = read_pdf(path).blocks
    assert not any(b.is_row and b.table is not None for b in blocks)
    assert any(b.text.startswith("2. Giao Sở Lao động - Thương binh và Xã hội") for b in blocks)


# ---- the same DOCX in two font sets and two page widths ------------------------------------

# the parts of a DOCX whose fonts and page size are set
STYLED_PARTS = re.compile(r"^word/(?:document|styles|numbering|header\d*|footer\d*)\.xml$")
# a run's or style's font: `w:ascii="Times New Roman"`; a theme font in its place
FONT_ATTR = re.compile(r'(w:(?:ascii|hAnsi|cs|eastAsia))="[^"]*"')
THEME_FONT_ATTR = re.compile(r'\sw:(?:ascii|hAnsi|eastAsia|cs)Theme="[^"]*"')
# the page width in twips: `<w:pgSz w:w="11906" w:h="16838"/>`
PAGE_WIDTH = re.compile(r'(<w:pgSz[^>]*w:w=")(\d+)(")')
# the side margins in twips: `<w:pgMar w:top="1134" w:right="1134" ... w:left="1701" .../>`
SIDE_MARGIN = re.compile(r'(<w:pgMar[^>]*w:(?:left|right)=")(\d+)(")')
# a paragraph's place among the top-level paragraphs, `¶11`: structure counts the letterhead's
# lines, which a DOCX keeps in a table and a PDF gives as lines
TOP_PARAGRAPH = re.compile(r"^¶\d+")


def _variant(src: Path, dst: Path, font: str | None, width: float | None, margin: int | None = None) -> None:
    """A copy of a DOCX with every font set to `font`, each page `width` times as wide and side
    margins of `margin` twips (None: as written)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if STYLED_PARTS.match(item.filename):
                xml = data.decode("utf-8")
                if font:
                    xml = THEME_FONT_ATTR.sub("", FONT_ATTR.sub(rf'\1="{font}"', xml))
                if width:
                    xml = PAGE_WIDTH.sub(lambda m: f"{m[1]}{round(int(m[2]) * width)}{m[3]}", xml)
                if margin:
                    xml = SIDE_MARGIN.sub(rf"\g<1>{margin}\3", xml)
                data = xml.encode("utf-8")
            zout.writestr(item, data)


def _tasks_key(doc):
    """Each task's id, owners, partners, timing and content (white space folded)."""
    return [(TOP_PARAGRAPH.sub("¶", t.section), tuple(m.text for m in t.owners),
             tuple(m.text for m in t.partners), t.timing.kind, t.timing.end, " ".join(t.content.split()))
            for t in doc.tasks]


# fonts: as the document asks (Times New Roman: Liberation Serif stands in), DejaVu Sans
# (wider) and Carlito (narrower); widths: the document's pages, pages a fifth wider, narrower
# text (wider side margins)
VARIANTS = {"as-written": (None, None, None), "dejavu": ("DejaVu Sans", None, None),
            "carlito": ("Carlito", None, None), "wide": (None, 1.2, None),
            "dejavu-wide": ("DejaVu Sans", 1.2, None), "carlito-narrow": ("Carlito", None, 2200)}


def _gold_docx() -> list[str]:
    gold = CORPUS / "gold"
    return sorted(p.name[: -len(".json")] for p in gold.glob("*.docx.json")) if gold.is_dir() else []


@pytest.mark.slow
@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", _gold_docx())
def test_docx_in_two_fonts_and_two_widths_gives_the_same_tasks(tmp_path, corpus_file, parsed, name):
    """Issue 14 §1: every gold DOCX, printed by LibreOffice in other fonts and page widths,
    gives the tasks the DOCX gives: lines wrap elsewhere, the paragraphs and items are the same."""
    src = corpus_file(name)
    expected = _tasks_key(parsed(src))
    assert expected
    copies = []
    for label, (font, width, margin) in VARIANTS.items():
        copies.append(tmp_path / f"{label}.docx")
        _variant(src, copies[-1], font, width, margin)
    subprocess.run([soffice_path(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, copies)],
                   check=True, capture_output=True, timeout=600)
    differ = {}
    for docx in copies:
        as_pdf = parsed(docx.with_suffix(".pdf"))
        assert as_pdf.raw.reader == "pdf-text"
        got = _tasks_key(as_pdf)
        if got != expected:
            differ[docx.stem] = [(a, b) for a, b in zip(expected, got) if a != b][:2] or (len(expected), len(got))
    assert not differ, differ


# ---- what a wrap in another font does to lines, tables and pages ----------------------------

def test_stretched_justified_lines_are_no_columns(tmp_path):
    """A justified line that a wide font leaves with two or three words has wide gaps between
    them (laocai-kh-ubnd-trien-khai-ct11 in DejaVu Sans: `minh,       giải       quyết`,
    `soát,       đôn`); a letterhead row keeps its two columns."""
    path = tmp_path / "justified.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(100, 760, "Số: 12/KH-UBND")
    c.drawString(330, 760, "Lào Cai, ngày 26 tháng 3 năm 2026")
    rows = [[(120, "- Chủ trì, phối hợp với các cơ quan liên quan rà soát, xác")],
            [(85, "minh,"), (290, "giải"), (478, "quyết")],
            [(85, "đơn thư khiếu nại, tố cáo liên quan đến hoạt động khoáng")],
            [(85, "sản"), (480, "trên")],
            [(85, "địa bàn tỉnh theo thẩm quyền.")]]
    for k, pieces in enumerate(rows):
        for x, word in pieces:
            c.drawString(x, 700 - 18 * k, word)
    c.save()
    doc = read_pdf(path)
    assert doc.blocks[0].cells == ("Số: 12/KH-UBND", "Lào Cai, ngày 26 tháng 3 năm 2026")
    assert [b.text for b in doc.blocks[1:]] == [
        "- Chủ trì, phối hợp với các cơ quan liên quan rà soát, xác minh, giải quyết đơn thư khiếu "
        "nại, tố cáo liên quan đến hoạt động khoáng sản trên địa bàn tỉnh theo thẩm quyền."]


def test_a_page_with_only_its_number_is_read_not_scanned(tmp_path):
    """The last page of laocai-sct-kh-de-an-08 in Carlito on narrower text holds only `11`."""
    path = tmp_path / "number.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    for k, line in enumerate(LINES):
        c.drawString(85, 700 - 18 * k, line)
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(290, 800, "11")
    c.save()
    doc = read_pdf(path, ocr=False)
    assert doc.reader == "pdf-text" and not any("OCR" in w for w in doc.warnings)
    assert [b.text for b in doc.blocks] == LINES


def test_a_row_cut_by_a_page_break_is_one_row():
    """ct11's Phụ lục in Carlito: row 3 goes on at the top of the next page, its number cell
    empty there (a one-row grid: `_cut_off`)."""
    page1 = [Rows([("TT", "Tên nhiệm vụ", "Chủ trì"),
                   ("3", "Thực hiện rà soát, kiến nghị điều chỉnh Quy hoạch", "Sở Nông nghiệp")], 3, 500, 1)]
    page2 = [Rows([("", "khoáng sản nhóm I, II", "và Môi trường"),
                   ("4", "Tham mưu trình kế hoạch đấu giá", "Sở Tài chính")], 3, 40, 2)]
    rows = build_blocks([page1, page2], [842.0, 842.0])
    assert [b.cells for b in rows] == [
        ("TT", "Tên nhiệm vụ", "Chủ trì"),
        ("3", "Thực hiện rà soát, kiến nghị điều chỉnh Quy hoạch khoáng sản nhóm I, II",
         "Sở Nông nghiệp và Môi trường"),
        ("4", "Tham mưu trình kế hoạch đấu giá", "Sở Tài chính")]
    assert {b.table for b in rows} == {0} and [b.row for b in rows] == [0, 1, 2]


@pytest.mark.parametrize("top, found", [(40, 1), (400, 0)])
def test_one_row_grid_only_at_a_pages_top(tmp_path, top, found):
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - top
    for x in (60, 100, 300, 420, 540):
        c.line(x, y, x, y - 30)
    for yy in (y, y - 30):
        c.line(60, yy, 540, yy)
    c.setFont(FONT, 10)
    c.drawString(110, y - 20, "phóng mặt bằng")
    c.save()
    import pypdfium2 as pdfium
    page = pdfium.PdfDocument(str(path))[0]
    assert len(pdf_tables.find_tables(page, A4[1])) == found


def test_a_short_last_page_takes_the_documents_margin():
    """laocai-cv-ubnd-kt-di-doi on a wider page: the closing paragraph alone on page 2, its
    first line indented, is no wrap of the sentence that ends page 1."""
    body = [Line(f"Dòng {k} của đoạn văn bản kéo dài đến lề phải của trang giấy in.", 85, 80 + 18 * k,
                 538, 92 + 18 * k, 1) for k in range(8)]
    body[0] = Line("Đoạn thứ nhất thụt đầu dòng kéo dài đến lề phải của trang in.", 120, 80, 538, 92, 1)
    body[-1] = Line("nghiệp trong Cụm công nghiệp; kịp thời phát hiện, xử lý vi phạm theo quy định.",
                    85, 80 + 18 * 7, 538, 92 + 18 * 7, 1)
    page2 = [Line("Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành và Chủ tịch Ủy ban", 120, 80, 538, 92, 2),
             Line("nhân dân các phường có liên quan khẩn trương triển khai thực hiện./.", 85, 98, 420, 110, 2)]
    texts = [b.text for b in build_blocks([body, page2], [842.0, 842.0])]
    assert len(texts) == 2 and texts[1].startswith("Ủy ban nhân dân tỉnh yêu cầu")
