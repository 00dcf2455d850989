"""Image geometry of a scanned page: clean-up before recognition (red seals, uneven lighting, bleed-through,
a page turned by 90 degrees, skew) and measurements on the ink after it (ruled lines, each line's band and
extent, stem width for bold, colour of a word, dust)."""
from __future__ import annotations

from statistics import median
from typing import Optional

import regex

INK = 160             # grey level below which a pixel is ink
SPECK_CONFIDENCE = 50.0   # a lone Latin letter or digit read with less confidence than this may be dust


# a gap this many line heights wide inside a tesseract line splits it (a line run on into the other column)
SPLIT_GAP = 1.5


def split_wide_gaps(words: list[dict]) -> None:
    """A tesseract line with a gap of 1.5 chars or more between two runs of three chars or more becomes
    several lines: on a short or turned page tesseract can run a line of the left column on into the right
    one, and each piece needs its own height.  A stray word box off to one side stays with its line."""
    by_line: dict = {}
    for w in words:
        by_line.setdefault(tuple(w["line"])[:3], []).append(w)
    for key, ws in by_line.items():
        h = median(w["height"] for w in ws)
        cuts = [i for i in range(1, len(ws))
                if ws[i]["left"] - (ws[i - 1]["left"] + ws[i - 1]["width"]) > SPLIT_GAP * h]
        pieces, start = [], 0
        for c in cuts + [len(ws)]:
            pieces.append(ws[start:c])
            start = c
        # merge a short piece into its neighbour: only runs of real text are cut apart
        merged: list[list[dict]] = []
        for piece in pieces:
            if merged and (sum(len(w["text"]) for w in piece) < 3 or sum(len(w["text"]) for w in merged[-1]) < 3):
                merged[-1].extend(piece)
            else:
                merged.append(list(piece))
        for seg, piece in enumerate(merged):
            for w in piece:
                w["line"] = key + (seg,)



def hrule_segments(mask) -> list[list[int]]:
    """[x0, x1, y] of each horizontal rule in a mask of rule pixels."""
    import numpy as np
    rows = np.nonzero(mask.any(axis=1))[0]
    out: list[list[int]] = []
    groups: list[list[int]] = []
    for y in rows:
        if groups and y - groups[-1][-1] <= 1:
            groups[-1].append(int(y))
        else:
            groups.append([int(y)])
    for g in groups:
        cols = np.nonzero(mask[g[0]:g[-1] + 1].any(axis=0))[0]
        start = prev = None
        for x in list(cols) + [None]:
            if x is not None and prev is not None and x - prev <= 10:
                prev = x
                continue
            if start is not None:
                out.append([int(start), int(prev) + 1, int(sum(g) / len(g))])
            start = prev = x
    return out



BOLD_STROKE = 1.4     # a bold face's stems are this much wider than the regular body's (measured ~1.6x)


# ink runs along a row longer than this share of the line's height are not stems (a horizontal stroke)
STEM_MAX = 0.5


def stroke(ink, box: list[int]) -> float:
    """Mean width (pixels) of the vertical stems in a line: the mean length of the short ink runs along its rows."""
    import numpy as np
    x0, top, x1, bottom = box
    a = ink[top:bottom, x0:x1]
    if a.size == 0:
        return 0.0
    pad = np.zeros((a.shape[0], 1), dtype=np.int8)
    d = np.diff(np.hstack([pad, a.astype(np.int8), pad]), axis=1)
    starts, ends = np.nonzero(d == 1), np.nonzero(d == -1)
    runs = ends[1] - starts[1]
    runs = runs[runs < STEM_MAX * max(1, bottom - top)]
    return float(runs.mean()) if runs.size else 0.0



