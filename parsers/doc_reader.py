"""Read a legacy Word .doc file: convert it to .docx with LibreOffice headless,
then read the result with `read_docx`.

Files named .doc are not always Word 97-2003 binaries; the magic bytes decide:

- OLE compound file (`D0 CF 11 E0 ...`): a Word binary → LibreOffice; an OLE
  file holding an `EncryptedPackage` stream, or a Word binary whose FIB has
  the fEncrypted flag, is password-protected → ParseError reason "encrypted";
- zip (`PK`): really a .docx → read directly;
- RTF (`{\\rtf`), HTML, MHTML and Word 2003 XML saved as .doc → LibreOffice;
- `%PDF` → ParseError reason "unsupported_format".

Each conversion runs `soffice` in a fresh process with a private profile
(`-env:UserInstallation=...`) taken from a pool, so concurrent conversions
never share a profile, and with a timeout after which the whole process group
is killed. Set VNPLAN_SOFFICE to point at a soffice binary elsewhere.
"""
from __future__ import annotations

import atexit
import os
import queue
import shutil
import signal
import struct
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from parsers.docx_reader import ENCRYPTED_STREAM, OLE_MAGIC, read_docx
from parsers.model import ParseError, RawDocument, input_bytes

CONVERT_TIMEOUT = 120          # seconds for one soffice conversion
MAX_DOC_BYTES = 100 * 1024 * 1024
CONVERTED_WARNING = "converted from .doc by LibreOffice"

_RTF_MAGIC = b"{\\rtf"
# Starts of HTML saved under a .doc name: "<html xmlns:o=...>", "<!DOCTYPE html ...>".
_HTML_MARKERS = (b"<html", b"<!doctype html")
# Starts of other text formats Word saves as .doc and LibreOffice opens by
# itself: Word 2003 XML ("<?xml ...?><w:wordDocument") and MHTML
# ("MIME-Version: 1.0" of a "single file web page").
_XML_MARKER, _MHTML_MARKER = b"<?xml", b"mime-version:"

_profiles: "queue.SimpleQueue[Path]" = queue.SimpleQueue()
_profile_root: Path | None = None
_pool_pid: int | None = None


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    env = os.environ.get("VNPLAN_SOFFICE")
    if env:
        return env if Path(env).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def sniff(head: bytes) -> str:
    """What a file's first bytes say it is: ole, zip, rtf, html, xml, mhtml, pdf,
    empty or unknown."""
    if not head:
        return "empty"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_RTF_MAGIC):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith(_HTML_MARKERS) or b"<html" in low[:2048]:
        return "html"
    if low.startswith(_XML_MARKER):
        return "xml"
    if low.startswith(_MHTML_MARKER):
        return "mhtml"
    return "unknown"


def read_doc(path: str | Path, data: bytes | None = None) -> RawDocument:
    """Read a .doc file (or whatever hides under that name) into blocks: its bytes
    `data`, or (None) the file at `path`."""
    path = Path(path)
    data = input_bytes(path, data)
    size, head = len(data), data[:4096]
    if size > MAX_DOC_BYTES:
        raise ParseError(f"file over {MAX_DOC_BYTES} bytes", path=path, reason="too_large")
    kind = sniff(head)
    if kind == "empty":
        raise ParseError("file is empty", path=path, reason="empty")
    if kind == "pdf":
        raise ParseError("a PDF file named .doc", path=path, reason="unsupported_format")
    if kind == "unknown":
        raise ParseError("not a Word, RTF or HTML document (unknown magic bytes)",
                         path=path, reason="unsupported_format")
    if kind == "zip":
        raw = read_docx(path, data)
        return replace(raw, format="doc", warnings=raw.warnings + ("DOCX file named .doc",))
    if kind == "ole":
        _check_ole(path, data)
    with tempfile.TemporaryDirectory(prefix="vnplan-doc-") as outdir:
        converted = _convert(path, data, kind, Path(outdir))
        try:
            raw = read_docx(converted)
        except ParseError as exc:
            raise ParseError(f"after LibreOffice conversion: {exc.message}", path=path,
                             location=exc.location, reason=exc.reason) from exc
    note = () if kind == "ole" else (f"{kind.upper()} file named .doc",)
    return replace(raw, path=str(path), format="doc", reader="doc-libreoffice",
                   warnings=raw.warnings + (CONVERTED_WARNING,) + note)


