"""Read a PDF with PDFium (pypdfium2's raw API) into the same RawPages as the pdfplumber backend.

The geometry follows pdfminer's, so that layout sees the same numbers whichever backend read the page:
a char's box runs from its origin over its advance width, and from (origin + the font's descent) up by the
font size, in pdfminer's page space (origin at the media box corner, the page's /Rotate applied), flipped
to a top-left origin; a drawn path is split into subpaths, each a line, an axis-aligned rectangle or a
curve through its segment end points (Bézier control points left out), as pdfminer's LTLine / LTRect /
LTCurve.  Only this module imports pypdfium2's raw API.
"""
from __future__ import annotations

import ctypes
import logging
import re
import struct
import sys
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..errors import InputError, display_name, safe_text
from ..model import BOX_PLACES, Char, RawPage
from .orient import Turn, orient, quarter
from .pdf import _CONTROL, IngestConfig, PageReads, _is_garbled, _rules, check_file, invisible, ruled_tables

_log = logging.getLogger(__name__)

# the first bytes of a well-formed file: PDFium reads a file with junk before them, but it is damaged
_HEADER = re.compile(rb"^%PDF-\d")
# the last `startxref N` of a file (its tail), which must point at a cross-reference table or stream
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
# the end of a complete file: `startxref` or the `%%EOF` marker in its last bytes
_EOF_MARK = re.compile(rb"startxref|%%EOF")
# what a cross-reference section starts with: the `xref` keyword or an indirect object (an xref stream)
_XREF_AT = re.compile(rb"\s*(?:xref|\d+\s+\d+\s+obj)")
# how many bytes at the end of a file are searched for `startxref`
TAIL_BYTES = 2048
# a glyph whose text maps to more than one code point (a ligature: "ﬁ" -> "fi") comes from PDFium as
# several chars at the same origin; origins closer than this (pt) are one glyph
SAME_ORIGIN = 1e-3
# the descent (per 1000 units of font size) of the standard fonts and their Windows names, from their Adobe Font
# Metrics: pdfminer takes these in place of whatever the file's font descriptor says, and so does this backend
STANDARD_DESCENT = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("Times-Bold", "Times-BoldItalic", "Times-Italic", "Times-Roman", "TimesNewRoman",
                     "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"), -217.0),
    "Symbol": 0.0, "ZapfDingbats": 0.0,
}
# a UTF-16 half (PDFium gives a code point beyond the BMP as two of them)
_SURROGATE = re.compile("[\ud800-\udfff]")
# how close (pt) the ink box's right edge must be to the loose box's to be the edge that made it
INK_EDGE = 1e-3
# where a stream's data begins (its dictionary ends with the `stream` keyword and an end of line)
_STREAM = re.compile(rb"stream\r?\n")
# a stream that inflates to more than this share of the memory the process may still map is a decompression
# bomb: PDFium ends the process when an allocation fails, so it must not see one
BOMB_SHARE = 0.5
# bytes of compressed data inflated at a time when sizing a stream
INFLATE_CHUNK = 1 << 16
# the document is closed and opened again after this many pages: PDFium keeps every object it has parsed (a
# page's content streams, fonts, images) until the document is closed, so a long file would hold them all
REOPEN_PAGES = 50
# nested form XObjects are followed this deep (a form that draws itself would recurse for ever)
MAX_FORM_DEPTH = 32


def read_pages(path: Path, cfg: IngestConfig | None = None, problems: Optional[list] = None,
               on_page: Optional[Callable[[int, int], None]] = None) -> Iterator[RawPage]:
    """Yield RawPages one by one, as :func:`bulletin_pipeline.ingest.pdf.read_pages` does.

    PDFium repairs a damaged cross-reference table as it opens the file; a file that needed it is reported in
    ``problems`` as "repaired".  A page that fails to read is kept as an empty page and reported; only a file
    none of whose pages can be read fails as a whole.
    """
    cfg = cfg or IngestConfig()
    problems = problems if problems is not None else []
    check_file(path, cfg)
    name = display_name(path.name)
    _refuse_bombs(path, name)
    doc, n = _open(path, cfg, name)
    held = [doc]
    try:
        damage = _damage(path)
        if damage:
            problems.append(("repaired", f"{name} was damaged ({damage}); read from PDFium's repair of it", None))
        yield from _pages(held, n, path, name, problems, on_page, lambda: _open(path, cfg, name)[0])
    finally:
        _close(held[0])


