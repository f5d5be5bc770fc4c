"""Where a list of bodies breaks into mentions (spec §3): after a separator (`,` `;` `và`
`với`), whether the part that follows starts a new body or goes on with the one before
(`Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương` stays one; `Bộ Tài chính, các
bộ, ngành liên quan` is two). Used by extractors.mentions.split_mentions.
"""
from __future__ import annotations

import re

from parsers.grammar.bodies import continues_collective, is_named, starts_new_body
from parsers.grammar.body_words import head_at, patterns
from parsers.grammar.matching import match_key

# A level of administration, `cấp` and a unit word: `cấp tỉnh`, `cấp xã`
LEVEL_WORD = "cấp "


def _level_at(key: str, pos: int) -> bool:
    return key.startswith(LEVEL_WORD, pos) and bool(patterns().admin_unit.match(key, pos + len(LEVEL_WORD)))


def _names_level(key: str) -> bool:
    return any(_level_at(key, m.start()) for m in re.finditer(LEVEL_WORD, key))


# A lower-case phrase of bodies after `và`: `hệ thống các cơ quan báo chí`, `toàn thể các đơn vị`
COLLECTIVE_AFTER = re.compile(r"(?:[^\W\d_]+ ){1,2}các ")


def _collective_after(text: str, key: str, pos: int) -> bool:
    return continues_collective(text[pos:]) or bool(COLLECTIVE_AFTER.match(key, pos))


def starts_new(text: str, key: str, pos: int, sep: str, current: str) -> bool:
    """Does the part at `pos`, after separator `sep`, start a new mention?"""
    if starts_new_body(text, key, pos):
        return True
    p = patterns()
    cur_key = match_key(current)
    if p.admin_unit.match(key, pos) and p.admin_unit.fullmatch(cur_key.rsplit(" ", 1)[-1]):
        return False                        # `Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương`
    if _level_at(key, pos) and _names_level(cur_key):
        return False                        # `Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã`
    if text[pos].islower() and p.collective_word.match(key, pos) and _ends_in_collective(cur_key):
        return False                        # `Ban Chỉ đạo 389 các bộ, ngành, địa phương`
    if sep == "và" and text[pos].islower() and is_named(current, cur_key) and _collective_after(text, key, pos):
        return True                         # `Thông tấn xã Việt Nam và hệ thống các cơ quan báo chí`
    if sep in ",;" and is_named(current, cur_key):
        # after a complete named body: anything lower-case (`..., cơ quan chuyên môn
        # thuộc Bộ ...`, `Bộ Tài chính, bộ, ngành liên quan`), anything after `;`, and a
        # capitalised head noun even with a lower-case name (`Sở Xây dựng, Ban quản lý dự án`)
        return sep == ";" or text[pos].islower() or bool(head_at(text, key, pos))
    if sep == ";" and text[pos].isupper():
        return True                         # `Viện, Trường; Doanh nghiệp; Sở, ban, ngành có liên quan`
    if sep == ";" and p.collective_word.match(key, pos) and not cur_key.startswith("các "):
        return True                         # `Cơ quan chủ quản trường trung cấp công lập; bộ, cơ quan
        # ngang bộ, ...`; not inside a collective: `Các Sở, ban, ngành; cơ quan, đơn vị`
    if sep == "," and head_at(text, key, pos) and _bare_head(current):
        return True                         # a list of kinds of bodies: `Viện, Trường`
    return False


# A part that ends in a collective: `Ban Chỉ đạo 389 các bộ`, `... các bộ, ngành`
ENDS_IN_COLLECTIVE = re.compile(r"(?:^| )các (?P<nouns>[^,]+(?:, [^,]+)*)$")


def _ends_in_collective(cur_key: str) -> bool:
    """Does the part so far end in `các` and nouns of bodies (its members go on after a comma)?"""
    m = ENDS_IN_COLLECTIVE.search(cur_key)
    return bool(m) and all(patterns().collective_word.match(noun) for noun in m.group("nouns").split(", "))


def _bare_head(part: str) -> bool:
    """A capitalised head noun standing alone for a kind of body: `Viện`, `Trường`."""
    key = match_key(part)
    return head_at(part, key, 0) == len(part)
