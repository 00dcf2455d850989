"""Join lines into paragraphs, across column and page breaks, and give each a kind.

A paragraph starts at a 2-character indent, a centred or right-aligned line, a change of font style, or
after a short last line.  Nothing else breaks one, so a paragraph cut by a column or page break is
joined again (the next piece starts flush left).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from ..lexicon.jumps import FROM_MARK
from ..model import Line, PageLayout, Paragraph, ParagraphKind, Prov
from .text import clean_text, join_text


@dataclass(frozen=True)
class ParagraphConfig:
    block_tol: float = 1.0          # pt a line may stand outside its block's usual edges before the block widens for it
    center_margin: float = 2.5      # a centred line leaves more than this (ems) blank on both sides ...
    center_balance: float = 2.0     # ... the two blanks differing by less than this (ems) ...
    center_balance_share: float = 0.2   # ... or than this share of their sum
    right_indent: float = 3.5       # a line indented at least this (ems), with less blank after it, is right-aligned
    ragged: float = 1.0             # a line ending this far (ems) before the block's right edge is short (left-aligned)
    style_size_tol: float = 0.6     # pt: lines whose sizes differ by no more are of one style (with the same boldness)
    indent: float = 0.9             # a line indented this much (ems) opens a paragraph (the 2-char indent)
    short_last: float = 1.2         # a previous line this short (ems of blank) ends a paragraph before an item opener
    para_gap: float = 1.0           # a blank taller than this (line sizes) between lines of one band breaks a paragraph
    title_size: float = 1.15        # a line this many times the body size is a title
    masthead_size: float = 2.0      # ... this many times, a masthead
    red_masthead_size: float = 1.4  # ... and a red one this many times, a masthead too (each red line on its own)
    title_wrap_gap: float = 0.9     # a title's next line follows within this (line sizes) of blank ...
    title_wrap_fill: float = 0.25   # ... under a line leaving less than this share of the measure blank: one title
    heading_max_chars: int = 80     # a bold paragraph of at most this many chars is a heading
    signature_max_lines: int = 2    # a right/centred paragraph of at most this many lines ...
    signature_max_chars: int = 40   # ... and chars is a signature (issuer, date)
    red_min: int = 150              # a colour is red when its red channel (0-255) is at least this ...
    red_other_max: int = 90         # ... and its green and blue channels at most this


DEFAULT_PARAGRAPHS = ParagraphConfig()


def zone_bounds(pages: list[PageLayout]) -> dict[tuple[int, str], tuple[float, float]]:
    """Typical left and right edge of the text block per (columns, zone), over the whole issue."""
    xs: dict[tuple[int, str], tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    for p in pages:
        for l in p.lines:
            if l.table is not None:
                continue
            a, b = xs[(p.columns, l.zone)]
            a[round(l.x0 - l.lead)] += 1      # where the line is set: an indent typed as 　　 starts at the edge
            b[round(l.x1)] += 1
    out = {}
    for k, (a, b) in xs.items():
        out[k] = (float(a.most_common(1)[0][0]), float(b.most_common(1)[0][0]))
    # full-width rows on 2-column pages span both columns
    if (2, "L") in out and (2, "R") in out:
        out[(2, "full")] = (out[(2, "L")][0], out[(2, "R")][1])
    return out


def measure(pages: list[PageLayout], cfg: ParagraphConfig = DEFAULT_PARAGRAPHS) -> None:
    """Set indent, short and align of every line relative to its text block."""
    bounds = zone_bounds(pages)
    for p in pages:
        for l in p.lines:
            left, right = bounds.get((p.columns, l.zone), (l.x0, l.x1))
            if l.x0 < left - cfg.block_tol:   # the line is wider than the typical block: widen for this line
                left = l.x0
            if l.x1 > right + cfg.block_tol:
                right = l.x1
            em = max(l.size, 1.0)
            l.indent = (l.x0 - left) / em
            l.short = (right - l.x1) / em
            if l.indent > cfg.center_margin and l.short > cfg.center_margin and \
                    abs(l.indent - l.short) < max(cfg.center_balance, cfg.center_balance_share * (l.indent + l.short)):
                l.align = "center"
            elif l.indent >= cfg.right_indent and l.short < l.indent:
                l.align = "right"
            elif l.short >= cfg.ragged:
                l.align = "left"
            else:
                l.align = "justify"


def _same_style(a: Line, b: Line, cfg: ParagraphConfig) -> bool:
    return abs(a.size - b.size) <= cfg.style_size_tol and a.bold == b.bold


def _starts_new(p: Line | None, r: Line, body: float, cfg: ParagraphConfig = DEFAULT_PARAGRAPHS) -> bool:
    if p is None:
        return True
    titleish = (r.size >= cfg.title_size * body or (r.bold and r.align == "center")) and _same_style(p, r, cfg)
    if titleish and p.color and r.color and _reddish(p.color, cfg) and _reddish(r.color, cfg) \
            and r.size >= cfg.red_masthead_size * body:
        return True       # masthead lines: each names one issuer (joint documents list several)
    if titleish and p.page == r.page and p.zone == r.zone and 0 <= r.top - p.bottom < cfg.title_wrap_gap * r.size:
        # a wrapped title: the first line fills (nearly) the whole measure, the next one is centred/short
        width = (p.x1 - p.x0) / max(p.size, 1.0)
        return not (p.indent + p.short < cfg.title_wrap_fill * (width + p.indent + p.short) and r.align != "right")
    if r.align in ("center", "right") or p.align in ("center", "right"):
        return True
    if not _same_style(p, r, cfg):
        return True
    if r.indent >= cfg.indent:
        return True
    if _OPENS_ITEM.match(r.text) and (p.short >= cfg.short_last or p.text.rstrip()[-1:] in "。；：！？;:"):
        # after a short line, a flush-left line goes on with the same paragraph (an unbreakable token
        # pushed it there, or a parenthetical follows the last sentence) unless it opens a new item
        return True
    if p.page == r.page and p.zone == r.zone and r.band == p.band and r.top - p.bottom > cfg.para_gap * r.size:
        return True
    return False


# a line that opens a new item (or a continued story's （上接第N页） marker) even when it starts flush left
_OPENS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[\.．、](?!\d)|第[一二三四五六七八九十百]+[章节条]|附件"
                         r"|" + FROM_MARK + ")")


def _kind(lines: list[Line], body: float, body_font: str, cfg: ParagraphConfig = DEFAULT_PARAGRAPHS) -> ParagraphKind:
    f = lines[0]
    text_len = sum(len(l.text) for l in lines)
    red = f.color is not None and _reddish(f.color, cfg)
    if (red and f.size >= cfg.red_masthead_size * body) or f.size >= cfg.masthead_size * body:
        return ParagraphKind.masthead
    if f.size >= cfg.title_size * body:
        return ParagraphKind.title
    if f.align == "center" and f.bold:
        return ParagraphKind.heading
    if f.bold and text_len <= cfg.heading_max_chars:
        return ParagraphKind.heading
    if f.align in ("right", "center") and len(lines) <= cfg.signature_max_lines and text_len <= cfg.signature_max_chars:
        return ParagraphKind.signature
    return ParagraphKind.body


def _reddish(color: str, cfg: ParagraphConfig = DEFAULT_PARAGRAPHS) -> bool:
    """Is a #rrggbb colour the red of a masthead (a strong red channel, weak green and blue)?"""
    try:
        r, g, b = int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    except (ValueError, IndexError):
        return False
    return r >= cfg.red_min and g <= cfg.red_other_max and b <= cfg.red_other_max