def _open(path: Path, cfg: IngestConfig, name: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    try:
        doc = pdfium.PdfDocument(str(path), password=cfg.password)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise InputError("encrypted", f"{name} is encrypted and needs a password") from e
        if code == raw.FPDF_ERR_SECURITY:
            raise InputError("encrypted", f"{name} is encrypted or its encryption is unsupported") from e
        if code == raw.FPDF_ERR_FORMAT:     # not even PDFium's repair finds a document in it
            if _EOF_MARK.search(_tail(path)) is None:
                raise InputError("truncated", f"{name} looks truncated: it has no end-of-file marker") from e
            raise InputError("broken-pdf", f"{name} has no document catalog") from e
        if code in (None, raw.FPDF_ERR_SUCCESS, raw.FPDF_ERR_UNKNOWN):
            raise InputError("unreadable", f"{name} could not be read: PDFium cannot load it") from e
        raise InputError(*_classify(e, path)) from e
    except MemoryError as e:
        raise InputError(*_classify(e, path)) from e
    try:
        n = len(doc)
        if n <= 0:
            raise InputError("no-pages", f"{name} has no pages")
        if n > cfg.max_pages:
            raise InputError("too-many-pages", f"{name} has {n} pages, over the limit of {cfg.max_pages}")
    except InputError:
        _close(doc)
        raise
    return doc, n


def _close(doc) -> None:
    try:     # closing a broken file can raise again; the first error is the one that counts
        doc.close()
    except Exception as e:
        _log.debug("closing the PDF failed: %s", e)


def _headroom() -> Optional[int]:
    """Bytes the process may still map under its address-space limit (None: no limit)."""
    import os
    import resource
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
    return max(0, soft - used)


def _refuse_bombs(path: Path, name: str) -> None:
    """A memory error for a file with a Flate stream that would not fit in the memory the process may still use.

    PDFium inflates a page's content streams whole and aborts the process when an allocation fails, where
    pdfminer raises MemoryError.  Only under an address-space limit (``bulletin run --memory-mb``, a batch
    worker) is each stream inflated here first, in chunks and without keeping the output, up to that bound."""
    import mmap
    import zlib
    room = _headroom()
    if room is None:
        return
    limit = int(room * BOMB_SHARE)
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _STREAM.finditer(data):
            start = m.end()
            head = data[start:start + 2]
            if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] * 256 + head[1]) % 31:
                continue        # not zlib data (another filter, an encrypted or an uncompressed stream)
            inflate = zlib.decompressobj()
            size, pos = 0, start
            try:
                while not inflate.eof and pos < len(data):
                    chunk = data[pos:pos + INFLATE_CHUNK]
                    pos += len(chunk)
                    while chunk and not inflate.eof:
                        size += len(inflate.decompress(chunk, INFLATE_CHUNK * 64))
                        chunk = inflate.unconsumed_tail
                        if size > limit:
                            raise InputError("memory", f"{name} needs more memory than allowed "
                                             f"(a stream inflates to over {limit >> 20} MB: a decompression bomb?)")
            except zlib.error:
                continue        # damaged data: PDFium reads what it can of it


def _tail(path: Path) -> bytes:
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - TAIL_BYTES))
        return f.read()


def _damage(path: Path) -> Optional[str]:
    """Why the file needed PDFium's repair (junk before the header, a startxref that points nowhere), or None."""
    with open(path, "rb") as f:
        head = f.read(16)
        if not _HEADER.match(head):
            return "junk before the %PDF header"
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - TAIL_BYTES))
        tail = f.read()
        found = _STARTXREF.findall(tail)
        if not found:
            return "no startxref"
        offset = int(found[-1])
        if offset >= size:
            return "a startxref beyond the end of the file"
        f.seek(offset)
        if not _XREF_AT.match(f.read(64)):
            return "a startxref that points at no cross-reference table"
    return None


def _classify(e: BaseException, path: Path, page: int | None = None) -> tuple[str, str]:
    from .pdf import _classify as classify
    if isinstance(e, Exception):
        return classify(e, path, page)
    name = display_name(path.name)
    return "unreadable", f"{name} could not be read: {safe_text(type(e).__name__)}"


def _pages(held: list, n: int, path: Path, name: str, problems: list,
           on_page: Optional[Callable[[int, int], None]] = None,
           reopen: Optional[Callable[[], object]] = None) -> Iterator[RawPage]:
    """``held``: [the open document]; every REOPEN_PAGES pages it is closed and ``reopen()`` opens it again."""
    reads = PageReads(path, problems, _classify, on_page)
    for i in range(1, n + 1):
        if reopen is not None and i > 1 and (i - 1) % REOPEN_PAGES == 0:
            _close(held[0])
            held[0] = reopen()
        doc = held[0]
        opened: list = []

        def size(i: int = i) -> tuple[float, float]:
            opened.append(doc[i - 1])
            return _size(opened[0])

        try:
            raw = reads.read(i, n, size, lambda: _page_objects(opened[0]))
        finally:
            for page in opened:
                try:
                    page.close()
                except Exception as e:
                    _log.debug("closing page %d failed: %s", i, e)
        yield raw
    reads.finish()


def _boxes(page) -> tuple[tuple[float, float, float, float], int]:
    """The media box as the file writes it (corners in any order) and the page's rotation in degrees."""
    import pypdfium2.raw as raw
    box = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPage_GetMediaBox(page.raw, *box):
        x0, y0, x1, y1 = page.get_mediabox()     # inherited from the page tree, or US Letter
    else:
        x0, y0, x1, y1 = (b.value for b in box)
    return tuple(_as_written(float(v)) for v in (x0, y0, x1, y1)), (raw.FPDFPage_GetRotation(page.raw) % 4) * 90


