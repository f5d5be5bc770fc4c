"""OCR of page images with Tesseract (`tesseract` CLI, Vietnamese model `vie`).

`ocr_image(image)` returns the text lines of a page image and the mean word
confidence (0-100); `ocr_lines(image)` the same lines with their boxes, which
the PDF reader uses for indentation, headers and footers.

Vietnamese official letters open with a two-column letterhead (issuing body,
number and subject on the left; national motto, place and date on the right).
Tesseract reads the page in one pass with `--psm 4`, which runs the two
columns together line by line; so the letterhead zone (the lines above the
first line that crosses the page middle without a gap) is read again column
by column, and its lines are replaced by the left column's then the right
column's. `read_digits_words` reads an image with digits only, for the
second pass over letterhead fields the page pass left empty
(`parsers.ocr_gaps`; `OcrPage.notes` carries what it did). Guarantees: every
call has a timeout (ParseError "timeout"); a missing `tesseract` binary or
`vie` model raises ParseError "ocr_unavailable"; text is NFC.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageOps

from parsers.model import ParseError

LANG = "vie"
PAGE_PSM = 4             # one column of text of varying sizes: the body of a letter
COLUMN_PSM = 4           # one letterhead column, read like the page
DPI = 300
TIMEOUT_S = 120
THREADS = "1"            # OMP threads per tesseract process (the machine is shared)

# Letterhead zone: only the top of a page; a body line crosses the middle within this margin.
LETTERHEAD_MAX_SHARE = 0.4
MIDDLE_BAND = 0.03
# A gap between words wider than this share of the page width separates two columns.
COLUMN_GAP_SHARE = 0.05
GUTTER_RANGE = (0.3, 0.65)
CROP_PAD = 12            # pixels around a column crop
# Table cells (boxes from the ruling lines) are read one by one.
CELL_PSM = 6             # a cell: one block of text
CELL_INSET = 6           # pixels kept off a cell's rules, so that they are not read as `|`
CELL_BORDER = 30         # white pixels put around a cell crop (a bare crop reads badly)
STAMP_SATURATION = 80    # coloured ink (a red seal over a header cell) is whitened in cells


# Characters Tesseract reads for plainer ones: the fraction slash of `1105⁄KH-ĐKT` is a `/`.
OCR_CONFUSABLES = str.maketrans({"\u2044": "/", "\u2215": "/"})


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float


@dataclass(frozen=True)
class OcrLine:
    """One line of OCR text with its box in image pixels."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    words: tuple[OcrWord, ...]

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass(frozen=True)
class OcrPage:
    lines: tuple[OcrLine, ...]
    confidence: float        # mean word confidence, 0-100 (0 when no words)
    width: int
    height: int
    columns_split: bool = False
    notes: tuple[str, ...] = ()     # what a second pass changed (parsers.ocr_gaps)


# A bar read where a seal, a stamp's frame or a table's ruling crosses a line: `|`, `ÃI|`
BAR = re.compile(r"^\||\|$")
NOISE_CONF = 55        # a run of words read below this mean confidence, beside good text, is noise
GOOD_CONF = 80         # the mean confidence of a run of words read well
NOISE_LINE_CONF = 45   # a whole line read below this, and short, is noise (a seal)
NOISE_LINE_WORDS = 10


def without_noise(words: list[OcrWord]) -> list[OcrWord]:
    """The words of a line without what a seal or a stamp laid over the text left: runs
    of words between bars (`|`) read with low confidence beside a run read well
    (`| #RUNG-T2M-ĐÔNG BẢO +4 T1 HỌC 0.NG ÃI| Về việc tăng cường ...`), and short lines
    read all badly (`lụ Ni Hy: .cÓ /Í ¡ Ậâ L4Ÿ`)."""
    if not words:
        return words
    mean = lambda ws: sum(w.conf for w in ws) / len(ws)      # noqa: E731
    if len(words) <= NOISE_LINE_WORDS and mean(words) < NOISE_LINE_CONF:
        return []
    runs: list[list[OcrWord]] = [[]]
    for w in words:
        if w.text == "|":
            runs.append([])
            continue
        if w.text.startswith("|") and runs[-1]:
            runs.append([])
        runs[-1].append(w)
        if w.text.endswith("|") and len(w.text) > 1:
            runs.append([])
    runs = [r for r in runs if r]
    if len(runs) < 2 or not any(mean(r) >= GOOD_CONF for r in runs):
        return words
    return [w for r in runs if mean(r) >= NOISE_CONF for w in r]


