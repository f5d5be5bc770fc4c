"""`extract(path, data=...)` reads only `data`: the bytes the caller hashed and
checked are the bytes parsed, for every format.

Each case gives the bytes of a document under a path that does not exist (a
reader that opened the path would fail) and compares the result with the same
bytes read from a real file. The documents are made here (a short plan as
text, Markdown, HTML, DOCX, a PDF with a text layer, a scanned PDF) or, for
.doc, taken from the shared corpus (skipped when absent).
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from extractors.extract import extract
from parsers.model import ParseError

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
DOC_FILE = "lamdong-cv-giao-danh-gia-cchc-cong-an.doc"      # a Word 97-2003 file of the corpus
FONTS = Path("/usr/share/fonts/truetype/dejavu")

PLAN = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH LÀO CAI",
    "Số: 134/KH-UBND",
    "Lào Cai, ngày 26 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Phát triển các khu, cụm công nghiệp năm 2026",
    "I. NHIỆM VỤ",
    "1. Sở Công Thương chủ trì, phối hợp với Sở Tài chính rà soát quy hoạch các cụm công nghiệp, hoàn thành trong quý II năm 2026.",
    "2. Sở Xây dựng chủ trì hướng dẫn thủ tục đầu tư hạ tầng các cụm công nghiệp, hoàn thành trước ngày 30/6/2026.",
]


def _text() -> bytes:
    return "\n\n".join(PLAN).encode("utf-8")


def _html() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in PLAN)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def _docx() -> bytes:
    import docx
    document = docx.Document()
    for line in PLAN:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _font(name: str) -> Path:
    path = FONTS / name
    if not path.is_file():
        pytest.skip("DejaVu fonts not installed")
    return path


def _pdf_with_text() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(_font("DejaVuSans.ttf"))))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("DejaVuSans", 9)
    for k, line in enumerate(PLAN):
        c.drawString(40, 800 - 22 * k, line)
    c.save()
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from parsers import ocr
    try:
        ocr.check_available()
    except ParseError as exc:
        pytest.skip(f"OCR unavailable: {exc}")
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    font = ImageFont.truetype(str(_font("DejaVuSerif.ttf")), 34)
    image = Image.new("L", (2480, 3508), 255)          # A4 at 300 dpi
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(PLAN):
        draw.text((150, 200 + 80 * k), line, font=font, fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.save()
    return buf.getvalue()


def _doc() -> bytes:
    path = CORPUS / DOC_FILE
    if not path.is_file():
        pytest.skip(f"corpus file absent: {DOC_FILE}")
    return path.read_bytes()


CASES = [
    pytest.param("txt", _text, "text", id="txt"),
    pytest.param("md", _text, "markdown", id="md"),
    pytest.param("html", _html, "html", id="html"),
    pytest.param("docx", _docx, "docx", id="docx"),
    pytest.param("pdf", _pdf_with_text, "pdf-text", id="pdf-text"),
    pytest.param("pdf", _scanned_pdf, "pdf-ocr", id="pdf-scanned", marks=pytest.mark.slow),
    pytest.param("doc", _doc, "doc-libreoffice", id="doc", marks=pytest.mark.slow),
]


def _essence(doc) -> tuple:
    return (doc.raw.reader, doc.raw.format, [b.text for b in doc.raw.blocks], doc.meta,
            doc.tasks, doc.references)


@pytest.mark.parametrize("ext, make, reader", CASES)
def test_extract_reads_the_bytes_it_is_given(tmp_path, ext, make, reader):
    data = make()
    nowhere = tmp_path / "no-such-folder" / f"plan.{ext}"
    doc = extract(nowhere, data=data)
    assert not nowhere.exists()
    assert doc.raw.reader == reader and doc.raw.blocks
    if make is not _doc:                     # the plan above: its two tasks, both owners known
        assert [m.agency.known for t in doc.tasks for m in t.owners] == [True, True]
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    real = tmp_path / f"plan.{ext}"
    real.write_bytes(data)
    assert _essence(extract(real)) == _essence(doc)


def test_the_bytes_win_over_the_file_at_the_path(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Số: 1/KH-UBND\n\nnội dung khác", encoding="utf-8")
    doc = extract(path, data=_text())
    assert doc.meta.doc_number == "134/KH-UBND"
    assert doc.content_hash == hashlib.sha256(_text()).hexdigest()
