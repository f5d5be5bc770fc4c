"""Second OCR pass over letterhead fields the page pass left empty.

A scanned letter often gets its number and day after it is printed: the
number from a numbering stamp whose digits sit over the `Số:` line
(`Số: 2265/BCT-ATMT` with `2265` stamped half a line high), the day and the
month written by hand, often in blue ink (`ngày 02 tháng 4 năm 2026`).
Tesseract's page pass reads such lines with the field missing or garbled
(`sẵ2 6 ŸBCT-ATMT`, `ngàyô) thángh năm 2026`). `fill_gaps` finds them in
the letterhead and reads the field again from the image, digits only:

- the number: the ink components between the `Số` word and the document code
  (from a line height above the line) that rise above the printed line by a
  quarter of its cap height (stamped digits stand higher than the print they
  overlap), cut at the stamp's own baseline and sideways so that a printed
  glyph they touch is left out;
- the day and month: the coloured (not black or grey) pixels between `ngày`
  and `tháng`, and between `tháng` and `năm`.

A value is kept only when it validates (Tesseract's confidence at least
`MIN_DIGIT_CONF`; a number of 1 to 6 digits, one per stamped glyph; a real
calendar day); the line's text is then rewritten
(`Số: 2265/BCT-ATMT`) and a note says where the value came from. Otherwise
the line is left as the page pass read it, with a note. Recovered words
carry the confidence Tesseract gave the digits pass.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from datetime import date

import numpy as np
from PIL import Image, ImageOps

from parsers import ocr as ocr_mod
from parsers.ocr import OcrLine, OcrPage, OcrWord

# Only the top of the page holds the letterhead (as parsers.ocr's letterhead zone).
TOP_SHARE = ocr_mod.LETTERHEAD_MAX_SHARE
MAX_NUMBER_LINE_WORDS = 5
# The `Số` word as OCR leaves it, alone or garbled by a stamp: `Số:`, `Sô:`, `sẵ2` (not `SỞ`)
SO_WORD = re.compile(r"^[Ss]\w{0,3}:?$")
# A document code ending the number line: `ŸBCT-ATMT` (code `BCT-ATMT`), `/UBND-XD`, `/KH-ĐKT`
CODE = re.compile(r"(?P<code>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)+)[.,;]?$")
# A number already read before the code, digits standing alone: `Số: 134/KH-UBND`,
# `Số:134 /KH-UBND`, `Số: 45/2025/NĐ-CP` (not the stamp-garbled `sẵ2 /BCT-ATMT`)
HAS_NUMBER = re.compile(r"(?<![^\s:])\d+\s*/\s*(?:\d+\s*/\s*)?[A-ZĐ]")
# The date line's words: `ngày` (`ngàyô)` glued to what follows), `tháng`, `năm` and a year
DAY_WORD = re.compile(r"^ngày")
MONTH_WORD = re.compile(r"^tháng")
MAX_SLOT_WORDS = 3         # the keyword and what OCR made of the handwriting: `ngày |Š`
YEAR_WORD = re.compile(r"^\d{4}[.,]?$")
DIGITS = re.compile(r"^\d+$")

INK_LEVEL = 128            # gray level below which a pixel is ink
RISE_SHARE = 0.25          # a stamped glyph's top stands this share of the cap height above the print
MIN_GLYPH_SHARE = 0.5      # ... and it is at least this share of the cap height tall
MAX_GLYPH_SHARE = 3.0
PROFILE_SHARE = 0.1        # rows with this share of the densest row's ink make the printed band
MIN_CHROMA = 60            # max - min of R, G, B: coloured ink (blue pen 49,90,161); black print ~3
MAX_BRIGHT = 230           # brighter than this in every channel: paper, whatever its tint
MIN_INK_PIXELS = 30
DIGIT_HEIGHT = 80          # pixels: glyphs are scaled to this height for the digits pass
DIGIT_PAD = 30
# Digits passes, tried in turn until a read validates: (model, page segmentation mode). With
# the digits whitelist, `eng` reads a handwritten `4` that `vie` misses, but gives a clean `02`
# confidence 0 as one line (psm 7) and 93 as one word (psm 8); `vie` when `eng` is missing.
DIGIT_PASSES = (("eng", 7), ("eng", 8), ("vie", 7))
MAX_NUMBER_DIGITS = 6
# Least Tesseract confidence in a digits-pass read (a blue handwritten `4` read at 55, `02` at 77,
# a stamped `2265` at 91; a black handwritten `16` misread `46` at 18)
MIN_DIGIT_CONF = 40.0


def fill_gaps(image: Image.Image, page: OcrPage, timeout: float) -> OcrPage:
    """The page with its empty letterhead number and date fields read again, and noted."""
    top = page.height * TOP_SHARE
    lines = list(page.lines)
    notes: list[str] = []
    done_number = done_date = False
    for k, ln in enumerate(lines):
        if ln.top > top:
            continue
        if not done_number and _number_gap(ln, page.width):
            done_number = True
            lines[k], note = _fill_number(image, ln, timeout)
            notes.append(note)
        elif not done_date and (slots := _date_slots(ln)) is not None:
            done_date = True
            d, m, y = slots
            if _valid_slot(ln, (d, m), 31) and _valid_slot(ln, (m, y), 12):
                continue                  # the date line reads in full
            lines[k], note = _fill_date(image, ln, slots, timeout)
            notes.append(note)
    if not notes:
        return page
    return replace(page, lines=tuple(lines), notes=page.notes + tuple(notes))


# --- the number line ---------------------------------------------------------------------

def _number_gap(line: OcrLine, width: int) -> bool:
    """A `Số` line in the left column whose code has no number before it."""
    words = line.words
    if not 2 <= len(words) <= MAX_NUMBER_LINE_WORDS or line.left > width / 2:
        return False
    first = words[0].text
    if not SO_WORD.match(first) or first.isupper():
        return False
    return bool(CODE.search(words[-1].text)) and not HAS_NUMBER.search(line.text)


def _fill_number(image: Image.Image, line: OcrLine, timeout: float) -> tuple[OcrLine, str]:
    words = line.words
    so, code_word = words[0], words[-1]
    code = CODE.search(code_word.text).group("code")
    band = _printed_band(image, code_word)
    if band is None:
        return line, f"number left empty by OCR (`{line.text}`), no printed line found"
    b_top, b_bottom = band
    cap = max(b_bottom - b_top, 1)
    box = (max(0, so.left - cap), max(0, line.top - cap), code_word.left + 3 * cap, line.bottom)
    mask = _stamp_mask(image, box, code_word.left + cap, b_top, b_bottom)
    if mask is None:
        return line, f"number left empty by OCR (`{line.text}`), no stamped digits found"
    glyphs, ink = mask
    ok = lambda t, c: _read_as(t, c, 10 ** MAX_NUMBER_DIGITS - 1) and len(t) == glyphs  # noqa: E731
    text, conf = _read_digits(ink, timeout, ok)
    if not ok(text, conf):
        return line, (f"number left empty by OCR (`{line.text}`), stamp not read "
                      f"(digits pass: `{text}` at confidence {conf:.0f}, {glyphs} glyphs)")
    number = OcrWord(f"{text}/{code}", so.right, line.top, code_word.right, line.bottom, conf)
    new = _with_words(line, (replace(so, text="Số:"), number))
    return new, f"number {text} read from a stamp over the `Số:` line (OCR had `{line.text}`)"


def _printed_band(image: Image.Image, word: OcrWord) -> tuple[int, int] | None:
    """Top and bottom rows of the print in the right half of a word (clear of a stamp)."""
    x0 = (word.left + word.right) // 2
    sub = _pixels(image, (x0, word.top, word.right + 1, word.bottom + 1), "L") < INK_LEVEL
    if sub.size == 0 or not sub.any():
        return None
    profile = sub.sum(axis=1)
    rows = np.nonzero(profile >= PROFILE_SHARE * profile.max())[0]
    return word.top + int(rows[0]), word.top + int(rows[-1])


def _stamp_mask(image: Image.Image, box: tuple[int, int, int, int], last_x: int, b_top: int,
                b_bottom: int) -> tuple[int, np.ndarray] | None:
    """(how many glyphs, their ink) of the components in box that start left of last_x and
    rise above the printed band."""
    x0, y0, x1, y1 = box
    ink = _pixels(image, box, "L") < INK_LEVEL
    cap = b_bottom - b_top
    glyphs = []
    for ys, xs in _components(ink):
        if ys.min() == 0:
            continue                  # cut by the box: a glyph of the line above
        top, bottom = ys.min() + y0, ys.max() + y0
        tall = bottom - top + 1
        rises = top < b_top - RISE_SHARE * cap
        if xs.min() + x0 < last_x and rises and MIN_GLYPH_SHARE * cap <= tall <= MAX_GLYPH_SHARE * cap:
            glyphs.append((ys, xs, bottom))
    if not glyphs:
        return None
    # the stamp's baseline: the lowest bottom of a glyph that does not reach the print's baseline
    free = [bottom for _, _, bottom in glyphs if bottom < b_bottom - RISE_SHARE * cap]
    cut = (max(free) if free else b_bottom) - y0
    out = np.zeros_like(ink)
    for ys, xs, _ in glyphs:
        above = ys < b_top - y0
        lo, hi = xs[above].min(), xs[above].max()   # a touched printed glyph is cut off sideways
        keep = (ys <= cut) & (above | ((xs >= lo) & (xs <= hi)))
        out[ys[keep], xs[keep]] = True
    return len(glyphs), out


def _components(ink: np.ndarray):
    """(rows, cols) arrays of each 8-connected component of a boolean image."""
    seen = np.zeros_like(ink)
    h, w = ink.shape
    for y0, x0 in zip(*np.nonzero(ink)):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        queue, ys, xs = deque([(y0, x0)]), [], []
        while queue:
            y, x = queue.popleft()
            ys.append(y)
            xs.append(x)
            for ny in (y - 1, y, y + 1):
                for nx in (x - 1, x, x + 1):
                    if 0 <= ny < h and 0 <= nx < w and ink[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        yield np.array(ys), np.array(xs)


# --- the date line -----------------------------------------------------------------------

def _date_slots(line: OcrLine) -> tuple[int, int, int] | None:
    """Indexes of the `ngày`, `tháng` and `năm` words of a letterhead date line: after a place
    (`Hà Nội, ngày`), at most MAX_SLOT_WORDS words in each gap, `năm` before a year."""
    words = [w.text for w in line.words]
    d = next((i for i, t in enumerate(words) if DAY_WORD.match(t)), None)
    if not d or not words[d - 1].endswith(","):
        return None
    m = next((i for i in range(d + 1, len(words)) if MONTH_WORD.match(words[i])), None)
    if m is None or m - d > MAX_SLOT_WORDS:
        return None
    y = next((i for i in range(m + 1, len(words) - 1)
              if words[i].lower() == "năm" and YEAR_WORD.match(words[i + 1])), None)
    return None if y is None or y - m > MAX_SLOT_WORDS else (d, m, y)


def _slot_text(line: OcrLine, start: int, end: int) -> str:
    """What the page pass read after the keyword at `start`, up to the word at `end`."""
    first = line.words[start].text
    head = DAY_WORD.match(first) or MONTH_WORD.match(first)
    return "".join([first[head.end():]] + [w.text for w in line.words[start + 1:end]])


def _valid_slot(line: OcrLine, slots: tuple[int, int], high: int) -> bool:
    text = _slot_text(line, *slots)
    return bool(DIGITS.match(text)) and 1 <= int(text) <= high


def _fill_date(image: Image.Image, line: OcrLine, slots: tuple[int, int, int],
               timeout: float) -> tuple[OcrLine, str]:
    d, m, y = slots
    words = line.words
    found: list[OcrWord] = []
    problems = []
    for name, (start, end), high in (("day", (d, m), 31), ("month", (m, y), 12)):
        box = (words[start].left, line.top, words[end].left, line.bottom)
        if _valid_slot(line, (start, end), high):
            conf = min(w.conf for w in words[start:end])
            found.append(OcrWord(_slot_text(line, start, end), *box, conf))
            continue
        h = line.height
        ink = _coloured(image, (box[0], max(0, box[1] - h), box[2], box[3] + h))
        ok = lambda t, c, high=high: _read_as(t, c, high)  # noqa: E731
        text, conf = _read_digits(ink, timeout, ok) if ink is not None else ("", 0.0)
        if not ok(text, conf):
            problems.append(f"{name} not read" + (" (no coloured ink)" if ink is None else
                                                  f" (digits pass: `{text}` at confidence {conf:.0f})"))
            continue
        found.append(OcrWord(text, *box, conf))
    year = int(words[y + 1].text[:4])
    if problems or _calendar(year, *(int(w.text) for w in found)) is None:
        why = "; ".join(problems) or "not a calendar date"
        return line, f"day or month left empty by OCR (`{line.text}`): {why}"
    day, month = found
    new_words = (words[:d] + (replace(words[d], text="ngày"), day,
                              replace(words[m], text="tháng"), month) + words[y:])
    return (_with_words(line, new_words),
            f"day {day.text} and month {month.text} read from handwriting in coloured ink "
            f"(OCR had `{line.text}`)")


def _calendar(year: int, day: int, month: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _coloured(image: Image.Image, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """The coloured ink pixels in box, or None when there are too few."""
    sub = _pixels(image, box, "RGB").astype(np.int16)
    if sub.size == 0:
        return None
    chroma = sub.max(axis=2) - sub.min(axis=2)
    ink = (chroma > MIN_CHROMA) & (sub.max(axis=2) < MAX_BRIGHT)
    return ink if int(ink.sum()) >= MIN_INK_PIXELS else None


# --- the digits pass ---------------------------------------------------------------------

def _read_digits(ink: np.ndarray, timeout: float, accept) -> tuple[str, float]:
    """Digits Tesseract reads from a boolean ink image (one line) and their least confidence:
    the first read of DIGIT_PASSES that `accept(text, conf)`, else the last one."""
    ys, xs = np.nonzero(ink)
    if len(ys) == 0:
        return "", 0.0
    crop = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    img = Image.fromarray(np.where(crop, 0, 255).astype(np.uint8))
    scale = DIGIT_HEIGHT / img.height
    img = img.resize((max(1, round(img.width * scale)), DIGIT_HEIGHT), Image.LANCZOS)
    img = ImageOps.expand(img.point(lambda v: 0 if v < INK_LEVEL else 255), DIGIT_PAD, fill=255)
    text, conf = "", 0.0
    for lang, psm in DIGIT_PASSES:
        if not ocr_mod.has_language(lang):
            continue
        words = ocr_mod.read_digits_words(img, psm, lang, timeout)
        text = "".join(w.text for w in words)
        conf = min((w.conf for w in words), default=0.0)
        if accept(text, conf):
            break
    return text, conf


def _pixels(image: Image.Image, box: tuple[int, int, int, int], mode: str) -> np.ndarray:
    """The pixels of box (x0, y0 >= 0; cut at the image's right and bottom edges) in mode."""
    x0, y0, x1, y1 = box
    inside = (x0, y0, min(x1, image.width), min(y1, image.height))
    if inside[2] <= inside[0] or inside[3] <= inside[1]:
        return np.zeros((0, 0, 3) if mode == "RGB" else (0, 0), dtype=np.uint8)
    return np.asarray(image.crop(inside).convert(mode))


def _read_as(text: str, conf: float, high: int) -> bool:
    """A digits-pass read Tesseract is fairly sure of, a number from 1 to high."""
    return bool(DIGITS.match(text)) and 1 <= int(text) <= high and conf >= MIN_DIGIT_CONF


def _with_words(line: OcrLine, words: tuple[OcrWord, ...]) -> OcrLine:
    return OcrLine(" ".join(w.text for w in words), min(w.left for w in words),
                   min(w.top for w in words), max(w.right for w in words),
                   max(w.bottom for w in words), words)
