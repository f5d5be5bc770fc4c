"""Build a benchmark corpus of N documents from the real ones in ../shared/corpus.

The source files are taken round-robin (sorted by name), and each copy is made
unique so that its content hash (= doc_id) differs, without changing what the
reader sees:

- .txt/.md: a last line of spaces and tabs spelling the copy's number in
  binary (a blank line to the reader);
- .docx: the zip archive's comment (`bench 00042`), which no reader opens;
- .pdf: a `%bench 00042` comment line after `%%EOF`.

Mix (the default, "bulk"): every .txt, .md, .docx and text-layer .pdf of the
corpus. Legacy .doc files (about a second each in LibreOffice) and scanned PDFs
(OCR, tens of seconds a page) are left out of the bulk ingest, since a few of
them would dominate its time; the throughput part measures them on their own
(`doc`, `pdf-ocr`). `mix="all"` takes every corpus file.
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

FORMATS = (".txt", ".md", ".docx", ".doc", ".pdf")
BULK_FORMATS = (".txt", ".md", ".docx", ".pdf")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONVERT_TIMEOUT = 600      # seconds for converting all the .docx files to PDF


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: str          # txt, md, docx, doc, pdf-text, pdf-ocr


def _pdf_kind(path: Path) -> str:
    """The reader's own choice: pdf-text, or pdf-ocr for a scan (a stamp's text
    layer on a scanned page does not make it a text PDF)."""
    from parsers.read import read_document
    return read_document(str(path), path.read_bytes()).reader


def classify(corpus: Path) -> list[SourceFile]:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)
    out = []
    for p in files:
        ext = p.suffix.lower()
        out.append(SourceFile(p, _pdf_kind(p) if ext == ".pdf" else ext[1:]))
    return out


def _pdf_kind_no_ocr(path: Path) -> str:
    """pdf-text when every page has a usable text layer; pdf-ocr when none has;
    pdf-mixed otherwise (read with OCR off, so a scan costs no Tesseract run)."""
    from parsers.model import ParseError
    from parsers.pdf_reader import read_pdf
    try:
        raw = read_pdf(path, path.read_bytes(), ocr=False)
    except ParseError as exc:
        return "pdf-ocr" if exc.reason == "no_text_layer" else "pdf-rejected"
    return "pdf-mixed" if any("not OCR'd" in w for w in raw.warnings) else "pdf-text"


def quick_classify(folder: Path) -> list[SourceFile]:
    """`classify` without OCR (a folder of real documents holds scans of many pages)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)
    return [SourceFile(p, _pdf_kind_no_ocr(p) if p.suffix.lower() == ".pdf" else p.suffix.lower()[1:])
            for p in files]


def docx_pdfs(sources: list[SourceFile], dest: Path) -> list[SourceFile]:
    """The corpus .docx files converted to PDF by LibreOffice into `dest` (one soffice
    run, a private profile), classified by the reader like any corpus PDF: the text-layer
    PDFs of real documents, many pages with tables. Empty when soffice is not installed."""
    from parsers.doc_reader import soffice_path
    soffice, docx = soffice_path(), [s.path for s in sources if s.kind == "docx"]
    if soffice is None or not docx:
        return []
    dest.mkdir(parents=True, exist_ok=True)
    profile = (dest / "soffice-profile").resolve()
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(dest),
                        *map(str, docx)], check=False, capture_output=True, timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass                    # the files converted in time are timed
    shutil.rmtree(profile, ignore_errors=True)
    from parsers.model import ParseError
    out = []
    for pdf in (dest / f"{p.stem}.pdf" for p in docx):
        try:
            out.append(SourceFile(pdf, _pdf_kind(pdf)))
        except (OSError, ParseError):       # not written, or cut short by the timeout
            continue
    return out


def bulk_sources(sources: list[SourceFile], mix: str = "bulk") -> list[SourceFile]:
    if mix == "all":
        return list(sources)
    return [s for s in sources if s.kind in ("txt", "md", "docx", "pdf-text")]


def _whitespace_tag(number: int) -> str:
    # 0 → space, 1 → tab: 00101 → "  \t \t"
    return format(number, "b").replace("0", " ").replace("1", "\t")


def write_variant(src: Path, dest: Path, number: int) -> None:
    """Copy `src` to `dest`, made unique by `number` without changing its reading."""
    ext = src.suffix.lower()
    if ext in (".txt", ".md"):
        data = src.read_bytes()
        tag = "\n" + _whitespace_tag(number) + "\n"
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else (
            "utf-16-be" if data.startswith(b"\xfe\xff") else "ascii")
        dest.write_bytes(data + tag.encode(enc))
    elif ext == ".docx":
        shutil.copyfile(src, dest)
        with zipfile.ZipFile(dest, "a") as z:
            z.comment = f"bench {number:05d}".encode()
    elif ext == ".pdf":
        dest.write_bytes(src.read_bytes() + f"\n%bench {number:05d}\n".encode())
    else:                                   # .doc: copied as is (one copy per source)
        shutil.copyfile(src, dest)


def build_corpus(sources: list[SourceFile], dest: Path, n: int, start: int = 0) -> list[Path]:
    """Write documents number `start` .. `start + n - 1` into `dest` (round-robin sources)."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for number in range(start, start + n):
        src = sources[number % len(sources)].path
        target = dest / f"{number:05d}-{src.name}"
        write_variant(src, target, number)
        out.append(target)
    return out
