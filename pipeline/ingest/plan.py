"""Incremental ingest: compare the raw files (found and hashed by
`pipeline.ingest.discovery`) with what is published, parse only the new content
(across the parse workers of `pipeline.ingest.worker` when given a ParsePool), and
say which rows each table must replace.

Every raw entry ends as a document or a reject whose reason is a word of
`parsers.model.REJECT_REASONS`: entries rejected at scan (links out of the
folder, special files, files over the size limit) are not parsed at all; a
parse that fails, times out or crashes its worker is a reject too.

The work is keyed by content hash (sha256 of the file bytes = `doc_id`): the
same bytes under two names are one document with both paths kept; a path whose
bytes changed replaces its old document's rows; a document whose files are all
gone from the folder is marked `withdrawn` (its rows stay). Paths are stored
relative to the raw root (`pipeline.ingest.rawpaths`: the root stored once, in
the `runs` table); inside a run they are absolute, and only the published
paths under the ingested folder are compared, so ingesting a sub-folder never
withdraws documents found elsewhere.

No clock is read here: `now` (the ingestion time) is passed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from parsers.model import ParsedDocument
from pipeline.ingest.gather import CHUNK_DOCS, RowsGatherer
from pipeline.ingest.rawpaths import absolute_state, base_for, stored_document, stored_reject, \
    to_stored
from pipeline.ingest.worker import Limits, parse_file
from pipeline.models import (DocumentRows, Failure, IngestBatch, IngestPlan, ParsedEntry,
                             ParsedShard, PublishedState, RawFile)
from pipeline.tables.rows import concat_tables
from pipeline.tables.schemas import ACTIVE, WITHDRAWN

Parse = Callable[..., ParsedDocument]   # parse(path, data=bytes), or a ParsePool (parse_many)

INTERNAL_ERROR = "error"      # reject reason for an unexpected exception in the extractor
# rejects whose content is tried again at every ingest: a reader may have been
# added, a crash fixed (they fail fast; an unchanged outcome writes nothing)
RETRIED_REASONS = frozenset({INTERNAL_ERROR, "unsupported_format", "unreadable", "vanished",
                             "changed"})


# --- planning --------------------------------------------------------------

def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _reject_row(f: RawFile, reason: str, message: str | None, location: str | None,
                first_seen: datetime, now: datetime) -> dict:
    return {"path": f.path, "file_name": Path(f.path).name, "content_hash": f.content_hash,
            "format": f.format, "size": f.size, "reason": reason, "message": message,
            "location": location, "first_seen": first_seen, "last_seen": now}


def parse_all(parse: Parse, files: Sequence[RawFile]) -> list:
    """ParsedDocument or Failure (reason, message, location) per file, in order:
    across the workers of a ParsePool, or one by one in process."""
    many = getattr(parse, "parse_many", None)
    if many is not None:
        return many([(f.path, f.content_hash) for f in files])
    max_bytes = Limits.from_env().max_file_bytes
    return [parse_file(parse, f.path, f.content_hash, max_bytes) for f in files]


_SAME_REJECT = ("content_hash", "format", "size", "reason", "message", "location")


@dataclass
class _Scope:
    """The files now under the ingested root, and the published state under it."""

    root: str
    state: PublishedState        # its paths absolute (read against `base`)
    now: datetime
    by_hash: dict[str, list[RawFile]]
    current: dict[str, RawFile]
    base: str                    # the root paths are stored against

    @classmethod
    def of(cls, root: str | Path, files: Sequence[RawFile], state: PublishedState,
           now: datetime) -> "_Scope":
        by_hash: dict[str, list[RawFile]] = {}
        for f in sorted(files, key=lambda f: f.path):
            by_hash.setdefault(f.content_hash, []).append(f)
        base = base_for(root, state.raw_root)
        return cls(Path(root).resolve().as_posix(), absolute_state(state, base), now, by_hash,
                   {f.path: f for f in files}, base)

    def inside(self, path: str) -> bool:
        return _under(path, self.root)

    def old_rejects(self) -> dict[str, dict]:
        return {p: r for p, r in self.state.rejects.items() if self.inside(p)}

    def known_paths(self) -> dict[str, str]:
        """path → hash of every published path under the root (active documents, rejects)."""
        known = {p: r["content_hash"] for p, r in self.old_rejects().items()}
        for doc_id, row in self.state.documents.items():
            if row["status"] == ACTIVE:
                known.update({p: doc_id for p in row["paths"] or () if self.inside(p)})
        return known

    def paths_of(self, doc_id: str) -> list[str]:
        """The document's paths now: those outside the root kept, those inside as found."""
        row = self.state.documents.get(doc_id)
        outside = [p for p in (row["paths"] or ()) if not self.inside(p)] if row else []
        return sorted(set(outside) | {f.path for f in self.by_hash.get(doc_id, ())})


