"""Text as a field value wants it: runs of white space folded (`fold_spaces`), edge
punctuation stripped (`clean_value`), underline strokes standing alone dropped."""
from __future__ import annotations

import re
import unicodedata

# Runs of white space, including the no-break space of Word and HTML: `Số:\u00a0161`
SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
# Punctuation that never starts or ends a field value (spec §2): `Sở Ngoại vụ.`
EDGE_PUNCT = " \t\n.;,:"


# Spaces SPACES folds that `str.split` does not see: zero-width space, byte-order mark
_INVISIBLE_SPACES = ("\u200b", "\ufeff")


def fold_spaces(text: str) -> str:
    """Runs of SPACES as one space, none at the ends (`str.split` splits at `\\s`, and
    much faster than a regex)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text     # already folded (most texts): every space but ` ` is unprintable
    for c in _INVISIBLE_SPACES:
        if c in text:
            text = text.replace(c, " ")
    return " ".join(text.split())


# The mark that closes a document's last paragraph, as punctuation (spec §2): `... thực
# hiện./.`, `... nghiêm túc thực hiện./`, `... biết, thực hiện/.`
CLOSING_MARK = re.compile(r"(?:\.\s*/\s*\.?|/\s*\.)\s*$")


def clean_value(text: str | None) -> str | None:
    """NFC, white space folded, no leading/trailing spaces or `.`, `;`, `,`, `:`, nor the
    closing `./.`."""
    if text is None:
        return None
    text = fold_spaces(unicodedata.normalize("NFC", text))
    if "/" in text[-6:]:
        text = CLOSING_MARK.sub("", text)
    return text.strip(EDGE_PUNCT).strip() or None


def has_value(text: str) -> bool:
    """`clean_value(text)` is not None; a letter or a digit says so at once, without
    folding a whole paragraph's white space."""
    return any(map(str.isalnum, text)) or clean_value(text) is not None


# An underline stroke read as text between two words: `ỦY BAN NHÂN DÂN _ CỘNG HÒA ...`,
# `Ngân hàng Nhà _ nước` (OCR); a form's blank (`Số: ____/QĐ`) is longer
LONE_UNDERLINE = re.compile(r"(?:(?<=\s)|^)_{1,2}(?=\s|$)")


def drop_lone_underlines(text: str) -> str:
    """The text without underline strokes standing alone between words."""
    return LONE_UNDERLINE.sub("", text) if "_" in text else text
