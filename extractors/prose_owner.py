"""Who a prose item assigns work to: the body list at its start, after `Giao`,
in a lead-in, or in a heading (spec §1, owner order)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.ocr_repair import fold
from parsers.document_context import per_document

VOCAB = Path(__file__).with_name("vocab") / "prose.json"


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(VOCAB.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern:
    """A lower-case verb that ends a body list: `Cục Viễn thám quốc gia| chủ trì|, ...`.
    `tổ chức` after `cơ quan, `, `đơn vị, ` or `các ` is a noun of the list: `các cơ
    quan, tổ chức hữu quan`; so is `chủ trì` right after `cơ quan` or `đơn vị` (not `có liên quan`): `phối hợp
    chặt chẽ với các cơ quan chủ trì trong tổ chức thực hiện` (laocai-134 V.8)."""
    return re.compile(rf"(?<![\w&])(?<!chủ )(?<!Chủ )(?<!nhà )(?!(?<=quan, )tổ chức)"
                      rf"(?!(?<=vị, )tổ chức)(?!(?<=các )tổ chức)"
                      rf"(?!(?<=cơ quan )chủ trì)(?!(?<=đơn vị )chủ trì)"
                      rf"(?:{_alternation(vocab()['verbs'])})(?![\w])")


@lru_cache(maxsize=1)
def head_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Body openers: a whole body (`Ủy ban nhân dân`, `Chủ tịch`), a head noun that needs
    a name after it (`Sở Y tế`, not `Báo cáo`), and a collective (`Các Sở, ngành`)."""
    v = vocab()
    whole = re.compile(rf"^(?:{_alternation(v['body_heads_whole'])})(?![\w])")
    named = re.compile(rf"^(?:{_alternation(v['body_heads_named'])})\s+(?:[A-ZĐÀ-Ỹ]|(?:{_alternation(v['named_head_followers'])})(?![\w]))")
    collective = re.compile(rf"^[Cc]ác\s+(?:{_alternation(v['collective_nouns'])})(?![\w])")
    return whole, named, collective


@lru_cache(maxsize=1)
def prefix_pattern() -> re.Pattern:
    """An assignment word before the body: `Giao Sở Công Thương chủ trì ...`, `Đề nghị ...`."""
    return re.compile(rf"^(?:{_alternation(vocab()['assignment_prefixes'])})\s+")


@lru_cache(maxsize=2)
def passive_pattern(folded: bool = False) -> re.Pattern:
    """`do <body> <verb>` ending the item: `... do Văn phòng Sở Công Thương tỉnh Lào Cai bố trí.`;
    `folded`: the same over text folded by `ocr_repair.fold` (`do van phong ... bo tri`)."""
    verbs = vocab()['passive_verbs']
    if folded:
        verbs = [fold(v) for v in verbs]
    return re.compile(rf"(?<![\w])do\s+(?P<body>[^,;:()]{{3,120}}?)\s+"
                      rf"(?:{_alternation(verbs)})\s*[.;]?\s*$")


# The partner list opener: `phối hợp với Cục Biến đổi khí hậu, ...`, `Phối hợp với ...`,
# `chủ động phối hợp các đơn vị liên quan` (without `với`: a body must follow)
PARTNER_OPENER = re.compile(r"(?<![\w])phối hợp (?:chặt chẽ )?(?P<with>với\s+)?", re.I)
# Where a clause of an item may hand other work to another body:
# `... đề ra. Sở Khoa học và Công nghệ chị trách nhiệm ...; Sở Tài chính chịu trách nhiệm ...`
CLAUSE_BREAK = re.compile(r"(?<=[.;])\s+(?=\S)")
# A sentence break inside an item: `... chưa đáp ứng yêu cầu. |Giao Sở Khoa học ...`
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")
# Where a body list stops besides a verb: `để`, `trong việc`, `đồng thời`, `(`, `;`, `.`, `:`;
# not at the `trong` of `các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh` (laocai-134 V.6)
LIST_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong(?! và ngoài)|về việc|nhằm|theo|tại|khi|đối với|với sự tham gia|đồng thời)(?![\w])|[;:.(\n]")
# Where an owner list stops before its verb: `Các Bộ, ngành liên quan khác| trong phạm vi ...`
OWNER_STOP = re.compile(r"(?<![\w])(?:để|trong việc|trong phạm vi|trong|nhằm|tại|khi|đối với)(?![\w])|[(]")
# An acronym that names a body: `VTV, VOV, TTXVN thực hiện ...` (not an upper-case heading)
ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ&]{1,7}(?=[\s,;:)]|$)(?!\s+[A-ZĐÀ-Ỹ]{2,})")


