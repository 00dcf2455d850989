"""Read a PDF with pdfplumber into RawPages: chars (deduplicated, top-left coordinates) and drawn rules.

Only this module imports pdfplumber.  pdfplumber's dict objects never leave it.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..errors import InputError, display_name, safe_text
from ..model import BOX_PLACES, Char, RawPage
from ..choices import BACKENDS, DEFAULT_BACKEND
from .orient import Turn, orient, turn_warnings

_log = logging.getLogger(__name__)
# NUL and control characters, BOM / zero-width no-break space and the bidi controls (LRE…RLO, LRI…PDI, LRM/RLM):
# none is text, and a right-to-left override in a title would show it reversed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class IngestConfig:
    max_pages: int = 2000
    max_bytes: int = 500 * 1024 * 1024
    password: Optional[str] = None
    backend: str = DEFAULT_BACKEND      # which library reads the text layer and the drawn rules (BACKENDS)

    def __post_init__(self):
        if self.max_pages <= 0 or self.max_bytes <= 0:
            raise ValueError("max_pages and max_bytes must be positive")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_file(path: Path, cfg: IngestConfig) -> None:
    """Cheap checks before pdfplumber sees the file, so the common failures get a clear one-line reason."""
    if not path.exists():
        raise InputError("not-found", f"no such file: {display_name(path)}")
    if path.is_dir():
        raise InputError("not-a-file", f"is a directory: {display_name(path)}")
    name = display_name(path.name)
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty", f"empty file: {name}")
    if size > cfg.max_bytes:
        raise InputError("too-large", f"{name} is {size} bytes, over the limit of {cfg.max_bytes}")
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputError("not-a-pdf", f"{name} is not a PDF (no %PDF header)")


def _color(c) -> Optional[str]:
    """pdfplumber colour (gray, RGB or CMYK tuple) -> '#rrggbb'."""
    if c is None:
        return None
    try:
        if isinstance(c, (int, float)):
            c = (c,)
        c = tuple(float(v) for v in c)
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        r = g = b = c[0]
    elif len(c) == 3:
        r, g, b = c
    elif len(c) == 4:
        cc, m, y, k = c
        r, g, b = (1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    clamp = lambda v: max(0, min(255, int(round(v * 255))))
    return "#%02x%02x%02x" % (clamp(r), clamp(g), clamp(b))


def _is_garbled(t: str) -> bool:
    if t.startswith("(cid:"):
        return True
    o = ord(t[0]) if t else 0
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD


def _clean(t: str) -> tuple[str, bool]:
    """A char's text without NUL and control characters (they are not text, and not valid XML), and whether
    it is garbled."""
    t = _CONTROL.sub("", t)
    return t, bool(t) and _is_garbled(t)


def _walk(container):
    """pdfminer layout objects, descending into figures (form XObjects)."""
    for o in container:
        if hasattr(o, "_objs") and not hasattr(o, "get_text"):
            yield from _walk(o)
        else:
            yield o


# ruled tables: edges shorter than this (pt) are glyph strokes or ticks, not cell borders
TABLE_EDGE_MIN = 3.0
# a page drawing more edges than this (a vector map, a chart's hatching) is not searched for ruled tables:
# intersecting them costs edges squared
TABLE_MAX_EDGES = 3000
# rules this close (pt) are one rule (a cell drawn as its own box shares a border with its neighbour)
TABLE_SNAP = 3.0


def _edges(x0: float, x1: float, top: float, bottom: float, pts: list, rect: bool) -> list[dict]:
    """Axis-aligned edges of a drawn path in pdfplumber's edge form (top-left origin), as its TableFinder
    takes them: a rectangle gives its four sides, a line or polyline (``pts``) its horizontal and vertical
    segments."""
    if rect:
        segs = [((x0, top), (x1, top)), ((x0, bottom), (x1, bottom)), ((x0, top), (x0, bottom)),
                ((x1, top), (x1, bottom))]
    else:
        segs = list(zip(pts, pts[1:]))
    out = []
    for (ax, ay), (bx, by) in segs:
        if abs(ay - by) < 0.5 and abs(ax - bx) >= TABLE_EDGE_MIN:
            x0, x1 = min(ax, bx), max(ax, bx)
            out.append({"x0": x0, "x1": x1, "top": ay, "bottom": ay, "width": x1 - x0, "height": 0.0,
                        "orientation": "h", "object_type": "line"})
        elif abs(ax - bx) < 0.5 and abs(ay - by) >= TABLE_EDGE_MIN:
            top, bottom = min(ay, by), max(ay, by)
            out.append({"x0": ax, "x1": ax, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                        "orientation": "v", "object_type": "line"})
    return out


# the paper's colour: a path only filled with it, never stroked, draws nothing (a word processor's white
# paragraph shading, one box a line of prose), so it makes no rule and no table cell
PAPER = "#ffffff"


def invisible(filled: bool, stroked: bool, fill_color: Optional[str]) -> bool:
    """Does a drawn path leave no mark: not stroked, and either not filled or filled with the paper colour?"""
    return not stroked and (not filled or fill_color == PAPER)


def _rules(x0: float, x1: float, top: float, bottom: float, pts: list, rect: bool, h: list, v: list,
           edges: list) -> None:
    """One drawn path (its box, its points top-left, whether it is an axis-aligned rectangle) into the page's
    horizontal rules ``h``, vertical rules ``v`` and table ``edges``; both backends share it.  Coordinates are
    kept to BOX_PLACES, as char boxes are: PDFium computes in float32, pdfminer in float64, and a table cell's
    edge a few 1e-5 pt off would round to another hundredth."""
    n = BOX_PLACES
    x0, x1, top, bottom = round(x0, n), round(x1, n), round(top, n), round(bottom, n)
    pts = [(round(x, n), round(y, n)) for x, y in pts]
    w, ht = x1 - x0, bottom - top
    edges.extend(_edges(x0, x1, top, bottom, pts, rect))
    if ht <= 3 and w >= 30:
        h.append((x0, x1, (top + bottom) / 2))
    elif w <= 3 and ht >= 30:
        v.append(((x0 + x1) / 2, top, bottom))
    elif w >= 100 and ht >= 20:    # a box: its top and bottom edges separate content
        h.append((x0, x1, top))
        h.append((x0, x1, bottom))


# a table cut by a page break is often drawn open: its column rules run on below its last row rule (above its
# first).  This many column rules ending together past every row rule close the table there.
OPEN_END_RULES = 3


def open_ends(edges: list[dict]) -> list[dict]:
    """Row rules a table cut by the page does not draw (or draws short): where at least OPEN_END_RULES vertical
    edges, each crossed by some horizontal edge, end (or start) together, on a crossing horizontal edge or
    below (above) every one, and one of them beyond, one horizontal edge across them all there."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    crossing = lambda v: [h["top"] for h in hs if h["x0"] - TABLE_SNAP <= v["x0"] <= h["x1"] + TABLE_SNAP
                          and v["top"] - TABLE_SNAP <= h["top"] <= v["bottom"] + TABLE_SNAP]
    out = []
    for end, beyond in (("bottom", lambda y, ys: y > max(ys) + TABLE_SNAP),
                        ("top", lambda y, ys: y < min(ys) - TABLE_SNAP)):
        groups: dict[int, list[tuple[dict, bool]]] = {}
        for v in vs:
            ys = crossing(v)
            if not ys:
                continue
            out_ = beyond(v[end], ys)
            if out_ or any(abs(v[end] - y) <= TABLE_SNAP for y in ys):
                groups.setdefault(round(v[end] / TABLE_SNAP), []).append((v, out_))
        for g in groups.values():
            if len(g) >= OPEN_END_RULES and any(o for _, o in g):
                x0, x1, y = min(v["x0"] for v, _ in g), max(v["x0"] for v, _ in g), g[0][0][end]
                out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                            "orientation": "h", "object_type": "line"})
    return out