# ---- OLE: enough of the compound file format to see encryption ----------------

def _check_ole(path: Path, data: bytes) -> None:
    if ENCRYPTED_STREAM in data:
        raise ParseError("password-protected (encrypted) Office document",
                         path=path, reason="encrypted")
    try:
        fib = _ole_stream_head(data, "WordDocument")
    except (struct.error, IndexError, ValueError) as exc:
        raise ParseError(f"damaged OLE compound file: {exc}", path=path,
                         reason="corrupt") from exc
    if fib is None:
        raise ParseError("OLE file without a WordDocument stream (not a Word .doc)",
                         path=path, reason="unsupported_format")
    flags = struct.unpack_from("<H", fib, 0x0A)[0]
    if flags & 0x0100:          # FIB fEncrypted
        raise ParseError("password-protected (encrypted) Word document",
                         path=path, reason="encrypted")


def _ole_stream_head(data: bytes, name: str) -> bytes | None:
    """The first sector of stream `name` of an OLE compound file, or None."""
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)
    fat_sectors = [s for s in difat if s < 0xFFFFFFFA]
    fat: list[int] = []
    for s in fat_sectors:
        off = (s + 1) * sector
        fat.extend(struct.unpack_from(f"<{sector // 4}I", data, off))
    want = name.encode("utf-16-le")
    cur, hops = first_dir, 0
    while cur < 0xFFFFFFFA and hops < 10_000:
        base = (cur + 1) * sector
        for i in range(sector // 128):
            entry = data[base + i * 128: base + (i + 1) * 128]
            if len(entry) < 128:
                break
            name_len = struct.unpack_from("<H", entry, 0x40)[0]
            if name_len >= 2 and entry[:name_len - 2] == want:
                start = struct.unpack_from("<I", entry, 0x74)[0]
                off = (start + 1) * sector
                return data[off: off + sector]
        cur = fat[cur] if cur < len(fat) else 0xFFFFFFFE
        hops += 1
    return None


# ---- LibreOffice ----------------------------------------------------------------

def _take_profile() -> Path:
    """A LibreOffice profile folder no other running conversion uses: from the
    pool of this process (a forked child starts its own pool), else new."""
    global _profile_root, _profiles, _pool_pid
    if _pool_pid != os.getpid():
        _profiles, _profile_root, _pool_pid = queue.SimpleQueue(), None, os.getpid()
    try:
        return _profiles.get_nowait()
    except queue.Empty:
        pass
    if _profile_root is None:
        _profile_root = Path(tempfile.mkdtemp(prefix="vnplan-lo-"))
        atexit.register(shutil.rmtree, _profile_root, True)
    return Path(tempfile.mkdtemp(prefix="profile-", dir=_profile_root))


def _convert(path: Path, data: bytes, kind: str, outdir: Path) -> Path:
    """Convert `data` with soffice into `outdir`; returns the .docx path."""
    soffice = soffice_path()
    if soffice is None:
        raise ParseError("LibreOffice (soffice) is not installed; cannot read .doc "
                         "(install libreoffice-writer-nogui or set VNPLAN_SOFFICE)",
                         path=path, reason="converter_unavailable")
    profile = _take_profile()
    suffix = {"rtf": "rtf", "html": "html", "xml": "xml", "mhtml": "mht"}.get(kind, "doc")
    source = outdir / f"input.{suffix}"
    source.write_bytes(data)
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
           "--norestore", "--nolockcheck", "--nodefault", "--nologo"]
    if kind == "html":
        cmd.append("--infilter=HTML (StarWriter)")
    cmd += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)]
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, cwd=outdir)
        try:
            _out, err = proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            shutil.rmtree(profile, ignore_errors=True)   # may be left locked: not reused
            raise ParseError(f"LibreOffice conversion timed out after {CONVERT_TIMEOUT}s",
                             path=path, reason="timeout") from None
        _profiles.put(profile)
    except OSError as exc:
        raise ParseError(f"cannot run LibreOffice: {exc}", path=path,
                         reason="converter_unavailable") from exc
    finally:
        source.unlink(missing_ok=True)
    result = outdir / "input.docx"
    if not result.exists():
        detail = err.decode("utf-8", "replace").strip()[-300:] if err else ""
        raise ParseError(f"LibreOffice could not convert the file {detail}".strip(),
                         path=path, reason="corrupt")
    return result
