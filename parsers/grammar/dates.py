"""Date forms of administrative Vietnamese.

- the letterhead's date line: `Hà Nội, ngày 31 tháng 5 năm 2023` (the place, then the
  day written out); a day or month left blank in a draft (`ngày    tháng 4 năm 2026`)
  or that OCR could not read (`ngày |Š tháng 12 năm 2025`) gives no date;
- a date after a cited document's number: `ngày 01/4/2022`, `ngày 22 tháng 12 năm 2024`;
- a numeric date: `31/05/2023`, `29-07-2011`, `03.7.2008`.

`safe_date` turns the three numbers into a `date`, or None when they name no day.
"""
from __future__ import annotations

import re
from datetime import date

# A date line: `Hà Nội, ngày 31 tháng 5 năm 2023`, `Lào Cai, ngày   tháng 4 năm 2026`
# and as OCR reads a handwritten day: `Hà Nội, ngày |Š tháng 12 năm 2025`
DATE_LINE = re.compile(r"\bngày\s+(?:[\d\s]{0,3}|\S{1,3}\s)\s*tháng\s+[\d\s]{0,3}\s*năm\s+\d{4}", re.I)
# The parts of a date line: place, day, month, year; a day OCR could not read is none:
# `Hà Nội, ngày |Š tháng 12 năm 2025`
DATE_PARTS = re.compile(r"(?P<place>[^,|]*?)\s*,?\s*ngày\s+(?:(?P<d>\d{1,2})|\S{1,3}\s)?\s*tháng\s+"
                        r"(?P<m>\d{1,2})?\s*năm\s+(?P<y>\d{4})", re.I)
# A numeric date, day first: `Ngày ban hành 31/05/2023`, `29-07-2011`
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
# A date after a cited number: `ngày 01/4/2022`, `ngày10 /3/2026`, `ngày 22 tháng 12 năm 2024`
DATE_AFTER = re.compile(
    r"\s*,?\s*ngày\s*(?P<d>\d{1,2})\s*(?:[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))")


def safe_date(y: int | str, m: int | str, d: int | str) -> date | None:
    """`date(y, m, d)`, or None when the numbers name no day (`31/02/2024`)."""
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def numeric_date(text: str) -> date | None:
    """The first day-first numeric date in `text`: `29-07-2011` → 2011-07-29."""
    m = NUMERIC_DATE.search(text)
    return safe_date(m.group(3), m.group(2), m.group(1)) if m else None
