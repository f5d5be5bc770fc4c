"""E-signature stamps: the number and day an e-signed letter shows only in its signature
widgets, the signing time of the signature dictionary, OCR of image-only stamps."""
from __future__ import annotations

from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFObjectReference,  # noqa: E402
                                      PDFString, xObjectName)
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from parsers import ocr  # noqa: E402
from parsers.model import ParseError  # noqa: E402
from parsers.pdf_reader import read_pdf  # noqa: E402
from parsers.pdf_stamps import pdf_date  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
NUMBER_RECT = (124, 727, 157, 741)       # over the blank of `Số:          /UBND-XD`
DAY_RECT = (414, 727, 436, 741)          # over the blank of `ngày        tháng`
SIGNED_AT = "D:20260721072904+07'00'"


@pytest.fixture(scope="module", autouse=True)
def _font():
    if not FONT_PATH.is_file():
        pytest.skip("DejaVu font not installed")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))


def _digits_image(text: str) -> Image.Image:
    img = Image.new("L", (330, 140), 255)
    ImageDraw.Draw(img).text((10, 10), text, fill=0, font=ImageFont.truetype(str(FONT_PATH), 110))
    return img


def make_signed(path: Path, widgets: list[dict]) -> Path:
    """A letter whose number and day are blank, with signature-like widgets over the blanks.

    Each widget: `name`, `rect`, `draw` ("text" or "image") and `shows` (what its appearance
    draws, through nested forms `FRM` → `n0` (blank) + `n2` as signing tools do), optional
    `ft` (default Sig), `flags` (default 132: print, locked) and `v` (the signature
    dictionary's entries, e.g. {"M": ..., "Name": ...}).
    """
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(100, 730, "Số:          /UBND-XD")
    c.drawString(330, 730, "Lào Cai, ngày       tháng 7 năm 2026")
    c.drawString(85, 600, "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện với các nội dung như sau.")
    c.drawString(85, 580, "Giao Sở Xây dựng chủ trì, phối hợp với các sở, ngành triển khai thực hiện.")
    fields = []
    for k, w in enumerate(widgets):
        x0, y0, x1, y1 = w["rect"]
        size = (0, 0, x1 - x0, y1 - y0)
        c.beginForm(f"n0_{k}", *size)
        c.endForm()
        c.beginForm(f"n2_{k}", *size)
        if w["draw"] == "text":
            c.setFont(FONT, 12)
            c.drawString(0, 3, w["shows"])
        else:
            c.drawImage(ImageReader(_digits_image(w["shows"])), 0, 0, width=x1 - x0, height=y1 - y0)
        c.endForm()
        c.beginForm(f"frm_{k}", *size)
        c.doForm(f"n0_{k}")
        c.doForm(f"n2_{k}")
        c.endForm()
        annot = {"Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName(w.get("ft", "Sig")),
                 "T": PDFString(w["name"]), "F": w.get("flags", 132), "Rect": PDFArray(list(w["rect"])),
                 "AP": PDFDictionary({"N": PDFObjectReference(xObjectName(f"frm_{k}"))})}
        if "v" in w:
            annot["V"] = PDFDictionary({"Type": PDFName("Sig"),
                                        **{key: PDFString(v) for key, v in w["v"].items()}})
        c._addAnnotation(PDFDictionary(annot), name=f"widget{k}")     # reportlab's own annotation hook
        fields.append(c._doc.refAnnotation(f"widget{k}"))
    c._doc.Catalog.AcroForm = PDFDictionary({"Fields": PDFArray(fields), "SigFlags": 3})
    c.showPage()
    c.save()
    return path


def _stamps(doc):
    return [b for b in doc.blocks if b.kind == "stamp"]


def _cells(block) -> dict[str, str]:
    return dict(c.split("=", 1) for c in block.cells)


def test_number_and_day_stamps_with_the_text_around_them(tmp_path):
    doc = read_pdf(make_signed(tmp_path / "signed.pdf", [
        {"name": "Signature3", "rect": DAY_RECT, "draw": "text", "shows": "21", "v": {"M": SIGNED_AT}},
        {"name": "Signature2", "rect": NUMBER_RECT, "draw": "text", "shows": "7432",
         "v": {"M": SIGNED_AT, "Name": "Nguyễn Văn An"}},
    ]))
    stamps = _stamps(doc)
    assert [b.text for b in stamps] == ["7432", "Ký số: Nguyễn Văn An 2026-07-21T07:29:04+07:00",
                                        "21", "Ký số: 2026-07-21T07:29:04+07:00"]
    # the stamps close the block list, numbered on; the body is left as the page has it
    assert doc.blocks[-len(stamps):] == tuple(stamps)
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert doc.blocks[0].cells == ("Số: /UBND-XD", "Lào Cai, ngày tháng 7 năm 2026")
    assert all(b.page == 1 and not b.is_row for b in stamps)
    number, signed, day, _ = (_cells(b) for b in stamps)
    assert number == {"source": "appearance", "field": "Signature2", "page": "1", "rect": "124,727,157,741",
                      "before": "Số:", "after": "/UBND-XD"}
    assert day["before"] == "Lào Cai, ngày" and day["after"] == "tháng 7 năm 2026"
    assert signed["source"] == "signature" and signed["name"] == "Nguyễn Văn An"
    assert signed["time"] == "2026-07-21T07:29:04+07:00"
    assert "stamp: p1 (124,727,157,741): 7432" in doc.warnings
    assert "stamp: p1 (414,727,436,741): 21" in doc.warnings


