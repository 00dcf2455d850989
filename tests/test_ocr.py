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
    assert {"聊政发〔2019〕15号", "聊政发〔2019〕16号", "聊政字〔2019〕13号", "聊政字〔2019〕14号", "聊政办发〔2019〕11号",
            "聊政办字〔2019〕38号", "聊建字〔2019〕115号"} <= numbers          # 1]号 read back as 11号
    assert [e.page for e in issue.toc] == [2, 5, 8, 12, 16, 27, 30, 35]
    assert [e.section for e in issue.toc][:4] == ["市政府文件"] * 4
    d1 = next(d for d in issue.documents if d.doc_number == "聊政发〔2019〕15号")
    assert d1.start_page == 2 and "进出口商品质量安全风险预警" in d1.title
    assert any(o.units for o in d1.obligations)
    # a second run reads the OCR cache
    assert any(tmp_path.glob("*.json"))


def test_no_text_and_no_ocr_is_a_clear_error():
    with pytest.raises(InputError) as e:
        run(SCAN_PDF, RunConfig(ocr=ocr.OCRConfig(enabled=False)))
    assert e.value.code == "no-text"


def test_deskew_angle_is_measured_on_the_image():
    from PIL import Image, ImageDraw
    img = Image.new("L", (1400, 1000), 255)
    d = ImageDraw.Draw(img)
    for y in range(100, 900, 40):             # rows of "text": dashes 20 px high
        for x in range(100, 1300, 30):
            d.rectangle([x, y, x + 22, y + 20], fill=0)
    turned = img.rotate(-0.6, resample=Image.BICUBIC, fillcolor=255)
    assert ocr.deskew_angle(turned) == pytest.approx(0.6, abs=0.1)
    assert abs(ocr.deskew_angle(img)) <= 0.1


def test_line_geometry_comes_from_the_ink_not_the_word_boxes():
    import numpy as np
    ink = np.zeros((200, 400), dtype=bool)
    ink[50:78, 20:380:3] = True               # a line of glyph strokes 28 px high
    ink[120:148, 20:200:3] = True             # the next line
    # tesseract's boxes: one runs down into the next line, one is too short
    words = [{"left": 20, "top": 48, "width": 100, "height": 95}, {"left": 130, "top": 55, "width": 240, "height": 20}]
    x0, top, x1, bottom = ocr._line_box(ink, words)
    assert (top, bottom) == (50, 78) and x0 == 20 and x1 >= 368


def test_dust_read_as_punctuation_is_dropped():
    line = [{"text": "则评议", "left": 0, "top": 0, "width": 90, "height": 28, "lbox": [0, 0, 300, 28]},
            {"text": "”", "left": 150, "top": 5, "width": 6, "height": 6, "lbox": [0, 0, 300, 28]},
            {"text": "权益", "left": 200, "top": 0, "width": 60, "height": 28, "lbox": [0, 0, 300, 28]},
            {"text": "”", "left": 262, "top": 0, "width": 8, "height": 9, "lbox": [0, 0, 300, 28]}]
    assert ocr._is_speck(line[1], line)                  # alone in the middle of white space
    assert not ocr._is_speck(line[3], line)              # a closing quote right after its word
    assert not ocr._is_speck(line[0], line)


def test_ones_read_as_brackets_in_dates_and_numbers():
    from bulletin_pipeline.model import Char

    def fix(s):
        cs = [Char(ch, i, i + 1, 0, 1, 10, "OCR", None, 90) for i, ch in enumerate(s)]
        return "".join(c.text for c in ocr._fix_ones(cs))
    assert fix("2019年1]月14日") == "2019年11月14日"
    assert fix("2019年11]月10日") == "2019年11月10日"       # 111 is no month: the bracket is a stray
    assert fix("聊政办发[2019]1]号") == "聊政办发[2019]11号"
    assert fix("〔2019]16号") == "〔2019]16号"              # the year's closing bracket stays
    assert fix("第3]条") == "第3]条"


def test_bold_lines_are_told_by_their_stems():
    import numpy as np
    ink = np.zeros((40, 200), dtype=bool)
    for x in range(0, 200, 10):
        ink[5:33, x:x + 3] = True       # regular stems, 3 px
    bold = np.zeros((40, 200), dtype=bool)
    for x in range(0, 200, 10):
        bold[5:33, x:x + 5] = True      # bold stems, 5 px
    box = [0, 5, 200, 33]
    assert ocr._stroke(bold, box) >= ocr.BOLD_STROKE * ocr._stroke(ink, box)


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
    # an unsure char that makes a word with its neighbour outside the name is not a misread name
    cs = _chars("◎市政府文件", [90, 90, 90, 90, 42, 42])
    ocr._restore_names(cs)
    assert "".join(c.text for c in cs) == "◎市政府文件"


def test_ocr_bracket_confusions():
    words = [{"text": "大事记〈2019年10月)", "left": 0, "top": 0, "width": 300, "height": 20, "conf": 90,
              "line": (1, 1, 1), "color": None},
             {"text": "《关于〈方案〉的批复》", "left": 0, "top": 40, "width": 300, "height": 20, "conf": 90,
              "line": (1, 1, 2), "color": None}]
    text = "".join(c.text for c in ocr._to_chars(words, 1.0))
    assert "（2019年10月）" in text and "〈方案〉" in text


