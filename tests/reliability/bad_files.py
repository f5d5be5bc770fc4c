"""Builders of good and bad raw files, written into a folder at test time.

Each `make_*` writes one file (or link) and returns its path. The plans are
tiny texts in the shape of a Kế hoạch; nothing is copied from the corpus.
"""
from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PLAN = """ỦY BAN NHÂN DÂN
TỈNH {province}
Số: {number}/KH-UBND
{place}, ngày 3 tháng 4 năm 2024

KẾ HOẠCH
Triển khai nhiệm vụ năm 2024

I. NHIỆM VỤ
1. Tổ chức kiểm tra {topic}
- Đơn vị chủ trì: Sở Y tế.
- Đơn vị phối hợp: Ủy ban nhân dân các huyện.
- Thời gian: Tháng 5/2024.
2. Tuyên truyền về {topic}
- Đơn vị chủ trì: Sở Thông tin và Truyền thông.
- Thời gian: Thường xuyên.
"""

NOTICE = """BỘ Y TẾ
Số: 7/TB-BYT
Hà Nội, ngày 1 tháng 2 năm 2024

THÔNG BÁO
Lịch làm việc tuần của Lãnh đạo Bộ

Thứ Hai họp giao ban. Thứ Ba tiếp khách quốc tế.
"""


def plan_text(n: int = 1, topic: str = "an toàn thực phẩm") -> str:
    return PLAN.format(province="LÀO CAI", number=100 + n, place="Lào Cai", topic=topic)


def plan_lines(n: int = 1) -> list[str]:
    return [ln for ln in plan_text(n).splitlines() if ln.strip()]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- docx ----------------------------------------------------------------------

def docx_bytes(lines: list[str] | None = None) -> bytes:
    import docx
    d = docx.Document()
    for line in lines if lines is not None else plan_lines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _replace_part(data: bytes, name: str, content: bytes,
                  compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        dst.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return out.getvalue()


DOC_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>{paras}</w:body></w:document>')


def _paras(texts: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


def make_docx(path: Path, lines: list[str] | None = None) -> Path:
    return write(path, docx_bytes(lines))


def make_docx_not_zip(path: Path) -> Path:
    return write(path, os.urandom(3000))


def make_docx_truncated(path: Path) -> Path:
    data = docx_bytes()
    return write(path, data[: len(data) // 2])


def make_docx_xxe(path: Path, secret: Path) -> Path:
    """document.xml declares an external entity on a local file and uses it."""
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    xml = DOC_XML.format(dtd=dtd, paras=_paras(plan_lines()[:6] + ["Bí mật: &xxe;"]))
    return write(path, _replace_part(docx_bytes(), "word/document.xml", xml.encode()))


def make_docx_billion_laughs(path: Path, levels: int = 10) -> Path:
    """The classic entity bomb: lol9 expands to 10^9 "lol"s if entities are expanded."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels)]
    dtd = f"<!DOCTYPE w:document [{''.join(ents)}]>"
    xml = DOC_XML.format(dtd=dtd, paras=_paras(plan_lines()[:6] + [f"&lol{levels - 1};"]))
    return write(path, _replace_part(docx_bytes(), "word/document.xml", xml.encode()))


def make_docx_bomb(path: Path, gib: float = 1.0) -> Path:
    """word/document.xml inflates to `gib` GiB of spaces from a few MB of deflate
    (written chunk by chunk: the test never holds the inflated part)."""
    size = int(gib * (1 << 30))
    head = DOC_XML.format(dtd="", paras=_paras(plan_lines()[:3])).encode()
    head = head[: head.index(b"</w:body>")]
    tail = b"</w:body></w:document>"
    base = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, base.read(info))
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as fh:
            fh.write(head)
            chunk, left = b" " * (1 << 22), size - len(head) - len(tail)
            while left > 0:
                fh.write(chunk[:left])
                left -= len(chunk)
            fh.write(tail)
    return path


def make_docx_lying_sizes(path: Path) -> Path:
    """A part of 64 MB of spaces whose headers claim 1 KB: a reader that trusts
    the declared size must not inflate it all."""
    xml = DOC_XML.format(dtd="", paras=_paras(plan_lines()[:3] + [" " * (64 << 20)])).encode()
    data = bytearray(_replace_part(docx_bytes(), "word/document.xml", xml))
    name = b"word/document.xml"
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                               (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if data[pos + name_at: pos + name_at + n] == name:
                struct.pack_into("<I", data, pos + size_at, 1024)
            start = pos + 4
    return write(path, bytes(data))


# --- pdf -------------------------------------------------------------------------

def _canvas(path: Path, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    return canvas.Canvas(str(path), **kw)


def make_pdf(path: Path, lines: list[str] | None = None, *, pages: int = 1,
             size: tuple[float, float] = (595, 842), encrypt=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = _canvas(path, pagesize=size, encrypt=encrypt)
    lines = plan_lines() if lines is None else lines
    for page in range(pages):
        if lines and page == 0:
            c.setFont("DejaVu", 11)
            y = size[1] - 60
            for line in lines:
                c.drawString(50, y, line)
                y -= 16
        c.showPage()
    c.save()
    return path


def make_pdf_encrypted(path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    return make_pdf(path, encrypt=StandardEncryption("mật-khẩu", "owner", canPrint=0))


def make_pdf_damaged(path: Path) -> Path:
    return write(path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(20000) + b"\n%%EOF\n")


def make_pdf_truncated(path: Path, tmp: Path) -> Path:
    data = make_pdf(tmp / "whole.pdf").read_bytes()
    return write(path, data[: len(data) // 3])


def make_pdf_many_pages(path: Path, pages: int = 2001) -> Path:
    return make_pdf(path, lines=[], pages=pages)


def make_pdf_giant_page(path: Path) -> Path:
    """One 200 × 200 inch page (the PDF maximum) holding a plan's text."""
    return make_pdf(path, size=(14400, 14400))


def make_pdf_giant_scan(path: Path) -> Path:
    """One 200 × 200 inch page with no text, only a drawn image: read only by OCR,
    which must render it: the memory or the time limit has to stop it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    c = _canvas(path, pagesize=(14400, 14400))
    for i in range(300):                 # enough paths to look like outlined text
        c.rect(50 + (i % 30) * 400, 50 + (i // 30) * 1000, 300, 40, fill=1)
    c.showPage()
    c.save()
    return path


# --- other -------------------------------------------------------------------------

def make_garbage_txt(path: Path) -> Path:
    return write(path, bytes(range(256)) * 40)


def deflate_ratio(path: Path) -> float:
    """Uncompressed/compressed size of a zip's largest part (for the bomb tests)."""
    with zipfile.ZipFile(path) as zf:
        info = max(zf.infolist(), key=lambda i: i.file_size)
    return info.file_size / max(info.compress_size, 1)
