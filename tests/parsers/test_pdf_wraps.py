"""The PDF reader's output does not depend on where lines wrap or on ink that draws nothing.

- the same DOCX printed by LibreOffice with two font sets and two page widths gives the
  same tasks as the DOCX itself (issue 14 §1): lines wrap elsewhere, the paragraphs and
  items are the same;
- a hyphen that ends a line, which pdfium writes as U+FFFE, ends the line;
- white boxes behind each text line (an e-signing tool's) are no table rulings.
"""
from __future__ import annotations

import re
import shutil
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


def _variant(src: Path, dst: Path, font: str | None, width: int | None) -> None:
    """A copy of a DOCX with every font set to `font` and the page `width` twips wide."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if STYLED_PARTS.match(item.filename):
                xml = data.decode("utf-8")
                if font:
                    xml = THEME_FONT_ATTR.sub("", FONT_ATTR.sub(rf'\1="{font}"', xml))
                if width:
                    xml = PAGE_WIDTH.sub(rf"\g<1>{width}\3", xml)
                data = xml.encode("utf-8")
            zout.writestr(item, data)


def _tasks_key(doc):
    return [(t.section, tuple(m.text for m in t.owners), tuple(m.text for m in t.partners),
             t.timing.kind, t.timing.end, t.content[:60]) for t in doc.tasks]


# fonts: as the document asks (Times New Roman: Liberation Serif stands in) and DejaVu Sans,
# wider; widths: the document's A4 and a wider page
VARIANTS = [("fonts as written, A4", None, None), ("DejaVu Sans, A4", "DejaVu Sans", None),
            ("fonts as written, wide page", None, 14000), ("DejaVu Sans, wide page", "DejaVu Sans", 14000)]


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", [
    "ttg-ct-07-2012-chan-chinh-kkt-kcn-ccn.docx",          # Word numbering, `KCN, CCN.` wraps
    "lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
    "laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx",   # letterhead columns, labelled lines
])
def test_docx_in_two_fonts_and_two_widths_gives_the_same_tasks(tmp_path, corpus_file, parsed, name):
    src = corpus_file(name)
    expected = _tasks_key(parsed(src))
    assert expected
    for label, font, width in VARIANTS:
        folder = tmp_path / re.sub(r"\W+", "-", label)
        folder.mkdir()
        docx = folder / name
        if font or width:
            _variant(src, docx, font, width)
        else:
            shutil.copyfile(src, docx)
        subprocess.run([soffice_path(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                       check=True, capture_output=True, timeout=180)
        as_pdf = parsed(docx.with_suffix(".pdf"))
        assert as_pdf.raw.reader == "pdf-text"
        assert _tasks_key(as_pdf) == expected, label
