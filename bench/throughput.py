"""Part 1 of the benchmark: parse and extraction throughput per format, single
process, without Dagster (`extractors.extract.extract` on each corpus file).

Time is CPU time (`time.process_time` of this process plus that of its waited
children: LibreOffice for .doc, Tesseract for OCR), so figures stay comparable
on a loaded machine; wall time is reported too. Each file is parsed once
before timing (imports, vocabularies, compiled patterns), then every file of a
kind is parsed `runs` times; the figures are medians over the runs.

The corpus holds a single text-layer PDF (two pages), too small a sample of
`pdf-text`: when LibreOffice (soffice) is installed, the corpus .docx files are
also converted to PDF once per run, in a temporary folder, and those the
reader reads as text-layer PDFs are timed as a kind of their own,
`pdf-text (from docx)` (not merged into `pdf-text`, so that both the real
e-signed letter and the converted documents stay visible); a converted file
the reader partly OCRs (an image page) is left out.

Beside each kind, its raw reader (bench.raw_readers) is timed in the same runs, and
`ratio` is vnplan's rate over the raw reader's (1.0: as fast as the reader alone).

    python -m bench.throughput CORPUS RUNS      # prints the JSON of `measure`
    python -m bench.throughput --wild DIR RUNS  # the real-documents rows (`measure_wild`)
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import classify, docx_pdfs, quick_classify
from bench.raw_readers import raw_reader

FROM_DOCX = "pdf-text (from docx)"
KIND_ORDER = ("txt", "md", "docx", "pdf-text", FROM_DOCX, "doc", "pdf-ocr")


def _cpu() -> float:
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


def _time_kind(paths: list[Path], runs: int, kind: str = "") -> dict:
    """vnplan's `extract` on `paths`, and in each run just before it the raw reader of
    the kind (bench.raw_readers), so that both see the same load on the machine."""
    from extractors.extract import extract
    raw = raw_reader(kind)
    pages = 0
    for p in paths:                                  # warm-up, and the page count
        pages += extract(p).raw.pages or 0
        if raw:
            raw(p)
    size = sum(p.stat().st_size for p in paths)
    cpu_s, wall_s, raw_cpu_s = [], [], []
    for _ in range(runs):
        if raw:
            c0 = _cpu()
            for p in paths:
                raw(p)
            raw_cpu_s.append(_cpu() - c0)
        c0, w0 = _cpu(), time.perf_counter()
        for p in paths:
            extract(p)
        cpu_s.append(_cpu() - c0)
        wall_s.append(time.perf_counter() - w0)
    cpu, wall = statistics.median(cpu_s), statistics.median(wall_s)
    raw_cpu = statistics.median(raw_cpu_s) if raw_cpu_s else None
    return {"files": len(paths), "bytes": size, "pages": pages, "runs": runs,
            "cpu_s": cpu_s, "wall_s": wall_s, "raw_cpu_s": raw_cpu_s,
            "docs_per_cpu_s": len(paths) / cpu, "docs_per_wall_s": len(paths) / wall,
            "pages_per_cpu_s": pages / cpu if pages else None,
            "ms_per_doc_cpu": 1000 * cpu / len(paths),
            "raw_docs_per_cpu_s": len(paths) / raw_cpu if raw_cpu else None,
            "raw_pages_per_cpu_s": pages / raw_cpu if raw_cpu and pages else None,
            "ratio": raw_cpu / cpu if raw_cpu else None}


def measure(corpus: Path, runs: int, kinds: tuple[str, ...] = KIND_ORDER,
            slow_runs: int = 1) -> dict:
    """{kind: figures} for the corpus files of each kind; .doc and OCR get `slow_runs`."""
    by_kind: dict[str, list[Path]] = {}
    sources = classify(corpus)
    for s in sources:
        by_kind.setdefault(s.kind, []).append(s.path)
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-pdf-") as tmp:
        if FROM_DOCX in kinds:
            by_kind[FROM_DOCX] = [s.path for s in docx_pdfs(sources, Path(tmp)) if s.kind == "pdf-text"]
        out = {}
        for kind in kinds:
            if by_kind.get(kind):
                n = slow_runs if kind in ("doc", "pdf-ocr") else runs
                out[kind] = _time_kind(by_kind[kind], max(1, n), kind)
    return out


WILD_KINDS = ("txt", "md", "docx", "pdf-text")


def measure_wild(folder: Path, runs: int, kinds: tuple[str, ...] = WILD_KINDS) -> dict:
    """The "real documents" rows: {`wild <kind>`: figures} for the files of `folder` (the
    real documents of ../shared/wild/docs, real lengths); PDFs are sorted without OCR
    (bench.corpus.quick_classify), so scanned and mixed ones are left out unless asked."""
    by_kind: dict[str, list[Path]] = {}
    for s in quick_classify(folder):
        by_kind.setdefault(s.kind, []).append(s.path)
    return {f"wild {kind}": _time_kind(by_kind[kind], max(1, runs if kind in WILD_KINDS else 1), kind)
            for kind in kinds if by_kind.get(kind)}


if __name__ == "__main__":
    if sys.argv[1] == "--wild":                 # python -m bench.throughput --wild DIR RUNS [KIND...]
        kinds = tuple(sys.argv[4:]) or WILD_KINDS
        print(json.dumps(measure_wild(Path(sys.argv[2]), int(sys.argv[3]), kinds)))
    else:
        print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]),
                                 slow_runs=int(sys.argv[3]) if len(sys.argv) > 3 else 1)))
