"""Shared fixtures of the vnplan tests.

- `corpus`: the shared corpus folder (`../shared/corpus` beside the repo);
  tests that need it are skipped cleanly when it is absent.
- `corpus_file(name)`: one corpus file, skipping when it is absent.
- `gold(name)`: the gold record of a corpus file (spec §6), skipping when absent.
- `parsed(path)`: `extractors.extract.extract` of a file, cached for the session
  (several test files read the same corpus documents).
- `sample(name)`: a fixture plan written for these tests under `data/raw/`.
- `scorer`: the shared scorer module (`../shared/tools/score_tasks.py`).
- `predictions`: `vnplan parse --format json --out DIR` run once over every
  gold document; the folder of predictions (used by the golden and metadata tests).
- `letterhead_predictions`: the same over `letterheads/docs` (150 real openings).
- `field_accuracy(gold_dir, pred_dir)`: each document field's share right, as the scorer compares.
- `paired(name)`: gold and predicted tasks of a corpus file, paired as the scorer pairs.
- `vnplan`: the command line that runs the installed `vnplan` script.

Test modules must not `import conftest` (tests/pipeline/ has its own conftest.py,
and both load as `conftest`): everything here is reached through fixtures, and a
module that needs the corpus path at collection time computes it from its own
`__file__` the same way (`Path(__file__).resolve().parents[1].parent / "shared"`).
None of these fixture names is defined elsewhere under tests/.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = CORPUS / "gold"
SCORER = SHARED / "tools" / "score_tasks.py"
SAMPLES = REPO / "data" / "raw"


def gold_names() -> list[str]:
    """Corpus file names that have a gold record (empty when the corpus is absent).

    For parametrising at collection time; the tests themselves still go through
    the `corpus` fixture, so they skip when the corpus is absent."""
    if not GOLD.is_dir():
        return []
    return sorted(p.name[: -len(".json")] for p in GOLD.glob("*.json"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus absent: {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_file(corpus):
    def get(name: str) -> Path:
        path = corpus.parent / name if name.startswith("wild/") else corpus / name   # ../shared/wild/docs
        if not path.is_file():
            pytest.skip(f"corpus file absent: {name}")
        return path
    return get


@pytest.fixture(scope="session")
def gold(corpus):
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            path = corpus / "gold" / f"{name}.json"
            if not path.is_file():
                pytest.skip(f"gold file absent: {path.name}")
            cache[name] = json.loads(path.read_text(encoding="utf-8"))
        return cache[name]
    return get


@pytest.fixture(scope="session")
def parsed():
    from extractors.extract import extract
    cache: dict[Path, object] = {}

    def get(path: Path):
        path = Path(path)
        if path not in cache:
            cache[path] = extract(path)
        return cache[path]
    return get


@pytest.fixture(scope="session")
def sample():
    def get(name: str) -> Path:
        path = SAMPLES / name
        assert path.is_file(), f"test fixture missing: {path}"
        return path
    return get


@pytest.fixture(scope="session")
def scorer(corpus):
    if not SCORER.is_file():
        pytest.skip(f"scorer absent: {SCORER}")
    spec = importlib.util.spec_from_file_location("score_tasks", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def paired(corpus_file, parsed, gold, scorer):
    """`paired(name)` → {gold section: (gold task, predicted task or None)}, the tasks of
    one corpus document paired by content similarity exactly as the scorer pairs them."""
    from pipeline.outputs.document_json import task_dict   # the JSON `vnplan parse` prints
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            gold_tasks = gold(name)["tasks"]
            pred_tasks = [task_dict(t) for t in parsed(corpus_file(name)).tasks]
            pairs = scorer.pair_tasks(gold_tasks, pred_tasks, 0.5)
            by_id = {id(g): p for g, p, _ in pairs}
            cache[name] = {g["section"]: (g, by_id.get(id(g))) for g in gold_tasks}
        return cache[name]
    return get


def vnplan_command() -> list[str]:
    """The installed `vnplan` script of this interpreter's environment, else the module."""
    script = Path(sys.executable).parent / "vnplan"
    if script.is_file():
        return [str(script)]
    found = shutil.which("vnplan")
    return [found] if found else [sys.executable, "-m", "pipeline.cli"]


@pytest.fixture(scope="session")
def vnplan() -> list[str]:
    return vnplan_command()


@pytest.fixture(scope="session")
def scorer_path(scorer) -> Path:
    return SCORER


