"""Who a prose item assigns work to: the body list at its start, after `Giao`,
in a lead-in, or in a heading (spec §1, owner order)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.ocr_repair import fold
from parsers.grammar.assignment import (ADDRESSED, ADVERBIAL, CLAUSE_BREAK, CLAUSE_COMMA, PARTNER_OPENER,
                                        PERSON_LABEL, SENTENCE_BREAK, account_pattern, find_verb, handing_pattern,
                                        in_noun_phrase, execution_clauses, negated_work, passive_pattern,
                                        prefix_pattern, subject_negation, verb_pattern, vocab)
from parsers.grammar.bodies import body_opening, colon_frame, kind_after_title, starts_with_body
from parsers.grammar.body_words import vocab as bodies_vocab
from parsers.document_context import per_document
from parsers.grammar.alternation import alternation

# Where a body list stops besides a verb: `để`, `trong việc`, `đồng thời`, `(`, `;`, `.`, `:`;
# not at the `trong` of `trong và ngoài tỉnh`, which places the bodies (`các cơ sở giáo
# dục nghề nghiệp trong và ngoài tỉnh`)
LIST_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong(?! và ngoài)|về việc|nhằm|theo|tại|khi|đối với|với sự tham gia|đồng thời|trên cơ sở)(?![\w])|[;:.(\n]")
# Where an owner list stops before its verb: `Các Bộ, ngành liên quan khác| trong phạm vi ...`,
# `..., Chủ tịch Ủy ban nhân dân các tỉnh| theo chức năng, nhiệm vụ ...` (a scope qualifier)
OWNER_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong|nhằm|tại|khi|đối với|trên cơ sở|"
                        + alternation(bodies_vocab()["scope_qualifiers"]) + r")(?![\w])|[(]")
# A relative clause naming who was assigned, inside a subject: `các cơ quan| được phân công
# chủ trì| thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm ...`
ASSIGNED_TO = re.compile(r"(?:đã )?được (?:giao|phân công)(?: chủ trì)?(?![\w])")
# A subject that names no body but by the clause after it: `Các cơ quan`, `các cơ quan, đơn vị`
GENERIC_SUBJECT = re.compile(r"[Cc]ác (?:cơ quan|đơn vị)(?:,? (?:cơ quan|đơn vị))*")
# Where a word starts: `Giúp |UBND |tỉnh`
WORD_START = re.compile(r"(?<![\w])\w")
MAX_LIST = 450                 # a list of bodies longer than this is no list: a run-on
LEADING_CLAUSE_MAX = 160
TOPIC_CLAUSE_MAX = 400         # `Về <kiến nghị>: ...` may name its topic at length
MIN_WORK_WORDS = 5             # fewer words after the owner: no work is given
CLAUSE_LOOK = 200              # how far into a later clause a not-a-task phrase is looked for


@dataclass(frozen=True)
class BodyList:
    text: str
    start: int
    end: int
    # start, prefix (`Giao X ...`), handed (`UBND tỉnh yêu cầu X ...`), adverbial
    # (`Định kỳ, X ...`), person (`Ông. X - Trưởng đoàn: ...`), addressed (`Đối với X: ...`)
    # passive (`... do X bố trí`) or accountable (`Phát huy trách nhiệm của X ...`)
    via: str = "start"


@per_document
def _handed_to(text: str, handed: re.Match) -> int:
    """Where the body that an assignment word hands the work to starts: after `Giao `,
    and after the `cho` of `Giao cho Sở ...`."""
    start = handed.end()
    return start + 4 if text.startswith("cho ", start) else start


def leading_bodies(text: str) -> BodyList | None:
    """The body list that opens `text`, ending before its verb or colon.

    `Cục Viễn thám quốc gia chủ trì, phối hợp ...` → `Cục Viễn thám quốc gia`;
    `Phòng Quản lý Công nghiệp: Là đầu mối ...` → `Phòng Quản lý Công nghiệp`;
    `Giao Sở Công Thương chủ trì ...` → `Sở Công Thương`.
    """
    person = PERSON_LABEL.match(text)
    if person:
        return BodyList(person.group(0), 0, person.end(), "person")
    addressed = ADDRESSED.match(text)
    if addressed:
        return _addressed(text, addressed)
    start, via = 0, "start"
    m = prefix_pattern().match(text)
    if m:
        start, via = _handed_to(text, m), "prefix"
    elif not starts_with_body(text):
        m = ADVERBIAL.match(text)
        clause = leading_clause_end(text)
        if clause is not None:
            start, via = clause, "adverbial"
            handed = prefix_pattern().match(text, clause)
            if handed:                              # `Về ...: giao Bộ Xây dựng chủ trì ...`
                start, via = _handed_to(text, handed), "prefix"
        elif m and not PARTNER_OPENER.search(m.group(0)) and (handed := prefix_pattern().match(text, m.end())):
            start, via = _handed_to(text, handed), "prefix"   # `Trường hợp cần thiết, giao Bộ trưởng ...`
        elif m and len(m.group(0).split()) <= 6 and not PARTNER_OPENER.search(m.group(0)) \
                and not _opens_with_verb(m.group(0)):
            start, via = m.end(), "adverbial"   # a cooperation phrase is no adverbial: `Phối hợp với cơ quan Thuế, Sở ...`
    rest = text[start:]
    if not starts_with_body(rest):
        return None
    phrase = _owner_phrase(rest)
    if phrase is None:
        return None
    # the handing verb may stand after a parenthesis or scope word that ends the owner
    # list: `Bộ Văn hóa, Thể thao và Du lịch (VHTTDL) đề nghị| các cơ sở đào tạo ...`
    handed = handing_pattern().search(_owner_phrase(rest, stop=False) or phrase)
    if handed and via in ("start", "adverbial"):     # `Để ..., Sở X yêu cầu| các đơn vị ...`
        after = rest[handed.end():]                       # the body that is given the work
        inner = leading_bodies(after[:1].upper() + after[1:]) if after else None
        if inner:
            at = start + handed.end() + inner.start
            return BodyList(text[at:at + len(inner.text)], at, at + len(inner.text), "handed")
        if handed.start() < len(phrase) and handed.group().strip() not in vocab()["handing_verbs_in_names"]:
            return None         # `Sở X yêu cầu| đơn vị nêu trên ...`: X hands the work on, to no body named
    return BodyList(phrase, start, start + len(phrase), via)


def _owner_phrase(rest: str, stop: bool = True) -> str | None:
    """The owner list that opens `rest`, up to its verb or colon, or (with `stop`)
    before a scope word: `Các Bộ, ngành liên quan khác| trong phạm vi chức năng ...`."""
    # not in the name's first words: `Đoàn| kiểm tra|`, `Trưởng ban kiểm soát|`
    verb = find_verb(rest, max(body_opening(rest), kind_after_title(rest)))
    clause = ASSIGNED_TO.match(rest, verb.start()) if verb else None
    if clause and GENERIC_SUBJECT.fullmatch(rest[:verb.start()].strip()):                          # `Các cơ quan được phân công chủ trì thực hiện nhiệm vụ ...| có
        inner = find_verb(rest, clause.end())      # trách nhiệm`: who was assigned is part of the subject
        verb = find_verb(rest, inner.end()) if inner else None
    colon = rest.find(":")
    while colon > 0 and colon_frame(rest, colon):
        colon = rest.find(":", colon + 1)        # `các sở: Tài nguyên và Môi trường, ...`
    ends = [p for p in (verb.start() if verb else -1, colon) if p > 0]
    if not ends:
        return None
    end = min(ends)
    negation = subject_negation().search(rest, 0, end)
    if negation:
        end = negation.start()                   # `Cơ quan thuế| không được yêu cầu ...`
    at = OWNER_STOP.search(rest, 0, end) if stop else None
    if at and at.start() > 0:
        end = at.start()
    phrase = rest[:end].rstrip(" ,")
    if not phrase or len(phrase) > MAX_LIST or re.search(r"\.\s", phrase):
        return None
    return phrase


@per_document
def handed_lead_in(text: str) -> BodyList | None:
    """The body that a lead-in ending in `:` hands the items below to, in its last
    sentence (or the one before a closing `Cụ thể:`): `X (kính) đề nghị / yêu cầu Y ...
    (thực hiện) (một số) nội dung sau:`,
    also after a fronted clause (`Để ..., Sở Công Thương yêu cầu các tổ chức,
    doanh nghiệp ... thực hiện một số nội dung sau:`) → Y."""
    if not text.rstrip().endswith(":"):
        return None
    starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(text)]
    if len(starts) > 1 and text[starts[-1]:].rstrip(" :*") in vocab()["detail_sentences"]:
        starts.pop()                  # `... thực hiện nghiêm túc .... Cụ thể:`: the sentence before
    at = starts[-1]
    lead = leading_bodies(text[at:])
    if lead is not None:
        if lead.via in ("handed", "prefix"):
            return BodyList(lead.text, at + lead.start, at + lead.end, "handed")
        return None                 # `X chỉ đạo Y:`, `X có trách nhiệm:`: X's, not handed
    for m in handing_pattern().finditer(text, at):
        rest = text[m.end():]
        phrase = _owner_phrase(rest) if starts_with_body(rest) else None
        if phrase:
            return BodyList(phrase, m.end(), m.end() + len(phrase), "handed")
    return None


def leading_clause_end(text: str) -> int | None:
    """Where the subject starts after an opening clause of time, condition or topic:
    `Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, |Sở Công Thương tổ chức ...`,
    `Sau khi hoàn thành xây dựng các phần mềm chuyên ngành, |các đơn vị có trách nhiệm ...`,
    `Về dự án đầu tư xây dựng công trình ...: |Bộ Xây dựng ...`, `Đối với ..., |giao ...`,
    `Nhất trí ...; |giao ...`; the subject is a body with its verb, or a form that hands
    the work to one (`giao X`)."""
    v = vocab()
    topic = False
    if text.startswith(tuple(v["condition_openers"])):
        then = _consequent(text)
        if then is not None:
            return then
    if text.startswith(tuple(v["leading_clause_openers"])):
        most = LEADING_CLAUSE_MAX
    elif text.startswith(tuple(v["topic_openers"])):
        most, topic = TOPIC_CLAUSE_MAX, True
    else:
        return None
    for m in CLAUSE_COMMA.finditer(text, 0, most):
        rest = text[m.end():]
        if PARTNER_OPENER.match(rest):
            return None           # `Hằng năm, phối hợp với Sở Tài chính, |Sở Nội vụ ...`: partners follow
        if prefix_pattern().match(rest):
            return m.end()
        if not starts_with_body(rest) or not find_verb(rest[:200]):
            continue
        # after a topic, the bodies must run straight into their verb: not the `Ủy ban
        # nhân dân các cấp| trong việc ...` listed inside `Đối với các địa phương chưa ...`
        if topic and not runs_into_verb(rest):
            continue
        return m.end()
    return None


def _consequent(text: str) -> int | None:
    """Where the main clause after a condition's `thì` starts, if a body with its verb opens
    it in the item's first clause: `Đối với kiến nghị thuộc thẩm quyền ... của UBND tỉnh,
    Chủ tịch UBND tỉnh mà đã được giải quyết xong ... thì |Văn phòng UBND tỉnh chủ trì ...`;
    not a later clause's (`Đối với ..., chủ trì ...; trường hợp ... thì Bộ trưởng ...`)."""
    end = CLAUSE_BREAK.search(text)
    m = consequent_pattern().search(text, 0, min(end.start() if end else len(text), TOPIC_CLAUSE_MAX))
    if m is None:
        return None
    rest = text[m.end():]
    if prefix_pattern().match(rest) or (starts_with_body(rest) and find_verb(rest[:200])):
        return m.end()
    return None


@lru_cache(maxsize=1)
def consequent_pattern() -> re.Pattern:
    """` thì ` between a condition and its main clause."""
    return re.compile(rf"\s(?:{alternation(vocab()['consequent_words'])})\s+")


def runs_into_verb(rest: str) -> bool:
    """Does the body list that opens `rest` run straight into its verb (`Bộ Xây dựng
    khẩn trương ...`, `các sở, ngành ... xây dựng ...`), with no word between?"""
    phrase = _owner_phrase(rest)
    if phrase is None:
        return False
    after = rest[len(phrase):]
    at = len(phrase) + len(after) - len(after.lstrip(" ,"))
    verb = find_verb(rest, at, at + 40)
    return verb is not None and verb.start() == at


def assigned_later(text: str) -> BodyList | None:
    """The body a later sentence of an item assigns, where the item opens with an
    account: `Đến nay, 13/14 sở, ban, ngành đã đề xuất ...; tuy nhiên, tiến độ ... còn
    chậm. Giao Sở Khoa học và Công nghệ chủ trì ...` → `Sở Khoa học và Công nghệ`."""
    for m in SENTENCE_BREAK.finditer(text):
        lead = leading_bodies(text[m.end():])
        if lead and lead.via == "prefix":
            return BodyList(lead.text, m.end() + lead.start, m.end() + lead.end, "prefix")
    return None


def no_work(rest: str) -> bool:
    """What follows the owner gives no work: `Sở Công Thương yêu cầu các đơn vị| nghiêm túc thực hiện./`"""
    return len(rest.strip(" ./;").split()) < MIN_WORK_WORDS and not rest.rstrip().endswith(":")


def subject_then(text: str, words: re.Pattern) -> bool:
    """Do `words` follow right after the body that opens the text (an item, a lead-in)? A right or a permission
    (`Sở Tài chính được quyền khai thác ...`, `Chủ tịch Hội đồng có thể quyết định triệu tập
    ...`), a negation (`Cơ quan thuế không được yêu cầu ...`), an invitation (`Ủy ban nhân
    dân tỉnh kính mời các đại biểu dự họp ...`): no work (spec §1). Not where such words
    come later (`Sở X chủ trì ..., có thể mời ...`)."""
    if words.search(text) is None:
        return False                        # most items: no need to find their subject
    lead = leading_bodies(text)
    return lead is not None and words.match(text[lead.end:].lstrip(" ,")) is not None


def owner_clauses(text: str, owner: str | None, after: int = 0) -> list[tuple[int, BodyList]]:
    """Later clauses of an item that give other work to another body, with the
    offset where each starts: `...; Sở Tài chính chịu trách nhiệm thẩm định ...`.
    A clause whose body is the item's owner, or who only cooperates (`Sở B phối
    hợp ...`), stays in the item. Breaks before `after` (the end of the item's own
    owner list: `Viện A; Viện B nghiên cứu ...`) are not looked at."""
    out: list[tuple[int, BodyList]] = []
    current = owner.casefold() if owner else None
    lists = [m.end() for m in _listing_opener().finditer(text)]
    for m in CLAUSE_BREAK.finditer(text, after):
        if lists and _in_listing(text, m.start(), lists):
            continue                   # `... các lĩnh vực liên quan gồm: Thanh tra trách nhiệm ...;|
                                       # Thanh tra hoạt động ...`: members of the list, no subjects
        if not out and _only_partners(text[after:m.start()]):
            continue                   # `Giao Sở X chủ trì, phối hợp các sở, ban ngành tỉnh;| Ủy ban
                                       # nhân dân các xã ... có trách nhiệm: ...`: the list goes on
        lead = leading_bodies(text[m.end():])
        if lead is None or (lead.via not in ("start", "handed") and not _opened_clause(text[m.end():], lead)) \
                or (current and lead.text.casefold().startswith(current)):
            continue
        work = text[m.end() + lead.end:].lstrip(" ,")
        if work.startswith(tuple(vocab()["cooperation_verbs"])) or no_work(work) or negated_work().match(work) \
                or account_pattern().match(work):
            continue                   # no work: `...; Các đơn vị, cá nhân không tổ chức chúc Tết ...`,
                                       # `...; Sở Nông nghiệp và Môi trường đã tiếp nhận 01 hồ sơ ...`
        clause = text[m.end():]
        if any(p in clause[:CLAUSE_LOOK] for p in _no_task_clauses()):
            continue                   # `Chủ tịch UBND cấp xã chịu trách nhiệm trước ...`
        out.append((m.end(), lead))
        current = lead.text.casefold()
    return out


