"""Group chars into lines: rows by vertical centre, sub/superscripts folded into the line they belong to."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from statistics import median

from ..model import Char, Line
from .text import TextConfig, assemble, bold_font


@dataclass(frozen=True)
class LineConfig:
    row_tol: float = 0.4            # chars whose vertical centres lie within this (sizes) of a row's centre join it
    small_ratio: float = 0.9        # chars smaller than this share of the body size may be sub/superscripts
    small_reach: float = 3.0        # a sub/superscript stands at most this far (body sizes) beside its row's ink
    small_overlap: float = 0.3      # ... and overlaps its row by at least this share of its own height
    fold_size: float = 0.97         # a row whose largest char is under this share of a neighbour's size may fold
    fold_overlap: float = 0.3       # ... when it overlaps that row by this share of its own height
    fold_reach: float = 2.0         # ... stays within this (the neighbour's sizes) of the neighbour's left/right ends
    fold_max_share: float = 0.5     # ... and has at most this share of the neighbour's char count
    bold_share: float = 0.5         # a line is bold when more than this share of its main-size chars are in a bold face
    pitch_max: float = 3.0          # a step between line tops over this (line sizes) is a gap, not the line pitch
    pitch_default: float = 1.6      # the pitch (line sizes) assumed when no two lines give one
    lead_join: float = 0.25         # ideographic spaces this close (ems) to each other and the first ink indent the line
    text: TextConfig = field(default_factory=TextConfig)   # spaces and wide gaps inside a line's text


DEFAULT_LINES = LineConfig()
EMPTY_BODY_SIZE = 10.0      # pt: the body size of pages with no text at all (nothing to measure it on)
EMPTY_PITCH = 16.0          # pt: the line pitch of a block with no lines
_X0, _X1, _TOP, _BOTTOM, _SIZE = (attrgetter(a) for a in ("x0", "x1", "top", "bottom", "size"))


def cluster_rows(chars: list[Char], tol: float = DEFAULT_LINES.row_tol) -> list[list[Char]]:
    """Cluster chars whose vertical centres lie within tol * size of the row's running centre."""
    rows: list[list[Char]] = []
    cys = [(c.top + c.bottom) * 0.5 for c in chars]
    row: list[Char] = []
    centre = 0.0
    # by centre, ties in the given order (a stable sort of the indices)
    for i in sorted(range(len(cys)), key=cys.__getitem__):
        c = chars[i]
        cy = cys[i]
        size = c.size
        if row and abs(cy - centre) <= tol * (size if size > 1.0 else 1.0):
            row.append(c)
            centre += (cy - centre) / len(row)
        else:
            row = [c]
            rows.append(row)
            centre = cy
    return rows


def make_line(chars: list[Char], page: int, zone: str, cfg: LineConfig = DEFAULT_LINES) -> Line:
    chars.sort(key=_X0)
    ink = [c for c in chars if not c.text.isspace()] or chars
    first = ink[0].size
    if all(c.size == first for c in ink):       # one size (most lines): no rounding per char
        size, main = round(first, 1), ink
    else:
        rounded = [round(c.size, 1) for c in ink]
        size = _most_common(rounded)
        main = [c for c, r in zip(ink, rounded) if r == size]
    font = main[0].font
    if all(c.font == font for c in main):       # one face (most lines)
        bold = bold_font(font) and len(main) > cfg.bold_share * len(main)
    else:
        fonts = Counter([c.font for c in main])
        font = fonts.most_common(1)[0][0]
        bold = sum(n for f, n in fonts.items() if bold_font(f)) > cfg.bold_share * len(main)
    text, gaps = assemble(chars, cfg.text)
    # chars are in x order: the first ink char has the smallest x0
    line = Line(chars=chars, page=page, zone=zone,
                x0=ink[0].x0, x1=max(map(_X1, ink)),
                top=min(map(_TOP, main)), bottom=max(map(_BOTTOM, main)),
                size=size, bold=bold,
                color=_most_common([c.color for c in main]), font=font, text=text, gaps=gaps,
                lead=typed_indent(chars, ink[0], cfg.lead_join))
    return line


def typed_indent(chars: list[Char], first: Char, join: float = DEFAULT_LINES.lead_join) -> float:
    """The width (pt) of the ideographic spaces (U+3000) set right before ``first``, the line's first ink char:
    a typesetter or word processor that indents a paragraph with 　　 instead of moving the line draws them as
    text (or as inkless glyphs its reader gives as U+3000), each abutting the next (within ``join`` ems)."""
    at = first.x0
    for c in reversed(chars):
        if c is first or c.x0 >= first.x0:
            continue
        if c.text != "\u3000" or at - c.x1 > join * max(c.size, 1.0):
            break
        at = c.x0
    return first.x0 - at