@dataclass(frozen=True)
class BodyList:
    text: str
    start: int
    end: int
    # start, prefix (`Giao X ...`), handed (`UBND tỉnh yêu cầu X ...`), adverbial
    # (`Định kỳ, X ...`), person (`Ông. X - Trưởng đoàn: ...`), addressed (`Đối với X: ...`)
    # passive (`... do X bố trí`) or accountable (`Phát huy trách nhiệm của X ...`)
    via: str = "start"


# A short opening adverbial before the subject: `Định kỳ, Thường trực Ủy ban ... chủ trì`
ADVERBIAL = re.compile(r"^[^,;:.]{2,40},\s+")
# A body that hands the work on: `Uỷ ban nhân dân tỉnh yêu cầu| thủ trưởng các sở, ngành ...`,
# `Sở Công Thương đề nghị| các Sở, ban, ngành tỉnh; UBND xã, phường ...`
ASSIGNER = re.compile(r"\s(?:giao cho|giao|yêu cầu|đề nghị)\s+")
# The commas of an opening clause (`Sau khi hoàn thành ..., các đơn vị ...`) looked at
CLAUSE_COMMA = re.compile(r",\s+")
LEADING_CLAUSE_MAX = 160
MIN_WORK_WORDS = 5             # fewer words after the owner: no work is given
CLAUSE_LOOK = 200              # how far into a later clause a not-a-task phrase is looked for
# A member named with a role, then the duties: `Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung`
PERSON_LABEL = re.compile(r"^(?:Ông|Bà|Đồng chí|Đ/c)\.?\s+[A-ZĐÀ-Ỹ][^:;.]{1,40}\s[-–]\s[^:;]{2,60}(?=:)")
# An item addressed to one party: `Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo ...`
ADDRESSED = re.compile(r"^Đối với\s+(?P<party>[^:;.]{3,120}):\s*")


def starts_with_body(text: str) -> bool:
    return any(p.match(text) for p in head_patterns()) or bool(ACRONYM.match(text))


@per_document
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
        start, via = m.end(), "prefix"
        if text[start:].startswith("cho "):
            start += 4
    elif not starts_with_body(text):
        m = ADVERBIAL.match(text)
        clause = leading_clause_end(text)
        if clause is not None:
            start, via = clause, "adverbial"
        elif m and len(m.group(0).split()) <= 6 and not PARTNER_OPENER.search(m.group(0)):
            start, via = m.end(), "adverbial"   # not `Phối hợp với cơ quan Thuế, Sở ...` (ct11 IV.3)
    rest = text[start:]
    if not starts_with_body(rest):
        return None
    verb = verb_pattern().search(rest)
    colon = rest.find(":")
    ends = [p for p in (verb.start() if verb else -1, colon) if p > 0]
    if not ends:
        return None
    end = min(ends)
    stop = OWNER_STOP.search(rest, 0, end)
    if stop and stop.start() > 0:
        end = stop.start()      # `Các Bộ, ngành liên quan khác| trong phạm vi chức năng ...`
    phrase = rest[:end].rstrip(" ,")
    if not phrase or len(phrase) > 300 or re.search(r"\.\s", phrase):
        return None
    handed = ASSIGNER.search(phrase)
    if handed and via == "start":
        after = rest[handed.end():]                       # the body that is given the work
        inner = leading_bodies(after[:1].upper() + after[1:]) if after else None
        if inner:
            at = start + handed.end() + inner.start
            return BodyList(text[at:at + len(inner.text)], at, at + len(inner.text), "handed")
    return BodyList(phrase, start, start + len(phrase), via)


def leading_clause_end(text: str) -> int | None:
    """Where the subject starts after an opening clause of time or condition:
    `Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, |Sở Công Thương tổ chức ...`,
    `Sau khi hoàn thành xây dựng các phần mềm chuyên ngành, |các đơn vị có trách nhiệm ...`."""
    if not text.startswith(tuple(vocab()["leading_clause_openers"])):
        return None
    for m in CLAUSE_COMMA.finditer(text, 0, LEADING_CLAUSE_MAX):
        rest = text[m.end():]
        if starts_with_body(rest) and verb_pattern().search(rest[:200]):
            return m.end()
    return None


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


