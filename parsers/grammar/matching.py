"""The key that body names and word lists are matched on (spec §3): the text with
old-style tone placement unified (`Uỷ ban` = `Ủy ban`) and lower-cased letter by letter,
the same length as the text so that offsets found in the key are offsets in the text;
and a mention's text as written, normalised (NFC, markup out, white space folded).

Word list: the `tone_placement` pairs of `vocab/bodies.json`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from parsers.grammar.alternation import flat_alternation

VOCAB = Path(__file__).with_name("vocab") / "bodies.json"

# Punctuation that may not begin or end a mention (spec §2): `... thuộc Bộ TN&MT.`
EDGE_PUNCT = " .;,:"
# Not followed by a letter: a vocabulary word ends where a word ends
# (`Bộ` in `Bộ Công an`, not in `Bột`; `Ban` in `Ban Dân nguyện`, not in `Bản`).
NOT_LETTER = r"(?![^\W\d_])"
# Markup that a reader left in a text, never part of a name: `<b>`, `<br>`, `**`, `|`, `#`
MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,40}>|\*+|\||#+")


@lru_cache(maxsize=1)
def _tone_placement() -> dict[str, str]:
    return json.loads(VOCAB.read_text(encoding="utf-8"))["tone_placement"]


def lower_same_length(text: str) -> str:
    """Lower-case letter by letter, keeping offsets (no 'İ' -> 'i̇' growth)."""
    lowered = text.lower()
    # the whole string at once when no letter grew and no final-sigma rule applied
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=1)
def _tone_table() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    pairs = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v)
             for k, v in _tone_placement().items()}
    # What any match holds, in either case: two letters scanned for far faster than the
    # alternation is tried at every position (most texts have no old-style placement).
    firsts = {c for k in pairs for c in (k[0], k[0].upper())}
    seconds = {c for k in pairs for c in (k[1], k[1].upper())}
    two_letters = f"[{''.join(sorted(firsts))}][{''.join(sorted(seconds))}]"
    maybe = re.compile(two_letters)
    # `uỷ` of `Uỷ ban`, `oá` of `Thanh Hoá`: the last two vowels of a syllable, never after
    # `q` (`quý` is right in both styles); the two letters looked ahead for first, so that a
    # position without them fails at once (the case-blind alternation alone is tried in
    # full at every position).
    pattern = re.compile(f"(?={two_letters})" r"(?<![qQ])(?:" + flat_alternation(pairs) + ")" + NOT_LETTER,
                         re.IGNORECASE)
    return pairs, pattern, maybe


def unify_tone(text: str) -> str:
    """Old-style tone placement to the registry's style, keeping length:
    `Uỷ ban` -> `Ủy ban`, `Thanh Hoá` -> `Thanh Hóa`, `thuỷ` -> `thủy`;
    `quý`, `hoàn`, `khuya` are left alone."""
    pairs, pattern, maybe = _tone_table()
    if maybe.search(text) is None:
        return text

    def fix(m: re.Match) -> str:
        pair = m.group(0)
        new = pairs[pair.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(pair, new))

    return pattern.sub(fix, text)


@lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """The form word lists are matched on: tone-unified, lower-case, same length."""
    return lower_same_length(unify_tone(text))


def normalize(text: str) -> str:
    """NFC, markup out, white space folded, no leading/trailing spaces or `.;,:`:
    `<b>Ủy ban nhân dân<br>thành phố Hà Nội</b>` → `Ủy ban nhân dân thành phố Hà Nội`."""
    text = MARKUP.sub(" ", unicodedata.normalize("NFC", text or ""))
    return " ".join(text.split()).strip(EDGE_PUNCT)
