"""Columns and reading order of one page, from the x-distribution of its chars.

A page is one column, or two columns under/between full-width blocks (masthead, 发文字号, centred
titles).  Reading order: full-width rows and horizontal separators cut the page into vertical bands;
inside a band the left column is read before the right one.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass
from typing import Optional

from ..model import Char, Line
from .lines import DEFAULT_LINES, LineConfig, build_lines, cluster_rows, median_pitch


@dataclass(frozen=True)
class ColumnsConfig:
    gutter_min_chars: int = 60      # a page with fewer ink chars is not searched for a gutter
    gutter_min_width: float = 20.0  # ... nor one whose text block is narrower than this (body sizes)
    coverage_pad: int = 1           # pt each char's box is widened by in the x coverage (no dips between glyphs)
    gutter_from: float = 0.3        # the gutter is searched between these shares of the text block's width
    gutter_to: float = 0.7          # ... (the middle of the block: a gutter never hugs an edge)
    lane_slack: int = 2             # coverage (chars) above the profile's minimum that still counts as the white lane
    lane_share: float = 0.2         # ... or up to this share of the median coverage there
    gutter_min_em: float = 0.4      # a gutter is at least this wide (body sizes)
    side_tol: float = 1.0           # pt a char may reach over a gutter edge and still stand in its column
    min_column_rows: int = 4        # each column of a two-column page has at least this many rows
    max_crossing: float = 0.5       # rows crossing the gutter: at most this share of the shorter column's rows
    min_column_overlap: float = 3.0  # the two columns share at least this height (body sizes)
    bridge_gap: float = 1.2         # a row whose two sides stand closer (body sizes) runs straight across the lane
    bridge_rows: int = 2            # a lane is bridged when at least this many rows ...
    bridge_share: float = 0.6       # ... and this share of the rows with text on both sides run across it
    full_row_reach: float = 0.3     # a column char this close (row sizes) above/below a full-width row belongs to it
    gap_pitch: float = 2.2          # a white band taller than this (line pitches) ...
    gap_body: float = 2.5           # ... and than this (body sizes) separates the column blocks above and below
    short_fill_reach: float = 1.0   # a row of a full column ends this close (body sizes) to the gutter ...
    short_fill_indent: float = 2.5  # ... and starts this close to the text block's left edge (a 2-char indent)
    short_fill_share: float = 0.6   # ... in at least this share of the full column's rows (justified prose)
    short_top_tol: float = 1.0      # the short column starts this close (body sizes) to the full one's top
    heading_size: float = 1.2       # a row across the gutter set this much larger than the body is a heading ...
    heading_centre: float = 1.0     # ... as is a row centred this close (body sizes) on the text block's middle
    heading_width: float = 0.7      # ... that spans at most this share of the block (发文字号, a subtitle)
    toc_right_share: float = 0.6    # a right side whose rows end in a page number this often ...
    toc_left_share: float = 0.2     # ... beside a left side whose rows end so at most this often is a 目录's numbers
    toc_ref_gap: float = 1.0        # a number this far (its sizes) from the text before it stands apart (a page ref)


DEFAULT_COLUMNS = ColumnsConfig()
# a row that ends in a 目录 page reference: a number of 1-4 digits alone, or set apart (a gap, written as a
# space) or after what is left of a leader (…… ··· -- read as a few glyphs) — "通知（国发〔2019〕4号） 3", "……17"
ENDS_IN_PAGE_REF = re.compile(r"(?:^|[\s.·…\-—_])\d{1,4}\s*$")


@dataclass
class Gutter:
    x0: float
    x1: float


def find_gutter(chars: list[Char], body_size: float, cfg: ColumnsConfig | None = None,
                line_cfg: LineConfig | None = None) -> Optional[Gutter]:
    cfg = cfg or DEFAULT_COLUMNS
    line_cfg = line_cfg or DEFAULT_LINES
    ink = [c for c in chars if not c.text.isspace()]
    if len(ink) < cfg.gutter_min_chars:
        return None
    left = min(c.x0 for c in ink)
    right = max(c.x1 for c in ink)
    width = right - left
    if width < cfg.gutter_min_width * body_size:
        return None
    base = int(left)
    pad = cfg.coverage_pad
    n = int(right) - base + 1 + pad
    steps = [0] * (n + 1)       # coverage changes: +1 where a char's span starts, -1 after it ends
    for c in ink:   # each char covers its box widened by the pad, so glyph boundaries leave no dips
        a, b = int(c.x0) - base - pad, int(c.x1) - base + 1 + pad
        if a < 0:
            a = 0
        if b > n:
            b = n
        if a < b:
            steps[a] += 1
            steps[b] -= 1
    cov = list(accumulate(steps[:n]))
    lo, hi = int(cfg.gutter_from * width), int(cfg.gutter_to * width)
    mid = cov[lo:hi]
    if not mid:
        return None
    floor = min(mid)
    thr = max(floor + cfg.lane_slack, cfg.lane_share * sorted(mid)[len(mid) // 2])
    # widest run of bins at (or near) the minimum coverage
    best = (0, 0)
    start = None
    for i, v in enumerate(mid + [10 ** 9]):
        if v <= thr:
            if start is None:
                start = i
        elif start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best[1] - best[0] < cfg.gutter_min_em * body_size:
        return None
    # the slack finds the lane; its edges are where the lane is white: a short column's few flush-left rows
    # (the rest of its lines indented paragraph starts) stand inside the slack and must not be cut across
    white = [i for i in range(best[0], best[1]) if mid[i] == 0]     # (rows across the page leave no white)
    if white and white[-1] + 1 - white[0] >= cfg.gutter_min_em * body_size \
            and all(mid[i] == 0 for i in range(white[0], white[-1] + 1)):
        best = (white[0], white[-1] + 1)
    g = Gutter(base + lo + best[0], base + lo + best[1])
    # validate: two real columns side by side, few rows crossing the gutter
    L, R, C = _sides(ink, g, cfg)
    tol = line_cfg.row_tol
    nl, nr, nc = len(cluster_rows(L, tol)), len(cluster_rows(R, tol)), _text_crossings(ink, L, R, C, body_size, cfg, tol)
    if min(nl, nr) < cfg.min_column_rows or nc > cfg.max_crossing * min(nl, nr) \
            or _bridged(L, R, C, body_size, cfg, line_cfg):
        # a short right column: its few lines are no more ink than the full-width rows, so the widest white
        # lane can lie inside them; the gutter starts where the full left column ends (the first low bin)
        first = base + lo + next(i for i, v in enumerate(mid) if v <= thr)
        ends = [c.x1 for c in ink if c.x1 <= first + cfg.side_tol]
        if not ends:
            return None
        g = Gutter(max(ends), max(ends) + cfg.gutter_min_em * body_size)
        return g if short_column(ink, g, body_size, cfg, line_cfg) else None
    ly = (min(c.top for c in L), max(c.bottom for c in L))
    ry = (min(c.top for c in R), max(c.bottom for c in R))
    if min(ly[1], ry[1]) - max(ly[0], ry[0]) < cfg.min_column_overlap * body_size:
        return None
    return None if toc_numbers(L, R, C, cfg, line_cfg) else g


def _row_text(row: list[Char], gap: float) -> str:
    """A row's text, a space where its chars stand more than ``gap`` (their sizes) apart."""
    row = sorted(row, key=lambda c: c.x0)
    return "".join((" " if k and c.x0 - row[k - 1].x1 > gap * c.size else "") + c.text
                   for k, c in enumerate(row)).strip()


