"""Space-aligned tables in plain text: a table copied out of a PDF with its layout.

An inspection plan's appendix (shortened):

          Tên đơn vị được                              Thời gian công bố     Thời hạn
  TT                          Đối tượng kiểm tra
             kiểm tra                                  Quyết định kiểm tra   kiểm tra
                            Gói thầu số 13: Thi công công trình nối
        Công ty cổ phần xây Bài - Lào Cai (IC14) đoạn thi công từ Km0
   1     dựng giao thông    định cư 1, phường Trung Tâm ...    23/3/2026         02 ngày
             Yên Bái        Gói thầu số 14: Thi công công trình ...

Guarantees of `find_tables(lines)`:
- a table starts at a line that opens with a number-column title (`TT`, `STT`:
  vocab/text_tables.json) followed by other titles, and has at least one row
  number (`1`, `2.`) under that title below its header; it is a run of
  non-blank lines (a blank line ends it);
- the header is the number-title line and the lines centred on it: those just
  above that hold two fragments or more (at most MAX_HEADER_HALF), and as many
  below; its columns are the title fragments that overlap from line to line
  (at least MIN_COLUMNS);
- the boundary between two columns is the position between their centres
  that the fewest body lines write on;
- a row's number, like its dates, may sit vertically centred in the row: when
  the first number is not on the first body line, each row spans as many lines
  above its number as below, as near as the lines allow; otherwise a row runs
  from its number to the line before the next number;
- where the copy ran two columns together with one space (`Công ty cổ phần
  xây Bài - Lào Cai ...`), the line is split at the word gap that centres the
  left piece in its column when that column's text is centred, else at the
  gap nearest the boundary;
- a cell is the pieces of the row's lines in that column, joined with spaces.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab") / "text_tables.json"

# A fragment: words with single spaces between them; two spaces or more part
# fragments: `Thời gian công bố     Thời hạn` → two
FRAGMENT = re.compile(r"\S+(?: \S+)*")
# A word of a fragment: `Km26+793+`
WORD = re.compile(r"\S+")
# The number of a data row in the number column: `1`, `12.`
ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")
MAX_TITLE_INDENT = 6      # the number title starts within this many characters of the margin
MAX_HEADER_HALF = 3       # header lines above (and as many below) the number-title line
MAX_SHIFT = 6             # how far from the boundary a run-together line may be split
MIN_COLUMNS = 3

Piece = tuple[int, int, str]      # start, end (exclusive), text


@dataclass(frozen=True)
class TextTable:
    """A table of lines `first`..`last` (0-based, inclusive): rows as (index of
    the row's first line, cells), the header row first."""

    first: int
    last: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    notes: tuple[tuple[int, str], ...] = ()     # lines inside that are no cell's: (index, text)


@dataclass(frozen=True)
class _Column:
    start: int
    end: int
    centre: float             # of its text's extent
    centred: bool             # its lines are centred, not aligned left


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The words of plain-text tables' headers (vocab/text_tables.json)."""
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def number_titles() -> frozenset[str]:
    return frozenset(vocab()["number_titles"])


def _fragments(line: str) -> list[Piece]:
    return [(m.start(), m.end(), m.group(0)) for m in FRAGMENT.finditer(line)]


def _is_title_line(line: str) -> bool:
    frags = _fragments(line)
    return len(frags) >= 2 and frags[0][0] <= MAX_TITLE_INDENT and frags[0][2] in number_titles()


def find_tables(lines: list[str]) -> list[TextTable]:
    """The space-aligned tables of a text's lines, top to bottom."""
    return scan_tables(lines, lambda k: _table_at(lines, k) if _is_title_line(lines[k]) else None)


def scan_tables(lines: list[str], table_at: Callable[[int], TextTable | None]) -> list[TextTable]:
    """The tables that `table_at` finds at a line of `lines`, top to bottom, each looked
    for after the one before ends."""
    tables: list[TextTable] = []
    i = 0
    while i < len(lines):
        table = table_at(i)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = table.last + 1
    return tables


def _table_at(lines: list[str], h: int) -> TextTable | None:
    end = h
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    top = h
    while top > 0 and h - top < MAX_HEADER_HALF and len(_fragments(lines[top - 1])) >= 2:
        top -= 1
    bottom = h + (h - top)
    if bottom >= end or any(not lines[k].strip() for k in range(top, bottom + 1)):
        return None
    spans = _cluster([p for k in range(top, bottom + 1) for p in _fragments(lines[k])])
    if len(spans) < MIN_COLUMNS:
        return None
    anchors = _anchors(lines, bottom + 1, end, spans)
    if not anchors:
        return None
    body = range(bottom + 1, end + 1)
    bounds = _boundaries(lines, range(top, bottom + 1), body, spans)
    columns = _columns(lines, range(top, end + 1), spans, bounds)
    pieces = {k: _split_line(lines[k], bounds, columns) for k in range(top, end + 1)}
    rows = [(top, _cells(pieces, range(top, bottom + 1), len(spans)))]
    for first, last in _row_spans(bottom + 1, end, anchors):
        rows.append((first, _cells(pieces, range(first, last + 1), len(spans))))
    return TextTable(top, end, tuple(rows))


def _cluster(pieces: list[Piece]) -> list[tuple[int, int]]:
    """Header fragments that overlap from line to line: one span per column, left to right."""
    spans: list[list[int]] = []
    for start, end, _ in sorted(pieces):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def _anchors(lines: list[str], first: int, last: int, spans: list[tuple[int, int]]) -> list[int]:
    """Body lines that hold a row number under the number title, numbers rising."""
    out: list[int] = []
    previous = 0
    for k in range(first, last + 1):
        frags = _fragments(lines[k])
        if len(frags) < 2 or not ROW_NUMBER.match(frags[0][2]):
            continue
        if frags[0][0] > spans[0][1] + 1 or frags[0][1] > spans[1][0]:
            continue
        number = int(frags[0][2].rstrip("."))
        if number <= previous:
            return []
        previous = number
        out.append(k)
    return out


def _occupied(line: str, p: int) -> bool:
    return p < len(line) and line[p] != " "


def _boundaries(lines: list[str], header: range, body: range,
                spans: list[tuple[int, int]]) -> list[int]:
    """Per pair of neighbour columns, the first position of the right one: the middle
    of the longest stretch between their title centres that fewest body lines write
    on (then fewest header lines: a title may be wider than its column's text)."""
    bounds: list[int] = []
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        lo, hi = (a0 + a1) // 2 + 1, (b0 + b1) // 2
        counts = [(sum(_occupied(lines[k], p) for k in body),
                   sum(_occupied(lines[k], p) for k in header)) for p in range(lo, hi + 1)]
        least = min(counts)
        best, run_start, best_len = lo, None, 0
        for i, c in enumerate(counts + [(least[0] + 1, 0)]):
            if c == least and run_start is None:
                run_start = i
            elif c != least and run_start is not None:
                if i - run_start > best_len:
                    best_len, best = i - run_start, lo + (run_start + i) // 2
                run_start = None
        bounds.append(best)
    return bounds


def _column_of(start: int, end: int, bounds: list[int]) -> int:
    return bisect_right(bounds, (start + end - 1) / 2)


def _columns(lines: list[str], rows: range, spans: list[tuple[int, int]],
             bounds: list[int]) -> list[_Column]:
    """Each column's extent and alignment, from the fragments that lie in one column."""
    clean: dict[int, list[Piece]] = {}
    for k in rows:
        for frag in _fragments(lines[k]):
            col = _column_of(frag[0], frag[0] + 1, bounds)
            if col == _column_of(frag[1] - 1, frag[1], bounds):
                clean.setdefault(col, []).append(frag)
    out = []
    for col, (s, e) in enumerate(spans):
        frags = clean.get(col) or [(s, e, "")]
        starts = [f[0] for f in frags]
        centres = [(f[0] + f[1] - 1) / 2 for f in frags]
        lo, hi = min(starts), max(f[1] for f in frags)
        centred = len(frags) > 1 and max(starts) - min(starts) > max(centres) - min(centres) + 1
        out.append(_Column(lo, hi, (lo + hi - 1) / 2, centred))
    return out


def _split_line(line: str, bounds: list[int], columns: list[_Column]) -> dict[int, list[str]]:
    """The text a line writes in each column."""
    out: dict[int, list[str]] = {}
    for f0, _, frag in _fragments(line):
        words = [(f0 + m.start(), f0 + m.end()) for m in WORD.finditer(frag)]
        col = _column_of(*words[0], bounds)
        while True:
            last = _column_of(*words[-1], bounds)
            if last <= col or col >= len(bounds):
                out.setdefault(min(col, len(columns) - 1), []).append(line[words[0][0]:words[-1][1]])
                break
            g = _split_at(words, bounds[col], columns[col])
            out.setdefault(col, []).append(line[words[0][0]:words[g - 1][1]])
            words = words[g:]
            col = max(col + 1, _column_of(*words[0], bounds))
    return out


def _split_at(words: list[tuple[int, int]], bound: int, column: _Column) -> int:
    """Where a run of words that crosses `bound` leaves the left column: index of the
    first word of the right piece."""
    gaps = [g for g in range(1, len(words)) if abs(words[g][0] - bound) <= MAX_SHIFT]
    if not gaps:
        return next((g for g in range(1, len(words)) if words[g][0] >= bound), len(words) - 1) or 1
    if column.centred:
        start = words[0][0]
        return min(gaps, key=lambda g: (abs((start + words[g - 1][1] - 1) / 2 - column.centre),
                                        abs(words[g][0] - bound)))
    return min(gaps, key=lambda g: abs(words[g][0] - bound))


def _cells(pieces: dict[int, dict[int, list[str]]], rows: range, n: int) -> tuple[str, ...]:
    return tuple(" ".join(t for k in rows for t in pieces[k].get(col, [])) for col in range(n))


def _row_spans(first: int, last: int, anchors: list[int]) -> list[tuple[int, int]]:
    """(first line, last line) of each row: from each number to the next when the
    first number opens the body, else centred on the numbers (fewest lines off centre)."""
    if anchors[0] == first:
        starts = anchors + [last + 1]
        return [(a, b - 1) for a, b in zip(starts, starts[1:])]
    n = len(anchors)
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def solve(k: int, start: int) -> tuple[int, list[int]]:
        """Least off-centre cost of rows k.. when row k starts at `start`; next starts."""
        if (k, start) in best:
            return best[(k, start)]
        a = anchors[k]
        if k == n - 1:
            result = (abs((a - start) - (last - a)), [])
        else:
            result = None
            for nxt in range(a + 1, anchors[k + 1] + 1):
                cost, rest = solve(k + 1, nxt)
                cost += abs((a - start) - (nxt - 1 - a))
                if result is None or cost < result[0]:
                    result = (cost, [nxt] + rest)
        best[(k, start)] = result
        return result

    starts = [first] + solve(0, first)[1] + [last + 1]
    return [(a, b - 1) for a, b in zip(starts, starts[1:])]