def _in_listing(text: str, at: int, lists: list[int]) -> bool:
    """Is the `;` right before `at` one of a list that a `gồm:` opened earlier in its sentence
    (`lists`: where each such list opens)?"""
    opened = max((end for end in lists if end <= at), default=None)
    return opened is not None and text[:at].rstrip().endswith(";") and "." not in text[opened:at]


@lru_cache(maxsize=1)
def _listing_opener() -> re.Pattern:
    """Words that open a list of members: `..., gồm:`, `bao gồm:`."""
    return re.compile(rf"(?<![\w])(?:{alternation(vocab()['composition_words'])})\s*:")


def _only_partners(clause: str) -> bool:
    """Is the first clause after the owner only its frame and the bodies it works with, no
    work of its own (`chủ trì, phối hợp các sở, ban ngành tỉnh`)? The list of partners then
    goes on past the clause break."""
    frame = PARTNER_OPENER.search(clause)
    opener = clause[:frame.start()].strip(" ,").casefold() if frame else None
    if opener is None or opener not in ("", *(w.casefold() for w in vocab()["responsibility_openers"])):
        return False
    pieces = [p.strip(" ,") for p in clause[frame.end():].strip(" ,;").split(";")]
    return all(p and starts_with_body(p) == len(p) for p in pieces)