@pytest.mark.parametrize("widget, texts", [
    # a text field is no signature: its value is no stamp
    ({"name": "Text1", "rect": NUMBER_RECT, "draw": "text", "shows": "7432", "ft": "Tx"}, []),
    # a hidden signature shows nothing, but its signing time is still the file's
    ({"name": "Signature2", "rect": NUMBER_RECT, "draw": "text", "shows": "7432", "flags": 2,
      "v": {"M": "D:20260721"}}, ["Ký số: 2026-07-21"]),
    # no signature dictionary: the appearance alone
    ({"name": "Signature2", "rect": NUMBER_RECT, "draw": "text", "shows": "7432"}, ["7432"]),
])
def test_which_widgets_make_stamps(tmp_path, widget, texts):
    doc = read_pdf(make_signed(tmp_path / "w.pdf", [widget]))
    assert [b.text for b in _stamps(doc)] == texts


def test_no_widgets_no_stamps(tmp_path):
    doc = read_pdf(make_signed(tmp_path / "plain.pdf", []))
    assert not _stamps(doc) and not any(w.startswith("stamp") for w in doc.warnings)


def _ocr_available() -> bool:
    try:
        ocr.check_available()
    except ParseError:
        return False
    return True


def test_image_only_stamp_is_ocred(tmp_path):
    path = make_signed(tmp_path / "image.pdf", [
        {"name": "Signature2", "rect": NUMBER_RECT, "draw": "image", "shows": "7432"},
        # a seal: an image too tall to be a number or a day, never OCR'd
        {"name": "Signature1", "rect": (300, 300, 480, 410), "draw": "image", "shows": "UBND"}])
    without = read_pdf(path, ocr=False)
    assert not _stamps(without)
    assert any("image only, not OCR'd" in w for w in without.warnings)
    if not _ocr_available():
        pytest.skip("tesseract or its vie model not installed")
    stamps = _stamps(read_pdf(path))
    assert [(b.text, _cells(b)["source"]) for b in stamps] == [("7432", "ocr")]


@pytest.mark.parametrize("raw, iso", [
    ("D:20260721072904+07'00'", "2026-07-21T07:29:04+07:00"),
    ("D:20260721072904Z", "2026-07-21T07:29:04+00:00"),
    ("D:20260721072904", "2026-07-21T07:29:04"),
    ("D:2026072107", "2026-07-21T07:00:00"),
    ("D:2026", "2026-01-01"),
    ("21/07/2026", None),
])
def test_pdf_date(raw, iso):
    assert pdf_date(raw) == iso


# (file, number, its text after, day, its text after): e-signed letters whose number and day
# only the signing widgets carry; quangngai-565's number widget is as wide as its line
ESIGNED = [("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf", "7432", "/UBND", "21", "tháng 7"),
           ("quangngai-565-tb-ubnd-2024-ket-luan-ctmtqg.pdf", "565", "/TB-UBND", "15", "tháng 11")]


@pytest.mark.parametrize("name, number, after_number, day, after_day", ESIGNED, ids=[e[0][:16] for e in ESIGNED])
def test_corpus_esigned_letter_number_and_day(name, number, after_number, day, after_day):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    doc = read_pdf(path)
    stamps = _stamps(doc)
    shown = {b.text: _cells(b) for b in stamps if _cells(b)["source"] == "appearance"}
    # the body leaves both blank; only the widgets carry them
    assert not any(f"{number}/" in b.text for b in doc.blocks if b.kind != "stamp")
    assert shown[number]["before"] == "Số:" and shown[number]["after"].startswith(after_number)
    assert shown[day]["before"].endswith("ngày") and shown[day]["after"].startswith(after_day)
    if number != "7432":
        return
    signed = [_cells(b) for b in stamps if _cells(b)["source"] == "signature"]
    assert signed and all(c["time"].startswith("2026-07-2") for c in signed)
    assert any(w.startswith("stamp: p1 (") and w.endswith(": 7432") for w in doc.warnings)
