"""The content-stream reader (ingest/content.py) against pdfminer's own ``PDFContentParser`` and
``PDFPageInterpreter``: the same objects from every content stream of the bundled PDF, of random streams made of
PDF syntax and of pdfminer's odd cases, and the same drawing calls from the interpreter.  Content it cannot read
as pdfminer does goes to pdfminer's parser (tests/test_chardevice.py compares whole pages' chars)."""
import random

import pytest
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, list_value, resolve1, stream_value
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral, KWD, LIT
from pdfminer.utils import MATRIX_IDENTITY

from bulletin_pipeline.ingest import content
from bulletin_pipeline.ingest.content import ContentInterpreter, Unreadable, parse

from conftest import CORPUS_PDF


def _pdfminer(datas):
    """What pdfminer's content parser gives for these streams (or the error it raises)."""
    streams = [PDFStream({}, d) for d in datas]
    try:
        parser = PDFContentParser(streams)
    except PSEOF:
        return []
    out = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return out
        out.append(obj)


def _plain(obj):
    """Objects as comparable values: a keyword and a name are not equal to their bytes."""
    if isinstance(obj, PDFStream):
        return ("stream", sorted((k, _plain(v)) for k, v in obj.attrs.items()), obj.rawdata)
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (PSKeyword, PSLiteral)):
        return (type(obj).__name__, obj.name)
    return (type(obj).__name__, obj)


def _same_or_unreadable(datas) -> bool:
    """True when parse gives pdfminer's objects, False when it leaves the content to pdfminer; fails when the
    two differ (pdfminer raising where parse does not, or the objects)."""
    try:
        got = parse(datas)
    except Unreadable:
        return False
    assert _plain(got) == _plain(_pdfminer(datas)), datas
    return True


def _page_streams(pdf):
    with open(pdf, "rb") as fp:
        doc = PDFDocument(PDFParser(fp))
        for page in PDFPage.create_pages(doc):
            yield [stream_value(s).get_data() for s in list_value(page.contents)]
            for x in (resolve1(resolve1(page.resources).get("XObject")) or {}).values():
                x = stream_value(x)
                if resolve1(x.attrs.get("Subtype")) is LIT("Form"):
                    yield [x.get_data()]


def test_bundled_pdf_streams_read_as_pdfminer_reads_them():
    n = objects = 0
    for datas in _page_streams(CORPUS_PDF):
        assert _same_or_unreadable(datas)
        n += 1
        objects += len(parse(datas))
    assert n >= 36 and objects > 20_000


# pieces of content-stream syntax, well- and ill-formed, that random streams are made of
PIECES = [b" ", b"\n", b"\r", b"\t", b"\x00", b"\x0b", b"1", b"23", b"-", b"+", b".", b"5.5", b"-.3", b"1.2.3", b"Tj",
          b"TJ", b"T*", b"BT", b"ET", b"true", b"false", b"/F1", b"/", b"/a#41", b"/b#4", b"#", b"#g", b"(", b")",
          b"(abc)", b"\\", b"\\n", b"\\101", b"\\777", b"\\12", b"\\q", b"<", b">", b"<<", b">>", b"<0a1B>",
          b"<a b c>", b"<abc", b"[", b"]", b"{", b"}", b"%c\n", b"%x", b"'", b'"', b"BI", b"ID", b"EI",
          b" /W 1 /H 1 ", b"/F /A85 ", b"/F 5 ", b"~>", "中".encode(), b"\\\r\n", b"\\\r", b"\r\n", b"EIx", b"EI\n"]


def test_random_streams_read_as_pdfminer_reads_them():
    rng = random.Random(20261130)
    read = 0
    for _ in range(4000):
        k = rng.randint(1, 3) if rng.random() < 0.3 else 1
        datas = [b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 25))) for _ in range(k)]
        read += _same_or_unreadable(datas)
    assert read > 2800         # most are read here, not left to pdfminer


@pytest.mark.parametrize("data, want", [
    (b"1.2.3 -.5 + - 7", [1.2, 0.3, -0.5, 7]),                      # a number that does not parse is dropped
    (b"(a\\qb\\101\\\nc(d)e)", [b"abAc(d)e"]),                      # unknown escape dropped, octal, line join
    (b"<4a 4 1 5> <>", [b"JA\x05", b""]),                             # blanks inside, an odd last digit
    (b"[1 (x) Tj] ", [[1, b"x", KWD(b"Tj")]]),                      # a keyword inside an array is an element
    (b"/a#41#g /", [LIT("aAg"), LIT("")]),
    (b"<< /A 1 /B [2] >> > true", [{"A": 1, "B": [2]}, True]),      # a lone '>' is skipped
    (b"[1 2", []),                                                  # unterminated: lost
    (b"BI /W 1 ID xEIyEI\nEI Q", [PDFStream({"W": 1}, b"xEIy"), KWD(b"EI"), KWD(b"EI"), KWD(b"Q")]),
])
def test_pdfminer_odd_cases(data, want):
    assert _plain(parse([data])) == _plain(want) == _plain(_pdfminer([data]))


