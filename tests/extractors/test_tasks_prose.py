"""Prose tasks (spec §1, shape `prose`): owner named in the item, inherited from a
lead-in or heading, or the issuer for `Chủ trì, ...` items; partners after
`phối hợp với`; what is not a task.

Corpus cases compare with the gold of the named file, read at test time, the way
the scorer compares (its `mentions` for owners and partners, its timing key);
predicted and gold tasks are paired by content as the scorer pairs them. The
fixture plan data/raw/mau-chi-thi-van-xuoi.txt is asserted exactly. Known bugs
are strict xfails whose reason names the bug.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gold"
BTNMT = "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"
TTG = "ttg-ct-07-2012-chan-chinh-kkt-kcn-ccn.docx"
CPNQ = "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"
LAOCAI134 = "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt"

# ---- bugs, one reason each --------------------------------------------------------

SUBLIST = (
    "an item whose text ends in a ':' list of '-' sub-bullets ('... Luật Khoa học, Công nghệ "
    "và Đổi mới sáng tạo để:') is split into one task per bullet; per spec §1 the item is one "
    "task, the bullets its content")


# ---- corpus cases against gold ---------------------------------------------------

# (file, gold section, field) → reason; field "present" = the task is found at all
KNOWN = {
    (CPNQ, "II.2.đ", "present"): SUBLIST,
}

# every prose task of the small documents; hand-picked items of the larger ones
WHOLE = [BTNMT, TTG]
CT11 = "laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx"
PICKED = {
    # a leaf item opening with an excluded heading's word; an item raising a body's
    # responsibility; an item opening with `Phối hợp với X, Y`
    CT11: ["IV.1.-2", "II.7.-3", "IV.3.-5"],
    CPNQ: ["II.1.a", "II.4.p", "II.3.a", "II.5.a", "II.5.c", "II.2.đ", "III.1", "III.2",
           "III.3", "III.4", "III.5"],
    LAOCAI134: ["II.1.-1", "II.1.-2", "II.2.-1", "II.2.-2", "II.2.-3", "II.3.-1", "II.4",
                "V.6", "V.7.-5", "V.7.-6", "V.10.-1"],
}


def _gold_prose_sections(name: str) -> list[str]:
    path = GOLD / f"{name}.json"
    if not path.is_file():
        return []
    return [t["section"] for t in json.loads(path.read_text(encoding="utf-8"))["tasks"]
            if t["source_kind"] == "prose"]


def _cases():
    out = []
    sections = {name: _gold_prose_sections(name) for name in WHOLE}
    sections.update(PICKED)
    for name, secs in sections.items():
        for sec in secs:
            for field in ("present", "owner", "partners", "timing"):
                reason = KNOWN.get((name, sec, field))
                if field != "present" and (name, sec, "present") in KNOWN:
                    continue
                marks = pytest.mark.xfail(strict=True, reason=reason) if reason else ()
                out.append(pytest.param(name, sec, field, marks=marks,
                                        id=f"{name[:12]}:{sec}:{field}"))
    return out


@pytest.mark.parametrize("name,section,field", _cases())
def test_prose_task_matches_gold(paired, scorer, name, section, field):
    pairs = paired(name)
    assert section in pairs, f"{section} is not a gold task of {name}"
    g, p = pairs[section]
    assert p is not None, f"no predicted task pairs with gold {section}"
    if field == "present":
        assert p["source_kind"] == g["source_kind"]
    elif field == "owner":
        assert set(scorer.mentions(p["owner"])) == set(scorer.mentions(g["owner"])), (
            g["owner"], p["owner"])
    elif field == "partners":
        assert set(scorer.mentions(p["partners"])) == set(scorer.mentions(g["partners"])), (
            g["partners"], p["partners"])
    else:
        assert scorer.timing_key(p) == scorer.timing_key(g), (g["timing_raw"], p["timing_raw"])


def test_lead_in_owner_is_inherited_by_every_lettered_item(parsed, corpus_file):
    """btnmt-09: `1. Cục Biến đổi khí hậu có trách nhiệm:` → a) .. k) (ten items), owner
    inherited; the lead-in itself is not a task."""
    tasks = {t.section: t for t in parsed(corpus_file(BTNMT)).tasks}
    letters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]
    for letter in letters:
        t = tasks[f"III.1.{letter}"]
        assert t.source_kind == "prose"
        assert t.owner == ["Cục Biến đổi khí hậu"]
        assert t.title is None
    assert "III.1" not in tasks
    # `Phối hợp với X ...` keeps the inherited owner; X is a partner
    assert tasks["III.1.d"].partner_names == ["Vụ Hợp tác quốc tế", "Vụ Pháp chế"]
    assert tasks["III.1.k"].partner_names == []
    # attendance (`với sự tham gia của ...`) is not partnership
    assert "Bộ Thông tin và Truyền thông" not in tasks["III.1.e"].partner_names


def test_part_heading_names_the_owner(parsed, corpus_file, scorer):
    """btnmt-09: `II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG` → II.1 .. II.8 owned by
    the ministry (spec §1 rule 2)."""
    tasks = {t.section: t for t in parsed(corpus_file(BTNMT)).tasks}
    for i in range(1, 9):
        owner = tasks[f"II.{i}"].owner
        assert [scorer.norm(o) for o in owner] == [scorer.norm("Bộ Tài nguyên và Môi trường")]


# A letter that relays a leader's directions (`... Phó Thủ tướng Chính phủ có ý kiến như sau:`)
# and gives them as unnumbered paragraphs, each naming its body and its work: each is a task.
# A list of attendees after `... là Ủy viên Ban Chỉ đạo:` is none.
WILD_DOCS = GOLD.parent.parent / "wild" / "docs"
RELAYED_DIRECTIONS = [
    ("tnt305__dataset-2c71d790ecdeb8d1.md",
     [["Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"], ["Ủy ban nhân dân các tỉnh: Ninh Bình, Bắc Ninh, Phú Thọ, Tuyên Quang"]]),
    ("tnt305__dataset-06690fd4027d01c8.md", [["Bộ Khoa học và Công nghệ"]]),
    ("tnt305__dataset-1a814c71716d3047.md", [["Bộ Nông nghiệp và Môi trường"]]),
    ("tnt305__dataset-cb6eb2174499b5d1.md", [["Bộ Công Thương"]]),
]


@pytest.mark.parametrize("name,owners", RELAYED_DIRECTIONS, ids=[c[0] for c in RELAYED_DIRECTIONS])
def test_relayed_directions_are_tasks(parsed, name, owners):
    path = WILD_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} not here")
    assert [t.owner for t in parsed(path).tasks] == owners


def test_attendees_after_a_colon_are_no_tasks(parsed):
    path = WILD_DOCS / "tnt305__dataset-50f694478a35aefd.md"
    if not path.is_file():
        pytest.skip(f"{path} not here")
    assert not [t for t in parsed(path).tasks if t.owner and t.owner[0].startswith("Công an, Xây dựng")]


# A part of a directive addressed to a body, its heading in capitals (`II. ĐỐI VỚI ...`),
# gives its items that body; in running text `Đối với ...` opens a rule's condition.
HEADING_OWNERS = [
    ("luatvietnam__Doc-14222599.doc", "ĐỐI VỚI CÁC TỔ CHỨC TÍN DỤNG", "CÁC TỔ CHỨC TÍN DỤNG"),
    ("luatvietnam__Doc-14222691.doc", "ĐỐI VỚI CÁC BAN QUẢN LÝ DỰ ÁN NHÓM II",
     "CÁC BAN QUẢN LÝ DỰ ÁN NHÓM II"),
    ("btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt", "NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
     "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
    ("hrmaster__thong-tu-so-01-2024-tt-bldtbxh-41332.txt", "ĐỐI VỚI CÁC MÔN HỌC CHUNG BẮT BUỘC", None),
    ("hrmaster__nghi-dinh-so-112-2021-nd-cp-34959.txt",
     "Đối với doanh nghiệp dịch vụ giải thể, phá sản hoặc doanh nghiệp chấm dứt hoạt động", None),
]


@pytest.mark.parametrize("source,heading,owner", HEADING_OWNERS, ids=[c[1][:40] for c in HEADING_OWNERS])
def test_heading_owner(source, heading, owner):
    from extractors.lead_ins import heading_owner
    assert heading_owner(heading) == owner


def test_named_owners_split_at_semicolon_and_commas(parsed, corpus_file):
    """btnmt-09 III.3 (two bodies split at ';') and III.4 (three bodies)."""
    tasks = {t.section: t for t in parsed(corpus_file(BTNMT)).tasks}
    assert tasks["III.3"].owner == ["Viện Khoa học Khí tượng thủy văn và Biến đổi khí hậu",
                                    "Viện Chiến lược, Chính sách tài nguyên và môi trường"]
    assert tasks["III.4"].owner == ["Trung tâm Truyền thông tài nguyên và môi trường",
                                    "Báo Tài nguyên và Môi trường", "Tạp chí Tài nguyên và Môi trường"]
    assert tasks["III.2"].owner == ["Cục Viễn thám quốc gia"]


# ---- what is not a task ----------------------------------------------------------------

NOT_TASK_ZONES = {"metadata", "letterhead", "title", "addressee", "signature"}


@pytest.mark.parametrize("name", [BTNMT, TTG, CPNQ, LAOCAI134, "hanoi-161-kh-ubnd-2023-excerpt.txt",
                                  "ddqh-3260-kh-ddqh15-2025-trien-khai-nq57.md",
                                  "laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx"])
def test_no_task_from_purpose_requirements_letterhead_or_recipients(parsed, corpus_file, name):
    doc = parsed(corpus_file(name))
    zone_of = {n.block: n.zone for n in doc.tree.nodes}
    for t in doc.tasks:
        assert t.section.split(".")[0] != "I" or t.source_kind == "table", (t.section, t.content[:60])
        assert zone_of[t.span.block] not in NOT_TASK_ZONES, (t.section, t.content[:60])
        assert not t.content.startswith(("Nơi nhận", "Căn cứ", "Trên đây là", "Mục đích", "Yêu cầu"))
        assert t.owner, t.section


# Parts that lay down who a plan or an award applies to, its principles, criteria, forms
# of award and quotas state conditions, not assigned work: (wild file, part, its number)
CONDITION_PARTS = [
    ("tnt305__dataset-2957e4f4f0e41373.md", "ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG", "III"),
    ("tnt305__dataset-2957e4f4f0e41373.md", "SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG", "IV"),
    ("tnt305__dataset-556b2fb4a0149576.md", "ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG", "III"),
    ("hrmaster__chi-thi-so-21-ct-ttg-469580.pdf", "NGUYÊN TẮC, YÊU CẦU SẮP XẾP THÔN, TỔ DÂN PHỐ", "I"),
]


@pytest.mark.parametrize("name,part,number", CONDITION_PARTS, ids=[f"{c[0][:20]}:{c[2]}" for c in CONDITION_PARTS])
def test_conditions_of_a_plan_or_award_are_no_tasks(parsed, corpus_file, name, part, number):
    doc = parsed(corpus_file(f"wild/docs/{name}"))
    heads = [n for n in doc.tree.nodes if n.marker and n.marker.label == number and n.parent is None]
    assert any(" ".join(n.text.split()).upper().startswith(part) for n in heads), part
    assert doc.tasks, name                     # the document keeps its other tasks
    assert not [t.section for t in doc.tasks if t.section.split(".")[0] == number], part


# The parts of a published administrative procedure (its steps, its deciding body, its fees)
# describe a procedure done again for every application, and a `Thành phần` part lists who
# sits on a board or attends: no task under them (spec §1). (wild file, heading's first words)
PROCEDURE_PARTS = [
    ("tnt305__dataset-6e205b75bcc588b5.md", "Trình tự thực hiện"),
    ("tnt305__dataset-6e205b75bcc588b5.md", "Cơ quan giải quyết"),
    ("tnt305__dataset-4c6ac60a4ebc43d6.md", "Trình tự thực hiện"),
    ("tnt305__dataset-f75757b004ba80c7.md", "Trình tự thực hiện"),
    ("trangsct__Bien-ban-tham-dinh-SCT-ThaiThinh-xangdau-loai3.docx", "Thành phần"),
    ("trangsct__Bien-ban-tham-dinh-SoiPhuongNam-NH3-loai2.docx", "Thành phần"),
]


@pytest.mark.parametrize("name,heading", PROCEDURE_PARTS, ids=[f"{c[0][:20]}:{c[1]}" for c in PROCEDURE_PARTS])
def test_parts_of_a_published_procedure_are_no_tasks(parsed, corpus_file, name, heading):
    doc = parsed(corpus_file(f"wild/docs/{name}"))
    nodes = doc.tree.nodes
    heads = {i for i, n in enumerate(nodes) if n.marker and n.text.casefold().startswith(heading.casefold())}
    below = set(heads)
    for i, n in enumerate(nodes):                         # parents come before their items
        if n.parent in below:
            below.add(i)
    blocks = {nodes[i].block for i in below}
    assert heads and below - heads, heading               # the part is there, with items
    assert not [t.section for t in doc.tasks if t.span and t.span.block in blocks]


# A province named with its unit is the owner where it acts (conclusions give it work):
# (wild file, task section, owners)
PROVINCE_OWNERS = [
    ("tnt305__dataset-826ed569ec2ddaa1.md", "II.1", ("tỉnh Đắk Lắk",)),
    ("tnt305__dataset-50f694478a35aefd.md", "III.3.b", ("Thành phố Hà Nội", "các tỉnh Bắc Ninh, Gia Lai")),
]


@pytest.mark.parametrize("name,section,owners", PROVINCE_OWNERS, ids=[c[0][:20] for c in PROVINCE_OWNERS])
def test_province_that_acts_owns_its_task(parsed, corpus_file, name, section, owners):
    task = next(t for t in parsed(corpus_file(f"wild/docs/{name}")).tasks if t.section == section)
    assert tuple(task.owner if isinstance(task.owner, (list, tuple)) else [task.owner]) == owners


def test_enacting_and_execution_articles_are_not_tasks(parsed, corpus_file):
    """cp-nq-03: Điều 1 (enacts the programme), Điều 2 (entry into force), Điều 3 (`... chịu
    trách nhiệm thi hành`) are not tasks (spec §1)."""
    doc = parsed(corpus_file(CPNQ))
    articles = {n.block for n in doc.tree.nodes if n.marker and n.marker.style == "article"}
    assert articles
    assert not [t.section for t in doc.tasks if t.span.block in articles]


# ---- the fixture plan ------------------------------------------------------------------

SAMPLE = "mau-chi-thi-van-xuoi.txt"
UBND_HUYEN = "Ủy ban nhân dân các huyện, thành phố, thị xã"

# section → (owner, partners, timing kind, start, end, start of content)
SAMPLE_TASKS = {
    "II.1.a": (["Sở Y tế"], [UBND_HUYEN], None, None, None,
               "Chủ trì, phối hợp với Ủy ban nhân dân các huyện"),
    "II.1.b": (["Sở Y tế"], [], "deadline", None, date(2025, 5, 30), "Bảo đảm đủ thuốc"),
    "II.1.c": (["Sở Y tế"], ["Sở Thông tin và Truyền thông", "Đài Phát thanh - Truyền hình tỉnh"],
               None, None, None, "Phối hợp với Sở Thông tin và Truyền thông"),
    "II.2": (["Sở Giáo dục và Đào tạo"], ["Sở Y tế"], "period", date(2025, 4, 1), date(2025, 6, 30),
             "Sở Giáo dục và Đào tạo chủ trì"),
    "II.3": (["Sở Tài chính"], [], None, None, None, "Giao Sở Tài chính tham mưu"),
    "II.4.-1": ([UBND_HUYEN], [], None, None, None, "Chỉ đạo Trạm Y tế"),
    "II.4.-2": ([UBND_HUYEN], [], "period", date(2025, 5, 1), date(2025, 5, 31), "Huy động lực lượng"),
    "III.¶2": (["Sở Y tế"], [], "deadline", None, date(2025, 8, 31), "Sở Y tế theo dõi, đôn đốc"),
}


@pytest.fixture(scope="module")
def sample_doc(parsed, sample):
    return parsed(sample(SAMPLE))


def _find(doc, start: str):
    found = [t for t in doc.tasks if t.content.startswith(start)]
    assert len(found) == 1, f"{len(found)} tasks start with {start!r}"
    return found[0]


@pytest.mark.parametrize("section,field", [(s, f) for s in SAMPLE_TASKS
                                           for f in ("owner", "partners", "timing", "shape")])
def test_sample_directive_tasks(sample_doc, section, field):
    owner, partners, kind, start, end, content = SAMPLE_TASKS[section]
    t = _find(sample_doc, content)
    if field == "owner":
        assert t.owner == owner
    elif field == "partners":
        assert t.partner_names == partners
    elif field == "timing":
        assert (t.timing.kind, t.timing.start, t.timing.end) == (kind, start, end), t.timing.raw
    else:
        assert t.source_kind == "prose"
        assert t.section.split(".")[0] == section.split(".")[0]
        if "¶" not in section:   # paragraph paths (and a part heading as title) are not settled
            assert t.section == section
            assert t.title is None


def test_sample_directive_has_exactly_these_tasks(sample_doc):
    """Not tasks: the preamble, I. MỤC TIÊU, the lead-ins `1. Sở Y tế có trách nhiệm:` and
    `4. Ủy ban nhân dân ...:`, the accountability statement (`... chịu trách nhiệm trước Chủ
    tịch ...`), `Chỉ thị này có hiệu lực ...`, Nơi nhận and the signature."""
    starts = [v[-1] for v in SAMPLE_TASKS.values()]
    got = [t.content for t in sample_doc.tasks]
    assert len(got) == len(starts), [c[:50] for c in got]
    for s in starts:
        assert sum(c.startswith(s) for c in got) == 1, s


def test_timing_dates_without_a_year_take_the_issue_year(tmp_path, parsed):
    """`hoàn thành trước ngày 30/6` in a plan dated 2024 → deadline 2024-06-30 (spec §4)."""
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 40/KH-UBND", "Ninh Bình, ngày 02 tháng 02 năm 2024",
        "", "KẾ HOẠCH", "Rà soát thủ tục hành chính năm 2024", "", "I. NHIỆM VỤ",
        "1. Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát các thủ tục hành chính, "
        "hoàn thành trước ngày 30/6.",
    ]) + "\n"
    path = tmp_path / "kh-40.txt"
    path.write_text(text, encoding="utf-8")
    [t] = parsed(path).tasks
    assert t.owner == ["Sở Tư pháp"] and t.partner_names == ["Văn phòng UBND tỉnh"]
    assert (t.timing.kind, t.timing.start, t.timing.end) == ("deadline", None, date(2024, 6, 30))


# ---- body names that contain words of the verb list -------------------------------------

NAMES = [   # (name, kept whole)
    ("Sở Y tế", True),
    ("Sở Kế hoạch và Đầu tư", True),
    ("Sở Lao động - Thương binh và Xã hội", True),
    ("Ban Quản lý Khu kinh tế tỉnh", True),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", True),
    ("Bộ Chỉ huy Quân sự tỉnh", True),
    ("Sở Giáo dục và Đào tạo", True),
    ("Ủy ban nhân dân cấp xã", True),
    ("Ban quản lý dự án đầu tư xây dựng tỉnh", True),   # a head's lower-case name (word segmentation)
    ("Quỹ đầu tư phát triển tỉnh", True),
    ("Các cơ quan, tổ chức có liên quan", True),       # btnmt-09 III.1.đ: `tổ chức` is a noun here
]


@pytest.mark.parametrize("name", [n for n, _ in NAMES])
def test_owner_name_is_kept_whole(tmp_path, parsed, name):
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 41/KH-UBND", "Ninh Bình, ngày 03 tháng 3 năm 2024",
        "", "KẾ HOẠCH", "Triển khai nhiệm vụ năm 2024", "", "I. NHIỆM VỤ",
        f"1. {name} chủ trì, phối hợp với Sở Tài chính triển khai thực hiện Kế hoạch.",
    ]) + "\n"
    path = tmp_path / "kh-41.txt"
    path.write_text(text, encoding="utf-8")
    [t] = parsed(path).tasks
    assert t.owner == [name]
    assert t.partner_names == ["Sở Tài chính"]


# ---- who an item names: short phrases from real documents --------------------------

@pytest.mark.parametrize("source,text,owner,via", [
    ("bca-cv-5689-c04-2025.pdf (OCR)",
     "Bộ Quốc phòng dự kiến mục tiêu, nhiệm vụ, phương án phân bổ kế hoạch đầu tư công",
     "Bộ Quốc phòng", "start"),
    # a modal or tense word before the verb ends the list: `phải`, `sẽ`, `đã`
    ("hcm-chi-thi-xay-dung-kiem-tra-vbqppl-wordseg.txt",
     "Thủ trưởng các sở, ban, ngành, Chủ tịch Uỷ ban nhân dân quận - huyện phải tuân thủ nghiêm chỉnh",
     "Thủ trưởng các sở, ban, ngành, Chủ tịch Uỷ ban nhân dân quận - huyện", "start"),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",
     "Chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp san tạo mặt bằng, tạo mặt bằng sạch",
     "Chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp", "start"),
    ("bgtvt-tb-ket-luan-tong-ket-2009-wordseg.txt",
     "Bộ GTVT sẽ tiếp tục đổi mới cơ chế quản lý đầu tư xây dựng", "Bộ GTVT", "start"),
    ("laocai-bc-ket-qua-chi-thi-38-ttg.docx",
     "Trong năm 2025, UBND tỉnh Lào Cai đã ban hành 02 Quyết định phê duyệt", "UBND tỉnh Lào Cai",
     "adverbial"),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chỉ đạo toàn diện",
     "Ông. Hoàng Văn Thuân - Trưởng đoàn", "person"),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện nghiêm túc Kế hoạch",
     "Các thành viên Đoàn", "addressed"),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản theo nội dung kiểm tra",
     "đơn vị được kiểm tra", "addressed"),
    ("bgtvt-tb-ket-luan-tong-ket-2009-wordseg.txt",
     "Đối với các dự án ứng trước ngân sách chưa bố trí vốn: Vụ Kế hoạch Đầu tư tham mưu Bộ",
     "Vụ Kế hoạch Đầu tư", "addressed"),
    ("laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx",
     "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, Sở Công Thương tổ chức sơ kết, đánh giá",
     "Sở Công Thương", "adverbial"),
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Sau khi hoàn thành xây dựng các phần mềm chuyên ngành, các đơn vị có trách nhiệm tổ chức",
     "các đơn vị", "adverbial"),
    ("lamdong-cv-ubnd-nc-giao-cat-4552-bca-2025.docx",
     "Chủ tịch Ủy ban nhân dân tỉnh giao Công an tỉnh nghiên cứu, triển khai rà soát",
     "Công an tỉnh", "handed"),
    ("laocai-sct-ban-trinh-trien-khai-vb-ttg-hoachat.docx",
     "Sở Công Thương đề nghị các Sở, ban, ngành tỉnh; UBND xã, phường và các đơn vị hoạt động "
     "hóa chất trên địa bàn tỉnh nghiên cứu, triển khai",
     "các Sở, ban, ngành tỉnh; UBND xã, phường và các đơn vị hoạt động hóa chất trên địa bàn tỉnh",
     "handed"),
    # a short fronted adverbial, then `giao X`: X is handed the work
    ("wild/docs/hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt",
     "Trường hợp cần thiết, giao Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ chủ trì họp, làm việc",
     "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "prefix"),
    ("wild/docs/tnt305__dataset-f069c23c942c1ec6.md",
     "Đồng thời, giao Công an tỉnh chủ trì, phối hợp với các Sở, ban, ngành liên quan thường xuyên rà soát",
     "Công an tỉnh", "prefix"),
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx",
     "Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan và UBND các phường: Yên Bái, "
     "Văn Phú tăng cường hướng dẫn, kiểm tra",
     "các sở, ngành liên quan và UBND các phường: Yên Bái, Văn Phú", "prefix"),
    # a body's name ends before its verb (`tìm kiếm`, `xuất cấp`), not in a name that holds one
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx",
     "Đối với các Cụm công nghiệp: Phú Thịnh 5 và Phú Thịnh 6, giao UBND phường Văn Phú tìm kiếm nhà "
     "đầu tư có đủ năng lực", "UBND phường Văn Phú", "addressed"),
    ("cp-nq-380-nq-cp-2025-khac-phuc-thien-tai-mien-trung.md",
     "Bộ Y tế, Bộ Nông nghiệp và Môi trường và các bộ, cơ quan liên quan xuất cấp",
     "Bộ Y tế, Bộ Nông nghiệp và Môi trường và các bộ, cơ quan liên quan", "start"),
    ("wild/docs/tnt305__dataset-f069c23c942c1ec6.md",
     "Ban Chỉ huy Phòng chống thiên tai và tìm kiếm cứu nạn tỉnh chủ trì",
     "Ban Chỉ huy Phòng chống thiên tai và tìm kiếm cứu nạn tỉnh", "start"),
    # a province named with its unit acts as a body
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md",
     "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh tiến độ lập",
     "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai", "start"),
    ("wild/docs/tnt305__dataset-af2a4fc9b3a7aeeb.md",
     "Thành phố Hà Nội tổ chức biểu dương, khen thưởng các cá nhân được tặng",
     "Thành phố Hà Nội", "start"),
    # a fronted purpose clause (`Để ..., `) before the subject; a body that hands the work on
    # after it (`X đề nghị / yêu cầu Y`) gives Y
    ("wild/docs/tnt305__dataset-6bac4a0d92da936d.md",
     "Để nâng cao hiệu lực, hiệu quả quản lý nhà nước về đầu tư, các Sở, ngành, UBND cấp xã và các "
     "đơn vị có liên quan theo chức năng, nhiệm vụ triển khai thực hiện những nội dung sau:",
     "các Sở, ngành, UBND cấp xã và các đơn vị có liên quan", "adverbial"),
    ("laocai-sct-cv-thuc-hien-quy-dinh-vlncn-2026.docx",
     "Để hoạt động liên quan đến VLNCN bảo đảm theo quy định của pháp luật, Sở Công Thương yêu cầu "
     "các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên địa bàn thực hiện "
     "một số nội sau:",
     "các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên địa bàn", "handed"),
    ("wild/docs/trangsct__BC-ket-qua-kiem-tra-04-don-vi.docx",
     "Do đó, Đoàn kiểm tra đề nghị Công ty TNHH MTV Khí Công nghiệp Lào Cai rà soát nhu cầu sản xuất",
     "Công ty TNHH MTV Khí Công nghiệp Lào Cai", "handed"),
    # the body's work is to contact, to confer, to post: `liên hệ`, `trao đổi`, `đăng tải`
    ("wild/docs/tnt305__dataset-77de8d61b741c666.md",
     "Đề nghị Công ty Cổ phần siêu thị Sài Gòn liên hệ với Thuế tỉnh Phú Thọ để được cơ quan thuế trao đổi",
     "Công ty Cổ phần siêu thị Sài Gòn", "prefix"),
    ("wild/docs/tnt305__dataset-31fb08f34535fce3.md",
     "Sở Xây dựng đăng tải thông điệp truyền thông Tháng hành động trên bảng quang báo thông tin giao thông",
     "Sở Xây dựng", "start"),
    # a role or an adverb before the work ends the name: `làm đầu mối`, `trực tiếp`, `có nhiệm vụ`
    ("wild/docs/luatvietnam__Doc-14222618.doc",
     "Sở Kế hoạch và Đầu tư làm đầu mối giúp Ủy ban nhân dân cấp tỉnh quản lý nhà nước về xúc tiến đầu tư",
     "Sở Kế hoạch và Đầu tư", "start"),
    ("wild/docs/luatvietnam__Doc-14222841.doc",
     "Giao Vụ Kế hoạch làm đầu mối kiểm tra, giám sát tiến độ và kết quả thực hiện chương trình công tác",
     "Vụ Kế hoạch", "prefix"),
    ("wild/docs/hrmaster__thong-tu-so-16-2023-tt-bldtbxh-41470.txt",
     "Thủ trưởng các đơn vị thuộc Bộ trực tiếp lãnh đạo, chỉ đạo và chịu trách nhiệm về công tác thi đua",
     "Thủ trưởng các đơn vị thuộc Bộ", "start"),
    ("wild/docs/luatvietnam__Doc-14222611.doc",
     "Ban Điều hành Đề án có nhiệm vụ chỉ đạo, điều hành việc tổ chức triển khai Đề án",
     "Ban Điều hành Đề án", "start"),
    # `công lập` (public) is no verb `lập` (to draw up)
    ("wild/docs/luatvietnam__Doc-10211870.doc",
     "Người đứng đầu đơn vị sự nghiệp công lập có trách nhiệm tổ chức việc đánh giá",
     "Người đứng đầu đơn vị sự nghiệp công lập", "start"),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1549-vbhn-bldtbxh-41711.txt",
     "Trường trung cấp công lập thực hiện quyền tự chủ về tổ chức bộ máy và nhân sự",
     "Trường trung cấp công lập", "start"),
    # on whose behalf a body acts is no part of its name: `thừa ủy quyền`, `thay mặt`
    ("wild/docs/luatvietnam__Doc-14222687.doc",
     "Vụ Tài chính thừa ủy quyền Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn giao dự toán cho "
     "Văn phòng Ban Chỉ đạo", "Vụ Tài chính", "start"),
    ("wild/docs/luatvietnam__Doc-14222687.doc",
     "Vụ Tài chính thừa ủy quyền của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn phê duyệt dự "
     "toán ngân sách và kế hoạch đấu thầu hàng năm", "Vụ Tài chính", "start"),
    ("wild/docs/tnt305__dataset-7f4621fd812c6ff9.md",
     "Giao Bộ trưởng Bộ Nội vụ thừa ủy quyền Thủ tướng Chính phủ thay mặt Chính phủ ký báo cáo tiếp "
     "thu, giải trình", "Bộ trưởng Bộ Nội vụ", "prefix"),
    # a noun that reads like a verb and names no body keeps its opening phrase
    ("wild/docs/tnt305__dataset-d71b3a48efad6d2c.md",
     "Tổ chức hành nghề công chứng, Ủy ban nhân dân cấp xã có trách nhiệm cập nhật chính xác",
     "Ủy ban nhân dân cấp xã", "adverbial"),
    # after a condition, the body of the main clause that `thì` opens, not one named in the
    # condition
    ("wild/docs/tnt305__dataset-be5392d4f50c27a6.md",
     "Đối với kiến nghị thuộc thẩm quyền giải quyết của UBND tỉnh, Chủ tịch UBND tỉnh mà đã được giải quyết "
     "xong nhưng cử tri vẫn tiếp tục kiến nghị thì Văn phòng UBND tỉnh chủ trì, phối hợp với cơ quan",
     "Văn phòng UBND tỉnh", "adverbial"),
    ("wild/docs/trangsct__Luat-Thanh-tra-84-2025.docx",
     "Đối với kết luận thanh tra của Thanh tra huyện thì Thanh tra tỉnh theo dõi, đôn đốc",
     "Thanh tra tỉnh", "adverbial"),
    # a frame of several nouns of bodies before the colon that lists their names
    ("wild/docs/tnt305__dataset-296e373d796986f4.md",
     "Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường chủ động phối hợp",
     "Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường", "start"),
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md",
     "Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai, Hồ Chí Minh, Đồng Tháp khẩn trương",
     "Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai, Hồ Chí Minh, Đồng Tháp", "start"),
    ("synthetic", "Các sở, ngành, địa phương: Chủ động triển khai", "Các sở, ngành, địa phương", "start"),
    # a title's body named by its kind (`Trưởng ban kiểm soát`), then a list
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt",
     "Trưởng ban kiểm soát, Kiểm soát viên có trách nhiệm giúp cơ quan đại diện chủ sở hữu",
     "Trưởng ban kiểm soát, Kiểm soát viên", "start"),
    ("synthetic: a capitalised head", "Giám đốc Sở kiểm tra", "Giám đốc Sở", "start"),
    # `có văn bản` (to write to) is a verb of work that ends the name
    ("wild/docs/trangsct__QD-16-2026-Quy-che-CCN-Lao-Cai-OCR.txt",
     "Ủy ban nhân dân cấp xã có văn bản đề xuất điều chỉnh phương án", "Ủy ban nhân dân cấp xã", "start"),
    # a verb that a name writes in capitals (`Đăng ký`) ends no name at its last syllable
    ("wild/docs/tnt305__dataset-cdf2fbc53d083c98.md",
     "Sở Nông nghiệp và Môi trường, UBND cấp xã, Văn phòng Đăng ký đất đai và các Chi nhánh trực thuộc có "
     "trách nhiệm", "Sở Nông nghiệp và Môi trường, UBND cấp xã, Văn phòng Đăng ký đất đai và các Chi nhánh "
     "trực thuộc", "start"),
    ("synthetic", "Chi nhánh Văn phòng Đăng ký đất đai tỉnh Lào Cai thực hiện", "Chi nhánh Văn phòng Đăng ký "
     "đất đai tỉnh Lào Cai", "start"),
    # a scope of management (`thuộc phạm vi quản lý`) is part of the name
    ("wild/docs/nqb-mtc__Difficult-00222283.ws.txt",
     "Các Tập đoàn, Tổng Công ty, Công ty thuộc phạm vi quản lý nhà nước của Bộ, các doanh nghiệp thực hiện",
     "Các Tập đoàn, Tổng Công ty, Công ty thuộc phạm vi quản lý nhà nước của Bộ, các doanh nghiệp", "start"),
    ("wild/docs/tnt305__dataset-2847e16133f7b987.md",
     "Các đơn vị cấp nước thuộc phạm vi quản lý xây dựng phương án", "Các đơn vị cấp nước thuộc phạm vi quản "
     "lý", "start"),
    # `giao` of a name (`giao thông`) hands nothing on
    ("laocai-tb-vp-ket-luan-cum-cong-nghiep-2026.docx",
     "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh tiến độ tuyến đường",
     "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh", "start"),
    # `đăng ký` of the land registry's name, written in lower case, ends nothing
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     "Chi nhánh Văn phòng đăng ký đất đai cung cấp thêm thông tin hoặc các loại giấy tờ",
     "Chi nhánh Văn phòng đăng ký đất đai", "start"),
    ("wild/docs/tnt305__dataset-5a80798bbf985e87.md",
     "Chi nhánh Văn phòng đăng ký đất đai kiểm tra thông tin của Trang bổ sung",
     "Chi nhánh Văn phòng đăng ký đất đai", "start"),
    # words of courtesy and attention before the verb end the name
    ("wild/docs/vbai__478-SNV-To-trinh-ve-viec-cong-nhan-ket-qua-dai-hoi-Lien-doan-Quan-vot.signed.signed."
     "kydauden-1.pdf", "Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân tỉnh văn bản thông báo", "Sở Nội vụ", "start"),
    ("wild/docs/trangsct__VB-ra-soat-ho-so-Dong-Khe.docx",
     "Sở Công Thương kính báo cáo và xin ý kiến chỉ đạo của Ủy ban nhân dân tỉnh", "Sở Công Thương", "start"),
    # ... not before a handing verb
    ("laocai-sct-ttr-phuong-an-no-min-2026.docx", "Sở Công Thương kính đề nghị UBND tỉnh xem xét, chỉ đạo",
     "UBND tỉnh", "handed"),
    ("wild/docs/tnt305__dataset-9063e901ca3fd0c3.md",
     "Bộ Tài chính đề nghị UBND các tỉnh, thành phố quan tâm chỉ đạo:", "UBND các tỉnh, thành phố", "handed"),
    ("wild/docs/tnt305__dataset-344b9eec106a648a.md",
     "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố dành thời gian quan tâm, lãnh đạo, chỉ đạo các cơ quan",
     "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", "start"),
])
def test_leading_bodies_forms(source, text, owner, via):
    from extractors.prose_owner import leading_bodies
    found = leading_bodies(text)
    assert found is not None, source
    assert (found.text, found.via) == (owner, via)
    assert text[found.start:found.end] == owner


@pytest.mark.parametrize("source,text", [
    # a requirements heading is not an owner
    ("laocai-kh-1105-dkt-kiem-tra.txt", "Đối với các dự án: rà soát lại"),
    ("laocai-kh-1105-dkt-kiem-tra.txt", "Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ"),
    # `Phối hợp với X, ` is no opening adverbial before a subject
    ("laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx",
     "Phối hợp với cơ quan Thuế, Sở Nông nghiệp và Môi trường rà soát, đối chiếu, so sánh"),
    # a body that hands the work on to no body named owns none of it (nor do the words to
    # the next verb): not `Đoàn kiểm tra yêu cầu công ty`
    ("wild/docs/trangsct__BC-ket-qua-kiem-tra-04-don-vi.docx",
     "Đoàn kiểm tra yêu cầu công ty phải thực hiện nghiêm túc điểm c Khoản 1 Điều 38 Luật Hóa chất"),
    ("wild/docs/trangsct__TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.txt",
     "Để việc chấp hành quy định của pháp luật về quản lý và sử dụng VLNCN được tốt hơn, Sở Công "
     "Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:"),
    # a verb and the body it answers to, helps or directs, then a comma: the bodies after the
    # comma go on with its object (the owner comes from the lead-in), not a subject after an
    # opening phrase
    ("wild/docs/tnt305__dataset-be5392d4f50c27a6.md",
     "Chịu trách nhiệm trước UBND tỉnh, Chủ tịch UBND tỉnh về việc giải quyết kiến nghị cử tri"),
    ("wild/docs/tnt305__dataset-be5392d4f50c27a6.md",
     "Giúp UBND tỉnh, Chủ tịch UBND tỉnh theo dõi, đôn đốc việc giải quyết kiến nghị cử tri"),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-2650-vbhn-bldtbxh-42110.txt",
     "Chịu trách nhiệm trước Chính phủ, Thủ tướng Chính phủ việc thực hiện chế độ tiền lương"),
    ("wild/docs/luatvietnam__Doc-14222610.doc",
     "Giúp Chính phủ, Thủ tướng Chính phủ điều phối, đôn đốc việc thực hiện các chiến lược"),
    # an opening phrase of time or condition, then cooperation: the bodies after its commas are
    # partners, no subject
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     "Định kỳ hàng tháng, phối hợp với Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai, "
     "Cơ quan có chức năng quản lý đất đai cấp xã kiểm tra"),
    ("wild/docs/luatvietnam__Doc-14222845.doc",
     "Khi Đề án được phê duyệt, phối hợp với Cục Nghệ thuật biểu diễn và các Sở Văn hóa, Thể thao và Du lịch "
     "tỉnh, thành phố trên cả nước tuyên truyền"),
])
def test_leading_bodies_none(source, text):
    from extractors.prose_owner import leading_bodies
    assert leading_bodies(text) is None, source


@pytest.mark.parametrize("source,text,main", [
    ("wild/docs/tnt305__dataset-be5392d4f50c27a6.md",
     "Đối với kiến nghị thuộc thẩm quyền giải quyết của UBND, Chủ tịch UBND cấp xã đã được giải quyết xong từ "
     "trước nhưng cử tri vẫn tiếp tục kiến nghị thì Văn phòng HĐND - UBND cấp xã chủ trì, phối hợp",
     "Văn phòng HĐND - UBND cấp xã chủ trì, phối hợp"),
    # `thì` in a later clause, or followed by no body, opens no main clause of the item
    ("wild/docs/hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt",
     "Đối với các vấn đề thuộc thẩm quyền, chủ trì, phối hợp với các bộ, cơ quan, địa phương có liên quan để "
     "giải quyết công việc; trường hợp còn ý kiến khác nhau thì Bộ trưởng, Thủ trưởng cơ quan chủ trì quyết định",
     None),
    ("synthetic", "Khi có yêu cầu thì báo cáo Ủy ban nhân dân tỉnh", None),
])
def test_main_clause_after_a_condition(source, text, main):
    from extractors.prose_owner import _consequent
    at = _consequent(text)
    assert (text[at:] if at is not None else None) == main, source


@pytest.mark.parametrize("source,text,owner", [
    ("laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx",
     "Phát huy trách nhiệm của UBND cấp xã, phường và người đứng đầu địa phương trong việc quản lý",
     "UBND cấp xã, phường và người đứng đầu địa phương"),
    ("synthetic", "Nâng cao trách nhiệm của Sở Nội vụ trong công tác cải cách hành chính", "Sở Nội vụ"),
    ("synthetic", "Phát huy trách nhiệm của cả hệ thống chính trị", None),
])
def test_accountable(source, text, owner):
    from extractors.prose_owner import accountable
    found = accountable(text)
    assert (found.text if found else None) == owner, source
    if found:
        assert text[found.start:found.end] == owner


@pytest.mark.parametrize("source,text,agent", [
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào "
     "Cai bố trí.", "Văn phòng Sở Công Thương tỉnh Lào Cai"),
    # `do` as `because`, not closing the item: no agent
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Kiểm tra thực tế tại hiện trường (do Đoàn kiểm tra không được trang bị các thiết bị)", None),
])
def test_passive_agent(source, text, agent):
    from extractors.prose_owner import passive_agent
    found = passive_agent(text)
    assert (found.text if found else None) == agent, source


@pytest.mark.parametrize("source,text,ocr,agent", [
    # OCR lost the verb's tone mark (`bô trí` for `bố trí`): matched in OCR'd text only
    ("laocai-kh-1105-dkt-kiem-tra.pdf",
     "Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào "
     "Cai bô trí.", True, "Văn phòng Sở Công Thương tỉnh Lào Cai"),
    ("laocai-kh-1105-dkt-kiem-tra.pdf",
     "Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào "
     "Cai bô trí.", False, None),
    # the body is returned as written, marks and all
    ("laocai-kh-1105-dkt-kiem-tra.pdf", "Xe ô tô do Văn phòng Sở bố tri.", True, "Văn phòng Sở"),
    ("laocai-kh-1105-dkt-kiem-tra.pdf",
     "Kiểm tra thực tế tại hiện trường (do Đoàn kiểm tra không được trang bị các thiết bị)", True, None),
])
def test_passive_agent_in_ocr_text(source, text, ocr, agent):
    from extractors.prose_owner import passive_agent
    found = passive_agent(text, ocr=ocr)
    assert (found.text if found else None) == agent, source


@pytest.mark.parametrize("source,text,owner,expected", [
    # different work to two bodies (spec §1): split at the second body's clause
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Yêu cầu Sở Khoa học và Công nghệ chủ động phối hợp các đơn vị liên quan khẩn trương hoàn "
     "thiện hồ sơ. Sở Khoa học và Công nghệ chị trách nhiệm xác định nội dung khối lượng; Sở Tài "
     "chính chịu trách nhiệm thẩm định dự toán, kinh phí",
     "Sở Khoa học và Công nghệ", ["Sở Tài chính"]),
    ("laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx",
     "Các phòng, đơn vị báo cáo tình hình thực hiện về Phòng Kế hoạch - Tổng hợp trước ngày 18 "
     "hằng tháng. Phòng Kế hoạch - Tổng hợp tổng hợp, báo cáo Lãnh đạo Sở và gửi UBND tỉnh",
     "Các phòng, đơn vị", ["Phòng Kế hoạch - Tổng hợp"]),
    # a later clause that only cooperates, or only answers for the work, stays in the item
    ("synthetic", "Sở Y tế chủ trì xây dựng kế hoạch tiêm chủng. Sở Tài chính phối hợp bố trí kinh "
     "phí thực hiện kế hoạch", "Sở Y tế", []),
    ("laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx",
     "Các Sở, ban, ngành và UBND cấp xã, phường nêu cao trách nhiệm người đứng đầu. Chủ tịch Ủy "
     "ban nhân dân UBND cấp xã chịu trách nhiệm toàn diện trước Chủ tịch UBND tỉnh nếu để xảy ra",
     "Các Sở, ban, ngành và UBND cấp xã, phường", []),
    # the closing formula names a body but gives no work
    ("synthetic", "Sở Y tế chủ trì xây dựng kế hoạch tiêm chủng. Sở Công Thương yêu cầu các đơn "
     "vị nghiêm túc thực hiện./", "Sở Y tế", []),
    # a later clause whose body follows an opening phrase of time or basis gives that body work
    ("vpcp-cv-11554-vpcp-v1-2025-chong-buon-lau-bcd389.md",
     "Hoàn thiện Kế hoạch cao điểm chống buôn lậu, gian lận thương mại và hàng giả; báo cáo Phó Thủ tướng "
     "Chính phủ - Trưởng Ban Chỉ đạo 389 quốc gia trước ngày 30 tháng 11 năm 2025; Trên cơ sở đó, Ban "
     "Chỉ đạo 389 các bộ, ngành, địa phương xây dựng kế hoạch, tổ chức quán triệt",
     "Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực Ban Chỉ đạo 389 quốc gia",
     ["Ban Chỉ đạo 389 các bộ, ngành, địa phương"]),
    ("wild/docs/luatvietnam__Doc-10209659.doc",
     "Bộ Y tế, Bộ Công an trong phạm vi chức năng, nhiệm vụ của mình có trách nhiệm quán triệt, phổ "
     "biến, hướng dẫn việc thực hiện Thông tư liên tịch này. Hàng năm, Bộ Y tế chủ trì, phối hợp với Bộ "
     "Công an tổ chức tổng kết", "Bộ Y tế, Bộ Công an", ["Bộ Y tế"]),
    ("wild/docs/tnt305__dataset-405a6cabda393030.md",
     "Khẩn trương chỉ đạo tập trung rà soát, hoàn thiện các báo cáo, gửi Bộ Tư pháp trước ngày 05 tháng "
     "12 năm 2025. Trên cơ sở đó, Bộ Tư pháp tổng hợp, báo cáo Thủ tướng Chính phủ",
     "Các Bộ, cơ quan ngang Bộ", ["Bộ Tư pháp"]),
    # a topic before the comma is no such phrase: what the body did is no work given
    ("wild/docs/vbai__3367-UB-bao-cao-ket-qua-tong-hop-yeu-cau-hoi-to-chuc-DH.signed.signed.pdf",
     "Qua theo dõi, các hội chưa tổ chức đại hội. Đối với Hội Tin học, Sở Thông tin và Truyền thông có "
     "Công văn số 1774/STTTT-VP ngày 10/10/2024", "Hội Bảo vệ thiên nhiên và môi trường", []),
])
def test_owner_clauses(source, text, owner, expected):
    from extractors.prose_owner import owner_clauses
    assert [lead.text for _, lead in owner_clauses(text, owner)] == expected, source


@pytest.mark.parametrize("source,text,partners", [
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Yêu cầu Sở Khoa học và Công nghệ chủ động phối hợp các đơn vị liên quan khẩn trương hoàn "
     "thiện hồ sơ", ["các đơn vị liên quan"]),
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các đơn vị đồng thời rà soát",
     ["các đơn vị"]),
    # without `với` only a body is a partner
    ("synthetic", "Sở Y tế phối hợp thực hiện kế hoạch", []),
    # `các cơ quan chủ trì` is a noun; `trong và ngoài tỉnh` part of the body; `Sở, Ngành`
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",
     "Phối hợp chặt chẽ với các cơ quan chủ trì trong tổ chức thực hiện Kế hoạch này",
     ["các cơ quan chủ trì"]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",
     "Chủ trì, phối hợp với các sở, ngành, đơn vị liên quan và các cơ sở giáo dục nghề nghiệp trong "
     "và ngoài tỉnh tổ chức đào tạo", ["các sở, ngành, đơn vị liên quan và các cơ sở giáo dục nghề "
                                       "nghiệp trong và ngoài tỉnh"]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",
     "Phối hợp với Sở, Ngành (cơ quan đăng ký đầu tư) trong việc thẩm định", ["Sở, Ngành"]),
    ("laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx",
     "Chủ trì, phối hợp với các đơn vị liên quan mở lớp đào tạo", ["các đơn vị liên quan"]),
    # a manner word between, after a comma or not; `cùng (với)` links like `với`
    ("wild/docs/hrmaster__quyet-dinh-so-893-qd-ttg-469593.txt",
     "Phối hợp, hỗ trợ Bộ Khoa học và Công nghệ, Bộ Giáo dục và Đào tạo và các cơ quan liên quan trong công tác",
     ["Bộ Khoa học và Công nghệ, Bộ Giáo dục và Đào tạo và các cơ quan liên quan"]),
    ("wild/docs/luatvietnam__Doc-14222841.doc",
     "Cục Xuất nhập khẩu chủ trì, phối hợp cùng các đơn vị liên quan tiếp tục thực hiện các giải pháp",
     ["các đơn vị liên quan"]),
    ("wild/docs/luatvietnam__Doc-14222614.doc",
     "giao cho Ban Tuyên giáo chủ trì, phối hợp cùng Ban Tài chính và các Ban, đơn vị trực thuộc Tổng Liên "
     "đoàn theo dõi, đôn đốc", ["Ban Tài chính và các Ban, đơn vị trực thuộc Tổng Liên đoàn"]),
    ("wild/docs/nqb-mtc__Difficult-00254883.ws.txt",
     "Phối hợp cùng với các Sở, Ngành, Quận, Huyện, Thị xã kiểm tra việc thực hiện",
     ["các Sở, Ngành, Quận, Huyện, Thị xã"]),
    # a reciprocal names no partner; nor does what no body follows
    ("synthetic", "Các sở phối hợp với nhau thực hiện tốt kế hoạch", []),
    ("synthetic", "Các sở phối hợp cùng nhau thực hiện tốt kế hoạch", []),
    ("wild/docs/luatvietnam__Doc-14222834.doc",
     "Tăng cường thông tin, liên kết, phối hợp, hỗ trợ giữa các địa phương trong việc thu hút đầu tư", []),
    # `căn cứ` (on the basis of) ends the list
    ("laocai-cv-ubnd-kt-giao-sct-tham-muu-uy-quyen-2025.docx",
     "Giao Sở Công Thương chủ trì, phối hợp với Sở Tư pháp và các cơ quan có liên quan, căn cứ "
     "Luật Tổ chức chính quyền địa phương ngày 16/6/2025, tham mưu", ["Sở Tư pháp và các cơ quan có liên quan"]),
])
def test_partner_lists(source, text, partners):
    from extractors.prose_owner import partner_lists
    assert [p for p, _ in partner_lists(text)] == partners, source


def test_item_giving_work_to_two_bodies_is_two_tasks(tmp_path, parsed):
    path = tmp_path / "hai-co-quan.txt"
    path.write_text("\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/TB-UBND", "", "THÔNG BÁO", "Kết luận", "",
        "1. Về dữ liệu", "",
        "a) Yêu cầu Sở Khoa học và Công nghệ hoàn thiện hồ sơ dự án trước ngày 10/5/2026; "
        "Sở Tài chính chịu trách nhiệm thẩm định dự toán, kinh phí của dự án.", "",
    ]), encoding="utf-8")
    tasks = parsed(path).tasks
    assert [(t.section, [m.text for m in t.owners]) for t in tasks] == [
        ("1.a", ["Sở Khoa học và Công nghệ"]), ("1.a", ["Sở Tài chính"])]
    first, second = tasks
    assert first.timing.end is not None and second.timing.end is None
    assert second.content.startswith("Sở Tài chính chịu trách nhiệm")


def test_courtesy_close_and_recipients_list_are_no_tasks(tmp_path, parsed):
    """bca-cv-5689-c04-2025.pdf: `Bộ Công an trân trọng cảm ơn sự phối hợp của Quý cơ quan`
    closes the letter; the annex `DANH SÁCH` lists recipients (a body, no work) after the
    signature; the letter's one task stays."""
    path = tmp_path / "cong-van.txt"
    path.write_text("\n".join([
        "BỘ CÔNG AN", "Số: 12/BCA-C04", "Hà Nội, ngày 16 tháng 12 năm 2025", "",
        "Kính gửi: Các đơn vị trong danh sách kèm theo", "",
        "1. Các Bộ, cơ quan trung ương đề xuất nhu cầu dự toán chi ngân sách trung ương năm 2026.", "",
        "Bộ Công an trân trọng cảm ơn sự phối hợp của Quý cơ quan./.", "",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "",
        "Thượng tướng Nguyễn Văn Long", "", "DANH SÁCH", "Danh sách các đơn vị nhận công văn", "",
        "1. UBND tỉnh Tuyên Quang", "", "2. Bộ Tài chính", "",
    ]), encoding="utf-8")
    doc = parsed(path)
    assert [(t.section, [m.text for m in t.owners]) for t in doc.tasks] == [
        ("1", ["Các Bộ, cơ quan trung ương"])]
    assert doc.meta.signer == "Nguyễn Văn Long"