def _parse_to(paths: list[Path], out: Path) -> Path:
    result = subprocess.run(
        vnplan_command() + ["parse", *[str(p) for p in paths], "--format", "json", "--out", str(out)],
        capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def predictions(corpus, tmp_path_factory) -> Path:
    """Run `vnplan parse` once over every gold document; the folder of <name>.json."""
    names = [n for n in gold_names() if (corpus / n).is_file()]
    if not names:
        pytest.skip("no gold documents in the corpus")
    return _parse_to([corpus / n for n in names], tmp_path_factory.mktemp("predictions"))


@pytest.fixture(scope="session")
def letterhead_predictions(corpus, tmp_path_factory) -> Path:
    """`vnplan parse` over `letterheads/docs` (real document openings); the folder of <name>.json."""
    docs = corpus / "letterheads" / "docs"
    if not docs.is_dir():
        pytest.skip("no letterheads in the corpus")
    return _parse_to([docs], tmp_path_factory.mktemp("letterheads"))


@pytest.fixture(scope="session")
def field_accuracy(scorer):
    """`field_accuracy(gold_dir, pred_dir)` → {field: (share right, [(file, gold, got), ...])}
    over every gold file, each field compared as the scorer compares it (`place` like the
    others; `issuer_cased` and `title_cased` with letter case)."""
    def measure(gold_dir: Path, pred_dir: Path) -> dict:
        right: dict[str, int] = {}
        wrong: dict[str, list] = {}
        files = sorted(gold_dir.glob("*.json"))
        for path in files:
            gdoc = json.loads(path.read_text(encoding="utf-8"))["document"]
            pred_file = pred_dir / path.name
            pdoc = json.loads(pred_file.read_text(encoding="utf-8"))["document"] if pred_file.is_file() else {}
            for field, ok in _field_checks(scorer, gdoc, pdoc).items():
                right[field] = right.get(field, 0) + ok
                if not ok:
                    base = field.replace("_cased", "")
                    wrong.setdefault(field, []).append((path.name, gdoc.get(base), pdoc.get(base)))
        return {f: (right[f] / len(files), wrong.get(f, [])) for f in right}
    return measure


def _field_checks(scorer, gdoc: dict, pdoc: dict) -> dict[str, bool]:
    out = {}
    for field in ("doc_number", "doc_type", "issuer", "issue_date", "place", "signer"):
        out[field] = scorer.norm(gdoc.get(field)) == scorer.norm(pdoc.get(field))
    g, p = gdoc.get("title"), pdoc.get("title")
    out["title"] = (not g and not p) or scorer.similarity(scorer.norm(g), scorer.norm(p)) >= 0.9
    out["issuer_cased"] = scorer.cased(gdoc.get("issuer")) == scorer.cased(pdoc.get("issuer"))
    out["title_cased"] = (not g and not p) or (out["title"] and scorer.capitals(g) == scorer.capitals(p))
    return out


# --- what `make test-fast` leaves out -------------------------------------------------
# A test is `slow` when it runs the whole gold or letterhead set through `vnplan parse`
# (the `predictions` fixtures), reads a corpus PDF or .doc (layout analysis, OCR,
# LibreOffice), or is named below for the OCR, LibreOffice, corpus-wide or benchmark
# run it needs (a corpus document is parsed once per session: the first test that
# asks for a scanned PDF pays for its OCR).
# Test modules of their own may mark themselves (`pytestmark = pytest.mark.slow`).
SLOW_FIXTURES = frozenset({"predictions", "letterhead_predictions"})
SLOW_SUFFIXES = (".pdf", ".doc")
SLOW_TESTS = {              # module → test names (None: every test of it), and why
    "test_ocr.py": (None, "Tesseract over scanned pages"),
    "test_doc_reader.py": (None, "LibreOffice conversions"),
    "test_bench_smoke.py": (None, "a benchmark run"),
    "test_pdf_reader.py": ({"test_docx_and_its_pdf_give_the_same_tasks",
                           "test_corpus_ocr_page_ruled_table_cells"}, "LibreOffice, OCR"),
    "test_ocr_repair.py": ({"test_scanned_plan_metadata_is_repaired"}, "OCR"),
    "test_metadata.py": ({"test_scanned_letter_takes_number_and_date_from_its_annex"}, "OCR"),
    "test_text_tables.py": ({"test_txt_and_pdf_give_the_same_tasks"}, "an OCR'd corpus PDF"),
    "test_mentions.py": ({"test_gold_lists_split_as_annotated_where_written_together"},
                         "every gold document's source text"),
}


def _is_slow(item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any(isinstance(v, str) and v.lower().endswith(SLOW_SUFFIXES) for v in params.values()):
        return True
    names, _why = SLOW_TESTS.get(item.path.name, ((), ""))
    return names is None or item.originalname in names


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)
