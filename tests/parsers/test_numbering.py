"""parsers.grammar.numbering: numbering labels at the start of a block and their nesting rank.

Each case is a short line of the kind the corpus uses (the file it is seen in
is named where there is one); longer passages are not needed here.
"""
from __future__ import annotations

import pytest

from parsers.grammar.numbering import bare_label, find_marker, rank

# (text, style, label, raw marker, text after the marker, where the form is seen)
MARKERS = [
    ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", "I.", "MỤC ĐÍCH, YÊU CẦU", "btnmt-09"),
    ("III. TỔ CHỨC THỰC HIỆN", "roman", "III", "III.", "TỔ CHỨC THỰC HIỆN", "btnmt-09"),
    ("IV- TỔ CHỨC THỰC HIỆN", "roman", "IV", "IV-", "TỔ CHỨC THỰC HIỆN", None),
    ("VII. Tăng cường hợp tác quốc tế", "roman", "VII", "VII.", "Tăng cường hợp tác quốc tế", "cp-nq-03"),
    ("1. Mục đích", "decimal1", "1", "1.", "Mục đích", "hanoi-161"),
    ("12. Sở Tư pháp chủ trì", "decimal1", "12", "12.", "Sở Tư pháp chủ trì", None),
    ("1.1. Kiện toàn thành viên của Thành phố", "decimal2", "1.1", "1.1.",
     "Kiện toàn thành viên của Thành phố", "hanoi-161"),
    ("2.3 Xây dựng kế hoạch", "decimal2", "2.3", "2.3", "Xây dựng kế hoạch", None),
    ("1.1.1. Rà soát quy hoạch", "decimal3", "1.1.1", "1.1.1.", "Rà soát quy hoạch", None),
    ("1.2.3 Rà soát quy hoạch", "decimal3", "1.2.3", "1.2.3", "Rà soát quy hoạch", None),
    ("a) Chủ trì, phối hợp với các cơ quan", "letter", "a", "a)", "Chủ trì, phối hợp với các cơ quan",
     "btnmt-09"),
    ("đ) Chủ trì, phối hợp với các cơ quan", "letter", "đ", "đ)", "Chủ trì, phối hợp với các cơ quan",
     "btnmt-09"),
    ("k) Theo dõi, đôn đốc việc triển khai", "letter", "k", "k)", "Theo dõi, đôn đốc việc triển khai",
     "btnmt-09"),
    ("b. Phối hợp với Sở Y tế", "letter", "b", "b.", "Phối hợp với Sở Y tế", None),
    ("(1) Rà soát văn bản", "paren", "(1)", "(1)", "Rà soát văn bản", None),
    ("(12) Rà soát văn bản", "paren", "(12)", "(12)", "Rà soát văn bản", None),
    ("(a) Rà soát văn bản", "paren", "(a)", "(a)", "Rà soát văn bản", None),
    ("- Đơn vị chủ trì: Sở Văn hóa và Thể thao.", "dash", "-", "-",
     "Đơn vị chủ trì: Sở Văn hóa và Thể thao.", "hanoi-161"),
    ("– Chủ trì thực hiện", "dash", "-", "–", "Chủ trì thực hiện", None),
    ("• Lập danh sách", "dash", "-", "•", "Lập danh sách", None),
    ("+ Lập danh sách cơ sở", "plus", "+", "+", "Lập danh sách cơ sở", None),
    ("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh", "article", "3", "Điều 3.",
     "Chánh Văn phòng Ủy ban nhân dân tỉnh", "cp-nq-03"),
    ("Điều 1: Ban hành kèm theo", "article", "1", "Điều 1:", "Ban hành kèm theo", None),
    ("Chương II", "chapter", "II", "Chương II", "", None),
    ("CHƯƠNG 2: QUY ĐỊNH CHUNG", "chapter", "2", "CHƯƠNG 2:", "QUY ĐỊNH CHUNG", None),
    ("PHỤ LỤC II", "appendix", "PLII", "PHỤ LỤC II", "", "cp-nq-03"),
    ("PHỤ LỤC", "appendix", "PL", "PHỤ LỤC", "", "btnmt-09"),
    ("Phụ lục 01", "appendix", "PL01", "Phụ lục 01", "", None),
    ("PHỤ LỤC SỐ 02", "appendix", "PL02", "PHỤ LỤC SỐ 02", "", None),
    ("Phần I", "part", "I", "Phần I", "", None),
    ("A. NHIỆM VỤ TRỌNG TÂM", "upper", "A", "A.", "NHIỆM VỤ TRỌNG TÂM", None),
    ("1/ Người ký tên dưới đây cam kết", "decimal1", "1", "1/", "Người ký tên dưới đây cam kết",
     "hrmaster thong-tu-so-17-2026"),
    ("a/ Tên Công ty", "letter", "a", "a/", "Tên Công ty", None),
    ("a/. Tên Công ty", "letter", "a", "a/.", "Tên Công ty", None),
    ("Bước 1: Xác định công suất", "step", "B1", "Bước 1:", "Xác định công suất",
     "hrmaster nghi-dinh-so-133-2026"),
    ("— Bước 2: Trung tâm Quản lý chất lượng thực hiện chọn mẫu", "dash", "-", "— Bước 2:",
     "Trung tâm Quản lý chất lượng thực hiện chọn mẫu", "dhcongthuong-hcm-753"),
    ("+ Sở Xây dựng: hướng dẫn các cơ quan", "plus", "+", "+", "Sở Xây dựng: hướng dẫn các cơ quan",
     "quangngai-1627"),
    # the list letter l typed as a capital I, between `k)` and `m)`: Roman numerals take a dot or
    # a dash, never a bracket alone
    ("I) Bộ Y tế chủ trì, phối hợp với các Bộ, ngành", "letter", "l", "I)",
     "Bộ Y tế chủ trì, phối hợp với các Bộ, ngành", "wild luatvietnam__Doc-14222834.doc"),
    ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", "I.", "MỤC ĐÍCH, YÊU CẦU", "btnmt-09"),
    ("IV- TỔ CHỨC THỰC HIỆN", "roman", "IV", "IV-", "TỔ CHỨC THỰC HIỆN", None),
]


