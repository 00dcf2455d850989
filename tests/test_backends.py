"""The two readers of a PDF's text layer, PDFium (ingest/pdfium.py) and pdfminer through pdfplumber
(ingest/pdf.py), on the bundled PDF and on PDFs the tests set: the same RawPages, the same issue.json."""
import json
import re
import typing

import pytest
from click.testing import CliRunner

from bulletin_pipeline.cli import cli
from bulletin_pipeline.errors import InputError
from bulletin_pipeline.ingest import BACKENDS, DEFAULT_BACKEND, pdfium
from bulletin_pipeline.ingest.pdf import IngestConfig, read_pages

from conftest import CORPUS_PDF, DATA, shared_path
import pdfmaker
from pdfmaker import make_pdf, text_pdf

# float32 inside PDFium against pdfminer's float64: a coordinate a few 1e-5 pt apart; both readers keep boxes to
# 0.001 pt, so two coordinates on either side of a step of that grid are one step apart, never more
GEOMETRY_TOL = 1e-3 + 1e-9


def _issue_json(pdf, backend):
    from bulletin_pipeline.ingest.ocr import OCRConfig
    from bulletin_pipeline.kb.json_out import dump
    from bulletin_pipeline.pipeline import RunConfig, run
    issue, _ = run(pdf, RunConfig(ingest=IngestConfig(backend=backend), ocr=OCRConfig(enabled=False)))
    data = json.loads(dump(issue))
    assert data["pipeline"].pop("backend") == backend
    return data


def _differences(a, b, path="$", out=None):
    out = [] if out is None else out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _differences(a.get(k), b.get(k), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            _differences(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append((path, a, b))
    return out


def _raw(pdf, backend):
    problems = []
    return list(read_pages(pdf, IngestConfig(backend=backend), problems)), problems


def _same_pages(pdf, fonts=True):
    """Both backends' RawPages: the same chars (text, box, size, colour, font), rules and table cells."""
    (a, pa), (b, pb) = _raw(pdf, "pdfplumber"), _raw(pdf, "pdfium")
    assert pa == pb and all(code == "page-turned" for code, _, _ in pa)     # a page read turned says so
    assert len(a) == len(b)
    for p, q in zip(a, b):
        assert (p.number, p.garbled) == (q.number, q.garbled)
        assert abs(p.width - q.width) < GEOMETRY_TOL and abs(p.height - q.height) < GEOMETRY_TOL
        assert [c.text for c in p.chars] == [c.text for c in q.chars], p.number
        for c, d in zip(p.chars, q.chars):
            assert c.color == d.color and (not fonts or c.font == d.font), (p.number, c, d)
            assert max(abs(c.x0 - d.x0), abs(c.x1 - d.x1), abs(c.top - d.top), abs(c.bottom - d.bottom),
                       abs(c.size - d.size)) < GEOMETRY_TOL, (p.number, c, d)
        for name in ("hrules", "vrules"):
            r, s = getattr(p, name), getattr(q, name)
            assert len(r) == len(s), (p.number, name)
            assert all(abs(x - y) < GEOMETRY_TOL for u, v in zip(r, s) for x, y in zip(u, v)), (p.number, name)
        assert p.table_cells == q.table_cells, p.number
    return a


def test_backend_names_agree_with_the_model():
    from bulletin_pipeline.model import PipelineInfo
    literal = typing.get_args(PipelineInfo.model_fields["backend"].annotation)[0]
    assert set(typing.get_args(literal)) == set(BACKENDS) and DEFAULT_BACKEND in BACKENDS
    with pytest.raises(ValueError):
        IngestConfig(backend="mupdf")


# --------------------------------------------------------------------------- the bundled PDF
def test_bundled_pdf_gives_the_same_raw_pages():
    pages = _same_pages(CORPUS_PDF)
    assert sum(len(p.chars) for p in pages) > 30_000 and any(p.table_cells for p in pages) is not None


@pytest.fixture(scope="module")
def bundled_pair():
    return _issue_json(CORPUS_PDF, "pdfplumber"), _issue_json(CORPUS_PDF, "pdfium")


def test_bundled_issue_json_differs_at_most_by_a_rounding_of_a_bbox(bundled_pair):
    a, b = bundled_pair
    diffs = _differences(a, b)
    for path, x, y in diffs:
        assert re.search(r"\.bbox\[\d\]$", path) and abs(x - y) <= 0.0100001, (path, x, y)
    assert len(diffs) <= 8


def test_bundled_issue_json_is_the_same_with_either_backend(bundled_pair):
    a, b = bundled_pair
    assert _differences(a, b) == []


# --------------------------------------------------------------------------- PDFs the tests set
@pytest.fixture(scope="module")
def made_pdfs(tmp_path_factory):
    """The PDFs the other tests set (tests/pdfmaker.py, tests/tablemaker.py): 公文, gazette issues in three
    styles, ruled task tables, an English text page."""
    pytest.importorskip("reportlab")
    import pdfmaker
    import tablemaker
    import test_gazette_styles as styles
    d = tmp_path_factory.mktemp("backends")
    texts = json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))
    pdfs = dict(pdfmaker.sample_pdfs(d, texts))
    for name, style in styles._styles().items():
        pdfmaker.gazette_pdf(d / f"{name}.pdf", styles._issue(), style)
        pdfs[name] = d / f"{name}.pdf"
    rows = json.loads((DATA / "task_rows.json").read_text(encoding="utf-8"))["rows"]
    pdfs["task"] = tablemaker.task_table_issue(d / "task.pdf", tablemaker.task_rows(rows))
    pdfs["merged"] = tablemaker.task_table_issue(d / "merged.pdf", sorted(tablemaker.task_rows(rows[:12]),
                                                                         key=lambda r: r[3]), merge_lead=True)
    pdfs["two-column"] = tablemaker.two_column_table(
        d / "two.pdf", [[str(i + 1), r["task"], r["lead"]] for i, r in enumerate(rows[:30])],
        ["序号", "重点任务", "牵头单位"], [r["content"] * 2 for r in rows[30:33]])
    (d / "english.pdf").write_bytes(text_pdf(["An English paper about nothing in particular."] * 20))
    pdfs["english"] = d / "english.pdf"
    return pdfs


