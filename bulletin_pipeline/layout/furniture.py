"""Running headers, footers and page numbers: text repeated at the same place across pages.

They are kept as page metadata (``PageLayout.furniture``, ``label``), never deleted silently and never
mixed into paragraphs.
"""
from __future__ import annotations

import re

import regex
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..model import Char, RawPage
from .lines import DEFAULT_LINES, LineConfig, cluster_rows
from .text import assemble


@dataclass(frozen=True)
class FurnitureConfig:
    margin: float = 0.09            # share of the page height at top and bottom where repeated text may be furniture
    outer_margin: float = 0.16      # beyond margin, down to this share, only the page's outermost row may be (GB/T
                                    # 9704 page numbers sit 7 mm under the text block: 9.3 % of a US Letter page)
    outer_gap: float = 1.0          # blank (ems of the row) that sets such an outermost row apart from the text block
    outer_min_rows: int = 3         # a page with fewer rows has too little text to tell a footer from it
    margin_size: float = 1.15       # margin text is furniture only up to this many times the body size ...
    margin_size_ocr: float = 1.6    # ... on an OCR page (rough sizes) up to this many times
    decorated_number_size: float = 1.6  # a decorated page number in the margin may be this many body sizes
    segment_gap: float = 3.0        # a gap wider than this (ems) splits a margin row into pieces (header halves)
    same_height: float = 12.0       # pt: margin pieces this close in height are at one place (scans shift a little)
    similar_min_chars: int = 4      # texts shorter than this must repeat exactly ...
    similar_ratio: float = 0.75     # ... longer ones at least this similar (OCR misreadings of a few characters)
    repeat_share: float = 0.3       # a margin text repeated on this share of the pages is furniture ...
    repeat_min_pages: int = 2       # ... and on at least this many pages
    header_min_chars: int = 2       # a running header inside the margin band has at least this many non-digit chars
    short_chars: int = 8            # a margin piece of at most this many chars may be a (misread) page number
    slot_x: float = 20.0            # pt: pieces whose centres are this close across share a page-number slot
    unsure_conf: float = 60.0       # OCR confidence (0-100) under which a reading is unsure
    centre_share: float = 0.06      # a lone page number stands within this share of the page width from its centre
    offset_votes: int = 2           # page numbers agreeing on an offset: at least this many
    slot_height: float = 0.5        # a header slot: within this many of its size of a repeated header's height ...
    slot_size: float = 0.15         # ... and set within this share of its size (OCR pages: same_height apart)
    scan_offset_votes: int = 3      # on scans an offset other than 0 needs this many ...
    scan_offset_share: float = 0.25  # ... and this share of the pages (misreads repeat)
    inner_offset_share: float = 0.5  # a bare number inside the margin band needs this share of the pages to agree
    short_issue_pages: int = 3      # an issue with fewer pages trusts any page number (no offset to agree on)
    stretched: float = 1.6          # an OCR row whose Chinese chars stand this many times taller than wide was
                                    # stretched by ink around it (a seal stamped over it): its band is one char high


DEFAULT_FURNITURE = FurnitureConfig()
# what a printer sets around a page number: dashes (— 17 —, 一 17 一 with a 一 set as the dash, -17-), tildes,
# dots and bullets (·17·, • 17 •)
_DECO = r"[\s\-—–－―~～·•∙一]"
# ... or a pair of brackets: [17], 【17】, 〔17〕, （17）, <17>, 〈17〉, 《17》, 「17」 (an opening one before, a closing one after)
_OPEN, _CLOSE = r"[\[［【〔（(<＜〈《「『]", r"[\]］】〕）)>＞〉》」』]"
# a printed page number: — 17 —, 一 17 一, -17-, ·17·, [17], （17）, P17, Page 17, 第17页, 第17页 共20页, 17/20
PAGE_NUMBER = regex.compile(r"""^""" + _DECO + r"""*
                                (?|""" + _OPEN + r"""\s*(?:第\s*)?(\d{1,4})(?:\s*页)?\s*""" + _CLOSE + r"""
                                  |(?:(?:P|Page|PAGE)\s*\.?\s*)?(?:第\s*)?(\d{1,4})(?:\s*页)?
                                   (?:\s*[/／]\s*\d{1,4}|\s*共\s*\d+\s*页)?)
                                """ + _DECO + r"""*$""", regex.X)
# a page number that says it is one: set between dashes or bullets, in a pair of brackets, after P or Page, or
# as 第N页 (a bare number may be a table cell)
DECORATED_NUMBER = regex.compile(r"^(?:" + _DECO + r"+\d{1,4}" + _DECO + r"+|第\s*\d{1,4}\s*页.*"
                                 r"|\s*" + _OPEN + r"\s*\d{1,4}\s*" + _CLOSE + r"\s*"
                                 r"|\s*(?:P|Page|PAGE)\s*\.?\s*\d{1,4}\s*)$")