def toc_numbers(L: list[Char], R: list[Char], C: list[Char] = (), cfg: ColumnsConfig | None = None,
                line_cfg: LineConfig | None = None) -> bool:
    """Is the right side of a gutter a 目录's page numbers (with the ends of its titles) rather than a column?
    A 目录 whose titles wrap well short of the right edge and whose dot leaders are not there (never printed,
    or not read by OCR) leaves a white lane down the page: its rows end in a page number on the right side and
    not on the left one.  In a 目录 set in two columns both sides' entries end in page numbers; prose columns
    rarely end a row in a number.  Rows across the gutter (``C``) are read across anyway and are not counted."""
    cfg = cfg or DEFAULT_COLUMNS
    tol = (line_cfg or DEFAULT_LINES).row_tol
    side = {id(c): 0 for c in L}
    side.update({id(c): 1 for c in R})
    side.update({id(c): 2 for c in C})
    left, right = [], []
    for row in cluster_rows(list(L) + list(R) + list(C), tol):
        if any(side[id(c)] == 2 for c in row):
            continue
        for k, out in ((0, left), (1, right)):
            text = _row_text([c for c in row if side[id(c)] == k], cfg.toc_ref_gap)
            if text:
                out.append(bool(ENDS_IN_PAGE_REF.search(text)))
    if not right or not left:
        return False
    return sum(right) >= cfg.toc_right_share * len(right) and sum(left) <= cfg.toc_left_share * len(left)