def _union(lines: list[Line]) -> list[float]:
    return [round(min(l.x0 for l in lines), 2), round(min(l.top for l in lines), 2),
            round(max(l.x1 for l in lines), 2), round(max(l.bottom for l in lines), 2)]


def build(pages: list[PageLayout], body: float, body_font: str, cfg: ParagraphConfig | None = None) -> list[Paragraph]:
    b = Builder(body, body_font, cfg)
    return b.add(pages) + b.close()


class Builder:
    """Paragraphs of pages given a run at a time (:meth:`add`): a paragraph still open at the end of a run
    may go on at the top of the next, so it is handed out with the next run, or by :meth:`close`."""

    def __init__(self, body: float, body_font: str, cfg: ParagraphConfig | None = None):
        self.body, self.body_font, self.cfg = body, body_font, cfg or DEFAULT_PARAGRAPHS
        self.open: list[Line] = []
        self.prev: Optional[Line] = None

    def add(self, pages: list[PageLayout]) -> list[Paragraph]:
        """The paragraphs that ended in ``pages`` (lines measured against the text blocks of these pages)."""
        measure(pages, self.cfg)
        groups: list[list[Line]] = [self.open] if self.open else []
        prev = self.prev
        for p in pages:
            for l in p.lines:
                if l.table is not None or (prev is not None and prev.table is not None) or \
                        _starts_new(prev, l, self.body, self.cfg):
                    groups.append([l])
                else:
                    groups[-1].append(l)
                prev = l
        self.prev = prev
        self.open = groups.pop() if groups else []
        return self._paragraphs(groups)

    def close(self) -> list[Paragraph]:
        """The paragraph still open."""
        groups, self.open, self.prev = ([self.open] if self.open else []), [], None
        return self._paragraphs(groups)

    def _paragraphs(self, groups: list[list[Line]]) -> list[Paragraph]:
        body, body_font, cfg = self.body, self.body_font, self.cfg
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
            paras.append(Paragraph(text=text, page=f.page, bbox=prov[0].bbox, kind=_kind(g, body, body_font, cfg),
                                   align=f.align, size=f.size, bold=f.bold, color=f.color, band=f.band,
                                   zone=f.zone, prov=prov, lines=g))
        return paras
