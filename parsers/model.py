"""The domain model of vnplan: every type that crosses a module boundary.

All floors import from here (parsers is the lowest floor, so extractors and
pipeline can). Every type is a frozen dataclass; collections are tuples so
that values are hashable and cannot change after they are built.

Every extracted value keeps where it came from (`Span`) and its raw text
beside the normalised one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


# The reject vocabulary: why a raw file is no document (the `rejects.reason`
# column). Readers raise ParseError with one of these; the pipeline adds the
# ones only it can tell (a worker's timeout, a file gone or changed mid-run).
REJECT_REASONS = frozenset({
    "empty",                  # no bytes, only white space, no text in a PDF
    "unsupported_format",     # an image, a spreadsheet, binary data named .txt
    "corrupt",                # a damaged zip/PDF/OLE container or XML part
    "encrypted",              # password-protected PDF or Word file
    "too_large",              # over the file size, page count or unzip limits
    "no_text_layer",          # a scanned PDF read without OCR
    "ocr_unavailable",        # a scanned PDF, tesseract or its `vie` model missing
    "converter_unavailable",  # a .doc/.rtf, LibreOffice missing
    "encoding",               # text in no encoding we can decode
    "timeout",                # parsing took longer than the time limit
    "memory",                 # parsing needed more than the memory limit
    "unreadable",             # the file cannot be opened (permissions, I/O error)
    "not_regular",            # a FIFO, socket or device file
    "symlink",                # a link out of the raw folder, dangling, or to a folder
    "vanished",               # removed between discovery and parsing
    "changed",                # its bytes changed between discovery and parsing
    "error",                  # an unexpected exception or a crashed worker
})


class ParseError(Exception):
    """The one error type for malformed input: carries the file and where in it.

    `reason` is a word of the reject vocabulary `REJECT_REASONS` (`empty`, `encoding`,
    `unsupported_format`, `corrupt`, ...), so the pipeline can publish it.
    """

    def __init__(self, message: str, *, path: str | Path | None = None,
                 location: str | None = None, reason: str = "corrupt"):
        self.message = message
        self.path = str(path) if path is not None else None
        self.location = location
        self.reason = reason
        where = ":".join(x for x in (self.path, self.location) if x)
        super().__init__(f"{where}: {message}" if where else message)


def input_bytes(path: str | Path, data: bytes | None) -> bytes:
    """The bytes a reader reads: `data` when given, else the file at `path`; a file that
    cannot be opened is a `ParseError` (reason `corrupt`)."""
    if data is not None:
        return data
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot open: {exc}", path=path, reason="corrupt") from exc


@dataclass(frozen=True)
class Span:
    """Where a value came from: the block, the page (PDF) and character offsets
    [start, end) inside that block's text."""

    block: int
    start: int = 0
    end: int = 0
    page: int | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph or one table row of a document, in reading order.

    `kind` is "paragraph" or "row". A row has `cells` (text per column, merged
    cells repeated) and `text` is the cells joined with " | ". `table` numbers
    the tables of a document from 0; `row` numbers the rows of a table.
    `line` is the 1-based line of the source text (text formats), `page` the
    1-based page (PDF). `bold`/`heading` carry layout hints where a reader has
    them (DOCX runs, Markdown `#`, `**`).
    """

    index: int
    kind: str
    text: str
    cells: tuple[str, ...] = ()
    table: int | None = None
    row: int | None = None
    line: int | None = None
    page: int | None = None
    bold: bool = False
    heading: bool = False

    @property
    def is_row(self) -> bool:
        return self.kind == "row"


@dataclass(frozen=True)
class RawDocument:
    """What a reader makes of a file: blocks plus how it was read."""

    path: str
    format: str              # txt, md, docx, doc, pdf, html
    blocks: tuple[Block, ...]
    reader: str              # e.g. "text", "markdown", "docx", "pdf-text", "pdf-ocr"
    encoding: str | None = None
    pages: int | None = None
    ocr_confidence: float | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Marker:
    """A numbering label at the start of a block: `II.`, `1.1.`, `a)`, `-`."""

    style: str               # part, chapter, section, article, roman, arabic, decimal2, decimal3, letter, paren, dash, plus, appendix
    label: str               # the label as used in section paths: "II", "1", "1.1", "a", "-", "PL"
    raw: str                 # the marker as written, e.g. "1.1." or "a)"


@dataclass(frozen=True)
class Node:
    """One item of the section tree: a numbered/bulleted block or a paragraph.

    `path` is the label path (`II.1.1.1`, `III.1.a`, `II.2-3`, `I¶2`).
    `text` is the block's text without its marker. `children` are the
    indices (into `DocumentTree.nodes`) of the items nested under it.
    `zone` tells letterhead/signature/recipients/body apart.
    """

    index: int
    block: int
    marker: Marker | None
    text: str
    path: str
    parent: int | None
    depth: int
    zone: str = "body"       # letterhead, title, body, signature, recipients, appendix
    children: tuple[int, ...] = ()
    is_heading: bool = False  # upper-case or bold heading line


@dataclass(frozen=True)
class DocumentTree:
    raw: RawDocument
    nodes: tuple[Node, ...]

    def node_of_block(self) -> dict[int, int]:
        return {n.block: n.index for n in self.nodes}


@dataclass(frozen=True)
class Timing:
    """A timing expression as written and what it denotes (spec §4)."""

    raw: str | None
    kind: str | None          # period, deadline, open_ended, recurring, ongoing, unspecified, unparsed
    start: date | None = None
    end: date | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Agency:
    """The body a mention names, as the agency registry knows it
    (`extractors.agencies`). `type` is the kind of body (Bộ, Sở, UBND, Cục, Vụ,
    Ban, ...), `level` central/provincial/district/commune; `known` False: not
    in the registry (then `canonical` is the cleaned mention)."""

    agency_id: str | None
    canonical: str
    type: str | None
    level: str | None
    province: str | None
    collective: bool
    known: bool


@dataclass(frozen=True)
class Mention:
    """One body named in an owner or partners list, as written, and the agency
    it resolves to (None until `extractors.agencies.resolve_agencies`)."""

    text: str
    role: str                 # owner, partner
    span: Span | None = None
    agency: Agency | None = None


@dataclass(frozen=True)
class DocumentMeta:
    doc_number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issue_date: date | None = None
    place: str | None = None
    signer: str | None = None
    title: str | None = None
    spans: tuple[tuple[str, Span], ...] = ()   # field name -> where it was read


@dataclass(frozen=True)
class TaskRecord:
    section: str
    source_kind: str          # inline, table, prose
    title: str | None
    content: str
    owners: tuple[Mention, ...]
    partners: tuple[Mention, ...]
    timing: Timing
    deliverable: str | None = None
    span: Span | None = None

    @property
    def owner(self) -> list[str]:
        return [m.text for m in self.owners]

    @property
    def partner_names(self) -> list[str]:
        return [m.text for m in self.partners]


@dataclass(frozen=True)
class Reference:
    """A document the plan cites (`Nghị định số 06/2022/NĐ-CP ngày ... của Chính
    phủ`, `Luật Khoa học và Công nghệ`), one per (type, number or name) of a
    document; the occurrence kept is the first legal-basis one, else the first.

    `role`: `legal_basis` (a `Căn cứ ...` paragraph of the preamble),
    `implements` (a `Thực hiện ...`/`Triển khai ...` lead paragraph of the
    preamble) or `mention` (anywhere else). `number` is None for a law cited by
    its name only (then `name` holds it). `*_raw` are as written.
    """

    doc_type: str             # Kế hoạch, Nghị định, Quyết định, ... (vocab/references.json)
    doc_type_raw: str
    number: str | None        # 06/2022/NĐ-CP (spaces around / and - removed)
    number_raw: str | None
    name: str | None          # Luật Khoa học và Công nghệ (laws cited by name)
    issue_date: date | None
    date_raw: str | None
    issuer: str | None        # as written after `của`
    role: str                 # legal_basis, implements, mention
    raw: str                  # the whole citation as written
    section: str | None = None
    span: Span | None = None
    mentions: int = 1         # occurrences in the document

    @property
    def is_basis(self) -> bool:
        return self.role != "mention"


@dataclass(frozen=True)
class ParsedDocument:
    """The whole result of `extractors.extract(path)`: pure data, no I/O left."""

    path: str
    content_hash: str
    raw: RawDocument
    tree: DocumentTree
    meta: DocumentMeta
    tasks: tuple[TaskRecord, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    references: tuple[Reference, ...] = ()
