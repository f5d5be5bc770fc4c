"""The grammar of body names (spec §3): how administrative Vietnamese names the
bodies that are given work.

A body's name opens with
- a whole body (`Chính phủ`, `Ủy ban nhân dân`, `Công an`, `Bộ, ngành`);
- a head noun with its name after it (`Sở Ngoại vụ`, `Công an tỉnh`, `UBND các
  xã`, `Ban Quản lý ...`), capitalised as the start of a name (not the `ban` of
  `các sở, ban, ngành`, not `Báo cáo`);
- an office-holder's title with the body it heads (`Chủ tịch Ủy ban nhân dân các
  xã`, `Giám đốc các Sở`, `Người đứng đầu cơ quan`): a bare title is no body;
- `các` with a noun of bodies (`các sở, ngành`, `Các Bộ`, `các xã`);
- an acronym of a body (`UBND`, `VTV`, `TTXVN`);
- a province or a city of the centre named with its unit (`Thành phố Hà Nội`, `tỉnh
  Lâm Đồng`), the locality acting as a body, as conclusions give it work.
It ends before its verb (`Sở Công Thương| chủ trì, ...`), at punctuation, or at
` và `/` với ` followed by another body; commas go on inside a collective (`các
sở, ban, ngành`, `các xã, phường`).

Word lists: `vocab/bodies.json`, as patterns in `parsers.grammar.body_words`; the verbs are
those of `parsers.grammar.assignment`.
All matching is on `match_key` text (parsers.grammar.matching): lower-cased letter by
letter (same length), old-style tone placement unified (`Uỷ ban` = `Ủy ban`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from parsers.grammar.assignment import in_noun_phrase, verb_pattern, vocab as assignment_vocab
from parsers.grammar.body_words import (acronym_at, after_space, collective_at, head_at, keys, next_word,
                                        patterns, title_at, vocab)
from parsers.grammar.places import lookup
from parsers.grammar.matching import EDGE_PUNCT, match_key

# An upper-case token that names a body, not an upper-case heading: `VTV, VOV, TTXVN
# thực hiện ...`, `UBND tỉnh`, `BQL các khu công nghiệp`
ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ&]{1,7}(?=[\s,;:)]|$)(?!\s+[A-ZĐÀ-Ỹ]{2,})")
# A plural or a level right after a head noun: `UBND các huyện`, `UBND cấp xã`
PLURAL_AFTER_HEAD = re.compile(r" (?:các|cấp|những) ")
# A province's unit word and the capitalised words that may name it: `Thành phố Hà Nội|
# và các tỉnh ...`, `tỉnh Lâm Đồng| đẩy nhanh ...`, `Thành phố Hồ Chí Minh|, tỉnh ...`
PROVINCE_OPENING = re.compile(r"(?:[Tt]ỉnh|[Tt]hành phố)((?: [A-ZĐ][^\W\d_]*){1,4})")


def follows_head(text: str, key: str, head: int, end: int) -> str:
    """What follows a head noun ending at `end`: "" (nothing), "name" (a
    capitalised word, an acronym, `tỉnh`: `Sở Ngoại vụ`, `Báo TN&MT`, `Công an
    tỉnh`, anything after a multi-word head), "plural" (`các`/`cấp`: `UBND các
    huyện`) or "other" (`Bộ ngành`). The head starts at `head`."""
    word = next_word(text, end)
    if not word:
        return ""
    start = text.index(word, end)
    if key.startswith(("các ", "cấp "), start):
        return "plural"
    if word[0].isupper() or word in patterns().acronyms or patterns().admin_unit.match(key, start):
        return "name"
    return "name" if " " in key[head:end] else "other"      # `Tòa án nhân dân tối cao`


def starts_named_head(text: str, key: str, pos: int = 0) -> bool:
    """A capitalised head noun followed by its name: `Sở Ngoại vụ`, `Công an
    tỉnh`, `UBND các xã`, `Tòa án nhân dân tối cao` (a multi-word head)."""
    end = head_at(text, key, pos) or acronym_at(text, pos)
    if not end:
        return False
    follows = follows_head(text, key, pos, end)
    return follows in ("name", "plural") or (follows == "" and " " in key[pos:end])


def is_named(text: str, key: str) -> bool:
    """Does the text name one body by its proper name (`Bộ Tài chính`, `Cục Bảo
    tồn thiên nhiên và Đa dạng sinh học`), not a collective (`các sở, ngành`,
    `UBND cấp xã`, `Bộ, ngành`) or an office-holder?"""
    if title_at(key, 0) or collective_at(key, 0):
        return False
    end = head_at(text, key, 0) or acronym_at(text, 0)
    if end and patterns().collective_word.fullmatch(key[:end]) and not next_word(text, end)[:1].isupper():
        return False                        # a kind of body: `Doanh nghiệp viễn thông`
    return bool(end) and follows_head(text, key, 0, end) == "name"


# --- where a body's name opens and ends ------------------------------------------

def _names_after(text: str, key: str, end: int) -> bool:
    """Something after a head noun or title at `end` that makes it a name: a
    capitalised word or acronym, `các`/`cấp`, a follower (`tỉnh`, `chuyên môn`),
    a noun of bodies (`cơ quan`), or another title (`Bộ trưởng, Thủ trưởng ...`)."""
    if end >= len(key):
        return False
    p = patterns()
    nxt = after_space(key, end)
    if key[end:end + 2] == ", " and title_at(key, end + 2) and text[end + 2].isupper():
        return True
    if nxt == end or nxt >= len(key):
        return False
    return bool(text[nxt].isupper() or ACRONYM.match(text, nxt) or p.follower.match(key, nxt)
                or p.collective_word.match(key, nxt) or p.new_collective.match(key, nxt))


SEGMENT_WORDS = 6        # words of the text that the segmenter reads to tell a head noun


def _lower_case_name(text: str, pos: int, end: int) -> int:
    """A head noun followed by a lower-case name: `Đoàn kiểm tra`, `Hội đồng thẩm định
    Nhà nước`, `Ban quản lý dự án`, `Hội đồng quản trị`, as opposed to a word that
    merely starts with the head's syllable: `Báo cáo`, `Tổ chức`, `Ban hành`, `Hội nghị`,
    `Trường hợp`, `Sở hữu`. Vietnamese writes no word boundaries, so a word segmenter
    (underthesea's, offline) tells them apart: the head must stand as a word of its own
    (or open a longer name when it has two syllables: `Hội đồng quản trị`). Returns
    the end of the head and of the first word of its name, or 0."""
    nxt = after_space(text, end)
    if nxt == end or nxt >= len(text) or not text[nxt].islower():
        return 0
    words = _segment(" ".join(text[pos:].split()[:SEGMENT_WORDS]))
    head = " ".join(text[pos:end].split())
    if words and words[0].startswith(head + " ") and " " in head:
        return end                          # `Hội đồng quản trị`
    joined = ""
    for i, word in enumerate(words):
        joined = f"{joined} {word}".strip()
        if joined == head:                  # the head is made of whole words: `Ban| quản lý| dự án`
            name = words[i + 1] if i + 1 < len(words) else ""
            if not name[:1].islower() or not text.startswith(name, nxt) or _is_work(name):
                return 0                    # `Trung tâm| chủ trì ...`, `Bộ| đã ...`: the head's work
            return nxt + len(name)
        if len(joined) >= len(head):
            return 0
    return 0


def _is_work(word: str) -> bool:
    """Is a lower-case word after a head noun the body's work, not its name?"""
    return word in _work_words() and word not in vocab()["name_verbs"]


@lru_cache(maxsize=1)
def _work_words() -> frozenset[str]:
    return frozenset(assignment_vocab()["verbs"] + assignment_vocab()["handing_verbs"])


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # loaded on first use: a large model
    return tuple(word_tokenize(text))


@lru_cache(maxsize=8192)
def body_opening(text: str, pos: int = 0) -> int:
    """End of the words that open a body's name at `pos` (0: no body opens there):
    `Ủy ban nhân dân| tỉnh`, `Sở| Ngoại vụ`, `Chủ tịch| Ủy ban ...`, `các sở|, ngành`,
    `UBND| các xã`; not `Báo cáo`, `Các nội dung`, a bare `Giám đốc`."""
    if pos >= len(text) or not text[pos].isalpha():
        return 0
    key = match_key(text)
    p = patterns()
    upper = text[pos].isupper()
    m = p.whole.match(key, pos)
    if m and upper:
        return m.end()
    end = title_at(key, pos)
    if end:
        return end if upper and _names_after(text, key, end) else 0
    m = p.new_collective.match(key, pos)
    if m:
        nxt = after_space(key, m.end())
        if nxt == m.end() or nxt >= len(key):
            return 0
        # a head noun after `các` is capitalised (`các Bộ`, `các Viện nghiên cứu`), or is also
        # a noun of collectives (`các sở, ngành`): not `Các báo cáo`
        head = p.head.match(key, nxt) if text[nxt].isupper() else None
        word = (p.collective_word.match(key, nxt) or head or p.title.match(key, nxt)
                or p.admin_unit.match(key, nxt))
        return word.end() if word else 0
    end = head_at(text, key, pos)
    if end:
        if text[pos:end].isupper() and end - pos > 1:
            return 0                        # an upper-case heading: `TỔ CHỨC THỰC HIỆN`, `BÁO CÁO`
        named = any(w[:1].isupper() for w in text[pos:end].split()[1:])   # `Ban Quản lý`
        if named or _names_after(text, key, end) or _bare_in_collective(text, key, pos, end):
            return end
        return _lower_case_name(text, pos, end)
    m = ACRONYM.match(text, pos)
    if m and _body_acronym(m.group(0)):
        return m.end()
    return _province(text, pos)


def _bare_in_collective(text: str, key: str, pos: int, end: int) -> bool:
    """A bare head in capitals that a list of collectives goes on from names every body of
    its kind: `Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ có trách nhiệm ...`, `Sở, ban,
    ngành chủ động ...` (as `các Bộ, cơ quan ngang Bộ`); not `Phòng, chống ...`, nor a class
    of people (`Cơ quan, tổ chức, cá nhân ...`)."""
    return text[pos].isupper() and text.startswith(", ", end) \
        and key[pos:end] in vocab()["bare_collective_heads"] \
        and patterns().collective_word.match(key, end + 2) is not None


def _province(text: str, pos: int) -> int:
    """End of a province named with its unit at `pos` (`Thành phố Hà Nội`, `tỉnh Lâm
    Đồng`), its longest run of capitalised words the gazetteer knows, where it acts: a
    verb of work follows (`tỉnh Đắk Lắk| cần tiếp tục ...`) or another body of a list
    (`Thành phố Hồ Chí Minh|, tỉnh Lâm Đồng đẩy nhanh ...`); not a place described
    (`tỉnh Thái Nguyên| có 92 đơn vị hành chính`), or a name given alone (a mention already
    cut); 0 if none."""
    m = PROVINCE_OPENING.match(text, pos)
    if not m:
        return 0
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if lookup(name, ("province",)):
            end = m.start(1) + 1 + len(name)
            acts = end >= len(text.rstrip()) or text.startswith((",", " và "), end) or (
                text.startswith(" ", end) and verb_pattern().match(text, end + 1) is not None)
            return end if acts else 0
    return 0


def _body_acronym(token: str) -> bool:
    """`UBND`, `VTV`, or a token that extends one of three letters or more (`BQLDA`)."""
    acronyms = patterns().acronyms
    return token in acronyms or any(token.startswith(a) for a in acronyms if len(a) >= 3)


@lru_cache(maxsize=8192)
def starts_with_body(text: str) -> int:
    """Length of the body name that `text` opens with, 0 if none. It ends before
    a verb, punctuation, or ` và `/` với ` + another body: `Sở Công Thương chủ
    trì, ...` -> len('Sở Công Thương'); commas continue a collective (`Chủ tịch
    Ủy ban nhân dân các xã, phường chịu trách nhiệm` -> up to `phường`)."""
    end = body_opening(text)
    if not end:
        return 0
    p = patterns()
    key = match_key(text)
    is_list = bool(title_at(key, 0) or p.new_collective.match(key, 0)) or not is_named(text, key)
    kind_end = kind_after_title(text)        # `Trưởng ban kiểm soát|`: the verb names the kind
    pos = end
    while True:
        m = p.name_end.search(key, pos)
        if not m:
            end = len(text)
            break
        stop, after = m.group(0), m.end()
        if stop[0] == " " and stop not in (" và ", " với ") and (
                not text[m.start() + 1].islower() or in_noun_phrase(text, m.start() + 1, after)
                or after == kind_end):
            pos = after                     # `Ban Chỉ đạo`, `Ban Tổ chức`, `Ủy ban bầu cử`: a name, not a verb
            continue
        if stop in (" và ", " với ") and not starts_new_body(text, key, after):
            pos = after                     # `Sở Văn hóa và Thể thao`
            continue
        if stop == "," and joined_at(key, m.start()):
            pos = after                     # `Ban Chỉ đạo phòng, chống tham nhũng`: one name
            continue
        nxt = after_space(key, after)
        if stop == "," and is_list and (p.collective_word.match(key, nxt) or p.admin_unit.match(key, nxt)):
            pos = after                     # `các sở, ban, ngành`, `các xã, phường`
            continue
        end = m.start()
        break
    return len(text[:end].rstrip(EDGE_PUNCT))


def kind_after_title(text: str) -> int:
    """End of a title's body named by its kind, its head noun in lower case (`Trưởng ban
    kiểm soát`, `Chủ tịch hội đồng thẩm định`; vocabulary: bodies.json name_verbs), 0 if
    the text opens with none."""
    key = match_key(text)
    title = title_at(key, 0)
    if not title:
        return 0
    head = patterns().head.match(key, after_space(key, title))
    verb = patterns().name_end.match(key, head.end()) if head and text[head.start()].islower() else None
    return verb.end() if verb and key[verb.start() + 1:verb.end()].strip() in vocab()["name_verbs"] else 0


@lru_cache(maxsize=1)
def _joined_pairs() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(k.split(", ", 1)) for k in keys(vocab()["joined_pairs"]))


