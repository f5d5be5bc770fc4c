"""Word automatic numbering: render the labels that Word draws but never
stores in the paragraph text (`1.`, `1.1.`, `a)`, `II.`, bullets); and the
style sheet it depends on (styles carry numbering, bold and heading names).

The definitions live in `word/numbering.xml`:

- `w:abstractNum` holds up to nine levels `w:lvl` (`w:ilvl` 0..8), each with
  a format `w:numFmt` (decimal, upperRoman, lowerLetter, bullet, ...), a
  template `w:lvlText` (`%1.%2.` = counter of level 0, a dot, counter of
  level 1, a dot), a `w:start` value, an optional `w:lvlRestart` and `w:isLgl`
  (render every counter as decimal);
- `w:num` (the `numId` a paragraph points at) is an instance of an abstract
  numbering, with optional `w:lvlOverride` (`w:startOverride` restarts the
  count; a whole `w:lvl` may replace the level);
- a paragraph style can carry numbering (`w:pStyle` → the style's `w:numPr`,
  following `w:basedOn`), and an abstract numbering can be a link to a
  numbering style (`w:numStyleLink`).

Counters run over the whole document, body and tables, in document order.
As in Word (and LibreOffice, which we checked against), they belong to the
abstract numbering: two numIds of the same abstract numbering continue one
list, and a numId with a `w:startOverride` restarts it at its first
paragraph of that level (which is why Word writes a new `w:num` with
`w:startOverride` for "Restart at 1"). Advancing a level resets the deeper
levels (unless their `w:lvlRestart` says otherwise).

Vietnamese letters: Word's lowerLetter goes a, b, c, d, e ... (it does not
know đ); we render what Word renders.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"

#: Bullet glyphs kept as written; every other bullet (symbol-font glyphs such
#: as U+F0B7 , `o`, `§`, `●`) renders as "-", the dash Vietnamese documents use.
KEPT_BULLETS = frozenset({"-", "+"})

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
          (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..: the letter repeated.
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter `n` in Word's number format `fmt`."""
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if n > 0 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letter(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)          # decimal, and every format we do not model


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None      # w:lvlText; None = absent
    restart: int | None = None   # w:lvlRestart (1-based level; 0 = never)
    legal: bool = False          # w:isLgl
    style: str | None = None     # w:pStyle: the paragraph style tied to it


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_VAL))
    except (TypeError, ValueError):
        return default


def _parse_level(lvl) -> Level:
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    style = lvl.find(W + "pStyle")
    legal = lvl.find(W + "isLgl")
    return Level(
        start=_int(lvl.find(W + "start"), 1),
        fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
        text=text.get(_VAL) if text is not None else None,
        restart=_int(lvl.find(W + "lvlRestart")),
        legal=legal is not None and legal.get(_VAL) not in ("0", "false", "off"),
        style=style.get(_VAL) if style is not None else None,
    )


def _levels(parent) -> dict[int, Level]:
    return {_int_attr(lvl, W + "ilvl", 0): _parse_level(lvl)
            for lvl in parent.iterfind(W + "lvl")}


def _int_attr(el, name: str, default: int) -> int:
    try:
        return int(el.get(name))
    except (TypeError, ValueError):
        return default