def _to_parse(scope: _Scope, force: bool) -> list[str]:
    """Each hash published neither as a document nor as a reject (all with
    `force`); rejects of a RETRIED_REASONS reason are tried again. Files that
    failed at scan are not parsed."""
    docs = scope.state.documents
    rejected = {r["content_hash"] for r in scope.state.rejects.values()
                if r["reason"] not in RETRIED_REASONS}
    return [h for h, fs in scope.by_hash.items()
            if (force or (h not in docs and h not in rejected)) and not fs[0].problem]


def _sort_results(scope: _Scope, results: Mapping[str, object]
                  ) -> tuple[list[ParsedEntry], dict[str, Failure]]:
    """Parsed entries and failures (those at scan included) from hash → parse result."""
    docs = scope.state.documents
    failed: dict[str, Failure] = {h: (*fs[0].problem, None)
                                  for h, fs in scope.by_hash.items() if fs[0].problem}
    parsed = []
    for h, result in results.items():
        if isinstance(result, DocumentRows):
            first = docs[h]["first_seen"] if h in docs else scope.now
            parsed.append(ParsedEntry(result, tuple(scope.by_hash[h]), first,
                                      tuple(scope.paths_of(h))))
        else:
            failed[h] = result
    return parsed, failed


def _plan_documents(scope: _Scope, parsed_ids: set[str], failed: Mapping[str, Failure]
                    ) -> tuple[list[dict], set[str], int]:
    """Stored documents rows to rewrite (paths, status), doc_ids to replace, withdrawn count."""
    updates, replaced, withdrawn = [], set(), 0
    for doc_id, row in scope.state.documents.items():
        if doc_id in parsed_ids:
            continue
        if doc_id in failed:                        # a forced re-parse now fails
            replaced.add(doc_id)
            continue
        present = doc_id in scope.by_hash
        if row["status"] == WITHDRAWN and not present:
            continue
        paths = scope.paths_of(doc_id)
        if not paths:
            if any(p in scope.current for p in row["paths"] or ()):
                replaced.add(doc_id)                # its file now holds other bytes
            else:
                withdrawn += 1
                updates.append({**row, "status": WITHDRAWN, "last_seen": scope.now})
        elif paths != sorted(row["paths"] or ()) or row["status"] != ACTIVE:
            updates.append({**row, "paths": paths, "path": paths[0],
                            "file_name": Path(paths[0]).name,
                            "status": ACTIVE, "last_seen": scope.now})
    return updates, replaced, withdrawn


def _plan_rejects(scope: _Scope, parsed_ids: set[str], failed: Mapping[str, Failure]
                  ) -> tuple[dict[str, dict], set[str]]:
    """Rejects rows to write (by path) and the paths whose stored row is replaced."""
    docs = scope.state.documents
    reject_by_hash = {r["content_hash"]: r for r in scope.state.rejects.values()}
    wanted: dict[str, dict] = {}
    for h, fs in scope.by_hash.items():
        if h in failed:
            reason, message, location = failed[h]
        elif h in parsed_ids or h in docs:
            continue
        else:                                       # a known reject under a new name
            old = reject_by_hash[h]
            reason, message, location = old["reason"], old["message"], old["location"]
        for f in fs:
            wanted[f.path] = _reject_row(f, reason, message, location, scope.now, scope.now)
    old_rejects = scope.old_rejects()
    changed: dict[str, dict] = {}
    for p, row in wanted.items():
        prev = old_rejects.get(p)
        if prev and all(prev[k] == row[k] for k in _SAME_REJECT):
            continue                                # unchanged: keep the stored row
        if prev and prev["content_hash"] == row["content_hash"]:
            row["first_seen"] = prev["first_seen"]
        changed[p] = row
    return changed, set(changed) | (set(old_rejects) - set(wanted))


def plan_batch(root: str | Path, files: Sequence[RawFile], state: PublishedState,
               now: datetime, *, force: bool = False) -> IngestPlan:
    """Compare the files now under `root` with the published state: the content
    to parse (not seen before; all of it with `force`)."""
    scope = _Scope.of(root, files, state, now)
    return IngestPlan(scope.root, tuple(files), state, now,
                      tuple(scope.by_hash[h][0] for h in _to_parse(scope, force)))


