"""Make a simulated scan of a text PDF, to measure OCR on whole issues and on pages the OCR was not tuned on.

The scanned excerpt we were given (corpus/lcszfgb-2019-11-scan-p1-5.pdf) is 150 dpi 8-bit grey, turned by
about 0.4 degrees, with scattered specks and a slightly heavier stroke than a clean render.  This degrader
renders each page and spoils it the ways real scans are spoilt, each a parameter: resolution (100-300 dpi),
skew, blur, paper grain, sensor noise and dust, JPEG artefacts, bleed-through of the reverse side, uneven
lighting, grey, colour or bilevel (thresholded), red seals stamped over the text, and whole pages turned by 90
or 180 degrees.  It writes an image-only PDF, so the OCR path can be scored on the gold
(`../shared/eval/score.py`).

usage: python bench/make_scan.py PDF OUT.pdf [--dpi 150] [--angle -0.4] [--specks 0.0004] [--seed 1]
           [--pages 1-36] [--colour] [--blur 0.45] [--jpeg 0] [--bleed 0] [--light 0] [--seals 0] [--turn 0]
           [--noise 0] [--bilevel]
       python bench/make_scan.py PDF OUTDIR --set     (the varied set of bench/ocr_bench.py)
"""
from __future__ import annotations

import argparse
import io
from dataclasses import asdict, dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter


@dataclass
class Spoil:
    dpi: int = 150
    angle: float = -0.4        # skew, degrees
    specks: float = 0.0004     # share of pixels turned to dust
    blur: float = 0.45         # Gaussian blur radius (pixels at dpi)
    colour: bool = False       # a colour scan (red mastheads stay red); grey otherwise
    jpeg: int = 0              # JPEG quality of each page image (0: lossless)
    bleed: float = 0.0         # strength (0-1) of the reverse side showing through, mirrored
    light: float = 0.0         # strength (0-1) of uneven lighting: a dark edge fading across the page
    seals: int = 0             # red seals stamped on each page, over text (colour scans)
    turn: int = 0              # whole pages turned by this many degrees (0, 90, 180, 270)
    noise: float = 0.0         # standard deviation (grey levels) of sensor noise over the whole page
    bilevel: bool = False      # black and white only, thresholded at mid-grey (a fax or a bilevel office scanner)


# the varied set: independent of the excerpt's own look, both column layouts are in every issue
VARIED = {
    "grey150": Spoil(dpi=150, angle=0.6, specks=0.0008, blur=0.6),
    "grey100": Spoil(dpi=100, angle=-1.2, specks=0.0003, blur=0.4),
    "colour200": Spoil(dpi=200, angle=-0.3, colour=True, jpeg=35, bleed=0.25, seals=1, blur=0.5),
    "light300": Spoil(dpi=300, angle=2.5, light=0.55, bleed=0.15, blur=0.9, jpeg=60),
    "colour150-turned": Spoil(dpi=150, angle=-2.8, colour=True, seals=2, light=0.3, jpeg=50, turn=90),
    # other scanners' settings: a bilevel office scan, a low-quality JPEG, a skewed feed, a noisy sensor
    "bilevel300": Spoil(dpi=300, angle=0.3, specks=0.0005, blur=0.7, bilevel=True),
    "jpeg200": Spoil(dpi=200, angle=-0.5, blur=0.5, jpeg=20),
    "skew150": Spoil(dpi=150, angle=1.8, blur=0.5),
    "noise150": Spoil(dpi=150, angle=-0.6, specks=0.001, noise=14.0),
}


