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

MARGIN = 0.09          # share of the page height at top and bottom where any repeated text may be furniture
OUTER_MARGIN = 0.16    # beyond MARGIN, down to this share, only the page's outermost row may be (GB/T 9704
                       # page numbers sit 7 mm under the text block: 9.3 % of a US Letter page)
OUTER_GAP_EM = 1.0     # blank (in ems of the row) that sets such an outermost row apart from the text block
# a printed page number: — 17 —, 一 17 一 (a 一 set as the dash), -17-, 第17页, 第17页 共20页, 17/20
PAGE_NUMBER = re.compile(r"""^[\s\-—–－―~·一]*          # dashes before: — 17 —
                             (?:第\s*)?(\d{1,4})(?:\s*页)?
                             (?:\s*[/／]\s*\d{1,4}|\s*共\s*\d+\s*页)?
                             [\s\-—–－―~·一]*$""", re.X)
# a page number that says it is one: set between dashes or as 第N页 (a bare number may be a table cell)
DECORATED_NUMBER = re.compile(r"^(?:[\s\-—–－―~·一]+\d{1,4}[\s\-—–－―~·一]+|第\s*\d{1,4}\s*页.*)$")
_DIGITS = re.compile(r"\d+")
DECORATED_NUMBER_SIZE = 1.6   # a decorated page number in the margin band may be this many times the body size


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


def _outermost_rows(page: RawPage) -> list[list[Char]]:
    """The top-most and the bottom-most row of the page when they lie between MARGIN and OUTER_MARGIN of
    the edge: a footer or page number set a little inside the usual band, by its place as the last row
    standing apart from the text block (a blank of at least OUTER_GAP_EM of its size)."""
    ink = [c for c in page.chars if not c.text.isspace()]
    if not ink:
        return []
    rows = cluster_rows(ink)
    if len(rows) == 1:          # a page left blank but for its page number
        cy = sum(c.cy for c in rows[0]) / len(rows[0])
        share = min(cy, page.height - cy) / page.height
        text = assemble(sorted(rows[0], key=lambda c: c.x0))[0].strip()
        return [rows[0]] if MARGIN <= share < OUTER_MARGIN and DECORATED_NUMBER.match(text) else []
    if len(rows) < 3:           # too little on the page to tell a footer from the text
        return []
    out = []
    for row, nxt, edge in ((rows[0], rows[1], 0.0), (rows[-1], rows[-2], page.height)):
        cy = sum(c.cy for c in row) / len(row)
        share = abs(cy - edge) / page.height
        size = max(c.size for c in row)
        gap = min(c.top for c in nxt) - max(c.bottom for c in row) if edge == 0.0 else \
            min(c.top for c in row) - max(c.bottom for c in nxt)
        if MARGIN <= share < OUTER_MARGIN and gap >= OUTER_GAP_EM * size:
            out.append(row)
    return out


def _margin_segments(page: RawPage, body_size: float):
    top_lim, bot_lim = MARGIN * page.height, (1 - MARGIN) * page.height
    limit = body_size * (1.6 if page.ocr else 1.15)     # OCR sizes are rough
    # a page number that says so (— 3 —, 第3页) may be set larger than a small body: 4号 under a 五号 text
    number_limit = body_size * DECORATED_NUMBER_SIZE
    cands = [c for c in page.chars if (c.cy < top_lim or c.cy > bot_lim) and c.size <= number_limit]
    for row in cluster_rows(cands):
        for seg in _segments(row):
            text, _ = assemble(seg)
            if text.strip() and (all(c.size <= limit for c in seg) or DECORATED_NUMBER.match(text.strip())):
                yield seg, text.strip()
    for row in _outermost_rows(page):
        segs = _segments(row)
        if len(segs) != 1 or any(c.size > limit for c in row):
            continue       # a row of several pieces there is a table row or text, not a footer
        text, _ = assemble(segs[0])
        if text.strip():
            yield segs[0], text.strip()


def _is_outer(seg: list[Char], height: float) -> bool:
    cy = sum(c.cy for c in seg) / len(seg)
    return MARGIN * height <= cy <= (1 - MARGIN) * height


def _key(text: str, seg: list[Char]) -> tuple[str, float]:
    return _DIGITS.sub("#", text.replace(" ", "")), sum(c.cy for c in seg) / len(seg)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 12      # points: scans shift a little from page to page


