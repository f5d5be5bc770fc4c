"""Letterhead fields in every layout real copies have (spec §5, issue 13 item 3).

Table-driven: each case names the letterhead file of `../shared/corpus/letterheads/docs`
(or the gold corpus file) it comes from. Short lines are written here; whole documents
are read from `../shared` at test time and skip cleanly when absent.
"""
from __future__ import annotations

from datetime import date

import pytest

from extractors.issuer import bodies_of, complete_place, is_authority, issuer_name
from extractors.letterhead import read_letterhead
from extractors.letterhead_lines import Line, cut_motto
from extractors.portal import portal_title
from extractors.title import read_title
from extractors.title_case import case_title
from extractors.truecase import case_body
from parsers.grammar.dates import ADOPTED_ON, is_letterhead_date
from parsers.grammar.documents import document_number, type_from_number
from parsers.grammar.places import province_of


def _lines(*texts: str) -> list[Line]:
    return [Line(t, i, 0) for i, t in enumerate(texts)]


# ---- the motto is never a field ---------------------------------------------------------

@pytest.mark.parametrize("source,lines,kept", [
    ("haugiang-454-ubnd-ncth-2011-binh-chon-vinh-ha-long.txt (side by side on one line)",
     ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH HẬU GIANG Độc Lập - Tự Do - Hạnh Phúc"],
     ["ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG"]),
    ("bentre-1312-kh-ubnd-2013-pho-bien-phap-luat-nguoi-lao-dong.txt (motto wrapped)",
     ["TỈNH BẾN TRE", "CỘNG HÒA XÃ", "HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:"],
     ["TỈNH BẾN TRE", "Số:"]),
    ("thuathienhue-tinhuy-445-kl-tu-2022-ket-cau-ha-tang-ocr.txt (party header)",
     ["TỈNH ỦY THỪA THIÊN HUẾ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 445-KL/TƯ"],
     ["TỈNH ỦY THỪA THIÊN HUẾ", "Số 445-KL/TƯ"]),
    ("dhcongthuong-hcm-753-kh-dct-2026-khao-sat-hai-long.pdf (OCR 'Cọng')",
     ["Cọng hòa xã hội chủ nghĩa Việt Nam"], []),
])
def test_motto_is_cut_out(source, lines, kept):
    assert [ln.text for ln in cut_motto(_lines(*lines))] == kept, source


# ---- the issuer, in full and in its letter case -------------------------------------------