MADE = ("single", "joint", "order", "issue", "a4-1col-dots", "16k-2col-ownline", "letter-1col-pagefirst", "task",
        "merged", "two-column", "english")


@pytest.mark.parametrize("name", MADE)
def test_made_pdf_gives_the_same_issue_json(made_pdfs, name):
    a, b = _issue_json(made_pdfs[name], "pdfplumber"), _issue_json(made_pdfs[name], "pdfium")
    assert _differences(a, b) == []
    assert a["paragraphs"]


@pytest.mark.parametrize("name", ("single", "task", "english"))
def test_made_pdf_gives_the_same_raw_pages(made_pdfs, name):
    # reportlab's CID font: pdfminer names it by its descriptor's /FontName (STSongStd-Light), PDFium by the
    # font's /BaseFont (STSong-Light); the bundled PDF's fonts carry one name in both places
    _same_pages(made_pdfs[name], fonts=name == "english")


def test_rotated_page_and_a_form_xobject(tmp_path):
    """Chars and rules in pdfminer's page space on a page turned by /Rotate, and drawn inside a form XObject."""
    content = (b"0 0 0 RG 1 w 20 150 m 260 150 l S 30 40 240 180 re S "
               b"BT /F1 12 Tf 30 200 Td (Rotated page) Tj ET")
    pdf = _with_xref(make_pdf(content).replace(b"/MediaBox [0 0 300 300]", b"/MediaBox [0 0 300 300] /Rotate 90"))
    f = tmp_path / "rotated.pdf"
    f.write_bytes(pdf)
    pages = _same_pages(f)
    assert pages[0].hrules or pages[0].vrules
    # the text runs down the page as displayed: it is read in its own direction, which undoes the /Rotate
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(_with_xref(make_pdf(content)))
    assert pages[0].chars == _raw(plain, "pdfplumber")[0][0].chars and "".join(c.text for c in pages[0].chars) \
        == "Rotated page"
    form = make_pdf(b"q 1 0 0 1 10 20 cm /Fm1 Do Q").replace(
        b"/Resources << /Font", b"/Resources << /XObject << /Fm1 6 0 R >> /Font")
    stream = b"0 0 0 RG 20 100 m 220 100 l S BT /F1 12 Tf 20 120 Td (Inside a form) Tj ET 10 10 200 60 re S"
    form = _with_xref(form, b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources << /Font << /F1 5 0 R"
                        b" >> >> /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    g = tmp_path / "form.pdf"
    g.write_bytes(form)
    pages = _same_pages(g)
    assert "".join(c.text for c in pages[0].chars) == "Inside a form" and pages[0].hrules


def _with_xref(pdf: bytes, extra: bytes = b"") -> bytes:
    """``pdf`` (as tests/pdfmaker.make_pdf writes it, edited) with ``extra`` as one more object and a fresh
    cross-reference table, so that no reader has to repair it."""
    body = pdf[:pdf.index(b"xref\n")]
    if extra:
        body += b"%d 0 obj\n" % (len(re.findall(rb"(?m)^\d+ 0 obj\n", body)) + 1) + extra + b"\nendobj\n"
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    out = body + b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, len(body))


