"""The printed table of a benchmark result (the dict that bench.run_bench writes)."""
from __future__ import annotations


def _f(value, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def throughput_lines(tp: dict) -> list[str]:
    """One row per kind; `pdf-text (from docx)` is the corpus .docx files converted to PDF
    by LibreOffice (bench.throughput), `pdf-text` the corpus's own text-layer PDFs."""
    w = max([9] + [len(kind) for kind in tp])
    lines = ["parse + extraction, single process (CPU time, median of runs); `raw`: the "
             "reader alone (bench.raw_readers) in the same runs",
             f"{'format':<{w}} {'files':>5} {'pages':>5} {'docs/s':>8} {'pages/s':>8} "
             f"{'ms/doc':>8} {'raw docs/s':>10} {'raw pages/s':>11} {'ratio':>6} {'runs':>4}"]
    for kind, t in tp.items():
        lines.append(f"{kind:<{w}} {t['files']:>5} {t['pages'] or '-':>5} "
                     f"{_f(t['docs_per_cpu_s']):>8} {_f(t['pages_per_cpu_s']):>8} "
                     f"{_f(t['ms_per_doc_cpu']):>8} {_f(t.get('raw_docs_per_cpu_s')):>10} "
                     f"{_f(t.get('raw_pages_per_cpu_s')):>11} {_f(t.get('ratio'), 2):>6} "
                     f"{t['runs']:>4}")
    return lines


def wild_ingest_lines(w: dict) -> list[str]:
    return ["cold `vnplan ingest` of the real documents (wall time, one run)",
            f"{w['files']} files in {w['folder']}: {_f(w['wall_s'])} s wall, "
            f"{_f(w['cpu_s'])} s CPU, peak {_f(w['peak_rss_mb'], 0)} MB; "
            f"{_work(w['summary'])}"]


def _work(summary: dict) -> str:
    return (f"parsed {summary['parsed']}, new {summary['new_files']}, "
            f"unchanged {summary['unchanged_files']}")


def sizes_lines(sizes: list[dict]) -> list[str]:
    lines = ["ingest through Dagster (`vnplan ingest`, wall time, median of runs)",
             f"{'N':>6} {'cold s':>8} {'peak MB':>8} {'+1 doc s':>9} {'no-op s':>8} "
             f"{'pandas s':>9} {'polars s':>9} {'tasks rows':>10}  work of the +1 run"]
    for s in sizes:
        c, i, r, rd = s["cold_median"], s["incremental_median"], s["rerun_median"], s["read_median"]
        lines.append(f"{s['n']:>6} {_f(c['wall_s']):>8} {_f(c['peak_rss_mb'], 0):>8} "
                     f"{_f(i['wall_s']):>9} {_f(r['wall_s']):>8} {_f(rd['pandas_s'], 3):>9} "
                     f"{_f(rd['polars_s'], 3):>9} {rd['rows']:>10}  "
                     f"{_work(s['incremental'][-1]['summary'])}")
    return lines


def format_report(result: dict) -> str:
    m = result["machine"]
    lines = [f"vnplan bench — {m['cpu_count']} × {m['cpu_model']}, {m['ram_mb']} MB, "
             f"python {m['python']}, commit {(m['git_commit'] or '?')[:8]}"
             f"{' (dirty)' if m['git_dirty'] else ''}",
             "load average start {:.2f} {:.2f} {:.2f}; end {:.2f} {:.2f} {:.2f}".format(
                 *m["load_average_start"], *result["load_average_end"]), ""]
    if "throughput" in result:
        lines += throughput_lines(result["throughput"]) + [""]
    if "wild" in result:
        lines += ["real documents:"] + throughput_lines(result["wild"]) + [""]
    if "wild_ingest" in result:
        lines += wild_ingest_lines(result["wild_ingest"]) + [""]
    if result.get("sizes"):
        lines += sizes_lines(result["sizes"])
    return "\n".join(lines)
