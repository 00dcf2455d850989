"""Which way a page's text runs, and the page read in that direction's frame.

A landscape table or a landscape section is often set sideways: on a portrait page whose content is drawn turned
by a quarter (a word processor's landscape section printed on portrait paper), or on a page whose /Rotate does
not undo how its content is drawn.  Both readers measure each char's box as the page is displayed and tell
here which way its glyph stands (:func:`quarter`).  A page most of whose chars run in one turned direction is
read in that direction's frame: char boxes, rules and the page's width and height turned so its lines run left
to right and follow each other downwards (:class:`Turn`).  Chars standing in another direction than the page's
(a stamp, a vertical side note or banner on an upright page; a portrait page number on a page set sideways) stay
out of the reading flow, as the readers always left turned text out; the upright chars of a page that turns
are counted in its :class:`Turn`.

Both readers (ingest/pdf.py with ingest/chardevice.py, and ingest/pdfium.py) hand their chars here, so a page
turns the same whichever reads it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import BOX_PLACES, Char

# a page is read turned when at least this many of its chars (spaces aside) run in one turned direction ...
TURNED_MIN_CHARS = 10
# ... and they are more than this share of its chars that run in any of the four directions
TURNED_SHARE = 0.5
# this many chars (spaces aside) that stand in another direction than the page's text, left out of it, make a
# warning: more than a stamp, a watermark or a page's running header and number (a table set sideways under an
# upright text, say)
LEFT_OUT_WARNING = 40


def quarter(a: float, b: float, c: float, d: float, scaling: float = 1.0) -> Optional[int]:
    """The quarter turns (counter-clockwise, 0-3) a glyph with this matrix as displayed (a b c d, y up;
    ``scaling`` the horizontal scaling, which multiplies a and b) stands turned from upright: 0 upright, 1 reading
    upwards, 2 upside down, 3 reading downwards, whichever its baseline is nearest (a slant, italic or tilted up
    to 45 degrees, keeps its quarter; a matrix turned a quarter with rounding noise, cos 90° = 6e-17, is turned);
    None for a mirrored glyph."""
    a, b = a * scaling, b * scaling
    if a * d - b * c <= 0:
        return None
    if abs(b) <= abs(a):
        return 0 if a > 0 else 2
    return 1 if b > 0 else 3


@dataclass(frozen=True)
class Turn:
    """How a page is read: turned ``quarters`` (0-3) clockwise from how it is displayed (a page whose text reads
    upwards is turned one quarter), its ``width`` and ``height`` in that frame, and how many chars (spaces
    aside) that stand in another direction were left out (``left_out``) of it."""
    quarters: int
    width: float
    height: float
    left_out: int = 0

    @property
    def matrix(self) -> tuple[float, ...]:
        """The turn as a PDF matrix on the displayed page's space (origin bottom left, y up) to the reading
        frame's: what a reader appends to its page matrix."""
        k = self.quarters
        if k == 1:                     # (x, y) -> (y, W - x); W, the reading frame's height
            return (0.0, -1.0, 1.0, 0.0, 0.0, self.height)
        if k == 2:                     # (x, y) -> (W - x, H - y)
            return (-1.0, 0.0, 0.0, -1.0, self.width, self.height)
        if k == 3:                     # (x, y) -> (H - y, x); H, the reading frame's width
            return (0.0, 1.0, -1.0, 0.0, self.width, 0.0)
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of the displayed page's space (y up) in the reading frame's."""
        a, b, c, d, e, f = self.matrix
        return a * x + c * y + e, b * x + d * y + f

    def box(self, x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
        """A box of the displayed page (top-left origin) in the reading frame: (x0, x1, top, bottom)."""
        k, w, h = self.quarters, self.width, self.height
        if k == 1:      # displayed (x, t) -> (H_displayed - t, x): H_displayed is this frame's width
            return w - bottom, w - top, x0, x1
        if k == 2:
            return w - x1, w - x0, h - bottom, h - top
        if k == 3:      # displayed (x, t) -> (t, W_displayed - x): W_displayed is this frame's height
            return top, bottom, h - x1, h - x0
        return x0, x1, top, bottom


def orient(upright: list[Char], turned: list[tuple[int, int, Char]], width: float,
           height: float) -> tuple[list[Char], Turn]:
    """A page's chars in its reading frame and how it is turned (:func:`page_turn`, :func:`read_turned`)."""
    turn = page_turn(upright, turned, width, height)
    return read_turned(upright, turned, turn), turn


def page_turn(upright: list[Char], turned: list[tuple[int, int, Char]], width: float, height: float) -> Turn:
    """How to read a page of ``width`` x ``height`` as displayed: ``upright`` the chars that stand upright and the
    spaces (whichever way they stand), ``turned`` the other chars that stand one, two or three quarters from
    upright, each (its place in ``upright``'s order, its quarter, the char)."""
    if not turned:
        return Turn(0, width, height)
    counts = [0, 0, 0, 0]
    for c in upright:
        if c.text.strip():
            counts[0] += 1
    for _, q, _ in turned:
        counts[q] += 1
    q = max((1, 2, 3), key=lambda k: counts[k])
    if counts[q] < TURNED_MIN_CHARS or counts[q] <= TURNED_SHARE * sum(counts):
        q = 0
    left_out = sum(n for k, n in enumerate(counts) if k % 2 != q % 2)
    return Turn(q, *((height, width) if q % 2 else (width, height)), left_out)


def read_turned(upright: list[Char], turned: list[tuple[int, int, Char]], turn: Turn) -> list[Char]:
    """The page's chars in its reading frame: the spaces and the chars that stand the turn's way or opposite it
    (pdfminer's upright test, which the readers used, never told these two apart), their boxes turned; the
    others left out.  An
    unturned page keeps the order the page draws them in; a turned page's go top to bottom and left to right in
    its frame, since the readers give turned text in different orders (PDFium reorders it)."""
    if not turned:
        return upright
    k = turn.quarters
    out: list[Char] = []
    it = iter(turned)
    nxt = next(it, None)
    for i, c in enumerate(upright + [None]):
        while nxt is not None and nxt[0] <= i:
            if nxt[1] % 2 == k % 2:
                out.append(_turned(nxt[2], turn) if k else nxt[2])
            nxt = next(it, None)
        if c is not None and (k % 2 == 0 or not c.text.strip()):
            out.append(_turned(c, turn) if k else c)
    if k:
        out.sort(key=lambda c: (c.top, c.x0, c.x1, c.text))
    return out


def _turned(c: Char, turn: Turn) -> Char:
    x0, x1, top, bottom = turn.box(c.x0, c.x1, c.top, c.bottom)
    n = BOX_PLACES
    # the size of a char read turned is its box's height in the reading frame, as a reader measures an upright
    # char's (its width as displayed)
    size = bottom - top if turn.quarters % 2 else c.size
    return Char(c.text, round(x0, n), round(x1, n), round(top, n), round(bottom, n), round(size, n), c.font, c.color,
                c.conf)


def turn_warnings(turn: Turn) -> list[tuple[str, str]]:
    """(code, message) of what a reader says about how it read a page: read turned (its boxes are measured on
    the page turned so), or many chars left out as standing in another direction."""
    out = []
    if turn.quarters:
        out.append(("page-turned", f"its text runs turned: read with the page turned {turn.quarters * 90} degrees "
                                   "clockwise (boxes measured on the page turned so)"))
    if turn.left_out >= LEFT_OUT_WARNING:
        out.append(("turned-text-left-out", f"{turn.left_out} chars set in another direction than the page's text "
                                            "were left out"))
    return out