# --------------------------------------------------------------------------- what PDFium's text page does otherwise
def _text(page):
    return "".join(c.text for c in page.chars)


def _font_pdf(name: bytes, content: bytes) -> bytes:
    """``content`` drawn in a Type1 font named ``name`` (a PDF name, #xx escapes allowed) in its /BaseFont and its
    descriptor's /FontName, with widths of its own (a font PDFium and pdfminer both size from the file)."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /FirstChar 32 /LastChar 126 /Widths ["
            + b" ".join(b"600" for _ in range(95)) + b"] /FontDescriptor 6 0 R >>")
    pdf = make_pdf(content).replace(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", font)
    return _with_xref(pdf, b"<< /Type /FontDescriptor /FontName /" + name + b" /Flags 32 /FontBBox [0 -200 600 800]"
                           b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")


def test_a_font_named_in_utf8_has_the_same_name_from_either_reader(tmp_path):
    """A Chinese word processor names its fonts in UTF-8 (ABCDEF+宋体): pdfminer reads the name as UTF-8, and so
    must PDFium's reader (it gave latin-1 mojibake)."""
    f = tmp_path / "song.pdf"
    f.write_bytes(_font_pdf(b"ABCDEF+#E5#AE#8B#E4#BD#93", b"BT /F1 12 Tf 20 200 Td (Song) Tj ET"))
    pages = _same_pages(f)
    assert {c.font for c in pages[0].chars} == {"ABCDEF+宋体"}


def _reportlab_canvas(path, size=(400, 400)):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas
    pdfmaker._font()
    return canvas.Canvas(str(path), pagesize=size)


