"""The notes of a consolidated text (văn bản hợp nhất) in a text copied from its pages.

A consolidated text marks each amended passage with a note number glued to its last word
(`... Công ty mẹ - Tập đoàn Công nghiệp - Viễn thông Quân đội58, việc giao ...`) and
prints the note at the foot of the page, on lines of its own that open with the number
(`58 Cụm từ “Tập đoàn Viễn thông Quân đội” được sửa đổi thành “...” theo quy định tại
khoản 1 Điều 1 của Nghị định số 74/2020/NĐ-CP ..., có hiệu lực từ ngày 15 tháng 8 năm
2020.`). Copied as text, the notes stand between the paragraphs of the page and the marks
stay glued to the words. `consolidation_notes` takes the notes out of the lines (they
become footnote blocks, as a .docx's notes do) and the marks off the words. A line is a
note only where it says what was amended and its number marks a word above it.
"""
from __future__ import annotations

import re

# A line that opens a note: its number, then its text: `59 Khoản này được sửa đổi, bổ sung ...`,
# `73Cụm từ “...” được sửa đổi ...`
NOTE_LINE = re.compile(r"^\s*(\d{1,3})(?:\s+(?=\S)|(?=[^\W\d_]))")
# What a note of a consolidated text says: `Khoản này được sửa đổi, bổ sung theo quy định
# tại ...`, `Cụm từ “(hoặc Bộ Tài chính)” được bãi bỏ theo quy định tại ...`
AMENDMENT = re.compile(r"(?<![\w])được\s+(?:sửa đổi|bổ sung|bãi bỏ|thay thế|thay bằng|đính chính|hợp nhất)"
                       r"(?![\w])")
# A note's mark glued to the last word of the passage: `Quân đội58,`, `thường xuyên13 `
MARK = re.compile(r"(?<=[^\W\d_])(\d{1,3})(?=[\s.,;:)”\"']|$)")
# ... or to the number of the item it amends: `2.11 Đối tượng ...` (item 2, note 11)
ITEM_MARK = re.compile(r"^\s*\d{1,2}\.(\d{1,3})(?=\s)")
MAX_NOTE_LINES = 12         # a note runs on for no more lines than this
NOTE_LOOK = 300             # how far into a note its amendment is looked for


def consolidation_notes(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The lines with each note left blank and each mark taken off its word, and the notes
    as (index of their first line, text), in order."""
    marks: dict[str, list[tuple[int, int, int]]] | None = None    # read at the first note
    out = list(lines)
    notes: list[tuple[int, str]] = []
    unmark: dict[int, list[tuple[int, int]]] = {}
    i = 0
    while i < len(lines):
        m = NOTE_LINE.match(lines[i])
        if not m:
            i += 1
            continue
        end = _note_end(lines, i)
        text = " ".join(ln.strip() for ln in lines[i:end + 1])
        if not AMENDMENT.search(text[:NOTE_LOOK]):
            i += 1
            continue
        if marks is None:
            marks = _marks(lines)
        above = [k for k in marks.get(m.group(1), ()) if k[0] < i]
        if not above:
            i += 1
            continue
        notes.append((i, text))
        for k in range(i, end + 1):
            out[k] = ""
        line, start, stop = above[-1]                   # the nearest mark above the note
        unmark.setdefault(line, []).append((start, stop))
        i = end + 1
    for line, spans in unmark.items():
        text = out[line]
        for start, stop in sorted(spans, reverse=True):
            text = text[:start] + text[stop:]
        out[line] = text
    return out, notes


def _note_end(lines: list[str], i: int) -> int:
    """The last line of the note that opens at line i: it runs on to its full stop, a blank
    line or the next note, at most MAX_NOTE_LINES lines."""
    end = i
    while end + 1 < len(lines) and end - i + 1 < MAX_NOTE_LINES and lines[end + 1].strip() \
            and not lines[end].rstrip().endswith(".") and not NOTE_LINE.match(lines[end + 1]):
        end += 1
    return end


def _marks(lines: list[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Each note number glued to a word or an item's number: number → (line, start, end)."""
    marks: dict[str, list[tuple[int, int, int]]] = {}
    for i, line in enumerate(lines):
        item = ITEM_MARK.match(line)
        for m in ([item] if item else []) + list(MARK.finditer(line)):
            marks.setdefault(m.group(1), []).append((i, m.start(1), m.end(1)))
    return marks
