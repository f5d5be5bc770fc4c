"""The timing of an item's prose (spec §2 `timing_raw`, §4): the first phrase
that schedules the item's main work, not one that qualifies its object.

The rules follow the spec's rulings and the gold annotators' notes:
- a calendar unit schedules only behind a lead: `trong quý II năm 2012`,
  `trước ngày 30/5/2026`; a bare `năm 2026` names a plan's year (`Kế hoạch ...
  năm 2025`), a bare `ngày 07 tháng 01 năm 2022` dates a citation; a date or
  deadline counts wherever it stands;
- `đến năm 2030` is a deadline only at the head of a clause (`Phấn đấu đến năm
  2030, có ...`), not after a noun (`Chiến lược ... đến năm 2030`);
- nothing right behind `giai đoạn`, `thời kỳ`, `tầm nhìn`, `định hướng`, `tính`...,
  nor inside a fronted topic (`Đối với các nhiệm vụ triển khai trong năm 2025, ...`);
- a frequency (`hằng năm`, `định kỳ`) is the timing only where it governs the
  item's first action: at the head of the item's first sentence or inside its
  first clause, not after a plan noun (`kế hoạch công tác hằng năm`) or as the
  kind of an activity (`kiểm tra định kỳ và đột xuất`), not as a later duty
  (`... và định kỳ đánh giá`, `..., định kỳ báo cáo`, `...; định kỳ đo lường`,
  `... . Hằng năm báo cáo`); a date with no year after such a later frequency is
  a yearly date (`... và định kỳ báo cáo kết quả thực hiện trước ngày 20/11`:
  recurring); `Thường xuyên` heads a sentence or follows a modal (`phải liên
  tục ra quân`); in a standing-role item (`Là cơ quan thường trực, ...`) none
  counts;
- a condition (`khi có ...`, `khi Chính phủ ... ban hành ...`), a schedule set
  elsewhere (`hoàn thành ... theo kế hoạch`, `bảo đảm thời hạn trình ...`) and
  `ngay sau khi ...` count in the first clause; `Sau khi ...`, `Trước khi ...`,
  `Trong thời gian ...` only at the head of a sentence.
"""
from __future__ import annotations

import unicodedata
from datetime import date

from extractors.timing_scan import Candidate, scan
from parsers.grammar.timing import CELL_DURATION_LEADS, CLAUSE_INITIAL_LEADS, DAY_ONLY_LEADS, PROSE_LEADS, shadow
from parsers.grammar.timing_prose import (ACTIVITY_NOUN_BEFORE, CITATION_NOUN, CLAUSE_OPENER_BEFORE,
                                          DOC_NUMBER_BEFORE, MODAL_BEFORE, OBJECT_MARKER_BEFORE, PLAN_NOUN,
                                          REPORTING_AFTER, SECONDARY_BEFORE, STANDING_ROLE, TIME_LIMIT,
                                          TOPIC_ENDS, TOPIC_OPENER)
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


def _first_sentence(sh: str, start: int) -> bool:
    return sh.find(". ", 0, start) < 0


def _first_clause(sh: str, start: int) -> bool:
    return sh.find(";", 0, start) < 0 and _first_sentence(sh, start)


def _topic_end(sh: str) -> int:
    """The end of a fronted topic at the head of the item (`Đối với ...,`, `Về ...:`), or 0."""
    m = TOPIC_OPENER.match(sh)
    if not m:
        return 0
    sentence_end = sh.find(". ")
    ends = [at for at in (sh.find(mark, m.end())
                          for mark in TOPIC_ENDS[" ".join(m.group("w").lower().split())]) if at > 0]
    end = min(ends, default=0)
    return end if end and (sentence_end < 0 or end < sentence_end) else 0


def is_citation_date(text: str, c: Candidate) -> bool:
    """A date with no lead that dates a cited document, not a schedule."""
    if c.form != "period" or c.lead or c.unit != "day":
        return False
    before = shadow(_window(text, c.start))
    if DOC_NUMBER_BEFORE.search(before):
        return True
    return bool(CITATION_NOUN.search(_segment_before(before, len(before))))


# What a frequency found in prose does (`_frequency`)
SCHEDULES, LATER_DUTY, QUALIFIES = "schedules", "later duty", "qualifies"


