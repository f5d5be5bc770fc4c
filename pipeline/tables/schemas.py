"""The published tables, each column declared once (`pipeline.tables.columns`):
its type, how it is filled, its Vietnamese export header and description, and
its allowed codes. The Arrow schemas, the rows, the JSON of `vnplan parse`,
the exports for people and the data dictionary are derived from these
declarations. The tables are declared in `schemas_documents` (what a document
says) and `schemas_catalog` (rejects, quality, agencies, runs); this module
gathers them.

Every table is keyed: a publish replaces all rows whose key is in the set of
keys it touches (`documents`, `sections`, `tasks`, `task_agencies`,
`references`, `document_quality` by `doc_id`, the content hash of the file;
`rejects` by `path`; `agencies` by `agency_id`; `runs` by `run_id`).

Only plain Arrow types are used (string, int32/int64, float64, bool, date32,
timestamp[us, UTC], list<string>) so that the Parquet files read back with
plain pyarrow, pandas, polars and any Delta reader.
"""
from __future__ import annotations

import pyarrow as pa

from pipeline.tables.codes import MEANINGS as CODE_LABELS   # noqa: F401 (the dictionary reads it)
from pipeline.tables.columns import Table
from pipeline.tables.schemas_catalog import (_AGENCIES, _DOCUMENT_QUALITY, _REJECTS,
                                             runs_table)
from pipeline.tables.schemas_documents import (  # noqa: F401 (the codes are imported from here)
    _DOCUMENTS, _REFERENCES, _SECTIONS, _TASK_AGENCIES, _TASKS, ACTIVE, DOCUMENT_STATUSES,
    REF_ROLES, ROLES, SOURCE_KINDS, TIMING_KINDS, WITHDRAWN)

_PUBLISHED: dict[str, Table] = {t.name: t for t in (
    _DOCUMENTS, _SECTIONS, _TASKS, _TASK_AGENCIES, _REJECTS, _DOCUMENT_QUALITY, _REFERENCES,
    _AGENCIES)}
TABLES: dict[str, Table] = {**_PUBLISHED, "runs": runs_table(_PUBLISHED)}
SNAPSHOT_TABLES = tuple(_PUBLISHED)      # the tables whose versions a runs row records

# the Arrow schemas, derived
DOCUMENTS, SECTIONS, TASKS, TASK_AGENCIES = (_DOCUMENTS.schema, _SECTIONS.schema, _TASKS.schema,
                                             _TASK_AGENCIES.schema)
REJECTS, DOCUMENT_QUALITY, REFERENCES, AGENCIES = (_REJECTS.schema, _DOCUMENT_QUALITY.schema,
                                                   _REFERENCES.schema, _AGENCIES.schema)
RUNS = TABLES["runs"].schema


def schema_problems(spec: Table, actual: pa.Schema) -> list[str]:
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
