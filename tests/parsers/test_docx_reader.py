"""Tests of the DOCX reader: fixtures built with python-docx (numbering
definitions written into the fixture), safety checks, and the real corpus."""
from __future__ import annotations

import statistics
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from parsers.docx_numbering import Numbering, format_number
from parsers.docx_reader import read_docx
from parsers.model import ParseError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# Abstract numberings written into the fixtures:
#  10: "%1." / "%1.%2." / "%1.%2.%3." decimal (the 1., 1.1., 1.1.1. of a plan)
#  11: upperRoman "%1." (I., II.) with a decimal level 1
#  12: lowerLetter "%1)" (a), b) ...), level 1 a symbol-font bullet
#  13: decimal starting at 3
NUMBERING = f"""<w:numbering {W_NS}>
 <w:abstractNum w:abstractNumId="10">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3."/></w:lvl>
 </w:abstractNum>
 <w:abstractNum w:abstractNumId="11">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 </w:abstractNum>
 <w:abstractNum w:abstractNumId="12">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
   <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
 </w:abstractNum>
 <w:abstractNum w:abstractNumId="13">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 </w:abstractNum>
 <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
 <w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
 <w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>
 <w:num w:numId="4"><w:abstractNumId w:val="12"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
 <w:num w:numId="5"><w:abstractNumId w:val="13"/></w:num>
 <w:num w:numId="6"><w:abstractNumId w:val="10"/></w:num>
</w:numbering>"""


def _set_numbering(document, xml: str = NUMBERING) -> None:
    part = document.part.numbering_part
    part._element = parse_xml(xml)


