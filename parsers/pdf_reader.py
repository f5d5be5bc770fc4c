"""Read a PDF: its text layer with pypdfium2, OCR (Tesseract) where there is none.

Guarantees of `read_pdf(path)`:
- lines come in pdfium's reading order (a letterhead's columns one after
  the other); hard wraps are rejoined into paragraphs by `parsers.reflow`,
  across page breaks but never across a numbered item; each block keeps the
  1-based page it starts on;
- page furniture is dropped: a line repeated at the top or bottom of most
  pages (digits ignored) and lone page numbers (`2`, `- 2 -`, `Trang 2`);
- ruled tables (found by pdfplumber, only on pages that draw ruling lines)
  become row blocks with cells; a table that goes on at the top of the next
  page with the same number of columns keeps its table number;
- a page whose text layer is missing or unusable (`(cid:NN)`, characters of
  other scripts such as `Ӣ`/`Ѭ`, too few Vietnamese words) is OCR'd; text in
  the TCVN3/VNI legacy fonts is converted instead; the reader is "pdf-text",
  "pdf-ocr" or "pdf-mixed", `ocr_confidence` the mean Tesseract word
  confidence over OCR'd pages, and a warning names each OCR'd page and why;
- errors: encrypted → "encrypted"; damaged → "corrupt"; more pages than
  `max_pages` → "too_large"; OCR needed but unavailable → "ocr_unavailable";
  `ocr=False` and no usable text on any page → "no_text_layer".
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers import ocr as ocr_mod
from parsers import pdf_tables
from parsers.legacy_encoding import convert, detect_legacy, is_syllable
from parsers.model import ParseError, RawDocument
from parsers.pdf_layout import Line, Rows, build_blocks, drop_furniture

OCR_SCALE = ocr_mod.DPI / 72
# Generated line breaks in pdfium's text: `ỦY BAN NHÂN DÂN\r\nTỈNH LÀO CAI`
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Glyphs pdfminer-style extractors leave for unmapped fonts: `(cid:23)`
CID = re.compile(r"\(cid:\d+\)")
# Where a compound token splits into words: `KH-UBND`, `Đ/c`
WORD_SPLIT = re.compile(r"[-/]")
# Punctuation around a word: `(Đ/c Minh);`
WORD_EDGE = "\"'“”‘’()[]{}.,;:!?…*"
MIN_TEXT_CHARS = 20          # fewer non-space characters than this: no text layer
MAX_BAD_SHARE = 0.03         # unreadable characters (other scripts, controls, U+FFFD, PUA)
MIN_WORDS_TO_JUDGE = 15
MIN_VIETNAMESE_SHARE = 0.5   # share of words that are Vietnamese syllables
MIN_OUTLINE_PATHS = 200      # a page drawing this many paths may hold text as outlines
COLUMN_GAP_SHARE = 0.09      # a gap between characters wider than this share of the page width


def read_pdf(path: str | Path, *, ocr: bool = True, max_pages: int = 2000) -> RawDocument:
    """Read a PDF into a RawDocument (format "pdf")."""
    path = str(path)
    doc = _open(path)
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise ParseError("PDF has no pages", path=path, reason="empty")
        if n_pages > max_pages:
            raise ParseError(f"{n_pages} pages, more than {max_pages}", path=path, reason="too_large")
        return _read(doc, path, n_pages, ocr)
    finally:
        doc.close()


def _open(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ParseError("PDF is encrypted (password required)", path=path, reason="encrypted") from exc
        raise ParseError(f"damaged PDF: {exc}", path=path, reason="corrupt") from exc
    except FileNotFoundError as exc:
        raise ParseError("file not found (or not a file)", path=path, reason="corrupt") from exc


def _read(doc: pdfium.PdfDocument, path: str, n_pages: int, ocr: bool) -> RawDocument:
    pages: list[list[Line | Rows]] = []
    heights: list[float] = []
    warnings: list[str] = []
    ocr_pages: list[int] = []
    text_pages = 0
    ocr_words = 0
    ocr_conf_sum = 0.0
    plumber = _Plumber(path)
    try:
        for i in range(n_pages):
            page = doc[i]
            width, height = page.get_size()
            heights.append(height)
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            problem = text_problem(text)
            legacy = None
            if problem and problem != "no text layer":
                legacy = detect_legacy(text)
                if legacy and text_problem(convert(text, legacy)) is None:
                    problem = None
                    warnings.append(f"page {i + 1}: legacy {legacy} font text converted to Unicode")
                else:
                    legacy = None
            if problem is None:
                pages.append(_text_items(page, textpage, text, i, plumber, legacy))
                text_pages += 1
                continue
            if not _has_content(page):
                pages.append([])
                continue
            if not ocr:
                pages.append([])
                warnings.append(f"page {i + 1}: {problem}, not OCR'd (ocr=False)")
                continue
            try:
                ocr_mod.check_available()
            except ParseError as exc:
                raise ParseError(f"page {i + 1} needs OCR ({problem}): {exc.message}", path=path,
                                 location=f"page {i + 1}", reason="ocr_unavailable") from exc
            items, conf, n_words = _ocr_items(page, i, path)
            pages.append(items)
            ocr_pages.append(i + 1)
            ocr_words += n_words
            ocr_conf_sum += conf * n_words
            found = f"confidence {conf:.1f}" if n_words else "no text found"
            warnings.append(f"page {i + 1}: OCR ({problem}), {found}")
    finally:
        plumber.close()
    if text_pages == 0 and not ocr_pages:
        if not ocr:
            raise ParseError("no usable text layer and OCR is off", path=path, reason="no_text_layer")
        raise ParseError("PDF has no text and no images", path=path, reason="empty")
    pages, dropped = drop_furniture(pages, heights)
    if dropped:
        warnings.append(f"{dropped} header/footer/page-number lines dropped")
    blocks = build_blocks(pages, heights)
    if not blocks:
        raise ParseError("no text in the PDF", path=path, reason="empty")
    reader = "pdf-ocr" if not text_pages else ("pdf-mixed" if ocr_pages else "pdf-text")
    confidence = round(ocr_conf_sum / ocr_words, 2) if ocr_words else (0.0 if ocr_pages else None)
    return RawDocument(path=path, format="pdf", blocks=tuple(blocks), reader=reader,
                       pages=n_pages, ocr_confidence=confidence, warnings=tuple(warnings))


def text_problem(text: str) -> str | None:
    """Why a page's text layer cannot be used, or None when it reads as Vietnamese."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < MIN_TEXT_CHARS:
        return "no text layer"
    cids = len(CID.findall(text))
    bad = cids * 6 + sum(1 for c in chars if _unreadable(c))
    if bad > MAX_BAD_SHARE * len(chars):
        return f"unusable text layer: {100 * bad / len(chars):.0f}% unreadable characters"
    words = [w for t in text.split() for w in WORD_SPLIT.split(t.strip(WORD_EDGE))
             if w and not any(ch.isdigit() for ch in w) and not (w.isascii() and w.isupper())]
    if len(words) >= MIN_WORDS_TO_JUDGE:
        share = sum(is_syllable(w.strip(WORD_EDGE)) for w in words) / len(words)
        if share < MIN_VIETNAMESE_SHARE:
            return f"unusable text layer: only {100 * share:.0f}% of words read as Vietnamese"
    return None


