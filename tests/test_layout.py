"""Layout on real PDFs: reading order, furniture, columns, subscripts, paragraphs."""
import re

import pytest

from bulletin_pipeline import layout
from bulletin_pipeline.ingest.pdf import read_pages
from bulletin_pipeline.layout.text import assemble, clean_text
from bulletin_pipeline.model import Char

from conftest import CORPUS_PDF, norm, shared_path


@pytest.fixture(scope="module")
def laid_out():
    raw = list(read_pages(CORPUS_PDF))
    return raw, *layout.lay_out(raw)


def test_reading_order_fidelity(laid_out, truth):
    _, pages, paras = laid_out
    text = norm("\n".join(p.text for p in paras))
    gold = [norm(p) for d in truth["documents"] for p in d["paragraphs"] if len(norm(p)) >= 12]
    found = sum(p in text for p in gold)
    assert found / len(gold) >= 0.99, f"{found}/{len(gold)}"


def test_every_paragraph_has_page_and_bbox(laid_out):
    _, pages, paras = laid_out
    for p in paras:
        assert 1 <= p.page <= len(pages)
        x0, top, x1, bottom = p.bbox
        assert x0 < x1 and top < bottom


def test_running_headers_and_page_numbers_are_furniture(laid_out):
    _, pages, paras = laid_out
    assert pages[16].label == "17"
    assert any("公报" in f.text for f in pages[16].furniture)
    for p in paras:
        assert not re.fullmatch(r"[—\-]\s*\d+\s*[—\-]", p.text)
        if p.page > 1:
            assert not re.fullmatch(r"\d{1,2}", p.text)
        assert "聊城市人民政府公报2019年第11期" not in norm(p.text)


def test_two_columns_read_left_then_right(laid_out):
    _, pages, paras = laid_out
    assert pages[2].columns == 2
    # page 3: item 4 (left column) is read before item 7 (right column)
    text = norm("".join(p.text for p in paras if p.page == 3))
    assert text.index("4.建设质量安全风险监测点") < text.index("7.风险预警分级分类实施")


def test_subscripts_are_folded_inline(laid_out):
    _, _, paras = laid_out
    text = "".join(p.text for p in paras)
    assert "PM2.5年均浓度值为60微克/立方米" in text
    assert "SO2年均浓度值" in text and "NO2年均浓度值" in text


def test_paragraph_joined_across_columns_and_pages(laid_out, truth):
    _, _, paras = laid_out
    texts = {norm(p.text) for p in paras}
    # a paragraph that runs from the bottom of page 2's right column to page 3
    gold = next(p for p in truth["documents"][0]["paragraphs"] if p.startswith("4. 建设质量安全风险监测点"))
    assert any(norm(gold) in t for t in texts)


def test_headings_and_titles_have_kinds(laid_out):
    _, _, paras = laid_out
    kinds = {norm(p.text): p.kind for p in paras}
    assert kinds["一、总体要求"] == "heading"
    assert kinds["聊城市人民政府文件"] == "masthead"
    assert kinds["聊城市人民政府关于加快推进农业机械化和农机装备产业转型升级的实施意见"] == "title"


def _c(t, x0, size=10.0, top=0.0):
    return Char(t, x0, x0 + (size if ord(t[0]) > 127 else size / 2), top, top + size, size, "F")


def test_no_space_inside_cjk_runs():
    chars = [_c("市", 0), _c(" ", 10), _c("局", 15), _c("P", 25), _c("M", 30)]
    text, _ = assemble(chars)
    assert text == "市局PM"
    assert clean_text("60微克 / 立方米") == "60微克/立方米"
    assert clean_text("E-mail: a b") == "E-mail: a b"


def test_wide_gap_is_recorded():
    chars = [_c("号", 0), _c("2", 100)]
    text, gaps = assemble(chars)
    assert text == "号2" and gaps == [1]


def test_the_quick_glyph_cases_agree_with_the_general_rule():
    """assemble answers CJK unified ideographs and ASCII at once: the same answer fold_char and is_wide give."""
    from bulletin_pipeline.layout.text import _glyph, fold_char, is_wide
    for t in [chr(o) for o in range(0x4E00, 0xA000)] + [chr(o) for o in range(0x20, 0x7F)] + ["fi", "No."]:
        folded = fold_char(t)
        assert _glyph(t) == (folded, is_wide(folded[0]), is_wide(folded[-1])), t
    assert _glyph("\uff21") == ("A", False, False) and _glyph("\u2f08") == ("人", True, True)
    assert _glyph("\u200b") == ("", False, False) and _glyph("。") == ("。", True, True)


