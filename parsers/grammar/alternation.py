"""A word list as one regular expression: the grammar's lists are matched longest first."""
from __future__ import annotations

import re


def alternation(words) -> str:
    """A regex alternation of `words`, each word once, that matches as the escaped words
    listed longest first would (so `Ủy ban nhân dân` wins over `Ủy ban`), written as a
    tree of their shared beginnings: `chủ trì|chỉ đạo|chủ` → `ch(?:ủ(?: trì|)|ỉ đạo)`.
    `re` tries the branches of a flat list one by one at every position; in the tree a
    letter that opens none of them ends the try at once. For patterns compiled
    case-sensitively (under re.IGNORECASE, `P` and `p` would open two branches that
    both match: use `flat_alternation`)."""
    return _tree(sorted(set(words), key=len, reverse=True), lambda c, depth: re.escape(c))


def phrase_alternation(words) -> str:
    """`alternation` of lower-case phrases as running text writes them: the first letter
    in either case, any white space between the words (`[nN]ghị\\s+(?:quyết|định)`). A list
    where two first letters' cases meet is written flat, longest first (`[LL]uật` and
    `[lL]uật` would open two branches that both match)."""
    words = sorted(words, key=len, reverse=True)
    firsts = {w[:1] for w in words}
    cases = [c2 for c in firsts for c2 in {c, c.upper()}]
    if len(cases) != len(set(cases)):
        return "|".join("".join(_phrase_letter(c, k) for k, c in enumerate(w)) for w in words)
    return _tree(list(dict.fromkeys(words)), _phrase_letter)


def _phrase_letter(c: str, depth: int) -> str:
    if depth == 0:
        return f"[{c}{c.upper()}]"
    return r"\s+" if c == " " else re.escape(c)


def flat_alternation(words) -> str:
    """A regex alternation of `words`, escaped, longest first, each word once (for a
    pattern compiled with re.IGNORECASE)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _tree(words: list[str], spell, depth: int = 0) -> str:
    """`words` (longest first) as nested branches by their first letter, each letter as
    `spell(letter, depth)` writes it (what two letters' spellings match never overlaps).
    Two words that match at one position are one a beginning of the other, so the longer
    is still tried first: down its branch before the shorter's empty end."""
    branches: dict[str, list[str]] = {}         # first letter → the rests, longest first
    ends_here = False
    for w in words:
        if w:
            branches.setdefault(w[0], []).append(w[1:])
        else:
            ends_here = True
    alts = [spell(first, depth) + _tree(rests, spell, depth + 1) for first, rests in branches.items()]
    if not alts:
        return ""
    if ends_here:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def first_letter_lookahead(words) -> str:
    """`(?=[CLNS])`: a look-ahead for the first letters of `words`, to put before a pattern
    whose every match opens with one of them. `re` skips ahead to a literal or a class that
    opens a pattern, but not past a look-behind or an anchor (`(?<=\\s)(?:Số hiệu|...)`):
    there the class fails at once at most positions, the branches are not tried. Empty
    (no look-ahead) when a word is empty, for case-sensitive patterns."""
    words = list(words)
    if not words or not all(words):
        return ""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"
