"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) back to Unicode."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from parsers.legacy_encoding import UNICODE_ONLY, convert, detect_legacy, fix_legacy, is_syllable

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
VOCAB = Path(__file__).resolve().parents[2] / "parsers" / "vocab"


@pytest.mark.parametrize("mojibake, unicode_text, encoding", [
    # TCVN3 as extracted with the soft hyphen (ư) kept and lost
    ("Ch\u00ad¬ng tr×nh hµnh ®éng", "Chương trình hành động", "tcvn3"),
    ("Ch¬ng tr×nh c«ng t¸c n¨m 2026", "Chương trình công tác năm 2026", "tcvn3"),
    ("Uû ban nh©n d©n tØnh Lµo Cai", "Uỷ ban nhân dân tỉnh Lào Cai", "tcvn3"),
    ("Së Tµi chÝnh chñ tr×, phèi hîp", "Sở Tài chính chủ trì, phối hợp", "tcvn3"),
    # an upper-case TCVN3 font (.VnTimeH) reuses the lower-case codes
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "tcvn3"),
    # VNI: base letter followed by a tone/shape byte
    ("UÛy ban nhaân daân tænh Laøo Cai", "Ủy ban nhân dân tỉnh Lào Cai", "vni"),
    ("Chöông trình haønh ñoäng cuûa Sôû Xaây döïng", "Chương trình hành động của Sở Xây dựng", "vni"),
])
def test_converts_legacy_text(mojibake, unicode_text, encoding):
    text, found = fix_legacy(mojibake)
    assert found == encoding
    assert text == unicode_text
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Lào Cai",
    "Số: 134 /KH-UBND",
    "café © 2024, kích thước 3 × 4 m",          # Latin-1 signs that are also TCVN3 codes
    "Lào Cai, tháng ba",                       # Unicode words made only of Latin-1 letters
    "",
])
def test_leaves_unicode_alone(text):
    assert fix_legacy(text) == (text, None)


def test_mixed_document_converts_only_legacy_lines():
    text = "Kế hoạch số 134/KH-UBND\nCh¬ng tr×nh hµnh ®éng cña tØnh\nSở Tài chính"
    fixed, enc = fix_legacy(text)
    assert enc == "tcvn3"
    assert fixed.splitlines() == ["Kế hoạch số 134/KH-UBND", "Chương trình hành động của tỉnh", "Sở Tài chính"]


def test_syllables():
    assert all(is_syllable(w) for w in ["Chương", "trình", "nghiêng", "quyết", "Ủy", "gì", "khuya"])
    assert not any(is_syllable(w) for w in ["UBND", "Ch¬ng", "ng‡y", "QăP", "xyz"])


def _inverse(name: str) -> dict[str, str]:
    table = json.loads((VOCAB / f"{name}.json").read_text(encoding="utf-8"))["map"]
    inverse: dict[str, str] = {}
    for code, char in sorted(table.items(), key=lambda kv: len(kv[0])):
        if len(char) == 1 and code not in ("\u2212",):
            inverse.setdefault(char, code)
    return inverse


def _encode(line: str, inverse: dict[str, str]) -> str | None:
    out = []
    for c in unicodedata.normalize("NFC", line):
        if c in inverse:
            out.append(inverse[c])
        elif c.isascii():
            out.append(c)
        else:
            return None          # a letter the font cannot hold (e.g. TCVN3 capitals with tones)
    return "".join(out)


def _corpus_lines() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    text = (CORPUS / "laocai-134-kh-ubnd-2026-khu-cum-cong-nghiep.txt").read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 40]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_round_trip_of_a_corpus_passage(encoding):
    """Encode real plan text in the legacy font, then read it back: nothing may change."""
    inverse = _inverse(encoding)
    if encoding == "vni":
        inverse.update({c: c for c in "ìíÌÍ"})   # VNI keeps these four as they are
    lines = [enc for enc in (_encode(ln, inverse) for ln in _corpus_lines()) if enc][:120]
    originals = [ln for ln in _corpus_lines() if _encode(ln, inverse)][:120]
    assert len(lines) >= 50
    assert detect_legacy("\n".join(lines)) == encoding
    restored, found = fix_legacy("\n".join(lines))
    assert found == encoding
    wrong = [(a, b) for a, b in zip(restored.split("\n"), originals) if a != b]
    assert len(wrong) <= len(originals) * 0.02, wrong[:3]


def test_corpus_unicode_text_is_never_touched():
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert fix_legacy(text) == (text, None), path.name


def test_unicode_only_letters_protect_a_line():
    assert UNICODE_ONLY.search("Sở")
    assert not UNICODE_ONLY.search("Së Tµi chÝnh")
    assert convert("®", "tcvn3") == "đ"