@pytest.mark.parametrize("text,style,label,raw,rest,seen", MARKERS, ids=[m[0][:24] for m in MARKERS])
def test_numbering_styles(text, style, label, raw, rest, seen):
    marker, after = find_marker(text)
    assert marker is not None, text
    assert (marker.style, marker.label, marker.raw) == (style, label, raw)
    assert after.strip() == rest


NOT_MARKERS = [
    "V/v triển khai Công điện số 131",          # subject line of a Công văn (lamdong-cv-*)
    "2024 - 2025 là giai đoạn chuyển tiếp",
    "2024 Sở Tư pháp tổng kết",
    "1.000 người tham gia",
    "10.000 người tham gia",
    "5.000.000 đồng mỗi hộ",
    "30/6/2023 là hạn cuối",
    "Mục đích",
    "Mục tiêu",
    "Mục lục",
    "Chủ trì: Sở Y tế",
    "Chương trình hành động của Chính phủ",      # cp-nq-03: a title, not a chapter
    "Điều chỉnh quy hoạch",
    "Căn cứ Luật Tổ chức chính quyền địa phương",
    "IIV. không phải số La Mã",
    "f) không phải chữ cái Việt",
    "1.",                                        # a number with no text after it
    "a)",
    "--- ",
    "Lào Cai, ngày 26 tháng 3 năm 2026",
    "Ủy ban nhân dân tỉnh",
    "15/KH-UBND ngày 12/3/2025",                 # a number that opens a line is no label
    "1/5/2023 là hạn cuối",
    "Bước đầu triển khai",
]


@pytest.mark.parametrize("text, bare", [("-", True), ("2.", True), ("**A.", True), ("a)", True),
                                         ("Điều 5.", True), ("II.", True), ("2. Yêu cầu", False),
                                         ("- Sở Tài chính", False), ("Sở", False)])
def test_bare_label(text, bare):
    assert bare_label(text) is bare


@pytest.mark.parametrize("text", NOT_MARKERS)
def test_non_markers(text):
    marker, after = find_marker(text)
    assert marker is None, (text, marker)
    assert after == text


# A block nests under the nearest open item of a smaller rank: from the outside in.
NESTING = ["PHỤ LỤC I", "Phần I", "Chương II", "Điều 3. X", "A. X", "II. X", "1. X", "1.1. X",
           "1.1.1. X", "a) X", "(1) X", "- X", "+ X"]


def test_ranks_nest_from_outside_in():
    ranks = [rank(find_marker(t)[0]) for t in NESTING]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), list(zip(NESTING, ranks))
    assert rank(None) > max(ranks)   # an unnumbered paragraph is a leaf
