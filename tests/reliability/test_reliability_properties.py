"""Property tests: arbitrary text never makes the structure parser, the timing
normaliser, the mention splitter or the whole extractor raise anything but
ParseError, and their documented invariants hold.

Texts are drawn three ways: any Unicode or any bytes; "plan-like" texts
assembled from the pieces real plans are made of (markers, letterhead lines,
dates, timing words, agency names, separators, tables); and "structured" plans
(a letterhead, numbered items with labelled owner/partner/timing lines, some
mangled, a signature), which reach far deeper into the parsers than random
characters do. The pieces are short expressions of the kinds the corpus uses,
not passages from it.

The number of examples per test is VNPLAN_FUZZ_EXAMPLES (default 60: a quick
CI pass); `make fuzz` runs thousands.
"""
from __future__ import annotations

import os
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from extractors.extract import extract
from extractors.mentions import EDGE_PUNCT, normalize, split_mentions
from extractors.timing import clean_raw, find_timing, normalise_timing
from parsers.model import ParseError
from parsers.structure import build_tree
from parsers.text_reader import read_text

EXAMPLES = int(os.environ.get("VNPLAN_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TIMING_KINDS = {"period", "deadline", "open_ended", "recurring", "ongoing", "unspecified",
                "unparsed"}

# Pieces of plans: markers, letterhead and signature lines, timing phrases,
# bodies and the separators between them.
PIECES = [
    "I. ", "II. ", "IV- ", "1. ", "2) ", "1.1. ", "1.2 ", "1.1.1. ", "a) ", "đ) ", "b. ",
    "(1) ", "(a) ", "- ", "– ", "+ ", "• ", "Điều 1. ", "Chương II ", "Phần I ", "Mục 2 ",
    "PHỤ LỤC ", "Phụ lục II ", "A. ", "KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ", "THÔNG BÁO",
    "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 12/KH-UBND", "Số:   /KH-UBND", "V/v triển khai",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Hà Nội, ngày 3 tháng 4 năm 2024", "Căn cứ Luật", "Kính gửi:", "Nơi nhận:", "Như trên;",
    "Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn A",
    "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN", "Đơn vị chủ trì: ", "Đơn vị phối hợp: ", "Thời gian: ",
    "Chủ trì", "phối hợp với", "Tháng 5/2024", "Quý II/2024", "quý III năm 2012",
    "Trước ngày 30/6/2024", "trước ngày 31 tháng 12", "năm 2025", "2024-2025",
    "từ tháng 3 đến tháng 6", "Thường xuyên", "hằng năm", "hàng tháng", "định kỳ 6 tháng",
    "Theo kế hoạch", "02 ngày", "trong tháng 13/2024", "ngày 31/2/2024", "ngày 0/0/0",
    "quý V/2024", "năm 99999", "Sở Y tế", "Bộ Tài chính", "UBND các huyện", "Công an tỉnh",
    "Ủy ban nhân dân", "Sở Thông tin và Truyền thông", "các đơn vị liên quan", "Chủ tịch UBND",
    "Bộ TN&MT", "(Văn phòng)", ", ", "; ", " và ", " với ", ": ", ". ", " ", "  ", "\t",
    "\n", "\n\n", "\r\n", "| ", " | ", "|---|---|", "\u00a0", "\u200b", "\ufeff", "…", "/",
    "-", "(", ")", "\"", "'", "Tha\u0301ng 5", "Quy\u0300 II", "Sơ\u0309 Y tê\u0301",
]

any_text = st.text(max_size=400)
plan_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                     max_size=80).map("".join)
MARKERS = ["I. ", "II. ", "1. ", "2. ", "1.1. ", "1.2. ", "a) ", "b) ", "- ", "+ ", "Điều 1. ",
           "(1) ", ""]
BODIES = ["Sở Y tế", "Bộ Tài chính", "UBND các huyện", "Công an tỉnh",
          "Sở Thông tin và Truyền thông", "các đơn vị liên quan", "Chủ tịch UBND tỉnh", "Bộ TN&MT"]
TIMINGS = ["Tháng 5/2024", "Quý II/2024", "Trước ngày 30/6/2024", "Thường xuyên", "hằng năm",
           "từ tháng 3 đến tháng 6 năm 2024", "năm 2024-2025", "Theo kế hoạch", "ngày 31/2/2024",
           "quý V/2024", "tháng 13"]
LABELS = ["Đơn vị chủ trì: ", "Chủ trì: ", "Đơn vị phối hợp: ", "Phối hợp: ", "Thời gian: ",
          "Thời gian hoàn thành: ", "Sản phẩm: "]
noise = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))


