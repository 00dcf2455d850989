"""Tables: cells, rows and header of each table of a page; a table broken across pages joined again.

Two kinds of tables are read:

* ruled tables: ingest hands the cell boxes pdfplumber's table finder found in the drawn rules
  (``RawPage.table_cells``); here they become a grid (row and column spans from the grid lines a cell
  covers) and every char inside the table goes to the cell under its centre;
* unruled tables: a run of lines in which every line is cut into the same columns by white lanes that run
  straight down the run (aligned column gaps).

The chars of a table leave the paragraph flow; one placeholder line (``Line.table``) holds the table's place
in reading order, and becomes one paragraph of kind ``table``.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace
from typing import Optional

from ..model import Char, Line, PageLayout, RawPage, Table, TableCell, TableRow
from .lines import DEFAULT_LINES, LineConfig, body_metrics, build_lines
from .text import clean_text, join_text

_log = logging.getLogger(__name__)


@dataclass
class TableConfig:
    grid_snap: float = 2.0          # cell edges this close (pt) are one grid line
    min_rows: int = 2               # a ruled grid with fewer rows or columns is a box or a rule, not a table
    min_cols: int = 2               # ... columns
    unruled_min_rows: int = 4       # an unruled table needs this many aligned lines ...
    unruled_min_cols: int = 3       # ... each cut into this many columns by the same white lanes
    lane_em: float = 1.5            # a white lane between columns is at least this many body sizes wide
    unruled_min_filled: float = 0.6  # share of the cells of an unruled table that hold text
    unruled_row_gap_em: float = 2.5  # a blank this tall (body sizes) between two lines ends an unruled table
    join_edge_tol: float = 4.0      # column edges of two page pieces of one table agree within this (pt)
    join_edge_share: float = 0.8    # ... for at least this share of the edges (a merged cell hides a few)
    scan_rule_rows: int = 4         # an OCR page with this many rules of one width shows a table image
    max_header_rows: int = 4        # a header deeper than this is not found by the parent-over-children rule
    header_cell_chars: int = 12     # a child header cell is a short label, not a sentence
    prose_min_chars: int = 60       # chars outside tables needed to measure the prose's body size on them
    wrap_lines: int = 3             # an unruled table's cell wraps onto at most this many lines of its own ...
    wrap_share: float = 1.0         # ... and its wrapped lines are at most this many per row on the whole
    label_gap_em: float = 0.5       # header labels on one line stand this far apart (their line's size) at least
    piece_tol: float = 1.0          # pt a row may start outside its page piece's box and still be of that piece


# a cell that is a figure: digits with separators, a sign, a percent (a header is not numeric)
_NUMERIC = re.compile(r"^[\s\-+−－]*[\d.,，．%％]+[\s%％]*$")


# a mark that ends or cuts a sentence: a piece holding one is prose (the end of a paragraph), not a label
_SENTENCE_MARK = re.compile(r"[。；;！？!?，,：:]")


def _cluster(vals: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(vals):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float, tol: float) -> int:
    i = bisect.bisect_left(edges, v - tol)
    return min(i, len(edges) - 1)


def _cell_text(chars: list[Char], page: int, body: float, line_cfg: LineConfig) -> str:
    """The cell's lines joined.  Its lines are built at the cell's own print size: a table is often set smaller
    than the prose, and measured against the prose's size every char of it would pass for a sub/superscript
    (a space char, never small, would then anchor a row and pull the chars beside it out of their line)."""
    ink = sorted(c.size for c in chars if not c.text.isspace())
    if ink:
        body = ink[len(ink) // 2]
    text = ""
    for l in build_lines(chars, page, "full", body, line_cfg):
        text = join_text(text, l.text)
    return clean_text(text)


def _grid_table(boxes: list[tuple[float, float, float, float]], chars: list[Char], page: int, body: float,
                cfg: TableConfig, ruled: bool, line_cfg: LineConfig = DEFAULT_LINES
                ) -> Optional[tuple[Table, set[int]]]:
    """A Table from cell boxes, with the ids of the chars it takes.  None when the boxes make no grid."""
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], cfg.grid_snap)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], cfg.grid_snap)
    ncol, nrow = len(xs) - 1, len(ys) - 1
    if ncol < cfg.min_cols or nrow < cfg.min_rows:
        return None
    owner: dict[tuple[int, int], int] = {}
    cells: list[list] = []     # [row, col, rowspan, colspan, box, chars]
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = _index(xs, b[0], cfg.grid_snap), _index(xs, b[2], cfg.grid_snap)
        r0, r1 = _index(ys, b[1], cfg.grid_snap), _index(ys, b[3], cfg.grid_snap)
        if c1 <= c0 or r1 <= r0 or (r0, c0) in owner:
            continue
        k = len(cells)
        cells.append([r0, c0, r1 - r0, c1 - c0, b, []])
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), k)
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    taken: set[int] = set()
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, ch.cy
        if not (x_lo <= cx <= x_hi and y_lo <= cy <= y_hi):
            continue
        taken.add(id(ch))
        c = bisect.bisect_right(xs, cx) - 1
        r = bisect.bisect_right(ys, cy) - 1
        k = owner.get((min(r, nrow - 1), min(c, ncol - 1)))
        if k is not None:
            cells[k][5].append(ch)
    rows = [TableRow(page=page, bbox=[round(x_lo, 2), round(ys[r], 2), round(x_hi, 2), round(ys[r + 1], 2)])
            for r in range(nrow)]
    for r0, c0, rs, cs, b, cc in sorted(cells, key=lambda c: (c[0], c[1])):
        rows[r0].cells.append(TableCell(text=_cell_text(cc, page, body, line_cfg), row=r0, col=c0, rowspan=rs,
                                        colspan=cs, page=page, bbox=[round(v, 2) for v in b]))
    rows = [r for r in rows if r.cells]
    if sum(1 for r in rows if any(c.text for c in r.cells)) < cfg.min_rows:
        return None        # a grid with no text in it: a chart's grid lines, a form's empty boxes
    bbox = [round(x_lo, 2), round(y_lo, 2), round(x_hi, 2), round(y_hi, 2)]
    t = Table(id="", page=page, bbox=bbox, ruled=ruled, columns=ncol, rows=rows)
    _renumber(t)
    t.header_rows = _header_rows(t, cfg)
    for r in t.rows[:t.header_rows]:
        r.header = True
    return t, taken


def _renumber(t: Table) -> None:
    for i, r in enumerate(t.rows):
        for c in r.cells:
            c.row = i


def _header_rows(t: Table, cfg: TableConfig) -> int:
    """Header rows: the first row when none of its cells is a figure and the rows under it hold figures or
    differ from it; a header cell spanning several rows, or a parent over merged child columns, takes the
    rows it covers."""
    if len(t.rows) < 2:
        return 0
    first = t.rows[0]
    texts = [c.text for c in first.cells]
    if not any(texts) or any(_NUMERIC.match(x) for x in texts if x):
        return 0
    n = max(c.rowspan for c in first.cells)
    # a parent header cell over merged columns: the next row names the children
    while n < min(len(t.rows) - 1, cfg.max_header_rows) and any(c.colspan > 1 for r in t.rows[:n] for c in r.cells) \
            and all(c.text and not _NUMERIC.match(c.text) and len(c.text) <= cfg.header_cell_chars
                    for c in t.rows[n].cells):
        n += 1
    return min(n, len(t.rows) - 1)


# --------------------------------------------------------------------------- unruled tables
def _lanes(line: Line, lo: float, hi: float, min_w: float) -> list[tuple[float, float]]:
    """White x-intervals inside [lo, hi] that no char of the line covers and that are at least min_w wide."""
    ink = sorted((c.x0, c.x1) for c in line.chars if not c.text.isspace())
    out = []
    x = lo
    for a, b in ink:
        if a - x >= min_w:
            out.append((x, a))
        x = max(x, b)
    if hi - x >= min_w:
        out.append((x, hi))
    return out


def _common(a: list[tuple[float, float]], b: list[tuple[float, float]], min_w: float) -> list[tuple[float, float]]:
    out = []
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if hi - lo >= min_w:
                out.append((lo, hi))
    return out


def unruled(lines: list[Line], page: int, body: float, cfg: TableConfig,
            line_cfg: LineConfig = DEFAULT_LINES) -> list[tuple[Table, list[Line]]]:
    """Runs of consecutive lines of one zone that the same inner white lanes cut into the same columns."""
    found = []
    min_w = cfg.lane_em * body
    if not lines:
        return found
    # white lanes are measured across the whole width of the lines: a line that leaves its row's first or last
    # cells empty is white there, and a lane beside those cells stays open when a later line fills them
    left, right = min(l.x0 for l in lines) - min_w, max(l.x1 for l in lines) + min_w
    inner = lambda lanes, lo, hi: [g for g in lanes if g[0] > lo and g[1] < hi]
    i = floor = 0
    while i < len(lines):
        j = i
        lo = hi = None
        lanes: list[tuple[float, float]] = []
        run: list[Line] = []
        wrap = 0          # lines of one piece since the run's last line of several
        while j < len(lines) and lines[j].zone == lines[i].zone and lines[j].table is None:
            l = lines[j]
            nlo = l.x0 if lo is None else min(lo, l.x0)
            nhi = l.x1 if hi is None else max(hi, l.x1)
            own = _lanes(l, left, right, min_w)
            nxt = own if not run else _common(lanes, own, min_w)
            if run and l.top - run[-1].bottom > cfg.unruled_row_gap_em * body:
                break
            one_piece = not inner(own, l.x0, l.x1)
            if one_piece and run and wrap < cfg.wrap_lines and lo <= l.x0 and l.x1 <= hi \
                    and len(inner(nxt, lo, hi)) == len(inner(lanes, lo, hi)):
                # a cell's text wrapped onto a line of its own, inside one column: every lane stays open
                run.append(l)
                lanes, wrap = nxt, wrap + 1
                j += 1
                continue
            if len(inner(nxt, nlo, nhi)) + 1 < cfg.unruled_min_cols or one_piece:
                break       # too few columns left, or a line of one piece (a paragraph's last line)
            run.append(l)
            lanes, lo, hi, wrap = nxt, nlo, nhi, 0
            j += 1
        if wrap:            # a run ends on a line of several pieces: what follows its last row is text
            run, j = run[:-wrap], j - wrap
        if len(run) >= cfg.unruled_min_rows:
            cuts = [lo] + [(a + b) / 2 for a, b in inner(lanes, lo, hi)] + [hi]
            above = _label_lines(lines[floor:i], run[0], lo, hi, body, cfg)
            head = _stacked_header(above, run, cuts, page, body, cfg, line_cfg) if above else None
            if head is not None:
                rows, taken = head
                res = _row_table(run[taken:], cuts, page, body, cfg, line_cfg, head=rows)
                run = above + run
            else:
                res = _row_table(run, cuts, page, body, cfg, line_cfg)
            if res is not None:
                found.append((res, run))
                i = floor = j
                continue
        i += 1
    return found


def _groups(line: Line, gap: float) -> list[list[Char]]:
    """The line's ink cut where a white gap of at least ``gap`` separates two chars."""
    out: list[list[Char]] = []
    for c in sorted((c for c in line.chars if not c.text.isspace()), key=lambda c: c.x0):
        if out and c.x0 - out[-1][-1].x1 < gap:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _label_lines(before: list[Line], first: Line, lo: float, hi: float, body: float, cfg: TableConfig) -> list[Line]:
    """The lines right above an unruled table's run that read as header labels (a header set on several lines:
    a label wrapped in its cell, a parent label over its columns): short pieces apart, none a figure, inside
    the table's width.  A line of prose (one long piece) ends them."""
    out: list[Line] = []
    below = first
    for l in reversed(before):
        if len(out) == cfg.max_header_rows or l.zone != first.zone or l.table is not None \
                or l.top - below.bottom > cfg.unruled_row_gap_em * body or l.x0 < lo - body or l.x1 > hi + body:
            break
        texts = ["".join(c.text for c in g) for g in _groups(l, cfg.label_gap_em * l.size)]
        if any(len(x) > cfg.header_cell_chars or _NUMERIC.match(x) or _SENTENCE_MARK.search(x) for x in texts):
            break
        out.insert(0, l)
        below = l
    return out