@pytest.mark.parametrize("source,lines,joint,issuer", [
    ("bentre-1312-kh-ubnd-2013-pho-bien-phap-luat-nguoi-lao-dong.txt (hard-wrapped head)",
     ["UỶ BAN NHÂN", "DÂN", "TỈNH BẾN TRE"], False, "Ủy ban nhân dân tỉnh Bến Tre"),
    ("bnn-07-2010-tt-bnnptnt-2010-quy-hoach-nong-thon-moi.txt (a bare head)",
     ["BỘ", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"], False, "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("laocai-sct-1050-qd-sct-2026-kiem-tra-vlncn.txt (a Sở under its UBND)",
     ["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG"], False, "Sở Công Thương tỉnh Lào Cai"),
    ("cuchoachat-597-hc-qlhc-2026-giay-phep-xnk-hoa-chat.docx (a Cục under its Bộ)",
     ["BỘ CÔNG THƯƠNG", "CỤC HÓA CHẤT"], False, "Cục Hóa chất"),
    ("tcdcks-414-dcks-dc-2021-de-an-antimon-tay-bac.txt (a Tổng cục under a wrapped Bộ)",
     ["BỘ TÀI NGUYÊN VÀ", "MÔI TRƯỜNG", "TỔNG CỤC ĐỊA CHẤT VÀ KHOÁNG SẢN VIỆT NAM"], False,
     "Tổng cục Địa chất và Khoáng sản Việt Nam"),
    ("hcm-vpubnd-5476-vp-thkh-2013-no-dong-xdcb.txt (the Văn phòng of the body above)",
     ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "VĂN PHÒNG UBND THÀNH PHỐ"], False,
     "Văn phòng Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("hcm-bhxh-2970-tb-bhxh-2023-quy-trinh-mot-cua.txt (the place on its own line)",
     ["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI", "TP.HỒ CHÍ MINH"], False,
     "Bảo hiểm xã hội Thành phố Hồ Chí Minh"),
    ("hoabinh-06-qc-tthdnd-ubnd-2019-quy-che-phoi-hop.txt (two bodies under one Thường trực)",
     ["THƯỜNG TRỰC", "HĐND - UBND TỈNH HÒA BÌNH"], False,
     "Thường trực Hội đồng nhân dân - Ủy ban nhân dân tỉnh Hòa Bình"),
    ("bvhtt-byt-01-2004-ttlt-2004-quang-cao-y-te.txt (joint issuers on one line)",
     ["BỘ VĂN HOÁ - THÔNG TIN-BỘ Y TẾ"], True, "Bộ Văn hoá - Thông tin-Bộ Y tế"),
    ("hcm-quan2-01-2008-nq-hdnd-2008-nhiem-vu-ktxh.txt (a district)",
     ["HỘI", "ĐỒNG NHÂN DÂN QUẬN 2"], False, "Hội đồng nhân dân quận 2"),
    ("hcm-1025-ubnd-dt-2009-dau-tu-ra-nuoc-ngoai.txt (unit glued to the head)",
     ["ỦY BAN NHÂN DÂNTHÀNH PHỐ HỒ CHÍ MINH"], False, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("laocai-kh-1105-dkt-kiem-tra.txt (a team named after its decision)",
     ["ĐOÀN KIỂM TRA", "THEO QUYẾT ĐỊNH", "SỐ 1050/QĐ-SCT"], False,
     "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"),
])
def test_issuer_from_letterhead_lines(source, lines, joint, issuer):
    assert case_body(issuer_name(lines, joint=joint)) == issuer, (source, bodies_of(lines))


@pytest.mark.parametrize("source,name,cased", [
    ("daknong-qd-ubnd-2007-ke-hoach-khuyen-nong-khuyen-ngu.txt (old spelling kept)",
     "ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG", "Ủy ban nhân dân tỉnh Đăk Nông"),
    ("bariavungtau-14-ct-ubnd-2018-quan-ly-tai-san-cong.txt", "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU",
     "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
    ("bldtbxh-23-2017-tt-bldtbxh-2017-giay-phep-lao-dong-dien-tu.txt",
     "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
    ("ubtvqh-119-nq-ubtvqh15-2026-dieu-chinh-ctlp.html", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
    ("ninhthuan-sgddt-2917-sgddt-vp-2010-thiet-hai-lu-lut-broken-diacritics.txt",
     "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH NINH THUẬN", "Sở Giáo dục và Đào tạo tỉnh Ninh Thuận"),
    ("dhcongthuong-hcm-753-kh-dct-2026-khao-sat-hai-long.pdf (a field the registry writes)",
     "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG THÀNH PHỐ HỒ CHÍ MINH", "Trường Đại học Công Thương Thành phố Hồ Chí Minh"),
])
def test_issuer_letter_case(source, name, cased):
    assert case_body(name) == cased, source


@pytest.mark.parametrize("source,name,authority,place,portal,texts,full", [
    ("camau-06-2014-qd-ubnd-2014-quy-che-hoat-dong-doi-ngoai.txt (authority line)",
     "ỦY BAN NHÂN DÂN", ["ỦY BAN NHÂN DÂN TỈNH CÀ MAU"], "Cà Mau", None, [], "ỦY BAN NHÂN DÂN TỈNH CÀ MAU"),
    ("hanoi-15-ct-ubnd-2018-ky-luat-ngan-sach.txt (place line names the city)",
     "ỦY BAN NHÂN DÂN", [], "Hà Nội", None, [], "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
    ("nghean-19-2011-nq-hdnd-2011-nhiem-vu-6-thang-cuoi-nam.txt (session line)",
     "HỘI ĐỒNG NHÂN DÂN", ["HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN KHOÁ XVI KỲ HỌP THỨ 2"], "Nghệ An", None, [],
     "HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN"),
    ("gialai-72-2006-qd-ubnd-2006-chuong-trinh-nguoi-cao-tuoi.txt (the trích yếu names it; a seat does not)",
     "ỦY BAN NHÂN DÂN", ["ỦY BAN NHÂN DÂN TỈNH"], "Pleiku", None,
     ["BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ NGƯỜI CAO TUỔI CỦA TỈNH GIA LAI"], "ỦY BAN NHÂN DÂN TỈNH GIA LAI"),
    ("binhduong-12-2016-qd-ubnd-2016-khu-vuc-bao-ve-cam.txt (nothing names it: the bare unit stays)",
     "ỦY BAN NHÂN DÂN", ["ỦY BAN NHÂN DÂN TỈNH"], "Thủ Dầu Một", None, [], "ỦY BAN NHÂN DÂN TỈNH"),
    ("vinhlong-612-qd-ubnd-2020-quy-trinh-noi-bo-chan-nuoi.txt (office-holder's line, portal place)",
     "ỦY BAN NHÂN DÂN", ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"], None, "Tỉnh Vĩnh Long", [],
     "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"),
])
def test_local_issuer_takes_the_province_the_document_names(source, name, authority, place, portal, texts, full):
    assert complete_place(name, authority, place, portal, texts) == full, source


@pytest.mark.parametrize("source,line,authority", [
    ("vinhlong-612-qd-ubnd-2020-quy-trinh-noi-bo-chan-nuoi.txt", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", True),
    ("bnn-5018-qd-bnn-tt-2021-cay-an-qua-tay-bac.txt", "BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", True),
    ("angiang-08-2015-nq-hdnd-2015-nhiem-vu-ktxh-2016-2020.txt",
     "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG KHÓA VIII KỲ HỌP THỨ 12", True),
    ("ttg-232-qd-ttg-2019-quy-hoach-khu-kinh-te-van-don.txt", "THỦ TƯỚNG CHÍNH PHỦ", True),
    ("camau-06-2014-qd-ubnd-2014-quy-che-hoat-dong-doi-ngoai.txt (BAN HÀNH is a verb)",
     "BAN HÀNH QUY CHẾ QUẢN LÝ THỐNG NHẤT CÁC HOẠT ĐỘNG ĐỐI NGOẠI TRÊN ĐỊA BÀN TỈNH CÀ MAU", False),
    ("bnn-07-2010-tt-bnnptnt-2010-quy-hoach-nong-thon-moi.txt (a title line)",
     "BỘ TIÊU CHÍ QUỐC GIA VỀ NÔNG THÔN MỚI", False),
    # a council's session, with its marks between, after the name
    ("synthetic", "HỘI ĐỒNG NHÂN DÂN QUẬN 2 KHÓA III - KỲ HỌP THỨ 14", True),
    ("synthetic", "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI KHÓA X, KỲ HỌP THỨ 6 (BẤT THƯỜNG)", True),
    # a title that names a legislature's deputies goes on after its term: no authority line
    ("wild/docs/tnt305__dataset-4672020dbba893fb.md",
     "QUỐC HỘI KHÓA XVI VÀ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP NHIỆM KỲ 2026 - 2031 CỦA THÀNH PHỐ HÀ NỘI", False),
    ("wild/docs/luatvietnam__Doc-14222537.doc",
     "QUỐC HỘI KHÓA XIII THÔNG QUA TẠI KỲ HỌP THỨ 6 VÀ PHÁP LỆNH CẢNH SÁT CƠ ĐỘNG", False),
])
def test_authority_line(source, line, authority):
    assert is_authority(line) is authority, source


# ---- number, date, type, title --------------------------------------------------------------

@pytest.mark.parametrize("source,lines,number,day,place", [
    ("bentre-1312-kh-ubnd-2013-pho-bien-phap-luat-nguoi-lao-dong.txt ('Số:' and its number apart)",
     ["TỈNH BẾN TRE", "Số:", "1312/KH-UBND", "Bến Tre, ngày 28 tháng 3 năm 2013"],
     "1312/KH-UBND", date(2013, 3, 28), "Bến Tre"),
    ("bhxhvn-2596-kh-bhxh-2019-sap-xep-to-chuc-bo-may.txt (date wrapped)",
     ["BẢO HIỂM XÃ HỘI", "Số: 2596/KH-BHXH", "Hà Nội, ngày 19", "tháng 7 năm 2019"],
     "2596/KH-BHXH", date(2019, 7, 19), "Hà Nội"),
    ("bnn-07-2010-tt-bnnptnt-2010-quy-hoach-nong-thon-moi.txt (place wrapped)",
     ["BỘ", "Số:", "07/2010/TT-BNNPTNT", "Hà", "Nội, ngày 08 tháng 02 năm 2010"],
     "07/2010/TT-BNNPTNT", date(2010, 2, 8), "Hà Nội"),
    ("haugiang-454-ubnd-ncth-2011-binh-chon-vinh-ha-long.txt (number and date on one line)",
     ["ỦY BAN NHÂN DÂN", "Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011"],
     "454/UBND-NCTH", date(2011, 4, 6), "Vị Thanh"),
    ("angiang-09-2006-nq-hdnd-2006-bau-bo-sung-pho-chu-tich.txt (a space after the slash)",
     ["HỘI ĐỒNG NHÂN DÂN", "Số: 09/2006/ NQ-HĐND"], "09/2006/NQ-HĐND", None, None),
    ("vpcp-3661-vpcp-ktn-2016-quy-hoach-nha-trang.txt (the 'ố' lost)",
     ["VĂN PHÒNG CHÍNH PHỦ", "S :3661/VPCP-KTN"], "3661/VPCP-KTN", None, None),
    ("laocai-dkt-bc-ket-qua-kiem-tra-vlncn-2026.docx (a draft's blanks)",
     ["ĐOÀN KIỂM TRA", "Số: /ĐKT-SCT", "Lào Cai, ngày tháng 4 năm 2026"], None, None, "Lào Cai"),
    ("bvhttdl-4360-bvhttdl-vp-2010-tuyen-truyen-ngay-le-lon.txt (a copy that lost 'Số:')",
     ["4360/BVHTTDL-VP", "TL. BỘ TRƯỞNG"], "4360/BVHTTDL-VP", None, None),
    ("wild ragdemo__VanBanGoc-QD-32.2025.md (a number split over two cells, a form's fill-in marks)",
     ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Số: 32", "/2025/QĐ-UBND", "Hà Nội, ngày _16_ tháng _4_ năm 2025"],
     "32/2025/QĐ-UBND", date(2025, 4, 16), "Hà Nội"),
    ("wild tnt305__dataset-2f6f80b9918e52de.md (a place of several words wrapped in its cell)",
     ["THÀNH PHỐ HỒ CHÍ MINH", "Số: 172/KH-UBND", "Thành phố Hồ Chí", "Minh, ngày 18 tháng 11 năm 2025"],
     "172/KH-UBND", date(2025, 11, 18), "Thành phố Hồ Chí Minh"),
    ("wild tnt305__dataset-31fb08f34535fce3.md (wrapped after two words of the name)",
     ["THÀNH PHỐ HỒ CHÍ MINH", "Số: 174/KH-UBND", "Thành phố Hồ", "Chí Minh, ngày 18 tháng 11 năm 2025"],
     "174/KH-UBND", date(2025, 11, 18), "Thành phố Hồ Chí Minh"),
    ("wild tnt305__dataset-e598d95fb5f390a4.md (the line above is the number: the place stands alone)",
     ["Số:", "123/2025/QĐ-CTUBND", "Huế, ngày 24", "tháng 11 năm 2025"],
     "123/2025/QĐ-CTUBND", date(2025, 11, 24), "Huế"),
])
def test_number_and_date_lines(source, lines, number, day, place):
    lh = read_letterhead(_lines(*lines))
    assert (lh.number, lh.issue_date, lh.place) == (number, day, place), source


@pytest.mark.parametrize("source,line,is_date", [
    ("hanoi-15-ct-ubnd-2018-ky-luat-ngan-sach.txt ('|' cells)", "Số: 15/CT-UBND | Hà Nội, ngày 25 tháng 12 năm 2018 |", True),
    ("hcm-quan2-01-2008-nq-hdnd-2008-nhiem-vu-ktxh.txt", "Quận 2, ngày 11 tháng 01 năm 2008", True),
    ("hcm-vpubnd-5476-vp-thkh-2013-no-dong-xdcb.txt", "Thành phố Hồ Chí Minh, ngày 10 tháng 07 năm 2013", True),
    ("ninhthuan-55-2007-qd-ubnd-2007-tien-bo-phu-nu.txt", "Phan Rang-Tháp Chàm, ngày 5 tháng 11 năm 2007", True),
    ("wild tnt305__dataset-0465063a5486d493.md (the comma left out)", "Hà Nội ngày 01 tháng 12 năm 2025", True),
    ("wild ragdemo__VanBanGoc-QD-32.2025.md (a form's fill-in marks)", "Hà Nội, ngày _16_ tháng _4_ năm 2025", True),
    ("wild ragdemo__VanBanGoc-QD-32.2025.md (a cited law, no comma)", "Căn cứ Luật Thủy lợi ngày 19 tháng 6 năm 2017;",
     False),
    ("gialai-72-2006-qd-ubnd-2006-chuong-trinh-nguoi-cao-tuoi.txt (a sentence citing a date)",
     "Căn cứ Pháp lệnh Người cao tuổi, ngày 28 tháng 4 năm 2000;", False),
    ("btc-07-2020-tt-btc-2020-tai-chinh-co-quan-o-nuoc-ngoai.txt (a website's summary)",
     "Thông tư số 07/2020/TT-BTC ... do bộ trưởng ban hành ngày 03 tháng 02 năm 2020. Mời các bạn cùng tham khảo.", False),
])
def test_letterhead_date_line(source, line, is_date):
    assert is_letterhead_date(line) is is_date, source


@pytest.mark.parametrize("shape", ["straight connector 2", "Straight Arrow Connector 12", "Rectangle 3",
                                   "Text Box 4", "Oval 5", "Line 6"])
def test_shape_names_left_by_a_conversion_are_cut(shape):
    """Every shape name Word gives (SHAPE_NAME, whatever its first letter) is cut out of a
    letterhead line: `ỦY BAN NHÂN DÂN straight connector 2Số: 15/KH-UBND`."""
    from extractors.letterhead_lines import SHAPE_NAME
    assert SHAPE_NAME.sub("\n", f"ỦY BAN NHÂN DÂN {shape}Số: 15/KH-UBND") == "ỦY BAN NHÂN DÂN \nSố: 15/KH-UBND"


def test_date_line_word_limit_rejects_no_date_line(corpus):
    """Every line and `|` cell of the 150 letterheads (`../shared/corpus/letterheads/docs`)
    that LETTERHEAD_DATE matches has no more words than `_few_words` lets through, the
    shortcut that spares the pattern long sentences citing a date."""
    from parsers.grammar.dates import LETTERHEAD_DATE, _few_words
    from parsers.read import read_document
    docs = sorted((corpus / "letterheads" / "docs").iterdir())
    parts = [p.strip() for path in docs for b in read_document(str(path), path.read_bytes()).blocks
             for line in b.text.splitlines() for p in (line, *line.split("|"))]
    matched = [p for p in parts if LETTERHEAD_DATE.match(p)]
    assert len(matched) > 50
    assert all(_few_words(p) for p in matched)
    assert not _few_words("Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư ngày 05 tháng 3 năm 2020")


@pytest.mark.parametrize("source,raw,number,doc_type", [
    ("bldtbxh-btc-10-2004-ttlt-2004-tro-giup-tre-mo-coi-ocr.txt", "10/2004/TTLT-BLĐTBXH-BTC", "10/2004/TTLT-BLĐTBXH-BTC",
     "Thông tư liên tịch"),
    ("btc-07-2020-tt-btc-2020-tai-chinh-co-quan-o-nuoc-ngoai.txt", "07/2020/TT-BTC", "07/2020/TT-BTC", "Thông tư"),
    ("cp-48-2013-nd-cp-2013-kiem-soat-thu-tuc-hanh-chinh.txt", "48/2013/NĐ-CP", "48/2013/NĐ-CP", "Nghị định"),
    ("hatinh-1281-qd-ubnd-2014-thu-tuc-hanh-chinh-so-y-te.txt (a code left blank)", "1281/-UBND", "1281/-UBND",
     "Công văn"),
    ("bca-cv-5689-c04-2025.pdf (digits OCR misread)", "56ŸS /BCA-C04", None, None),
])
def test_number_and_its_type(source, raw, number, doc_type):
    assert document_number(raw) == number, source
    if number:
        assert type_from_number(number) == doc_type, source


@pytest.mark.parametrize("source,texts,doc_type,title", [
    ("angiang-08-2015-nq-hdnd-2015-nhiem-vu-ktxh-2016-2020.txt (ends at the session line)",
     ["NGHỊ QUYẾT", "VỀ NHIỆM VỤ KINH TẾ - XÃ HỘI NĂM 2016 - 2020",
      "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG KHÓA VIII KỲ HỌP THỨ 12"],
     "Nghị quyết", "VỀ NHIỆM VỤ KINH TẾ - XÃ HỘI NĂM 2016 - 2020"),
    ("hatinh-1281-qd-ubnd-2014-thu-tuc-hanh-chinh-so-y-te.txt (ends at the office-holder)",
     ["QUYẾT ĐỊNH", "Về việc công bố thủ tục hành chính", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"],
     "Quyết định", "Về việc công bố thủ tục hành chính"),
    ("cantho-63-2002-qd-ub-2002-chien-luoc-dan-so.txt (V/V label dropped)",
     ["QUYẾT ĐỊNH", "V/V PHÊ DUYỆT \"CHIẾN LƯỢC DÂN SỐ GIAI ĐOẠN 2001-2010\" CỦA TỈNH CẦN THƠ"],
     "Quyết định", "PHÊ DUYỆT \"CHIẾN LƯỢC DÂN SỐ GIAI ĐOẠN 2001-2010\" CỦA TỈNH CẦN THƠ"),
    ("ttg-60-2002-qd-ttg-2002-quy-hoach-ktxh-ha-noi.txt (the old heading's qualifier dropped)",
     ["QUYẾT ĐỊNH", "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 60/2002/ QĐ-TTG NGÀY 13 THÁNG 5 NĂM 2002 VỀ VIỆC PHÊ DUYỆT QUY HOẠCH"],
     "Quyết định", "VỀ VIỆC PHÊ DUYỆT QUY HOẠCH"),
    ("btc-07-2020-tt-btc-2020-tai-chinh-co-quan-o-nuoc-ngoai.txt (the type repeated)",
     ["THÔNG TƯ", "THÔNG TƯ QUY ĐỊNH CHẾ ĐỘ QUẢN LÝ TÀI CHÍNH", "Căn cứ Luật Ngân sách nhà nước;"],
     "Thông tư", "QUY ĐỊNH CHẾ ĐỘ QUẢN LÝ TÀI CHÍNH"),
    ("wild tnt305__dataset-640111ea8077e047.md (a title line run into its authority line)",
     ["QUYẾT ĐỊNH", "VỀ VIỆC CÔNG BỐ DANH MỤC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA NGÀNH TƯ PHÁP TỈNH ĐỒNG NAI "
                    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"],
     "Quyết định", "VỀ VIỆC CÔNG BỐ DANH MỤC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA NGÀNH TƯ PHÁP TỈNH ĐỒNG NAI"),
    ("cp-nq-cp-thanh-lap-thi-xa-chi-linh-wordseg.txt (a type run into its trích yếu, the issuer under)",
     ["Nghị quyết về việc thành lập thị xã chí linh", "Chính phủ"], "Nghị quyết", "về việc thành lập thị xã chí linh"),
    ("quangninh-qd-ubnd-muc-nop-tien-dat-trong-lua-stub.txt ('Quy định' opening a trích yếu is a verb)",
     ["Quy định về mức nộp tiền", "Ủy ban nhân dân tỉnh Quảng Ninh"], None, "Quy định về mức nộp tiền"),
    ("bca-12-hd-bca-v05-2024-tieu-chi-an-ninh-trat-tu-do-thi.txt (a title may open 'Thực hiện')",
     ["HƯỚNG DẪN", "THỰC HIỆN TIÊU CHÍ SỐ 4", "Thực hiện Quyết định số 04/2022/QĐ-TTg ..."],
     "Hướng dẫn", "THỰC HIỆN TIÊU CHÍ SỐ 4"),
])
def test_type_and_title_end(source, texts, doc_type, title):
    assert read_title(texts, None, None) == (doc_type, title), source


@pytest.mark.parametrize("source,title,cased", [
    ("bentre-1312-kh-ubnd-2013-pho-bien-phap-luat-nguoi-lao-dong.txt (a place after its unit word)",
     "TRÊN ĐỊA BÀN TỈNH BẾN TRE GIAI ĐOẠN 2013-2016", "Trên địa bàn tỉnh Bến Tre giai đoạn 2013-2016"),
    ("lamdong-1927-qd-ubnd-2021-ho-tro-ho-ngheo-dam-rong.txt (a district the gazetteer lacks)",
     "HỖ TRỢ HỘ NGHÈO TRÊN ĐỊA BÀN HUYỆN ĐAM RÔNG GIAI ĐOẠN 2021-2025",
     "Hỗ trợ hộ nghèo trên địa bàn huyện Đam Rông giai đoạn 2021-2025"),
    ("tiengiang-25-nq-hdnd-2021-ke-hoach-ktxh-2021-2025.txt ('xã hội' is no commune)",
     "KINH TẾ - XÃ HỘI TỈNH TIỀN GIANG", "Kinh tế - xã hội tỉnh Tiền Giang"),
    ("bnn-5018-qd-bnn-tt-2021-cay-an-qua-tay-bac.txt (a named scheme, a region)",
     "PHÊ DUYỆT ĐỀ ÁN “PHÁT TRIỂN BỀN VỮNG CÂY ĂN QUẢ CÁC TỈNH VÙNG TÂY BẮC ĐẾN NĂM 2030”",
     "Phê duyệt Đề án “Phát triển bền vững cây ăn quả các tỉnh vùng Tây Bắc đến năm 2030”"),
    ("camau-06-2014-qd-ubnd-2014-quy-che-hoat-dong-doi-ngoai.txt (the document issued)",
     "BAN HÀNH QUY CHẾ QUẢN LÝ THỐNG NHẤT CÁC HOẠT ĐỘNG ĐỐI NGOẠI TRÊN ĐỊA BÀN TỈNH CÀ MAU",
     "Ban hành Quy chế quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh Cà Mau"),
    ("quangngai-4074-kh-ubnd-2017-chan-chinh-thanh-tra-doanh-nghiep.txt (a cited document, the registry)",
     "THỰC HIỆN CHỈ THỊ SỐ 20/CT-TTG NGÀY 17/5/2017 CỦA THỦ TƯỚNG CHÍNH PHỦ",
     "Thực hiện Chỉ thị số 20/CT-TTg ngày 17/5/2017 của Thủ tướng Chính phủ"),
    ("cp-68-nq-cp-2021-ho-tro-nguoi-lao-dong-covid19.txt (an acronym)",
     "GẶP KHÓ KHĂN DO ĐẠI DỊCH COVID-19", "Gặp khó khăn do đại dịch COVID-19"),
    ("cantho-63-2002-qd-ub-2002-chien-luoc-dan-so.txt (a closing quote opens nothing)",
     "PHÊ DUYỆT ĐỀ ÁN \"CHIẾN LƯỢC\"CỦA TỈNH CẦN THƠ", "Phê duyệt Đề án \"Chiến lược\"của tỉnh Cần Thơ"),
])
def test_title_in_capitals_by_the_rules(source, title, cased):
    assert case_title(title, []) == cased, source


@pytest.mark.parametrize("source,line,day", [
    ("ubtvqh-119-nq-ubtvqh15-2026-dieu-chinh-ctlp.html (its own adoption)",
     "Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV "
     "thông qua ngày 06 tháng 02 năm 2026", date(2026, 2, 6)),
    ("daknong-qd-ubnd-2007-ke-hoach-khuyen-nong-khuyen-ngu.txt (a cited law's adoption)",
     "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân được Quốc hội thông qua ngày 26 tháng 11 năm 2003;",
     None),
])
def test_adoption_date(source, line, day):
    m = ADOPTED_ON.search(line)
    assert (date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None) == day, source


@pytest.mark.parametrize("source,lines,number,title", [
    ("vinhlong-612-qd-ubnd-2020-quy-trinh-noi-bo-chan-nuoi.txt",
     ["Quyết định 612/QĐ-UBND năm 2020 về phê duyệt quy trình nội bộ thủ tục hành chính lĩnh vực Chăn nuôi"],
     "612/QĐ-UBND", "về phê duyệt quy trình nội bộ thủ tục hành chính lĩnh vực Chăn nuôi"),
    ("btnmt-3059-btnmt-tcbhdvn-2009-xin-y-kien-de-an-bien.txt ('do ... ban hành' left out)",
     ["Công văn 3059/BTNMT-TCBHĐVN xin ý kiến đối với dự thảo Đề án do Bộ Tài nguyên và Môi trường ban hành"],
     "3059/BTNMT-TCBHĐVN", "xin ý kiến đối với dự thảo Đề án"),
    ("hatinh-1281-qd-ubnd-2014-thu-tuc-hanh-chinh-so-y-te.txt (another document's number)",
     ["Quyết định 2519/QĐ-UBND 2015 công bố thủ tục hành chính"], "1281/QĐ-UBND", None),
])
def test_website_title_line(source, lines, number, title):
    assert portal_title(lines, number) == title, source


def test_title_case_from_the_documents_own_words():
    """hanoi-310-kh-ubnd-2025-ha-tang-5g-iot-khu-cong-nghiep.md: the body writes `IoT`."""
    body = ["Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao của Thành phố."]
    assert case_title("PHÁT TRIỂN HẠ TẦNG 5G, IOT TRONG CÁC KHU CÔNG NGHỆ CAO", [body]) == \
        "Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao"


@pytest.mark.parametrize("source,place,province", [
    ("phutho-4401-2010-qd-ubnd-2010-quy-hoach-cay-cao-su.txt (a seat)", "Việt Trì", "Phú Thọ"),
    ("hcm-1025-ubnd-dt-2009-dau-tu-ra-nuoc-ngoai.txt", "TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("hoabinh-21-2013-qd-ubnd-2013-cap-phep-xay-dung.txt (old tone placement)", "Hoà Bình", "Hòa Bình"),
    ("bgddt-3892-bgddt-gdtrh-2019-nhiem-vu-trung-hoc-ocr.txt (OCR)", "Hà Nơi", None),
])
def test_gazetteer_province_of_a_place_line(source, place, province):
    found = province_of(place)
    assert (found.name if found else None) == province, source


# ---- whole letterheads, one per layout --------------------------------------------------------

LAYOUTS = [
    ("bentre-1312-kh-ubnd-2013-pho-bien-phap-luat-nguoi-lao-dong.txt", "'|' lines between hard-wrapped cells",
     dict(doc_number="1312/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bến Tre", issue_date=date(2013, 3, 28))),
    ("camau-06-2014-qd-ubnd-2014-quy-che-hoat-dong-doi-ngoai.txt", "markdown cells, heading lost",
     dict(doc_type="Quyết định", issuer="Ủy ban nhân dân tỉnh Cà Mau",
          title="Ban hành Quy chế quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh Cà Mau")),
    ("hcm-1025-ubnd-dt-2009-dau-tu-ra-nuoc-ngoai.txt", "flattened lines, subject without V/v",
     dict(doc_type="Công văn", title="Về thúc đẩy đầu tư của Việt Nam ra nước ngoài",
          issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh")),
    ("laocai-sct-1050-qd-sct-2026-kiem-tra-vlncn.txt", "side-by-side columns (pdftotext -layout)",
     dict(issuer="Sở Công Thương tỉnh Lào Cai", doc_number="1050/QĐ-SCT",
          title="Kiểm tra việc chấp hành pháp luật trong sử dụng và bảo quản vật liệu nổ công nghiệp "
                "trên địa bàn tỉnh Lào Cai năm 2026")),
    ("cuchoachat-597-hc-qlhc-2026-giay-phep-xnk-hoa-chat.docx", "docx table",
     dict(issuer="Cục Hóa chất", doc_number="597/HC-QLHC", signer="Vương Thành Chung")),
    ("hanoi-15-ct-ubnd-2018-ky-luat-ngan-sach.txt", "paywall banner, markdown cells",
     dict(issuer="Ủy ban nhân dân thành phố Hà Nội", doc_type="Chỉ thị")),
    ("nghean-19-2011-nq-hdnd-2011-nhiem-vu-6-thang-cuoi-nam.txt", "portal box, session line",
     dict(issuer="Hội đồng nhân dân tỉnh Nghệ An", title="Về thực hiện nhiệm vụ 6 tháng cuối năm 2011")),
    ("daknong-qd-ubnd-2007-ke-hoach-khuyen-nong-khuyen-ngu.txt", "no letterhead: the authority line",
     dict(issuer="Ủy ban nhân dân tỉnh Đăk Nông", doc_type="Quyết định")),
    ("angiang-554-ubnd-kt-2006-treo-co-mekong-festival.txt", "signer glued to the title",
     dict(signer="Thái Hữu Phép")),
    ("cp-27-nq-cp-2010-thanh-lap-thanh-pho-tuyen-quang.txt", "signer in a portal box after the document",
     dict(signer="Nguyễn Tấn Dũng", issuer="Chính phủ")),
    ("haiduong-nq-hdnd-thanh-lap-thi-xa-chi-linh-wordseg.txt", "corpus text: type run into the title, no capitals",
     dict(doc_type="Nghị quyết", issuer="Hội đồng nhân dân tỉnh Hải Dương",
          title="Về việc thành lập thị xã Chí Linh thuộc tỉnh Hải Dương")),
    ("longan-tb-ubnd-2015-treo-co-dai-hoi-dang-bo-web.txt", "newspaper reprint: a byline above the title",
     dict(issuer="Ủy ban nhân dân tỉnh Long An", doc_type="Thông báo")),
]


@pytest.mark.parametrize("name,layout,fields", LAYOUTS, ids=[c[0][:30] for c in LAYOUTS])
def test_letterhead_layouts(corpus, parsed, name, layout, fields):
    path = corpus / "letterheads" / "docs" / name
    if not path.is_file():
        pytest.skip(f"letterhead absent: {name}")
    meta = parsed(path).meta
    for field, expected in fields.items():
        assert getattr(meta, field) == expected, (layout, field)


# A consolidated text (văn bản hợp nhất) authenticates itself in a block of its own, under
# XÁC THỰC VĂN BẢN HỢP NHẤT, wherever the copy sets it; that block, not the heading of the
# text it consolidates (THÔNG TƯ, NGHỊ ĐỊNH), gives its number, date, issuer and signer.
# (wild file, where the block stands, expected number, date, issuer, signer)
CONSOLIDATED = [
    ("hrmaster__van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt", "at the end",
     "1166/VBHN-BLĐTBXH", date(2024, 3, 22), "Bộ Lao động - Thương binh và Xã hội", "Lê Văn Thanh"),
    ("hrmaster__van-ban-hop-nhat-so-37-vbhn-bct-469648.txt", "before the annexes, footnotes after",
     "37/VBHN-BCT", date(2026, 5, 26), "Bộ Công Thương", "Trương Thanh Hoài"),
    ("hrmaster__van-ban-hop-nhat-so-10-vbhn-btc-469540.txt", "mid-text, amending circulars cited at the top",
     "10/VBHN-BTC", date(2026, 4, 20), "Bộ Tài chính", "Nguyễn Đức Chi"),
    ("hrmaster__van-ban-hop-nhat-so-2021-vbhn-bldtbxh-37407.txt", "heading between issuer and number",
     "2021/VBHN-BLĐTBXH", date(2022, 6, 16), "Bộ Lao động - Thương binh và Xã hội", "Lê Tấn Dũng"),
    ("hrmaster__van-ban-hop-nhat-so-2651-vbhn-bldtbxh-42111.pdf", "PDF: issuer over two lines",
     "2651/VBHN-BLĐTBXH", date(2024, 6, 21), "Bộ Lao động - Thương binh và Xã hội", "Lê Văn Thanh"),
    ("hrmaster__van-ban-hop-nhat-so-19-vbhn-vpqh-468972.txt", "a law's: office-holder without KT.",
     "19/VBHN-VPQH", date(2026, 2, 12), "Văn phòng Quốc hội", "Lê Quang Mạnh"),
]


@pytest.mark.parametrize("name,where,number,day,issuer,signer", CONSOLIDATED, ids=[c[0][29:60] for c in CONSOLIDATED])
def test_consolidated_text_authenticates_itself(corpus_file, parsed, name, where, number, day, issuer, signer):
    meta = parsed(corpus_file(f"wild/docs/{name}")).meta
    assert (meta.doc_number, meta.issue_date, meta.issuer, meta.signer, meta.doc_type) == (
        number, day, issuer, signer, "Văn bản hợp nhất"), where