"""Splitting a list of bodies into mentions (spec §3), and the tests on body
names that the task extractors need (`starts_with_body`, `is_collective`).

`split_mentions` cuts a list as written (an owner cell, a `Đơn vị phối hợp:`
value, the part after `phối hợp với`) at a top-level `,` `;` ` và ` ` với `
(not inside parentheses, a colon list `các Bộ: Công Thương, Tài chính`, or a
registry name such as `Bộ Văn hóa, Thể thao và Du lịch`) where the next part
starts a new body: `các`; a title (`Chủ tịch`, `người đứng đầu`); a capitalised
head noun with its name (`Sở Ngoại vụ`, not the `ban` of `các sở, ban, ngành`);
a body acronym (`VTV, VOV, TTXVN`); or, after a complete named body, anything
lower-case after a comma and anything after a semicolon. Other capitalised
words continue the name (`Viện Chiến lược, Chính sách tài nguyên và môi
trường`). Each mention is a substring of the normalised input. Vocabularies
are in `vocab/bodies.json`; names with a separator come from `vocab/agencies.tsv`.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parsers.document_context import per_document

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"

# A separator between two bodies: `Văn phòng UBND Thành phố, Sở Ngoại vụ`,
# `Sở Công Thương; Sở Xây dựng`, `Bộ Lao động - Thương binh và Xã hội,Thanh tra
# Chính phủ` (cp-nq-03: no space after the comma), `Sở Tư pháp và các cơ quan
# có liên quan`.
SEPARATOR_RE = re.compile(r"\s*[,;]\s*|\s+(?:và|với)\s+")

# Punctuation that may not begin or end a mention (spec §2): `... thuộc Bộ TN&MT.`
EDGE_PUNCT = " .;,:"

# Not followed by a letter: a vocabulary word ends where a word ends
# (`Bộ` in `Bộ Công an`, not in `Bột`; `Ban` in `Ban Dân nguyện`, not in `Bản`).
_NOT_LETTER = r"(?![^\W\d_])"

# A word of letters, digits and the joiners of Vietnamese acronyms:
# `TN&MT`, `KH,CN&MT` is two tokens (`KH`, `CN&MT`), `TTXVN`.
WORD_RE = re.compile(r"[^\W_][\w&]*")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def lower_same_length(text: str) -> str:
    """Lower-case letter by letter, keeping offsets (no 'İ' -> 'i̇' growth)."""
    lowered = text.lower()
    # the whole string at once when no letter grew and no final-sigma rule applied
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=1)
def _tone_table() -> tuple[dict[str, str], re.Pattern]:
    abbrev = json.loads((VOCAB_DIR / "abbreviations.json").read_text(encoding="utf-8"))
    pairs = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v)
             for k, v in abbrev["tone_placement"].items()}
    # `uỷ` of `Uỷ ban`, `oá` of `Thanh Hoá`: the last two vowels of a syllable,
    # never after `q` (`quý` is right in both styles).
    pattern = re.compile(r"(?<![qQ])(?:" + _alternation(list(pairs)) + ")" + _NOT_LETTER, re.IGNORECASE)
    return pairs, pattern


def unify_tone(text: str) -> str:
    """Old-style tone placement to the registry's style, keeping length:
    `Uỷ ban` -> `Ủy ban`, `Thanh Hoá` -> `Thanh Hóa`, `thuỷ` -> `thủy`;
    `quý`, `hoàn`, `khuya` are left alone."""
    pairs, pattern = _tone_table()

    def fix(m: re.Match) -> str:
        pair = m.group(0)
        new = pairs[pair.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(pair, new))

    return pattern.sub(fix, text)


@per_document
def match_key(text: str) -> str:
    """The form vocabularies are matched on: tone-unified, lower-case, same length."""
    return lower_same_length(unify_tone(text))


def normalize(text: str) -> str:
    """NFC, white space folded, no leading/trailing spaces or `.;,:`."""
    return " ".join(unicodedata.normalize("NFC", text or "").split()).strip(EDGE_PUNCT)


@dataclass(frozen=True)
class _Vocab:
    head_re: re.Pattern          # all patterns match on `match_key` text
    title_re: re.Pattern
    collective_re: re.Pattern
    new_collective_re: re.Pattern
    collective_word_re: re.Pattern
    admin_unit_re: re.Pattern
    verb_stop_re: re.Pattern
    protected_re: re.Pattern | None
    acronyms: frozenset[str]
    sibling_heads: frozenset[str]
    linking: frozenset[str]


def _keys(words) -> list[str]:
    return [match_key(unicodedata.normalize("NFC", w)) for w in words]


def _word_re(words) -> re.Pattern:
    return re.compile("(?:" + _alternation(_keys(words)) + ")" + _NOT_LETTER)


@lru_cache(maxsize=1)
def load_bodies() -> dict:
    """The raw vocabulary of `vocab/bodies.json` (shared with agencies.py)."""
    return json.loads((VOCAB_DIR / "bodies.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    bodies = load_bodies()
    verbs = _alternation(_keys(bodies["body_end_verbs"]))
    return _Vocab(
        head_re=_word_re(bodies["head_nouns"]),
        title_re=_word_re(bodies["titles"]),
        collective_re=_word_re(bodies["collective_starts"]),
        new_collective_re=_word_re(bodies["new_collective_starts"]),
        collective_word_re=_word_re(bodies["collective_words"]),
        admin_unit_re=_word_re(list(bodies["admin_units"])),
        # what ends a body's name at the start of a sentence: `Sở Công Thương
        # chủ trì, ...`, `Cục Biến đổi khí hậu có trách nhiệm:`, `Viện ...; Viện ...`
        verb_stop_re=re.compile(r"[,;:()\[\]]|\.(?!\S)| (?:và|với) | (?:" + verbs + ")" + _NOT_LETTER),
        protected_re=_protected_names(),
        acronyms=frozenset(bodies["body_acronyms"]),
        sibling_heads=frozenset(_keys(bodies["sibling_heads"])),
        linking=frozenset(_keys(bodies["linking_words"])),
    )


def _protected_names() -> re.Pattern | None:
    """Registry names (and aliases) with a separator inside: never cut there
    (`Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh`)."""
    names: list[str] = []
    with open(VOCAB_DIR / "agencies.tsv", encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            for name in [row["name"], *filter(None, (row["aliases"] or "").split("|"))]:
                if SEPARATOR_RE.search(name):
                    names.append(match_key(unicodedata.normalize("NFC", name)))
    return re.compile("(?:" + _alternation(names) + ")" + _NOT_LETTER) if names else None


# --- what a part starts with ------------------------------------------------

def _next_word(text: str, pos: int) -> str:
    m = WORD_RE.match(text, pos + (len(text[pos:]) - len(text[pos:].lstrip())))
    return m.group(0) if m else ""


def _head_at(text: str, key: str, pos: int) -> int:
    """End of a capitalised head noun at `pos` (0 if none)."""
    m = _vocab().head_re.match(key, pos)
    return m.end() if m and text[pos].isupper() else 0


def _title_at(key: str, pos: int) -> int:
    return (m := _vocab().title_re.match(key, pos)) and m.end() or 0


def _collective_at(key: str, pos: int) -> int:
    return (m := _vocab().collective_re.match(key, pos)) and m.end() or 0


def _acronym_at(text: str, pos: int) -> int:
    return (m := WORD_RE.match(text, pos)) and m.group(0) in _vocab().acronyms and m.end() or 0


def _follows_head(text: str, key: str, head: int, end: int) -> str:
    """What follows a head noun ending at `end`: "" (nothing), "name" (a
    capitalised word, an acronym, `tỉnh`: `Sở Ngoại vụ`, `Báo TN&MT`, `Công an
    tỉnh`, anything after a multi-word head), "plural" (`các`/`cấp`: `UBND các
    huyện`) or "other" (`Bộ ngành`). The head starts at `head`."""
    word = _next_word(text, end)
    if not word:
        return ""
    start = text.index(word, end)
    if key.startswith(("các ", "cấp "), start):
        return "plural"
    if word[0].isupper() or word in _vocab().acronyms or _vocab().admin_unit_re.match(key, start):
        return "name"
    return "name" if " " in key[head:end] else "other"      # `Tòa án nhân dân tối cao`


def _starts_named_head(text: str, key: str, pos: int = 0) -> bool:
    """A capitalised head noun followed by its name: `Sở Ngoại vụ`, `Công an
    tỉnh`, `UBND các xã`, `Tòa án nhân dân tối cao` (a multi-word head)."""
    end = _head_at(text, key, pos) or _acronym_at(text, pos)
    if not end:
        return False
    follows = _follows_head(text, key, pos, end)
    return follows in ("name", "plural") or (follows == "" and " " in key[pos:end])


def _is_named(text: str, key: str) -> bool:
    """Does the mention name one body by its proper name (`Bộ Tài chính`,
    `Cục Bảo tồn thiên nhiên và Đa dạng sinh học`), not a collective (`các sở,
    ngành`, `UBND cấp xã`, `Bộ, ngành`) or an office-holder?"""
    if _title_at(key, 0) or _collective_at(key, 0):
        return False
    end = _head_at(text, key, 0) or _acronym_at(text, 0)
    return bool(end) and _follows_head(text, key, 0, end) == "name"


def starts_new_body(text: str, key: str, pos: int) -> bool:
    """Does a new body start at `pos` (after a separator)?"""
    return bool(_vocab().new_collective_re.match(key, pos) or _title_at(key, pos) or _starts_named_head(text, key, pos)
                or _acronym_at(text, pos))


# --- splitting ---------------------------------------------------------------

def _blocked(text: str, key: str) -> list[bool]:
    """Positions where no cut is made: inside parentheses, after a colon up to
    the next `;`, inside a registry name with a separator in it."""
    blocked = [False] * (len(text) + 1)
    depth, frame = 0, False
    for i, c in enumerate(text):
        depth = depth + 1 if c in "([" else max(0, depth - 1) if c in ")]" else depth
        frame = (frame or c == ":") and not c == ";" if depth == 0 else frame
        blocked[i] = depth > 0 or frame
    for m in _vocab().protected_re.finditer(key) if _vocab().protected_re else ():
        blocked[m.start():m.end()] = [True] * (m.end() - m.start())
    return blocked


def _cut_siblings(text: str) -> list[str]:
    """`Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ` (a lost comma):
    split where the leading head noun recurs, capitalised and named, after a
    word that does not link it to the name before."""
    v = _vocab()
    key = match_key(text)
    end = _head_at(text, key, 0)
    head = key[:end]
    if head not in v.sibling_heads or not _is_named(text, key):
        return [text]
    pos = key.find(f" {head} ", end)
    while pos > 0:
        before = key[:pos].rsplit(" ", 1)[-1]
        if (text[pos + 1].isupper() and _starts_named_head(text, key, pos + 1) and before not in v.linking
                and text[:pos].count("(") <= text[:pos].count(")")):
            return [text[:pos], *_cut_siblings(text[pos + 1:])]
        pos = key.find(f" {head} ", pos + 1)
    return [text]


@per_document
def split_mentions(text: str) -> tuple[str, ...]:
    """Split a list of bodies as written into mentions (spec §3)."""
    text = normalize(text)
    if not text:
        return ()
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
            if not _starts_new(text, key, s, sep, cur):
                bounds[-1][1] = e
                continue
        bounds.append([s, e])
    parts = (part.strip(EDGE_PUNCT) for s, e in bounds for part in _cut_siblings(text[s:e]))
    return tuple(part for part in parts if part)


def _starts_new(text: str, key: str, pos: int, sep: str, current: str) -> bool:
    """Does the part at `pos`, after separator `sep`, start a new mention?"""
    if starts_new_body(text, key, pos):
        return True
    v = _vocab()
    cur_key = match_key(current)
    if v.admin_unit_re.match(key, pos) and v.admin_unit_re.fullmatch(cur_key.rsplit(" ", 1)[-1]):
        return False                        # `Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương`
    if sep in ",;" and _is_named(current, cur_key):
        # after a complete named body: `..., cơ quan chuyên môn thuộc Bộ ...`,
        # `Bộ Tài chính, bộ, ngành liên quan`, a truncated `..., Bộ` (cp-nq-03 row 3)
        return sep == ";" or text[pos].islower() or bool(_head_at(text, key, pos))
    return False


# --- helpers for the task extractors and the registry ---------------------------

def split_title(mention: str) -> tuple[str, str]:
    """An office-holder's title and the body after it: `Chủ tịch Ủy ban nhân
    dân các xã, phường` -> (`Chủ tịch`, `Ủy ban nhân dân các xã, phường`);
    ("", mention) when the mention starts with no title."""
    end = _title_at(match_key(mention), 0)
    return (mention[:end], mention[end:].strip()) if end else ("", mention)


def _after_space(key: str, pos: int) -> int:
    return pos + 1 if key[pos:pos + 1] == " " else pos


def starts_with_body(text: str) -> int:
    """Length of the body name (head noun, acronym, title or `các` + noun, and
    its name) that `text` starts with, 0 if none. It ends before a verb of
    `body_end_verbs`, punctuation, or ` và ` + another body: `Sở Công Thương chủ
    trì, ...` -> len('Sở Công Thương'); commas continue a collective (`Chủ tịch
    Ủy ban nhân dân các xã, phường chịu trách nhiệm` -> up to `phường`)."""
    if not text:
        return 0
    v = _vocab()
    key = match_key(text)
    if _title_at(key, 0):
        end, is_list = _title_at(key, 0), True
    elif _collective_at(key, 0):
        end, is_list = _collective_at(key, 0), True
        nxt = _after_space(key, end)
        if not (v.collective_word_re.match(key, nxt) or v.head_re.match(key, nxt)):
            return 0
    elif _head_at(text, key, 0) or _acronym_at(text, 0):
        end = _head_at(text, key, 0) or _acronym_at(text, 0)
        is_list = not _is_named(text, key)
    else:
        return 0
    pos = end
    while True:
        m = v.verb_stop_re.search(key, pos)
        if not m:
            end = len(text)
            break
        stop, after = m.group(0), m.end()
        if stop[0] == " " and stop not in (" và ", " với ") and not text[m.start() + 1].islower():
            pos = after                     # `Ban Chỉ đạo`, `Ban Tổ chức`: a name, not a verb
            continue
        if stop in (" và ", " với ") and not starts_new_body(text, key, after):
            pos = after                     # `Sở Văn hóa và Thể thao`
            continue
        nxt = _after_space(key, after)
        if stop == "," and is_list and (v.collective_word_re.match(key, nxt) or v.admin_unit_re.match(key, nxt)):
            pos = after                     # `các sở, ban, ngành`, `các xã, phường`
            continue
        end = m.start()
        break
    return len(text[:end].rstrip(EDGE_PUNCT))


# A plural or a level right after a head noun: `UBND các huyện`, `UBND cấp xã`
# (laocai-134), not `Ban Quản lý các Khu công nghiệp` (a name: see is_collective).
_PLURAL_RE = re.compile(r" (?:các|cấp|những) ")

# `cơ quan chuyên môn thuộc Bộ Nông nghiệp và Phát triển nông thôn` (btnmt-09):
# a generic noun tied to one named body describes that one body.
_BELONGS_TO_RE = re.compile(r" thuộc (?=\S)")


def is_collective(mention: str) -> bool:
    """Does the mention name no single body? `các đơn vị liên quan`,
    `UBND các huyện`, `Các Sở, ngành`, `Bộ, ngành, địa phương`, `UBND cấp xã`,
    `Thủ trưởng các cơ quan` -> True; `Sở Ngoại vụ`, `Công an tỉnh`,
    `Ban Quản lý các Khu công nghiệp`, `cơ quan chuyên môn thuộc Bộ Nông nghiệp
    và Phát triển nông thôn` (one body, btnmt-09 notes) -> False."""
    text = normalize(mention)
    if not text:
        return False
    v = _vocab()
    key = match_key(text)
    if _collective_at(key, 0):
        return True
    title_end = _title_at(key, 0)
    if title_end:
        rest = text[title_end:].strip()
        return not rest or is_collective(rest)
    head_end = _head_at(text, key, 0) or _acronym_at(text, 0)
    if head_end:
        plural = _PLURAL_RE.match(key, head_end)
        if plural:
            nxt = plural.end()               # `UBND các huyện`, not `Ban Quản lý các Khu công nghiệp`
            return bool(v.collective_word_re.match(key, nxt) or v.admin_unit_re.match(key, nxt))
        nxt = _after_space(key, head_end)
        if nxt >= len(key):
            return " " not in key[:head_end] and not _acronym_at(text, 0)  # a bare `Bộ`, not `VTV`
        if key[nxt] in ",;" or (text[nxt].islower() and v.collective_word_re.match(key, nxt)):
            return True                      # `Bộ, ngành`, `Bộ ngành liên quan`
        return any(v.admin_unit_re.match(key, m.end()) for m in SEPARATOR_RE.finditer(key) if "," in m.group(0))
    if text[0].islower() or v.collective_word_re.match(key, 0):
        one_body = _BELONGS_TO_RE.search(key)
        return not (one_body and "," not in text and _starts_named_head(text, key, one_body.end()))
    return False
