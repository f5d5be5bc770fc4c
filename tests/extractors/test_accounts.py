"""What a body has done or is doing is no work given (spec §1: a task is work a body must
carry out): an aspect word (`đã`, `đang`) right after the subject reports, to the end of its
sentence, unless the sentence goes on to the subject's work.

Each case names the real document it was read from; whole documents are read from
../shared at test time (skipped where it is absent).
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("source,text,account", [
    ("wild/docs/trangsct__BC-UBND-QLNN-khoang-san-nam-2025.docx",
     "Trong năm 2025, UBND tỉnh Lào Cai đã ban hành 02 Quyết định phê duyệt Kế hoạch đấu giá quyền khai thác "
     "khoáng sản", True),
    ("wild/docs/trangsct__phieu-trinh-giai-quyet-cong-viec.docx",
     "Văn phòng Ủy ban nhân dân tỉnh đã rà soát hồ sơ do Sở Nông nghiệp và Môi trường trình.", True),
    ("wild/docs/tnt305__dataset-ad7a1b2470f2fff7.md",
     "Hiện nay, Bộ Tài chính đang xây dựng Nghị định sửa đổi, bổ sung một số điều của Nghị định số 126/2020/NĐ-CP",
     True),
    # the sentence goes on to work: a colon, a consequent, the subject's continued work
    ("wild/docs/hrmaster__nghi-quyet-so-175-nq-cp-40286.txt",
     "Các cơ quan, đơn vị đã đầu tư hệ thống: tiếp tục quản trị vận hành, nâng cấp hệ thống theo nhu cầu", False),
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md",
     "Bộ Xây dựng, các địa phương, cơ quan chủ quản các dự án đang triển khai thi công tiếp tục chỉ đạo các chủ "
     "đầu tư", False),
    ("wild/docs/trangsct__ND-25-2026-phat-trien-antoan-anninh.docx",
     "Ủy ban nhân dân các tỉnh, thành phố đã xây dựng Kế hoạch phòng ngừa, ứng phó sự cố hóa chất cấp tỉnh được "
     "ban hành trước ngày Nghị định này có hiệu lực tiếp tục thực hiện các nội dung", False),
    # another clause gives work
    ("synthetic", "Sở Nông nghiệp và Môi trường đã có Văn bản số 1918/SNNMT-QLĐĐ ngày 19/3/2026. Giao Sở Tài chính "
     "chủ trì, phối hợp với các sở, ngành rà soát", False),
    ("synthetic", "Sở Công Thương đã ban hành kế hoạch; tiếp tục theo dõi, đôn đốc các đơn vị thực hiện", False),
    # no aspect word: work
    ("synthetic", "Sở Công Thương ban hành kế hoạch kiểm tra các cụm công nghiệp", False),
])
def test_an_account_is_no_work(source, text, account):
    from extractors.prose_items import _accounts_only, exclusions
    assert _accounts_only(text, exclusions().account) is account, source


# Whole documents: the accounts of a report or a submission give no task; the work of a
# subject whose clause describes it stays
@pytest.mark.parametrize("source,opening,kept", [
    ("wild/docs/trangsct__BC-UBND-QLNN-khoang-san-nam-2025.docx",
     "Trong năm 2025, UBND tỉnh Lào Cai đã ban hành 02 Quyết định", False),
    ("wild/docs/nqb-mtc__Difficult-00206870.ws.txt", "Tổng công ty Hàng hải Việt Nam đã đạt được nhiều kết quả",
     False),
    ("wild/docs/vbai__Phieu-trinh-doan-luat-su.docx", "Về nội dung: Đoàn Luật sư tỉnh Bình Thuận đã tổ chức đại hội",
     False),
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md",
     "Bộ Xây dựng, các địa phương, cơ quan chủ quản các dự án đang triển khai thi công tiếp tục chỉ đạo", True),
])
def test_accounts_give_no_task(parsed, corpus_file, source, opening, kept):
    doc = parsed(corpus_file(source))
    assert any(t.content.startswith(opening) for t in doc.tasks) is kept, source