def test_rows_follow_the_running_centre_and_keep_the_order_of_equal_centres():
    from bulletin_pipeline.layout.lines import cluster_rows
    a, b = _c("甲", 50, top=100.0), _c("乙", 0, top=100.0)          # one centre: their given order stays
    c = _c("丙", 20, top=103.0)      # 3 pt lower: within 0.4 sizes (4 pt) of the row's centre
    d = _c("丁", 30, top=104.5)      # 4.5 pt under the first centre, 3.5 pt under the running one (106)
    e = _c("戊", 40, top=112.0)      # 10 pt under the running centre: a new row
    rows = cluster_rows([e, a, d, b, c])
    assert [[x.text for x in r] for r in rows] == [["甲", "乙", "丙", "丁"], ["戊"]]


def test_a_line_takes_the_size_font_and_colour_most_of_its_chars_have():
    from bulletin_pipeline.layout.lines import make_line
    chars = [_c("第", 0, 12.0), _c("一", 12, 10.5), _c("章", 24, 10.5), _c("总", 36, 12.0), _c("则", 48, 10.5)]
    chars[0].color = chars[3].color = "#ff0000"
    line = make_line(chars, 1, "full")
    assert (line.size, line.text, line.color) == (10.5, "第一章总则", None)
    assert (line.top, line.bottom, line.x0, line.x1) == (0.0, 10.5, 0.0, 58.5)
    tie = make_line([_c("甲", 0, 12.0), _c("乙", 12, 10.5)], 1, "full")
    assert tie.size == 12.0         # equal counts: the size of the leftmost char
    assert make_line([_c("甲", 0, 10.04), _c("乙", 12, 10.0)], 1, "full").size == 10.0   # sizes to 0.1 pt


@pytest.mark.parametrize("name", ["putuo_gov_office_2025_dept_budget.pdf", "hongze_district_2023_zfxxgk_annual_report.pdf"])
def test_realworld_layout_runs(name):
    pdf = shared_path("realworld", "pdfs", name)
    raw = list(read_pages(pdf))
    pages, paras = layout.lay_out(raw)
    assert paras and all(p.text for p in paras)


def test_a_narrow_lane_between_word_boxes_is_no_gutter():
    """OCR word boxes can leave a white lane at one x down a one-column page (a 目录): the rows run straight
    across it, so it is not a column gutter; a real gutter keeps its two columns."""
    from bulletin_pipeline.layout.columns import find_gutter
    one_col = []
    for row in range(30):
        for k in range(40):
            x = 50 + k * 10 + (6 if k >= 17 else 0)       # a 6 pt lane after the 17th char of every row
            one_col.append(Char("字", x, x + 9.5, 100 + row * 16, 110 + row * 16, 10, "OCR", None, 90))
    assert find_gutter(one_col, 10) is None
    two_col = []
    for row in range(30):
        for k in range(20):
            for x0 in (50, 270):
                x = x0 + k * 10
                two_col.append(Char("字", x, x + 9.5, 100 + row * 16, 110 + row * 16, 10, "OCR", None, 90))
    g = find_gutter(two_col, 10)
    assert g is not None and 250 <= g.x0 < g.x1 <= 270


def test_unreadable_page_numbers_of_a_scan_are_furniture():
    """Tesseract reads a small — 35 — differently on every page; the slot (same place on most pages) tells."""
    from bulletin_pipeline.layout import furniture
    from bulletin_pipeline.model import RawPage
    misreads = ["二河5二", "忆二", "和", "一33一", "站", "二"]
    pages = []
    for n, text in enumerate(misreads, start=1):
        body = [Char("文", 50 + k * 10, 59 + k * 10, 100, 110, 10, "OCR", None, 90) for k in range(20)]
        foot = [Char(ch, 250 + k * 8, 257 + k * 8, 705, 715, 10, "OCR", None, 40) for k, ch in enumerate(text)]
        pages.append(RawPage(number=n, width=524, height=737, chars=body + foot, ocr=True))
    found = furniture.detect(pages, 10)
    for n, text in enumerate(misreads, start=1):
        ids, items, label = found[n]
        assert [t for t, _ in items] == [text] and label is None