def _similar(a: str, b: str) -> bool:
    """Same running header, allowing OCR misreadings of a few characters."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    from difflib import SequenceMatcher
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def _short(text: str) -> bool:
    return len(text.replace(" ", "")) <= 8


def _centre(seg: list[Char]) -> tuple[float, float]:
    return (min(c.x0 for c in seg) + max(c.x1 for c in seg)) / 2, sum(c.cy for c in seg) / len(seg)


def detect(pages: list[RawPage], body_size: float) -> dict[int, tuple[set[int], list[tuple[str, list[Char]]], str | None]]:
    """Per page: (ids of furniture chars, [(text, chars)], printed page label).

    A margin segment is furniture when (nearly) the same text sits at the same height on enough pages, or
    when it is a page number whose offset to the physical page agrees with the other pages' numbers.
    """
    per_page = {p.number: list(_margin_segments(p, body_size)) for p in pages}
    groups: list[tuple[tuple[str, int], set[int]]] = []
    for num, segs in per_page.items():
        for seg, text in segs:
            k = _key(text, seg)
            for gk, gpages in groups:
                if _near(gk[1], k[1]) and _similar(gk[0], k[0]):
                    gpages.add(num)
                    break
            else:
                groups.append((k, {num}))
    need = max(2, int(0.3 * len(pages) + 0.5))

    def repeated(k) -> bool:
        return any(_near(gk[1], k[1]) and _similar(gk[0], k[0]) and len(gp) >= need for gk, gp in groups)

    # OCR misreads small page numbers (— 35 — as 二河5二) differently on every page: on scans a short
    # segment in the page-number slot (same height, same centre on enough pages) is furniture whatever it says
    ocr_pages = {p.number for p in pages if p.ocr}
    slots: list[tuple[float, float, set[int]]] = []
    for num, segs in per_page.items():
        if num not in ocr_pages:
            continue
        for seg, text in segs:
            if _short(text):
                cx, cy = _centre(seg)
                for sx, sy, sp in slots:
                    if _near(sy, cy) and abs(sx - cx) <= 20:
                        sp.add(num)
                        break
                else:
                    slots.append((cx, cy, {num}))

    widths = {p.number: p.width for p in pages}
    heights = {p.number: p.height for p in pages}

    def in_slot(seg, text, num) -> bool:
        if not _short(text):
            return False
        cx, cy = _centre(seg)
        if any(_near(sy, cy) and abs(sx - cx) <= 20 and len(sp) >= need for sx, sy, sp in slots):
            return True
        # alone on its page: a number, or a short unsure reading, centred in the bottom margin (— 3 — read as cs)
        confs = [c.conf for c in seg if c.conf is not None]
        unsure = bool(confs) and sum(confs) / len(confs) < 60
        return (cy > (1 - MARGIN) * heights[num] and abs(cx - widths[num] / 2) <= 0.06 * widths[num]
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
    scan_offset = next((o for o, n in offsets.most_common() if n >= (2 if o == 0 else max(3, len(pages) // 4))),
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
            no_agreement = len(pages) < 3 or offsets[offset] < 2
            if num in ocr_pages:
                trusted = (scan_offset is not None and int(m.group(1)) - num == scan_offset if m else False) \
                    or len(pages) < 3 and offsets[offset] < 2
            else:
                trusted = no_agreement or (int(m.group(1)) - num == offset if m else False)
            is_number = bool(m) and trusted
            if _is_outer(seg, heights[num]):
                # inside the usual band only a page number that says so, or one the other pages agree with
                agreed = bool(m) and offsets[offset] >= max(2, len(pages) // 2) and int(m.group(1)) - num == offset
                is_number = bool(m) and (bool(DECORATED_NUMBER.match(text)) or agreed)
                header = not m and len(_DIGITS.sub("", text).strip()) >= 2 and repeated(_key(text, seg))
                if not (is_number or header):
                    continue
                ids.update(id(c) for c in seg)
                items.append((text, seg))
                if is_number and label is None:
                    label = m.group(1)
                continue
            if is_number or repeated(_key(text, seg)) or (num in ocr_pages and in_slot(seg, text, num)):
                ids.update(id(c) for c in seg)
                items.append((text, seg))
                if is_number and label is None:
                    label = m.group(1)
        out[num] = (ids, items, label)
    return out
