"""The agency registry: one canonical agency for every way a body is written.

`AgencyRegistry.load()` reads `vocab/agencies.tsv` (national bodies, units
that every ministry has, bodies that every province has, the provinces) and
`vocab/abbreviations.json` once per process. `registry.resolve(mention,
issuer)` returns an `AgencyRef`:

- `canonical`: abbreviations expanded (`UBND` -> `Ủy ban nhân dân`, `TN&MT` ->
  `Tài nguyên và Môi trường`), tone marks unified (`Uỷ` -> `Ủy`, `hoá` ->
  `hóa`), the registry's spelling and case (`Bộ Công An` -> `Bộ Công an`); a
  provincial body carries its province (`Sở Công Thương tỉnh Lào Cai`).
- `agency_id`: stable, the registry id (the lower-cased name, words joined by
  `-`, Vietnamese kept), scoped by `@province` (`sở-công-thương@lào-cai`) or by
  the issuing ministry for the units every ministry has
  (`vụ-pháp-chế@bộ-tài-nguyên-và-môi-trường`).
- A body named relative to its issuer (`Sở Công Thương`, `UBND tỉnh`,
  `Văn phòng UBND Thành phố`, `Văn phòng Sở`) takes the issuer's province (read
  from the issuer string) or the issuer itself.
- An office-holder resolves to the body he or she heads (`Giám đốc Sở Công
  Thương` -> Sở Công Thương; `Lãnh đạo Bộ` -> the issuing ministry).
- Unknown bodies are kept: `known=False`, canonical = the cleaned mention, a
  deterministic id.

`resolve_agencies(tasks, issuer)` fills every owner and partner mention's
`agency` (`parsers.model.Agency`): `extractors.extract` calls it, so a parsed
document carries its agencies wherever it goes (the JSON, the tables).
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from extractors.mentions import VOCAB_DIR, is_collective, split_title
from parsers.grammar.body_words import admin_units
from parsers.grammar.matching import lower_same_length, match_key, normalize, unify_tone
from parsers.grammar.body_words import vocab as load_bodies
from parsers.model import Agency, Mention, TaskRecord

# What a key ignores: `Bộ Lao động - Thương binh và Xã hội` = `Bộ Lao động-Thương
# binh và Xã hội`, `Bộ Văn hóa, Thể thao và Du lịch` = `Bộ Văn hóa Thể thao và Du
# lịch`, `Sở Nông nghiệp & PTNT`.
KEY_PUNCT_RE = re.compile(r"[\s,\-–&.]+")

# A trailing parenthesis: `Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI)`.
TRAILING_PAREN_RE = re.compile(r"\s*\([^()]*\)$")

# What an id drops (punctuation) and joins with `-` (spaces, dashes): `Bộ Văn
# hóa, Thể thao và Du lịch` -> `bộ-văn-hóa-thể-thao-và-du-lịch`.
SLUG_DROP_RE = re.compile(r"[^\w\s\-–]")
SLUG_JOIN_RE = re.compile(r"[\s\-–_]+")

# A unit named with its ministry: `Cục Hóa chất - Bộ Công Thương`,
# `Tổng cục Dạy nghề thuộc Bộ Lao động-Thương binh và Xã hội`.
MINISTRY_AFTER_RE = re.compile(r"(?:\s+(?:thuộc|của|-|–)\s+|,\s*|\s+)(?=Bộ )")

# The word that makes a mention plural: `các Sở, ban, ngành`, `những đơn vị`.
PLURAL_START_RE = re.compile(r"^(?:các|những) ", re.IGNORECASE)


def leading_head(text: str, any_case: bool = False) -> str | None:
    """The head noun a name starts with, spelt as in the vocabulary (`Ủy ban
    nhân dân` for `Uỷ ban nhân dân tỉnh`); with `any_case` also a lower-case
    one (`sở` of `các sở, ngành`)."""
    if not text or not (any_case or text[0].isupper()):
        return None
    spelling, pattern = _heads()
    m = pattern.match(match_key(text))
    return spelling[m.group(1)] if m else None


@lru_cache(maxsize=1)
def _heads() -> tuple[dict[str, str], re.Pattern]:
    spelling = {match_key(h): h for h in load_bodies()["head_nouns"]}
    alternation = "|".join(re.escape(k) for k in sorted(spelling, key=len, reverse=True))
    return spelling, re.compile(r"(" + alternation + r")(?![^\W\d_])")


AgencyRef = Agency          # what a mention resolves to (the model's type)


@dataclass(frozen=True)
class _Entry:
    id: str
    kind: str                 # central, unit, local, province
    name: str
    type: str
    level: str
    status: str
    successor: str
    pattern: str              # how a local body is written with its province
    base: str                 # the name without its trailing administrative unit


@dataclass(frozen=True)
class _Context:
    """What the issuer tells about relative names."""

    province: _Entry | None = None
    issuer: AgencyRef | None = None


def slug(text: str) -> str:
    """The id form of a name: lower-case, words joined by `-`, Vietnamese kept:
    `Bộ Lao động - Thương binh và Xã hội` -> `bộ-lao-động-thương-binh-và-xã-hội`;
    a text with no word in it gets a hash of itself."""
    out = SLUG_JOIN_RE.sub("-", SLUG_DROP_RE.sub(" ", lower_same_length(text).replace("&", " "))).strip("-")
    return out or "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _key(text: str) -> str:
    return KEY_PUNCT_RE.sub(" ", lower_same_length(text)).strip()


@lru_cache(maxsize=1)
def _expansion_re() -> tuple[re.Pattern, dict[str, str]]:
    table = json.loads((VOCAB_DIR / "abbreviations.json").read_text(encoding="utf-8"))["expansions"]
    table = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v) for k, v in table.items()}
    # whole tokens only: `UBND` but not the `UB` of `UBND`, `TN&MT` but not the
    # `MT` of `KH,CN&MT`; `TP.` may run into the next word (`TP.Hà Nội`).
    alts = "|".join(re.escape(k) + ("" if k.endswith(".") else r"(?![\w&])")
                    for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w&])(?:" + alts + ")"), table


def expand_abbreviations(text: str) -> str:
    """`Văn phòng UBND TP` -> `Văn phòng Ủy ban nhân dân Thành phố`."""
    pattern, table = _expansion_re()
    out = pattern.sub(lambda m: table[m.group(0)] + " ", text)
    return " ".join(out.split())


def clean(mention: str) -> str:
    """Normalised, abbreviations expanded, tone marks unified."""
    return unify_tone(expand_abbreviations(normalize(mention)))


class AgencyRegistry:
    def __init__(self, entries: list[_Entry], aliases: dict[str, tuple[str, ...]]):
        self.entries = {e.id: e for e in entries}
        self._names: dict[str, _Entry] = {}      # central bodies and their aliases
        self._units: dict[str, _Entry] = {}      # units of every ministry
        self._local: dict[str, _Entry] = {}      # bodies of every province, by base name
        self._provinces: dict[str, _Entry] = {}
        self._cache: dict[tuple[str, str | None], AgencyRef] = {}
        self._contexts: dict[str | None, _Context] = {}
        self._units_levels = admin_units()
        self._central_heads = frozenset(load_bodies()["central_heads"])
        self._relative_heads = frozenset(load_bodies()["relative_heads"])
        for e in entries:
            index = {"central": self._names, "unit": self._units, "local": self._local,
                     "province": self._provinces}[e.kind]
            for written in (e.name, *aliases.get(e.id, ())):
                index.setdefault(_key(clean(written)), e)
            if e.kind == "local":
                index.setdefault(_key(e.base), e)
        # a province anywhere in an issuer's name, on keys: `ủy ban nhân dân thành
        # phố hà nội`, `ubnd tỉnh lào cai`
        self._province_re = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(self._provinces, key=len, reverse=True)) + r")(?!\w)")
        # the locality after a body, lower-cased: `tỉnh lào cai`, `các xã, phường`,
        # `cấp xã`, `phường yên bái`, a bare `tỉnh` (`Công an tỉnh`)
        self._unit_word_re = re.compile(
            r"(?:(các|cấp|những) )?(" + "|".join(sorted(self._units_levels, key=len, reverse=True)) + r")(?!\w)(.*)$")

    @classmethod
    def load(cls) -> AgencyRegistry:
        """The registry of `vocab/agencies.tsv`, read once per process."""
        return _load_registry()

    # --- public ----------------------------------------------------------------

    def resolve(self, mention: str, issuer: str | None = None) -> AgencyRef:
        """The agency a mention names, in a document issued by `issuer`."""
        cache_key = (mention, issuer)
        ref = self._cache.get(cache_key)
        if ref is None:
            if len(self._cache) > 100_000:
                self._cache.clear()
            ref = self._cache[cache_key] = self._resolve(mention, self._context(issuer))
        return ref

    def province_of(self, text: str | None) -> str | None:
        """The province a text names (`Ủy ban nhân dân thành phố Hà Nội` -> `Hà Nội`)."""
        entry = self._province_in(text or "")
        return entry.name if entry else None

    def successor(self, agency_id: str) -> str | None:
        """The id of the body a former one was merged into (2025 reorganisation)."""
        base, _, scope = agency_id.partition("@")
        entry = self.entries.get(base)
        if entry is None or not entry.successor:
            return None
        return f"{entry.successor}@{scope}" if scope else entry.successor

    # --- resolution ----------------------------------------------------------

    def _context(self, issuer: str | None) -> _Context:
        ctx = self._contexts.get(issuer)
        if ctx is None:
            ctx = _Context()
            if issuer and normalize(issuer):
                ref = self._resolve(issuer, _Context())
                province = (self._provinces.get(_key(ref.province)) if ref.province
                            else None if ref.level == "central" else self._province_in(clean(issuer)))
                ctx = _Context(province=province, issuer=ref)
            self._contexts[issuer] = ctx
        return ctx

    def _province_in(self, text: str) -> _Entry | None:
        m = self._province_re.search(_key(unify_tone(text)))
        return self._provinces[m.group(1)] if m else None

    def _resolve(self, mention: str, ctx: _Context) -> AgencyRef:
        raw = normalize(mention)
        if not raw:
            return AgencyRef(None, "", None, None, None, False, False)
        collective = is_collective(raw)
        text = clean(raw)
        if _key(text) not in self._names:
            title, body = split_title(text)
            if title and body:
                return self._resolve(body, ctx)
            if title:                                         # a bare `Bộ trưởng`
                return AgencyRef(self._scoped(slug(text), None, None), text, None, None, None, collective, False)
        return self._body(text, ctx, collective, relative_done=False)

    def _body(self, text: str, ctx: _Context, collective: bool, relative_done: bool) -> AgencyRef:
        key = _key(text)
        for candidate in (key, _key(TRAILING_PAREN_RE.sub("", text))):
            if candidate in self._names:
                e = self._names[candidate]
                return AgencyRef(e.id, e.name, e.type, e.level, None, False, True)
        unit = self._unit(text, key, ctx)
        if unit:
            return unit
        place = self._locality(text, ctx, collective)
        if place and place.known:
            return place
        if not relative_done and ctx.issuer and ctx.issuer.known:
            last = text.rsplit(" ", 1)[-1]
            issuer_head = leading_head(ctx.issuer.canonical)
            if last in self._relative_heads and issuer_head == last:
                return self._body(text[: len(text) - len(last)] + ctx.issuer.canonical, ctx, collective, True)
        return place or self._unknown(text, ctx, collective, None, None)

    def _unit(self, text: str, key: str, ctx: _Context) -> AgencyRef | None:
        """A unit every ministry has (`Vụ Pháp chế`), scoped to the ministry
        named after it (`Cục Hóa chất - Bộ Công Thương`) or to the issuer."""
        ministry, unit = None, self._units.get(key)
        if unit is None:
            for m in MINISTRY_AFTER_RE.finditer(text):
                left, right = self._units.get(_key(text[:m.start()])), self._names.get(_key(text[m.end():]))
                if left and right and right.type == "Bộ":
                    unit, ministry = left, right.id
                    break
        if unit is None:
            return None
        if ministry is None and ctx.issuer and ctx.issuer.known and ctx.issuer.level == "central":
            ministry = ctx.issuer.agency_id
        agency_id = f"{unit.id}@{ministry}" if ministry else unit.id
        return AgencyRef(agency_id, unit.name, unit.type, unit.level, None, False, True)

    def _locality(self, text: str, ctx: _Context, collective: bool) -> AgencyRef | None:
        """A body followed by where it is (`Công an tỉnh`, `Sở Công Thương tỉnh
        Lào Cai`, `Ủy ban nhân dân các xã, phường`, `UBND phường Yên Bái`), or a
        local body with no place written (`Sở Ngoại vụ`: the issuer's province)."""
        positions = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
        fallback = None
        for pos in reversed(positions):
            base = text[:pos].rstrip(" ,-–")
            where = self._where(text[pos:], ctx) if pos else None
            if pos and where is None:
                continue
            entry = self._local.get(_key(base if pos else text))
            if entry is not None:
                return self._local_ref(entry, where, text, ctx, collective)
            if pos and where and where[0] == "provincial" and where[2] and not where[4]:
                fallback = self._unknown(text, ctx, collective, base, where)   # the leftmost wins
        return fallback

    def _where(self, tail: str, ctx: _Context) -> tuple[str, str, _Entry | None, str, bool] | None:
        """Read a locality: (level, place as written, province, unit word, plural)."""
        key = lower_same_length(tail)
        province = self._provinces.get(_key(tail))
        if province and tail[:1].isupper():
            return ("provincial", tail, province, "", False)
        m = self._unit_word_re.match(key)
        if not m:
            return None
        plural, unit, rest = m.group(1), m.group(2), tail[m.end(2):].strip()
        level = self._units_levels[unit]
        if plural or rest.startswith(","):
            return (level, "", ctx.province if level != "provincial" else None, unit, True)
        if not rest:
            if unit == "thành phố" and ctx.province and ctx.province.type != "thành phố":
                level = "district"
            return (level, "", ctx.province, unit, False)
        named = self._provinces.get(_key(rest))
        if named and unit in ("tỉnh", "thành phố") and (unit == named.type or unit == "tỉnh"):
            return ("provincial", rest, named, unit, False)
        if named and unit == "thành phố":
            return ("district", rest, named, unit, False)     # `thành phố Lào Cai`, a city of tỉnh Lào Cai
        return (level, rest, ctx.province, unit, False)       # `phường Yên Bái` of tỉnh Lào Cai

    def _local_ref(self, e: _Entry, where, text: str, ctx: _Context, collective: bool) -> AgencyRef:
        if where is None:                                     # `Sở Công Thương`: the issuer's province
            where = (e.level, "", ctx.province, "", False)
        level, place, province, unit, plural = where
        pname = province.name if province else None
        if plural or collective:
            canonical = text.replace(text[: len(e.base)], e.base, 1) if _key(text).startswith(_key(e.base)) else text
            return AgencyRef(self._scoped(slug(canonical), level, pname), canonical, e.type, level, pname, True, False)
        if level == "provincial" and province:
            pattern = e.pattern or "{name} {unit} {province}"
            canonical = pattern.format(name=e.base, unit=province.type, province=province.name)
            return AgencyRef(f"{e.id}@{slug(province.name)}", canonical, e.type, level, pname, False, True)
        if place:                                             # `Ủy ban nhân dân phường Yên Bái`
            canonical = f"{e.base} {unit} {place}"
            return AgencyRef(self._scoped(slug(canonical), level, pname), canonical, e.type, level, pname, False, True)
        canonical = e.name if level == e.level else f"{e.base} {unit}".strip()
        return AgencyRef(self._scoped(slug(canonical), level, pname), canonical, e.type, level, pname, False, True)

    def _unknown(self, text: str, ctx: _Context, collective: bool, base: str | None, where) -> AgencyRef:
        head = leading_head(text) or leading_head(PLURAL_START_RE.sub("", text), any_case=True)
        head_types, head_levels = load_bodies()["head_types"], load_bodies()["head_levels"]
        typ = head_types.get(head, head) if head else None
        level = where[0] if where else head_levels.get(head) if head else None
        province = where[2] if where and where[2] else ctx.province
        if head in self._central_heads or level == "central":
            province = None
        pname = province.name if province else None
        agency_id = self._scoped(slug(base or text), level, pname)
        return AgencyRef(agency_id, text, typ, level, pname, collective, False)

    @staticmethod
    def _scoped(agency_id: str, level: str | None, province: str | None) -> str:
        return f"{agency_id}@{slug(province)}" if province and level != "central" else agency_id


@lru_cache(maxsize=1)
def _load_registry() -> AgencyRegistry:
    entries, aliases = [], {}
    with open(VOCAB_DIR / "agencies.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            row = {k: unicodedata.normalize("NFC", v or "") for k, v in row.items()}
            name = row["name"]
            units = [u for u in admin_units() if name.endswith(" " + u)]
            base = name[: -len(units[0]) - 1] if row["kind"] == "local" and units else name
            entries.append(_Entry(row["id"], row["kind"], name, row["type"], row["level"], row["status"],
                                  row["successor"], row["with_province"], base))
            aliases[row["id"]] = tuple(a for a in row["aliases"].split("|") if a)
    return AgencyRegistry(entries, aliases)


def resolve_agencies(tasks: Iterable[TaskRecord], issuer: str | None,
                     registry: AgencyRegistry | None = None) -> tuple[TaskRecord, ...]:
    """The tasks with every owner and partner mention's `agency` filled: what the
    registry resolves it to, relative to the document's issuer."""
    registry = registry or AgencyRegistry.load()

    def resolved(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        return tuple(replace(m, agency=registry.resolve(m.text, issuer)) for m in mentions)

    return tuple(replace(t, owners=resolved(t.owners), partners=resolved(t.partners))
                 for t in tasks)