def check_available() -> None:
    """ParseError("ocr_unavailable") unless tesseract and its `vie` model are installed."""
    langs = _languages()
    if langs is None:
        raise ParseError("tesseract is not installed", reason="ocr_unavailable")
    if LANG not in langs:
        raise ParseError(f"tesseract has no '{LANG}' language model", reason="ocr_unavailable")


@lru_cache(maxsize=1)
def _languages() -> frozenset[str] | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (out.stdout + out.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines[1:] if ln.strip() and " " not in ln.strip())


def ocr_image(image) -> tuple[list[str], float]:
    """Lines of text (in reading order) and mean word confidence of a PIL page image."""
    page = ocr_lines(image)
    return [ln.text for ln in page.lines], page.confidence


def ocr_lines(image, *, timeout: float = TIMEOUT_S) -> OcrPage:
    """OCR a page image; letterhead columns read one at a time."""
    check_available()
    gray = image.convert("L")
    words = _tesseract_words(gray, PAGE_PSM, timeout)
    lines = _group_lines(words)
    width, height = gray.size
    zone = _letterhead_zone(lines, width, height)
    split = False
    if zone:
        gutter = _gutter(zone, width)
        if gutter is not None:
            top = max(0, min(ln.top for ln in zone) - CROP_PAD)
            bottom = min(height, max(ln.bottom for ln in zone) + CROP_PAD)
            left = _read_crop(gray, (0, top, gutter, bottom), timeout)
            right = _read_crop(gray, (gutter, top, width, bottom), timeout)
            if left or right:
                rest = [ln for ln in lines if ln not in zone]
                lines = left + right + rest
                split = True
    all_words = [w for ln in lines for w in ln.words]
    confidence = sum(w.conf for w in all_words) / len(all_words) if all_words else 0.0
    return OcrPage(tuple(lines), round(confidence, 2), width, height, split)


def ocr_boxes(image, boxes: list[tuple[int, int, int, int]], *,
              timeout: float = TIMEOUT_S) -> list[str]:
    """The text of each box (x0, top, x1, bottom in pixels) of a page image, read
    box by box with coloured ink whitened; words joined with spaces, NFC."""
    check_available()
    rgb = image.convert("RGB")
    stamp = rgb.convert("HSV").split()[1].point(lambda v: 255 if v > STAMP_SATURATION else 0)
    gray = rgb.convert("L")
    gray.paste(255, mask=stamp)
    texts = []
    for x0, y0, x1, y1 in boxes:
        x0, y0, x1, y1 = x0 + CELL_INSET, y0 + CELL_INSET, x1 - CELL_INSET, y1 - CELL_INSET
        if x1 - x0 < 4 or y1 - y0 < 4:
            texts.append("")
            continue
        crop = ImageOps.expand(gray.crop((x0, y0, x1, y1)), border=CELL_BORDER, fill=255)
        texts.append(" ".join(w.text for _, w in _tesseract_words(crop, CELL_PSM, timeout)))
    return texts


def has_language(lang: str) -> bool:
    return lang in (_languages() or ())


def read_digits_words(image, psm: int, lang: str = LANG, timeout: float = TIMEOUT_S) -> list[OcrWord]:
    """Words of an image read with digits only (`tessedit_char_whitelist=0123456789`)."""
    words = _tesseract_words(image, psm, timeout, lang=lang,
                             config=("-c", "tessedit_char_whitelist=0123456789"))
    return [w for _, w in words]