def _stacked_header(above: list[Line], run: list[Line], cuts: list[float], page: int, body: float,
                    cfg: TableConfig, line_cfg: LineConfig) -> Optional[tuple[list[TableRow], int]]:
    """Header rows of an unruled table from the label lines above its run (and the run's first line when it
    ends the labels: no figure in it, a cell left empty, figures under it): a parent label over the columns
    whose own labels stand on the lines under it makes two header rows; the pieces of one column on several
    lines are one label.  With the number of lines taken from the run (0 or 1); None
    unless the labels name every column."""
    ncol = len(cuts) - 1
    col = lambda x: max(0, min(ncol - 1, bisect.bisect_right(cuts, x) - 1))
    first = [_cell_text([c for c in run[0].chars if col((c.x0 + c.x1) / 2) == k], page, body, line_cfg)
             for k in range(ncol)]
    second = " ".join(c.text for c in run[1].chars) if len(run) > 1 else ""
    take = int(not any(_NUMERIC.match(x) for x in first if x) and "" in first and any(ch.isdigit() for ch in second))
    block = above + run[:take]
    pieces = []     # (block line, first column, last column, chars, column of most chars) of each label piece
    for n, l in enumerate(block):
        for g in _groups(l, cfg.label_gap_em * l.size):
            cols = [col((c.x0 + c.x1) / 2) for c in g]
            pieces.append((n, min(cols), max(cols), g, max(set(cols), key=cols.count)))
    lines_of: dict[int, set[int]] = {}
    for n, a, b, g, _ in pieces:
        for k in range(a, b + 1):
            lines_of.setdefault(k, set()).add(n)
    below = lambda k, n: {m for m in lines_of.get(k, set()) if m > n}
    # a parent label stands over two or more columns whose own labels all stand on the same lower lines (its
    # children's row); it may be set flush left, its ink over fewer columns than it heads, so the columns to
    # its right whose labels stand only on those lines are its children too.  A piece whose ink crosses a cut
    # with no such children under it is one column's label (a label wider than its column's figures).
    parents: list[list] = []
    own: dict[int, list[Char]] = {}
    for n, a, b, g, major in pieces:
        kids = below(a, n)
        e = b
        while kids and e + 1 < ncol and lines_of.get(e + 1) == kids:
            e += 1
        if e > a and kids and all(lines_of.get(k, set()) - {n} == kids for k in range(a, e + 1)):
            parents.append([a, e, g])
        else:
            own.setdefault(major, []).extend(g)
    under = {k for a, b, _ in parents for k in range(a, b + 1)}
    if any(k not in own and k not in under for k in range(ncol)):
        return None
    top, bottom = min(l.top for l in block), max(l.bottom for l in block)

    def cell(chars: list[Char], r: int, c: int, rs: int = 1, cs: int = 1) -> TableCell:
        return TableCell(text=_cell_text(chars, page, body, line_cfg), row=r, col=c, rowspan=rs, colspan=cs,
                         page=page, bbox=[round(cuts[c], 2), round(top, 2), round(cuts[c + cs], 2), round(bottom, 2)])
    box = [round(cuts[0], 2), round(top, 2), round(cuts[-1], 2), round(bottom, 2)]
    if not parents:
        row = TableRow(header=True, page=page, bbox=box, cells=[cell(own.get(k, []), 0, k) for k in range(ncol)])
        return [row], take
    r0 = TableRow(header=True, page=page, bbox=box)
    r1 = TableRow(header=True, page=page, bbox=box)
    for k in range(ncol):
        p = next((p for p in parents if p[0] == k), None)
        if p is not None:
            r0.cells.append(cell(p[2], 0, k, 1, p[1] - p[0] + 1))
        elif k not in under:      # a label of no parent stands across both header rows
            r0.cells.append(cell(own.get(k, []), 0, k, 2, 1))
        if k in under:
            r1.cells.append(cell(own.get(k, []), 1, k))
    return [r0, r1], take


