"""Table tasks (spec §1, shape `table`): the data rows of a task table (a header with
a chủ trì column); group rows are sections; tables of targets (`Chỉ tiêu`, even with
a `chủ trì theo dõi` column) are not task tables.

Corpus: btnmt-09's PHỤ LỤC (rows PL.1..PL.9), cp-nq-03's Phụ lục I (targets) and
Phụ lục II (140 task rows). Fixture: data/raw/mau-ke-hoach-bang.md.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

BTNMT = "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"
CPNQ = "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"

CBDKH = "Cục Biến đổi khí hậu"
TT_TNMT = ["Trung tâm Truyền thông TN&MT", "Báo TN&MT", "Tạp chí TN&MT"]
AUG_2024 = ("Tháng 8/2024", "period", date(2024, 8, 1), date(2024, 8, 31))


def _years(a: int, b: int, raw: str):
    return (raw, "period", date(a, 1, 1), date(b, 12, 31))


# PL.<TT> → (owner, timing (raw, kind, start, end)); partners are compared with gold
BTNMT_ROWS = {
    "PL.1": ([CBDKH], AUG_2024),
    "PL.2": ([CBDKH], AUG_2024),
    "PL.3": ([CBDKH], _years(2024, 2025, "2024 - 2025")),
    "PL.4": ([CBDKH], _years(2026, 2027, "2026 - 2027")),
    "PL.5": (["Cục Viễn thám quốc gia"], _years(2025, 2030, "2025 - 2030")),
    "PL.6": ([CBDKH], _years(2024, 2030, "2024 - 2030")),
    "PL.7": (["Viện Khoa học Khí tượng thủy văn và Biến đổi khí hậu", "Viện Chiến lược, Chính sách TN&MT"],
             _years(2024, 2030, "2024 - 2030")),
    "PL.8": (TT_TNMT, _years(2024, 2025, "2024 - 2025")),
    "PL.9": (TT_TNMT, _years(2024, 2030, "2024 - 2030")),
}


@pytest.fixture(scope="module")
def btnmt(parsed, corpus_file):
    return parsed(corpus_file(BTNMT))


@pytest.mark.parametrize("section", BTNMT_ROWS)
def test_btnmt_appendix_rows(btnmt, gold, section):
    owner, timing = BTNMT_ROWS[section]
    found = [t for t in btnmt.tasks if t.section == section]
    assert len(found) == 1
    t = found[0]
    expected = next(g for g in gold(BTNMT)["tasks"] if g["section"] == section)
    assert t.source_kind == "table"
    assert t.title is None
    assert t.owner == owner
    assert t.partner_names == expected["partners"]
    assert (t.timing.raw, t.timing.kind, t.timing.start, t.timing.end) == timing
    assert t.content == expected["content"]
    row = btnmt.raw.blocks[t.span.block]
    assert row.is_row and row.cells[0] == section.split(".")[1] + "."


def test_btnmt_table_has_nine_rows_and_no_header_task(btnmt):
    rows = [t for t in btnmt.tasks if t.source_kind == "table"]
    assert [t.section for t in rows] == [f"PL.{i}" for i in range(1, 10)]
    assert not [t for t in rows if t.content in ("Nhiệm vụ", "TT")]


def test_letterhead_and_recipients_tables_give_no_tasks(btnmt):
    """btnmt-09 lays out its letterhead and its Nơi nhận/signature as pipe tables."""
    zone_of = {n.block: n.zone for n in btnmt.tree.nodes}
    assert {zone_of[t.span.block] for t in btnmt.tasks if t.source_kind == "table"} == {"appendix"}


# ---- cp-nq-03 -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cpnq(parsed, corpus_file):
    return parsed(corpus_file(CPNQ))


def test_targets_table_gives_no_tasks(cpnq):
    """Phụ lục I: header `TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá`."""
    assert not [t.section for t in cpnq.tasks if t.section == "PLI" or t.section.startswith("PLI.")]
    target_rows = {n.block for n in cpnq.tree.nodes if n.path.startswith("PLI.t")}
    assert target_rows
    assert not [t for t in cpnq.tasks if t.span.block in target_rows]


def test_task_table_rows_match_gold_sections(cpnq, gold):
    """Phụ lục II: 140 rows PLII.1..PLII.140; group rows I. .. VII. are not tasks."""
    expected = [g["section"] for g in gold(CPNQ)["tasks"] if g["source_kind"] == "table"]
    got = [t.section for t in cpnq.tasks if t.source_kind == "table"]
    assert got == expected
    assert not [s for s in got if s.split(".")[-1].rstrip(".") in ("I", "II", "III", "IV", "V", "VI", "VII")]


def test_task_table_rows_match_gold_fields(cpnq, gold, scorer):
    """Owner, partners (as the scorer splits and compares them), timing and deliverable of
    every Phụ lục II row."""
    expected = {g["section"]: g for g in gold(CPNQ)["tasks"] if g["source_kind"] == "table"}
    wrong = []
    for t in (t for t in cpnq.tasks if t.source_kind == "table"):
        g = expected.get(t.section)
        if g is None:
            continue
        if set(scorer.mentions(t.owner)) != set(scorer.mentions(g["owner"])):
            wrong.append((t.section, "owner", g["owner"], t.owner))
        if set(scorer.mentions(t.partner_names)) != set(scorer.mentions(g["partners"])):
            wrong.append((t.section, "partners", g["partners"], t.partner_names))
        timing = (t.timing.kind, t.timing.start and t.timing.start.isoformat(),
                  t.timing.end and t.timing.end.isoformat())
        if timing != scorer.timing_key(g):
            wrong.append((t.section, "timing", g["timing_raw"], t.timing.raw))
        if scorer.norm(t.deliverable) != scorer.norm(g["deliverable"]):
            wrong.append((t.section, "deliverable", g["deliverable"], t.deliverable))
    assert not wrong, wrong[:10]


CONTINUATION_AS_GROUP = (
    "tasks_table._rows_to_tasks: a continuation row whose only non-empty cell is the task "
    "text (`|   | Kết quả xét nghiệm; ... |  |  |  |  |`, row 110) passes _is_group and is "
    "skipped as a group row before the continuation rule is reached, so its text is lost")


@pytest.mark.parametrize("section", [
    "PLII.108",
    pytest.param("PLII.110", marks=pytest.mark.xfail(strict=True, reason=CONTINUATION_AS_GROUP)),
])
def test_continuation_row_is_appended_to_the_task(cpnq, gold, section):
    """Rows 108 and 110 run on in a second markdown row with no number and no owner: the text
    is appended to the task's content (gold notes), not a task of its own."""
    expected = next(g for g in gold(CPNQ)["tasks"] if g["section"] == section)
    [task] = [t for t in cpnq.tasks if t.section == section]
    assert task.content.startswith(expected["content"][:60])
    assert len(task.content) > len(expected["content"]) * 0.9


