"""Read a legal document saved from a web portal (thuvienphapluat.vn, vbpl.vn style).

Guarantees of `read_html(path)`:
- only the document is read: scripts, styles, navigation, menus, headers,
  footers, side bars, forms and hidden elements are dropped, and the main
  content container is chosen by text density, widened if needed until it
  holds the national motto (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`);
- paragraphs (`p`, `li`, `h1`-`h6`, `div` text, text split at `<br>`) become
  paragraph blocks; `h1`-`h6` set `heading`, a block set all in `b`/`strong`
  (or `font-weight: bold`) sets `bold`;
- tables become row blocks with cells (colspan and rowspan cells repeated); a
  table that follows another with nothing between them and the same number of
  columns goes on with its number (a table split across pages), its repeated
  header row left out;
  a table nested in a cell is read as that cell's text;
- text is NFC with white space (including `&nbsp;`) folded; legacy TCVN3/VNI
  font text is converted to Unicode.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from parsers.legacy_encoding import fix_legacy_many
from parsers.model import Block, ParseError, RawDocument

MAX_BYTES = 50 * 1024 * 1024

# The charset a page declares: `<meta charset="utf-8">`, `content="text/html; charset=windows-1258"`
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
# An XML declaration that lxml refuses in a str: `<?xml version="1.0" encoding="utf-8"?>`
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# The national motto heading every state document: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, `CỘNG HOÀ ...`
MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
# Class or id of page furniture: `main-menu`, `breadcrumb`, `footer-links`, `box-vanban-lienquan`, `quangcao`
JUNK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|header|footer|sidebar|side-bar|breadcrumbs?|banner|ads?|advert\w*"
    r"|quangcao|qc|share|social|comment\w*|related|lienquan|login|search\w*|toolbar|popup|modal|cookie)(?:$|[\s_-])",
    re.IGNORECASE)
# Inline style that hides an element or makes it bold: `display:none`, `font-weight: bold`
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
# White space of a page, with &nbsp; and zero-width spaces: `Nghị quyết&nbsp;số 34-NQ/TU`
SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")

DROP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
             "input", "textarea", "nav", "header", "footer", "aside", "head", "title", "meta", "link",
             "object", "embed", "canvas", "map"}
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody",
              "thead", "tfoot", "tr", "td", "th", "blockquote", "pre", "section", "article", "main",
              "center", "dl", "dt", "dd", "hr", "body", "address", "figure", "figcaption", "caption"}
CONTAINER_TAGS = {"div", "article", "section", "main", "td", "body", "center", "blockquote"}
PARAGRAPH_TAGS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "div"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"b", "strong"}
MAX_JUNK_SHARE = 0.5     # an element with more of the page's text than this is not furniture
MOTTO_CLIMB = 6          # levels the container may be widened to reach the motto


def read_html(path: str | Path, *, data: bytes | None = None) -> RawDocument:
    """Read a saved HTML page into a RawDocument (format "html", reader "html")."""
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data.strip():
        raise ParseError("file is empty", path=path, reason="empty")
    if len(data) > MAX_BYTES:
        raise ParseError(f"HTML page of {len(data)} bytes", path=path, reason="too_large")
    text, encoding = _decode(data, path)
    try:
        root = lxml.html.document_fromstring(XML_DECL.sub("", text))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}", path=path, reason="corrupt") from exc
    _drop_furniture(root)
    main, how = _main_container(root)
    if main is None:
        raise ParseError("no text in the HTML page", path=path, reason="empty")
    items = _Walker().walk(main)
    texts = [t for item in items for t in ((item.text,) if item.cells is None else item.cells)]
    fixed, legacy = fix_legacy_many(texts)
    blocks = _blocks(items, iter(fixed))
    if not blocks:
        raise ParseError("no text in the HTML page", path=path, reason="empty")
    warnings = [f"main content: {how}"]
    if legacy:
        warnings.append(f"legacy {legacy} font text converted to Unicode")
    return RawDocument(path=path, format="html", blocks=tuple(blocks), reader="html",
                       encoding=encoding, warnings=tuple(warnings))


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = META_CHARSET.search(data[:8192])
    candidates = [declared.group(1).decode("ascii", "ignore").lower()] if declared else []
    for enc in candidates + ["utf-8", "cp1258"]:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise ParseError("HTML page in an unknown encoding", path=path, reason="encoding")


def _fold(text: str) -> str:
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _drop_furniture(root: lxml.html.HtmlElement) -> None:
    """Remove scripts, navigation and page furniture (never an element holding the motto,
    nor one holding most of the page's text: `class="content has-sidebar"`)."""
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in ("script", "style", "noscript", "template"):
            el.drop_tree()
    page_text = len(_fold(root.text_content() or ""))
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)          # comments, processing instructions
            continue
        tag = el.tag.lower()
        style = el.get("style", "")
        marks = " ".join((el.get("class", ""), el.get("id", ""), el.get("role", "")))
        if tag in DROP_TAGS or HIDDEN_STYLE.search(style) or (
                tag not in {"body", "html"} and JUNK_CLASS.search(marks)
                and not _holds_document(el, page_text)):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def _holds_document(el: lxml.html.HtmlElement, page_text: int) -> bool:
    text = _fold(el.text_content() or "")
    return bool(MOTTO.search(text)) or len(text) > MAX_JUNK_SHARE * page_text


