"""A faster reading of a page's content streams for pdfminer's interpreter, with the same results.

pdfminer's ``PDFContentParser`` tokenises a content stream one byte state at a time (a method call per state,
a debug log call per token and per object): about half of what reading a page costs.  :func:`parse` reads the
same streams with one compiled pattern per token and builds the same objects (numbers, strings, names,
keywords, arrays, dictionaries, inline images as ``PDFStream``), in the same order, with pdfminer's rules kept
where they are odd: a number that does not parse is dropped, an unknown escape in a string drops its char, an
odd hex digit is a byte of its own, a ``>`` alone is skipped, a keyword inside an array is an element of it,
an unterminated array or string at the end is lost, an inline image's data runs to ``EI`` and a blank.
:class:`ContentInterpreter` is pdfminer's ``PDFPageInterpreter`` running those objects, each operator looked
up once per interpreter.

Whatever :func:`parse` cannot read exactly as pdfminer would (a token cut by the end of one of several
streams, an inline image running into the next stream, a stream that does not decode, an error pdfminer would
raise part-way), it leaves to pdfminer's own parser for the whole content, and so content larger than
:data:`MAX_BYTES` (pdfminer's parser hands each object on as it reads it): :meth:`ContentInterpreter.execute`
falls back, so the page comes out as pdfminer reads it, errors included.  tests/test_content.py compares the two on every content stream of the PDFs the tests read and on
random streams; bench/reader_equal.py compares the chars of whole PDFs.
"""
from __future__ import annotations

import logging
import re
from typing import Optional, Sequence

from pdfminer import psparser, settings
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, PDFStream, resolve1, stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, PSKeywordTable, PSLiteral, PSLiteralTable, literal_name

_log = logging.getLogger(__name__)

# one token of a content stream after any blanks; each alternative is one group, so ``lastindex`` names it:
# 1 number (pdfminer: a sign or digit, digits, then a point and digits), 2 keyword (a letter, then anything
# up to a delimiter or blank), 3 name (up to a delimiter, blank or ``#``), 4 a string without parentheses or
# backslashes inside, 5 any other string, 6 ``<<``, 7 a hex string (up to, not including, its end), 8 ``>>``,
# 9 a lone ``>``, 10 a comment, 11 NUL, 12 any other byte (a one-byte keyword: ``[``, ``]``, ``{``, ``'``, ...)
_TOKEN = re.compile(rb"""\s*+(?:
    ([-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)
  | ([A-Za-z][^#/%\[\]()<>{}\s]*)
  | /([^#/%\[\]()<>{}\s]*)
  | \(([^()\\]*)\)
  | (\()
  | (<<)
  | <([0-9A-Fa-f\s]*)
  | (>>)
  | (>)
  | (%[^\r\n]*)
  | (\x00)
  | (.)
)""", re.VERBOSE | re.DOTALL)
# pdfminer's own patterns, so that the reading follows them: the bytes a name ends at (END_LITERAL), a hex
# digit of a name's ``#xx`` escape, a blank (left out of a hex string), what ends a run of plain chars in a
# string (a parenthesis or a backslash)
_END_NAME, _HEX_DIGIT, _BLANK, _STRING_STOP = psparser.END_LITERAL, psparser.HEX, psparser.SPC, psparser.END_STRING
# an end of line at the end of an inline image's data (dropped, as pdfminer drops it)
_TRAILING_EOL = re.compile(rb"(\x0d\x0a|[\x0d\x0a])$")
# pdfminer reads a stream 4 KB at a time from its start (and from just after ``ID`` once an inline image has
# sent it back there); a backslash, carriage return, line feed whose carriage return ends one of those reads
# keeps the line feed in the string
BUFSIZ = psparser.PSBaseParser.BUFSIZ
# a string's one-char escapes by the escaped byte (pdfminer's ESC_STRING)
_ESCAPES = {k[0]: v for k, v in psparser.ESC_STRING.items()}

