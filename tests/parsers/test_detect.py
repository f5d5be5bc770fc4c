"""Format detection by content first, extension second."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from parsers.detect import detect_format
from parsers.model import ParseError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _zip(tmp_path: Path, name: str, members: dict[str, str]) -> Path:
    p = tmp_path / name
    with zipfile.ZipFile(p, "w") as zf:
        for member, text in members.items():
            zf.writestr(member, text)
    return p


@pytest.mark.parametrize("name, data, expected", [
    ("plan.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "pdf"),
    ("plan.doc", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "pdf"),                 # a PDF saved as .doc
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "doc"),
    ("page.html", b"<!DOCTYPE html><html><body><p>K\xe1\xba\xbf ho\xe1\xba\xa1ch</p></body></html>", "html"),
    ("page.doc", b"  <html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>x</body></html>", "html"),
    ("page.htm", b"\xef\xbb\xbf<!doctype html>\n<html></html>", "html"),
    ("page.txt", "<?xml version=\"1.0\"?>\n<!DOCTYPE html><html></html>".encode(), "html"),
    ("letter.rtf", b"{\\rtf1\\ansi\\ansicpg1258\\deff0 K\\'e1}", "rtf"),
    ("plan.txt", "KẾ HOẠCH\nThực hiện Nghị quyết số 34-NQ/TU\n".encode(), "txt"),
    ("plan.md", "# KẾ HOẠCH\n\n| TT | Nội dung |\n".encode(), "md"),
    ("plan.TXT", "Số: 134 /KH-UBND".encode("utf-16"), "txt"),
])
def test_detects_by_content(tmp_path, name, data, expected):
    assert detect_format(_write(tmp_path, name, data)) == expected


def test_docx_is_a_zip_with_word_document(tmp_path):
    p = _zip(tmp_path, "plan.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    assert detect_format(p) == "docx"
    # the extension does not matter: a .docx saved as .doc is still read as docx
    q = _zip(tmp_path, "plan.doc", {"word/document.xml": "<w:document/>"})
    assert detect_format(q) == "docx"


@pytest.mark.parametrize("name, data", [
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    ("scan.pdf.tif", b"II*\x00" + b"\x00" * 64),
    ("notes.xyz", b"just some words"),
    ("plan", "KẾ HOẠCH".encode()),                                       # text without an extension
    ("binary.txt", b"abc\x00\x01\x02\x03" * 40),
])
def test_rejects_unsupported(tmp_path, name, data):
    with pytest.raises(ParseError) as err:
        detect_format(_write(tmp_path, name, data))
    assert err.value.reason == "unsupported_format"


def test_zip_without_word_is_unsupported(tmp_path):
    p = _zip(tmp_path, "book.docx", {"xl/workbook.xml": "<workbook/>"})
    with pytest.raises(ParseError) as err:
        detect_format(p)
    assert err.value.reason == "unsupported_format"


def test_damaged_zip_is_corrupt(tmp_path):
    with pytest.raises(ParseError) as err:
        detect_format(_write(tmp_path, "plan.docx", b"PK\x03\x04" + b"\x00" * 30))
    assert err.value.reason == "corrupt"


def test_empty_file(tmp_path):
    for data in (b"", b"  \n\t "):
        with pytest.raises(ParseError) as err:
            detect_format(_write(tmp_path, "empty.txt", data))
        assert err.value.reason == "empty"


def test_corpus_files_detect_as_their_extension():
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    seen = 0
    for path in sorted(CORPUS.iterdir()):
        ext = path.suffix.lower().lstrip(".")
        if ext not in {"pdf", "docx", "doc", "txt", "md"}:
            continue
        assert detect_format(path) == ext, path.name
        seen += 1
    assert seen >= 10