# ---- the fixture plan ---------------------------------------------------------------

SAMPLE = "mau-ke-hoach-bang.md"
SAMPLE_ROWS = {
    "PLII.1": ("Rà soát, đánh giá hiện trạng các điểm du lịch cộng đồng trên địa bàn tỉnh",
               ["Sở Du lịch"], ["Sở Tài chính", "UBND các huyện"],
               ("Quý III/2025", "period", date(2025, 7, 1), date(2025, 9, 30)), "Báo cáo đánh giá"),
    "PLII.2": ("Hỗ trợ cải tạo nhà ở truyền thống làm cơ sở lưu trú homestay",
               ["Sở Xây dựng"], ["Sở Du lịch", "Sở Nông nghiệp và Phát triển nông thôn"],
               ("Tháng 6/2025", "period", date(2025, 6, 1), date(2025, 6, 30)), "Hướng dẫn kỹ thuật"),
    "PLII.3": ("Tổ chức đoàn khảo sát cho các doanh nghiệp lữ hành",
               ["Trung tâm Xúc tiến Du lịch"], ["Các cơ quan báo chí"],
               ("Hằng năm", "recurring", None, None), "Chương trình khảo sát"),
    "PLII.4": ("Xây dựng bản đồ số các điểm du lịch cộng đồng",
               ["Sở Thông tin và Truyền thông"], [],
               ("2025 - 2026", "period", date(2025, 1, 1), date(2026, 12, 31)), "Bản đồ số"),
    "PLII.5": ("Đào tạo kỹ năng phục vụ khách cho hộ kinh doanh homestay",
               ["UBND các huyện, thị xã"], ["Sở Du lịch"],
               ("2025 và những năm tiếp theo", "open_ended", date(2025, 1, 1), None), None),
}