def _row_table(run: list[Line], cuts: list[float], page: int, body: float, cfg: TableConfig,
               line_cfg: LineConfig, head: Optional[list[TableRow]] = None) -> Optional[Table]:
    """A table of one row a line, cut at ``cuts``; ``head``: header rows already read (the run is its body)."""
    rows = []
    off = len(head) if head else 0
    ncol = len(cuts) - 1
    col = lambda ch: max(0, min(ncol - 1, bisect.bisect_right(cuts, (ch.x0 + ch.x1) / 2) - 1))
    # a line whose ink stands in one column is a cell's wrapped text: it goes to the row of the nearest line
    # of several cells (a cell set top, middle or bottom in its row puts its other lines below, around, above)
    full = [l for l in run if len({col(ch) for ch in l.chars if not ch.text.isspace()}) > 1]
    if len(run) - len(full) > cfg.wrap_share * len(full):
        return None     # more wrapped lines than rows: long text whose lines cross no lane by chance
    members: dict[int, list[Line]] = {id(l): [l] for l in full}
    for l in run:
        if id(l) not in members and full:
            near = min(full, key=lambda f: (abs((f.top + f.bottom) - (l.top + l.bottom)), f.top > l.top))
            members[id(near)].append(l)
    for k, f in enumerate(full, off):
        ls = members[id(f)]
        top, bottom = min(l.top for l in ls), max(l.bottom for l in ls)
        chars = [ch for l in ls for ch in l.chars]
        row = TableRow(page=page, bbox=[round(cuts[0], 2), round(top, 2), round(cuts[-1], 2), round(bottom, 2)])
        for c, (a, b) in enumerate(zip(cuts, cuts[1:])):
            cc = [ch for ch in chars if col(ch) == c]
            box = [round(a, 2), round(top, 2), round(b, 2), round(bottom, 2)]
            row.cells.append(TableCell(text=_cell_text(cc, page, body, line_cfg), row=k, col=c, page=page, bbox=box))
        rows.append(row)
    # an unruled table has a figure or a short entry in most columns: prose with a wide gap is not one
    filled = sum(1 for r in rows for c in r.cells if c.text)
    if filled < cfg.unruled_min_filled * len(rows) * (len(cuts) - 1):
        return None
    if not rows:
        return None
    top = head[0].bbox[1] if head else run[0].top
    t = Table(id="", page=page, bbox=[round(cuts[0], 2), round(top, 2), round(cuts[-1], 2),
                                      round(run[-1].bottom, 2)], ruled=False, columns=len(cuts) - 1,
              rows=(head or []) + rows)
    t.header_rows = len(head) if head else _header_rows(t, cfg)
    if t.header_rows == 0 or any(_SENTENCE_MARK.search(c.text) for r in t.rows[:t.header_rows] for c in r.cells):
        # without a header row of labels, aligned lines are a list (a 目录: title, 文号, page); a "label" that
        # is a sentence is the text of a row (lines of long cells that happen to align)
        return None
    for r in t.rows[:t.header_rows]:
        r.header = True
    return t


