"""The `references` and `agencies` tables: the pure linking and agency rows
(`pipeline.links`), and an ingest with the real extractor of three small plans
written here: plan B cites plan A by number (so `cited_doc_id` links them) and
the plans name the same bodies in different ways (`UBND tỉnh Lào Cai` /
`Ủy ban nhân dân tỉnh Lào Cai` / `Uỷ ban nhân dân tỉnh Lào Cai`, `Sở TN&MT` /
`Sở Tài nguyên và Môi trường`), which must point to one `agencies` row each."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from dagster import DagsterInstance

from pipeline.tables import links
from pipeline.defs.run import run_ingest
from pipeline.tables.publish import all_table_info, read_table, stored_schema
from pipeline.tables.schemas import AGENCIES, REFERENCES, TABLES, schema_problems

pytestmark = pytest.mark.slow          # ingest runs

AgencyRegistry = pytest.importorskip("extractors.agencies").AgencyRegistry
pytest.importorskip("extractors.extract", reason="extractor not importable")

PLAN_A = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 15/KH-UBND
Lào Cai, ngày 2 tháng 3 năm 2026

KẾ HOẠCH
Bảo vệ tài nguyên khoáng sản năm 2026

Căn cứ Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ;

I. NHIỆM VỤ
1. Kiểm tra khoáng sản
- Đơn vị chủ trì: Sở TN&MT.
- Đơn vị phối hợp: Công an tỉnh.
- Thời gian: Tháng 5/2026.
2. Báo cáo kết quả
- Đơn vị chủ trì: Sở Tài nguyên và Môi trường.
- Đơn vị phối hợp: UBND tỉnh Lào Cai.
- Thời gian: Tháng 6/2026.
"""

PLAN_B = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 27/KH-UBND
Lào Cai, ngày 20 tháng 3 năm 2026

KẾ HOẠCH
Triển khai Kế hoạch bảo vệ tài nguyên khoáng sản

Thực hiện Kế hoạch số 15/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân tỉnh Lào Cai về bảo vệ tài nguyên khoáng sản;

I. NHIỆM VỤ
1. Tuyên truyền về khoáng sản
- Đơn vị chủ trì: Sở Tài nguyên và Môi trường.
- Đơn vị phối hợp: Ủy ban nhân dân tỉnh Lào Cai.
- Thời gian: Tháng 4/2026.
"""

PLAN_C = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 31/KH-UBND
Lào Cai, ngày 25 tháng 3 năm 2026

KẾ HOẠCH
Kiểm tra an toàn hóa chất

I. NHIỆM VỤ
1. Kiểm tra hóa chất theo Luật Hóa chất
- Đơn vị chủ trì: Sở TN&MT.
- Đơn vị phối hợp: Uỷ ban nhân dân tỉnh Lào Cai.
- Thời gian: Tháng 7/2026.
"""


def _ingest(raw: Path, processed: Path):
    result = run_ingest(raw, processed, instance=DagsterInstance.ephemeral())
    assert result.success
    return result


