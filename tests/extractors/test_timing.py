"""normalise_timing (spec §4): the spec's table, then real timing cells and
phrases of the corpus, each naming its source file in ../shared/corpus, then
properties over arbitrary text (hypothesis).

The helpers at the top (corpus location, a file's text, the gold files) are
also used by tests/extractors/test_timing_find.py.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from extractors.timing import clean_raw, normalise_timing
from extractors.timing_scan import scan

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = CORPUS / "gold"
KINDS = {"period", "deadline", "open_ended", "recurring", "ongoing", "unspecified", "unparsed"}


def d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def fold(text: str) -> str:
    """NFC, `_` of word-segmented files as a space, white space folded."""
    return " ".join(unicodedata.normalize("NFC", text).replace("_", " ").split())


def require_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")


@lru_cache(maxsize=None)
def source_text(name: str) -> str:
    """Folded text of a corpus file (a DOCX's paragraphs and cells) plus its gold
    annotations (timing_raw values join cells, as `23/3/2026; 02 ngày`)."""
    path = CORPUS / name
    parts: list[str] = []
    if path.suffix == ".docx":
        import docx  # python-docx, a project dependency
        document = docx.Document(str(path))
        parts += [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    elif path.suffix in (".txt", ".md"):
        parts.append(path.read_text(encoding="utf-8"))
    gold = GOLD / f"{name}.json"
    if gold.exists():
        for task in json.loads(gold.read_text(encoding="utf-8"))["tasks"]:
            parts += [task.get("timing_raw") or "", task.get("content") or ""]
    return fold(re.sub(r"\*+", "", "\n".join(parts)))     # markdown emphasis is no word


def gold_files() -> list[dict]:
    require_corpus()
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


# ---------------------------------------------------------------- spec §4 table
SPEC = "spec/task-records.md"
R23 = "2023-05-31"   # any 2023 issue date: the spec's rows are written for 2023
# (source, raw, ref, kind, start, end)
SPEC_ROWS = [
    (SPEC, "Tháng 5/2023", R23, "period", "2023-05-01", "2023-05-31"),
    (SPEC, "tháng 5 năm 2023", R23, "period", "2023-05-01", "2023-05-31"),
    (SPEC, "Tháng 5-6/2023", R23, "period", "2023-05-01", "2023-06-30"),
    (SPEC, "Tháng 5, 6/2023", R23, "period", "2023-05-01", "2023-06-30"),
    (SPEC, "Từ tháng 3 đến tháng 12/2023", R23, "period", "2023-03-01", "2023-12-31"),
    (SPEC, "Quý II/2023", R23, "period", "2023-04-01", "2023-06-30"),
    (SPEC, "quý 2 năm 2023", R23, "period", "2023-04-01", "2023-06-30"),
    (SPEC, "trong Quý II năm 2023", R23, "period", "2023-04-01", "2023-06-30"),
    (SPEC, "Quý III, IV/2023", R23, "period", "2023-07-01", "2023-12-31"),
    (SPEC, "6 tháng đầu năm 2023", R23, "period", "2023-01-01", "2023-06-30"),
    (SPEC, "6 tháng cuối năm 2023", R23, "period", "2023-07-01", "2023-12-31"),
    (SPEC, "Năm 2023", R23, "period", "2023-01-01", "2023-12-31"),
    (SPEC, "Trong năm 2023", R23, "period", "2023-01-01", "2023-12-31"),
    (SPEC, "2023", R23, "period", "2023-01-01", "2023-12-31"),
    (SPEC, "2024 - 2025", R23, "period", "2024-01-01", "2025-12-31"),
    (SPEC, "Giai đoạn 2024-2025", R23, "period", "2024-01-01", "2025-12-31"),
    (SPEC, "Ngày 15/6/2023", R23, "period", "2023-06-15", "2023-06-15"),
    (SPEC, "Trước ngày 30/6/2023", R23, "deadline", None, "2023-06-30"),
    (SPEC, "trước 15/9/2025", R23, "deadline", None, "2025-09-15"),
    (SPEC, "hoàn thành trước ngày 30/6", R23, "deadline", None, "2023-06-30"),
    (SPEC, "2025 và những năm tiếp theo", R23, "open_ended", "2025-01-01", None),
    (SPEC, "từ năm 2025", R23, "open_ended", "2025-01-01", None),
    (SPEC, "Hằng năm", R23, "recurring", None, None),
    (SPEC, "Hàng năm", R23, "recurring", None, None),
    (SPEC, "trước ngày 20 hằng tháng", R23, "recurring", None, None),
    (SPEC, "định kỳ 6 tháng", R23, "recurring", None, None),
    (SPEC, "Thường xuyên", R23, "ongoing", None, None),
    (SPEC, "Liên tục", R23, "ongoing", None, None),
    (SPEC, "Theo thời gian quy định", R23, "unspecified", None, None),
    (SPEC, "Theo chỉ đạo của UBND Thành phố", R23, "unspecified", None, None),
    (SPEC, "khi có yêu cầu", R23, "unspecified", None, None),
    (SPEC, "Đến năm 2030", R23, "deadline", None, "2030-12-31"),
    (SPEC, "chậm nhất đến ngày 30/6/2025", R23, "deadline", None, "2025-06-30"),
    (SPEC, "Ngày 23/3/2026\n02 ngày", "2026-03-10", "period", "2026-03-23", "2026-03-24"),
    (SPEC, "không quá 10 ngày làm việc", R23, "unparsed", None, None),
    (SPEC, "sau khi có hướng dẫn", R23, "unparsed", None, None),
]

# Forms named in the brief beside the spec's rows (no corpus file of their own).
VARIANTS = [
    ("brief", "Quý I năm 2025", None, "period", "2025-01-01", "2025-03-31"),
    ("brief", "tháng 10 năm 2025", None, "period", "2025-10-01", "2025-10-31"),
    ("brief", "năm 2025 - 2026", None, "period", "2025-01-01", "2026-12-31"),
    ("brief", "Tháng 11 - 12/2026", None, "period", "2026-11-01", "2026-12-31"),
    ("brief", "Quý IV/2026", None, "period", "2026-10-01", "2026-12-31"),
    ("brief", "Năm 2026", None, "period", "2026-01-01", "2026-12-31"),
    ("brief", "Trước 31/12/2026", None, "deadline", None, "2026-12-31"),
    ("brief", "Tháng 6/2026 và hằng năm", None, "period", "2026-06-01", "2026-06-30"),
    ("brief", "15-6-2023", None, "period", "2023-06-15", "2023-06-15"),
    ("brief", "15.6.2023", None, "period", "2023-06-15", "2023-06-15"),
    ("brief", "31/2/2026", None, "unparsed", None, None),
    ("brief", "Tháng 13/2026", None, "unparsed", None, None),
    ("brief", "Tháng 3, 6/2023", None, "unparsed", None, None),     # not consecutive
    ("brief", "2026 - 2024", None, "unparsed", None, None),
    ("brief", "trước ngày 30/6", None, "unparsed", None, None),      # no year, no ref
    ("brief", "Tháng 5/2023.", None, "period", "2023-05-01", "2023-05-31"),
    # a fraction of a unit is a span, no day of the year (wild/docs/tnt305__dataset-817cf0e3de96bc43.md,
    # wild/docs/tnt305__dataset-82483d7fa7f7a186.md)
    ("brief", "1/4 ngày", "2025-11-21", "unparsed", None, None),
    ("brief", "1/2 ngày", "2025-01-01", "unparsed", None, None),
    ("brief", "trước ngày 1/4", "2025-01-01", "deadline", None, "2025-04-01"),
]


def _check(raw, ref, kind, start, end):
    t = normalise_timing(raw, d(ref))
    assert (t.kind, t.start, t.end) == (kind, d(start), d(end))
    assert t.raw == clean_raw(raw)
    assert t.span is None


@pytest.mark.parametrize("source,raw,ref,kind,start,end", SPEC_ROWS + VARIANTS)
def test_spec_rows_and_variants(source, raw, ref, kind, start, end):
    _check(raw, ref, kind, start, end)


# ---------------------------------------------------------------- corpus cases
CP = ("cp-nq-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md", "2025-01-09")
BT = ("btnmt-09-kh-btnmt-2024-trien-khai-ct13.txt", "2024-08-06")
CT11 = ("laocai-kh-ubnd-trien-khai-ct11-tu-khoang-san-2026.docx", None)
KH1105 = ("laocai-kh-1105-dkt-kiem-tra.txt", "2026-03-10")
HN = ("hanoi-161-kh-ubnd-2023-excerpt.txt", "2023-05-31")
DD = ("laocai-sct-cv-don-doc-bao-cao-hoa-chat-2025.docx", None)
BC = ("cp-bao-cao-tien-do-nq57-thang5-2025.md", "2025-05-25")
KHCN = ("lamdong-tb-ubnd-ket-luan-so-khcn-2026.docx", None)
L134 = ("laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt", "2026-03-26")
L7432 = ("laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf", "2026-07-21")
LSCT = ("laocai-cv-ubnd-kt-giao-sct-tham-muu-uy-quyen-2025.docx", None)
S08 = ("laocai-sct-kh-de-an-08-cong-nghiep-xanh-2026.docx", None)
TTG = ("ttg-ct-07-2012-chan-chinh-kkt-kcn-ccn.docx", "2012-03-02")
DDQH = ("ddqh-3260-kh-ddqh15-2025-trien-khai-nq57.md", "2025-01-10")
QDKT = ("laocai-sct-qd-doan-kiem-tra-hoa-chat-2026.docx", None)
# word-segmented files: no issue date is known (ref None)
BCT = ("bct-chi-thi-xuat-khau-2010-wordseg.txt", None)
HCMX = ("hcm-chi-thi-xay-dung-kiem-tra-vbqppl-wordseg.txt", None)
HCMS = ("hcm-chi-thi-quan-ly-song-kenh-giao-thong-thuy-wordseg.txt", None)
LA = ("longan-chi-thi-ke-hoach-ktxh-2011-2015-wordseg.txt", None)
BTPT = ("btp-tb-ket-luan-cong-tac-tu-phap-2010-wordseg.txt", None)
BTPC = ("btp-chi-thi-luat-trach-nhiem-boi-thuong-wordseg.txt", None)
BK = ("backan-qd-de-an-giao-rung-2009-2015-wordseg.txt", None)
BO = ("bo-bao-cao-thang2-ke-hoach-thang3-2010-wordseg.txt", None)
VP = ("vpcp-tb-ket-luan-de-an-day-nghe-1956-wordseg.txt", None)
GT = ("bgtvt-tb-ket-luan-tong-ket-2009-wordseg.txt", None)

P, DL, OE, RC, OG, US, UP = ("period", "deadline", "open_ended", "recurring", "ongoing",
                             "unspecified", "unparsed")
# (source, ref), raw, kind, start, end
_CASES = [
    # cp-nq-03 Phụ lục II, column `Thời gian hoàn thành`, and its prose (III.1-III.5)
    (CP, "6/2025", P, "2025-06-01", "2025-06-30"), (CP, "06/2025", P, "2025-06-01", "2025-06-30"),
    (CP, "01/2025", P, "2025-01-01", "2025-01-31"), (CP, "03/2025", P, "2025-03-01", "2025-03-31"),
    (CP, "2/2025", P, "2025-02-01", "2025-02-28"), (CP, "7/2025", P, "2025-07-01", "2025-07-31"),
    (CP, "9/2025", P, "2025-09-01", "2025-09-30"), (CP, "12/2025", P, "2025-12-01", "2025-12-31"),
    (CP, "3/2026", P, "2026-03-01", "2026-03-31"), (CP, "9/2026", P, "2026-09-01", "2026-09-30"),
    (CP, "12/2026", P, "2026-12-01", "2026-12-31"), (CP, "12/2028", P, "2028-12-01", "2028-12-31"),
    (CP, "2025", P, "2025-01-01", "2025-12-31"), (CP, "2026", P, "2026-01-01", "2026-12-31"),
    (CP, "2027", P, "2027-01-01", "2027-12-31"), (CP, "2028", P, "2028-01-01", "2028-12-31"),
    (CP, "2030", P, "2030-01-01", "2030-12-31"), (CP, "2025 - 2026", P, "2025-01-01", "2026-12-31"),
    (CP, "2025-2026", P, "2025-01-01", "2026-12-31"),
    (CP, "2025 và những năm tiếp theo", OE, "2025-01-01", None),
    (CP, "Hằng năm", RC, None, None), (CP, "hằng năm", RC, None, None),
    (CP, "Thường xuyên", OG, None, None), (CP, "Nhiệm vụ thường xuyên", OG, None, None),
    (CP, "Quý II/2025", P, "2025-04-01", "2025-06-30"),
    (CP, "Tháng 5/2025", P, "2025-05-01", "2025-05-31"),
    (CP, "Tháng 10/2025", P, "2025-10-01", "2025-10-31"),
    (CP, "năm tiếp theo", UP, None, None),
    (CP, "trong tháng 01 năm 2025", P, "2025-01-01", "2025-01-31"),
    (CP, "hoàn thành trong năm 2025", P, "2025-01-01", "2025-12-31"),
    (CP, "định kỳ 6 tháng", RC, None, None), (CP, "Định kỳ", RC, None, None),
    (CP, "đến năm 2030", DL, None, "2030-12-31"),
    (CP, "trước ngày 15 tháng 6", DL, None, "2025-06-15"),
    (CP, "trước ngày 01 tháng 12", DL, None, "2025-12-01"),
    # btnmt-09 Phụ lục, column `Thời gian thực hiện/ hoàn thành`
    (BT, "Tháng 8/2024", P, "2024-08-01", "2024-08-31"),
    (BT, "2024 - 2025", P, "2024-01-01", "2025-12-31"), (BT, "2026 - 2027", P, "2026-01-01", "2027-12-31"),
    (BT, "2025 - 2030", P, "2025-01-01", "2030-12-31"), (BT, "2024 - 2030", P, "2024-01-01", "2030-12-31"),
    (BT, "giai đoạn 2021 - 2030", P, "2021-01-01", "2030-12-31"),
    # laocai-kh-ubnd-trien-khai-ct11 Phụ lục, column `Thời gian thực hiện`, and prose
    (CT11, "Xong trong Quý II/2026", P, "2026-04-01", "2026-06-30"),
    (CT11, "Xong trong tháng 5/2026", P, "2026-05-01", "2026-05-31"),
    (CT11, "Trong năm 2026", P, "2026-01-01", "2026-12-31"), (CT11, "Hàng năm", RC, None, None),
    (CT11, "Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030", DL, None, "2030-01-01"),
    (CT11, "Thường xuyên", OG, None, None), (CT11, "(4)", UP, None, None),
    (CT11, "định kỳ hàng năm (trước ngày 10/12)", RC, None, None),
    (CT11, "trong quý II năm 2026", P, "2026-04-01", "2026-06-30"),
    # laocai-kh-1105 Phụ lục I: `Thời gian công bố` + `Thời hạn kiểm tra` (joined as in its gold)
    (KH1105, "23/3/2026; 02 ngày", P, "2026-03-23", "2026-03-24"),
    (KH1105, "25/3/2025; 02 ngày", P, "2025-03-25", "2025-03-26"),
    (KH1105, "27/3/2025; 02 ngày", P, "2025-03-27", "2025-03-28"),
    (KH1105, "ngày10 /3/2026", P, "2026-03-10", "2026-03-10"),
    (KH1105, "Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026", UP, None, None),     # a citation
    (KH1105, "Dự kiến khoảng 02 ngày làm việc/01 đơn vị", UP, None, None),
    (HN, "Tháng 5/2023", P, "2023-05-01", "2023-05-31"),
    # laocai-sct-cv-don-doc, column `Ngày gửi báo cáo trên hệ thống`
    (DD, "06/03/2026", P, "2026-03-06", "2026-03-06"), (DD, "13/02/2026", P, "2026-02-13", "2026-02-13"),
    (DD, "05/2/2026", P, "2026-02-05", "2026-02-05"), (DD, "31/01/2026", P, "2026-01-31", "2026-01-31"),
    (DD, "02/01/2026", P, "2026-01-02", "2026-01-02"), (DD, "27/02/2026", P, "2026-02-27", "2026-02-27"),
    # cp-bao-cao, column `THỜI GIAN HOÀN THÀNH` and `KẾT QUẢ HIỆN NAY`
    (BC, "Tháng 3/2025", P, "2025-03-01", "2025-03-31"), (BC, "Tháng 4/2025", P, "2025-04-01", "2025-04-30"),
    (BC, "trước ngày 28/5", DL, None, "2025-05-28"), (BC, "trước ngày 28/5/2025", DL, None, "2025-05-28"),
    (BC, "trước 28/5/2025", DL, None, "2025-05-28"),
    (BC, "trong tháng 3, tháng 4, tháng 5", P, "2025-03-01", "2025-05-31"),
    # lamdong-tb-so-khcn (no issue date: the day is blank)
    (KHCN, "trước ngày 10/5/2026", DL, None, "2026-05-10"),
    (KHCN, "trước ngày 30/5/2026", DL, None, "2026-05-30"),
    (KHCN, "bảo đảm tiến độ theo kế hoạch đề ra", US, None, None),
    (KHCN, "đảm bảo thời gian quy định", US, None, None),
    (KHCN, "Sau khi hoàn thành xây dựng các phần mềm chuyên ngành", UP, None, None),
    (L134, "trong quý IV năm 2026", P, "2026-10-01", "2026-12-31"),
    (L134, "trong năm 2026", P, "2026-01-01", "2026-12-31"),
    (L134, "trước ngày 20 hằng tháng", RC, None, None), (L134, "khi có yêu cầu", US, None, None),
    (L134, "khi có nhà đầu tư đề xuất đầu tư hạ tầng kỹ thuật cụm công nghiệp", US, None, None),
    (L7432, "chậm nhất đến ngày 01 tháng 7 năm 2028", DL, None, "2028-07-01"),
    (L7432, "trước ngày 01 tháng 7 năm 2028", DL, None, "2028-07-01"),
    (LSCT, "trước ngày 15/9/2025", DL, None, "2025-09-15"),
    (LSCT, "Luật Tổ chức chính quyền địa phương ngày 16/6/2025", UP, None, None),   # a citation
    (S08, "trước ngày 18 hằng tháng", RC, None, None),
    (S08, "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ", RC, None, None),
    (TTG, "trong quý III năm 2012", P, "2012-07-01", "2012-09-30"),
    (TTG, "trong quý IV năm 2012", P, "2012-10-01", "2012-12-31"),
    (TTG, "Hàng năm", RC, None, None), (TTG, "theo đúng tiến độ", US, None, None),
    (TTG, "Đến năm 2015", DL, None, "2015-12-31"),
    (TTG, "Quyết định số 105/2009/QĐ-TTg ngày 19 tháng 8 năm 2009", UP, None, None),
    (DDQH, "thực hiện cơ bản hoàn thành trong năm 2025", P, "2025-01-01", "2025-12-31"),
    (DDQH, "khi được yêu cầu", US, None, None),
    (QDKT, "không quá 10 ngày làm việc", UP, None, None),
    # word-segmented files (`_` joins the syllables of a word)
    (BCT, "trong Quý_I năm 2010", P, "2010-01-01", "2010-03-31"),
    (BCT, "Ngay trong Quý_I năm 2010", P, "2010-01-01", "2010-03-31"),
    (BCT, "Hoàn_thành trong quý II năm 2010", P, "2010-04-01", "2010-06-30"),
    (BCT, "trước ngày 22 tháng 02 năm 2010", DL, None, "2010-02-22"),
    (BCT, "định_kỳ ( vào ngày 22 hàng tháng )", RC, None, None),
    (HCMX, "Chậm nhất là cuối quý I năm 2010", DL, None, "2010-03-31"),
    (HCMX, "Chậm nhất là ngày 30 tháng 6 năm 2010", DL, None, "2010-06-30"),
    (HCMX, "trước ngày 01 tháng 12 của năm trước", UP, None, None),
    (HCMX, "trước ngày 30 tháng 12", UP, None, None),     # no year, no issue date
    (HCMX, "trong quý I năm 2011", P, "2011-01-01", "2011-03-31"),
    (HCMS, "định_kỳ hàng quý", RC, None, None), (HCMS, "sau 10 ngày", UP, None, None),
    (LA, "trong quí 2 năm 2010", P, "2010-04-01", "2010-06-30"),
    (LA, "trước ngày 30/3/2010", DL, None, "2010-03-30"),
    (BTPT, "6 tháng đầu năm 2009", P, "2009-01-01", "2009-06-30"),
    (BTPC, "từ ngày 01 tháng 01 năm 2010", OE, "2010-01-01", None),
    (BTPC, "định_kỳ 6 tháng", RC, None, None),
    (BK, "Từ năm 2011 đến hết năm 2015", P, "2011-01-01", "2015-12-31"),
    (BK, "Từ năm 2009 đến năm 2015", P, "2009-01-01", "2015-12-31"),
    (BK, "Đến năm 2010", DL, None, "2010-12-31"),
    (BO, "bắt_đầu từ 01/3 đến hết ngày 10/3/2010", P, "2010-03-01", "2010-03-10"),
    (BO, "Đến 06/2/2010", DL, None, "2010-02-06"),
    (BO, "Hết tháng 02", UP, None, None),
    (VP, "trước 10 tháng 3 năm 2010", DL, None, "2010-03-10"),
    (VP, "Trước ngày 08 tháng 3 năm 2010", DL, None, "2010-03-08"),
    (VP, "trong tháng 3 năm 2010", P, "2010-03-01", "2010-03-31"),
    (VP, "Cuối tháng 4 năm 2010", UP, None, None),
    (GT, "vào quý I/2010", P, "2010-01-01", "2010-03-31"),
]
CORPUS_CASES = [(src, raw, ref, kind, start, end) for (src, ref), raw, kind, start, end in _CASES]


def test_enough_corpus_cases():
    assert len(CORPUS_CASES) >= 80
    assert len({c[0] for c in CORPUS_CASES}) >= 20


@pytest.mark.parametrize("source,raw,ref,kind,start,end", CORPUS_CASES)
def test_corpus_cells(source, raw, ref, kind, start, end):
    _check(raw, ref, kind, start, end)


@pytest.mark.parametrize("source,raw", sorted({(c[0], c[1]) for c in CORPUS_CASES}))
def test_corpus_case_is_in_its_source(source, raw):
    require_corpus()
    assert (CORPUS / source).exists()
    assert fold(raw) in source_text(source)


# Whole-set floor over every gold file: 361 of 383 timing_raw values when the gold grew to 36
# files; 383 of 383 with the spec §4 rulings on the new documents (ranges and lists of units,
# yearly dates, open ends at an event, `khi` + an event); raise it as accuracy rises.
GOLD_NORMALISE_FLOOR = 0.99


def test_gold_timing_values_normalise_as_annotated():
    """Every timing_raw of every gold task (cells and prose) gives the gold interval."""
    total, wrong = 0, []
    for gold in gold_files():
        ref = d(gold["document"].get("issue_date"))
        for task in gold["tasks"]:
            if task["timing_raw"] is None:
                continue
            total += 1
            t = normalise_timing(task["timing_raw"], ref)
            want = (task["timing_kind"], d(task["start_date"]), d(task["end_date"]))
            if (t.kind, t.start, t.end) != want:
                wrong.append((gold["file"], task["section"], task["timing_raw"]))
    assert total > 200
    assert 1 - len(wrong) / total >= GOLD_NORMALISE_FLOOR, wrong


# ---------------------------------------------------------------- raw and blanks
@pytest.mark.parametrize("raw", [None, "", "   ", "\n\t", " ; . ,"])
def test_blank_is_no_timing(raw):
    assert normalise_timing(raw, date(2025, 1, 9)) == normalise_timing(None, None)
    assert normalise_timing(raw, None).raw is None and normalise_timing(raw, None).kind is None


def test_raw_is_nfc_folded_and_stripped():
    decomposed = unicodedata.normalize("NFD", "  Tháng 5/2023 ;\n")
    t = normalise_timing(decomposed, None)
    assert t.raw == "Tháng 5/2023" and unicodedata.is_normalized("NFC", t.raw)
    assert normalise_timing("Ngày 23/3/2026\n02 ngày", None).raw == "Ngày 23/3/2026 02 ngày"
    assert normalise_timing("Quý_I năm 2010", None).raw == "Quý_I năm 2010"   # kept as written


def test_reference_year_fills_only_missing_years():
    assert normalise_timing("trước ngày 28/5", date(2025, 5, 25)).end == date(2025, 5, 28)
    assert normalise_timing("trước ngày 28/5/2024", date(2025, 5, 25)).end == date(2024, 5, 28)
    assert normalise_timing("trước ngày 28/5", None).kind == "unparsed"


# ---------------------------------------------------------------- properties
_TOKENS = st.sampled_from(
    list("0123456789/-.,;:() _\nIVX") + ["tháng", "Quý", "quí", "năm", "ngày", "trước", "đến",
                                          "hết", "từ", "hằng", "hàng", "định kỳ", "Thường xuyên",
                                          "và những năm tiếp theo", "khi có", "sau khi",
                                          "không quá", "cuối", "giai đoạn", "trong", "2025"])
_REFS = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _assert_well_formed(t, raw):
    if clean_raw(raw) is None:
        assert (t.raw, t.kind) == (None, None)
        return
    assert t.raw == clean_raw(raw) and t.kind in KINDS
    if t.kind in ("unparsed", "recurring", "ongoing", "unspecified"):
        assert t.start is None and t.end is None
    if t.start and t.end:
        assert t.start <= t.end


@settings(max_examples=400, deadline=None)
@given(st.text(), _REFS)
def test_any_text_never_raises(raw, ref):
    scan(raw, ref)                     # the grammar itself, not only the guarded entry
    _assert_well_formed(normalise_timing(raw, ref), raw)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=20).map("".join), _REFS)
def test_timing_like_text_is_well_formed(raw, ref):
    scan(raw, ref)
    _assert_well_formed(normalise_timing(raw, ref), raw)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_valid_date_month_and_quarter(day):
    y, m = day.year, day.month
    assert normalise_timing(f"{day.day}/{m}/{y}", None).start == day
    assert normalise_timing(f"trước ngày {day.day:02d}/{m:02d}/{y}", None).end == day
    month = normalise_timing(f"Tháng {m}/{y}", None)
    assert month.start == day.replace(day=1) and month.end.month == m and month.end >= day
    q = (m - 1) // 3 + 1
    quarter = normalise_timing(f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{y}", None)
    assert quarter.start <= day <= quarter.end and quarter.start.month == 3 * q - 2


@pytest.mark.parametrize("kind", ["txt", "md"])
def test_scan_shortcuts_find_what_every_form_finds(kind, monkeypatch):
    """`scan` skips forms whose required words are absent and opens each pattern with a
    lookahead on its opening words (for speed): on every paragraph and cell of the
    corpus's text files, it finds exactly what trying every plain form finds."""
    require_corpus()
    import parsers.grammar.timing as tg
    import extractors.timing_scan as ts
    from parsers.read import read_document
    texts = [b.text for p in sorted(CORPUS.glob(f"*.{kind}"))
             for b in read_document(str(p), p.read_bytes()).blocks]
    ref = date(2025, 6, 1)
    fast = [scan(t, ref) for t in texts]
    plain = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in tg.FORMS)
    monkeypatch.setattr(ts, "forms_for", lambda sh: plain)
    assert [scan(t, ref) for t in texts] == fast
    assert sum(map(len, fast)) > 100          # the corpus has timing phrases to find
