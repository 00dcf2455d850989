"""Group chars into lines: rows by vertical centre, sub/superscripts folded into the line they belong to."""
from __future__ import annotations

from collections import Counter
from statistics import median

from ..model import Char, Line
from .text import assemble, bold_font

SMALL_RATIO = 0.9       # chars smaller than this share of the page's body size may be sub/superscripts


def cluster_rows(chars: list[Char], tol: float = 0.4) -> list[list[Char]]:
    """Cluster chars whose vertical centres lie within tol * size of the row's running centre."""
    rows: list[list[Char]] = []
    centres: list[float] = []
    keyed = sorted(((c.top + c.bottom) * 0.5, i) for i, c in enumerate(chars))
    for cy, i in keyed:
        c = chars[i]
        if rows and abs(cy - centres[-1]) <= tol * (c.size if c.size > 1.0 else 1.0):
            row = rows[-1]
            row.append(c)
            centres[-1] += (cy - centres[-1]) / len(row)
        else:
            rows.append([c])
            centres.append(cy)
    return rows


def make_line(chars: list[Char], page: int, zone: str) -> Line:
    chars.sort(key=lambda c: c.x0)
    ink = [c for c in chars if not c.text.isspace()] or chars
    sizes = Counter(round(c.size, 1) for c in ink)
    size = sizes.most_common(1)[0][0]
    main = [c for c in ink if round(c.size, 1) == size] or ink
    fonts = Counter(c.font for c in main)
    font = fonts.most_common(1)[0][0]
    colors = Counter(c.color for c in main)
    text, gaps = assemble(chars)
    line = Line(chars=chars, page=page, zone=zone,
                x0=min(c.x0 for c in ink), x1=max(c.x1 for c in ink),
                top=min(c.top for c in main), bottom=max(c.bottom for c in main),
                size=size, bold=sum(n for f, n in fonts.items() if bold_font(f)) * 2 > len(main),
                color=colors.most_common(1)[0][0], font=font, text=text, gaps=gaps)
    return line


def build_lines(chars: list[Char], page: int, zone: str, body_size: float) -> list[Line]:
    """Lines of one zone.  Small chars (sub/superscripts) join the line they overlap most."""
    if not chars:
        return []
    small_limit = SMALL_RATIO * body_size
    normal = [c for c in chars if c.size >= small_limit or c.text.isspace()]
    small = [c for c in chars if c.size < small_limit and not c.text.isspace()]
    rows = cluster_rows(normal)
    # a row made only of small chars that sits between rows stays a line of its own (footnotes)
    bands = [(min(c.top for c in r), max(c.bottom for c in r), min(c.x0 for c in r), max(c.x1 for c in r))
             for r in rows]
    leftovers: list[Char] = []
    for c in small:
        best, best_ov = -1, 0.0
        for i, (t, b, x0, x1) in enumerate(bands):
            ov = min(b, c.bottom) - max(t, c.top)
            if ov > best_ov and x0 - 3 * body_size <= c.x0 <= x1 + 3 * body_size:
                best, best_ov = i, ov
        if best >= 0 and best_ov >= 0.3 * (c.bottom - c.top):
            rows[best].append(c)
        else:
            leftovers.append(c)
    rows.extend(cluster_rows(leftovers))
    rows = _fold_small_rows(rows, body_size)
    lines = [make_line(r, page, zone) for r in rows if any(not c.text.isspace() for c in r)]
    lines.sort(key=lambda l: l.top)
    return lines


def _fold_small_rows(rows: list[list[Char]], body_size: float) -> list[list[Char]]:
    """A row of slightly smaller chars that overlaps a bigger row vertically is its sub/superscripts."""
    def box(r):
        ink = [c for c in r if not c.text.isspace()] or r
        return (min(c.top for c in ink), max(c.bottom for c in ink), max(c.size for c in ink),
                min(c.x0 for c in ink), max(c.x1 for c in ink))
    rows = sorted(rows, key=lambda r: box(r)[0])
    boxes = [box(r) for r in rows]
    merged = set()
    for i, (t, b, size, x0, x1) in enumerate(boxes):
        for j in (i - 1, i + 1):
            if not 0 <= j < len(rows) or j in merged or i in merged:
                continue
            tj, bj, sj, x0j, x1j = boxes[j]
            overlap = min(b, bj) - max(t, tj)
            if size < 0.97 * sj and overlap >= 0.3 * (b - t) and x0 >= x0j - 2 * sj and x1 <= x1j + 2 * sj \
                    and len([c for c in rows[i] if not c.text.isspace()]) <= 0.5 * len(rows[j]):
                rows[j].extend(rows[i])
                merged.add(i)
                break
    return [r for k, r in enumerate(rows) if k not in merged]


def body_metrics(all_chars: list[Char]) -> tuple[float, str]:
    sizes = Counter(round(c.size, 1) for c in all_chars if not c.text.isspace())
    fonts = Counter(c.font for c in all_chars if not c.text.isspace())
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    font = fonts.most_common(1)[0][0] if fonts else ""
    return float(size), font


def median_pitch(lines: list[Line]) -> float:
    d = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 3 * a.size]
    return median(d) if d else (lines[0].size * 1.6 if lines else 16.0)