def _main_container(root: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, str]:
    """The element that holds the document: the densest text container, widened to the motto."""
    body = root.find("body")
    if body is None:
        body = root
    scores: dict[lxml.html.HtmlElement, float] = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in PARAGRAPH_TAGS:
            continue
        own = _own_text_length(el)
        if own < 10:
            continue
        link = sum(len(_fold(a.text_content())) for a in el.iter("a"))
        score = max(own - 2 * link, 0) + 1
        parent = el.getparent()
        for weight in (1.0, 0.5):
            while parent is not None and parent.tag not in CONTAINER_TAGS:
                parent = parent.getparent()
            if parent is None:
                break
            scores[parent] = scores.get(parent, 0.0) + score * weight
            parent = parent.getparent()
    if not scores:
        return (body if _fold(body.text_content()) else None), "whole page"
    best = max(scores, key=scores.get)
    how = "densest text container"
    if MOTTO.search(_fold(body.text_content())) and not MOTTO.search(_fold(best.text_content())):
        el = best
        for _ in range(MOTTO_CLIMB):
            el = el.getparent()
            if el is None:
                break
            if MOTTO.search(_fold(el.text_content())):
                best, how = el, "densest text container widened to the national motto"
                break
    return best, how


def _own_text_length(el: lxml.html.HtmlElement) -> int:
    """Length of the text of `el` that is not inside a nested block element."""
    n = len(_fold(el.text or ""))
    for child in el:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            n += len(_fold(child.tail or ""))
        else:
            n += len(_fold(child.text_content() or "")) + len(_fold(child.tail or ""))
    return n


@dataclass
class _Item:
    text: str = ""
    cells: tuple[str, ...] | None = None
    table: int | None = None
    row: int | None = None
    bold: bool = False
    heading: bool = False