def test_a_lone_unsure_page_number_of_a_scan_is_furniture():
    """Tesseract reads — 3 — as cs on one page and nothing on the others: short, unsure, centred in the
    bottom margin is the page number's place."""
    from bulletin_pipeline.layout import furniture
    from bulletin_pipeline.model import RawPage
    pages = []
    for n in range(1, 6):
        body = [Char("文", 50 + k * 10, 59 + k * 10, 100, 110, 10, "OCR", None, 90) for k in range(20)]
        if n == 3:
            body += [Char("c", 250, 256, 709, 716, 7, "OCR", None, 17), Char("s", 256, 262, 709, 716, 7, "OCR", None, 17)]
            body += [Char(ch, 380 + k * 10, 389 + k * 10, 700, 710, 10, "OCR", None, 95) for k, ch in enumerate("负责。")]
        pages.append(RawPage(number=n, width=524, height=737, chars=body, ocr=True))
    ids, items, label = furniture.detect(pages, 10)[3]
    assert [t for t, _ in items] == ["cs"]


def test_a_repeated_page_number_misread_on_a_scan_is_no_offset():
    """— 16 — and — 17 — read as 6 and 7 agree with each other, not with the pages read right."""
    from bulletin_pipeline.layout import furniture
    from bulletin_pipeline.model import RawPage
    printed = {3: "3", 4: "4", 16: "6", 17: "7"}
    pages = []
    for n in range(1, 21):
        body = [Char("文", 50 + k * 10, 59 + k * 10, 100, 110, 10, "OCR", None, 90) for k in range(20)]
        text = printed.get(n, "")
        body += [Char(ch, 258 + k * 6, 264 + k * 6, 709, 716, 9, "OCR", None, 80) for k, ch in enumerate(text)]
        pages.append(RawPage(number=n, width=524, height=737, chars=body, ocr=True))
    found = furniture.detect(pages, 10)
    assert found[3][2] == "3" and found[4][2] == "4"
    assert found[16][2] is None and found[17][2] is None
    assert [t for t, _ in found[16][1]] == ["6"]            # still furniture, not body text


def test_pages_stream_from_reading_through_layout():
    """The read stage hands pages on as they are read and layout takes them a run at a time: at most one and
    a half runs of raw pages are alive at once, and the issue comes out as when it is laid out whole."""
    import gc
    from bulletin_pipeline.model import RawPage
    from bulletin_pipeline.pipeline import Pipeline, RunConfig
    work = Pipeline(RunConfig(chunk_pages=6), progress=lambda *a: None).process(CORPUS_PDF, until="read")
    assert not isinstance(work.raw, list)          # nothing read yet
    def raw_pages() -> int:
        return sum(type(o) is RawPage for o in gc.get_objects())
    before = raw_pages()         # pages other tests' fixtures hold
    alive = []
    pages, paras = layout.lay_out(work.raw, chunk_pages=6, keep_chars=False,
                                  on_chunk=lambda run: alive.append(raw_pages() - before))
    assert len(pages) == 36 and len(alive) == 6 and max(alive) <= 9
    assert all(not l.chars for pg in pages for l in pg.lines)        # lines let go of their chars
    whole, whole_paras = layout.lay_out(list(Pipeline(RunConfig(chunk_pages=0)).process(CORPUS_PDF, until="read").raw))
    assert [p.text for p in paras] == [p.text for p in whole_paras]
    assert [pg.label for pg in pages] == [pg.label for pg in whole]


def test_an_issue_laid_out_in_runs_is_the_issue_laid_out_whole():
    """Body size, furniture and gutter measured per run of 12 pages give the same issue.json as the whole."""
    from bulletin_pipeline.kb.json_out import dump
    from bulletin_pipeline.pipeline import Pipeline, RunConfig
    runs = Pipeline(RunConfig(chunk_pages=12)).process(CORPUS_PDF).issue
    whole = Pipeline(RunConfig(chunk_pages=0)).process(CORPUS_PDF).issue
    assert dump(runs) == dump(whole) and len(runs.documents) == 8


