"""Whether a page's text layer can be used: `text_problem(text)` says why not, or None.

A page's text is unusable when it has almost no characters (no text layer), when too many
of them are unreadable (`(cid:NN)` glyphs, other scripts such as `Ӣ`/`Ѭ`, controls,
U+FFFD, private-use code points), or when too few of its words read as Vietnamese
syllables (a font whose glyphs map to the wrong letters).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from parsers.legacy_encoding import is_syllable

# Glyphs pdfminer-style extractors leave for unmapped fonts: `(cid:23)`
CID = re.compile(r"\(cid:\d+\)")
# Where a compound token splits into words: `KH-UBND`, `Đ/c`
WORD_SPLIT = re.compile(r"[-/]")
# Punctuation around a word: `(Đ/c Minh);`
WORD_EDGE = "\"'“”‘’()[]{}.,;:!?…*"
MIN_TEXT_CHARS = 20          # fewer non-space characters than this: no text layer
MAX_BAD_SHARE = 0.03         # unreadable characters (other scripts, controls, U+FFFD, PUA)
MIN_WORDS_TO_JUDGE = 15
MIN_VIETNAMESE_SHARE = 0.5   # share of words that are Vietnamese syllables


def _readable_or_space(c: str) -> bool:
    return c.isspace() or not _unreadable(c)


def text_problem(text: str) -> str | None:
    """Why a page's text layer cannot be used, or None when it reads as Vietnamese."""
    n_chars = sum(map(len, text.split()))          # characters that are not white space
    if n_chars < MIN_TEXT_CHARS:
        return "no text layer"
    cids = len(CID.findall(text))
    # only the characters outside the common readable ones need a closer look
    bad = cids * 6 + sum(1 for c in text.translate(_COMMON_READABLE) if _unreadable(c) and not c.isspace())
    if bad > MAX_BAD_SHARE * n_chars:
        return f"unusable text layer: {100 * bad / n_chars:.0f}% unreadable characters"
    counts = [_judged_words(t) for t in text.split()]
    n_words = sum(n for n, _ in counts)
    if n_words >= MIN_WORDS_TO_JUDGE:
        share = sum(k for _, k in counts) / n_words
        if share < MIN_VIETNAMESE_SHARE:
            return f"unusable text layer: only {100 * share:.0f}% of words read as Vietnamese"
    return None


@lru_cache(maxsize=1 << 16)
def _judged_words(token: str) -> tuple[int, int]:
    """(words of a token that are judged, how many of them are Vietnamese syllables): digits
    and ASCII capitals (`2026`, `UBND`) are not judged; `KH-UBND` splits at `-`."""
    words = [w for w in WORD_SPLIT.split(token.strip(WORD_EDGE))
             if w and not any(ch.isdigit() for ch in w) and not (w.isascii() and w.isupper())]
    return len(words), sum(is_syllable(w.strip(WORD_EDGE)) for w in words)


def _unreadable(c: str) -> bool:
    cat = unicodedata.category(c)
    if cat in ("Cc", "Co", "Cs", "Cn") or c == "\ufffd":
        return True
    return c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")


# Code points below U+3000 that are white space or readable: deleted before counting the unreadable
_COMMON_READABLE = dict.fromkeys(k for k in range(0x3000) if _readable_or_space(chr(k)))
