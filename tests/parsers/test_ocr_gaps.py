"""Second OCR pass over letterhead fields the page pass left empty (parsers.ocr_gaps).

Synthetic 300 dpi letterhead lines drawn with DejaVu fonts, each modelled on a
corpus letter: the page pass's words are given (as Tesseract boxes them), the
digits pass runs Tesseract. Skipped when `tesseract` or its `vie` model is missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers import ocr, ocr_gaps
from parsers.model import ParseError
from parsers.ocr import OcrLine, OcrPage, OcrWord

try:
    ocr.check_available()
except ParseError as exc:          # pragma: no cover - depends on the machine
    pytest.skip(f"OCR unavailable: {exc}", allow_module_level=True)

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
PAGE = (1600, 800)                 # the top of an A4 page at 300 dpi
BASE_Y = 200                       # top of the printed line
BLACK, BLUE = (20, 20, 20), (50, 90, 160)
STAMP_PITCH = 58                   # pixels from one stamped digit to the next


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    path = FONTS / name
    if not path.is_file():
        pytest.skip("DejaVu fonts not installed")
    return ImageFont.truetype(str(path), size)


class Sheet:
    """An RGB image on which printed words are drawn left to right, their boxes kept."""

    def __init__(self):
        self.image = Image.new("RGB", PAGE, (255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.print_font = _font("DejaVuSerif.ttf", 50)
        self.boxes: list[tuple[str, tuple[int, int, int, int]]] = []

    def word(self, x: int, text: str, y: int = BASE_Y, fill=BLACK, font=None, keep=True) -> int:
        """Draw text at x; returns the x after it (plus a space). Kept as a page-pass word."""
        font = font or self.print_font
        self.draw.text((x, y), text, font=font, fill=fill)
        box = tuple(int(v) for v in self.draw.textbbox((x, y), text, font=font))
        if keep:
            self.boxes.append((text, box))
        return box[2] + 18

    def line(self, texts: list[str] | None = None, grow: list[tuple[int, int, int, int]] = ()) -> OcrLine:
        """The page pass's line: the kept words (texts replaced as Tesseract read them), their
        boxes grown over the given ink (a stamp touching them)."""
        words = []
        for k, (text, (l, t, r, b)) in enumerate(self.boxes):
            for gl, gt, gr, gb in grow:
                if gl < r and gr > l:
                    l, t, r, b = min(l, gl), min(t, gt), max(r, gr), max(b, gb)
            words.append(OcrWord(texts[k] if texts else text, l, t, r, b, 90.0))
        return OcrLine(" ".join(w.text for w in words), min(w.left for w in words),
                       min(w.top for w in words), max(w.right for w in words),
                       max(w.bottom for w in words), tuple(words))


def _fill(sheet: Sheet, line: OcrLine) -> OcrPage:
    page = OcrPage((line,), 90.0, *PAGE)
    return ocr_gaps.fill_gaps(sheet.image, page, timeout=60)


def _stamp(sheet: Sheet, x: int, digits: str) -> list[tuple[int, int, int, int]]:
    """Stamped digits, a quarter larger than the print and spaced out as a numbering stamp
    prints them, their bottoms a third of the way down the printed capitals (as on
    bct-cv-2265-atmt-trien-khai.pdf); their boxes."""
    font = _font("DejaVuSans.ttf", 62)
    y = BASE_Y - 40
    boxes = []
    for k, digit in enumerate(digits):
        sheet.word(x + STAMP_PITCH * k, digit, y=y, font=font, keep=False)
        boxes.append(tuple(int(v) for v in sheet.draw.textbbox((x + STAMP_PITCH * k, y), digit,
                                                                 font=font)))
    return boxes


# (source corpus file, code, stamped digits, where the stamp starts: over `Số:` or in the gap,
#  the page pass's reading of the `Số` word, expected line text)
NUMBER_CASES = [
    ("bct-cv-2265-atmt-trien-khai.pdf", "/BCT-ATMT", "2265", "over", "sẵ2", "Số: 2265/BCT-ATMT"),
    ("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf", "/UBND-XD", "7432", "gap", "Số:",
     "Số: 7432/UBND-XD"),
    ("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf", "/UBND-XD", "", "gap", "Số:",
     "Số: /UBND-XD"),
]


@pytest.mark.parametrize("source,code,digits,where,so_read,expected", NUMBER_CASES)
def test_stamped_number(source, code, digits, where, so_read, expected):
    sheet = Sheet()
    x = sheet.word(300, "Số:")
    sheet.word(x + 80 if where == "over" else x + 260, code)
    grow = []
    if digits:
        start = 315 if where == "over" else x + 10
        grow = _stamp(sheet, start, digits)
    line = sheet.line([so_read, code], grow)
    page = _fill(sheet, line)
    assert page.lines[0].text == expected
    assert len(page.notes) == 1
    if digits:
        assert page.notes[0].startswith(f"number {digits} read from a stamp")
        assert page.lines[0].words[-1].conf >= ocr_gaps.MIN_DIGIT_CONF
    else:
        assert page.notes[0].startswith("number left empty by OCR")


def test_number_already_read_is_left_alone():
    """`Số: 134/KH-UBND` (the letterhead of tests/parsers/test_ocr.py, from laocai-kh-134-...)."""
    sheet = Sheet()
    sheet.word(sheet.word(300, "Số:"), "134/KH-UBND")
    line = sheet.line()
    page = OcrPage((line,), 90.0, *PAGE)
    assert ocr_gaps.fill_gaps(sheet.image, page, timeout=60) is page


# (source corpus file, the line as drawn: printed words and, in brackets with their ink,
#  handwritten ones; the page pass's reading of the printed words, expected line text,
#  expected start of the note or None)
DATE_CASES = [
    ("bct-cv-2265-atmt-trien-khai.pdf", "Hà Nội, ngày [02 blue] tháng [4 blue] năm 2026",
     "Hà Nội, ngàyô) thángh năm 2026", "Hà Nội, ngày 02 tháng 4 năm 2026",
     "day 02 and month 4 read from handwriting in coloured ink"),
    ("bca-cv-5689-c04-2025.pdf", "Hà Nội, ngày [16 black] tháng 12 năm 2025",
     "Hà Nội, ngày tháng 12 năm 2025", "Hà Nội, ngày tháng 12 năm 2025",
     "day or month left empty by OCR"),
    ("bct-cv-2265-atmt-trien-khai.pdf", "Hà Nội, ngày [02 blue] tháng [13 blue] năm 2026",
     "Hà Nội, ngày tháng năm 2026", "Hà Nội, ngày tháng năm 2026",
     "day or month left empty by OCR"),
    ("laocai-kh-1105-dkt-kiem-tra.pdf", "Lào Cai, ngày 10 tháng 3 năm 2026",
     "Lào Cai, ngày 10 tháng 3 năm 2026", "Lào Cai, ngày 10 tháng 3 năm 2026", None),
]
INKS = {"blue": BLUE, "black": BLACK}


@pytest.mark.parametrize("source,drawn,read,expected,note", DATE_CASES)
def test_handwritten_day_and_month(source, drawn, read, expected, note):
    sheet = Sheet()
    italic = _font("DejaVuSerif-Italic.ttf", 50)
    hand = _font("DejaVuSans.ttf", 56)
    x = 200
    for token in drawn.replace("[", "[ ").split(" ["):
        if token.startswith(" "):              # `[02 blue] tháng`: handwriting, then print
            hand_text, rest = token.strip().split("]", 1)
            digits, ink = hand_text.split()
            x = sheet.word(x - 10, digits, y=BASE_Y - 6, fill=INKS[ink], font=hand, keep=False)
            token = rest
        for text in token.split():
            x = sheet.word(x, text, font=italic)
    page = _fill(sheet, sheet.line(read.split()))
    assert page.lines[0].text == expected
    if note is None:
        assert page.notes == ()
    else:
        assert len(page.notes) == 1 and page.notes[0].startswith(note), page.notes


# (source corpus file, page-pass text of a letterhead line, is it a `Số` line without a number)
NUMBER_LINE_CASES = [
    ("bct-cv-2265-atmt-trien-khai.pdf", "sẵ2 6 ŸBCT-ATMT", True),
    ("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf", "Số: /UBND-XD", True),
    ("bca-cv-5689-c04-2025.pdf", "Số: 5689 /BCA-C04", False),
    ("laocai-kh-1105-dkt-kiem-tra.pdf", "Số: 1105/KH-ĐKT", False),
    ("laocai-kh-1105-dkt-kiem-tra.pdf", "SỞ GD-ĐT", False),
    ("bct-cv-2265-atmt-trien-khai.pdf", "V/v triển khai thực hiện thủ tục cấp", False),
]


@pytest.mark.parametrize("source,text,gap", NUMBER_LINE_CASES)
def test_number_gap_detection(source, text, gap):
    assert ocr_gaps._number_gap(_line_of(text), PAGE[0]) is gap


# (source corpus file, page-pass text, is it a letterhead date line)
DATE_LINE_CASES = [
    ("bct-cv-2265-atmt-trien-khai.pdf", "Hà Nội, ngàyô) thángh năm 2026", True),
    ("bca-cv-5689-c04-2025.pdf", "Hà Nội, ngày |Š tháng 12 năm 2025", True),
    ("bct-cv-2265-atmt-trien-khai.pdf", "Ngày 25 tháng 3 năm 2026, Bộ Công Thương ban hành", False),
    ("bct-cv-2265-atmt-trien-khai.pdf", "15/2026/TT-BCT ngày 25 tháng 3 năm 2026 về việc sửa đổi", False),
]


@pytest.mark.parametrize("source,text,is_date", DATE_LINE_CASES)
def test_date_line_detection(source, text, is_date):
    assert (ocr_gaps._date_slots(_line_of(text)) is not None) is is_date


def _line_of(text: str) -> OcrLine:
    """An OCR line of `text`, its words 150 px apart on one row."""
    words = tuple(OcrWord(t, 300 + 150 * k, 200, 400 + 150 * k, 250, 90.0)
                  for k, t in enumerate(text.split()))
    return OcrLine(text, words[0].left, 200, words[-1].right, 250, words)
