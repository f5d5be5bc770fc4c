"""Discovery: the entries of a raw folder, hashed, each a `RawFile`.

`discover` lists the files a run reads (links to files inside the folder
followed); `strays` the entries it must account for without reading them
(links out of the folder, dangling or to a folder; FIFOs, sockets, devices).
`scan` hashes the first and turns the second, files over the size limit
(VNPLAN_MAX_FILE_MB, not even read) and unreadable files into RawFiles that
carry their reject reason (`problem`) instead of a content hash.

`HashMemo` spares re-reading unchanged files: the hash of each file is kept
with its size and mtime (a JSON file next to the tables), and a file whose
size and mtime are still those is not read again; the hash stays the key of
everything. As git does with its index, a file modified shortly before the
memo's scan started is not memorised (it could change again within the same
mtime tick, unseen): the next scan reads it again.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Mapping

from pipeline.ingest.worker import Limits
from pipeline.models import RawFile

RAW_ENV = "VNPLAN_RAW_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_raw_dir() -> str:
    """The raw folder: $VNPLAN_RAW_DIR, else data/raw in the repository."""
    return os.environ.get(RAW_ENV) or str(REPO_ROOT / "data" / "raw")




def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, RuntimeError, OSError):    # outside, or a link loop
        return False


def _link_to_file_inside(p: Path, root: Path) -> bool:
    try:
        return _inside(p, root) and p.resolve().is_file()
    except (RuntimeError, OSError):
        return False


def _walk(root: Path) -> tuple[list[str], list[str]]:
    """(files, strays) under `root` as path strings, in one pass of `os.scandir`
    (its entries carry their type: no stat per plain file). Dot-entries and
    dot-folders are skipped; folders are entered, symlinked ones are not; a
    symlink is a file when it points to a file inside `root`, else a stray;
    FIFOs, sockets and devices are strays. An unreadable folder is skipped."""
    files, found = [], []
    todo = [str(root)]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_symlink():
                    (files if _link_to_file_inside(Path(e.path), root) else found).append(e.path)
                elif e.is_dir():
                    todo.append(e.path)
                elif e.is_file():
                    files.append(e.path)
                else:
                    found.append(e.path)
            except OSError:             # removed meanwhile
                continue
    return files, found


def discover(root: str | Path) -> list[Path]:
    """Files under `root`, recursively, sorted; dotfiles and dot-folders are
    skipped, symlinked folders are not entered, symlinked files are kept only
    when they point inside `root`."""
    return sorted(Path(p) for p in _walk(Path(root).resolve())[0])


def strays(root: str | Path) -> list[Path]:
    """Entries under `root` that `discover` does not read but a run must account
    for: symbolic links out of `root`, dangling or to a folder; FIFOs, sockets
    and devices. Dot-entries and entries of dot-folders are skipped alike."""
    return sorted(Path(p) for p in _walk(Path(root).resolve())[1])


def _stray_file(p: Path, root: Path) -> RawFile:
    """A RawFile rejected without reading it (its hash names the entry, not bytes)."""
    if p.is_symlink():
        target = os.readlink(p)
        why = ("a dangling link" if not p.exists() else "a link to a folder" if p.is_dir()
               else "a link out of the raw folder")
        problem, ident = ("symlink", f"{why} ({target}), not followed"), f"symlink:{target}"
    else:
        problem, ident = ("not_regular", "not a regular file (FIFO, socket or device)"), "special"
    ident_hash = hashlib.sha256(f"{ident}\0{p.as_posix()}".encode()).hexdigest()
    return RawFile(p.as_posix(), ident_hash, file_format(p), 0, problem)


def _oversized_file(p: Path, size: int, mtime_ns: int, max_bytes: int) -> RawFile:
    """A file over the size limit: rejected without being read (not even hashed)."""
    ident = hashlib.sha256(f"too_large\0{p.as_posix()}\0{size}\0{mtime_ns}".encode())
    return RawFile(p.as_posix(), ident.hexdigest(), file_format(p), size,
                   ("too_large", f"{size} bytes, over the {max_bytes // (1 << 20)} MB limit "
                                 f"(VNPLAN_MAX_FILE_MB)"))


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_format(path: str | Path) -> str:
    name = os.path.basename(str(path))
    return os.path.splitext(name)[1].lower().lstrip(".") if not name.startswith(".") else ""


def scan(root: str | Path, max_bytes: int | None = None,
         known: Mapping[str, tuple[int, int, str]] | None = None) -> list[RawFile]:
    """Discover and hash every raw file under `root` (a file removed meanwhile is
    skipped); files over `max_bytes` (default VNPLAN_MAX_FILE_MB) and the
    `strays` come with their reject reason instead of a content hash. A file
    whose (size, mtime_ns) are those `known` for its path keeps the known hash
    unread (`HashMemo`)."""
    known = known or {}
    max_bytes = Limits.from_env().max_file_bytes if max_bytes is None else max_bytes
    resolved = Path(root).resolve()
    found, stray = _walk(resolved)
    files = [_stray_file(Path(p), resolved) for p in stray]
    for path in found:
        try:
            st = os.stat(path)
            if st.st_size > max_bytes:
                files.append(_oversized_file(Path(path), st.st_size, st.st_mtime_ns, max_bytes))
            else:
                memo = known.get(path)
                same = memo is not None and (memo[0], memo[1]) == (st.st_size, st.st_mtime_ns)
                files.append(RawFile(path, memo[2] if same else file_hash(path),
                                     file_format(path), st.st_size, mtime_ns=st.st_mtime_ns))
        except FileNotFoundError:
            continue
        except OSError as e:                      # permissions, I/O error: a reject
            p = Path(path)
            files.append(RawFile(p.as_posix(), hashlib.sha256(f"unreadable\0{p}".encode())
                                 .hexdigest(), file_format(p), 0,
                                 ("unreadable", f"cannot read: {e.strerror or e}")))
    return sorted(files, key=lambda f: f.path)


def raw_entries(root: str | Path) -> list[Path]:
    """Every entry of the raw folder a run must account for (`discover` + `strays`)."""
    files, found = _walk(Path(root).resolve())
    return sorted(Path(p) for p in files + found)


def signature(root: str | Path) -> dict[str, str]:
    """path → "mtime_ns:size" for every raw entry: a cheap change detector."""
    out = {}
    for p in raw_entries(root):
        try:
            st = p.stat() if not p.is_symlink() else p.lstat()
        except FileNotFoundError:
            continue
        out[p.as_posix()] = f"{st.st_mtime_ns}:{st.st_size}"
    return out


def changed_paths(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    """Which paths were added, modified or removed between two signatures."""
    return {
        "added": sorted(set(after) - set(before)),
        "modified": sorted(p for p in after if p in before and before[p] != after[p]),
        "removed": sorted(set(before) - set(after)),
    }


MEMO_FORMAT = 1
RACY_NS = 2_000_000_000      # files modified this close to the scan's start are read again


class HashMemo:
    """path → (size, mtime_ns, content hash) of the files last scanned, in a
    JSON file (`path`; None keeps nothing). `begin` before a scan marks its
    start (the memo file's mtime: the file system's clock, not ours); `save`
    after it keeps the files modified at least RACY_NS before that start."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path is not None else None
        self._start_ns: int | None = None

    def load(self) -> dict[str, tuple[int, int, str]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != MEMO_FORMAT:
            return {}
        return {p: (v[0], v[1], v[2]) for p, v in data.get("files", {}).items()}

    def _marker(self) -> Path:
        return self.path.with_name(self.path.name + ".start")

    def begin(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            marker = self._marker()
            marker.write_bytes(b"")
            self._start_ns = marker.stat().st_mtime_ns
        except OSError:
            self._start_ns = None

    def save(self, files: list[RawFile]) -> None:
        if self.path is None or self._start_ns is None:
            return
        limit = self._start_ns - RACY_NS
        kept = {f.path: [f.size, f.mtime_ns, f.content_hash] for f in files
                if f.problem is None and 0 < f.mtime_ns < limit}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"format": MEMO_FORMAT, "files": kept}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)