def _text_crossings(ink: list[Char], L: list[Char], R: list[Char], C: list[Char], body_size: float,
                    cfg: ColumnsConfig, tol: float) -> int:
    """Rows of text that cross the gutter.  Headings across the page (a masthead or title set larger than the
    body, a centred 发文字号 or subtitle) right above or below a row of text in both columns separate the
    column blocks: a page where one document ends and the next begins has several, and they say nothing
    against two columns.  Rows of body text running across the lane do, and so do headings with no two-column
    row beside them (a cover's, or a 目录's over its entries: a letter-spaced 目 录 is a heading, not columns)."""
    if not C:
        return 0
    side = {id(c): 0 for c in L}
    side.update({id(c): 1 for c in R})
    side.update({id(c): 2 for c in C})
    left, right = min(c.x0 for c in ink), max(c.x1 for c in ink)
    mid, width = (left + right) / 2, right - left
    rows = []           # (crosses, heading, two-sided) of each row, top down
    for row in sorted(cluster_rows(ink, tol), key=lambda r: min(c.top for c in r)):
        sides = {side[id(c)] for c in row}
        sizes = sorted(c.size for c in row)
        x0, x1 = min(c.x0 for c in row), max(c.x1 for c in row)
        heading = sizes[len(sizes) // 2] >= cfg.heading_size * body_size or (
            abs((x0 + x1) / 2 - mid) <= cfg.heading_centre * body_size and x1 - x0 <= cfg.heading_width * width)
        rows.append((2 in sides, heading, sides == {0, 1} and not heading))     # a column row: text on both sides
    n, k = 0, 0
    while k < len(rows):
        if not rows[k][0]:
            k += 1
            continue
        end = k
        while end < len(rows) and rows[end][0]:
            end += 1
        beside = (k > 0 and rows[k - 1][2]) or (end < len(rows) and rows[end][2])
        if not (beside and all(h for _, h, _ in rows[k:end])):
            n += end - k
        k = end
    return n


def _sides(ink: list[Char], g: Gutter, cfg: ColumnsConfig) -> tuple[list[Char], list[Char], list[Char]]:
    """The chars left of the gutter, right of it, and across it."""
    L = [c for c in ink if c.x1 <= g.x0 + cfg.side_tol]
    R = [c for c in ink if c.x0 >= g.x1 - cfg.side_tol]
    C = [c for c in ink if c.x1 > g.x0 + cfg.side_tol and c.x0 < g.x1 - cfg.side_tol]
    return L, R, C


def _bridged(L: list[Char], R: list[Char], C: list[Char], body_size: float, cfg: ColumnsConfig,
             line_cfg: LineConfig) -> bool:
    """Do the rows with text on both sides mostly run straight across (through the lane, or over a gap of
    about a char)?  OCR word boxes can leave a narrow white lane at the same x down a one-column page."""
    side = {id(c): 0 for c in L}
    side.update({id(c): 1 for c in R})
    side.update({id(c): 2 for c in C})
    both = bridged = 0
    for row in cluster_rows(L + R + C, line_cfg.row_tol):
        left = [c.x1 for c in row if side[id(c)] == 0]
        right = [c.x0 for c in row if side[id(c)] == 1]
        if left and right:
            both += 1
            bridged += any(side[id(c)] == 2 for c in row) or min(right) - max(left) < cfg.bridge_gap * body_size
    # full-width headings over two columns stay well below
    return bridged >= max(cfg.bridge_rows, cfg.bridge_share * both)