def test_ruled_lines_are_found_and_glyphs_are_not():
    import numpy as np
    ink = np.zeros((2000, 1400), dtype=bool)
    ink[100:1900, 700:702] = True         # the rule between two columns
    ink[120:123, 100:1300] = True         # the rule under the running header
    ink[500:528, 200:230] = True          # a (solid) glyph
    ink[600:603, 200:260] = True          # a long dash
    m = ocr.rule_mask(ink)
    assert m[100:1900, 700:702].all() and m[120:123, 100:1300].all()
    assert not m[500:528, 200:230].any() and not m[600:603, 200:260].any()


def test_marks_as_a_chinese_gazette_prints_them():
    from bulletin_pipeline.model import Char

    def fix(s):
        cs = [Char(ch, i, i + 1, 0, 1, 10, "OCR", None, 90) for i, ch in enumerate(s)]
        return "".join(c.text for c in sorted(ocr._fix_marks(cs), key=lambda c: c.x0))
    assert fix("(市水利局、各县(市、区)政府负责)") == "（市水利局、各县（市、区）政府负责）"
    assert fix("各县市、区)政府") == "各县（市、区）政府"            # a lost bracket put back, in place
    assert fix("《市农业农村局、市财政局等负责)") == "（市农业农村局、市财政局等负责）"
    assert fix("《关于〈方案〉的批复》") == "《关于〈方案〉的批复》"
    assert fix("（责任单位;:聊城海关牵头;.市发展改革委") == "（责任单位：聊城海关牵头；市发展改革委"
    assert fix("提升保障效益.和服务水平") == "提升保障效益和服务水平"
    assert fix("2.，加强质量安全监管") == "2.加强质量安全监管"
    assert fix("第十八条”住房租赁补贴") == "第十八条住房租赁补贴"
    assert fix("第一条“两个”") == "第一条“两个”"
    assert fix("PM2.5(AQI)") == "PM2.5(AQI)" and fix("中国大运河·江北水城") == "中国大运河·江北水城"


def test_numbered_item_dot_read_as_a_comma_at_a_line_start():
    words = [{"text": "10，强化", "left": 0, "top": 0, "width": 100, "height": 20, "conf": 90, "line": (1, 1, 1)},
             {"text": "共计", "left": 0, "top": 40, "width": 40, "height": 20, "conf": 90, "line": (1, 1, 2)},
             {"text": "12，3", "left": 40, "top": 40, "width": 40, "height": 20, "conf": 90, "line": (1, 1, 2)}]
    text = "".join(c.text for c in ocr._to_chars(words, 1.0))
    assert text.startswith("10.强化") and "12，3" in text


def test_line_extent_takes_in_a_glyph_tesseract_boxed_short():
    import numpy as np
    ink = np.zeros((100, 600), dtype=bool)
    for x in range(40, 560, 30):          # glyphs every 30 px, 26 px wide
        ink[30:57, x:x + 3] = True
        ink[30:57, x + 23:x + 26] = True
        ink[30, x:x + 26] = ink[56, x:x + 26] = True
    ink[10:12, 5:7] = True                # dust above-left
    words = [{"left": 70, "top": 30, "width": 300, "height": 27}, {"left": 370, "top": 30, "width": 160, "height": 27}]
    x0, top, x1, bottom = ocr._line_box(ink, words)
    assert (x0, x1) == (40, 576) and (top, bottom) == (30, 57)


@needs_tesseract
def test_simulated_scan_of_a_joint_document(tmp_path):
    """Pages 30-31 of the gazette rendered as a grey, turned, dusty scan (bench/make_scan.py): the joint
    masthead is no longer red, the signature and date are body-sized, the transmitted title is 13 pt bold."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import make_scan
    from conftest import CORPUS_PDF
    scan = tmp_path / "scan.pdf"
    make_scan.make(CORPUS_PDF, scan, pages=range(29, 31))
    issue, pages = run(scan, RunConfig(ocr=ocr.OCRConfig(cache_dir=tmp_path / "cache")))
    assert all(p.ocr for p in pages)
    d = next(d for d in issue.documents if d.doc_number == "聊建字〔2019〕115号")
    assert d.issuers == ["聊城市住房和城乡建设局", "聊城市民政局", "聊城市财政局", "聊城市人力资源和社会保障局",
                         "国家税务总局聊城市税务局"]
    assert d.date == "2019-11-10" and d.doc_type == "通知"
    assert d.transmitted_title == "聊城市城镇住房保障家庭租赁补贴暂行管理办法"
    assert any(p.number == "第一条" for p in d.provisions)


def test_a_line_run_across_both_columns_is_cut_but_a_stray_box_is_not():
    def w(text, left, line=(1, 1, 1)):
        return {"text": text, "left": left, "top": 0, "width": 28 * len(text), "height": 28, "line": line}
    words = [w("一周一调度", 140), w("对推进", 280), w("（略）", 760), w("整改落实", 850)]
    ocr._split_wide_gaps(words)
    assert [x["line"] for x in words] == [(1, 1, 1, 0), (1, 1, 1, 0), (1, 1, 1, 1), (1, 1, 1, 1)]
    words = [w("”家", 30, (2, 1, 1)), w("和础性研究能力", 145, (2, 1, 1))]
    ocr._split_wide_gaps(words)
    assert {tuple(x["line"]) for x in words} == {(2, 1, 1, 0)}
