"""parsers.site_text: the text a publishing website adds around a document is left out
(spec §1: no task and no field comes from it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers.site_text import site_lines
from parsers.text_reader import read_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WILD = Path(__file__).resolve().parents[3] / "shared" / "wild" / "docs"

BANNER = ["|", "Bản dịch này thuộc quyền sở hữu của **", "THƯ VIỆN PHÁP LUẬT**. Mọi hành vi ...",
          "X", "Click vào phần bôi vàng để xem chi tiết.", "Đang tải văn bản...", "#"]
DOCUMENT = ["**KẾ HOẠCH**", "1. Sở Tài chính chủ trì thực hiện./."] + ["Nội dung."] * 10
TRAILER = ["Kế hoạch 980/KH-UBND năm 2025 triển khai Nghị định", "Văn bản này chưa cập nhật nội dung Tiếng Anh",
           "## Văn bản liên quan", "Ban hành:", "04/09/2025"]


def test_banner_and_trailer_are_found():
    lines = BANNER + DOCUMENT + TRAILER
    found = site_lines(lines)
    assert found == set(range(1, 6)) | set(range(len(BANNER) + len(DOCUMENT), len(lines)))


@pytest.mark.parametrize("lines", [
    DOCUMENT,                                                   # a document with no website text
    ["Văn bản này chưa cập nhật nội dung Tiếng Anh"] + DOCUMENT * 5,   # a trailer phrase at the top
])
def test_the_document_is_kept(lines):
    assert not site_lines(lines)


# (file, where it is): portal copies with the website's banner and pages
CORPUS_COPIES = [
    ("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md", CORPUS),
    ("vpcp-cv-11414-vpcp-cn-2025-cao-toc-ben-luc-bien-hoa.md", CORPUS),
    ("vpcp-cv-11554-vpcp-v1-2025-chong-buon-lau-bcd389.md", CORPUS),
    ("tnt305__dataset-005d8820eb95c1cb.md", WILD),
]


@pytest.mark.parametrize("name, where", CORPUS_COPIES, ids=[n for n, _ in CORPUS_COPIES])
def test_corpus_website_text_left_out(name, where):
    path = where / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    doc = read_text(path)
    text = "\n".join(b.text for b in doc.blocks)
    assert "THƯ VIỆN PHÁP LUẬT" not in text and "Văn bản liên quan" not in text
    assert "Thưa Quý khách" not in text and "Đang tải văn bản" not in text
    assert any(w.endswith("lines of website text left out") for w in doc.warnings)
    # the document itself is kept: its recipients and its signer's block
    assert "Nơi nhận" in text
