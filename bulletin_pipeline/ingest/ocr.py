"""OCR for pages without a usable text layer: tesseract ``chi_sim`` on the rendered page.

A page goes through OCR when it has (almost) no chars, or when most of them are garbled ((cid:N), private-use
or replacement chars: a font without ToUnicode).  Tesseract's words become Chars with boxes in PDF points, so
the same layout stage reads them; the page skew is measured from tesseract's own lines and taken out of
the coordinates; each word's colour is sampled from the image (red mastheads stay red).  Results are cached
by the hash of the rendered image.
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
    key = hashlib.sha256(img.tobytes() + f"{img.size}{cfg.lang}".encode()).hexdigest()
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


def _tesseract(img, lang: str) -> list[dict]:
    import pytesseract
    gray = img.convert("L")
    d = pytesseract.image_to_data(gray, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT)
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
    return words


def _ink_colour(px, l, t, w, h) -> Optional[str]:
    """Mean colour of the dark (ink) pixels of a word box."""
    r = g = b = n = 0
    step = max(1, min(w, h) // 12)
    for y in range(t, t + h, step):
        for x in range(l, l + w, step):
            pr, pg, pb = px[x, y][:3]
            if pr + pg + pb < 540:     # not paper
                r, g, b, n = r + pr, g + pg, b + pb, n + 1
    if not n:
        return None
    return "#%02x%02x%02x" % (r // n, g // n, b // n)


def _to_chars(words: list[dict], scale: float) -> list[Char]:
    slope = _skew(words)
    chars: list[Char] = []
    # one font size per tesseract line (glyph heights vary: 一 is flat), quantised to half points
    line_h: dict = {}
    for w in words:
        line_h.setdefault(tuple(w["line"]), []).append(w["height"])
    size_of = {k: median(v) for k, v in line_h.items()}
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
        x0, top = w["left"] / scale, w["top"] / scale
        width, height = (right_of[k] - w["left"]) / scale, w["height"] / scale
        # undo the page skew: rotate about the page origin by the measured slope
        cx = x0 + width / 2
        top -= slope * cx
        weights = [0.5 if ord(ch) < 128 else 1.0 for ch in text]
        unit = width / sum(weights) if weights else width
        # a CJK glyph box is a little smaller than the font size
        size = round(size_of[tuple(w["line"])] / scale / 0.88 * 2) / 2
        x = x0
        for ch, wt in zip(text, weights):
            cw = unit * wt
            chars.append(Char(ch, x, x + cw, top, top + height, size, "OCR", w.get("color"), w.get("conf")))
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
    _restore_names(chars)
    return chars


LOW_CONFIDENCE = 50.0


def _restore_names(chars: list[Char]) -> None:
    """A character tesseract was unsure of (confidence < 50) inside what is otherwise an official name of the
    gazetteer (著城市人民政府 -> 聊城市人民政府, 财城海关 -> 聊城海关) is restored to the name's character."""
    from ..data import lexicon
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
                    c.text = name[j]
                    text = text[:i] + name[j] + text[i + 1:]
                    fixed = True
                    break
            if fixed:
                break


def _skew(words: list[dict]) -> float:
    """Median slope (dy/dx) of tesseract's text lines: the page's skew."""
    lines: dict = {}
    for w in words:
        lines.setdefault(tuple(w["line"]), []).append(w)
    slopes = []
    for ws in lines.values():
        if len(ws) < 3:
            continue
        xs = [w["left"] + w["width"] / 2 for w in ws]
        ys = [w["top"] + w["height"] / 2 for w in ws]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx <= 0:
            continue
        s = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
        if abs(s) < 0.1:
            slopes.append(s)
    return median(slopes) if slopes else 0.0
