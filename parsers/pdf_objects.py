"""pdfminer's PDF object parser, made fast where `parsers.pdf_stamps` spends its time.

pdfminer tokenizes a PDF one state per call (a number takes two calls through
`nexttoken`, a string escape like `\\000` four), which makes reading the few
objects behind a signature widget cost tens of milliseconds. `FastPDFParser`
reads the same tokens, with the same values and positions, in fewer steps:

- a hex string (a signature's /Contents, tens of kilobytes) with `bytes.fromhex`;
- a literal string that ends in the buffer and holds no unescaped `(` (the
  UTF-16 /Reason of a signature, written as octal escapes) in one match, its
  escapes decoded as pdfminer does (`\\ddd` octal, `\\n` and the like, a
  backslash before a line break or another character dropped);
- integers, reals, names without `#` escapes, `<<`, `>>`, `[` and `]` whose
  end is in the buffer, several in one call; it stops after a keyword (`obj`,
  `R`, `stream`: what follows a keyword may be binary stream data).

Anything else (a token cut by the end of the buffer, comments, `#` in names,
nested parentheses, an octal escape above 255) goes through pdfminer's own
states, so the tokens never differ from pdfminer's.
"""
from __future__ import annotations

import re

from pdfminer import settings
from pdfminer.pdfdocument import LITERAL_OBJSTM, PDFDocument
from pdfminer.pdfparser import PDFParser, PDFStreamParser, PDFSyntaxError
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import END_HEX_STRING, KEYWORD_DICT_BEGIN, KEYWORD_DICT_END, KWD, LIT, PSEOF, SPC

# One simple token after white space, with the character that ends it in the buffer:
# `725 `, `0.5]`, `/Widget/`, `obj\n`, `<<`, `>>`, `[`, `]`
SIMPLE_TOKEN = re.compile(
    rb"\s*+(?:(?P<int>[-+]?[0-9]+)(?=[^0-9.])|(?P<real>[-+]?[0-9]+\.[0-9]*)(?=[^0-9])"
    rb"|/(?P<name>[^#/%\[\]()<>{}\s]*)(?=[/%\[\]()<>{}\s])"
    rb"|(?P<kwd>[A-Za-z][^#/%\[\]()<>{}\s]*)(?=[/%\[\]()<>{}\s])"
    rb"|(?P<punct><<|>>|\[|\]))")
# A literal string without unescaped `(`, whole in the buffer: `(\376\377\000L\000\340o)`
SIMPLE_STRING = re.compile(rb"\((?P<body>(?:[^()\\]++|\\[\s\S])*+)\)")
# An escape in a literal string: `\000`, `\n`, `\` before CR LF
STRING_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
# The escapes pdfminer maps to a byte (psparser.ESC_STRING)
ESCAPED_BYTES = {b"b": b"\x08", b"t": b"\t", b"n": b"\n", b"f": b"\x0c", b"r": b"\r",
                 b"(": b"(", b")": b")", b"\\": b"\\"}
# White space as pdfminer sees it (psparser.NONSPC): the `/` after `<< ` starts a token
NONSPACE = re.compile(rb"\S")
OPEN_PAREN = ord("(")
OCTAL_DIGITS = b"01234567"
PUNCTUATION = {b"<<": KEYWORD_DICT_BEGIN, b">>": KEYWORD_DICT_END, b"[": KWD(b"["), b"]": KWD(b"]")}


class _OctalTooLarge(Exception):
    """An octal escape above 255, on which pdfminer's own reader fails."""


def _unescape(m: re.Match) -> bytes:
    code = m.group(1)
    if code[0] in OCTAL_DIGITS:
        value = int(code, 8)
        if value > 255:
            raise _OctalTooLarge
        return bytes((value,))
    return ESCAPED_BYTES.get(code, b"")


class _FastTokens:
    """The faster token states, for pdfminer's file parser and its object-stream parser."""

    def nexttoken(self):
        if self._tokens and not self.eof:         # read ahead by `_parse_main`
            return self._tokens.pop(0)
        return super().nexttoken()

    def _parse_main(self, s: bytes, i: int) -> int:
        while True:
            m = SIMPLE_TOKEN.match(s, i)
            if m is None:
                start = NONSPACE.search(s, i)
                if start is not None and s[start.start()] == OPEN_PAREN:
                    return self._parse_simple_string(s, start.start())
                return super()._parse_main(s, i)
            kind = m.lastgroup
            value = m.group(kind)
            self._curtokenpos = self.bufpos + m.start(kind) - (kind == "name")
            i = m.end()
            if kind == "int":
                self._add_token(int(value))
            elif kind == "real":
                self._add_token(float(value))
            elif kind == "name":
                try:
                    name: str | bytes = str(value, "utf-8")
                except UnicodeDecodeError:
                    name = value
                self._add_token(LIT(name))
            elif kind == "punct":
                self._add_token(PUNCTUATION[value])
            else:
                self._add_token(True if value == b"true" else False if value == b"false" else KWD(value))
                return i

    def _parse_simple_string(self, s: bytes, j: int) -> int:
        """A literal string at `j` in one step, else pdfminer's states."""
        m = SIMPLE_STRING.match(s, j)
        if m is not None:
            try:
                token = STRING_ESCAPE.sub(_unescape, m.group("body"))
            except _OctalTooLarge:
                m = None
        if m is None:
            return super()._parse_main(s, j)
        self._curtokenpos = self.bufpos + j
        self._add_token(token)
        return m.end()

    def _parse_hexstring(self, s: bytes, i: int) -> int:       # pdfminer's, with bytes.fromhex
        m = END_HEX_STRING.search(s, i)
        if not m:
            self._curtoken += s[i:]
            return len(s)
        j = m.start(0)
        self._curtoken += s[i:j]
        digits = SPC.sub(b"", self._curtoken)
        token = bytes.fromhex(digits[: len(digits) & ~1].decode("ascii"))
        if len(digits) % 2:                 # pdfminer reads a lone last digit as its own value
            token += bytes((int(digits[-1:], 16),))
        self._add_token(token)
        self._parse1 = self._parse_main
        return j


class FastPDFParser(_FastTokens, PDFParser):
    """pdfminer's `PDFParser` (the file's objects), reading the same tokens in fewer steps."""


class FastPDFStreamParser(_FastTokens, PDFStreamParser):
    """pdfminer's `PDFStreamParser` (the objects of an object stream), likewise."""


class FastPDFDocument(PDFDocument):
    """pdfminer's `PDFDocument` over a `FastPDFParser`, its object streams read by a
    `FastPDFStreamParser` (`_get_objects` is pdfminer's, with that one parser swapped)."""

    def __init__(self, fp, password: str = "") -> None:
        super().__init__(FastPDFParser(fp), password)

    def _get_objects(self, stream: PDFStream) -> tuple[list[object], int]:
        if stream.get("Type") is not LITERAL_OBJSTM and settings.STRICT:
            raise PDFSyntaxError(f"Not a stream object: {stream!r}")
        try:
            n = stream["N"]
        except KeyError:
            if settings.STRICT:
                raise PDFSyntaxError(f"N is not defined: {stream!r}") from None
            n = 0
        parser = FastPDFStreamParser(stream.get_data())
        parser.set_document(self)
        objs: list[object] = []
        try:
            while 1:
                (_, obj) = parser.nextobject()
                objs.append(obj)
        except PSEOF:
            pass
        return (objs, n)
