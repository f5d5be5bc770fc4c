"""The timing rulings of spec §4 settled on documents from new sources, each on cases
from at least two documents (../shared/corpus with its gold, or ../shared/wild/docs):
short phrases of prose (find_timing) and timing cells (normalise_timing) written here,
longer items read from the gold at test time, and the timing that items take from
around them (a lead-in, a labelled time line) checked on the parsed document."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache

import pytest

from extractors.timing import find_timing, normalise_timing
from test_timing import CORPUS, GOLD, SHARED, d, fold, require_corpus, source_text

WILD = SHARED / "wild" / "docs"

# corpus files (the issue date comes from their gold)
BV4385 = "bvhttdl-qd-4385-qd-bvhttdl-2025-ke-hoach-quy-hoach-mang-luoi-co-so-vhtt.md"
BV6386 = "bvhttdl-cv-6386-bvhttdl-khcndtmt-2025-nhiem-vu-nam-hoc.md"
BINH = "binhthuan-tb-ubnd-giai-the-hoi-2024.doc"
BTNMT = "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"
CP03 = "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"
CP380 = "cp-nq-380-nq-cp-2025-khac-phuc-thien-tai-mien-trung.md"
CT11 = "laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx"
DDQH = "ddqh-3260-kh-ddqh15-2025-trien-khai-nq57.md"
DHCT = "dhcongthuong-hcm-753-kh-dct-2026-khao-sat-hai-long.pdf"
DIDOI = "laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx"
DT552 = "dongthap-552-kh-ubnd-2025-lo-trinh-doi-moi-cong-nghe.md"
HCM172 = "hcm-172-kh-ubnd-2025-trien-khai-luat-viec-lam.md"
HN310 = "hanoi-310-kh-ubnd-2025-ha-tang-5g-iot-khu-cong-nghiep.md"
LC7360 = "laichau-7360-kh-ubnd-2025-trien-khai-luat-tieu-chuan-qckt.md"
LD = "lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx"
NA980 = "nghean-980-kh-ubnd-2025-phong-thu-dan-su.md"
NA1026 = "nghean-1026-kh-ubnd-2025-bao-ve-bi-mat-nha-nuoc.md"
QN07 = "quangngai-07-ct-ubnd-2018-thi-hanh-an-hanh-chinh.pdf"
QN565 = "quangngai-565-tb-ubnd-2024-ket-luan-ctmtqg.pdf"
QN1627 = "quangngai-1627-qd-ubnd-2025-ke-hoach-tong-kiem-ke-tai-san-cong.md"
S08 = "laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx"
TBVP = "laocai-tb-vp-ket-luan-cum-cong-nghiep-2026.docx"
VP11414 = "vpcp-cv-11414-vpcp-cn-2025-cao-toc-ben-luc-bien-hoa.md"
VP11554 = "vpcp-cv-11554-vpcp-v1-2025-chong-buon-lau-bcd389.md"
VP634 = "vpcp-tb-634-tb-vpcp-2025-ket-luan-ttg-thanh-hoa.md"
# wild documents (no gold, no issue date: these cases need none)
W_TT04 = "wild:hrmaster__thong-tu-so-04-2022-tt-bldtbxh-36990.txt"
W_SDT = "wild:tnt305__dataset-1a3950726cd8511f.md"
W_CT = "wild:tnt305__dataset-50f694478a35aefd.md"
W_TTHC = "wild:tnt305__dataset-344b9eec106a648a.md"
W_KK = "wild:tnt305__dataset-4e39af96b6891368.md"      # a portal copy of another plan
W_VBHN = "wild:hrmaster__van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt"
W_TAPHUAN = "wild:luatvietnam__Doc-14222621.doc"
W_NQ175 = "wild:hrmaster__nghi-quyet-so-175-nq-cp-40286.txt"
W_KHCN = "wild:tnt305__dataset-8718801c503045f9.md"
W_ND138 = "wild:hrmaster__nghi-dinh-so-138-2026-nd-cp-469380.txt"
SPEC = "spec/task-records.md"

P, DL, OE, RC, OG, US, UP = ("period", "deadline", "open_ended", "recurring", "ongoing",
                             "unspecified", "unparsed")

# ruling, source, prose, expected raw (None: no timing), kind, start, end
PROSE = [
    # a frequency or trigger times the item only where it governs the item's first action
    ("first action", CP03, "Định kỳ đánh giá, công bố mức độ hoàn thành nhiệm vụ chuyển đổi số",
     "Định kỳ", RC, None, None),
    ("first action", DT552, "Định kỳ hằng năm, báo cáo Ủy ban nhân dân Tỉnh", "Định kỳ hằng năm",
     RC, None, None),
    ("first action", BV4385, "báo cáo Thủ tướng Chính phủ định kỳ hằng năm hoặc đột xuất theo yêu cầu",
     "định kỳ hằng năm hoặc đột xuất", RC, None, None),
    ("first action", QN07, "Định kỳ 6 tháng, hàng năm hoặc đột xuất, báo cáo Ủy ban nhân dân tỉnh",
     "Định kỳ 6 tháng, hàng năm hoặc đột xuất", RC, None, None),
    ("first action", DT552, "tổ chức thực hiện, kiểm tra, giám sát, định kỳ báo cáo kết quả về Ủy ban "
     "nhân dân Tỉnh", None, None, None, None),
    ("first action", QN07, "kiểm tra việc triển khai thực hiện Chỉ thị, định kỳ báo cáo kết quả với Ủy "
     "ban nhân dân tỉnh", None, None, None, None),
    ("first action", NA1026, "kiểm tra, đôn đốc việc triển khai thực hiện Kế hoạch này; định kỳ báo cáo "
     "kết quả thực hiện về Bộ Công an", None, None, None, None),
    ("first action", NA980, "xây dựng Kế hoạch triển khai thi hành Nghị định trong phạm vi, lĩnh vực, địa "
     "bàn quản lý. Hằng năm báo cáo kết quả thực hiện", None, None, None, None),
    ("first action", LC7360, "báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả thực hiện hằng năm theo quy "
     "định", None, None, None, None),
    ("first action", DHCT, "liên hệ đầu mối của Bộ Giáo dục và Đào tạo khi cần thiết",
     None, None, None, None),
    # a date or deadline counts wherever it stands; a yearly one after a later frequency recurs
    ("date anywhere", DT552, "xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo kết quả thực hiện "
     "trước ngày 20/11", "định kỳ báo cáo kết quả thực hiện trước ngày 20/11", RC, None, None),
    ("date anywhere", DT552, "báo cáo Ủy ban nhân dân Tỉnh và Bộ Khoa học và Công nghệ trước ngày 30/11 "
     "hằng năm", "trước ngày 30/11 hằng năm", RC, None, None),
    ("date anywhere", HN310, "nghiêm túc triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hàng năm báo "
     "cáo kết quả thực hiện", "trước ngày 30 tháng 11 hàng năm", RC, None, None),
    ("date anywhere", W_KHCN, "để triển khai thực hiện; định kỳ trước ngày 01/6 và 15/11 hằng năm",
     "trước ngày 01/6 và 15/11 hằng năm", RC, None, None),
    # `khi` + an event: unspecified
    ("khi + event", CP380, "dành dung tích hữu ích cắt giảm lũ cho hạ du khi dự báo có mưa lớn",
     "khi dự báo có mưa lớn", US, None, None),
    ("khi + event", HCM172, "theo lĩnh vực phụ trách khi Chính phủ và các Bộ, ngành ban hành các văn bản "
     "quy định chi tiết", "khi Chính phủ và các Bộ", US, None, None),
    ("khi + event", DHCT, "rà soát thông tin sinh viên thuộc 05 khoa được chọn khảo sát khi có đề nghị "
     "của Trung tâm Quản lý chất lượng", "khi có đề nghị của Trung tâm Quản lý chất lượng", US, None,
     None),
    ("khi + event", W_SDT, "trong lĩnh vực tín ngưỡng, tôn giáo khi được Chủ tịch UBND tỉnh giao",
     "khi được Chủ tịch UBND tỉnh giao", US, None, None),
    ("khi + event", CP380, "tạo điều kiện thuận lợi nhất cho người dân và doanh nghiệp khi làm thủ tục "
     "miễn, giảm, gia hạn", None, None, None, None),
    ("khi + event", CT11, "thẩm định chặt chẽ điều kiện về vốn chủ sở hữu của tổ chức, cá nhân khi tham "
     "mưu trình cấp có thẩm quyền", None, None, None, None),
    # `sau khi`, `trước khi`, `kể từ`, `trong thời gian` + an event: unparsed
    ("relative event", LD, "Sau khi hoàn thành xây dựng các phần mềm chuyên ngành, các đơn vị",
     "Sau khi hoàn thành xây dựng các phần mềm chuyên ngành", UP, None, None),
    ("relative event", CP380, "Ủy ban nhân dân các tỉnh, thành phố chỉ đạo xử lý môi trường ngay sau khi "
     "lũ rút", "ngay sau khi lũ rút", UP, None, None),
    ("relative event", DIDOI, "Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan",
     "Trong thời gian chưa hoàn thành di dời", UP, None, None),
    ("relative event", BINH, "Trong thời gian 03 tháng kể từ ngày Ủy ban nhân dân tỉnh ban hành Thông báo "
     "này, các hội hoàn thành việc thanh toán nợ", "Trong thời gian 03 tháng kể từ ngày Ủy ban nhân dân "
     "tỉnh ban hành Thông báo này", UP, None, None),
    ("relative event", W_TT04, "Trước khi bắt đầu khóa học, các trường phải công khai các điều kiện",
     "Trước khi bắt đầu khóa học", UP, None, None),
    ("relative event", BV6386, "coi đây là nhiệm vụ trọng tâm, bước đột phá trong thời gian tới",
     None, None, None, None),
    ("relative event", CP380, "sửa chữa hồ đập, công trình thủy lợi trong thời gian sớm nhất",
     None, None, None, None),
    ("relative event", NA1026, "sản phẩm mật mã do Ban Cơ yếu Chính phủ cung cấp đê bảo vệ bí mật nhà "
     "nước trước khi đưa vào sử dụng", None, None, None, None),
    # `hoàn thành ... theo (đúng) kế hoạch / tiến độ / chỉ đạo ...`: unspecified
    ("plan reference", BV6386, "Hoàn thành công tác tuyển sinh năm học 2025 - 2026 theo kế hoạch chung",
     "theo kế hoạch chung", US, None, None),
    ("plan reference", VP11414, "để sớm hoàn thành dự án theo đúng kế hoạch đề ra",
     "theo đúng kế hoạch đề ra", US, None, None),
    ("plan reference", CP380, "hư hỏng nặng, hoàn thành theo chỉ đạo tại các công điện của Thủ tướng "
     "Chính phủ", "hoàn thành theo chỉ đạo tại các công điện của Thủ tướng Chính phủ", US, None, None),
    ("plan reference", W_CT, "tổ chức thi công 3 ca, 4 kíp bảo đảm tiến độ hoàn thành theo đúng kế hoạch "
     "được giao", "hoàn thành theo đúng kế hoạch được giao", US, None, None),
    ("plan reference", BTNMT, "giảm phát thải khí nhà kính trong lĩnh vực quản lý chất thải và các lĩnh "
     "vực khác theo chỉ đạo của cấp có thẩm quyền", None, None, None, None),
    # phrases that qualify the object, not the work
    ("object", DDQH, "giám sát việc thực hiện Chiến lược phát triển KH,CN&ĐMST đến năm 2025, định hướng "
     "đến năm 2030", None, None, None, None),
    ("object", S08, "Chủ trì xây dựng kế hoạch hàng năm cụ thể hóa từng nhiệm vụ của Kế hoạch",
     None, None, None, None),
    ("object", CT11, "Tổ chức kiểm tra thường xuyên và đột xuất hoạt động khai thác khoáng sản",
     None, None, None, None),
    ("object", QN565, "khẩn trương xây dựng kế hoạch thực hiện chỉ tiêu giảm tỷ lệ nghèo đa chiều đến năm "
     "2025", None, None, None, None),
    ("object", TBVP, "ưu tiên cân đối, bố trí ngân sách hằng năm và trong Kế hoạch đầu tư công trung hạn",
     None, None, None, None),
    ("object", LC7360, "Đối với các nhiệm vụ triển khai trong năm 2025, các sở, ngành liên quan và Ủy ban "
     "nhân dân các xã, phường chủ động cân đối bố trí", None, None, None, None),
    # an ongoing word after a modal times the first action
    ("ongoing after a modal", VP11554, "Các lực lượng chức năng phải liên tục ra quân, thường xuyên",
     "liên tục", OG, None, None),
    ("ongoing after a modal", W_CT, "các cấp, các ngành của địa phương phải thường xuyên, kịp thời động "
     "viên, thăm hỏi các cán bộ", "thường xuyên", OG, None, None),
]

# ruling, source, cell, kind, start, end
CELLS = [
    ("open end", QN1627, "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", OE, "2025-11-01", None),
    ("open end", QN1627, "Từ tháng 10/2025 đến khi kết thúc kiểm kê", OE, "2025-10-01", None),
    ("open end", LC7360, "Quý IV năm 2025 và các năm tiếp theo", OE, "2025-10-01", None),
    ("open end", HCM172, "Năm 2025 và các năm tiếp theo", OE, "2025-01-01", None),
    ("open end", W_VBHN, "năm 2025 trở đi", OE, "2025-01-01", None),
    ("open end", SPEC, "Năm 2025 và thường xuyên", OE, "2025-01-01", None),
    ("one period", SPEC, "Quý III, IV/2026, 2027", P, "2026-07-01", "2027-12-31"),
    ("one period", HN310, "Quý IV/2025- Quý II/2026", P, "2025-10-01", "2026-06-30"),
    ("one period", DHCT, "29/6/2026 - 09/7/2026", P, "2026-06-29", "2026-07-09"),
    ("one period", CP380, "tháng 12 năm 2025, tháng 01 và tháng 02 năm 2026", P, "2025-12-01",
     "2026-02-28"),
    ("one period", VP634, "trong 02 tháng cuối năm 2025 và những tháng đầu năm 2026", UP, None, None),
    ("yearly date", NA980, "Tháng 12 hằng năm", RC, None, None),
    ("yearly date", DT552, "trước ngày 30/11 hằng năm", RC, None, None),
    ("yearly date", W_KHCN, "trước ngày 01/6 và 15/11 hằng năm", RC, None, None),
    ("plan reference", VP11414, "theo đúng kế hoạch đề ra", US, None, None),
    ("plan reference", DHCT, "theo đúng thời hạn quy định", US, None, None),
    ("plan reference", W_NQ175, "Theo lộ trình triển khai Đề án", US, None, None),
]

# ruling, source, section: the gold item's whole text gives the gold timing
GOLD_ITEMS = [
    ("first action", QN07, "3.c"),           # `...; ... khi có yêu cầu của ...`: a later duty's trigger
    ("first action", QN07, "¶cuối"),         # `..., định kỳ báo cáo kết quả ...`
    ("first action", DT552, "V.9.-3"),
    ("first action", NA980, "IV.3"),         # `... . Hằng năm báo cáo ...`
    ("date anywhere", CP03, "III.3"),        # `..., định kỳ 6 tháng báo cáo ... trước ngày 15 tháng 6`
    ("date anywhere", VP11554, "3.1"),       # `...; báo cáo ... trước ngày 30 tháng 11 năm 2025`
    ("date anywhere", DT552, "VI.2.-1"),
    ("plan reference", BV6386, "II.3.-1"),   # `... theo kế hoạch chung, ...` beats `trước ngày 20/12/2025`
    ("relative event", CP380, "II.1.3.a"),   # `ngay sau khi lũ rút` before `hoàn thành theo chỉ đạo ...`
    ("object", VP634, "III.5"),              # a fronted topic's `trong năm 2025`, then `trong Quý I ...`
    ("object", LC7360, "III.2"),             # `Đối với các nhiệm vụ triển khai trong năm 2025, ...`
]


def test_every_ruling_rests_on_two_documents():
    sources = defaultdict(set)
    for ruling, source, *_ in PROSE + CELLS + GOLD_ITEMS:
        if source != SPEC:
            sources[ruling].add(source)
    assert len(sources) >= 9
    assert all(len(found) >= 2 for found in sources.values()), dict(sources)


@lru_cache(maxsize=None)
def _gold(name: str) -> dict | None:
    path = GOLD / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _ref(source: str):
    gold = _gold(source)
    return d(gold["document"].get("issue_date")) if gold else None


@pytest.mark.parametrize("ruling,source,text,raw,kind,start,end", PROSE)
def test_prose_rulings(ruling, source, text, raw, kind, start, end):
    t = find_timing(text, _ref(source))
    if raw is None:
        assert t is None, (ruling, t)
        return
    assert t is not None, ruling
    assert (t.raw, t.kind, t.start, t.end) == (raw, kind, d(start), d(end)), ruling


@pytest.mark.parametrize("ruling,source,cell,kind,start,end", CELLS)
def test_cell_rulings(ruling, source, cell, kind, start, end):
    t = normalise_timing(cell, _ref(source))
    assert (t.kind, t.start, t.end) == (kind, d(start), d(end)), ruling


@pytest.mark.parametrize("ruling,source,section", GOLD_ITEMS)
def test_gold_items_by_the_rulings(ruling, source, section):
    require_corpus()
    task = next(t for t in _gold(source)["tasks"] if t["section"] == section)
    t = find_timing(task["content"], _ref(source))
    got = (t.kind, t.start, t.end) if t else (None, None, None)
    assert got == (task["timing_kind"], d(task["start_date"]), d(task["end_date"])), ruling


@lru_cache(maxsize=None)
def _wild_text(name: str) -> str:
    path = WILD / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return fold(re.sub(r"\*+", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("source,text", sorted({(c[1], c[2]) for c in PROSE + CELLS if c[1] != SPEC}))
def test_case_is_in_its_source(source, text):
    require_corpus()
    if source.startswith("wild:"):
        assert fold(text) in _wild_text(source[len("wild:"):])
    else:
        assert (CORPUS / source).exists()
        assert fold(text) in source_text(source)


# ---------------------------------------------------------------- timing from around an item
@lru_cache(maxsize=None)
def _tasks(source: str) -> tuple:
    from extractors.extract import extract
    path = WILD / source[len("wild:"):] if source.startswith("wild:") else CORPUS / source
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return extract(path).tasks


def _timing_of(source: str, content_start: str) -> tuple:
    found = [t for t in _tasks(source) if fold(t.content).startswith(content_start)]
    assert found, content_start
    return found[0].timing.kind, found[0].timing.start, found[0].timing.end


# ruling, source, the task's content as it starts, kind, start, end
CONTEXT = [
    # a lead-in's timing phrase passes to the items under it that have none of their own
    ("lead-in", VP634, "Đổi mới mô hình phát triển dựa vào khoa học công nghệ", UP, None, None),
    ("lead-in", VP634, "Chú trọng bảo vệ môi trường, phát triển bền vững", UP, None, None),
    ("lead-in", W_TTHC, "Bộ Y tế hoàn thành nâng cấp, kết nối Hệ thống", P, "2025-11-01",
     "2025-11-30"),
    ("lead-in", W_TTHC, "Bộ Nội vụ hoàn thành kết nối Cơ sở dữ liệu người", P, "2025-11-01",
     "2025-11-30"),
    # a lead-in that is only its time (`6. Trong thời hạn tối đa 24 tháng kể từ ngày Nghị định
    # này có hiệu lực:`) times every item under it, though it names no body
    ("lead-in of a time", W_ND138, "Bộ Nội vụ chủ trì và phối hợp tổ chức biên soạn bộ công cụ", UP, None, None),
    ("lead-in of a time", W_ND138, "Bộ Nội vụ có trách nhiệm tổ chức triển khai việc đánh giá", UP, None, None),
    # a labelled time line after an item times it, and outranks the item's own phrases
    ("time line", QN1627, "Tham mưu triển khai thực hiện kế hoạch kiểm kê", P, "2025-11-01",
     "2025-12-31"),
    ("time line", QN1627, "Tham mưu Ban Chỉ đạo đôn đốc, tổ chức kiểm tra", OE, "2025-11-01", None),
    ("time line", W_KK, "Tham mưu Ban Chỉ đạo đôn đốc, tổ chức kiểm tra", OE, "2025-11-01", None),
    ("time line", W_TAPHUAN, "Vụ Pháp chế chủ trì xây dựng chương trình, tài liệu", P, "2014-04-01",
     "2014-06-30"),
    ("time line", W_TAPHUAN, "Tổng cục Hải quan, Tổng cục Thuế, Ủy ban Chứng khoán Nhà nước chủ trì",
     P, "2014-07-01", "2014-12-31"),
]


@pytest.mark.parametrize("ruling,source,start_of,kind,start,end", CONTEXT)
def test_timing_from_around_the_item(ruling, source, start_of, kind, start, end):
    require_corpus()
    assert _timing_of(source, start_of) == (kind, d(start), d(end)), ruling


def test_a_lead_in_of_only_its_time_times_the_items_under_it(tmp_path):
    """As hrmaster__nghi-dinh-so-138-2026-nd-cp-469380.txt Điều 30.6 (`Trong thời hạn tối đa 24
    tháng kể từ ngày Nghị định này có hiệu lực:` over `a) Bộ Nội vụ ...`), in a plan: the
    lead-in names no body, yet its time is each item's; a lead-in that is a rule is no time."""
    from extractors.extract import extract
    path = tmp_path / "lo-trinh.txt"
    path.write_text("\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 21/KH-UBND", "Lào Cai, ngày 05 tháng 01 năm 2026", "",
        "KẾ HOẠCH", "Chuyển đổi số", "", "II. NHIỆM VỤ", "",
        "1. Trong năm 2026:", "",
        "a) Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu dùng chung.", "",
        "b) Sở Tài chính bố trí kinh phí thực hiện.", "",
        "2. Mức hỗ trợ năm 2026 như sau:", "",
        "a) Sở Nội vụ hướng dẫn các xã lập danh sách.", "",
    ]), encoding="utf-8")
    times = [(t.owners[0].text, t.timing.raw if t.timing else None) for t in extract(path).tasks]
    assert times == [("Sở Khoa học và Công nghệ", "Trong năm 2026"), ("Sở Tài chính", "Trong năm 2026"),
                     ("Sở Nội vụ", None)]