@lru_cache(maxsize=1)
def _no_task_clauses() -> tuple[str, ...]:
    """What makes a later clause no task of its body's: a not-task phrase (`chịu trách nhiệm
    thi hành`), an answer for the work (`chịu trách nhiệm trước ...`), the execution clause."""
    v = vocab()
    return tuple(v["not_task_phrases"] + v["accountability_phrases"]) + execution_clauses()


def _opened_clause(clause: str, lead: BodyList) -> bool:
    """A later clause whose subject follows an opening phrase of time, condition or
    basis (`...; Trên cơ sở đó, Ban Chỉ đạo 389 các bộ, ngành, địa phương xây dựng kế
    hoạch ...`, `Hàng năm, Bộ Y tế chủ trì ...`); not a topic (`Đối với Hội Tin học, Sở
    ... có Công văn ...`) nor any short phrase before a comma."""
    return lead.via == "adverbial" and clause.startswith(tuple(vocab()["leading_clause_openers"])) \
        and leading_clause_end(clause) == lead.start


def _addressed(text: str, m: re.Match) -> BodyList | None:
    """`Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện ...` → the subject after the
    colon (`Các thành viên Đoàn`); with no subject there (`Đối với đơn vị được kiểm tra:
    Chuẩn bị ...`) the party addressed, when it is a body (`đơn vị được kiểm tra`)."""
    inner = leading_bodies(text[m.end():]) if m.end() < len(text) else None
    if inner:
        return BodyList(inner.text, m.end() + inner.start, m.end() + inner.end, "addressed")
    party = m.group("party").strip()
    if starts_with_body(party) or party.casefold().startswith(
            tuple(h + " " for h in bodies_vocab()["addressed_heads"])):
        return BodyList(party, m.start("party"), m.start("party") + len(party), "addressed")
    return None


