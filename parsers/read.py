"""Pick the reader for a file by its content (magic bytes) first, its extension second."""
from __future__ import annotations

from parsers.detect import HEAD_BYTES, detect_bytes
from parsers.model import ParseError, RawDocument
from parsers.text_reader import read_text


def read_document(path: str, data: bytes) -> RawDocument:
    """The blocks of the file named `path` whose bytes are `data`. Raises ParseError.

    Only `data` is read: `path` names the file (its extension, messages), and
    the file need not exist, so what was hashed is what is parsed."""
    if not data.strip():
        raise ParseError("file is empty", path=path, reason="empty")
    fmt = detect_bytes(data[:HEAD_BYTES], path, data=data)
    if fmt in ("txt", "md"):
        return read_text(path, data=data)
    if fmt == "docx":
        from parsers.docx_reader import read_docx
        return read_docx(path, data=data)
    if fmt in ("doc", "rtf"):
        from parsers.doc_reader import read_doc
        return read_doc(path, data=data)
    if fmt == "pdf":
        from parsers.pdf_reader import read_pdf
        return read_pdf(path, data=data)
    if fmt == "html":
        from parsers.html_reader import read_html
        return read_html(path, data=data)
    raise ParseError(f"no reader for format {fmt}", path=path, reason="unsupported_format")
