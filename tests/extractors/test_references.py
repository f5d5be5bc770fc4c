"""The references extractor: cited documents with type, number, date, issuer,
role and where they were read. Short citation phrases are written here (each
names its source file in ../shared/corpus); whole documents are read from
the corpus at test time (skipped when it is absent)."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.references import citations_in
from parsers.grammar.documents import normalize_number

# (source file, phrase, [(type, number or law name, date, issuer), ...])
CASES = [
    ("hanoi-161-kh-ubnd-2023-excerpt.txt",
     "Căn cứ Kế hoạch 102/KH-UBND ngày 01/4/2022 của Ủy ban nhân dân thành phố Hà Nội về việc thực hiện",
     [("Kế hoạch", "102/KH-UBND", date(2022, 4, 1), "Ủy ban nhân dân thành phố Hà Nội")]),
    ("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",
     "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá",
     [("Nghị quyết", "57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị")]),
    ("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",
     "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
     [("Luật", "Luật Tổ chức Chính phủ", date(2015, 6, 19), None)]),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở Công Thương tỉnh Lào Cai về việc",
     [("Quyết định", "1050/QĐ-SCT", date(2026, 3, 6), "Giám đốc Sở Công Thương tỉnh Lào Cai")]),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "theo Nghị định số 217/2025/NĐ-CP ngày 05/8/2025 của Chính phủ Quy định về hoạt động kiểm tra",
     [("Nghị định", "217/2025/NĐ-CP", date(2025, 8, 5), "Chính phủ")]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",     # issuer before the date
     "Thực hiện Nghị quyết số 34-NQ/TU của Tỉnh uỷ Lào Cai ngày 27/12/2025 về phát triển",
     [("Nghị quyết", "34-NQ/TU", date(2025, 12, 27), "Tỉnh uỷ Lào Cai")]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",     # `số:` and two in one sentence
     "(Quyết định số 1902/QĐ-UBND ngày 16/6/2025 và Quyết định số: 2339/QĐ-UBND ngày 12/12/2025 của Ủy ban",
     [("Quyết định", "1902/QĐ-UBND", date(2025, 6, 16), None),
      ("Quyết định", "2339/QĐ-UBND", date(2025, 12, 12), "Ủy ban")]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",     # `Văn bản số` is a Công văn
     "(Văn bản số 1289/UBND-TH ngày 23/02/2026 Ủy ban nhân dân tỉnh về việc",
     [("Công văn", "1289/UBND-TH", date(2026, 2, 23), None)]),
    ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt",     # a law by name, then by number
     "quy định tại Điều 52 Luật Bảo vệ môi trường và khoản 16 Điều I Luật số 146/2025/QH15 của Quốc hội: Luật",
     [("Luật", "Luật Bảo vệ môi trường", None, None), ("Luật", "146/2025/QH15", None, "Quốc hội")]),
    ("btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt",
     "Thực hiện Chỉ thị số 13/CT-TTg ngày 02 tháng 5 năm 2024 của Thủ tướng Chính phủ về tăng cường",
     [("Chỉ thị", "13/CT-TTg", date(2024, 5, 2), "Thủ tướng Chính phủ")]),
    ("bct-chi-thi-xuat-khau-2010-wordseg.txt",               # lower-case type, `và Nghị định`
     "theo quy định tại Luật Chất lượng sản phẩm, hàng hoá và Nghị định số 132/2008/NĐ-CP ngày 31 tháng "
     "12 năm 2008 của Chính phủ hướng dẫn",
     [("Luật", "Luật Chất lượng sản phẩm, hàng hoá", None, None),
      ("Nghị định", "132/2008/NĐ-CP", date(2008, 12, 31), "Chính phủ")]),
    ("bct-chi-thi-xuat-khau-2010-wordseg.txt",
     "Thực hiện chỉ đạo của Thủ tướng Chính phủ tại văn bản số 2600/TTg-KTTH ngày 30 tháng 12 năm 2009 về",
     [("Công văn", "2600/TTg-KTTH", date(2009, 12, 30), None)]),
    ("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",   # a name with a comma and `và`
     "xây dựng Luật Khoa học, Công nghệ và Đổi mới sáng tạo để:",
     [("Luật", "Luật Khoa học, Công nghệ và Đổi mới sáng tạo", None, None)]),
    ("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md",   # `và Luật` starts another law
     "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
     [("Luật", "Luật Tổ chức Chính phủ", None, None),
      ("Luật", "Luật Tổ chức chính quyền địa phương", date(2019, 11, 22), None)]),
    ("btp-tb-ket-luan-cong-tac-tu-phap-2010-wordseg.txt",    # a school, no law
     "tại Trường Trung cấp Luật Buôn Ma Thuật; phối hợp", []),
    ("cp-bao-cao-tien-do-nq57-thang5-2025.md",               # `Đề án 06` has no letter code
     "triển khai Đề án 06 của Chính phủ", []),
]


@pytest.mark.parametrize("source,phrase,expected", CASES, ids=[f"{c[0]}:{c[1][:30]}" for c in CASES])
def test_citations_in_phrases(source, phrase, expected):
    found = [(typ, number or raw_name, when, issuer)
             for typ, _, number, raw_name, when, _, issuer, _, _ in citations_in(phrase)]
    assert found == expected


def test_spans_point_at_the_citation():
    phrase = CASES[0][1]
    (c,) = citations_in(phrase)
    start, end = c[7], c[8]
    assert phrase[start:end].startswith("Kế hoạch 102/KH-UBND")
    assert phrase[start:end].endswith("thành phố Hà Nội")


@pytest.mark.parametrize("raw,number", [("1105 /KH-ĐKT", "1105/KH-ĐKT"),   # laocai-kh-1105
                                        ("33-CT / TW", "33-CT/TW"),          # btp-tb wordseg
                                        ("06/2022/NĐ-CP.", "06/2022/NĐ-CP")])
def test_normalize_number(raw, number):
    assert normalize_number(raw) == number


def _refs(parsed, corpus_file, name):
    doc = parsed(corpus_file(name))
    return doc, {(r.doc_type, r.number or r.name): r for r in doc.references}


def test_hanoi_161_cites_its_basis_plan(parsed, corpus_file):
    doc, refs = _refs(parsed, corpus_file, "hanoi-161-kh-ubnd-2023-excerpt.txt")
    r = refs[("Kế hoạch", "102/KH-UBND")]
    assert (r.role, r.issue_date, r.issuer) == ("legal_basis", date(2022, 4, 1),
                                                "Ủy ban nhân dân thành phố Hà Nội")
    assert not any(ref.number == "161/KH-UBND" for ref in doc.references)   # its own number
    block = doc.raw.blocks[r.span.block].text
    assert block[r.span.start:r.span.end].startswith(r.raw)


def test_cp_nq_03_cites_nq57_and_laws(parsed, corpus_file):
    _, refs = _refs(parsed, corpus_file, "cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md")
    nq57 = refs[("Nghị quyết", "57-NQ/TW")]
    assert (nq57.role, nq57.issue_date, nq57.issuer) == ("legal_basis", date(2024, 12, 22), "Bộ Chính trị")
    assert nq57.mentions > 5
    assert refs[("Luật", "Luật Tổ chức Chính phủ")].role == "legal_basis"
    assert refs[("Luật", "Luật Khoa học và Công nghệ")].role == "mention"


def test_laocai_1105_skips_its_own_number(parsed, corpus_file):
    doc, refs = _refs(parsed, corpus_file, "laocai-kh-1105-dkt-kiem-tra.txt")
    assert doc.meta.doc_number == "1105/KH-ĐKT"
    assert set(refs) == {("Quyết định", "1050/QĐ-SCT"), ("Nghị định", "217/2025/NĐ-CP")}
    qd = refs[("Quyết định", "1050/QĐ-SCT")]
    assert qd.role == "implements" and qd.mentions == 4 and qd.issue_date == date(2026, 3, 6)


def test_laocai_134_bases(parsed, corpus_file):
    _, refs = _refs(parsed, corpus_file, "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt")
    for key in [("Nghị định", "35/2022/NĐ-CP"), ("Nghị định", "32/2024/NĐ-CP"),
                ("Nghị quyết", "34-NQ/TU")]:
        assert refs[key].is_basis, key
    assert refs[("Quyết định", "1955/QĐ-UBND")].role == "mention"
    assert refs[("Nghị định", "35/2022/NĐ-CP")].mentions >= 4


def test_btnmt_09_implements_ct13(parsed, corpus_file):
    _, refs = _refs(parsed, corpus_file, "btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt")
    r = refs[("Chỉ thị", "13/CT-TTg")]
    assert (r.role, r.issuer, r.issue_date) == ("implements", "Thủ tướng Chính phủ", date(2024, 5, 2))
    assert refs[("Nghị định", "06/2022/NĐ-CP")].role == "mention"


def test_laocai_sct_tb_2245_cites_plan_2242(parsed, corpus_file):
    _, refs = _refs(parsed, corpus_file, "laocai-sct-tb-2245-kiem-tra-2026.docx")
    r = refs[("Kế hoạch", "2242/KH-SCT")]
    assert (r.role, r.issue_date) == ("implements", date(2026, 4, 23))
