"""Pages whose text is turned: a landscape section (a long notice's middle part, its 附件 task table) set sideways
in a 公文 typeset from the real text of 国办发〔2018〕129号 (govcn-policies.jsonl) and the task rows of
tests/data/task_rows.json.  The same text is set with its landscape pages upright (the truth: what a reader of the
page sees), on a page turned by /Rotate, and drawn turned on portrait paper (reading upwards and downwards), with
the portrait sheet's page number left upright; a vertical side note stands in the margin of an upright page.
Either reader must read every version as the upright one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin_pipeline.ingest import orient
from bulletin_pipeline.ingest.ocr import OCRConfig
from bulletin_pipeline.ingest.pdf import IngestConfig, read_pages
from bulletin_pipeline.model import Char
from bulletin_pipeline.pipeline import RunConfig, run

from conftest import shared_path
from test_backends import GEOMETRY_TOL, _same_pages

pytest.importorskip("reportlab")
import tablemaker  # noqa: E402  (tests/ is on the path)

DATA = Path(__file__).parent / "data"
A4 = (595.2756, 841.8898)
MARGIN = 60
# how the landscape pages are set: upright on landscape paper (the truth); on landscape media turned by /Rotate 90
# (displayed portrait, the text running down the page) or 180 (upside down); turned by /Rotate 90 with the content
# turned back (displayed upright); drawn turned on portrait paper, reading upwards or downwards, or reading upwards
# by a matrix whose cos 90° is written rounded (0.0001)
VERSIONS = ("upright", "rotate90", "rotate180", "rotate90-shown-upright", "turned90", "turned270", "turned90-rounded")
TURNED = ("turned90", "turned270", "turned90-rounded")
SIDE_NOTE = "此件公开发布"         # set vertically in the margin of the first (upright) page
BACKENDS = ("pdfplumber", "pdfium")


def _document() -> dict:
    """国办发〔2018〕129号 as published: its head, the part before 三、 (portrait) and 三、 (landscape)."""
    with open(shared_path("realworld", "govcn-policies.jsonl"), encoding="utf-8") as f:
        d = next(d for d in map(json.loads, f) if d["doc_number"] == "国办发〔2018〕129号")
    lines = d["body"].split("\n")
    three = next(i for i, s in enumerate(lines) if s.startswith("三、"))
    four = next(i for i, s in enumerate(lines) if s.startswith("四、"))
    return {"title": lines[0] + lines[1], "doc_number": lines[2], "addressee": lines[3], "issuer": d["issuer"],
            "date": "2018年12月30日", "portrait": lines[4:three], "landscape": lines[three:four]}


def turned_pdf(path: Path, doc: dict, rows: list[list[str]], version: str) -> Path:
    """The notice on portrait pages, its 三、 section on a landscape page, the signature and date on a portrait
    page, and its 附件 task table on landscape pages, set as ``version`` says (VERSIONS).  Every page carries a
    centred page number at the foot of its sheet."""
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                    Spacer, Table, TableStyle)
    body, title, center, right, flush, cell = tablemaker._styles()
    pw, ph = A4
    lw, lh = ph, pw

    def number(canv, x):
        canv.setFont("STSong-Light", 12)
        canv.drawCentredString(x, 30, f"— {canv.getPageNumber()} —")

    def portrait(canv, _doc):
        number(canv, pw / 2)
        if canv.getPageNumber() == 1:           # a vertical side note in the right margin
            canv.saveState()
            canv.translate(pw - 30, ph / 2)
            canv.rotate(90)
            canv.drawString(0, 0, SIDE_NOTE)
            canv.restoreState()

    def landscape(canv, _doc):
        if version in TURNED:
            number(canv, pw / 2)                # the portrait sheet's page number, upright
        if version in ("turned90", "rotate90-shown-upright"):
            canv.transform(0, 1, -1, 0, pw, 0)  # the landscape page drawn reading upwards
        elif version == "turned90-rounded":
            canv.transform(0.0001, 1, -1, 0.0001, pw, 0)
        elif version == "turned270":
            canv.transform(0, -1, 1, 0, 0, ph)  # reading downwards
        if version not in TURNED:
            number(canv, lw / 2)

    # reportlab gives a page turned by 90 degrees a media box of the other shape: its page size is as displayed
    size = A4 if version == "rotate90" or version in TURNED else (lw, lh)
    side = PageTemplate("landscape", [Frame(MARGIN, MARGIN, lw - 2 * MARGIN, lh - 2 * MARGIN)], onPage=landscape,
                        pagesize=size)
    side.rotation = {"rotate90": 90, "rotate90-shown-upright": 90, "rotate180": 180}.get(version, 0)
    templates = [PageTemplate("portrait", [Frame(MARGIN, MARGIN, pw - 2 * MARGIN, ph - 2 * MARGIN)],
                              onPage=portrait, pagesize=A4), side]
    story = [Paragraph(doc["title"], title), Spacer(1, 8), Paragraph(doc["doc_number"], center), Spacer(1, 8),
             Paragraph(doc["addressee"], flush)] + [Paragraph(p, body) for p in doc["portrait"]]
    story += [NextPageTemplate("landscape"), PageBreak()] + [Paragraph(p, body) for p in doc["landscape"]]
    story += [NextPageTemplate("portrait"), PageBreak(), Spacer(1, 24), Paragraph(doc["issuer"], right),
              Paragraph(doc["date"], right)]
    story += [NextPageTemplate("landscape"), PageBreak(), Paragraph("附件", flush),
              Paragraph("重点任务分工表", title), Spacer(1, 8)]
    data = [[Paragraph(h, cell) for h in tablemaker.TASK_HEADER]] + [[Paragraph(x, cell) for x in r] for r in rows]
    story.append(Table(data, colWidths=[30, 150, 270, 80, 130, 60], repeatRows=1,
                       style=TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                         ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])))
    BaseDocTemplate(str(path), pagesize=A4, pageTemplates=templates).build(story)
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("turned")
    doc = _document()
    rows = tablemaker.task_rows(json.loads((DATA / "task_rows.json").read_text(encoding="utf-8"))["rows"])
    return {v: turned_pdf(out / f"{v}.pdf", doc, rows, v) for v in VERSIONS}


def _reading(issue) -> tuple:
    """What a reader takes from the issue: its documents (title, number, pages, paragraphs, obligations with
    their units and deadlines, targets), its paragraph flow and its tables."""
    docs = [(d.title, d.doc_number, d.pages, [(p.part, p.kind, p.text, p.page) for p in d.paragraphs],
             [(o.text, o.source, [(u.name, u.role) for u in o.units], o.page, o.deadline_ids) for o in d.obligations],
             [(x.text, x.kind, x.end) for x in d.deadlines], [(t.indicator, t.value, t.unit) for t in d.targets])
            for d in issue.documents]
    return docs, [(p.kind, p.text, p.page) for p in issue.paragraphs], [t.text() for t in issue.tables]


@pytest.fixture(scope="module")
def readings(made) -> dict:
    """(version, backend) -> (the issue's reading, its warning codes)."""
    out = {}
    for backend in BACKENDS:
        for version, path in made.items():
            issue, _ = run(path, RunConfig(ingest=IngestConfig(backend=backend), ocr=OCRConfig(enabled=False)))
            out[version, backend] = _reading(issue), [w.code for w in issue.warnings]
    return out


def _same_as_upright(readings, version: str, backend: str) -> None:
    (docs, paras, tables), codes = readings[version, backend]
    (udocs, uparas, utables), _ = readings["upright", backend]
    assert len(udocs) == 1 and len(udocs[0][4]) >= 30 and len(utables) == 1     # the truth reads as typeset
    assert udocs[0][2] == [1, 2, 3, 4, 5, 6, 7]
    assert docs == udocs
    assert paras == uparas
    assert tables == utables
    assert not any(SIDE_NOTE in p[1] for p in paras)      # the side note in the margin stays out of the text


@pytest.mark.parametrize("backend", BACKENDS)
def test_pages_turned_by_rotate_read_as_the_text_set_upright(readings, backend):
    """(a) /Rotate 90 on landscape media (displayed portrait, the text running down the page) and /Rotate 180
    (upside down): the pages are read in their text's direction; /Rotate 90 with the content turned back (shown
    upright) is read as displayed."""
    for version in ("rotate90", "rotate180", "rotate90-shown-upright"):
        _same_as_upright(readings, version, backend)
    assert readings["rotate90", backend][1].count("page-turned") == 4      # the four landscape pages
    assert "page-turned" not in readings["rotate90-shown-upright", backend][1]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("version", TURNED)
def test_landscape_pages_drawn_turned_on_portrait_paper_read_as_set_upright(readings, version, backend):
    """(b) the landscape pages drawn reading upwards on portrait paper, (c) reading downwards, and reading upwards
    by a matrix not quite a quarter turn; the portrait sheet's page number, upright, does not spoil their text."""
    _same_as_upright(readings, version, backend)
    assert readings[version, backend][1].count("page-turned") == 4
    assert "turned-text-left-out" not in readings[version, backend][1]


@pytest.mark.parametrize("version", ("rotate90", "rotate180") + TURNED)
def test_both_readers_give_the_same_turned_pages(made, version):
    """The same RawPages from either reader, the landscape pages in their reading frame (wider than high) with
    their text."""
    pages = _same_pages(made[version], fonts=False)     # reportlab's CID font: named as in test_backends
    landscape = [p for p in pages if p.width > p.height]
    assert [p.number for p in landscape] == [3, 5, 6, 7]
    assert "（五）拓展销售途径" in "".join(c.text for c in landscape[0].chars)
    assert "重点任务分工表" in "".join(c.text for c in landscape[1].chars)


def _char(text: str, x: float, top: float) -> Char:
    return Char(text, x, x + 10, top, top + 10, 10, "F")


def test_which_way_a_page_is_read():
    """A page is read turned when most of its chars run one turned way: a stamp, a vertical side note or a
    watermark on an upright page stays out of its text, and so does an upright page number on a turned page."""
    body = [_char(t, 100 + 10 * i, 100 + 20 * k) for k in range(10) for i, t in enumerate("为贯彻落实有关部署现提出如下意见")]
    note = [(len(body), 1, _char(t, 500, 200 + 10 * i)) for i, t in enumerate("此件公开发布请认真贯彻落实")]
    chars, turn = orient.orient(body, note, 595.0, 842.0)
    assert turn.quarters == 0 and chars == body and turn.left_out == len(note)
    assert orient.turn_warnings(turn) == []
    # the same text set on a landscape page and turned a quarter onto a portrait one (reading upwards), the
    # portrait page number upright: read in the landscape page's frame, as set
    number = [_char(t, 280 + 10 * i, 800) for i, t in enumerate("—7—")]
    back = orient.Turn(3, 595.0, 842.0)         # from the landscape frame to the portrait page, as displayed
    turned = [(len(number), 1, Char(c.text, *back.box(c.x0, c.x1, c.top, c.bottom), c.size, c.font)) for c in body]
    chars, turn = orient.orient(number, turned, 595.0, 842.0)
    assert turn.quarters == 1 and (turn.width, turn.height) == (842.0, 595.0) and turn.left_out == 3
    assert chars == body
    assert [code for code, _ in orient.turn_warnings(turn)] == ["page-turned"]
    # a turned table under an upright text half its size: left out, and said so
    table = [(len(body), 3, _char("表", 300, 500 + i)) for i in range(orient.LEFT_OUT_WARNING)]
    chars, turn = orient.orient(body, table, 595.0, 842.0)
    assert turn.quarters == 0 and chars == body
    assert [code for code, _ in orient.turn_warnings(turn)] == ["turned-text-left-out"]


def test_which_way_a_glyph_stands():
    assert orient.quarter(1, 0, 0, 1) == 0 and orient.quarter(0, 1, -1, 0) == 1
    assert orient.quarter(-1, 0, 0, -1) == 2 and orient.quarter(0, -1, 1, 0) == 3
    assert orient.quarter(-1, 0, 0, 1) is None and orient.quarter(1, 0, 0, -1) is None      # mirrored
    assert orient.quarter(1, 0, 0.2, 1) == 0 and orient.quarter(0.9, 0.2, -0.2, 0.9) == 0   # slanted, tilted
    assert orient.quarter(1, 0, 0, 1, scaling=-1) is None
    # a quarter turn written with rounding (cos 90° as 0.0001) is a quarter turn; so is a tilt past 45 degrees
    assert orient.quarter(0.0001, 1, -1, 0.0001) == 1 and orient.quarter(0.5, 0.87, -0.87, 0.5) == 1


def test_turned_boxes_undo_the_turn():
    """A box turned into the reading frame and the page's matrix agree, and a page turned four times is back."""
    for k in range(4):
        t = orient.Turn(k, *((842.0, 595.0) if k % 2 else (595.0, 842.0)))
        x0, x1, top, bottom = 100.0, 112.0, 200.0, 212.0
        w, h = (t.height, t.width) if k % 2 else (t.width, t.height)      # the page as displayed
        corners = [t.point(x, h - y) for x in (x0, x1) for y in (top, bottom)]
        got = (min(x for x, _ in corners), max(x for x, _ in corners),
               t.height - max(y for _, y in corners), t.height - min(y for _, y in corners))
        assert max(abs(a - b) for a, b in zip(got, t.box(x0, x1, top, bottom))) < 1e-9
        assert 0 <= got[0] and got[1] <= t.width and 0 <= got[2] and got[3] <= t.height


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_real_file_with_pages_turned_three_ways(backend):
    """pdfplumber's issue 848 sample: one text on page 1, and again on pages 3, 5 and 7 with /Rotate 180, 90 and
    270 over content that does not undo it.  Each turned page reads as page 1 does, char for char."""
    pdf = shared_path("odd-pdfs", "plumber__issue-848.pdf")
    problems: list = []
    pages = list(read_pages(pdf, IngestConfig(backend=backend), problems))
    first: dict[str, list] = {}
    for c in pages[0].chars:
        first.setdefault(c.text, []).append((c.x0, c.top, c.bottom, c.x1))
    assert len(pages[0].chars) > 1000
    # PDFium gives page 3's upside-down glyphs in another order and joins a space to the next glyph there
    for n in ((3, 5, 7) if backend == "pdfplumber" else (5, 7)):
        page = pages[n - 1]
        assert len(page.chars) == len(pages[0].chars) and (page.width, page.height) == (pages[0].width, pages[0].height)
        for c in page.chars:       # each char where page 1 has the same one
            # (PDFium measures a glyph whose text runs other than left to right on the page by the font's width of
            # its first code point: a ligature's right edge is off)
            edges = slice(0, 4) if backend == "pdfplumber" or len(c.text) == 1 else slice(0, 1)
            near = min(max(abs(a - b) for a, b in zip((c.x0, c.top, c.bottom, c.x1)[edges], box[edges]))
                       for box in first[c.text])
            assert near < GEOMETRY_TOL, (n, c)
    assert [p for c, _, p in problems if c == "page-turned"] == [3, 5, 7]


def test_a_turned_page_sent_to_ocr_is_recognised_as_displayed(made, monkeypatch):
    """A page read turned whose text layer then goes to OCR (a garbled font, say) is rendered and recognised as
    displayed: it gets the displayed page's width and height back (then OCR's own turn applies)."""
    from bulletin_pipeline.ingest import ocr
    from bulletin_pipeline.pipeline import load
    raw, issue = load(made["turned90"], RunConfig(ocr=OCRConfig(enabled=False)))
    page = raw[2]
    assert (page.width, page.height, page.turned) == (A4[1], A4[0], 1)
    page.garbled = 1.0          # as if its glyphs had no Unicode
    monkeypatch.setattr(ocr, "read_image", lambda *a, **k: ocr.PageResult([], None, []))
    monkeypatch.setattr(ocr, "get_engine", lambda *a, **k: object())
    ocr.apply(raw, made["turned90"], issue, OCRConfig(workers=1, progress=False), object())
    assert page.ocr and (page.width, page.height) == A4 and page.turned == 0
    assert (raw[0].width, raw[0].height, raw[0].ocr) == (A4[0], A4[1], False)
