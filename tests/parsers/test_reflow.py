"""Rejoining hard-wrapped lines into paragraphs."""
from __future__ import annotations

from pathlib import Path

import pytest

from parsers.grammar.numbering import find_marker
from parsers.reflow import INLINE_ENUMERATION, reflow, starts_item

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WRAPPED = "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt"


def texts(lines: list[str]) -> list[str]:
    return [t for t, _ in reflow(lines)]


@pytest.mark.parametrize("lines, expected", [
    # a wrap: no terminal punctuation, the next line goes on in lower case
    (["Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan đề xuất việc sử dụng vốn",
      "từ ngân sách nhà nước."],
     ["Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan đề xuất việc sử dụng vốn từ ngân sách nhà nước."]),
    # a numbered item is never glued onto the line before
    (["1. Mục đích", "2. Yêu cầu"], ["1. Mục đích", "2. Yêu cầu"]),
    (["- Sở Công Thương chủ trì tham mưu thực hiện thủ tục thành lập CCN theo quy",
      "định pháp luật", "- Ủy ban nhân dân cấp xã hướng dẫn nhà đầu tư"],
     ["- Sở Công Thương chủ trì tham mưu thực hiện thủ tục thành lập CCN theo quy định pháp luật",
      "- Ủy ban nhân dân cấp xã hướng dẫn nhà đầu tư"]),
    (["nội dung như sau:", "a) Kiểm tra hồ sơ", "đ) Báo cáo kết quả", "+ Lập danh sách",
      "I. MỤC ĐÍCH", "Điều 1. Ban hành", "PHỤ LỤC II"],
     ["nội dung như sau:", "a) Kiểm tra hồ sơ", "đ) Báo cáo kết quả", "+ Lập danh sách",
      "I. MỤC ĐÍCH", "Điều 1. Ban hành", "PHỤ LỤC II"]),
    # an all-caps heading is not joined with body text, but a wrapped heading is
    (["KẾ HOẠCH", "Thực hiện Nghị quyết số 34-NQ/TU"], ["KẾ HOẠCH", "Thực hiện Nghị quyết số 34-NQ/TU"]),
    (["II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG TRONG NĂM",
      "HAI NGHÌN KHÔNG TRĂM HAI MƯƠI SÁU"],
     ["II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG TRONG NĂM HAI NGHÌN KHÔNG TRĂM HAI MƯƠI SÁU"]),
    # a line that ends a sentence or a lead-in ends the paragraph
    (["Thông tư có hiệu lực từ ngày 10/4/2026.", "Bộ Công Thương đề nghị"],
     ["Thông tư có hiệu lực từ ngày 10/4/2026.", "Bộ Công Thương đề nghị"]),
    # a word broken after a hyphen is joined without a space; a hyphen that was wrapped is not a bullet
    (["theo Nghị định số 217/2025/NĐ-", "CP ngày 05/8/2025 của Chính phủ quy định về hoạt động kiểm tra chuyên",
      "ngành và hiệu quả kinh tế", "- xã hội của dự án."],
     ["theo Nghị định số 217/2025/NĐ-CP ngày 05/8/2025 của Chính phủ quy định về hoạt động kiểm tra "
      "chuyên ngành và hiệu quả kinh tế - xã hội của dự án."]),
    # a line that opens with a number that is not a list label continues
    (["Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành Quyết định số", "1074/QĐ-BXD về việc ban hành"],
     ["Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành Quyết định số 1074/QĐ-BXD về việc ban hành"]),
    # letterhead lines stand alone
    (["Số: 134 /KH-UBND", "V/v triển khai thực hiện Quyết định số", "1074/QĐ-BXD ngày 29/6/2026"],
     ["Số: 134 /KH-UBND", "V/v triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026"]),
    (["Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày 26 tháng 3 năm 2026", "Kính gửi: Sở Tài chính"],
     ["Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày 26 tháng 3 năm 2026", "Kính gửi: Sở Tài chính"]),
    # columns side by side stand alone
    (["ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LÀO CAI"],
     ["ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LÀO CAI"]),
    # a title-case appendix reference inside a sentence continues it
    (["Chuẩn bị báo cáo theo Đề cương báo cáo tại", "Phụ lục II kèm theo Kế hoạch này."],
     ["Chuẩn bị báo cáo theo Đề cương báo cáo tại Phụ lục II kèm theo Kế hoạch này."]),
])
def test_reflow_cases(lines, expected):
    assert texts(lines) == expected