def test_bullet_asking_others_belongs_to_the_lead_in_body(tmp_path, parsed):
    """laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx IV.2.-8: under `Sở Nông nghiệp và
    Môi trường:` the bullet `- Yêu cầu các đơn vị ... đầu tư, lắp đặt ...` is the Sở's work;
    a closing paragraph `Yêu cầu Thủ trưởng các sở ...` is not nested into it."""
    path = tmp_path / "chuyen-tiep.txt"
    path.write_text("\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 20/KH-UBND", "", "KẾ HOẠCH", "Bảo vệ khoáng sản", "",
        "IV. TỔ CHỨC THỰC HIỆN", "",
        "2. Sở Nông nghiệp và Môi trường:", "",
        "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản đầu tư, lắp đặt và vận hành hệ thống "
        "thông tin giám sát.", "",
        "- Giao các phòng chuyên môn kiểm tra định kỳ hồ sơ cấp phép khai thác.", "",
    ]), encoding="utf-8")
    owners = [[m.text for m in t.owners] for t in parsed(path).tasks]
    assert owners == [["Sở Nông nghiệp và Môi trường"], ["các phòng chuyên môn"]]


@pytest.mark.parametrize("source,text,owner", [
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Đến nay, 13/14 sở, ban, ngành đã đề xuất danh mục phần mềm chuyên ngành; tuy nhiên, tiến độ "
     "triển khai còn chậm. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành khẩn "
     "trương báo cáo", "Sở Khoa học và Công nghệ"),
    # an account with no assignment in it
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Đến nay, 13/14 sở, ban, ngành đã đề xuất danh mục phần mềm chuyên ngành. Tiến độ còn chậm",
     None),
])
def test_assigned_later(source, text, owner):
    from extractors.prose_owner import assigned_later
    found = assigned_later(text)
    assert (found.text if found else None) == owner, source
    if found:
        assert text[found.start:found.end] == owner


