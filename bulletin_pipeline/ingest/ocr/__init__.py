"""OCR for pages without a usable text layer: tesseract ``chi_sim`` on the rendered page.

A page goes through OCR when it has (almost) no chars, or when most of them are garbled ((cid:N), private-use
or replacement chars: a font without ToUnicode).  Tesseract's words become Chars with boxes in PDF points, so
the same layout stage reads them.  The page is deskewed before OCR (projection-profile angle); each line's
height and extent are measured on the ink, since tesseract's word boxes are rough for Chinese; dust read as
punctuation is dropped; each word's colour is sampled from the image (red mastheads stay red).  Results are
cached by the hash of the rendered image.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Optional

import regex

from ..errors import InputError
from ..model import Char, Issue, RawPage

_log = logging.getLogger(__name__)
_OCR_DASH = regex.compile(r"(?<=\d)[一-](?=\d)")


@dataclass
class OCRConfig:
    enabled: bool = True
    lang: str = "chi_sim"
    dpi: int = 200
    min_chars: int = 10            # fewer chars than this on a page: OCR it
    max_garbled: float = 0.3
    low_confidence: float = 60.0   # mean word confidence below this: warn the editor
    cache_dir: Optional[Path] = None

    def cache(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir)
        base = os.environ.get("BULLETIN_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "bulletin_pipeline")
        return Path(base) / "ocr"


def available(lang: str = "chi_sim") -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract
        return lang in pytesseract.get_languages(config="")
    except Exception:
        return False


def needs_ocr(p: RawPage, cfg: OCRConfig) -> bool:
    return len(p.chars) < cfg.min_chars or p.garbled > cfg.max_garbled


def apply(raw: list[RawPage], path: Path, issue: Issue, cfg: OCRConfig | None = None) -> list[RawPage]:
    cfg = cfg or OCRConfig()
    todo = [p for p in raw if needs_ocr(p, cfg)]
    if not todo:
        return raw
    if not cfg.enabled or not available(cfg.lang):
        why = "OCR is disabled" if not cfg.enabled else f"tesseract with '{cfg.lang}' is not installed"
        if len(todo) == len(raw):
            raise InputError("no-text", f"{path.name} has no usable text layer and {why}")
        for p in todo:
            issue.warn("ocr-unavailable", f"page has no usable text layer and {why}", page=p.number)
        return raw
    import pypdfium2 as pdfium
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")   # tesseract's OpenMP threads fight each other on small machines
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as e:
        if len(todo) == len(raw):
            raise InputError("no-text", f"{path.name} has no text layer and cannot be rendered for OCR: {e}") from e
        issue.warn("ocr-failed", f"the PDF cannot be rendered for OCR: {e}")
        return raw
    failed = 0
    try:
        for p in todo:
            try:
                chars, conf, hrules = _ocr_page(doc[p.number - 1], p, cfg)
            except Exception as e:       # one page that cannot be rendered or read: say so, go on
                failed += 1
                issue.warn("ocr-failed", f"OCR failed: {type(e).__name__}: {e}".splitlines()[0], page=p.number)
                continue
            p.chars, p.garbled, p.ocr = chars, 0.0, True
            p.hrules = hrules           # the rules separate bands (a 大事记 above a continuation tail)
            if conf is not None and conf < cfg.low_confidence:
                issue.warn("ocr-low-confidence", f"OCR mean word confidence {conf:.0f}", page=p.number)
    finally:
        doc.close()
    if failed == len(raw):
        raise InputError("no-text", f"{path.name} has no text layer and OCR failed on every page")
    return raw


def _ocr_page(page, raw: RawPage, cfg: OCRConfig) -> tuple[list[Char], Optional[float], list]:
    """Chars, mean word confidence and horizontal rules (x0, x1, y in points) of one page."""
    scale = cfg.dpi / 72.0
    w, h = page.get_size()
    if max(w, h) * scale > MAX_SIDE_PX:      # a poster-sized page: read it at a lower resolution
        scale = MAX_SIDE_PX / max(w, h)
    img = page.render(scale=scale).to_pil().convert("RGB")
    key = hashlib.sha256(img.tobytes() + f"{img.size}{cfg.lang}{CACHE_FORMAT}".encode()).hexdigest()
    cache = cfg.cache() / f"{key}.json"
    found = None
    if cache.exists():
        try:
            found = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
    if not isinstance(found, dict) or "words" not in found:
        found = _tesseract(img, cfg.lang)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            tmp.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cache)
        except OSError as e:
            _log.warning("OCR cache not written: %s", e)
    words = found["words"]
    confs = [w["conf"] for w in words if w["conf"] >= 0]
    hrules = [(x0 / scale, x1 / scale, y / scale) for x0, x1, y in found.get("hrules", [])]
    return _to_chars(words, scale), (sum(confs) / len(confs) if confs else None), hrules


MAX_SIDE_PX = 4000     # longest side of a rendered page (A4 at 200 dpi is 2339)
CACHE_FORMAT = 15      # bump when the cached word records change meaning
INK = 160             # grey level below which a pixel is ink


def _tesseract(img, lang: str) -> dict:
    """Tesseract's words on the deskewed page, each with the geometry of its line measured from the ink, and
    the page's horizontal rules: {"words": [...], "hrules": [[x0, x1, y], ...]} in pixels.

    Tesseract's LSTM word boxes are rough for Chinese (a box may run over the next word or down into the next
    line), so the line's height and extent are measured on the image: the band of ink rows around the words'
    median centre, and the first and last ink columns inside it."""
    import numpy as np
    import pytesseract
    from PIL import Image

    gray = img.convert("L")
    angle = deskew_angle(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    # ruled lines (the rule between the columns, the header rule) are no text: tesseract puts them into word
    # boxes and they would widen the lines measured on the ink
    a = np.asarray(gray).copy()
    hmask, vmask = rule_mask(a < INK, axes=(1,)), rule_mask(a < INK, axes=(0,))
    a[hmask | vmask] = 255
    hrules = _hrule_segments(hmask)
    gray = Image.fromarray(a)
    d = pytesseract.image_to_data(gray, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT)
    ink = a < INK
    px = img.load()
    words = []
    for i, text in enumerate(d["text"]):
        text = _OCR_DASH.sub("—", (text or "").strip())   # 2019一2020: a dash read as 一
        if not text:
            continue
        l, t, w, h = d["left"][i], d["top"][i], d["width"][i], d["height"][i]
        words.append({"text": text, "left": l, "top": t, "width": w, "height": h,
                      "conf": float(d["conf"][i]), "line": (d["block_num"][i], d["par_num"][i], d["line_num"][i]),
                      "color": _ink_colour(px, l, t, w, h)})
    _split_wide_gaps(words)
    lines: dict = {}
    for w in words:
        lines.setdefault(tuple(w["line"]), []).append(w)
    strokes = {}
    boxes = {k: _line_box(ink, ws) for k, ws in lines.items()}
    # the page's usual line height: a speck alone on its line must not be measured by itself
    usual_h = median([b[3] - b[1] for k, b in boxes.items() if len(lines[k]) >= 3] or [0])
    for k, ws in list(lines.items()):
        box = boxes[k]
        for w in ws:
            w["lbox"] = box
        kept = [w for w in ws if not _is_speck(w, ws, usual_h)]
        if len(kept) < len(ws):            # dust gone: measure the line again without it
            lines[k] = ws = kept
            if ws:
                box = _line_box(ink, ws)
                for w in ws:
                    w["lbox"] = box
        strokes[k] = _stroke(ink, box)
    words = [w for ws in lines.values() for w in ws]
    # bold: strokes much wider than the page's usual ones (headings set in bold at the body size)
    usual = median([v for v in strokes.values() if v] or [0.0])
    for w in words:
        w["bold"] = bool(usual) and strokes[tuple(w["line"])] >= BOLD_STROKE * usual
    return {"words": words, "hrules": hrules}


def _split_wide_gaps(words: list[dict]) -> None:
    """A tesseract line with a gap of 1.5 chars or more between two runs of three chars or more becomes
    several lines: on a short or turned page tesseract can run a line of the left column on into the right
    one, and each piece needs its own height.  A stray word box off to one side stays with its line."""
    by_line: dict = {}
    for w in words:
        by_line.setdefault(tuple(w["line"])[:3], []).append(w)
    for key, ws in by_line.items():
        h = median(w["height"] for w in ws)
        cuts = [i for i in range(1, len(ws))
                if ws[i]["left"] - (ws[i - 1]["left"] + ws[i - 1]["width"]) > 1.5 * h]
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


def _hrule_segments(mask) -> list[list[int]]:
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


def _stroke(ink, box: list[int]) -> float:
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
    runs = runs[runs < 0.5 * max(1, bottom - top)]
    return float(runs.mean()) if runs.size else 0.0


def rule_mask(ink, frac: float = 0.08, axes: tuple[int, ...] = (0, 1)):
    """Pixels of long straight ruled lines: vertical ink runs longer than ``frac`` of the page height (axis 0),
    horizontal ones longer than ``frac`` of its width (axis 1) (no glyph stroke is that long), widened by 2 px."""
    import numpy as np
    H, W = ink.shape
    mask = np.zeros_like(ink)
    for axis, length in ((0, int(frac * H)), (1, int(frac * W))):
        if axis not in axes or length < 2 or ink.shape[axis] <= length:
            continue
        a = ink.astype(np.int32)
        cs = np.cumsum(a, axis=axis)
        cs = np.concatenate([np.zeros_like(cs.take([0], axis=axis)), cs], axis=axis)
        n = ink.shape[axis]
        full = (cs.take(range(length, n + 1), axis=axis) - cs.take(range(0, n + 1 - length), axis=axis)) == length
        # a pixel is on a rule when some all-ink window of that length covers it
        fc = np.cumsum(full.astype(np.int32), axis=axis)
        fc = np.concatenate([np.zeros_like(fc.take([0], axis=axis)), fc], axis=axis)
        idx = np.arange(n)
        hi = np.minimum(idx, n - length)          # windows starting in [idx - length + 1, idx]
        lo = np.maximum(idx - length + 1, 0)
        covered = (fc.take(hi + 1, axis=axis) - fc.take(lo, axis=axis)) > 0
        mask |= covered
    if mask.any():
        grown = mask.copy()
        for shift in (-2, -1, 1, 2):
            grown |= np.roll(mask, shift, axis=0) | np.roll(mask, shift, axis=1)
        mask = grown
    return mask


def deskew_angle(gray, limit: float = 2.0) -> float:
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


def _line_box(ink, ws: list[dict]) -> list[int]:
    """[x0, top, x1, bottom] of the ink of one tesseract line (pixels)."""
    import numpy as np
    H, W = ink.shape
    x0 = max(0, min(w["left"] for w in ws))
    x1 = min(W, max(w["left"] + w["width"] for w in ws))
    h0 = median(w["height"] for w in ws)
    yc = median(w["top"] + w["height"] / 2 for w in ws)
    lo, hi = max(0, int(yc - 1.5 * h0)), min(H, int(yc + 1.5 * h0) + 1)
    if x1 <= x0 or hi <= lo:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    prof = ink[lo:hi, x0:x1].sum(axis=1)
    thr = max(3, 0.05 * float(prof.max()))      # specks beside a line are a few pixels a row
    c = int(yc) - lo
    near = [r for r in range(max(0, c - int(0.3 * h0)), min(len(prof), c + int(0.3 * h0) + 1)) if prof[r] >= thr]
    if not near:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    c = min(near, key=lambda r: abs(r - c))
    gap = max(2, int(0.12 * h0))
    top, bottom = _grow(prof, c, -1, thr, gap), _grow(prof, c, 1, thr, gap)
    em = bottom - top + 1
    band = ink[lo + top:lo + bottom + 1]
    # tesseract's first or last word box can miss a glyph (口 of 口商品): take in ink that goes on the line
    reach = max(1, int(0.6 * em))
    budget = 3 * em
    while x0 > 0 and budget > 0:
        a = max(0, x0 - reach)
        hit = np.nonzero(band[:, a:x0].sum(axis=0) >= 2)[0]
        if not hit.size:
            break
        budget -= x0 - (a + int(hit[0]))
        x0 = a + int(hit[0])
    budget = 3 * em
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
        if runs and x - runs[-1][1] <= 3:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    def speck(r: list[int]) -> bool:       # narrow and light: a stroke of a glyph carries far more ink
        return r[1] - r[0] < 0.25 * em and int(cols[r[0]:r[1] + 1].sum()) < 0.04 * em * em
    while len(runs) > 1 and speck(runs[0]) and runs[1][0] - runs[0][1] > 0.3 * em:
        runs.pop(0)
    while len(runs) > 1 and speck(runs[-1]) and runs[-1][0] - runs[-2][1] > 0.3 * em:
        runs.pop()
    if runs:
        x0, x1 = x0 + runs[0][0], x0 + runs[-1][1] + 1
    return [int(x0), int(lo + top), int(x1), int(lo + bottom + 1)]


def _grow(prof, c: int, step: int, thr: float, gap: int) -> int:
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


def _is_speck(w: dict, ws: list[dict], usual_h: float = 0.0) -> bool:
    """Dust read as a mark: a tiny box standing apart from its line, with no letter or digit in it, or a lone
    Latin letter or digit tesseract is unsure of (a speck read as s)."""
    if _WORDLIKE.search(w["text"]) and not (len(w["text"]) == 1 and w["text"].isascii()
                                            and w.get("conf", 100) < LOW_CONFIDENCE):
        return False      # tesseract's boxes of real Chinese chars can be tiny too (局 as 8 x 8 px)
    lb = w.get("lbox")
    em = max((lb[3] - lb[1]) if lb else w["height"], 0.8 * usual_h)
    if em <= 0 or w["width"] > 0.45 * em or w["height"] > 0.45 * em:
        return False
    i = ws.index(w)
    left = w["left"] - (ws[i - 1]["left"] + ws[i - 1]["width"]) if i > 0 else None
    right = ws[i + 1]["left"] - (w["left"] + w["width"]) if i + 1 < len(ws) else None
    gaps = [g for g in (left, right) if g is not None]
    return not gaps or min(gaps) > 0.5 * em


def _ink_colour(px, l, t, w, h) -> Optional[str]:
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


GLYPH_EM = 0.95       # ink height of a line of CJK text / its font size (calibrated on rendered pages)
_ONE_LIKE = "]|lI丨"
_DATE_PART = regex.compile(r"(?<=年\s*)([\d\]|lI丨]{1,3})(?=\s*月)|(?<=月\s*)([\d\]|lI丨]{1,3})(?=\s*日)")
_NUMBER_PART = regex.compile(r"(?<=[〕\]］)）]\s*)([\d\]|lI丨]{1,4})(?=\s*号)")


def _to_chars(words: list[dict], scale: float) -> list[Char]:
    chars: list[Char] = []
    # tesseract's word order inside a line is the reading order; a word box that runs over the next word
    # (权益 drawn across 的) is cut back to it, so splitting the word into chars never reorders them
    right_of: dict[int, float] = {}
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else None
        right = w["left"] + w["width"]
        if nxt is not None and tuple(nxt["line"]) == tuple(w["line"]) and w["left"] < nxt["left"] < right:
            right = nxt["left"]
        right_of[k] = right
    line_starts: list[int] = []
    for k, w in enumerate(words):
        text = w["text"]
        lb = w.get("lbox") or [w["left"], w["top"], w["left"] + w["width"], w["top"] + w["height"]]
        first = k == 0 or tuple(words[k - 1]["line"]) != tuple(w["line"])
        last = k + 1 == len(words) or tuple(words[k + 1]["line"]) != tuple(w["line"])
        if first:
            line_starts.append(len(chars))
        # the line's ends are where its ink ends, not where tesseract's first and last boxes do
        left = lb[0] if first else min(max(w["left"], lb[0]), lb[2])
        right = lb[2] if last else min(max(right_of[k], left), lb[2])
        x0, width = left / scale, (right - left) / scale
        top, bottom = lb[1] / scale, lb[3] / scale
        size = round((bottom - top) / GLYPH_EM * 2) / 2
        weights = [0.5 if ord(ch) < 128 else 1.0 for ch in text]
        unit = width / sum(weights) if weights else width
        x = x0
        for ch, wt in zip(text, weights):
            cw = unit * wt
            chars.append(Char(ch, x, x + cw, top, bottom, size, "OCR-Bold" if w.get("bold") else "OCR",
                              w.get("color"), w.get("conf")))
            x += cw
    # a dash between digits read as 一 (2019一2020), across word boundaries too
    for i in range(1, len(chars) - 1):
        if chars[i].text == "一" and chars[i - 1].text.isdigit() and chars[i + 1].text.isdigit():
            chars[i].text = "—"
    # a numbered item's dot read as a comma or colon at the start of a line: 10，强化… / 7:风险… -> 10.
    for i in line_starts:
        j = i
        while j < len(chars) and j - i < 2 and chars[j].text.isdigit():
            j += 1
        if i < j < len(chars) - 1 and chars[j].text in "，,:：" and _CJK.match(chars[j + 1].text):
            chars[j].text = "."
    chars = _fix_marks(chars)
    chars = _fix_ones(chars)
    _restore_names(chars)
    return chars


_CJK = regex.compile(r"\p{Han}")
_ARTICLE_GAP = regex.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}[条章节]$")
_NUMBER_COMMA = regex.compile(r"(?<![\d.．])\d{1,2}[.．]([，,])(?=\p{Han})")     # 2.，加强 -> 2.加强
_STRAY_DOT = regex.compile(r"(?<=[\p{Han}，。；：、;:,])[.．](?=[\p{Han}，。；：、;:,])")
_COUNTY = regex.compile(r"县[(（〈《]?市、区[)）〉》]?")


def _flat(chars: list[Char]) -> str:
    """The chars' text, one position per char (a multi-char reading stands as NUL), for regexes over a page."""
    return "".join(c.text if len(c.text) == 1 else "\0" for c in chars)


