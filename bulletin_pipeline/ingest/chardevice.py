"""A pdfminer device that turns each glyph the content stream shows straight into our ``Char``.

pdfminer's own device (``PDFPageAggregator``, which pdfplumber's ``page.layout`` runs) builds an ``LTChar`` per
glyph, with its own bounding box, matrix and graphic-state copy, into a tree of pages and figures that the
reader then walks again.  Here ``render_char`` does LTChar's arithmetic itself (the same float operations in
the same order: the advance, the box in text space, the box through the glyph's matrix, ``upright`` and the
size) and keeps, in render order (which is the order a depth-first walk of pdfminer's tree gives), only what a
RawPage needs, with the reader's filters applied on the spot: control characters removed, garbled glyphs
counted, mirrored text dropped, turned text set apart (ingest/orient.py reads the page in its direction), a
glyph drawn twice at the same place (fake bold) kept once.  A glyph's text and metrics are looked up once per
page and font.  Paths, figures and images still go through pdfminer's own
``PDFLayoutAnalyzer`` (there are few): the reader walks what is left of its tree for the drawn rules.

Only pdfminer is imported here; ingest/pdf.py runs the device on pdfplumber's page objects.
"""
from __future__ import annotations

from typing import Callable, Optional

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined
from ..model import BOX_PLACES, Char
from .content import ContentInterpreter
from .orient import quarter


class CharDevice(PDFLayoutAnalyzer):
    """Collects one page's chars as ``Char`` (top-left origin: ``height`` is the page's media box height) into
    ``chars`` (the upright ones and the spaces) and ``turned`` (the others, with the quarter turns they stand),
    the count of garbled glyphs into ``bad``; ``layout`` is pdfminer's LTPage of the page's paths, figures and
    images once the page has been rendered."""

    def __init__(self, rsrcmgr, height: float, clean: Callable[[str], tuple[str, bool]],
                 color: Callable[[object], Optional[str]]):
        PDFLayoutAnalyzer.__init__(self, rsrcmgr, pageno=1, laparams=None)
        self.height = height
        self.chars: list[Char] = []
        # the chars (spaces aside) that do not stand upright: (their place in ``chars``, quarter turns, char)
        self.turned: list[tuple[int, int, Char]] = []
        self.bad = 0
        self.layout = None
        self._clean = clean
        self._color = color
        self._seen: set = set()         # (text, x0, top) rounded: the fake-bold key
        self._colours: dict = {}        # fill colour value -> '#rrggbb'
        # font -> (vertical, descent per size unit, font name, {cid: (text cleaned, garbled, width, displacement)})
        self._fonts: dict = {}

    def receive_layout(self, ltpage) -> None:
        self.layout = ltpage

    def _font(self, font) -> tuple:
        name = font.fontname
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        vertical = font.is_vertical()
        entry = self._fonts[font] = (vertical, None if vertical else font.get_descent(), str(name or ""), {})
        return entry

    def _glyph(self, font, cid: int, glyphs: dict) -> tuple:
        """(text cleaned, garbled, width, displacement) of glyph ``cid``, as LTChar is given them."""
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        hit = self._clean(text)
        entry = glyphs[cid] = (hit[0], hit[1], font.char_width(cid), font.char_disp(cid))
        return entry

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        f = self._fonts.get(font)
        if f is None:
            f = self._font(font)
        vertical, desc, fontname, glyphs = f
        g = glyphs.get(cid)
        if g is None:
            g = self._glyph(font, cid, glyphs)
        t, garbled, textwidth, textdisp = g
        # LTChar.__init__, every glyph (a page whose numbers break it fails here as it would there)
        adv = textwidth * fontsize * scaling
        if vertical:
            assert isinstance(textdisp, tuple)
            (vx, vy) = textdisp
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bx0, by0, bx1, by1 = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = desc * fontsize
            bx0, by0, bx1, by1 = (0, descent + rise, adv, descent + rise + fontsize)
        (a, b, c, d, e, f) = matrix
        q = 0 if b == 0 and c == 0 and a * scaling > 0 and d > 0 else quarter(a, b, c, d, scaling)
        # pdfminer.utils.apply_matrix_rect
        left1, bottom1 = a * bx0 + c * by0 + e, b * bx0 + d * by0 + f
        right1, bottom2 = a * bx1 + c * by0 + e, b * bx1 + d * by0 + f
        right2, top1 = a * bx1 + c * by1 + e, b * bx1 + d * by1 + f
        left2, top2 = a * bx0 + c * by1 + e, b * bx0 + d * by1 + f
        x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
        x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        size = x1 - x0 if vertical else y1 - y0
        if not t:
            return adv
        if garbled:
            self.bad += 1
            return adv
        turned = q != 0 and t.strip()
        if turned and q is None:
            return adv      # mirrored text stays out of the reading flow
        # the reader's own filters (ingest/pdf.py)
        height = self.height
        top, bottom = height - y1, height - y0
        key = (t, round(x0), round(top))
        seen = self._seen
        if key in seen:     # fake bold: the same glyph drawn twice at (almost) the same place
            return adv
        seen.add(key)
        ncolor = getattr(graphicstate, "ncolor", None)
        try:
            colour = self._colours[ncolor]
        except KeyError:
            colour = self._colours[ncolor] = self._color(ncolor)
        except TypeError:       # an unhashable colour value (a list)
            colour = self._color(ncolor)
        n = BOX_PLACES
        char = Char(t, round(x0, n), round(x1, n), round(top, n), round(bottom, n), round(size or (y1 - y0), n),
                    fontname, colour)
        if turned:      # the page's direction decides (ingest/orient.py)
            self.turned.append((len(self.chars), q, char))
        else:
            self.chars.append(char)
        return adv


def render_page(page_obj, rsrcmgr, height: float, clean: Callable[[str], tuple[str, bool]],
                color: Callable[[object], Optional[str]]) -> CharDevice:
    """Interpret one pdfminer page with a CharDevice; the device holds the page's chars and its LTPage."""
    device = CharDevice(rsrcmgr, height, clean, color)
    ContentInterpreter(rsrcmgr, device).process_page(page_obj)
    return device
