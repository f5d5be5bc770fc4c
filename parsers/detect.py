"""Tell a file's format from its content first, its extension second.

`detect_format(path)` returns one of "pdf", "docx", "doc", "html", "rtf",
"txt", "md", or raises ParseError(reason="unsupported_format") for anything
else (images, archives that are not Word documents, spreadsheets, ...), and
ParseError(reason="empty") for a file with no bytes (or only white space).

Magic bytes win over the extension: a PDF saved as `.doc` is "pdf"; an HTML
page saved as `.doc` (a common trick of web portals) is "html". Text formats
are told apart by extension only once no binary signature matched.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from parsers.model import ParseError

HEAD_BYTES = 4096

# Signatures at offset 0 of binary formats.
PDF_MAGIC = b"%PDF"                                  # `%PDF-1.7`
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # Word 97-2003 .doc (OLE2 compound file)
ZIP_MAGIC = b"PK\x03\x04"                            # .docx, .xlsx, .odt, plain zip
RTF_MAGIC = b"{\\rtf"                                # `{\rtf1\ansi\ansicpg1258`
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# Image and other binary signatures we refuse outright (for a clear message).
IMAGE_MAGICS = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"BM": "BMP image",
}

# The start of an HTML page, after an optional BOM, white space and comments:
# `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" ...>`, `<html lang="vi">`
HTML_START = re.compile(rb"^(?:\s|<!--.*?-->)*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
                        re.IGNORECASE | re.DOTALL)

TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}

# Share of control bytes (not tab/newline/CR/form feed) above which "text" is binary.
MAX_CONTROL_SHARE = 0.01


def detect_format(path: str | Path) -> str:
    """The format of the file at `path`: pdf, docx, doc, html, rtf, txt or md."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except FileNotFoundError as exc:
        raise ParseError("file not found", path=p, reason="corrupt") from exc
    except IsADirectoryError as exc:
        raise ParseError("is a directory", path=p, reason="unsupported_format") from exc
    return detect_bytes(head, p)


def detect_bytes(head: bytes, path: str | Path, *, data: bytes | None = None) -> str:
    """The format from the first bytes of a file (at least 4 KiB where the file has them);
    a zip package is looked into: `data` (the whole file) when given, else the file at `path`."""
    if not head.strip():
        raise ParseError("file is empty", path=path, reason="empty")
    suffix = Path(path).suffix.lower()
    if head.startswith(PDF_MAGIC) or (PDF_MAGIC in head[:1024] and suffix == ".pdf"):
        # some producers put junk before the header; readers tolerate 1 KiB of it
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path, data)
    if head.startswith(RTF_MAGIC):
        return "rtf"
    for magic, name in IMAGE_MAGICS.items():
        if head.startswith(magic):
            raise ParseError(f"{name}, not a document", path=path, reason="unsupported_format")
    body = head
    for bom in BOMS:
        if body.startswith(bom):
            body = body[len(bom):]
            break
    if body[:1] in (b"\x00",) or (len(body) > 1 and body[1:2] == b"\x00"):
        # UTF-16 without the BOM stripped above: decode to look for HTML
        codec = "utf-16-le" if body[1:2] == b"\x00" else "utf-16-be"
        body = body.decode(codec, errors="replace").encode("utf-8")
    if HTML_START.match(body) or (suffix in HTML_EXTENSIONS and b"<" in body[:512]):
        return "html"
    if suffix in TEXT_EXTENSIONS:
        if _looks_binary(body):
            raise ParseError("binary data in a text file", path=path, reason="unsupported_format")
        return TEXT_EXTENSIONS[suffix]
    raise ParseError(f"unsupported format ({suffix or 'no extension'})", path=path,
                     reason="unsupported_format")


def _zip_kind(path: str | Path, data: bytes | None = None) -> str:
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise ParseError(f"damaged zip container: {exc}", path=path, reason="corrupt") from exc
    if "word/document.xml" in names:
        return "docx"
    raise ParseError("zip archive without word/document.xml (not a .docx)", path=path,
                     reason="unsupported_format")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(data) * MAX_CONTROL_SHARE)
