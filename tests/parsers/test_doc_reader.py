"""Tests of the legacy .doc reader: format sniffing, encryption, the
LibreOffice conversion (skipped where soffice is absent) and the corpus."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from parsers.doc_reader import CONVERTED_WARNING, read_doc, sniff, soffice_path
from parsers.docx_reader import read_docx
from parsers.model import ParseError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")


@pytest.mark.parametrize("head, kind", [
    (OLE + b"\0" * 8, "ole"),
    (b"PK\x03\x04\x14\x00", "zip"),
    (b"{\\rtf1\\ansi\\ansicpg1258", "rtf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html lang='vi'>", "html"),
    (b"<html xmlns:o='urn:schemas-microsoft-com:office:office'>", "html"),
    (b'<?xml version="1.0"?><w:wordDocument>', "xml"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "mhtml"),
    (b"%PDF-1.4", "pdf"),
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n", "unknown"),
])
def test_sniff_by_magic_bytes(head, kind):
    assert sniff(head) == kind


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"%PDF-1.7 a pdf named .doc", "unsupported_format"),
    (b"\x89PNG\r\n\x1a\n image", "unsupported_format"),
    (OLE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
])
def test_bad_doc_files(tmp_path, content, reason):
    path = tmp_path / "bad.doc"
    path.write_bytes(content)
    with pytest.raises(ParseError) as err:
        read_doc(path)
    assert err.value.reason == reason and err.value.path == str(path)


def _numbered_docx(path: Path) -> Path:
    d = docx.Document()
    d.part.numbering_part._element = parse_xml(
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    for text, ilvl in (("MỤC ĐÍCH", 0), ("NHIỆM VỤ", 0), ("Giao Sở Tài chính", 1),
                       ("Giao Sở Xây dựng", 1)):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'))
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Nội dung", "Chủ trì"
    t.cell(1, 0).text, t.cell(1, 1).text = "Kiểm tra kho", "Sở Công Thương"
    d.add_paragraph("Nơi nhận")      # Word always ends a body with a paragraph, not a table
    d.save(path)
    return path


def test_docx_named_doc_is_read_directly(tmp_path):
    path = _numbered_docx(tmp_path / "really-docx.doc")
    raw = read_doc(path)
    assert raw.format == "doc" and raw.reader == "docx" and raw.path == str(path)
    assert any("named .doc" in w for w in raw.warnings)
    assert [b.text for b in raw.blocks][:4] == [
        "I. MỤC ĐÍCH", "II. NHIỆM VỤ", "a) Giao Sở Tài chính", "b) Giao Sở Xây dựng"]


def test_converter_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("VNPLAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "letter.doc"
    path.write_bytes(b"{\\rtf1\\ansi Giao S\\u7903? T\\u224?i ch\\u237?nh\\par}")
    with pytest.raises(ParseError) as err:
        read_doc(path)
    assert err.value.reason == "converter_unavailable"
    assert "LibreOffice" in err.value.message


@pytest.mark.parametrize("script, reason", [
    ("exec sleep 30", "timeout"),            # a hung conversion is killed
    ("exit 0", "corrupt"),                   # soffice wrote nothing
])
def test_failed_conversion(tmp_path, monkeypatch, script, reason):
    fake = tmp_path / "fake-soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setenv("VNPLAN_SOFFICE", str(fake))
    monkeypatch.setattr("parsers.doc_reader.CONVERT_TIMEOUT", 0.5)
    path = tmp_path / "letter.doc"
    path.write_bytes(b"{\\rtf1\\ansi Giao\\par}")
    start = time.monotonic()
    with pytest.raises(ParseError) as err:
        read_doc(path)
    assert err.value.reason == reason and time.monotonic() - start < 10


@needs_soffice
def test_word_binary_round_trip_keeps_numbering_and_tables(tmp_path):
    source = _numbered_docx(tmp_path / "plan.docx")
    outdir = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice_path(), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    doc_path = outdir / "plan.doc"
    assert doc_path.read_bytes()[:8] == OLE
    raw = read_doc(doc_path)
    assert raw.path == str(doc_path) and raw.format == "doc"
    assert raw.reader == "doc-libreoffice" and CONVERTED_WARNING in raw.warnings
    assert [b.text for b in raw.blocks if b.kind == "paragraph"] == [
        "I. MỤC ĐÍCH", "II. NHIỆM VỤ", "a) Giao Sở Tài chính", "b) Giao Sở Xây dựng", "Nơi nhận"]
    assert [b.cells for b in raw.blocks if b.kind == "row"] == [
        ("Nội dung", "Chủ trì"), ("Kiểm tra kho", "Sở Công Thương")]


@needs_soffice
@pytest.mark.parametrize("content, kind", [
    (b"{\\rtf1\\ansi\\uc1 Giao S\\u7903? T\\u224?i ch\\u237?nh ch\\u7911? tr\\u236?\\par}", "RTF"),
    ("<html><head><meta charset='utf-8'></head><body><p>Giao Sở Tài chính chủ trì</p>"
     "<table><tr><td>TT</td><td>Nội dung</td></tr></table></body></html>".encode(), "HTML"),
])
def test_rtf_or_html_named_doc_is_converted(tmp_path, content, kind):
    path = tmp_path / "letter.doc"
    path.write_bytes(content)
    raw = read_doc(path)
    assert raw.blocks[0].text == "Giao Sở Tài chính chủ trì"
    assert f"{kind} file named .doc" in raw.warnings
    if kind == "HTML":
        assert raw.blocks[1].cells == ("TT", "Nội dung")


# ---- the real corpus ----------------------------------------------------------

def _corpus_doc() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus absent")
    if soffice_path() is None:
        pytest.skip("LibreOffice not installed")
    return sorted(CORPUS.glob("*.doc"))


def test_every_corpus_doc_reads():
    files = _corpus_doc()
    assert files
    for path in files:
        raw = read_doc(path)
        assert raw.path == str(path) and raw.reader == "doc-libreoffice"
        assert sum(b.kind == "paragraph" for b in raw.blocks) >= 3, path.name


def test_doc_and_docx_of_the_same_notice_agree():
    _corpus_doc()
    doc, docx_ = (CORPUS / f"lamdong-tb-ubnd-ket-luan-pci-2026.{ext}" for ext in ("doc", "docx"))
    if not (doc.exists() and docx_.exists()):
        pytest.skip("pair absent from the corpus")
    a = {b.text for b in read_doc(doc).blocks if b.kind == "paragraph"}
    b = {b.text for b in read_docx(docx_).blocks if b.kind == "paragraph"}
    overlap = len(a & b) / len(a | b)
    assert overlap >= 0.9, sorted(a ^ b)
    assert any(t.startswith("a) ") for t in a & b)      # numbering survived the conversion


def test_encrypted_word_binary_detected_from_fib(tmp_path):
    corpus = _corpus_doc()
    data = bytearray(corpus[0].read_bytes())
    # The FIB starts the WordDocument stream on a sector boundary with wIdent 0xA5EC;
    # fEncrypted is bit 0 of byte 0x0B.
    fib = next(off for off in range(512, len(data), 512) if data[off:off + 2] == b"\xec\xa5")
    data[fib + 0x0B] |= 0x01
    path = tmp_path / "locked.doc"
    path.write_bytes(bytes(data))
    with pytest.raises(ParseError) as err:
        read_doc(path)
    assert err.value.reason == "encrypted"