def accountable(text: str) -> BodyList | None:
    """The body whose responsibility an item raises: `Phát huy trách nhiệm của UBND cấp
    xã, phường và người đứng đầu địa phương trong việc ...` → `UBND cấp xã, phường và
    người đứng đầu địa phương`."""
    opener = next((o for o in vocab()["accountable_openers"] if text.startswith(o + " ")), None)
    if opener is None:
        return None
    at = len(opener) + 1
    rest = text[at:]
    if not starts_with_body(rest):
        return None
    phrase = _list_before_stop(rest)
    return BodyList(phrase, at, at + len(phrase), "accountable") if phrase else None


def _opens_with_verb(phrase: str) -> bool:
    """A phrase that opens on a verb of work and names a body after it is the item's own
    predicate, not an adverbial before its subject: the bodies after its comma go on with
    the verb's object, and do not do the work (`Chịu trách nhiệm trước UBND tỉnh, |Chủ
    tịch UBND tỉnh về việc ...`, `Giúp UBND tỉnh, |Chủ tịch UBND tỉnh theo dõi ...`). A
    noun that reads like a verb names no body after it: `Tổ chức hành nghề công chứng, |Ủy
    ban nhân dân cấp xã ...` stays an opening phrase."""
    lowered = phrase[:1].lower() + phrase[1:]
    verb = verb_pattern().match(lowered)
    if verb is None or in_noun_phrase(lowered, 0, verb.end()):
        return False
    words = [w.start() for w in WORD_START.finditer(phrase, verb.end())]
    return any(starts_with_body(phrase[at:]) for at in words)