@pytest.mark.parametrize("source,text,excluded", [
    ("synthetic (spec: enacting article)", "Quyết định này có hiệu lực thi hành kể từ ngày ký.", True),
    ("synthetic", "Chỉ thị này có hiệu lực kể từ ngày ký ban hành.", True),
    # a task that cites when another text takes effect
    ("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf",
     "Theo chức năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền, phổ biến và triển khai thực hiện "
     "đầy đủ các nội dung của Quyết định số 1074/QĐ-BXD; tổ chức kiểm tra các công trình đưa vào hoạt "
     "động đến trước ngày Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ có hiệu lực thi hành", False),
])
def test_effect_clause_is_no_task_only_at_the_start(source, text, excluded):
    from extractors.prose_items import exclusions as _exclusions
    assert bool(_exclusions().effect.search(text)) == excluded, source

# The document's execution clause in its other wordings is no task; another decision's execution is
@pytest.mark.parametrize("source,text,excluded", [
    ("wild/docs/tnt305__dataset-0f145efacbf006fc.md",
     "chính quyền địa phương các đơn vị hành chính liên quan đến việc thực hiện sắp xếp và các cơ quan, "
     "tổ chức khác có liên quan có trách nhiệm tổ chức thi hành Nghị quyết này", True),
    ("wild/docs/nqb-mtc__Difficult-00182803.ws.txt",
     "Chủ tịch Uỷ ban nhân dân các xã, phường, thị trấn và Thủ trưởng các đơn vị có liên quan căn cứ "
     "quyết định thi hành", True),
    ("wild/docs/luatvietnam__Pdf-10209554.pdf",
     "các cơ quan, đơn vị, tổ chức, cá nhân liên quan có trách nhiệm thi hành Quyết định này", True),
    ("wild/docs/hrmaster__nghi-dinh-so-155-2026-nd-cp-469547.txt",
     "Người có trách nhiệm tổ chức thi hành quyết định giải quyết khiếu nại có hiệu lực pháp luật", False),
    # work after the clause makes the item a task
    ("wild/docs/tnt305__dataset-0f145efacbf006fc.md",
     "các cơ quan, tổ chức khác có liên quan có trách nhiệm tổ chức thi hành Nghị quyết này; sắp xếp, "
     "ổn định bộ máy các cơ quan, tổ chức ở địa phương", False),
])
def test_execution_clause_in_other_wordings(source, text, excluded):
    from extractors.prose_items import exclusions as _exclusions
    assert bool(_exclusions().execution.search(text)) is excluded, source