def _tesseract_words(image, psm: int, timeout: float, *, lang: str = LANG,
                     config: tuple[str, ...] = ()) -> list[tuple[tuple[int, int, int], OcrWord]]:
    """Words with their (block, paragraph, line) key, from Tesseract's TSV output."""
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    cmd = [shutil.which("tesseract") or "tesseract", "stdin", "stdout", "-l", lang,
           "--psm", str(psm), "--dpi", str(DPI), *config, "tsv"]
    env = dict(os.environ, OMP_THREAD_LIMIT=THREADS)
    try:
        out = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ParseError(f"tesseract took more than {timeout:.0f} s", reason="timeout") from exc
    except OSError as exc:
        raise ParseError(f"cannot run tesseract: {exc}", reason="ocr_unavailable") from exc
    if out.returncode != 0:
        msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ParseError(f"tesseract failed: {msg[-1] if msg else out.returncode}", reason="corrupt")
    rows = csv.reader(io.StringIO(out.stdout.decode("utf-8", "replace")), delimiter="\t",
                      quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    words = []
    for row in rows:
        if header is None or len(row) < 12 or row[0] != "5":
            continue
        text = unicodedata.normalize("NFC", row[11]).strip().translate(OCR_CONFUSABLES)
        conf = float(row[10])
        if not text or conf < 0:
            continue
        left, top, w, h = (int(row[i]) for i in (6, 7, 8, 9))
        key = (int(row[2]), int(row[3]), int(row[4]))
        words.append((key, OcrWord(text, left, top, left + w, top + h, conf)))
    return words


def _group_lines(words: list[tuple[tuple[int, int, int], OcrWord]]) -> list[OcrLine]:
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for key, word in words:
        groups.setdefault(key, []).append(word)
    lines = []
    for ws in groups.values():
        ws.sort(key=lambda w: w.left)
        lines.append(OcrLine(" ".join(w.text for w in ws), min(w.left for w in ws),
                             min(w.top for w in ws), max(w.right for w in ws),
                             max(w.bottom for w in ws), tuple(ws)))
    return lines     # Tesseract's order of blocks, paragraphs and lines is its reading order


def _crosses_middle(line: OcrLine, width: int) -> bool:
    """True when the line runs across the page middle without a column gap there."""
    lo, hi = width * (0.5 - MIDDLE_BAND), width * (0.5 + MIDDLE_BAND)
    if line.left > lo or line.right < hi:
        return False
    return not _column_gap(line, width)


def _column_gap(line: OcrLine, width: int) -> bool:
    """A wide gap between two words somewhere in the gutter range (`AN      CỘNG HÒA`)."""
    g0, g1 = width * GUTTER_RANGE[0], width * GUTTER_RANGE[1]
    return any(b.left - a.right > COLUMN_GAP_SHARE * width and a.right < g1 and b.left > g0
               for a, b in zip(line.words, line.words[1:]))


def _letterhead_zone(lines: list[OcrLine], width: int, height: int) -> list[OcrLine]:
    """The lines of a two-column letterhead at the top of the page, or []."""
    top_lines = sorted((ln for ln in lines if ln.top < height * LETTERHEAD_MAX_SHARE),
                       key=lambda ln: ln.top)
    zone: list[OcrLine] = []
    for ln in top_lines:
        if _crosses_middle(ln, width):
            break
        zone.append(ln)
    if len(zone) < 2 or len(zone) == len(top_lines) and len(top_lines) == len(lines):
        return []
    left = any(ln.right < width * 0.55 or _gap_at_middle(ln, width) for ln in zone)
    right = any(ln.left > width * 0.45 or _gap_at_middle(ln, width) for ln in zone)
    return zone if left and right else []


def _gap_at_middle(line: OcrLine, width: int) -> bool:
    return _column_gap(line, width)


def _gutter(zone: list[OcrLine], width: int) -> int | None:
    """The x of the widest white band between the columns, within the middle of the page."""
    lo, hi = int(width * GUTTER_RANGE[0]), int(width * GUTTER_RANGE[1])
    covered = [0] * (hi - lo)
    for ln in zone:
        for w in ln.words:
            for x in range(max(w.left, lo), min(w.right, hi)):
                covered[x - lo] += 1
    best_len = best_start = run_start = 0
    run = 0
    for i, c in enumerate(covered + [1]):
        if c == 0:
            if run == 0:
                run_start = i
            run += 1
        else:
            if run > best_len:
                best_len, best_start = run, run_start
            run = 0
    if best_len < width * 0.01:
        return None
    return lo + best_start + best_len // 2


def _read_crop(gray, box: tuple[int, int, int, int], timeout: float) -> list[OcrLine]:
    """OCR one letterhead column; boxes moved back to page coordinates."""
    x0, y0, x1, y1 = box
    if x1 - x0 < 20 or y1 - y0 < 20:
        return []
    crop = gray.crop(box)
    words = _tesseract_words(crop, COLUMN_PSM, timeout)
    moved = [(k, OcrWord(w.text, w.left + x0, w.top + y0, w.right + x0, w.bottom + y0, w.conf))
             for k, w in words]
    return sorted(_group_lines(moved), key=lambda ln: ln.top)
