"""Test helpers of the pipeline tests: small plan texts written into tmp_path
and a fake extractor, so the pipeline floor is tested without the real one (the
end-to-end tests use the real `extractors.extract` when it imports)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from parsers.model import (Block, DocumentMeta, DocumentTree, Marker, Mention, Node,
                           ParsedDocument, ParseError, RawDocument, Span, TaskRecord, Timing)

PLAN_HANOI = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 3 tháng 4 năm 2024

KẾ HOẠCH
Triển khai tiêm chủng mở rộng năm 2024

I. NHIỆM VỤ
1. Công tác y tế
1.1. Tổ chức tiêm chủng cho trẻ em
- Đơn vị chủ trì: Sở Y tế.
- Đơn vị phối hợp: Ủy ban nhân dân các quận, huyện.
- Thời gian: Tháng 5/2024.
1.2. Truyền thông về tiêm chủng
- Đơn vị chủ trì: Sở Thông tin và Truyền thông.
- Thời gian: Thường xuyên.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""

PLAN_HUE = """ỦY BAN NHÂN DÂN
TỈNH THỪA THIÊN HUẾ
Số: 45/KH-UBND
Huế, ngày 10 tháng 6 năm 2024

KẾ HOẠCH
Phát triển du lịch năm 2024

I. NHIỆM VỤ
1. Quảng bá du lịch
1.1. Tổ chức hội chợ du lịch
- Đơn vị chủ trì: Sở Du lịch.
- Thời gian: Quý III/2024.
"""

NOTICE = """BỘ Y TẾ
Số: 7/TB-BYT
Hà Nội, ngày 1 tháng 2 năm 2024

THÔNG BÁO
Lịch làm việc tuần
"""

_NUMBER = re.compile(r"^((?:[IVX]+|\d+(?:\.\d+)*))\.\s+(.*)$")     # "1.1. Tổ chức ..."
_LABELLED = re.compile(r"^-\s*(Đơn vị chủ trì|Đơn vị phối hợp|Thời gian):\s*(.*?)\.?$")
_DOC_NO = re.compile(r"^Số:\s*(\S+)")
_DATE = re.compile(r"(\w[\w ]*), ngày (\d+) tháng (\d+) năm (\d{4})")


def fake_parse(path: str | Path, data: bytes | None = None) -> ParsedDocument:
    """A stand-in for `extractors.extract.extract` that understands the plans above
    (reads `data`, or the file at `path` when None, like the extractor)."""
    data = Path(path).read_bytes() if data is None else data
    if not data.strip():
        raise ParseError("file is empty", path=path, reason="empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ParseError("not UTF-8", path=path, location=f"byte {e.start}", reason="encoding")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    blocks = tuple(Block(i, "paragraph", ln, line=i + 1) for i, ln in enumerate(lines))
    raw = RawDocument(str(path), Path(path).suffix.lstrip("."), blocks, "text")
    nodes, tasks, meta = [], [], {}
    section, current = None, None
    for b in blocks:
        m = _NUMBER.match(b.text)
        marker = Marker("decimal", m.group(1), m.group(1) + ".") if m else None
        if m:
            section = m.group(1)
        nodes.append(Node(b.index, b.index, marker, m.group(2) if m else b.text,
                          section or f"¶{b.index}", None, 0))
        if (d := _DOC_NO.match(b.text)):
            meta["doc_number"] = d.group(1)
        if (d := _DATE.search(b.text)):
            meta["place"] = d.group(1)
            meta["issue_date"] = date(int(d.group(4)), int(d.group(3)), int(d.group(2)))
        lab = _LABELLED.match(b.text)
        if lab and lab.group(1) == "Đơn vị chủ trì":
            current = {"owners": (Mention(lab.group(2), "owner"),), "partners": (),
                       "timing": Timing(None, None), "span": Span(b.index, 0, len(b.text))}
            tasks.append(current)
        elif lab and current and lab.group(1) == "Đơn vị phối hợp":
            current["partners"] = (Mention(lab.group(2), "partner"),)
        elif lab and current:
            kind = "period" if lab.group(2).startswith("Tháng") else "unparsed"
            current["timing"] = Timing(lab.group(2), kind)
        if lab:
            current["section"] = section
    records = tuple(TaskRecord(t["section"], "inline", None, f"nhiệm vụ {t['section']}",
                               t["owners"], t["partners"], t["timing"], span=t["span"])
                    for t in tasks)
    return ParsedDocument(str(path), "", raw, DocumentTree(raw, tuple(nodes)),
                          DocumentMeta(doc_type="Kế hoạch", **meta), records)


class Clock:
    """Ingestion times that advance one minute per call."""

    def __init__(self):
        self.t = datetime(2024, 7, 1, 8, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t
