"""The kill test: an ingest SIGKILLed at random points of its publishes leaves
every table readable at its previous version or its next, and the run after
it completes the work: the tables then hold exactly the rows of a reference
that was never killed (no row lost, none duplicated).

The raw folder cycles through four small states (3-5 files: new, revised,
removed, copied, rejected files), so kills land in creations, replacements,
withdrawals and reject updates alike. Each round applies the next state, runs
an ingest forked from the zygote, waits until it starts publishing a table
chosen at random, lets it run a random part of that publish's duration, kills
it, checks the tables, runs an ingest to completion and compares with the
reference. VNPLAN_KILL_RUNS (default 20) is the number of kills.
"""
from __future__ import annotations

import os
import random
import signal
import statistics
import time
from collections import Counter

import pytest

from bad_files import NOTICE, plan_text
from pipeline.tables.publish import read_table
from pipeline.tables.schemas import TABLES
from reliability_helpers import data_of, snapshot, versions

pytestmark = pytest.mark.slow          # killed runs of the ingest job

KILL_RUNS = int(os.environ.get("VNPLAN_KILL_RUNS", "20"))
REVISED = plan_text(1, topic="phòng chống dịch")
STATES = [
    {"a.txt": plan_text(1), "b.txt": plan_text(2), "c.txt": NOTICE, "rỗng.txt": ""},
    {"a.txt": REVISED, "b.txt": plan_text(2), "d.txt": plan_text(3), "rỗng.txt": ""},
    {"a.txt": REVISED, "b.txt": plan_text(2), "d.txt": plan_text(3),
     "sub/bản sao.txt": plan_text(2), "hỏng.docx": "PK\x03\x04 hỏng"},
    {"a.txt": plan_text(1), "d.txt": plan_text(3), "e f.txt": plan_text(4),
     "sub/bản sao.txt": plan_text(2)},
]
KEYS = {"documents": ("doc_id",), "sections": ("doc_id", "ordinal"), "tasks": ("task_id",),
        "task_agencies": ("task_id", "role", "ordinal"), "rejects": ("path",),
        "document_quality": ("doc_id",)}


def apply_state(raw, state: dict[str, str]) -> None:
    for p in sorted(raw.rglob("*"), reverse=True):
        rel = p.relative_to(raw).as_posix()
        if p.is_file() and rel not in state:
            p.unlink()
    for rel, text in state.items():
        p = raw / rel
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")


def duplicated_keys(processed) -> dict[str, int]:
    out = {}
    for table, cols in KEYS.items():
        if table in TABLES:
            rows = read_table(processed, table).to_pylist()
            counts = Counter(tuple(r[c] for c in cols) for r in rows)
            out[table] = sum(n - 1 for n in counts.values())
    return out


class Publishes:
    """How long each table's publish takes (seconds), from the runs' events."""

    def __init__(self):
        self.seen: dict[str, list[float]] = {t: [] for t in TABLES}

    def record(self, zygote, run_id) -> None:
        starts = {}
        for e in zygote.drop(run_id):
            if e["event"] == "publish":
                starts[e["table"]] = e["t"]
            elif e["event"] == "published" and e["table"] in starts:
                self.seen[e["table"]].append(e["t"] - starts[e["table"]])

    def duration(self, table: str) -> float:
        return statistics.median(self.seen[table]) if self.seen[table] else 0.05


def test_kill_during_publish_then_rerun_loses_and_duplicates_nothing(zygote, tmp_path):
    raw, test, ref = tmp_path / "raw", tmp_path / "killed", tmp_path / "reference"
    raw.mkdir()
    rng = random.Random(int(os.environ.get("VNPLAN_KILL_SEED", "20240701")))
    publishes, references = Publishes(), {}
    kills, attempts, points, started = 0, 0, Counter(), time.monotonic()
    while kills < KILL_RUNS:
        assert attempts < 3 * KILL_RUNS + 8, f"only {kills} kills in {attempts} attempts"
        state = attempts % len(STATES)
        key = (min(attempts // len(STATES), 1), state)      # from the 2nd cycle on: stable
        apply_state(raw, STATES[state])
        ref_id = f"ref-{attempts}" if key not in references else None
        if ref_id:                                  # the reference runs beside the killed run
            zygote.start(ref_id, raw, ref)
        before_versions, before = versions(test, TABLES), snapshot(test, TABLES)

        run_id = f"kill-{attempts}"
        table = rng.choice(list(TABLES))
        pid = zygote.start(run_id, raw, test)
        event = zygote.wait(lambda e: e.get("id") == run_id and (
            e["event"] == "publish" and e["table"] == table or e["event"] in ("done", "exit")))
        if event["event"] == "publish":
            time.sleep(rng.uniform(0, 1.2 * publishes.duration(table)))
            os.kill(pid, signal.SIGKILL)
        status = zygote.wait(lambda e: e.get("id") == run_id and e["event"] == "exit")["status"]
        zygote.drop(run_id)
        if ref_id:
            assert zygote.wait(lambda e: e.get("id") == ref_id and e["event"] == "done")["success"]
            zygote.wait(lambda e: e.get("id") == ref_id and e["event"] == "exit")
            publishes.record(zygote, ref_id)
            references[key] = snapshot(ref, TABLES)
        if status == -signal.SIGKILL:
            kills += 1
            after = versions(test, TABLES)
            now = snapshot(test, TABLES)                    # every table readable
            moved = sorted(t for t in TABLES if after[t] != before_versions[t])
            points[f"{table}:{len(moved)} moved"] += 1
            for t in TABLES:
                old = before_versions[t]
                assert after[t] in ({old, old + 1} if old is not None else {None, 0}), t
                if after[t] == old:
                    assert now[t] == before[t], f"{t} changed without a new version"

        done = zygote.run(f"complete-{attempts}", raw, test)
        zygote.drop(f"complete-{attempts}")
        assert done["success"] and all(done["checks"].values()), done
        assert data_of(snapshot(test, TABLES)) == data_of(references[key]), \
            f"round {attempts}: tables differ"
        assert not any(duplicated_keys(test).values())
        attempts += 1
    print(f"\nkill test: {kills} kills in {attempts} rounds, "
          f"{time.monotonic() - started:.0f} s; kill points: {dict(sorted(points.items()))}")