# --------------------------------------------------------------------------- pages
def take_ruled(raw: list[RawPage], body: float, cfg: TableConfig | None = None,
               line_cfg: LineConfig | None = None) -> tuple[list[RawPage], dict]:
    """The pages with the chars of their ruled tables taken out, and {page number: [Table]}."""
    cfg = cfg or TableConfig()
    line_cfg = line_cfg or DEFAULT_LINES
    one_row = replace(cfg, min_rows=1)
    out, tables = [], {}
    for p in raw:
        if not p.table_cells or p.ocr:
            out.append(p)
            continue
        taken: set[int] = set()
        found = []
        prev = tables.get(p.number - 1)
        top = min(b[1] for boxes in p.table_cells for b in boxes)
        for boxes in p.table_cells:
            res = _grid_table(boxes, p.chars, p.number, body, cfg, ruled=True, line_cfg=line_cfg)
            if res is None and prev and min(b[1] for b in boxes) == top:
                # one row left over at the top of a page (a 合计 line, its label cell merged over the code
                # columns): the end of the table that closes the page before, when every edge of it is one of
                # that table's column edges; its row goes to that table, its chars leave the page's text
                res = _grid_table(boxes, p.chars, p.number, body, one_row, ruled=True, line_cfg=line_cfg)
                last = max(prev, key=lambda t: t.bbox[3])
                if res is not None and _fit_columns(res[0], last, cfg):
                    _append(last, res[0])
                    taken |= res[1]
                continue
            if res is None:
                continue
            t, ids = res
            found.append(t)
            taken |= ids
        if found:
            tables[p.number] = _join_columns(found, cfg)
        if taken:
            out.append(replace(p, chars=[c for c in p.chars if id(c) not in taken]))
        else:
            out.append(p)
    return out, tables


