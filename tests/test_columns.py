"""Columns on small made pages (tests/pdfmaker.Gongwen, reportlab): the page where a document ends in two
columns (a full left column, a right column of a few lines: its last words, 署名 and date) is read as two
columns, left before right; one-column pages with a right-aligned 署名, a centred title, a list, a joint
signature block set in two rows of names, or a 目录 stay one column, with or without the issue's usual gutter
found on other pages."""
import json
from itertools import cycle

import pytest

from conftest import DATA

pytest.importorskip("reportlab")

BODY = 10.5
ISSUER = "测试市人民政府"
DATE = "2019年1月27日"
LAST_WORDS = "的营商环境。"


def _prose():
    """Endless body text: the paragraphs of the bundled texts, one after another."""
    texts = json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))
    return cycle("".join(b for d in texts["issue_docs"] for b in d["body"]))


def _new(path):
    from pdfmaker import Gongwen
    g = Gongwen(path, "16K", page_numbers="-{}-")
    g.body, g.lead = BODY, BODY * 1.6
    g.number_align = "center"
    return g


def _full_line(g, chars):
    per = int((g.right - g.left) // g.body)
    g.line("".join(next(chars) for _ in range(per)), g.body)


def _title(g, text="关于进一步优化营商环境的意见"):
    g.line(text, 18.0, "center", advance=18 * 1.5)
    g.gap(0.5)


def _head(g):
    """A document's head across the page: masthead, 发文字号, a title of two lines."""
    from pdfmaker import RED
    g.line(ISSUER + "文件", 26.0, "center", color=RED, advance=26 * 1.6)
    g.line("测政发〔2019〕5号", g.body, "center")
    g.rule()
    _title(g, "测试市人民政府关于在市场监管领域全面推行")
    _title(g, "部门联合抽查监管的意见")


def _two_full_columns(g):
    """A page of the issue in two full columns (where its usual gutter is found)."""
    chars = _prose()
    _title(g)
    g.columns(2)
    while g.col == 0 or g.y + g.lead <= g.bottom:
        _full_line(g, chars)


def _short_right_column(g, more=0):
    """A document's one page: its head across the page; a full left column; in the right one ``more`` full
    lines, then its last words, 署名 and date."""
    chars = _prose()
    _head(g)
    g.columns(2)
    while g.y + g.lead <= g.bottom:
        _full_line(g, chars)
    for _ in range(more):
        _full_line(g, chars)
    g.line(LAST_WORDS, g.body)                  # no room left: the right column's first line
    g.line(ISSUER, g.body, "right", indent=2)
    g.line(DATE, g.body, "right", indent=2)


def _one_column_signature(g):
    """One column: prose across the page, a short last line, then 署名 and date right-aligned below."""
    chars = _prose()
    _title(g)
    for _ in range(14):
        _full_line(g, chars)
    g.line("特此通知。", g.body, indent=2)
    g.gap(1)
    g.line(ISSUER, g.body, "right", indent=2)
    g.line(DATE, g.body, "right", indent=2)


def _centred_title(g):
    """One column: a short centred title over prose across the page."""
    chars = _prose()
    _title(g, "通　知")
    for _ in range(20):
        _full_line(g, chars)


def _list_then_signature(g):
    """One column: items that stop before the middle of the page, then 署名 and date right-aligned below."""
    chars = _prose()
    _title(g)
    for _ in range(4):
        _full_line(g, chars)
    for item in ("一、总体要求", "二、主要任务", "三、保障措施", "四、组织实施", "五、监督检查", "六、附则"):
        g.line(item, g.body, indent=2)
    g.gap(1)
    g.line(ISSUER, g.body, "right", indent=2)
    g.line(DATE, g.body, "right", indent=2)


def _joint_signatures(g):
    """One column: prose, then a joint 署名 set two names a row (read row by row), and the date."""
    chars = _prose()
    _title(g)
    for _ in range(10):
        _full_line(g, chars)
    g.gap(1)
    names = ["测试市发展和改革委员会", "测试市财政局", "测试市商务局", "测试市市场监督管理局", "测试市科学技术局",
             "测试市自然资源局", "测试市生态环境局", "测试市住房和城乡建设局", "测试市交通运输局"]
    quarter = (g.right - g.left) / 4
    for k in range(0, len(names), 2):
        x, top = g.line(names[k], g.body, x=g.left + quarter - g.c.stringWidth(names[k], "STSong-Light", g.body) / 2)
        if k + 1 < len(names):
            g.y = top
            w = g.c.stringWidth(names[k + 1], "STSong-Light", g.body)
            g.line(names[k + 1], g.body, x=g.right - quarter - w / 2)
    g.line(DATE, g.body, "right", indent=2)


def _toc(g):
    """A 目录: titles with dot leaders and right-aligned page numbers."""
    g.line("目　　录", 18.0, "center", advance=18 * 1.8)
    per = int((g.right - g.left) // g.body) - 4
    for k, title in enumerate(("测试市人民政府关于优化营商环境的意见", "测试市人民政府办公室关于印发实施方案的通知",
                               "测试市人民政府关于同意设立开发区的批复", "测试市人民政府令", "人事任免")):
        g.line(title + "…" * (per - len(title)), g.body)
        g.c.drawRightString(g.right, g.h - (g.y - g.lead + g.body), str(3 + 4 * k))


def _pages(tmp_path, *fills):
    """A PDF of one page per fill; its page layouts."""
    from bulletin_pipeline.pipeline import RunConfig, run
    path = tmp_path / "p.pdf"
    g = _new(path)
    for k, fill in enumerate(fills):
        if k:
            g.columns(1)
            g.new_page()
        fill(g)
    g.end_page()
    g.save()
    _, pages = run(path, RunConfig(until="layout"))
    assert len(pages) == len(fills)
    return pages


def _texts(page):
    return [l.text.strip() for l in page.lines]


@pytest.mark.parametrize("more", [0, 5], ids=["3-lines", "8-lines"])
@pytest.mark.parametrize("with_issue", [False, True], ids=["alone", "after-a-two-column-page"])
def test_a_short_right_column_is_read_after_the_left(tmp_path, with_issue, more):
    def fill(g):
        _short_right_column(g, more)
    pages = _pages(tmp_path, *((_two_full_columns, fill) if with_issue else (fill,)))
    page = pages[-1]
    assert page.columns == 2
    texts = _texts(page)
    zones = {l.text.strip(): l.zone for l in page.lines}
    assert [zones[t] for t in (LAST_WORDS, ISSUER, DATE)] == ["R", "R", "R"]
    at = [texts.index(t) for t in (LAST_WORDS, ISSUER, DATE)]
    last_left = max(k for k, l in enumerate(page.lines) if l.zone == "L")
    assert at == sorted(at) and at[0] == last_left + 1 + more     # the right column after the whole left one
    assert not any(t.endswith((ISSUER, DATE)) and t not in (ISSUER, DATE) for t in texts)   # glued to a left line
    if with_issue:
        assert pages[0].columns == 2


@pytest.mark.parametrize("fill", [_one_column_signature, _centred_title, _list_then_signature, _joint_signatures,
                                  _toc], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("with_issue", [False, True], ids=["alone", "after-a-two-column-page"])
def test_one_column_pages_stay_one_column(tmp_path, fill, with_issue):
    pages = _pages(tmp_path, *((_two_full_columns, fill) if with_issue else (fill,)))
    assert pages[-1].columns == 1, _texts(pages[-1])
    if with_issue:
        assert pages[0].columns == 2
    texts = _texts(pages[-1])
    if fill in (_one_column_signature, _list_then_signature):        # the 署名 and date close the page
        assert texts[-2:] == [ISSUER, DATE]


def _row(x0, x1, top, size=10.0):
    """Chars of 字 side by side from x0 to x1 on one row."""
    from bulletin_pipeline.model import Char
    n = int((x1 - x0) // size)
    return [Char("字", x0 + k * size, x0 + (k + 1) * size, top, top + size, size, "SimSun") for k in range(n)]


def test_a_row_across_the_gutter_inside_the_columns_makes_one_column():
    """The rule on bare chars: a full left column (rows 0-6 from the block's edge to the gutter at 200) and a
    right column of two lines beside its top are two columns; one row running across the gutter between the
    column rows (a one-column line) makes the page one column."""
    from bulletin_pipeline.layout.columns import Gutter, short_column
    g = Gutter(200, 220)
    title = _row(100, 320, 0, 16)
    left = [c for k in range(7) for c in _row(0, 200, 30 + 16 * k)]
    right = _row(230, 300, 30) + _row(330, 400, 46)
    assert short_column(title + left + right, g, 10.0)
    across = _row(200, 400, 30 + 16 * 4)            # the row of left line 4 goes on over the gutter
    assert not short_column(title + left + right + across, g, 10.0)
    assert not short_column(title + left, g, 10.0)                  # no right column
    assert not short_column(title + left[:20 * 3] + right, g, 10.0)   # a left column of 3 rows


def _short_right_column_of_indented_lines(g):
    """A document's last page, no head on it: a full left column; the right one holds its last paragraphs,
    most of whose lines are first lines indented two chars (one-line items, a 附件 list), only two run on
    flush left."""
    chars = _prose()
    g.columns(2)
    while g.y + g.lead <= g.bottom:
        _full_line(g, chars)
    per = int((g.right - g.left) // g.body)
    g.block("".join(next(chars) for _ in range(per + 2)))           # a paragraph of two lines
    g.block("附件：1．" + "".join(next(chars) for _ in range(per - 4)))    # an item of two lines
    g.block("2．" + "".join(next(chars) for _ in range(per - 6)))         # an item of one line
    g.line(ISSUER, g.body, "right", indent=2)
    g.line(DATE, g.body, "right", indent=2)
    for item in ("附件1．", "名单", "工作方案"):
        g.line(item, g.body, indent=2)


def test_a_short_right_column_of_indented_lines_is_not_cut_across(tmp_path):
    """The gutter is the white lane between the columns: the right column's two flush-left lines stand at its
    edge and are read in the right column, not as rows across the gutter that mix left and right lines."""
    page = _pages(tmp_path, _short_right_column_of_indented_lines)[-1]
    assert page.columns == 2
    zones = [l.zone for l in page.lines]
    assert set(zones) == {"L", "R"} and zones == sorted(zones), zones     # the left column, then the right one
    texts = _texts(page)
    assert texts.index(ISSUER) < texts.index(DATE) < texts.index("工作方案")


def _last_words_and_signature(g):
    """A one-column document's last page: the end of its last sentence, then 署名 and date right-aligned."""
    chars = _prose()
    _full_line(g, chars)
    g.line(LAST_WORDS, g.body)
    g.line(ISSUER, g.body, "right", indent=2)
    g.line(DATE, g.body, "right", indent=2)


def test_a_stray_two_column_page_lends_no_gutter_to_one_column_pages(tmp_path):
    """In an issue of one-column pages, a single page read as two columns (a 目录 whose leaders are drawn
    rules, a table) is not the issue's usual gutter: a document's short last page keeps its 署名 and date as
    lines of their own under its last words, not as a right column."""
    pages = _pages(tmp_path, _two_full_columns, *[_centred_title] * 5, _last_words_and_signature)
    assert pages[0].columns == 2 and all(p.columns == 1 for p in pages[1:6])
    assert pages[-1].columns == 1, [(l.zone, l.text) for l in pages[-1].lines]
    assert _texts(pages[-1])[-3:] == [LAST_WORDS, ISSUER, DATE]
