"""A trích yếu printed in capitals, written as an official writes it (spec §5):
`... TRÊN ĐỊA BÀN TỈNH CAO BẰNG` → `... trên địa bàn tỉnh Cao Bằng`.

Sentence case, with the capitals administrative Vietnamese keeps, found in this order:
1. the document's own text: a decision restates its trích yếu in its first article,
   a plan in its opening, a portal in its title line; a run of two or more words of
   the title found in a line that is not in capitals gives its letter case (a capital
   that only opens a sentence there gives none);
2. the rules, for words the text does not write: a place after its unit word and the
   regions (the gazetteer), a body the registry names, a document cited by type and
   number (`Quyết định số 856/QĐ-TTg`), the document a title issues or approves
   (`Ban hành Quy chế ...`, `Phê duyệt Đề án “...”`), the first word of a quoted name,
   an acronym (`UBND`, `COVID-19`, one the text writes in capitals), a number as it
   is, a Roman numeral of a session (`khóa VII`).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from extractors.title_evidence import TOKEN, Evidence, canon, from_evidence, mostly_capital
from extractors.truecase import case_place, case_like, head_of, registry_fields, registry_names
from parsers.grammar.body_words import vocab as body_vocab
from parsers.grammar.documents import vocab as documents_vocab
from parsers.grammar.places import key, lookup as lookup_place, units
from parsers.structure import is_upper_heading

VOCAB = Path(__file__).with_name("vocab") / "metadata.json"
# Quotes that open a name: `Đề án “Tuyên truyền ...”`, `"Chiến lược Dân số ..."`
OPEN_QUOTES = "“\"‘'«”"
# How far after a named document's type a quoted name may open (`Đề án khung sản phẩm quốc
# gia “Sản phẩm cá da trơn ...”`), and the words that put the quote outside its name (`tiêu
# chí số 4 về “an ninh, trật tự đô thị”`)
QUOTE_REACH = 6
QUOTE_BREAKS = ("về", "của", "cho", "theo", "và")
# Words after which a capital the text gives opens a name: `của Liên hợp quốc`, `thuộc Bộ ...`
NAME_LINKS = ("của", "thuộc", "giữa", "với")
# The word after which a registered body's field names a sector: `ngành Dân tộc và Tôn giáo`
FIELD_LEADS = ("ngành",)
# A Roman numeral as a session or a part is numbered: `khóa VII`, `lần thứ X`
ROMAN = re.compile(r"^[IVXLC]+$")
# A number whose code is in lower case: `77/kh-lt`, `177/2004/qđ-ub`
LOWER_CODE = re.compile(r"\d+/(?:\d+/)?[a-zđ]{2,}")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def case_title(title: str, texts: list[list[str]]) -> str:
    """`title` in sentence case with its proper capitals, when printed in capitals
    (a title in mixed case stays as written, its first letter a capital). `texts`: the
    document's texts in the order they are trusted (its body, then a website's lines)."""
    if not title:
        return title
    if not is_upper_heading(title) and not _caseless(title):
        return title[:1].upper() + title[1:]
    spans = [(m.start(), m.end()) for m in TOKEN.finditer(title)]
    words = [title[a:b] for a, b in spans]
    keys = [canon(w) for w in words]
    cased: list[str | None] = [None] * len(words)
    _strong_rules(title, spans, words, keys, cased)
    ruled = list(cased)
    evidence = [Evidence(source, set(keys), keys) for source in texts]
    for source in evidence:         # the body first, then a website's lines
        from_evidence(source, keys, cased)
    _unproven_capitals(title, spans, words, keys, ruled, cased, evidence)
    _weak_rules(title, spans, words, keys, cased)
    out, pos = [], 0
    for (a, b), w, c in zip(spans, words, cased):
        out.append(title[pos:a].lower())
        out.append(case_like(w, c) if c and not re.search(r"\d", w) else (c or w.lower()))
        pos = b
    out.append(title[pos:].lower())
    text = "".join(out)
    return text[:1].upper() + text[1:]


def _caseless(title: str) -> bool:
    """A title a corpus copy wrote without capitals: a place after its unit word or a
    number's code in lower case (`thuộc tỉnh hải dương`, `kế hoạch 77/kh-lt`)."""
    if any(c.isupper() for c in title[1:]):
        return False
    if LOWER_CODE.search(title):
        return True
    words = title.split()
    unit_words = {u.split()[-1] for u in units()}
    return any(w.strip(",;") in unit_words and lookup_place(" ".join(words[i + 1:i + 3]).strip(",;"))
               for i, w in enumerate(words[:-1]))


