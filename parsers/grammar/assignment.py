"""The grammar of assignment (spec §1): how administrative Vietnamese gives work
to a body.

- the verbs of work, which end a body's name: `Cục Viễn thám quốc gia| chủ trì,
  phối hợp ...`, `Sở Công Thương| có trách nhiệm:`;
- forms that hand the work to the body after them: `Giao Sở Công Thương chủ trì
  ...`, `Đề nghị Bộ Tài chính ...`, `UBND tỉnh yêu cầu| các sở, ngành ...`;
- cooperation: `phối hợp (chặt chẽ) với X`; attendance (`với sự tham gia của X`)
  is none;
- the passive agent: `... do Văn phòng Sở bố trí.`;
- lead-ins and headings that name the owner of the items below them;
- what gives no task: legal bases, purposes, execution and closing clauses,
  statements of who answers for the work.

The word lists are in `vocab/assignment.json`. This module knows words and
forms; who the owner of an item is (which needs body names too) is decided in
`extractors.prose_owner`, with `parsers.grammar.bodies`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from parsers.grammar.alternation import alternation

VOCAB = Path(__file__).with_name("vocab") / "assignment.json"

# A short opening adverbial before the subject: `Định kỳ, Thường trực Ủy ban ... chủ trì`
ADVERBIAL = re.compile(r"^[^,;:.]{2,40},\s+")
# Where an opening clause ends: `Sau khi hoàn thành ..., |các đơn vị ...`,
# `Về dự án ...: |Bộ Xây dựng ...`, `Nhất trí ...; |giao ...`
CLAUSE_COMMA = re.compile(r"[,:;]\s+")
# Where a clause of an item may hand other work to another body:
# `... đề ra. Sở Khoa học và Công nghệ chịu trách nhiệm ...; Sở Tài chính chịu trách nhiệm ...`
CLAUSE_BREAK = re.compile(r"(?<=[.;])\s+(?=\S)")
# A sentence break inside an item: `... chưa đáp ứng yêu cầu. |Giao Sở Khoa học ...`
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")
# A member named with a role, then the duties: `Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung`
PERSON_LABEL = re.compile(r"^(?:Ông|Bà|Đồng chí|Đ/c)\.?\s+[A-ZĐÀ-Ỹ][^:;.]{1,40}\s[-–]\s[^:;]{2,60}(?=:)")
# An item addressed to one party: `Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo ...`
ADDRESSED = re.compile(r"^Đối với\s+(?P<party>[^:;.]{3,120}):\s*")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _partner_opener() -> re.Pattern:
    """The partner list opener (`partner_opener`): `phối hợp với Cục Biến đổi khí hậu, ...`,
    `Phối hợp, hỗ trợ Bộ Khoa học và Công nghệ ...`, `phối hợp cùng các đơn vị liên quan`,
    `chủ động phối hợp các đơn vị liên quan` (without a link word: a body must follow)."""
    words = vocab()["partner_opener"]
    return re.compile(rf"(?<![\w])phối hợp(?:,?\s(?:{alternation(words['manners'])}))?\s"
                      rf"(?P<with>(?:{alternation(words['links'])})\s+)?", re.I)


PARTNER_OPENER = _partner_opener()


@lru_cache(maxsize=1)
def execution_clauses() -> tuple[str, ...]:
    """The wordings of the document's execution clause (`execution_clauses`): `trách nhiệm
    tổ chức thi hành Nghị quyết này`, `căn cứ Quyết định thi hành`, each with the
    document's name capitalised or not."""
    ex = vocab()["execution_clauses"]
    docs = [d for doc in ex["documents"] for d in (doc, doc[:1].lower() + doc[1:])]
    clauses = [f"{duty} {act} {doc} này" for duty in ex["duties"] for act in ex["acts"] for doc in docs]
    clauses += [f"{basis} {doc}{this} thi hành" for basis in ex["bases"] for doc in docs
                for this in ("", " này")]
    return tuple(clauses)


def verb_words() -> list[str]:
    """The verbs of work (`chủ trì`, `có trách nhiệm`, `xây dựng`, ...)."""
    return vocab()["verbs"]


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern:
    """A lower-case verb that ends a body list: `Cục Viễn thám quốc gia| chủ trì, ...`;
    a verb inside a noun phrase of `nouns_with_verbs` (`các chủ đầu tư`, `các cơ quan
    chủ trì`, `các cơ quan, tổ chức hữu quan`) is none: use `find_verb`."""
    return re.compile(rf"(?<![\w&])(?:{alternation(verb_words())})(?![\w])")


@lru_cache(maxsize=1)
def _nouns_with_verbs() -> re.Pattern:
    nouns = vocab()["nouns_with_verbs"]
    both = nouns + [n[:1].upper() + n[1:] for n in nouns]
    words = [n for n in both if n[:1].isalpha()]
    marked = [n for n in both if not n[:1].isalpha()]          # `, tổ chức`
    return re.compile(rf"(?:(?<![\w])(?:{alternation(words)})|(?:{alternation(marked) or '(?!)'}))(?![\w])")


@lru_cache(maxsize=1)
def _nominalized() -> re.Pattern:
    """The verbs right after a nominalizer, which are nouns: `các đơn vị liên quan| đến việc
    thực hiện sắp xếp| và ...`"""
    nominal = vocab()["nominalizers"]
    nominal = alternation(nominal + [n[:1].upper() + n[1:] for n in nominal])
    return re.compile(rf"(?<![\w])(?:{nominal})(?:\s+(?:{alternation(verb_words())})(?![\w]))+")


@lru_cache(maxsize=4096)
def marks_off(text: str) -> str:
    """`text` without tone and vowel marks, `đ` as `d`, case kept, same length
    (`Du lịch đây mạnh` → `Du lich day manh`): the key OCR'd verbs are matched on."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _verbs_without_marks() -> re.Pattern:
    """Verbs of two syllables or more, without their marks: as OCR may misread one mark
    (`đây mạnh` for `đẩy mạnh`), while two words rarely fold to a verb by chance."""
    long = [marks_off(v) for v in verb_words() if " " in v]
    return re.compile(rf"(?<![\w&])(?:{alternation(long)})(?![\w])")


def find_verb(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first verb of work in `text[start:end]` that is not inside a noun phrase
    (`nhà đầu tư thứ cấp`, `các cơ quan chủ trì trong tổ chức thực hiện`); a verb of
    two syllables is also found with a mark misread (`Bộ Văn hóa, Thể thao và Du lịch|
    đây mạnh ...`)."""
    end = len(text) if end is None else end
    found = verb_pattern().finditer(text, start, end)
    bare = marks_off(text)
    if len(bare) == len(text):
        found = _in_order(found, _verbs_without_marks().finditer(bare, start, end))
    for m in found:         # read only as far as the first verb outside a noun phrase
        if not in_noun_phrase(text, m.start(), m.end()) and not _ends_a_named_verb(text, m):
            return m
    return None


# The capitalised syllable right before a verb's match: `Văn phòng |Đăng| ký đất đai`
CAPITALISED_BEFORE = re.compile(r"(?<![\w])([A-ZĐÀ-Ỹ][\w]*)\s+$")


def _ends_a_named_verb(text: str, m: re.Match) -> bool:
    """Is the verb the last syllable of a verb that a name writes in capitals (`Văn phòng
    Đăng ký đất đai`, whose `ký` ends `Đăng ký`)? It is a word of that name, no verb."""
    before = CAPITALISED_BEFORE.search(text, max(0, m.start() - 12), m.start())
    return before is not None and f"{before.group(1).lower()} {m.group()}" in _verb_set()


@lru_cache(maxsize=1)
def _verb_set() -> frozenset[str]:
    """The verbs of work as a set, to look a two-syllable verb up at once."""
    return frozenset(verb_words())


def in_noun_phrase(text: str, start: int, end: int) -> bool:
    """Is `text[start:end]` (a verb's word) inside a noun phrase that holds it (`Ủy ban
    bầu cử`, `các chủ đầu tư`), so that it ends no body's name?"""
    return any(s <= start and end <= e for s, e in _noun_spans(text))


def _in_order(first: Iterator[re.Match], second: Iterator[re.Match]) -> Iterator[re.Match]:
    """The matches of two scans by position, `first`'s before `second`'s where both start
    at one place (as a stable sort of the two lists would give them)."""
    a, b = next(first, None), next(second, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a.start() <= b.start()):
            yield a
            a = next(first, None)
        else:
            yield b
            b = next(second, None)


@lru_cache(maxsize=4096)
def _noun_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where `text` holds a noun phrase with a verb inside (`các cơ quan chủ trì`): a verb
    there is none (the same text is asked about from many starts)."""
    spans = [(m.start(), m.end()) for m in _nouns_with_verbs().finditer(text)]
    if "việc" in text:
        spans += [(m.start(), m.end()) for m in _nominalized().finditer(text)]
    return tuple(spans)


@lru_cache(maxsize=1)
def prefix_pattern() -> re.Pattern:
    """An assignment word before the body: `Giao Sở Công Thương chủ trì ...`, `Đề nghị ...`,
    lower-case after a fronted clause (`Về ...: giao Bộ ...`). Use with `.match`."""
    words = vocab()["assignment_prefixes"]
    return re.compile(rf"(?:{alternation(words + [w[:1].lower() + w[1:] for w in words])})\s+")


@lru_cache(maxsize=1)
def handing_pattern() -> re.Pattern:
    """A body that hands the work on: `Uỷ ban nhân dân tỉnh yêu cầu| thủ trưởng các sở ...`."""
    return re.compile(rf"\s(?:{alternation(vocab()['handing_verbs'])})\s+")


@lru_cache(maxsize=4)
def passive_pattern(key: Callable[[str], str] | None = None) -> re.Pattern:
    """`do <body> <verb>` ending the item: `... do Văn phòng Sở Công Thương tỉnh Lào Cai bố trí.`;
    with `key` (a same-length folding such as OCR's, `bô trí` for `bố trí`) the verbs are
    matched on text folded by it."""
    verbs = vocab()["passive_verbs"]
    if key is not None:
        verbs = [key(v) for v in verbs]
    return re.compile(rf"(?<![\w])do\s+(?P<body>[^,;:()]{{3,120}}?)\s+"
                      rf"(?:{alternation(verbs)})\s*[.;]?\s*$")


@lru_cache(maxsize=1)
def subject_negation() -> re.Pattern:
    """Where a negation ends the words before a subject's verb (`negations`): `Cơ quan thuế|
    không được yêu cầu ...`, `Sở Công Thương| không có đủ cơ sở thẩm định ...`; not the word
    of a name (`Cục Hàng không Việt Nam chủ trì ...`). Use with `.search(text, 0, verb)`."""
    neg = vocab()["negations"]
    heads = "".join(rf"(?<!{re.escape(h)} )" for h in neg["name_heads"])
    return re.compile(rf"(?<![\w]){heads}(?:{alternation(neg['words'])})"
                      rf"(?=\s*$|\s+(?:{alternation(neg['auxiliaries'])})(?![\w]))", re.IGNORECASE)


@lru_cache(maxsize=1)
def negated_work() -> re.Pattern:
    """A negation that opens what follows the subject: no work it must carry out (`Trung tâm
    dữ liệu quốc gia| không thực hiện thu phí ...`); not an adverb (`không ngừng nâng cao`)
    nor a description (`không phải cơ quan chuyên môn ...`). Use with `.match`."""
    neg = vocab()["negations"]
    return re.compile(rf"(?!(?:{alternation(neg['not_negating'])})(?![\w]))"
                      rf"(?:{alternation(neg['words'])})(?![\w])")


@lru_cache(maxsize=1)
def account_pattern() -> re.Pattern:
    """An account after the subject (`accounts`), to the end of its sentence with no colon,
    `thì` nor work of the subject's in it: `(Ủy ban nhân dân tỉnh) đã ban hành 02 Quyết định
    phê duyệt ...`; not `(các đơn vị) đã xây dựng cơ sở dữ liệu quốc gia: Tiếp tục ...`, nor
    `(... các dự án) đang triển khai thi công tiếp tục chỉ đạo ...`. Use with `.match`."""
    words = vocab()["accounts"]
    breaks = alternation(vocab()["consequent_words"] + words["relative_work"])
    return re.compile(rf"(?:{alternation(words['aspects'])})(?![\w])(?:(?!\s(?:{breaks})\s)[^:.;])*(?:[.;]|$)")
