"""The signer (spec §5): the name under the office-holder's title in the signature
block, however the copy sets it: a name on its own line under `KT. CHỦ TỊCH` / `PHÓ CHỦ
TỊCH`, the whole block in one cell (`TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI CHỦ TỊCH (Đã ký) Trần
Thanh Mẫn`), a name glued to the title (`CHÁNH VĂN PHÒNGThái Hữu Phép`)."""
from __future__ import annotations

import re

from parsers.model import Node
from parsers.structure import is_upper_heading
from parsers.clean_text import fold_spaces

# A signer's name: two to five capitalised words, `Vũ Thu Hà`, `Nguyễn Hòa Bình`; whole
# words only (`À-Ỹ` holds lower-case letters too: not the `ướng` of `Thượng tướng Nguyễn Văn Long`)
NAME = re.compile(r"((?<!\w)(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)\s*$")
# What a long signature line may hold before the name: a title in capitals or the mark
# of a copy (`... CHỦ TỊCH (Đã ký) Trần Thanh Mẫn`, `... PHÓ GIÁM ĐỐC [đã ký] Lê Văn A`)
BEFORE_NAME = re.compile(r"(?:[A-ZĐÀ-Ỹ]{2,}|\((?:đã|Đã) ký\)|\[(?:đã|Đã) ký\])\s*$")
# How many words a line that holds a name may have when nothing marks the name
MAX_LINE_WORDS = 12


def unglue_name(line: str) -> str:
    """A name glued to the title above it, as some copies print it: `CHÁNH VĂN PHÒNGThái
    Hữu Phép` → `CHÁNH VĂN PHÒNG Thái Hữu Phép` (two capitals, then a capitalised word)."""
    for i in range(2, len(line) - 1):
        if line[i - 2].isupper() and line[i - 1].isupper() and line[i].isupper() and line[i + 1].islower():
            return f"{line[:i]} {unglue_name(line[i:])}"
    return line


def signer(nodes: list[Node], blocks) -> str | None:
    """The last name the signature block writes (the office-holder signs under it)."""
    candidates: list[str] = []
    for n in nodes:
        b = blocks[n.block]
        cells = b.cells if b.is_row else (b.text,)
        for cell in cells:
            if cell.strip().startswith("Nơi nhận"):
                continue
            for line in cell.split("\n"):
                line = unglue_name(line.strip().strip("*").strip())
                m = NAME.search(line)
                if m and not is_upper_heading(m.group(1)) and (
                        len(line.split()) <= MAX_LINE_WORDS or BEFORE_NAME.search(line[:m.start()])):
                    candidates.append(fold_spaces(m.group(1)))
    return candidates[-1] if candidates else None
