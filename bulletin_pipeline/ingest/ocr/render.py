"""A PDF page rendered for OCR, bounded in size and shape."""
from __future__ import annotations

MAX_SIDE_PX = 4000     # longest side of a rendered page (A4 at 200 dpi is 2339): a poster is read smaller
MIN_SIDE_PX = 24       # a page narrower than this (pixels at the OCR resolution) holds no line of text
MAX_ASPECT = 25.0      # nor does a page this many times longer than wide (a strip, a 1 x 20000 image)
SMALL_TEXT_SCALE = 0.5 # a page read at less than this share of the OCR resolution: its small print may be lost


class PageShapeError(ValueError):
    """A page that cannot hold readable text (a sliver, a strip)."""


def render_page(page, dpi: float):
    """(PIL image, pixels per point, warnings) of one pdfium page at ``dpi``, the longest side bounded by
    MAX_SIDE_PX; :class:`PageShapeError` for a page of a shape no text can have."""
    w, h = page.get_size()
    scale = dpi / 72.0
    warnings = []
    if min(w, h) * scale < MIN_SIDE_PX or max(w, h) / max(min(w, h), 1e-6) > MAX_ASPECT:
        raise PageShapeError(f"page of {w:.0f} x {h:.0f} pt is no page of text: not read")
    if max(w, h) * scale > MAX_SIDE_PX:      # a poster-sized page: read it at a lower resolution
        new = MAX_SIDE_PX / max(w, h)
        warnings.append(("ocr-large-page", f"page of {w:.0f} x {h:.0f} pt read at {new * 72:.0f} dpi"
                         + ("; small print may be lost" if new < SMALL_TEXT_SCALE * scale else "")))
        scale = new
    img = page.render(scale=scale).to_pil()
    return img, scale, warnings
