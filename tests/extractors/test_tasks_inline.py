"""Inline tasks (spec §1, shape `inline`): a numbered item whose body has labelled
lines (`Đơn vị chủ trì:`, `Đơn vị phối hợp:`, `Thời gian:`, `Nội dung:`, `Sản phẩm:`);
labelled lines after a group of bullets make one task of the whole group.

Corpus: hanoi-161 (the sample plan) and laocai-sct-kh-de-an-08 (grouped bullets);
the fixture plan data/raw/mau-ke-hoach-inline.txt is asserted task by task.
"""
from __future__ import annotations

from datetime import date

import pytest

HANOI = "hanoi-161-kh-ubnd-2023-excerpt.txt"
DEAN08 = "laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx"

# ---- hanoi-161 ----------------------------------------------------------------------

VHTT = "Sở Văn hóa và Thể thao"
HANOI_TASKS = {
    "II.1.1.1": ["Văn phòng UBND Thành phố", "Sở Ngoại vụ"],
    "II.1.1.2": ["Các Sở, ngành", "các đơn vị liên quan"],
    "II.1.1.3": ["Các Hội, tổ chức, cơ quan và đơn vị liên quan"],
}


@pytest.fixture(scope="module")
def hanoi(parsed, corpus_file):
    return parsed(corpus_file(HANOI))


@pytest.mark.parametrize("section,partners", HANOI_TASKS.items())
def test_hanoi_inline_tasks(hanoi, gold, section, partners):
    tasks = [t for t in hanoi.tasks if t.section == section]
    assert len(tasks) == 1
    t = tasks[0]
    expected = next(g for g in gold(HANOI)["tasks"] if g["section"] == section)
    assert t.source_kind == "inline"
    assert t.owner == [VHTT]
    assert t.partner_names == partners == expected["partners"]
    assert t.timing.raw == "Tháng 5/2023"
    assert (t.timing.kind, t.timing.start, t.timing.end) == ("period", date(2023, 5, 1), date(2023, 5, 31))
    assert t.title == expected["title"]
    assert t.content == expected["content"]        # the `Nội dung` value, read from gold
    assert t.deliverable is None


def test_hanoi_inline_spans_point_at_the_labelled_lines(hanoi):
    """Every value keeps where it came from: owner/partners/timing spans cover their text."""
    blocks = hanoi.raw.blocks
    for t in (t for t in hanoi.tasks if t.source_kind == "inline"):
        for m in t.owners + t.partners:
            assert blocks[m.span.block].text[m.span.start:m.span.end] == m.text
        s = t.timing.span
        assert blocks[s.block].text[s.start:s.end] == t.timing.raw


def test_hanoi_has_exactly_the_three_gold_tasks(hanoi):
    """1.4 is a heading cut off by `[...]`: no labelled lines, no body named, not a task."""
    assert sorted(t.section for t in hanoi.tasks) == sorted(HANOI_TASKS)


def test_hanoi_purpose_and_requirements_are_not_tasks(hanoi):
    assert not [t for t in hanoi.tasks if t.section.startswith("I.") or t.section == "I"]


# ---- grouped bullets (laocai-sct-kh-de-an-08) ----------------------------------------

@pytest.mark.parametrize("section", ["III.1", "III.2", "III.3", "III.4", "III.5"])
def test_labelled_lines_after_bullets_make_one_group_task(parsed, corpus_file, gold, scorer, section):
    doc = parsed(corpus_file(DEAN08))
    expected = next(g for g in gold(DEAN08)["tasks"] if g["section"] == section)
    found = [t for t in doc.tasks if t.section == section]
    assert len(found) == 1
    t = found[0]
    assert t.source_kind == "inline"
    assert t.title == expected["title"]
    assert t.owner == expected["owner"] and t.partner_names == expected["partners"]
    assert scorer.similarity(scorer.norm(t.content), scorer.norm(expected["content"])) > 0.95
    assert not [x for x in doc.tasks if x.section.startswith(section + ".")]


# ---- the fixture plan ------------------------------------------------------------------

SAMPLE = "mau-ke-hoach-inline.txt"

# section → (title, owner, partners, timing raw, kind, start, end, content, deliverable)
SAMPLE_TASKS = {
    "II.1.1.1": ("Nâng cấp hệ thống mạng nội bộ của các thiết chế văn hóa",
                 ["Sở Văn hóa và Thể thao"], ["Sở Khoa học và Công nghệ", "Sở Tài chính"],
                 "Quý II/2025", "period", date(2025, 4, 1), date(2025, 6, 30),
                 "Rà soát, nâng cấp đường truyền và thiết bị mạng tại Thư viện tỉnh, Bảo tàng tỉnh "
                 "và Trung tâm Văn hóa tỉnh", None),
    "II.1.1.2": ("Xây dựng cơ sở dữ liệu di sản văn hóa",
                 ["Sở Văn hóa và Thể thao"], ["Văn phòng UBND tỉnh", "Sở Nội vụ", "các đơn vị liên quan"],
                 "Tháng 5-6/2025", "period", date(2025, 5, 1), date(2025, 6, 30),
                 "Số hóa hồ sơ xếp hạng di tích, hiện vật bảo tàng và cập nhật vào cơ sở dữ liệu dùng "
                 "chung của tỉnh", "Cơ sở dữ liệu di sản văn hóa tỉnh Ninh Bình"),
    "II.2": ("Nhân lực số", ["Sở Nội vụ"], ["Sở Văn hóa và Thể thao"],
             "Trước ngày 30/9/2025", "deadline", None, date(2025, 9, 30),
             "Tổ chức 02 lớp tập huấn kỹ năng số cho công chức, viên chức ngành văn hóa. "
             "Biên soạn tài liệu hướng dẫn sử dụng phần mềm quản lý di tích", None),
    "II.3": ("Thể thao số", ["Trung tâm Huấn luyện và Thi đấu thể thao"], ["Sở Khoa học và Công nghệ"],
             "Thường xuyên", "ongoing", None, None,
             "Xây dựng phần mềm quản lý vận động viên, huấn luyện viên của tỉnh. Công khai lịch thi "
             "đấu, kết quả các giải thể thao cấp tỉnh trên Cổng thông tin điện tử", None),
}