# content of more bytes than this (all of a page's streams) goes to pdfminer's parser, which hands each object on
# as it reads it: :func:`parse` holds the page's objects at once (tens of bytes each), and a normal page has well
# under a megabyte of content (a dense 16K gazette page: 50-100 KB)
MAX_BYTES = 8 << 20

_KEYWORDS = PSKeywordTable.dict
_LITERALS = PSLiteralTable.dict
ARRAY_BEGIN, ARRAY_END = KWD(b"["), KWD(b"]")
DICT_BEGIN, DICT_END = KWD(b"<<"), KWD(b">>")
PROC_BEGIN, PROC_END = KWD(b"{"), KWD(b"}")
_BI, _ID, _EI = KWD(b"BI"), KWD(b"ID"), KWD(b"EI")
_CLOSE = {ARRAY_END: "a", PROC_END: "p"}
_OPEN = {ARRAY_BEGIN: "a", PROC_BEGIN: "p", DICT_BEGIN: "d", _BI: "inline"}


class Unreadable(Exception):
    """The content is one that :func:`parse` does not read exactly as pdfminer: pdfminer's parser reads it."""


def _keyword(tok: bytes):
    if tok == b"true":
        return True
    if tok == b"false":
        return False
    k = _KEYWORDS.get(tok)
    return k if k is not None else KWD(tok)


def _literal(tok: bytes) -> PSLiteral:
    try:
        name = str(tok, "utf-8")
    except UnicodeDecodeError:
        name = tok
    k = _LITERALS.get(name)
    return k if k is not None else LIT(name)


def _hex(tok: bytes) -> bytes:
    if _BLANK.search(tok):
        tok = _BLANK.sub(b"", tok)
    if len(tok) % 2:        # an odd last digit is a byte of its own (pdfminer's HEX_PAIR)
        return bytes.fromhex(tok[:-1].decode("ascii")) + bytes((int(tok[-1:], 16),))
    return bytes.fromhex(tok.decode("ascii"))


def _string(data: bytes, i: int, base: int = 0) -> tuple[Optional[bytes], int]:
    """A string from just after its ``(``: (its bytes, the position after its ``)``); (None, end) when the data
    ends first.  pdfminer's rules: balanced parentheses need no escape, ``\\ddd`` is up to three octal digits,
    a known escape is its char, a backslash before an end of line joins lines, any other escaped char is
    dropped with its backslash.  ``base``: where pdfminer's reads of the stream start (BUFSIZ)."""
    out = bytearray()
    depth = 1
    n = len(data)
    while True:
        m = _STRING_STOP.search(data, i)
        if m is None:
            return None, n
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 40:           # (
            depth += 1
            out.append(c)
            i = j + 1
        elif c == 41:         # )
            depth -= 1
            if not depth:
                return bytes(out), j + 1
            out.append(c)
            i = j + 1
        else:                 # backslash
            i = j + 1
            if i >= n:
                return None, n
            c = data[i]
            if 48 <= c <= 55:
                k = i
                while k < n and k - i < 3 and 48 <= data[k] <= 55:
                    k += 1
                code = int(data[i:k], 8)
                if code >= 256:      # pdfminer fails an assertion here: let it
                    raise Unreadable("octal escape beyond a byte")
                if k >= n:           # the data ends inside the escape: pdfminer drops the string
                    return None, n
                out.append(code)
                i = k
            elif c in _ESCAPES:
                out.append(_ESCAPES[c])
                i += 1
            elif c == 13 and i + 1 < n and data[i + 1] == 10 and (i - base) % BUFSIZ != BUFSIZ - 1:
                i += 2
            else:                 # dropped, backslash and char (a line break after a backslash among them)
                i += 1


def _name(data: bytes, i: int) -> tuple[Optional[bytes], int]:
    """A name from just after its ``/`` with ``#xx`` escapes: (its bytes, the position after it); (None, end)
    when the data ends inside an escape (pdfminer loses the name then)."""
    out = bytearray()
    n = len(data)
    while True:
        m = _END_NAME.search(data, i)
        if m is None:
            out += data[i:]
            return bytes(out), n
        j = m.start()
        out += data[i:j]
        if data[j] != 35:     # not '#': the name ends here
            return bytes(out), j
        k = j + 1
        while k < n and k - j - 1 < 2 and _HEX_DIGIT.match(data, k):
            k += 1
        if k >= n:
            return None, n
        if k > j + 1:
            out.append(int(data[j + 1:k], 16))
        i = k