def test_a_time_line_after_a_group_times_every_bullet():
    require_corpus()
    assert _timing_of(QN1627, "Sở Xây dựng: hướng dẫn các cơ quan") == (OE, d("2025-11-01"), None)


@pytest.mark.parametrize("source", [QN1627, W_TAPHUAN])
def test_a_time_line_is_no_task(source):
    require_corpus()
    lines = [t for t in _tasks(source)
             if fold(t.content).startswith(("Thời gian thực hiện", "Thời gian hoàn thành", "Thời hạn"))]
    assert not lines


# A time line may run its label straight into the time, with no colon: it times the item
# before it and is no task; a rule about a time limit is no time line
@pytest.mark.parametrize("source,text,time", [
    ("wild/docs/tnt305__dataset-27cbc6425a10478c.md",
     "Thời hạn chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.",
     "chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định"),
    ("wild/docs/tnt305__dataset-717159673033f644.md", "Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025.",
     "trước ngày 31 tháng 12 năm 2025"),
    ("wild/docs/nqb-mtc__Difficult-00231552.ws.txt", "Thời gian thực hiện trong quý I năm 2010.",
     "trong quý I năm 2010"),
    ("synthetic", "Thời gian hoàn thành: Tháng 12/2025.", "Tháng 12/2025"),
    ("wild/docs/hrmaster__nghi-quyet-so-19-2026-nq-cp-469466.txt",
     "Thời hạn thẩm định, xác nhận là 50 ngày làm việc kể từ ngày cơ quan tiếp nhận hồ sơ nhận đủ hồ sơ hợp lệ", None),
    ("wild/docs/luatvietnam__Doc-10211870.doc", "Thời hạn xử lý kỷ luật không quá 02 tháng", None),
])
def test_a_time_line_without_its_colon(source, text, time):
    from extractors.timing_context import _time_value, is_timing_line
    found = _time_value(text)
    assert (found[0] if found else None) == time, source
    assert is_timing_line(text) is (time is not None), source


@pytest.mark.parametrize("source,start_of,time", [
    ("wild/docs/tnt305__dataset-27cbc6425a10478c.md", "Xây dựng quy trình nội bộ, quy trình điện tử",
     "chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định"),
    ("wild/docs/tnt305__dataset-8966c59f782e4081.md", "Sở Dân tộc và Tôn giáo có trách nhiệm phối hợp",
     "chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định"),
])
def test_a_time_line_without_its_colon_times_the_item_before(parsed, corpus_file, source, start_of, time):
    doc = parsed(corpus_file(source))
    assert [t.timing.raw for t in doc.tasks if t.content.startswith(start_of)] == [time], source
    assert not any(t.content.startswith("Thời hạn") for t in doc.tasks), source