_DIGITS = re.compile(r"\d+")


def _segments(chars: list[Char], cfg: FurnitureConfig) -> list[list[Char]]:
    """Split one row into pieces separated by a gap wider than segment_gap ems (left / right header halves)."""
    chars = sorted(chars, key=lambda c: c.x0)
    segs: list[list[Char]] = [[chars[0]]]
    for c in chars[1:]:
        p = segs[-1][-1]
        if c.x0 - p.x1 > cfg.segment_gap * max(c.size, p.size):
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def _em(c: Char) -> float:
    """The em an OCR char's width stands for: OCR splits a word's width giving a Latin letter or digit half
    of a Chinese char's (square) share."""
    return (c.x1 - c.x0) * (2.0 if c.text.isascii() else 1.0)


def _stretched(c: Char, cfg: FurnitureConfig) -> bool:
    """Is this OCR char's box stretched by ink around its line?  An OCR line's box is measured on the ink about
    it, and a seal stamped over a masthead or header carries it far above and below the glyphs, which stand
    about as high as their em."""
    em = _em(c)
    return em > 0 and c.bottom - c.top > cfg.stretched * em


def _glyph_size(c: Char, ocr: bool, cfg: FurnitureConfig) -> float:
    """A char's size; a stretched OCR char is as high as its em."""
    return min(c.size, _em(c)) if ocr and _stretched(c, cfg) else c.size


def _band(row: list[Char], ocr: bool, cfg: FurnitureConfig) -> tuple[float, float, float]:
    """(top, bottom, size) of a row's ink; on an OCR page a row most of whose chars are stretched is one em
    high, about its centre."""
    top, bottom = min(c.top for c in row), max(c.bottom for c in row)
    size = max(_glyph_size(c, ocr, cfg) for c in row)
    if ocr and sum(_stretched(c, cfg) for c in row) * 2 > len(row):
        em = median(_em(c) for c in row)
        cy = median(c.cy for c in row)
        return cy - em / 2, cy + em / 2, size
    return top, bottom, size


def _outermost_rows(page: RawPage, cfg: FurnitureConfig, line_cfg: LineConfig) -> list[list[Char]]:
    """The top-most and the bottom-most row of the page when they lie between margin and outer_margin of
    the edge: a footer or page number set a little inside the usual band, by its place as the last row
    standing apart from the text block (a blank of at least outer_gap of its size)."""
    ink = [c for c in page.chars if not c.text.isspace()]
    if not ink:
        return []
    rows = cluster_rows(ink, line_cfg.row_tol)
    if len(rows) == 1:          # a page left blank but for its page number
        cy = sum(c.cy for c in rows[0]) / len(rows[0])
        share = min(cy, page.height - cy) / page.height
        text = assemble(sorted(rows[0], key=lambda c: c.x0), line_cfg.text)[0].strip()
        return [rows[0]] if cfg.margin <= share < cfg.outer_margin and DECORATED_NUMBER.match(text) else []
    if len(rows) < cfg.outer_min_rows:      # too little on the page to tell a footer from the text
        return []
    out = []
    for row, nxt, edge in ((rows[0], rows[1], 0.0), (rows[-1], rows[-2], page.height)):
        cy = sum(c.cy for c in row) / len(row)
        share = abs(cy - edge) / page.height
        top, bottom, size = _band(row, page.ocr, cfg)
        ntop, nbottom, _ = _band(nxt, page.ocr, cfg)
        gap = ntop - bottom if edge == 0.0 else top - nbottom
        if cfg.margin <= share < cfg.outer_margin and gap >= cfg.outer_gap * size:
            out.append(row)
    return out


def _margin_limit(page: RawPage, body_size: float, cfg: FurnitureConfig) -> float:
    """The largest size margin text is set in on ``page`` (OCR sizes are rough: a wider allowance)."""
    return body_size * (cfg.margin_size_ocr if page.ocr else cfg.margin_size)