def _unproven_capitals(title: str, spans, words: list[str], keys: list[str], ruled: list[str | None],
                       cased: list[str | None], evidence: list["Evidence"]) -> None:
    """A capital the text gives that opens no name is the writer's emphasis, not a name:
    `Phê duyệt Quy hoạch thăm dò ...` restating a title, `thu Thuế giá trị gia tăng`.
    A capital the text gives stands where it opens a body's name (`Quỹ`, `Khu kinh tế`),
    goes on a name (`Quỹ Phòng chống ...`, `Chiến lược Dân số`), or where the text writes
    the words so every time, more than once (`Thủ đô`, `Vân Đồn`); a common document
    word (`kế hoạch`, `quy hoạch`, `nhiệm vụ`) takes a capital only by the rules."""
    generic = _common_words()
    named = [[canon(x) for x in t.split()] for t in _vocab()["named_types"]]
    carried_out = [[canon(x) for x in v.split()] for v in _vocab()["carrying_out_verbs"]]
    named_kinds = [[canon(x) for x in g.split()] for g in _vocab()["named_document_kinds"]]
    for i in range(1, len(words)):
        if ruled[i] is not None or not cased[i] or not cased[i][:1].isupper():
            continue
        if any(keys[i:i + len(n)] == n for n in named_kinds):
            continue                            # `Phê duyệt Quy hoạch tổng thể ...` as the text writes it
        carried = any(keys[max(0, i - len(v)):i] == v for v in carried_out) and any(
            keys[i:i + len(ct)] == ct for _, ct in _type_words())     # a document, not `tiêu chí`
        if any(keys[i:i + len(g)] == g for g in generic) and not carried:
            for k in range(max(len(g) for g in generic if keys[i:i + len(g)] == g)):
                if ruled[i + k] is None:
                    cased[i + k] = words[i + k].lower()
            continue
        if cased[i - 1] and cased[i - 1][:1].isupper() and not re.search(r"\d", words[i - 1]):
            continue                            # goes on a name: `Công ty Quản lý ...`
        if any(c.isupper() for c in cased[i][1:]):
            continue                            # an acronym as the text writes it: `IoT`
        if keys[:i] == ["về", "việc"]:
            cased[i] = None                     # a website's line opens the trích yếu with a capital
            continue
        if i + 1 < len(words) and cased[i + 1] and cased[i + 1][:1].isupper() and ruled[i + 1] is None \
                and not re.search(r"\d", words[i + 1]):
            continue                            # a proper name, each syllable a capital: `Vân Đồn`
        if _in_registered_field(words, cased, i):
            continue                            # `ngành Nông nghiệp và Môi trường`
        if keys[i - 1] in NAME_LINKS or _opens_quote(title, spans[i][0]):
            continue                            # `của Liên hợp quốc`, `Dự án “Tăng cường ...”`
        if any(keys[i:i + len(t)] == t for t in named):
            continue                            # a document by its type: `thi hành Nghị định quy định ...`
        if _is_place(words, i) or _opens_name(words, i) or _after_name_head(words, cased, i) or mostly_capital(evidence, keys, i):
            continue
        cased[i] = None


@lru_cache(maxsize=1)
def _common_words() -> tuple[list[str], ...]:
    return tuple([canon(x) for x in g.split()] for g in _vocab()["common_document_words"])


def _in_registered_field(words: list[str], cased: list[str | None], i: int) -> bool:
    """words[i] is inside a field a registered body is named by, capitalised from its start
    (`Nông nghiệp và Môi trường`), or opens one after the sector word (`ngành Dân tộc và
    Tôn giáo`; elsewhere a field's first word is a common noun: `nguồn ngân sách nhà nước`)."""
    fields = registry_fields()
    for j in range(max(0, i - 4), i + 1):
        if j == i and (i == 0 or canon(words[i - 1]) not in FIELD_LEADS):
            continue
        if cased[j] and cased[j][:1].isupper():
            for k in range(i + 1, min(len(words), j + 8) + 1):
                if key(" ".join(words[j:k])) in fields:
                    return True
    return False