def test_indices_and_blank_lines():
    lines = ["Căn cứ Nghị định số 35/2022/NĐ-CP ngày 28 tháng 5 năm 2022 của Chính",
             "phủ về quản lý khu công nghiệp;", "", "", "1. Mục đích"]
    assert reflow(lines) == [
        ("Căn cứ Nghị định số 35/2022/NĐ-CP ngày 28 tháng 5 năm 2022 của Chính phủ về quản lý khu công nghiệp;", [0, 1]),
        ("1. Mục đích", [4]),
    ]
    assert reflow([]) == [] and reflow(["", "  "]) == []


def test_indentation_tells_paragraphs_apart():
    """First-line indents: a sentence that ends at the line end goes on at the margin."""
    lines = [
        "      Tổ chức triển khai kịp thời, thống nhất, hiệu quả các quy định về quản lý phát",
        "triển khu, cụm công nghiệp trên địa bàn tỉnh và các phường, xã trong năm nay.",
        "Phát triển các khu, cụm công nghiệp trên cơ sở sử dụng có hiệu quả các lợi thế",
        "về tài nguyên, lao động của địa phương.",
        "      Xây dựng lộ trình, phân bổ nguồn lực, phân công nhiệm vụ cho từng đơn vị tổ",
        "chức triển khai thực hiện.",
        "      1. Mục đích",
        "      Cụ thể hóa Nghị quyết số 34-NQ/TU ngày 27 tháng 12 năm 2025 của Ban thường",
        "vụ Tỉnh ủy.",
    ]
    out = reflow(lines)
    assert [idx for _, idx in out] == [[0, 1, 2, 3], [4, 5], [6], [7, 8]]


@pytest.mark.parametrize("lines, joined", [
    # a colon at a full line's end, the next line back at the margin: one paragraph
    # (laocai-cv-ubnd-kt-di-doi item 5 on a wider page: `... và UBND các phường:` + `Yên Bái, ...`;
    # laocai-sct-kh-de-an-08 in Carlito: `... giải phóng mặt bằng:` + `tăng cường đối thoại, ...`)
    (["      5. Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan và các phường:",
      "Yên Bái, Văn Phú tăng cường hướng dẫn, kiểm tra, giám sát việc chấp hành quy định về đất"],
     True),
    (["      - Phối hợp tập trung giải quyết triệt để điểm nghẽn về giải phóng mặt bằng của dự án:",
      "tăng cường đối thoại, phân cấp nhiệm vụ về cấp xã, chủ động tạo quỹ đất sạch trước khi"],
     True),
    # an indented line after the colon starts a paragraph of its own
    (["      5. Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan và các phường:",
      "      Yên Bái, Văn Phú tăng cường hướng dẫn, kiểm tra, giám sát việc chấp hành quy định"],
     False),
])
def test_colon_at_a_full_line_end_in_an_indented_text(lines, joined):
    body = [
        "      Tổ chức triển khai kịp thời, thống nhất, hiệu quả các quy định về quản lý phát",
        "triển khu, cụm công nghiệp trên địa bàn tỉnh và các phường, xã trong năm nay.",
        "      Xây dựng lộ trình, phân bổ nguồn lực, phân công nhiệm vụ cho từng đơn vị tổ",
        "chức triển khai thực hiện.",
    ]
    out = reflow(body + lines)
    assert (len(out) == len(reflow(body)) + 1) == joined


def test_a_dash_after_a_full_line_of_running_text_is_no_bullet():
    """laocai-sct-kh-3957 in DejaVu Sans: a company's name wrapped before its dash; a bullet
    after an item's heading or a short line stays a bullet."""
    lines = ["Xét đề nghị của 19 đơn vị gồm: Công ty cổ phần Thịnh Đạt tại Văn bản số",
             "05/ĐN-Cty ngày 23/6/2026; Công ty cổ phần đường sắt Yên Lào",
             "– Chi nhánh sản xuất vật liệu Lâm Giang tại Văn bản ngày",
             "22/6/2026; Công ty Cổ phần Kim Thành tại văn bản số 24.6/GĐN.",
             "2. Sở Tài chính chủ trì, phối hợp với các sở, ngành thực hiện",
             "- Tham mưu bố trí vốn đầu tư kết cấu hạ tầng theo khả năng ngân sách;",
             "- Hướng dẫn các đơn vị lập danh mục dự án thu hút đầu tư.",
             "Các đơn vị gồm",
             "- Sở Công Thương."]
    assert [idx for _, idx in reflow(lines)] == [[0, 1, 2, 3], [4], [5], [6], [7], [8]]
    # a signer's name set far right over the recipients' list (ragdemo__NQso11.2025.pdf)
    signed = ["- Các Ban của HĐND Thành phố;", "- Văn phòng Thành ủy, các Ban Đảng Thành ủy;",
              "                                   Nguyễn Ngọc Tuấn", "- VP HĐNDTP, VP UBNDTP;"]
    assert len(reflow(signed)) == 4


