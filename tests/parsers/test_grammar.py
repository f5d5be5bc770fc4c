"""The grammar of body names and of assignment (`parsers.grammar.bodies`,
`parsers.grammar.assignment`) on real phrases.

Every case names its source file (`../shared/corpus` or `../shared/wild/docs`)
and the section it stands in; `test_case_is_in_its_source` checks that the
phrase is really written there. Each rule has cases from two documents or more.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.prose_owner import leading_bodies, partner_lists
from parsers.grammar.alternation import alternation, first_letter_lookahead, flat_alternation, phrase_alternation
from parsers.grammar.assignment import find_verb, verb_words
from parsers.grammar.bodies import body_opening, starts_with_body
from parsers.grammar.body_words import vocab as bodies_vocab

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@lru_cache(maxsize=None)
def source_text(name: str) -> str:
    """The text of a corpus or wild file as the project reads it, white space folded;
    word-segmented text (`Ủy_ban`) read with spaces."""
    path = SHARED / "corpus" / name
    if not path.exists():
        path = SHARED / "wild" / "docs" / name
    if not path.exists():
        pytest.skip(f"{name} is not available")
    from parsers.read import read_document
    text = "\n".join(b.text for b in read_document(str(path), path.read_bytes()).blocks)
    if "wordseg" in name or name.endswith(".ws.txt"):
        text = re.sub(r" ([,;:.)])", r"\1", text.replace("_", " "))
    return " ".join(unicodedata.normalize("NFC", text).split())


SCT2242 = "laocai-sct-kh-2242-kiem-tra-gcn-2026.docx"
CPBC = "cp-bao-cao-tien-do-nq57-thang5-2025.md"
SONLA = "vpcp-tb-2025-ket-luan-pttg-lam-viec-tinh-son-la.md"
CP = "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"
BTP = "btp-chi-thi-luat-trach-nhiem-boi-thuong-wordseg.txt"
HCM172 = "hcm-172-kh-ubnd-2025-trien-khai-luat-viec-lam.md"
LC134 = "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt"
LC11 = "laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx"
MT = "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"
WILD_QD12 = "ragdemo__VanBanGoc-QD-12.2025.md"
WILD_KHCN = "tnt305__dataset-abc00053e9811268.md"
WILD_VBHN = "hrmaster__van-ban-hop-nhat-so-9191-vbhn-bkhdt-43190.txt"
WILD_XA = "tnt305__dataset-de16a702fae1465d.md"
WILD_NHATHAU = "tnt305__dataset-ad0066b8d39e5c85.md"
WILD_THIDUA = "tnt305__dataset-2957e4f4f0e41373.md"
WILD_BAUCU = "tnt305__dataset-4672020dbba893fb.md"
WILD_TTG_TB = "tnt305__dataset-50f694478a35aefd.md"

# (source, section, phrase, the body it opens with; "" = none)
BODIES = [
    # an upper-case heading is no body, though its first word is a head noun
    (SCT2242, "III", "TỔ CHỨC THỰC HIỆN", ""),
    (CPBC, "A", "BÁO CÁO KẾT QUẢ TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW", ""),
    # a title opens a body only with the body it heads
    (BTP, "9", "Vụ trưởng Vụ Pháp luật dân sự - kinh tế có trách nhiệm theo dõi",
     "Vụ trưởng Vụ Pháp luật dân sự - kinh tế"),
    (SONLA, "III.4", "Bộ Nông nghiệp và Môi trường khẩn trương tiếp thu", "Bộ Nông nghiệp và Môi trường"),
    # a head noun followed by a capitalised name, or by a level word (`tối cao`)
    (CP, "III", "Tòa án nhân dân tối cao, Viện Kiểm sát nhân dân tối cao", "Tòa án nhân dân tối cao"),
    (HCM172, "II.2", "Chi nhánh Ngân hàng Chính sách xã hội Thành phố",
     "Chi nhánh Ngân hàng Chính sách xã hội Thành phố"),
    # `bầu cử` (an election) inside a body's name is no verb `cử` (to send)
    (WILD_THIDUA, "IV.2.a", "Tổ giúp việc Ban Chỉ đạo bầu cử của tỉnh", "Tổ giúp việc Ban Chỉ đạo bầu cử của tỉnh"),
    (WILD_BAUCU, "", "Ủy ban bầu cử, Ban bầu cử, Tiểu ban bầu cử, Tổ bầu cử", "Ủy ban bầu cử"),
    # a province acts as a body where a verb of work or another body follows, not where
    # the text describes the place
    (WILD_TTG_TB, "III.3.d", "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh việc lựa chọn",
     "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng"),
    ("tnt305__dataset-826ed569ec2ddaa1.md", "II", "tỉnh Đắk Lắk cần tiếp tục thực hiện quyết liệt", "tỉnh Đắk Lắk"),
    ("tnt305__dataset-24f956b72eef05a2.md", "1.91", "tỉnh Thái Nguyên có 92 đơn vị hành chính cấp xã", ""),
    ("tnt305__dataset-4d98410054b11ab4.md", "1.64", "tỉnh Cà Mau có 64 đơn vị hành chính cấp xã", ""),
    # the activity a body acts in is no part of its name (`trong việc`, `trong bảo quản`);
    # the place it stands in is (`trong và ngoài tỉnh`)
    ("tnt305__dataset-1a3950726cd8511f.md", "", "các cơ quan, đơn vị liên quan trong việc chấp thuận địa điểm, giao đất",
     "các cơ quan, đơn vị liên quan"),
    ("hrmaster__nghi-dinh-so-152-2026-nd-cp-469524.txt", "", "các cơ quan, tổ chức, cá nhân trong bảo quản vật chứng",
     "các cơ quan, tổ chức, cá nhân"),
    (LC134, "V.6", "các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh tổ chức đào tạo",
     "các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh"),
    # a body's name ends before its verb of work (`thu thập`, `niêm yết`, `họp`)
    ("tnt305__dataset-5d99697f14bcf68a.md", "IV.3", "Các cơ quan, đơn vị liên quan thu thập thông tin theo các mẫu biểu",
     "Các cơ quan, đơn vị liên quan"),
    ("tnt305__dataset-27cbc6425a10478c.md", "2.2", "UBND các xã, phường niêm yết công khai nội dung TTHC",
     "UBND các xã, phường"),
    ("tnt305__dataset-80bb1f677e7d4d75.md", "2.2", "UBND các xã, phường niêm yết công khai", "UBND các xã, phường"),
    # a comma that joins two words of a name (`phòng, chống`, `lụt, bão`) ends no body
    ("luatvietnam__10403123.doc.docx", "", "Ban Chỉ huy Phòng, chống lụt, bão và Tìm kiếm cứu nạn các cấp, các ngành "
     "quyết định", "Ban Chỉ huy Phòng, chống lụt, bão và Tìm kiếm cứu nạn các cấp"),
    ("luatvietnam__Doc-14222820.doc", "", "Ban Chỉ đạo phòng, chống khủng bố quốc gia là cơ quan tham mưu",
     "Ban Chỉ đạo phòng, chống khủng bố quốc gia"),
    # a bare head of state bodies that a list of collectives goes on from names all of its
    # kind (`Bộ, cơ quan ngang Bộ` as `các Bộ, cơ quan ngang Bộ`); a class of people does not
    ("hrmaster__luat-so-69-2020-qh14-32699.txt", "", "Bộ, cơ quan ngang Bộ, trong phạm vi nhiệm vụ, quyền hạn "
     "của mình, phối hợp với", "Bộ, cơ quan ngang Bộ"),
    ("trangsct__ND-25-2026-phat-trien-antoan-anninh.docx", "", "Bộ, cơ quan ngang bộ, các cơ quan, tổ chức khác "
     "trong phạm vi nhiệm vụ", "Bộ, cơ quan ngang bộ"),
    ("hrmaster__nghi-dinh-so-191-2026-nd-cp-469672.txt", "", "Bộ, cơ quan, địa phương có trách nhiệm phối hợp",
     "Bộ, cơ quan, địa phương"),
    ("hrmaster__nghi-dinh-so-152-2026-nd-cp-469524.txt", "", "Cơ quan, tổ chức đang bảo quản vật chứng", ""),
    ("hrmaster__nghi-quyet-so-45-2019-qh14-30232.txt", "", "Phòng, chống quấy rối tình dục tại nơi làm việc", ""),
    # a title's body named by its kind, its head noun in lower case: the verb of the kind
    # (`kiểm soát`, `kiểm tra`) is part of the name
    ("hrmaster__van-ban-hop-nhat-so-466-vbhn-bldtbxh-44194.txt", "", "Trưởng ban kiểm soát có trách nhiệm tổ chức",
     "Trưởng ban kiểm soát"),
    ("hrmaster__van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt", "", "Trưởng ban kiểm soát, Kiểm soát viên có "
     "trách nhiệm giúp", "Trưởng ban kiểm soát"),
    # a timing phrase is no part of a name: `trước ngày`, `trong tháng`
    (WILD_TTG_TB, "III.2.c", "Phó Thủ tướng Chính phủ Trần Hồng Hà trước ngày 15 tháng 11 năm 2025 trực tiếp kiểm tra",
     "Phó Thủ tướng Chính phủ Trần Hồng Hà"),
]


@pytest.mark.parametrize("source, section, phrase, body", BODIES, ids=[f"{b[0][:12]}:{b[2][:30]}" for b in BODIES])
def test_body_names(source, section, phrase, body):
    assert phrase[:starts_with_body(phrase)] == body
    assert bool(body_opening(phrase)) == bool(body)


# (source, section, text after `phối hợp với`/the list, the list up to its verb or stop)
LIST_ENDS = [
    # a verb inside a noun phrase of bodies does not end the list
    (LC134, "V.8", "Phối hợp chặt chẽ với các cơ quan chủ trì trong tổ chức thực hiện Kế hoạch",
     "các cơ quan chủ trì"),
    (MT, "III.1.đ", "Chủ trì, phối hợp với các cơ quan, tổ chức có liên quan tổ chức các khóa",
     "các cơ quan, tổ chức có liên quan"),
    (WILD_KHCN, "", "chủ trì, phối hợp với các cơ quan, tổ chức có liên quan hướng dẫn",
     "các cơ quan, tổ chức có liên quan"),
    (LC134, "II.2", "phối hợp với các Sở, ban ngành, chủ đầu tư kinh doanh", "các Sở, ban ngành, chủ đầu tư kinh doanh"),
    # `trong và ngoài <place>` places the bodies, it does not end them
    (LC134, "V.6", "phối hợp với các sở, ngành, đơn vị liên quan và các cơ sở giáo dục nghề nghiệp trong và "
                   "ngoài tỉnh tổ chức đào tạo",
     "các sở, ngành, đơn vị liên quan và các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh"),
    (WILD_QD12, "b", "Chủ trì phối hợp với các cơ quan, tổ chức có liên quan thẩm định", "các cơ quan, tổ chức có liên quan"),
    # `làm tốt` (do well) is the work, not part of the bodies' name
    (WILD_THIDUA, "VI.3", "phối hợp với cơ quan báo chí làm tốt công tác thông tin, tuyên truyền",
     "cơ quan báo chí"),
    (WILD_NHATHAU, "", "phối hợp với các nhà thầu làm tốt công tác đào tạo", "các nhà thầu"),
]


@pytest.mark.parametrize("source, section, text, listed", LIST_ENDS, ids=[f"{c[0][:12]}:{c[2][:30]}" for c in LIST_ENDS])
def test_partner_list_ends_at_its_verb(source, section, text, listed):
    assert [p for p, _ in partner_lists(text)] == [listed]


@pytest.mark.parametrize("phrase, body", [
    ("Ủy ban nhân dân tỉnh trong tháng 12 hoàn thành", "Ủy ban nhân dân tỉnh"),
    ("Sở Y tế chậm nhất ngày 30/6 báo cáo", "Sở Y tế"),
    ("Công an tỉnh từ ngày 01/7 triển khai", "Công an tỉnh"),
])
def test_timing_phrase_ends_a_name(phrase, body):
    assert phrase[:starts_with_body(phrase)] == body


def test_verb_in_noun_phrase_is_none():
    assert find_verb("các nhà đầu tư thứ cấp") is None
    assert find_verb("các cơ quan chủ trì trong tổ chức thực hiện").group(0) == "tổ chức"


@pytest.mark.parametrize("source,text,verb", [
    # `đến việc` / `tới việc` make the verbs after them a noun: the body's own verb comes later
    ("wild/docs/tnt305__dataset-0f145efacbf006fc.md",
     "chính quyền địa phương các đơn vị hành chính liên quan đến việc thực hiện sắp xếp và các cơ "
     "quan, tổ chức khác có liên quan có trách nhiệm tổ chức thi hành", "có trách nhiệm"),
    ("wild/docs/tnt305__dataset-bffd9da6f0d38031.md",
     "Các sở, ban, ngành tỉnh có liên quan tới việc thực hiện Kế hoạch này có trách nhiệm thường "
     "xuyên phối hợp", "có trách nhiệm"),
    # `việc` alone is a syllable of other words: `vụ việc chỉ đạo` still has its verb
    ("wild/docs/tnt305__dataset-8bb6ac57ee7b4c5d.md",
     "Chủ tịch Ủy ban nhân dân cấp xã nơi xảy ra vụ việc chỉ đạo người làm công tác bảo vệ trẻ em",
     "chỉ đạo"),
])
def test_nominalized_verb_ends_no_name(source, text, verb):
    found = find_verb(text)
    assert found is not None and found.group(0) == verb, source


# (source, section, item, owner; None = no owner named in the item)
OPENINGS = [
    # a cooperation phrase is no opening adverbial: its bodies are partners, not the owner
    (LC11, "IV.3", "Phối hợp với cơ quan Thuế, Sở Nông nghiệp và Môi trường rà soát, đối chiếu", None),
    (MT, "II.6", "Phối hợp với Bộ Tài chính", None),
    # a short adverbial before the subject
    (WILD_VBHN, "", "Định kỳ hàng năm, Bộ Kế hoạch và Đầu tư báo cáo", "Bộ Kế hoạch và Đầu tư"),
    (WILD_XA, "", "Định kỳ hàng tháng, UBND cấp xã chỉ đạo", "UBND cấp xã"),
]


@pytest.mark.parametrize("source, section, item, owner", OPENINGS, ids=[f"{c[0][:12]}:{c[2][:30]}" for c in OPENINGS])
def test_item_opening(source, section, item, owner):
    found = leading_bodies(item)
    assert (found.text if found else None) == owner


ALL = ([(c[0], c[2]) for c in BODIES] + [(c[0], c[2]) for c in LIST_ENDS]
       + [(c[0], c[2]) for c in OPENINGS])


@pytest.mark.parametrize("source, phrase", ALL, ids=[f"{c[0][:12]}:{c[1][:30]}" for c in ALL])
def test_case_is_in_its_source(source, phrase):
    assert " ".join(phrase.split()) in source_text(source)


# --- assignment shapes ---------------------------------------------------------------

VLNCN = "laocai-sct-cv-thuc-hien-quy-dinh-vlncn-2026.docx"
BVH = "bvhttdl-cv-6386-bvhttdl-khcndtmt-2025-nhiem-vu-nam-hoc.md"
TH634 = "vpcp-tb-634-tb-vpcp-2025-ket-luan-ttg-thanh-hoa.md"
CP380 = "cp-nq-380-nq-cp-2025-khac-phuc-thien-tai-mien-trung.md"
LONGAN = "longan-chi-thi-ke-hoach-ktxh-2011-2015-wordseg.txt"

# (source, section, lead-in ending in `:`, the body the items below are handed to)
HANDED = [
    # `X (kính) đề nghị / yêu cầu Y ... (thực hiện) (một số) nội dung sau:` → Y, also after a
    # fronted clause or an earlier sentence
    (VLNCN, "¶", "Để hoạt động liên quan đến VLNCN bảo đảm theo quy định của pháp luật, Sở Công Thương "
                 "yêu cầu các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên địa bàn "
                 "thực hiện một số nội sau:",
     "các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động VLNCN trên địa bàn"),
    (BVH, "¶", "(có Thông báo, Công văn gửi kèm). Bộ Văn hóa, Thể thao và Du lịch (VHTTDL) đề nghị các cơ sở "
               "đào tạo trực thuộc Bộ (sau đây gọi là cơ sở đào tạo) nghiêm túc thực hiện một số nhiệm vụ năm "
               "học 2025 - 2026 với các nội dung chủ yếu như sau:", "các cơ sở đào tạo trực thuộc Bộ"),
    (TH634, "II", "Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo, chỉ đạo", None),   # not ending in `:`
    (CP380, "¶", "Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, "
                 "các cơ quan khác ở trung ương, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố bị ảnh hưởng bởi "
                 "thiên tai theo chức năng, nhiệm vụ, quyền hạn được giao, thực hiện:",
     "các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, các cơ quan khác ở trung ương, "
     "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố bị ảnh hưởng bởi thiên tai"),
]


@pytest.mark.parametrize("source, section, text, body", HANDED, ids=[f"{c[0][:12]}:{c[2][-30:]}" for c in HANDED])
def test_handed_lead_in(source, section, text, body):
    from extractors.prose_owner import handed_lead_in
    found = handed_lead_in(text)
    assert (found.text if found else None) == body


def test_handed_lead_in_is_in_its_source():
    for source, _, text, _ in HANDED:
        head = text.split(":")[0][:120] if text.endswith(":") else text
        assert " ".join(head.split()) in source_text(source)


# (source, section, item) that only encourages or permits: no task (spec §1)
NOT_TASKS = [
    (CP380, "II.1.1.đ", "Khuyến khích các địa phương căn cứ khả năng cân đối dự phòng ngân sách"),
    (BVH, "II.6.-4", "Khuyến khích các Viện nghiên cứu chủ động tham gia các mạng lưới nghiên cứu"),
]


@pytest.mark.parametrize("source, section, item", NOT_TASKS, ids=[c[1] for c in NOT_TASKS])
def test_encouragement_is_no_task(source, section, item):
    from extractors.prose_items import exclusions as _exclusions
    assert item.startswith(_exclusions().openers)
    assert " ".join(item.split()) in source_text(source)


# (source, token) upper-case tokens that name no body: an item opening with one has no owner
NOT_BODIES = [(LONGAN, "GDP bình quân đầu người năm 2015 là 41 triệu đồng"),
              (CPBC, "CP quyết liệt xây dựng, trình QH NQ 193/2025/QH15")]


@pytest.mark.parametrize("source, phrase", NOT_BODIES, ids=[c[1][:20] for c in NOT_BODIES])
def test_upper_case_token_is_no_body(source, phrase):
    assert starts_with_body(phrase) == 0
    assert " ".join(phrase.split()) in source_text(source)


def test_content_without_words_is_no_task():
    from extractors.tasks_prose import has_words, states_work
    assert not any(has_words(c) or states_work(c) for c in ("12", "x", "………", "|", "-", "2.", "| 2025"))
    assert has_words("Rà soát, tổng hợp") and states_work("Rà soát, tổng hợp")


# --- a word list as one pattern (parsers.grammar.alternation) ---------------------

def test_alternation_tree_prefers_the_longer_word():
    """`chủ trì` before `chủ`, `Ủy ban nhân dân` before `Ủy ban`, whatever the list order."""
    rx = re.compile(rf"(?:{alternation(['chủ', 'chỉ đạo', 'chủ trì'])})(?![\w])")
    assert [m.group() for m in rx.finditer("Sở chủ trì, chủ động; UBND chỉ đạo")] == ["chủ trì", "chủ", "chỉ đạo"]
    assert re.fullmatch(alternation(["Ủy ban", "Ủy ban nhân dân"]), "Ủy ban nhân dân")
    assert alternation([]) == ""


@pytest.mark.parametrize("source", ["laocai-sct-kh-2242-kiem-tra-gcn-2026.docx",
                                    "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",
                                    "hanoi-kh-ubnd-2010-ho-ngheo-nha-o-wordseg.txt"])
def test_alternation_tree_finds_what_the_flat_list_finds(source):
    """The grammar's word lists (verbs of work, body heads, titles) as a tree find the same
    phrases as the flat list longest first, in a whole document."""
    text = source_text(source)
    lists = [verb_words(), bodies_vocab()["head_nouns"], bodies_vocab()["titles"],
             [w.lower() for w in bodies_vocab()["head_nouns"]]]
    for words in lists:
        tree = re.compile(rf"(?<![\w&])(?:{alternation(words)})(?![\w])")
        flat = re.compile(rf"(?<![\w&])(?:{flat_alternation(words)})(?![\w])")
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert re.search(alternation(verb_words()), text)


def test_first_letter_lookahead_keeps_every_match():
    """A look-ahead for the words' first letters before a look-behind finds what the
    pattern alone finds (`Số hiệu`, `Người ký` of a website's box), and none for an empty word."""
    words = ["Số hiệu", "Người ký", "Loại văn bản"]
    text = "Số hiệu: 15/CT-UBND | Loại văn bản:Chỉ thị|Người ký: Nguyễn Văn A"
    plain = re.compile(rf"(?:^|(?<=[\s|]))(?:{alternation(words)})")
    ahead = re.compile(first_letter_lookahead(words) + plain.pattern)
    assert [m.span() for m in ahead.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(ahead.finditer(text))) == 3
    assert first_letter_lookahead(["", "Số"]) == ""


@pytest.mark.parametrize("source", ["cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",
                                    "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt"])
def test_phrase_alternation_finds_what_the_flat_list_finds(source):
    """The cited document types (`Nghị quyết`, `nghị định`, `Thông báo kết luận`) as a tree,
    first letter in either case and any white space between words, find what the flat
    list longest first finds."""
    from extractors.references import vocab as references_vocab
    text = source_text(source)
    types = sorted(references_vocab()["types"], key=len, reverse=True)
    flat = "|".join(f"[{w[0]}{w[0].upper()}]" + re.escape(w[1:]).replace(r"\ ", r"\s+") for w in types)
    tree_rx = re.compile(rf"(?<!\w)(?:{phrase_alternation(types)})\s+số")
    flat_rx = re.compile(rf"(?<!\w)(?:{flat})\s+số")
    assert [m.span() for m in tree_rx.finditer(text)] == [m.span() for m in flat_rx.finditer(text)]
    assert len(list(tree_rx.finditer(text))) >= 3
    assert phrase_alternation(["Luật", "luật"]) == "[LL]uật|[lL]uật"      # cases meet: flat


# (source, phrase, body) a noun that opens with a word of collectives but names no body:
# `các trường hợp` (cases, not schools), `các cơ sở dữ liệu` (databases)
COLLECTIVE_LOOKALIKES = [
    ("tnt305__dataset-fd4c4d6ec377c4d2.md", "Các trường hợp hộp thư điện tử công vụ bị tạm khóa", ""),
    ("tnt305__dataset-5442d166b03566fa.md", "Các trường hợp khác theo quy định của pháp luật", ""),
    ("tnt305__dataset-f004d93b21e7fc5f.md", "Các cơ sở dữ liệu chuyên ngành du lịch gồm có", ""),
    # the same words as the bodies they are
    ("synthetic", "các trường, cơ sở đào tạo có trách nhiệm", "các trường, cơ sở đào tạo"),
    ("synthetic", "các cơ sở giáo dục có trách nhiệm", "các cơ sở giáo dục"),
]


@pytest.mark.parametrize("source, phrase, body", COLLECTIVE_LOOKALIKES, ids=[c[1][:24] for c in COLLECTIVE_LOOKALIKES])
def test_collective_lookalike_is_no_body(source, phrase, body):
    assert phrase[:starts_with_body(phrase)] == body
    if source != "synthetic":
        assert " ".join(phrase.split()) in source_text(source)