def _numbered(document, text: str, num_id: int | None, ilvl: int | None = None,
              container=None):
    p = (container or document).add_paragraph(text)
    if num_id is not None or ilvl is not None:
        inner = (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
        if ilvl is not None:
            inner = f'<w:ilvl w:val="{ilvl}"/>' + inner
        p._p.get_or_add_pPr().append(parse_xml(f"<w:numPr {W_NS}>{inner}</w:numPr>"))
    return p


def _texts(raw, kind="paragraph"):
    return [b.text for b in raw.blocks if b.kind == kind]


@pytest.fixture
def numbered_docx(tmp_path):
    d = docx.Document()
    _set_numbering(d)
    _numbered(d, "MỤC ĐÍCH, YÊU CẦU", 2)              # I.
    _numbered(d, "Mục đích", 1, 0)                      # 1.
    _numbered(d, "Kiện toàn thành viên", 1, 1)          # 1.1.
    _numbered(d, "Rà soát danh mục", 1, 2)              # 1.1.1.
    _numbered(d, "Xây dựng kế hoạch", 1, 1)             # 1.2.
    _numbered(d, "Yêu cầu", 1, 0)                       # 2.
    _numbered(d, "Bảo đảm tiến độ", 1, 1)               # 2.1. (deeper level restarted)
    _numbered(d, "NỘI DUNG", 2, 0)                      # II.
    for word in ("Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Y tế", "Sở Tư pháp"):
        _numbered(d, f"Giao {word}", 3, 0)              # a) .. e): no đ
    _numbered(d, "Chủ trì rà soát", 3, 1)               # symbol-font bullet
    _numbered(d, "Nhóm thứ hai", 4, 0)                  # startOverride restarts: a)
    _numbered(d, "Lại nhóm đầu", 3, 0)                  # the shared list goes on: b)
    _numbered(d, "Bắt đầu từ ba", 5)                    # no ilvl: level 0, start 3
    _numbered(d, "Tiếp theo", 5)                        # 4.
    _numbered(d, "Không đánh số", None)
    _numbered(d, "Tiếp tục danh sách", 6, 0)            # numId 6, same abstract as 1: continues
    _numbered(d, "Mục con", 1, 1)                       # numId 1 again: 3.1.
    path = tmp_path / "numbered.docx"
    d.save(path)
    return path


def test_numbering_labels_render_as_printed(numbered_docx):
    assert _texts(read_docx(numbered_docx)) == [
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "1.1. Kiện toàn thành viên",
        "1.1.1. Rà soát danh mục", "1.2. Xây dựng kế hoạch", "2. Yêu cầu",
        "2.1. Bảo đảm tiến độ", "II. NỘI DUNG",
        "a) Giao Sở Tài chính", "b) Giao Sở Xây dựng", "c) Giao Sở Nội vụ",
        "d) Giao Sở Y tế", "e) Giao Sở Tư pháp", "- Chủ trì rà soát",
        "a) Nhóm thứ hai", "b) Lại nhóm đầu", "3. Bắt đầu từ ba", "4. Tiếp theo", "Không đánh số",
        "3. Tiếp tục danh sách", "3.1. Mục con"]


def test_numbering_from_paragraph_style_follows_based_on(tmp_path):
    d = docx.Document()
    _set_numbering(d)
    base = d.styles.add_style("DieuKhoan", WD_STYLE_TYPE.PARAGRAPH)
    base.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'))
    child = d.styles.add_style("DieuKhoanCon", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base
    d.add_paragraph("MỤC TIÊU", style="DieuKhoan")
    d.add_paragraph("NHIỆM VỤ", style="DieuKhoanCon")
    _numbered(d, "Nhiệm vụ cụ thể", None, 1).style = child   # ilvl from the paragraph
    path = tmp_path / "styled.docx"
    d.save(path)
    assert _texts(read_docx(path)) == ["I. MỤC TIÊU", "II. NHIỆM VỤ", "1. Nhiệm vụ cụ thể"]


@pytest.mark.parametrize("n, fmt, expected", [
    (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (5, "lowerLetter", "e"),
    (27, "lowerLetter", "aa"), (2, "upperLetter", "B"), (7, "decimalZero", "07"),
    (12, "decimal", "12"), (3, "ordinalText", "3"),
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_lvl_restart_zero_keeps_deeper_counter():
    xml = f"""<w:numbering {W_NS}><w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/>
        <w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""
    num = Numbering(parse_xml(xml))
    labels = [num.label("7", lvl) for lvl in (0, 1, 1, 0, 1)]
    assert labels == ["I.", "1.", "2.", "II.", "3."]
    assert num.label("99", 0) is None and num.label("0", 0) is None


def test_num_style_link_legal_numbering_and_level_override():
    xml = f"""<w:numbering {W_NS}>
      <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="DanhSach"/></w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:styleLink w:val="DanhSach"/>
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="8"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0">
        <w:start w:val="4"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1-"/></w:lvl>
      </w:lvlOverride></w:num></w:numbering>"""
    num = Numbering(parse_xml(xml), {"DanhSach": ("5", None, None)})
    assert [num.label("3", lvl) for lvl in (0, 1, 0, 1)] == ["I.", "1.1.", "II.", "2.1."]
    assert [num.label("8", lvl) for lvl in (0, 0)] == ["D-", "E-"]


def test_table_cells_numbered_and_merged(tmp_path):
    d = docx.Document()
    _set_numbering(d)
    t = d.add_table(rows=4, cols=4)
    for i, head in enumerate(("TT", "Nội dung", "Chủ trì", "Thời gian")):
        t.cell(0, i).text = head
    for r in (1, 2, 3):
        cell = t.cell(r, 0)
        _numbered(d, "", 5, 0, container=cell)                    # an empty numbered paragraph
        cell._tc.remove(cell.paragraphs[0]._p)                     # keep only that one
    t.cell(1, 1).text = "Kiểm tra kho"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "Sở Công Thương"     # vMerge
    t.cell(1, 3).text = "Ngày 23/3/2026"
    t.cell(1, 3).add_paragraph("02 ngày")
    t.cell(2, 1).text = "Huấn luyện"
    t.cell(2, 3).text = "Tháng 5/2026"
    t.cell(3, 1).merge(t.cell(3, 3)).text = "Ghi chú chung"     # gridSpan 3
    path = tmp_path / "table.docx"
    d.save(path)
    rows = [b for b in read_docx(path).blocks if b.kind == "row"]
    assert [b.cells for b in rows] == [
        ("TT", "Nội dung", "Chủ trì", "Thời gian"),
        ("3.", "Kiểm tra kho", "Sở Công Thương", "Ngày 23/3/2026\n02 ngày"),
        ("4.", "Huấn luyện", "Sở Công Thương", "Tháng 5/2026"),
        ("5.", "Ghi chú chung", "Ghi chú chung", "Ghi chú chung")]
    assert rows[1].text == "3. | Kiểm tra kho | Sở Công Thương | Ngày 23/3/2026\n02 ngày"
    assert [(b.table, b.row) for b in rows] == [(0, 0), (0, 1), (0, 2), (0, 3)]


def test_letterhead_table_bold_heading_nfc_and_order(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).paragraphs[0].add_run("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI").bold = True
    t.cell(0, 1).paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    t.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    t.cell(1, 0).text = "Số: 161/KH-UBND"
    t.cell(1, 1).text = "Lào Cai, ngày 23 tháng 4 năm 2026"
    d.add_paragraph("")                                         # dropped
    p = d.add_paragraph()
    p.add_run("KẾ HOẠCH").bold = True
    p.add_run("   ")                                            # a space run stays unbold
    mixed = d.add_paragraph()
    mixed.add_run("Đơn vị chủ trì:").bold = True
    mixed.add_run(" Sở Tài chính")
    d.add_heading("Tổ chức thực hiện", level=1)
    d.add_paragraph(unicodedata.normalize("NFD", "Sở  Khoa học\tvà Công nghệ"))
    path = tmp_path / "letterhead.docx"
    d.save(path)
    blocks = read_docx(path).blocks
    assert [b.index for b in blocks] == list(range(len(blocks)))
    assert blocks[0].cells == ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI",
                               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert blocks[1].cells == ("Số: 161/KH-UBND", "Lào Cai, ngày 23 tháng 4 năm 2026")
    body = [(b.text, b.bold, b.heading) for b in blocks if b.kind == "paragraph"]
    assert body == [("KẾ HOẠCH", True, False), ("Đơn vị chủ trì: Sở Tài chính", False, False),
                    ("Tổ chức thực hiện", True, True), ("Sở Khoa học và Công nghệ", False, False)]
    assert unicodedata.is_normalized("NFC", body[-1][0])


def _inject(path: Path, replace: dict[str, str]) -> None:
    """Rewrite parts of a saved package (for XML python-docx cannot write)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, text in replace.items():
        parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_tracked_changes_fields_textbox_breaks_and_footnotes(tmp_path):
    d = docx.Document()
    d.add_paragraph("MARKER")
    path = tmp_path / "rich.docx"
    d.save(path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    body = ('<w:r><w:t xml:space="preserve">Giao Sở </w:t></w:r>'
            '<w:del w:id="1" w:author="a"><w:r><w:delText>Xây dựng</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>Tài chính</w:t></w:r></w:ins>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> chủ trì</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><w:footnoteReference w:id="1"/></w:r>'
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẨN</w:t></w:r>'
            '<w:r><w:br/><w:t>thực hiện</w:t><w:br/><w:t>- Như trên</w:t><w:tab/><w:t>;</w:t></w:r>'
            '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
            'compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
            '<w:t>DỰ THẢO</w:t></w:r></w:p><w:p><w:r><w:t>lần 2</w:t></w:r></w:p></w:txbxContent>'
            '</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO'
            '</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    xml = xml.replace("<w:t>MARKER</w:t></w:r>", "<w:t></w:t></w:r>" + body)
    notes = (f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
             '<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
             '<w:t>Chỉ thị số 11-CT/TU</w:t></w:r></w:p></w:footnote></w:footnotes>')
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdFn" Type="http://schemas.openxml'
                        'formats.org/officeDocument/2006/relationships/footnotes" '
                        'Target="footnotes.xml"/></Relationships>')
    types = types.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="'
                          'application/vnd.openxmlformats-officedocument.wordprocessingml.'
                          'footnotes+xml"/></Types>')
    _inject(path, {"word/document.xml": xml, "word/footnotes.xml": notes,
                   "word/_rels/document.xml.rels": rels, "[Content_Types].xml": types})
    blocks = read_docx(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Giao Sở Tài chính chủ trì thực hiện\n- Như trên ;"),
        ("paragraph", "DỰ THẢO\nlần 2"),                 # paragraphs of a box stay lines
        ("footnote", "Chỉ thị số 11-CT/TU")]


def test_cell_paragraphs_stay_lines_but_wrapped_breaks_join(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Sở Tài chính"
    t.cell(0, 0).add_paragraph("các sở, ngành liên quan")       # a paragraph of its own
    run = t.cell(0, 1).paragraphs[0].add_run("Kiểm tra việc chấp hành")
    run.add_break()
    run.add_text("quy định về hóa chất")                        # a manual wrap
    d.add_paragraph("Sau bảng")
    path = tmp_path / "cells.docx"
    d.save(path)
    row = read_docx(path).blocks[0]
    assert row.cells == ("Sở Tài chính\ncác sở, ngành liên quan",
                         "Kiểm tra việc chấp hành quy định về hóa chất")


def test_nested_table_flattened_into_cell(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Nơi nhận:"
    inner = outer.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "KT. GIÁM ĐỐC"
    inner.cell(1, 0).text = "PHÓ GIÁM ĐỐC"
    path = tmp_path / "nested.docx"
    d.save(path)
    rows = [b for b in read_docx(path).blocks if b.kind == "row"]
    assert len(rows) == 1
    assert rows[0].cells == ("Nơi nhận:", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")


# ---- safety ------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3", "unsupported_format"),
    (b"not a word file at all", "corrupt"),
    (b"PK\x03\x04 truncated zip", "corrupt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
     "encrypted"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "unsupported_format"),
])
def test_bad_files_raise_parse_error_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(ParseError) as err:
        read_docx(path)
    assert err.value.reason == reason
    assert err.value.path == str(path)


def _package(tmp_path: Path, document_xml: str) -> Path:
    d = docx.Document()
    path = tmp_path / "crafted.docx"
    d.save(path)
    _inject(path, {"word/document.xml": document_xml})
    return path


def test_zip_bomb_is_too_large(tmp_path):
    filler = " " * 5_000_000
    xml = f'<w:document {W_NS}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>{filler}</w:body></w:document>'
    with pytest.raises(ParseError) as err:
        read_docx(_package(tmp_path, xml))
    assert err.value.reason == "too_large"


def test_external_entities_and_entity_expansion_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT")
    lol = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 9))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
           f'<!ENTITY l0 "ha">{lol}]><w:document {W_NS}><w:body><w:p><w:r>'
           '<w:t>Trước &xxe; &l8; sau</w:t></w:r></w:p></w:body></w:document>')
    try:
        blocks = read_docx(_package(tmp_path, xml)).blocks
    except ParseError as err:     # refusing the DTD is as good as not expanding it
        assert err.reason in ("corrupt", "too_large")
        return
    text = " ".join(b.text for b in blocks)
    assert "BÍ MẬT" not in text and "haha" not in text and len(text) < 100


# ---- the real corpus ------------------------------------------------------------

def _corpus_docx() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus absent")
    return sorted(CORPUS.glob("*.docx"))


def test_every_corpus_docx_reads_into_nfc_blocks():
    files = _corpus_docx()
    assert files
    for path in files:
        raw = read_docx(path)
        assert raw.format == "docx" and raw.reader == "docx" and raw.path == str(path)
        assert any(b.kind == "paragraph" for b in raw.blocks), path.name
        for b in raw.blocks:
            assert b.text and unicodedata.is_normalized("NFC", b.text), (path.name, b.index)
            for piece in b.cells or (b.text,):
                assert "  " not in piece and "\t" not in piece, (path.name, b.index)
                assert piece == piece.strip(), (path.name, b.index)
            if b.kind == "row":
                assert b.text == " | ".join(b.cells)


@pytest.mark.parametrize("name", [
    "laocai-sct-kh-2242-kiem-tra-gcn-2026.docx", "laocai-sct-kh-3024-kiem-tra-sin-quyen-2026.docx",
    "laocai-sct-kh-3898-huan-luyen-2026.docx", "laocai-sct-kh-3957-kiem-tra-gcn-2026.docx"])
def test_tt_column_of_task_table_is_numbered(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("shared corpus absent")
    rows = [b for b in read_docx(path).blocks if b.kind == "row"]
    headers = [b for b in rows if b.cells and b.cells[0] == "TT"]
    assert headers, "no table with a TT column"
    data = [b for b in rows if b.table == headers[0].table and b.row > headers[0].row]
    numbers = [b.cells[0].rstrip(".") for b in data]
    assert len(numbers) >= 3
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_numbered_paragraphs_of_a_real_notice():
    path = CORPUS / "lamdong-tb-ubnd-ket-luan-pci-2026.docx"
    if not path.exists():
        pytest.skip("shared corpus absent")
    texts = _texts(read_docx(path))
    starts = [t.split(" ", 1)[0] for t in texts if t[:2] in ("1.", "2.", "3.", "a)", "b)")]
    assert starts == ["1.", "2.", "a)", "b)", "3."]


def test_reader_speed_over_corpus(capsys):
    files = _corpus_docx()
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for path in files:
            read_docx(path)
        runs.append(len(files) / (time.perf_counter() - start))
    speed = statistics.median(runs)
    with capsys.disabled():
        print(f"\nread_docx: {speed:.0f} docs/s over {len(files)} corpus files (median of 3)")
    assert speed > 30     # the pipeline target is 50 docs/s in all; shared CPUs vary