def _margin_segments(page: RawPage, body_size: float, cfg: FurnitureConfig, line_cfg: LineConfig):
    top_lim, bot_lim = cfg.margin * page.height, (1 - cfg.margin) * page.height
    limit = _margin_limit(page, body_size, cfg)
    # a page number that says so (— 3 —, 第3页) may be set larger than a small body: 4号 under a 五号 text
    number_limit = body_size * cfg.decorated_number_size
    cands = [c for c in page.chars if ((cy := (c.top + c.bottom) / 2) < top_lim or cy > bot_lim)
             and _glyph_size(c, page.ocr, cfg) <= number_limit]
    for row in cluster_rows(cands, line_cfg.row_tol):
        for seg in _segments(row, cfg):
            text, _ = assemble(seg, line_cfg.text)
            # a bare page number set larger than the body (四号 under a 五号 text) is kept here: detect
            # takes it only when its offset agrees with the other pages' numbers
            if text.strip() and (_band(seg, page.ocr, cfg)[2] <= limit or DECORATED_NUMBER.match(text.strip())
                                 or PAGE_NUMBER.match(text.strip())):
                yield seg, text.strip()
    for row in _outermost_rows(page, cfg, line_cfg):
        segs = _segments(row, cfg)
        if len(segs) != 1 or _band(row, page.ocr, cfg)[2] > limit:
            continue       # a row of several pieces there is a table row or text, not a footer
        text, _ = assemble(segs[0], line_cfg.text)
        if text.strip():
            yield segs[0], text.strip()


def _is_outer(seg: list[Char], height: float, cfg: FurnitureConfig) -> bool:
    cy = sum(c.cy for c in seg) / len(seg)
    return cfg.margin * height <= cy <= (1 - cfg.margin) * height


def _key(text: str, seg: list[Char]) -> tuple[str, float]:
    return _DIGITS.sub("#", text.replace(" ", "")), sum(c.cy for c in seg) / len(seg)


def _near(a: float, b: float, cfg: FurnitureConfig) -> bool:
    return abs(a - b) <= cfg.same_height      # scans shift a little from page to page


def _similar(a: str, b: str, cfg: FurnitureConfig) -> bool:
    """Same running header, allowing OCR misreadings of a few characters."""
    if a == b:
        return True
    if min(len(a), len(b)) < cfg.similar_min_chars:
        return False
    from difflib import SequenceMatcher
    return SequenceMatcher(None, a, b).ratio() >= cfg.similar_ratio


def _short(text: str, cfg: FurnitureConfig) -> bool:
    return len(text.replace(" ", "")) <= cfg.short_chars


def _centre(seg: list[Char]) -> tuple[float, float]:
    return (min(c.x0 for c in seg) + max(c.x1 for c in seg)) / 2, sum(c.cy for c in seg) / len(seg)