def rule_mask(ink, frac: float = 0.08, axes: tuple[int, ...] = (0, 1)):
    """Pixels of long straight ruled lines: vertical ink runs longer than ``frac`` of the page height (axis 0),
    horizontal ones longer than ``frac`` of its width (axis 1) (no glyph stroke is that long), widened by 2 px."""
    import numpy as np
    import cv2
    H, W = ink.shape
    mask = np.zeros_like(ink)
    src = ink.astype(np.uint8)
    for axis, length in ((0, int(frac * H)), (1, int(frac * W))):
        if axis not in axes or length < 2 or ink.shape[axis] <= length:
            continue
        # a pixel is on a rule when some all-ink window of that length, inside the page, covers it: an
        # erosion by the window anchored at its first pixel (outside the page is no ink), then a dilation by
        # the window anchored at its last pixel (a morphological opening, in two passes of OpenCV)
        kernel = np.ones((length, 1) if axis == 0 else (1, length), np.uint8)
        first, last = ((0, 0), (0, length - 1)) if axis == 0 else ((0, 0), (length - 1, 0))
        full = cv2.erode(src, kernel, anchor=first, borderType=cv2.BORDER_CONSTANT, borderValue=0)
        covered = cv2.dilate(full, kernel, anchor=last, borderType=cv2.BORDER_CONSTANT, borderValue=0)
        mask |= covered.astype(bool)
    if mask.any():
        grown = mask.copy()
        for shift in (-2, -1, 1, 2):
            grown |= np.roll(mask, shift, axis=0) | np.roll(mask, shift, axis=1)
        mask = grown
    return mask



MAX_SKEW = 3.5         # degrees: a page turned more than this by the scanner is not straightened