def ruled_tables(edges: list[dict]) -> list[list[tuple[float, float, float, float]]]:
    """Cell boxes of the ruled tables the edges draw, by pdfplumber's table finder (merge the edges, find their
    intersections, the smallest rectangles between them, and group touching cells into tables)."""
    if sum(e["orientation"] == "v" for e in edges) < 2 or sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    if len(edges) > TABLE_MAX_EDGES:
        _log.info("%d drawn edges on one page: not searched for ruled tables", len(edges))
        return []
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
    merged = merge_edges(edges, TABLE_SNAP, TABLE_SNAP, TABLE_SNAP, TABLE_SNAP)
    merged = [e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"])
              >= TABLE_EDGE_MIN]
    merged += open_ends(merged)
    cells = intersections_to_cells(edges_to_intersections(merged, 1, 1))
    return [[tuple(round(float(v), 2) for v in c) for c in t] for t in cells_to_tables(cells)]


def _page_objects(page) -> tuple[list[Char], float, list, list, list, Turn]:
    """Chars and rules of a pdfplumber page, read by pdfminer's interpreter into our own device
    (ingest/chardevice.py): the same chars and coordinates as ``page.chars`` (top-left origin), in the order
    the page draws them, without pdfminer's LTChar objects or pdfplumber's per-char dicts.  The drawn rules
    come from pdfminer's LTLine / LTRect / LTCurve, in figures (form XObjects) too.  A page whose text runs
    turned is read in its direction's frame (ingest/orient.py); the last item says how the page was turned."""
    from pdfplumber.utils.exceptions import PdfminerException
    from .chardevice import render_page
    height = float(page.mediabox[3]) - float(page.mediabox[1])
    try:    # wrapped as pdfplumber's page.layout wraps it, so a page's failure reads the same
        device = render_page(page.page_obj, page.pdf.rsrcmgr, height, _clean, _color)
    except Exception as e:
        raise PdfminerException(e)
    width = float(page.mediabox[2]) - float(page.mediabox[0])
    out, turn = orient(device.chars, device.turned, width, height)
    bad = device.bad
    h, v, tables = drawn_rules(_walk(device.layout), height, turn)
    total = len(out) + bad
    return out, (bad / total if total else 0.0), h, v, tables, turn


