"""Splitting a list of bodies into mentions (spec §3), and the tests on
mentions that the task extractors and the registry need (`is_collective`,
`split_title`). What a body's name is (head nouns, titles, collectives,
acronyms, where a name ends) is the grammar of `parsers.grammar.bodies`.

`split_mentions` cuts a list as written (an owner cell, a `Đơn vị phối hợp:`
value, the part after `phối hợp với`) at a top-level `,` `;` ` và ` ` với `
(not inside parentheses, a colon list `các Bộ: Công Thương, Tài chính`, or a
registry name such as `Bộ Văn hóa, Thể thao và Du lịch`) where the next part
starts a new body: `các`; a title (`Chủ tịch`, `người đứng đầu`); a capitalised
head noun with its name (`Sở Ngoại vụ`, not the `ban` of `các sở, ban, ngành`);
a body acronym (`VTV, VOV, TTXVN`); or, after a complete named body, anything
lower-case after a comma and anything after a semicolon. Other capitalised
words continue the name (`Viện Chiến lược, Chính sách tài nguyên và môi
trường`). Each mention is a substring of the normalised input. Names with a
separator inside come from the registry, `vocab/agencies.tsv`. Whether the part
after a separator starts a new body is decided in `extractors.mention_breaks`.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parsers.grammar.assignment import find_verb
from parsers.grammar.bodies import (PLURAL_AFTER_HEAD, body_opening, follows_head, is_named, joined_at,
                                    starts_named_head, starts_with_body)
from parsers.grammar.body_words import (acronym_at, after_space, collective_at, head_at, keys, next_word,
                                        patterns, title_at)
from parsers.grammar.matching import EDGE_PUNCT, NOT_LETTER, match_key, normalize
from parsers.grammar.body_words import vocab as bodies_vocab
from parsers.grammar.documents import vocab as documents_vocab
from extractors.mention_breaks import starts_new
from parsers.document_context import per_document
from parsers.grammar.alternation import alternation

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"

# A separator between two bodies: `Văn phòng UBND Thành phố, Sở Ngoại vụ`,
# `Sở Công Thương; Sở Xây dựng`, `Bộ Lao động - Thương binh và Xã hội,Thanh tra
# Chính phủ` (no space after the comma), `Sở Tư pháp và các cơ quan có liên quan`.
SEPARATOR_RE = re.compile(r"\s*[,;]\s*|\s+(?:và|với)\s+")
# A table cell that lists its bodies as bullets: `- Sở Y tế; - Cơ quan Công an các cấp; - UBND xã,
# phường`, `- UBND tỉnh - Các cơ quan tổ chức có liên quan (nếu có)`: its first bullet, and
# each later one (`; - `, ` - `) where a body follows it (not the ` - ` of `Sở Lao động -
# Thương binh và Xã hội`)
FIRST_BULLET = re.compile(r"^\s*[-+•]\s+")
NEXT_BULLET = re.compile(r"(?:[;,.]\s*|\s)[-+•]\s+(?=\S)")


@dataclass(frozen=True)
class _Lists:
    protected_re: re.Pattern | None
    sibling_heads: frozenset[str]
    linking: frozenset[str]


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    v = bodies_vocab()
    return _Lists(protected_re=_protected_names(), sibling_heads=frozenset(keys(v["sibling_heads"])),
                  linking=frozenset(keys(v["linking_words"])))


def _protected_names() -> re.Pattern | None:
    """Registry names (and aliases) with a separator inside: never cut there
    (`Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh`)."""
    names: list[str] = []
    with open(VOCAB_DIR / "agencies.tsv", encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            for name in [row["name"], *filter(None, (row["aliases"] or "").split("|"))]:
                name = unicodedata.normalize("NFC", name)
                if SEPARATOR_RE.search(name):
                    names += [match_key(form) for form in _abbreviated(name)]
    return re.compile("(?:" + alternation(names) + ")" + NOT_LETTER) if names else None


def _abbreviated(name: str) -> list[str]:
    """A name as written in full and with each of its bodies' acronyms: `Văn phòng Đoàn
    đại biểu Quốc hội và Hội đồng nhân dân tỉnh` also as `... và HĐND tỉnh`."""
    forms = [name]
    table = json.loads((VOCAB_DIR / "abbreviations.json").read_text(encoding="utf-8"))["expansions"]
    for short, full in table.items():
        if short.isupper() and len(short) >= 3 and " " in full:
            forms += [f.replace(full, short) for f in forms if full in f]
    return forms


# --- splitting ---------------------------------------------------------------

def _blocked(text: str, key: str) -> list[bool]:
    """Positions where no cut is made: inside parentheses, after a colon up to
    the next `;` or a new body that is no member of the frame, inside a registry
    name with a separator in it."""
    blocked = [False] * (len(text) + 1)
    depth, frame = 0, False
    for i, c in enumerate(text):
        depth = depth + 1 if c in "([" else max(0, depth - 1) if c in ")]" else depth
        if depth == 0 and c == ":":
            frame = "short" if _short_names_after(text, key, i + 1) else "full"
        elif depth == 0 and c == ";":
            frame = False
        elif frame == "short" and depth == 0 and (sep := SEPARATOR_RE.match(text, i)) and sep.end() > i + 1 \
                and _leaves_frame(text, key, sep.end()):
            frame = False
        blocked[i] = depth > 0 or bool(frame)
    for m in _lists().protected_re.finditer(key) if _lists().protected_re else ():
        blocked[m.start():m.end()] = [True] * (m.end() - m.start())
    comma = key.find(",")
    while comma >= 0:
        if joined_at(key, comma):                   # `phòng, chống`: inside one name
            blocked[comma] = True
        comma = key.find(",", comma + 1)
    return blocked


def _short_names_after(text: str, key: str, pos: int) -> bool:
    """Does the colon list at `pos` give its members by their short names (`các Bộ:
    Công Thương, Tài chính`), not as full names (`Thủ trưởng các cơ quan: Văn phòng
    UBND tỉnh, Sở Công Thương`)?"""
    pos = after_space(key, pos)
    return pos < len(text) and not starts_named_head(text, key, pos)


def _leaves_frame(text: str, key: str, pos: int) -> bool:
    """After a colon list of short names, a collective or a head noun with its name
    is a new body, no member: `các Bộ: Tài chính, Y tế| và các Bộ, cơ quan, địa
    phương`, `các sở: Nội vụ, Tư pháp| và Văn phòng Ủy ban nhân dân tỉnh`; a member
    that is a multi-word head alone (`Công an`) is still one."""
    if patterns().new_collective.match(key, pos):
        return True
    end = head_at(text, key, pos)
    return bool(end) and follows_head(text, key, pos, end) in ("name", "plural")


def _cut_siblings(text: str) -> list[str]:
    """`Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ` (a lost comma):
    split where the leading head noun recurs, capitalised and named, after a
    word that does not link it to the name before."""
    v = _lists()
    key = match_key(text)
    end = head_at(text, key, 0)
    head = key[:end]
    if head not in v.sibling_heads or not is_named(text, key):
        return [text]
    pos = key.find(f" {head} ", end)
    while pos > 0:
        before = key[:pos].rsplit(" ", 1)[-1]
        if (text[pos + 1].isupper() and starts_named_head(text, key, pos + 1) and before not in v.linking
                and text[:pos].count("(") <= text[:pos].count(")")):
            return [text[:pos], *_cut_siblings(text[pos + 1:])]
        pos = key.find(f" {head} ", pos + 1)
    return [text]


def _bullets(text: str, first: re.Match) -> list[str]:
    """The items of a bulleted list of bodies whose first bullet is `first`."""
    items, start = [], first.end()
    for m in NEXT_BULLET.finditer(text, start):
        if starts_with_body(text[m.end():]):
            items.append(text[start:m.start()])
            start = m.end()
    return items + [text[start:]]


@per_document
def split_mentions(text: str) -> tuple[str, ...]:
    """Split a list of bodies as written into mentions (spec §3)."""
    text = normalize(text)
    if not text:
        return ()
    first = FIRST_BULLET.match(text)
    if first:
        return tuple(m for item in _bullets(text, first) for m in split_mentions(item))
    key = match_key(text)
    blocked = _blocked(text, key)
    pieces: list[tuple[str, int, int]] = []     # (separator, start, end)
    start, sep = 0, ""
    for m in SEPARATOR_RE.finditer(text):
        if blocked[m.start()] or blocked[m.end() - 1] or m.start() == 0:
            continue
        pieces.append((sep, start, m.start()))
        sep, start = m.group(0).strip() or ",", m.end()
    pieces.append((sep, start, len(text)))

    bounds: list[list[int]] = []
    for sep, s, e in pieces:
        if s >= e:
            continue
        if bounds:
            cur = text[bounds[-1][0]:bounds[-1][1]]
            if not starts_new(text, key, s, sep, cur):
                bounds[-1][1] = e
                continue
        bounds.append([s, e])
    parts = (_trim(part.strip(EDGE_PUNCT)) for s, e in bounds for part in _cut_siblings(text[s:e]))
    return tuple(part for part in parts
                 if part and not _bare_collective(part) and not _bare_kind(part) and not _cut_in_parenthesis(part)
                 and not _names_a_document(part))


@lru_cache(maxsize=1)
def _document_re() -> re.Pattern:
    """A document type opening a piece, after a collective word: `các văn bản thi hành Luật
    Việc làm`, `Luật Đất đai`, `Kế hoạch này`."""
    v = documents_vocab()
    types = {t.casefold() for t in v["heading_types"]} | {t.casefold() for t in v["cited_types"]}
    return re.compile(r"(?:(?:các|những) )?(?:" + alternation(sorted(types)) + r")(?![\w])")


def _names_a_document(part: str) -> bool:
    """A law, a decree, a plan or `các văn bản ...` is never a body (issue 13)."""
    return bool(_document_re().match(match_key(part).casefold()))


def _cut_in_parenthesis(part: str) -> bool:
    """A piece that closes a parenthesis it never opened was cut inside one: `Văn phòng
    Chính phủ) vào thứ Sáu hàng tuần` of `(qua Bộ Nội vụ, Văn phòng Chính phủ)`; no mention."""
    depth = 0
    for c in part:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return True
    return False


# who was assigned, a relative clause inside a mention: `Các cơ quan| được phân công chủ trì ...`
ASSIGNED_TO = re.compile(r"(?:đã )?được (?:giao|phân công)(?![\w])")
CLAUSE_WORDS = 3       # words after a verb that make a clause, not part of a name
CLAUSE_WORDS_AFTER_LIST = 5   # the same after a collective (`các Bộ quản lý lĩnh vực` is a name)


def _trim(part: str) -> str:
    """A mention without what is not part of a name (spec §3): the clause after a named
    body (`Sở Khoa học và Công nghệ| tiến hành rà soát các văn bản ...`), a scope qualifier
    (`các sở, ban, ngành Thành phố| trong phạm vi chức năng, nhiệm vụ của mình`), a
    role after a dash (`Sở Lao động - Thương binh và Xã hội| - thường trực kế hoạch`)."""
    for pattern in (_scope_re(), _role_re()):
        m = pattern.search(part)
        if m and m.start() > 0:
            part = part[:m.start()]
    verb = find_verb(part)
    if verb and verb.start() > 0 and part[verb.start():verb.end()] != "là" and "(" not in part[:verb.start()] \
            and not ASSIGNED_TO.match(part, verb.start()):
        name = part[:verb.start()].strip(EDGE_PUNCT)
        words = len(part[verb.end():].split())
        if (is_named(name, match_key(name)) and words >= CLAUSE_WORDS) or (
                body_opening(name) and words >= CLAUSE_WORDS_AFTER_LIST):
            part = name                     # `Sở Khoa học và Công nghệ| tiến hành rà soát ...`
    part = part.strip(EDGE_PUNCT)
    while " " in part and _dangles(part):       # `Ban Chỉ đạo Trung ương| về`, `Ủy ban nhân dân cấp xã| tự`
        part = part.rsplit(" ", 1)[0].strip(EDGE_PUNCT)
    return part


def _dangles(part: str) -> bool:
    """Does `part` end on a word a name never ends on: a conjunction or a preposition
    (`về`, `và`), or an adverb of the verb cut off after it (`tự`, `sớm`) unless it closes
    a noun (`an ninh, trật tự`)?"""
    words = part.split()
    last = words[-1]
    if last in _dangling():
        return True
    nouns = _dangling_adverbs().get(last)
    return nouns is not None and (len(words) < 2 or words[-2] not in nouns)


@lru_cache(maxsize=1)
def _dangling() -> frozenset[str]:
    """The words a name never ends on: `về`, `và`, `của`, ..."""
    return frozenset(bodies_vocab()["dangling_words"])


@lru_cache(maxsize=1)
def _dangling_adverbs() -> dict[str, frozenset[str]]:
    return {w: frozenset(nouns) for w, nouns in bodies_vocab()["dangling_adverbs"].items()}


@lru_cache(maxsize=1)
def _scope_re() -> re.Pattern:
    return re.compile(r"\s+(?:" + alternation(bodies_vocab()["scope_qualifiers"]) + r")(?![\w]).*$")


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern:
    roles = bodies_vocab()["role_suffixes"]
    roles = roles + [r[:1].upper() + r[1:] for r in roles]      # `- Cơ quan thường trực Ban Chỉ đạo`
    return re.compile(r"\s+[-–]\s+(?:" + alternation(roles) + r")(?![\w]).*$")


def _bare_collective(part: str) -> bool:
    """`các`, `những` alone: the start of a collective with no noun is no mention."""
    return bool(collective_at(match_key(part), 0) == len(part))


def _bare_kind(part: str) -> bool:
    """A lower-case noun for a body of any kind alone (`cơ quan`, `đơn vị`), left where its
    relative clause was cut off (`phối hợp với| cơ quan| thiết lập cấp độ an ninh`,
    `Sở Y tế, đơn vị| cung cấp dịch vụ`): it names no body, no mention (issue 13)."""
    return part[:1].islower() and match_key(part) in _bare_kinds()


@lru_cache(maxsize=1)
def _bare_kinds() -> frozenset[str]:
    return frozenset(bodies_vocab()["bare_kinds"])


# --- helpers for the task extractors and the registry ---------------------------

def split_title(mention: str) -> tuple[str, str]:
    """An office-holder's title and the body after it: `Chủ tịch Ủy ban nhân
    dân các xã, phường` -> (`Chủ tịch`, `Ủy ban nhân dân các xã, phường`);
    ("", mention) when the mention starts with no title."""
    end = title_at(match_key(mention), 0)
    return (mention[:end], mention[end:].strip()) if end else ("", mention)


# `cơ quan chuyên môn thuộc Bộ Nông nghiệp và Phát triển nông thôn`: a generic
# noun tied to one named body describes that one body.
_BELONGS_TO_RE = re.compile(r" thuộc (?=\S)")


def is_collective(mention: str) -> bool:
    """Does the mention name no single body? `các đơn vị liên quan`,
    `UBND các huyện`, `Các Sở, ngành`, `Bộ, ngành, địa phương`, `UBND cấp xã`,
    `Thủ trưởng các cơ quan` -> True; `Sở Ngoại vụ`, `Công an tỉnh`,
    `Ban Quản lý các Khu công nghiệp`, `cơ quan chuyên môn thuộc Bộ Nông nghiệp
    và Phát triển nông thôn` (one body) -> False."""
    text = normalize(mention)
    if not text:
        return False
    p = patterns()
    key = match_key(text)
    if collective_at(key, 0):
        return True
    title_end = title_at(key, 0)
    if title_end:
        rest = text[title_end:].strip()
        return not rest or is_collective(rest)
    head_end = head_at(text, key, 0) or acronym_at(text, 0)
    if head_end and p.collective_word.fullmatch(key[:head_end]) and not next_word(text, head_end)[:1].isupper():
        return True                          # a kind of body, not one: `Doanh nghiệp viễn thông`
    if head_end:
        plural = PLURAL_AFTER_HEAD.match(key, head_end)
        if plural:
            nxt = plural.end()               # `UBND các huyện`, not `Ban Quản lý các Khu công nghiệp`
            return bool(p.collective_word.match(key, nxt) or p.admin_unit.match(key, nxt))
        nxt = after_space(key, head_end)
        if nxt >= len(key):
            return " " not in key[:head_end] and not acronym_at(text, 0)  # a bare `Bộ`, not `VTV`
        if key[nxt] in ",;" or (text[nxt].islower() and p.collective_word.match(key, nxt)):
            return True                      # `Bộ, ngành`, `Bộ ngành liên quan`
        return any(p.admin_unit.match(key, m.end()) for m in SEPARATOR_RE.finditer(key) if "," in m.group(0))
    if text[0].islower() or p.collective_word.match(key, 0):
        one_body = _BELONGS_TO_RE.search(key)
        return not (one_body and "," not in text and starts_named_head(text, key, one_body.end()))
    return False