@pytest.mark.parametrize("source,text", [
    # an item that opens on a statement of accountability (a not-task phrase, capitalised)
    ("wild/docs/trangsct__Luat-Xay-dung-135-2025-QH15.docx",
     "Chịu trách nhiệm trước pháp luật về kết quả công việc do mình thực hiện"),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-1547-vbhn-bldtbxh-41719.txt",
     "Chịu trách nhiệm trước pháp luật về tính chính xác của nội dung trong hồ sơ"),
    ("wild/docs/tnt305__dataset-c05552433ef48b49.md",
     "Quỹ chịu trách nhiệm toàn diện trước pháp luật và cơ quan quản lý Quỹ về tình hình hoạt động"),
    # an item that opens on whom its body answers to, whoever that is
    ("wild/docs/tnt305__dataset-d71b3a48efad6d2c.md",
     "Chịu trách nhiệm trước Trưởng tổ chức hành nghề công chứng về việc cập nhật, sửa và xóa các thông tin"),
    ("wild/docs/tnt305__dataset-e4fe6376a6d82fcc.md",
     "Chịu trách nhiệm trước Ủy ban nhân dân thành phố, cơ quan có thẩm quyền đối với nội dung được ủy quyền"),
])
def test_accountability_statement_is_no_task(source, text):
    from extractors.prose_items import exclusions as _exclusions
    ex = _exclusions()
    assert text.startswith(ex.openers) or ex.phrases.search(text), source



