"""OCR of scanned pages (tesseract chi_sim), feeding the same layout and structure stages."""
import pytest

from bulletin_pipeline.errors import InputError
from bulletin_pipeline.ingest import ocr
from bulletin_pipeline.pipeline import RunConfig, run

from conftest import SCAN_PDF

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed")


@needs_tesseract
def test_scanned_excerpt_is_read(tmp_path):
    issue, pages = run(SCAN_PDF, RunConfig(ocr=ocr.OCRConfig(cache_dir=tmp_path)))
    assert all(p.ocr for p in pages)
    # where tesseract misses the printed page number, the physical page stands in
    assert [p.label or str(p.number) for p in pages[1:]] == ["2", "3", "4", "5"]
    # the 目录 comes through with OCR-confused brackets normalised by the 发文字号 parser
    numbers = {e.doc_number for e in issue.toc}
    assert {"聊政发〔2019〕15号", "聊政字〔2019〕13号", "聊建字〔2019〕115号"} <= numbers
    assert sum(e.page is not None for e in issue.toc) >= 7
    d1 = next(d for d in issue.documents if d.doc_number == "聊政发〔2019〕15号")
    assert d1.start_page == 2 and "进出口商品质量安全风险预警" in d1.title
    assert any(o.units for o in d1.obligations)
    # a second run reads the OCR cache
    assert any(tmp_path.glob("*.json"))


def test_no_text_and_no_ocr_is_a_clear_error():
    with pytest.raises(InputError) as e:
        run(SCAN_PDF, RunConfig(ocr=ocr.OCRConfig(enabled=False)))
    assert e.value.code == "no-text"


def test_skew_is_measured_from_lines():
    words = [{"left": x, "top": 100 + x * 0.02, "width": 20, "height": 20, "line": (1, 1, 1)} for x in range(0, 400, 40)]
    assert ocr._skew(words) == pytest.approx(0.02, abs=1e-6)


def _chars(text, confs):
    from bulletin_pipeline.model import Char
    return [Char(t, i * 10.0, i * 10.0 + 10, 0, 10, 10, "OCR", None, c) for i, (t, c) in enumerate(zip(text, confs))]


def test_unsure_chars_restored_from_official_names():
    cs = _chars("著城市人民政府大事记", [0] + [96] * 9)
    ocr._restore_names(cs)
    assert "".join(c.text for c in cs) == "聊城市人民政府大事记"
    # a confident reading is never changed, even one character away from a name
    cs = _chars("聊城市人民政协", [96] * 7)
    ocr._restore_names(cs)
    assert "".join(c.text for c in cs) == "聊城市人民政协"


def test_ocr_bracket_confusions():
    words = [{"text": "大事记〈2019年10月)", "left": 0, "top": 0, "width": 300, "height": 20, "conf": 90,
              "line": (1, 1, 1), "color": None},
             {"text": "《关于〈方案〉的批复》", "left": 0, "top": 40, "width": 300, "height": 20, "conf": 90,
              "line": (1, 1, 2), "color": None}]
    text = "".join(c.text for c in ocr._to_chars(words, 1.0))
    assert "（2019年10月)" in text and "〈方案〉" in text
