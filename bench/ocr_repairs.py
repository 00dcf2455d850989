"""What each OCR text repair is worth: the character error rate of the scans of bench/ocr_bench.py with every
repair, and with each one left out in turn (engine output from the bench's cache, so this is cheap once the
bench has run).  A repair whose removal does not raise the CER on scans it was not written on does not pay.

usage: python bench/ocr_repairs.py [--scans DIR] [--engine rapidocr] [--pages 1-4]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from ocr_bench import page_texts  # noqa: E402

from bulletin_pipeline.ingest import ocr  # noqa: E402
from bulletin_pipeline.ingest.ocr import repair  # noqa: E402
from bulletin_pipeline.pipeline import RunConfig, load  # noqa: E402

REPAIRS = {
    "fix_marks": lambda cs, *_: cs,
    "fix_numbers": lambda cs, *_: cs,
    "circle_marks": lambda cs, *_: cs,
    "restore_names": lambda *_: None,
    "tesseract_repairs": lambda cs, *_: cs,
}


def cer(scan: Path, ref: list[str], engine: str, cache: Path) -> float:
    raw, _ = load(scan, RunConfig(ocr=ocr.OCRConfig(engine=engine, cache_dir=cache, progress=False)))
    hyp = page_texts(raw)
    return sum(Levenshtein.distance(h, r) for h, r in zip(hyp, ref)) / max(1, sum(len(r) for r in ref))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scans", default=str(ROOT / "outputs" / "scans"))
    ap.add_argument("--engine", default="rapidocr")
    ap.add_argument("--pages", default="1-4")
    a = ap.parse_args()
    scans = Path(a.scans)
    text = next(scans.glob(f"*-text-p{a.pages}.pdf"))
    ref = page_texts(load(text)[0])
    real_text = scans / "lcszfgb-2019-11-text-p1-5.pdf"
    jobs = [(s, ref) for s in sorted(scans.glob(f"*-p{a.pages}.pdf")) if "-text-" not in s.name]
    real = ROOT / "corpus" / "lcszfgb-2019-11-scan-p1-5.pdf"
    if real_text.exists():
        jobs.insert(0, (real, page_texts(load(real_text)[0])))
    print(f"{'scan':<44} {'all':>7} " + " ".join(f"{'-' + k:>18}" for k in REPAIRS))
    for scan, r in jobs:
        cache = scans / "cache" / f"{scan.stem}-{a.engine}"
        if not cache.exists():
            continue
        base = cer(scan, r, a.engine, cache)
        cols = []
        for name, off in REPAIRS.items():
            keep = getattr(repair, name)
            setattr(repair, name, off)
            try:
                cols.append(cer(scan, r, a.engine, cache) - base)
            finally:
                setattr(repair, name, keep)
        print(f"{scan.name:<44} {100 * base:6.2f}% " + " ".join(f"{100 * c:+17.2f}%" for c in cols), flush=True)


if __name__ == "__main__":
    main()