def _stored(scope: _Scope, parsed: list[ParsedEntry], updates: list[dict],
            reject_rows: dict[str, dict], reject_keys: set[str]):
    """The batch's paths as the tables store them (relative to the scope's base)."""
    base = scope.base
    parsed = [ParsedEntry(e.doc, e.files, e.first_seen, tuple(to_stored(p, base) for p in e.paths))
              for e in parsed]
    updates = [stored_document(u, base) for u in updates]
    rows = {to_stored(p, base): stored_reject(r, base) for p, r in reject_rows.items()}
    return parsed, updates, rows, {to_stored(k, base) for k in reject_keys}


def finish_batch(plan: IngestPlan, shards: Sequence[ParsedShard]) -> IngestBatch:
    """The batch from the plan and the parsed shards (content hash → DocumentRows
    or Failure, and the documents' rows) that cover every file of `plan.to_parse`."""
    results = {h: r for shard in shards for h, r in shard.results.items()}
    missing = {f.content_hash for f in plan.to_parse} - set(results)
    if missing:
        raise ValueError(f"no parse result for {len(missing)} planned files")
    scope = _Scope.of(plan.root, plan.files, plan.state, plan.now)
    known = scope.known_paths()
    parsed, failed = _sort_results(scope, {f.content_hash: results[f.content_hash]
                                           for f in plan.to_parse})
    parsed_ids = {e.doc_id for e in parsed}
    updates, replaced, withdrawn = _plan_documents(scope, parsed_ids, failed)
    reject_rows, reject_keys = _plan_rejects(scope, parsed_ids, failed)
    current = scope.current
    summary = {
        "files": len(current),
        "new_files": sum(p not in known for p in current),
        "changed_files": sum(p in known and known[p] != f.content_hash
                             for p, f in current.items()),
        "removed_files": sum(p not in current for p in known),
        "parsed": len(plan.to_parse),
        "documents_added": len(parsed),
        "rejected": sum(len(scope.by_hash[h]) for h in failed),
        "withdrawn": withdrawn,
        "replaced": len(replaced),
        "documents_updated": len(updates),
    }
    summary["unchanged_files"] = summary["files"] - summary["new_files"] - summary["changed_files"]
    rejected = tuple({"path": to_stored(f.path, scope.base), "reason": failed[h][0],
                      "message": failed[h][1]}
                     for h in sorted(failed) for f in scope.by_hash[h])
    parsed, updates, reject_rows, reject_keys = _stored(scope, parsed, updates, reject_rows,
                                                        reject_keys)
    return IngestBatch(
        now=plan.now,
        parsed=tuple(parsed),
        document_updates=tuple(updates),
        reject_rows=tuple(reject_rows[p] for p in sorted(reject_rows)),
        document_keys=frozenset(parsed_ids | replaced | {u["doc_id"] for u in updates}),
        child_keys=frozenset(parsed_ids | replaced),
        reject_keys=frozenset(reject_keys),
        summary=summary,
        tables=concat_tables([shard.tables for shard in shards]),
        raw_root=scope.base,
        rejected_files=tuple(sorted(rejected, key=lambda r: r["path"])),
    )


def parse_results(parse: Parse, files: Sequence[RawFile]) -> ParsedShard:
    """Parse `files` (see `parse_all`) a chunk at a time: content hash → DocumentRows
    or Failure, and the rows of the parsed documents gathered into tables (no
    more than a chunk of parsed documents is held at once)."""
    gatherer = RowsGatherer()
    results: dict[str, object] = {}
    for i in range(0, len(files), CHUNK_DOCS):
        part = files[i:i + CHUNK_DOCS]
        for f, r in zip(part, parse_all(parse, part)):
            results[f.content_hash] = gatherer.add(f.content_hash, r)
    return ParsedShard(results, gatherer.tables())


def prepare_batch(root: str | Path, files: Sequence[RawFile], state: PublishedState,
                  parse: Parse, now: datetime, *, force: bool = False) -> IngestBatch:
    """Compare the files now under `root` with the published state, parse the
    content not seen before (all of it with `force`), and return the batch."""
    plan = plan_batch(root, files, state, now, force=force)
    return finish_batch(plan, [parse_results(parse, plan.to_parse)])


def state_from_rows(documents: Iterable[dict], rejects: Iterable[dict],
                    raw_root: str | None = None) -> PublishedState:
    return PublishedState({r["doc_id"]: r for r in documents}, {r["path"]: r for r in rejects},
                          raw_root)
