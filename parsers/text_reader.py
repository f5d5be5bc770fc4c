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
  laid out with spaces under a `TT` column (`parsers.text_tables`), or written
  a wrapped line at a time with no separators (`parsers.line_tables`), becomes
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
from parsers.html_inline import LINE_IN_CELL, markdown_lines
from parsers.line_tables import find_line_tables
from parsers.grammar.numbering import bare_label, find_marker
from parsers.model import Block, ParseError, RawDocument
from parsers.reflow import PAGE_NUMBER, TERMINAL, paragraphs_stand_apart, reflow
from parsers.site_text import site_lines
from parsers.text_notes import consolidation_notes
from parsers.text_tables import TextTable, find_tables
from parsers.clean_text import drop_lone_underlines, fold_spaces

# A page number alone on its line: `2`, `  14`, `- 3 -`, `Trang 3`, `### Trang 2`
LONE_NUMBER = re.compile(r"^[\s\f#]*(?:[Tt]rang\s+)?[-–]?\s*(\d{1,3})\s*[-–]?\s*$")
MIN_PAGES = 3          # page numbers needed to tell a page-number sequence
MIN_PAGE_LINES = 20    # lines between two page numbers at the least
MAX_PAGE_STEP = 4      # a page number after pages that printed none (or were misread)
CHAIN_LOOKBACK = 40    # lone numbers looked back at for the one before
MAX_ROW_CHARS = 1000        # a line longer than this is no table row written without its outer `|`
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
# Emphasis around a numbering label only: `*a) *Tổ chức ...`, `**1.** Sở ...`
EMPHASISED_LABEL = re.compile(r"^(\s*(?:[-–+]\s+)?)\*{1,2}([^*\s][^*]{0,10}?)\s*\*{1,2}\s*(?=\S)")
# Emphasis closed by ` *` glued to the next word, as portal copies write it:
# `Trung tâm Chuyển đổi số *(Sở Khoa học và Công nghệ) *thông báo ...`
LOOSE_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\s\*(?=\w)")
# A strong mark with no partner: `- **b2) Đối với ...`
STRAY_STRONG = re.compile(r"\*\*")
# An emphasis mark with no partner against a word: `2026-2030: *Thực hiện theo ...` (not `(*)`)
STRAY_MARK = re.compile(r"(?<![(*])\*(?=\w)|(?<=\w)\*(?![)*])")
# A Markdown list bullet: `*   Quán triệt sâu sắc ...` (rendered as a dash bullet)
MD_STAR_BULLET = re.compile(r"^\s*\*\s+(?=\S)")
# The running head of a page of the Official Gazette, in a text copied from its PDF:
# `CÔNG BÁO/Số 291/Ngày 30-05-2026`, `CÔNG BÁO/Số 1269 + 1270/Ngày 23-11-2024`
GAZETTE_HEAD = re.compile(r"^\s*CÔNG BÁO\s*/\s*Số\s+\d+(?:\s*\+\s*\d+)*\s*/\s*Ngày\s+\d{1,2}-\d{1,2}-\d{4}\s*$")
# A horizontal rule or letterhead underline: `---`, `-------`, `***`
RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
# How far a page number copied out of a PDF stands in: `                                        2`
# (a centred line), unlike a number that starts a line of text
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
    m = EMPHASISED_LABEL.match(text)
    if m and bare_label(m.group(2)):
        text = f"{m.group(1)}{m.group(2)} {text[m.end():]}"       # `*a) *Tổ chức` → `a) Tổ chức`
    text = MD_STRONG.sub(r"\1", text)
    text = MD_EMPHASIS.sub(r"\1", text)
    if "*" in text:
        text = LOOSE_EMPHASIS.sub(r"\1 ", text)
    text = MD_STAR_BULLET.sub("- ", text)
    if "*" in text:
        # a mark left with no partner (a run opened on a line before, or never closed:
        # `- **b2) Đối với ...`) is no text
        text = STRAY_MARK.sub("", STRAY_STRONG.sub("", text)).strip("*")
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
    if "_" not in sample:
        return False                # no JOINED_WORD (most texts), no need to count the words
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
    """The columns of a letterhead line laid out with runs of spaces, emphasis marks left
    out (a bold line's `**` stands at the ends of the line, not of each column)."""
    parts = (fold_spaces(_strip_markdown(p.strip("* "))[0]) for p in re.split(r" {6,}", line.strip()))
    return tuple(p for p in parts if p)


