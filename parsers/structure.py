"""Build the section tree of a document from its blocks.

Guarantees of `build_tree(raw)`:
- every block belongs to exactly one node (`Node.block`), in block order;
- each node has a zone: `metadata` (a portal's leading key/value block),
  `letterhead`, `title`, `addressee`, `body`, `signature` (signature and
  recipients), `appendix` (what follows the signature: an attached
  programme or a PHỤ LỤC) or `note` (a block that is no paragraph or row of
  the text: a DOCX footnote, a PDF signature stamp; a leaf outside the tree);
- numbered and bulleted items nest by the rank of their marker style
  (`parsers.grammar.numbering.RANKS`); unnumbered paragraphs and table rows are leaves
  under the nearest open item;
- paths follow spec §2: `II.1.1.1` for `1.1` under `1.` under `II.`, `-k`
  for the k-th bullet and `¶k` for the k-th paragraph under an item, `PL`
  or `PLII` for an appendix.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from parsers.grammar.bodies import starts_with_body
from parsers.grammar.dates import DATE_LINE, is_letterhead_date
from parsers.grammar.documents import NUMBER_LINE, SUBJECT_LINE, fold, motto_spans, vocab as documents_vocab
from parsers.grammar.numbering import find_marker, rank
from parsers.model import Block, DocumentTree, Marker, Node, RawDocument

VOCAB = Path(__file__).with_name("vocab") / "structure.json"

# A footnote's mark after a heading: `THÔNG TƯ1` (a consolidated text's note on its sources)
FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
# How far down a letterhead may stand (a website's preamble above it), and how far apart
# its anchors (number line, date line) may be
HEAD_SCAN = 80
ANCHOR_GAP = 8
# Below this block a letterhead's first anchor needs a name or the motto above it
DEEP_ANCHOR = 20
# A recipients list that lost its `Nơi nhận:` label, told by its last entry, the archive
# line: `- Chính phủ; -Ban Tổ chức Trung ương; ...; -Lưu: HC, PLTP.`
UNLABELLED_RECIPIENTS = re.compile(r"^\s*[-–]\s*\S[^\n]*;\s*[-–]\s*Lưu\s*:?[^;]{0,80}$")
# Lines that open a document body, never a title: `Căn cứ Luật ...`, `Thực hiện Chỉ thị số 13/CT-TTg ..., Bộ ...:`
BODY_OPENERS = re.compile(r"^(?:Căn cứ|Kính gửi|Theo đề nghị|Xét đề nghị|Ngày \d)", re.I)


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=8192)
def is_upper_heading(text: str) -> bool:
    """`II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG` (most letters upper-case);
    remembered: the tree, the zones and the title's evidence ask about the same texts."""
    # a paragraph: more lower-case letters in its first quarter than 15% of its length
    # leaves no room for 85% capitals (letters <= length), without counting the rest
    if sum(map(str.islower, text[:len(text) // 4 + 20])) > 0.15 * len(text):
        return False
    letters = sum(map(str.isalpha, text))           # map: no Python-level loop
    return letters >= 4 and sum(map(str.isupper, filter(str.isalpha, text))) >= 0.85 * letters


def _starts_with_any(text: str, words: list[str]) -> bool:
    return text.startswith(tuple(words))


def _is_type_heading(b: Block) -> bool:
    """`KẾ HOẠCH`, `THÔNG TƯ LIÊN TỊCH`, `CHỈ THỊ VỀ VIỆC ...` standing as a heading."""
    if b.is_row:
        return False
    text = b.text.strip().strip("*#_ ").strip()
    if text[-1:].isdecimal():       # FOOTNOTE_MARK ends on a digit (most texts end otherwise)
        text = FOOTNOTE_MARK.sub("", text)
    if is_upper_heading(text) and fold(text) in _folded_headings():
        return True                 # a heading OCR misread: `QUYÉT ĐỊNH`
    if not text.startswith(_title_headings()):
        return False                # no heading word opens it (most blocks, at once)
    for t in documents_vocab()["title_headings"]:
        if text == t or (text.startswith(t + " ") and (
                is_upper_heading(text) or b.bold or b.heading or len(text) < 200)
                and not NUMBER_LINE.match(text)):
            if text != t and not (is_upper_heading(text[len(t):]) or text[len(t):].strip()[:1].isupper()):
                continue
            return True
    return False


@lru_cache(maxsize=1)
def _title_headings() -> tuple[str, ...]:
    return tuple(documents_vocab()["title_headings"])


@lru_cache(maxsize=1)
def _folded_headings() -> frozenset[str]:
    return frozenset(fold(t) for t in documents_vocab()["title_headings"])


def is_letterhead_anchor(b: Block) -> bool:
    """A line only a letterhead has: its number line (`Số: 161/KH-UBND`, also in a cell),
    its date line (`Hà Nội, ngày 31 tháng 5 năm 2023`) or a Công văn's subject line."""
    for text in (b.cells if b.is_row else b.text.split("|")):
        for line in text.split("\n"):
            line = line.strip().strip("*_ ")
            if NUMBER_LINE.match(line) or SUBJECT_LINE.match(line) or re.match(r"^S[ốô]\s*:\s*$", line):
                return True
    return is_letterhead_date(b.text)


def letterhead_anchors(blocks: tuple[Block, ...]) -> list[int]:
    """The anchors of the first letterhead near the top: the first anchor and those that
    follow it closely (a website's preamble above it may be long)."""
    found: list[int] = []
    for b in blocks[:HEAD_SCAN]:
        if found and b.index - found[-1] > ANCHOR_GAP:
            break
        if is_letterhead_anchor(b) and (found or b.index < DEEP_ANCHOR or _named_above(blocks, b.index)):
            found.append(b.index)
    return found


def _named_above(blocks: tuple[Block, ...], at: int) -> bool:
    """A letterhead far down the page (below a website's preamble) has its issuer or the
    motto in capitals just above its first anchor."""
    return any(is_upper_heading(b.text) or _is_motto(b) for b in blocks[max(0, at - ANCHOR_GAP):at])


def doc_title_index(blocks: tuple[Block, ...]) -> int | None:
    """The block that names the document type (`KẾ HOẠCH`, `NGHỊ QUYẾT`) near the top:
    the first after the letterhead's anchors (a website's preamble above the letterhead
    may repeat the type), else the first."""
    anchors = letterhead_anchors(blocks)
    first = None
    for b in blocks[:HEAD_SCAN]:
        if _is_type_heading(b):
            if not anchors or b.index > anchors[0]:
                return b.index
            first = b.index if first is None else first
    return first if not anchors or first is not None and anchors[0] - first > HEAD_SCAN // 2 else None


def is_signature_start(block: Block) -> bool:
    v = vocab()
    texts = block.cells if block.is_row else (block.text,)
    for t in texts:
        t = t.strip()
        if t.startswith("Nơi nhận") or UNLABELLED_RECIPIENTS.match(t):
            return True
        if len(t) < 160 and _starts_with_any(t, v["signature_starts"]) and (
                is_upper_heading(t[:40]) or t.startswith(("(", "["))):
            return True
        if t.rstrip(" :") in v["signature_titles"]:
            return True     # signed by the office-holder directly: `CHỦ TỊCH` / `Võ Thanh Khiết`
    return False


def _is_attachment_start(block: Block) -> bool:
    marker, _ = find_marker(block.text)
    if marker and marker.style in ("appendix", "roman", "upper"):
        return True
    text = block.text.strip()
    return (is_upper_heading(text) and len(text.split()) >= 2
            and _starts_with_any(text, vocab()["attachment_titles"])
            and not _starts_with_any(text, vocab()["signature_titles"]))


def assign_zones(blocks: tuple[Block, ...]) -> list[str]:
    n = len(blocks)
    zones = ["body"] * n
    title = doc_title_index(blocks)
    head_end = -1      # last block of letterhead/title/addressee
    if title is not None:
        for i in range(title):
            zones[i] = "letterhead"
        zones[title] = "title"
        head_end = title
        for j in range(title + 1, min(n, title + 6)):
            b = blocks[j]
            text = b.text.strip()
            if b.is_row or BODY_OPENERS.match(text) or find_marker(text)[0] or text.endswith(":"):
                break
            prev = blocks[j - 1].text.strip()
            looks_title = (is_upper_heading(text) or b.bold or text[:1].islower()
                           or text.startswith("(") or j == title + 1)
            if j > title + 1 and prev.endswith((".", ":")):
                looks_title = text.startswith("(")
            if not looks_title or len(text) > 400:
                break
            zones[j] = "title"
            head_end = j
    else:
        anchors = letterhead_anchors(blocks)
        if anchors:
            head_end = anchors[-1]
            for i in range(head_end + 1):
                zones[i] = "letterhead"
            # the subject line of a Công văn may wrap onto the next lines
            j = head_end + 1
            while j < n and j < head_end + 4 and not blocks[j].is_row and (
                    blocks[j].text[:1].islower()):
                zones[j] = "letterhead"
                head_end = j
                j += 1
            # the motto standing under the number (a scanned page read line by line)
            j = head_end + 1
            while j < n and j < head_end + 4 and _is_motto(blocks[j]):
                zones[j] = "letterhead"
                head_end = j
                j += 1
            # a trích yếu in capitals under a letterhead that lost its type heading
            j = head_end + 1
            while j < n and j < head_end + 3 and not blocks[j].is_row and is_upper_heading(
                    blocks[j].text) and not find_marker(blocks[j].text)[0] and len(blocks[j].text) < 400:
                zones[j] = "title"
                head_end = j
                j += 1
        else:
            head_end = _run_in_title(blocks, zones)
    for i in range(head_end + 1, min(n, head_end + 6)):
        if _starts_with_any(blocks[i].text.strip(), vocab()["addressee_starts"]):
            zones[i] = "addressee"
            k = i + 1
            while k < n and DASH_OR_CONT.match(blocks[k].text) and len(blocks[k].text) < 150 and k < i + 12:
                zones[k] = "addressee"
                k += 1
            break
    _mark_metadata(blocks, zones)
    in_sig = False
    for i in range(head_end + 1, n):
        if zones[i] != "body":
            continue
        b = blocks[i]
        if not in_sig and is_signature_start(b):
            in_sig = True
        elif in_sig and not b.is_row and _is_attachment_start(b):
            in_sig = False
            zones[i] = "appendix"
            # a signature inside the attachment closes it (each form of a set of forms ends
            # with its own `Nơi nhận`: `- Như Điều 4;` is a recipient, never work); the next
            # attachment opens again
            _sign_attachments(blocks, zones, i + 1)
            break
        if in_sig:
            zones[i] = "signature"
    return zones


def _sign_attachments(blocks: tuple[Block, ...], zones: list[str], start: int) -> None:
    """Zone the attachments from `start` on: a signature start opens `signature`, the next
    attachment start (after it) opens `appendix` again."""
    signing = False
    for k in range(start, len(blocks)):
        if signing and _is_attachment_start(blocks[k]):
            signing = False
        elif not signing and is_signature_start(blocks[k]):
            signing = True
        zones[k] = "signature" if signing else "appendix"


def _is_motto(b: Block) -> bool:
    """A block that is the national motto, or a line of it (`CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT
    NAM`, `Độc lập - Tự do - Hạnh phúc`)."""
    text = b.text.strip(" -*_|")
    covered = sum(e - s for s, e in motto_spans(text))
    return bool(text) and covered >= 0.8 * len(text)


def _issuing_body_line(blocks: tuple[Block, ...], i: int) -> bool:
    """Block i is a short line naming a body and nothing more: `Ủy ban nhân dân tỉnh Quảng Ninh`."""
    if i >= len(blocks) or blocks[i].is_row:
        return False
    text = blocks[i].text.strip()
    return 0 < len(text.split()) <= RUN_IN_ISSUER_WORDS and starts_with_body(text) >= len(text) - 1


def _run_in_title(blocks: tuple[Block, ...], zones: list[str]) -> int:
    """A document with no letterhead whose first line runs its type into its trích yếu,
    as corpus copies of legal texts print it (`Nghị quyết về việc thành lập thị xã ...`,
    `Quyết định về việc ban hành ...`), and the issuing body on the next short line
    (`Chính phủ`, `Ủy ban nhân dân tỉnh`): both zoned title. The last block taken, or -1."""
    types = [t[:1] + t[1:].lower() for t in documents_vocab()["title_headings"]
             if t not in documents_vocab()["verb_like_types"]]
    for i, b in enumerate(blocks[:RUN_IN_SCAN]):
        text = b.text.strip()
        if b.is_row or find_marker(text)[0]:
            return -1
        rest = next((text[len(t):] for t in types if text.startswith(t + " ")), None)
        # a trích yếu alone above its issuing body: `Quy định về mức nộp tiền ...` / `Ủy ban ...`
        alone = rest is None and i == 0 and _issuing_body_line(blocks, 1) and len(text.split()) >= RUN_IN_MIN_WORDS
        if not alone and (rest is None or not rest.strip()[:1].islower() or len(text) > 400
                          or text.endswith((":", ";")) or RUN_IN_NOT_TITLE.match(rest)):
            continue
        zones[i] = "title"
        if i > 0 and len(blocks[i - 1].text.split()) <= RUN_IN_ISSUER_WORDS and zones[i - 1] == "body":
            zones[i - 1] = "letterhead"      # a byline above: `UBND tỉnh Long An`
        nxt = blocks[i + 1].text.strip() if i + 1 < len(blocks) else ""
        if nxt and len(nxt.split()) <= RUN_IN_ISSUER_WORDS and not nxt.endswith((".", ":", ";", ",")) \
                and not BODY_OPENERS.match(nxt) and not find_marker(nxt)[0]:
            zones[i + 1] = "title"
            return i + 1
        return i
    return -1


# How far down a run-in title may stand, and how long the issuing body's line under it
RUN_IN_SCAN = 6
# How long a trích yếu standing alone above its issuing body is at least
RUN_IN_MIN_WORDS = 5
# What follows a type word in a sentence about the document, never a trích yếu: `Kế hoạch
# này ...`, `Quyết định số ...`
RUN_IN_NOT_TITLE = re.compile(r"^\s*(?:này|số|có|được|đã|sẽ)\b")
RUN_IN_ISSUER_WORDS = 10
# Addressee continuation lines: `- Sở Công Thương;`, `Ủy ban nhân dân các xã, phường.`
DASH_OR_CONT = re.compile(r"^\s*[-–+•]\s*\S")


def _mark_metadata(blocks: tuple[Block, ...], zones: list[str]) -> None:
    """A portal's key/value block above the letterhead: `Số hiệu 161/KH-UBND`."""
    keys = tuple(vocab()["metadata_keys"])
    for i, b in enumerate(blocks[:25]):
        if zones[i] == "letterhead" and b.text.startswith(keys):
            zones[i] = "metadata"
    if any(z == "metadata" for z in zones[:25]):
        first = next(i for i, z in enumerate(zones) if z == "metadata")
        for i in range(first):
            if zones[i] == "letterhead":
                zones[i] = "metadata"


BULLET_STYLES = ("dash", "plus")
# Blocks that are no paragraph or row of the text (a footnote, a signature stamp): a leaf
# of their own zone, with a path that names the block (`note7`), never a task
NOTE_ZONE = "note"
NOTE_PATH = "note"


def build_tree(raw: RawDocument) -> DocumentTree:
    zones = assign_zones(raw.blocks)
    nodes: list[dict] = []
    stack: list[int] = []          # indices of open numbered items
    counters: dict[tuple[int | None, str], int] = {}
    prev_zone = None
    for b, zone in zip(raw.blocks, zones):
        if zone != prev_zone and zone in ("appendix", "signature", "body"):
            if zone == "appendix" or prev_zone in (None, "signature"):
                stack = []
        prev_zone = zone
        if b.kind not in ("paragraph", "row"):
            nodes.append({"index": len(nodes), "block": b.index, "marker": None, "text": b.text.strip(),
                          "path": f"{NOTE_PATH}{b.index}", "parent": None, "depth": 0, "zone": NOTE_ZONE,
                          "children": [], "is_heading": False})
            continue
        marker, rest = (None, b.text) if b.is_row else find_marker(b.text)
        if zone not in ("body", "appendix"):
            marker, rest = None, b.text
        r = rank(marker)
        if marker:
            while stack and rank(nodes[stack[-1]]["marker"]) >= r:
                stack.pop()
        else:
            # a paragraph after a bullet belongs to the bullet's parent, not the bullet
            while stack and nodes[stack[-1]]["marker"].style in BULLET_STYLES:
                stack.pop()
        parent = stack[-1] if stack else None
        label = _label(marker, b, parent, counters)
        base = nodes[parent]["path"] if parent is not None else ""
        path = f"{base}.{label}" if base and label else (label or base)
        heading = b.bold or b.heading or (not b.is_row and is_upper_heading(rest))
        nodes.append({"index": len(nodes), "block": b.index, "marker": marker, "text": rest.strip(),
                      "path": path, "parent": parent, "depth": len(stack), "zone": zone,
                      "children": [], "is_heading": heading})
        if parent is not None:
            nodes[parent]["children"].append(len(nodes) - 1)
        if marker:
            stack.append(len(nodes) - 1)
    return DocumentTree(raw=raw, nodes=tuple(
        Node(**{**n, "children": tuple(n["children"])}) for n in nodes))


def _label(marker: Marker | None, block: Block, parent: int | None,
           counters: dict[tuple[int | None, str], int]) -> str:
    if marker is None:
        if block.is_row and block.table is not None:
            return f"t{block.table}r{block.row}"
        key = (parent, "¶")
    elif marker.style in ("dash", "plus"):
        key = (parent, marker.style)
    else:
        return marker.label
    counters[key] = counters.get(key, 0) + 1
    sign = "¶" if marker is None else ("-" if marker.style == "dash" else "+")
    return f"{sign}{counters[key]}"