def joined_at(key: str, comma: int) -> bool:
    """Is the comma at `comma` of `key` (a `match_key` text) one that joins two words of a
    name (`phòng, chống`, `lụt, bão`: vocab `joined_pairs`), no break between bodies?"""
    return any(key.endswith(left, 0, comma) and key.startswith(" " + right, comma + 1)
               and (comma == len(left) or not key[comma - len(left) - 1].isalnum())
               for left, right in _joined_pairs())


def continues_collective(text: str) -> bool:
    """Does `text` open with a lower-case noun of bodies or administrative unit that
    goes on with a collective (`các sở, ngành, địa phương`, `Ủy ban nhân dân các
    tỉnh, thành phố trực thuộc Trung ương`)?"""
    key = match_key(text)
    return bool(text[:1].islower() and (patterns().collective_word.match(key) or patterns().admin_unit.match(key)))


# The collective before a colon that lists names: `các sở|: Tài nguyên và Môi trường, ...`,
# `các Tập đoàn|: Bưu chính Viễn thông Việt Nam, ...`, `UBND các phường|: Yên Bái, Văn Phú`,
# `các Sở, ngành|: Tài nguyên và Môi trường, Tài chính, ...`
COLON_FRAME = re.compile(r"(?:^|\s)(?:các|Các)\s+(?P<nouns>[^\W\d_]+(?:\s+[^\W\d_]+)?"
                         r"(?:,\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)*)\s*$")


def colon_frame(text: str, colon: int) -> bool:
    """Is the colon at `colon` the frame of a list of names (spec §3: `các Bộ: Công
    Thương, Tài chính` is one mention), not the end of the bodies? Each noun of the frame
    is a noun of bodies (`các Sở, ngành:`, `Các Bộ, cơ quan:`)."""
    m = COLON_FRAME.search(text, 0, colon)
    after = text[colon + 1:].lstrip()
    if not m or not after[:1].isupper() or verb_pattern().match(after[:1].lower() + after[1:]):
        return False                        # `Các sở, ngành, địa phương: Chủ động triển khai ...`
    p = patterns()
    return all(p.collective_word.fullmatch(key) or p.head.fullmatch(key) or p.admin_unit.fullmatch(key)
               for key in (match_key(n.strip()) for n in m.group("nouns").split(",")))


def starts_new_body(text: str, key: str, pos: int) -> bool:
    """Does a new body start at `pos` of a list (after a separator)? `các`, a
    title, a capitalised head noun with its name, a body acronym."""
    return bool(patterns().new_collective.match(key, pos) or title_at(key, pos)
                or starts_named_head(text, key, pos) or acronym_at(text, pos))