def _list_before_stop(rest: str) -> str:
    """A body list that opens `rest`, up to its verb or LIST_STOP: `Sở Tư pháp và các cơ
    quan có liên quan|, căn cứ Luật ...`."""
    stops = [m.start() for m in (find_verb(rest), LIST_STOP.search(rest)) if m]
    return rest[:min(stops) if stops else len(rest)].rstrip(" ,")


def passive_agent(text: str, *, ocr: bool = False) -> BodyList | None:
    """The body after `do` that closes an item: `Phương tiện ...: Xe ô tô 7 chỗ do Văn
    phòng Sở Công Thương tỉnh Lào Cai bố trí.` → `Văn phòng Sở Công Thương tỉnh Lào Cai`.
    `ocr`: text read by OCR, whose tone marks may be lost or wrong (`bô trí` for `bố
    trí`): the verb is matched with marks set aside; the body is returned as written."""
    m = passive_pattern().search(text)
    if m is None and ocr:
        folded = fold(text)
        if len(folded) == len(text):          # offsets in the folded text are the text's
            m = passive_pattern(fold).search(folded)
            if m and starts_with_body(text[m.start("body"):m.end("body")]):
                return BodyList(text[m.start("body"):m.end("body")], m.start("body"),
                                m.end("body"), "passive")
            return None
    if not m or not starts_with_body(m.group("body")):
        return None
    return BodyList(m.group("body"), m.start("body"), m.end("body"), "passive")


@per_document
def partner_lists(text: str) -> tuple[tuple[str, int], ...]:
    """Every `phối hợp với X` list in `text` with its offset, X ending before a verb."""
    out = []
    reciprocals = tuple(w + " " for w in vocab()["partner_opener"]["reciprocals"])
    for m in PARTNER_OPENER.finditer(text):
        rest = text[m.end():]
        if not starts_with_body(rest) and not (m.group("with") and rest[:1].islower()):
            continue
        if rest.startswith(reciprocals):
            continue                    # `các sở phối hợp với nhau ...`: no partner named
        phrase = _list_before_stop(rest)
        if phrase and len(phrase) < MAX_LIST:
            out.append((phrase, m.end()))
    return tuple(out)
