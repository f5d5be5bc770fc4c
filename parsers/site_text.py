"""Text a publishing website adds around a document (spec §1): not part of it.

A portal's copy opens with the site's banner (`Bản dịch này thuộc quyền sở
hữu của THƯ VIỆN PHÁP LUẬT ...` down to `Đang tải văn bản...`) and ends with
the site's own pages (`Văn bản này chưa cập nhật nội dung Tiếng Anh`, `##
Văn bản liên quan`, `NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN`, a dataset's `=====
GHI CHU =====` note), the trailer often after the site's one-line summary of
the document (`Công văn 11414/VPCP-CN năm 2025 đẩy nhanh tiến độ ...`).
The phrases are in `vocab/site_text.json`.

Guarantees of `site_lines(lines)`:
- the indices it returns are those of the banner (its start line within the
  first BANNER_WITHIN lines, through its end line) and of the trailer (from
  its first line, or the summary line just above it, to the end);
- a trailer line is only looked for after the banner and after the first
  TRAILER_AFTER share of the lines, so a document that quotes a phrase near
  its top keeps its text.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab") / "site_text.json"
BANNER_WITHIN = 10         # the banner starts on one of the first lines
BANNER_MAX_LINES = 60      # and ends within this many lines
TRAILER_AFTER = 0.2        # share of the lines before a trailer may start
# Markdown emphasis and heading marks around a line: `**`, `## `
MARKUP = re.compile(r"^[\s*#]+|[\s*]+$")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _plain(line: str) -> str:
    return MARKUP.sub("", line)


def site_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that the website added (banner and trailer)."""
    v = vocab()
    out: set[int] = set()
    start_at = 0
    starts, ends = tuple(v["banner"]["start"]), tuple(v["banner"]["end"])
    for i, line in enumerate(lines[:BANNER_WITHIN]):
        if _plain(line).startswith(starts):
            for j in range(i, min(len(lines), i + BANNER_MAX_LINES)):
                if _plain(lines[j]).startswith(ends):
                    out.update(range(i, j + 1))
                    start_at = j + 1
                    break
            break
    trailer = tuple(v["trailer"])
    after_summary = tuple(v["summary_before_trailer"])
    first = max(start_at, int(len(lines) * TRAILER_AFTER))
    for i in range(first, len(lines)):
        text = lines[i].strip()
        if text.startswith(trailer):
            k = i - 1 if i > 0 and text.startswith(after_summary) and lines[i - 1].strip() else i
            out.update(range(k, len(lines)))
            break
    return out
