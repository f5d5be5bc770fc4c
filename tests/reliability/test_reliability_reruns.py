"""Re-runs and revisions, with the real extractor and the Dagster job (forked
from the zygote): a re-run over the same input writes no version; a revised
file replaces its rows in a new version while the old stay reachable by time
travel; first_seen stays, last_seen moves when a row is rewritten; a removed
file is withdrawn and comes back active."""
from __future__ import annotations

import shutil

import pytest
from deltalake import DeltaTable

from bad_files import plan_text, write
from pipeline.tables.publish import read_table
from pipeline.tables.schemas import TABLES
from reliability_helpers import versions

pytestmark = pytest.mark.slow          # ingest runs


def _docs(processed) -> dict[str, dict]:
    return {r["file_name"]: r for r in read_table(processed, "documents").to_pylist()}


def test_a_rerun_over_the_same_input_writes_no_version(zygote, tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write(raw / "a.txt", plan_text(1))
    write(raw / "rỗng.txt", "")
    first = zygote.run("same-1", raw, processed, VNPLAN_PARSE_WORKERS="2")
    before = versions(processed, TABLES)
    again = zygote.run("same-2", raw, processed, VNPLAN_PARSE_WORKERS="2")
    assert first["success"] and again["success"] and all(again["checks"].values())
    assert again["summary"]["parsed"] == 0
    assert versions(processed, TABLES) == before and None not in before.values()


def test_a_revised_file_replaces_its_rows_and_the_old_stay_reachable(zygote, tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write(raw / "a.txt", plan_text(1))
    write(raw / "b.txt", plan_text(2))
    zygote.run("rev-1", raw, processed)
    old = _docs(processed)
    v1 = versions(processed, TABLES)
    write(raw / "a.txt", plan_text(1, topic="phòng chống dịch") + "3. Báo cáo kết quả\n"
          "- Đơn vị chủ trì: Sở Tài chính.\n- Thời gian: Quý IV/2024.\n")
    done = zygote.run("rev-2", raw, processed)
    assert done["summary"]["changed_files"] == 1 and done["summary"]["replaced"] == 1
    new = _docs(processed)
    v2 = versions(processed, TABLES)
    assert v2["documents"] == v1["documents"] + 1 and v2["tasks"] == v1["tasks"] + 1
    assert new["a.txt"]["doc_id"] != old["a.txt"]["doc_id"] and new["a.txt"]["n_tasks"] == 3
    assert new["b.txt"] == old["b.txt"]                       # untouched, timestamps too
    tasks = read_table(processed, "tasks").to_pylist()
    assert not [t for t in tasks if t["doc_id"] == old["a.txt"]["doc_id"]]
    # time travel: the version before the revision still holds the old rows
    past_docs = DeltaTable(str(processed / "documents"), version=v1["documents"]) \
        .to_pyarrow_table().to_pylist()
    assert old["a.txt"]["doc_id"] in {d["doc_id"] for d in past_docs}
    past_tasks = read_table(processed, "tasks", version=v1["tasks"]).to_pylist()
    assert len([t for t in past_tasks if t["doc_id"] == old["a.txt"]["doc_id"]]) == 2


def test_first_seen_stays_last_seen_moves_and_removed_files_are_withdrawn(zygote, tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write(raw / "a.txt", plan_text(1))
    write(raw / "b.txt", plan_text(2))
    zygote.run("seen-1", raw, processed)
    one = _docs(processed)
    write(raw / "sub" / "b-copy.txt", plan_text(2))             # a copy: b's row rewritten
    zygote.run("seen-2", raw, processed)
    two = _docs(processed)
    assert two["b.txt"]["first_seen"] == one["b.txt"]["first_seen"]
    assert two["b.txt"]["last_seen"] > one["b.txt"]["last_seen"]
    assert len(two["b.txt"]["paths"]) == 2
    assert two["a.txt"] == one["a.txt"]
    shutil.move(raw / "a.txt", tmp_path / "a.txt")              # removed: withdrawn
    done = zygote.run("seen-3", raw, processed)
    three = _docs(processed)
    assert done["summary"]["withdrawn"] == 1 and done["checks"]["delta/documents:raw_files_covered"]
    assert three["a.txt"]["status"] == "withdrawn"
    assert three["a.txt"]["last_seen"] > two["a.txt"]["last_seen"]
    tasks = read_table(processed, "tasks").to_pylist()
    assert len([t for t in tasks if t["doc_id"] == one["a.txt"]["doc_id"]]) == 2
    shutil.move(tmp_path / "a.txt", raw / "a.txt")              # back: active again
    zygote.run("seen-4", raw, processed)
    four = _docs(processed)
    assert four["a.txt"]["status"] == "active"
    assert four["a.txt"]["first_seen"] == one["a.txt"]["first_seen"]