def _fit_columns(t: Table, last: Table, cfg: TableConfig) -> bool:
    """Put the cells of ``t`` (a piece of few columns, merged cells) on the columns of ``last``: True when its
    outer edges are ``last``'s and each of its cell edges is one of ``last``'s column edges."""
    edges = _rel_edges(last, cfg)
    if len(edges) != last.columns + 1:
        return False
    x0 = t.bbox[0]

    def col(x: float) -> Optional[int]:
        return next((k for k, e in enumerate(edges) if abs(x - x0 - e) <= cfg.join_edge_tol), None)
    if col(t.bbox[0]) != 0 or col(t.bbox[2]) != len(edges) - 1:
        return False
    spans = []
    for r in t.rows:
        for c in r.cells:
            a, b = col(c.bbox[0]), col(c.bbox[2])
            if a is None or b is None or b <= a:
                return False
            spans.append((c, a, b))
    for c, a, b in spans:
        c.col, c.colspan = a, b - a
    t.columns = last.columns
    return True


def _join_columns(found: list[Table], cfg: TableConfig) -> list[Table]:
    """A table broken across the columns of one page: a piece in a column and one beside it, to its right,
    that starts no lower, with the same columns (edges relative to each piece's left edge), is one table."""
    found.sort(key=lambda t: (t.bbox[0], t.bbox[1]))
    out: list[Table] = []
    for t in found:
        a = next((a for a in out if a.bbox[2] <= t.bbox[0] and t.bbox[1] <= a.bbox[1] + cfg.join_edge_tol
                  and a.columns == t.columns and _same_edges(
                      [x - a.bbox[0] for x in _edges(a)], [x - t.bbox[0] for x in _edges(t)], cfg)
                  and not a.prov), None)
        if a is None:
            out.append(t)
            continue
        _append(a, t)
    out.sort(key=lambda t: t.bbox[1])
    return out