@pytest.fixture(scope="module")
def sample_doc(parsed, sample):
    return parsed(sample(SAMPLE))


@pytest.mark.parametrize("section", SAMPLE_ROWS)
def test_sample_task_rows(sample_doc, section):
    content, owner, partners, timing, deliverable = SAMPLE_ROWS[section]
    found = [t for t in sample_doc.tasks if t.section == section]
    assert len(found) == 1, [t.section for t in sample_doc.tasks]
    t = found[0]
    assert t.source_kind == "table" and t.title is None
    assert t.content == content
    assert t.owner == owner
    assert t.partner_names == partners
    assert (t.timing.raw, t.timing.kind, t.timing.start, t.timing.end) == timing
    assert t.deliverable == deliverable


def test_sample_has_exactly_these_tasks(sample_doc):
    """The group rows (`I`, `II`), the targets table of Phụ lục I, the Nơi nhận table and the
    closing `Trong quá trình thực hiện ...` give no task; III.1 is the one prose task."""
    assert sorted(t.section for t in sample_doc.tasks) == sorted([*SAMPLE_ROWS, "III.1"])
    [t] = [t for t in sample_doc.tasks if t.section == "III.1"]
    assert t.source_kind == "prose" and t.owner == ["Sở Kế hoạch và Đầu tư"]
    assert t.partner_names == ["các cơ quan liên quan"]
    assert (t.timing.kind, t.timing.end) == ("deadline", date(2025, 12, 15))


# ---- which tables are task tables -------------------------------------------------------

def _plan_with_table(tmp_path, header: str, rows: list[str]) -> object:
    sep = "|" + "|".join(" --- " for _ in header.strip("|").split("|")) + "|"
    text = "\n".join([
        "| ỦY BAN NHÂN DÂN TỈNH NINH BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |", "| --- | --- |",
        "| Số: 90/KH-UBND | Ninh Bình, ngày 15 tháng 02 năm 2024 |", "",
        "**KẾ HOẠCH**", "", "**Cải cách hành chính năm 2024**", "", "**I. NHIỆM VỤ CỤ THỂ**", "",
        header, sep, *rows, "",
    ]) + "\n"
    path = tmp_path / "kh-90.md"
    path.write_text(text, encoding="utf-8")
    return path


