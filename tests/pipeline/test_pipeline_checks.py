"""The measures behind the asset checks, on hand-made task tables."""
from __future__ import annotations

import pyarrow as pa

from pipeline.tables.checks import owner_coverage, raw_coverage, timing_share
from pipeline.tables.schemas import DOCUMENTS, REJECTS, TASKS


def tasks(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist([{"doc_id": "d", "task_id": f"d-{i:04d}", **r}
                                 for i, r in enumerate(rows, 1)], schema=TASKS)


def test_a_task_without_owner_fails_the_owner_check():
    ok = owner_coverage(tasks([{"owner": ["Sở Y tế"]}, {"owner": ["Sở Tư pháp"]}]))
    assert ok.passed and ok.metadata["without_owner"] == 0
    bad = owner_coverage(tasks([{"owner": ["Sở Y tế"]}, {"owner": []}, {"owner": None}]))
    assert not bad.passed and bad.metadata["without_owner"] == 2
    assert bad.metadata["sample"] == "d-0002, d-0003"


def test_timing_share_counts_only_tasks_that_state_a_timing():
    table = tasks([{"timing_raw": "Tháng 5/2024", "timing_kind": "period"},
                   {"timing_raw": "Thường xuyên", "timing_kind": "ongoing"},
                   {"timing_raw": "sau khi có hướng dẫn", "timing_kind": "unparsed"},
                   {"timing_raw": None, "timing_kind": None}])
    outcome = timing_share(table, minimum=0.6)
    assert outcome.passed and outcome.metadata["parsed_share"] == round(2 / 3, 4)
    assert outcome.metadata["sample"] == "sau khi có hướng dẫn"
    assert not timing_share(table, minimum=0.7).passed
    assert timing_share(tasks([{"timing_raw": None}])).passed


def test_raw_coverage_ignores_withdrawn_documents():
    docs = pa.Table.from_pylist([
        {"doc_id": "a", "paths": ["/r/a.txt"], "status": "active"},
        {"doc_id": "b", "paths": ["/r/b.txt"], "status": "withdrawn"}], schema=DOCUMENTS)
    rejects = pa.Table.from_pylist([{"path": "/r/e.txt"}], schema=REJECTS)
    assert raw_coverage(["/r/a.txt", "/r/e.txt"], docs, rejects).passed
    outcome = raw_coverage(["/r/a.txt", "/r/b.txt"], docs, rejects)
    assert not outcome.passed and outcome.metadata["sample"] == "/r/b.txt"