def _most_common(values: list):
    """The most frequent value, the first seen among equals (Counter.most_common's choice); one value: it."""
    first = values[0]
    for v in values:
        if v != first:
            return Counter(values).most_common(1)[0][0]
    return first


def build_lines(chars: list[Char], page: int, zone: str, body_size: float,
                cfg: LineConfig | None = None) -> list[Line]:
    """Lines of one zone.  Small chars (sub/superscripts) join the line they overlap most."""
    if not chars:
        return []
    cfg = cfg or DEFAULT_LINES
    small_limit = cfg.small_ratio * body_size
    normal: list[Char] = []
    small: list[Char] = []
    for c in chars:
        if c.size >= small_limit or c.text.isspace():
            normal.append(c)
        elif c.size < small_limit:
            small.append(c)
    rows = cluster_rows(normal, cfg.row_tol)
    leftovers: list[Char] = []
    if small:
        # a row made only of small chars that sits between rows stays a line of its own (footnotes)
        bands = [(min(map(_TOP, r)), max(map(_BOTTOM, r)), min(map(_X0, r)), max(map(_X1, r))) for r in rows]
        reach = cfg.small_reach * body_size
        for c in small:
            best, best_ov = -1, 0.0
            for i, (t, b, x0, x1) in enumerate(bands):
                ov = min(b, c.bottom) - max(t, c.top)
                if ov > best_ov and x0 - reach <= c.x0 <= x1 + reach:
                    best, best_ov = i, ov
            if best >= 0 and best_ov >= cfg.small_overlap * (c.bottom - c.top):
                rows[best].append(c)
            else:
                leftovers.append(c)
    rows.extend(cluster_rows(leftovers, cfg.row_tol))
    rows = _fold_small_rows(rows, cfg)
    lines = [make_line(r, page, zone, cfg) for r in rows if any(not c.text.isspace() for c in r)]
    lines.sort(key=lambda l: l.top)
    return lines


def _fold_small_rows(rows: list[list[Char]], cfg: LineConfig) -> list[list[Char]]:
    """A row of slightly smaller chars that overlaps a bigger row vertically is its sub/superscripts."""
    def box(r):
        ink = [c for c in r if not c.text.isspace()] or r
        return (min(map(_TOP, ink)), max(map(_BOTTOM, ink)), max(map(_SIZE, ink)), min(map(_X0, ink)),
                max(map(_X1, ink)))
    unsorted = [box(r) for r in rows]
    order = sorted(range(len(rows)), key=lambda k: unsorted[k][0])
    rows = [rows[k] for k in order]
    boxes = [unsorted[k] for k in order]
    merged = set()
    for i, (t, b, size, x0, x1) in enumerate(boxes):
        for j in (i - 1, i + 1):
            if not 0 <= j < len(rows) or j in merged or i in merged:
                continue
            tj, bj, sj, x0j, x1j = boxes[j]
            overlap = min(b, bj) - max(t, tj)
            if size < cfg.fold_size * sj and overlap >= cfg.fold_overlap * (b - t) \
                    and x0 >= x0j - cfg.fold_reach * sj and x1 <= x1j + cfg.fold_reach * sj \
                    and len([c for c in rows[i] if not c.text.isspace()]) <= cfg.fold_max_share * len(rows[j]):
                rows[j].extend(rows[i])
                merged.add(i)
                break
    return [r for k, r in enumerate(rows) if k not in merged]


def body_metrics(all_chars: list[Char]) -> tuple[float, str]:
    ink = [c for c in all_chars if not c.text.isspace()]
    sizes = Counter([round(c.size, 1) for c in ink])
    fonts = Counter([c.font for c in ink])
    size = sizes.most_common(1)[0][0] if sizes else EMPTY_BODY_SIZE
    font = fonts.most_common(1)[0][0] if fonts else ""
    return float(size), font


def median_pitch(lines: list[Line], cfg: LineConfig = DEFAULT_LINES) -> float:
    """The usual step between the tops of consecutive lines (lines sorted by top)."""
    d = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < cfg.pitch_max * a.size]
    return median(d) if d else (lines[0].size * cfg.pitch_default if lines else EMPTY_PITCH)
