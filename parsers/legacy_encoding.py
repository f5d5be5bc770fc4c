"""Vietnamese typed in legacy 8-bit fonts (TCVN3/ABC, VNI), seen as mojibake.

Documents typed with the `.VnTime` (TCVN3) or `VNI-Times` fonts store font
codes, not Unicode; once extracted they read `Ch¬ng tr×nh` (TCVN3) or
`UÛy ban nhaân daân` (VNI). `fix_legacy(text)` finds such text and converts
it back to Unicode NFC.

Guarantees:
- ordinary Unicode Vietnamese is returned unchanged (a line holding any
  letter that only Unicode has, `ư ơ ă đ ạ ế ...`, is never converted, and a
  document is converted only when conversion turns many of its words into
  valid Vietnamese syllables and spoils almost none);
- the mapping tables live in `parsers/vocab/tcvn3.json` and `vni.json`;
- TCVN3's `ư` is the soft hyphen (0xAD), which extractors often drop:
  `Ch¬ng` (ơ + ng, not a Vietnamese rime) is restored to `Chương`;
- TCVN3 upper-case fonts reuse the lower-case codes: `CéNG` → `CỘNG`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab")

# Letters that exist only in Unicode Vietnamese, never as a legacy font code:
# `ư ơ ă đ ĩ ũ` and the whole Latin Extended Additional block (`ạ ế ộ ử ...`).
UNICODE_ONLY = re.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# Punctuation stripped from both ends of a token before judging it: `(tr×nh),`
EDGE = "\"'“”‘’()[]{}.,;:!?…"
# A Vietnamese syllable once tone marks are removed (NFD, marks U+0300 U+0301
# U+0303 U+0309 U+0323 dropped): initial consonant + rime, e.g. `nghiêng`, `trương`, `quyết` → `quyêt`.
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:a|ai|ao|au|ay|ac|ach|am|an|ang|anh|ap|at"
    r"|ă|ăc|ăm|ăn|ăng|ăp|ăt|â|âc|âm|ân|âng|âp|ât|âu|ây"
    r"|e|eo|ec|em|en|eng|ep|et|ê|êch|êm|ên|ênh|êp|êt|êu"
    r"|i|ia|ich|im|in|inh|ip|it|iu|iêc|iêm|iên|iêng|iêp|iêt|iêu"
    r"|o|oa|oac|oach|oai|oam|oan|oang|oanh|oao|oap|oat|oay|oăc|oăm|oăn|oăng|oăt"
    r"|oe|oen|oeo|oet|oi|oc|om|on|ong|op|ot|ooc|oong"
    r"|ô|ôc|ôi|ôm|ôn|ông|ôp|ôt|ơ|ơi|ơm|ơn|ơp|ơt"
    r"|u|ua|uân|uâng|uât|uây|uc|uê|uêch|uênh|ui|um|un|ung|uơ|uôc|uôi|uôm|uôn|uông|uôt"
    r"|up|ut|uy|uya|uych|uyên|uyêt|uynh|uyt|uyu"
    r"|ư|ưa|ưc|ưi|ưm|ưn|ưng|ưt|ưu|ươ|ươc|ươi|ươm|ươn|ương|ươp|ươt|ươu"
    r"|y|yêm|yên|yêng|yêt|yêu)?",
    re.IGNORECASE)
# Where a compound token splits into syllables: `kinh-tế`, `Ch¬ng/tr×nh`
WORD_SPLIT = re.compile(r"[-/]")
# A run of non-space characters (a token): `CéNG`
TOKEN = re.compile(r"\S+")
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# TCVN3 `ơ` (any tone) before a rime ending that only `ươ` takes, its `ư` (soft hyphen) lost:
# `Kh¬ng` (Khương), `M\xadêng`/`Mêng` (Mường), `®îc` (được)
LOST_U_HORN = re.compile(r"(?:(?<=[bcdđghklmnpqrstvx])|(?<![^\W\d_]))([ơờớởỡợ])(?=(?:ng|c|u)(?![^\W\d_]))",
                         re.IGNORECASE)

# How much a conversion must win by: share of candidate words it makes valid,
# and how many valid words it may spoil for each one it mends.
MIN_GAIN = 2
MIN_GAIN_SHARE = 0.3
MAX_LOSS_RATIO = 0.25


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    data = json.loads((VOCAB / f"{name}.json").read_text(encoding="utf-8"))
    return dict(data["map"])


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern[str]:
    keys = sorted(_table(name), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


@lru_cache(maxsize=None)
def _source_chars(name: str) -> frozenset[str]:
    """Non-ASCII characters that a text in this encoding is made of."""
    return frozenset(c for k in _table(name) for c in k if ord(c) > 127)


def is_syllable(word: str) -> bool:
    """True for a (toneless-checked) Vietnamese syllable: `Chương`, `trình`, `UBND` is False."""
    decomposed = unicodedata.normalize("NFD", word)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return bool(base) and SYLLABLE.fullmatch(base) is not None


def convert(text: str, encoding: str) -> str:
    """Map every legacy code of `encoding` ("tcvn3" or "vni") in `text` to Unicode, NFC."""
    table = _table(encoding)
    out = _pattern(encoding).sub(lambda m: table[m.group(0)], text)
    if encoding == "tcvn3":
        out = LOST_U_HORN.sub(lambda m: _restore_u(m.group(1)), out)
        out = "".join(_upper_font(line) for line in out.splitlines(keepends=True))
    return unicodedata.normalize("NFC", out)


def _restore_u(o: str) -> str:
    return ("Ư" if o.isupper() else "ư") + o


def _upper_font(line: str) -> str:
    """`CéNG HOµ X· HéI` → `CỘNG HOÀ XÃ HỘI`: a line (else a word) whose Latin letters
    are all capitals was typed in an upper-case TCVN3 font (`.VnTimeH`), where
    the lower-case codes print as capitals."""
    if _all_caps(line, 4):
        return line.upper()
    return TOKEN.sub(lambda m: m.group(0).upper() if _all_caps(m.group(0), 2) else m.group(0), line)


def _all_caps(text: str, least: int) -> bool:
    ascii_letters = [c for c in text if c.isascii() and c.isalpha()]
    return len(ascii_letters) >= least and all(c.isupper() for c in ascii_letters)


def _tokens(text: str) -> list[str]:
    return [t.strip(EDGE) for t in text.split() if t.strip(EDGE)]


def _judge(lines: list[str], encoding: str) -> tuple[int, int, int]:
    """(candidate words, words mended, words spoilt) if `encoding` were converted."""
    source = _source_chars(encoding)
    cand = gain = loss = 0
    for line in lines:
        if UNICODE_ONLY.search(line):
            continue
        for tok in _tokens(line):
            if not any(c in source for c in tok):
                continue
            cand += 1
            before = all(is_syllable(w) for w in WORD_SPLIT.split(tok) if w)
            after = all(is_syllable(w.strip(EDGE)) for w in WORD_SPLIT.split(convert(tok, encoding))
                        if w.strip(EDGE))
            gain += after and not before
            loss += before and not after
    return cand, gain, loss


def detect_legacy(text: str) -> str | None:
    """"tcvn3", "vni" or None for text that is (already) Unicode."""
    lines = text.splitlines()
    best: tuple[int, str] | None = None
    for encoding in ("tcvn3", "vni"):
        cand, gain, loss = _judge(lines, encoding)
        if gain >= MIN_GAIN and gain >= MIN_GAIN_SHARE * cand and loss <= MAX_LOSS_RATIO * gain:
            if best is None or gain > best[0]:
                best = (gain, encoding)
    return best[1] if best else None


def fix_legacy(text: str) -> tuple[str, str | None]:
    """The text in Unicode NFC and the legacy encoding found ("tcvn3", "vni"), or (text, None).

    Lines that already hold Unicode-only Vietnamese letters are left alone, so a
    document that mixes both is converted only where it needs it.
    """
    encoding = detect_legacy(text)
    if encoding is None:
        return text, None
    lines = text.splitlines(keepends=True)
    out = [ln if UNICODE_ONLY.search(ln) else convert(ln, encoding) for ln in lines]
    return "".join(out), encoding


def fix_legacy_many(texts: list[str]) -> tuple[list[str], str | None]:
    """`fix_legacy` over the texts of one document (blocks, cells): detected once
    on all of them, converted text by text."""
    encoding = detect_legacy("\n".join(texts))
    if encoding is None:
        return list(texts), None
    return [t if UNICODE_ONLY.search(t) else convert(t, encoding) for t in texts], encoding