def test_starts_item():
    assert starts_item(None, "1.1. Kiện toàn thành viên")
    assert starts_item("như sau:", "- Đơn vị chủ trì: Sở Văn hóa và Thể thao.")
    assert starts_item(None, "a/. Tên Công ty:")
    assert not starts_item("hiệu quả kinh tế", "- xã hội")
    assert not starts_item(None, "01 tháng 7 năm 2028 theo yêu cầu")
    assert not starts_item(None, "1.050 tỷ đồng")
    # laocai-134 V.5: an inline enumeration wrapped onto its own line
    assert not starts_item("chuyển đổi số trong công nghiệp. Cụ thể:",
                           "(i) Rà soát, đánh giá trình độ công nghệ của doanh nghiệp; (ii)")
    assert starts_item("như sau:", "(i) Rà soát, đánh giá trình độ công nghệ của doanh nghiệp;")


def _corpus_lines() -> list[str]:
    path = CORPUS / WRAPPED
    if not path.is_file():
        pytest.skip("shared corpus not available")
    return path.read_text(encoding="utf-8").split("\n")


def test_corpus_items_come_out_whole():
    """Every list marker that starts a source line starts exactly one paragraph, and
    no paragraph swallowed a line that starts an item; but an enumeration run into a
    sentence (`Cụ thể:` + `(i) Rà soát ...; (ii) ...`, V.5) stays in its sentence."""
    lines = _corpus_lines()
    paragraphs = reflow(lines)

    def item(line: str) -> bool:
        return bool(line.strip()) and bool(find_marker(line.strip())[0]) \
            and not INLINE_ENUMERATION.match(line.strip())
    marker_lines = [i for i, ln in enumerate(lines) if item(ln)]
    marker_paragraphs = [idx[0] for t, idx in paragraphs if find_marker(t)[0]]
    assert len(marker_lines) >= 100
    assert marker_paragraphs == marker_lines
    for _, idx in paragraphs:
        for j in idx[1:]:
            assert not item(lines[j]), lines[j]
    v5 = next(t for t, _ in paragraphs if t.startswith("Chủ trì phối hợp với các đơn vị triển khai"))
    assert "Cụ thể: (i) Rà soát" in v5 and "(iii) Phối hợp với Ban Quản lý Khu kinh tế" in v5


def test_corpus_every_line_used_once_and_wraps_joined():
    lines = _corpus_lines()
    paragraphs = reflow(lines)
    used = [j for _, idx in paragraphs for j in idx]
    assert used == [i for i, ln in enumerate(lines) if ln.strip()]
    # most paragraphs were hard-wrapped: fewer paragraphs than half the lines
    assert len(paragraphs) < 0.5 * len(used)
    # a numbered heading wrapped onto a second line comes out whole
    heading = next(t for t, _ in paragraphs if t.startswith("1. Tập trung phát triển bền vững"))
    assert heading.endswith("đã thành lập")


def test_corpus_no_marker_glued_after_a_wrap():
    lines = _corpus_lines()
    for text, idx in reflow(lines):
        joined_at = []
        pos = len(lines[idx[0]].strip())
        for j in idx[1:]:
            joined_at.append(pos)
            pos += 1 + len(lines[j].strip())
        for p in joined_at:
            tail = text[p:].lstrip()
            marker, _ = find_marker(tail)
            assert marker is None or marker.style == "paren", text[max(0, p - 30):p + 30]


