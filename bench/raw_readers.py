"""What the raw readers alone do, timed beside vnplan in the same process (bench.throughput):
the ceiling a format's reading sets, so that `vnplan / raw` says how close vnplan comes.

- .docx: python-docx opens the file and takes the text of every paragraph and of every
  cell of every table (nested tables included);
- PDF with a text layer: pypdfium2 opens the file and takes the text of every page;
- .txt/.md: the bytes are read and decoded, NFC-normalised, and one regular expression
  (item numbering, `chủ trì`, dates) is run over the whole text.

Other formats (.doc through LibreOffice, OCR, HTML) have no raw reader here: `raw` is None.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# One pass for the cues a plan is read by: an item number at a line's start (`1.`, `a)`,
# `II.`), the lead `chủ trì`, a date (`ngày 31 tháng 5 năm 2023`, `31/5/2023`)
TEXT_CUES = re.compile(r"(?m)^\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]|chủ trì"
                       r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b",
                       re.IGNORECASE)


def _docx_tables(tables) -> int:
    n = 0
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                n += sum(len(p.text) for p in cell.paragraphs)
                n += _docx_tables(cell.tables)
    return n


def read_docx(path: Path) -> int:
    import docx
    d = docx.Document(str(path))
    return sum(len(p.text) for p in d.paragraphs) + _docx_tables(d.tables)


def read_pdf(path: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        n = 0
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return n
    finally:
        doc.close()


def read_text(path: Path) -> int:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", text)
    return sum(1 for _ in TEXT_CUES.finditer(text))


def raw_reader(kind: str):
    """The raw reader of a bench kind (bench.throughput's names), or None."""
    if kind in ("txt", "md"):
        return read_text
    if kind == "docx":
        return read_docx
    if kind.startswith("pdf-text"):
        return read_pdf
    return None