def _as_written(x: float) -> float:
    """The number the file wrote, from PDFium's single-precision reading of it: the shortest decimal that reads
    back as the same float32 (841.8898 for 841.88977…, as pdfminer reads it), the float32 itself when the
    decimal needs more than 9 digits."""
    f32 = struct.unpack("f", struct.pack("f", x))[0]
    for digits in range(1, 10):
        d = float(f"{f32:.{digits}g}")
        if struct.unpack("f", struct.pack("f", d))[0] == f32:
            return d
    return x


def _size(page) -> tuple[float, float]:
    """Width and height of the page as displayed (the rotation applied), pdfplumber's page.width / height."""
    (x0, y0, x1, y1), rot = _boxes(page)
    w, h = abs(x1 - x0), abs(y1 - y0)
    return (h, w) if rot in (90, 270) else (w, h)


def _ctm(page) -> tuple[tuple[float, ...], float]:
    """pdfminer's page matrix (the media box corner to the origin, the rotation applied) and the height that
    flips its y to a top-left origin."""
    (x0, y0, x1, y1), rot = _boxes(page)
    if rot == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
    elif rot == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
    elif rot == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    height = abs(x1 - x0) if rot in (90, 270) else abs(y1 - y0)
    return ctm, height


def _mul(m1, m2) -> tuple[float, ...]:
    """m1 then m2 (PDF row-vector matrices)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _apply(m, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _page_objects(page) -> tuple[list[Char], float, list, list, list, Turn]:
    ctm, height = _ctm(page)
    edges: list[dict] = []
    texts: list = []
    h, v = _paths(page, ctm, height, edges, texts)
    upright, turned, bad = _chars(page, ctm, height, texts)
    chars, turn = orient(upright, turned, _size(page)[0], height)
    if turn.quarters:       # the rules turn with the page's text
        edges = []
        h, v = _paths(page, _mul(ctm, turn.matrix), turn.height, edges)
    total = len(chars) + bad
    return chars, (bad / total if total else 0.0), h, v, ruled_tables(edges), turn


class _Api:
    """The PDFium calls made per char or per text object, declared on plain addresses (a page of 1,500 chars
    makes some 8,000 of them).

    The per-char calls (the text page and a char index in, out-parameters by reference) are declared without
    argument types: ctypes then passes the text page as the ``c_void_p`` it is given, the index as a C int
    and the references as pointers, with none of the per-argument conversion that declared types cost.  The
    others take the text page, text objects and fonts as integers."""

    def __init__(self):
        import pypdfium2.raw as raw
        vp, i, u = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint

        def bind(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, vp).value)

        def per_char(fn, restype):
            return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, vp).value)

        self.unicode = per_char(raw.FPDFText_GetUnicode, u)
        self.generated = per_char(raw.FPDFText_IsGenerated, i)
        self.origin = per_char(raw.FPDFText_GetCharOrigin, i)
        self.text_object = per_char(raw.FPDFText_GetTextObject, vp)
        self.map_error = per_char(raw.FPDFText_HasUnicodeMapError, i)
        self.loose_box = per_char(raw.FPDFText_GetLooseCharBox, i)
        self.char_box = per_char(raw.FPDFText_GetCharBox, i)
        self.matrix = bind(raw.FPDFText_GetMatrix, i, vp, i, ctypes.POINTER(raw.FS_MATRIX))
        self.font_size = bind(raw.FPDFText_GetFontSize, ctypes.c_double, vp, i)
        self.fill = bind(raw.FPDFText_GetFillColor, i, vp, i, *([ctypes.POINTER(u)] * 4))
        self.font = bind(raw.FPDFTextObj_GetFont, vp, vp)
        self.font_name = bind(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t)
        self.descent = bind(raw.FPDFFont_GetDescent, i, vp, ctypes.c_float, ctypes.POINTER(ctypes.c_float))
        self.glyph_width = bind(raw.FPDFFont_GetGlyphWidth, i, vp, u, ctypes.c_float, ctypes.POINTER(ctypes.c_float))


_API: Optional[_Api] = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


class _Page:
    """One text page: its chars as PDFium reads them, and what is asked once per text object or font."""

    def __init__(self, api: _Api, tp: int, ctm: tuple[float, ...]):
        import pypdfium2.raw as raw
        self.api, self.tp, self.ctm = api, tp, ctm
        self.tpv = ctypes.c_void_p(tp)        # the text page as the per-char calls take it
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.px, self.py = ctypes.byref(self.x), ctypes.byref(self.y)
        self.loose = raw.FS_RECTF()
        self.ploose = ctypes.byref(self.loose)
        self.tight = [ctypes.c_double() for _ in range(4)]        # left, right, bottom, top
        self.ptight = [ctypes.byref(v) for v in self.tight]
        self.m = raw.FS_MATRIX()
        self.pm = ctypes.byref(self.m)
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.prgba = [ctypes.byref(v) for v in self.rgba]
        self.f = ctypes.c_float()
        self.pf = ctypes.byref(self.f)
        self.buf = ctypes.create_string_buffer(512)
        self.objects: dict[int, _Object] = {}
        self.fonts: dict[int, tuple[str, float]] = {}
        self.widths: dict[tuple[int, str], float] = {}

    def origin(self, i: int) -> Optional[tuple[float, float]]:
        if not self.api.origin(self.tpv, i, self.px, self.py):
            return None
        return self.x.value, self.y.value

    def object(self, i: int, obj: int) -> "_Object":
        """What every char of the text object of char ``i`` shares (its matrix, font, size, colour)."""
        hit = self.objects.get(obj)
        if hit is None:
            api, m = self.api, self.m
            if not api.matrix(self.tp, i, self.pm):
                m.a, m.b, m.c, m.d = 1.0, 0.0, 0.0, 1.0
            colour = None
            if api.fill(self.tp, i, *self.prgba):
                colour = "#%02x%02x%02x" % tuple(v.value for v in self.rgba[:3])
            font = api.font(obj) or 0
            name, descent = self.font(font)
            hit = self.objects[obj] = _Object(m.a, m.b, m.c, m.d, api.font_size(self.tp, i), font, colour, name,
                                              descent, self.ctm)
        return hit

    def font(self, font: int) -> tuple[str, float]:
        """(base font name, descent per unit of font size)."""
        out = self.fonts.get(font)
        if out is None:
            name, descent = "", 0.0
            if font:
                n = self.api.font_name(font, self.buf, len(self.buf))
                if 0 < n <= len(self.buf):
                    name = font_name(self.buf.raw[:n - 1])
                if name in STANDARD_DESCENT:
                    descent = STANDARD_DESCENT[name] / 1000
                elif self.api.descent(font, 1.0, self.pf):
                    descent = float(self.f.value)
            if descent > 0:      # a positive /Descent is a sign error of the writer (pdfminer flips it too)
                descent = -descent
            out = self.fonts[font] = (name, descent)
        return out

    def blank(self, obj, addr: int, form: Optional[tuple], after: Optional[tuple], lead: bool) -> Optional[tuple]:
        """A glyph entry (see _chars) for the blank glyph of text object ``obj`` (drawn in a form of matrix
        ``form``; ``after``: the next text object and its form), its _Object kept as the text page's are; None
        where its font has no blank glyph.

        PDFium gives neither the glyph's code nor its text.  It is a space, but for an indent (``lead``: the
        blank starts a line, or follows an ideographic space) one em a step: there the font's ideographic space
        when the next text object on the line stands its width further."""
        import pypdfium2.raw as raw
        font = self.api.font(addr) or 0
        widths = [(t, self.code_width(font, t)) for t in BLANKS]
        widths = [(t, w) for t, w in widths if w > 0]
        if not widths:
            return None
        mat = self._matrix(obj, form)
        if mat is None or not raw.FPDFTextObj_GetFontSize(obj, self.pf):
            return None
        size = float(self.f.value)
        text = widths[0][0]
        nxt = self._matrix(*after) if lead and after is not None else None
        if nxt is not None and mat[1] == mat[2] == 0 and mat[0] > 0 and abs(nxt[5] - mat[5]) < SAME_ORIGIN:
            step = (nxt[4] - mat[4]) / (mat[0] * size)        # per unit of font size
            text = next((t for t, w in widths if abs(w - step) < BLANK_STEP), text)
        colour = None
        if raw.FPDFPageObj_GetFillColor(obj, *self.prgba):
            colour = "#%02x%02x%02x" % tuple(v.value for v in self.rgba[:3])
        name, descent = self.font(font)
        self.objects[addr] = _Object(*mat[:4], size, font, colour, name, descent, self.ctm)
        return (text, mat[4], mat[5], -1, addr, True)

    def starts_line(self, obj, form: Optional[tuple], before, before_form: Optional[tuple]) -> bool:
        """Is text object ``obj`` drawn on another baseline than the one drawn ``before`` it?"""
        here, there = self._matrix(obj, form), self._matrix(before, before_form)
        return here is None or there is None or abs(here[5] - there[5]) >= SAME_ORIGIN

    def _matrix(self, obj, form: Optional[tuple]) -> Optional[tuple[float, ...]]:
        """A text object's matrix in PDFium's page space (its origin at e, f)."""
        import pypdfium2.raw as raw
        m = self.m
        if not raw.FPDFPageObj_GetMatrix(obj, self.pm):
            return None
        mat = (m.a, m.b, m.c, m.d, m.e, m.f)
        return mat if form is None else _mul(mat, form)

    def code_width(self, font: int, text: str) -> float:
        """The font's width (per unit of font size) of the code that shows ``text``'s first code point."""
        if not font or not text:
            return 0.0
        k = (font, text[0])
        w = self.widths.get(k)
        if w is None:
            w = float(self.f.value) if self.api.glyph_width(font, ord(text[0]), 1.0, self.pf) else 0.0
            self.widths[k] = w
        return w

    def advance(self, i: int, font: int, text: str, x: float, a: float, b: float, size: float) -> float:
        """The advance width of char ``i`` in text space (its font size applied), as the font's widths give it.

        PDFium's loose box runs from the origin over the advance, united with the glyph's ink box: where the
        ink stays inside the advance its right edge is the advance.  Where the ink reaches past it, the width
        the font gives the glyph's code point is taken instead, if it fits inside that edge."""
        w = self.code_width(font, text) * size
        if abs(b) > 1e-6 or a <= 0 or not self.api.loose_box(self.tpv, i, self.ploose):
            return w
        edge = (self.loose.right - x) / a
        if abs(edge - w) < INK_EDGE:
            return edge
        if self.api.char_box(self.tpv, i, *self.ptight) and abs(self.tight[1].value - self.loose.right) < INK_EDGE:
            if 0 < w <= edge + INK_EDGE:
                return w
        return max(edge, 0.0)