def _fix_marks(chars: list[Char]) -> list[Char]:
    """Brackets and marks as a Chinese gazette prints them, where tesseract reads them otherwise:
    ( ) beside Chinese text -> （ ）; 〈 or 《 closed by ) -> （ (〈2019年10月)); 各县市、区) -> 各县（市、区）;
    the wide space after 第一条 / 第二章 read as a quote, and after 1. read as a comma, is dropped."""
    def cjk(k: int) -> bool:
        return 0 <= k < len(chars) and bool(_CJK.match(chars[k].text))
    opened: list[str] = []
    for i, c in enumerate(chars):
        if c.text in "(（":
            if c.text == "(" and (cjk(i - 1) or cjk(i + 1)):
                c.text = "（"
            opened.append(c.text)
        elif c.text in ")）":
            opener = opened.pop() if opened else None
            if c.text == ")" and (cjk(i - 1) or opener == "（"):
                c.text = "）"
    for i, c in enumerate(chars):
        if c.text in "〈《":
            closer = next((d.text for d in chars[i + 1:i + 80] if d.text in "〉》)）"), None)
            if closer in (")", "）"):
                c.text = "（"
    text = _flat(chars)
    drop: set[int] = set()
    for i, c in enumerate(chars):
        if c.text in "“”\"'‘’" and _ARTICLE_GAP.search(text[max(0, i - 8):i]):
            if c.text != "“" or "”" not in text[i + 1:i + 40]:
                drop.add(i)
    for m in _NUMBER_COMMA.finditer(text):
        drop.add(m.start(1))
    for m in _STRAY_DOT.finditer(text):          # 效益.和服务, 牵头;.市: a speck read as a full stop
        drop.add(m.start())
    for i, c in enumerate(chars):
        if c.text in ":;：；" and i + 1 < len(chars) and chars[i + 1].text in ":;：；" and c.text != chars[i + 1].text:
            drop.add(i)                          # 责任单位;: -> 责任单位：
            chars[i + 1].text = "："
        elif c.text in ":;," and (cjk(i - 1) or cjk(i + 1)):
            c.text = {":": "：", ";": "；", ",": "，"}[c.text]
    out = [c for i, c in enumerate(chars) if i not in drop]
    # 各县（市、区）: the standard phrase with a bracket lost or misread
    text = _flat(out)
    for m in reversed(list(_COUNTY.finditer(text))):
        if m.group() == "县（市、区）":
            continue
        seg = out[m.start():m.end()]
        after = out[m.end()] if m.end() < len(out) else None
        real = {c.text: c for c in seg if c.text in "县市、区"}
        fixed: list[Char] = []
        for k, ch in enumerate("县（市、区）"):
            if ch in real:
                fixed.append(real[ch])
                continue
            # a bracket put back sits between its neighbours, so ordering by x keeps it in place
            prev = fixed[-1]
            nxt = next((real[n] for n in "县（市、区）"[k + 1:] if n in real), after)
            x = (prev.x0 + nxt.x0) / 2 if nxt is not None and nxt.x0 > prev.x0 else prev.x1
            fixed.append(Char(ch, x, x, prev.top, prev.bottom, prev.size, prev.font, prev.color, prev.conf))
        out[m.start():m.end()] = fixed
    return out