class Numbering:
    """The numbering definitions of one document and its running counters.

    `numbering_root` is the parsed `word/numbering.xml` (or None), `styles`
    maps a paragraph style id to `(numId, ilvl, basedOn)` (`StyleSheet.numbering`).
    """

    def __init__(self, numbering_root=None,
                 styles: dict[str, tuple[str | None, int | None, str | None]] | None = None):
        self._styles = styles or {}
        self._abstract: dict[str, object] = {}      # abstractNumId -> element (parsed lazily)
        self._abstract_link: dict[str, str] = {}   # abstractNumId -> numStyleLink style
        self._nums: dict[str, str] = {}            # numId -> abstractNumId
        self._overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = {}
        self._counters: dict[str, list[int | None]] = {}   # per abstract numbering
        self._pending_restart: set[tuple[str, int]] = set()  # (numId, ilvl) not yet restarted
        self._resolved: dict[str, dict[int, Level]] = {}
        if numbering_root is not None:
            self._load(numbering_root)

    # ---- definitions -----------------------------------------------------
    def _load(self, root) -> None:
        for ab in root.iterfind(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            self._abstract[aid] = ab
            link = ab.find(W + "numStyleLink")
            if link is not None and link.get(_VAL):
                self._abstract_link[aid] = link.get(_VAL)
        for num in root.iterfind(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if nid is None or ref is None:
                continue
            self._nums[nid] = ref.get(_VAL)
            over: dict[int, tuple[int | None, Level | None]] = {}
            for lo in num.iterfind(W + "lvlOverride"):
                ilvl = _int_attr(lo, W + "ilvl", 0)
                lvl = lo.find(W + "lvl")
                over[ilvl] = (_int(lo.find(W + "startOverride")),
                              _parse_level(lvl) if lvl is not None else None)
            if over:
                self._overrides[nid] = over
                self._pending_restart.update((nid, ilvl) for ilvl, (start, lvl) in over.items()
                                             if start is not None or lvl is not None)

    def _list_of(self, num_id: str) -> str:
        """The counters a numId uses: those of its abstract numbering (after
        numStyleLink), shared with every other numId of the same one."""
        aid, depth = self._nums.get(num_id), 0
        while aid in self._abstract_link and depth < 5:
            target_num, _ilvl = self.style_numpr(self._abstract_link[aid])
            target = self._nums.get(target_num) if target_num else None
            if not target or target == aid:
                break
            aid, depth = target, depth + 1
        return aid or num_id

    def levels(self, num_id: str) -> dict[int, Level]:
        """The effective levels of numbering instance `num_id` (overrides applied)."""
        cached = self._resolved.get(num_id)
        if cached is not None:
            return cached
        element = self._abstract.get(self._list_of(num_id))
        levels = _levels(element) if element is not None else {}
        for ilvl, (start, lvl) in self._overrides.get(num_id, {}).items():
            base = lvl or levels.get(ilvl) or Level()
            if start is not None:
                base = Level(start, base.fmt, base.text, base.restart, base.legal, base.style)
            levels[ilvl] = base
        self._resolved[num_id] = levels
        return levels

    def style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following basedOn."""
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_ilvl, based = self._styles.get(style_id, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = based
        return num_id, ilvl

    def resolve(self, num_id: str | None, ilvl: int | None,
                style_id: str | None) -> tuple[str | None, int]:
        """Combine a paragraph's own numPr with its style's: (numId, ilvl)."""
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self.style_numpr(style_id)
            if num_id is None:
                num_id = s_num
                if ilvl is None and s_ilvl is None and num_id and style_id:
                    ilvl = self._level_of_style(num_id, style_id)
            if ilvl is None:
                ilvl = s_ilvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None, 0
        return num_id, ilvl or 0

    def _level_of_style(self, num_id: str, style_id: str) -> int | None:
        for ilvl, lvl in self.levels(num_id).items():
            if lvl.style == style_id:
                return ilvl
        return None

    # ---- counting and rendering -------------------------------------------
    def label(self, num_id: str | None, ilvl: int | None = None,
              style_id: str | None = None) -> str | None:
        """Advance the counters for one numbered paragraph and return its
        rendered label (`1.1.`, `a)`, `II.`, `-`), or None when the paragraph
        is not numbered or its level draws nothing."""
        num_id, ilvl = self.resolve(num_id, ilvl, style_id)
        if num_id is None:
            return None
        levels = self.levels(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self._counters.setdefault(self._list_of(num_id), [None] * 9)
        if 0 <= ilvl < 9:
            current = counters[ilvl]
            if (num_id, ilvl) in self._pending_restart:     # first use of a startOverride
                self._pending_restart.discard((num_id, ilvl))
                current = None
            counters[ilvl] = lvl.start if current is None else current + 1
            for deeper in range(ilvl + 1, 9):
                restart = levels.get(deeper, Level()).restart
                if restart is None or (restart != 0 and ilvl < restart):
                    counters[deeper] = None
        if lvl.fmt == "bullet":
            glyph = (lvl.text or "").strip()
            if not glyph:
                return None
            return glyph if glyph in KEPT_BULLETS else "-"
        return self._render(lvl, levels, counters) or None

    @staticmethod
    def _render(lvl: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        template = lvl.text
        if template is None:
            template = ""
        out = []
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1].isdigit():
                k = int(template[i + 1]) - 1
                ref = levels.get(k, Level())
                value = counters[k] if 0 <= k < 9 and counters[k] is not None else ref.start
                fmt = "decimal" if lvl.legal and ref.fmt != "decimalZero" else ref.fmt
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out).strip()


def paragraph_numpr(ppr, default_style: str | None) -> tuple[str | None, str | None, int | None]:
    """(style id, numId, ilvl) from a paragraph's `w:pPr` (each None when unset;
    the style falls back to the default paragraph style)."""
    style = num_id = ilvl = None
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        style = ps.get(_VAL) if ps is not None else None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            nid = numpr.find(W + "numId")
            num_id = nid.get(_VAL) if nid is not None else None
            ilvl = _int(numpr.find(W + "ilvl"))
    return style or default_style, num_id, ilvl


# Style names that make a heading: "heading 1", "Heading 2", "Title".
HEADING_STYLE = re.compile(r"^(heading\s*\d|title)$", re.IGNORECASE)
_OFF = frozenset({"0", "false", "off", "none"})


def toggle(el) -> bool | None:
    """A toggle property such as `w:b`: None when absent."""
    if el is None:
        return None
    return el.get(_VAL) not in _OFF


class StyleSheet:
    """What the readers need from styles.xml: per style its basedOn, bold,
    heading name and numbering (`w:numPr`), plus the default paragraph style."""

    def __init__(self, root=None):
        self.based: dict[str, str | None] = {}
        self.bold: dict[str, bool | None] = {}
        self.heading: dict[str, bool] = {}
        self.numbering: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.default_bold = False
        self.default_paragraph: str | None = None
        self._bold_cache: dict[str | None, bool | None] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            self.default_bold = bool(toggle(defaults.find(W + "b")))
        for st in root.iterfind(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid
            based = st.find(W + "basedOn")
            self.based[sid] = based.get(_VAL) if based is not None else None
            self.bold[sid] = toggle(st.find(f"{W}rPr/{W}b"))
            name = st.find(W + "name")
            self.heading[sid] = bool(name is not None and HEADING_STYLE.match(name.get(_VAL, "")))
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                nid = numpr.find(W + "numId")
                self.numbering[sid] = (nid.get(_VAL) if nid is not None else None,
                                       _int(numpr.find(W + "ilvl")), self.based[sid])
            else:
                self.numbering[sid] = (None, None, self.based[sid])

    def is_bold(self, sid: str | None) -> bool | None:
        """Bold as set by style `sid` or the styles it is based on (None: unset)."""
        if sid in self._bold_cache:
            return self._bold_cache[sid]
        value, seen, cur = None, set(), sid
        while cur and cur not in seen and value is None:
            seen.add(cur)
            value = self.bold.get(cur)
            cur = self.based.get(cur)
        self._bold_cache[sid] = value
        return value

    def is_heading(self, sid: str | None) -> bool:
        seen = set()
        while sid and sid not in seen:
            if self.heading.get(sid):
                return True
            seen.add(sid)
            sid = self.based.get(sid)
        return False
