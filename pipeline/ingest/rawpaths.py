"""Paths as the tables store them: relative to the raw root, the root stored once.

`documents.path`, `documents.paths` and `rejects.path` hold a file's place
inside the raw folder (`sub/kh-45.txt`), and each `runs` row the raw root it
ingested (absolute, as it was then), so that a project folder copied or moved
elsewhere still finds its files: a relative path is read against the raw
folder of today. A path outside the root (a file ingested from elsewhere
into the same tables) stays absolute.

The root a run stores paths against (`base_for`) is the root recorded by the
previous run when the folder ingested now lies inside it and it still exists
(ingesting `data/raw/sub` keeps paths relative to `data/raw`); otherwise the
folder ingested now (a first run, a moved project, another raw folder).
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Mapping

from pipeline.models import PublishedState


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def base_for(root: str | Path, recorded: str | None) -> str:
    """The root the paths of a run over `root` are stored against (see the module)."""
    here = Path(root).resolve().as_posix()
    if recorded and _inside(here, recorded) and Path(recorded).is_dir():
        return recorded
    return here


def to_stored(path: str, base: str) -> str:
    """`/data/raw/sub/a.txt` → `sub/a.txt` under base `/data/raw`; outside it, as is."""
    if _inside(path, base) and path != base:
        return posixpath.relpath(path, base)
    return path


def to_absolute(path: str, base: str) -> str:
    """A stored path read against `base` (an absolute one as is)."""
    if path.startswith("/"):
        return path
    return posixpath.normpath(posixpath.join(base, path))


def _document(row: Mapping, convert) -> dict:
    paths = [convert(p) for p in row.get("paths") or ()]
    out = dict(row, paths=paths)
    if row.get("path") is not None:
        out["path"] = convert(row["path"])
    return out


def absolute_state(state: PublishedState, base: str) -> PublishedState:
    """The published state with every path read against `base`."""
    def convert(p: str) -> str:
        return to_absolute(p, base)
    rejects = {convert(p): dict(r, path=convert(r["path"])) for p, r in state.rejects.items()}
    return PublishedState({k: _document(r, convert) for k, r in state.documents.items()},
                          rejects, base)


def stored_document(row: Mapping, base: str) -> dict:
    return _document(row, lambda p: to_stored(p, base))


def stored_reject(row: Mapping, base: str) -> dict:
    return dict(row, path=to_stored(row["path"], base))
