"""Timing of a task (spec §4): what a timing expression denotes.

- `normalise_timing(raw, ref)`: a timing value as written in a labelled field
  or a table cell (`Tháng 5/2023`, `Quý II/2023`, `Trước ngày 30/6/2023`,
  `Thường xuyên`, `23/3/2026; 02 ngày`) -> `Timing`.
- `find_timing(text, ref)`: the first phrase of an item's prose that schedules
  its main work (`... trình Thủ tướng Chính phủ trong quý III năm 2012`) ->
  `Timing` with its span, or None (see extractors/timing_find.py).

`ref` is the document's issue date: it gives the year of dates written
without one. Neither function raises on any text: what is not understood is
`unparsed`, with dates None and the raw text kept.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from extractors.timing_find import find_timing, is_citation_date
from extractors.timing_scan import Candidate, scan
from parsers.model import Timing

__all__ = ["normalise_timing", "find_timing"]

# Runs of white space, the no-break space of Word included: `Ngày 23/3/2026\n02 ngày`
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
# Punctuation that never starts or ends a value (spec §2): `Tháng 5/2023.`
_EDGE = " .;,"

# A phrase that is weak evidence in a cell: used only when nothing else is there
# (`Theo kế hoạch` says less than `Theo kế hoạch, trước ngày 30/6/2025`).
_WEAK_FORMS = {"unspecified_cell"}


def clean_raw(raw: str | None) -> str | None:
    """NFC, white space folded, no leading or trailing spaces or `.`, `;`, `,`."""
    if raw is None:
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(raw))).strip(_EDGE)
    return text or None


def _cell_choice(candidates: list[Candidate]) -> Candidate | None:
    """The first scheduling phrase of a cell; a weak phrase only if it is alone."""
    strong = [c for c in candidates if c.form not in _WEAK_FORMS]
    return (strong or candidates or [None])[0]


def normalise_timing(raw: str | None, ref: date | None) -> Timing:
    """The Timing of a timing cell or labelled value; never raises.

    `raw` is kept as written (NFC, white space folded, edge punctuation off).
    The first timing phrase of the value decides its kind (`Tháng 6/2026 và
    hằng năm` is the month); a value with no timing phrase is `unparsed`.
    Empty or blank -> Timing(None, None).
    """
    text = clean_raw(raw)
    if text is None:
        return Timing(None, None)
    try:
        choice = _cell_choice([c for c in scan(text, ref) if not is_citation_date(text, c)])
    except Exception:  # noqa: BLE001 - a guard: the property tests run `scan` unguarded
        choice = None
    if choice is None:
        return Timing(text, "unparsed")
    return Timing(text, choice.kind, choice.start_date, choice.end_date)