def take_unruled(chars: list[Char], page: int, body: float, cfg: TableConfig | None = None,
                 line_cfg: LineConfig | None = None) -> tuple[list[Table], list[Char]]:
    """Unruled tables among the page's full-width lines (before columns are looked for: a table's white
    lanes would pass for a gutter), and the chars left for the paragraph flow."""
    cfg = cfg or TableConfig()
    line_cfg = line_cfg or DEFAULT_LINES
    lines = build_lines(chars, page, "full", body, line_cfg)
    if sum(1 for l in lines if len(l.gaps) >= cfg.unruled_min_cols - 1) < cfg.unruled_min_rows:
        return [], chars
    found = unruled(lines, page, body, cfg, line_cfg)
    if not found:
        return [], chars
    taken = {id(c) for _, run in found for l in run for c in l.chars}
    return [t for t, _ in found], [c for c in chars if id(c) not in taken]


def prose_metrics(raw: list[RawPage], body: float, body_font: str, cfg: TableConfig | None = None) -> tuple[float, str]:
    """Body size and font of the text outside the tables, when there is enough of it to tell."""
    cfg = cfg or TableConfig()
    rest = [c for p in raw for c in p.chars if not c.text.isspace()]
    if len(rest) < cfg.prose_min_chars:
        return body, body_font
    return body_metrics(rest)


def placeholder(t: Table, body: float) -> Line:
    x0, top, x1, bottom = t.bbox
    return Line(chars=[], page=t.page, zone="full", x0=x0, x1=x1, top=top, bottom=bottom, size=body,
                text=t.text(), table=t)


def place(page: PageLayout, found: list[Table], body: float, cfg: TableConfig | None = None) -> None:
    """Put each table's placeholder line where the table stands in the page's reading order."""
    cfg = cfg or TableConfig()
    for t in found:
        line = placeholder(t, body)
        k = next((i for i, l in enumerate(page.lines) if l.top >= t.bbox[1] and l.table is None), len(page.lines))
        page.lines.insert(k, line)
        page.tables.append(t)
    page.tables.sort(key=lambda t: next(i for i, l in enumerate(page.lines) if l.table is t))


def join(pages: list[PageLayout], cfg: TableConfig | None = None) -> None:
    """A table that ends its page and one that opens the next page with the same columns (or fewer, each edge
    one of the table's) are one table: the second piece's rows are appended (its repeated header dropped) and
    its placeholder line removed."""
    cfg = cfg or TableConfig()
    prev: Optional[Table] = None
    prev_edges: list[float] = []      # column edges of prev's last page piece (never the whole joined table)
    prev_page: Optional[PageLayout] = None
    for pg in pages:
        first = pg.lines[0].table if pg.lines else None
        if prev is not None and first is not None and prev_page is not None and prev_page.number + 1 == pg.number \
                and (prev.columns == first.columns and _same_edges(prev_edges, _rel_edges(first, cfg, first=True), cfg)
                     # fewer columns: its merged cells stand on the table's column edges
                     or (first.columns < prev.columns and not first.prov and _fit_columns(first, prev, cfg))):
            _append(prev, first)
            prev_edges = _rel_edges(first, cfg)
            pg.lines = pg.lines[1:]
            pg.tables.remove(first)
            if not pg.lines:
                prev_page = pg
                continue
        last = pg.lines[-1].table if pg.lines else None
        prev, prev_page = (last, pg) if last is not None else (None, None)
        prev_edges = _rel_edges(last, cfg) if last is not None else []
    for pg in pages:
        for l in pg.lines:
            if l.table is not None:
                l.text = l.table.text()


