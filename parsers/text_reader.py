"""Read plain-text and Markdown plans into blocks.

Guarantees of `read_text(path)`:
- the result's text is NFC, whatever the file's encoding (UTF-8 with or
  without BOM, UTF-16 with BOM, Windows-1258);
- every non-blank source line is in exactly one block, and each block keeps
  the 1-based line it starts on, except the text a publishing website added
  around the document (`parsers.site_text`: its banner, its pages after the
  document), which is left out with a warning;
- Markdown pipe tables (in .md, and in .txt files that carry them) become
  rows with cells; their `| --- |` separator lines are dropped; a .txt table
  laid out with spaces under a `TT` column (`parsers.text_tables`) becomes
  rows with cells too, a row's wrapped lines joined;
- Markdown emphasis and heading marks are removed from the text and kept as
  the `bold`/`heading` flags;
- word-segmented text (`Chỉ_thị về việc tổ_chức`, `1 . `) is put back as
  written Vietnamese, and hard-wrapped text (copied out of a PDF) is
  rejoined into paragraphs.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from parsers.cell_lines import CellTable, find_cell_tables, is_pipe_line
from parsers.grammar.numbering import find_marker
from parsers.model import Block, ParseError, RawDocument
from parsers.reflow import PAGE_NUMBER, TERMINAL, reflow
from parsers.site_text import site_lines
from parsers.text_tables import TextTable, find_tables
from parsers.textutil import fold_spaces

# A Markdown table line: `| Số: 09/KH-BTNMT | *Hà Nội, ngày 06 tháng 8 năm 2024* |`
TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
# The separator under a Markdown table header: `| --- | :---: |`
TABLE_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$")
# A Markdown heading: `# NGHỊ QUYẾT`, `      ## ĐẢNG CỘNG SẢN VIỆT NAM`
MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
# Strong emphasis: `**I. MỤC ĐÍCH, YÊU CẦU**`
MD_STRONG = re.compile(r"\*\*(.+?)\*\*")
# Emphasis: `*Hà Nội, ngày 06 tháng 8 năm 2024*`, `*Nơi nhận:*`
MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
# A Markdown list bullet: `*   Quán triệt sâu sắc ...` (rendered as a dash bullet)
MD_STAR_BULLET = re.compile(r"^\s*\*\s+(?=\S)")
# A horizontal rule or letterhead underline: `---`, `-------`, `***`
RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
# How far a page number copied out of a PDF stands in: `                                        2`
# (laocai-cv-5973, a centred line), unlike a number that starts a line of text
PAGE_NUMBER_INDENT = 20
# Word-segmented syllables: `tổ_chức thực_hiện`
WORDSEG_JOIN = re.compile(r"_(?<=\w_)(?=\w)")     # `_` first: found by a fast literal scan
# Punctuation spaced out by a word segmenter: `xuất_khẩu , kiểm_soát`, `1 . `, `a )`
WORDSEG_SPACED_PUNCT = re.compile(r" ([,.;:)?!%])")
WORDSEG_SPACED_OPEN = re.compile(r"([(]) ")
# Letterhead columns laid out side by side with runs of spaces:
# `     ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`
COLUMN_GAP = re.compile(r"\S {6,}\S")
# A character that has no place in a text document (NUL and C0 controls but tab/newline)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes to NFC text and the encoding name; ParseError(reason='encoding') if none fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ParseError(f"bad UTF-16: {exc}", path=path, reason="encoding") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ParseError("binary data, not text", path=path, reason="encoding")
    try:
        return data.decode("cp1258"), "windows-1258"
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8, UTF-16 or Windows-1258: {exc}", path=path,
                         reason="encoding") from exc


def _check_text(text: str, path: str) -> None:
    if not text.strip():
        raise ParseError("no text", path=path, reason="empty")
    sample = text[:20000]
    if len(CONTROL_CHARS.findall(sample)) > max(5, len(sample) // 100):
        raise ParseError("binary data, not text", path=path, reason="encoding")


def _strip_markdown(text: str) -> tuple[str, bool, bool]:
    """Remove emphasis/heading marks; return (text, bold, heading)."""
    heading = "#" in text and bool(MD_HEADING.match(text))
    if heading:
        text = MD_HEADING.sub("", text)
    if "*" not in text:          # the emphasis and bullet patterns all need a `*`
        return text, False, heading
    stripped = text.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    text = MD_STRONG.sub(r"\1", text)
    text = MD_EMPHASIS.sub(r"\1", text)
    text = MD_STAR_BULLET.sub("- ", text)
    return text, bold, heading


def _unsegment(text: str) -> str:
    text = WORDSEG_JOIN.sub(" ", text)
    text = WORDSEG_SPACED_PUNCT.sub(r"\1", text)
    return WORDSEG_SPACED_OPEN.sub(r"\1", text)


# A word with a segmenter's joint in it, from its first joint: the `_khẩu` of `xuất_khẩu`,
# `_Công_Thương` of `Bộ_Công_Thương` (one match per such word)
JOINED_WORD = re.compile(r"_\S*")


def is_word_segmented(lines: list[str]) -> bool:
    sample = " ".join(lines[:200])
    words = len(sample.split())
    return words > 0 and len(JOINED_WORD.findall(sample)) > words * 0.05


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when most long lines end mid-sentence and the next one continues it."""
    body = [ln.rstrip() for ln in lines if len(ln.strip()) > 40]
    if len(body) < 10:
        return False
    open_ends = sum(1 for ln in body if ln[-1] not in ".:;!?|")
    return open_ends > len(body) * 0.5


