"""A word list as one regular expression: the grammar's lists are matched longest first."""
from __future__ import annotations

import re


def alternation(words) -> str:
    """A regex alternation of `words`, escaped, longest first (so `Ủy ban nhân dân`
    wins over `Ủy ban`), each word once."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
