"""parsers.text_reader: encodings to NFC, Markdown tables and emphasis,
word-segmented and hard-wrapped text, and what is rejected.

Byte fixtures are written into tmp_path from short Vietnamese lines written
here; corpus cases name their file and read it at test time.
"""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from extractors.extract import extract
from parsers.model import ParseError
from parsers.text_reader import read_text

# A short letterhead-and-body text with every Vietnamese diacritic family.
PLAN_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
    "Số: 12/KH-UBND",
    "Ninh Bình, ngày 05 tháng 6 năm 2024",
    "KẾ HOẠCH",
    "Tổ chức Tuần lễ Văn hóa, Du lịch năm 2024",
    "1. Sở Văn hóa và Thể thao chủ trì, phối hợp với Sở Tài chính thực hiện; thời gian: Quý III/2024.",
]
PLAN_TEXT = "\n".join(PLAN_LINES) + "\n"

TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese files write it: base letters precomposed where the
    code page has them, tone marks as separate combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


ENCODINGS = [
    ("utf-8", PLAN_TEXT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + PLAN_TEXT.encode("utf-8")),
    ("utf-8 decomposed (NFD)", unicodedata.normalize("NFD", PLAN_TEXT).encode("utf-8")),
    ("utf-16 LE with BOM", PLAN_TEXT.encode("utf-16")),
    ("utf-16 BE with BOM", b"\xfe\xff" + PLAN_TEXT.encode("utf-16-be")),
    ("utf-16 with CRLF", PLAN_TEXT.replace("\n", "\r\n").encode("utf-16")),
    ("windows-1258", cp1258_bytes(PLAN_TEXT)),
    ("utf-8 with CRLF", PLAN_TEXT.replace("\n", "\r\n").encode("utf-8")),
]


