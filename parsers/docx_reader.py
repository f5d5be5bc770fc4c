"""Read a Word .docx file into a `RawDocument` of paragraph and row blocks.

The body XML is walked once with lxml (python-docx's object model is too slow
for the pipeline's throughput target):

- body paragraphs → blocks of kind "paragraph" (empty ones dropped);
- table rows → blocks of kind "row": `cells` per grid column (a gridSpan cell
  repeated over its columns, a vMerge continuation repeats the cell above),
  `text` the cells joined with " | ". `table` numbers the top-level tables of
  the body from 0 in document order (an empty table keeps its number);
  `row` numbers the non-empty rows of a table from 0. Inside a cell,
  non-empty paragraphs are joined with "\\n"; a nested table is flattened
  into its containing cell, one line per distinct cell of each row;
- Word automatic numbering is rendered (see `docx_numbering`) and prefixed to
  the paragraph text with a space, in the body and in table cells alike;
- text boxes are read once (the mc:Choice branch, never also the mc:Fallback);
  each is a block after the paragraph that anchors it (its paragraphs joined
  with "\\n"), or lines of the cell that holds it;
- tracked changes: deleted text is left out, inserted text kept; field codes
  (`w:instrText`) left out, field results kept; runs hidden with `w:vanish`
  left out; `w:tab` is a space;
- a line break `w:br` inside a paragraph is "\\n", but one followed by a
  lower-case letter is a manual wrap and becomes a space ("... vốn chủ sở hữu
  của<br/>tổ chức ..." is one sentence; "Nơi nhận:<br/>- Như trên;" two lines);
- headers, footers and comments are not read; footnotes and endnotes are
  blocks of kind "footnote" after the body.

Text is NFC; runs of spaces, tabs and no-break spaces are folded to one space.
"""
from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

from parsers.docx_numbering import W, Numbering, StyleSheet, paragraph_numpr, toggle
from parsers.model import Block, ParseError, RawDocument, input_bytes

MAX_UNCOMPRESSED = 200 * 1024 * 1024   # bytes, over all XML parts we read
MAX_RATIO = 100                        # uncompressed / compressed, per part
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML file is an OLE container holding a stream of this name.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, huge_tree=False,
                       load_dtd=False, remove_comments=True)   # no XXE, no entity bombs
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_VAL = W + "val"

# Runs of horizontal white space, folded to one space:
# "Nơi nhận:    " + "     " → "Nơi nhận: " (a signature table); a single plain space,
# which needs no folding, is not matched (most of a text's spaces: no work for them)
SPACE_RUN = re.compile(r"[ \t\u00a0\u2007\u202f\u3000\u200b\ufeff]{2,}|[\t\u00a0\u2007\u202f\u3000\u200b\ufeff]")
# Control characters other than "\n" that sometimes survive in w:t (e.g. "\x0b").
CONTROL_CHARS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
# Spaces around line breaks and blank lines: "THỦ TƯỚNG\n\n\n\nNguyễn Tấn Dũng"
# (a signature cell) → "THỦ TƯỚNG\nNguyễn Tấn Dũng".
BLANK_LINES = re.compile(r" ?\n[ \n]*")


def clean_text(text: str) -> str:
    """NFC, spaces folded, lines trimmed, blank lines dropped, wraps joined."""
    text = unicodedata.normalize("NFC", CONTROL_CHARS.sub(" ", text))
    text = SPACE_RUN.sub(" ", text)
    text = BLANK_LINES.sub("\n", text).strip()
    return _join_wraps(text)


