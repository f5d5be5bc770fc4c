"""The timing of an item's prose (spec §2 `timing_raw`, §4): the first phrase
that schedules the item's main work, not one that qualifies its object.

The rules follow the gold annotators' notes (corpus/gold/*.json):
- a calendar unit schedules only behind a lead: `trong quý II năm 2012`,
  `trước ngày 30/5/2026`; a bare `năm 2026` names a plan's year (`Kế hoạch ...
  năm 2025`), a bare `ngày 07 tháng 01 năm 2022` dates a citation;
- `đến năm 2030` is a deadline only at the head of a clause (`Phấn đấu đến năm
  2030, có ...`), not after a noun (`Chiến lược ... đến năm 2030`);
- nothing right behind `giai đoạn`, `thời kỳ`, `tầm nhìn`, `định hướng`, `tính`...;
- a frequency (`hằng năm`, `định kỳ`) governs the main action at the head of
  a sentence or in the first clause, but not after a plan noun (`kế hoạch công
  tác hằng năm`, `kiểm tra định kỳ và đột xuất`), nor as a coordinated or
  later `;` duty (`... và định kỳ đánh giá`, `...; định kỳ đo lường`);
  `Thường xuyên` only heads a sentence; in a standing-role item (`Là cơ quan
  thường trực, ...`) neither counts;
- a condition (`khi có ...`) counts in the first clause of the first sentence,
  `Sau khi ...` only at the head of a sentence.
"""
from __future__ import annotations

import unicodedata
from datetime import date

from extractors.timing_scan import Candidate, scan
from parsers.grammar.timing import (CELL_DURATION_LEADS, CITATION_NOUN, CLAUSE_INITIAL_LEADS,
                                    CLAUSE_OPENER_BEFORE, DAY_ONLY_LEADS, DOC_NUMBER_BEFORE,
                                    OBJECT_MARKER_BEFORE, PLAN_NOUN, PROSE_LEADS,
                                    SECONDARY_BEFORE, STANDING_ROLE, shadow)
from parsers.model import Span, Timing

_SENTENCE_END = ".:!?"
_CLAUSE_END = ".;:,(-+•"
_SEGMENT_ENDS = (", ", ";", ":", ". ", "(", ")")
_SEGMENT_WORDS = 12  # how far back a plan noun still qualifies a frequency
_WINDOW = 120        # characters looked at before a phrase (markers, segment, opener)


def _window(sh: str, start: int) -> str:
    return sh[max(0, start - _WINDOW):start]


def _segment_before(sh: str, start: int) -> str:
    """The words of the same comma-free stretch before `start` (at most 12)."""
    before = _window(sh, start)
    cut = max(before.rfind(x) for x in _SEGMENT_ENDS)
    seg = before[cut + 1:] if cut >= 0 else before
    return " ".join(seg.split()[-_SEGMENT_WORDS:])


def _sentence_initial(sh: str, start: int) -> bool:
    before = _window(sh, start).rstrip()
    return not before or before[-1] in _SENTENCE_END


def _clause_initial(sh: str, start: int) -> bool:
    before = _window(sh, start).rstrip()
    opener = CLAUSE_OPENER_BEFORE.search(before)
    if opener:
        before = before[:opener.start()].rstrip()
    return not before or before[-1] in _CLAUSE_END


def _first_clause(sh: str, start: int) -> bool:
    return sh.find(";", 0, start) < 0 and sh.find(". ", 0, start) < 0


def is_citation_date(text: str, c: Candidate) -> bool:
    """A date with no lead that dates a cited document, not a schedule."""
    if c.form != "period" or c.lead or c.unit != "day":
        return False
    before = shadow(_window(text, c.start))
    if DOC_NUMBER_BEFORE.search(before):
        return True
    return bool(CITATION_NOUN.search(_segment_before(before, len(before))))


def _frequency_schedules(c: Candidate, sh: str, standing: bool) -> bool:
    if standing:
        return False
    if _sentence_initial(sh, c.start):
        return True
    if c.form == "ongoing":
        return False
    return not (sh.find(";", 0, c.start) >= 0 or SECONDARY_BEFORE.search(_window(sh, c.start))
                or PLAN_NOUN.search(_segment_before(sh, c.start)))


def _schedules(c: Candidate, sh: str, standing: bool) -> bool:
    """Whether a phrase found in prose schedules the item's work (module doc)."""
    if OBJECT_MARKER_BEFORE.search(_window(sh, c.start)):
        return False
    form, unit = c.form, c.unit
    if form in ("recurring", "ongoing"):
        return _frequency_schedules(c, sh, standing)
    if form == "trigger":
        return not standing and _first_clause(sh, c.start)
    if form == "relative_clause":
        return _sentence_initial(sh, c.start)
    if form == "unspecified_cell":
        return False
    if form == "period":
        return c.lead in PROSE_LEADS and not (unit == "year" and c.bare)
    if form == "deadline":
        if c.lead in DAY_ONLY_LEADS and unit != "day":
            return False
        if c.lead in CLAUSE_INITIAL_LEADS and unit != "day":
            return _clause_initial(sh, c.start)
        return True
    if form == "open_tail":
        return _clause_initial(sh, c.start)
    if form == "relative":
        return c.lead not in CELL_DURATION_LEADS
    return True   # recurring_day, date_duration, range, open, unspecified


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " .;,:":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return start, end


def find_timing(text: str | None, ref: date | None) -> Timing | None:
    """The first phrase of `text` that schedules the item's work, or None.

    `raw` is the phrase as written; `span` = Span(block=-1, start, end) gives
    its offsets in `text` (NFC), the caller sets the block.
    """
    if not text or not text.strip():
        return None
    text = unicodedata.normalize("NFC", text)
    sh = shadow(text)
    standing = bool(STANDING_ROLE.search(sh))
    rejected: list[tuple[int, int]] = []
    for c in scan(text, ref):
        if any(s <= c.start and c.end <= e for s, e in rejected):
            continue     # inside a phrase already judged to qualify an object
        if not _schedules(c, sh, standing):
            rejected.append((c.start, c.end))
            continue
        start, end = _trimmed(text, c.start, c.end)
        return Timing(text[start:end], c.kind, c.start_date, c.end_date,
                      Span(block=-1, start=start, end=end))
    return None