def _fix_ones(chars: list[Char]) -> list[Char]:
    """A 1 read as a bracket or bar inside a date or a 发文字号's number (2019年1]月, 〔2019〕1]号): it becomes 1
    when that gives a valid month, day or number; a stray bracket beside the digits (11]月) is dropped."""
    text = _flat(chars)
    drop: set[int] = set()
    for rx in (_DATE_PART, _NUMBER_PART):
        for m in rx.finditer(text):
            g = 1 if m.group(1) is not None else 2      # _DATE_PART: 1 = month, 2 = day
            span, start = m.group(g), m.start(g)
            if not any(ch in _ONE_LIKE for ch in span):
                continue
            top = 9999 if rx is _NUMBER_PART else (12 if g == 1 else 31)
            as_one = "".join("1" if ch in _ONE_LIKE else ch for ch in span)
            if as_one.isdigit() and 0 < int(as_one) <= top:
                for k, ch in enumerate(span):
                    if ch in _ONE_LIKE:
                        chars[start + k].text = "1"
            else:
                stripped = "".join(ch for ch in span if ch not in _ONE_LIKE)
                if stripped.isdigit() and 0 < int(stripped) <= top:
                    drop.update(start + k for k, ch in enumerate(span) if ch in _ONE_LIKE)
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


LOW_CONFIDENCE = 50.0


def _restore_names(chars: list[Char]) -> None:
    """A character tesseract was unsure of (confidence < 50) inside what is otherwise an official name of the
    gazetteer (著城市人民政府 -> 聊城市人民政府, 财城海关 -> 聊城海关) is restored to the name's character,
    unless the char makes a word with its neighbour outside the name (市政府文件 is not 市政府办 + 件)."""
    from ..data import is_word, lexicon
    text = _flat(chars)
    for i, c in enumerate(chars):
        if c.conf is None or c.conf >= LOW_CONFIDENCE or len(c.text) != 1:
            continue
        for name in lexicon():
            n = len(name)
            fixed = False
            for j in range(n):                      # the unsure char at position j of the name
                start = i - j
                if start < 0 or start + n > len(text):
                    continue
                window = text[start:start + n]
                if window[j] != name[j] and window[:j] == name[:j] and window[j + 1:] == name[j + 1:]:
                    if (j == 0 and is_word(text[i - 1:i + 1])) or (j == n - 1 and is_word(text[i:i + 2])):
                        continue
                    c.text = name[j]
                    text = text[:i] + name[j] + text[i + 1:]
                    fixed = True
                    break
            if fixed:
                break