def font_name(raw: bytes) -> str:
    """A font's name as pdfminer gives it: a PDF name is bytes, which pdfminer reads as UTF-8 (宋体, 黑体 as a
    Chinese word processor writes them) and, where they are not UTF-8, shows as Python's ``b'...'`` literal."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return str(raw)


class _Object:
    """A text object's share of every char box: its matrix (a b c d), font size, font, colour, the font's name
    and descent, and what the page matrix ``ctm`` makes of them (the quarter turns its chars stand as displayed,
    two corners enough)."""
    __slots__ = ("a", "b", "c", "d", "size", "font", "colour", "name", "lo", "hi", "quarter", "axis")

    def __init__(self, a: float, b: float, c: float, d: float, size: float, font: int, colour: Optional[str],
                 name: str, descent: float, ctm: tuple[float, ...]):
        self.a, self.b, self.c, self.d, self.size, self.font, self.colour, self.name = a, b, c, d, size, font, colour, name
        self.lo = descent * size          # the box runs from the descent below the baseline up by the size
        self.hi = self.lo + size
        ca, cb, cc, cd = ctm[:4]
        # how the chars stand as displayed: the char's matrix turned by the page's /Rotate
        ra, rb, rc, rd = a * ca + b * cc, a * cb + b * cd, c * ca + d * cc, c * cb + d * cd
        self.quarter = quarter(ra, rb, rc, rd)
        self.axis = b == 0 and c == 0 and cb == 0 and cc == 0     # upright on an unrotated page: two corners


def _clean(t: str) -> tuple[str, bool]:
    """A glyph's text as a char keeps it (code points beyond the BMP joined, controls out) and whether it is
    garbled."""
    # PDFium gives a code point beyond the BMP as two UTF-16 halves: joined, and a lone half garbled
    if _SURROGATE.search(t):
        t = t.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    t = _CONTROL.sub("", t)
    return t, bool(t) and _is_garbled(t)


def _chars(page, ctm, height: float, texts: Optional[list] = None) -> tuple[list[Char], list[tuple[int, int, Char]],
                                                                      int]:
    """The page's upright chars and spaces, its other chars (each with its place among the first and the quarter
    turns it stands: ingest/orient.py), and the count of its garbled glyphs."""
    import pypdfium2.raw as raw
    handle = raw.FPDFText_LoadPage(page.raw)
    if not handle:
        raise InputError("unreadable", "PDFium could not read the text of the page")
    api = _api()
    tp = ctypes.cast(handle, ctypes.c_void_p).value
    pg = _Page(api, tp, ctm)
    tpv = pg.tpv
    out: list[Char] = []
    turned: list[tuple[int, int, Char]] = []
    seen: set = set()
    bad = 0
    ca, cb, cc, cd, ce, cf = ctm
    unicode, generated, origin, text_object, map_error = (api.unicode, api.generated, api.origin, api.text_object,
                                                          api.map_error)
    loose_box, ploose, loose = api.loose_box, pg.ploose, pg.loose
    ox, oy, px, py = pg.x, pg.y, pg.px, pg.py
    objects, widths = pg.objects, pg.widths
    try:
        n = raw.FPDFText_CountChars(handle)
        glyphs: list = []       # (text, origin x, y, char index, text object, restored) per glyph
        pending = None          # a space PDFium put in place of the file's own space (see _collapsed_space)
        for i in range(max(0, n)):
            u = unicode(tpv, i)
            if (u == 0x20 or u == 0x0D or u == 0x0A) and generated(tpv, i) == 1:
                # a space or line break PDFium inferred: not in the file, unless it took a space's place
                pending = _collapsed_space(pg, i) if u == 0x20 else None
                continue
            got = origin(tpv, i, px, py)
            obj = text_object(tpv, i)
            if not got or not obj:
                continue
            x, y = ox.value, oy.value
            if pending is not None:
                sx, sy, skey = pending
                pending = None
                if skey == obj and (abs(sx - x) >= SAME_ORIGIN or abs(sy - y) >= SAME_ORIGIN):
                    glyphs.append((" ", sx, sy, i, obj, True))
            if u == 0 or (not 0x20 <= u < 0x7F and map_error(tpv, i) == 1):
                # no Unicode for the glyph (pdfminer's "(cid:N)"); PDFium then gives the char code, which a
                # simple font without a /ToUnicode map (a Type3 font) codes as ASCII, as pdfminer decodes it
                t = "\ufffd"
            elif u == 0x02:
                t = "-"           # a hyphen that ends a line: PDFium marks it with U+0002
            else:
                t = chr(u) if u <= sys.maxunicode else "\ufffd"     # beyond Unicode: no char
            if glyphs:
                pt, gx, gy, pi, pk, ps = glyphs[-1]
                if pk == obj and not ps and abs(gx - x) < SAME_ORIGIN and abs(gy - y) < SAME_ORIGIN \
                        and pg.code_width(pg.object(pi, pk).font, pt) > 0:
                    glyphs[-1] = (pt + t, gx, gy, pi, pk, ps)     # one glyph mapped to several code points
                    continue
            glyphs.append((t, x, y, i, obj, False))
        if texts:
            glyphs = _in_drawing_order(pg, glyphs, texts)
        cleaned: dict[str, tuple[str, bool]] = {}      # _clean of each distinct glyph text of the page
        for t, x, y, i, obj, restored in glyphs:
            hit = cleaned.get(t)
            if hit is None:
                hit = cleaned[t] = _clean(t)
            t, garbled = hit
            if not t:
                continue
            if garbled:
                bad += 1
                continue
            o = objects.get(obj) or pg.object(i, obj)
            q = o.quarter
            if q != 0 and t.strip():
                if q is None:
                    continue   # mirrored text stays out of the reading flow
            else:
                q = 0
            a, b, size, font = o.a, o.b, o.size, o.font
            if restored:     # a restored space or blank has no box of its own: the font's width of it
                adv = pg.code_width(font, t) * size
            else:           # pg.advance, its common case inline
                w = widths.get((font, t[0]))
                if w is None:
                    w = pg.code_width(font, t)
                adv = w * size
                if adv < 0:     # a vertical font (its glyphs advance down the page): its own box below
                    pass
                elif not (b > 1e-6 or b < -1e-6 or a <= 0) and loose_box(tpv, i, ploose):
                    edge = (loose.right - x) / a
                    if not abs(edge - adv) < INK_EDGE:
                        adv = pg.advance(i, font, t, x, a, b, size)
                    else:
                        adv = edge
            if adv < 0:
                x0, x1, y0, y1 = _vertical_box(pg, i, x, y, o, adv)
            elif o.axis:
                x0, x1 = ca * x + ce, ca * (x + a * adv) + ce
                y0, y1 = cd * (y + o.d * o.lo) + cf, cd * (y + o.d * o.hi) + cf
                if x1 < x0:
                    x0, x1 = x1, x0
                if y1 < y0:
                    y0, y1 = y1, y0
            else:
                lo, hi = o.lo, o.hi
                tm = _mul((a, b, o.c, o.d, x, y), ctm)
                xs, ys = zip(*(_apply(tm, px_, py_) for px_, py_ in ((0.0, lo), (adv, lo), (0.0, hi), (adv, hi))))
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            top, bottom = height - y1, height - y0
            key = (t, round(x0), round(top))
            if key in seen:     # fake bold: the same glyph drawn twice at (almost) the same place
                continue
            seen.add(key)
            n = BOX_PLACES
            char = Char(t, round(x0, n), round(x1, n), round(top, n), round(bottom, n),
                        round(y1 - y0 if adv >= 0 else x1 - x0, n), o.name, o.colour)
            if q:
                turned.append((len(out), q, char))
            else:
                out.append(char)
    finally:
        raw.FPDFText_ClosePage(handle)
    return out, turned, bad


def _vertical_box(pg: _Page, i: int, x: float, y: float, o: _Object, adv: float) -> tuple[float, ...]:
    """pdfminer's box (x0, x1, y0, y1, page space) of char ``i`` of a vertical font, whose origin PDFium puts at
    ``x``, ``y`` and whose advance ``adv`` (text space, the font size applied) is negative.

    PDFium's origin is the pen moved back by the glyph's vertical origin (vx, vy; vx half the glyph's width where
    the font gives no /W2 entry).  pdfminer's box, from the pen, runs across from minus half the font size (vx
    where /W2 gives it) over the size, and down from (1000 - vy) per mille of the size by the advance.  PDFium's
    loose box of such a char starts (vx - 500) per mille of the size right of the origin (not put through the
    text matrix): from the origin, pdfminer's box runs across from there over the size (for a glyph without a
    /W2 entry), and up from size + advance to the size."""
    size, loose = o.size, pg.loose
    dx = loose.left - x if pg.api.loose_box(pg.tpv, i, pg.ploose) else 0.0
    tm = _mul((o.a, o.b, o.c, o.d, x, y), pg.ctm)
    xs, ys = zip(*(_apply(tm, px, py) for px in (dx, dx + size) for py in (size + adv, size)))
    return min(xs), max(xs), min(ys), max(ys)


# PDFium's text page passes over a text object whose box is narrower than this (pt): one that shows only blank
# glyphs (spaces, which have no ink), where pdfminer gives their chars
BLANK_WIDTH = 0.01
# the blank glyphs such an object is read as (the first where its width tells nothing), and how close (per unit
# of font size) a blank's width must come to the step to the next glyph to be the one drawn
BLANKS = (" ", "\u3000")
BLANK_STEP = 0.01


def _in_drawing_order(pg: _Page, glyphs: list, texts: list) -> list:
    """``glyphs`` in the order the page draws their text objects (``texts``, the page's in drawing order:
    (object, form matrix)), as pdfminer gives them, with a space for each text object that PDFium's text page
    left out because it draws no ink (see _Page.blank).

    PDFium's text page sorts the text objects of a line from left to right (a table header drawn 编码 then 科目
    reads 科目编码), where pdfminer keeps the order of the content stream; the glyphs of one object stay
    together, so a stable sort by their object's place restores it.  A word processor that draws each glyph as
    its own text object draws an indent or a gap as text objects of one blank glyph each; PDFium gives no char
    of them (nor their text), pdfminer one each."""
    import pypdfium2.raw as raw
    address = ctypes.c_void_p.from_buffer
    order = {address(obj).value: k for k, (obj, _) in enumerate(texts)}
    keys = []
    last = -1
    for g in glyphs:
        last = order.get(g[4], last)
        keys.append(last)
    if any(a > b for a, b in zip(keys, keys[1:])):
        by_place = sorted(range(len(glyphs)), key=keys.__getitem__)
        glyphs, keys = [glyphs[j] for j in by_place], [keys[j] for j in by_place]
    box = [ctypes.c_float() for _ in range(4)]
    pbox = [ctypes.byref(v) for v in box]
    glyphs, keys = _collapsed_runs(pg, glyphs, keys, texts, box, pbox)
    if len(texts) <= len(set(keys)):
        return glyphs
    used = {g[4] for g in glyphs}
    blanks: list = []
    for k, (obj, form) in enumerate(texts):
        addr = address(obj).value
        if addr in used or not raw.FPDFPageObj_GetBounds(obj, *pbox) or box[2].value - box[0].value >= BLANK_WIDTH:
            continue
        lead = k == 0 or (blanks and blanks[-1][0] == k - 1 and blanks[-1][1][0] == "\u3000") \
            or pg.starts_line(obj, form, *texts[k - 1])
        blank = pg.blank(obj, addr, form, texts[k + 1] if k + 1 < len(texts) else None, lead)
        if blank is not None:
            blanks.append((k, blank))
    if not blanks:
        return glyphs
    out: list = []
    j = 0
    for g, at in zip(glyphs, keys):
        while j < len(blanks) and blanks[j][0] < at:
            out.append(blanks[j][1])
            j += 1
        out.append(g)
    out.extend(b for _, b in blanks[j:])
    return out


def _collapsed_runs(pg: _Page, glyphs: list, keys: list, texts: list, box: list, pbox: list) -> tuple[list, list]:
    """``glyphs`` (and their objects' places ``keys``) with the spaces PDFium's text page dropped from a run.

    PDFium keeps one space of a run of spaces (a text object ``[( )4( )-3( )] TJ`` between two words).  A text
    object of which the text page gives only spaces and that draws no ink has for its box the span of its
    glyphs' origins: where that runs on past its last space, the dropped spaces are put back, one a space's
    width apart, spread evenly up to the end of the span (pdfminer places them by the kerning, which PDFium does
    not give)."""
    import pypdfium2.raw as raw
    last: dict[int, int] = {}       # text object drawing only spaces -> index of its last glyph
    ink: set = set()
    for j, g in enumerate(glyphs):
        if g[0] != " ":
            ink.add(g[4])
        elif g[4] not in ink:
            last[g[4]] = j
    for obj in ink:
        last.pop(obj, None)
    if not last:
        return glyphs, keys
    at = {ctypes.c_void_p.from_buffer(obj).value: obj for obj, _ in texts}
    extra: list = []
    for addr, j in last.items():
        obj = at.get(addr)
        t, x, y, i, _, restored = glyphs[j]
        if obj is None or restored or not raw.FPDFPageObj_GetBounds(obj, *pbox):
            continue
        pen = _stroke(obj, box)     # a stroked text object's box reaches half its line width further
        if pen is None or abs(box[1].value + pen / 2 - y) >= SAME_ORIGIN:
            continue
        o = pg.objects.get(addr) or pg.object(i, addr)
        width = pg.code_width(o.font, " ") * o.size * o.a
        span = box[2].value - pen / 2 - x
        if o.b != 0 or o.c != 0 or width <= 0 or span < width / 2:
            continue
        n = round(span / width)
        extra.append((j, [(" ", x + span * k / n, y, -1, addr, True) for k in range(1, n + 1)]))
    for j, more in sorted(extra, reverse=True):
        glyphs[j + 1:j + 1] = more
        keys[j + 1:j + 1] = [keys[j]] * len(more)
    return glyphs, keys


def _stroke(obj, box: list) -> Optional[float]:
    """The line width that widens the box ``box`` (left, bottom, right, top) of a text object that draws no ink
    (0 where it is not stroked), or None where the box is an ink box."""
    import pypdfium2.raw as raw
    height = box[3].value - box[1].value
    if height < BLANK_WIDTH:
        return 0.0
    width = ctypes.c_float()
    if raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width)) and abs(height - width.value) < BLANK_WIDTH:
        return float(width.value)
    return None


def _collapsed_space(pg: _Page, i: int) -> Optional[tuple[float, float, int]]:
    """A generated space that stands for a space of the file: (origin x, y, text object) or None.

    Where a text object spaces its glyphs wider than a space, PDFium inserts a space of its own at the next
    glyph's origin; when that next glyph is the file's own space, PDFium then keeps only the first of the two
    spaces (it collapses runs of spaces).  Such a generated space belongs to a text object and sits where the
    following glyph does not: it is the file's space, at that origin."""
    obj = pg.api.text_object(pg.tpv, i)
    o = pg.origin(i) if obj else None
    if o is None:
        return None
    return o[0], o[1], obj


def _paths(page, ctm, height: float, edges: list, texts: Optional[list] = None) -> tuple[list, list]:
    """Horizontal and vertical rules (and box edges) of the drawn paths, form XObjects included; the text objects
    into ``texts`` in drawing order, each with the matrix of the form it is drawn in (None: on the page)."""
    import pypdfium2.raw as raw
    h: list = []
    v: list = []
    seg_pt = (ctypes.c_float(), ctypes.c_float())
    om = raw.FS_MATRIX()

    def matrix(obj) -> tuple[float, ...]:
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(om)):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (om.a, om.b, om.c, om.d, om.e, om.f)

    text_kind = raw.FPDF_PAGEOBJ_TEXT
    keep = texts.append if texts is not None else None

    def walk(count, get, form, depth):
        outer = ctm if form is None else _mul(form, ctm)
        for k in range(count):
            obj = get(k)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == text_kind:
                if keep is not None:
                    keep((obj, form))
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                _path(obj, _mul(matrix(obj), outer), height, h, v, edges, seg_pt)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = matrix(obj) if form is None else _mul(matrix(obj), form)
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j),
                     inner, depth + 1)

    walk(raw.FPDFPage_CountObjects(page.raw), lambda j: raw.FPDFPage_GetObject(page.raw, j), None, 0)
    return h, v