@pytest.mark.parametrize("label,data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_encoding_reads_to_the_same_nfc_lines(tmp_path, label, data):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(data)
    raw = read_text(path)
    texts = [b.text for b in raw.blocks]
    assert texts == PLAN_LINES
    for t in texts:
        assert unicodedata.is_normalized("NFC", t)
        assert "\ufeff" not in t and "\r" not in t
    assert [b.line for b in raw.blocks] == list(range(1, len(PLAN_LINES) + 1))


def test_windows_1258_fixture_really_is_not_utf8():
    """Guard for the case above: the bytes use combining tone marks and fail as UTF-8."""
    data = cp1258_bytes(PLAN_TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("cp1258") != PLAN_TEXT  # decomposed tones until normalised


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", "\ufeff".encode("utf-8")],
                         ids=["zero bytes", "white space", "only a BOM"])
def test_empty_file_is_rejected_as_empty(tmp_path, data):
    path = tmp_path / "trong.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        read_text(path)
    assert err.value.reason == "empty"
    with pytest.raises(ParseError) as err:
        extract(path)
    assert err.value.reason == "empty"


def _garbage(seed: int, n: int = 6000) -> bytes:
    return random.Random(seed).randbytes(n)


GARBAGE = [
    ("random bytes", _garbage(1)),
    ("random bytes 2", _garbage(2)),
    ("all byte values", bytes(range(256)) * 16),
    ("control characters in text", b"\x01\x02\x03S\xe1\xbb\x9f\x04\x05\x06" * 400),
]


@pytest.mark.parametrize("label,data", GARBAGE, ids=[g[0] for g in GARBAGE])
def test_binary_garbage_named_txt_is_rejected(tmp_path, label, data):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        read_text(path)
    assert err.value.reason == "encoding"
    with pytest.raises(ParseError) as err:
        extract(path)
    assert err.value.reason in {"encoding", "unsupported_format", "corrupt"}
    assert err.value.path == str(path)


# ---- Markdown ----------------------------------------------------------------

MARKDOWN = """# KẾ HOẠCH
**I. MỤC ĐÍCH, YÊU CẦU**

*Quảng Bình, ngày 20 tháng 01 năm 2025*

| TT | Nhiệm vụ | Cơ quan chủ trì |
| --- | :---: | ---: |
| 1. | Rà soát **văn bản** hướng dẫn | Sở Tư pháp |
| 2. | Tổng hợp *báo cáo* quý | Văn phòng UBND tỉnh |

Đoạn văn sau bảng.
*   Gạch đầu dòng kiểu Markdown
"""


@pytest.fixture
def md_blocks(tmp_path):
    path = tmp_path / "mau.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    raw = read_text(path)
    assert raw.format == "md"
    return raw.blocks


def test_markdown_table_becomes_rows_with_cells_and_no_separator(md_blocks):
    rows = [b for b in md_blocks if b.is_row]
    assert [b.cells for b in rows] == [
        ("TT", "Nhiệm vụ", "Cơ quan chủ trì"),
        ("1.", "Rà soát văn bản hướng dẫn", "Sở Tư pháp"),
        ("2.", "Tổng hợp báo cáo quý", "Văn phòng UBND tỉnh"),
    ]
    assert [b.row for b in rows] == [0, 1, 2]
    assert {b.table for b in rows} == {0}
    assert all(b.text == " | ".join(b.cells) for b in rows)
    assert not any(re.search(r"-{3}", b.text) for b in md_blocks)


def test_markdown_emphasis_and_heading_marks_are_stripped_and_kept_as_flags(md_blocks):
    by_text = {b.text: b for b in md_blocks}
    assert by_text["KẾ HOẠCH"].heading
    assert by_text["I. MỤC ĐÍCH, YÊU CẦU"].bold
    assert "Quảng Bình, ngày 20 tháng 01 năm 2025" in by_text
    assert "- Gạch đầu dòng kiểu Markdown" in by_text
    assert not any("*" in b.text or b.text.startswith("#") for b in md_blocks)


def test_markdown_every_non_blank_line_is_in_one_block(md_blocks):
    lines = MARKDOWN.split("\n")
    expected = [i for i, ln in enumerate(lines, start=1)
                if ln.strip() and not re.match(r"^\|(\s*:?-+:?\s*\|)+$", ln.strip())]
    assert [b.line for b in md_blocks] == expected
    assert [b.index for b in md_blocks] == list(range(len(md_blocks)))


# ---- the corpus ----------------------------------------------------------------

def test_corpus_markdown_task_table_rows(corpus_file):
    """btnmt-09 (.txt carrying pipe tables): the appendix header row and a data row."""
    raw = read_text(corpus_file("btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"))
    rows = [b for b in raw.blocks if b.is_row]
    header = next(b for b in rows if b.cells[:2] == ("TT", "Nhiệm vụ"))
    assert header.cells == ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                            "Thời gian thực hiện/ hoàn thành")
    first = raw.blocks[header.index + 1]
    assert first.is_row and first.table == header.table and first.row == header.row + 1
    assert first.cells[0] == "1." and first.cells[2] == "Cục Biến đổi khí hậu"
    assert not any(re.fullmatch(r"[\s|:-]+", b.text) for b in raw.blocks)
    # emphasis of the date cell is gone
    date_row = next(b for b in rows if b.cells and b.cells[0].startswith("Số:"))
    assert date_row.cells[1] == "Hà Nội, ngày 06 tháng 8 năm 2024"


def test_corpus_markdown_headings_and_bold(corpus_file):
    """cp-nq-03 (.md): `# NGHỊ QUYẾT` is a heading, `**Điều 1.** ...` loses its stars."""
    raw = read_text(corpus_file("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"))
    assert raw.reader == "markdown"
    heading = next(b for b in raw.blocks if b.text == "NGHỊ QUYẾT")
    assert heading.heading
    article = next(b for b in raw.blocks if b.text.startswith("Điều 1."))
    assert article.text.startswith("Điều 1. Ban hành kèm theo Nghị quyết này")
    assert not any("**" in b.text for b in raw.blocks)


WORDSEG = [
    "backan-qd-de-an-giao-rung-2009-2015-wordseg.txt",
    "bct-chi-thi-xuat-khau-2010-wordseg.txt",
    "bgtvt-tb-ket-luan-tong-ket-2009-wordseg.txt",
    "bo-bao-cao-thang2-ke-hoach-thang3-2010-wordseg.txt",
    "btp-chi-thi-luat-trach-nhiem-boi-thuong-wordseg.txt",
    "btp-tb-ket-luan-cong-tac-tu-phap-2010-wordseg.txt",
    "hcm-chi-thi-quan-ly-song-kenh-giao-thong-thuy-wordseg.txt",
    "hcm-chi-thi-xay-dung-kiem-tra-vbqppl-wordseg.txt",
    "longan-chi-thi-ke-hoach-ktxh-2011-2015-wordseg.txt",
    "ttg-qd-de-an-dich-vu-moi-truong-2020-wordseg.txt",
    "vpcp-tb-ket-luan-de-an-day-nghe-1956-wordseg.txt",
]