def drawn_rules(objs, height: float, turn: Optional[Turn] = None) -> tuple[list, list, list]:
    """(horizontal rules, vertical rules, ruled-table cells) of a page's pdfminer layout objects (its curves:
    LTLine and LTRect are curves too; other objects are passed over); ``height``: the media box height, for
    top-left coordinates; ``turn``: how the page is read (its rules turn with its text)."""
    from pdfminer.layout import LTCurve, LTRect
    h, v = [], []
    edges: list[dict] = []
    turned = turn is not None and turn.quarters
    for o in objs:
        if isinstance(o, LTCurve) and not invisible(o.fill, o.stroke, _color(o.non_stroking_color)):
            rect = isinstance(o, LTRect)
            if turned:
                x0, x1, top, bottom, pts = _turned_path(o, rect, turn)
            else:
                x0, x1, top, bottom = float(o.x0), float(o.x1), height - float(o.y1), height - float(o.y0)
                pts = [] if rect else [(float(x), height - float(y)) for x, y in (getattr(o, "pts", None) or [])]
            _rules(x0, x1, top, bottom, pts, rect, h, v, edges)
    return h, v, ruled_tables(edges)


def _turned_path(o, rect: bool, turn: Turn) -> tuple[float, float, float, float, list]:
    """A curve's box (x0, x1, top, bottom) and points (top-left) on a page read turned: in the reading frame."""
    height = turn.height
    corners = [turn.point(float(x), float(y)) for x in (o.x0, o.x1) for y in (o.y0, o.y1)]
    xs = [x for x, _ in corners]
    tops = [height - y for _, y in corners]
    pts = [] if rect else [(x, height - y) for x, y in (turn.point(float(px), float(py))
                                                        for px, py in (getattr(o, "pts", None) or []))]
    return min(xs), max(xs), min(tops), max(tops), pts


def read_pages(path: Path, cfg: IngestConfig | None = None, problems: Optional[list] = None,
               on_page: Optional[Callable[[int, int], None]] = None) -> Iterator[RawPage]:
    """Yield RawPages one by one, read by ``cfg.backend``: PDFium (ingest/pdfium.py) or pdfplumber, here
    (pdfplumber's per-page caches are flushed as we go).

    A file pdfminer cannot open (junk before the header, a wrong startxref, a garbled xref table) is rewritten
    by PDFium, which repairs what it can, and read again.  A page that fails to read is kept as an empty page
    and reported in ``problems`` ((code, message, page) tuples, the issue's warnings); the other pages are
    kept.  Only a file none of whose pages can be read fails as a whole.  ``on_page(done, total)`` is told
    each page as it is read.
    """
    import tempfile
    cfg = cfg or IngestConfig()
    problems = problems if problems is not None else []
    if cfg.backend == "pdfium":
        from . import pdfium
        yield from pdfium.read_pages(path, cfg, problems, on_page)
        return
    check_file(path, cfg)
    name = display_name(path.name)
    with tempfile.TemporaryDirectory(prefix="bulletin-repair-") as scratch:
        source = path
        try:
            pdf, n = _open(path, cfg, name)
        except InputError as first:
            if first.code in ("encrypted", "memory", "too-many-pages", "no-pages"):
                raise
            repaired = _repair(path, Path(scratch) / "repaired.pdf", cfg)
            if repaired is None:
                raise
            try:
                pdf, n = _open(repaired, cfg, name)
            except InputError:
                raise first from None
            source = repaired
            problems.append(("repaired", f"{name} was damaged ({first.message}); read from a copy PDFium repaired",
                             None))
        yield from _pages(pdf, n, path, name, problems, on_page, lambda: _open(source, cfg, name, count=False)[0])


