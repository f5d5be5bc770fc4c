"""What the end of one line and the start of the next say about a wrap.

A line of running text that ends on a word which cannot end it goes on with the next
line, whatever the layout: a word a number follows (`**Điều` + `30. Cập nhật ...`), a
count and its noun (`02` + `Chương trình`), a head noun and its name (`+ Sở` +
`Xây dựng: ...`), an office title and the body it heads (`của Thủ tướng` + `Chính phủ`),
a joining word (`... phối hợp với` + `Sở Tài chính`), a name broken across the break
(`tỉnh Lào` + `Cai`, `THỦ TƯỚNG CHÍNH` + `PHỦ`), a one-word capitals line of a heading
(`THỰC` + `HIỆN QUYẾT ĐỊNH ...`). A dash between a person's name and the office held is
no bullet (`đồng chí Nguyễn Ngọc Phúc` + `- Phó Chủ tịch`), nor is one between two places
(`Lào Cai` + `- Hải Phòng`).

Word lists: `vocab/reflow.json`, the bodies' head nouns and titles of
`parsers.grammar.bodies`, the places of `parsers.grammar.places`, the type headings of
`parsers.grammar.documents`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from parsers.grammar.bodies import starts_with_body
from parsers.grammar.body_words import vocab as bodies_vocab
from parsers.grammar.documents import vocab as documents_vocab
from parsers.grammar.places import key as place_key, known_key, lookup

# Strong emphasis in Markdown: a line with an odd number of these opens a run that goes on
STRONG = "**"
# A line that ends on a person's name: `Kết luận của đồng chí Nguyễn Ngọc Phúc`
PERSON_END = re.compile(r"\b(?:đồng chí|Đồng chí|ông|bà|Ông|Bà)(?: [A-ZĐ][^\W\d_]*){1,4}$")
# A count written with a leading zero, which its noun follows: `... thực hiện 02` + `Chương trình`
COUNT_END = re.compile(r"(?:^|\s)0\d{1,2}\**$")
# What may stand right before a line's last word, other than white space: an emphasis mark
# or a parenthesis that opens it (`**Điều 2. **Sở`, `Phối hợp Sở Nội vụ *(Ban`)
WORD_OPENERS = "*("
# The last word(s) of a line, emphasis marks left out: `**Điều`, `+ Sở`, `**Điều 2. **Sở`
LAST_WORDS = re.compile(r"(?:^|(?<=[\s*(]))([^\W\d_]+(?: [^\W\d_]+){0,2})[*\s]*$")
VOCAB = Path(__file__).with_name("vocab") / "reflow.json"
# Punctuation that ends a sentence or a lead-in: `... như sau:`, `- Như trên;`, `... quy định./.`
TERMINAL = re.compile(r"[.:;!?…](?:[\"”’»)\]]*)$")


@lru_cache(maxsize=16)
def last_words(text: str) -> str | None:
    """The last one to three words of a line (LAST_WORDS' group), None when it ends on no
    word; the line's end is looked at first: most lines end on punctuation, and a line is
    asked about by several rules in a row."""
    end = text.rstrip()
    while end.endswith("*"):
        end = end[:-1].rstrip()
    if not end or not _letter(end[-1]):
        return None                  # LAST_WORDS ends on a letter, then only `*` and spaces
    # LAST_WORDS read from the end: up to three runs of letters, one space apart, the
    # leftmost whose run starts the line or follows white space
    found, start, words = None, len(end), 0
    while words < 3:
        i = start
        while i and _letter(end[i - 1]):
            i -= 1
        if i == start:
            break
        words += 1
        if i == 0 or end[i - 1].isspace() or end[i - 1] in WORD_OPENERS:
            found = i              # `**Điều 2. **Sở`, `*(Ban`: a mark that opens the word
        if i < 2 or end[i - 1] != " ":
            break
        start = i - 1
    return end[found:] if found is not None else None


def _letter(c: str) -> bool:
    r"""`[^\W\d_]`: a word character that is no digit."""
    return c.isalnum() and not c.isdecimal()


def apposition(prev: str, rest: str) -> bool:
    """`rest` (a line's text after its dash) names the office held by the person `prev`
    ends on, or the person's rank in the Party: `Kết luận của đồng chí Nguyễn Ngọc Phúc` +
    `- Phó Chủ tịch UBND tỉnh`, + `- Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh`."""
    return bool(PERSON_END.search(prev)) and rest.lstrip().startswith(_titles() + _party_ranks())


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], frozenset[str]]:
    v = json.loads(VOCAB.read_text(encoding="utf-8"))
    bodies = bodies_vocab()
    # heads of one or two words that a name follows (`Sở`, `Ủy ban`), not a whole body
    # (`Chính phủ`, `Công an`): a line can end on a whole body
    heads = {h for h in bodies["head_nouns"] if len(h.split()) <= 2} - set(bodies["whole_bodies"])
    return frozenset(v["number_words"]), frozenset(heads)


@lru_cache(maxsize=1)
def _type_titles() -> frozenset[str]:
    return frozenset(documents_vocab()["title_headings"])


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Office-holders' titles (`Phó Chủ tịch`, `Giám đốc`), longest first."""
    return tuple(sorted(bodies_vocab()["titles"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _party_ranks() -> tuple[str, ...]:
    """A person's rank in the Party, written after the name like an office: `Tỉnh ủy viên`."""
    ranks = json.loads(VOCAB.read_text(encoding="utf-8"))["party_ranks"]
    return tuple(sorted({r for rank in ranks for r in (rank, rank.replace("ủy", "uỷ"))}, key=len, reverse=True))


def awaits_number(text: str) -> bool:
    """A line that ends on a word a number follows: `**Điều` (+ `30. Cập nhật ...`), `khoản`."""
    last = last_words(text)
    return bool(last) and not TERMINAL.search(text) and last.split()[-1] in _vocab()[0]


def awaits_more(text: str, following: str = "") -> bool:
    """A line that ends on a word that must be followed: a count's noun (`02`), a proper
    name (`Sở`), or, for an office-holder's title, the body it heads when the next
    line (`following`) opens with one (`của Thủ tướng` + `Chính phủ phê duyệt ...`; not
    `Phó Chủ tịch` + `(Đã ký)` or + the signer's name)."""
    if TERMINAL.search(text):
        return False
    if COUNT_END.search(text):
        return True                  # `... triển khai thực hiện 02` + `Chương trình MTQG: ...`
    last = last_words(text)
    if not last:
        return False
    words = last.split()
    name_heads = _vocab()[1]
    tails = [" ".join(words[k:]) for k in range(len(words))]
    if any(t in name_heads for t in tails):
        return True
    return bool(following) and any(t in _titles() for t in tails) and starts_with_body(following) > 0


def open_end(text: str) -> bool:
    """A line that ends on a word that joins what follows (`và`, `của`, `với`): the sentence
    goes on."""
    last = last_words(text)
    return bool(last) and last.split()[-1] in _open_words()


@lru_cache(maxsize=1)
def _open_words() -> frozenset[str]:
    return frozenset(json.loads(VOCAB.read_text(encoding="utf-8"))["open_words"])


@lru_cache(maxsize=1)
def wrapped_words() -> frozenset[str]:
    return frozenset(json.loads(VOCAB.read_text(encoding="utf-8"))["wrapped_words"])


def place_pair(prev: str, rest: str) -> bool:
    """`prev` ends on a place and `rest` (a line's text after its dash) opens with one: the
    dash joins two places, a route or a pair (`cao tốc Lào Cai` + `- Hải Phòng`), no bullet."""
    tail = prev.strip("* ").split()[-4:]
    head = rest.strip("* ").split()[:4]
    return (any(lookup(" ".join(tail[i:]).strip(",.;:()")) for i in range(len(tail) - 1))
            and any(lookup(" ".join(head[:j]).strip(",.;:()")) for j in range(2, len(head) + 1)))


def name_across(prev: str, text: str) -> bool:
    """The last words of `prev` and the first of `text` make one name: a place (`tỉnh Lào`
    + `Cai`, `BÀ RỊA -` + `VŨNG TÀU`) or a two-word name of a body (`CHÍNH` + `PHỦ`)."""
    tail = prev.strip("* ").split()[-3:]
    head = text.strip("* ").split()[:3]
    if not tail or not head:
        return False
    if f"{tail[-1]} {head[0]}".upper() in wrapped_words():
        return True
    # each word keyed once; a run's key is its words' keys joined (`places.known_key`): the
    # keys of the tail's last words, then of the head's first words, each joined once
    tails = _joined_runs(map(place_key, reversed(tail)), reverse=True)
    heads = _joined_runs(map(place_key, head))
    return any(known_key(" ".join(filter(None, (t, h)))) for t in tails for h in heads)


def _joined_runs(keys, reverse: bool = False) -> list[str]:
    """The runs of `keys` from the first (each longer by one), their keys that are not
    empty joined by spaces (`-` has none: `BÀ RỊA -`); with `reverse`, `keys` run
    backwards and each run is joined in reading order."""
    out, run = [], ""
    for k in keys:
        if k:
            run = (f"{k} {run}" if reverse else f"{run} {k}") if run else k
        out.append(run)
    return out


def one_word_capitals(prev: str, text: str) -> bool:
    """Two capitals lines, one of them a single word, with the same emphasis: one heading
    wrapped (`THỰC` + `HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG ...`), not a title over a subtitle."""
    if not (_capitals(prev) and _capitals(text)):
        return False
    if prev.strip("* ") in _type_titles():
        return False                  # `CHỈ THỊ` + `VỀ` + `VIỆC TĂNG CƯỜNG ...`: the type stands alone
    if (prev.startswith(STRONG) or prev.endswith(STRONG)) != (text.startswith(STRONG) or text.endswith(STRONG)):
        return False
    return len(prev.strip("* ").split()) == 1 or len(text.strip("* ").split()) == 1


def _capitals(text: str) -> bool:
    """Letters, none of them lower case: `THỰC`, `**A.`"""
    return text.isupper() and any(map(str.isalpha, text))
