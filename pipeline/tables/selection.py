"""Which rows an export (or `tables.read`) keeps: filters by issuer, document
number, agency and dates, applied to any published table.

- `issuer`: the documents whose issuer contains the words given;
- `doc_number`: the documents of that number (`161/KH-UBND`, spaces ignored);
- `agency`: the tasks where an owner or partner mention, or its canonical name,
  contains the words given; documents and sections: those with such a task;
- `date_from` / `date_to`: tasks whose dates overlap the window — a period
  [start, end], a deadline on its end date, an open-ended task from its start
  on; tasks without dates are left out. Documents, sections and document
  quality rows: the documents issued in the window.

Words are compared as people type them (`matches`): case, spacing,
punctuation and tone marks ignored (`ha noi` finds `Hà Nội`; the text shown is
never folded), the registry's abbreviations expanded on both sides
(`UBND thành phố Hà Nội` finds `Ủy ban nhân dân thành phố Hà Nội`), and an
acronym left over stands for words with those initials, `và` skipped
(`Sở VHTT` finds `Sở Văn hóa và Thể thao`).

Filters combine with AND. The rejects table has no document, so it is never
filtered. `misses` says which filter matched nothing, for a warning.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable

import pyarrow as pa

Lookup = Callable[[str], pa.Table]          # table name → the table (same snapshot)

_SPACES = re.compile(r"\s+")                # "161 /KH-UBND" → "161/KH-UBND" (doc numbers)
# what a comparison key drops: punctuation between words (`Sở TT&TT`, `huyện, thị xã`)
_PUNCT = re.compile(r"[^\w\s]+")
# an acronym a person types for a body: `VHTT` of `Sở VHTT` (two or more capitals)
ACRONYM = re.compile(r"^[A-ZĐ]{2,}$")
JOINING_WORD = "va"                          # `và` (folded), skipped by an acronym's initials


class NoMatchWarning(UserWarning):
    """A filter of `tables.read` matched nothing."""


def fold(text: str | None) -> str:
    """NFC, lower case, runs of white space as one space: the form names are compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip().casefold()


def _toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _expand(text: str) -> str:
    from extractors.agencies import expand_abbreviations    # the registry's abbreviations
    return expand_abbreviations(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65536)
def key(text: str | None) -> str:
    """The form words are compared in (never shown): abbreviations expanded, lower
    case, no tone marks, no punctuation, single spaces."""
    folded = _toneless(fold(_expand(text or "")))
    return _SPACES.sub(" ", _PUNCT.sub(" ", folded)).strip()


@lru_cache(maxsize=256)
def _pattern(needle: str) -> re.Pattern:
    """A needle as a pattern over keys: its words in order; an acronym (`VHTT`)
    as words with its initials, `và` between them skipped."""
    parts = []
    for word in _expand(needle).split():
        if ACRONYM.match(word):
            letters = [re.escape(key(ch)) for ch in word]
            parts.append(rf" (?:{JOINING_WORD} )?".join(rf"{ch}\w*" for ch in letters))
        else:
            parts += [re.escape(w) for w in key(word).split()]
    return re.compile(r"(?<!\w)" + " ".join(parts) + r"(?!\w)")


def matches(needle: str, text: str | None) -> bool:
    """Whether `text` contains what a person meant by `needle` (see the module's doc)."""
    if not text:
        return False
    return _pattern(needle).search(key(text)) is not None


def number_key(text: str | None) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFC", text or "")).casefold()


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class Selection:
    issuer: str | None = None
    doc_number: str | None = None
    agency: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def of(cls, *, issuer=None, doc_number=None, agency=None, date_from=None, date_to=None):
        return cls(issuer or None, doc_number or None, agency or None,
                   _date(date_from), _date(date_to))

    @property
    def empty(self) -> bool:
        return not any((self.issuer, self.doc_number, self.agency, self.date_from, self.date_to))

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def describe(self) -> str:
        parts = [f"issuer ~ {self.issuer!r}" if self.issuer else "",
                 f"doc_number = {self.doc_number!r}" if self.doc_number else "",
                 f"agency ~ {self.agency!r}" if self.agency else "",
                 f"from {self.date_from}" if self.date_from else "",
                 f"to {self.date_to}" if self.date_to else ""]
        return ", ".join(p for p in parts if p) or "none"


def task_window(start: date | None, end: date | None) -> tuple[date, date] | None:
    """The dates a task occupies: period [start, end], deadline [end, end],
    open-ended [start, ∞); None without dates."""
    if start is None and end is None:
        return None
    return (start or end, end or date.max)