@pytest.mark.parametrize("source,text,note", [
    # a consolidated text's note of how a provision was amended, left in its body
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-37-vbhn-bct-469648.txt",
     "16 Điểm này được sửa đổi, bổ sung theo quy định tại khoản 6 Điều 1 của Thông tư số 38/2025/TT-BCT", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-37-vbhn-bct-469648.txt",
     "Khoản 6 Điều 1 của Thông tư số 38/2025/TT-BCT được sửa đổi, bổ sung theo quy định tại khoản 2 Điều 1", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-19-vbhn-vpqh-468972.txt",
     "7 Cụm từ “thanh tra,” được bỏ theo quy định tại điểm s khoản 1 Điều 62 của Luật Thanh tra số 84/2025/QH15", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-463-vbhn-bldtbxh-44173.pdf",
     "9 Cụm từ “Ban Biên tập Truyền hình Cáp” được sửa đổi thành cụm từ “Ban Biên tập Truyền hình Đa phương "
     "tiện” theo quy định tại khoản 8 Điều 3", True),
    ("wild/docs/hrmaster__van-ban-hop-nhat-so-466-vbhn-bldtbxh-44194.txt",
     "5 Điều 11 của Thông tư số 12/2024/TT-BLĐTBXH, có hiệu lực từ ngày 29 tháng 12 năm 2024 quy định như sau", True),
    # work that cites a provision, and a provision that is amended by no cited text
    ("synthetic", "Sở Tư pháp chủ trì rà soát Điều 5 Quy chế được sửa đổi theo quy định tại Quyết định số 12", False),
    ("synthetic", "Điều chỉnh kế hoạch vốn được bổ sung theo quy định tại Nghị quyết số 12/NQ-HĐND", False),
])
def test_a_note_of_how_a_provision_was_amended_is_no_task(source, text, note):
    from extractors.prose_items import exclusions as _exclusions
    assert (_exclusions().amendment.match(text) is not None) is note, source


@pytest.mark.parametrize("source,text,permits", [
    # what the body that opens the item may do or is entitled to: a right or a permission
    ("wild/docs/tnt305__dataset-5b692e230f990be5.md",
     "Sở Tài chính được quyền khai thác, sử dụng thông tin về tài sản công của tất cả các cơ quan", True),
    ("wild/docs/tnt305__dataset-1f9faa032326f975.md",
     "Quỹ Bảo vệ môi trường được phép sử dụng vốn nhàn rỗi không có nguồn gốc từ ngân sách nhà nước", True),
    ("wild/docs/tnt305__dataset-1f9faa032326f975.md",
     "Các tổ chức nhận ủy thác được hưởng mức phí dịch vụ nhận ủy thác", True),
    ("wild/docs/luatvietnam__Doc-14222755.doc",
     "Tùy từng trường hợp cụ thể, Chủ tịch Hội đồng có thể quyết định triệu tập thủ trưởng đơn vị", True),
    ("wild/docs/trangsct__ND-207-2026-QLCL-thi-cong-bao-tri.docx",
     "Chủ đầu tư được quyền tự thực hiện hoặc thuê tổ chức tư vấn để thực hiện", True),
    # such words later in an item that gives work, or work given to a body named after them
    ("synthetic", "Sở Tư pháp chủ trì, phối hợp với các sở, ngành; có thể mời chuyên gia tham gia", False),
    ("synthetic", "Sở Tài chính có trách nhiệm hướng dẫn các đơn vị được quyền khai thác dữ liệu", False),
])
def test_a_right_or_permission_of_the_subject_is_no_task(source, text, permits):
    from extractors.prose_items import exclusions as _exclusions
    from extractors.prose_owner import subject_then
    assert subject_then(text, _exclusions().permission) is permits, source


@pytest.mark.parametrize("source,text,status", [
    # what the body that opens the item is: its status, place or membership, no work
    ("wild/docs/nqb-mtc__Difficult-00250908.ws.txt", "Sở Y tế là cơ quan chuyên môn thuộc Uỷ ban nhân dân tỉnh", True),
    ("wild/docs/luatvietnam__Doc-14222687.doc",
     "Ban Chỉ đạo là Ban Chỉ đạo nhà nước về Kế hoạch bảo vệ và phát triển rừng giai đoạn 2011 - 2020", True),
    ("wild/docs/tnt305__dataset-1f9faa032326f975.md",
     "Chủ tịch Hội đồng là đại diện lãnh đạo Phòng Quản lý Môi trường trực thuộc Sở Nông nghiệp và Môi trường", True),
    ("wild/docs/tnt305__dataset-45fb7c4784bcce3a.md",
     "Sở Nội vụ là cơ quan thường trực của Hội đồng Thi đua - Khen thưởng tỉnh.", True),
    ("wild/docs/ragdemo__VanBanGoc-QD-24.2025.md",
     "Sở Xây dựng thành phố Hà Nội là cơ quan chuyên môn thuộc Ủy ban nhân dân thành phố Hà Nội; thực hiện "
     "chức năng tham mưu, giúp Ủy ban nhân dân Thành phố", True),
    # its legal personality, and whose direction it is under (what others do to it)
    ("wild/docs/ragdemo__VanBanGoc-QD-12.2025.md",
     "Sở Tư pháp có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, "
     "biên chế của Ủy ban nhân dân Thành phố", True),
    ("wild/docs/nqb-mtc__Difficult-00250908.ws.txt",
     "Sở Y tế chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Uỷ ban nhân dân tỉnh; đồng thời, "
     "chịu sự chỉ đạo, kiểm tra, hướng dẫn chuyên môn", True),
    ("synthetic", "Sở Y tế chịu sự chỉ đạo của Ủy ban nhân dân tỉnh; có trách nhiệm báo cáo định kỳ", False),
    # a status whose sentence gives a duty too, and a duty stated without the copula
    ("dongthap-552-kh-ubnd-2025-lo-trinh-doi-moi-cong-nghe.md",
     "Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện "
     "Kế hoạch", False),
    ("dhcongthuong-hcm-753-kh-dct-2026-khao-sat-hai-long.pdf",
     "Trung tâm Quản lý chất lượng là đầu mối theo dõi, đôn đốc, tổng hợp kết quả thực hiện", False),
    ("wild/docs/trangsct__Luat-Thanh-tra-84-2025.docx",
     "Trưởng đoàn thanh tra là người đứng đầu Đoàn thanh tra, có trách nhiệm tổ chức, chỉ đạo các thành viên", False),
    ("synthetic", "Sở Tài chính là cơ quan thường trực. Sở Tài chính có trách nhiệm hướng dẫn", False),
    ("synthetic", "Sở Tài chính hướng dẫn các đơn vị là chủ đầu tư lập hồ sơ quyết toán", False),
])
def test_the_status_of_the_subject_is_no_task(source, text, status):
    from extractors.prose_items import _states_status, exclusions as _exclusions
    assert _states_status(text, _exclusions()) is status, source


