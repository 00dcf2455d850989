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

from ..errors import InputError
from ..model import Char, Issue, RawPage

_log = logging.getLogger(__name__)
_OCR_DASH = __import__("re").compile(r"(?<=\d)[一-](?=\d)")


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
                chars, conf = _ocr_page(doc[p.number - 1], p, cfg)
            except Exception as e:       # one page that cannot be rendered or read: say so, go on
                failed += 1
                issue.warn("ocr-failed", f"OCR failed: {type(e).__name__}: {e}".splitlines()[0], page=p.number)
                continue
            p.chars, p.garbled, p.ocr = chars, 0.0, True
            if conf is not None and conf < cfg.low_confidence:
                issue.warn("ocr-low-confidence", f"OCR mean word confidence {conf:.0f}", page=p.number)
    finally:
        doc.close()
    if failed == len(raw):
        raise InputError("no-text", f"{path.name} has no text layer and OCR failed on every page")
    return raw


def _ocr_page(page, raw: RawPage, cfg: OCRConfig) -> tuple[list[Char], Optional[float]]:
    scale = cfg.dpi / 72.0
    img = page.render(scale=scale).to_pil().convert("RGB")
    key = hashlib.sha256(img.tobytes() + f"{img.size}{cfg.lang}{CACHE_FORMAT}".encode()).hexdigest()
    cache = cfg.cache() / f"{key}.json"
    words = None
    if cache.exists():
        try:
            words = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            words = None
    if words is None:
        words = _tesseract(img, cfg.lang)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            tmp.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cache)
        except OSError as e:
            _log.warning("OCR cache not written: %s", e)
    confs = [w["conf"] for w in words if w["conf"] >= 0]
    return _to_chars(words, scale), (sum(confs) / len(confs) if confs else None)


CACHE_FORMAT = 2      # bump when the cached word records change meaning
INK = 160             # grey level below which a pixel is ink


def _tesseract(img, lang: str) -> list[dict]:
    """Tesseract's words on the deskewed page, each with the geometry of its line measured from the ink.

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
    d = pytesseract.image_to_data(gray, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT)
    ink = np.asarray(gray) < INK
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
    lines: dict = {}
    for w in words:
        lines.setdefault(tuple(w["line"]), []).append(w)
    strokes = {}
    for k, ws in lines.items():
        box = _line_box(ink, ws)
        strokes[k] = _stroke(ink, box)
        for w in ws:
            w["lbox"] = box
    # bold: strokes much wider than the page's usual ones (headings set in bold at the body size)
    usual = median([v for v in strokes.values() if v] or [0.0])
    for w in words:
        w["bold"] = bool(usual) and strokes[tuple(w["line"])] >= BOLD_STROKE * usual
    return [w for w in words if not _is_speck(w, lines[tuple(w["line"])])]


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
    H, W = ink.shape
    x0 = max(0, min(w["left"] for w in ws))
    x1 = min(W, max(w["left"] + w["width"] for w in ws))
    h0 = median(w["height"] for w in ws)
    yc = median(w["top"] + w["height"] / 2 for w in ws)
    lo, hi = max(0, int(yc - 1.5 * h0)), min(H, int(yc + 1.5 * h0) + 1)
    if x1 <= x0 or hi <= lo:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    prof = ink[lo:hi, x0:x1].sum(axis=1)
    thr = 3
    c = int(yc) - lo
    near = [r for r in range(max(0, c - int(0.3 * h0)), min(len(prof), c + int(0.3 * h0) + 1)) if prof[r] >= thr]
    if not near:
        return [x0, int(yc - h0 / 2), x1, int(yc + h0 / 2)]
    c = min(near, key=lambda r: abs(r - c))
    gap = max(2, int(0.12 * h0))
    top = bottom = c
    r, miss = c - 1, 0
    while r >= 0 and miss <= gap:
        if prof[r] >= thr:
            top, miss = r, 0
        else:
            miss += 1
        r -= 1
    r, miss = c + 1, 0
    while r < len(prof) and miss <= gap:
        if prof[r] >= thr:
            bottom, miss = r, 0
        else:
            miss += 1
        r += 1
    cols = ink[lo + top:lo + bottom + 1, x0:x1].sum(axis=0)
    xs = [i for i, v in enumerate(cols) if v >= 2]
    if xs:
        x0, x1 = x0 + xs[0], x0 + xs[-1] + 1
    return [int(x0), int(lo + top), int(x1), int(lo + bottom + 1)]


_WORDLIKE = __import__("regex").compile(r"[\p{Han}\p{L}\p{N}]")


def _is_speck(w: dict, ws: list[dict]) -> bool:
    """Dust read as punctuation: a tiny box with no letter or digit in it, standing apart from its line."""
    if _WORDLIKE.search(w["text"]):
        return False
    lb = w.get("lbox")
    em = (lb[3] - lb[1]) if lb else w["height"]
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
_DATE_PART = __import__("regex").compile(r"(?<=年\s*)([\d\]|lI丨]{1,3})(?=\s*月)|(?<=月\s*)([\d\]|lI丨]{1,3})(?=\s*日)")
_NUMBER_PART = __import__("regex").compile(r"(?<=[〕\]］)）]\s*)([\d\]|lI丨]{1,4})(?=\s*号)")


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
    for k, w in enumerate(words):
        text = w["text"]
        lb = w.get("lbox") or [w["left"], w["top"], w["left"] + w["width"], w["top"] + w["height"]]
        left = min(max(w["left"], lb[0]), lb[2])
        right = min(max(right_of[k], left), lb[2])
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
    # 〈 closed by ) is an opening parenthesis misread (〈2019年10月) -> （2019年10月)); 〈〉 pairs stay
    for i, c in enumerate(chars):
        if c.text == "〈":
            closer = next((d.text for d in chars[i + 1:i + 24] if d.text in "〉)）"), None)
            if closer in (")", "）"):
                c.text = "（"
    chars = _fix_ones(chars)
    _restore_names(chars)
    return chars


def _fix_ones(chars: list[Char]) -> list[Char]:
    """A 1 read as a bracket or bar inside a date or a 发文字号's number (2019年1]月, 〔2019〕1]号): it becomes 1
    when that gives a valid month, day or number; a stray bracket beside the digits (11]月) is dropped."""
    text = "".join(c.text if len(c.text) == 1 else "\0" for c in chars)
    drop: set[int] = set()
    for rx, limit in ((_DATE_PART, None), (_NUMBER_PART, 9999)):
        for m in rx.finditer(text):
            g = 1 if m.group(1) is not None else 2      # _DATE_PART: 1 = month, 2 = day
            span, start = m.group(g), m.start(g)
            if not any(ch in _ONE_LIKE for ch in span) or not any(ch.isdigit() for ch in span + "1"):
                continue
            top = limit or (12 if (rx is _DATE_PART and g == 1) else 31)
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
    text = "".join(c.text if len(c.text) == 1 else "\0" for c in chars)
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