def _is_place(words: list[str], i: int) -> bool:
    """words[i] opens a place the gazetteer knows: `Vân Đồn`, `Hà Nội`."""
    return any(lookup_place(" ".join(words[i:i + n])) for n in range(min(4, len(words) - i), 0, -1))


def _opens_name(words: list[str], i: int) -> bool:
    """words[i] opens a body's name, a named zone or group, or an office-holder's title:
    `Trung tâm`, `Quỹ`, `Khu kinh tế ...`, `Thống đốc` (a head noun of one word only where
    it opens names in titles: not `Thuế giá trị gia tăng`)."""
    head = head_of(" ".join(words[i:i + 4]))
    if head and len(head.split()) > 1:
        return True
    keys = [canon(w) for w in words[i:i + 3]]
    return any(keys[:len(o)] == o for o in _name_openers() + _office_titles())


@lru_cache(maxsize=1)
def _office_titles() -> tuple[list[str], ...]:
    return tuple([canon(x) for x in t.split()] for t in body_vocab()["titles"])


@lru_cache(maxsize=1)
def _name_openers() -> tuple[list[str], ...]:
    return tuple([canon(x) for x in o.split()] for o in _vocab()["name_openers"])


def _after_name_head(words: list[str], cased: list[str | None], i: int) -> bool:
    """words[i] is the first word of the name after a capitalised head or document type:
    `Chiến lược Dân số`, `Trung tâm Phục vụ ...`, `Quỹ Phòng chống thiên tai`."""
    for j in range(max(0, i - 3), i):
        if cased[j] and cased[j][:1].isupper():
            span = " ".join(words[j:i])
            if head_of(span) == head_of(span + " x") and head_of(span) and len(head_of(span).split()) == i - j \
                    or " ".join(canon(w) for w in words[j:i]) in _vocab()["named_types"]:
                return True
    return False


@lru_cache(maxsize=1)
def _type_words() -> tuple[tuple[list[str], list[str]], ...]:
    """The heading types' words, longest first, as written and as matched."""
    types = sorted((t.lower().split() for t in documents_vocab()["heading_types"]), key=len, reverse=True)
    return tuple((t, [canon(x) for x in t]) for t in types)


def _opens_quote(title: str, at: int) -> bool:
    """A quote mark just before `at` opens a quotation (`ĐỀ ÁN “PHÁT`, `ĐỀ ÁN "PHÁT`),
    not closes one (`2010"CỦA`)."""
    if at == 0 or title[at - 1] not in OPEN_QUOTES:
        return False
    return title[at - 1] in "“‘«" or at < 2 or not title[at - 2].isalnum()


def _set(cased: list[str | None], i: int, form: str) -> None:
    if 0 <= i < len(cased) and cased[i] is None:
        cased[i] = form


def _strong_rules(title: str, spans, words: list[str], keys: list[str], cased: list[str | None]) -> None:
    """What the rules of writing decide whatever the text does: an acronym, a document
    cited by type and number (`Quyết định số 177/2004/QĐ-UB`), the document a title
    issues (`Ban hành Quy chế ...`, `ban hành Kế hoạch ...`)."""
    acronyms = set(_vocab()["acronyms"])
    for i, w in enumerate(words):
        if not re.search(r"\d", w) and (w in acronyms or (len(w) >= 2 and w.upper() in acronyms)):
            _set(cased, i, w.upper())
    _documents(title, spans, words, keys, cased, [v.split() for v in _vocab()["issuing_verbs_strong"]])
    _bodies(words, keys, cased, linked=True)     # `của Sở Giáo dục và Đào tạo` where the text writes `sở`


def _weak_rules(title: str, spans, words: list[str], keys: list[str], cased: list[str | None]) -> None:
    """For words the text does not write: a session's Roman numeral, places, the documents
    a title names, a number's codes (`856/QĐ-TTg`), a body the registry names."""
    codes = {c.upper(): c for c in _vocab()["number_codes"]}
    for i, w in enumerate(words):
        if re.search(r"\d", w):
            _set(cased, i, re.sub(r"[A-ZĐ]+", lambda m: codes.get(m.group(), m.group()), w.upper()))
        elif ROMAN.match(w) and i > 0 and keys[i - 1] in ("khóa", "khoá", "thứ", "kỳ", "phần", "chương"):
            _set(cased, i, w)
    _places(words, keys, cased)
    _documents(title, spans, words, keys, cased, [v.split() for v in _vocab()["issuing_verbs"]], cited=False)
    _bodies(words, keys, cased)