@pytest.mark.parametrize("lines, expected", [
    # a label alone on its line takes the next one (bvhttdl-cv-6386: `-` + `Nghiên cứu, ...`)
    (["-", "Nghiên cứu, hoàn thiện các quy định.", "2.", "Tăng cường bồi dưỡng giảng viên"],
     ["- Nghiên cứu, hoàn thiện các quy định.", "2. Tăng cường bồi dưỡng giảng viên"]),
    # a Markdown strong run goes on over a wrap
    (["**A.", "ĐÀO TẠO ĐẠI HỌC VÀ GIÁO DỤC NGHỀ NGHIỆP**"], ["**A. ĐÀO TẠO ĐẠI HỌC VÀ GIÁO DỤC NGHỀ NGHIỆP**"]),
    (["**1. Sở", "Khoa học và Công nghệ**", "- Chủ trì thẩm định"],
     ["**1. Sở Khoa học và Công nghệ**", "- Chủ trì thẩm định"]),
    # a word that awaits a number or a name goes on, even before a number or a capital
    (["**Điều", "30. Cập nhật dữ liệu và chế độ báo cáo**"], ["**Điều 30. Cập nhật dữ liệu và chế độ báo cáo**"]),
    (["+ Sở", "Xây dựng: hướng dẫn các cơ quan thực hiện kiểm kê"],
     ["+ Sở Xây dựng: hướng dẫn các cơ quan thực hiện kiểm kê"]),
    # a one-word capitals line wraps a heading; the type heading stands alone
    (["**KẾ HOẠCH**", "THỰC", "HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG"], ["**KẾ HOẠCH**", "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG"]),
    (["CHỈ THỊ", "VỀ", "VIỆC TĂNG CƯỜNG THỰC HIỆN CÁC GIẢI PHÁP"], ["CHỈ THỊ", "VỀ VIỆC TĂNG CƯỜNG THỰC HIỆN CÁC GIẢI PHÁP"]),
    # clauses of one sentence: a lower-case line after `;`
    (["gắn với nhu cầu thực tiễn phát triển ngành và địa phương;", "đẩy mạnh đầu tư cho các phòng thí nghiệm."],
     ["gắn với nhu cầu thực tiễn phát triển ngành và địa phương; đẩy mạnh đầu tư cho các phòng thí nghiệm."]),
    # a line that ends on a joining word, or inside a place name, goes on
    (["Chủ trì, phối hợp với", "Sở Tài chính thực hiện."], ["Chủ trì, phối hợp với Sở Tài chính thực hiện."]),
    (["Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào", "Cai theo hướng xanh"],
     ["Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào Cai theo hướng xanh"]),
    # a dash between a person's name and the office held is no bullet (lamdong-tb-so-khcn printed
    # on a narrow page); a title under a heading is one
    (["Kết luận của đồng chí Nguyễn Ngọc Phúc", "- Phó Chủ tịch UBND tỉnh tại buổi làm việc"],
     ["Kết luận của đồng chí Nguyễn Ngọc Phúc - Phó Chủ tịch UBND tỉnh tại buổi làm việc"]),
    (["2. Sở Tài chính", "- Giám đốc Sở chủ trì"], ["2. Sở Tài chính", "- Giám đốc Sở chủ trì"]),
    # or the person's rank in the Party (lamdong-tb-ubnd-ket-luan-pci printed in Carlito)
    (["thông báo kết luận của đồng chí Nguyễn Ngọc Phúc", "- Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh để các cơ quan"],
     ["thông báo kết luận của đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh để các cơ quan"]),
    # a count with a leading zero awaits its noun (quangngai-565's title)
    (["Kết luận tại cuộc họp nghe báo cáo tiến độ triển khai thực hiện 02", "Chương trình MTQG: Phát triển"],
     ["Kết luận tại cuộc họp nghe báo cáo tiến độ triển khai thực hiện 02 Chương trình MTQG: Phát triển"]),
    # an office title goes on only into the body it heads; a signature's title stands alone
    (["Quyết định số 991/QĐ-TTg của Thủ tướng", "Chính phủ phê duyệt Quy hoạch"],
     ["Quyết định số 991/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Quy hoạch"]),
    (["Phó Chủ tịch", "(Đã ký)", "Nghiêm Xuân Cường"], ["Phó Chủ tịch", "(Đã ký)", "Nghiêm Xuân Cường"]),
    # a lower-case line after a colon goes on (bvhttdl-cv-6386's footnote [5])
    (["[5] Các Quyết định của Thủ tướng Chính phủ phê duyệt, cụ thể:", "số 1341/QĐ-TTg ngày 08/7/2016"],
     ["[5] Các Quyết định của Thủ tướng Chính phủ phê duyệt, cụ thể: số 1341/QĐ-TTg ngày 08/7/2016"]),
    # a field label after a sentence starts a paragraph
    (["Lãnh đạo phụ trách: Phó giám đốc Nguyễn Văn A.", "Đơn vị chủ trì: Phòng Quản lý Công nghiệp."],
     ["Lãnh đạo phụ trách: Phó giám đốc Nguyễn Văn A.", "Đơn vị chủ trì: Phòng Quản lý Công nghiệp."]),
    # a dash between two places is no bullet (laocai-sct-kh-de-an-08 printed in DejaVu Sans:
    # `... đường sắt tốc độ cao Lào Cai` + `- Hải Phòng.`; ttg-ct-07's `Nội Bài - Lào Cai`)
    (["các ga đường sắt tốc độ cao Lào Cai", "- Hải Phòng. Đôn đốc hoàn thiện hạ tầng"],
     ["các ga đường sắt tốc độ cao Lào Cai - Hải Phòng. Đôn đốc hoàn thiện hạ tầng"]),
    (["2. Ủy ban nhân dân tỉnh Lào Cai", "- Chủ trì rà soát quy hoạch"],
     ["2. Ủy ban nhân dân tỉnh Lào Cai", "- Chủ trì rà soát quy hoạch"]),
    (["2. Các đơn vị phối hợp", "- Ủy ban nhân dân tỉnh Hà Giang chủ trì"],
     ["2. Các đơn vị phối hợp", "- Ủy ban nhân dân tỉnh Hà Giang chủ trì"]),
])
def test_reflow_layouts_of_real_copies(lines, expected):
    assert texts(lines) == expected