TABLES = [
    # (header, data rows, expected (owner, content) per task)
    ("| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |",
     ["| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Văn phòng UBND tỉnh | Quý I/2024 |",
      "| 2 | Số hóa hồ sơ | Sở Nội vụ | | Tháng 6/2024 |"],
     [(["Sở Tư pháp"], "Rà soát thủ tục hành chính"), (["Sở Nội vụ"], "Số hóa hồ sơ")]),
    ("| TT | Nhiệm vụ | Sở, ngành chủ trì tham mưu | Thời gian |",
     ["| 1 | Xây dựng đề án | Sở Khoa học và Công nghệ | Năm 2024 |"],
     [(["Sở Khoa học và Công nghệ"], "Xây dựng đề án")]),
    ("| TT | Chỉ tiêu | Đơn vị tính | Năm 2024 | Cơ quan chủ trì theo dõi |",
     ["| 1 | Tỷ lệ hồ sơ trực tuyến | % | 80 | Sở Nội vụ |"], []),
    ("| TT | Mục tiêu | Cơ quan chủ trì |",
     ["| 1 | 100% xã đạt chuẩn | Sở Nông nghiệp và Phát triển nông thôn |"], []),
    # a table of results by body: a column of what was done (`Kết quả thực hiện`) is no
    # responsibility column, and the bodies are what is counted
    ("| STT | Cơ quan | Tổng số TTHC | Kết quả thực hiện cung cấp DVCTT | Tỷ lệ thực hiện (%) |",
     ["| 1. | Bộ Tư pháp | 19 | 12 | 100 |", "| 2. | Bộ Xây dựng | 206 | 175 | 84,95 |"], []),
    # a responsibility cell with a mark or a count names no body: that row is no task
    ("| TT | Nội dung | Đơn vị chủ trì | Thời gian |",
     ["| 1 | Lập báo cáo | Sở Tài chính | 2026 |", "| 2 | Rà soát quy hoạch | - | 2026 |"],
     [(["Sở Tài chính"], "Lập báo cáo")]),
    # the header again where the table goes on after a page or a group (its number cell
    # left empty): a row of column labels, never a task
    ("| STT | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |",
     ["| 1 | Xây dựng kế hoạch chuyển đổi số | Sở Y tế | Các sở, ban, ngành | 2026 - 2030 |",
      "| | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |",
      "| 2 | Triển khai bệnh án điện tử | Sở Y tế | | 2026 |"],
     [(["Sở Y tế"], "Xây dựng kế hoạch chuyển đổi số"), (["Sở Y tế"], "Triển khai bệnh án điện tử")]),
    # `Thời gian thực hiện` is the timing column, never the responsibility column, though it
    # holds `thực hiện` (a year is no owner): with no body's column, a schedule the issuer
    # carries out
    ("| TT | Tên văn bản | Đối tượng tuyên truyền | Thời gian thực hiện |",
     ["| 1 | Luật Hải quan (sửa đổi) | Cán bộ, công chức cơ quan Bộ Tài chính | Năm 2014 |"],
     [(["Ủy ban nhân dân tỉnh Ninh Bình"], "Luật Hải quan (sửa đổi): Cán bộ, công chức cơ quan Bộ Tài chính")]),
    # a ditto mark (`nt`, `Như trên`) repeats the cell above (wild/docs/luatvietnam__Doc-14222672.doc,
    # wild/docs/tnt305__dataset-6e205b75bcc588b5.md)
    ("| STT | Nội dung | Đơn vị chủ trì | Thời gian |",
     ["| 1 | Đào tạo về Portal | Cục CNTT | Quý II/2024 |", "| 2 | Đào tạo quản trị Oracle | nt | Quý III/2024 |",
      "| 3 | Đào tạo quản trị mạng | Như trên | nt |"],
     [(["Cục CNTT"], "Đào tạo về Portal"), (["Cục CNTT"], "Đào tạo quản trị Oracle"),
      (["Cục CNTT"], "Đào tạo quản trị mạng")]),
    # an administrative procedure is no task table, whatever its columns (spec §1: procedures
    # are no tasks): the steps of an internal procedure, done again for every application
    # (headers of wild/docs/tnt305__dataset-817cf0e3de96bc43.md, tnt305__dataset-ad52bc0b105a20cd.md,
    # tnt305__dataset-e1d32e33e6daa23a.md, tnt305__dataset-8bb6ac57ee7b4c5d.md)
    ("| TT | Trình tự thực hiện | Trách nhiệm thực hiện | Sản phẩm thực hiện | Thời gian thực hiện |",
     ["| B1 | Tiếp nhận và bàn giao hồ sơ về phòng chuyên môn | Bộ phận tiếp nhận và trả kết quả | "
      "Hồ sơ theo quy định | 1/4 ngày |",
      "| B4 | Xem xét, phê duyệt | Lãnh đạo Sở | Văn bản | 1/4 ngày |"], []),
    ("| CÁC BƯỚC | TRÌNH TỰ THỰC HIỆN | ĐƠN VỊ GIẢI QUYẾT | THỜI GIAN GIẢI QUYẾT |",
     ["| Bước 4 | Ký duyệt hồ sơ | Lãnh đạo UBND tỉnh | 5 ngày |",
      "| Bước 5 | Trả kết quả | Chuyên viên Phòng Đổi mới sáng tạo | 1 ngày |",
      "| Tổng cộng thời gian giải quyết | 27 ngày | | |"], []),
    ("| Thứ tự công việc | Nội dung công việc | Trách nhiệm thực hiện | Thời gian thực hiện |",
     ["| Bước 2 | Phân công thụ lý hồ sơ | Lãnh đạo Phòng Bảo trợ xã hội và Trẻ em | 0,5 ngày làm việc |"], []),
    # rows numbered as steps under an ordinary header (wild/docs/tnt305__dataset-f7f2733d47a603dc.md)
    ("| TT | Đơn vị/ người thực hiện | Nội dung công việc | Thời gian thực hiện |",
     ["| Bước 1 | Công chức tại Trung tâm Phục vụ hành chính công cấp xã | Kiểm tra, tiếp nhận hồ sơ | 04 giờ làm việc |",
      "| Bước 2 | Lãnh đạo phòng Văn hóa - xã hội | Phân công xử lý hồ sơ | 04 giờ làm việc |"], []),
    # a list of procedures (wild/docs/tnt305__dataset-71153021e3559f5e.md,
    # tnt305__dataset-a4a312239ee6c741.md, tnt305__dataset-6e205b75bcc588b5.md)
    ("| Số TT | Tên TTHC | Thời hạn giải quyết | Địa điểm thực hiện | Cách thức thực hiện |",
     ["| 01 | Thủ tục công nhận trung tâm đổi mới sáng tạo cấp tỉnh | 15 ngày | Trung tâm Phục vụ "
      "hành chính công tỉnh | Trực tiếp |"], []),
    ("| STT | Tên thủ tục hành chính nội bộ | Cơ quan thực hiện | Ghi chú |",
     ["| 1 | Trình tự, thủ tục thẩm định, phê duyệt quy hoạch sử dụng đất cấp tỉnh | UBND tỉnh | |"], []),
    # a list of texts to draft whose only body's column is the drafting body's: that body leads
    # (wild/docs/luatvietnam__Doc-14222537.doc; the same column in trangsct__NQ-66.19-2026-NQ-CP)
    ("| Số TT | Tên luật, pháp lệnh, ngày có hiệu lực | Tên văn bản quy định chi tiết | "
     "Cơ quan chủ trì soạn thảo | Thời gian trình trước ngày, tháng |",
     ["| 1. | Luật đấu thầu 01/7/2014 | Nghị định hướng dẫn thi hành Luật đấu thầu về lựa chọn nhà thầu "
      "| Bộ Kế hoạch và Đầu tư | 15/4/2014 |",
      "| 2. | Luật tiếp công dân 01/7/2014 | Nghị định quy định chi tiết hướng dẫn thi hành một số điều "
      "của Luật tiếp công dân | Thanh tra Chính phủ | 15/4/2014 |"],
     [(["Bộ Kế hoạch và Đầu tư"], "Nghị định hướng dẫn thi hành Luật đấu thầu về lựa chọn nhà thầu"),
      (["Thanh tra Chính phủ"], "Nghị định quy định chi tiết hướng dẫn thi hành một số điều của Luật tiếp "
       "công dân")]),
    # a body's cell that says the body leads (wild/docs/tnt305__dataset-74e2ddc7b11340da.md)
    ("| STT | Nhiệm vụ | Cơ quan thực hiện | Thời hạn |",
     ["| 1 | Hoàn thành việc triển khai các nhiệm vụ phục vụ chuyển đổi số | Các địa phương chủ trì | 30/09/2025 |"],
     [(["Các địa phương"], "Hoàn thành việc triển khai các nhiệm vụ phục vụ chuyển đổi số")]),
]


