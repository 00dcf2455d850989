"""OCR for pages without a usable text layer.

A page goes through OCR when it has (almost) no chars, or when most of them are garbled ((cid:N), private-use
or replacement chars: a font without ToUnicode).  Per page (:func:`read_page`):

1. render (:mod:`.render`): the page image at ``dpi``, bounded in size; a page of an impossible shape is
   skipped with a warning;
2. clean up (:mod:`.ink`): red seals painted out, uneven lighting and bleed-through flattened, a page turned
   by 90 degrees turned back, skew measured and undone, ruled lines taken out (and kept as rules);
3. recognise (:mod:`.engine`): PP-OCR through RapidOCR by default (a page upside down is turned by it),
   tesseract optionally — lines of words with boxes and confidences;
4. measure (:mod:`.ink`): each line's band and extent on the ink, bold from stem width, colour from the
   original image, dust dropped;
5. repair (:mod:`.repair`): brackets, digits and marks; unsure characters inside an official name.

The words become Chars in PDF points, so the same layout stage reads them.  Engine output is cached by the
hash of the rendered image and the engine.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Callable, Optional

import regex

from ...errors import InputError
from ...model import Char, Issue, RawPage
from . import ink, repair
from .engine import ENGINES, EngineMissing, EngineSettings, OCRLine, available as engine_available, get_engine
from .ink import BOLD_STROKE, deskew_angle, rule_mask  # noqa: F401  (public names)
from .render import PageShapeError, render_page

_log = logging.getLogger(__name__)

CACHE_FORMAT = 35      # bump when the cached word records change meaning


@dataclass
class OCRConfig:
    enabled: bool = True
    engine: str = "rapidocr"       # rapidocr (PP-OCRv4) or tesseract
    lang: str = "chi_sim"          # tesseract's language
    dpi: int = 200                 # rendering resolution of a page for OCR
    min_chars: int = 10            # fewer chars than this on a page: OCR it
    max_garbled: float = 0.3       # a larger share of garbled chars: OCR it
    low_confidence: float = 60.0   # mean word confidence (0-100) below this: warn the editor
    no_text_confidence: float = 70.0   # a page whose lines are all read below this (0-100) holds no text (a photo)
    seal_confidence: float = 90.0  # a line inside a removed seal read below this (0-100) is the seal's rest
    name_confidence: float = 50.0  # a char read below this (0-100) inside a near-official name is restored
    settings: EngineSettings = field(default_factory=EngineSettings)
    cache_dir: Optional[Path] = None
    progress: Optional[bool] = None    # per-page progress on stderr; None: when stderr is a terminal
    # pages recognised at once, each by its own engine on its own core (0: one per core, at most MAX_WORKERS);
    # a batch, which runs files side by side, reads one page at a time
    workers: int = 0

    def cache(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir)
        base = os.environ.get("BULLETIN_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "bulletin_pipeline")
        return Path(base) / "ocr"


def available(lang: str = "chi_sim", engine: str = "rapidocr") -> bool:
    """Can ``engine`` run here (tesseract: with ``lang``)?"""
    return engine_available(engine, lang)


def needs_ocr(p: RawPage, cfg: OCRConfig) -> bool:
    return len(p.chars) < cfg.min_chars or p.garbled > cfg.max_garbled


def apply(raw: list[RawPage], path: Path, issue: Issue, cfg: OCRConfig | None = None, resources=None,
          on_page: Optional[Callable[[int, int], None]] = None) -> list[RawPage]:
    """OCR the pages of ``raw`` that need it (in place); warnings go to ``issue``.

    ``on_page(done, total)`` is told the progress: (0, total) before the first page is read, then after each
    page read (or skipped); ``total`` is the number of pages that need OCR.  With a callback the caller shows
    the progress (its own bar or spinner) and this function draws none; without one, a bar of its own on
    stderr when that is a terminal (``cfg.progress``)."""
    cfg = cfg or OCRConfig()
    todo = [p for p in raw if needs_ocr(p, cfg)]
    if not todo:
        return raw
    why = None
    if not cfg.enabled:
        why = "OCR is disabled"
    else:
        try:
            engine = get_engine(cfg.engine, cfg.settings, cfg.lang)
        except EngineMissing as e:
            why = e.message if hasattr(e, "message") else str(e)
    if why is not None:
        if len(todo) == len(raw):
            raise InputError("no-text", f"{path.name} has no usable text layer and {why}")
        for p in todo:
            issue.warn("ocr-unavailable", f"page has no usable text layer and {why}", page=p.number)
        return raw
    if resources is None:
        from ...lexicon import Resources
        resources = Resources()
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as e:        # pdfium raises its own PdfiumError and OSError alike
        if len(todo) == len(raw):
            raise InputError("no-text", f"{path.name} has no text layer and cannot be rendered for OCR: {e}") from e
        issue.warn("ocr-failed", f"the PDF cannot be rendered for OCR: {e}")
        return raw
    failed = 0
    progress = CallbackProgress(on_page, len(todo)) if on_page is not None else progress_bar(cfg, len(todo), path.name)
    reader = PageReader(doc, cfg, engine, resources)
    try:
        for p, result in reader.read_all(todo):
            progress.advance()
            if isinstance(result, PageShapeError):
                failed += 1
                issue.warn("ocr-skipped", str(result), page=p.number)
                continue
            if isinstance(result, Exception):       # one page that cannot be rendered or read: say so, go on
                failed += 1
                issue.warn("ocr-failed", f"OCR failed: {type(result).__name__}: {result}".splitlines()[0],
                           page=p.number)
                continue
            for code, msg in result.warnings:
                issue.warn(code, msg, page=p.number)
            p.chars, p.garbled, p.ocr = result.chars, 0.0, True
            if p.turned % 2:            # the text layer was read turned: OCR reads the page as displayed
                p.width, p.height = p.height, p.width
            p.turned = 0
            if result.turned in (90, 270):
                p.width, p.height = p.height, p.width
            p.hrules = result.hrules     # the rules separate bands (a 大事记 above a continuation tail)
            if result.conf is not None and result.conf < cfg.low_confidence and result.chars:
                issue.warn("ocr-low-confidence", f"OCR mean confidence {result.conf:.0f}", page=p.number)
    finally:
        progress.close()
        doc.close()
    if failed == len(raw):
        raise InputError("no-text", f"{path.name} has no text layer and OCR failed on every page")
    return raw


class NoProgress:
    def advance(self) -> None:
        pass

    def close(self) -> None:
        pass


class CallbackProgress:
    """Per-page progress told to a caller's ``on_page(done, total)``."""

    def __init__(self, on_page: Callable[[int, int], None], total: int):
        self._on_page, self._total, self._done = on_page, total, 0
        on_page(0, total)

    def advance(self) -> None:
        self._done += 1
        self._on_page(self._done, self._total)

    def close(self) -> None:
        pass