# --------------------------------------------------------------------------- thresholds are config
def _prose_page(indents: list[int], size: float = 10.0):
    """One page of full lines of one block (right edge at x = 450), line k indented indents[k] ems."""
    from bulletin_pipeline.model import RawPage
    chars = []
    for k, em in enumerate(indents):
        top = 100 + k * 1.6 * size
        x = 50 + em * size
        while x + size <= 450:
            chars.append(Char("文", x, x + size, top, top + size, size, "SimSun"))
            x += size
    return RawPage(number=1, width=600, height=800, chars=chars)


def test_the_paragraph_indent_is_a_config_field():
    """A 2-em indent opens a paragraph at the default threshold (0.9 em); with the threshold set above it the
    indented line goes on with the paragraph before it."""
    from bulletin_pipeline.layout import LayoutConfig
    from bulletin_pipeline.layout.paragraphs import ParagraphConfig
    indents = [2, 0, 0, 2, 0]
    _, paras = layout.lay_out([_prose_page(indents)])
    assert [len(p.lines) for p in paras] == [3, 2]
    _, paras = layout.lay_out([_prose_page(indents)], LayoutConfig(paragraphs=ParagraphConfig(indent=2.0)))
    assert [len(p.lines) for p in paras] == [3, 2]          # the test is >=: an indent of exactly 2 em still opens
    _, paras = layout.lay_out([_prose_page(indents)], LayoutConfig(paragraphs=ParagraphConfig(indent=2.5)))
    assert [len(p.lines) for p in paras] == [5]


def test_the_gutter_width_is_a_config_field(laid_out):
    """The bundled issue's gutter is about 1.8 body sizes wide: two columns at the default minimum (0.4), one
    when the stage is told a gutter is at least 2 body sizes."""
    from bulletin_pipeline.layout import LayoutConfig
    from bulletin_pipeline.layout.columns import ColumnsConfig, find_gutter
    raw, pages, _ = laid_out
    assert pages[2].columns == 2
    g = find_gutter(raw[2].chars, 10.5, ColumnsConfig(gutter_min_em=1.5))
    assert g is not None and 1.5 * 10.5 <= g.x1 - g.x0 < 2.0 * 10.5
    assert find_gutter(raw[2].chars, 10.5, ColumnsConfig(gutter_min_em=2.0)) is None
    pages, _ = layout.lay_out(raw, LayoutConfig(columns=ColumnsConfig(gutter_min_em=2.0)))
    assert all(p.columns == 1 for p in pages)


def test_the_masthead_red_is_a_config_field():
    from bulletin_pipeline.layout.paragraphs import ParagraphConfig, _reddish
    assert _reddish("#e60012") and _reddish("#c81e1e")
    assert not _reddish("#000000") and not _reddish("#ff8c00") and not _reddish("bad")
    assert not _reddish("#c81e1e", ParagraphConfig(red_min=210))


_CONFIGS = ["bulletin_pipeline.layout:LayoutConfig", "bulletin_pipeline.layout.lines:LineConfig",
            "bulletin_pipeline.layout.text:TextConfig", "bulletin_pipeline.layout.columns:ColumnsConfig",
            "bulletin_pipeline.layout.paragraphs:ParagraphConfig", "bulletin_pipeline.layout.furniture:FurnitureConfig",
            "bulletin_pipeline.layout.tables:TableConfig"]


@pytest.mark.parametrize("name", _CONFIGS)
def test_every_layout_threshold_says_what_it_measures(name):
    """Each field of the layout configs is declared on a line with a comment saying what it measures."""
    import dataclasses
    import importlib
    import inspect
    mod, cls = name.split(":")
    config = getattr(importlib.import_module(mod), cls)
    source = inspect.getsource(config).splitlines()
    for f in dataclasses.fields(config):
        line = next(l for l in source if re.match(rf"\s+{f.name}\s*:", l))
        assert "#" in line, f"{cls}.{f.name} has no comment"


