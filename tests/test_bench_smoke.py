"""Smoke run of `make bench` (bench/run_bench.py) on a tiny corpus: the JSON it
writes has its shape and positive figures, and the incremental run parsed
exactly the one new document (and, with LibreOffice installed, the .docx
converted to PDF is timed as its own kind). The real benchmark (N = 100 ... 10,000) is not
part of `make test`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

from parsers.doc_reader import soffice_path

REPO = Path(__file__).resolve().parent.parent
# bench.throughput.FROM_DOCX: `bench` is run from the checkout (`python -m`), not installed,
# so `.venv/bin/pytest` cannot import it
FROM_DOCX = "pdf-text (from docx)"

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 134/KH-UBND
Lào Cai, ngày 3 tháng 4 năm 2026

KẾ HOẠCH
Phát triển cụm công nghiệp năm 2026

I. NHIỆM VỤ
1. Quy hoạch cụm công nghiệp
1.1. Rà soát quy hoạch các cụm công nghiệp
- Đơn vị chủ trì: Sở Công Thương.
- Đơn vị phối hợp: Sở Tài chính.
- Thời gian: Quý III/2026.
1.2. Kêu gọi đầu tư hạ tầng
- Đơn vị chủ trì: Sở Tài chính.
- Thời gian: Thường xuyên.
"""


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "kh-134.txt").write_text(PLAN, encoding="utf-8")
    (folder / "kh-135.md").write_text(PLAN.replace("134/", "135/"), encoding="utf-8")
    d = docx.Document()
    for line in PLAN.replace("134/", "136/").splitlines():
        d.add_paragraph(line)
    d.save(folder / "kh-136.docx")
    return folder


def test_bench_smoke_writes_positive_figures(tmp_path):
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "results"
    run = subprocess.run([sys.executable, "-m", "bench.run_bench", "--n", "2",
                          "--runs", "1", "--corpus", str(corpus), "--out", str(out),
                          "--wild", str(corpus)],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "parse + extraction" in run.stdout and "ingest through Dagster" in run.stdout
    (result_file,) = out.glob("*.json")
    result = json.loads(result_file.read_text(encoding="utf-8"))

    machine = result["machine"]
    assert machine["cpu_count"] >= 1 and machine["ram_mb"] > 0 and machine["python"]
    # the .docx converted to PDF is timed too when LibreOffice is installed
    converted = {FROM_DOCX} if soffice_path() else set()
    assert set(result["throughput"]) == {"txt", "md", "docx"} | converted
    for figures in result["throughput"].values():
        assert figures["files"] == 1 and figures["docs_per_cpu_s"] > 0
        assert figures["ms_per_doc_cpu"] > 0
        # the raw reader of the format, timed in the same runs
        assert figures["raw_docs_per_cpu_s"] > 0 and figures["ratio"] > 0
    # the real-documents rows (here the same tiny folder), and their printed table
    assert set(result["wild"]) == {"wild txt", "wild md", "wild docx"}
    assert all(f["ratio"] > 0 for f in result["wild"].values())
    assert "real documents:" in run.stdout and "ratio" in run.stdout

    assert [s["n"] for s in result["sizes"]] == [2]
    for size in result["sizes"]:
        cold, inc, rerun = size["cold"][0], size["incremental"][0], size["rerun"][0]
        for run_figures in (cold, inc, rerun):
            assert run_figures["wall_s"] > 0 and run_figures["peak_rss_mb"] > 0
        assert cold["summary"]["parsed"] == size["n"] == cold["summary"]["documents_added"]
        assert inc["summary"]["parsed"] == 1 and inc["summary"]["new_files"] == 1
        assert inc["summary"]["unchanged_files"] == size["n"]
        assert rerun["summary"]["parsed"] == 0
        assert any(k.startswith("parsed_documents") for k in cold["steps"])
        read = size["read"][0]
        assert read["rows"] > 0 and read["rows"] == read["polars_rows"]
        assert read["pandas_s"] > 0 and read["polars_s"] > 0
