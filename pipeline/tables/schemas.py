"""The published tables: each schema is declared once here (pyarrow) and drives
the rows we build, the Delta writes and the asset checks.

Every table is keyed: a publish replaces all rows whose key is in the set of
keys it touches (`documents`, `sections`, `tasks`, `task_agencies`,
`references` by `doc_id`, the content hash of the file; `rejects` by `path`;
`agencies` by `agency_id`).

Only plain Arrow types are used (string, int32/int64, float64, bool, date32,
timestamp[us, UTC], list<string>) so that the Parquet files read back with
plain pyarrow, pandas, polars and any Delta reader.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
ACTIVE, WITHDRAWN = "active", "withdrawn"     # values of documents.status
STRINGS = pa.list_(pa.string())


def _key(name: str) -> pa.Field:
    return pa.field(name, pa.string(), nullable=False)


DOCUMENTS = pa.schema([
    _key("doc_id"),                      # sha256 hex of the file bytes
    pa.field("path", pa.string()),       # first of `paths` (sorted)
    pa.field("paths", STRINGS),          # every path holding these bytes
    pa.field("file_name", pa.string()),
    pa.field("format", pa.string()),     # file extension: txt, md, docx, pdf ...
    pa.field("reader", pa.string()),     # text, markdown, docx, pdf-text, pdf-ocr
    pa.field("size", pa.int64()),
    pa.field("content_hash", pa.string()),
    pa.field("doc_number", pa.string()),
    pa.field("doc_type", pa.string()),
    pa.field("issuer", pa.string()),
    pa.field("issue_date", pa.date32()),
    pa.field("place", pa.string()),
    pa.field("signer", pa.string()),
    pa.field("title", pa.string()),
    pa.field("n_tasks", pa.int32()),
    pa.field("n_sections", pa.int32()),
    pa.field("n_blocks", pa.int32()),
    pa.field("pages", pa.int32()),
    pa.field("ocr_confidence", pa.float64()),
    pa.field("warnings", STRINGS),
    pa.field("first_seen", TS),
    pa.field("last_seen", TS),           # advances only when the row is rewritten
    pa.field("status", pa.string()),     # active, withdrawn
    pa.field("is_plan", pa.bool_()),     # n_tasks > 0
])

SECTIONS = pa.schema([
    _key("doc_id"),
    pa.field("ordinal", pa.int32()),     # node index in the document tree
    pa.field("path", pa.string()),       # II.1.1.1, III.1.a, I¶2
    pa.field("label", pa.string()),      # 1.1 / a / II; null for paragraphs
    pa.field("marker_style", pa.string()),
    pa.field("marker_raw", pa.string()),
    pa.field("depth", pa.int32()),
    pa.field("zone", pa.string()),       # letterhead, title, body, signature, ...
    pa.field("is_heading", pa.bool_()),
    pa.field("text", pa.string()),
    pa.field("block", pa.int32()),
    pa.field("parent_path", pa.string()),
])

TASKS = pa.schema([
    _key("doc_id"),
    pa.field("task_id", pa.string(), nullable=False),   # <doc_id>-<ordinal:04d>
    pa.field("ordinal", pa.int32()),
    pa.field("section", pa.string()),
    pa.field("source_kind", pa.string()),
    pa.field("title", pa.string()),
    pa.field("content", pa.string()),
    pa.field("owner", STRINGS),
    pa.field("partners", STRINGS),
    pa.field("timing_raw", pa.string()),
    pa.field("timing_kind", pa.string()),
    pa.field("start_date", pa.date32()),
    pa.field("end_date", pa.date32()),
    pa.field("deliverable", pa.string()),
    pa.field("block", pa.int32()),
    pa.field("page", pa.int32()),
    pa.field("char_start", pa.int32()),
    pa.field("char_end", pa.int32()),
])

TASK_AGENCIES = pa.schema([
    _key("doc_id"),
    pa.field("task_id", pa.string(), nullable=False),
    pa.field("role", pa.string()),       # owner, partner
    pa.field("ordinal", pa.int32()),     # 1-based position in the task's owner/partners list
    pa.field("mention", pa.string()),    # as written
    pa.field("agency_id", pa.string()),
    pa.field("canonical_name", pa.string()),
    pa.field("agency_type", pa.string()),
    pa.field("agency_level", pa.string()),
    pa.field("province", pa.string()),
    pa.field("collective", pa.bool_()),
    pa.field("known", pa.bool_()),
])

REJECTS = pa.schema([
    _key("path"),
    pa.field("file_name", pa.string()),
    pa.field("content_hash", pa.string()),
    pa.field("format", pa.string()),
    pa.field("size", pa.int64()),
    pa.field("reason", pa.string()),     # empty, encoding, unsupported_format, corrupt, error
    pa.field("message", pa.string()),
    pa.field("location", pa.string()),
    pa.field("first_seen", TS),
    pa.field("last_seen", TS),
])


REFERENCES = pa.schema([                 # rows: pipeline.rows.reference_rows, linked by pipeline.links
    _key("doc_id"),                      # the citing document
    pa.field("ordinal", pa.int32()),     # 1-based, in order of first citation
    pa.field("ref_type", pa.string()),   # Kế hoạch, Nghị định, Quyết định, Luật, ...
    pa.field("ref_type_raw", pa.string()),
    pa.field("ref_number", pa.string()), # 06/2022/NĐ-CP; null for a law cited by name
    pa.field("ref_number_raw", pa.string()),
    pa.field("ref_name", pa.string()),   # Luật Khoa học và Công nghệ (laws cited by name)
    pa.field("ref_date", pa.date32()),
    pa.field("ref_date_raw", pa.string()),
    pa.field("ref_issuer", pa.string()), # as written after `của`
    pa.field("ref_role", pa.string()),   # legal_basis, implements, mention
    pa.field("is_basis", pa.bool_()),    # ref_role legal_basis or implements
    pa.field("n_mentions", pa.int32()),
    pa.field("raw", pa.string()),
    pa.field("section", pa.string()),
    pa.field("block", pa.int32()),
    pa.field("page", pa.int32()),
    pa.field("char_start", pa.int32()),
    pa.field("char_end", pa.int32()),
    pa.field("cited_doc_id", pa.string()),   # the cited document when it is in `documents`
])

AGENCIES = pa.schema([                   # rows: pipeline.links.agency_changes
    _key("agency_id"),                   # as in task_agencies.agency_id
    pa.field("registry_id", pa.string()),    # the registry row (agency_id without @scope)
    pa.field("kind", pa.string()),       # central, unit, local (vocab/agencies.tsv)
    pa.field("canonical_name", pa.string()),
    pa.field("agency_type", pa.string()),
    pa.field("agency_level", pa.string()),   # central, provincial, district, commune
    pa.field("province", pa.string()),
    pa.field("scope", pa.string()),      # the @scope of the id: province or ministry
    pa.field("status", pa.string()),     # current, former
    pa.field("successor_id", pa.string()),   # the body a former one was merged into
])

DOCUMENT_QUALITY = pa.schema([           # rows: pipeline.quality.quality_row
    _key("doc_id"),
    pa.field("doc_number", pa.string()),
    pa.field("file_name", pa.string()),
    pa.field("reader", pa.string()),
    pa.field("n_sections", pa.int32()),  # numbered or bulleted items of the body
    pa.field("n_tasks", pa.int32()),
    pa.field("tasks_inline", pa.int32()),
    pa.field("tasks_table", pa.int32()),
    pa.field("tasks_prose", pa.int32()),
    pa.field("with_owner", pa.int32()),
    pa.field("owner_share", pa.float64()),      # null without tasks
    pa.field("with_timing", pa.int32()),        # timing kind other than unparsed
    pa.field("timing_share", pa.float64()),
    pa.field("n_mentions", pa.int32()),
    pa.field("unknown_agencies", pa.int32()),   # task_agencies.known false
    pa.field("unknown_agency_names", STRINGS),  # of those, the non-collective mentions
    pa.field("body_lines", pa.int32()),
    pa.field("unparsed_lines", pa.int32()),     # body lines in no task and above none
    pa.field("ocr_confidence", pa.float64()),
    pa.field("n_warnings", pa.int32()),
    pa.field("warnings", STRINGS),
    pa.field("score", pa.float64()),            # 0-100, low: look at it first
])


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.Schema
    key: str                 # the column a publish replaces rows by


TABLES: dict[str, TableSpec] = {
    spec.name: spec for spec in (
        TableSpec("documents", DOCUMENTS, "doc_id"),
        TableSpec("sections", SECTIONS, "doc_id"),
        TableSpec("tasks", TASKS, "doc_id"),
        TableSpec("task_agencies", TASK_AGENCIES, "doc_id"),
        TableSpec("rejects", REJECTS, "path"),
        TableSpec("document_quality", DOCUMENT_QUALITY, "doc_id"),
        TableSpec("references", REFERENCES, "doc_id"),
        TableSpec("agencies", AGENCIES, "agency_id"),
    )
}


def schema_problems(spec: TableSpec, actual: pa.Schema) -> list[str]:
    """How a table as stored differs from its declared schema (names and types)."""
    problems = []
    declared = {f.name: f.type for f in spec.schema}
    found = {f.name: f.type for f in actual}
    for name, typ in declared.items():
        if name not in found:
            problems.append(f"missing column {name}")
        elif not found[name].equals(typ):
            problems.append(f"column {name}: {found[name]} != declared {typ}")
    problems += [f"undeclared column {n}" for n in found if n not in declared]
    return problems