def _literals(path):
    """(line, value) of the numeric literals in the functions of one module that are neither indices, midpoints
    nor the 10 ** 9 sentinel nor a number base: the places a threshold could hide."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            skip.update(id(n) for n in ast.walk(node.slice))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "int":
            skip.update(id(n) for n in node.args[1:])       # the base of int(s, 16)
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.Lambda)):
            continue
        for n in ast.walk(fn):
            if isinstance(n, ast.Constant) and type(n.value) in (int, float) and id(n) not in skip:
                if n.value in (0, 0.5, 1, 2) or n.value >= 0x3400:    # zero, midpoint, unit, halves; code points
                    continue
                out.append((n.lineno, n.value))
    return out


def test_no_inline_threshold_in_layout():
    from pathlib import Path
    import bulletin_pipeline.layout as pkg
    found = {p.name: _literals(p) for p in Path(pkg.__file__).parent.glob("*.py")}
    assert {k: v for k, v in found.items() if v} == {}
    planted = Path(pkg.__file__).parent / "paragraphs.py"
    text = planted.read_text(encoding="utf-8").replace("r.indent >= cfg.indent", "r.indent >= 0.9")
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "paragraphs.py"
        p.write_text(text, encoding="utf-8")
        assert 0.9 in [v for _, v in _literals(p)]


# a notice's text: one long paragraph, then items of one line each, then two closing paragraphs
_TYPED = ["为进一步加强城市管理工作，提高城市精细化管理水平，根据有关法律法规，结合本市实际，制定本方案。",
          "一、加强组织领导。", "二、明确责任分工。", "三、强化督促检查。", "四、做好宣传引导。",
          "各县（市、区）人民政府要高度重视，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
          "本方案自印发之日起施行。"]


def _typed_page(path, texts, typed: bool, per_glyph: bool = False):
    """``per_glyph``: each glyph of the text drawn as a text object of its own, as some word processors export
    (PDFium leaves such an inkless 　 out of its text page; the reader gives it back as U+3000)."""
    import pdfmaker
    g = pdfmaker.Gongwen(path)
    if per_glyph:
        whole = g.line

        def line(text, size=pdfmaker.BODY, align="left", indent=0, color=(0, 0, 0), x=None, advance=None):
            x, top = whole("", size, align, indent, color, x, advance)
            for k, ch in enumerate(text):
                g.c.drawString(x + k * size, g.h - (top + size), ch)
            return x, top
        g.line = line
    g.c.setFont(pdfmaker.FONT, 22)
    g.c.drawCentredString((g.left + g.right) / 2, g.h - (g.y + 22), "关于加强城市管理工作的通知")
    g.y += 22 * 2
    for t in texts:
        g.block(t, typed_indent=typed)
    g.end_page()
    g.save()


def _paragraph_texts(path, backend):
    from bulletin_pipeline.ingest.pdf import IngestConfig
    _, paras = layout.lay_out(list(read_pages(path, IngestConfig(backend=backend))))
    return [p.text for p in paras]


@pytest.mark.parametrize("per_glyph", [False, True])
@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_an_indent_typed_as_ideographic_spaces_opens_a_paragraph(tmp_path, backend, per_glyph):
    """Some typesetters and word processors indent a paragraph's first line with 　　 set from the block's edge
    instead of moving the line.  On a page of short paragraphs most lines then start two ems in, and that was
    taken for the block's edge: the indented lines read as flush and ran on into the paragraph before.  A line
    is now set where its leading ideographic spaces start (both readers give them as chars)."""
    pytest.importorskip("reportlab")
    _typed_page(tmp_path / "typed.pdf", _TYPED, typed=True, per_glyph=per_glyph)
    got = _paragraph_texts(tmp_path / "typed.pdf", backend)
    assert got == ["关于加强城市管理工作的通知"] + _TYPED


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_a_typed_indent_gives_the_paragraphs_of_a_set_indent(tmp_path, backend):
    pytest.importorskip("reportlab")
    texts = [t * 3 for t in _TYPED]         # paragraphs of several lines: the edge is the lines' own
    _typed_page(tmp_path / "typed.pdf", texts, typed=True)
    _typed_page(tmp_path / "set.pdf", texts, typed=False)
    typed = _paragraph_texts(tmp_path / "typed.pdf", backend)
    assert typed == _paragraph_texts(tmp_path / "set.pdf", backend)
    assert typed == ["关于加强城市管理工作的通知"] + texts