def _edges(t: Table) -> list[float]:
    xs = set()
    for r in t.rows:
        for c in r.cells:
            xs.add(round(c.bbox[0]))
            xs.add(round(c.bbox[2]))
    return sorted(xs)


def _rel_edges(t: Table, cfg: TableConfig, first: bool = False) -> list[float]:
    """Column edges of the table's last piece (``first``: of its own first piece, the one that may go on a
    piece that ends the page before), from its left edge (a piece may stand in another column)."""
    last = t.prov[-1] if t.prov and not first else None
    x0, top, x1, bottom = last.bbox if last else t.bbox
    page = last.page if last else t.page
    xs = set()
    for r in t.rows:
        if r.page == page and r.cells and x0 - cfg.piece_tol <= r.cells[0].bbox[0] <= x1 \
                and top - cfg.piece_tol <= r.bbox[1] <= bottom:
            for c in r.cells:
                xs.add(round(c.bbox[0] - x0))
                xs.add(round(c.bbox[2] - x0))
    return sorted(xs)


def _same_edges(ea: list[float], eb: list[float], cfg: TableConfig) -> bool:
    """Two page pieces of one table: the outer edges agree and most inner column edges too."""
    if not ea or not eb:
        return False
    near = lambda x: any(abs(x - y) <= cfg.join_edge_tol for y in eb)
    return near(ea[0]) and near(ea[-1]) and sum(map(near, ea)) >= cfg.join_edge_share * len(ea)


def _row_texts(r: TableRow) -> list[str]:
    return [c.text for c in r.cells]


def _append(a: Table, b: Table) -> None:
    rows = b.rows
    h = a.header_rows or 1
    if len(rows) > h and [_row_texts(r) for r in rows[:h]] == [_row_texts(r) for r in a.rows[:h]]:
        rows = rows[h:]          # the header repeated on the new page
    elif b.header_rows and [_row_texts(r) for r in rows[:b.header_rows]] == \
            [_row_texts(r) for r in a.rows[:b.header_rows]]:
        rows = rows[b.header_rows:]
    base = a.rows[-1].cells[0].row + 1 if a.rows and a.rows[-1].cells else len(a.rows)
    for k, r in enumerate(rows):      # only the new rows are renumbered: joining stays linear in the rows
        r.header = False
        for c in r.cells:
            c.row = base + k
    a.rows.extend(rows)
    a.prov.append(_piece(b))
    a.prov.extend(b.prov)         # b's own later pieces (b itself joined across the columns of its page)


def _piece(t: Table):
    from ..model import Prov
    return Prov(page=t.page, bbox=t.bbox)


def finish(pages: list[PageLayout], first: int = 1) -> list[Table]:
    """The issue's tables in reading order, numbered (from ``first``), each with its page pieces."""
    out = []
    for pg in pages:
        for l in pg.lines:
            if l.table is not None:
                t = l.table
                t.id = f"t{len(out) + first}"
                t.prov.insert(0, _piece(t))
                out.append(t)
    return out


def scanned_table(page: RawPage, cfg: TableConfig | None = None) -> bool:
    """Is an OCR page a picture of a table: a stack of horizontal rules of one width (the rows' borders)?  Its
    rows are not rebuilt from OCR words; the page is reported for an editor instead."""
    cfg = cfg or TableConfig()
    if not page.ocr or len(page.hrules) < cfg.scan_rule_rows:
        return False
    widths: dict[tuple[int, int], int] = {}
    for x0, x1, _ in page.hrules:
        key = (round(x0 / cfg.join_edge_tol), round(x1 / cfg.join_edge_tol))
        widths[key] = widths.get(key, 0) + 1
    return max(widths.values()) >= cfg.scan_rule_rows
