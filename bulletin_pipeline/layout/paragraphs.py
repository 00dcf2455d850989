"""Join lines into paragraphs, across column and page breaks, and give each a kind.

A paragraph starts at a 2-character indent, a centred or right-aligned line, a change of font style, or
after a short last line.  Nothing else breaks one, so a paragraph cut by a column or page break is
joined again (the next piece starts flush left).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Line, PageLayout, Paragraph, ParagraphKind, Prov
from .text import clean_text, join_text


def zone_bounds(pages: list[PageLayout]) -> dict[tuple[int, str], tuple[float, float]]:
    """Typical left and right edge of the text block per (columns, zone), over the whole issue."""
    xs: dict[tuple[int, str], tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    for p in pages:
        for l in p.lines:
            if l.table is not None:
                continue
            a, b = xs[(p.columns, l.zone)]
            a[round(l.x0)] += 1
            b[round(l.x1)] += 1
    out = {}
    for k, (a, b) in xs.items():
        out[k] = (float(a.most_common(1)[0][0]), float(b.most_common(1)[0][0]))
    # full-width rows on 2-column pages span both columns
    if (2, "L") in out and (2, "R") in out:
        out[(2, "full")] = (out[(2, "L")][0], out[(2, "R")][1])
    return out


def measure(pages: list[PageLayout]) -> None:
    """Set indent, short and align of every line relative to its text block."""
    bounds = zone_bounds(pages)
    for p in pages:
        for l in p.lines:
            left, right = bounds.get((p.columns, l.zone), (l.x0, l.x1))
            if l.x0 < left - 1:   # the line is wider than the typical block: widen for this line
                left = l.x0
            if l.x1 > right + 1:
                right = l.x1
            em = max(l.size, 1.0)
            l.indent = (l.x0 - left) / em
            l.short = (right - l.x1) / em
            if l.indent > 2.5 and l.short > 2.5 and abs(l.indent - l.short) < max(2.0, 0.2 * (l.indent + l.short)):
                l.align = "center"
            elif l.indent >= 3.5 and l.short < l.indent:
                l.align = "right"
            elif l.short >= 1.0:
                l.align = "left"
            else:
                l.align = "justify"


def _same_style(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= 0.6 and a.bold == b.bold


def _starts_new(p: Line | None, r: Line, body: float) -> bool:
    if p is None:
        return True
    titleish = (r.size >= 1.15 * body or (r.bold and r.align == "center")) and _same_style(p, r)
    if titleish and p.color and r.color and _reddish(p.color) and _reddish(r.color) and r.size >= 1.4 * body:
        return True       # masthead lines: each names one issuer (joint documents list several)
    if titleish and p.page == r.page and p.zone == r.zone and 0 <= r.top - p.bottom < 0.9 * r.size:
        # a wrapped title: the first line fills (nearly) the whole measure, the next one is centred/short
        width = (p.x1 - p.x0) / max(p.size, 1.0)
        return not (p.indent + p.short < 0.25 * (width + p.indent + p.short) and r.align != "right")
    if r.align in ("center", "right") or p.align in ("center", "right"):
        return True
    if not _same_style(p, r):
        return True
    if r.indent >= 0.9:
        return True
    if _OPENS_ITEM.match(r.text) and (p.short >= 1.2 or p.text.rstrip()[-1:] in "。；：！？;:"):
        # after a short line, a flush-left line goes on with the same paragraph (an unbreakable token
        # pushed it there, or a parenthetical follows the last sentence) unless it opens a new item
        return True
    if p.page == r.page and p.zone == r.zone and r.band == p.band and r.top - p.bottom > 1.0 * r.size:
        return True
    return False


# a line that opens a new item (or a continued story's （上接第N页） marker) even when it starts flush left
_OPENS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[\.．、](?!\d)|第[一二三四五六七八九十百]+[章节条]|附件"
                         r"|[（(]\s*上\s*接\s*第?\s*\d{1,4}\s*页\s*[）)])")


def _kind(lines: list[Line], body: float, body_font: str) -> ParagraphKind:
    f = lines[0]
    text_len = sum(len(l.text) for l in lines)
    red = f.color is not None and _reddish(f.color)
    if (red and f.size >= 1.4 * body) or f.size >= 2.0 * body:
        return ParagraphKind.masthead
    if f.size >= 1.15 * body:
        return ParagraphKind.title
    if f.align == "center" and f.bold:
        return ParagraphKind.heading
    if f.bold and text_len <= 80:
        return ParagraphKind.heading
    if f.align in ("right", "center") and len(lines) <= 2 and text_len <= 40:
        return ParagraphKind.signature
    return ParagraphKind.body


def _reddish(color: str) -> bool:
    try:
        r, g, b = int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    except (ValueError, IndexError):
        return False
    return r >= 150 and g <= 90 and b <= 90


def _union(lines: list[Line]) -> list[float]:
    return [round(min(l.x0 for l in lines), 2), round(min(l.top for l in lines), 2),
            round(max(l.x1 for l in lines), 2), round(max(l.bottom for l in lines), 2)]


def build(pages: list[PageLayout], body: float, body_font: str) -> list[Paragraph]:
    measure(pages)
    groups: list[list[Line]] = []
    prev = None
    for p in pages:
        for l in p.lines:
            if l.table is not None or (prev is not None and prev.table is not None) or _starts_new(prev, l, body):
                groups.append([l])
            else:
                groups[-1].append(l)
            prev = l
    paras = []
    for g in groups:
        text = ""
        for l in g:
            text = join_text(text, l.text)
        text = clean_text(text)
        if not text:
            continue
        by_page: dict[int, list[Line]] = {}
        for l in g:
            by_page.setdefault(l.page, []).append(l)
        prov = [Prov(page=pg, bbox=_union(ls)) for pg, ls in by_page.items()]
        f = g[0]
        if f.table is not None:     # a table: one paragraph in the flow, its pieces from the table
            paras.append(Paragraph(text=f.table.text(), page=f.page, bbox=f.table.bbox, kind=ParagraphKind.table,
                                   size=f.size, prov=list(f.table.prov), lines=g, table=f.table))
            continue
        paras.append(Paragraph(text=text, page=f.page, bbox=prov[0].bbox, kind=_kind(g, body, body_font),
                               align=f.align, size=f.size, bold=f.bold, color=f.color, band=f.band,
                               zone=f.zone, prov=prov, lines=g))
    return paras
