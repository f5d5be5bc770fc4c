"""The pipeline's shared types: what one floor hands to another.

Frozen dataclasses (and one alias) with no behaviour beyond reading their own
fields, so that every module of the pipeline can import them and none has to
import another for a type: the ingest types (a raw file, a parse failure, one
document's rows, a parsed shard, the plan and the batch of an ingest) and the
report types (a plan's tasks as the timeline draws them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping

# --- ingest ----------------------------------------------------------------------

Failure = tuple[str, str, "str | None"]          # reason, message, location


@dataclass(frozen=True)
class RawFile:
    path: str                 # absolute, POSIX
    content_hash: str
    format: str               # lower-case extension without the dot ("" if none)
    size: int
    problem: tuple[str, str] | None = None   # (reason, message): rejected unread at scan
    mtime_ns: int = 0         # when its content hash was taken (0: not hashed)


@dataclass(frozen=True)
class DocumentRows:
    """What the tables hold of one parsed document (`pipeline.tables.rows.document_rows`)."""

    doc_id: str
    document: Mapping[str, object]      # the documents row's fields read from the document
    quality: Mapping[str, object]       # its document_quality row
    tables: Mapping[str, object] = field(default_factory=dict)   # child table → pa.Table


@dataclass(frozen=True)
class ParsedShard:
    """Parse results by content hash (DocumentRows without tables, or Failure)
    and the rows of all the parsed documents, one table per child table."""

    results: Mapping[str, object]
    tables: Mapping[str, object]


@dataclass(frozen=True)
class PublishedState:
    """What the tables hold now: documents by doc_id, rejects by path (row dicts),
    and the raw root their paths are relative to (the last run's; None: none yet,
    the paths are relative to the folder ingested now)."""

    documents: Mapping[str, dict] = field(default_factory=dict)
    rejects: Mapping[str, dict] = field(default_factory=dict)
    raw_root: str | None = None


@dataclass(frozen=True)
class ParsedEntry:
    doc: DocumentRows            # its rows' fields (the tables' rows are in IngestBatch.tables)
    files: tuple[RawFile, ...]   # every current file with these bytes, sorted by path
    first_seen: datetime
    paths: tuple[str, ...] = ()  # all its paths (those outside the ingested root kept)

    @property
    def doc_id(self) -> str:
        return self.files[0].content_hash


@dataclass(frozen=True)
class IngestPlan:
    """What an ingest must parse (one file per new content hash), and what it
    compares the results with. Parsing can then happen anywhere, in chunks."""

    root: str
    files: tuple[RawFile, ...]
    state: PublishedState
    now: datetime
    to_parse: tuple[RawFile, ...]

    def shards(self, n: int) -> list[tuple[RawFile, ...]]:
        """The files to parse dealt round-robin into `n` parts (some maybe empty)."""
        n = max(1, n)
        return [self.to_parse[i::n] for i in range(n)]


@dataclass(frozen=True)
class IngestBatch:
    """Everything one ingest publishes; the tables' rows are built from it."""

    now: datetime
    parsed: tuple[ParsedEntry, ...]
    document_updates: tuple[dict, ...]   # stored rows with new paths/status/last_seen
    reject_rows: tuple[dict, ...]
    document_keys: frozenset[str]        # doc_ids whose documents row is replaced
    child_keys: frozenset[str]           # doc_ids whose sections/tasks/agencies are replaced
    reject_keys: frozenset[str]          # paths whose rejects row is replaced
    summary: Mapping[str, int]
    # sections, tasks, task_agencies, references rows of the parsed documents (pa.Table each)
    tables: Mapping[str, object] = field(default_factory=dict)
    raw_root: str = ""                   # the root the batch's paths are stored against
    rejected_files: tuple[dict, ...] = ()   # this run's rejects: path, reason, message


# --- reports ---------------------------------------------------------------------

PERIOD, DEADLINE, OPEN, RECURRING, UNDATED = "period", "deadline", "open_ended", "recurring", \
    "undated"
REPEATING_KINDS = frozenset({"recurring", "ongoing"})
_UNSAFE = re.compile(r"[^\w.-]+")           # "161/KH-UBND" → "161-KH-UBND"


def shape_of(kind: str | None, start: date | None, end: date | None) -> str:
    """How a task is drawn: a bar, a deadline, an open-ended bar, or listed."""
    if kind in REPEATING_KINDS:
        return RECURRING
    if start and end:
        return PERIOD
    if end:
        return DEADLINE
    if start:
        return OPEN
    return UNDATED


@dataclass(frozen=True)
class TaskLine:
    task_id: str
    ordinal: int
    section: str
    text: str                 # title, or the content when there is none
    owner: str                # canonical names of the owners, joined
    kind: str | None
    timing_raw: str | None
    start: date | None
    end: date | None

    @property
    def shape(self) -> str:
        return shape_of(self.kind, self.start, self.end)


@dataclass(frozen=True)
class Plan:
    """A plan as its timeline shows it: the document and its tasks in order."""

    doc_id: str
    doc_number: str | None
    doc_type: str | None
    title: str | None
    issuer: str | None
    issue_date: date | None
    tasks: tuple[TaskLine, ...]

    @property
    def slug(self) -> str:
        """Its files' name: the document number made safe, else the start of its id."""
        if self.doc_number:
            return _UNSAFE.sub("-", self.doc_number).strip("-")
        return self.doc_id[:12]