@pytest.mark.parametrize("header,rows,expected", TABLES, ids=[t[0][:40] for t in TABLES])
def test_task_table_detection(tmp_path, parsed, header, rows, expected):
    doc = parsed(_plan_with_table(tmp_path, header, rows))
    got = [(t.owner, t.content) for t in doc.tasks if t.source_kind == "table"]
    assert got == expected
    for t, i in zip((t for t in doc.tasks if t.source_kind == "table"), range(1, 10)):
        assert t.section == f"I.{i}"


# ---- schedule tables: no chủ trì column, the issuer carries each row out -----------------

SCHEDULES = [
    # (header, data rows, expected (section, content, timing raw) per task; the owner is the issuer)
    # laocai-kh-1105-dkt-kiem-tra Phụ lục I, shortened
    ("| TT | Tên đơn vị được kiểm tra | Đối tượng kiểm tra | Thời gian công bố Quyết định kiểm tra "
     "| Thời hạn kiểm tra |",
     ["| 1 | Công ty TNHH Hiệp Phú | Gói thầu số 15 | 27/3/2025 | 02 ngày |"],
     [("I.1", "Công ty TNHH Hiệp Phú: Gói thầu số 15", "27/3/2025; 02 ngày")]),
    # a merged TT cell repeated into its sub-rows: one task, the packages joined with "; "
    ("| TT | Tên đơn vị được kiểm tra | Đối tượng kiểm tra | Thời gian | Thời hạn |",
     ["| 1 | Công ty A | Gói thầu số 13 | 23/3/2026 | 02 ngày |",
      "| 1 | Công ty A | Gói thầu số 14 | 23/3/2026 | 02 ngày |",
      "| 2 | Công ty B | Gói thầu số 16 | 25/3/2026 | 02 ngày |"],
     [("I.1", "Công ty A: Gói thầu số 13; Gói thầu số 14", "23/3/2026; 02 ngày"),
      ("I.2", "Công ty B: Gói thầu số 16", "25/3/2026; 02 ngày")]),
    # OCR read the number 1 as `|` (here `l`): numbered after the row before; the place is no content
    ("| STT | Nội dung công việc | Thời gian | Địa điểm |",
     ["| l | Kiểm tra kho vật liệu nổ | Tháng 5/2024 | Lào Cai |",
      "| 2 | Báo cáo kết quả | Tháng 6/2024 | Lào Cai |"],
     [("I.1", "Kiểm tra kho vật liệu nổ", "Tháng 5/2024"), ("I.2", "Báo cáo kết quả", "Tháng 6/2024")]),
    # no timing column: no schedule
    ("| TT | Tên doanh nghiệp | Địa chỉ |", ["| 1 | Công ty A | Lào Cai |"], []),
    # targets with a year column: no schedule
    ("| TT | Chỉ tiêu | Thời gian |", ["| 1 | 100% hồ sơ trực tuyến | Năm 2024 |"], []),
]


