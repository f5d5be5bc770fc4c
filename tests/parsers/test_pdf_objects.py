"""parsers.pdf_objects: the faster tokenizer gives pdfminer's own tokens and objects, and
pdf_tables.CellIndex gives the cells cell_of gives."""
from __future__ import annotations

import io
import itertools

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser, PDFStreamParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF

from parsers.pdf_objects import FastPDFDocument, FastPDFParser, FastPDFStreamParser
from parsers.pdf_tables import CellIndex, TableGrid, cell_of

# (what it is, bytes to tokenize)
TOKEN_CASES = [
    ("numbers, reals and names", b"<< /Rect [124 725 157.5 -739. +3 .5 -.5 1.2.3] /F 132 /FT /Sig >>"),
    ("a name with # escapes and an empty name", b"/A#20B / /C#2 /D"),
    ("keywords and booleans", b"12 0 obj true false null endobj 5 0 R"),
    ("a UTF-16 literal string in octal escapes", b"(\\376\\377\\000L\\000\\340o) "),
    ("escapes pdfminer maps or drops", b"(a\\nb\\tc\\(d\\)e\\\\f\\qg\\\r\nh\\\ri\\8j\\0123) "),
    ("nested parentheses", b"(a (b) c) (x)"),
    ("an octal escape above 255", b"(\\777) 1 "),
    ("hex strings", b"<41 42 4> <> <<>>"),
    ("a comment and a NUL", b"1 % comment\n\x00 2 "),
    ("stream data after the keyword", b"<< /Length 5 >> stream\n(\x00\xff) 7 endstream "),
]


def _tokens(parser) -> list:
    out = []
    try:
        while True:
            pos, token = parser.nexttoken()
            out.append((pos, repr(token)))
    except PSEOF:
        pass
    except Exception as exc:                    # pdfminer's own failure, which must be the same
        out.append(("error", type(exc).__name__))
    return out


@pytest.mark.parametrize("what,data", TOKEN_CASES, ids=[c[0] for c in TOKEN_CASES])
def test_tokens_are_pdfminers(what, data):
    for cut in (4096, 7):                       # whole in the buffer, and cut by a small one
        for parser, fast in ((PDFParser(io.BytesIO(data)), FastPDFParser(io.BytesIO(data))),
                             (PDFStreamParser(data), FastPDFStreamParser(data))):
            parser.BUFSIZ = fast.BUFSIZ = cut
            assert _tokens(fast) == _tokens(parser)


def _objects(doc: PDFDocument) -> dict:
    ids = sorted(set(itertools.chain.from_iterable(x.get_objids() for x in doc.xrefs)))
    out = {}
    for i in ids:
        try:
            obj = doc.getobj(i)
            out[i] = repr(obj) + (repr(obj.get_data()) if isinstance(obj, PDFStream) else "")
        except Exception as exc:
            out[i] = type(exc).__name__
    return out


@pytest.mark.parametrize("name", [
    "laocai-cv-7432-ubnd-xd-trien-khai-qd1074-2026.pdf",     # e-signed: signature widgets, object streams
    "bct-cv-2265-atmt-trien-khai.pdf",                        # scanned
])
def test_corpus_objects_are_pdfminers(corpus_file, name):
    path = corpus_file(name)
    with open(path, "rb") as a, open(path, "rb") as b:
        ours = _objects(FastPDFDocument(b))
        assert ours and ours == _objects(PDFDocument(PDFParser(a)))


# rows of cells (x0, top, x1, bottom); None where merged; a cell two rows high in column 0
GRID = TableGrid((0.0, 0.0, 30.0, 30.0), (
    ((0.0, 0.0, 10.0, 20.0), (10.0, 0.0, 30.0, 10.0)),
    (None, (10.0, 10.0, 20.0, 20.0), (20.0, 10.0, 30.0, 20.0)),
    ((0.0, 20.0, 10.0, 30.0), (10.0, 20.0, 30.0, 30.0)),
))


def test_cell_index_finds_what_cell_of_finds():
    index = CellIndex(GRID)
    steps = [v / 2 for v in range(-2, 63)]     # every half point, edges included, and outside
    for x, y in itertools.product(steps, steps):
        assert index.find(x, y) == cell_of(GRID, x, y), (x, y)
