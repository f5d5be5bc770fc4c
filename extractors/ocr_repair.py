"""Letterhead and signature words misread by OCR, set right from the body.

Tesseract reads the large capitals of a letterhead and the signature block
worst (`ĐOÀN KIÊM TRA` for `ĐOÀN KIỂM TRA`, `lowfg Văn Thuân` for `Hoàng Văn
Thuân` in a scanned inspection plan); the same words are usually written
again in the body (`... của Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT`,
`Ông. Hoàng Văn Thuân - Trưởng đoàn`), where they read better. A value read by
OCR takes the body's spelling where the two agree once tone marks are set
aside. The folded form is only a comparison key: what is returned is always
text as written in the document. `fold` is also the key on which prose
matches its verbs in OCR'd text (`bô trí` read for `bố trí`).
"""
from __future__ import annotations

import re
import unicodedata

OCR_READERS = ("pdf-ocr", "pdf-mixed")     # parsers.pdf_reader: pages read by Tesseract
# A word of running text, edge punctuation left out: `(Kèm`, `1050/QĐ-SCT)` → `Kèm`, `1050/QĐ-SCT`
WORD = re.compile(r"[^\s()\[\],;:.\"“”]+(?:\.[^\s()\[\],;:.\"“”]+)*")
# A person's name in the body: two to four capitalised syllables, `Hoàng Văn Thuân`
PERSON_NAME = re.compile(r"(?<![\w])(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,3}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?![\w])")


def fold(text: str) -> str:
    """Comparison key: no tone or vowel marks, `đ` as `d`, case folded (`Kiểm` → `kiem`)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def confirm_phrase(value: str | None, body: str) -> str | None:
    """The body's spelling of `value` where the body writes the same words
    (marks set aside); `value` itself otherwise."""
    if not value:
        return value
    want = [fold(w) for w in WORD.findall(value)]
    if not want:
        return value
    words = [(m.group(0), fold(m.group(0))) for m in WORD.finditer(body)]
    n = len(want)
    for i in range(len(words) - n + 1):
        if [k for _, k in words[i:i + n]] == want:
            return " ".join(w for w, _ in words[i:i + n])
    return value


def confirm_name(name: str | None, body: str) -> str | None:
    """A signer's name whose first syllables OCR lost or garbled (`Văn Thuân`):
    the one full name in the body that ends with the same syllables
    (`Hoàng Văn Thuân`); `name` itself where there is none or more than one."""
    if not name:
        return name
    tail = fold(name).split()
    found = {m.group(0) for m in PERSON_NAME.finditer(body)
             if fold(m.group(0)).split()[-len(tail):] == tail}
    longer = {f for f in found if len(f.split()) > len(tail)}
    if len(longer) == 1:
        return longer.pop()
    return name
