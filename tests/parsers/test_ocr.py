"""OCR with Tesseract: confidences, letterhead columns, scanned corpus letters.

Skipped when `tesseract` or its `vie` model is not installed. The corpus
scans take a few seconds a page, so each is read once per test session.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsers import ocr
from parsers.model import ParseError

try:
    ocr.check_available()
except ParseError as exc:          # pragma: no cover - depends on the machine
    pytest.skip(f"OCR unavailable: {exc}", allow_module_level=True)

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from parsers.pdf_reader import read_pdf  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
A4_300DPI = (2480, 3508)

# The issue date line of a letter: `Hà Nội, ngày 16 tháng 12 năm 2025` (handwritten day/month may misread)
DATE_LINE = re.compile(r"Hà Nội, ngày.{0,8}tháng.{0,6}năm (\d{4})")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONTS / ("DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf")
    if not path.is_file():
        pytest.skip("DejaVu fonts not installed")
    return ImageFont.truetype(str(path), size)


def letterhead_page() -> Image.Image:
    """A4 at 300 dpi: a two-column letterhead, then body text across the page."""
    img = Image.new("L", A4_300DPI, 255)
    d = ImageDraw.Draw(img)
    bold, regular = _font(46, True), _font(50)
    left_x, right_x = 620, 1700
    for y, text, font in [(260, "ỦY BAN NHÂN DÂN", bold), (320, "TỈNH LÀO CAI", bold),
                          (440, "Số: 134/KH-UBND", regular)]:
        d.text((left_x, y), text, font=font, fill=0, anchor="mt")
    for y, text, font in [(260, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold),
                          (320, "Độc lập - Tự do - Hạnh phúc", bold),
                          (440, "Lào Cai, ngày 26 tháng 3 năm 2026", regular)]:
        d.text((right_x, y), text, font=font, fill=0, anchor="mt")
    body = ["Thực hiện Nghị quyết số 34-NQ/TU của Tỉnh ủy về phát triển các",
            "khu, cụm công nghiệp, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực",
            "hiện với các nội dung như sau:",
            "1. Sở Công Thương chủ trì, phối hợp với các sở, ngành liên quan."]
    for k, text in enumerate(body):
        d.text((300, 700 + 90 * k), text, font=regular, fill=0)
    return img


@pytest.fixture(scope="module")
def page():
    return ocr.ocr_lines(letterhead_page())


def test_ocr_image_lines_and_confidence():
    img = Image.new("L", (2000, 360), 255)
    d = ImageDraw.Draw(img)
    d.text((60, 60), "Ủy ban nhân dân tỉnh Lào Cai", font=_font(60), fill=0)
    d.text((60, 180), "Kế hoạch kiểm tra năm 2026", font=_font(60), fill=0)
    lines, conf = ocr.ocr_image(img)
    assert lines == ["Ủy ban nhân dân tỉnh Lào Cai", "Kế hoạch kiểm tra năm 2026"]
    assert 80 <= conf <= 100


def test_letterhead_read_column_by_column(page):
    texts = [ln.text for ln in page.lines]
    assert page.columns_split
    assert re.search(r"^Số:\s*134\s*/\s*KH-UBND$", "\n".join(texts), re.M)
    assert "Lào Cai, ngày 26 tháng 3 năm 2026" in texts
    # left column first, then the right one, then the body
    assert texts.index("ỦY BAN NHÂN DÂN") < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert texts.index("Lào Cai, ngày 26 tháng 3 năm 2026") < len(texts) - 4
    assert page.confidence > 85


def test_timeout_is_a_parse_error(monkeypatch):
    with pytest.raises(ParseError) as err:
        ocr.ocr_lines(letterhead_page(), timeout=0.01)
    assert err.value.reason == "timeout"


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory):
    """Page 1 with a text layer, page 2 a scan of the letterhead page."""
    reportlab = pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    del reportlab
    folder = tmp_path_factory.mktemp("ocr")
    png = folder / "scan.png"
    letterhead_page().save(png)
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    path = folder / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuSans", 12)
    c.drawString(85, 760, "PHỤ LỤC: Danh sách các đơn vị được kiểm tra trong năm 2026.")
    c.drawString(85, 740, "1. Công ty cổ phần xây dựng giao thông Lào Cai.")
    c.showPage()
    c.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
    c.save()
    return read_pdf(path)


def test_scanned_page_in_a_pdf(mixed_pdf):
    doc = mixed_pdf
    assert doc.reader == "pdf-mixed" and doc.pages == 2
    assert doc.ocr_confidence is not None and doc.ocr_confidence > 85
    assert any(w.startswith("page 2: OCR (no text layer)") for w in doc.warnings)
    texts = {b.text: b for b in doc.blocks}
    assert texts["1. Công ty cổ phần xây dựng giao thông Lào Cai."].page == 1
    assert texts["Lào Cai, ngày 26 tháng 3 năm 2026"].page == 2
    assert "Thực hiện Nghị quyết số 34-NQ/TU của Tỉnh ủy về phát triển các khu, cụm công nghiệp, " \
           "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện với các nội dung như sau:" in texts


_SCANS: dict[str, object] = {}


def _scan(name: str):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    if name not in _SCANS:
        _SCANS[name] = read_pdf(path)
    return _SCANS[name]


def _text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


def test_corpus_scan_bca_number_and_date():
    doc = _scan("bca-cv-5689-c04-2025.pdf")
    text = _text(doc)
    assert doc.reader == "pdf-ocr" and doc.pages == 3 and doc.ocr_confidence > 85
    assert re.search(r"\b5689\s*/\s*BCA-C04", text)
    m = DATE_LINE.search(text)
    assert m and m.group(1) == "2025"
    assert re.search(r"ngày 16 tháng 12 năm 2025", text)
    # the letterhead columns are not interleaved
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in [b.text for b in doc.blocks]


def test_corpus_scan_bct_date_and_number_line():
    doc = _scan("bct-cv-2265-atmt-trien-khai.pdf")
    text = _text(doc)
    assert doc.reader == "pdf-ocr" and doc.ocr_confidence > 85
    m = DATE_LINE.search(text)
    assert m and m.group(1) == "2026"
    assert re.search(r"BCT-ATMT", text)
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in [b.text for b in doc.blocks]


def test_corpus_scan_bct_stamped_number():
    """The number is stamped over the `Số:` line, the day and month handwritten in blue: the
    second pass (parsers.ocr_gaps) reads them and says so."""
    doc = _scan("bct-cv-2265-atmt-trien-khai.pdf")
    texts = [b.text for b in doc.blocks]
    assert "Số: 2265/BCT-ATMT" in texts
    assert "Hà Nội, ngày 02 tháng 4 năm 2026" in texts
    assert any("number 2265 read from a stamp" in w for w in doc.warnings)
    assert any("day 02 and month 4 read from handwriting" in w for w in doc.warnings)


def test_corpus_scan_bca_handwritten_black_day_is_noted():
    """The day `16` is handwritten in black: not read by the second pass, only noted."""
    doc = _scan("bca-cv-5689-c04-2025.pdf")
    assert any(w.startswith("page 1: day or month left empty by OCR") for w in doc.warnings)
    assert not any("read from" in w for w in doc.warnings)


def test_corpus_mojibake_pdf_is_ocrd_close_to_its_text_version():
    doc = _scan("laocai-kh-1105-dkt-kiem-tra.pdf")
    reference = CORPUS / "laocai-kh-1105-dkt-kiem-tra.txt"
    text = _text(doc)
    assert doc.reader == "pdf-ocr" and doc.pages == 6
    assert all("unusable text layer" in w for w in doc.warnings if w.startswith("page"))
    assert re.search(r"Số: 1105/KH-ĐKT", text)
    assert "Lào Cai, ngày 10 tháng 3 năm 2026" in text
    vocabulary = set(re.findall(r"[^\W\d_]+", reference.read_text(encoding="utf-8").lower()))
    words = re.findall(r"[^\W\d_]+", text.lower())
    hit = sum(w in vocabulary for w in words) / len(words)
    assert hit > 0.88, hit


def _words(spec: list[tuple[str, float]]):
    from parsers.ocr import OcrWord
    return [OcrWord(t, 10 * k, 0, 10 * k + 8, 10, c) for k, (t, c) in enumerate(spec)]


@pytest.mark.parametrize("spec, kept", [
    # a seal over the left margin, cut off by a bar (quangngai-07-ct-ubnd-2018, its title)
    ([("|", 65), ("#RUNG-T2M-ĐÔNG", 0), ("BẢO", 26), ("+4", 26), ("T1", 0), ("HỌC", 83), ("0.NG", 25),
      ("ÃI|", 50), ("Về", 96), ("việc", 97), ("tăng", 97), ("cường", 97)], "Về việc tăng cường"),
    # a short line read all badly
    ([("lụ", 77), ("Ni", 49), ("Hy:", 45), (".cÓ", 0), ("/Í", 18), ("¡", 44), ("Ậâ", 25), ("L4Ÿ", 0)], ""),
    # a table's ruling read as bars between good words stays
    ([("1", 90), ("|", 80), ("Sở", 95), ("Tài", 96), ("chính", 96), ("|", 85), ("2026", 93)], "1 Sở Tài chính 2026"),
    # a handwritten day read badly inside a good line stays
    ([("Quảng", 96), ("Ngãi,", 95), ("ngày", 96), ("®9", 20), ("tháng", 96)], "Quảng Ngãi, ngày ®9 tháng"),
])
def test_seal_noise_left_out(spec, kept):
    from parsers.ocr import without_noise
    assert " ".join(w.text for w in without_noise(_words(spec))) == kept
