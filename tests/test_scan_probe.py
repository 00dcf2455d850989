"""What scans of issues set by other typesetters showed: a 目录 whose titles wrap well short of the right edge
and whose dot leaders are not on the page (never printed, or not read by OCR) is one column of entries, not a
column of titles beside a column of page numbers; a running header a little inside the usual margin band is
furniture even when a seal stamped on the masthead below it stretches the masthead's OCR box up to it."""
import json

import pytest

from bulletin_pipeline.layout import columns, furniture
from bulletin_pipeline.layout.columns import ENDS_IN_PAGE_REF
from bulletin_pipeline.model import Char, RawPage

from conftest import DATA


def _entries():
    """(title, 文号) of real documents: the bundled texts."""
    texts = json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))
    docs = texts["issue_docs"] + [texts["single"], texts["joint"]]
    return [(d["title"], d["doc_number"]) for d in docs]


def _toc_without_leaders(path, share):
    """A 目录 page (16K, 12 pt): each title（文号） wrapped at ``share`` of the measure, its page number set at
    the right edge beside its last line, no leaders between."""
    pytest.importorskip("reportlab")
    from pdfmaker import Gongwen
    g = Gongwen(path, "16K", page_numbers=None)
    size = 12.0
    g.body, g.lead = size, size * 1.9
    g.line("目　　录", 18.0, "center", advance=18 * 1.8)
    per = int((g.right - g.left) * share // size)
    pages = []
    for k, (title, number) in enumerate(_entries()):
        head = f"{title}（{number}）"
        for i in range(0, len(head), per):
            g.line(head[i:i + per], size)
        pages.append(3 + 4 * k)
        g.c.drawRightString(g.right, g.h - (g.y - g.lead + size), str(pages[-1]))
    g.end_page()
    g.save()
    return pages


@pytest.mark.parametrize("share", [0.55, 0.65, 0.75])
def test_toc_titles_wrapped_short_without_leaders_are_one_column(tmp_path, share):
    from bulletin_pipeline.pipeline import RunConfig, run
    path = tmp_path / "toc.pdf"
    pages = _toc_without_leaders(path, share)
    result, layouts = run(path, RunConfig(until="structure"))
    assert layouts[0].columns == 1, [l.text for l in layouts[0].lines]
    got = [(e.title, e.doc_number, e.page) for e in result.toc]
    # a 文号 printed with [ ] is given with 〔 〕, as everywhere
    assert got == [(t, n.replace("[", "〔").replace("]", "〕"), p) for (t, n), p in zip(_entries(), pages)]


def _rows(texts, x0, top=100.0, size=10.0, pitch=16.0, right=None):
    """Chars of each text on its own row from x0 (or ending at ``right``)."""
    out = []
    for r, t in enumerate(texts):
        start = x0 if right is None else right - len(t) * size
        out += [Char(ch, start + k * size, start + (k + 1) * size, top + r * pitch, top + r * pitch + size, size,
                     "SimSun") for k, ch in enumerate(t)]
    return out


def test_toc_numbers_told_from_columns():
    titles = ["国务院关于印发实施方案的", "通知（国发〔2019〕4号）", "国务院办公厅关于推进政务", "新媒体发展的意见（国办", "发〔2018〕123号）"]
    numbers = ["3", "", "7", "", "12"]
    L = _rows(titles, 0)
    R = _rows([n for n in numbers], 0, right=400)
    assert columns.toc_numbers(L, R)
    # prose in two columns: the right column's rows do not end in numbers
    prose = ["推动经济高质量发展，要", "坚持稳中求进工作总基调", "全面深化改革开放，促进", "形成强大国内市场，到2020", "年底前基本完成任务。"]
    assert not columns.toc_numbers(_rows(prose, 0), _rows(prose, 250))
    # a 目录 set in two columns: the entries of both sides end in page numbers
    entries = ["关于印发方案的通知……3", "关于推进发展的意见……7", "关于同意设立的批复……9", "人事任免………………12"]
    assert not columns.toc_numbers(_rows(entries, 0), _rows(entries, 250))


@pytest.mark.parametrize("text", ["3", "…… 17", "工作的通知（国办发〔2019〕4号）  3", "意见 12", "·· 5", "指导意见——9", "意见……12"])
def test_ends_in_page_ref(text):
    assert ENDS_IN_PAGE_REF.search(text)


@pytest.mark.parametrize("text", ["监管的意见（国发〔2019〕5", "（国办发〔1996", "到2020", "2019年", "第3", "国办发〔2018〕123号",
                                  "新媒体发展的意见（国办", "意见3", "到2020"])
def test_not_ends_in_page_ref(text):
    assert not ENDS_IN_PAGE_REF.search(text)


# ---------------------------------------------------------------- a running header over a stretched masthead
W16K, H16K = 521.6, 737.0
HEADER = "国务院公报2019年第7期"


def _ocr_row(text, x0, top, bottom, em):
    """An OCR line: every char has the line's box, widths split as the reader splits them (Latin half)."""
    out, x = [], x0
    for ch in text:
        w = em / 2 if ch.isascii() else em
        out.append(Char(ch, x, x + w, top, bottom, round((bottom - top) / 0.95 * 2) / 2, "OCR", conf=95.0))
        x += w
    return out


def _scanned_pages(header_box, masthead_box, n=5):
    """n scanned pages of a document issue: the running header 8.6-10 % down the page (just inside the band
    where only a page's outermost row is taken), a page number at the foot, body rows; page 1 opens a document
    with its masthead under the header, its box ``masthead_box`` (top, bottom)."""
    out = []
    for k in range(1, n + 1):
        chars = []
        top = 100.0
        if k == 1:
            chars += _ocr_row("国务院文件", 200, *masthead_box, em=25.0)
            top = 170.0
        for r in range(14):
            chars += _ocr_row("推动经济高质量发展坚持稳中求进工作总基调" if r % 2 else "全面深化改革开放促进形成强大国内市场",
                              60, top + r * 28, top + r * 28 + 10.5, em=10.5)
        chars += _ocr_row(HEADER, 160, *(header_box if k == 1 else (63.0, 73.0)), em=10.0)
        chars += _ocr_row(f"-{k + 2}-", 250, 690, 700, em=10.0)
        out.append(RawPage(number=k, width=W16K, height=H16K, chars=chars, ocr=True))
    return out


@pytest.mark.parametrize("header_box,masthead_box", [
    ((63.0, 73.0), (76.0, 159.0)),      # the seal under the header stretches the masthead's box up to it
    ((54.0, 74.0), (76.0, 157.0)),      # ... and the header's own box a little
    ((50.0, 86.0), (75.0, 153.0)),      # ... and the header's box far down, over the masthead's
], ids=["masthead", "both", "header-far"])
def test_header_over_a_masthead_stretched_by_a_seal_is_furniture(header_box, masthead_box):
    pages = _scanned_pages(header_box, masthead_box)
    found = furniture.detect(pages, 10.5)
    for k in found:
        texts = [t.replace(" ", "") for t, _ in found[k][1]]
        assert HEADER in texts, (k, texts)
    assert "国务院文件" not in [t for t, _ in found[1][1]]


def test_a_row_of_square_glyphs_keeps_its_band():
    from bulletin_pipeline.layout.furniture import DEFAULT_FURNITURE, _band
    row = _ocr_row(HEADER, 160, 63.0, 73.5, em=10.0)
    assert _band(row, True, DEFAULT_FURNITURE) == (63.0, 73.5, row[0].size)
    tall = _ocr_row("国务院文件", 200, 76.0, 159.0, em=25.0)
    top, bottom, size = _band(tall, True, DEFAULT_FURNITURE)
    assert (top, bottom, size) == (105.0, 130.0, 25.0)
    assert _band(tall, False, DEFAULT_FURNITURE) == (76.0, 159.0, tall[0].size)    # text layer: as drawn


def test_a_seal_over_a_line_does_not_stretch_its_band():
    """The band of a line is measured on the ink about the engine's box; the strokes of a seal stamped over
    the line run on far above and below its glyphs and must not carry the band with them."""
    import numpy as np
    from bulletin_pipeline.ingest.ocr import ink as geometry
    page = np.zeros((300, 600), dtype=bool)
    page[100:130, 50:550:3] = True                 # a line of glyph strokes 30 px high
    page[40:190, 300:312] = True                   # the seal's ring, crossing the line
    page[40:190, 440:452] = True
    page[40:44, 300:452] = True
    page[186:190, 300:452] = True
    words = [{"left": 50, "top": 96, "width": 250, "height": 38}, {"left": 300, "top": 96, "width": 250, "height": 38}]
    x0, top, x1, bottom = geometry.line_box(page, words)
    assert 90 <= top <= 100 and 130 <= bottom <= 140, (top, bottom)
    # with no seal the band is the glyphs' own
    page[:, 300:312] = page[:, 440:452] = False
    page[40:44], page[186:190] = False, False
    page[100:130, 50:550:3] = True
    assert geometry.line_box(page, words)[1::2] == [100, 130]


# ---------------------------------------------------------------- a 目录 that runs onto a second page
def _toc_over_two_pages(path, leaders_on_last=True):
    """A 目录 (16K, 12 pt, dot leaders) whose entries fill its first page; a last section heading and its
    entry of two lines go on at the top of the next page (one line of three carries a page number).  One
    entry's 文号 lost its closing bracket (as OCR drops it), its title line ending in the opening one."""
    pytest.importorskip("reportlab")
    from pdfmaker import Gongwen
    g = Gongwen(path, "16K", page_numbers=None)
    size = 12.0
    g.body, g.lead = size, size * 1.9
    g.line("目　　录", 18.0, "center", advance=18 * 1.8)
    per = int((g.right - g.left) // size) - 4
    want, k = [], 0
    entries = _entries()

    def entry(section, leaders=True):
        nonlocal k
        title, number = entries[k % len(entries)]
        if section:
            g.line(section, size + 2, advance=g.lead * 1.2)
        head = f"{title}（{number}）"
        if k == 1:                   # 文号 on the next line, its closing bracket lost
            pieces = [title + "（", number]
        else:
            pieces = [head[i:i + per] for i in range(0, len(head), per)]
        for p in pieces[:-1]:
            g.line(p, size)
        g.line(pieces[-1] + ("…" * (per - len(pieces[-1])) if leaders else ""), size)
        g.c.drawRightString(g.right, g.h - (g.y - g.lead + size), str(3 + 2 * k))
        want.append((title, number.replace("[", "〔").replace("]", "〕"), 3 + 2 * k))
        k += 1
    while g.y + g.lead * 8 < g.bottom:
        entry("国务院文件" if k % 3 == 0 else None)
    g.new_page()
    entry("国务院办公厅文件", leaders_on_last)     # its leaders perhaps not read: the page number stands apart
    g.end_page()
    g.save()
    return want


@pytest.mark.parametrize("leaders", [True, False], ids=["leaders", "number-apart"])
def test_toc_goes_on_over_its_second_page(tmp_path, leaders):
    from bulletin_pipeline.pipeline import RunConfig, run
    path = tmp_path / "toc.pdf"
    want = _toc_over_two_pages(path, leaders)
    result, layouts = run(path, RunConfig(until="structure"))
    assert len(layouts) == 2
    assert [(e.title, e.doc_number, e.page) for e in result.toc] == want


@pytest.mark.parametrize("rx,yes,no", [
    ("LEADERED_PAGE", ["8〕109号）……10", "人事任免……3", "意见..12"], ["国务院办公厅文件", "意见 12", "到2020", "……"]),
    ("TITLE_OPEN_BRACKET", ["的指导意见（", "的通知(", "意见（〔"], ["的指导意见", "（国办发〔2018〕115号）", "（一）"]),
    ("LONE_CHAR", ["电", " 中 ", "·"], ["3", "12", "政府", ""]),
])
def test_cover_patterns(rx, yes, no):
    from bulletin_pipeline.structure import cover
    pat = getattr(cover, rx)
    assert all(pat.search(t) for t in yes)
    assert not any(pat.search(t) for t in no)


def test_a_char_of_a_letter_spaced_heading_is_found_beside_its_read_half():
    """目　　录 set with wide spaces: the detection boxed 录 alone and 目 stands two ems away, taller than body
    lines.  Ink as high as the glyphs of the read line on its row is a glyph to read; a seal's rest, or tall
    ink on no read line's row, is not."""
    import numpy as np
    from bulletin_pipeline.ingest.ocr import ink as geometry
    page = np.zeros((600, 800), dtype=bool)
    heading = [400, 100, 460, 160]                  # the read 录: a line box 60 px high
    page[102:158, 402:458:4] = True
    page[102:158, 250:306:4] = True                 # 目, unread
    page[102:106, 250:306] = True                   # (its strokes joined: one piece)
    body = [[100, 300 + 40 * k, 700, 330 + 40 * k] for k in range(5)]    # body lines 30 px high
    for x0, t, x1, b in body:
        page[t:b, x0:x1:3] = True
    page[400:580, 600:606] = True                   # a tall stroke on no read line's row
    got = geometry.unread_pieces(page, [heading] + body, 30.0, [heading] + body)
    assert got == [[250, 102, 306, 158]]
    assert geometry.unread_pieces(page, [heading] + body, 30.0) == []      # no rows given: too tall for a glyph
    page[60:200, 246:252] = True                    # a seal's ring through 目 and its row: far too tall
    assert geometry.unread_pieces(page, [heading] + body, 30.0, [heading] + body) == []


def _toc_page(rows, ocr):
    """A 目录 page from (text, x0, size) rows, one row per line, 16 pt entries."""
    from bulletin_pipeline.layout.lines import make_line
    from bulletin_pipeline.model import PageLayout
    lines = []
    for k, (text, x0, size) in enumerate(rows):
        top = 100 + 28 * k
        chars = [Char(ch, x0 + i * size, x0 + (i + 1) * size, top, top + size, size, "OCR" if ocr else "SimSun")
                 for i, ch in enumerate(text)]
        line = make_line(chars, 1, "full")
        line.short = (520 - line.x1) / 16.0
        lines.append(line)
    return PageLayout(number=1, width=595, height=842, lines=lines, ocr=ocr)


def test_a_lone_char_read_in_a_seal_is_no_toc_section():
    """A seal stamped over a scanned 目录 is read as one char (电) between an entry and its 文号 line: it is
    neither a section heading nor a title, and the 文号 goes on the entry above."""
    from bulletin_pipeline.structure.cover import parse_toc
    rows = [("目录", 260, 21.0), ("政府文件", 77, 18.0),
            ("重庆市人民政府办公厅关于促进内外贸一体化发展的实施意见……4", 77, 16.0), ("电", 364, 11.5),
            ("渝府办发〔2022〕109号", 105, 16.0)]
    entries, _, _ = parse_toc([_toc_page(rows, True)])
    got = [(e.section, e.title, e.doc_number, e.page) for e in entries]
    assert got == [("政府文件", "重庆市人民政府办公厅关于促进内外贸一体化发展的实施意见", "渝府办发〔2022〕109号", 4)]


@pytest.mark.parametrize("header", ["国务院公报2019年第7期", "国务院公报 2019年第7期", "国务院公报-2019年第7期",
                                    "国务院公报：2019年第7期"])
def test_gazette_name_from_a_running_header_with_its_issue(header):
    """An excerpt without its cover (document pages scanned alone) names its gazette in the running header."""
    from bulletin_pipeline.layout.lines import make_line
    from bulletin_pipeline.model import PageLayout
    from bulletin_pipeline.structure.cover import HEADER_ISSUE_TAIL, issue_meta
    chars = [Char(ch, 160 + 10 * i, 170 + 10 * i, 63, 73, 10.0, "OCR") for i, ch in enumerate(header)]
    body = [Char(ch, 60 + 10 * i, 70 + 10 * i, 200, 210, 10.0, "OCR") for i, ch in enumerate("各省、自治区、直辖市人民政府：")]
    page = PageLayout(number=1, width=521.6, height=737.0, lines=[make_line(body, 1, "full")],
                      furniture=[make_line(chars, 1, "full")], ocr=True)
    meta = issue_meta([page], "x")
    assert (meta.gazette, meta.year, meta.number) == ("国务院公报", 2019, 7)
    assert not HEADER_ISSUE_TAIL.search("国务院公报") and not HEADER_ISSUE_TAIL.search("2019年工作要点")