def page_number_lines(lines: list[str]) -> set[int]:
    """Lines that hold only a page number of a text copied from pages (OCR output, a PDF's
    text): lone numbers on lines of their own that rise page by page (`2`, `3`, `5`, ...),
    each at least MIN_PAGE_LINES lines after the one before, a blank line or a sentence's
    end around them; never a table's row numbers, which stand closer together."""
    found = [(i, int(m.group(1))) for i, ln in enumerate(lines)
             if (m := LONE_NUMBER.match(ln)) and _between_paragraphs(lines, i)]
    # the longest chain of rising numbers far enough apart (a misread number is skipped)
    chain: list[tuple[int, int]] = []          # (length, previous) per found number
    for k, (i, n) in enumerate(found):
        length, prev = 1, -1
        for q in range(max(0, k - CHAIN_LOOKBACK), k):
            j, m = found[q]
            if 0 < n - m <= MAX_PAGE_STEP and i - j >= MIN_PAGE_LINES and chain[q][0] + 1 > length:
                length, prev = chain[q][0] + 1, q
        chain.append((length, prev))
    if not chain or max(chain)[0] < MIN_PAGES:
        return set()
    k = max(range(len(chain)), key=lambda q: chain[q][0])
    out = set()
    while k >= 0:
        out.add(found[k][0])
        k = chain[k][1]
    return out


def _between_paragraphs(lines: list[str], i: int) -> bool:
    before = lines[i - 1].strip() if i > 0 else ""
    return not before or bool(TERMINAL.search(before)) or i + 1 >= len(lines) or not lines[i + 1].strip()


def _outer_pipes(lines: list[str]) -> list[str]:
    """A Markdown table written without its outer `|` (`ỦY BAN NHÂN DÂN   |  CỘNG HÒA ...`):
    a run of two lines or more that split into the same number of cells at `|`, some of
    them with two cells that hold text, gets its outer `|` so that it reads as a table."""
    out = list(lines)
    i = 0
    while i < len(lines):
        k = _inner_cells(lines[i])
        j = i
        while k and j + 1 < len(lines) and _inner_cells(lines[j + 1]) == k:
            j += 1
        if k and j > i and any(sum(1 for c in lines[m].split("|") if c.strip()) >= 2 for m in range(i, j + 1)):
            for m in range(i, j + 1):
                out[m] = f"| {lines[m].strip()} |"
        i = j + 1
    return out


def _inner_cells(line: str) -> int:
    """The cells of a line that has `|` inside it but not at its ends, else 0."""
    text = line.strip()
    if "|" not in text or text.startswith("|") or text.endswith("|") or len(text) > MAX_ROW_CHARS:
        return 0
    return text.count("|") + 1