def _inline_data(data: bytes, i: int, target: bytes) -> tuple[Optional[bytes], int]:
    """An inline image's data from ``i`` up to ``target`` and the blank after it, as pdfminer's
    ``get_inline_data`` finds it: (data, the position after the blank); (None, end) when the data ends first."""
    n = len(data)
    first = target[0]
    k = 0
    start = i
    while k <= len(target):
        if i >= n:
            return None, n
        if k:
            c = data[i]
            i += 1
            if (len(target) <= k and c in b" \t\n\r\x0b\x0c") or (k < len(target) and c == target[k]):
                k += 1
            else:
                k = 0
        else:
            j = data.find(first, i)
            if j < 0:
                return None, n
            i = j + 1
            k = 1
    got = data[start:i][: -(len(target) + 1)]
    return _TRAILING_EOL.sub(b"", got), i


class _Stack:
    """pdfminer's PSStackParser over tokens: arrays, dictionaries and procedures nest; at the top level each
    object goes to ``results`` at once."""
    __slots__ = ("results", "context", "type", "stack")

    def __init__(self):
        self.results: list = []
        self.context: list = []
        self.type: Optional[str] = None
        self.stack: list = []

    def push(self, obj) -> None:
        if self.context:
            self.stack.append(obj)
        else:
            self.results.append(obj)

    def open(self, kind: str) -> None:
        self.context.append((self.type, self.stack))
        self.type, self.stack = kind, []

    def close(self, kind: str) -> Optional[list]:
        """The objects of the innermost ``kind``; None (and nothing changes) when it is not the innermost."""
        if self.type != kind:
            return None
        objs = self.stack
        self.type, self.stack = self.context.pop()
        return objs


def parse(datas: Sequence[bytes]) -> list:
    """The objects pdfminer's ``PDFContentParser`` gives for these decoded streams, in order (operands,
    keywords, arrays as lists, dictionaries as dicts, inline images as ``PDFStream``).  Raises
    :class:`Unreadable` for content it does not read exactly as pdfminer."""
    st = _Stack()
    last = len(datas) - 1
    for number, data in enumerate(datas):
        if _read(data, st, number == last):
            break
    return st.results


def _read(data: bytes, st: _Stack, last: bool) -> bool:
    """Read one stream into ``st``; True when reading ends in it (an inline image without its end)."""
    match = _TOKEN.match
    push = st.push
    n = len(data)
    i = 0
    base = 0            # where pdfminer's current 4 KB reads started
    while True:
        m = match(data, i)
        if m is None:
            return False
        g = m.lastindex
        i = m.end()
        if i == n and not last and (g == 9 or (g == 3 and m.start(3) == i)):
            # pdfminer goes on with an empty name or a '>' into the next stream ('/' + 'F1', '>' + '>')
            raise Unreadable("an empty name or a '>' at the end of a stream")
        if g == 1:                          # number
            tok = m.group(1)
            try:
                push(float(tok) if b"." in tok else int(tok))
            except ValueError:
                pass
        elif g == 2:                        # keyword
            k = _keyword(m.group(2))
            if k.__class__ is bool:
                push(k)
            elif k is _ID:
                stop = _inline_image(data, m.start(2), st, last)
                if stop is True:
                    return True
                if stop is not None:
                    i, base = stop, m.start(2) + 3
            elif k is _BI:
                st.open("inline")
            else:
                push(k)
        elif g == 3:                        # name
            if i < n and data[i] == 35:     # '#': with escapes
                name, i = _name(data, m.start(3))
                if name is None:
                    if not last:
                        raise Unreadable("a name cut by the end of a stream")
                    return False
                push(_literal(name))
            else:
                push(_literal(m.group(3)))
        elif g == 4:                        # plain string
            push(m.group(4))
        elif g == 5:                        # string with parentheses or escapes inside
            s, i = _string(data, i, base)
            if s is None:
                if not last:
                    raise Unreadable("a string cut by the end of a stream")
                return False
            push(s)
        elif g == 7:                        # hex string: it ends at the first byte that is no digit or blank
            if i >= n:
                if not last:
                    raise Unreadable("a hex string cut by the end of a stream")
                return False
            push(_hex(m.group(7)))
        elif g == 6:
            st.open("d")
        elif g == 8:
            objs = st.close("d")
            if objs is not None:
                if len(objs) % 2:
                    raise Unreadable("a dictionary with an odd number of objects")   # pdfminer raises
                push({literal_name(k): v for k, v in zip(objs[::2], objs[1::2]) if v is not None})
        elif g == 12:                       # one-byte keyword
            k = _keyword(m.group(12))
            kind = _OPEN.get(k)
            if kind is not None:
                st.open(kind)
            elif k in _CLOSE:
                objs = st.close(_CLOSE[k])
                if objs is not None:
                    push(objs)
            else:
                push(k)
        # 9 (a lone '>'), 10 (a comment), 11 (NUL): nothing