def _unreadable(c: str) -> bool:
    cat = unicodedata.category(c)
    if cat in ("Cc", "Co", "Cs", "Cn") or c == "\ufffd":
        return True
    return c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")


def _has_content(page: pdfium.PdfPage) -> bool:
    """Anything on the page worth OCR: an image, text we could not read, or many
    paths (text converted to outlines)."""
    paths = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT):
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= MIN_OUTLINE_PATHS:
                return True
    return False


class _Plumber:
    """pdfplumber opened only when a page shows ruling lines."""

    def __init__(self, path: str):
        self.path = path
        self.pdf = None
        self.failed = False

    def tables(self, index: int) -> list[pdf_tables.TableGrid]:
        if self.failed:
            return []
        try:
            if self.pdf is None:
                import pdfplumber
                self.pdf = pdfplumber.open(self.path)
            return pdf_tables.find_tables(self.pdf.pages[index])
        except Exception:      # pdfminer can fail on odd files; the text layer still stands
            self.failed = True
            return []

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _text_items(page, textpage, text: str, index: int, plumber: _Plumber,
                legacy: str | None) -> list[Line | Rows]:
    """Lines and tables of a page's text layer, in reading order."""
    width, height = page.get_size()
    number = index + 1
    fix = (lambda s: convert(s, legacy)) if legacy else (lambda s: s)
    n = textpage.count_chars()
    if len(text) != n:      # no char geometry to trust: lines only, stacked down the page
        rows = [fix(t.strip()) for t in LINE_BREAK.split(text) if t.strip()]
        return [Line(t, 0.0, k * 12.0, width, k * 12.0 + 10, number) for k, t in enumerate(rows)]
    boxes = [textpage.get_charbox(i) for i in range(n)]
    grids = plumber.tables(index) if pdf_tables.has_rulings(page) else []
    owner: dict[int, tuple[int, int, int]] = {}
    for i, ch in enumerate(text):
        if grids and not ch.isspace():
            left, bottom, right, top = boxes[i]
            cx, cy = (left + right) / 2, height - (bottom + top) / 2
            for k, grid in enumerate(grids):
                cell = pdf_tables.cell_of(grid, cx, cy)
                if cell is not None:
                    owner[i] = (k, *cell)
                    break
    items: list[Line | Rows] = []
    placed: set[int] = set()
    gap = COLUMN_GAP_SHARE * width
    pos = 0
    for m in list(LINE_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        seg = range(pos, end)
        pos = m.end() if m else len(text)
        for k in sorted({owner[i][0] for i in seg if i in owner} - placed):
            items.append(_rows(grids[k], text, owner, k, number, fix))
            placed.add(k)
        visible = [i for i in seg if i not in owner and not text[i].isspace()]
        if not visible:
            continue
        parts, prev = [], None
        for i in seg:
            if i in owner:
                continue
            if prev is not None and not text[i].isspace() and boxes[i][0] - boxes[prev][2] > gap:
                parts.append("      ")
            parts.append(text[i])
            if not text[i].isspace():
                prev = i
        line_text = fix("".join(parts).strip())
        x0 = min(boxes[i][0] for i in visible)
        x1 = max(boxes[i][2] for i in visible)
        top = height - max(boxes[i][3] for i in visible)
        bottom = height - min(boxes[i][1] for i in visible)
        items.append(Line(unicodedata.normalize("NFC", line_text), x0, top, x1, bottom, number))
    return items


def _rows(grid, text: str, owner: dict[int, tuple[int, int, int]], k: int, page: int, fix) -> Rows:
    pieces: dict[tuple[int, int], list[str]] = {}
    last: dict[tuple[int, int], int] = {}
    for i in sorted(i for i, o in owner.items() if o[0] == k):
        cell = owner[i][1:]
        if cell in last and last[cell] == i - 1:
            pieces[cell][-1] += text[i]
        else:
            pieces.setdefault(cell, []).append(text[i])
        last[cell] = i
    rows = [tuple(unicodedata.normalize("NFC", fix(c)) for c in row)
            for row in pdf_tables.fill_cells(grid, pieces)]
    return Rows(rows, grid.n_cols, grid.bbox[1], page)


def _ocr_items(page, index: int, path: str) -> tuple[list[Line | Rows], float, int]:
    image = page.render(scale=OCR_SCALE).to_pil()
    try:
        result = ocr_mod.ocr_lines(image)
    except ParseError as exc:
        raise ParseError(f"OCR of page {index + 1}: {exc.message}", path=path,
                         location=f"page {index + 1}", reason=exc.reason) from exc
    s = 1 / OCR_SCALE
    gap = COLUMN_GAP_SHARE * result.width
    items: list[Line | Rows] = []
    for ln in result.lines:
        parts = [ln.words[0].text]
        for a, b in zip(ln.words, ln.words[1:]):
            parts.append("      " if b.left - a.right > gap else " ")
            parts.append(b.text)
        items.append(Line(unicodedata.normalize("NFC", "".join(parts)), ln.left * s, ln.top * s,
                          ln.right * s, ln.bottom * s, index + 1))
    n_words = sum(len(ln.words) for ln in result.lines)
    return items, result.confidence, n_words
