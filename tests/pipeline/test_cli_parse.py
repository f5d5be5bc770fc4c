"""`vnplan parse`: the spec §6 JSON shape on stdout, `--out DIR`, folders walked,
rejected files reported, and a user's mistake (a missing path) → exit 2 with one
message and no traceback.

In-process through `pipeline.cli.main` (fast) and once through the installed
`vnplan` script (the real entry point).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SAMPLES = ["mau-ke-hoach-inline.txt", "mau-ke-hoach-bang.md", "mau-chi-thi-van-xuoi.txt"]
DOCUMENT_FIELDS = {"doc_number", "doc_type", "issuer", "issue_date", "place", "signer", "title"}
TASK_FIELDS = {"section", "source_kind", "title", "content", "owner", "partners", "timing_raw",
               "timing_kind", "start_date", "end_date", "deliverable"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KINDS = {None, "period", "deadline", "open_ended", "recurring", "ongoing", "unspecified", "unparsed"}


def check_shape(out: dict, file_name: str) -> None:
    """The spec §6 shape: file, document fields, tasks with every field and its type."""
    assert out["file"] == file_name
    assert DOCUMENT_FIELDS <= set(out["document"])
    for key in DOCUMENT_FIELDS:
        assert out["document"][key] is None or isinstance(out["document"][key], str)
    if out["document"]["issue_date"]:
        assert ISO.match(out["document"]["issue_date"])
    assert isinstance(out["tasks"], list)
    for t in out["tasks"]:
        assert TASK_FIELDS <= set(t), TASK_FIELDS - set(t)
        assert t["source_kind"] in ("inline", "table", "prose")
        assert isinstance(t["section"], str) and t["section"]
        assert isinstance(t["content"], str) and t["content"]
        assert t["content"] == t["content"].strip(" .;,")   # spec §2: no edge punctuation
        assert isinstance(t["owner"], list) and t["owner"] and all(isinstance(o, str) for o in t["owner"])
        assert isinstance(t["partners"], list) and all(isinstance(p, str) for p in t["partners"])
        assert t["timing_kind"] in KINDS
        for key in ("start_date", "end_date"):
            assert t[key] is None or ISO.match(t[key])
        if t["timing_kind"] is None:
            assert t["timing_raw"] is None and t["start_date"] is None and t["end_date"] is None


@pytest.fixture
def raw_folder(tmp_path, sample):
    raw = tmp_path / "raw"
    (raw / "con").mkdir(parents=True)
    shutil.copy(sample(SAMPLES[0]), raw / SAMPLES[0])
    shutil.copy(sample(SAMPLES[1]), raw / "con" / SAMPLES[1])
    shutil.copy(sample(SAMPLES[2]), raw / "con" / SAMPLES[2])
    shutil.copy(sample(SAMPLES[2]), raw / ".an.txt")          # hidden: not walked
    (raw / "trong.txt").write_bytes(b"")                      # empty: rejected, others go on
    return raw


@pytest.mark.parametrize("name", SAMPLES)
def test_json_on_stdout_has_the_spec_shape(capsys, sample, name):
    assert main(["parse", str(sample(name)), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    check_shape(out, name)
    assert out["tasks"], "the fixture plans all have tasks"


def test_json_values_of_the_inline_plan(capsys, sample):
    main(["parse", str(sample("mau-ke-hoach-inline.txt")), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert out["document"]["doc_number"] == "58/KH-UBND"
    assert out["document"]["issue_date"] == "2025-03-12"
    first = next(t for t in out["tasks"] if t["section"] == "II.1.1.1")
    assert first["owner"] == ["Sở Văn hóa và Thể thao"]
    assert first["partners"] == ["Sở Khoa học và Công nghệ", "Sở Tài chính"]
    assert (first["timing_raw"], first["timing_kind"], first["start_date"], first["end_date"]) == (
        "Quý II/2025", "period", "2025-04-01", "2025-06-30")


def test_out_writes_one_json_per_file(capsys, tmp_path, sample):
    out_dir = tmp_path / "pred"
    name = "mau-ke-hoach-bang.md"
    assert main(["parse", str(sample(name)), "--format", "json", "--out", str(out_dir)]) == 0
    assert capsys.readouterr().out == ""
    written = out_dir / f"{name}.json"
    assert sorted(p.name for p in out_dir.iterdir()) == [written.name]
    data = json.loads(written.read_text(encoding="utf-8"))
    check_shape(data, name)
    main(["parse", str(sample(name)), "--format", "json"])
    assert json.loads(capsys.readouterr().out) == data


def test_folder_is_walked(capsys, tmp_path, raw_folder):
    out_dir = tmp_path / "pred"
    code = main(["parse", str(raw_folder), "--format", "json", "--out", str(out_dir)])
    err = capsys.readouterr().err
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{n}.json" for n in SAMPLES)
    assert "trong.txt" in err and "empty" in err
    assert ".an.txt" not in err and "Traceback" not in err
    for n in SAMPLES:
        check_shape(json.loads((out_dir / f"{n}.json").read_text(encoding="utf-8")), n)


def test_table_format_lists_tasks(capsys, sample):
    assert main(["parse", str(sample("mau-chi-thi-van-xuoi.txt"))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# mau-chi-thi-van-xuoi.txt: Chỉ thị 05/CT-UBND 2025-04-08")
    assert any(ln.split()[:2] == ["II.1.a", "prose"] for ln in lines[1:])


def test_all_files_rejected_exits_1(capsys, tmp_path):
    bad = tmp_path / "rong.txt"
    bad.write_bytes(b"   \n")
    assert main(["parse", str(bad), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "rong.txt" in captured.err and "empty" in captured.err


def test_missing_path_exits_2_in_process(capsys, tmp_path):
    missing = tmp_path / "khong-co.txt"
    assert main(["parse", str(missing), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert str(missing) in captured.err and captured.out == ""


def _run(vnplan: list[str], args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(vnplan + args, capture_output=True, text=True, timeout=300, cwd=REPO)


def test_missing_path_exits_2_without_traceback(tmp_path, vnplan):
    missing = tmp_path / "khong-co" / "ke-hoach.txt"
    result = _run(vnplan, ["parse", str(missing), "--format", "json"])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_installed_script_prints_json(sample, vnplan):
    result = _run(vnplan, ["parse", str(sample("mau-ke-hoach-inline.txt")), "--format", "json"])
    assert result.returncode == 0, result.stderr[-2000:]
    check_shape(json.loads(result.stdout), "mau-ke-hoach-inline.txt")


def test_bad_option_is_a_usage_error(capsys, sample):
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(sample(SAMPLES[0])), "--format", "xml"])
    assert exc.value.code == 2


CORPUS = REPO.parent / "shared" / "corpus"
# real plans of the corpus (a .txt, a .md and a .docx) parsed beside the fixtures
POOL_CORPUS_FILES = ["laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt", "nghean-980-kh-ubnd-2025-phong-thu-dan-su.md",
                     "laocai-sct-kh-3898-huan-luyen-2026.docx"]


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_folder_in_worker_processes_equals_one_by_one(capsys, tmp_path, raw_folder, fmt):
    """A folder parsed across worker processes prints and writes what it does one by one,
    in the same order, the rejected file reported the same way."""
    for name in POOL_CORPUS_FILES:
        if (CORPUS / name).exists():
            shutil.copy(CORPUS / name, raw_folder / name)
    runs = {}
    for workers in ("0", "2"):
        out_dir = tmp_path / f"pred-{workers}"
        code = main(["parse", str(raw_folder), "--format", fmt, "--workers", workers])
        captured = capsys.readouterr()
        main(["parse", str(raw_folder), "--format", "json", "--workers", workers,
              "--out", str(out_dir)])
        assert capsys.readouterr().err == captured.err
        written = {p.name: p.read_text(encoding="utf-8") for p in sorted(out_dir.iterdir())}
        runs[workers] = (code, captured.out, captured.err, written)
    assert runs["2"] == runs["0"]
    code, out, err, written = runs["0"]
    assert code == 0 and out and len(written) >= len(SAMPLES)
    assert "trong.txt" in err and "empty" in err


def test_workers_default_to_every_core(monkeypatch):
    from pipeline.cli.parse import _workers
    monkeypatch.delenv("VNPLAN_PARSE_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert _workers(None, 100) == 4
    assert _workers(None, 3) == 3                   # never more than the files
    assert _workers(0, 100) == 0
    monkeypatch.setenv("VNPLAN_PARSE_WORKERS", "1")
    assert _workers(None, 100) == 1
