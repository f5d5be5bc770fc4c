"""Rows that join across documents: the `cited_doc_id` of `references` and the
`agencies` table. Pure functions over rows (no Dagster, no I/O); the assets of
`pipeline.reference_assets` read the published tables and call them.

Linking a citation to a document (`cited_doc_id`), done when `references` is
published: the documents are the published `documents` rows overlaid with the
rows this run publishes (so a document ingested in the same run counts). A
citation matches a document with the same number (spaces around `/` and `-`
removed, case ignored) when nothing written contradicts it: the types agree
when both are known, the dates agree when both are written. Among several
matches an active document wins, then the smallest doc_id (deterministic).
When a document arrives that earlier citations name, the citing documents'
stored rows are re-published with the link (`relink`), so the link does not
depend on the order the files were ingested in. A document never cites itself.

The `agencies` table: one row per agency id. Every central body of the
registry (`vocab/agencies.tsv`, kind `central`) has its row; so does every id
a `task_agencies` row points to: a body scoped by province or ministry
(`sở-công-thương@lào-cai`, `vụ-pháp-chế@bộ-công-thương`), and the names the
registry does not know (`known` false, `vnplan quality` lists them) and the
collective ones (`các đơn vị liên quan`, `collective` true), so that a join
of `task_agencies` with `agencies` drops no row.
Only rows that differ from the stored ones are published (no new version
when nothing changed).
"""
from __future__ import annotations

from typing import Iterable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.tables.schemas import TABLES
from pipeline.tables.selection import number_key      # `1105 /KH-ĐKT` and `1105/KH-ĐKT` are one number

ACTIVE = "active"


def document_index(documents: Iterable[Mapping]) -> dict[str, list[dict]]:
    """number key → candidate documents (doc_id, doc_type, issue_date, status), best first."""
    index: dict[str, list[dict]] = {}
    for d in documents:
        key = number_key(d.get("doc_number"))
        if key:
            index.setdefault(key, []).append({k: d.get(k) for k in
                                              ("doc_id", "doc_type", "issue_date", "status")})
    for docs in index.values():
        docs.sort(key=lambda d: (d["status"] != ACTIVE, d["doc_id"]))
    return index


def cited_doc(ref: Mapping, index: Mapping[str, list[dict]]) -> str | None:
    for d in index.get(number_key(ref.get("ref_number")), ()):
        if d["doc_id"] == ref["doc_id"]:
            continue
        if ref.get("ref_type") and d["doc_type"] and ref["ref_type"] != d["doc_type"]:
            continue
        if ref.get("ref_date") and d["issue_date"] and ref["ref_date"] != d["issue_date"]:
            continue
        return d["doc_id"]
    return None


def link_references(rows: Iterable[dict], index: Mapping[str, list[dict]]) -> list[dict]:
    return [{**r, "cited_doc_id": cited_doc(r, index)} for r in rows]


_LINK_COLUMNS = ("doc_id", "ref_number", "ref_type", "ref_date")


def link_table(table: pa.Table, index: Mapping[str, list[dict]]) -> pa.Table:
    """`link_references` over a table, reading only the columns a link needs."""
    columns = [table.column(c).to_pylist() for c in _LINK_COLUMNS]
    cited = [cited_doc(dict(zip(_LINK_COLUMNS, values)), index) for values in zip(*columns)]
    i = table.schema.get_field_index("cited_doc_id")
    return table.set_column(i, table.schema.field(i), pa.array(cited, pa.string()))


def merged_documents(stored: Iterable[dict], batch: Iterable[dict]) -> list[dict]:
    """The documents rows after this run: the stored ones overlaid by the batch's."""
    out = {d["doc_id"]: d for d in stored}
    out.update({d["doc_id"]: d for d in batch})
    return list(out.values())


def number_keys(documents: Iterable[Mapping]) -> frozenset[str]:
    """The number keys of these documents rows (those a citation can match)."""
    return frozenset(k for k in (number_key(d.get("doc_number")) for d in documents) if k)


def citing(stored: pa.Table, numbers: frozenset[str]) -> pa.Table:
    """The stored references rows that cite one of `numbers` (number keys)."""
    values = pc.unique(stored.column("ref_number")).to_pylist()
    hit = pa.array([v for v in values if number_key(v) in numbers], pa.string())
    return stored.filter(pc.fill_null(pc.is_in(stored.column("ref_number"), value_set=hit), False))


def _of_documents(table: pa.Table, doc_ids: Iterable[str]) -> pa.Table:
    ids = pa.array(sorted(set(doc_ids)), pa.string())
    return table.filter(pc.is_in(table.column("doc_id"), value_set=ids))