class PageProgress:
    """Per-page OCR progress on stderr (rich)."""

    def __init__(self, total: int, name: str):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        self._p = Progress(TextColumn("OCR {task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self._p.start()
        self._t = self._p.add_task(name, total=total)

    def advance(self) -> None:
        self._p.advance(self._t)

    def close(self) -> None:
        self._p.stop()


def progress_bar(cfg: OCRConfig, total: int, name: str):
    show = cfg.progress if cfg.progress is not None else sys.stderr.isatty()
    return PageProgress(total, name) if show and total > 1 else NoProgress()


@dataclass
class PageResult:
    chars: list[Char]
    conf: Optional[float]
    hrules: list
    turned: int = 0
    warnings: list = field(default_factory=list)


MAX_WORKERS = 4        # pages recognised at once at most (each engine holds its own models in memory)


class PageReader:
    """Reads the pages that need OCR, several at once when ``cfg.workers`` allows: PDFium (not thread-safe)
    renders one page at a time under a lock, each thread recognises with its own engine (ONNX Runtime and
    OpenCV work outside the GIL), and results come back in page order, so the issue is the same as when
    the pages are read one by one."""

    def __init__(self, doc, cfg: OCRConfig, engine, resources):
        import threading
        self.doc, self.cfg, self.resources = doc, cfg, resources
        self.engines = [engine]
        self.render_lock = threading.Lock()
        self.local = threading.local()

    def workers(self, pages: int) -> int:
        want = self.cfg.workers or min(os.cpu_count() or 1, MAX_WORKERS)
        return max(1, min(want, pages))

    def read_all(self, todo: list[RawPage]):
        """(page, PageResult or the exception that page raised), in page order."""
        n = self.workers(len(todo))
        if n == 1:
            for p in todo:
                yield p, self._one(p, self.engines[0])
            return
        first, rest = todo[0], todo[1:]
        yield first, self._one(first, self.engines[0])      # loads what every page needs, before threads share it
        from concurrent.futures import ThreadPoolExecutor
        self.engines += [get_engine(self.cfg.engine, self.cfg.settings, self.cfg.lang, slot=i) for i in range(1, n)]
        ex = ThreadPoolExecutor(max_workers=n, initializer=self._claim, initargs=(iter(self.engines),))
        try:
            yield from zip(rest, ex.map(self._threaded, rest))
        finally:
            ex.shutdown(wait=True, cancel_futures=True)

    def _claim(self, engines) -> None:
        self.local.engine = next(engines)

    def _threaded(self, p: RawPage):
        return self._one(p, self.local.engine)

    def _one(self, p: RawPage, engine):
        try:
            with self.render_lock:
                page = self.doc[p.number - 1]
                try:
                    rendered = render_page(page, self.cfg.dpi)
                finally:
                    page.close()
            return read_image(*rendered, self.cfg, engine, self.resources)
        except Exception as e:
            return e


def read_page(page, cfg: OCRConfig, engine, resources) -> PageResult:
    """OCR one pdfium page: chars in PDF points, mean confidence, horizontal rules, the turn applied."""
    return read_image(*render_page(page, cfg.dpi), cfg, engine, resources)


def read_image(img, scale: float, warnings: list, cfg: OCRConfig, engine, resources) -> PageResult:
    """OCR one rendered page image (``scale``: pixels per PDF point)."""
    key = hashlib.sha256(img.tobytes() + f"{img.size}{engine.name}{cfg.lang}{CACHE_FORMAT}".encode()).hexdigest()
    cache = cfg.cache() / f"{key}.json"
    found = None
    if cache.exists():
        try:
            found = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
    if not isinstance(found, dict) or "words" not in found:
        found = recognise(img, engine, scale * 72.0, cfg)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cache)
        except OSError as e:
            _log.warning("OCR cache not written: %s", e)
    warnings = warnings + [tuple(w) for w in found.get("warnings", [])]
    words = found["words"]
    confs = [w["conf"] for w in words if w["conf"] >= 0]
    hrules = [(x0 / scale, x1 / scale, y / scale) for x0, x1, y in found.get("hrules", [])]
    chars = to_chars(words, scale, found.get("engine", engine.name), resources, cfg)
    return PageResult(chars, (sum(confs) / len(confs) if confs else None), hrules, found.get("turn", 0), warnings)


def prepare(img, dpi: float, flatten: bool = True):
    """The page image cleaned for recognition: (grey image, RGB image turned the same way, turn in degrees,
    seal boxes, warnings).  A page turned by 90 degrees is turned back, red seals go, lighting is flattened."""
    warnings = []
    rgb = img.convert("RGB")
    turn = 0
    # the turn is told on the page without its seals and with its lighting flattened: a seal's ring and a
    # dark edge are no text, and either made a page read upright look turned
    clean, seals = ink.remove_seals(rgb, dpi)
    flat = ink.flatten_light(clean.convert("L"))
    if ink.quarter_turned(flat):
        turn = 90
        rgb = rgb.rotate(turn, expand=True)
        warnings.append(("ocr-page-turned", "the page was turned by 90 degrees; read upright"))
        clean, seals = ink.remove_seals(rgb, dpi)
        flat = ink.flatten_light(clean.convert("L"))
    if seals:
        warnings.append(("ocr-seal-removed", f"{len(seals)} red seal(s) or stamp(s) left out of the text"))
    # tesseract binarises by itself (Otsu) and reads worse from a flattened page
    gray = flat if flatten else clean.convert("L")
    return gray, rgb, turn, seals, warnings


def recognise(img, engine, dpi: float, cfg: OCRConfig) -> dict:
    """The engine's words on the cleaned, deskewed page, each with the geometry of its line measured from the
    ink, and the page's horizontal rules: {"words": [...], "hrules": [[x0, x1, y], ...], "turn": degrees,
    "engine": name, "warnings": [...]}, in pixels of the upright page.

    The engines' boxes are rough (tesseract's word boxes for Chinese may run over the next word or down into
    the next line; PP-OCR's are padded), so the line's height and extent are measured on the image: the band
    of ink rows around the words' median centre, and the first and last ink columns inside it."""
    import numpy as np
    from PIL import Image

    gray, rgb, turn, seals, warnings = prepare(img, dpi, flatten=engine.name != "tesseract")
    angle = deskew_angle(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        # the colour image is only sampled for the colour of the ink: the nearest pixel does (and keeps the
        # printed colours unmixed), at a twentieth of a bicubic turn's time
        rgb = rgb.rotate(angle, resample=Image.NEAREST, fillcolor=(255, 255, 255))
    # ruled lines (the rule between the columns, the header rule) are no text: engines put them into word
    # boxes and they would widen the lines measured on the ink
    a = np.asarray(gray).copy()
    hmask, vmask = rule_mask(a < ink.INK, axes=(1,)), rule_mask(a < ink.INK, axes=(0,))
    a[hmask | vmask] = 255
    hrules = ink.hrule_segments(hmask)
    gray = Image.fromarray(a)
    if hasattr(engine, "last_turn"):
        engine.last_turn = 0
    lines = engine.read(gray)
    if getattr(engine, "last_turn", 0) == 180:         # the engine found the page upside down and read it turned
        turn = (turn + 180) % 360
        a, rgb = np.ascontiguousarray(a[::-1, ::-1]), rgb.rotate(180)
        hrules = ink.hrule_segments(hmask[::-1, ::-1])
        H, W = a.shape
        seals = [[W - x1, H - y1, W - x0, H - y0] for x0, y0, x1, y1 in seals]
        warnings.append(("ocr-page-turned", "the page was upside down; read upright"))
    lines = _plausible(_outside_seals(lines, seals, cfg), cfg, warnings)
    words = _words(lines, engine.name)
    inkmask = a < ink.INK
    px = rgb.load()
    for w in words:
        w["color"] = ink.ink_colour(px, w["left"], w["top"], w["width"], w["height"])
    ink.split_wide_gaps(words)
    by_line: dict = {}
    for w in words:
        by_line.setdefault(tuple(w["line"]), []).append(w)
    strokes = {}
    boxes = {k: ink.line_box(inkmask, ws) for k, ws in by_line.items()}
    # the page's usual line height: a speck alone on its line must not be measured by itself
    usual_h = median([b[3] - b[1] for k, b in boxes.items() if len(by_line[k]) >= 3] or [0])
    _short_lines_on_rows(by_line, boxes)
    if hasattr(engine, "read_crop"):
        _read_unread_ends(engine, a, by_line, boxes)
        _read_faint_tails(engine, a, by_line, boxes)
        _read_unread_ink(engine, a, inkmask, by_line, boxes, usual_h, px)
    for k, ws in list(by_line.items()):
        box = boxes[k]
        for w in ws:
            w["lbox"] = box
        kept = [w for w in ws if not ink.is_speck(w, ws, usual_h)]
        if len(kept) < len(ws):            # dust gone: measure the line again without it
            by_line[k] = ws = kept
            if ws:
                box = ink.line_box(inkmask, ws)
                for w in ws:
                    w["lbox"] = box
        strokes[k] = ink.stroke(inkmask, box)
    words = [w for ws in by_line.values() for w in ws]
    # bold: strokes much wider than the page's usual ones (headings set in bold at the body size)
    usual = median([v for v in strokes.values() if v] or [0.0])
    for w in words:
        w["bold"] = bool(usual) and strokes[tuple(w["line"])] >= BOLD_STROKE * usual
    return {"words": words, "hrules": hrules, "turn": turn, "engine": engine.name,
            "warnings": [list(w) for w in warnings]}


UNREAD_EM = 0.6        # ink on a line this many line heights before its first read char was not read
UNREAD_CONFIDENCE = 30.0   # such ink is certainly printed, so a lower confidence (0-100) is taken for it


def _read_unread_ends(engine, gray, by_line: dict, boxes: dict) -> None:
    """A glyph at the start of a line that detection left out of the line's box (the ◎ before a 目录
    section, a bullet) but whose ink goes on the line: read it on its own and put it in front."""
    from PIL import Image
    for k, ws in by_line.items():
        x0, top, _x1, bottom = boxes[k]
        em = bottom - top
        first = ws[0]
        if em <= 0:
            continue
        faint = faint_glyph_start(gray, top, bottom, first["left"], em)
        if faint is not None and faint < x0:
            x0 = faint
        if first["left"] - x0 < UNREAD_EM * em:
            continue
        # read on its own; a lone mark is sometimes read only with the next char beside it (then taken off)
        y0, y1, left = max(0, top - em // 4), bottom + em // 4, max(0, x0 - em // 4)
        text, conf = engine.read_crop(Image.fromarray(gray[y0:y1, left:first["left"]]))
        text = text.strip()
        if not text or conf < UNREAD_CONFIDENCE:
            text, conf = engine.read_crop(Image.fromarray(gray[y0:y1, left:first["left"] + first["width"]]))
            text = text.strip()
            text = text[:-len(first["text"])].strip() if text.endswith(first["text"]) else ""
        if text and conf >= UNREAD_CONFIDENCE:
            ws.insert(0, {"text": text, "left": int(x0), "top": int(top), "width": int(first["left"] - x0),
                          "height": int(em), "conf": conf, "line": first["line"], "color": first.get("color")})


TAIL_MARKS = "）〕》」』”’)]］】。，、；：！？"   # thin marks a line may end with, too faint for detection
TAIL_HEIGHT = 0.45         # faint ink after a line's last char is a glyph when this high (line heights)


def faint_tail(gray, top: int, bottom: int, x_last: int, em: int) -> Optional[tuple[int, int]]:
    """(x0, x1) px of a glyph of faint ink just after a line's last read char, or None: the first run of
    faint columns within FAINT_REACH line heights whose ink stands TAIL_HEIGHT of the band high (a closing
    bracket; a speck is lower)."""
    import numpy as np
    b = min(gray.shape[1], x_last + int(FAINT_REACH * em))
    band = gray[max(0, top):bottom, x_last:b] < FAINT_INK
    if not band.size:
        return None
    runs: list[list[int]] = []
    for x in np.nonzero(band.sum(axis=0) >= 2)[0]:
        if runs and x - runs[-1][1] <= 2:
            runs[-1][1] = int(x)
        else:
            runs.append([int(x), int(x)])
    if runs and runs[0][0] <= 2:
        runs.pop(0)                      # the last char's own right edge
    if not runs:
        return None
    x0, x1 = runs[0]
    rows = np.nonzero(band[:, x0:x1 + 1].any(axis=1))[0]
    if rows[-1] - rows[0] + 1 < TAIL_HEIGHT * em:
        return None
    return x_last + x0, x_last + x1 + 1


def _read_faint_tails(engine, gray, by_line: dict, boxes: dict) -> None:
    """A thin mark ending a line (the ） of （下转第36页）) that detection left out and whose faint strokes the
    ink measure takes for a speck: the line's last char and the faint glyph after it are read together, and
    a closing mark read after that char goes on the line.  Nothing is taken where another line stands."""
    from PIL import Image
    for k, ws in by_line.items():
        _x0, top, _x1, bottom = boxes[k]
        em = bottom - top
        last = ws[-1]
        if em <= 0 or last["text"][-1:] in TAIL_MARKS:
            continue
        # searched from where the line's ink ends: the engine's box of the last char may take in the mark's edge
        end = min(last["left"] + last["width"], boxes[k][2])
        tail = faint_tail(gray, top, bottom, end, em)
        if tail is None:
            continue
        if any(j != k and b[0] < tail[1] and tail[0] < b[2] and b[1] < bottom and top < b[3] for j, b in boxes.items()):
            continue
        y0, y1 = max(0, top - em // 4), bottom + em // 4
        text, conf = engine.read_crop(Image.fromarray(gray[y0:y1, max(0, last["left"] - em // 4):tail[1] + em // 4]))
        text = text.strip()
        at = text.rfind(last["text"])          # (the crop may take in an edge of the char before)
        extra = text[at + len(last["text"]):].strip() if at >= 0 else ""
        if not extra or len(extra) > 2 or any(ch not in TAIL_MARKS for ch in extra) or conf < UNREAD_CONFIDENCE:
            continue
        ws.append({"text": extra, "left": int(tail[0]), "top": int(top), "width": int(tail[1] - tail[0]),
                   "height": int(em), "conf": conf, "line": last["line"], "color": last.get("color")})
        boxes[k] = [boxes[k][0], top, max(boxes[k][2], int(tail[1])), bottom]


SHORT_LINE_CHARS = 4      # a line of at most this many chars standing alone on a row (a page number) ...
SHORT_LINE_BAND = 0.85    # ... whose ink is less high than this share of the row's band is measured by the row
_HAN = regex.compile(r"\p{Han}")     # a Chinese char: its ink fills the band (a digit's does not)


def _row_of(boxes: dict, box: list[int], skip=None) -> Optional[list[int]]:
    """The band of the line beside ``box`` on its row: a line whose band holds the box's centre and that
    lies apart from it across the page, the nearest such; None when the box is alone on its row."""
    cy = (box[1] + box[3]) / 2
    rows = [b for k, b in boxes.items() if k != skip and b[1] <= cy <= b[3] and (b[2] <= box[0] or box[2] <= b[0])]
    return min(rows, key=lambda b: min(abs(b[0] - box[2]), abs(box[0] - b[2]))) if rows else None


def _band_on_row(text: str, box: list[int], boxes: dict, skip=None) -> Optional[list[int]]:
    """The band of the row a short reading of no Chinese char (a page number) sits on, when its own ink is
    lower than the row's; None otherwise (a Chinese char measures its own band, whatever stands beside)."""
    if len(text) > SHORT_LINE_CHARS or _HAN.search(text):
        return None
    row = _row_of(boxes, box, skip=skip)
    if row is None or box[3] - box[1] >= SHORT_LINE_BAND * (row[3] - row[1]):
        return None
    return [box[0], row[1], box[2], row[3]]


def _short_lines_on_rows(by_line: dict, boxes: dict) -> None:
    """A short line the engine read apart from the line on its row (a 目录 page number before or after its
    title) has its band measured on its own ink, and a digit's ink is lower and shorter than a Chinese
    char's: it would be taken for a row of its own, or for small print.  It takes the band of its row."""
    for k, ws in by_line.items():
        band = _band_on_row("".join(w["text"] for w in ws), boxes[k], boxes, skip=k)
        if band is not None:
            boxes[k] = band


UNREAD_INK_CONFIDENCE = 80.0   # ink no line took in is text only when read this surely (0-100): dust is not
UNREAD_INK_MAX = 24            # such words read on one page at most (each is one recognition)
# a reading that holds a char or a bracket (the ） of a 文号 wrapped onto a 目录 line of leaders), not
# marks alone (dust is read as 、 or ·)
_TEXTLIKE = regex.compile(r"[\p{Han}\p{L}\p{N}（）()〔〕［］\[\]【】《》]")


def _read_unread_ink(engine, gray, inkmask, by_line: dict, boxes: dict, usual_h: float, px) -> None:
    """Glyph-sized ink no line took in (:func:`ink.unread_pieces`: a 目录 page number apart from its
    leaders) read on its own; a sure reading becomes a line of its own, in the band of the line whose row it
    sits on (a digit's ink is lower than a Chinese char's, and a row is told by its band)."""
    from PIL import Image
    covered = list(boxes.values())
    covered += [[w["left"], w["top"], w["left"] + w["width"], w["top"] + w["height"]]
                for ws in by_line.values() for w in ws]
    pieces = ink.unread_pieces(inkmask, covered, usual_h, list(boxes.values()))[:UNREAD_INK_MAX]
    n = 1 + max((k[0] for k in by_line if k and isinstance(k[0], int)), default=-1)
    pad = max(2, int(usual_h / 4))
    H, W = gray.shape
    for x0, top, x1, bottom in pieces:
        crop = gray[max(0, top - pad):min(H, bottom + pad), max(0, x0 - pad):min(W, x1 + pad)]
        text, conf = engine.read_crop(Image.fromarray(crop))
        text = text.strip()
        if not _TEXTLIKE.search(text) or conf < UNREAD_INK_CONFIDENCE:
            continue
        band = _band_on_row(text, [x0, top, x1, bottom], boxes)
        if band is not None:
            top, bottom = band[1], band[3]
        key = (n,)
        n += 1
        by_line[key] = [{"text": text, "left": int(x0), "top": int(top), "width": int(x1 - x0),
                         "height": int(bottom - top), "conf": conf, "line": key,
                         "color": ink.ink_colour(px, x0, top, x1 - x0, bottom - top)}]
        boxes[key] = [int(x0), int(top), int(x1), int(bottom)]


FAINT_INK = 200        # grey level below which a pixel may be a thin stroke of a faint glyph (a ◎ scanned at
                       # 100 dpi and enlarged is light grey, all of it above ink.INK)
FAINT_REACH = 1.2      # line heights before a line's first read char searched for such a glyph
FAINT_GLYPH = (0.3, 0.5)   # the least width and height (line heights) of the faint ink taken for a glyph, not a speck


def faint_glyph_start(gray, top: int, bottom: int, x_first: int, em: int) -> Optional[int]:
    """The left edge (px) of a glyph of faint ink on the line band before its first read char, or None: the
    thin strokes of a mark the detection left out of the line and the ink measure does not see.  The faint
    ink is cut into runs of columns; the run touching the first char is that char's edge, a run narrower or
    lower than FAINT_GLYPH is a speck."""
    import numpy as np
    a = max(0, x_first - int(FAINT_REACH * em))
    band = gray[max(0, top):bottom, a:x_first] < FAINT_INK
    if not band.size:
        return None
    cols = np.nonzero(band.sum(axis=0) >= 2)[0]
    runs: list[list[int]] = []
    for x in cols:
        if runs and x - runs[-1][1] <= 2:
            runs[-1][1] = int(x)
        else:
            runs.append([int(x), int(x)])
    if runs and runs[-1][1] >= band.shape[1] - 3:
        runs.pop()                       # the first char's own left edge
    for x0, x1 in reversed(runs):
        rows = np.nonzero(band[:, x0:x1 + 1].any(axis=1))[0]
        if x1 - x0 + 1 >= FAINT_GLYPH[0] * em and rows[-1] - rows[0] + 1 >= FAINT_GLYPH[1] * em:
            return a + x0
    return None


def _outside_seals(lines: list[OCRLine], seals: list, cfg: OCRConfig) -> list[OCRLine]:
    """Lines read unsurely (below ``seal_confidence``) inside a removed seal's box are what is left of the
    seal (its rim, its star) or show-through, not text: dropped.  Text under a seal reads surely and stays."""
    if not seals:
        return lines

    def inside(ln: OCRLine) -> bool:
        cx = sum(p[0] for p in ln.polygon) / len(ln.polygon)
        cy = sum(p[1] for p in ln.polygon) / len(ln.polygon)
        return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in seals)
    return [ln for ln in lines if ln.conf >= cfg.seal_confidence or not inside(ln)]


MIN_TEXT_LINES = 3     # a page with fewer lines than this read confidently is checked for being a photo


def _plausible(lines: list[OCRLine], cfg: OCRConfig, warnings: list) -> list[OCRLine]:
    """The lines, or none when the page holds no text: nothing read, or only a few lines all read below
    ``no_text_confidence`` (a photo, a drawing, noise), so nothing is invented."""
    if not lines:
        warnings.append(("ocr-no-text", "no text found on the page"))
        return []
    sure = [ln for ln in lines if ln.conf >= cfg.no_text_confidence]
    if len(sure) < MIN_TEXT_LINES and all(ln.conf < cfg.no_text_confidence or len(ln.text) < 2 for ln in lines):
        warnings.append(("ocr-no-text", f"no text found on the page ({len(lines)} unsure reading(s) left out)"))
        return []
    return lines


def _words(lines: list[OCRLine], engine: str) -> list[dict]:
    """The engine's lines as word records (one per word, in line order) with the line's number."""
    out = []
    for n, ln in enumerate(lines):
        for w in ln.words:
            text = w.text.strip()
            if not text:
                continue
            x0, t, x1, b = w.box
            out.append({"text": text, "left": int(x0), "top": int(t), "width": int(max(1, x1 - x0)),
                        "height": int(max(1, b - t)), "conf": float(w.conf), "line": (n,)})
    return out


def to_chars(words: list[dict], scale: float, engine: str = "rapidocr", resources=None,
             cfg: OCRConfig | None = None) -> list[Char]:
    """Word records (pixels) -> Chars in PDF points, then the text repairs (tesseract's own ones only for
    its output)."""
    cfg = cfg or OCRConfig()
    chars: list[Char] = []
    # the engine's word order inside a line is the reading order; a word box that runs over the next word
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
        # the line's ends are where its ink ends, not where the engine's first and last boxes do
        # a line read across the page (wider than high): a column of glyphs read down the page has neither
        horizontal = lb[2] - lb[0] > lb[3] - lb[1]
        if horizontal:
            lb = _faint_ends(lb, w, right_of[k], first, last)
        left = lb[0] if first else min(max(w["left"], lb[0]), lb[2])
        right = lb[2] if last else min(max(right_of[k], left), lb[2])
        x0, width = left / scale, (right - left) / scale
        top, bottom = lb[1] / scale, lb[3] / scale
        if first:
            glyphs = (lb[3] - lb[1] - (_slant(words, k) if horizontal else 0.0)) / scale
        size = round(glyphs / repair.GLYPH_EM * 2) / 2
        weights = [0.5 if ord(ch) < 128 else 1.0 for ch in text]
        unit = width / sum(weights) if weights else width
        x = x0
        for ch, wt in zip(text, weights):
            cw = unit * wt
            chars.append(Char(ch, x, x + cw, top, bottom, size, "OCR-Bold" if w.get("bold") else "OCR",
                              w.get("color"), w.get("conf")))
            x += cw
    chars = repair.circle_marks(chars, line_starts)
    if engine == "tesseract":
        chars = repair.tesseract_repairs(chars, line_starts)
    # the repairs that read across a line break read the lines of each column in order
    seq = [chars[i] for i in repair.column_order(chars, line_starts)]
    seq = [c for c in repair.fix_brackets(seq) if c.text]
    if engine == "tesseract":
        # measured with PP-OCR on scans they were not written on (bench/ocr_repairs.py), the marks
        # repairs cost characters instead of saving them: they go with tesseract's misreadings
        seq = repair.fix_marks(seq)
    seq = repair.fix_numbers(seq)
    kept, had = {id(c) for c in seq}, {id(c) for c in chars}
    # the page's order stays (a bracket tesseract's repairs put back is new: it follows, placed by its box)
    chars = [c for c in chars if id(c) in kept] + [c for c in seq if id(c) not in had]
    if resources is not None:
        repair.restore_names(chars, official_names(resources), resources.is_word, cfg.name_confidence)
    return chars


FAINT_END_EM = 0.4        # a line's first (last) word read surely this many ink heights outside its ink box ...
FAINT_END_CONFIDENCE = 90.0   # ... with at least this confidence (0-100) is a glyph whose ink is too thin to measure
                              # (half of it for an opening mark, whose shape OCR often reads as another mark)
# opening marks, full-width and as OCR reads them (thin strokes the ink measure misses at a line's start)
OPENING_MARKS = "〔《（“〈【「『‘［[(〖"


def _faint_ends(lb: list, w: dict, right: float, first: bool, last: bool) -> list:
    """The line's ink box widened to its first or last word when that word was read surely well outside it: a
    thin glyph at a line's end (一, 〔, 《) has too little ink for the box's measure, and a line that lost its
    first char's width reads as indented (a new paragraph) or, at its end, as short."""
    em = lb[3] - lb[1]
    if w.get("conf") is None or w["conf"] < FAINT_END_CONFIDENCE * (0.5 if w["text"][:1] in OPENING_MARKS else 1) \
            or em <= 0:
        return lb
    x0, x1 = lb[0], lb[2]
    if first and w["left"] < lb[0] - FAINT_END_EM * em:
        x0 = w["left"]
    if last and right > lb[2] + FAINT_END_EM * em:
        x1 = right
    return lb if (x0, x1) == (lb[0], lb[2]) else [x0, lb[1], x1, lb[3]]


def _slant(words: list[dict], k: int) -> float:
    """Pixels a skewed line's glyphs rise or fall along it (the line opening at ``words[k]``): its ink
    band is that much taller than its glyphs, so a long line's size is not read larger than a short one's.
    The slope is fitted (least squares) to the centres of the line's words; a line of fewer than
    SLANT_MIN_WORDS words has none measured, and the slant never takes more than SLANT_MAX_SHARE of the band."""
    line = tuple(words[k]["line"])
    ws = [w for w in words[k:k + 400] if tuple(w["line"]) == line]
    lb = ws[0].get("lbox") or [ws[0]["left"], ws[0]["top"], ws[0]["left"] + ws[0]["width"],
                                ws[0]["top"] + ws[0]["height"]]
    if len(ws) < SLANT_MIN_WORDS:
        return 0.0
    xs = [w["left"] + w["width"] / 2 for w in ws]
    ys = [w["top"] + w["height"] / 2 for w in ws]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    if var <= 0:
        return 0.0
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var
    # each glyph stands upright in the band: the band grows by the rise between the first and last glyph
    return min(abs(slope) * (max(xs) - min(xs)), SLANT_MAX_SHARE * (lb[3] - lb[1]))


SLANT_MIN_WORDS = 4       # words a line needs before its slant is measured from them
SLANT_MAX_SHARE = 0.3     # share of a line's ink band its slant may take away at most


def official_names(resources) -> tuple[str, ...]:
    """Official names (canonical, aliases, collective units) of the gazetteer, longest first: the words an
    OCR correction may restore.  Kept on the Resources instance."""
    cache = resources.__dict__.setdefault("_ocr_names", None)
    if cache is None:
        d = resources.units
        names = set(d.get("collective", []))
        for u in d.get("units", []):
            names.add(u["canonical"])
            names.update(u.get("aliases", []))
        cache = resources.__dict__["_ocr_names"] = tuple(sorted((n for n in names if len(n) >= 4), key=len, reverse=True))
    return cache


__all__ = ["OCRConfig", "ENGINES", "available", "needs_ocr", "apply", "read_page", "recognise", "prepare",
           "to_chars", "official_names", "deskew_angle", "rule_mask", "BOLD_STROKE", "PageResult"]
