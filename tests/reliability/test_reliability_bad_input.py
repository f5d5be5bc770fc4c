"""Bad input: one ingest (the real extractor, parse workers, the Dagster job
forked from the zygote) over a folder of every kind of bad file named in the
issue, beside good ones.
Each file ends as a document or as a reject with its named reason, the run
succeeds, the checks pass, and running it again writes nothing."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

import bad_files as bf
from parsers.model import REJECT_REASONS
from pipeline.ingest.discovery import raw_entries
from pipeline.tables.publish import read_table
from pipeline.tables.schemas import TABLES
from reliability_helpers import versions

pytestmark = pytest.mark.slow          # an ingest run over every bad file

NFD_NAME = unicodedata.normalize("NFD", "kế hoạch tổ hợp.txt")
NFC_NAME = unicodedata.normalize("NFC", "kế hoạch tổ hợp.txt")
ODD_NAMES = ["kế hoạch số 5 (bản cuối).txt", "o'neil; #1 & 50% [v2].txt", "-gạch đầu.txt",
             'a:b*c?"<>|.txt', "dòng\nmới.txt", "tệp 📄.md", NFD_NAME, NFC_NAME]
DOCUMENT = "document"

# path in the raw folder → the reason(s) it may be rejected with, or DOCUMENT
EXPECTED = {
    "empty.txt": "empty",
    "rác nhị phân.txt": {"encoding", "unsupported_format"},
    "không phải zip.docx": {"unsupported_format", "corrupt"},
    "cụt.docx": "corrupt",
    "bom 1 GiB.docx": "too_large",
    "bom tỉ lệ.docx": "too_large",
    "khai man kích thước.docx": "corrupt",
    "xxe.docx": DOCUMENT,
    "tỉ tiếng cười.docx": {"corrupt", DOCUMENT},
    "mã hóa.pdf": "encrypted",
    "hỏng.pdf": "corrupt",
    "cụt.pdf": "corrupt",
    "2001 trang.pdf": "too_large",
    "trang khổng lồ.pdf": DOCUMENT,
    "bản quét khổng lồ.pdf": {"memory", "timeout", "ocr_unavailable"},
    "quá lớn.txt": "too_large",
    "thật ra là pdf.docx": DOCUMENT,
    "thật ra là docx.pdf": DOCUMENT,
    "văn bản thường.pdf": "unsupported_format",
    "thông báo.txt": DOCUMENT,
    "bản gốc.txt": DOCUMENT,
    "sub/bản sao.txt": DOCUMENT,
    "link ra ngoài.txt": "symlink",
    "link hỏng.txt": "symlink",
    "link thư mục": "symlink",
    "link trong.txt": DOCUMENT,
    "ống.txt": "not_regular",
    **{name: DOCUMENT for name in ODD_NAMES},
}


def build(raw: Path, outside: Path) -> None:
    secret = bf.write(outside / "secret.txt", "MẬT-KHẨU-BÍ-MẬT")
    (outside / "dir").mkdir()
    bf.write(raw / "empty.txt", b"")
    bf.make_garbage_txt(raw / "rác nhị phân.txt")
    bf.make_docx_not_zip(raw / "không phải zip.docx")
    bf.make_docx_truncated(raw / "cụt.docx")
    bf.make_docx_bomb(raw / "bom 1 GiB.docx", gib=1.0)
    bf.write(raw / "bom tỉ lệ.docx", bf._replace_part(bf.docx_bytes(), "word/document.xml",
                                                      b" " * (50 << 20)))
    bf.make_docx_lying_sizes(raw / "khai man kích thước.docx")
    bf.make_docx_xxe(raw / "xxe.docx", secret)
    bf.make_docx_billion_laughs(raw / "tỉ tiếng cười.docx")
    bf.make_pdf_encrypted(raw / "mã hóa.pdf")
    bf.make_pdf_damaged(raw / "hỏng.pdf")
    bf.make_pdf_truncated(raw / "cụt.pdf", outside)
    bf.make_pdf_many_pages(raw / "2001 trang.pdf")
    bf.make_pdf_giant_page(raw / "trang khổng lồ.pdf")
    bf.make_pdf_giant_scan(raw / "bản quét khổng lồ.pdf")
    bf.write(raw / "quá lớn.txt", bf.plan_text(90) + "\n" + "x" * (4 << 20))
    bf.write(raw / "thật ra là pdf.docx", bf.make_pdf(outside / "p.pdf",
                                                      bf.plan_lines(91)).read_bytes())
    bf.write(raw / "thật ra là docx.pdf", bf.docx_bytes(bf.plan_lines(92)))
    bf.write(raw / "văn bản thường.pdf", bf.plan_text(93))
    bf.write(raw / "thông báo.txt", bf.NOTICE)
    bf.write(raw / "bản gốc.txt", bf.plan_text(94))
    bf.write(raw / "sub" / "bản sao.txt", bf.plan_text(94))
    os.symlink(secret, raw / "link ra ngoài.txt")
    os.symlink(outside / "nowhere.txt", raw / "link hỏng.txt")
    os.symlink(outside / "dir", raw / "link thư mục")
    os.symlink(raw / "sub" / "bản sao.txt", raw / "link trong.txt")
    os.mkfifo(raw / "ống.txt")
    for i, name in enumerate(ODD_NAMES):
        bf.write(raw / name, bf.plan_text(200 + i))


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, zygote):
    base = tmp_path_factory.mktemp("bad")
    raw, processed = base / "raw", base / "processed"
    build(raw, base / "outside")
    env = {"VNPLAN_MAX_FILE_MB": "3", "VNPLAN_PARSE_WORKERS": "2"}
    first = zygote.run("bad-1", raw, processed, **env)
    before = versions(processed, TABLES)
    second = zygote.run("bad-2", raw, processed, **env)
    after = versions(processed, TABLES)
    root = raw.resolve().as_posix() + "/"
    outcome = {}
    for row in read_table(processed, "documents").to_pylist():
        for p in row["paths"]:
            outcome[p.removeprefix(root)] = (DOCUMENT, row)
    for row in read_table(processed, "rejects").to_pylist():
        assert row["path"].removeprefix(root) not in outcome
        outcome[row["path"].removeprefix(root)] = (row["reason"], row)
    return {"raw": raw, "first": first, "second": second, "outcome": outcome,
            "versions": (before, after)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_reason(bad_run, name):
    reason, row = bad_run["outcome"][name]
    expected = EXPECTED[name]
    assert reason in (expected if isinstance(expected, set) else {expected}), row.get("message")
    if reason != DOCUMENT:
        assert reason in REJECT_REASONS and row["message"]


def test_the_run_succeeds_and_every_raw_entry_is_accounted_for(bad_run):
    assert bad_run["first"]["success"] and bad_run["second"]["success"]
    entries = {p.as_posix().removeprefix(bad_run["raw"].resolve().as_posix() + "/")
               for p in raw_entries(bad_run["raw"])}
    assert entries == set(EXPECTED) == set(bad_run["outcome"])
    assert all(bad_run["first"]["checks"].values()) and all(bad_run["second"]["checks"].values())
    assert {"delta/documents:raw_files_covered", "delta/rejects:reject_reasons_known",
            "delta/rejects:declared_schema"} <= set(bad_run["first"]["checks"])


def test_running_again_over_the_same_bad_folder_writes_nothing(bad_run):
    before, after = bad_run["versions"]
    assert before == after and None not in before.values()
    assert bad_run["second"]["summary"]["parsed"] <= 3


def test_an_external_entity_is_never_resolved(bad_run):
    _, row = bad_run["outcome"]["xxe.docx"]
    sections = read_table(bad_run["raw"].parent / "processed", "sections").to_pylist()
    texts = " ".join(s["text"] for s in sections if s["doc_id"] == row["doc_id"])
    assert "Bí mật" in texts and "MẬT-KHẨU" not in texts


def test_entities_are_never_expanded(bad_run):
    reason, row = bad_run["outcome"]["tỉ tiếng cười.docx"]
    if reason == DOCUMENT:
        assert row["n_blocks"] < 20


def test_a_lying_extension_is_read_by_content(bad_run):
    assert bad_run["outcome"]["thật ra là pdf.docx"][1]["reader"] == "pdf-text"
    assert bad_run["outcome"]["thật ra là docx.pdf"][1]["reader"] == "docx"
    assert bad_run["outcome"]["trang khổng lồ.pdf"][1]["n_tasks"] == 2


def test_a_document_that_is_no_plan_is_kept_and_flagged(bad_run):
    _, row = bad_run["outcome"]["thông báo.txt"]
    assert (row["is_plan"], row["n_tasks"]) == (False, 0)
    assert "no tasks found" in row["warnings"]
    assert row["doc_number"] == "7/TB-BYT"


def test_the_same_content_under_two_names_is_one_document(bad_run):
    out = bad_run["outcome"]
    rows = {out[n][1]["doc_id"] for n in ("bản gốc.txt", "sub/bản sao.txt", "link trong.txt")}
    assert len(rows) == 1
    assert len(out["bản gốc.txt"][1]["paths"]) == 3


def test_odd_file_names_are_kept_exactly(bad_run):
    out = bad_run["outcome"]
    for name in ODD_NAMES:
        row = out[name][1]
        (path,) = [p for p in row["paths"] if p.endswith(name)]
        assert (bad_run["raw"] / path).exists() and Path(path).name == name   # relative to raw
        assert row["n_tasks"] == 2
    assert out[NFD_NAME][1]["doc_id"] != out[NFC_NAME][1]["doc_id"]