def deskew_angle(gray, limit: float = MAX_SKEW) -> float:
    """The rotation (degrees, for ``Image.rotate``) that makes the text rows horizontal: the angle whose
    horizontal projection of the ink is the sharpest (largest sum of squared row counts)."""
    import numpy as np
    from PIL import Image

    w, h = gray.size
    f = max(1, round(w / 700))
    small = gray.resize((w // f, h // f))
    inv = Image.fromarray(((np.asarray(small) < INK) * 255).astype("uint8"))

    def sharp(a: float) -> float:
        rows = np.asarray(inv.rotate(a, resample=Image.NEAREST, fillcolor=0), dtype=np.float64).sum(axis=1)
        return float((rows * rows).sum())
    best = max((sharp(a / 10), a / 10) for a in range(int(-limit * 10), int(limit * 10) + 1, 2))[1]
    fine = max((sharp(best + a / 100), best + a / 100) for a in range(-10, 11, 2))[1]
    return fine if abs(fine) < limit else 0.0



# measuring a line's band of ink (all in multiples of the engine's median word height h0, or of the
# measured band height em):
BAND_SEARCH = 1.5       # rows searched above and below the line's centre, in h0
BAND_INK = 0.05         # a row is in the band when its ink is at least this share of the fullest row's
BAND_CENTRE = 0.3       # the band's seed row lies within this many h0 of the engine's centre
BAND_GAP = 0.12         # empty rows (in h0) the band may cross (the gap inside 二, 三)
BAND_TALL = 1.3         # a band taller than this (in h0) took in ink about the line (a seal over it): cut to h0
REACH = 0.6             # ink this far (em) beyond the engine's first or last word box still goes on the line
REACH_BUDGET = 3        # …up to this many em in all, on each side
RUN_JOIN_PX = 3         # ink columns this close (pixels) are one run
SPECK_WIDTH = 0.25      # an end run narrower than this (em)…
SPECK_INK = 0.04        # …with less ink than this share of em² is a speck, not a glyph…
SPECK_APART = 0.3       # …when it stands this far (em) from the next run
DUST_SIZE = 0.45        # a mark box no wider and no higher than this (em) may be dust…
DUST_APART = 0.5        # …when it stands this far (em) from its neighbours
USUAL_HEIGHT = 0.8      # a line's em is at least this share of the page's usual line height


def line_box(ink, ws: list[dict]) -> list[int]:
    """[x0, top, x1, bottom] of the ink of one tesseract line (pixels)."""
    import numpy as np
    H, W = ink.shape
    x0 = max(0, min(w["left"] for w in ws))
    x1 = min(W, max(w["left"] + w["width"] for w in ws))
    h0 = median(w["height"] for w in ws)
    yc = median(w["top"] + w["height"] / 2 for w in ws)
    lo, hi = max(0, int(yc - BAND_SEARCH * h0)), min(H, int(yc + BAND_SEARCH * h0) + 1)
    if x1 <= x0 or hi <= lo:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    prof = ink[lo:hi, x0:x1].sum(axis=1)
    thr = max(3, BAND_INK * float(prof.max()))      # specks beside a line are a few pixels a row
    c = int(yc) - lo
    near = [r for r in range(max(0, c - int(BAND_CENTRE * h0)), min(len(prof), c + int(BAND_CENTRE * h0) + 1))
            if prof[r] >= thr]
    if not near:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    c = min(near, key=lambda r: abs(r - c))
    gap = max(2, int(BAND_GAP * h0))
    top, bottom = grow(prof, c, -1, thr, gap), grow(prof, c, 1, thr, gap)
    if bottom - top + 1 > BAND_TALL * h0:
        # a seal stamped over the line (its ring and strokes run on above and below the glyphs) carries the
        # band far beyond the engine's box, which holds the glyphs: the band is that box's height about its centre
        mid = int(yc) - lo
        top, bottom = max(top, mid - int(h0 / 2)), min(bottom, mid + int(h0 / 2))
    em = bottom - top + 1
    band = ink[lo + top:lo + bottom + 1]
    # tesseract's first or last word box can miss a glyph (口 of 口商品): take in ink that goes on the line
    reach = max(1, int(REACH * em))
    budget = REACH_BUDGET * em
    while x0 > 0 and budget > 0:
        a = max(0, x0 - reach)
        hit = np.nonzero(band[:, a:x0].sum(axis=0) >= 2)[0]
        if not hit.size:
            break
        budget -= x0 - (a + int(hit[0]))
        x0 = a + int(hit[0])
    budget = REACH_BUDGET * em
    while x1 < W and budget > 0:
        b = min(W, x1 + reach)
        hit = np.nonzero(band[:, x1:b].sum(axis=0) >= 2)[0]
        if not hit.size:
            break
        budget -= int(hit[-1]) + 1
        x1 = x1 + int(hit[-1]) + 1
    cols = band[:, x0:x1].sum(axis=0)
    xs = [i for i, v in enumerate(cols) if v >= 2]
    # ink runs along the line; a speck at either end (a dot of dust inside a word box) is not text
    runs: list[list[int]] = []
    for x in xs:
        if runs and x - runs[-1][1] <= RUN_JOIN_PX:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    def speck(r: list[int]) -> bool:       # narrow and light: a stroke of a glyph carries far more ink
        return r[1] - r[0] < SPECK_WIDTH * em and int(cols[r[0]:r[1] + 1].sum()) < SPECK_INK * em * em
    while len(runs) > 1 and speck(runs[0]) and runs[1][0] - runs[0][1] > SPECK_APART * em:
        runs.pop(0)
    while len(runs) > 1 and speck(runs[-1]) and runs[-1][0] - runs[-2][1] > SPECK_APART * em:
        runs.pop()
    if runs:
        x0, x1 = x0 + runs[0][0], x0 + runs[-1][1] + 1
    return [int(x0), int(lo + top), int(x1), int(lo + bottom + 1)]



def grow(prof, c: int, step: int, thr: float, gap: int) -> int:
    """The last row from ``c`` in direction ``step`` with ink (``prof`` >= ``thr``), crossing at most ``gap``
    empty rows: the edge of the line's band of ink."""
    edge, r, miss = c, c + step, 0
    while 0 <= r < len(prof) and miss <= gap:
        if prof[r] >= thr:
            edge, miss = r, 0
        else:
            miss += 1
        r += step
    return edge



_WORDLIKE = regex.compile(r"[\p{Han}\p{L}\p{N}]")


def is_speck(w: dict, ws: list[dict], usual_h: float = 0.0) -> bool:
    """Dust read as a mark: a tiny box standing apart from its line, with no letter or digit in it, or a lone
    Latin letter or digit tesseract is unsure of (a speck read as s)."""
    if _WORDLIKE.search(w["text"]) and not (len(w["text"]) == 1 and w["text"].isascii()
                                            and w.get("conf", 100) < SPECK_CONFIDENCE):
        return False      # tesseract's boxes of real Chinese chars can be tiny too (局 as 8 x 8 px)
    lb = w.get("lbox")
    em = max((lb[3] - lb[1]) if lb else w["height"], USUAL_HEIGHT * usual_h)
    if em <= 0 or w["width"] > DUST_SIZE * em or w["height"] > DUST_SIZE * em:
        return False
    i = ws.index(w)
    left = w["left"] - (ws[i - 1]["left"] + ws[i - 1]["width"]) if i > 0 else None
    right = ws[i + 1]["left"] - (w["left"] + w["width"]) if i + 1 < len(ws) else None
    gaps = [g for g in (left, right) if g is not None]
    return not gaps or min(gaps) > DUST_APART * em



def ink_colour(px, l, t, w, h) -> Optional[str]:
    """Mean colour of the dark (ink) pixels of a word box."""
    r = g = b = n = 0
    step = max(1, min(w, h) // 12)
    for y in range(t, t + h, step):
        for x in range(l, l + w, step):
            try:
                pr, pg, pb = px[x, y][:3]
            except IndexError:
                continue
            if pr + pg + pb < 540:     # not paper
                r, g, b, n = r + pr, g + pg, b + pb, n + 1
    if not n:
        return None
    return "#%02x%02x%02x" % (r // n, g // n, b // n)



# --- clean-up before recognition -------------------------------------------------------------------------

SEAL_RED = 60          # a seal's red: the red channel exceeds green and blue by this much
SEAL_TINT = 25         # inside a seal, a pixel this much redder than green and blue is the seal's ink
SEAL_GAP_MM = 3.0      # gaps in a seal's ring and strokes (a scan breaks them up) are closed up to this
SEAL_LIGHT = 0.4       # ... and at least this share of the paper's brightness in the red channel
SEAL_FILL = 0.4        # a seal's red covers at most this share of its box (a ring, a star, thin strokes)
SEAL_OTHER = 0.05      # ... and colours other than red cover less than this share of it (paper, black text)
SEAL_MIN_MM = 18.0     # a seal (or stamp) is at least this wide and high; red masthead lines are far wider than high
SEAL_SQUARE = 1.6      # ... and its box is no more than this much wider than high (or higher than wide)
PX_PER_MM = 1 / 25.4


def remove_seals(rgb, dpi: float):
    """The RGB page with red seals and stamps taken out: each red blob that is roughly as high as wide and at
    least SEAL_MIN_MM across is replaced by its brightest channel, where red ink is as light as paper and black
    text under the seal stays black.  Red mastheads and red rules (far wider than high) stay.  Returns
    (image, boxes [x0, top, x1, bottom] of the seals removed)."""
    import cv2
    import numpy as np
    from PIL import Image
    a = np.asarray(rgb.convert("RGB")).astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    red = (r - g > SEAL_RED) & (r - b > SEAL_RED)
    if red.sum() < 50:
        return rgb, []
    minpx = SEAL_MIN_MM * PX_PER_MM * dpi
    # a red rule (under a red masthead) touching a seal would make one wide blob of both: rules out first
    red0 = red.copy()
    red &= ~rule_mask(red, axes=(1,))
    k = max(3, int(SEAL_GAP_MM * PX_PER_MM * dpi))    # close the gaps between a seal's strokes and its ring
    blobs = cv2.dilate(red.astype(np.uint8), np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    out, removed = None, []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < minpx or h < minpx or max(w, h) > SEAL_SQUARE * min(w, h):
            continue
        if red[y:y + h, x:x + w].mean() > SEAL_FILL:      # a red area of a photo, not a ring of strokes
            continue
        box = a[y:y + h, x:x + w]
        other = ((box.max(axis=-1) - box.min(axis=-1)) > SEAL_RED) & ~red0[y:y + h, x:x + w]
        if other.mean() > SEAL_OTHER:                     # other colours around: a photo or a picture
            continue
        if out is None:
            out = np.asarray(rgb.convert("RGB")).copy()
        # inside the seal each pixel takes its brightest channel: red ink turns to paper, black text under
        # the seal (dark in every channel) stays
        # the whole box of the ring: the star and the name inside it may be blobs of their own
        blob = np.ones((h, w), dtype=bool)
        region = out[y:y + h, x:x + w]
        region[blob] = region[blob].max(axis=1, keepdims=True)
        rr = r[y:y + h, x:x + w]
        paper = float(np.percentile(rr[blob], 90))
        # the seal's own ink, dimmed by the scan, is paper; a pixel darker than that in the red channel too
        # is text under the seal (black mixed with red at a stroke's edge) and stays
        tinted = blob & (rr - g[y:y + h, x:x + w] > SEAL_TINT) & (rr - b[y:y + h, x:x + w] > SEAL_TINT) & \
            (rr >= SEAL_LIGHT * paper)
        region[tinted] = 255
        removed.append([int(x), int(y), int(x + w), int(y + h)])
    return (Image.fromarray(out) if out is not None else rgb), removed


PAPER_BLOCK = 0.04     # the paper's brightness is estimated over blocks this fraction of the page's longer side
PAPER_WHITE = 0.72     # after flattening, a pixel lighter than this fraction of the paper is paper (bleed-through)


def flatten_light(gray):
    """Uneven lighting and bleed-through taken out: the page divided by its paper brightness (a large grey
    closing of the image, which removes the text), then what is lighter than PAPER_WHITE of the paper —
    show-through of the reverse side, shading — set to white, the rest stretched to full contrast."""
    import cv2
    import numpy as np
    from PIL import Image
    a = np.asarray(gray.convert("L"))
    h, w = a.shape
    f = max(1, max(h, w) // 600)
    small = cv2.resize(a, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    k = max(3, int(PAPER_BLOCK * max(small.shape)) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    paper = cv2.GaussianBlur(paper, (k, k), 0)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    rel = a.astype(np.float32) / np.maximum(paper, 1.0)
    out = np.clip(rel / PAPER_WHITE, 0.0, 1.0)
    dark = out < 1.0
    if dark.any():                                # the darkest ink goes to black
        lo = float(np.percentile(out[dark], 2))
        if lo < 0.9:
            out = np.clip((out - lo) / (1.0 - lo), 0.0, 1.0)
    return Image.fromarray((out * 255).astype(np.uint8), "L")


TURN_RATIO = 1.5       # the column profile this much sharper than the row profile: the text runs vertically
TURN_STEP = 0.25       # degrees between the skews tried for each profile


def quarter_turned(gray, limit: float = MAX_SKEW) -> bool:
    """Is the page turned by 90 degrees (its text lines run up or down)?  Lines of horizontal text make the
    ink's row profile far more contrasted than its column profile; a turned page the other way round.  A
    skewed page smears the profile along its lines (a 2.8° skew moves a line's end two lines down), so
    each profile is taken at the skew, up to ``limit``, that makes it sharpest.  ``gray`` should have its
    lighting flattened (:func:`flatten_light`): a dark edge is no text."""
    import numpy as np
    from PIL import Image
    w, h = gray.size
    f = max(1, max(w, h) // 800)
    a = np.asarray(gray.convert("L").resize((max(1, w // f), max(1, h // f)))) < INK
    if a.sum() < 200:
        return False
    inv = Image.fromarray((a * 255).astype("uint8"))

    def sharp(p):
        nz = p.nonzero()[0]          # measured on the rows (columns) that hold ink: a narrow column is no handicap
        p = p[nz.min():nz.max() + 1].astype(np.float64)
        return float(((p - p.mean()) ** 2).mean() / (p.mean() ** 2 + 1e-9))
    rows = cols = 0.0
    for k in range(-int(limit / TURN_STEP), int(limit / TURN_STEP) + 1):
        r = np.asarray(inv.rotate(k * TURN_STEP, resample=Image.NEAREST, fillcolor=0)) > 0
        if not r.any():
            continue
        rows, cols = max(rows, sharp(r.sum(axis=1))), max(cols, sharp(r.sum(axis=0)))
    return cols > TURN_RATIO * rows


# --- ink no line took in ---------------------------------------------------------------------------------

UNREAD_COVER = 0.25       # ink this close (usual line heights) to a read line or word is that line's
UNREAD_HEIGHT = (0.4, 1.5)  # a piece of ink no line took in is a glyph when this high (usual line heights):
                          # lower is dust or a leader dot, higher a picture or a seal's rest
UNREAD_JOIN = 0.5         # pieces this close (usual line heights) on one row are one word (the digits of 12)
UNREAD_WIDTH = 4.0        # a word no wider than this (usual line heights): wider text the detection does see
UNREAD_ROW_GLYPH = (0.6, 1.2)  # a taller piece is a glyph when it stands on the band of a read line and is this high
                               # (its band's heights): a char of a letter-spaced heading (目　　录) read in part


def unread_pieces(inkmask, covered: list[list[int]], usual_h: float,
                  lines: list[list[int]] = ()) -> list[list[int]]:
    """Boxes [x0, top, x1, bottom] (pixels) of glyph-sized ink that no read line or word covers, pieces
    on one row joined into words, left to right and top to bottom.  The detection misses a short word
    standing alone at resolutions it is run at: the page number at the end of a 目录 line set apart from
    its leader dots, a 2 or a 17 in a page's margin; and a char of a heading set with wide spaces (目　　录)
    on the row of a read ``lines`` box, as high as that line's glyphs."""
    import cv2
    import numpy as np
    if usual_h <= 0:
        return []
    H, W = inkmask.shape
    m = inkmask.copy()
    pad = int(UNREAD_COVER * usual_h)
    for x0, t, x1, b in covered:
        m[max(0, t - pad):min(H, b + pad), max(0, x0 - pad):min(W, x1 + pad)] = False
    if not m.any():
        return []
    n, _, stats, _ = cv2.connectedComponentsWithStats(m.astype(np.uint8), connectivity=8)
    lo, hi = UNREAD_HEIGHT[0] * usual_h, UNREAD_HEIGHT[1] * usual_h
    # leader dots and dust (lower than a glyph, each on its own) join no word: a run of leaders would
    # join the page number after it and the bracket before it into a line the detection should have seen
    def on_row(x, y, w, h) -> bool:
        cy = y + h / 2
        return any(t <= cy <= b and UNREAD_ROW_GLYPH[0] * (b - t) <= h <= UNREAD_ROW_GLYPH[1] * (b - t)
                   and w <= UNREAD_ROW_GLYPH[1] * (b - t) for _, t, _, b in lines)
    comps = sorted([[int(x), int(y), int(x + w), int(y + h)] for x, y, w, h, _ in stats[1:]
                    if (lo <= h <= hi and w <= hi) or (h > hi and on_row(x, y, w, h))], key=lambda c: c[0])
    words: list[list[int]] = []
    join = UNREAD_JOIN * usual_h
    for c in comps:
        cy = (c[1] + c[3]) / 2
        for wd in reversed(words):
            same_row = wd[1] - join / 2 <= cy <= wd[3] + join / 2
            if same_row and c[0] - wd[2] <= join and max(wd[3], c[3]) - min(wd[1], c[1]) <= hi:
                wd[:] = [min(wd[0], c[0]), min(wd[1], c[1]), max(wd[2], c[2]), max(wd[3], c[3])]
                break
        else:
            words.append(list(c))
    # (a word is as high as its pieces allow: lo to hi already)
    out = [w for w in words if w[2] - w[0] <= UNREAD_WIDTH * usual_h]
    return sorted(out, key=lambda w: (w[1], w[0]))