@pytest.mark.parametrize("name", WORDSEG)
def test_word_segmented_text_is_rejoined(corpus_file, name):
    path = corpus_file(name)
    source = path.read_text(encoding="utf-8")
    assert re.search(r"\w_\w", source), "fixture guard: the source is word-segmented"
    raw = read_text(path)
    assert any("word-segmented" in w for w in raw.warnings)
    for b in raw.blocks:
        assert not re.search(r"(?<=[^\W\d_])_(?=[^\W\d_])", b.text), b.text[:120]
        assert not re.search(r"\w ,", b.text), b.text[:120]        # `xuất_khẩu , kiểm_soát`
        assert not re.match(r"^\d{1,2} \. ", b.text), b.text[:60]  # `1 . Các giải_pháp`


def test_word_segmented_markers_and_words(corpus_file):
    """bct-chi-thi-xuat-khau-2010: `1 . Các giải_pháp` → `1. Các giải pháp`, `a ) Vụ` → `a) Vụ`."""
    raw = read_text(corpus_file("bct-chi-thi-xuat-khau-2010-wordseg.txt"))
    texts = [b.text for b in raw.blocks]
    assert any(t.startswith("1. Các giải pháp đẩy mạnh xuất khẩu") for t in texts)
    assert any(t.startswith("a) Vụ Xuất nhập khẩu chủ trì, phối hợp với") for t in texts)
    assert any(t.startswith("2. Các giải pháp kiểm soát nhập siêu") for t in texts)


def test_plain_text_is_not_treated_as_word_segmented(corpus_file):
    """hanoi-161 has `_` nowhere and must not be touched."""
    raw = read_text(corpus_file("hanoi-161-kh-ubnd-2023-excerpt.txt"))
    assert not raw.warnings
    assert raw.blocks[0].text.startswith("Kế hoạch 161/KH-UBND thực hiện sáng kiến")


def test_hard_wrapped_text_is_reflowed(corpus_file):
    """laocai-134: text copied out of a PDF, hard-wrapped at ~80 columns."""
    path = corpus_file("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt")
    raw = read_text(path)
    assert any("hard-wrapped" in w for w in raw.warnings)
    texts = [b.text for b in raw.blocks]
    n_lines = sum(1 for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
    assert len(raw.blocks) < 0.6 * n_lines
    # the Căn cứ paragraph runs over several source lines (`của Chính` / `phủ về quản lý`)
    base = next(t for t in texts if t.startswith("Căn cứ Nghị định số 35/2022/NĐ-CP"))
    assert "của Chính phủ về quản lý, phát triển khu công nghiệp, khu kinh tế" in base
    assert base.rstrip().endswith("nội dung như sau:")
    # headings stay their own paragraphs, not glued to the text around them
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "1. Mục đích" in texts
    assert "II. NỘI DUNG" in texts
    # the two-column letterhead is kept as rows, not reflowed into one paragraph
    assert raw.blocks[0].is_row
    assert raw.blocks[0].cells == ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert raw.blocks[2].cells[1] == "Lào Cai, ngày 26 tháng 3 năm 2026"


def test_short_lines_are_not_reflowed(corpus_file):
    """hanoi-161: one paragraph per source line; no hard-wrap warning."""
    path = corpus_file("hanoi-161-kh-ubnd-2023-excerpt.txt")
    raw = read_text(path)
    non_blank = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not re.fullmatch(r"\s*-{3,}\s*", ln)]
    assert len(raw.blocks) == len(non_blank)