@pytest.mark.parametrize("header,rows,expected", SCHEDULES, ids=[t[0][:40] for t in SCHEDULES])
def test_schedule_table(tmp_path, parsed, header, rows, expected):
    doc = parsed(_plan_with_table(tmp_path, header, rows))
    table = [t for t in doc.tasks if t.source_kind == "table"]
    assert [(t.section, t.content, t.timing.raw) for t in table] == expected
    assert doc.meta.issuer and all(t.owner == [doc.meta.issuer] for t in table)


@pytest.mark.parametrize("issuer,body", [
    ("Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT", "Đoàn kiểm tra"),   # laocai-kh-1105
    ("Đoàn kiểm tra theo quyết định số 1050/QĐ-SCT", "Đoàn kiểm tra"),
    ("Tổ công tác được thành lập theo Quyết định số 12/QĐ-UBND", "Tổ công tác"),
    ("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
    (None, None),
])
def test_issuer_body(issuer, body):
    from extractors.tasks_schedule import issuer_body
    assert issuer_body(issuer) == body


# --- a row that gives different work to different bodies: one task per body ------------

UBTVQH = "ubtvqh-119-nq-ubtvqh15-2026-dieu-chinh-ctlp.html"


def test_row_with_two_responsibility_columns_gives_two_tasks(parsed, corpus_file, gold):
    """`STT | Tên dự án | Cơ quan trình | Cơ quan chủ trì thẩm tra | Cơ quan tham gia thẩm
    tra | Tiến độ`: the submitting body and the reviewing body each own a task with the
    row's content; the co-reviewers are the reviewer's partners (spec §1)."""
    doc = parsed(corpus_file(UBTVQH))
    got = sorted((t.section, tuple(t.owner), tuple(t.partner_names)) for t in doc.tasks)
    want = sorted((g["section"], tuple(g["owner"]), tuple(g["partners"])) for g in gold(UBTVQH)["tasks"])
    assert got == want


# Appendix tables whose header comes again further down (a second table of the same
# columns run on under the first): no task is owned by a column label.
WILD = Path(__file__).resolve().parents[3] / "shared" / "wild" / "docs"
REPEATED_HEADERS = ["tnt305__dataset-f004d93b21e7fc5f.md", "luatvietnam__Doc-14222855.doc"]


@pytest.mark.parametrize("name", REPEATED_HEADERS)
def test_a_repeated_header_row_is_no_task(parsed, name):
    path = WILD / name
    if not path.is_file():
        pytest.skip(f"{path} not here")
    from extractors.labelled_fields import labels
    column_labels = {x.casefold() for x in labels()["table"]["content"]}
    table = [t for t in parsed(path).tasks if t.source_kind == "table"]
    assert len(table) >= 10
    assert not [t.section for t in table if t.content.casefold() in column_labels]


@pytest.mark.parametrize("source,caption,procedure", [
    # the item a table stands under names a procedure's steps: its rows, numbered 1, 2, 3,
    # are steps, no tasks
    ("wild/docs/tnt305__dataset-5a80798bbf985e87.md", "- Trình tự thực hiện:", True),
    ("wild/docs/tnt305__dataset-5a80798bbf985e87.md", "2. Trình tự thực hiện", True),
    ("wild/docs/tnt305__dataset-82483d7fa7f7a186.md", "6. Quy trình giải quyết", True),
    ("wild/docs/tnt305__dataset-8bb6ac57ee7b4c5d.md",
     "Quy trình số 01 1. Quy trình nội bộ giải quyết TTHC: “Quyết định công nhận cơ sở sản xuất”", True),
    # a plan's part, or an item that only mentions a procedure further on
    ("synthetic", "III. NHIỆM VỤ CỤ THỂ", False),
    ("synthetic", "2. Rà soát quy trình nội bộ giải quyết thủ tục hành chính", False),
])
def test_a_table_under_a_procedure_caption_is_no_task_table(source, caption, procedure):
    from extractors.tasks_table import is_procedure
    from parsers.model import Block
    cells = [("TT", "Bộ phận", "Nội dung công việc", "Thời gian"),
             ("1", "Trung tâm Phục vụ hành chính công", "Tiếp nhận hồ sơ", "0,5 ngày"),
             ("2", "Sở Nông nghiệp và Môi trường", "Rà soát, kiểm tra hồ sơ", "5,5 ngày")]
    rows = [Block(i, "row", " | ".join(c), cells=c, table=0, row=i) for i, c in enumerate(cells)]
    assert is_procedure(rows, caption) is procedure
    assert is_procedure(rows) is False                    # the same rows with no caption: a task table


@pytest.mark.parametrize("source,cells,total", [
    # a row that sums up the rows above: no task, no text run on from the row above
    ("wild/docs/tnt305__dataset-e1d32e33e6daa23a.md", ("Tổng cộng thời gian giải quyết", "27 ngày", ""), True),
    ("wild/docs/tnt305__dataset-3870cd0c35318a44.md", ("Tổng cộng", "100"), True),
    ("synthetic", ("", "Tổng số", "12"), True),
    # a row that holds such a word further on, or opens with a word that only begins like one
    ("synthetic", ("Bước 5", "Trả kết quả", "Chuyên viên Phòng Đổi mới sáng tạo"), False),
    ("synthetic", ("2", "Cộng tác viên tham gia tuyên truyền", "Sở Tư pháp"), False),
    ("synthetic", ("", "Cộng tác viên tham gia tuyên truyền", "Sở Tư pháp"), False),
    ("synthetic", ("Cộng:", "", "100"), True),
])
def test_total_row(source, cells, total):
    from extractors.tasks_table import _is_total
    from parsers.model import Block
    block = Block(0, "row", " | ".join(cells), cells=cells, table=0, row=1)
    assert _is_total(block) is total, source


@pytest.mark.parametrize("source,value,owner,partners", [
    # an owner's field or cell that names who leads and who cooperates: the lead owns, the
    # others are partners (`Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với ...`)
    ("wild/docs/tnt305__dataset-31fb08f34535fce3.md",
     "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, "
     "đặc khu, báo, đài và các đơn vị có liên quan",
     "Sở Nội vụ", "các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, đặc khu, báo, đài và "
     "các đơn vị có liên quan"),
    ("wild/docs/luatvietnam__Doc-14222611.doc", "Bộ Giáo dục và Đào tạo chủ trì phối hợp các cơ quan quản lý",
     "Bộ Giáo dục và Đào tạo", "các cơ quan quản lý"),
    ("wild/docs/tnt305__dataset-74e2ddc7b11340da.md", "Các địa phương chủ trì", "Các địa phương", None),
    # `chủ trì` and other work, or no `chủ trì` after a name: the value stays whole
    ("synthetic", "Sở Y tế chủ trì thẩm định", "Sở Y tế chủ trì thẩm định", None),
    ("synthetic", "Cơ quan chủ trì soạn thảo", "Cơ quan chủ trì soạn thảo", None),
    ("synthetic", "Sở Tài chính", "Sở Tài chính", None),
])
def test_lead_and_partners_of_an_owner_value(source, value, owner, partners):
    from extractors.labelled_fields import lead_and_partners
    lead, cooperating, at = lead_and_partners(value)
    assert (lead, cooperating) == (owner, partners), source
    if cooperating:
        assert value[at:].startswith(cooperating)
