"""What a body does not do is no work (spec §1: a task is an action a named body must carry
out): a negation right after the subject states a limit, a prohibition or a fact, and it ends
the body's name.

Each case names the real document it was read from; whole documents are read from
../shared at test time (skipped where it is absent).
"""
from __future__ import annotations

import pytest


# The negation ends the body's name before its verb; the `không` of a name does not
@pytest.mark.parametrize("source,text,owner", [
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     "Cơ quan thuế không được yêu cầu Văn phòng đăng ký đất đai cung cấp thêm thông tin", "Cơ quan thuế"),
    ("wild/docs/hrmaster__nghi-quyet-so-175-nq-cp-40286.txt",
     "Trung tâm dữ liệu quốc gia không thực hiện thu phí sử dụng từ các cơ quan", "Trung tâm dữ liệu quốc gia"),
    ("wild/docs/trangsct__CV-phuc-dap-ho-so-cap-GCN.docx",
     "Sở Công Thương không có đủ cơ sở thẩm định, tham mưu Ủy ban nhân dân tỉnh", "Sở Công Thương"),
    ("wild/docs/trangsct__79-2025-ND-CP.docx",
     "Các cơ quan khác không phải cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh, cấp huyện đã chủ trì "
     "soạn thảo văn bản", "Các cơ quan khác"),
    # a name's word
    ("wild/docs/trangsct__ND-14-2026-cat-giam-TTHC-SXKD.docx",
     "Cục Hàng không Việt Nam chủ trì, phối hợp với các cơ quan liên quan", "Cục Hàng không Việt Nam"),
])
def test_a_negation_ends_the_body_name(source, text, owner):
    from extractors.prose_owner import leading_bodies
    lead = leading_bodies(text)
    assert lead is not None and lead.text == owner, source


@pytest.mark.parametrize("source,text,negated", [
    ("wild/docs/hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt",
     "Thủ tướng Chính phủ không quyết định các vấn đề thuộc thẩm quyền và trách nhiệm của Bộ trưởng", True),
    ("wild/docs/trangsct__TB-tham-dinh-TKKT-dieu-chinh-thuy-dien-YenHa.docx",
     "Sở Công Thương tỉnh Lào Cai không thực hiện đánh giá điều kiện năng lực", True),
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     "Cơ quan thuế không được yêu cầu Văn phòng đăng ký đất đai cung cấp thêm thông tin", True),
    # an adverb and a description of the subject are no negation of its work
    ("synthetic", "Sở Giáo dục và Đào tạo không ngừng nâng cao chất lượng đội ngũ giáo viên", False),
    ("wild/docs/trangsct__79-2025-ND-CP.docx",
     "Các cơ quan khác không phải cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh có trách nhiệm chủ trì", False),
    ("wild/docs/trangsct__ND-14-2026-cat-giam-TTHC-SXKD.docx",
     "Cục Hàng không Việt Nam chủ trì, phối hợp với các cơ quan liên quan", False),
])
def test_a_negated_subject_is_no_work(source, text, negated):
    from extractors.prose_items import exclusions
    from extractors.prose_owner import subject_then
    assert subject_then(text, exclusions().negation) is negated, source


# Whole documents: the negated provisions give no task (nor do the items under a negated
# lead-in); a subject described with `không phải` keeps its task and its name
@pytest.mark.parametrize("source,opening,owner", [
    ("wild/docs/hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt", "Thủ tướng Chính phủ không quyết định", None),
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md", "Cơ quan thuế không được yêu cầu", None),
    ("wild/docs/tnt305__dataset-cdf2fbc53d083c98.md", "Cơ quan Thuế không trực tiếp trả Thông báo", None),
    ("wild/docs/luatvietnam__Doc-10317210.doc", "Thông tư số 03/2008/TT-BTP", None),
    ("wild/docs/trangsct__79-2025-ND-CP.docx", "Các cơ quan khác không phải cơ quan chuyên môn", "Các cơ quan khác"),
])
def test_negated_provisions_give_no_task(parsed, corpus_file, source, opening, owner):
    doc = parsed(corpus_file(source))
    found = [t for t in doc.tasks if t.content.startswith(opening)]
    if owner is None:
        assert found == [], source
    else:
        assert [m.text for m in found[0].owners] == [owner], source