def test_a_vertical_table_label_has_pdfminer_boxes(tmp_path):
    """A merged table cell labelled down the page in a vertical (Identity-V / -V) CID font, as the yearly
    government-information reports set 三、本年度办理结果: each char's box is the font size square below the
    last, in both readers (PDFium's gave a box as wide as the font size before the text matrix, 1.4 pt low)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    c = _reportlab_canvas(tmp_path / "vertical.pdf")
    if "STSong-Light-V" not in pdfmetrics.getRegisteredFontNames():
        font = UnicodeCIDFont(pdfmaker.FONT, isVertical=True)
        font.name = font.fontName = "STSong-Light-V"
        pdfmetrics.registerFont(font)
    c.rect(40, 60, 30, 280)
    c.rect(70, 60, 200, 280)
    c.setFont("STSong-Light-V", 10)
    c.drawString(55, 320, "三、本年度办理结果")
    c.setFont(pdfmaker.FONT, 10)
    c.drawString(80, 320, "（一）予以公开")
    c.save()
    page = _same_pages(tmp_path / "vertical.pdf", fonts=False)[0]
    label = [ch for ch in page.chars if ch.x0 < 70]
    assert "".join(ch.text for ch in label) == "三、本年度办理结果"
    assert all(abs(ch.x1 - ch.x0 - 10) < 0.01 and abs(ch.bottom - ch.top - 10) < 0.01 for ch in label)
    assert all(abs(b.top - a.bottom) < 0.01 for a, b in zip(label, label[1:]))


def test_glyphs_drawn_one_text_object_each_keep_their_blanks_and_order(tmp_path):
    """A word processor that draws each glyph as its own text object draws an indent as text objects of one
    ideographic space each and a gap as one-space objects; PDFium's text page leaves such inkless objects out,
    and sorts the objects of a line from left to right where pdfminer keeps the drawing order."""
    body = json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))
    text = next(iter(body.values())) if isinstance(body, dict) else body[0]
    while not isinstance(text, str):
        text = next(iter(text.values())) if isinstance(text, dict) else text[0]
    line = text.replace("\n", "")[:12]
    c = _reportlab_canvas(tmp_path / "glyphs.pdf")
    c.setFont(pdfmaker.FONT, 12)
    x = 40.0
    for ch in "\u3000\u3000" + line[:6] + "  " + line[6:]:
        c.drawString(x, 300, ch)
        x += c.stringWidth(ch, pdfmaker.FONT, 12)
    c.drawString(200, 250, "编码")         # a header cell drawn after the one left of it
    c.drawString(100, 250, "科目")
    c.save()
    page = _same_pages(tmp_path / "glyphs.pdf", fonts=False)[0]
    assert _text(page) == "\u3000\u3000" + line[:6] + "  " + line[6:] + "编码科目"


def test_a_run_of_spaces_in_one_text_object_keeps_every_space(tmp_path):
    """``[( )( )( )] TJ`` between two words (a Word gap), filled or stroked: PDFium's text page keeps one space of
    the run, pdfminer all of them."""
    content = (b"BT /F1 12 Tf 20 200 Td (Total) Tj ET BT /F1 12 Tf 56 200 Td [( )( )( )( )] TJ ET "
               b"BT /F1 12 Tf 90 200 Td (sum) Tj ET "
               b"BT /F1 12 Tf 2 Tr 0.5 w 20 150 Td (Gap) Tj ET BT /F1 12 Tf 2 Tr 0.5 w 44 150 Td [( )( )] TJ ET")
    f = tmp_path / "run.pdf"
    f.write_bytes(_font_pdf(b"ABCDEF+Mono", content))
    page = _same_pages(f)[0]
    assert _text(page) == "Total    sumGap  "


def test_table_cells_on_rules_at_a_rounding_edge_are_the_same(tmp_path):
    """Rules drawn at coordinates that end in 5 in the third decimal: PDFium's float32 put some of them a few
    1e-5 pt to the other side of a hundredth, and their table cells rounded apart; both readers now keep rule
    coordinates to 0.001 pt, as char boxes are kept."""
    ys = [40.005 + 13.33 * k for k in range(16)]
    xs = [20.005, 100.015, 180.025, 260.035]
    ops = [b"%.3f %.3f m %.3f %.3f l S" % (xs[0], y, xs[-1], y) for y in ys]
    ops += [b"%.3f %.3f m %.3f %.3f l S" % (x, ys[0], x, ys[-1]) for x in xs]
    f = tmp_path / "rules.pdf"
    f.write_bytes(make_pdf(b"0 0 0 RG 0.5 w " + b" ".join(ops)))
    page = _same_pages(f)[0]
    assert len(page.table_cells[0]) == 15 * 3


# --------------------------------------------------------------------------- real government PDFs
REALWORLD = ("hongze_district_2023_zfxxgk_annual_report.pdf", "hongze_district_2024_zfxxgk_annual_report.pdf",
             "putuo_commerce_comm_2025_dept_budget.pdf", "putuo_commerce_comm_2025_unit_budget.pdf",
             "putuo_finance_bureau_2024_dept_final_accounts.pdf", "putuo_gov_office_2025_dept_budget.pdf",
             "putuo_gov_office_2025_unit_budget.pdf", "putuo_justice_bureau_2026_dept_budget.pdf",
             "putuo_justice_bureau_2026_unit_budget.pdf", "putuo_party_social_work_dept_2024_final_accounts.pdf",
             "putuo_planning_natres_2024_dept_final_accounts.pdf", "putuo_wanli_street_2024_dept_budget.pdf",
             "putuo_wanli_street_2025_dept_budget.pdf")


# PDFium moves the pen along a line in single precision: a char's right edge comes out 491.994 where pdfminer's
# is 491.995, and the paragraph's bbox, kept to 0.01 pt, rounds to the other side (13 bboxes of this file)
SINGLE_PRECISION_EDGE = ("putuo_finance_bureau_2024_dept_final_accounts.pdf",)


@pytest.mark.shared
@pytest.mark.parametrize("name", REALWORLD)
def test_real_pdf_gives_the_same_issue_json(name):
    pdf = shared_path("realworld", "pdfs", name)
    a, b = _issue_json(pdf, "pdfplumber"), _issue_json(pdf, "pdfium")
    diffs = _differences(a, b)
    assert all(re.search(r"\.bbox\[\d\]$", path) and abs(x - y) <= 0.0100001 for path, x, y in diffs), diffs[:3]
    if name not in SINGLE_PRECISION_EDGE:
        assert diffs == []


def test_run_records_the_backend(tmp_path):
    f = tmp_path / "paper.pdf"
    f.write_bytes(text_pdf(["An English paper about nothing in particular."] * 20))
    for backend in BACKENDS:
        out = tmp_path / backend
        r = CliRunner().invoke(cli, ["run", str(f), "-o", str(out), "--no-ocr", "--no-index", "--backend", backend])
        assert r.exit_code == 0, r.output
        data = json.loads(next(out.glob("*/issue.json")).read_text(encoding="utf-8"))
        assert data["pipeline"]["backend"] == backend
    r = CliRunner().invoke(cli, ["run", str(f), "-o", str(tmp_path / "x"), "--backend", "mupdf"])
    assert r.exit_code == 2


# --------------------------------------------------------------------------- bad input through PDFium
def _pdfium_error(path, **cfg):
    with pytest.raises(InputError) as e:
        list(read_pages(path, IngestConfig(backend="pdfium", **cfg)))
    assert "\n" not in e.value.message
    return e.value.code, e.value.message


def test_pdfium_refuses_bad_input_in_one_line(tmp_path):
    cases = {"text.pdf": b"this is a text file renamed .pdf", "empty.pdf": b"",
             "truncated.pdf": CORPUS_PDF.read_bytes()[:200_000], "three.pdf": text_pdf(["page"], pages=3)}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert _pdfium_error(tmp_path / "text.pdf")[0] == "not-a-pdf"
    assert _pdfium_error(tmp_path / "empty.pdf")[0] == "empty"
    assert _pdfium_error(tmp_path / "missing.pdf")[0] == "not-found"
    assert _pdfium_error(tmp_path / "truncated.pdf")[0] == "truncated"
    assert _pdfium_error(tmp_path / "three.pdf", max_pages=2) == (
        "too-many-pages", "three.pdf has 3 pages, over the limit of 2")


def test_pdfium_asks_for_the_password_of_an_encrypted_file(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    f = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(f), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(72, 720, "a locked page")
    c.save()
    assert _pdfium_error(f) == ("encrypted", "locked.pdf is encrypted and needs a password")
    pages = list(read_pages(f, IngestConfig(backend="pdfium", password="secret")))
    assert "".join(c.text for c in pages[0].chars) == "a locked page"


@pytest.mark.parametrize("damage", [lambda d: b"GARBAGE " * 60 + b"\n" + d,
                                    lambda d: re.sub(rb"startxref\s+\d+", b"startxref\n123", d)])
def test_pdfium_reads_a_damaged_gazette_and_says_so(tmp_path, damage):
    f = tmp_path / "damaged.pdf"
    f.write_bytes(damage(CORPUS_PDF.read_bytes()))
    problems = []
    pages = list(read_pages(f, IngestConfig(backend="pdfium"), problems))
    assert len(pages) == 36 and sum(len(p.chars) for p in pages) > 30_000
    assert [c for c, _, _ in problems] == ["repaired"]
    problems = []
    list(read_pages(CORPUS_PDF, IngestConfig(backend="pdfium"), problems))
    assert problems == []


def test_pdfium_keeps_the_other_pages_when_one_fails(tmp_path, monkeypatch):
    f = tmp_path / "three.pdf"
    f.write_bytes(text_pdf(["a line of text"], pages=3))
    real = pdfium._page_objects
    calls = {"n": 0}

    def flaky(page):
        calls["n"] += 1
        if calls["n"] == 2:
            raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'float'")
        return real(page)

    monkeypatch.setattr(pdfium, "_page_objects", flaky)
    probs = []
    pages = list(read_pages(f, IngestConfig(backend="pdfium"), probs))
    assert len(pages) == 3 and pages[0].chars and not pages[1].chars and pages[2].chars
    assert [(c, p) for c, _, p in probs] == [("page-unreadable", 2)]


def test_damage_patterns():
    assert pdfium._HEADER.match(b"%PDF-1.7\n") and not pdfium._HEADER.match(b"GARBAGE %PDF-1.7")
    assert pdfium._STARTXREF.findall(b"endobj\nstartxref\n1234\n%%EOF") == [b"1234"]
    assert not pdfium._STARTXREF.search(b"startxref\n%%EOF")
    assert pdfium._XREF_AT.match(b"xref\n0 6") and pdfium._XREF_AT.match(b"\n12 0 obj\n<< /Type /XRef")
    assert not pdfium._XREF_AT.match(b"stream\nxref")
    assert pdfium._EOF_MARK.search(b"startxref\n9\n%%EOF\n") and pdfium._EOF_MARK.search(b"%%EOF")
    assert not pdfium._EOF_MARK.search(b"BT /F1 12 Tf (half a page")
    assert pdfium._STREAM.search(b"<< /Length 9 >>\nstream\r\nx") and pdfium._STREAM.search(b">> stream\nx")
    assert not pdfium._STREAM.search(b"/Type /Streamed >>") and not pdfium._STREAM.search(b"stream data")


def test_pdfium_refuses_a_decompression_bomb_in_one_line(tmp_path):
    """PDFium ends the process when an allocation fails: under a memory bound a stream too large for it is
    refused before PDFium sees it, with the one-line memory error pdfminer's MemoryError gives."""
    import subprocess
    import sys
    from pdfmaker import bomb_pdf
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(800))
    r = subprocess.run([sys.executable, "-m", "bulletin_pipeline.cli", "run", str(bomb), "-o", str(tmp_path / "o"),
                        "--memory-mb", "300", "--no-ocr", "--backend", "pdfium"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    line = [l for l in r.stderr.splitlines() if l.strip()][-1]
    assert line.split(": ", 1)[1].startswith("memory"), r.stderr