def _places(words: list[str], keys: list[str], cased: list[str | None]) -> None:
    """`TỈNH CAO BẰNG` → `tỉnh Cao Bằng`; a region or the country wherever it stands."""
    unit_keys = sorted(([key(x) for x in u.split()] for u in units()), key=len, reverse=True)
    keys = [key(w) for w in words]          # the gazetteer's keys
    i = 0
    while i < len(words):
        unit = next((u for u in unit_keys if keys[i:i + len(u)] == u), None)
        start = i + len(unit) if unit else i
        for n in range(min(6, len(words) - start), 0, -1):
            name = " ".join(words[start:start + n])
            place = lookup_place(name)
            if place and (unit or place.kind in ("region", "country")) and not (
                    unit and unit == [key("xã")] and keys[start] == key("hội")):
                for k, w in enumerate(case_place(name, place).split()):
                    _set(cased, start + k, w)
                if unit and place.written and key(place.written).startswith(" ".join(keys[i:start])):
                    for k, w in enumerate(place.written.split()[:len(unit)]):
                        _set(cased, i + k, w)
                i = start + n - 1
                break
        else:
            not_names = {key(w) for w in _vocab()["not_names"]}
            if unit and start < len(words) and unit[0] in {key(u) for u in ("huyện", "quận", "thị", "xã", "phường")} \
                    and not re.search(r"\d", words[start]) and keys[start] not in not_names:
                for k in range(start, min(start + 2, len(words))):     # a district the gazetteer lacks
                    if keys[k] in not_names:
                        break
                    _set(cased, k, words[k][:1].upper() + words[k][1:].lower())
        i += 1


def _bodies(words: list[str], keys: list[str], cased: list[str | None], linked: bool = False) -> None:
    """A body the registry names, wherever it stands: `THỦ TƯỚNG CHÍNH PHỦ`, `BỘ XÂY DỰNG`;
    `linked`: only where a linking word puts a body (`của SỞ GIÁO DỤC ...`, not `cơ SỞ VĂN HÓA`)."""
    names = registry_names()
    longest = max((len(k.split()) for k in names), default=0)
    links = set(body_vocab()["linking_words"])
    before = [w.lower() for w in words]
    keys = [key(w) for w in words]          # the registry's keys
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            if linked and (i == 0 or before[i - 1] not in links):
                break
            model = names.get(" ".join(keys[i:i + n]))
            if model:
                for k, m in enumerate(model.split()):
                    _set(cased, i + k, m)
                i += n - 1
                break
        i += 1


def _documents(title: str, spans, words: list[str], keys: list[str], cased: list[str | None],
               verbs: list[list[str]], cited: bool = True) -> None:
    """A document cited by type and number, or issued, approved or carried out by this
    one, or named in quotes: `Quyết định số ...`, `Ban hành Quy chế ...`, `Đề án “...”`."""
    named = set(_vocab()["named_types"])
    for i in range(len(words)):
        t = next((t for t, ct in _type_words() if keys[i:i + len(t)] == ct), None)
        if not t:
            continue
        j = i + len(t)
        if any(len(g) > len(t) and keys[i:i + len(g)] == g for g in _common_words()):
            continue                             # `ban hành quy định về cơ chế ...`: a regulation, no name
        after_number = cited and j < len(words) and (keys[j] == "số" or re.match(r"\d", words[j]))
        after_verb = any(keys[max(0, i - len(v)):i] == v for v in verbs) and " ".join(t) in named
        quoted = j < len(words) and _opens_quote(title, spans[j][0]) and " ".join(t) in named
        if after_number or after_verb or quoted:
            _set(cased, i, words[i][:1].upper() + words[i][1:].lower())
        if " ".join(t) in named:                 # Đề án “Phát triển ...”, Đề án khung ... “Sản phẩm ...”
            q = next((k for k in range(j, min(j + QUOTE_REACH, len(words))) if _opens_quote(title, spans[k][0])), None)
            if q is not None and not any(keys[k] in QUOTE_BREAKS for k in range(j, q)):
                _set(cased, q, words[q][:1].upper() + words[q][1:].lower())
