"""OCR speed per page: each engine on the same pages, CPU and wall seconds, and for PP-OCR where the time goes
(detection, direction classification, recognition, the rest: rendering, clean-up, geometry, repairs).

usage: nice python bench/ocr_speed.py [PDF] [--pages 1-5] [--engines rapidocr,tesseract] [--dpi 200]
                                      [--det-side 1600] [--rec-batch 1] [--rec-pad 0.35] [--no-fused]

No cache: every page is read.  On a machine shared with other work compare the CPU columns (wall time counts
the waits for a core).
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from bulletin_pipeline.ingest import ocr
from bulletin_pipeline.ingest.ocr import engine as engines
from bulletin_pipeline.lexicon import Resources

ROOT = Path(__file__).resolve().parents[1]
STAGES: dict = {}


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _timed(cls, stage: str) -> None:
    real = cls.__call__

    def call(self, *a, **k):
        t = cpu()
        try:
            return real(self, *a, **k)
        finally:
            STAGES[stage] = STAGES.get(stage, 0.0) + cpu() - t
    cls.__call__ = call


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", default=str(ROOT / "corpus" / "lcszfgb-2019-11-scan-p1-5.pdf"))
    ap.add_argument("--pages", default="1-5")
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--dpi", type=int, default=ocr.OCRConfig.dpi)
    ap.add_argument("--det-side", type=int, default=engines.EngineSettings.det_side)
    ap.add_argument("--rec-batch", type=int, default=engines.EngineSettings.rec_batch)
    ap.add_argument("--rec-pad", type=float, default=engines.EngineSettings.rec_pad)
    ap.add_argument("--no-fused", action="store_true")
    a = ap.parse_args()
    lo, _, hi = a.pages.partition("-")
    pages = range(int(lo), int(hi or lo) + 1)
    from rapidocr_onnxruntime.ch_ppocr_cls import TextClassifier
    from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    for cls, stage in ((TextDetector, "det"), (TextClassifier, "cls"), (TextRecognizer, "rec")):
        _timed(cls, stage)
    resources = Resources()
    doc = pdfium.PdfDocument(a.pdf)
    settings = engines.EngineSettings(det_side=a.det_side, rec_batch=a.rec_batch, rec_pad=a.rec_pad,
                                      fused=not a.no_fused)
    totals: dict = {}
    runs = []
    for name in a.engines.split(","):
        cfg = ocr.OCRConfig(engine=name, dpi=a.dpi, settings=settings, cache_dir=Path(tempfile.mkdtemp()), progress=False)
        runs.append((name, cfg, engines.get_engine(name, settings, cfg.lang)))
    for n in pages:            # the engines in turn on each page: both meet the same load of the machine
        for name, cfg, engine in runs:
            STAGES.clear()
            t, w = cpu(), time.perf_counter()
            result = ocr.read_page(doc[n - 1], cfg, engine, resources)
            c, w = cpu() - t, time.perf_counter() - w
            totals.setdefault(name, {})[n] = c
            parts = " ".join(f"{k} {v:.2f}" for k, v in STAGES.items())
            rest = f" rest {c - sum(STAGES.values()):.2f}" if STAGES else ""
            print(f"page {n:>3} {name:<10} cpu {c:6.2f}s wall {w:6.2f}s chars {len(result.chars):>5}  {parts}{rest}",
                  flush=True)
    for name, per in totals.items():
        print(f"{name:<10} cpu/page {sum(per.values()) / len(per):.2f}s")
    if {"rapidocr", "tesseract"} <= set(totals):
        r, t = totals["rapidocr"], totals["tesseract"]
        print("rapidocr / tesseract per page: " + " ".join(f"{r[n] / t[n]:.2f}" for n in r)
              + f"  overall {sum(r.values()) / sum(t.values()):.2f}")


if __name__ == "__main__":
    main()