@st.composite
def _item(draw) -> str:
    """One numbered task: a title line and labelled lines, some mangled."""
    lines = [draw(st.sampled_from(MARKERS)) + draw(st.sampled_from(PIECES + BODIES)) +
             draw(noise)]
    for _ in range(draw(st.integers(0, 4))):
        value = draw(st.one_of(st.sampled_from(BODIES + TIMINGS),
                               st.lists(st.sampled_from(BODIES), max_size=4).map(", ".join),
                               noise))
        lines.append(draw(st.sampled_from(["- ", "", "+ "])) + draw(st.sampled_from(LABELS)) +
                     value + draw(st.sampled_from([".", ";", ""])))
    if draw(st.booleans()):                    # a sentence that names owner and timing
        lines.append(f"{draw(st.sampled_from(BODIES))} chủ trì, phối hợp với "
                     f"{draw(st.sampled_from(BODIES))} {draw(st.sampled_from(PIECES))} "
                     f"{draw(st.sampled_from(TIMINGS))}.")
    return "\n".join(lines)


structured = st.builds(
    lambda head, items, tail: "\n".join([head, *items, tail]),
    st.sampled_from(["ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/KH-UBND\n"
                     "Lào Cai, ngày 3 tháng 4 năm 2024\n\nKẾ HOẠCH\nTriển khai năm 2024\n",
                     "KẾ HOẠCH\n", ""]),
    st.lists(st.one_of(_item(), noise), max_size=12),
    st.sampled_from(["", "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
                         "Nguyễn Văn A"]))
texts = st.one_of(any_text, plan_like, structured)
refs = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
encodings = st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1258", "latin-1"])


def _raw(data: bytes, name: str):
    try:
        return read_text(name, data=data)
    except ParseError:
        return None


def _check_tree(raw) -> None:
    tree = build_tree(raw)
    wanted = [b.index for b in raw.blocks if b.kind in ("paragraph", "row")]
    assert [n.block for n in tree.nodes] == wanted          # each block: exactly one node
    for n in tree.nodes:
        assert n.index == tree.nodes.index(n)
        if n.parent is None:
            assert n.depth == 0
        else:
            parent = tree.nodes[n.parent]
            assert n.parent < n.index and n.index in parent.children
            assert n.depth == parent.depth + 1
        assert all(tree.nodes[c].parent == n.index for c in n.children)
        assert n.path and unicodedata.is_normalized("NFC", n.text)


@FUZZ
@given(text=texts, encoding=encodings, name=st.sampled_from(["a.txt", "b.md"]))
def test_structure_of_any_text(text, encoding, name):
    raw = _raw(text.encode(encoding, errors="replace"), name)
    if raw is not None:
        assert all(unicodedata.is_normalized("NFC", b.text) for b in raw.blocks)
        _check_tree(raw)


@FUZZ
@given(data=st.binary(max_size=600))
def test_structure_of_any_bytes(data):
    raw = _raw(data, "x.txt")
    if raw is not None:
        _check_tree(raw)


def _check_timing(t, text) -> None:
    assert t.kind in TIMING_KINDS | {None}
    if t.start and t.end:
        assert t.start <= t.end, (text, t)
    if t.kind == "unparsed":
        assert t.start is None and t.end is None


@FUZZ
@given(text=st.one_of(st.none(), texts), ref=refs)
def test_normalise_timing_never_raises(text, ref):
    t = normalise_timing(text, ref)
    assert t.raw == clean_raw(text)                 # as written: NFC, spaces folded
    assert (t.kind is None) == (t.raw is None)
    assert t.raw is None or unicodedata.is_normalized("NFC", t.raw)
    _check_timing(t, text)


@FUZZ
@given(text=st.one_of(st.none(), texts), ref=refs)
def test_find_timing_span_is_the_phrase(text, ref):
    t = find_timing(text, ref)
    if t is None:
        return
    nfc = unicodedata.normalize("NFC", text)
    assert 0 <= t.span.start < t.span.end <= len(nfc)
    assert nfc[t.span.start:t.span.end] == t.raw
    _check_timing(t, text)


@FUZZ
@given(text=texts)
def test_split_mentions_gives_trimmed_pieces_of_the_text(text):
    mentions = split_mentions(text)
    whole = normalize(text)
    for m in mentions:
        assert m and m == m.strip(EDGE_PUNCT)
        assert m in whole


@pytest.mark.parametrize("text", ["", " ", "\n\n", ",;,", "và", "Sở Y tế, và , Bộ Tài chính"])
def test_split_mentions_edge_cases(text):
    assert all(m in normalize(text) for m in split_mentions(text))


@FUZZ
@given(text=texts, name=st.sampled_from(["a.txt", "b.md"]))
def test_extract_of_any_text_raises_only_parse_error(text, name):
    """The whole core over a text file: every task keeps a span inside its block."""
    try:
        doc = extract(name, data=text.encode("utf-8"))
    except ParseError:
        return
    event("with tasks" if doc.tasks else "no task")
    blocks = {b.index: b for b in doc.raw.blocks}
    for task in doc.tasks:
        _check_timing(task.timing, text)
        assert task.section and task.source_kind in ("inline", "table", "prose")
        if task.span is not None and task.span.block in blocks:
            assert 0 <= task.span.start <= task.span.end <= len(blocks[task.span.block].text)
