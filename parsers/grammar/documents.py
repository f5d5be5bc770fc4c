"""Documents: their types, their numbers, and the motto beside their letterhead.

- a type as a heading writes it (`KẾ HOẠCH` → `Kế hoạch`) and as the type code of a
  number (`134/KH-UBND` → Kế hoạch; a number without one is a Công văn);
- the number line `Số: 161/KH-UBND` and the one normaliser of numbers (`134 /KH - UBND`
  → `134/KH-UBND`, spec §5);
- the subject line of a Công văn (`V/v ...`);
- the national motto (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, `Độc lập - Tự do - Hạnh
  phúc`), never a field.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from parsers.clean_text import fold_spaces

VOCAB = Path(__file__).with_name("vocab") / "documents.json"

# The number line: `Số: 161/KH-UBND`, `Số 3260-KH/ĐĐQH15`, `Số:   /KH-UBND`, and the `ố` as
# OCR may read it: `Só:56ŸS /BCA-C04`, `Sô: 12/...` (a capital S: a sentence going on `số 1341/QĐ-TTg
# ngày ...` is no number line)
NUMBER_LINE = re.compile(r"^(?:S[ốôóoồổộ]|SỐ|SÔ)\s*:?\s*[\w\s]*[/\-]")
# The number on a number line: `Số: 161/KH-UBND`, `Số 3260-KH/ĐĐQH15`, `Số: 134 /KH-UBND`,
# `Số:      /KH-UBND` (left blank)
NUMBER = re.compile(r"^Số\s*(?:hiệu)?\s*:?\s*(?P<num>[^\s|]*(?:\s*[/\-]\s*[\wĐđ&.\-/]+)*)")
# A number with its digits: `161/KH-UBND`, `3260-KH/ĐĐQH15`, `2074a/QĐ-TTTT` (not `/KH-UBND`,
# nor digits OCR misread: `56ŸS/BCA-C04`)
HAS_DIGITS = re.compile(r"^\d+[a-z]?(?:[/\-.]|$)")
# Spaces around the separators of a number as written: `1105 /KH-ĐKT` -> `1105/KH-ĐKT`
NUMBER_SPACES = re.compile(r"\s*([/\-])\s*")
# The subject line of a Công văn: `V/v triển khai Công điện số 131`
SUBJECT_LINE = re.compile(r"^V/v\b", re.I)
# What separates the type codes of a number: `134/KH-UBND`, `57-NQ/TW`
CODE_SEPARATOR = re.compile(r"[/\-]")
# The national motto and the party header as `fold` writes them, their words apart by
# anything that is no letter (a space, a line break, a dash, a `|`): `CỘNG HÒA XÃ HỘI CHỦ
# NGHĨA VIỆT NAM`, `CỘNG HOÀ XÃ` / `HỘI CHỦ NGHĨA VIỆT NAM` wrapped, `Cọng hòa ...` read by OCR,
# `Độc lập - Tự do - Hạnh phúc`, `Độc Lập – Tự Do – Hạnh Phúc`, `ĐẢNG CỘNG SẢN VIỆT NAM`
MOTTO = re.compile(r"cong\W+hoa\W+xa\W+hoi\W+chu\W+nghia\W+viet\W+nam"
                   r"|doc\W+lap\W+tu\W+do\W+hanh\W+phuc"
                   r"|dang\W+cong\W+san\W+viet\W+nam")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """Each character as its base letter in lower case (`Ộ` → `o`, `Đ` → `d`), one
    character for one, so that a match in the folded text is a match in the text."""
    return text.translate(_FOLD_TABLE)


def _folded(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].lower()
    return "d" if base == "đ" else base if not unicodedata.combining(base) else " "


# The folding of every letter of Latin script and Vietnamese (beyond it, a character stays)
_FOLD_TABLE = {cp: _folded(chr(cp)) for cp in (*range(0x80, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))}
_FOLD_TABLE.update({cp: chr(cp).lower() for cp in range(0x41, 0x5B)})


def motto_spans(text: str) -> list[tuple[int, int]]:
    """Where the motto and the party header stand in `text` (start, end)."""
    return [m.span() for m in MOTTO.finditer(fold(text))]


def normalize_number(raw: str) -> str:
    """A number as spec §5 writes it: `1105 /KH-ĐKT` → `1105/KH-ĐKT`, `33-CT / TW` →
    `33-CT/TW`, `06/2022/NĐ-CP.` → `06/2022/NĐ-CP`."""
    return NUMBER_SPACES.sub(r"\1", fold_spaces(raw)).strip(" .;,-")


def document_number(raw: str) -> str | None:
    """The normalised number, or None when its digits were left blank (`/KH-UBND`)."""
    text = normalize_number(raw)
    return text if HAS_DIGITS.match(text) else None


def type_from_number(number: str) -> str:
    """`134/KH-UBND` → Kế hoạch; `7432/UBND-XD` (no type code) → Công văn."""
    codes = vocab()["number_type_codes"]
    for token in CODE_SEPARATOR.split(number)[1:]:
        if token in codes:
            return codes[token]
    return "Công văn"


@lru_cache(maxsize=1)
def cited_type_re() -> re.Pattern:
    """A document type followed by its number: `quyết định số 1050/QĐ-SCT`, `Chỉ thị
    13/CT-TTg`, `nghị định số 115/2003/NĐ-CP` (group 1 the type, group 2 what follows)."""
    types = sorted({t.lower() for t in vocab()["heading_types"]} | set(vocab()["cited_types"]),
                   key=len, reverse=True)
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in types)
    return re.compile(r"(?<!\w)(" + words + r")(\s+(?:số\s*:?\s*)?\d+[a-z]?\s?[/\-])", re.I)