def _open(path: Path, cfg: IngestConfig, name: str, count: bool = True):
    """(the open file, its page count; None when not ``count``ed)."""
    import pdfplumber  # lazy: keeps `bulletin --help` fast
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError
    try:
        pdf = pdfplumber.open(str(path), password=cfg.password or "")
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise InputError("encrypted", f"{name} is encrypted and needs a password") from e
    except RecursionError as e:
        raise InputError("unreadable", f"{name}: its structure is nested too deeply") from e
    except Exception as e:  # pdfminer raises many types on broken files; report one line
        raise InputError(*_classify(e, path)) from e
    if not count:
        return pdf, None
    try:
        n = sum(1 for _ in _page_list(pdf, start=sys.maxsize))
        _forget(pdf)
        if n == 0:
            raise InputError("no-pages", f"{name} has no pages")
        if n > cfg.max_pages:
            raise InputError("too-many-pages", f"{name} has {n} pages, over the limit of {cfg.max_pages}")
    except InputError:
        _close(pdf)
        raise
    except RecursionError as e:
        _close(pdf)
        raise InputError("unreadable", f"{name}: its page tree is nested too deeply") from e
    except Exception as e:
        _close(pdf)
        raise InputError(*_classify(e, path)) from e
    return pdf, n


# the file is closed and opened again after this many pages: pdfminer keeps every object it has parsed (content
# streams, fonts) until the document is let go of
REOPEN_PAGES = 200


def _page_list(pdf, start: int = 1) -> Iterator:
    """pdfminer's pages of the file from page ``start`` on (None for each page before it), one at a time, as
    pdfplumber's ``pages`` finds them, its errors wrapped as it wraps them.  That list holds a Page, with what
    pdfminer parsed for it, of every page at once (25 KB a page); and a page passed over here is never made, so
    its content streams are not read (pdfminer's ``create_pages`` walks the page tree and makes each page as its
    class: the class given it makes nothing before ``start``)."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.pdf import PdfminerException
    seen = [0]

    class Pages:
        INHERITABLE_ATTRS = PDFPage.INHERITABLE_ATTRS

        def __new__(cls, doc, objid, attrs, label):
            seen[0] += 1
            return PDFPage(doc, objid, attrs, label) if seen[0] >= start else None

    gen = PDFPage.create_pages.__func__(Pages, pdf.doc)
    while True:
        try:
            yield next(gen)
        except StopIteration:
            return
        except Exception as e:
            raise PdfminerException(e)


def _lazy_pages(pdf, start: int = 1) -> Iterator:
    """pdfplumber's pages from page ``start`` on, each made as it is asked for."""
    from pdfplumber.page import Page
    for i, obj in enumerate(_page_list(pdf, start), start=1):
        if i == start > 1:
            _forget(pdf)        # the page tree walked to get here
        if i >= start:
            yield Page(pdf, obj, page_number=i)


def _forget(pdf) -> None:
    """Empty pdfminer's cache of the objects it has parsed (the page tree walked to count or to reach a page
    would otherwise stay: a dict or two a page)."""
    for name in ("_cached_objs", "_parsed_objs"):
        cache = getattr(pdf.doc, name, None)
        if isinstance(cache, dict):
            cache.clear()


def _close(pdf) -> None:
    """Close the file.  pdfplumber's own close makes every page first (to close each), which pages made one at a
    time (:func:`_lazy_pages`) never need: their caches go as each page is closed."""
    try:     # closing a broken file can raise again; the first error is the one that counts
        if hasattr(pdf, "_pages"):
            pdf.close()
        else:
            pdf.flush_cache()
            if not pdf.stream_is_external:
                pdf.stream.close()
    except Exception as e:
        _log.debug("closing the PDF failed: %s", e)