def fits_gutter(chars: list[Char], g: Gutter, body_size: float, cfg: ColumnsConfig | None = None,
                line_cfg: LineConfig | None = None) -> bool:
    """Does a gutter found on other pages of the issue hold on this (short) page?"""
    cfg = cfg or DEFAULT_COLUMNS
    tol = (line_cfg or DEFAULT_LINES).row_tol
    ink = [c for c in chars if not c.text.isspace()]
    L, R, C = _sides(ink, g, cfg)
    if not L or not R:
        return False
    nl, nr, nc = len(cluster_rows(L, tol)), len(cluster_rows(R, tol)), _text_crossings(ink, L, R, C, body_size, cfg, tol)
    return nc <= cfg.max_crossing * min(nl, nr) and not toc_numbers(L, R, C, cfg, line_cfg)


def short_column(chars: list[Char], g: Gutter, body_size: float, cfg: ColumnsConfig | None = None,
                 line_cfg: LineConfig | None = None) -> bool:
    """Is this the page where a document ends in two columns: a full left column and a right column of a few
    lines (its last words, 署名 and date)?  Too few rows for a gutter of their own, but what the rows say is
    plain: no row crosses the gutter from the top of the two columns to their bottom (full-width rows, a
    masthead or title, stand only above or below them); the left column is prose that fills its measure (most
    of its rows run from the text block's left edge to the gutter); the right column is the shorter one and
    starts at the left column's top; rows with text on both sides leave the gutter white.  A right-aligned 署名
    in a one-column page stands below the text, not beside it; names of a joint 署名 set two a row do not fill
    the measure; a centred title or a 目录 page has rows across the gutter between its lines."""
    cfg = cfg or DEFAULT_COLUMNS
    line_cfg = line_cfg or DEFAULT_LINES
    ink = [c for c in chars if not c.text.isspace()]
    L, R, C = _sides(ink, g, cfg)
    if not L or not R or toc_numbers(L, R, C, cfg, line_cfg):
        return False
    side = {id(c): 0 for c in L}
    side.update({id(c): 1 for c in R})
    side.update({id(c): 2 for c in C})
    rows = []           # (crossing, left chars, right chars) of each row, top down
    for row in sorted(cluster_rows(ink, line_cfg.row_tol), key=lambda r: min(c.top for c in r)):
        rows.append((any(side[id(c)] == 2 for c in row), [c for c in row if side[id(c)] == 0],
                     [c for c in row if side[id(c)] == 1]))
    cols = [k for k, r in enumerate(rows) if not r[0]]
    if not cols or any(rows[k][0] for k in range(cols[0], cols[-1] + 1)):
        return False        # a row across the gutter between column rows: one column
    block = [rows[k] for k in cols]
    left = [l for _, l, _ in block if l]
    right = [r for _, _, r in block if r]
    if len(left) < cfg.min_column_rows or not right or len(right) >= len(left):
        return False
    edge = min(c.x0 for c in ink)
    filled = sum(g.x0 - max(c.x1 for c in l) <= cfg.short_fill_reach * body_size
                 and min(c.x0 for c in l) - edge <= cfg.short_fill_indent * body_size for l in left)
    if filled < cfg.short_fill_share * len(left):
        return False
    if abs(min(c.top for c in right[0]) - min(c.top for c in left[0])) > cfg.short_top_tol * body_size:
        return False
    return all(min(c.x0 for c in r) - max(c.x1 for c in l) >= cfg.bridge_gap * body_size
               for _, l, r in block if l and r)


_UNSET = object()


