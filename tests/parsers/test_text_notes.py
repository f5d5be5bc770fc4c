"""The notes of a consolidated text copied from its pages (parsers.text_notes)."""
import re

import pytest

from parsers.text_notes import consolidation_notes
from parsers.text_reader import read_text


def test_a_note_leaves_the_text_and_its_mark_the_word():
    lines = ["b) Tiếp nhận báo cáo của Công ty mẹ - Tập đoàn Công nghiệp - Viễn thông Quân đội58, việc",
             "giao đơn giá hằng năm.", "",
             "58 Cụm từ “Tập đoàn Viễn thông Quân đội” được sửa đổi thành “Tập đoàn Công nghiệp -",
             "Viễn thông Quân đội” theo quy định tại khoản 1 Điều 1 của Nghị định số 74/2020/NĐ-CP.",
             "c) Xem xét quy chế trả lương."]
    out, notes = consolidation_notes(lines)
    assert out[0].endswith("Viễn thông Quân đội, việc")
    assert out[3:5] == ["", ""] and out[5] == lines[5]
    assert notes == [(3, " ".join(ln.strip() for ln in lines[3:5]))]


@pytest.mark.parametrize("lines", [
    # a numbered line that says nothing of an amendment is text: `2 ngày làm việc`
    ["Tiếp nhận hồ sơ trong m2 diện tích", "2 ngày làm việc kể từ ngày nhận hồ sơ."],
    # an amendment note with no mark above it is text too
    ["Khoản 3 được giữ nguyên.", "7 Điều này được sửa đổi theo quy định tại Thông tư số 12/2020/TT-BTC."],
])
def test_lines_that_are_no_notes_stay(lines):
    assert consolidation_notes(lines) == (lines, [])


@pytest.mark.parametrize("name,marked,note", [
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-5640-vbhn-bldtbxh-43191.txt", "Viễn thông Quân đội58",
     "58 Cụm từ “Tập đoàn Viễn thông Quân đội” được sửa đổi thành"),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-13-vbhn-btc-469543.txt", "Ủy ban Chứng khoán Nhà nước7",
     "7 Điều này được sửa đổi, bổ sung theo quy định tại Điều 3"),
])
def test_consolidated_text_notes_are_footnotes(corpus_file, name, marked, note):
    raw = read_text(corpus_file(name))
    text = [b.text for b in raw.blocks if b.kind != "footnote"]
    notes = [b.text for b in raw.blocks if b.kind == "footnote"]
    assert any(n.startswith(note) for n in notes)
    assert all(re.match(r"\d{1,3}\s?\S", n) for n in notes)
    assert not [t for t in text if note in t or marked in t]