def _inline_image(data: bytes, at: int, st: _Stack, last: bool):
    """``ID`` at ``at``: the inline image as pdfminer's ``do_keyword`` reads it.  Returns the position reading
    goes on from, None when ``ID`` is dropped (and reading goes on after it), True when the data ends first."""
    objs = st.close("inline")
    if objs is None or len(objs) % 2:
        return None
    d = {literal_name(k): resolve1(v) for k, v in zip(objs[::2], objs[1::2])}
    eos = b"EI"
    f = d.get("F")
    if f is not None:
        if isinstance(f, PSLiteral):
            f = [f]
        try:
            if f[0] in LITERALS_ASCII85_DECODE:
                eos = b"~>"
        except Exception as e:       # pdfminer raises here
            raise Unreadable(f"inline image filter {f!r}") from e
    raw, i = _inline_data(data, at + 3, eos)
    if raw is None:
        if not last:
            raise Unreadable("an inline image cut by the end of a stream")
        return True
    if eos != b"EI":
        raw += eos
    st.context, st.type, st.stack = [], None, []
    st.results.append(PDFStream(d, raw))
    if eos == b"EI":
        st.results.append(_EI)
    return i


class ContentInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading content with :func:`parse` (pdfminer's parser where it cannot)."""

    def __init__(self, rsrcmgr, device) -> None:
        super().__init__(rsrcmgr, device)
        self._ops: dict = {}

    def _op(self, kw: PSKeyword):
        name = str(kw.name, "utf-8", "ignore")
        method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
        func = getattr(self, method, None)
        entry = self._ops[kw] = (func, 0 if func is None else func.__code__.co_argcount - 1)
        return entry

    def execute(self, streams: Sequence[object]) -> None:
        if settings.STRICT:
            return super().execute(streams)
        valid = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None:
                continue        # pdfminer's execute leaves it out too (and says so)
            if stream.objid not in self.parent_stream_ids:
                valid.append(stream)
                self.stream_ids.add(stream.objid)
        try:
            datas = [s.get_data() for s in valid]
            if sum(map(len, datas)) > MAX_BYTES:
                raise Unreadable("content larger than MAX_BYTES")
            objects = parse(datas)
        except MemoryError:
            raise
        except Exception as e:   # Unreadable, or a stream that does not decode: pdfminer's parser, errors and all
            _log.debug("content read by pdfminer's parser: %s", e)
            return super().execute(streams)
        ops = self._ops
        for obj in objects:
            if obj.__class__ is PSKeyword:
                try:
                    func, nargs = ops[obj]
                except KeyError:
                    func, nargs = self._op(obj)
                if func is None:
                    continue
                if nargs:       # pdfminer's pop: the last nargs operands, run only when there are as many
                    stack = self.argstack
                    got = stack[-nargs:]
                    del stack[-nargs:]
                    if len(got) == nargs:
                        func(*got)
                else:
                    func()
            else:
                self.argstack.append(obj)
