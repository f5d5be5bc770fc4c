"""The document's own words as evidence of a title's letter case (extractors.title_case):
a run of two or more of the title's words, written in a line that is not in capitals,
gives their case; a capital that only opens a sentence there gives none.
"""
from __future__ import annotations

import re
from itertools import compress, repeat

from parsers.structure import is_upper_heading

# A word of a title or of the text: letters and digits, with what joins a number's parts
# (`856/QĐ-TTg`, `COVID-19`, `2011-2015`, `5G`)
TOKEN = re.compile(r"\w+(?:[/\-.]\w+)*")
# What makes the next word open a sentence or an item (its capital is positional): the
# start of the line, a list marker (`1.`, `a)`, `-`), a full stop, a colon, a semicolon
SENTENCE_BREAK = re.compile(r"(?:^\W*|^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVX]+\.)\s*|[.!?:;]\s*|\n\s*)$")
# How long a run must be for the capital of its first word to count
MIN_RUN_FOR_FIRST = 3
# How many words of the document's text are read for letter case
MAX_EVIDENCE_WORDS = 40000
# Tone marks placed on the other vowel in older spelling, in a syllable that ends on the
# pair: `hoá` == `hóa`, `thuỷ` == `thủy` (`hoạch` is spelt one way)
TONE_PLACEMENT = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                  ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
                  ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"))


def canon(word: str) -> str:
    """A word as matched: lower case, one tone placement (`HOÁ` == `hóa`)."""
    w = word.casefold()
    if not w.isascii():
        for old, new in TONE_PLACEMENT:
            if w.endswith(old):                  # an open syllable only: `hoá`, not `hoạch`
                return w[: -len(old)] + new
    return w


def _spellings(c: str) -> tuple[str, ...]:
    """The lower-case spellings of a canonical word: `hóa` and `hoá`."""
    for old, new in TONE_PLACEMENT:
        if c.endswith(new):
            return c, c[: -len(new)] + old
    return (c,)


def _opens(text: str, at: int) -> bool:
    """The word at `at` opens its sentence or item: `Điều 1. Phê duyệt ...`, `- Sở ...`."""
    if at >= 2 and text[at - 1] == " " and (text[at - 2].isalnum() or text[at - 2] == "_"):
        return False        # a word and a space before it (most words): no SENTENCE_BREAK ends so
    return bool(SENTENCE_BREAK.search(text[max(0, at - 16):at])) if at >= 16 else bool(
        SENTENCE_BREAK.search(text[:at]))


def _in_capitals(tokens: list[re.Match], k: int) -> bool:
    """Token k stands in a run of words in capitals (`... TM. ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
    ...`), not alone like an acronym (`IoT`, `UBND`)."""
    def caps(i: int) -> bool:
        w = tokens[i].group() if 0 <= i < len(tokens) else ""
        return len(w) > 1 and w.isupper() and not re.search(r"\d", w)
    return caps(k) and (caps(k - 1) or caps(k + 1))


class Evidence:
    """The document's own words (lines not in capitals), indexed by pairs of words."""

    def __init__(self, texts: list[str], wanted: set[str], title_words: list[str] | None = None):
        self.words: list[tuple[str, str, bool]] = []      # (as written, canon, opens a sentence)
        variants = {v: c for c in wanted for v in _spellings(c)}
        pairs = tuple({f"{a} {b}" for a, b in zip(title_words, title_words[1:])
                       for a in _spellings(a) for b in _spellings(b)}) if title_words else ()
        self.pairs: dict[tuple[str, str], list[int]] = {}
        count = 0
        for text in texts:
            if not text or is_upper_heading(text):
                continue
            if pairs:
                folded = text.casefold()
                if not any(p in folded for p in pairs):
                    continue                    # a text that writes no two title words together
            start = len(self.words)
            tokens = list(TOKEN.finditer(text))
            written = list(map(re.Match.group, tokens))      # (map: no Python-level loop)
            keys = list(map(variants.get, map(str.casefold, written), repeat("")))
            hits = list(compress(range(len(keys)), keys))    # only the title's words are looked at
            opens = [False] * len(tokens)
            for k in hits:
                if written[k].isupper() and _in_capitals(tokens, k):    # (isupper: at once)
                    keys[k] = ""                # a run of capitals inside a line says nothing
                else:
                    opens[k] = _opens(text, tokens[k].start())
            self.words.extend(zip(written, keys, opens))
            count += len(tokens)
            self.words.append(("", "", True))       # a text's end breaks every run
            for k in hits:
                if keys[k] and k + 1 < len(keys) and keys[k + 1]:
                    self.pairs.setdefault((keys[k], keys[k + 1]), []).append(start + k)
            if count > MAX_EVIDENCE_WORDS:
                break

    def runs(self, keys: list[str], i: int) -> list[list[tuple[str, bool]]]:
        """The runs of the text that write keys[i:], longest first (at least two words)."""
        if i + 1 >= len(keys):
            return []
        out = []
        for pos in self.pairs.get((keys[i], keys[i + 1]), ()):
            n = 2
            while i + n < len(keys) and pos + n < len(self.words) and self.words[pos + n][1] == keys[i + n]:
                n += 1
            out.append([(self.words[pos + k][0], self.words[pos + k][2] and k == 0) for k in range(n)])
        return sorted(out, key=len, reverse=True)


def mostly_capital(evidence: list["Evidence"], keys: list[str], i: int) -> bool:
    """The text writes the words from i (with the next two, else the next, else alone) with
    a capital at least twice inside its sentences, and more often than in lower case: a name
    (`Thủ đô Hà Nội`, `Mạng lưới các Thành phố Sáng tạo`, `thực hiện Đóng góp do quốc gia tự
    quyết định`, `bệnh Dại`); once, or as often in lower case, is the writer's emphasis."""
    for n in (3, 2, 1):
        if i + n > len(keys):
            continue
        capital = lower = 0
        for ev in evidence:
            positions = ev.pairs.get((keys[i], keys[i + 1]), ()) if n > 1 else \
                [p for p, w in enumerate(ev.words) if w[1] == keys[i]]
            for pos in positions:
                if n == 3 and (pos + 2 >= len(ev.words) or ev.words[pos + 2][1] != keys[i + 2]):
                    continue
                written, _, opens = ev.words[pos]
                lower += written[:1].islower()
                capital += written[:1].isupper() and not opens
        if capital or lower:
            return capital >= 2 and capital > lower
    return False


def from_evidence(evidence: Evidence, keys: list[str], cased: list[str | None]) -> None:
    """Letter case from the longest runs of the text that write the title's words; a
    capital opening a run of two is no evidence (`Tổ chức` of `Luật Tổ chức ...`)."""
    i = 0
    while i < len(keys):
        runs = evidence.runs(keys, i)
        if not runs:
            i += 1
            continue
        best = len(runs[0])
        votes = [r for r in runs if len(r) == best]
        for k in range(best):
            forms = [r[k][0] for r in votes if not r[k][1]]
            if k == 0 and best < MIN_RUN_FOR_FIRST:
                forms = [f for f in forms if not f[:1].isupper()]
            if forms and cased[i + k] is None:      # most often; a tie to the capital
                cased[i + k] = max(sorted(set(forms)), key=lambda f: (forms.count(f), f[:1].isupper()))
        i += best - 1 if best > 2 else 1
