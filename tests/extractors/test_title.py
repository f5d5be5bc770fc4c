"""The trích yếu: where it ends, and its letter case when printed in capitals (spec §5).

Table-driven from real cases; each case names its source file (letterheads under
../shared/corpus/letterheads/docs, gold documents under ../shared/corpus, wild ones under
../shared/wild/docs). The `texts` stand for the document's own lines a title takes its
letter case from (short phrases of the source)."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.portal import portal_title
from extractors.title import qualifier_fields, read_title
from extractors.title_case import case_title


@pytest.mark.parametrize("source,title,texts,cased", [
    ("quangtri-3330-qd-ubnd-2016-quy-hoach-khoang-san.txt (a common document word restated with a capital)",
     "PHÊ DUYỆT QUY HOẠCH THĂM DÒ, KHAI THÁC, SỬ DỤNG KHOÁNG SẢN",
     [["Điều 1. Phê duyệt Quy hoạch thăm dò, khai thác, sử dụng khoáng sản tỉnh"]],
     "Phê duyệt quy hoạch thăm dò, khai thác, sử dụng khoáng sản"),
    ("tiengiang-25-nq-hdnd-2021-ke-hoach-ktxh-2021-2025.txt (the same, after 'Về')",
     "VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH TIỀN GIANG",
     [["Điều 1. Thông qua Kế hoạch phát triển kinh tế - xã hội tỉnh Tiền Giang 5 năm"]],
     "Về kế hoạch phát triển kinh tế - xã hội tỉnh Tiền Giang"),
    ("ttg-60-2002-qd-ttg-2002-quy-hoach-ktxh-ha-noi.txt (the master plan of a territory is named)",
     "PHÊ DUYỆT QUY HOẠCH TỔNG THỂ PHÁT TRIỂN KINH TẾ - XÃ HỘI",
     [["duyệt Quy hoạch tổng thể phát triển kinh tế - xã hội Thủ đô"]],
     "Phê duyệt Quy hoạch tổng thể phát triển kinh tế - xã hội"),
    ("bvhttdl-qd-4385-qd-bvhttdl-2025-ke-hoach-quy-hoach-mang-luoi.md (a plan carried out names a document)",
     "THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ",
     [["thực hiện Quy hoạch mạng lưới cơ sở", "Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở"]],
     "Thực hiện Quy hoạch mạng lưới cơ sở"),
    ("gialai-77-2006-qd-ubnd-2006-cai-cach-hanh-chinh.txt (a capital the text gives once is emphasis)",
     "CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC CỦA TỈNH",
     [["Chương trình cải cách hành chính Nhà nước của tỉnh giai đoạn"]],
     "Cải cách hành chính nhà nước của tỉnh"),
    ("daknong-08-2023-qd-ubnd-2023-von-dau-tu-cong-dong-ctmtqg.txt (a field's name is no proper name)",
     "VỐN ĐẦU TƯ NGUỒN NGÂN SÁCH NHÀ NƯỚC GIAO CHO CỘNG ĐỒNG",
     [["vốn đầu tư nguồn Ngân sách nhà nước giao cho cộng đồng"]],
     "Vốn đầu tư nguồn ngân sách nhà nước giao cho cộng đồng"),
    ("hanoi-161-kh-ubnd-2023-excerpt.txt (a name the text writes with capitals, more than once)",
     "GIA NHẬP MẠNG LƯỚI CÁC THÀNH PHỐ SÁNG TẠO",
     [["gia nhập Mạng lưới các Thành phố Sáng tạo của UNESCO", "là thành viên Mạng lưới các Thành phố Sáng tạo"]],
     "Gia nhập Mạng lưới các Thành phố Sáng tạo"),
    ("ttg-232-qd-ttg-2019-quy-hoach-khu-kinh-te-van-don.txt (a named zone, a name in capitals)",
     "XÂY DỰNG KHU KINH TẾ VÂN ĐỒN ĐẾN NĂM 2040",
     [["chung xây dựng Khu kinh tế Vân Đồn đến năm 2040"]],
     "Xây dựng Khu kinh tế Vân Đồn đến năm 2040"),
    ("ninhbinh-232-qd-ubnd-2019-thu-tuc-hanh-chinh-sgddt.txt (a registry body after a linking word)",
     "THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ GIÁO DỤC VÀ ĐÀO TẠO",
     [["thuộc thẩm quyền giải quyết của sở Giáo dục và Đào tạo."]],
     "Thuộc thẩm quyền giải quyết của Sở Giáo dục và Đào tạo"),
    ("yenbai-10-2009-nq-hdnd-2009-dieu-chinh-quy-hoach-ktxh.txt (a website's line opens the trích yếu with a capital)",
     "VỀ VIỆC PHÊ DUYỆT ĐIỀU CHỈNH QUY HOẠCH",
     [[], ["của Hội đồng nhân dân tỉnh Yên Bái Phê duyệt điều chỉnh quy hoạch tổng thể"]],
     "Về việc phê duyệt điều chỉnh quy hoạch"),
    ("nhnn-03-2024-tt-nhnn-2024-mua-ban-no-xau-vamc.txt ('một số điều' cites no article)",
     "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ 19/2013/TT-NHNN",
     [["sửa đổi, bổ sung một số Điều của Thông tư 19/2013/TT-NHNN"]],
     "Sửa đổi, bổ sung một số điều của Thông tư 19/2013/TT-NHNN"),
    ("thainguyen-48-2012-qd-ubnd-2012-thu-thue-gtgt-xay-dung.txt ('quy định về' names no document)",
     "BAN HÀNH QUY ĐỊNH VỀ CƠ CHẾ THU THUẾ", [], "Ban hành quy định về cơ chế thu thuế"),
    ("bnn-674-qd-bnn-khcn-2014-san-pham-ca-da-tron.txt (a quoted name after its document)",
     "PHÊ DUYỆT ĐỀ ÁN KHUNG SẢN PHẨM QUỐC GIA “SẢN PHẨM CÁ DA TRƠN”", [],
     "Phê duyệt Đề án khung sản phẩm quốc gia “Sản phẩm cá da trơn”"),
    ("bca-12-hd-bca-v05-2024-tieu-chi-an-ninh-trat-tu-do-thi.txt (a quote after 'về' names a matter)",
     "THỰC HIỆN TIÊU CHÍ SỐ 4 VỀ “AN NINH, TRẬT TỰ ĐÔ THỊ”", [],
     "Thực hiện tiêu chí số 4 về “an ninh, trật tự đô thị”"),
    ("wild luatvietnam__Doc-14222559.doc (a capital after a linking word opens a body's name)",
     "MỤC TIÊU CỦA LIÊN HỢP QUỐC TRONG LĨNH VỰC Y TẾ",
     [["các Mục tiêu của Liên hợp quốc trong lĩnh vực y tế"]], "Mục tiêu của Liên hợp quốc trong lĩnh vực y tế"),
    ("wild tnt305__dataset-626bc5de0254525c.md (an office-holder's title)",
     "THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA CHỦ TỊCH UBND TỈNH",
     [["thẩm quyền giải quyết của Chủ tịch UBND tỉnh"]], "Thuộc thẩm quyền giải quyết của Chủ tịch UBND tỉnh"),
    ("wild tnt305__dataset-692e12b0ab77712a.md (a quoted name, its quote mark the closing one)",
     "PHÁT ĐỘNG, TRIỂN KHAI ”CHIẾN DỊCH QUANG TRUNG” THẦN TỐC",
     [["triển khai ”Chiến dịch Quang Trung” thần tốc"]], "Phát động, triển khai ”Chiến dịch Quang Trung” thần tốc"),
    ("wild tnt305__dataset-f75757b004ba80c7.md (a registered body's field after 'ngành')",
     "THUỘC PHẠM VI CHỨC NĂNG CỦA NGÀNH DÂN TỘC VÀ TÔN GIÁO TỈNH ĐỒNG NAI",
     [["chức năng của ngành Dân tộc và Tôn giáo tỉnh Đồng Nai"]],
     "Thuộc phạm vi chức năng của ngành Dân tộc và Tôn giáo tỉnh Đồng Nai"),
])
def test_title_letter_case(source, title, texts, cased):
    assert case_title(title, texts) == cased, source


@pytest.mark.parametrize("source,texts,title", [
    ("vpcp-ttr-vpcp-2016-du-thao-quy-che-lam-viec-cp.txt (how it is put forward is no part of it)",
     ["TỜ TRÌNH", "Về dự thảo Nghị định ban hành Quy chế làm việc của Chính phủ (sửa đổi) "
                  "(trình phiên họp Chính phủ thường kỳ tháng 8/2016)"],
     "Về dự thảo Nghị định ban hành Quy chế làm việc của Chính phủ (sửa đổi)"),
    ("daklak-10-2008-nq-hdnd-2008-phan-cap-tai-san-nha-nuoc.txt (a heading cut where the copy ends)",
     ["NGHỊ QUYẾ"], None),
    ("vpcp-bnv-02-2011-ttlt-2011-van-phong-ubnd-tinh.txt (a title cut to one word)",
     ["THÔNG TƯ LIÊN TỊCH", "HƯỚN"], None),
    ("angiang-09-2006-nq-hdnd-2006-bau-bo-sung-pho-chu-tich.txt (the office the title names, its words glued)",
     ["NGHỊ QUYẾT", "VỀ VIỆC BẦU CỬ BỔ SUNG PHÓ CHỦTỊCH HĐND TỈNH AN GIANG KHÓA VII",
      "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG", "KHÓA VII KỲ HỌP THỨ 6 (BẤT THƯỜNG)"],
     "VỀ VIỆC BẦU CỬ BỔ SUNG PHÓ CHỦ TỊCH HĐND TỈNH AN GIANG KHÓA VII"),
    ("wild luatvietnam__Doc-14222595.doc (the rule drawn under the title)",
     ["QUYẾT ĐỊNH", "VỀ VIỆC HỖ TRỢ GẠO DỊP TẾT NGUYÊN ĐÁN", "--------------------", "THỦ TƯỚNG CHÍNH PHỦ"],
     "VỀ VIỆC HỖ TRỢ GẠO DỊP TẾT NGUYÊN ĐÁN"),
    ("wild luatvietnam__Doc-10403038.doc (the rule run onto the title's line)",
     ["QUYẾT ĐỊNH", "VỀ THÀNH LẬP TRUNG TÂM ----------- CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"],
     "VỀ THÀNH LẬP TRUNG TÂM"),
    ("ninhthuan-55-2007-qd-ubnd-2007-tien-bo-phu-nu.txt (an issuing verb whose words a copy glued)",
     ["QUYẾT ĐỊNH", "BANHÀNH KẾ HOẠCH HÀNH ĐỘNG"], "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG"),
    ("wild hrmaster__nghi-dinh-so-121-2026-nd-cp-469354.pdf (the body's first words run onto its line)",
     ["NGHỊ ĐỊNH", "Quy định về sắp xếp lại, giải thể tổ chức hành chính Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15"],
     "Quy định về sắp xếp lại, giải thể tổ chức hành chính"),
    ("wild trangsct__giay-moi-hop-ubnd.docx (the meeting a heading invites to is its type's word)",
     ["GIẤY MỜI HỌP", "Về tình hình triển khai các cụm công nghiệp trên địa bàn tỉnh."],
     "Về tình hình triển khai các cụm công nghiệp trên địa bàn tỉnh"),
])
def test_title_ends(source, texts, title):
    assert read_title(texts, None, None)[1] == title, source


@pytest.mark.parametrize("source,lines,number,opening,title", [
    ("daklak-10-2008-nq-hdnd-2008-phan-cap-tai-san-nha-nuoc.txt (after the date and the issuer)",
     ["• Nghị quyết số 10/2008/NQ-HĐND ngày 11/07/2008 của Hội đồng nhân dân tỉnh Đắk Lắk "
      "Về phân cấp quản lý nhà nước (Văn bản hết hiệu lực)"], "10/2008/NQ-HĐND", None,
     "Về phân cấp quản lý nhà nước"),
    ("vpcp-bnv-02-2011-ttlt-2011-van-phong-ubnd-tinh.txt (where the copy's cut title opens)",
     ["• Thông tư liên tịch số 02/2011/TTLT-VPCP-BNV ngày 28/01/2011 giữa Chủ nhiệm Văn Phòng Chính Phủ "
      "và Bộ trưởng Bộ Nội vụ Hướng dẫn về chức năng, nhiệm vụ (Văn bản hết hiệu lực)"],
     "02/2011/TTLT-VPCP-BNV", "HƯỚN", "Hướng dẫn về chức năng, nhiệm vụ"),
])
def test_website_title_line_after_its_issuer(source, lines, number, opening, title):
    assert portal_title(lines, number, opening=opening) == title, source


@pytest.mark.parametrize("source,texts,number,day", [
    ("wild luatvietnam__Doc-10209512.doc (an old heading's qualifier)",
     ["NGHỊ ĐỊNH", "CỦA CHÍNH PHỦ SỐ 01/2010/NĐ-CP NGÀY 04 THÁNG 01 NĂM 2010", "VỀ CHÀO BÁN CỔ PHẦN RIÊNG LẺ"],
     "01/2010/NĐ-CP", date(2010, 1, 4)),
    ("hcm-120-2003-qd-ub-2003-de-cuong-quy-hoach-cong-nghiep.txt (a qualifier with no number)",
     ["QUYẾT ĐỊNH", "CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT ĐỀ CƯƠNG"], None, None),
])
def test_old_heading_qualifier(source, texts, number, day):
    assert qualifier_fields(texts) == (number, day), source
