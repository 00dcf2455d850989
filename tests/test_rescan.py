"""OCR geometry on skewed scans: a line's size is its glyphs' height, not its slanted band's, and a thin glyph
opening a line (一, 〔) keeps the line's start where the engine read it."""
from bulletin_pipeline.ingest import ocr

EM = 26          # glyph height in pixels: 10 pt type at SCALE (ink 0.95 em)
SCALE = EM / 9.5


def line(text: str, row: int, x0: int, top: float, drift: float, lbox=None, conf: float = 99.0) -> list[dict]:
    """Words of one char each, their tops drifting by ``drift`` pixels per char (a skewed scan)."""
    out = []
    for i, ch in enumerate(text):
        t = top + drift * i
        out.append({"text": ch, "left": x0 + 28 * i, "top": round(t), "width": 27, "height": EM + 7,
                    "conf": conf, "line": [row, 0]})
    tops = [w["top"] for w in out]
    box = lbox or [x0, min(tops) + 3, x0 + 28 * len(text), max(tops) + 3 + EM]
    for w in out:
        w["lbox"] = list(box)
    return out


def sizes(words):
    chars = ocr.to_chars(words, SCALE)
    by_top: dict = {}
    for c in chars:
        by_top.setdefault(round(c.top), set()).add(c.size)
    return [s for _, s in sorted(by_top.items())]


def test_a_long_skewed_line_has_the_size_of_a_short_one():
    long_ = line("税务部门负责申请家庭纳税等信息的审", 0, 200, 170, -0.4)      # rises 7 px across
    short = line("核。", 1, 160, 220, 0.0)
    got = sizes(long_ + short)
    assert len(got) == 2 and got[0] == got[1], got


def test_an_unskewed_line_keeps_its_measured_size():
    flat = line("税务部门负责申请家庭纳税等信息的审", 0, 200, 170, 0.0)
    assert ocr.to_chars(flat, SCALE)[0].size == round((EM / SCALE) / 0.95 * 2) / 2


def test_few_words_measure_no_slant():
    assert ocr._slant(line("核。", 0, 160, 220, -3.0), 0) == 0.0


def test_a_thin_first_glyph_outside_the_ink_box_starts_the_line():
    # 一 at the column's edge: its stroke escaped the ink measure, the box starts one em later
    words = line("一步推进城镇住房保障", 0, 759, 1074, 0.0)
    for w in words:
        w["lbox"] = [790, 1079, 759 + 28 * 10, 1105]
    chars = ocr.to_chars(words, SCALE)
    assert chars[0].text == "一" and abs(chars[0].x0 - 759 / SCALE) < 0.5


def test_an_unsure_first_word_outside_the_ink_box_does_not_move_the_line():
    words = line("步推进城镇住房保障", 0, 759, 1074, 0.0, conf=60.0)
    for w in words:
        w["lbox"] = [790, 1079, 759 + 28 * 9, 1105]
    assert abs(ocr.to_chars(words, SCALE)[0].x0 - 790 / SCALE) < 0.5


def test_an_opening_bracket_read_less_surely_still_starts_the_line():
    words = line("[2018]237号", 0, 775, 931, 0.0)
    words[0]["conf"] = 75.0
    for w in words:
        w["lbox"] = [788, 935, 775 + 28 * 11, 961]
    assert abs(ocr.to_chars(words, SCALE)[0].x0 - 775 / SCALE) < 0.5


def test_a_first_word_near_the_ink_box_leaves_it():
    words = line("城镇住房保障", 0, 785, 1074, 0.0)
    for w in words:
        w["lbox"] = [790, 1079, 785 + 28 * 6, 1105]
    assert abs(ocr.to_chars(words, SCALE)[0].x0 - 790 / SCALE) < 0.5


def test_a_line_read_down_the_page_is_measured_as_before():
    # glyphs stacked in one column (a page read turned): no slant and no faint end are taken from them
    words = [{"text": ch, "left": 500 + (60 if i == 0 else 0), "top": 100 + 28 * i, "width": 27,
              "height": 27, "conf": 99.0, "line": [0, 0], "lbox": [500, 100, 527, 100 + 28 * 6]}
             for i, ch in enumerate("湖北省人民政")]
    chars = ocr.to_chars(words, SCALE)
    assert chars[0].size == round((28 * 6 / SCALE) / 0.95 * 2) / 2
    assert abs(chars[0].x0 - 500 / SCALE) < 0.5
