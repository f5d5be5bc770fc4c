"""E-signature stamps of a PDF: what the signature widgets show, and when they were signed.

An e-signed Vietnamese letter leaves its number and day blank in the body
(`Số: /UBND-XD`, `Lào Cai, ngày tháng 7 năm 2026`); the signing software
draws them in signature widgets (annotations /Subtype /Widget, /FT /Sig)
placed over the blanks. A widget's appearance (/AP /N, a Form XObject that
often nests others: `FRM` → `n0`, `n2`) draws the text, or an image (a
seal, a handwritten signature); its signature dictionary (/V) holds the
signing time (/M) and sometimes the signer (/Name), a reason and a place.

`has_widgets(page)` is the cheap pdfium test the reader runs on every page;
`read_stamps(data, pages)` reads the widgets of those pages with
pdfminer (the appearance text decoded through the fonts' ToUnicode maps, as
for a page; the objects read by `parsers.pdf_objects`' faster tokenizer, which
gives pdfminer's own tokens); an appearance that draws only an image and is no taller than a
line or two is OCR'd from pdfium's rendering of the widget's rectangle, when
OCR is allowed and installed. Only text the file carries is reported.
`stamp_blocks` turns stamps into blocks of kind "stamp" whose `cells` are
`key=value` strings, `describe` into one warning line each.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from types import SimpleNamespace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageOps
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTImage, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.utils import decode_text

from parsers import ocr as ocr_mod
from parsers.pdf_objects import FastPDFDocument
from parsers.model import Block, ParseError
from parsers.pdf_layout import COLUMN_GAP_SHARE

STAMP_KIND = "stamp"
SIGNED_PREFIX = "Ký số:"         # the text of a signature-dictionary stamp: `Ký số: <Name> <time>`
MAX_OCR_HEIGHT = 40.0            # points: an image-only widget taller than this is a seal or a signature
OCR_BORDER = 24                  # pixels of white put around a widget's image for Tesseract
HIDDEN_FLAGS = 2 | 32            # annotation flags Hidden and NoView
MAX_PARENTS = 32                 # field inheritance followed this far up /Parent
# A PDF date: `D:20260721072904+07'00'` (time and zone optional)
PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                      r"(?:([+-])(\d{2})'?(\d{2})?'?|(Z))?")
# Line breaks in pdfium's page text: `Số: /UBND-XD      Lào Cai, ngày tháng 7 năm 2026\r\nV/v triển khai`
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A visible character: the `S` of `Số:`
VISIBLE = re.compile(r"\S")
# Glyphs pdfminer writes for a font without a Unicode mapping: `(cid:23)`
CID = re.compile(r"\(cid:\d+\)")
# Runs of white space in a stamp's text: `Ký bởi: Bộ Công Thương\n  Cơ quan: ...`
SPACES = re.compile(r"\s+")

Rect = tuple[float, float, float, float]     # x0, y0, x1, y1: PDF points, origin bottom left (/Rect)
NO_TEXT = ("", None, 0.0)                    # a page without a usable text layer


@dataclass(frozen=True)
class Stamp:
    """What one signature widget shows (`source` "appearance" or "ocr") or what its
    signature dictionary says (`source` "signature")."""

    page: int                    # 1-based
    rect: Rect
    field: str                   # the field's name (/T, parents joined with "."): `Signature2`
    source: str
    text: str
    details: tuple[tuple[str, str], ...] = ()   # name, time, reason, location; or before, after


def has_widgets(page: pdfium.PdfPage) -> bool:
    """Does the page carry any widget annotation (a form field, a signature)?"""
    for k in range(max(pdfium_c.FPDFPage_GetAnnotCount(page.raw), 0)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_WIDGET:
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def read_stamps(data: bytes, pages: dict[int, tuple], *, ocr: bool = True
                ) -> tuple[list[Stamp], list[str]]:
    """Stamps of the signature widgets on the given pages (0-based index → `page_chars` of
    its text layer, or `NO_TEXT`), in page order, top to bottom, and warnings about
    widgets that could not be read."""
    stamps: list[Stamp] = []
    problems: list[str] = []
    try:
        found = _signature_widgets(data, set(pages))
    except Exception as exc:      # pdfminer can fail on odd files; the text layer still stands
        return [], [f"stamps: signature widgets unreadable ({type(exc).__name__}: {exc})"]
    for w in found:
        text, source = w.text, "appearance"
        if w.unmapped:
            problems.append(f"stamp: p{w.page} {_rect_text(w.rect)}: appearance text without Unicode mapping")
        if not text and (w.has_image or w.unmapped) and 0 < w.rect[3] - w.rect[1] <= MAX_OCR_HEIGHT:
            if ocr:
                text, problem = _ocr_widget(data, w.page, w.rect)
                source = "ocr"
            else:
                problem = "image only, not OCR'd (ocr=False)"
            if problem:
                problems.append(f"stamp: p{w.page} {_rect_text(w.rect)}: {problem}")
        if text:
            around = _line_context(pages.get(w.page - 1, NO_TEXT), w.rect)
            stamps.append(Stamp(w.page, w.rect, w.field, source, text,
                                tuple((k, v) for k, v in zip(("before", "after"), around) if v)))
        details = _signature_details(w.signature)
        keys = dict(details)
        if "name" in keys or "time" in keys:
            said = " ".join(keys[k] for k in ("name", "time") if k in keys)
            stamps.append(Stamp(w.page, w.rect, w.field, "signature", f"{SIGNED_PREFIX} {said}", details))
    return stamps, problems


def stamp_blocks(stamps: list[Stamp], first_index: int) -> list[Block]:
    """Blocks of kind "stamp", numbered on from `first_index`."""
    blocks = []
    for k, s in enumerate(stamps):
        cells = (f"source={s.source}", f"field={s.field}", f"page={s.page}",
                 f"rect={_rect_numbers(s.rect)}") + tuple(f"{key}={value}" for key, value in s.details)
        blocks.append(Block(index=first_index + k, kind=STAMP_KIND, text=s.text, cells=cells, page=s.page))
    return blocks


def describe(stamp: Stamp) -> str:
    """One warning line: `stamp: p1 (124,725,157,739): 7432`."""
    return f"stamp: p{stamp.page} {_rect_text(stamp.rect)}: {stamp.text}"


def page_chars(text: str, boxes, width: float) -> tuple:
    """(text, character boxes, page width) of a page's text layer (`char_boxes`, None when
    the characters and the text do not line up), for the text around its stamps;
    `NO_TEXT` without boxes."""
    if boxes is None:
        return NO_TEXT
    return text, boxes, width


MIN_BLANK = 8.0           # points: a blank left for a value is wider than a word space


def _line_context(chars: tuple, rect: Rect) -> tuple[str, str]:
    """The page text left and right of a widget on the text line it sits on, each cut at a
    column gap: (`Số:`, `/UBND-XD`) around a number, (`Lào Cai, ngày`, `tháng 7 năm 2026`)
    around a day. Empty strings when no text line runs through the widget."""
    text, boxes, width = chars
    if not text:
        return "", ""
    left, bottom, right, top = boxes
    x0, y0, x1, y1 = rect
    gap = COLUMN_GAP_SHARE * width
    best: list[int] = []
    best_inside = 0              # characters of the best line whose middle is inside the widget
    pos = 0
    for m in list(LINE_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        line = [v.start() for v in VISIBLE.finditer(text, pos, end)]
        pos = m.end() if m else len(text)
        inside = sum(1 for i in line if y0 <= (bottom[i] + top[i]) / 2 <= y1)
        if inside > best_inside:
            best, best_inside = line, inside
    middle = _blank_in(best, boxes, x0, x1, gap)
    before = [i for i in best if (left[i] + right[i]) / 2 < middle]
    after = [i for i in best if (left[i] + right[i]) / 2 >= middle]
    cut = [k for k in range(1, len(before)) if left[before[k]] - right[before[k - 1]] > gap]
    before = before[cut[-1]:] if cut else before
    cut = [k for k in range(1, len(after)) if left[after[k]] - right[after[k - 1]] > gap]
    after = after[:cut[0]] if cut else after
    return tuple(_clean(text[ix[0]:ix[-1] + 1]) if ix else "" for ix in (before, after))


def _blank_in(line: list[int], boxes, x0: float, x1: float, column_gap: float) -> float:
    """Where the value goes on a line a widget sits on: the middle of the widest blank
    between two characters both inside the widget (`Số:` ... `/TB-UBND` under a widget as
    wide as the line; not the gap to the next column), else the widget's middle."""
    left, _, right, _ = boxes
    inside = lambda i: x0 <= (left[i] + right[i]) / 2 <= x1      # noqa: E731
    blanks = [(left[b] - right[a], (right[a] + left[b]) / 2) for a, b in zip(line, line[1:])
              if inside(a) and inside(b) and left[b] - right[a] < column_gap]
    widest = max(blanks, default=(0.0, 0.0))
    return widest[1] if widest[0] >= MIN_BLANK else (x0 + x1) / 2