@pytest.mark.parametrize("source,text,answers_only", [
    # every clause only says whom its body answers to, or for what (spec §1: accountability)
    ("wild/docs/hrmaster__nghi-quyet-so-113-nq-cp-469448.txt",
     "Bộ Y tế chịu trách nhiệm về việc tổng hợp số liệu. Bộ Tài chính, Bảo hiểm xã hội Việt Nam, cơ quan "
     "bảo hiểm xã hội chịu trách nhiệm về số liệu đã rà soát", True),
    ("wild/docs/tnt305__dataset-b241b75dc4e6df64.md",
     "Bộ Xây dựng chịu trách nhiệm toàn diện về nội dung Hiệp định và Nghị định thư 1 của Hiệp định", True),
    ("wild/docs/tnt305__dataset-cdb6ad27b3c3f13b.md",
     "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Ủy ban nhân dân tỉnh về việc tổ chức triển khai "
     "thực hiện Quy chế này trong phạm vi quản lý của mình", True),
    ("wild/docs/hrmaster__quyet-dinh-so-893-qd-ttg-469593.txt",
     "Chịu trách nhiệm về nội dung hồ sơ, báo cáo và đề xuất, kiến nghị tại Tờ trình", True),
    # a clause that gives work beside it keeps the item a task
    ("hcm-172-kh-ubnd-2025-trien-khai-luat-viec-lam.md",
     "Sở Nội vụ chịu trách nhiệm về việc báo cáo, đề nghị ban hành và nội dung Kế hoạch này. Tham mưu Ủy ban "
     "nhân dân Thành phố theo dõi, kiểm tra, đôn đốc các sở, ban, ngành", False),
    ("bvhttdl-qd-4385-qd-bvhttdl-2025-ke-hoach-quy-hoach-mang-luoi-co-so-vhtt.md",
     "Theo dõi và chịu trách nhiệm về số liệu, tiến độ thực hiện, nội dung thực hiện; báo cáo định kỳ", False),
    ("wild/docs/tnt305__dataset-692e12b0ab77712a.md",
     "Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về tính trung thực "
     "của số liệu; đồng thời sử dụng các nguồn lực hiệu quả", False),
    ("synthetic", "Sở Tài chính có trách nhiệm hướng dẫn các đơn vị", False),
])
def test_an_item_that_only_says_who_answers_is_no_task(source, text, answers_only):
    from extractors.prose_items import _answers_only, exclusions as _exclusions
    assert _answers_only(text, _exclusions().answers) is answers_only, source


@pytest.mark.parametrize("source,text,kept", [
    ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx",
     "Giao Sở Tài chính chủ trì thẩm định dự toán kinh phí, bảo đảm tính hiệu quả và tiết kiệm. Trong "
     "quá trình thực hiện, các đơn vị chủ động, kịp thời báo cáo UBND tỉnh",
     "Giao Sở Tài chính chủ trì thẩm định dự toán kinh phí, bảo đảm tính hiệu quả và tiết kiệm."),
    ("synthetic: a later sentence that gives work stays",
     "Sở Y tế chủ trì kiểm tra. Sở Tài chính bố trí kinh phí.",
     "Sở Y tế chủ trì kiểm tra. Sở Tài chính bố trí kinh phí."),
    # a later sentence that only states who answers for the work (a not-task phrase, capitalised)
    ("wild/docs/hrmaster__thong-tu-so-10-2021-tt-nhnn-34057.txt",
     "Cung cấp đầy đủ, kịp thời, chính xác cho Ngân hàng Nhà nước các văn bản, tài liệu về việc vay "
     "tái cấp vốn. Chịu trách nhiệm trước pháp luật về tính chính xác",
     "Cung cấp đầy đủ, kịp thời, chính xác cho Ngân hàng Nhà nước các văn bản, tài liệu về việc vay "
     "tái cấp vốn."),
])
def test_trailing_boilerplate_sentence_is_cut(source, text, kept):
    from extractors.tasks_prose import _before_boilerplate
    assert _before_boilerplate(text) == kept, source


# ---- shapes of the new sources (issue 13): (source, section, content start, task or not) ----

SHAPES = [
    # a `Tổ chức thực hiện` item that only tells units to carry out assigned work: no task
    ("hcm-172-kh-ubnd-2025-trien-khai-luat-viec-lam.md", "IV.2",
     "Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành nhiệm vụ", False),
    # one that adds work of its own (a plan, a report) is; so are a body's own duties below it
    ("quangngai-07-ct-ubnd-2018-thi-hanh-an-hanh-chinh.pdf", "3.a",
     "Thủ trưởng các sở, ngành của tỉnh, Chủ tịch Ủy ban nhân dân các huyện", True),
    ("hcm-172-kh-ubnd-2025-trien-khai-luat-viec-lam.md", "IV.3",
     "Thủ trưởng các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu chịu trách nhiệm", True),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt", "V.8.¶1",
     "Phối hợp chặt chẽ với các cơ quan chủ trì trong tổ chức thực hiện", True),
    # `X: Chủ trì, phối hợp triển khai ...` in such a part: X leads, which is work of its own
    ("wild/docs/tnt305__dataset-f004d93b21e7fc5f.md", "VI.5",
     "Sở Xây dựng: Chủ trì, phối hợp với các bộ, ngành, địa phương có liên quan triển khai", True),
    ("wild/docs/tnt305__dataset-f004d93b21e7fc5f.md", "VI.8",
     "Ngân hàng nhà nước Việt Nam - Chi nhánh Khu vực II: Chủ trì, phối hợp triển khai", True),
    ("wild/docs/trangsct__QD-16-2026-Quy-che-CCN-Lao-Cai-OCR.txt", "",
     "Sở Tài chính: Chủ trì, phối hợp các sở, ngành liên quan tổ chức thẩm định", True),
    # a notice's closing is no task
    ("vpcp-cv-11414-vpcp-cn-2025-cao-toc-ben-luc-bien-hoa.md", "3.¶1",
     "Văn phòng Chính phủ xin thông báo để Bộ Xây dựng", False),
    ("vpcp-cv-11554-vpcp-v1-2025-chong-buon-lau-bcd389.md", "5.¶1",
     "Văn phòng Chính phủ trân trọng thông báo", False),
    # `Về <kiến nghị>: giao X ...`, `Về ...: X ...`: the body after the topic owns the item
    ("vpcp-tb-634-tb-vpcp-2025-ket-luan-ttg-thanh-hoa.md", "III.3",
     "Về mở rộng dự án giai đoạn 2 của Nhà máy lọc hóa dầu Nghi Sơn: giao Tập đoàn", True),
    ("vpcp-tb-634-tb-vpcp-2025-ket-luan-ttg-thanh-hoa.md", "III.2",
     "Về dự án đầu tư xây dựng công trình nạo vét luồng tàu", True),
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx", "1",
     "Nhất trí chủ trương di dời CCN Đầm Hồng", True),
    # a lead-in that hands the items to a body is no task of its own
    ("vpcp-tb-634-tb-vpcp-2025-ket-luan-ttg-thanh-hoa.md", "II.¶1",
     "Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo", False),
    ("laocai-sct-cv-thuc-hien-quy-dinh-vlncn-2026.docx", "¶",
     "Để hoạt động liên quan đến VLNCN bảo đảm theo quy định của pháp luật", False),
    # `<adverbial>, giao X ...` and `Đối với <list>: ..., giao X ...` are X's tasks
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx", "5",
     "Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan", True),
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx", "4",
     "Đối với các Cụm công nghiệp: Phú Thịnh 5 và Phú Thịnh 6, giao UBND phường Văn Phú", True),
    # a closing paragraph that only tells units to carry out the document is no task
    ("laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx", "5.¶1",
     "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành", False),
    # a recipients list left without its label (`- Chính phủ; ... - Lưu: HC`) is no task
    ("wild/docs/tnt305__dataset-284dd97bc14e3aeb.md", "3.3.-1", "Chính phủ; - Ban Tổ chức Trung ương", False),
    ("wild/docs/tnt305__dataset-a032a58e6ab2f19d.md", "3.3.-1", "Chính phủ; - Ban Tổ chức Trung ương", False),
    # the items after a request that closes with `Cụ thể:`; a line of whom to contact is none
    ("wild/docs/tnt305__dataset-d97b35347d17f96f.md", "-1", "Thường xuyên cập nhật thông tin về chất lượng", True),
    ("wild/docs/tnt305__dataset-d97b35347d17f96f.md", "¶", "Chi tiết liên hệ phòng Chính trị, tư tưởng", False),
    ("wild/docs/trangsct__cong-van-vp-ubnd-truyen-dat.docx", "3.¶2",
     "Căn cứ nội dung trên, đề nghị Sở Công Thương, Ban Quản lý Khu kinh tế tỉnh", False),
]