def _subpaths(obj, m, seg_pt) -> list[tuple[str, list[tuple[float, float]]]]:
    """(shape, points) per subpath in pdfminer's form: "m", "l", "c" (its end point only) and "h" (back to the
    start), points in pdfminer's page space."""
    import pypdfium2.raw as raw
    out: list[tuple[str, list]] = []
    shape: list[str] = []
    pts: list = []
    bez = 0
    px, py = seg_pt
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py)):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        p = _apply(m, px.value, py.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bez = ["m"], [p], 0
        elif kind == raw.FPDF_SEGMENT_LINETO:
            shape.append("l")
            pts.append(p)
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bez += 1
            if bez % 3 == 0:          # two control points, then the end point
                shape.append("c")
                pts.append(p)
        else:
            continue
        if raw.FPDFPathSegment_GetClose(seg) and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def _painted(obj) -> bool:
    """Does the path leave a mark (stroked, or filled with another colour than the paper's)?"""
    import pypdfium2.raw as raw
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke)):
        return True
    filled = mode.value != raw.FPDF_FILLMODE_NONE
    color = None
    rgba = [ctypes.c_uint() for _ in range(4)]
    if filled and raw.FPDFPageObj_GetFillColor(obj, *map(ctypes.byref, rgba)):
        color = "#%02x%02x%02x" % tuple(c.value for c in rgba[:3])
    return not invisible(filled, bool(stroke.value), color)


def _path(obj, m, height: float, h: list, v: list, edges: list, seg_pt) -> None:
    if not _painted(obj):
        return
    for shape, pts in _subpaths(obj, m, seg_pt):
        if not shape.startswith("m") or len(shape) < 2:
            continue
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:   # a redundant "l" before "h"
            shape = shape[:-2] + "h"
            pts = pts[:-2] + pts[-1:]
        flipped = [(x, height - y) for x, y in pts]
        if shape in ("ml", "mlh"):
            flipped = flipped[:2]
            rect = False
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            rect = pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                         or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))
        else:
            rect = False
        xs = [x for x, _ in flipped]
        ys = [y for _, y in flipped]
        _rules(min(xs), max(xs), min(ys), max(ys), flipped, rect, h, v, edges)
