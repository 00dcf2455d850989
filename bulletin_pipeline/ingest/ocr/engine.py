"""OCR engines behind one interface: an image in, text lines with polygon boxes and confidences out.

``RapidOCREngine`` (PP-OCRv4 detection, direction classification and recognition run by ONNX Runtime; the
weights ship inside the ``rapidocr-onnxruntime`` wheel, nothing is downloaded) is the default;
``TesseractEngine`` (tesseract ``chi_sim``) is the optional second one.  Both return :class:`OCRLine` s whose
words carry boxes in pixels of the image they were given and confidences in 0..100.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from typing import Protocol

from ...errors import InputError

_log = logging.getLogger(__name__)

ENGINES = ("rapidocr", "tesseract")
# what to install when an engine is missing (one line to the user)
INSTALL = {"rapidocr": "pip install rapidocr-onnxruntime",
           "tesseract": "apt-get install tesseract-ocr tesseract-ocr-chi-sim (and pip install pytesseract)"}


@dataclass
class OCRWord:
    """A word (a single char for Chinese) in pixels: ``box`` = [x0, top, x1, bottom]; ``conf`` 0..100."""
    text: str
    box: list[int]
    conf: float


@dataclass
class OCRLine:
    """One line of text as the engine read it: its quadrilateral (4 points, pixels), its words, the mean
    confidence (0..100)."""
    text: str
    polygon: list[list[float]]
    conf: float
    words: list[OCRWord] = field(default_factory=list)


@dataclass
class EngineSettings:
    """Throughput settings.  ``threads``: ONNX Runtime threads per session (the machine's cores are shared by
    batch workers, so one thread each by default); ``det_side``: the longest side (px) detection runs at
    (recognition reads the lines from the full image; an A4 page at 200 dpi is detected at 137 dpi: on the
    real excerpt and the varied scans the same 目录 and fields as at RapidOCR's own 2000 px, in two thirds
    of the time; at 1280 a 目录 entry of a JPEG colour scan is lost); ``rec_batch``: lines recognised per
    batch (one at a time is the fastest on CPU: a batch's feature maps outgrow the cache, bench/ocr_speed.py);
    ``rec_pad``: share of a line's height added to its image above and below (in all) before recognition:
    the recogniser scales every line to 48 px high, so the glyphs are read smaller and the line shorter
    (recognition time goes with its length; bench/ocr_speed.py --rec-pad);
    ``fused``: run the models rewritten for CPU (:mod:`.fuse`, the same results); ``min_score``: lines read
    with a lower mean confidence (0..1) are dropped as noise."""
    threads: int = 1
    det_side: int = 1600
    rec_batch: int = 1
    rec_pad: float = 0.35
    fused: bool = True
    min_score: float = 0.5


class OCREngine(Protocol):
    name: str

    def read(self, image) -> list[OCRLine]:
        """The lines of text in ``image`` (PIL grey or RGB), in reading order of the engine."""


class EngineMissing(InputError):
    def __init__(self, engine: str, why: str = ""):
        super().__init__("ocr-unavailable", f"OCR engine '{engine}' is not installed: {INSTALL[engine]}"
                         + (f" ({why})" if why else ""))
        self.engine = engine


def available(name: str = "rapidocr", lang: str = "chi_sim") -> bool:
    """Can the engine ``name`` run here?"""
    if name == "tesseract":
        if shutil.which("tesseract") is None:
            return False
        try:
            import pytesseract
            return lang in pytesseract.get_languages(config="")
        except (ImportError, OSError, RuntimeError) as e:
            _log.debug("tesseract unavailable: %s", e)
            return False
    if name == "rapidocr":
        try:
            import onnxruntime  # noqa: F401
            import rapidocr_onnxruntime  # noqa: F401
        except ImportError:
            return False
        return True
    raise ValueError(f"unknown OCR engine {name!r} (one of {', '.join(ENGINES)})")


_ENGINES: dict = {}      # engine instances of this process (the ONNX sessions take a second to build)


def get_engine(name: str = "rapidocr", settings: EngineSettings | None = None, lang: str = "chi_sim",
               slot: int = 0) -> OCREngine:
    """The engine ``name``, built once per process, settings and ``slot`` (pages read at once each use their
    own: an engine keeps state per page); :class:`EngineMissing` when not installed."""
    settings = settings or EngineSettings()
    key = (name, settings.threads, settings.det_side, settings.rec_batch, settings.rec_pad, settings.fused,
           settings.min_score, lang, slot)
    if key not in _ENGINES:
        if not available(name, lang):
            raise EngineMissing(name)
        _ENGINES[key] = RapidOCREngine(settings) if name == "rapidocr" else TesseractEngine(lang)
    return _ENGINES[key]


def _providers() -> tuple[bool, list[str]]:
    """(use CUDA, providers): onnxruntime-gpu's CUDA provider when it is installed, the CPU otherwise."""
    import onnxruntime
    have = onnxruntime.get_available_providers()
    return "CUDAExecutionProvider" in have, have


class RapidOCREngine:
    """PP-OCRv4 through RapidOCR.  Detection, then the direction classifier on a sample of lines (a page
    upside down is turned and read again), then recognition with a box and a confidence per char."""
    name = "rapidocr"

    def __init__(self, settings: EngineSettings | None = None):
        from rapidocr_onnxruntime import RapidOCR
        self.settings = s = settings or EngineSettings()
        cuda, _ = _providers()
        self._ocr = RapidOCR(intra_op_num_threads=s.threads, inter_op_num_threads=1,
                             det_limit_type="max", det_limit_side_len=s.det_side, rec_batch_num=s.rec_batch, det_use_cuda=cuda, cls_use_cuda=cuda, rec_use_cuda=cuda,
                             text_score=s.min_score)
        _rebuild_sessions(self._ocr, s.fused)
        _limit_detection(self._ocr.text_det, s.det_side)
        self.last_turn = 0      # 180 when the last page read was upside down (and was read turned)

    def upside_down(self, bgr, boxes) -> bool:
        """Do most of a sample of lines read as turned by 180 degrees?"""
        crops = self._ocr.get_crop_img_list(bgr, boxes[:: max(1, len(boxes) // UPSIDE_SAMPLE)][:UPSIDE_SAMPLE])
        _, cls, _ = self._ocr.text_cls([c.copy() for c in crops])
        turned = sum(1 for label, score in cls if label == "180" and score >= 0.9)
        return turned > len(cls) / 2

    def detect(self, image):
        import numpy as np
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        boxes, _ = self._ocr.auto_text_det(bgr)
        return bgr, ([] if boxes is None else boxes)

    def read_crop(self, image) -> tuple[str, float]:
        """Recognition alone on a small image holding one piece of a line: (text, confidence 0..100)."""
        import numpy as np
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        rec, _ = self._ocr.text_rec([bgr], False)
        return (str(rec[0][0]), 100.0 * float(rec[0][1])) if rec else ("", 0.0)

    def read(self, image, turned: bool = False) -> list[OCRLine]:
        bgr, boxes = self.detect(image)
        if not len(boxes):
            return []
        if not turned and self.upside_down(bgr, boxes):
            self.last_turn = 180
            return self.read(image.rotate(180), turned=True)
        crops = self._ocr.get_crop_img_list(bgr, boxes)
        rec, _ = self._ocr.text_rec([pad_line(c, self.settings.rec_pad) for c in crops], True)
        rec = self._ocr.cal_rec_boxes(crops, boxes, rec)     # char boxes along the unpadded lines
        lines = []
        for box, r in zip(boxes, rec):
            text, score = r[0], float(r[1])
            if not text or score < self.settings.min_score:
                continue
            words = []
            if len(r) >= 5 and r[2]:
                for wbox, wtext, wconf in zip(r[2], r[3], r[4] if len(r) > 4 else []):
                    xs, ys = [p[0] for p in wbox], [p[1] for p in wbox]
                    words.append(OCRWord(wtext, [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))],
                                         100.0 * float(wconf)))
            if "".join(w.text for w in words) != text:       # no usable char boxes: one word for the line
                xs, ys = [p[0] for p in box], [p[1] for p in box]
                words = [OCRWord(text, [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))], 100.0 * score)]
            lines.append(OCRLine(text, [[float(x), float(y)] for x, y in box], 100.0 * score, words))
        return lines