def _repair(path: Path, dest: Path, cfg: IngestConfig) -> Optional[Path]:
    """A copy of ``path`` rewritten by PDFium (fresh xref, only the objects it could read), or None."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        doc = pdfium.PdfDocument(str(path), password=cfg.password)
        try:
            if not 0 < len(doc) <= cfg.max_pages:
                return None
            doc.save(str(dest))
        finally:
            doc.close()
    except Exception as e:      # PDFium refuses it too: the original error stands
        _log.debug("PDFium could not repair %s: %s", display_name(path.name), e)
        return None
    return dest


def _pages(pdf, n: int, path: Path, name: str, problems: list,
           on_page: Optional[Callable[[int, int], None]] = None,
           reopen: Optional[Callable[[], object]] = None) -> Iterator[RawPage]:
    """Every REOPEN_PAGES pages the file is closed and ``reopen()`` opens it again: pdfminer keeps each object
    it has parsed (content streams, fonts) until the document is let go of."""
    reads = PageReads(path, problems, _classify, on_page)
    try:
        pages = _lazy_pages(pdf)
        for i in range(1, n + 1):
            try:
                if reopen is not None and i > 1 and (i - 1) % REOPEN_PAGES == 0:
                    _close(pdf)
                    pdf = reopen()
                    pages = _lazy_pages(pdf, i)
                page = next(pages)
            except StopIteration:
                break
            except Exception as e:
                raise InputError(*_classify(e, path, i)) from e
            try:
                raw = reads.read(i, n, lambda: (float(page.width), float(page.height)),
                                 lambda: _page_objects(page))
            finally:
                try:
                    page.close()
                except Exception as e:
                    _log.debug("closing page %d failed: %s", i, e)
            yield raw
        reads.finish()
    finally:
        _close(pdf)


class PageReads:
    """Per-page isolation, as both readers do it: a page that fails to read is kept as an empty page and
    reported in ``problems`` (the rest of the issue stays); running out of memory ends the file; only a file
    none of whose pages could be read fails as a whole (:meth:`finish`)."""

    def __init__(self, path: Path, problems: list, classify: Callable, on_page: Optional[Callable[[int, int], None]]):
        self.path, self.name, self.problems, self.classify = path, display_name(path.name), problems, classify
        self.on_page = on_page
        self.first_error: Optional[InputError] = None
        self.good = 0

    def read(self, i: int, n: int, size: Callable[[], tuple[float, float]], objects: Callable[[], tuple]) -> RawPage:
        """Page ``i`` of ``n``: ``size()`` its (width, height) as displayed, ``objects()`` its (chars, garbled
        share, horizontal rules, vertical rules, ruled-table cells, :class:`~.orient.Turn`)."""
        w = h_ = 0.0
        quarters = 0
        try:
            w, h_ = size()
            chars, garbled, h, v, tables, turn = objects()
            if turn.quarters:
                w, h_, quarters = turn.width, turn.height, turn.quarters
            for code, message in turn_warnings(turn):
                self.problems.append((code, f"page {i}: {message}", i))
        except Exception as e:    # one page: a warning, the rest of the issue stays
            err = (InputError("unreadable", f"{self.name}: page {i} nests its content too deeply")
                   if isinstance(e, RecursionError) else InputError(*self.classify(e, self.path, i)))
            if isinstance(e, MemoryError) or isinstance(_unwrap(e), MemoryError):
                raise err from e
            self.first_error = self.first_error or err
            self.problems.append(("page-unreadable", f"page {i} could not be read: {err.message}"[:300], i))
            chars, garbled, h, v, tables = [], 0.0, [], [], []
        else:
            self.good += 1
        if self.on_page is not None:
            self.on_page(i, n)
        return RawPage(i, w or 595.0, h_ or 842.0, chars, h, v, garbled, table_cells=tables, turned=quarters)

    def finish(self) -> None:
        if self.good == 0 and self.first_error is not None:
            raise self.first_error


def _unwrap(e: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception in PdfminerException(original)."""
    for _ in range(5):
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e.__cause__
        if inner is None or inner is e:
            break
        e = inner
    return e


def _classify(e: Exception, path: Path, page: int | None = None) -> tuple[str, str]:
    e = _unwrap(e)
    name = display_name(path.name)
    msg = safe_text((f"{type(e).__name__}: {e}".splitlines() or [type(e).__name__])[0][:200])
    where = f" (page {page})" if page else ""
    low = msg.lower()
    if isinstance(e, MemoryError) or "allocate" in low:
        return "memory", f"{name} needs more memory than allowed{where} (a decompression bomb?)"
    if not str(e).strip():
        msg = type(e).__name__
    if "password" in low or "encrypt" in low or "crypt" in low:
        return "encrypted", f"{name} is encrypted or its encryption is unsupported{where}"
    if "xref" in low or "trailer" in low or "startxref" in low:
        return "broken-xref", f"{name} has a broken cross-reference table{where}: {msg}"
    if "eof" in low or "truncat" in low or "unexpected end" in low:
        return "truncated", f"{name} looks truncated{where}: {msg}"
    if "no /root" in low or "root object" in low or "catalog" in low:
        return "broken-pdf", f"{name} has no document catalog{where}"
    return "unreadable", f"{name} could not be read{where}: {msg}"


def file_size(path: Path) -> int:
    return os.path.getsize(path)
