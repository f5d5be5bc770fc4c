"""OCR repair of letterhead and signature values (extractors/ocr_repair.py): a value
Tesseract misread takes the body's spelling where the two agree with marks set aside.
Cases are the misreadings seen on laocai-kh-1105-dkt-kiem-tra.pdf and bct-cv-2265-atmt-trien-khai.pdf."""
from __future__ import annotations

import pytest

from extractors.ocr_repair import confirm_name, confirm_phrase, fold

# laocai-kh-1105-dkt-kiem-tra.pdf, appendix heading, as OCR reads the body
BODY_1105 = ("(Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026 của Đoàn kiểm tra theo "
             "Quyết định số 1050/QĐ-SCT)\n4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; "
             "4.2. Ông. Đỗ Mạnh Cường - Phó Trưởng đoàn: Chủ trì")


@pytest.mark.parametrize("written,key", [
    ("KIỂM", "kiem"), ("Kiêm", "kiem"), ("ĐOÀN", "doan"), ("Thuân", "thuan"), ("Ủy", "uy"),
])
def test_fold_sets_marks_aside(written, key):
    assert fold(written) == key


@pytest.mark.parametrize("ocr,body,expected", [
    # the letterhead's `KIỂM` read as `KIÊM` (laocai-kh-1105-dkt-kiem-tra.pdf)
    ("Đoàn kiêm tra theo quyết định số 1050/QĐ-SCT", BODY_1105,
     "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"),
    # no such words in the body: the value stays as read
    ("Sở Xây dựng", BODY_1105, "Sở Xây dựng"),
    # words that differ in more than marks are not taken (`kiêm tra` vs `kiểm soát`)
    ("Đoàn kiêm tra", "Đoàn kiểm soát", "Đoàn kiêm tra"),
    (None, BODY_1105, None),
])
def test_confirm_phrase(ocr, body, expected):
    assert confirm_phrase(ocr, body) == expected


@pytest.mark.parametrize("ocr,body,expected", [
    # the family name lost in the signature block (laocai-kh-1105-dkt-kiem-tra.pdf)
    ("Văn Thuân", BODY_1105, "Hoàng Văn Thuân"),
    # a full name stays
    ("Hoàng Văn Thuân", BODY_1105, "Hoàng Văn Thuân"),
    # two people share the given name: nothing is guessed
    ("Văn Thuân", "Ông Hoàng Văn Thuân và ông Lê Văn Thuân", "Văn Thuân"),
    ("Văn Thuân", "no name here", "Văn Thuân"),
])
def test_confirm_name(ocr, body, expected):
    assert confirm_name(ocr, body) == expected


def test_scanned_plan_metadata_is_repaired(corpus_file, parsed):
    """laocai-kh-1105-dkt-kiem-tra.pdf: its text layer is unusable, so the whole plan is OCR'd."""
    meta = parsed(corpus_file("laocai-kh-1105-dkt-kiem-tra.pdf")).meta
    assert meta.issuer == "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"
    assert meta.signer == "Hoàng Văn Thuân"
