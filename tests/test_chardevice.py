"""The default reader's pdfminer device (ingest/chardevice.py) against pdfminer's own LTChar path (pdfplumber's
``page.layout`` walked, as bench/reader_equal.py keeps it): the same RawPage objects, every char with every field
compared exactly (floats by their repr), the same rules, ruled-table cells and garbled share."""
import sys
from pathlib import Path

import pytest

from bulletin_pipeline.ingest import pdf as ingest_pdf
from bulletin_pipeline.ingest.pdf import IngestConfig, read_pages

from conftest import CORPUS_PDF, ROOT
from pdfmaker import make_pdf
from test_backends import MADE, _with_xref, made_pdfs  # noqa: F401  (made_pdfs is a fixture)

sys.path.insert(0, str(ROOT / "bench"))
from reader_equal import _key, layout_page_objects, read_file  # noqa: E402


def _both(pdf: Path) -> tuple[list, list]:
    """Per page, what the device gives and what pdfminer's LTChar path gives."""
    new, _ = read_file(pdf, ingest_pdf._page_objects)
    old, _ = read_file(pdf, layout_page_objects)
    return new, old


def _chars(pages: list) -> list:
    return [c for p in pages if p[0] == "ok" for c in p[1][0]]


def test_bundled_pdf_reads_the_same_as_ltchar():
    new, old = _both(CORPUS_PDF)
    assert len(new) == 36 and all(p[0] == "ok" for p in new)
    for i, (a, b) in enumerate(zip(new, old), 1):
        assert a == b, f"page {i}"
    assert len(_chars(new)) > 30000
    assert sum(len(p[1][2]) for p in new) >= 1         # its drawn rules


@pytest.mark.parametrize("name", MADE)
def test_made_pdf_reads_the_same_as_ltchar(made_pdfs, name):  # noqa: F811
    new, old = _both(made_pdfs[name])
    assert new == old
    assert _chars(new)


def _page(tmp_path, content: bytes, form: bytes = b"") -> Path:
    pdf = make_pdf(content)
    if form:
        pdf = pdf.replace(b"/Resources << /Font", b"/Resources << /XObject << /Fm1 6 0 R >> /Font")
        pdf = _with_xref(pdf, b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources << /Font << /F1 5 0 R"
                              b" >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form), form))
    f = tmp_path / "page.pdf"
    f.write_bytes(pdf)
    return f


def test_text_state_and_figures_read_the_same_as_ltchar(tmp_path):
    """Rise, horizontal scaling, char and word spacing, a mirrored and a turned text matrix, a glyph drawn twice
    (fake bold), a control character, an undefined glyph, rules, and a form XObject drawn between two strings:
    the device keeps the chars LTChar keeps, with the same numbers, in the order the page draws them."""
    content = (b"0 0 0 RG 1 w 20 150 m 260 150 l S 30 40 240 180 re S "
               b"BT /F1 12 Tf 20 270 Td (Before) Tj ET "
               b"q 1 0 0 1 5 -30 cm /Fm1 Do Q "
               b"BT /F1 11 Tf 3 Ts 120 Tz 1.5 Tc 4 Tw 20 230 Td (After a form) Tj ET "
               b"BT /F1 10 Tf 20 210 Td (Bold) Tj 0.2 0 Td (Bold) Tj ET "
               b"BT /F1 10 Tf -1 0 0 1 200 190 Tm (Mirror) Tj ET "
               b"BT /F1 10 Tf 0 1 -1 0 250 60 Tm (Turned) Tj ET "
               b"BT /F1 9 Tf 0.8 0 0 0.8 20 170 Tm (ctrl\x07 and \xff) Tj ET")
    form = b"0 0 0 RG 20 100 m 220 100 l S BT /F1 12 Tf 20 220 Td (Inside) Tj ET 10 10 200 60 re S"
    f = _page(tmp_path, content, form)
    new, old = _both(f)
    assert new == old and new[0][0] == "ok"
    text = "".join(c[0] for c in new[0][1][0])
    # in drawing order: the form's chars between the two strings; one "Bold" of the two; no turned text
    assert text.startswith("BeforeInsideAfter a formBold") and "BoldBold" not in text
    assert "Turned" not in text and "\x07" not in text
    assert new[0][1][2]          # the rules, the form's included


def test_a_vertical_font_reads_the_same_as_ltchar(tmp_path):
    """A CID font written top to bottom, narrowed (the vertical branch of LTChar's box and size: its width)."""
    text = "竖排的公文标题"
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V /DescendantFonts "
            b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor /FontName "
            b"/STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 880 /StemV 93 >> >>] >>")
    content = b"BT /F1 13.7 Tf 80 Tz 2 Ts 150 280 Td <" + text.encode("utf-16-be").hex().encode() + b"> Tj ET"
    f = tmp_path / "vertical.pdf"
    f.write_bytes(_with_xref(make_pdf(content).replace(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                                       font)))
    new, old = _both(f)
    assert new == old
    chars = _chars(new)
    assert [c[0] for c in chars] == list(text)
    assert len({c[1] for c in chars}) == 1 and len({c[3] for c in chars}) == 7     # one column, seven rows


def test_a_page_the_interpreter_cannot_read_fails_as_before(tmp_path, monkeypatch):
    """A failure inside pdfminer's interpreter reaches the reader wrapped as pdfplumber wraps it, so the page's
    warning reads the same; the other pages are kept."""
    ok = b"BT /F1 12 Tf 20 270 Td (Fine) Tj ET"
    pdf = make_pdf(ok, pages=2)
    f = tmp_path / "two.pdf"
    f.write_bytes(pdf)
    calls = {"n": 0}
    from bulletin_pipeline.ingest import chardevice
    real = chardevice.CharDevice.render_char

    def broken(self, *a):
        calls["n"] += 1
        if calls["n"] > 4:
            raise TypeError("unsupported operand type(s) for *: 'NoneType' and 'float'")
        return real(self, *a)

    monkeypatch.setattr(chardevice.CharDevice, "render_char", broken)
    problems = []
    pages = list(read_pages(f, IngestConfig(backend="pdfplumber"), problems))
    assert [len(p.chars) for p in pages] == [4, 0]
    assert [(c, p) for c, _, p in problems] == [("page-unreadable", 2)]
    assert "TypeError: unsupported operand" in problems[0][1]


def test_key_compares_floats_as_written():
    assert _key([0.0]) != _key([-0.0]) and _key((1.0, "a")) == _key((1.0, "a"))