@pytest.fixture(scope="module")
def sample_doc(parsed, sample):
    return parsed(sample(SAMPLE))


@pytest.mark.parametrize("section", SAMPLE_TASKS)
def test_sample_inline_tasks(sample_doc, section):
    title, owner, partners, raw, kind, start, end, content, deliverable = SAMPLE_TASKS[section]
    found = [t for t in sample_doc.tasks if t.section == section]
    assert len(found) == 1, [t.section for t in sample_doc.tasks]
    t = found[0]
    assert t.source_kind == "inline"
    assert t.title == title
    assert t.owner == owner
    assert t.partner_names == partners
    assert (t.timing.raw, t.timing.kind, t.timing.start, t.timing.end) == (raw, kind, start, end)
    assert t.content == content
    assert t.deliverable == deliverable


def test_sample_has_exactly_these_tasks(sample_doc):
    """Besides the inline tasks, one prose task (III.1 `Sở Tài chính chủ trì ...`). Not tasks:
    I (Mục đích, Yêu cầu — even `Sở Văn hóa và Thể thao chủ trì theo dõi ...` under Yêu cầu),
    the closing `Trong quá trình thực hiện ...`, Nơi nhận, the signature."""
    assert sorted(t.section for t in sample_doc.tasks) == sorted([*SAMPLE_TASKS, "III.1"])


def test_sample_requirements_and_closing_are_not_tasks(sample_doc):
    for t in sample_doc.tasks:
        assert not t.section.startswith("I.")
        assert not t.content.startswith(("Trong quá trình", "Bộ Văn hóa", "Lưu", "Nơi nhận"))
    [fin] = [t for t in sample_doc.tasks if t.section == "III.1"]
    assert fin.source_kind == "prose" and fin.owner == ["Sở Tài chính"]
    assert fin.partner_names == ["Sở Văn hóa và Thể thao"]


# ---- label variants ------------------------------------------------------------------

LABELS = [
    # (lines under `1.1. Rà soát văn bản`, owner, partners, timing kind, end date)
    (["- Cơ quan chủ trì: Sở Tư pháp.", "- Cơ quan phối hợp: Văn phòng UBND tỉnh.",
      "- Thời hạn hoàn thành: Trước ngày 15/10/2024."],
     ["Sở Tư pháp"], ["Văn phòng UBND tỉnh"], "deadline", date(2024, 10, 15)),
    (["- Đơn vị chủ trì thực hiện: Sở Nội vụ.", "- Đơn vị phối hợp thực hiện: Sở Tài chính, Sở Tư pháp.",
      "- Thời gian thực hiện: Năm 2024."],
     ["Sở Nội vụ"], ["Sở Tài chính", "Sở Tư pháp"], "period", date(2024, 12, 31)),
    (["- Chủ trì: Sở Y tế; Phối hợp: Bảo hiểm xã hội tỉnh.", "- Tiến độ: Hằng năm."],
     ["Sở Y tế"], ["Bảo hiểm xã hội tỉnh"], "recurring", None),
    (["- Đơn vị chủ trì: Sở Xây dựng.", "- Thời gian: Theo chỉ đạo của UBND tỉnh."],
     ["Sở Xây dựng"], [], "unspecified", None),
]


@pytest.mark.parametrize("lines,owner,partners,kind,end", LABELS, ids=[c[0][0][2:24] for c in LABELS])
def test_label_variants(tmp_path, parsed, lines, owner, partners, kind, end):
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 77/KH-UBND", "Ninh Bình, ngày 10 tháng 01 năm 2024",
        "", "KẾ HOẠCH", "Rà soát văn bản quy phạm pháp luật năm 2024", "",
        "I. NHIỆM VỤ", "1. Công tác rà soát", "1.1. Rà soát văn bản", *lines,
        "- Nội dung: Rà soát văn bản quy phạm pháp luật do tỉnh ban hành.",
    ]) + "\n"
    path = tmp_path / "kh-77.txt"
    path.write_text(text, encoding="utf-8")
    [t] = parsed(path).tasks
    assert (t.section, t.source_kind, t.title) == ("I.1.1.1", "inline", "Rà soát văn bản")
    assert t.content == "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành"
    assert t.owner == owner and t.partner_names == partners
    assert (t.timing.kind, t.timing.end) == (kind, end)