def pad_line(crop, share: float):
    """The image of one line with ``share`` of its height added, half above and half below (edge rows
    repeated: the paper around the line)."""
    if share <= 0:
        return crop
    import cv2
    p = int(round(crop.shape[0] * share / 2))
    return cv2.copyMakeBorder(crop, p, p, 0, 0, cv2.BORDER_REPLICATE) if p else crop


UPSIDE_SAMPLE = 15     # lines the direction classifier looks at to tell a page upside down


def _limit_detection(det, side: int) -> None:
    """Detection at ``side`` px on the longest side: RapidOCR 1.4 takes ``det_limit_side_len`` only with the
    "min" limit and, with "max", picks 960, 1500 or 2000 by the image's size (2000 for every page at 200 dpi)."""
    try:
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess
    except ImportError as e:          # another RapidOCR layout: its own choice stays
        _log.debug("detection size left to RapidOCR: %s", e)
        return
    if not all(hasattr(det, k) for k in ("get_preprocess", "mean", "std")):
        return
    det.get_preprocess = lambda max_wh: DetPreProcess(side, "max", det.mean, det.std)


def _rebuild_sessions(ocr, fused: bool = True) -> None:
    """RapidOCR builds its ONNX sessions without the CPU memory arena; with it recognition of lines of
    varying width runs about a fifth faster.  Rebuild the recognition session with it (detection's stays
    without: its arena would keep a whole page's largest tensors, half a GB an engine, and a 5-page scan
    would need 2.5 GB of address space), all sessions on the models rewritten for CPU
    (:func:`.fuse.fused_path`) when ``fused``; same providers, same thread counts."""
    import onnxruntime as ort
    from .fuse import fused_path
    for part in (ocr.text_det, ocr.text_cls, ocr.text_rec):
        holder = getattr(part, "infer", None) or getattr(part, "session", None)
        sess = getattr(holder, "session", None)
        if sess is None:
            continue
        try:
            opts = ort.SessionOptions()
            opts.enable_cpu_mem_arena = part is ocr.text_rec      # (see above)
            opts.log_severity_level = 4
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            old = sess.get_session_options()
            opts.intra_op_num_threads = old.intra_op_num_threads
            opts.inter_op_num_threads = old.inter_op_num_threads
            model = fused_path(sess._model_path) if fused else sess._model_path
            holder.session = ort.InferenceSession(str(model), opts, providers=sess.get_providers())
        except (AttributeError, RuntimeError, ValueError) as e:     # keep RapidOCR's own session
            _log.debug("ONNX session kept as built: %s", e)


class TesseractEngine:
    """Tesseract ``chi_sim`` (LSTM), page segmentation mode 3.  Its words are tesseract's word boxes."""
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim"):
        self.lang = lang
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")   # tesseract's OpenMP threads fight each other on small machines

    def read(self, image) -> list[OCRLine]:
        import pytesseract
        d = pytesseract.image_to_data(image.convert("L"), lang=self.lang, config="--psm 3",
                                      output_type=pytesseract.Output.DICT)
        lines: dict = {}
        for i, text in enumerate(d["text"]):
            text = (text or "").strip()
            if not text:
                continue
            l, t, w, h = d["left"][i], d["top"][i], d["width"][i], d["height"][i]
            key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
            lines.setdefault(key, []).append(OCRWord(text, [l, t, l + w, t + h], float(d["conf"][i])))
        out = []
        for ws in lines.values():
            x0, y0 = min(w.box[0] for w in ws), min(w.box[1] for w in ws)
            x1, y1 = max(w.box[2] for w in ws), max(w.box[3] for w in ws)
            confs = [w.conf for w in ws if w.conf >= 0]
            out.append(OCRLine("".join(w.text for w in ws), [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
                               sum(confs) / len(confs) if confs else -1.0, ws))
        return out
