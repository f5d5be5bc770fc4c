"""Helpers of the tests for the people who use the tables: small published
tables written straight into tmp_path (no Dagster), a CLI runner, and a tiny
ParsedDocument builder for the quality measures."""
from __future__ import annotations

import argparse
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa

from parsers.model import (Block, DocumentMeta, DocumentTree, Marker, Mention, Node,
                           ParsedDocument, RawDocument, Span, TaskRecord, Timing)
from pipeline.tables.publish import ensure_table, publish
from pipeline.tables.schemas import TABLES
from pipeline.cli.outputs import add_user_subcommands

SEEN = datetime(2024, 7, 1, 8, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[2]


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="vnplan")
    add_user_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def _row(table: str, **values) -> dict:
    row = dict.fromkeys(TABLES[table].schema.names)
    row.update(values)
    return row


def doc(doc_id: str, number: str, issuer: str, issued: date, status: str = "active") -> dict:
    return _row("documents", doc_id=doc_id, path=f"/raw/{doc_id}.txt", paths=[f"/raw/{doc_id}.txt"],
                file_name=f"{doc_id}.txt", doc_number=number, doc_type="Kế hoạch",
                issuer=issuer, issue_date=issued, title="Kế hoạch thử", warnings=[],
                first_seen=SEEN, last_seen=SEEN, status=status, is_plan=True)


def task(doc_id: str, ordinal: int, owner: list[str], content: str, *, partners=(),
         kind=None, raw=None, start=None, end=None) -> dict:
    return _row("tasks", doc_id=doc_id, task_id=f"{doc_id}-{ordinal:04d}", ordinal=ordinal,
                section=f"I.{ordinal}", source_kind="inline", title=content, content=content,
                owner=list(owner), partners=list(partners), timing_raw=raw, timing_kind=kind,
                start_date=start, end_date=end)


def agency(t: dict, role: str, ordinal: int, mention: str, canonical: str | None,
           known: bool = True, collective: bool = False) -> dict:
    return _row("task_agencies", doc_id=t["doc_id"], task_id=t["task_id"], role=role,
                ordinal=ordinal, mention=mention, canonical_name=canonical, known=known,
                collective=collective)


HANOI = "Ủy ban nhân dân thành phố Hà Nội"
HUE = "Ủy ban nhân dân tỉnh Thừa Thiên Huế"


def sample_rows() -> tuple[list[dict], list[dict], list[dict]]:
    """Two active plans and a withdrawn one, tasks of every timing shape."""
    docs = [doc("a", "12/KH-UBND", HANOI, date(2024, 4, 3)),
            doc("b", "45/KH-UBND", HUE, date(2024, 6, 10)),
            doc("c", "7/KH-BYT", "Bộ Y tế", date(2024, 1, 5), status="withdrawn")]
    a1 = task("a", 1, ["Sở Y tế"], "Tổ chức tiêm chủng cho trẻ em", kind="period",
              raw="Tháng 5/2024", start=date(2024, 5, 1), end=date(2024, 5, 31))
    a2 = task("a", 2, ["Sở TT&TT"], "Truyền thông về tiêm chủng", kind="ongoing",
              raw="Thường xuyên")
    a3 = task("a", 3, ["Sở Y tế"], "Báo cáo kết quả tiêm chủng", kind="deadline",
              raw="Trước ngày 30/6/2024", end=date(2024, 6, 30),
              partners=["UBND các quận, huyện"])
    a4 = task("a", 4, ["Sở Văn hóa và Thể thao"], "Xây dựng đời sống văn hóa",
              kind="open_ended", raw="Từ năm 2025", start=date(2025, 1, 1))
    b1 = task("b", 1, ["Sở Du lịch"], "Tổ chức hội chợ du lịch", kind="period",
              raw="Quý III/2024", start=date(2024, 7, 1), end=date(2024, 9, 30))
    b2 = task("b", 2, ["Sở Du lịch"], "Quảng bá điểm đến Huế")
    c1 = task("c", 1, ["Cục Y tế dự phòng"], "Giám sát dịch bệnh", kind="deadline",
              raw="Trước ngày 31/1/2024", end=date(2024, 1, 31))
    tasks = [a1, a2, a3, a4, b1, b2, c1]
    agencies = [
        agency(a1, "owner", 1, "Sở Y tế", "Sở Y tế thành phố Hà Nội"),
        agency(a2, "owner", 1, "Sở TT&TT", "Sở Thông tin và Truyền thông thành phố Hà Nội"),
        agency(a3, "owner", 1, "Sở Y tế", "Sở Y tế thành phố Hà Nội"),
        agency(a3, "partner", 1, "UBND các quận, huyện", "Ủy ban nhân dân các quận, huyện",
               known=False, collective=True),
        agency(a4, "owner", 1, "Sở Văn hóa và Thể thao",
               "Sở Văn hóa và Thể thao thành phố Hà Nội"),
        agency(b1, "owner", 1, "Sở Du lịch", "Sở Du lịch tỉnh Thừa Thiên Huế"),
        agency(b2, "owner", 1, "Sở Du lịch", "Sở Du lịch tỉnh Thừa Thiên Huế"),
        agency(c1, "owner", 1, "Cục Y tế dự phòng", None, known=False),
    ]
    return docs, tasks, agencies


def publish_rows(root: Path, docs: list[dict], tasks: list[dict], agencies: list[dict]) -> None:
    """Publish like an ingest run: the child tables, then documents last."""
    keys = {d["doc_id"] for d in docs}
    for name, rows in (("tasks", tasks), ("task_agencies", agencies), ("documents", docs)):
        publish(root, name, pa.Table.from_pylist(rows, schema=TABLES[name].schema), keys)
    for name in TABLES:
        ensure_table(root, name)


def publish_sample(root: Path) -> None:
    publish_rows(root, *sample_rows())


# --- parsed documents for the quality measures ------------------------------------

def parsed(lines: list[tuple[str | None, str, str]], tasks: list[dict], *,
           ocr: float | None = None, warnings: tuple[str, ...] = ()) -> ParsedDocument:
    """A document of body lines (marker label or None, path, text), nested by
    path prefix; tasks given as dicts with `block`, `owner`, `kind`, `shape`."""
    blocks = tuple(Block(i, "paragraph", text) for i, (_, _, text) in enumerate(lines))
    raw = RawDocument("/raw/doc.txt", "txt", blocks, "pdf-ocr" if ocr else "text",
                      ocr_confidence=ocr, warnings=warnings)
    paths = [p for _, p, _ in lines]
    parents = [max((j for j in range(i) if path.startswith(paths[j] + ".")), default=None)
               for i, path in enumerate(paths)]
    nodes = [Node(i, i, Marker("arabic", label, label + ".") if label else None, text, path,
                  parents[i], path.count("."), "body",
                  tuple(j for j, p in enumerate(parents) if p == i), text.isupper())
             for i, (label, path, text) in enumerate(lines)]
    records = tuple(
        TaskRecord(paths[t["block"]], t.get("shape", "inline"), None, lines[t["block"]][2],
                   tuple(Mention(o, "owner") for o in t.get("owner", [])), (),
                   Timing(t.get("raw"), t.get("kind")), span=Span(t["block"]))
        for t in tasks)
    return ParsedDocument("/raw/doc.txt", "h", raw, DocumentTree(raw, tuple(nodes)),
                          DocumentMeta(doc_number="1/KH-UBND"), records)
