"""parsers.text_tables: space-aligned tables of plain text, and what the task
extractors make of them.

Corpus cases name their file and read it at test time (skipped when the
shared corpus is absent); the synthetic tables are a few short lines.
"""
from __future__ import annotations

import pytest

from parsers.text_reader import read_text
from parsers.text_tables import find_tables

KH1105 = "laocai-kh-1105-dkt-kiem-tra.txt"

# (corpus file, header cells, per data row: (number, name cell, start of the
# object cell, end of the object cell, date, duration))
CORPUS_TABLES = [
    (KH1105,
     ("TT", "Tên đơn vị được kiểm tra", "Đối tượng kiểm tra",
      "Thời gian công bố Quyết định kiểm tra", "Thời hạn kiểm tra"),
     [("1", "Công ty cổ phần xây dựng giao thông Yên Bái", "Gói thầu số 13: Thi công",
       "Mù Cang Chải, tỉnh Lào Cai", "23/3/2026", "02 ngày"),
      # the name ran into the object column with one space: `Tổng công ty xây Nội Bài`
      ("2", "Tổng công ty xây dựng Trường Sơn", "Gói thầu số 16 lý trình",
       "(IC15) xã Nậm Có, tỉnh Lào Cai", "25/3/2025", "02 ngày"),
      ("3", "Công ty TNHH Hiệp Phú", "Gói thầu số 15: Thi công",
       "Mù Cang Chải, tỉnh Lào Cai", "27/3/2025", "02 ngày")]),
]


@pytest.mark.parametrize("name,header,rows", CORPUS_TABLES, ids=[c[0] for c in CORPUS_TABLES])
def test_corpus_table_rows_and_cells(corpus_file, name, header, rows):
    doc = read_text(corpus_file(name))
    table = [b for b in doc.blocks if b.is_row and b.table is not None]
    assert table[0].cells == header
    data = table[1:]
    assert len(data) == len(rows)
    for block, (number, unit, obj_start, obj_end, when, span) in zip(data, rows):
        assert block.cells[0] == number and block.cells[1] == unit
        assert block.cells[2].startswith(obj_start) and block.cells[2].endswith(obj_end)
        assert block.cells[3:] == (when, span)
        assert block.text == " | ".join(block.cells)


def test_corpus_table_keeps_every_line_once(corpus_file):
    """Every word of the table's lines is in exactly one cell."""
    path = corpus_file(KH1105)
    lines = path.read_text(encoding="utf-8").split("\n")
    [table] = find_tables(lines)
    words = sorted(w for k in range(table.first, table.last + 1) for w in lines[k].split())
    cells = sorted(w for _, row in table.rows for c in row for w in c.split())
    assert cells == words


# Synthetic tables: (lines, expected cells of each row, header first)
SYNTHETIC = [
    # number on the first line of its row: a row runs to the next number
    (["STT   Nội dung          Thời gian",
      "1     Kiểm tra kho      Tháng 5",
      "      vật liệu nổ",
      "2     Báo cáo           Tháng 6"],
     [("STT", "Nội dung", "Thời gian"), ("1", "Kiểm tra kho vật liệu nổ", "Tháng 5"),
      ("2", "Báo cáo", "Tháng 6")]),
    # number centred in its row: as many lines above as below
    (["TT    Nội dung          Thời gian",
      "      Kiểm tra kho",
      "1     vật liệu nổ       Tháng 5",
      "      công nghiệp",
      "2     Báo cáo           Tháng 6"],
     [("TT", "Nội dung", "Thời gian"), ("1", "Kiểm tra kho vật liệu nổ công nghiệp", "Tháng 5"),
      ("2", "Báo cáo", "Tháng 6")]),
]


@pytest.mark.parametrize("lines,rows", SYNTHETIC, ids=["top-aligned", "centred"])
def test_synthetic_tables(lines, rows):
    [table] = find_tables(lines)
    assert [cells for _, cells in table.rows] == rows


# Not tables: a letterhead in two columns, a numbered list, a table with no row number
NOT_TABLES = [
    ["   SỞ CÔNG THƯƠNG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "    ĐOÀN KIỂM TRA                         Độc lập - Tự do - Hạnh Phúc"],
    ["1. Thông tin chung về doanh nghiệp", "2. Hồ sơ, tài liệu"],
    ["TT    Nội dung          Thời gian", "      Kiểm tra kho      Tháng 5"],
]


@pytest.mark.parametrize("lines", NOT_TABLES, ids=["letterhead", "numbered list", "no row number"])
def test_not_tables(lines):
    assert find_tables(lines) == []


def test_txt_and_pdf_give_the_same_tasks(corpus_file, parsed):
    """laocai-kh-1105 as text copied out of the PDF and as the (OCR'd) PDF itself:
    the same tasks, sections, owners and timing."""
    def key(doc):
        return sorted((t.section, t.source_kind, tuple(t.owner), t.timing.raw, t.timing.kind,
                       t.timing.start, t.timing.end) for t in doc.tasks)
    as_txt = parsed(corpus_file(KH1105))
    as_pdf = parsed(corpus_file(KH1105.replace(".txt", ".pdf")))
    assert key(as_txt) == key(as_pdf)
    table = [t for t in as_txt.tasks if t.source_kind == "table"]
    assert [t.section for t in table] == ["PLI.1", "PLI.2", "PLI.3"]
    assert {tuple(t.owner) for t in table} == {("Đoàn kiểm tra",)}
    assert table[0].timing.raw == "23/3/2026; 02 ngày"
