"""Read a PDF: its text layer with pypdfium2, OCR (Tesseract) where there is none.

Guarantees of `read_pdf(path)`:
- lines come in pdfium's reading order (a letterhead's columns one after
  the other); hard wraps are rejoined into paragraphs by `parsers.reflow`,
  across page breaks but never across a numbered item; each block keeps the
  1-based page it starts on;
- page furniture is dropped: a line repeated at the top or bottom of most
  pages (digits ignored) and lone page numbers (`2`, `- 2 -`, `Trang 2`);
- ruled tables (found from pdfium's path objects, only on pages that draw
  ruling lines) become row blocks with cells; on an OCR'd page each cell is
  read on its own (`ocr.ocr_boxes`) and the page's words inside the table
  are left out of its lines; a table that goes
  on at the top of the next page with the same number of columns keeps its
  number;
- a page whose text layer is missing or unusable (`(cid:NN)`, characters of
  other scripts such as `Ӣ`/`Ѭ`, too few Vietnamese words) is OCR'd; text in
  the TCVN3/VNI legacy fonts is converted instead; the reader is "pdf-text",
  "pdf-ocr" or "pdf-mixed", `ocr_confidence` the mean Tesseract word
  confidence over OCR'd pages (of Tesseract's page pass), and a warning names
  each OCR'd page and why; a letterhead number or day left empty by the page
  pass is read again (`parsers.ocr_gaps`: a stamped number, a day and month
  handwritten in coloured ink) and a warning says so, or why it was not;
- e-signature widgets (the number and day an e-signed letter leaves blank,
  the signing time) come as blocks of kind "stamp" at the end of the block
  list, one warning each (`parsers.pdf_stamps`);
- errors: encrypted → "encrypted"; damaged → "corrupt"; more pages than
  `max_pages` → "too_large"; OCR needed but unavailable → "ocr_unavailable";
  `ocr=False` and no usable text on any page → "no_text_layer".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers import ocr as ocr_mod
from parsers import ocr_gaps, pdf_stamps, pdf_tables
from parsers.legacy_encoding import convert, detect_legacy
from parsers.model import ParseError, RawDocument, input_bytes
from parsers.pdf_layout import (COLUMN_GAP_SHARE, Line, Rows, build_blocks, char_boxes, drop_furniture,
                                column_cuts)
from parsers.pdf_text_layer import text_problem

OCR_SCALE = ocr_mod.DPI / 72
# Generated line breaks in pdfium's text: `ỦY BAN NHÂN DÂN\r\nTỈNH LÀO CAI`, and the hyphen
# that ends a line, which pdfium writes as U+FFFE with no break after it:
# `Quyết định số 66/2009/QĐ\ufffeTTg` for `66/2009/QĐ-` at a line's end and `TTg` on the next
LINE_BREAK = re.compile(r"\r\n|\r|\n|\ufffe")
LINE_END_HYPHEN = "\ufffe"
# A visible character (what `str.isspace` is not): the `S` of `Số: /UBND-XD`
VISIBLE = re.compile(r"\S")
MIN_OUTLINE_PATHS = 200      # a page drawing this many paths may hold text as outlines


def read_pdf(path: str | Path, data: bytes | None = None, *, ocr: bool = True,
             max_pages: int = 2000) -> RawDocument:
    """Read a PDF into a RawDocument (format "pdf"): its bytes `data`, or (None)
    the file at `path`."""
    path = str(path)
    data = input_bytes(path, data)
    doc = _open(data, path)
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise ParseError("PDF has no pages", path=path, reason="empty")
        if n_pages > max_pages:
            raise ParseError(f"{n_pages} pages, more than {max_pages}", path=path, reason="too_large")
        return _read(doc, path, data, n_pages, ocr)
    finally:
        doc.close()


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ParseError("PDF is encrypted (password required)", path=path, reason="encrypted") from exc
        raise ParseError(f"damaged PDF: {exc}", path=path, reason="corrupt") from exc
    except FileNotFoundError as exc:
        raise ParseError("file not found (or not a file)", path=path, reason="corrupt") from exc


def _read(doc: pdfium.PdfDocument, path: str, data: bytes, n_pages: int, ocr: bool) -> RawDocument:
    pages: list[list[Line | Rows]] = []
    heights: list[float] = []
    warnings: list[str] = []
    ocr_pages: list[int] = []
    text_pages = 0
    ocr_words = 0
    ocr_conf_sum = 0.0
    widget_pages: dict[int, tuple] = {}      # page index → its text and boxes, for the stamps
    for i in range(n_pages):
        page = doc[i]
        width, height = page.get_size()
        heights.append(height)
        widgets = pdf_stamps.has_widgets(page)
        if widgets:
            widget_pages[i] = pdf_stamps.NO_TEXT
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            problem = text_problem(text)
            if problem == "no text layer" and text.strip() and not _has_content(page, has_text=False):
                problem = None      # a page that holds only a few readable words (its number): no scan
            legacy = None
            if problem and problem != "no text layer":
                legacy = detect_legacy(text)
                if legacy and text_problem(convert(text, legacy)) is None:
                    problem = None
                    warnings.append(f"page {i + 1}: legacy {legacy} font text converted to Unicode")
                else:
                    legacy = None
            if problem is None:
                # the boxes are read once, for the lines and for the text around the stamps
                boxes = char_boxes(textpage, text) if len(text) == textpage.count_chars() else None
                pages.append(_text_items(page, text, boxes, (width, height), i, legacy))
                text_pages += 1
                if widgets and not legacy:
                    widget_pages[i] = pdf_stamps.page_chars(text, boxes, width)
                continue
        finally:
            textpage.close()
        if not _has_content(page, has_text=bool(text.strip())):
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
        items, conf, n_words, notes = _ocr_items(page, i, path)
        pages.append(items)
        ocr_pages.append(i + 1)
        ocr_words += n_words
        ocr_conf_sum += conf * n_words
        found = f"confidence {conf:.1f}" if n_words else "no text found"
        warnings.append(f"page {i + 1}: OCR ({problem}), {found}")
        warnings += [f"page {i + 1}: {note}" for note in notes]
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
    if widget_pages:
        stamps, problems = pdf_stamps.read_stamps(data, widget_pages, ocr=ocr)
        blocks += pdf_stamps.stamp_blocks(stamps, len(blocks))
        warnings += [pdf_stamps.describe(s) for s in stamps] + problems
    reader = "pdf-ocr" if not text_pages else ("pdf-mixed" if ocr_pages else "pdf-text")
    confidence = round(ocr_conf_sum / ocr_words, 2) if ocr_words else (0.0 if ocr_pages else None)
    return RawDocument(path=path, format="pdf", blocks=tuple(blocks), reader=reader,
                       pages=n_pages, ocr_confidence=confidence, warnings=tuple(warnings))


def _has_content(page: pdfium.PdfPage, has_text: bool = True) -> bool:
    """Anything on the page worth OCR: an image, text we could not read, or many
    paths (text converted to outlines). A text object whose page reads as no text at all
    (`has_text` false: an empty paragraph a word processor left on a last page) is none."""
    paths = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE or (obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and has_text):
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= MIN_OUTLINE_PATHS:
                return True
    return False


def _text_items(page, text: str, boxes, size: tuple[float, float], index: int,
                legacy: str | None) -> list[Line | Rows]:
    """Lines and tables of a page's text layer (its `char_boxes`, None when the characters
    and the text do not line up), in reading order."""
    width, height = size
    number = index + 1
    fix = (lambda s: convert(s, legacy)) if legacy else (lambda s: s)
    if boxes is None:       # no char geometry to trust: lines only, stacked down the page
        rows = [fix(t.strip()) for t in LINE_BREAK.split(text.replace(LINE_END_HYPHEN, "-\n"))
                if t.strip()]
        return [Line(t, 0.0, k * 12.0, width, k * 12.0 + 10, number) for k, t in enumerate(rows)]
    grids = _tables(page, height) if pdf_tables.has_rulings(page) else []
    if grids:
        return _table_page_items(text, boxes, grids, width, height, number, fix)
    left, bottom, right, top = (np.frombuffer(b) for b in boxes)
    gap = COLUMN_GAP_SHARE * width
    # white space has an empty box (left +inf): the others are the visible characters
    shown = np.flatnonzero(left != np.inf)
    # a column gap goes in front of a character far right of the visible one before it
    gaps = shown[1:][left[shown[1:]] - right[shown[:-1]] > gap].tolist()
    visible = shown.tolist()
    breaks = list(LINE_BREAK.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    # each line's extent, [start, end) of each line at once (the pairs' odd slots, between a
    # line and the next, are not used); a last slot past the text ends the final line
    bounds = [k for pair in zip(starts, ends) for k in pair]
    x0s, x1s, tops, bottoms = (
        reduce.reduceat(np.append(values, pad), bounds)[0::2].tolist()
        for reduce, values, pad in ((np.minimum, left, np.inf), (np.maximum, right, -np.inf),
                                    (np.maximum, top, -np.inf), (np.minimum, bottom, np.inf)))
    items: list[Line | Rows] = []
    for k, m in enumerate(breaks + [None]):
        start, end = starts[k], ends[k]
        first = bisect_left(visible, start)
        if first == len(visible) or visible[first] >= end:
            continue
        cuts = gaps[bisect_right(gaps, visible[first]):bisect_left(gaps, end)]
        if cuts:
            cuts = column_cuts(text, visible[first:bisect_left(visible, end)], cuts, left, right, gap)
        pieces = [text[a:b] for a, b in zip([start] + cuts, cuts + [end])]
        line_text = fix("      ".join(pieces).strip()) + _hyphen(m)
        # white space has an empty box: a line's extent is that of its visible characters
        items.append(Line(unicodedata.normalize("NFC", line_text), x0s[k], height - tops[k], x1s[k],
                          height - bottoms[k], number))
    return items


def _tables(page, height: float) -> list[pdf_tables.TableGrid]:
    try:
        return pdf_tables.find_tables(page, height)
    except Exception:      # odd drawings can upset the table geometry; the text layer still stands
        return []


def _table_page_items(text: str, boxes, grids, width: float, height: float, number: int,
                      fix) -> list[Line | Rows]:
    """Lines and tables of a page that holds ruled tables: cell text goes to the table rows."""
    left, bottom, right, top = (b.tolist() for b in boxes)
    owner: dict[int, tuple[int, int, int]] = {}
    finders = [pdf_tables.CellIndex(grid).find for grid in grids]
    for v in VISIBLE.finditer(text):
        i = v.start()
        cx, cy = (left[i] + right[i]) / 2, height - (bottom[i] + top[i]) / 2
        for k, find in enumerate(finders):
            cell = find(cx, cy)
            if cell is not None:
                owner[i] = (k, *cell)
                break
    items: list[Line | Rows] = []
    placed: set[int] = set()
    gap = COLUMN_GAP_SHARE * width
    pos = 0
    owned = sorted(owner)
    for m in list(LINE_BREAK.finditer(text)) + [None]:
        start, end = pos, (m.start() if m else len(text))
        seg = range(start, end)
        pos = m.end() if m else len(text)
        first, last = bisect_left(owned, start), bisect_left(owned, end)
        if first == last:          # no cell text on the line: as on a page without tables
            line = _plain_line(text, start, end, (left, bottom, right, top), gap, height, number, fix,
                               _hyphen(m))
            if line is not None:
                items.append(line)
            continue
        for k in sorted({owner[i][0] for i in owned[first:last]} - placed):
            items.append(_rows(grids[k], text, owner, k, number, fix))
            placed.add(k)
        visible = [i for i in seg if i not in owner and not text[i].isspace()]
        if not visible:
            continue
        parts, prev = [], None
        for i in seg:
            if i in owner:
                continue
            if prev is not None and not text[i].isspace() and left[i] - right[prev] > gap:
                parts.append("      ")
            parts.append(text[i])
            if not text[i].isspace():
                prev = i
        line_text = fix("".join(parts).strip()) + _hyphen(m)
        x0 = min(left[i] for i in visible)
        x1 = max(right[i] for i in visible)
        y_top = height - max(top[i] for i in visible)
        y_bottom = height - min(bottom[i] for i in visible)
        items.append(Line(unicodedata.normalize("NFC", line_text), x0, y_top, x1, y_bottom, number))
    return items


def _hyphen(m: re.Match | None) -> str:
    """The hyphen a line ends with when pdfium wrote it as U+FFFE."""
    return "-" if m is not None and m.group(0) == LINE_END_HYPHEN else ""


def _plain_line(text: str, start: int, end: int, boxes, gap: float, height: float, number: int,
                fix, hyphen: str = "") -> Line | None:
    """The line text[start:end] (no table cell in it), a column gap kept as six spaces."""
    left, bottom, right, top = boxes
    visible = [v.start() for v in VISIBLE.finditer(text, start, end)]
    if not visible:
        return None
    cuts = [j for i, j in zip(visible, visible[1:]) if left[j] - right[i] > gap]
    if cuts:
        cuts = column_cuts(text, visible, cuts, left, right, gap)
    line_text = fix("      ".join(text[a:b] for a, b in zip([start] + cuts, cuts + [end])).strip()) + hyphen
    return Line(unicodedata.normalize("NFC", line_text), min(left[start:end]), height - max(top[start:end]),
                max(right[start:end]), height - min(bottom[start:end]), number)


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


def _ocr_items(page, index: int, path: str) -> tuple[list[Line | Rows], float, int, tuple[str, ...]]:
    """Lines of an OCR'd page, its confidence and word count (of the page pass), and the notes
    of the second pass over empty letterhead fields."""
    image = page.render(scale=OCR_SCALE).to_pil()
    try:
        result = ocr_mod.ocr_lines(image)
        n_words = sum(len(ln.words) for ln in result.lines)
        result = ocr_gaps.fill_gaps(image, result, ocr_mod.TIMEOUT_S)
    except ParseError as exc:
        raise ParseError(f"OCR of page {index + 1}: {exc.message}", path=path,
                         location=f"page {index + 1}", reason=exc.reason) from exc
    s = 1 / OCR_SCALE
    gap = COLUMN_GAP_SHARE * result.width
    grids = _tables(page, page.get_size()[1]) if pdf_tables.has_rulings(page) else []
    # a ruled table's cells are read one by one; the page's words inside it are left out
    grid_of: dict[tuple[int, int], int] = {}
    for li, ln in enumerate(result.lines):
        for wi, w in enumerate(ln.words):
            for k, grid in enumerate(grids):
                if pdf_tables.cell_of(grid, (w.left + w.right) / 2 * s, (w.top + w.bottom) / 2 * s):
                    grid_of[(li, wi)] = k
                    break
    items: list[Line | Rows] = []
    placed: set[int] = set()
    for li, ln in enumerate(result.lines):
        for k in sorted({grid_of[(li, wi)] for wi in range(len(ln.words)) if (li, wi) in grid_of} - placed):
            items.append(_ocr_table(image, grids[k], index + 1))
            placed.add(k)
        words = ocr_mod.without_noise([w for wi, w in enumerate(ln.words) if (li, wi) not in grid_of])
        if not words:
            continue
        parts = [words[0].text]
        for a, b in zip(words, words[1:]):
            parts.append("      " if b.left - a.right > gap else " ")
            parts.append(b.text)
        if words == list(ln.words):
            box = (ln.left, ln.top, ln.right, ln.bottom)
        else:       # a line that runs into a table: only its words outside the table
            box = (min(w.left for w in words), min(w.top for w in words),
                   max(w.right for w in words), max(w.bottom for w in words))
        items.append(Line(unicodedata.normalize("NFC", "".join(parts)), box[0] * s, box[1] * s,
                          box[2] * s, box[3] * s, index + 1))
    return items, result.confidence, n_words, result.notes


def _ocr_table(image, grid: pdf_tables.TableGrid, page: int) -> Rows:
    """A ruled table of an OCR'd page, each cell read on its own."""
    cells = [((r, c), box) for r, row in enumerate(grid.rows) for c, box in enumerate(row) if box]
    texts = ocr_mod.ocr_boxes(image, [tuple(round(v * OCR_SCALE) for v in box) for _, box in cells])
    rows = pdf_tables.fill_cells(grid, {rc: [t] for (rc, _), t in zip(cells, texts)})
    return Rows([tuple(unicodedata.normalize("NFC", c) for c in row) for row in rows],
                grid.n_cols, grid.bbox[1], page)
