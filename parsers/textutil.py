"""Small text helpers shared by the readers and the structure parser."""
from __future__ import annotations

import re
import unicodedata

# Runs of white space, including the no-break space of Word and HTML: `Số:\u00a0161`
SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
# Punctuation that never starts or ends a field value (spec §2): `Sở Ngoại vụ.`
EDGE_PUNCT = " \t\n.;,:"


def fold_spaces(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def clean_value(text: str | None) -> str | None:
    """NFC, white space folded, no leading/trailing spaces or `.`, `;`, `,`, `:`."""
    if text is None:
        return None
    text = fold_spaces(unicodedata.normalize("NFC", text)).strip(EDGE_PUNCT).strip()
    return text or None