@pytest.mark.parametrize("source,lines", [
    # a name's head word glued to the emphasis mark that closes an article's number, or to
    # the mark and parenthesis that open an aside, awaits the rest of the name
    ("wild/docs/tnt305__dataset-00e8b0e4daffc2ef.md",
     ["**Điều 2. **Sở", "Công Thương có trách nhiệm chủ trì, phối hợp với các cơ quan, UBND các xã, phường,"]),
    ("wild/docs/tnt305__dataset-24ac05c2c7c4518e.md",
     ["**Điều 2. **Sở", "Y tế, UBND cấp xã và các cơ quan, đơn vị có liên quan"]),
    ("wild/docs/tnt305__dataset-46cf026ac548f4bd.md",
     ["**Điều 4. **Chánh Văn phòng", "UBND tỉnh, Giám đốc Sở Công Thương, Thủ trưởng các"]),
    ("quangngai-1627-qd-ubnd-2025-ke-hoach-tong-kiem-ke-tai-san-cong.md",
     ["nghiệp phản hồi về Ban Chỉ đạo (*qua Sở", "Tài chính, Phòng Kinh tế cấp xã*) để xem xét, chỉ đạo"]),
    ("wild/docs/tnt305__dataset-3a2db039af8c2d05.md",
     ["c) Phối hợp Sở Nội vụ *(Ban", "Thi đua - Khen thưởng) *tiến hành họp xét, đánh giá, xét thi đua, đề nghị"]),
    # a part of a document cited after a word that must be followed is no heading
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     ["đã chuyển quyền sử dụng đất nhưng chưa làm thủ tục chuyển quyền được quy định tại",
      "Mục 2 Phần XI của “Phần C. TRÌNH TỰ, THỦ TỤC ĐĂNG KÝ ĐẤT ĐAI,"]),
    ("wild/docs/tnt305__dataset-994dfbc3967e5ebf.md",
     ["của “Phần C. TRÌNH TỰ, THỦ TỤC ĐĂNG KÝ ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT” thuộc",
      "Phần V của Phụ lục I kèm theo Nghị định số 151/2025/NĐ-CP ngày 12/6/2025 của"]),
    ("wild/docs/tnt305__dataset-99ab397713e2ce12.md",
     ["làm việc dưới 08 giờ, được xác định trên cơ sở mức chi theo tháng quy định tại",
      "Mục I Phụ lục này chia cho 26 ngày, chia cho 08 giờ và nhân với hệ số 1,3."]),
])
def test_a_wrap_inside_a_name_or_a_citation_goes_on(source, lines):
    assert texts(lines) == [" ".join(lines)], source


@pytest.mark.parametrize("lines", [
    # a part's heading after a finished sentence, or a heading alone, stays a heading
    ["Quyết định này có hiệu lực kể từ ngày ký.", "Chương II"],
    ["Phần V", "TỔ CHỨC THỰC HIỆN"],
])
def test_a_parts_heading_still_stands_alone(lines):
    assert texts(lines) == lines


def test_capitals_lines_of_a_centred_letterhead_stand_apart():
    """`UBND TỈNH LÀO CAI` over `SỞ CÔNG THƯƠNG`, centred, among full-width body lines."""
    body = ["Tổ chức triển khai kịp thời, thống nhất, hiệu quả các quy định về quản lý phát triển khu"] * 6
    out = texts(["  UBND TỈNH LÀO CAI", " SỞ CÔNG THƯƠNG", ""] + body)
    assert out[:2] == ["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG"]