def relink(stored: pa.Table, index: Mapping[str, list[dict]], skip: frozenset[str],
           numbers: frozenset[str] | None = None) -> tuple[list[dict], frozenset[str]]:
    """Stored references of documents not in `skip` whose link changes: all the
    rows of those documents (a publish replaces a document's rows) and their ids.
    With `numbers` (the number keys of the documents whose rows this run
    changes), only the rows citing one of them are looked at: no other link can
    change."""
    candidates = stored if numbers is None else citing(stored, numbers)
    rows = [r for r in candidates.to_pylist() if r["doc_id"] not in skip]
    changed = {r["doc_id"] for r in rows if cited_doc(r, index) != r.get("cited_doc_id")}
    if numbers is not None:
        rows = _of_documents(stored, changed).to_pylist() if changed else []
    return link_references((r for r in rows if r["doc_id"] in changed), index), frozenset(changed)


def references_with_links(batch_rows: pa.Table, stored: pa.Table, documents: list[dict],
                          batch_keys: frozenset[str], numbers: frozenset[str] | None = None
                          ) -> tuple[pa.Table, frozenset[str]]:
    """The rows to publish and their keys: the batch's references linked, plus
    stored documents' rows whose link changed (see `relink` for `numbers`)."""
    index = document_index(documents)
    references = TABLES["references"]
    linked = link_table(references.enforce(batch_rows), index)
    more, more_keys = relink(references.conform(stored), index, batch_keys, numbers)
    return pa.concat_tables([linked, references.arrow(more)]), batch_keys | more_keys


# --- agencies --------------------------------------------------------------

def _agency_row(agency_id: str, canonical, typ, level, province, registry, *,
                known: bool = True, collective: bool = False) -> dict:
    base, _, scope = agency_id.partition("@")
    entry = registry.entries.get(base) if known else None
    return {
        "agency_id": agency_id, "registry_id": base if entry else None,
        "kind": entry.kind if entry else None, "canonical_name": canonical,
        "agency_type": typ, "agency_level": level, "province": province,
        "scope": scope or None, "status": (entry.status or None) if entry else None,
        "successor_id": registry.successor(agency_id) if known else None,
        "known": known, "collective": collective,
    }


def registry_rows(registry) -> list[dict]:
    """A row for every central body of the registry (unscoped ids)."""
    return [_agency_row(e.id, e.name, e.type, e.level, None, registry)
            for e in registry.entries.values() if e.kind == "central"]


def seen_rows(task_agencies: Iterable[Mapping], registry) -> list[dict]:
    """A row for every agency id the task_agencies rows point to (the first row
    of an id wins; a known mention of an id wins over an unknown one)."""
    out: dict[str, dict] = {}
    for a in task_agencies:
        aid = a.get("agency_id")
        if not aid or (aid in out and (out[aid]["known"] or not a.get("known"))):
            continue
        out[aid] = _agency_row(aid, a["canonical_name"], a["agency_type"], a["agency_level"],
                               a["province"], registry, known=bool(a.get("known")),
                               collective=bool(a.get("collective")))
    return list(out.values())


def first_seen(task_agencies: pa.Table) -> list[dict]:
    """The first task_agencies row of each agency id, known rows first (what
    `seen_rows` reads, without turning every mention into a dict)."""
    with_id = task_agencies.filter(pc.is_valid(task_agencies.column("agency_id")))
    known = pc.fill_null(with_id.column("known"), False)
    out = []
    for part in (with_id.filter(known), with_id.filter(pc.invert(known))):
        ids = part.column("agency_id")
        out += part.take(pc.index_in(pc.unique(ids), value_set=ids)).to_pylist()
    return out


def agency_changes(task_agencies: Iterable[Mapping], stored: pa.Table,
                   registry) -> tuple[pa.Table, frozenset[str]]:
    """The agencies rows that are new or differ from the stored ones, and their ids."""
    wanted = {r["agency_id"]: r for r in registry_rows(registry)}
    for r in seen_rows(task_agencies, registry):
        wanted.setdefault(r["agency_id"], r)
    have = {r["agency_id"]: r for r in stored.to_pylist()}
    rows = [r for aid, r in sorted(wanted.items()) if have.get(aid) != r]
    return TABLES["agencies"].arrow(rows), frozenset(r["agency_id"] for r in rows)


def missing_agencies(task_agencies: pa.Table, agencies: pa.Table) -> list[str]:
    """Agency ids of task_agencies without an agencies row (the asset check)."""
    have = set(agencies.column("agency_id").to_pylist())
    ids = pc.unique(task_agencies.column("agency_id")).to_pylist()   # one per id, not per mention
    return sorted(a for a in ids if a and a not in have)