def overlaps(start: date | None, end: date | None, lo: date | None, hi: date | None) -> bool:
    window = task_window(start, end)
    if window is None:
        return False
    return (hi is None or window[0] <= hi) and (lo is None or window[1] >= lo)


def selected_documents(sel: Selection, documents: pa.Table) -> set[str] | None:
    """doc_ids passing the issuer and number filters (None: no such filter)."""
    if not (sel.issuer or sel.doc_number):
        return None
    want_number = number_key(sel.doc_number)
    return {r["doc_id"] for r in documents.select(["doc_id", "issuer", "doc_number"]).to_pylist()
            if (not sel.issuer or matches(sel.issuer, r["issuer"]))
            and (not sel.doc_number or number_key(r["doc_number"]) == want_number)}


def agency_tasks(needle: str, tasks: pa.Table, agencies: pa.Table) -> dict[str, str]:
    """task_id → doc_id of the tasks naming a body that contains `needle`."""
    out = {}
    for r in agencies.select(["task_id", "doc_id", "mention", "canonical_name"]).to_pylist():
        if matches(needle, r["mention"]) or matches(needle, r["canonical_name"]):
            out[r["task_id"]] = r["doc_id"]
    for r in tasks.select(["task_id", "doc_id", "owner", "partners"]).to_pylist():
        if any(matches(needle, m) for m in (r["owner"] or []) + (r["partners"] or [])):
            out[r["task_id"]] = r["doc_id"]
    return out


def dated_tasks(sel: Selection, tasks: pa.Table) -> set[str]:
    return {r["task_id"] for r in tasks.select(["task_id", "start_date", "end_date"]).to_pylist()
            if overlaps(r["start_date"], r["end_date"], sel.date_from, sel.date_to)}


def issued_in(sel: Selection, documents: pa.Table) -> set[str]:
    return {r["doc_id"] for r in documents.select(["doc_id", "issue_date"]).to_pylist()
            if r["issue_date"] is not None
            and (sel.date_from is None or r["issue_date"] >= sel.date_from)
            and (sel.date_to is None or r["issue_date"] <= sel.date_to)}


def _keep(table: pa.Table, column: str, allowed: set[str]) -> pa.Table:
    mask = pa.array([v in allowed for v in table.column(column).to_pylist()], pa.bool_())
    return table.filter(mask)


def apply(sel: Selection, name: str, table: pa.Table, lookup: Lookup) -> pa.Table:
    """The rows of table `name` that `sel` keeps; `lookup` gives the other tables."""
    if sel.empty:
        return table
    cols = set(table.column_names)
    by_task = "task_id" in cols
    if "doc_id" not in cols:                       # rejects: nothing to filter by
        return table
    docs = selected_documents(sel, lookup("documents"))
    if docs is not None:
        table = _keep(table, "doc_id", docs)
    if sel.agency:
        found = agency_tasks(sel.agency, lookup("tasks"), lookup("task_agencies"))
        table = (_keep(table, "task_id", set(found)) if by_task
                 else _keep(table, "doc_id", set(found.values())))
    if sel.has_dates:
        table = (_keep(table, "task_id", dated_tasks(sel, lookup("tasks"))) if by_task
                 else _keep(table, "doc_id", issued_in(sel, lookup("documents"))))
    return table


def _listed(values, n: int = 8) -> str:
    values = sorted({v for v in values if v})
    return "; ".join(values[:n]) + ("; ..." if len(values) > n else "")


def misses(sel: Selection, lookup: Lookup) -> list[str]:
    """Why `sel` selects nothing: a message for each filter that alone matches
    nothing (naming what there is), or one saying they match only apart."""
    documents, out = lookup("documents"), []
    if sel.issuer and not selected_documents(Selection(issuer=sel.issuer), documents):
        out.append(f"no document's issuer matches {sel.issuer!r} "
                   f"(issuers: {_listed(documents.column('issuer').to_pylist())})")
    if sel.doc_number and not selected_documents(Selection(doc_number=sel.doc_number), documents):
        out.append(f"no document has number {sel.doc_number!r} "
                   f"(numbers: {_listed(documents.column('doc_number').to_pylist())})")
    if sel.agency and not agency_tasks(sel.agency, lookup("tasks"), lookup("task_agencies")):
        names = lookup("task_agencies").column("canonical_name").to_pylist()
        out.append(f"no owner or partner matches {sel.agency!r} (for example: {_listed(names)})")
    if sel.has_dates and not dated_tasks(sel, lookup("tasks")) \
            and not issued_in(sel, documents):
        out.append(f"no task or document falls between {sel.date_from or '...'} and "
                   f"{sel.date_to or '...'}")
    return out or [f"the filters match no row together ({sel.describe()}), "
                   "though each matches some alone"]