def _join_wraps(text: str) -> str:
    """A line break followed by a lower-case letter is a manual wrap inside a
    sentence: "... vốn chủ sở hữu của\ntổ chức, cá nhân ..." → one line."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# ---- the package --------------------------------------------------------------

def _check_magic(path: Path, data: bytes) -> None:
    head = data[:8]
    if not head:
        raise ParseError("file is empty", path=path, reason="empty")
    if head.startswith(b"%PDF"):
        raise ParseError("a PDF file, not a Word document", path=path, reason="unsupported_format")
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ParseError("password-protected (encrypted) Word document",
                             path=path, reason="encrypted")
        raise ParseError("a legacy Word .doc (OLE) file, not .docx; use read_doc",
                         path=path, reason="unsupported_format")
    if not head.startswith(b"PK"):
        raise ParseError("not a zip package (bad magic bytes)", path=path, reason="corrupt")


class _Package:
    """The zip package: size-checked, safely parsed XML parts by name."""

    def __init__(self, path: Path, data: bytes):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise ParseError(f"not a readable zip package: {exc}", path=path,
                             reason="corrupt") from exc
        self.names = {i.filename: i for i in self.zip.infolist()}
        self.read_bytes = 0
        self.parser = etree.XMLParser(**_PARSER_OPTIONS)   # lxml parsers are per thread

    def xml(self, name: str | None):
        info = self.names.get(name) if name else None
        if info is None:
            return None
        self.read_bytes += info.file_size
        if self.read_bytes > MAX_UNCOMPRESSED:
            raise ParseError(f"uncompressed XML over {MAX_UNCOMPRESSED} bytes",
                             path=self.path, location=name, reason="too_large")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ParseError("compression ratio too high (zip bomb?)",
                             path=self.path, location=name, reason="too_large")
        try:
            with self.zip.open(info) as fh:
                data = fh.read(MAX_UNCOMPRESSED + 1)
            if len(data) > MAX_UNCOMPRESSED:
                raise ParseError("part larger than declared", path=self.path, location=name,
                                 reason="too_large")
            return etree.fromstring(data, self.parser)
        except (zipfile.BadZipFile, OSError, EOFError, etree.XMLSyntaxError) as exc:
            raise ParseError(f"unreadable XML part: {exc}", path=self.path,
                             location=name, reason="corrupt") from exc

    def rels(self, source: str) -> dict[str, str]:
        """Relationship type suffix (`officeDocument`, `numbering`, ...) → part name."""
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        for rel in (root if root is not None else ()):
            if rel.tag != _REL + "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out


# ---- paragraphs -----------------------------------------------------------------

_T, _RPR, _B, _RSTYLE, _VANISH = W + "t", W + "rPr", W + "b", W + "rStyle", W + "vanish"
_SPACE_TAGS = frozenset({W + "tab", W + "ptab"})
_BREAK_TAGS = frozenset({W + "br", W + "cr"})
_NB_HYPHEN, _TXBX, _RUN = W + "noBreakHyphen", W + "txbxContent", W + "r"
_ALTERNATE = _MC + "AlternateContent"
_BOX_HOSTS = frozenset({_ALTERNATE, W + "drawing", W + "pict"})
_SKIP = frozenset({W + "del", W + "moveFrom", W + "pPr", W + "rPr",
                   W + "instrText", W + "delText", W + "footnoteReference",
                   W + "endnoteReference", W + "commentReference",
                   W + "bookmarkStart", W + "bookmarkEnd", W + "proofErr"})


class _Walker:
    """Turns w:p / w:tbl elements into text, rendering numbering as it goes."""

    def __init__(self, styles: StyleSheet, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering

    def paragraph(self, p) -> tuple[str, bool, bool, list[str]]:
        """(clean text, bold, heading, text boxes) of one w:p."""
        style, num_id, ilvl = paragraph_numpr(p.find(W + "pPr"), self.styles.default_paragraph)
        para_bold = self.styles.is_bold(style)
        if para_bold is None:
            para_bold = self.styles.default_bold
        parts: list[str] = []
        boxes: list[str] = []
        state = {"bold_runs": 0, "plain_runs": 0}
        self._inline(p, parts, boxes, para_bold, state)
        text = clean_text("".join(parts))
        label = self.numbering.label(num_id, ilvl, style)
        if label:       # Word draws the label even on an empty paragraph
            text = f"{label} {text}" if text else label
        bold = state["bold_runs"] > 0 and state["plain_runs"] == 0
        return text, bold, self.styles.is_heading(style), boxes

    def _inline(self, el, parts, boxes, para_bold, state) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _RUN:
                self._run(child, parts, boxes, para_bold, state)
            elif tag == _ALTERNATE:
                self._inline(_branch(child), parts, boxes, para_bold, state)
            elif tag == _TXBX:
                self._textbox(child, boxes)
            else:       # w:ins, w:hyperlink, w:smartTag, w:sdt(Content), w:fldSimple, ...
                self._inline(child, parts, boxes, para_bold, state)

    def _run(self, r, parts, boxes, para_bold, state) -> None:
        rpr = None
        visible = False
        for child in r:
            tag = child.tag
            if tag == _T:
                text = child.text
                if text:
                    parts.append(text)
                    visible = visible or not text.isspace()
            elif tag == _RPR:       # first child by the schema
                rpr = child
                if toggle(rpr.find(_VANISH)):
                    return
            elif tag in _SPACE_TAGS:
                parts.append(" ")
            elif tag in _BREAK_TAGS:
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag in _BOX_HOSTS:
                host = _branch(child) if tag == _ALTERNATE else child
                for box in host.iter(_TXBX):
                    if not _inside_fallback(box, host):
                        self._textbox(box, boxes)
        if not visible:
            return
        bold = None
        if rpr is not None:
            bold = toggle(rpr.find(_B))
            if bold is None:
                rs = rpr.find(_RSTYLE)
                if rs is not None:
                    bold = self.styles.is_bold(rs.get(_VAL))
        if bold is None:
            bold = para_bold
        state["bold_runs" if bold else "plain_runs"] += 1

    def _textbox(self, box, boxes) -> None:
        text = self.cell(box)[0]
        if text:
            boxes.append(text)

    # ---- tables --------------------------------------------------------------
    def rows(self, tbl):
        """Yield (cells, bold) per w:tr: one string per grid column; bold when
        every non-empty cell is bold."""
        above: list[str] = []
        for tr in _children(tbl, W + "tr"):
            trpr = tr.find(W + "trPr")
            cells: list[str] = [""] * _grid(trpr, "gridBefore")
            bold = None
            for tc in _children(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                text, cell_bold = self.cell(tc)
                if vmerge is not None and vmerge.get(_VAL) in (None, "continue"):
                    col = len(cells)
                    text = above[col] if col < len(above) else text
                elif text:
                    bold = cell_bold if bold is None else bold and cell_bold
                cells.extend([text] * max(_grid(tcpr, "gridSpan"), 1))
            cells.extend([""] * _grid(trpr, "gridAfter"))
            above = cells
            yield cells, bool(bold)

    def cell(self, tc) -> tuple[str, bool]:
        """The text of a w:tc, footnote or text box (paragraphs joined with
        "\\n") and whether all of its non-empty paragraphs are bold."""
        lines: list[str] = []
        bold = True
        for el in _children(tc, W + "p", W + "tbl"):
            if el.tag == W + "p":
                text, para_bold, _h, boxes = self.paragraph(el)
                if text:
                    bold = bold and para_bold
                lines.append(text)
                lines.extend(boxes)
            else:
                lines.extend(self.flat_table(el))
        text = "\n".join(t for t in lines if t)     # each line already clean
        return text, bool(text) and bold

    def flat_table(self, tbl) -> list[str]:
        """A nested table flattened to lines: each distinct cell once per row."""
        lines: list[str] = []
        for cells, _bold in self.rows(tbl):
            seen: list[str] = []
            for c in cells:
                if c and (not seen or seen[-1] != c):
                    seen.append(c)
            lines.extend(seen)
        return lines


def _grid(pr, name: str) -> int:
    el = pr.find(W + name) if pr is not None else None
    value = el.get(_VAL) if el is not None else None
    return int(value) if value and value.isdigit() else 0


def _children(parent, *tags):
    """Direct children with one of `tags`, looking through content controls,
    custom XML and mc:AlternateContent wrappers."""
    for el in parent:
        tag = el.tag
        if tag in tags:
            yield el
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            yield from _children(el, *tags)
        elif tag == _ALTERNATE:
            yield from _children(_branch(el), *tags)


def _branch(alternate):
    """The one branch of mc:AlternateContent we read: the first mc:Choice,
    else mc:Fallback (never both, so text boxes are not read twice)."""
    for name in ("Choice", "Fallback"):
        branch = alternate.find(_MC + name)
        if branch is not None:
            return branch
    return alternate.makeelement(_MC + "Fallback")     # empty: nothing to read


def _inside_fallback(el, stop) -> bool:
    """Whether `el` sits in an mc:Fallback below `stop` (nested alternates)."""
    while el is not None and el is not stop:
        if el.tag == _MC + "Fallback":
            return True
        el = el.getparent()
    return False


# ---- the document -----------------------------------------------------------------

def read_docx(path: str | Path, data: bytes | None = None) -> RawDocument:
    """Read a .docx file into blocks (paragraphs, table rows, footnotes): its bytes
    `data`, or (None) the file at `path`."""
    path = Path(path)
    data = input_bytes(path, data)
    _check_magic(path, data)
    pkg = _Package(path, data)
    with pkg.zip:
        main = pkg.rels("").get("officeDocument") or "word/document.xml"
        if main not in pkg.names:
            raise ParseError("a zip package without a Word document part", path=path,
                             reason="unsupported_format")
        root = pkg.xml(main)
        if root.tag != W + "document":
            raise ParseError(f"main part is not a WordprocessingML document: {root.tag}",
                             path=path, location=main, reason="unsupported_format")
        parts = pkg.rels(main)
        styles = StyleSheet(pkg.xml(parts.get("styles")))
        walker = _Walker(styles, Numbering(pkg.xml(parts.get("numbering")), styles.numbering))
        blocks = _body_blocks(root, walker, path)
        for part in ("footnotes", "endnotes"):
            notes = pkg.xml(parts.get(part))
            if notes is not None:
                blocks.extend(_notes(notes, walker, len(blocks)))
    if not blocks:
        raise ParseError("document has no text", path=path, reason="empty")
    return RawDocument(path=str(path), format="docx", blocks=tuple(blocks), reader="docx")


def _body_blocks(root, walker: _Walker, path: Path) -> list[Block]:
    body = root.find(W + "body")
    if body is None:
        raise ParseError("no w:body in the main document part", path=path, reason="corrupt")
    blocks: list[Block] = []
    table_no = 0
    for el in _children(body, W + "p", W + "tbl"):
        if el.tag == W + "p":
            text, bold, heading, boxes = walker.paragraph(el)
            if text:
                blocks.append(Block(len(blocks), "paragraph", text, bold=bold,
                                    heading=heading))
            for box in boxes:
                blocks.append(Block(len(blocks), "paragraph", box))
            continue
        row_no = 0
        for cells, bold in walker.rows(el):
            if any(cells):
                blocks.append(Block(len(blocks), "row", " | ".join(cells), cells=tuple(cells),
                                    table=table_no, row=row_no, bold=bold))
                row_no += 1
        table_no += 1
    return blocks


def _notes(root, walker: _Walker, first: int) -> list[Block]:
    out: list[Block] = []
    for note in root:
        if note.get(W + "type") not in ("separator", "continuationSeparator",
                                        "continuationNotice"):
            text = walker.cell(note)[0]
            if text:
                out.append(Block(first + len(out), "footnote", text))
    return out