def order_page(chars: list[Char], page: int, body_size: float, hrules: list, page_height: float,
               fallback: Optional[Gutter] = None, gutter=_UNSET, cfg: ColumnsConfig | None = None,
               line_cfg: LineConfig | None = None) -> tuple[list[Line], int]:
    """Lines of one page in reading order, each with zone and band set.  Returns (lines, columns).

    ``fallback`` is the gutter most pages of the issue have: a page with too little text to show its own
    gutter (the last lines of a document) still reads column by column when that gutter holds."""
    cfg = cfg or DEFAULT_COLUMNS
    line_cfg = line_cfg or DEFAULT_LINES
    g = find_gutter(chars, body_size, cfg, line_cfg) if gutter is _UNSET else gutter
    if g is None and fallback is not None and (fits_gutter(chars, fallback, body_size, cfg, line_cfg)
                                               or short_column(chars, fallback, body_size, cfg, line_cfg)):
        g = fallback
    if g is None:
        lines = build_lines(chars, page, "full", body_size, line_cfg)
        seps = _gap_separators(lines, [], body_size, cfg, line_cfg)
        seps += [y for (x0, x1, y) in hrules]
        seps.sort()
        for l in lines:
            l.band = bisect.bisect_left(seps, (l.top + l.bottom) / 2)
        _renumber(lines)
        return lines, 1
    mid = (g.x0 + g.x1) / 2
    L, R, C = [], [], []
    for c in chars:
        if c.x1 <= g.x0 + cfg.side_tol or (c.text.isspace() and c.x0 + c.x1 < 2 * mid):
            L.append(c)
        elif c.x0 >= g.x1 - cfg.side_tol or c.text.isspace():
            R.append(c)
        else:
            C.append(c)
    full = build_lines(C, page, "full", body_size, line_cfg) if C else []
    # column chars sitting on a full-width row belong to it (a title that crosses the gutter)
    if full:
        bands = [(l.top, l.bottom, l.size) for l in full]

        reach = [(t - cfg.full_row_reach * s, b + cfg.full_row_reach * s) for t, b, s in bands]

        def on_full(c: Char) -> int:
            cy = (c.top + c.bottom) / 2
            for i, (lo, hi) in enumerate(reach):
                if lo <= cy <= hi:
                    return i
            return -1
        keepL, keepR = [], []
        extra: dict[int, list[Char]] = {}
        for src, keep in ((L, keepL), (R, keepR)):
            for c in src:
                i = on_full(c)
                if i >= 0:
                    extra.setdefault(i, []).append(c)
                else:
                    keep.append(c)
        if extra:
            rebuilt = []
            for i, l in enumerate(full):
                rebuilt.extend(build_lines(l.chars + extra.get(i, []), page, "full", body_size, line_cfg))
            full = rebuilt
        L, R = keepL, keepR
    left = build_lines(L, page, "L", body_size, line_cfg)
    right = build_lines(R, page, "R", body_size, line_cfg)
    seps = [(l.top + l.bottom) / 2 for l in full]
    seps += [y for (x0, x1, y) in hrules if x0 < g.x0 and x1 > g.x1]
    seps += _gap_separators(left + right, full, body_size, cfg, line_cfg)
    seps.sort()

    def key(l: Line):
        cy = (l.top + l.bottom) / 2
        if l.zone == "full":
            return (cy, 0, 0.0)
        i = bisect.bisect_left(seps, cy)
        start = seps[i - 1] if i > 0 else float("-inf")
        return (start, 1 if l.zone == "L" else 2, l.top)
    lines = sorted(full + left + right, key=key)
    prev = None
    band = 0
    for l in lines:
        k = key(l)
        if prev is not None and (k[0] != prev[0] or l.zone == "full"):
            band += 1
        l.band = band
        prev = k
    return lines, 2


def _gap_separators(col_lines: list[Line], full: list[Line], body_size: float, cfg: ColumnsConfig,
                    line_cfg: LineConfig) -> list[float]:
    """Horizontal white bands (no text across the whole width) much taller than a line pitch."""
    if len(col_lines) < 2:
        return []
    pitch = median_pitch(sorted(col_lines, key=lambda l: l.top), line_cfg)
    spans = sorted((l.top, l.bottom) for l in col_lines + full)
    out = []
    end = spans[0][1]
    for t, b in spans[1:]:
        if t - end > max(cfg.gap_pitch * pitch, cfg.gap_body * body_size):
            out.append((t + end) / 2)
        end = max(end, b)
    return out


def _renumber(lines: list[Line]) -> None:
    mapping: dict[int, int] = {}
    for l in lines:
        l.band = mapping.setdefault(l.band, len(mapping))
