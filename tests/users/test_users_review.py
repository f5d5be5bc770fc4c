"""The review page of a document: its text with each task's content, owners,
partners and timing highlighted where their Spans say, the letterhead fields
and quality warnings beside it; rendered by headless Chromium in the slow tests."""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.outputs.review import page_name, review_html
from pipeline.tables.rows import document_rows

from users_fixtures import REPO

SHARED = REPO.parent / "shared" / "corpus"
# sample plans of data/raw (in the repository) and corpus files of ../shared
SAMPLES = [REPO / "data" / "raw" / "mau-ke-hoach-bang.md",
           REPO / "data" / "raw" / "hanoi-161-kh-ubnd-2023-excerpt.txt"]
PDF_WITH_STAMPS = SHARED / "laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf"


class Marks(HTMLParser):
    """The highlighted text of a page: value ident → its text, and the kinds seen."""

    def __init__(self):
        super().__init__()
        self.text: dict[str, str] = {}
        self.kinds: dict[str, set[str]] = {}
        self.anchors: set[str] = set()
        self._open: list[list[str] | None] = []

    def handle_starttag(self, tag, attrs):
        if tag != "span":
            return
        a = dict(attrs)
        ids = (a.get("data-ids") or "").split() if "hl" in (a.get("class") or "").split() else []
        self._open.append(ids or None)
        for i in ids:
            self.kinds.setdefault(i, set()).update(a["class"].split())
        if a.get("id", "").startswith("task-"):
            self.anchors.add(a["id"])

    def handle_endtag(self, tag):
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for ids in self._open:
            for i in ids or ():
                self.text[i] = self.text.get(i, "") + data


def _doc(path: Path):
    from extractors.extract import extract
    data = path.read_bytes()
    doc_id = hashlib.sha256(data).hexdigest()
    doc = extract(path, data=data)
    return doc_id, doc, document_rows(doc_id, doc).quality


def _marks(page: str) -> Marks:
    m = Marks()
    m.feed(page)
    return m


def _check(doc, marks: Marks) -> None:
    """Every task's content is marked and anchored, every owner, partner and
    timing whose span holds its words is marked with those words."""
    blocks = doc.raw.blocks
    assert all(b.index == i for i, b in enumerate(blocks))
    for i, t in enumerate(doc.tasks, start=1):
        assert f"task-{i}" in marks.anchors and "task" in marks.kinds[f"t{i}"]
        values = [(f"t{i}-owner-{k}", "owner", m.span, m.text) for k, m in enumerate(t.owners, 1)]
        values += [(f"t{i}-partner-{k}", "partner", m.span, m.text)
                   for k, m in enumerate(t.partners, 1)]
        if t.timing.raw:
            values.append((f"t{i}-timing", "timing", t.timing.span, t.timing.raw))
        for ident, kind, span, words in values:
            if span is not None and 0 <= span.block < len(blocks) and \
                    blocks[span.block].text[span.start:span.end] == words:
                assert kind in marks.kinds[ident], ident
                assert " ".join(marks.text[ident].split()) == " ".join(words.split()), ident


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_page_marks_each_task_value_at_its_span(path):
    doc_id, doc, quality = _doc(path)
    page = review_html(doc, quality, path.name)
    marks = _marks(page)
    _check(doc, marks)
    assert doc.tasks and sum(k.startswith("t") and k.count("-") == 0 for k in marks.text) \
        == len(doc.tasks)
    assert 'data-ids="f-doc_number"' in page          # the letterhead's number marked
    assert doc.meta.doc_number in page and "Chất lượng nhập" in page
    assert page_name(doc.meta.doc_number, doc_id).startswith(
        doc.meta.doc_number.replace("/", "-"))


def test_values_away_from_their_span_are_located_or_listed():
    if not PDF_WITH_STAMPS.is_file():
        pytest.skip("../shared corpus absent")
    _, doc, quality = _doc(PDF_WITH_STAMPS)
    page = review_html(doc, quality)
    marks = _marks(page)
    _check(doc, marks)
    located = [i for i, k in marks.kinds.items() if "located" in k]
    assert located                   # owners named in a lead-in (`1. Công an tỉnh, ...`)
    assert "stamp: p1" in page and quality["n_warnings"] == 0 and quality["notes"]


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLES + [PDF_WITH_STAMPS], ids=lambda p: p.name)
def test_chromium_renders_the_page_with_its_highlights(path, tmp_path):
    from PIL import Image

    from browser import dom, screenshot
    from pipeline.cli.main import main
    if not path.is_file():
        pytest.skip("../shared corpus absent")
    out = tmp_path / "page.html"
    assert main(["review", str(path), "--out", str(out)]) == 0
    rendered = _marks(dom(out.as_uri()))
    _, doc, _ = _doc(path)
    _check(doc, rendered)                      # the spans survive the browser's parsing
    png = screenshot(out.as_uri(), tmp_path / "page.png")
    with Image.open(png) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    counts = {rgb: n for n, rgb in colours}
    task, owner = (255, 243, 176), (185, 220, 255)      # .hl.task and .hl.owner backgrounds
    assert counts.get(task, 0) > 2000 and counts.get(owner, 0) > 200


@pytest.mark.slow
def test_review_command_by_number(ingested, tmp_path, capsys):
    from pipeline.cli.main import main
    raw, processed, _ = ingested
    assert main(["review", "161/KH-UBND", "--processed", str(processed), "--raw", str(raw),
                 "--out", str(tmp_path)]) == 0
    (page,) = tmp_path.glob("161-KH-UBND-*.html")
    assert str(page) in capsys.readouterr().out and "Sở Văn hóa và Thể thao" in page.read_text()
    assert main(["review", "999/XX", "--processed", str(processed)]) == 2
    err = capsys.readouterr().err
    assert "neither a file nor the number" in err and "161/KH-UBND" in err
    # the ingest wrote every document's page, and `vnplan quality` points at it
    assert (processed / "reviews" / page.name).is_file()
    assert main(["quality", "--processed", str(processed)]) == 0
    assert f"review: {processed / 'reviews' / page.name}" in capsys.readouterr().out