@pytest.mark.parametrize("source,heading,owner", [
    ("btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt", "NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
     "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
    # a parenthetical is no part of the body the heading names
    ("quangngai-1627-qd-ubnd-2025-ke-hoach-tong-kiem-ke-tai-san-cong.md",
     "Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu của doanh nghiệp):",
     "các cơ quan quản lý cấp trên"),
    # a body right after the heading's first words, with no `của`
    ("wild/docs/tnt305__dataset-be5392d4f50c27a6.md", "Trách nhiệm các phòng, ban, đơn vị thuộc UBND cấp xã",
     "các phòng, ban, đơn vị thuộc UBND cấp xã"),
    ("wild/docs/trangsct__QD-16-2026-Quy-che-CCN-Lao-Cai-OCR.txt", "Trách nhiệm Sở Công Thương", "Sở Công Thương"),
    ("wild/docs/hrmaster__nghi-dinh-so-112-2021-nd-cp-34959.txt",
     "Trách nhiệm của Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"),
    # no body after them
    ("synthetic", "Trách nhiệm thi hành", None),
    ("synthetic", "Nhiệm vụ trọng tâm", None),
])
def test_heading_owner_of_a_responsibility_heading(source, heading, owner):
    from extractors.lead_ins import heading_owner
    assert heading_owner(heading) == owner, source


@pytest.mark.parametrize("source,start,owners", [
    # an article that names its body in its title (`Điều 15. Trách nhiệm của Sở Y tế ...`) over one
    # paragraph: the body owns the paragraph, not the issuer
    ("wild/docs/luatvietnam__Doc-14222558.doc", "Phối hợp với Bộ Công an hướng dẫn việc phòng, chống dịch",
     ["Bộ Y tế"]),
    ("wild/docs/luatvietnam__Doc-14222558.doc", "Phối hợp với Bộ Công an xây dựng chương trình giáo dục",
     ["Bộ Giáo dục và Đào tạo"]),
    ("wild/docs/hrmaster__nghi-quyet-so-175-nq-cp-40286.txt", "Chủ trì tổng hợp đưa vào chương trình xây dựng",
     ["Bộ Tư pháp"]),
    ("wild/docs/tnt305__dataset-d71b3a48efad6d2c.md", "Chủ trì, phối hợp với Sở Tư pháp xây dựng dự toán",
     ["Sở Tài chính"]),
])
def test_an_articles_title_names_the_owner_of_its_one_paragraph(parsed, corpus_file, source, start, owners):
    found = [t for t in parsed(corpus_file(source)).tasks if t.content.startswith(start)]
    assert [[m.text for m in t.owners] for t in found] == [owners], source


def test_the_members_of_a_listing_are_no_clauses_of_their_own():
    """trangsct__QD-16-2026-Quy-che-CCN-Lao-Cai-OCR.txt Điều 25: after `gồm:` the pieces between
    `;` are what the list holds (`Thanh tra hoạt động ...` is an inspection, no body)."""
    from extractors.prose_owner import owner_clauses
    text = ("Rà soát xây dựng Kế hoạch thanh tra hằng năm về các lĩnh vực liên quan gồm: Thanh tra trách "
            "nhiệm quản lý nhà nước đối với cụm công nghiệp; Thanh tra hoạt động đầu tư - xây dựng hạ tầng "
            "cụm công nghiệp; Thanh tra việc chấp hành pháp luật")
    assert owner_clauses(text, "Thanh tra tỉnh") == []
    control = "Sở Y tế chủ trì kiểm tra các cơ sở; Sở Tài chính bố trí kinh phí thực hiện"
    assert [lead.text for _, lead in owner_clauses(control, "Sở Y tế", 7)] == ["Sở Tài chính"]


@pytest.mark.parametrize("source,text,states", [
    ("wild/docs/hrmaster__nghi-quyet-so-109-nq-cp-469403.txt", "MỤC TIÊU", False),
    ("wild/docs/hrmaster__nghi-quyet-so-109-nq-cp-469403.txt", "Trong đó", False),
    ("wild/docs/hrmaster__nghi-quyet-so-20-2026-nq-cp-469467.txt", "Lưu: VT", False),
    ("wild/docs/hrmaster__nghi-quyet-so-20-2026-nq-cp-469467.txt", "Kính gửi: ……………………………………", False),
    ("wild/docs/hrmaster__nghi-quyet-so-175-nq-cp-40286.txt", "Đơn vị", False),
    ("ubtvqh-119-nq-ubtvqh15-2026-dieu-chinh-ctlp.html", "Luật Nhà ở (sửa đổi)", True),
    ("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md", "Diễn tập phòng thủ dân sự các cấp", True),
])
def test_task_content_states_work(source, text, states):
    """A label, a heading or a form's line left as a paragraph states no work."""
    from extractors.tasks_prose import states_work
    assert states_work(text) is states, source


@pytest.mark.parametrize("source,section,start,is_task", SHAPES,
                         ids=[f"{s[0][:14]}:{s[1]}" for s in SHAPES])
def test_assignment_shapes(parsed, corpus_file, source, section, start, is_task):
    doc = parsed(corpus_file(source))
    found = [t for t in doc.tasks if t.content.startswith(start)]
    assert bool(found) is is_task, [(t.section, t.content[:60]) for t in doc.tasks]
    assert doc.raw and any(start in " ".join(b.text.split()) for b in doc.raw.blocks)


# ---- every task has an owner; a lead-in's partners pass down (spec §1) ----

@pytest.mark.parametrize("source", ["wild/docs/tnt305__dataset-8bb6ac57ee7b4c5d.md",
                                    "laocai-cv-ubnd-kt-di-doi-ccn-dam-hong-2026.docx"])
def test_every_task_has_an_owner(parsed, corpus_file, source):
    doc = parsed(corpus_file(source))
    assert doc.tasks and all(t.owners for t in doc.tasks), [t.section for t in doc.tasks if not t.owners]


def test_lead_in_paragraph_passes_its_partners_down(parsed, corpus_file):
    """`3. Sở ...` / `Chủ trì, phối hợp với các cơ quan có liên quan tham mưu cho ...:` / `a) ...`."""
    doc = parsed(corpus_file("bvhttdl-qd-4385-qd-bvhttdl-2025-ke-hoach-quy-hoach-mang-luoi-co-so-vhtt.md"))
    items = [t for t in doc.tasks if t.content.startswith(("Tổ chức thực hiện quản lý nhà nước về văn hóa",
                                                           "Chủ động cân đối, bố trí đủ nguồn vốn đối ứng"))]
    assert len(items) == 2
    assert all([m.text for m in t.partners] == ["các cơ quan có liên quan"] for t in items)


def test_lead_in_partners_pass_to_numbered_items(parsed, corpus_file):
    """`Sở Y tế ... có trách nhiệm chủ trì, phối hợp với Sở Nội vụ và các cơ quan, đơn vị có
    liên quan thực hiện:` / `1. Chuyển đối cơ quan chủ quản ...`."""
    doc = parsed(corpus_file("wild/docs/ragdemo__VanBanGoc-QD-21.2025.md"))
    item = next(t for t in doc.tasks if t.content.startswith("Chuyển đối cơ quan chủ quản"))
    assert [m.text for m in item.partners] == ["Sở Nội vụ", "các cơ quan, đơn vị có liên quan"]


@pytest.mark.parametrize("source,text,owner", [
    ("letterheads/docs/laocai-sct-ttr-phuong-an-no-min-2026.docx",
     "Để thực hiện đúng quy định tại điểm d khoản 2 Điều 38 Luật Quản lý, sử dụng vũ khí, vật liệu nổ và "
     "công cụ hỗ trợ, Sở Công Thương đề nghị UBND tỉnh Lào Cai một số nội dung sau:", "UBND tỉnh Lào Cai"),
    ("wild/docs/trangsct__BC-dinh-ky-VLNCN-nam-2025.docx",
     "Uỷ ban nhân dân tỉnh Lào Cai đề nghị Bộ Công Thương một số nội dung như sau:", "Bộ Công Thương"),
    # a closing `Cụ thể:` sentence: the request is the sentence before it
    ("wild/docs/tnt305__dataset-d97b35347d17f96f.md",
     "Nhằm đảm bảo sức khỏe cho học sinh, Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường; các đơn vị, cơ "
     "sở giáo dục trực thuộc thực hiện nghiêm túc theo văn bản chỉ đạo của UBND Thành phố, chủ động điều "
     "chỉnh lịch học tập và sinh hoạt ngoài trời. Cụ thể:", "UBND các xã, phường; các đơn vị, cơ sở giáo dục "
     "trực thuộc"),
    ("synthetic", "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành triển khai ngay các biện pháp phòng, chống dịch. "
     "Cụ thể như sau:", "các sở, ngành"),
])
def test_lead_in_owner_ends_before_what_it_hands_on(source, text, owner):
    """`X đề nghị Y một số nội dung sau:` hands Y the items; `một số nội dung` is no part of Y."""
    from extractors.lead_ins import lead_in_bodies
    assert lead_in_bodies(text) == owner, source


@pytest.mark.parametrize("source,text", [
    ("wild/docs/ubndxacatngan__Nghi-quyet-1678-UBTVQH15.md",
     "Trên cơ sở Đề án số 343/ĐA-CP ngày 09 tháng 5 năm 2025 của Chính phủ về sắp xếp đơn vị hành "
     "chính cấp xã của tỉnh Nghệ An năm 2025, Ủy ban Thường vụ Quốc hội quyết định sắp xếp để thành "
     "lập các đơn vị hành chính cấp xã của tỉnh Nghệ An như sau:"),
    ("wild/docs/tnt305__dataset-a57bf3febd1d410d.md",
     "Trên cơ sở Đề án số 395/ĐA-CP ngày 09 tháng 5 năm 2025 của Chính phủ về sắp xếp đơn vị hành "
     "chính cấp xã của tỉnh An Giang (mới) năm 2025, Ủy ban Thường vụ Quốc hội quyết định sắp xếp để "
     "thành lập các đơn vị hành chính cấp xã của tỉnh An Giang như sau:"),
])
def test_lead_in_of_an_enactment_gives_no_owner(source, text):
    """The body that enacts the items below (`X quyết định ... như sau:`) is given no work by
    them: they are the document's own decisions."""
    from extractors.lead_ins import lead_in_bodies
    assert lead_in_bodies(text) is None, source


@pytest.mark.parametrize("source", ["wild/docs/ubndxacatngan__Nghi-quyet-1678-UBTVQH15.md",
                                    "wild/docs/tnt305__dataset-a57bf3febd1d410d.md"])
def test_units_a_resolution_arranges_are_no_tasks(parsed, corpus_file, source):
    """`1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã A và xã B thành xã mới ...`
    under `Ủy ban Thường vụ Quốc hội quyết định sắp xếp ... như sau:` are no tasks; the
    article that tells bodies to carry the resolution out still gives its tasks (its bare
    execution clause, `... có trách nhiệm tổ chức thi hành Nghị quyết này.`, gives none)."""
    tasks = parsed(corpus_file(source)).tasks
    assert not [t for t in tasks if t.content.startswith("Sắp xếp toàn bộ")]
    assert any(t.owner and t.owner[0].startswith("Chính phủ") for t in tasks)


@pytest.mark.parametrize("source", ["wild/docs/hrmaster__van-ban-hop-nhat-so-1547-vbhn-bldtbxh-41719.txt",
                                    "wild/docs/hrmaster__van-ban-hop-nhat-so-9191-vbhn-bkhdt-43190.txt"])
def test_a_letterhead_inside_the_text_gives_no_task(parsed, corpus_file, source):
    """A consolidated text authenticates itself after its last article (`Số: 1547/VBHN-BLĐTBXH`,
    `XÁC THỰC VĂN BẢN HỢP NHẤT`, `Hà Nội, ngày 12 tháng 4 năm 2024`): those lines are no
    paragraphs of the article above them."""
    contents = [t.content for t in parsed(corpus_file(source)).tasks]
    assert not [c for c in contents if c.startswith("Số: ") or "XÁC THỰC" in c or c.startswith("Hà Nội, ngày")]


@pytest.mark.parametrize("source,labels", [
    ("wild/docs/hrmaster__nghi-quyet-so-109-nq-cp-469403.txt", ["CƠ QUAN CHỦ TRÌ", "TT NHIỆM VỤ"]),
    ("wild/docs/hrmaster__nghi-quyet-so-175-nq-cp-40286.txt", ["Nhiệm vụ chủ trì", "Đơn vị phối hợp"]),
])
def test_a_table_header_set_as_text_is_no_task(parsed, corpus_file, source, labels):
    """A table copied out of a PDF page by page repeats its header as lines of text
    (`TT`, `NHIỆM VỤ`, `CƠ QUAN CHỦ TRÌ`): column labels are no work."""
    contents = {t.content for t in parsed(corpus_file(source)).tasks}
    assert not contents & set(labels)


@pytest.mark.parametrize("source", ["wild/docs/tnt305__dataset-21c5e5f284e66d03.md",
                                    "wild/docs/ocrvbhc__11CT-20250510-124908.pdf",
                                    "letterheads/docs/byt-4243-byt-dtr-2006-benh-vien-kham-suc-khoe-xkld.txt"])
def test_the_archive_line_of_the_recipients_is_no_task(parsed, corpus_file, source):
    """`- Lưu: VT, NN (2).`, the last line of `Nơi nhận`, set where the text goes on."""
    assert not [t for t in parsed(corpus_file(source)).tasks if t.content.startswith("Lưu")]


@pytest.mark.parametrize("source,text,members", [
    # a lead-in that names a body and lists its members: the members are no work
    ("wild/docs/vbai__QDphechuanKetquaDaihoiDLS.2.docx", "Ban Chủ nhiệm Đoàn Luật sư tỉnh, gồm có:", True),
    ("wild/docs/tnt305__dataset-45fb7c4784bcce3a.md",
     "Thành phần Hội đồng Thi đua - Khen thưởng tỉnh gồm:", True),
    # words between the body and `gồm`: the list is of the work it names
    ("wild/docs/tnt305__dataset-5b692e230f990be5.md",
     "Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:", False),
    ("wild/docs/tnt305__dataset-24c7124ec6b2bf61.md",
     "Chủ trì triển khai, thực hiện các nhiệm vụ được giao tại các dự án trong Chương trình theo "
     "chỉ đạo của Bộ Công an, bao gồm:", False),
    ("wild/docs/tnt305__dataset-9063e901ca3fd0c3.md", "Bộ Tài chính gửi kèm bộ Cẩm nang gồm:", False),
])
def test_lead_in_that_lists_members(source, text, members):
    from extractors.lead_ins import lead_in_bodies, lists_members
    assert lists_members(text) is members, source
    if members:
        assert lead_in_bodies(text) is None, source


# The members a `gồm có:` lead-in lists are no tasks; the work a body's lead-in lists is
@pytest.mark.parametrize("name,first_words,owner,kept", [
    ("vbai__QDphechuanKetquaDaihoiDLS.2.docx", "Luật sư", "Ban Chủ nhiệm", False),
    ("tnt305__dataset-45fb7c4784bcce3a.md", "Các Ủy viên Hội đồng", "Hội đồng Thi đua - Khen thưởng tỉnh",
     False),
    ("tnt305__dataset-5b692e230f990be5.md", "Cấp mới, thu hồi, phê duyệt tài khoản", "Sở Tài chính", True),
])
def test_members_listed_by_a_lead_in_are_no_tasks(parsed, name, first_words, owner, kept):
    path = WILD_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} not here")
    assert any(t.content.startswith(first_words) and t.owner and t.owner[0].startswith(owner)
               for t in parsed(path).tasks) is kept