def _table_cells(line: str) -> tuple[str, ...]:
    """The cells of a Markdown table line; a cell's line breaks (LINE_IN_CELL) kept as
    "\n": `| **ỦY BAN NHÂN DÂN**<br>THÀNH PHỐ HÀ NỘI | ... |`."""
    inner = line.strip()[1:-1]
    return tuple("\n".join(t for t in (fold_spaces(_strip_markdown(p)[0]) for p in c.split(LINE_IN_CELL)) if t)
                 for c in inner.split("|"))


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
    numbers = None
    converted = markdown_lines(lines)
    if converted:
        lines, numbers = converted
        warnings.append("HTML tags read as Markdown")
    lines = _outer_pipes(lines)
    heads = {i for i, ln in enumerate(lines) if GAZETTE_HEAD.match(ln)}
    if heads:               # before the page numbers: a number under a head stands alone then
        lines = ["" if i in heads else ln for i, ln in enumerate(lines)]
        warnings.append(f"{len(heads)} running heads of the Official Gazette left out")
    lines, notes = consolidation_notes(lines)
    if notes:
        warnings.append(f"{len(notes)} notes of a consolidated text read as footnotes")
    pages = page_number_lines(lines)
    if pages:
        lines = ["" if i in pages else ln for i, ln in enumerate(lines)]
        warnings.append(f"{len(pages)} page numbers left out")
    if is_word_segmented(lines):
        lines = _unsegment("\n".join(lines)).split("\n")     # no pattern spans a line break
        warnings.append("word-segmented text joined back")
    lines = [drop_lone_underlines(ln) for ln in lines]
    hard_wrapped = is_hard_wrapped(lines)
    tables = _tables(lines) if fmt == "txt" else []
    cell_tables = find_cell_tables(lines) if "|" in text else []
    blocks = _blocks_from_lines(lines, hard_wrapped=hard_wrapped, tables=tables,
                                cell_tables=cell_tables, numbers=numbers)
    blocks += [Block(len(blocks) + k, "footnote", fold_spaces(text), line=numbers[i] if numbers else i + 1)
               for k, (i, text) in enumerate(notes)]
    if blocks and hard_wrapped:
        warnings.append("hard-wrapped lines rejoined")
    reader = "markdown" if fmt == "md" else "text"
    return RawDocument(path=path, format=fmt, blocks=tuple(blocks), reader=reader,
                       encoding=encoding, warnings=tuple(warnings))


def _tables(lines: list[str]) -> list[TextTable]:
    """A plain text's tables: laid out with spaces (`parsers.text_tables`), or written
    a wrapped line at a time (`parsers.line_tables`) where no laid-out table stands."""
    laid_out = find_tables(lines)
    taken = [range(t.first, t.last + 1) for t in laid_out]
    by_line = [t for t in find_line_tables(lines) if not any(t.first in r or t.last in r for r in taken)]
    return sorted(laid_out + by_line, key=lambda t: t.first)


def _continues(prev: Block | None, text: str, emphasised: bool) -> bool:
    """`text` goes on with the sentence of the paragraph before, broken off by a blank
    line: `... có liên quan đến` + `phát triển khoa học, công nghệ ...`."""
    return (prev is not None and not prev.is_row and not (prev.bold or prev.heading or emphasised)
            and not TERMINAL.search(prev.text) and text[:1].islower() and find_marker(text)[0] is None)


def _blocks_from_lines(lines: list[str], *, hard_wrapped: bool,
                       tables: list[TextTable] = (), cell_tables: list[CellTable] = (),
                       numbers: list[int] | None = None) -> list[Block]:
    """Blocks of the lines; `numbers` gives each line's source line (1-based) where the
    lines are not the source's own (HTML read as Markdown)."""
    source = (lambda k: numbers[k - 1]) if numbers else (lambda k: k)   # noqa: E731
    blocks: list[Block] = []
    table_no = -1
    row_no = 0
    in_table = False
    pending: list[tuple[str, int]] = []   # plain lines waiting for reflow: (text, line number)
    spaced = paragraphs_stand_apart(lines) if hard_wrapped else None

    def flush() -> None:
        if not pending:
            return
        # the same reflow as PDF text; lines that are paragraphs join only after a bare label
        paragraphs = reflow([t for t, _ in pending], wrapped=hard_wrapped, spaced=spaced)
        groups = [(p, pending[idx[0]][1]) for p, idx in paragraphs]
        for t, n in groups:
            t, bold, heading = _strip_markdown(t)
            t = fold_spaces(t)
            if t and _continues(blocks[-1] if blocks else None, t, bold or heading):
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {t}")
            elif t:
                blocks.append(Block(index=len(blocks), kind="paragraph", text=t, line=source(n),
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
                                    cells=cells, table=table_no, row=row_no, line=source(first + 1),
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
                                    cells=cells, table=table_no, row=row_no, line=source(first + 1)))
            for at, note in table.notes:        # a page's footnotes inside the table
                blocks.append(Block(index=len(blocks), kind="footnote", text=fold_spaces(note),
                                    line=source(at + 1)))
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
                                cells=cells, table=table_no, row=row_no, line=source(number)))
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
                                cells=cells, table=None, row=None, line=source(number)))
            continue
        pending.append((line, number))
    flush()
    return blocks
