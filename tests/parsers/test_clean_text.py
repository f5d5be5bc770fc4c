"""White space folded out of values (`parsers.clean_text`) on real paragraphs and on every
white space character Unicode has."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from parsers.clean_text import fold_spaces, has_value

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _folded(text: str) -> str:
    """What fold_spaces gives, written the long way."""
    return " ".join(text.replace("\u200b", " ").replace("\ufeff", " ").split())


SPACES = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()] + ["\u200b", "\ufeff"]


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(c):04X}" for c in SPACES])
def test_every_space_is_folded(space):
    """`Số:\u00a0161`, a tab between columns, a zero-width space from the web: each is one space."""
    for text in (f"Số:{space}161", f"{space}Sở Tư pháp", f"Sở Tư pháp{space}", f"a {space} b", space):
        assert fold_spaces(text) == _folded(text)


@pytest.mark.parametrize("source", ["hanoi-161-kh-ubnd-2023-excerpt.txt",
                                    "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"])
def test_corpus_lines_fold_as_split_and_join(source):
    """Every line of a corpus text, folded, is its words joined by one space (most lines are
    folded already and come back as they are)."""
    path = CORPUS / source
    if not path.exists():
        pytest.skip(f"{source} is not available")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [fold_spaces(ln) for ln in lines] == [_folded(ln) for ln in lines]
    assert sum(fold_spaces(ln) == ln for ln in lines if ln) > 10


def test_a_value_needs_more_than_punctuation():
    """`has_value`: a letter or a digit is a value; stops and spaces alone are none."""
    assert has_value("Sở Tư pháp") and has_value("12")
    assert not has_value(" .; , :\u00a0") and not has_value("")


@pytest.mark.parametrize("source,written,value", [
    # the closing mark of a document's last paragraph is punctuation, as `.` is (spec §2)
    ("wild/docs/ragdemo__VanBanGoc-QD-02.2025.md", "có trách nhiệm tổ chức thực hiện Quyết định này./.",
     "có trách nhiệm tổ chức thực hiện Quyết định này"),
    ("wild/docs/trangsct__CV-597-HC-QLHC-CucHoaChat.docx", "để thực hiện theo đúng quy định./.",
     "để thực hiện theo đúng quy định"),
    ("wild/docs/tnt305__dataset-9a53c71ee9f5781f.md", "Công ty Cổ phần Hóa chất Dầu khí – CTCP được biết/.",
     "Công ty Cổ phần Hóa chất Dầu khí – CTCP được biết"),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt", "phối hợp thực hiện./.", "phối hợp thực hiện"),
    # a slash inside a value stays: a quarter, a document number
    ("hanoi-161-kh-ubnd-2023-excerpt.txt", "Tháng 5/2023", "Tháng 5/2023"),
    ("hanoi-161-kh-ubnd-2023-excerpt.txt", "161/KH-UBND", "161/KH-UBND"),
])
def test_closing_mark_is_no_part_of_a_value(source, written, value):
    from parsers.clean_text import clean_value
    assert clean_value(written) == value, source