def _seal(size: int, rng: np.random.Generator) -> Image.Image:
    """A red round seal (ring, star, arc of characters-like strokes) on a transparent ground."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    red = (215, 30, 40, 200)
    w = max(2, size // 40)
    d.ellipse([w, w, size - w, size - w], outline=red, width=w * 2)
    c, r = size / 2, size * 0.13
    pts = [(c + r * np.cos(a) * (1 if k % 2 == 0 else 0.4), c - r * np.sin(a) * (1 if k % 2 == 0 else 0.4))
           for k, a in enumerate(np.linspace(np.pi / 2, np.pi / 2 + 2 * np.pi, 11)[:-1])]
    d.polygon(pts, fill=red)
    for k in range(14):             # the issuer's name along the rim, as short strokes
        a = np.pi * (0.15 + 0.7 * k / 13) + np.pi
        x, y = c + size * 0.33 * np.cos(a), c + size * 0.33 * np.sin(a)
        s = size * 0.05
        d.rectangle([x - s, y - s, x + s, y + s], outline=red, width=w)
        d.line([x - s, y, x + s, y], fill=red, width=w)
    d.line([c - size * 0.25, c + size * 0.22, c + size * 0.25, c + size * 0.22], fill=red, width=w)
    return im.rotate(float(rng.uniform(-30, 30)), resample=Image.BICUBIC)


def degrade(img: Image.Image, angle: float, specks: float, rng: np.random.Generator,
            colour: bool = False, spoil: Spoil | None = None, back: Image.Image | None = None) -> Image.Image:
    """One rendered page spoilt as a scan.  ``back``: the page printed on the reverse (for bleed-through)."""
    s = spoil or Spoil(angle=angle, specks=specks, colour=colour)
    rgb = img.convert("RGB")
    if s.bleed and back is not None:        # the reverse side, mirrored, shows through lightly
        b = np.asarray(back.convert("L").resize(rgb.size).transpose(Image.FLIP_LEFT_RIGHT)).astype(np.float32)
        a = np.asarray(rgb).astype(np.float32)
        a = np.minimum(a, (255 - (255 - b) * s.bleed)[..., None])
        rgb = Image.fromarray(a.astype(np.uint8))
    if s.seals:
        for _ in range(s.seals):
            size = int(s.dpi * 42 / 25.4)   # a 42 mm seal
            seal = _seal(size, rng)
            x = int(rng.uniform(0.1, 0.9) * rgb.width - size / 2)
            y = int(rng.uniform(0.15, 0.85) * rgb.height - size / 2)
            layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
            layer.paste(seal, (x, y), seal)
            # ink under the seal stays dark: multiply the seal onto the page
            a = np.asarray(rgb).astype(np.float32)
            L = np.asarray(layer).astype(np.float32)
            alpha = L[..., 3:4] / 255.0
            a = a * (1 - alpha) + (a * L[..., :3] / 255.0) * alpha
            rgb = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    chans = rgb.split() if s.colour else [rgb.convert("L")]
    out = []
    for ch in chans:
        g = ch.filter(ImageFilter.GaussianBlur(s.blur)) if s.blur else ch
        g = g.rotate(s.angle, resample=Image.BICUBIC, fillcolor=255)
        a = np.asarray(g).astype(np.float32)
        a = np.clip((a - 255) * 1.15 + 255, 0, 255)               # a little more ink, like toner
        out.append(a)
    grain = rng.normal(0, 3.0, out[0].shape)                        # paper grain
    n = int(s.specks * out[0].size)
    ys, xs = rng.integers(0, out[0].shape[0], n), rng.integers(0, out[0].shape[1], n)
    dust = rng.integers(20, 140, n)
    if s.light:                                                     # a dark edge fading across the page
        h, w = out[0].shape
        yy, xx = np.mgrid[0:h, 0:w]
        gx, gy = rng.uniform(-1, 1, 2)
        ramp = (gx * (xx / w - 0.5) + gy * (yy / h - 0.5))
        ramp = (ramp - ramp.min()) / max(1e-6, ramp.max() - ramp.min())
        shade = 1.0 - s.light * ramp
    if s.noise:
        grain = grain + rng.normal(0, s.noise, out[0].shape)
    for a in out:
        a += grain
        a[ys, xs] = dust
        if s.light:
            a *= shade
    arrs = [np.clip(a, 0, 255).astype(np.uint8) for a in out]
    if s.bilevel:
        arrs = [np.where(a < 128, 0, 255).astype(np.uint8) for a in arrs]
    im = Image.merge("RGB", [Image.fromarray(a, "L") for a in arrs]) if s.colour else Image.fromarray(arrs[0], "L")
    if s.bilevel and not s.colour:
        im = im.convert("1")
    if s.turn:
        im = im.rotate(s.turn, expand=True)
    if s.jpeg:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=s.jpeg)
        im = Image.open(io.BytesIO(buf.getvalue()))
        im.load()
    return im


def make(pdf, out, dpi: int = 150, angle: float = -0.4, specks: float = 0.0004, seed: int = 1,
         pages=None, colour: bool = False, spoil: Spoil | None = None) -> int:
    """Write the simulated scan of ``pdf`` (0-based ``pages``, all by default) to ``out``; returns the page count.
    ``spoil`` overrides the single parameters."""
    s = spoil or Spoil(dpi=dpi, angle=angle, specks=specks, colour=colour)
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(pdf))
    idx = list(pages if pages is not None else range(len(doc)))
    images = []
    for i in idx:
        page = doc[i].render(scale=s.dpi / 72).to_pil()
        back = None
        if s.bleed:          # the reverse side: the next page of the issue (the previous one for the last)
            j = i + 1 if i + 1 < len(doc) else max(0, i - 1)
            back = doc[j].render(scale=s.dpi / 72).to_pil()
        images.append(degrade(page, s.angle, s.specks, rng, s.colour, s, back))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=s.dpi, save_all=True, append_images=images[1:],
                   **({"quality": s.jpeg} if s.jpeg else {}))
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    return len(images)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf")
    ap.add_argument("out")
    for k, v in asdict(Spoil()).items():
        if isinstance(v, bool):
            ap.add_argument(f"--{k}", action="store_true")
        else:
            ap.add_argument(f"--{k}", type=type(v), default=v)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", default="", help="1-based range, e.g. 29-31")
    ap.add_argument("--set", action="store_true", help="write the varied set into the folder OUT")
    a = ap.parse_args()
    pages = None
    if a.pages:
        lo, _, hi = a.pages.partition("-")
        pages = range(int(lo) - 1, int(hi or lo))
    if a.set:
        from pathlib import Path
        Path(a.out).mkdir(parents=True, exist_ok=True)
        for name, s in VARIED.items():
            n = make(a.pdf, Path(a.out) / f"{name}.pdf", pages=pages, seed=a.seed, spoil=s)
            print(f"{a.out}/{name}.pdf: {n} pages, {s}")
        return
    s = Spoil(**{k: getattr(a, k) for k in asdict(Spoil())})
    n = make(a.pdf, a.out, pages=pages, seed=a.seed, spoil=s)
    print(f"{a.out}: {n} pages, {s}")


if __name__ == "__main__":
    main()
