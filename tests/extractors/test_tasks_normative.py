"""Tasks of normative documents (spec §1, 2026-12 rulings): rights and the duties of classes
of people are rules, no tasks; the work given to named state bodies is.

Each case names the real document it was read from; whole documents are read from
../shared at test time (skipped where it is absent).
"""
from __future__ import annotations

import pytest


# A lead-in whose body only has rights or powers lists what it may do, no work it must carry
# out; one that gives duties beside the rights lists work.
@pytest.mark.parametrize("source,text,rights", [
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx", "1. Chủ đầu tư có các quyền sau đây:", True),
    ("wild/docs/hrmaster__luat-so-69-2020-qh14-32699.txt",
     "1. Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng có các quyền sau đây:", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1549-vbhn-bldtbxh-41711.txt",
     "5. Hiệu trưởng trường trung cấp có quyền hạn sau đây:", True),
    ("wild/docs/hrmaster__nghi-dinh-so-169-2026-nd-cp-469561.txt", "1. Chủ tịch Ủy ban nhân dân cấp xã có quyền:", True),
    ("wild/docs/tnt305__dataset-5eaeb632f6582871.md",
     "1. Cá nhân được tặng danh hiệu “Công dân danh dự Thủ đô” được hưởng các quyền lợi sau:", True),
    ("wild/docs/luatvietnam__Pdf-10209590.pdf", "2. Tổ chức phát triển quỹ đất có các quyền hạn sau:", True),
    # duties beside the rights
    ("wild/docs/trangsct__2024.06.29-42.2024.QH15-Luat-Quan-ly-su-dung-vu-khi-vat-lieu-no-va-CCHT.docx",
     "3. Tổ chức, cá nhân thuê dịch vụ nổ mìn có quyền và nghĩa vụ sau đây:", False),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-9716-vbhn-bkhdt-43315.txt",
     "2. Thủ tướng Chính phủ có quyền hạn và trách nhiệm:", False),
    ("wild/docs/tnt305__dataset-06c6f91f5c3b4c21.md", "1. Ủy ban nhân dân Thành phố có quyền hạn và trách nhiệm:",
     False),
    # `thẩm quyền` is no right of the body's
    ("wild/docs/hrmaster__nghi-quyet-so-16-2026-nq-cp-469356.txt", "1. Cơ quan có thẩm quyền có trách nhiệm:", False),
])
def test_lead_in_that_lists_rights(source, text, rights):
    from extractors.lead_ins import lead_in_bodies, lists_rights
    assert lists_rights(text) is rights, source
    if rights:
        assert lead_in_bodies(text) is None, source


# The items under a body's rights are no tasks, whoever the body is (a class of people, a
# state body's council, an authority)
@pytest.mark.parametrize("source,opening", [
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx",
     "Lập dự án, thiết kế, thẩm tra thiết kế xây dựng, khảo sát xây dựng theo quy định của Luật này"),
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx", "Yêu cầu chủ đầu tư, tổ chức, cá nhân giải trình"),
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx",
     "Từ chối thực hiện yêu cầu làm sai lệch kết quả cấp giấy phép xây dựng"),
])
def test_items_under_rights_are_no_tasks(parsed, corpus_file, source, opening):
    doc = parsed(corpus_file(source))
    assert not any(t.content.startswith(opening) for t in doc.tasks), source


# A class of people (or of non-state parties) as a provision names it; not a body a name
# makes one, nor a state body
@pytest.mark.parametrize("source,owner,is_class", [
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx", "Chủ đầu tư", True),
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx", "Ban quản lý dự án đầu tư xây dựng", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1549-vbhn-bldtbxh-41711.txt", "Trường trung cấp công lập", True),
    ("wild/docs/trangsct__2024.06.29-42.2024.QH15-Luat-Quan-ly-su-dung-vu-khi-vat-lieu-no-va-CCHT.docx",
     "tổ chức, doanh nghiệp", True),
    ("wild/docs/luatvietnam__Doc-14222542.doc", "doanh nghiệp khai thác cảng thủy nội địa", True),
    ("wild/docs/luatvietnam__Doc-14222583.doc", "Các doanh nghiệp", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt", "Trưởng ban kiểm soát, Kiểm soát viên",
     True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-2651-vbhn-bldtbxh-42111.pdf", "Hội đồng thành viên hoặc Chủ tịch công ty",
     True),
    # named: one body
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-464-vbhn-bldtbxh-44174.txt", "Hội đồng thành viên VAMC", False),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.txt",
     "Hội đồng quản trị của Bảo hiểm tiền gửi Việt Nam", False),
    ("wild/docs/luatvietnam__Doc-14222542.doc", "Cục Đường thủy nội địa Việt Nam", False),
    ("wild/docs/hrmaster__luat-so-69-2020-qh14-32699.txt", "Ủy ban nhân dân các cấp", False),
])
def test_class_of_people(source, owner, is_class):
    from extractors.tasks import is_class_of_people
    assert is_class_of_people(owner) is is_class, source


# In a normative document, the duties of a class of people are no tasks even in an article
# titled with `trách nhiệm`; a named state body's duties there are
@pytest.mark.parametrize("source,opening,kept", [
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx",
     "Lựa chọn nhà thầu tư vấn thiết kế, thẩm tra thiết kế xây dựng", False),
    ("wild/docs/trangsct__2024.06.29-42.2024.QH15-Luat-Quan-ly-su-dung-vu-khi-vat-lieu-no-va-CCHT.docx",
     "Kiểm tra an toàn, đánh giá nguy cơ rủi ro về an toàn", False),
    ("wild/docs/luatvietnam__Doc-14222542.doc", "Xây dựng Kế hoạch an ninh cảng thủy nội địa theo quy định", False),
    ("wild/docs/luatvietnam__Doc-14222542.doc", "Cục Đường thủy nội địa Việt Nam có trách nhiệm phê duyệt", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.txt",
     "Hội đồng quản trị của Bảo hiểm tiền gửi Việt Nam có trách nhiệm", True),
])
def test_duties_of_a_class_of_people_are_no_tasks(parsed, corpus_file, source, opening, kept):
    doc = parsed(corpus_file(source))
    assert any(t.content.startswith(opening) for t in doc.tasks) is kept, source


# A provision that only delegates rule-making to its body is no task; a body's work in the
# same kind of document is
@pytest.mark.parametrize("source,opening,kept", [
    ("wild/docs/trangsct__Luat-Hoa-chat-69-2025-QH15.docx",
     "Chính phủ quy định việc xử lý chất độc tồn dư của chiến tranh", False),
    ("wild/docs/trangsct__2024.06.29-42.2024.QH15-Luat-Quan-ly-su-dung-vu-khi-vat-lieu-no-va-CCHT.docx",
     "Bộ trưởng Bộ Công Thương quy định chi tiết về chế độ báo cáo định kỳ, đột xuất", False),
    ("wild/docs/hrmaster__nghi-dinh-so-162-2026-nd-cp-469551.txt",
     "Bộ trưởng Bộ Nội vụ quy định chi tiết việc điều chỉnh", False),
    ("wild/docs/hrmaster__nghi-dinh-so-192-2026-nd-cp-469673.txt",
     "Bộ Y tế chủ trì phối hợp với Bộ Nội vụ, Bộ Tài chính hướng dẫn việc thực hiện Nghị định này", True),
])
def test_a_delegation_of_rule_making_is_no_task(parsed, corpus_file, source, opening, kept):
    doc = parsed(corpus_file(source))
    assert any(t.content.startswith(opening) for t in doc.tasks) is kept, source