def _split_columns(line: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r" {6,}", line.strip()) if part.strip())


def _table_cells(line: str) -> tuple[str, ...]:
    inner = line.strip()[1:-1]
    return tuple(fold_spaces(_strip_markdown(c)[0]) for c in inner.split("|"))


def read_text(path: str | Path, *, data: bytes | None = None) -> RawDocument:
    """Read a .txt or .md file into a RawDocument."""
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data.strip():
        raise ParseError("file is empty", path=path, reason="empty")
    text, encoding = decode(data, path)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    _check_text(text, path)
    fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
    lines = text.split("\n")
    warnings: list[str] = []
    site = site_lines(lines)
    if site:
        lines = ["" if i in site else ln for i, ln in enumerate(lines)]
        warnings.append(f"{len(site)} lines of website text left out")
    if is_word_segmented(lines):
        lines = _unsegment("\n".join(lines)).split("\n")     # no pattern spans a line break
        warnings.append("word-segmented text joined back")
    hard_wrapped = is_hard_wrapped(lines)
    tables = find_tables(lines) if fmt == "txt" else []
    cell_tables = find_cell_tables(lines) if "|" in text else []
    blocks = _blocks_from_lines(lines, hard_wrapped=hard_wrapped, tables=tables,
                                cell_tables=cell_tables)
    if blocks and hard_wrapped:
        warnings.append("hard-wrapped lines rejoined")
    reader = "markdown" if fmt == "md" else "text"
    return RawDocument(path=path, format=fmt, blocks=tuple(blocks), reader=reader,
                       encoding=encoding, warnings=tuple(warnings))


def _continues(prev: Block | None, text: str, emphasised: bool) -> bool:
    """`text` goes on with the sentence of the paragraph before, broken off by a blank
    line: `... có liên quan đến` + `phát triển khoa học, công nghệ ...` (cp-nq-03 III.2)."""
    return (prev is not None and not prev.is_row and not (prev.bold or prev.heading or emphasised)
            and not TERMINAL.search(prev.text) and text[:1].islower() and find_marker(text)[0] is None)


def _blocks_from_lines(lines: list[str], *, hard_wrapped: bool,
                       tables: list[TextTable] = (), cell_tables: list[CellTable] = ()) -> list[Block]:
    blocks: list[Block] = []
    table_no = -1
    row_no = 0
    in_table = False
    pending: list[tuple[str, int]] = []   # plain lines waiting for reflow: (text, line number)

    def flush() -> None:
        if not pending:
            return
        # the same reflow as PDF text; lines that are paragraphs join only after a bare label
        paragraphs = reflow([t for t, _ in pending], wrapped=hard_wrapped)
        groups = [(p, pending[idx[0]][1]) for p, idx in paragraphs]
        for t, n in groups:
            t, bold, heading = _strip_markdown(t)
            t = fold_spaces(t)
            if t and _continues(blocks[-1] if blocks else None, t, bold or heading):
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {t}")
            elif t:
                blocks.append(Block(index=len(blocks), kind="paragraph", text=t, line=n,
                                    bold=bold, heading=heading))
        pending.clear()

    table_at = {t.first: t for t in tables}
    cell_table_at = {t.first: t for t in cell_tables}
    skip_to = 0
    for number, line in enumerate(lines, start=1):
        if number <= skip_to:
            continue
        if number - 1 in cell_table_at:
            flush()
            table = cell_table_at[number - 1]
            table_no += 1
            for row_no, (first, cells, bold) in enumerate(table.rows):
                blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                    cells=cells, table=table_no, row=row_no, line=first + 1,
                                    bold=bold))
            skip_to = table.last + 1
            in_table = False
            continue
        if "|" in line and is_pipe_line(line):
            flush()           # a cell separator left over from a portal table: no text
            continue
        if number - 1 in table_at:
            flush()
            table = table_at[number - 1]
            table_no += 1
            for row_no, (first, cells) in enumerate(table.rows):
                cells = tuple(fold_spaces(c) for c in cells)
                blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                    cells=cells, table=table_no, row=row_no, line=first + 1))
            skip_to = table.last + 1
            in_table = False
            continue
        if TABLE_LINE.match(line):
            flush()
            if TABLE_SEPARATOR.match(line):
                continue
            if not in_table:
                table_no += 1
                row_no = 0
                in_table = True
            cells = _table_cells(line)
            blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                cells=cells, table=table_no, row=row_no, line=number))
            row_no += 1
            continue
        in_table = False
        if hard_wrapped and PAGE_NUMBER.match(line.strip(" \f")) \
                and len(line) - len(line.lstrip(" \f")) >= PAGE_NUMBER_INDENT:
            continue          # text copied out of a PDF keeps its page numbers, centred
        if not line.strip() or RULE_LINE.match(line):
            flush()
            continue
        if number < 40 and COLUMN_GAP.search(line) and len(_split_columns(line)) == 2:
            # a letterhead laid out in two columns: keep it as a two-cell row
            flush()
            cells = _split_columns(line)
            blocks.append(Block(index=len(blocks), kind="row", text=" | ".join(cells),
                                cells=cells, table=None, row=None, line=number))
            continue
        pending.append((line, number))
    flush()
    return blocks