@dataclass
class _Walker:
    """Turns the container into paragraph and row items, in document order."""

    items: list[_Item] = field(default_factory=list)
    tables: int = 0

    def walk(self, el: lxml.html.HtmlElement) -> list[_Item]:
        self._block(el, heading=False)
        return [it for it in self.items if (it.cells is not None and any(it.cells)) or it.text]

    def _block(self, el: lxml.html.HtmlElement, *, heading: bool) -> None:
        heading = heading or el.tag in HEADING_TAGS
        if el.tag == "table":
            self._table(el)
            return
        runs: list[tuple[str, bool]] = []   # (text, bold) of the current inline run

        def flush() -> None:
            text = _fold("".join(t for t, _ in runs))
            if text:
                letters = sum(len(t.strip()) for t, _ in runs if t.strip())
                bold_letters = sum(len(t.strip()) for t, b in runs if b and t.strip())
                self.items.append(_Item(text=text, heading=heading,
                                        bold=letters > 0 and bold_letters >= 0.9 * letters))
            runs.clear()

        if el.text:
            runs.append((el.text, _is_bold(el)))
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "br":
                flush()
            elif child.tag in BLOCK_TAGS or _has_block(child):
                flush()
                self._block(child, heading=heading)
            else:
                self._inline(child, runs, _is_bold(el))
            if child.tail:
                runs.append((child.tail, _is_bold(el)))
        flush()

    def _inline(self, el: lxml.html.HtmlElement, runs: list[tuple[str, bool]], bold: bool) -> None:
        bold = bold or _is_bold(el)
        if el.tag == "br":
            runs.append(("\n", bold))
            return
        if el.text:
            runs.append((el.text, bold))
        for child in el:
            if isinstance(child.tag, str):
                self._inline(child, runs, bold)
            if child.tail:
                runs.append((child.tail, bold))

    def _table(self, table: lxml.html.HtmlElement) -> None:
        rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
        if not rows:
            return
        pending: dict[int, tuple[str, int]] = {}
        read = [self._row(tr, pending) for tr in rows]
        number, first = self.tables, 0
        last = next((it for it in reversed(self.items) if it.cells is not None or it.text), None)
        if last is not None and last.cells is not None and last.table == self.tables - 1:
            header = next(it.cells for it in self.items if it.table == last.table and it.row == 0)
            if len(read[0][0]) == len(header):
                # a table split across pages goes on in the next <table>, nothing between them
                number, first = last.table, last.row + 1
                if read[0][0] == header:
                    read = read[1:]              # its header row repeated on the new page
        if number == self.tables:
            self.tables += 1
        for r, (cells, bold) in enumerate(read, start=first):
            self.items.append(_Item(cells=cells, table=number, row=r, bold=bold))

    def _row(self, tr: lxml.html.HtmlElement, pending: dict[int, tuple[str, int]]) -> tuple[tuple[str, ...], bool]:
        """A row's cells (spanned cells repeated; `pending`: column -> (text, rows still
        spanned) from the rows above) and whether it is bold."""
        cells: list[str] = []
        col = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while col in pending:
                cells.append(self._take(pending, col))
                col += 1
            text = _cell_text(td)
            span = _int_attr(td, "colspan")
            down = _int_attr(td, "rowspan")
            for _ in range(span):
                cells.append(text)
                if down > 1:
                    pending[col] = (text, down - 1)
                col += 1
        while col in pending:
            cells.append(self._take(pending, col))
            col += 1
        filled = [td for td in tr if isinstance(td.tag, str) and _fold(td.text_content())]
        bold = bool(filled) and all(_bold_share(td) >= 0.9 for td in filled)
        return tuple(cells), bold

    @staticmethod
    def _take(pending: dict[int, tuple[str, int]], col: int) -> str:
        text, left = pending[col]
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (text, left - 1)
        return text


def _nearest_table(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _cell_text(td: lxml.html.HtmlElement) -> str:
    """A cell's text with its paragraphs and line breaks joined by one space."""
    for br in td.iter("br"):
        br.tail = " " + (br.tail or "")
    parts = []
    for node in td.iter():
        if isinstance(node.tag, str) and node.tag in BLOCK_TAGS and node is not td:
            node.tail = " " + (node.tail or "")
            node.text = " " + (node.text or "")
    parts.append(td.text_content())
    return _fold(" ".join(parts))


def _int_attr(el: lxml.html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(el.get(name, "1")), 1000))
    except ValueError:
        return 1


def _is_bold(el: lxml.html.HtmlElement) -> bool:
    return el.tag in BOLD_TAGS or bool(BOLD_STYLE.search(el.get("style", "")))


def _bold_share(el: lxml.html.HtmlElement, inherited: bool = False) -> float:
    """Share of the letters under `el` that are set bold."""
    total = bold = 0

    def visit(node: lxml.html.HtmlElement, on: bool) -> None:
        nonlocal total, bold
        on = on or _is_bold(node)
        n = len((node.text or "").strip())
        total += n
        bold += n if on else 0
        for child in node:
            if isinstance(child.tag, str):
                visit(child, on)
            t = len((child.tail or "").strip())
            total += t
            bold += t if on else 0

    visit(el, inherited)
    return bold / total if total else 0.0


def _has_block(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def _blocks(items: list[_Item], fixed) -> list[Block]:
    blocks: list[Block] = []
    for it in items:
        if it.cells is None:
            text = next(fixed)
            blocks.append(Block(index=len(blocks), kind="paragraph", text=text,
                                bold=it.bold, heading=it.heading))
        else:
            cells = tuple(next(fixed) for _ in it.cells)
            blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells), cells=cells,
                                table=it.table, row=it.row, bold=it.bold))
    return blocks