def test_a_line_after_a_centred_line_starts_a_paragraph():
    """Indented text: a line back at the margin after a short, centred title line is the
    body's first line (quangngai-07-ct-ubnd-2018 page 1, a seal over the first-line indent)."""
    body = "thi hành Luật tố tụng hành chính; việc tổ chức thi hành những bản án, quyết định"
    lines = ["              Về việc tăng cường công tác thi hành án hành chính",
             "                         trên địa bàn tỉnh Quảng Ngãi",
             "Trong thời gian qua, công tác triển khai " + body] + [body] * 3 + ["     " + body] * 2
    out = texts(lines)
    assert out[0] == "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi"
    assert out[1].startswith("Trong thời gian qua")


def test_paragraphs_that_stand_apart():
    """A gap before every item: a sentence that ends a full line goes on with the next line."""
    full = "Chỉ đạo Ban quản lý khu kinh tế và các sở, ngành liên quan rà soát các dự án đầu tư xây dựng"
    lines = []
    for k in range(6):
        lines += ["", f"{k + 1}. {full}", full[:80] + " KCN, CCN.", "Tập trung chỉ đạo đẩy nhanh tiến độ."]
    out = texts(lines)
    assert len(out) == 6 and all("CCN. Tập trung" in t for t in out)
    assert len(texts(lines[:4])) == 2       # one item tells nothing: the sentence end ends it


def test_a_document_whose_paragraphs_stand_apart_joins_its_short_first_lines():
    """Where the document sets a blank line before its paragraphs (told to reflow, which
    then sees one paragraph's lines at a time), a line of running text that no punctuation
    ends goes on with the next, though shorter than the rest (copies whose first lines stop
    short); where it does not, a short line before a capital starts a paragraph."""
    lines = ["c) Giao Bộ Xây dựng chủ trì, làm việc với UBND tỉnh",
             "Đồng Nai, ACV để thống nhất việc đầu tư đoạn kết nối 1,9km vào Cảng hàng không"]
    assert len(texts(lines)) == 2
    assert len(reflow(lines, spaced=True)) == 1
    signature = ["(Đã ký)", "Nguyễn Văn An"]          # no running text: stays apart
    assert len(reflow(signature, spaced=True)) == 2


# (corpus file, a paragraph's start, the words of its next line that must stay in it)
SHORT_FIRST_LINES = [
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md", "c) Giao Bộ Xây dựng chủ trì, làm việc với UBND tỉnh",
     "Đồng Nai, ACV"),
    ("wild/docs/tnt305__dataset-50f694478a35aefd.md", "Các bộ, cơ quan liên quan chịu trách nhiệm trước Đảng,",
     "Chính phủ, Thủ tướng Chính phủ"),
    ("cp-nq-380-nq-cp-2025-khac-phuc-thien-tai-mien-trung.md", "- Phối hợp với Bộ Công Thương,",
     "Bộ Tài chính khẩn trương"),
]


@pytest.mark.parametrize("name, start, goes_on", SHORT_FIRST_LINES, ids=[c[1][:24] for c in SHORT_FIRST_LINES])
def test_short_first_lines_go_on(corpus_file, name, start, goes_on):
    from parsers.text_reader import read_text
    block = next(b.text for b in read_text(corpus_file(name)).blocks if b.text.startswith(start))
    assert goes_on in block


# (file, a line that starts an item, the text it must be joined with)
CORPUS_WRAPS = [
    ("bvhttdl-cv-6386-bvhttdl-khcndtmt-2025-nhiem-vu-nam-hoc.md", "- Nghiên cứu, hoàn thiện các quy định"),
    ("quangngai-1627-qd-ubnd-2025-ke-hoach-tong-kiem-ke-tai-san-cong.md", "+ Sở Xây dựng: hướng dẫn"),
    ("nghean-980-kh-ubnd-2025-phong-thu-dan-su.md", "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG"),
]


@pytest.mark.parametrize("name, start", CORPUS_WRAPS, ids=[n[:24] for n, _ in CORPUS_WRAPS])
def test_corpus_wrapped_items_come_out_whole(name, start):
    from parsers.text_reader import read_text
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not available")
    blocks = [b.text for b in read_text(path).blocks]
    assert any(t.startswith(start) for t in blocks)
    assert not any(t.strip() in ("-", "+", "+ Sở", "THỰC") for t in blocks)