def owner_clauses(text: str, owner: str | None, after: int = 0) -> list[tuple[int, BodyList]]:
    """Later clauses of an item that give other work to another body, with the
    offset where each starts: `...; Sở Tài chính chịu trách nhiệm thẩm định ...`.
    A clause whose body is the item's owner, or who only cooperates (`Sở B phối
    hợp ...`), stays in the item. Breaks before `after` (the end of the item's own
    owner list: `Viện A; Viện B nghiên cứu ...`) are not looked at."""
    out: list[tuple[int, BodyList]] = []
    current = owner.casefold() if owner else None
    for m in CLAUSE_BREAK.finditer(text, after):
        lead = leading_bodies(text[m.end():])
        if lead is None or lead.via not in ("start", "handed") or (
                current and lead.text.casefold().startswith(current)):
            continue
        after = text[m.end() + lead.end:].lstrip(" ,")
        if after.startswith(tuple(vocab()["cooperation_verbs"])) or no_work(after):
            continue
        clause = text[m.end():]
        if any(p in clause[:CLAUSE_LOOK]
               for p in vocab()["not_task_phrases"] + vocab()["accountability_phrases"]):
            continue                   # `Chủ tịch UBND cấp xã chịu trách nhiệm trước ...`
        out.append((m.end(), lead))
        current = lead.text.casefold()
    return out


def _addressed(text: str, m: re.Match) -> BodyList | None:
    """`Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện ...` → the subject after the
    colon (`Các thành viên Đoàn`); with no subject there (`Đối với đơn vị được kiểm tra:
    Chuẩn bị ...`) the party addressed, when it is a body (`đơn vị được kiểm tra`)."""
    inner = leading_bodies(text[m.end():]) if m.end() < len(text) else None
    if inner:
        return BodyList(inner.text, m.end() + inner.start, m.end() + inner.end, "addressed")
    party = m.group("party").strip()
    if starts_with_body(party) or party.casefold().startswith(
            tuple(h + " " for h in vocab()["addressed_heads"])):
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


def _list_before_stop(rest: str) -> str:
    """A body list that opens `rest`, up to its verb or LIST_STOP: `Sở Tư pháp và các cơ
    quan có liên quan|, căn cứ Luật ...`."""
    stops = [m.start() for m in (verb_pattern().search(rest), LIST_STOP.search(rest)) if m]
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
            m = passive_pattern(True).search(folded)
            if m and starts_with_body(text[m.start("body"):m.end("body")]):
                return BodyList(text[m.start("body"):m.end("body")], m.start("body"),
                                m.end("body"), "passive")
            return None
    if not m or not starts_with_body(m.group("body")):
        return None
    return BodyList(m.group("body"), m.start("body"), m.end("body"), "passive")


@per_document
def body_only(text: str) -> str | None:
    """A heading that only names the owner: `8. Ủy ban nhân dân các tỉnh, thành phố ...`, `Sở Y tế:`."""
    t = text.strip().rstrip(":").strip()
    m = prefix_pattern().match(t)
    if m:
        t = t[m.end():]
    if not starts_with_body(t) or len(t) > 200 or verb_pattern().search(t):
        return None
    return t


@per_document
def heading_owner(text: str) -> str | None:
    """`NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG` → `BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG`."""
    if not text.casefold().startswith(tuple(vocab()["owner_heading_starts"])):
        return None
    for word in vocab()["heading_owner_markers"]:
        at = text.rfind(f" {word} ")
        if at >= 0:
            tail = text[at + len(word) + 2:].strip()
            if starts_with_body(tail.title()) or starts_with_body(tail):
                return tail
    return None


@per_document
def lead_in_bodies(text: str) -> str | None:
    """The bodies of a lead-in paragraph that ends with `:`.

    `Nhằm đạt được ..., bên cạnh các nhiệm vụ thường xuyên, các Bộ, cơ quan ngang Bộ, ...
    cần cụ thể hóa và tổ chức triển khai thực hiện các nhiệm vụ sau đây:`
    """
    if not text.rstrip().endswith(":"):
        return None
    direct = leading_bodies(text)
    if direct:
        return direct.text
    markers = vocab()["owner_markers"]
    at = min((p for p in (re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in markers) if p),
             key=lambda m: m.start(), default=None)
    if at is None:
        return None
    chunks = text[:at.start()].rstrip(" ,").split(", ")
    kept: list[str] = []
    for chunk in reversed(chunks):
        first = chunk.split(" ")[0] if chunk else ""
        if starts_with_body(chunk) or first in ("cơ", "đơn", "thành", "địa", "tổ", "ngành", "sở", "ban"):
            kept.append(chunk)
            continue
        break
    while kept and not starts_with_body(kept[-1]):
        kept.pop()
    return ", ".join(reversed(kept)) or None


@per_document
def partner_lists(text: str) -> tuple[tuple[str, int], ...]:
    """Every `phối hợp với X` list in `text` with its offset, X ending before a verb."""
    out = []
    for m in PARTNER_OPENER.finditer(text):
        rest = text[m.end():]
        if not starts_with_body(rest) and not (m.group("with") and rest[:1].islower()):
            continue
        phrase = _list_before_stop(rest)
        if phrase and len(phrase) < 300:
            out.append((phrase, m.end()))
    return tuple(out)
