"""The words of body names (spec §3) and what stands at a position of a text: the word
lists of `vocab/bodies.json` as patterns on `match_key` text (parsers.grammar.matching),
the head nouns, titles, collectives and acronyms that parsers.grammar.bodies builds names
from.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parsers.grammar.alternation import alternation
from parsers.grammar.assignment import vocab as assignment_vocab
from parsers.grammar.matching import NOT_LETTER, match_key
from parsers.grammar.places import units as place_units
from parsers.grammar.timing import dated_leads

VOCAB = Path(__file__).with_name("vocab") / "bodies.json"

# A word of letters, digits and the joiners of Vietnamese acronyms:
# `TN&MT`, `KH,CN&MT` is two tokens (`KH`, `CN&MT`), `TTXVN`.
WORD_RE = re.compile(r"[^\W_][\w&]*")
# The level a body of an administrative unit has, by the unit's level in the gazetteer
UNIT_LEVELS = {"province": "provincial", "district": "district", "commune": "commune"}


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The raw word lists of `vocab/bodies.json`."""
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def admin_units() -> dict[str, str]:
    """The words of administrative units (`tỉnh`, `thành phố`, `xã`) with the level of
    the bodies named after them (`Công an tỉnh`: provincial)."""
    return {unit: UNIT_LEVELS[level] for unit, level in place_units().items()}


# --- the word lists as patterns -------------------------------------------------

@dataclass(frozen=True)
class _Patterns:
    head: re.Pattern             # all patterns match on `match_key` text
    whole: re.Pattern
    title: re.Pattern
    collective: re.Pattern
    new_collective: re.Pattern
    collective_word: re.Pattern
    admin_unit: re.Pattern
    follower: re.Pattern
    name_end: re.Pattern
    acronyms: frozenset[str]


def keys(words) -> list[str]:
    return [match_key(unicodedata.normalize("NFC", w)) for w in words]


def word_pattern(words) -> re.Pattern:
    """Any of `words` (on keys), ending where a word ends."""
    return re.compile("(?:" + alternation(keys(words)) + ")" + NOT_LETTER)


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    v = vocab()
    stops = keys(assignment_vocab()["verbs"] + assignment_vocab()["handing_verbs"] + v["scope_qualifiers"]
                 + dated_leads())
    return _Patterns(
        head=word_pattern(v["head_nouns"]),
        whole=word_pattern(v["whole_bodies"]),
        title=word_pattern(v["titles"]),
        collective=word_pattern(v["collective_starts"]),
        new_collective=word_pattern(v["new_collective_starts"]),
        collective_word=re.compile(f"(?!(?:{alternation(keys(v['not_collective_nouns']))}){NOT_LETTER})"
                                   + word_pattern(v["collective_words"]).pattern),
        admin_unit=word_pattern(list(admin_units())),
        follower=word_pattern(v["head_followers"] + list(admin_units())),
        # what ends a body's name: `Sở Công Thương| chủ trì, ...`, `Cục Biến đổi khí
        # hậu| có trách nhiệm:`, `Viện ...|; Viện ...`, `Sở Tư pháp| và các cơ quan ...`,
        # `Ủy ban nhân dân tỉnh| trước ngày 15/11 ...`
        name_end=re.compile(r"[,;:()\[\]]|\.(?!\S)| (?:và|với) | (?:" + alternation(stops) + ")" + NOT_LETTER),
        acronyms=frozenset(v["body_acronyms"]),
    )


# --- what stands at a position ----------------------------------------------------

def next_word(text: str, pos: int) -> str:
    m = WORD_RE.match(text, pos + (len(text[pos:]) - len(text[pos:].lstrip())))
    return m.group(0) if m else ""


def after_space(key: str, pos: int) -> int:
    return pos + 1 if key[pos:pos + 1] == " " else pos


def head_at(text: str, key: str, pos: int) -> int:
    """End of a capitalised head noun at `pos` (0 if none)."""
    m = patterns().head.match(key, pos)
    return m.end() if m and text[pos].isupper() else 0


def title_at(key: str, pos: int) -> int:
    """End of an office-holder's title at `pos`, in either case (0 if none)."""
    return (m := patterns().title.match(key, pos)) and m.end() or 0


def collective_at(key: str, pos: int) -> int:
    return (m := patterns().collective.match(key, pos)) and m.end() or 0


def acronym_at(text: str, pos: int) -> int:
    """End of a listed body acronym at `pos` (`UBND`, `VTV`; 0 if none)."""
    return (m := WORD_RE.match(text, pos)) and m.group(0) in patterns().acronyms and m.end() or 0
