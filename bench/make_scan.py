"""Make a simulated scan of a text PDF, to measure OCR on a whole issue.

The scanned excerpt we were given (corpus/lcszfgb-2019-11-scan-p1-5.pdf) is 150 dpi 8-bit grey, turned by
about 0.4 degrees, with scattered specks and a slightly heavier stroke than a clean render.  This script
renders every page of PDF the same way and writes an image-only PDF, so the OCR path can be scored on the
full gold (`../shared/eval/score.py`) and not only on five pages.

usage: python bench/make_scan.py PDF OUT.pdf [--dpi 150] [--angle -0.4] [--specks 0.0004] [--seed 1]
                                  [--pages 1-36] [--colour]
"""
from __future__ import annotations

import argparse
import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


def degrade(img: Image.Image, angle: float, specks: float, rng: np.random.Generator,
            colour: bool = False) -> Image.Image:
    if colour:       # a colour scan: the same blur, turn, toner and dust on each channel
        return Image.merge("RGB", [degrade(ch, angle, specks, rng) for ch in img.convert("RGB").split()])
    grey = img.convert("L").filter(ImageFilter.GaussianBlur(0.45))
    grey = grey.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    a = np.asarray(grey).astype(np.float32)
    a = np.clip((a - 255) * 1.15 + 255, 0, 255)               # a little more ink, like toner
    a += rng.normal(0, 3.0, a.shape)                          # paper grain
    n = int(specks * a.size)
    ys, xs = rng.integers(0, a.shape[0], n), rng.integers(0, a.shape[1], n)
    a[ys, xs] = rng.integers(20, 140, n)                      # dust
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def make(pdf, out, dpi: int = 150, angle: float = -0.4, specks: float = 0.0004, seed: int = 1,
         pages=None, colour: bool = False) -> int:
    """Write the simulated scan of ``pdf`` (0-based ``pages``, all by default) to ``out``; returns the page count."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(pdf))
    images = [degrade(doc[i].render(scale=dpi / 72).to_pil(), angle, specks, rng, colour)
              for i in (pages if pages is not None else range(len(doc)))]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    return len(images)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf")
    ap.add_argument("out")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--angle", type=float, default=-0.4)
    ap.add_argument("--specks", type=float, default=0.0004)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", default="", help="1-based range, e.g. 29-31")
    ap.add_argument("--colour", action="store_true", help="a colour scan (red mastheads stay red)")
    a = ap.parse_args()
    pages = None
    if a.pages:
        lo, _, hi = a.pages.partition("-")
        pages = range(int(lo) - 1, int(hi or lo))
    n = make(a.pdf, a.out, a.dpi, a.angle, a.specks, a.seed, pages, a.colour)
    print(f"{a.out}: {n} pages at {a.dpi} dpi, angle {a.angle}, specks {a.specks}")


if __name__ == "__main__":
    main()
