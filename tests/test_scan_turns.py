"""Pages of the bundled issue scanned turned by 90 degrees and skewed, or upright under uneven light: the turn
is told from the ink; and a faint thin mark ending a line is read (bench/make_scan.py makes the scans)."""
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bulletin_pipeline.ingest import ocr
from bulletin_pipeline.ingest.ocr.render import render_page
from conftest import CORPUS_PDF

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import make_scan  # noqa: E402

needs_rapidocr = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime is not installed")


def scanned(tmp_path, page: int, spoil, seed: int = 1) -> tuple:
    """The page (0-based) of the bundled issue scanned with ``spoil``, rendered as the OCR path renders it."""
    out = tmp_path / f"p{page}.pdf"
    make_scan.make(CORPUS_PDF, out, pages=[page], spoil=spoil, seed=seed)
    doc = pdfium.PdfDocument(str(out))
    try:
        img, scale, _ = render_page(doc[0], 200)
    finally:
        doc.close()
    return img, scale


def test_a_turned_page_skewed_by_almost_three_degrees_is_turned_back(tmp_path):
    # page 3 (two columns of a 进出口商品 plan), turned by 270 degrees on a scanner that also skewed it by 2.8 degrees: each
    # line runs two lines across, so the column profile at no skew is as smeared as the row profile
    img, scale = scanned(tmp_path, 2, make_scan.Spoil(angle=2.8, turn=270))
    assert ocr.prepare(img, scale * 72)[2] == 90


def test_an_upright_page_under_uneven_light_is_not_turned(tmp_path):
    # a 300 dpi scan whose light fades across the page: the dark edge counted as ink made the columns
    # look sharper than the rows, and the upright page was read turned
    img, scale = scanned(tmp_path, 5, make_scan.VARIED["light300"], seed=2)
    assert ocr.prepare(img, scale * 72)[2] == 0


@needs_rapidocr
def test_a_skewed_turned_page_is_read_upright(tmp_path):
    # page 3 turned by 90 degrees (upside down once turned back: the engine turns it again), skewed by
    # 2.8 degrees: its lines are read across the page
    from bulletin_pipeline.pipeline import RunConfig, load
    scan = tmp_path / "turned.pdf"
    make_scan.make(CORPUS_PDF, scan, pages=[2], spoil=make_scan.Spoil(angle=2.8, turn=90))
    raw, _ = load(scan, RunConfig(ocr=ocr.OCRConfig(cache_dir=tmp_path / "cache", workers=1)))
    chars = raw[0].chars
    text = "".join(c.text for c in chars)
    assert raw[0].width < raw[0].height              # the page stands upright again
    for phrase in ("建设质量安全风险监测点", "扎实提升风险评估能力"):
        at = text.find(phrase)
        assert at >= 0, phrase
        run = chars[at:at + len(phrase)]
        # read across the page: one row, left to right (a page read turned stacks them down the page)
        assert max(c.top for c in run) - min(c.top for c in run) < run[0].size
        assert all(a.x0 < b.x0 for a, b in zip(run, run[1:]))


@needs_rapidocr
def test_a_faint_closing_bracket_ending_a_line_is_read(tmp_path):
    # page 26 as a 150 dpi grey scan: the ） of （下转第36页） is two thin faint strokes after 页 that
    # detection leaves out and the ink measure takes for a speck; without it the continuation is not seen
    from bulletin_pipeline.pipeline import RunConfig, load
    scan = tmp_path / "p26.pdf"
    make_scan.make(CORPUS_PDF, scan, pages=[25])
    raw, _ = load(scan, RunConfig(ocr=ocr.OCRConfig(cache_dir=tmp_path / "cache", workers=1)))
    assert "（下转第36页）" in "".join(c.text for c in raw[0].chars)
