"""Running headers, footers and page numbers: text repeated at the same place across pages.

They are kept as page metadata (``PageLayout.furniture``, ``label``), never deleted silently and never
mixed into paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Char, RawPage
from .lines import cluster_rows
from .text import assemble

MARGIN = 0.09          # share of the page height at top and bottom where furniture may sit
PAGE_NUMBER = re.compile(r"""^[\s\-—–－―~·]*          # dashes before: — 17 —
                             (?:第\s*)?(\d{1,4})(?:\s*页)?
                             (?:\s*[/／]\s*\d{1,4}|\s*共\s*\d+\s*页)?
                             [\s\-—–－―~·]*$""", re.X)
_DIGITS = re.compile(r"\d+")


def _segments(chars: list[Char]) -> list[list[Char]]:
    """Split one row into pieces separated by a gap wider than 3 em (left / right header halves)."""
    chars = sorted(chars, key=lambda c: c.x0)
    segs: list[list[Char]] = [[chars[0]]]
    for c in chars[1:]:
        p = segs[-1][-1]
        if c.x0 - p.x1 > 3 * max(c.size, p.size):
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def _margin_segments(page: RawPage, body_size: float):
    top_lim, bot_lim = MARGIN * page.height, (1 - MARGIN) * page.height
    cands = [c for c in page.chars if (c.cy < top_lim or c.cy > bot_lim) and c.size <= body_size * 1.15]
    for row in cluster_rows(cands):
        for seg in _segments(row):
            text, _ = assemble(seg)
            if text.strip():
                yield seg, text.strip()


def detect(pages: list[RawPage], body_size: float) -> dict[int, tuple[set[int], list[tuple[str, list[Char]]], str | None]]:
    """Per page: (ids of furniture chars, [(text, chars)], printed page label)."""
    per_page = {p.number: list(_margin_segments(p, body_size)) for p in pages}
    keys = Counter()
    for segs in per_page.values():
        seen = set()
        for seg, text in segs:
            k = (_DIGITS.sub("#", text.replace(" ", "")), round(sum(c.cy for c in seg) / len(seg) / 8))
            if k not in seen:
                keys[k] += 1
                seen.add(k)
    need = max(2, int(0.3 * len(pages) + 0.5))
    out = {}
    for num, segs in per_page.items():
        ids: set[int] = set()
        items = []
        label = None
        for seg, text in segs:
            k = (_DIGITS.sub("#", text.replace(" ", "")), round(sum(c.cy for c in seg) / len(seg) / 8))
            m = PAGE_NUMBER.match(text)
            if m or keys[k] >= need:
                ids.update(id(c) for c in seg)
                items.append((text, seg))
                if m and label is None:
                    label = m.group(1)
        out[num] = (ids, items, label)
    return out