def _frequency(c: Candidate, sh: str, standing: bool) -> str:
    """Whether a frequency schedules the item's first action, is a later duty of the
    item, or qualifies an object (module doc)."""
    window = _window(sh, c.start)
    if standing or ACTIVITY_NOUN_BEFORE.search(window):
        return QUALIFIES
    if c.form == "recurring" and SECONDARY_BEFORE.search(window):
        return LATER_DUTY
    if PLAN_NOUN.search(_segment_before(sh, c.start)):
        return QUALIFIES
    if _sentence_initial(sh, c.start):
        if _first_sentence(sh, c.start) or not REPORTING_AFTER.match(sh, c.end):
            return SCHEDULES
        return LATER_DUTY
    if c.form == "ongoing":
        return SCHEDULES if MODAL_BEFORE.search(window) and _first_clause(sh, c.start) \
            else QUALIFIES
    if sh.find(";", 0, c.start) >= 0 or not _first_sentence(sh, c.start) \
            or SECONDARY_BEFORE.search(window) or _clause_initial(sh, c.start):
        return LATER_DUTY
    return SCHEDULES


def _schedules(c: Candidate, sh: str, standing: bool) -> bool:
    """Whether a phrase found in prose schedules the item's work (module doc)."""
    if OBJECT_MARKER_BEFORE.search(_window(sh, c.start)):
        return False
    form, unit = c.form, c.unit
    if form in ("recurring", "ongoing"):
        return _frequency(c, sh, standing) == SCHEDULES
    if form in ("trigger", "trigger_named", "plan_ref", "deadline_ref", "relative_now"):
        return not standing and _first_clause(sh, c.start)
    if form == "relative_clause":
        return _sentence_initial(sh, c.start)
    if form == "unspecified_cell":
        return False
    if form in ("period", "span"):
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
        return c.lead not in CELL_DURATION_LEADS or TIME_LIMIT.search(sh, c.start, c.end) is not None
    return True   # recurring_day, date_duration, range, open, open_until, unspecified


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " .;,:":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return start, end


# Phrases that a lead-in's items do not take from it: a lead-in's condition or reference
# tells how the lead-in came about (`Sau khi nghe báo cáo của Sở ..., Chủ tịch Ủy ban nhân
# dân tỉnh kết luận như sau:`), not when its items are due.
_NOT_PASSED_DOWN = frozenset({"relative_clause", "relative_now", "trigger", "trigger_named",
                              "plan_ref", "deadline_ref", "unspecified"})


def find_timing(text: str | None, ref: date | None, lead_in: bool = False) -> Timing | None:
    """The first phrase of `text` that schedules the item's work, or None; with `lead_in`,
    the first that a lead-in passes down to its items (`_NOT_PASSED_DOWN`).

    `raw` is the phrase as written; `span` = Span(block=-1, start, end) gives
    its offsets in `text` (NFC), the caller sets the block.
    """
    if not text or not text.strip():
        return None
    text = unicodedata.normalize("NFC", text)
    sh = shadow(text)
    standing = bool(STANDING_ROLE.search(sh))
    topic_end = _topic_end(sh)
    rejected: list[tuple[int, int]] = []
    later_duty: Candidate | None = None        # the first frequency of a later duty
    for c in scan(text, ref):
        if c.start < topic_end or any(s <= c.start and c.end <= e for s, e in rejected):
            continue     # in a fronted topic, or inside a phrase that qualifies an object
        if not _schedules(c, sh, standing) or lead_in and c.form in _NOT_PASSED_DOWN:
            rejected.append((c.start, c.end))
            if later_duty is None and c.form in ("recurring", "ongoing") \
                    and _frequency(c, sh, standing) == LATER_DUTY:
                later_duty = c
            continue
        if later_duty is not None and not c.year_given and c.kind in ("deadline", "period") \
                and _first_sentence(sh[later_duty.start:], c.start - later_duty.start):
            # `định kỳ báo cáo kết quả thực hiện trước ngày 20/11`: a yearly date (the raw
            # runs to the date where no comma stands between)
            last = c.end if "," not in sh[later_duty.end:c.start] else later_duty.end
            start, end = _trimmed(text, later_duty.start, last)
            return Timing(text[start:end], "recurring", None, None,
                          Span(block=-1, start=start, end=end))
        start, end = _trimmed(text, c.start, c.end)
        return Timing(text[start:end], c.kind, c.start_date, c.end_date,
                      Span(block=-1, start=start, end=end))
    return None