@pytest.mark.parametrize("name", [
    "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt",
    "hanoi-161-kh-ubnd-2023-excerpt.txt",
    "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",
    "laocai-kh-1105-dkt-kiem-tra.txt",
    "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",
    "ddqh-3260-kh-ddqh15-2025-trien-khai-nq57.md",
    "cp-bao-cao-tien-do-nq57-thang5-2025.md",
])
def test_corpus_text_blocks_are_nfc_and_folded(corpus_file, name):
    raw = read_text(corpus_file(name))
    assert raw.blocks
    for b in raw.blocks:
        assert unicodedata.is_normalized("NFC", b.text)
        assert b.kind in ("paragraph", "row")
        for piece in (b.cells if b.is_row else (b.text,)):
            assert piece == piece.strip() and "  " not in piece and "\n" not in piece, piece[:80]
        assert b.line is not None and b.line >= 1
    lines = [b.line for b in raw.blocks]
    assert lines == sorted(lines)


def test_sentence_broken_by_a_blank_line_goes_on(corpus_file):
    """cp-nq-03 III.2: `... có liên quan đến` + blank line + `phát triển khoa học, ...`."""
    texts = [b.text for b in read_text(corpus_file("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md")).blocks]
    item = next(t for t in texts if t.startswith("2. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban"))
    assert "có liên quan đến phát triển khoa học" in item and item.endswith("hoàn thành trong năm 2025.")
    assert not any(t.startswith("phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số để") for t in texts)


@pytest.mark.parametrize("source,lines,expected", [
    ("cp-nq-03 III.2 (shortened)", ["2. Các bộ có trách nhiệm rà soát các chương trình có liên quan đến", "",
                                    "phát triển khoa học, hoàn thành trong năm 2025."],
     ["2. Các bộ có trách nhiệm rà soát các chương trình có liên quan đến phát triển khoa học, "
      "hoàn thành trong năm 2025."]),
    ("synthetic: the sentence had ended", ["1. Sở Y tế chủ trì kiểm tra.", "", "đ) Báo cáo kết quả."],
     ["1. Sở Y tế chủ trì kiểm tra.", "đ) Báo cáo kết quả."]),
    ("synthetic: a heading before", ["**II. NỘI DUNG**", "", "các nhiệm vụ sau"],
     ["II. NỘI DUNG", "các nhiệm vụ sau"]),
])
def test_lower_case_paragraph_continues_an_open_sentence(tmp_path, source, lines, expected):
    path = tmp_path / "doan.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [b.text for b in read_text(path).blocks] == expected, source


def test_page_numbers_of_text_copied_from_a_pdf_are_dropped(corpus_file):
    """laocai-cv-5973: centred `2`, `3` between the pages of a hard-wrapped text."""
    raw = read_text(corpus_file("laocai-cv-5973-ubnd-kt-thanh-kiem-tra-khoang-san-2026.txt"))
    assert any("hard-wrapped" in w for w in raw.warnings)
    assert not [b.text for b in raw.blocks if re.fullmatch(r"\d{1,3}", b.text)]
    # a page break inside an item no longer splits it: item 5 goes on after page 3's number
    assert not any(b.text.startswith("doanh vật liệu xây dựng có nguồn gốc từ khoáng sản") for b in raw.blocks)


@pytest.mark.parametrize("name,item_start", [
    ("wild/docs/hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt", "o) Thực hiện các cách thức khác"),
    ("wild/docs/hrmaster__nghi-dinh-so-158-2026-nd-cp-469548.txt", "2. Cập nhật yêu cầu về ngôn ngữ"),
])
def test_official_gazette_running_heads_are_dropped(corpus_file, name, item_start):
    """A text copied from the Official Gazette's PDF repeats `CÔNG BÁO/Số 327/Ngày
    14-06-2026` and the page number at the top of each page: neither is text of the
    document, and the item that a page break cut goes on."""
    raw = read_text(corpus_file(name))
    assert any("running heads of the Official Gazette" in w for w in raw.warnings)
    assert not [b.text for b in raw.blocks if "CÔNG BÁO/Số" in b.text]
    assert not [b.text for b in raw.blocks if re.fullmatch(r"\d{1,3}", b.text)]
    assert any(b.text.startswith(item_start) for b in raw.blocks)


def test_gazette_head_with_two_issue_numbers(tmp_path):
    path = tmp_path / "cong-bao.txt"
    path.write_text("CÔNG BÁO/Số 1269 + 1270/Ngày 23-11-2024 \n\nSở Tài chính chủ trì thực hiện.\n",
                    encoding="utf-8")
    assert [b.text for b in read_text(path).blocks] == ["Sở Tài chính chủ trì thực hiện."]