# A numbered item whose line is a finished sentence, in a list whose other items have nothing
# under them, is a task of its own; the paragraph under it is the next one. A list of
# headings, each with its paragraph, keeps the line as the paragraph's title.
@pytest.mark.parametrize("source,section,starts,title", [
    ("wild/docs/nqb-mtc__Difficult-00222283.ws.txt", "1.d", "Thực hiện các quy định về khai báo hoá chất", None),
    ("wild/docs/nqb-mtc__Difficult-00222283.ws.txt", "1.d.¶1", "Các doanh nghiệp phải đảm bảo", None),
    ("wild/docs/nqb-mtc__Difficult-00219297.ws.txt", "I.4.b", "Phối hợp với các thành viên Hội đồng Thi đua", None),
    ("cp-nq-380-nq-cp-2025-khac-phuc-thien-tai-mien-trung.md", "II.5.c", "Trên cơ sở mức độ thiệt hại", None),
    ("laocai-sct-cv-thuc-hien-quy-dinh-vlncn-2026.docx", "7", "Thực hiện chế độ báo cáo định kỳ, đột xuất", None),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt", "II.4", "UBND phường Lào Cai chủ trì",
     "Hoàn thành di dời 01 khu công nghiệp"),
])
def test_item_that_is_a_sentence_is_no_heading(parsed, corpus_file, source, section, starts, title):
    tasks = [t for t in parsed(corpus_file(source)).tasks if t.section == section]
    assert [t.content[:len(starts)] for t in tasks] == [starts], source
    assert (tasks[0].title or "")[:len(title or "")] == (title or "") and (title is None) == (tasks[0].title is None)


# A heading that hands its items to bodies and says nothing else (`1. Giao người đứng đầu các
# cơ quan chuyên môn, ...; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu`) gives them
# their owner, as a heading that only names a body does
@pytest.mark.parametrize("source,text,owner", [
    ("wild/docs/tnt305__dataset-a12a41bbbe518be8.md",
     "Giao người đứng đầu các cơ quan chuyên môn, cơ quan hành chính khác, các đơn vị sự nghiệp công "
     "lập trực thuộc Ủy ban nhân Thành phố; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu",
     "người đứng đầu các cơ quan chuyên môn, cơ quan hành chính khác, các đơn vị sự nghiệp công lập "
     "trực thuộc Ủy ban nhân Thành phố; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu"),
    ("synthetic", "Giao thủ trưởng các đơn vị trực thuộc Sở", "thủ trưởng các đơn vị trực thuộc Sở"),
    ("vpcp-cv-11414-vpcp-cn-2025-cao-toc-ben-luc-bien-hoa.md", "Ủy ban nhân dân tỉnh Đồng Nai:",
     "Ủy ban nhân dân tỉnh Đồng Nai"),
    # a heading with work of its own names no owner alone
    ("wild/docs/tnt305__dataset-a12a41bbbe518be8.md", "Giao Ủy ban nhân dân Thành phố tổ chức thực hiện", None),
])
def test_heading_that_only_names_or_hands_to_bodies(source, text, owner):
    from extractors.lead_ins import body_only
    assert body_only(text) == owner, source


# A lead-in sentence that opens with a heading's word (`1. Căn cứ nhiệm vụ của Kế hoạch này ...,
# các Bộ trưởng, ... chỉ đạo xây dựng kế hoạch ... Cụ thể như sau:`) is no heading of bases: the
# lead-ins under it that name their bodies (`a) Bộ Kế hoạch và Đầu tư chủ trì, ...:`) give their
# items; a heading of criteria still gives none (`III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA ...` then
# `b) Đối với Ủy ban Mặt trận tổ quốc Việt Nam tỉnh, ...:`)
@pytest.mark.parametrize("name,section,owner,is_task", [
    ("luatvietnam__Doc-14222834.doc", "IV.1.a.-1", "Bộ Kế hoạch và Đầu tư", True),
    ("luatvietnam__Doc-14222834.doc", "IV.1.l.-1", "Bộ Y tế", True),
    ("tnt305__dataset-556b2fb4a0149576.md", "III.2.b.-1", None, False),
])
def test_lead_in_sentence_opening_with_a_heading_word(parsed, name, section, owner, is_task):
    path = WILD_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} not here")
    tasks = [t for t in parsed(path).tasks if t.section == section]
    assert bool(tasks) is is_task
    if is_task:
        assert tasks[0].owner == [owner]


# A letter's closing that only says whom it informs is no task (spec §1: closing formulas); a
# body's duty to answer someone is
@pytest.mark.parametrize("source,text,closing", [
    ("wild/docs/tnt305__dataset-31a15f59ab505674.md",
     "Cục Thuế trả lời để Thuế tỉnh Hà Tĩnh biết và căn cứ hồ sơ cụ thể để thực hiện theo quy định của "
     "pháp luật", True),
    ("wild/docs/tnt305__dataset-2249fe89ed46eae5.md",
     "Thuế tỉnh Tây Ninh trả lời cho Công ty được biết và thực hiện theo đúng quy định", True),
    ("wild/docs/tnt305__dataset-9a53c71ee9f5781f.md",
     "Cục Hải quan có ý kiến để Tổng Công ty Phân bón và Hóa chất Dầu khí – CTCP được biết", True),
    ("synthetic", "Sở Tư pháp có trách nhiệm trả lời cho công dân được biết kết quả giải quyết", False),
])
def test_reply_closing_is_no_task(source, text, closing):
    from extractors.prose_items import _replies, exclusions
    assert _replies(text, exclusions().reply) is closing, source


@pytest.mark.parametrize("source,owner,opening", [
    # in a decree, outside the articles of responsibilities: a provision that opens with a
    # named state body and its duty, or a `X có trách nhiệm:` lead-in's items
    ("wild/docs/trangsct__ND-26-2026-quan-ly-hoat-dong-hoa-chat.docx", "Bộ Công Thương",
     "Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính xây dựng hệ thống quản lý"),
    ("wild/docs/trangsct__ND-26-2026-quan-ly-hoat-dong-hoa-chat.docx", "Bộ Công Thương",
     "Xây dựng, ban hành và cập nhật Danh mục hóa chất quốc gia"),
    ("wild/docs/hrmaster__nghi-dinh-so-138-2026-nd-cp-469380.txt", "Bộ Nội vụ",
     "Bộ Nội vụ có trách nhiệm tổ chức triển khai việc đánh giá, cấp chứng chỉ kỹ năng nghề"),
])
def test_a_named_state_body_duty_in_a_decree_is_a_task(parsed, corpus_file, source, owner, opening):
    doc = parsed(corpus_file(source))
    assert any(t.content.startswith(opening) and t.owner[0] == owner for t in doc.tasks), source


@pytest.mark.parametrize("source,opening", [
    # a class of people's duty, and a step of an administrative procedure, stay out
    ("wild/docs/trangsct__ND-26-2026-quan-ly-hoat-dong-hoa-chat.docx",
     "Tổ chức, cá nhân phải chịu trách nhiệm trước pháp luật về tính chính xác"),
    ("wild/docs/hrmaster__nghi-quyet-so-24-2026-nq-cp-469471.txt", "Trong thời gian 20 ngày làm việc kể từ ngày nhận đủ"),
])
def test_no_task_from_a_decree_rule_or_procedure(parsed, corpus_file, source, opening):
    doc = parsed(corpus_file(source))
    assert not any(t.content.startswith(opening) for t in doc.tasks), source


@pytest.mark.parametrize("source,text,in_charge", [
    # a label that names the person in charge of an activity (a meeting's chair, a consultant's
    # engineer) gives no work, whatever date follows (a certificate's validity)
    ("wild/docs/trangsct__giay-moi-hop-ubnd.docx",
     "Chủ trì tại điểm cầu: Đồng chí Chủ tịch Ủy ban nhân dân các xã, phường", True),
    ("wild/docs/trangsct__cong-van-moi-hop-sct.docx", "Chủ trì: Lãnh đạo Sở Công Thương", True),
    ("wild/docs/trangsct__TB-tham-dinh-TKKT-dieu-chinh-thuy-dien-YenHa.docx",
     "Chủ trì khảo sát địa chất: Ông Đặng Đình Công, Kỹ sư địa chất", True),
    ("wild/docs/trangsct__SCT-CN-Xac-nhan-De-cuong-kiem-dinh-Kho-VLNCN-Mong-Son.docx",
     "Chủ trì kiểm định: ông Đỗ Văn Mạnh có chứng chỉ hành nghề hoạt động xây dựng", True),
    # a post and who holds it: a list of people elected or in charge
    ("wild/docs/vbai__478-SNV-To-trinh-ve-viec-cong-nhan-ket-qua-dai-hoi-Lien-doan-Quan-vot.signed.signed.kydauden-1.pdf",
     "Chủ tịch Liên đoàn: Ông Phạm Văn Trịnh", True),
    ("wild/docs/trangsct__Bien-ban-tham-dinh-SoiPhuongNam-NH3-loai2.docx",
     "Người đứng đầu Chi nhánh: Ông Bùi Thanh Phương; Chức danh: Giám đốc Chi nhánh", True),
    # a colon that introduces the work itself
    ("wild/docs/tnt305__dataset-f004d93b21e7fc5f.md",
     "Chủ trì triển khai các nhiệm vụ: Xây dựng cơ chế và triển khai thử nghiệm có kiểm soát", False),
])
def test_a_label_naming_who_is_in_charge_is_no_task(source, text, in_charge):
    from extractors.prose_items import exclusions as _exclusions
    assert (_exclusions().in_charge.match(text) is not None) is in_charge, source


@pytest.mark.parametrize("source,text,invites", [
    # an invitation's closing: the body invites, no work
    ("wild/docs/trangsct__giay-moi-hop-ubnd.docx",
     "Ủy ban nhân dân tỉnh kính mời các đại biểu dự họp theo thành phần, thời gian, địa điểm nêu trên", True),
    ("synthetic", "Sở Công Thương trân trọng kính mời các doanh nghiệp tham dự hội nghị", True),
    # inviting as part of the work given
    ("synthetic", "Sở Công Thương chủ trì tổ chức hội nghị, kính mời các doanh nghiệp tham dự", False),
])
def test_an_invitation_is_no_task(source, text, invites):
    from extractors.prose_items import exclusions as _exclusions
    from extractors.prose_owner import subject_then
    assert subject_then(text, _exclusions().invitation) is invites, source


@pytest.mark.parametrize("source,text", [
    # a first clause that is only the owner's frame and its partners: the `;` goes on with the
    # list of bodies it works with, no second owner
    ("wild/docs/tnt305__dataset-8c306b6991495e34.md",
     "Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp các sở, ban ngành tỉnh; Ủy ban nhân dân các xã, "
     "phường và các đơn vị có liên quan đến các nội dung đơn giản hóa thủ tục hành chính cấp xã nêu tại Điều 1 "
     "của Quyết định này, có trách nhiệm: thường xuyên theo dõi"),
    ("wild/docs/tnt305__dataset-f1e0981425ec38be.md",
     "Giao Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường; "
     "các cơ quan, đơn vị và các doanh nghiệp, hợp tác xã có liên quan triển khai thực hiện Kế hoạch này"),
])
def test_a_list_of_partners_goes_on_past_a_semicolon(source, text):
    from extractors.prose_owner import leading_bodies, owner_clauses
    lead = leading_bodies(text)
    assert owner_clauses(text, lead.text, lead.end) == [], source


def test_work_after_partners_still_splits():
    from extractors.prose_owner import leading_bodies, owner_clauses
    text = "Sở Tài chính chủ trì, phối hợp với Sở Xây dựng thẩm định dự án; Sở Y tế chịu trách nhiệm kiểm tra chất lượng"
    lead = leading_bodies(text)
    assert [b.text for _, b in owner_clauses(text, lead.text, lead.end)] == ["Sở Y tế"]


# An item that states its body's own work in a finished sentence is a task even with items
# under it that do not continue it; not one that only says what its body is, is given or holds
@pytest.mark.parametrize("source,opening,kept", [
    ("wild/docs/tnt305__dataset-556b2fb4a0149576.md",
     "Các cơ quan, đơn vị, địa phương, doanh nghiệp căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch", True),
    ("wild/docs/luatvietnam__Doc-14222571.doc",
     "Các doanh nghiệp bưu chính, viễn thông, công nghệ thông tin và internet tổ chức triển khai", True),
    ("wild/docs/tnt305__dataset-75a0867a09525909.md", "Bộ Y tế chỉ đạo Ban Quản lý dự án", True),
    ("wild/docs/luatvietnam__Doc-14222557.doc", "Bộ Tài nguyên và Môi trường là cơ quan quản lý nhà nước", False),
    ("wild/docs/tnt305__dataset-c5f09c7770858e97.md", "Các cơ quan, đơn vị được cấp 01 tài khoản", False),
    ("wild/docs/tnt305__dataset-1f9faa032326f975.md", "Hội đồng Quản lý gồm có", False),
])
def test_own_work_over_items(parsed, corpus_file, source, opening, kept):
    doc = parsed(corpus_file(source))
    assert any(t.content.startswith(opening) for t in doc.tasks) is kept, source


# Attention given to the work (`quan tâm`) only carries it out: a letter's closing that asks
# for it is no task
def test_attention_only_carries_out(parsed, corpus_file):
    doc = parsed(corpus_file("letterheads/docs/laocai-snnmt-5141-snnmt-ks-2025-ke-khai-san-luong-khoang-san.txt"))
    assert not any(t.content.startswith("Sở Nông nghiệp và Môi trường yêu cầu các đơn vị khai thác khoáng sản "
                                        "nghiêm túc thực hiện") for t in doc.tasks)