def detect(pages: list[RawPage], body_size: float, cfg: FurnitureConfig | None = None,
           line_cfg: LineConfig | None = None) -> dict[int, tuple[set[int], list[tuple[str, list[Char]]], str | None]]:
    """Per page: (ids of furniture chars, [(text, chars)], printed page label).

    A margin segment is furniture when (nearly) the same text sits at the same height on enough pages, when
    it is text set in such a running header's slot (same height and size: a header that changes with the
    document), or when it is a page number whose offset to the physical page agrees with the other pages'.
    """
    cfg = cfg or DEFAULT_FURNITURE
    line_cfg = line_cfg or DEFAULT_LINES
    per_page = {p.number: list(_margin_segments(p, body_size, cfg, line_cfg)) for p in pages}
    groups: list[tuple[tuple[str, int], set[int]]] = []
    for num, segs in per_page.items():
        for seg, text in segs:
            k = _key(text, seg)
            for gk, gpages in groups:
                if _near(gk[1], k[1], cfg) and _similar(gk[0], k[0], cfg):
                    gpages.add(num)
                    break
            else:
                groups.append((k, {num}))
    need = max(cfg.repeat_min_pages, int(cfg.repeat_share * len(pages) + 0.5))

    def repeated(k) -> bool:
        return any(_near(gk[1], k[1], cfg) and _similar(gk[0], k[0], cfg) and len(gp) >= need for gk, gp in groups)

    # OCR misreads small page numbers (— 35 — as 二河5二) differently on every page: on scans a short
    # segment in the page-number slot (same height, same centre on enough pages) is furniture whatever it says
    ocr_pages = {p.number for p in pages if p.ocr}
    slots: list[tuple[float, float, set[int]]] = []
    for num, segs in per_page.items():
        if num not in ocr_pages:
            continue
        for seg, text in segs:
            if _short(text, cfg):
                cx, cy = _centre(seg)
                for sx, sy, sp in slots:
                    if _near(sy, cy, cfg) and abs(sx - cx) <= cfg.slot_x:
                        sp.add(num)
                        break
                else:
                    slots.append((cx, cy, {num}))

    # running headers that change with the document (its title or section on odd pages, the gazette's name on
    # even ones) are set in one slot: the height and size of a header that repeats on other pages
    def _size(seg) -> float:
        return sorted(c.size for c in seg)[len(seg) // 2]

    def _header_text(text: str) -> bool:
        return not PAGE_NUMBER.match(text) and len(_DIGITS.sub("", text).strip()) >= cfg.header_min_chars

    header_slots = {(round(_centre(seg)[1]), round(_size(seg), 1))
                    for segs in per_page.values() for seg, text in segs
                    if _header_text(text) and repeated(_key(text, seg))}

    def in_header_slot(seg, text, num) -> bool:
        if not _header_text(text):
            return False
        cy, size = _centre(seg)[1], _size(seg)
        near = cfg.same_height if num in ocr_pages else cfg.slot_height * size
        return any(abs(sy - cy) <= near and abs(ss - size) <= cfg.slot_size * ss for sy, ss in header_slots)

    limits = {p.number: _margin_limit(p, body_size, cfg) for p in pages}

    def oversized(seg, text, num) -> bool:
        """A bare number larger than margin text may be: a page number only by the offset the pages agree on."""
        return not DECORATED_NUMBER.match(text) and _band(seg, num in ocr_pages, cfg)[2] > limits[num]

    widths = {p.number: p.width for p in pages}
    heights = {p.number: p.height for p in pages}

    def in_slot(seg, text, num) -> bool:
        if not _short(text, cfg):
            return False
        cx, cy = _centre(seg)
        if any(_near(sy, cy, cfg) and abs(sx - cx) <= cfg.slot_x and len(sp) >= need for sx, sy, sp in slots):
            return True
        # alone on its page: a number, or a short unsure reading, centred in the bottom margin (— 3 — read as cs)
        confs = [c.conf for c in seg if c.conf is not None]
        unsure = bool(confs) and sum(confs) / len(confs) < cfg.unsure_conf
        return (cy > (1 - cfg.margin) * heights[num] and abs(cx - widths[num] / 2) <= cfg.centre_share * widths[num]
                and (unsure or bool(PAGE_NUMBER.match(text))))

    # page numbers: the offset (printed - physical) most pages agree on
    offsets = Counter()
    for num, segs in per_page.items():
        for seg, text in segs:
            m = PAGE_NUMBER.match(text)
            if m:
                offsets[int(m.group(1)) - num] += 1
    offset = offsets.most_common(1)[0][0] if offsets else None
    # on scans a misread can repeat (— 16 —, — 17 — read as 6, 7): there an offset other than 0 needs a
    # quarter of the pages behind it, and the offset is the most voted one that has its support
    scan_need = max(cfg.scan_offset_votes, int(cfg.scan_offset_share * len(pages)))
    scan_offset = next((o for o, n in offsets.most_common() if n >= (cfg.offset_votes if o == 0 else scan_need)),
                       None)
    out = {}
    for num, segs in per_page.items():
        ids: set[int] = set()
        items = []
        label = None
        for seg, text in segs:
            m = PAGE_NUMBER.match(text)
            # with no offset agreed (a short issue, or one number read) a number is trusted on a text page;
            # on an OCR page of a longer issue only an agreed one is (misreads)
            short_issue = len(pages) < cfg.short_issue_pages
            no_agreement = short_issue or offsets[offset] < cfg.offset_votes
            if num in ocr_pages:
                trusted = (scan_offset is not None and int(m.group(1)) - num == scan_offset if m else False) \
                    or short_issue and offsets[offset] < cfg.offset_votes
            else:
                trusted = no_agreement or (int(m.group(1)) - num == offset if m else False)
            is_number = bool(m) and trusted
            if oversized(seg, text, num):
                if not (m and offsets[offset] >= cfg.offset_votes and int(m.group(1)) - num == offset
                        and (num not in ocr_pages or offset == scan_offset)):
                    continue
                is_number = True
            if _is_outer(seg, heights[num], cfg):
                # inside the usual band only a page number that says so, or one the other pages agree with
                need_inner = max(cfg.offset_votes, int(cfg.inner_offset_share * len(pages)))
                agreed = bool(m) and offsets[offset] >= need_inner and int(m.group(1)) - num == offset
                is_number = bool(m) and (bool(DECORATED_NUMBER.match(text)) or agreed)
                header = not m and len(_DIGITS.sub("", text).strip()) >= cfg.header_min_chars \
                    and (repeated(_key(text, seg)) or in_header_slot(seg, text, num))
                if not (is_number or header):
                    continue
                ids.update(id(c) for c in seg)
                items.append((text, seg))
                if is_number and label is None:
                    label = m.group(1)
                continue
            if is_number or repeated(_key(text, seg)) or (num in ocr_pages and in_slot(seg, text, num)) \
                    or in_header_slot(seg, text, num):
                ids.update(id(c) for c in seg)
                items.append((text, seg))
                if is_number and label is None:
                    label = m.group(1)
        out[num] = (ids, items, label)
    return out