def _rect_numbers(rect: Rect) -> str:
    """`124,725,157,739`: whole points, one decimal where the file has a fraction."""
    return ",".join(f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}" for v in rect)


def _rect_text(rect: Rect) -> str:
    return f"({_rect_numbers(rect)})"


def pdf_date(raw: str) -> str | None:
    """ISO 8601 of a PDF date: `D:20260721072904+07'00'` → `2026-07-21T07:29:04+07:00`."""
    m = PDF_DATE.match(raw.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, sign, zh, zm, zulu = m.groups()
    out = f"{year}-{month or '01'}-{day or '01'}"
    if hour:
        out += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zulu:
            out += "+00:00"
        elif sign:
            out += f"{sign}{zh}:{zm or '00'}"
    return out


def _signature_details(sig: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(key, value) of a signature dictionary's text entries, as the file writes them."""
    out = []
    for key, entry in (("name", "Name"), ("time", "M"), ("reason", "Reason"), ("location", "Location")):
        value = sig.get(entry)
        if entry == "M" and value:
            value = pdf_date(value) or value
        if value:
            out.append((key, _clean(value)))
    return tuple(out)


def _clean(text: str) -> str:
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _ocr_widget(data: bytes, page_no: int, rect: Rect) -> tuple[str, str | None]:
    """OCR of a widget's rectangle as pdfium draws it (forms initialised so widgets show)."""
    try:
        ocr_mod.check_available()
    except ParseError as exc:
        return "", f"image only, not OCR'd ({exc.message})"
    doc = pdfium.PdfDocument(data)
    try:
        doc.init_forms()
        page = doc[page_no - 1]
        width, height = page.get_size()
        x0, y0, x1, y1 = rect
        crop = (max(x0, 0), max(y0, 0), max(width - x1, 0), max(height - y1, 0))
        image = page.render(scale=ocr_mod.DPI / 72, crop=crop, may_draw_forms=True).to_pil()
        result = ocr_mod.ocr_lines(ImageOps.expand(image.convert("L"), OCR_BORDER, fill=255))
    except (ParseError, pdfium.PdfiumError) as exc:
        return "", f"image only, OCR failed ({exc})"
    finally:
        doc.close()
    return _clean(" ".join(ln.text for ln in result.lines)), None


@dataclass(frozen=True)
class _Widget:
    page: int
    rect: Rect
    field: str
    text: str                    # what the appearance writes, lines joined by a space
    has_image: bool              # the appearance draws an image
    unmapped: bool               # the appearance writes glyphs with no Unicode (`(cid:23)`)
    signature: dict[str, str]    # the text entries of the signature dictionary /V


def _signature_widgets(data: bytes, pages: set[int]) -> list[_Widget]:
    """The signature widgets of the given (0-based) pages, by page, top to bottom, left to right."""
    out: list[_Widget] = []
    with io.BytesIO(data) as fp:
        doc = FastPDFDocument(fp)
        last = max(pages)
        for index, page in enumerate(PDFPage.create_pages(doc)):
            if index > last:
                break
            if index not in pages:
                continue
            for ref in resolve1(page.annots) or []:
                annot = resolve1(ref)
                if not isinstance(annot, dict) or _name(annot.get("Subtype")) != "Widget":
                    continue
                if _name(_inherited(annot, "FT")) != "Sig":
                    continue
                rect = _rect(annot.get("Rect"))
                flags = resolve1(annot.get("F"))
                hidden = isinstance(flags, int) and flags & HIDDEN_FLAGS
                text, image, unmapped = ("", False, False) if hidden or rect is None else _appearance(annot)
                sig = resolve1(_inherited(annot, "V"))
                out.append(_Widget(index + 1, rect or (0.0, 0.0, 0.0, 0.0), _field_name(annot), text, image,
                                   unmapped, _strings(sig) if isinstance(sig, dict) else {}))
    return sorted(out, key=lambda w: (w.page, -w.rect[3], w.rect[0]))


def _appearance(annot: dict) -> tuple[str, bool, bool]:
    """(text, draws an image, writes unmapped glyphs) of a widget's normal appearance."""
    ap = resolve1(annot.get("AP"))
    normal = resolve1(ap.get("N")) if isinstance(ap, dict) else None
    if isinstance(normal, dict):                 # appearance states: the one named by /AS
        normal = resolve1(normal.get(_name(annot.get("AS")) or ""))
    if not isinstance(normal, PDFStream):
        return "", False, False
    box = _rect(normal.get("BBox")) or (0.0, 0.0, 0.0, 0.0)
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    page = SimpleNamespace(mediabox=box)        # all the aggregator needs of a page
    device.begin_page(page, (1, 0, 0, 1, 0, 0))
    resources = resolve1(normal.get("Resources"))
    interpreter.render_contents(resources if isinstance(resources, dict) else {}, [normal])
    device.end_page(page)
    lines, images = [], False
    todo = [device.get_result()]
    while todo:
        item = todo.pop()
        if isinstance(item, LTTextLine):
            lines.append(item)
        elif isinstance(item, LTImage):
            images = True
        elif isinstance(item, LTContainer):
            todo.extend(item)
    lines.sort(key=lambda ln: (-ln.y1, ln.x0))
    text = _clean(" ".join(ln.get_text() for ln in lines))
    if CID.search(text):
        return "", images, True
    return text, images, False


def _name(value) -> str | None:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else None


def _inherited(annot: dict, key: str):
    """A field entry, from the widget or the fields above it (/Parent)."""
    node = annot
    for _ in range(MAX_PARENTS):
        if not isinstance(node, dict):
            return None
        if key in node:
            return node[key]
        node = resolve1(node.get("Parent"))
    return None


def _field_name(annot: dict) -> str:
    """The field's full name: the /T of the widget and its parents joined by "."."""
    parts, node = [], annot
    for _ in range(MAX_PARENTS):
        if not isinstance(node, dict):
            break
        title = resolve1(node.get("T"))
        if isinstance(title, (bytes, str)):
            parts.append(_text(title))
        node = resolve1(node.get("Parent"))
    return ".".join(reversed(parts))


def _rect(value) -> Rect | None:
    value = resolve1(value)
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(resolve1(v)) for v in value)
    except (TypeError, ValueError):
        return None
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _strings(sig: dict) -> dict[str, str]:
    out = {}
    for key in ("Name", "M", "Reason", "Location"):
        value = resolve1(sig.get(key))
        if isinstance(value, (bytes, str)):
            out[key] = _text(value)
    return out


def _text(value: bytes | str) -> str:
    """A PDF text string: UTF-16 with a byte order mark, UTF-8 with one, else PDFDocEncoding."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", value[3:].decode("utf-8", "replace"))
    return unicodedata.normalize("NFC", decode_text(value))