@pytest.fixture
def lao_cai(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in (("kh-15.txt", PLAN_A), ("kh-27.txt", PLAN_B), ("kh-31.txt", PLAN_C)):
        (raw / name).write_text(text, encoding="utf-8")
    return raw, tmp_path / "processed"


def test_tables_have_their_declared_schema_and_link(lao_cai):
    raw, processed = lao_cai
    result = _ingest(raw, processed)
    for name, schema in (("references", REFERENCES), ("agencies", AGENCIES)):
        assert schema_problems(TABLES[name], stored_schema(processed, name)) == []
        assert read_table(processed, name).num_rows > 0
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["task_agencies_in_agencies"]

    docs = {d["doc_number"]: d["doc_id"] for d in read_table(processed, "documents").to_pylist()}
    refs = read_table(processed, "references").to_pylist()
    (cites_a,) = [r for r in refs if r["ref_number"] == "15/KH-UBND"]
    assert cites_a["doc_id"] == docs["27/KH-UBND"]
    assert cites_a["cited_doc_id"] == docs["15/KH-UBND"]
    assert (cites_a["ref_role"], cites_a["is_basis"], cites_a["ref_date"]) == ("implements", True, date(2026, 3, 2))
    (decree,) = [r for r in refs if r["ref_number"] == "06/2022/NĐ-CP"]
    assert decree["doc_id"] == docs["15/KH-UBND"] and decree["cited_doc_id"] is None
    assert decree["ref_role"] == "legal_basis"
    law = [r for r in refs if r["ref_name"] == "Luật Hóa chất"]
    assert len(law) == 1 and law[0]["doc_id"] == docs["31/KH-UBND"] and law[0]["ref_role"] == "mention"


def test_one_agency_row_for_each_way_a_body_is_written(lao_cai):
    raw, processed = lao_cai
    _ingest(raw, processed)
    mentions = read_table(processed, "task_agencies").to_pylist()
    agencies = {a["agency_id"]: a for a in read_table(processed, "agencies").to_pylist()}
    groups = [{"Sở TN&MT", "Sở Tài nguyên và Môi trường"},
              {"UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "Uỷ ban nhân dân tỉnh Lào Cai"}]
    for written in groups:
        ids = {m["agency_id"] for m in mentions if m["mention"] in written}
        assert {m["mention"] for m in mentions if m["mention"] in written} == written
        assert len(ids) == 1, ids
        (aid,) = ids
        assert aid in agencies
    sotnmt = agencies["sở-tài-nguyên-và-môi-trường@lào-cai"]
    assert (sotnmt["canonical_name"], sotnmt["province"], sotnmt["scope"], sotnmt["kind"]) == \
        ("Sở Tài nguyên và Môi trường tỉnh Lào Cai", "Lào Cai", "lào-cai", "local")
    assert (sotnmt["status"], sotnmt["successor_id"]) == ("former", "sở-nông-nghiệp-và-môi-trường@lào-cai")
    assert agencies["bộ-công-thương"]["kind"] == "central"          # every central body of the registry
    # every known body of task_agencies has its row; unknown ones have none
    known = {m["agency_id"] for m in mentions if m["known"]}
    assert known <= set(agencies)


def test_a_second_ingest_writes_no_new_version(lao_cai):
    raw, processed = lao_cai
    _ingest(raw, processed)
    before = {i.name: i.version for i in all_table_info(processed)}
    _ingest(raw, processed)
    after = {i.name: i.version for i in all_table_info(processed)}
    assert after["references"] == before["references"] and after["agencies"] == before["agencies"]


def test_a_cited_document_ingested_later_links_the_earlier_citation(lao_cai):
    raw, processed = lao_cai
    plan_a = (raw / "kh-15.txt")
    held = raw.parent / "held-kh-15.txt"
    plan_a.rename(held)
    _ingest(raw, processed)
    (ref,) = [r for r in read_table(processed, "references").to_pylist() if r["ref_number"] == "15/KH-UBND"]
    assert ref["cited_doc_id"] is None
    held.rename(plan_a)
    _ingest(raw, processed)
    docs = {d["doc_number"]: d["doc_id"] for d in read_table(processed, "documents").to_pylist()}
    (ref,) = [r for r in read_table(processed, "references").to_pylist() if r["ref_number"] == "15/KH-UBND"]
    assert ref["cited_doc_id"] == docs["15/KH-UBND"]


def _ref(**kw) -> dict:
    return {"doc_id": "b", "ref_type": "Kế hoạch", "ref_number": "15/KH-UBND", "ref_date": None,
            "cited_doc_id": None, **kw}


def _doc(**kw) -> dict:
    return {"doc_id": "a", "doc_number": "15 /KH-UBND", "doc_type": "Kế hoạch",
            "issue_date": date(2026, 3, 2), "status": "active", **kw}


@pytest.mark.parametrize("ref,docs,expected", [
    (_ref(), [_doc()], "a"),                                              # spaces in the number
    (_ref(ref_date=date(2026, 3, 2)), [_doc()], "a"),
    (_ref(ref_date=date(2025, 3, 2)), [_doc()], None),                    # another year's 15/KH-UBND
    (_ref(ref_type="Quyết định"), [_doc()], None),                        # the types contradict
    (_ref(ref_type="Quyết định"), [_doc(doc_type=None)], "a"),            # type unknown: the number
    (_ref(doc_id="a"), [_doc()], None),                                   # never itself
    (_ref(), [_doc(doc_id="z"), _doc(doc_id="c", status="withdrawn")], "z"),   # active first
    (_ref(ref_number=None), [_doc()], None),                              # a law by name
])
def test_cited_doc(ref, docs, expected):
    assert links.cited_doc(ref, links.document_index(docs)) == expected


def test_agency_changes_only_new_or_changed_rows():
    registry = AgencyRegistry.load()
    seen = [{"agency_id": "sở-công-thương@lào-cai", "known": True,
             "canonical_name": "Sở Công Thương tỉnh Lào Cai", "agency_type": "Sở",
             "agency_level": "provincial", "province": "Lào Cai"},
            {"agency_id": "phòng-kinh-tế@lào-cai", "known": False, "canonical_name": "Phòng Kinh tế",
             "agency_type": "Phòng", "agency_level": None, "province": "Lào Cai"}]
    first, keys = links.agency_changes(seen, AGENCIES.empty_table(), registry)
    assert {"sở-công-thương@lào-cai", "phòng-kinh-tế@lào-cai"} <= keys
    assert "bộ-công-thương" in keys and first.num_rows == len(keys)
    rows = {r["agency_id"]: r for r in first.to_pylist()}
    assert rows["sở-công-thương@lào-cai"]["known"] and rows["sở-công-thương@lào-cai"]["registry_id"]
    unknown = rows["phòng-kinh-tế@lào-cai"]
    assert (unknown["known"], unknown["registry_id"], unknown["collective"]) == (False, None, False)
    again, keys = links.agency_changes(seen, first, registry)
    assert again.num_rows == 0 and not keys
    assert links.missing_agencies(pa.Table.from_pylist(seen), first) == []
    assert links.missing_agencies(pa.Table.from_pylist(seen), AGENCIES.empty_table()) == \
        ["phòng-kinh-tế@lào-cai", "sở-công-thương@lào-cai"]