@pytest.mark.parametrize("datas", [
    [b"(abc", b"def) Tj"],                  # a string across two streams: pdfminer joins them
    [b"/", b"F1 Tf"],                       # an empty name at a stream's end takes the next stream's start
    [b"<< /A 1 >", b"> Q"],
    [b"BI /W 1 ID xy", b"EI Q"],            # an inline image running into the next stream
    [b"(\\777)"],                           # pdfminer fails an assertion
    [b"<< /A >>"],                          # pdfminer raises on an odd dictionary
])
def test_what_pdfminer_reads_its_own_way_is_left_to_it(datas):
    with pytest.raises(Unreadable):
        parse(datas)


def test_a_string_escape_at_pdfminer_read_boundary():
    """pdfminer reads 4 KB at a time and keeps the line feed of a backslash-CR-LF whose CR ends a read."""
    for pad in range(content.BUFSIZ - 8, content.BUFSIZ + 4):
        assert _same_or_unreadable([b"(" + b"a" * pad + b"\\\r\nz) Tj"])
        assert _same_or_unreadable([b"BI /W 1 ID " + b"x" * 9 + b" EI (" + b"a" * pad + b"\\\r\nz) Tj"])


class _Recorder(PDFDevice):
    """Every drawing call an interpreter makes, as values."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.calls = []

    def paint_path(self, graphicstate, stroke, fill, evenodd, path):
        self.calls.append(("path", stroke, fill, evenodd, repr(path), graphicstate.linewidth, self.ctm))

    def begin_tag(self, tag, props=None):
        self.calls.append(("tag", tag.name, repr(props)))

    def end_tag(self):
        self.calls.append(("end",))

    def render_image(self, name, stream):
        self.calls.append(("image", repr(stream.attrs), stream.rawdata))


def _interpret(cls, datas):
    rsrcmgr = PDFResourceManager()
    device = _Recorder(rsrcmgr)
    interp = cls(rsrcmgr, device)
    interp.init_resources({})
    interp.init_state(MATRIX_IDENTITY)
    device.set_ctm(MATRIX_IDENTITY)
    streams = []
    for i, d in enumerate(datas, 1):
        s = PDFStream({}, d)
        s.objid, s.genno = i, 0
        streams.append(s)
    interp.execute(streams)
    return device.calls


@pytest.mark.parametrize("datas", [
    [b"q 2 w 1 0 0 1 5 5 cm 10 20 m 30 40 l S 0 0 10 10 re f Q /P <</MCID 0>> BDC 1 2 m 3 4 l h B* EMC"],
    [b"BT (abc", b"def) Tj ET 10 20 m 30 40 l S"],          # left to pdfminer's parser: the same calls
    [b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x01\x02 EI 1 2 3 4 re 7 S"],   # extra operands stay on the stack
    [b"1 2 m 3 4 l (x", b") S"],
])
def test_interpreter_makes_pdfminer_calls(datas):
    got = _interpret(ContentInterpreter, datas)
    assert got and got == _interpret(PDFPageInterpreter, datas)


def test_content_larger_than_the_limit_goes_to_pdfminer_parser(monkeypatch):
    """parse holds a page's objects at once: content over MAX_BYTES is read by pdfminer's parser, which hands
    each object on as it reads it (the same calls)."""
    datas = [b"0 0 m 10 10 l S " * 200]
    want = _interpret(PDFPageInterpreter, datas)
    monkeypatch.setattr(content, "MAX_BYTES", 1000)
    called = []
    monkeypatch.setattr(content, "parse", lambda d: called.append(d) or parse(d))
    assert _interpret(ContentInterpreter, datas) == want and len(want) == 200
    assert called == []
    monkeypatch.setattr(content, "MAX_BYTES", 10_000)
    assert _interpret(ContentInterpreter, datas) == want and called == [datas]


@pytest.mark.parametrize("pattern, yes, no", [
    (content._END_NAME, [b"#", b"/", b"%", b"[", b")", b"<", b"}", b" ", b"\n"], [b"a", b"1", b".", b"*", b"'"]),
    (content._HEX_DIGIT, [b"0", b"9", b"a", b"F"], [b"g", b"G", b" ", b"#"]),
    (content._BLANK, [b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c"], [b"\x00", b"a", b"<"]),
    (content._STRING_STOP, [b"(", b")", b"\\"], [b"a", b"<", b"\n"]),
    (content._TRAILING_EOL, [b"x\r\n", b"x\n", b"x\r"], [b"x", b"x\n "]),
])
def test_small_patterns(pattern, yes, no):
    assert all(pattern.search(b) for b in yes) and not any(pattern.search(b) for b in no)


@pytest.mark.parametrize("data, group", [
    (b" 12", 1), (b"-.5", 1), (b"Tj", 2), (b"T*", 2), (b"/F1", 3), (b"(ab)", 4), (b"(a(b))", 5), (b"(a\\n)", 5),
    (b"<<", 6), (b"<0a>", 7), (b">>", 8), (b">", 9), (b"%x", 10), (b"\x00", 11), (b"[", 12), (b"'", 12),
])
def test_token_pattern_names_each_token(data, group):
    assert content._TOKEN.match(data).lastindex == group


def test_token_pattern_leaves_blanks_alone():
    assert content._TOKEN.match(b"  \n ") is None       # blanks only: no token (not a one-byte keyword of one)
