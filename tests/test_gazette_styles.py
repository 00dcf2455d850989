"""Whole gazette issues set by other typesetters (tests/pdfmaker.gazette_pdf, reportlab) from real texts
(tests/data/gongwen_texts.json): other page sizes, one or two columns, other body sizes and leading, three 目录
styles, three page-number styles, a running header.  The pipeline must read the 目录, the document fields and
the text in reading order, with no page furniture inside any document."""
import json
import re
from datetime import date

import pytest

from conftest import DATA

pytest.importorskip("reportlab")

# a page number that leaked into text
FURNITURE = re.compile(r"[—一\-·～]\s*\d{1,3}\s*[—一\-·～]|第\d+页|^\d{1,3}$|^[\[［【〔（(<〈《]\s*\d{1,3}\s*[\]］】〕）)>〉》]$")
GAZETTE = "测试省人民政府公报"
SECTIONS = ("省政府文件", "省政府文件", "省政府批复")


def _styles():
    from pdfmaker import GazetteStyle as S
    return {
        "a4-1col-dots": S("A4", 1, 16.0, 1.75, "dots", "— {} —"),
        "16k-2col-ownline": S("16K", 2, 10.5, 1.6, "own_line", "-{}-", number_align="center"),
        "letter-1col-pagefirst": S("Letter", 1, 12.0, 1.5, "page_first", "第{}页"),
        # a 五号 body in two columns under bare 四号 page numbers, centred: the number is larger than the body
        "a4-2col-bare": S("A4", 2, 10.5, 1.8, "dots", "{}", number_align="center"),
        # page numbers in brackets, centred under two columns
        "16k-2col-brackets": S("16K", 2, 10.5, 1.6, "dots", "〔{}〕", number_align="center"),
        # running headers that change with the document: its section, or its title, on odd pages
        "a4-1col-section-headers": S("A4", 1, 16.0, 1.75, "dots", "— {} —", odd_header="section"),
        "16k-2col-title-headers": S("16K", 2, 10.5, 1.6, "own_line", "-{}-", number_align="center",
                                    odd_header="title"),
        # the cover on a page of its own, the 目录 on the next
        "a4-1col-cover-page": S("A4", 1, 15.0, 1.75, "dots", "— {} —", cover_page=True),
    }


def _issue():
    texts = json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))
    docs = []
    for d, section in zip(texts["issue_docs"], SECTIONS):
        day = "{}年{}月{}日".format(*map(int, d["date"].split("-")))
        docs.append(dict(section=section, toc_title=d["title"], title=d["title"], doc_number=d["doc_number"],
                         issuer=d["issuer"], signatures=[d["issuer"]], date=d["date"],
                         paragraphs=[d["addressee"], *d["body"], d["issuer"], day]))
    return dict(gazette=GAZETTE, year=2019, number=3, documents=docs)


@pytest.fixture(scope="module", params=list(_styles()))
def variant(request, tmp_path_factory):
    import pdfmaker
    from bulletin_pipeline.pipeline import RunConfig, run
    issue = _issue()
    path = tmp_path_factory.mktemp("gazette") / f"{request.param}.pdf"
    starts, _ = pdfmaker.gazette_pdf(path, issue, _styles()[request.param])
    result, _ = run(path, RunConfig(until="structure"))
    return issue, starts, result


def _flat(s):
    return re.sub(r"\s+", "", s)


def test_toc_entries(variant):
    issue, starts, result = variant
    got = [(e.section, e.title, e.doc_number, e.page) for e in result.toc]
    want = [(d["section"], d["toc_title"], d["doc_number"], p) for d, p in zip(issue["documents"], starts)]
    assert got == want


def test_document_fields(variant):
    issue, starts, result = variant
    assert result.issue.gazette == GAZETTE and result.issue.year == 2019 and result.issue.number == 3
    assert len(result.documents) == len(issue["documents"])
    for d, want, page in zip(result.documents, issue["documents"], starts):
        assert (d.doc_number, d.title, d.start_page, d.issuers) == \
            (want["doc_number"], want["title"], page, [want["issuer"]])
        assert d.date == date.fromisoformat(want["date"]) or str(d.date) == want["date"]


def test_no_furniture_in_documents(variant):
    issue, _, result = variant
    headers = set(SECTIONS) | {_flat(d["title"]) for d in issue["documents"]}     # what odd pages may carry
    for d in result.documents:
        for p in d.paragraphs:
            assert not FURNITURE.search(p.text), (d.id, p.text)
            assert GAZETTE not in p.text, (d.id, p.text)       # the running header
            assert p.part == "title" or _flat(p.text) not in headers, (d.id, p.part, p.text)


def test_reading_order(variant):
    """Every source paragraph of the body is in its document's text, whole and in order (paragraphs cut at a
    page or column break are joined again)."""
    issue, _, result = variant
    for d, want in zip(result.documents, issue["documents"]):
        text = _flat("".join(p.text for p in d.paragraphs))
        at = 0
        for para in want["paragraphs"][1:-2]:
            k = text.find(_flat(para), at)
            assert k >= 0, (d.id, para[:30])
            at = k + len(_flat(para))
        cut = {_flat(p.text) for p in d.paragraphs}
        assert all(_flat(p) in cut for p in want["paragraphs"][1:-2]), d.id    # no paragraph split in two


@pytest.mark.parametrize("text,opens", [
    ("（上接第3页）", True), ("(上接第12页)", True), ("（上接 第 3 页）本办法自公布之日起施行。", True),
    ("上接第3页的内容", False), ("（下转第3页）", False), ("按照上接要求办理", False),
])
def test_continuation_marker_opens_a_paragraph(text, opens):
    from bulletin_pipeline.layout.paragraphs import _OPENS_ITEM
    assert bool(_OPENS_ITEM.match(text)) == opens


def test_tail_runs_on_to_the_next_page():
    """A （上接） tail that fills its page goes on at the top of the next one, and stops where a document opens."""
    from bulletin_pipeline.model import Paragraph
    from bulletin_pipeline.structure.continuations import find_tails

    def para(text, page):
        return Paragraph(text=text, page=page, bbox=[0, 100, 10, 110])
    paras = [para("（上接第2页）", 7), para("正文一。", 7), para("正文二。", 8), para("某某市人民政府文件", 9)]
    paras[2].bbox = [0, 40, 10, 50]          # at the top of its page: above where the marker stood on its own
    opens = lambda p: p.text.endswith("文件")
    assert find_tails(paras, opens) == {0: [0, 1, 2]}
    assert find_tails(paras, lambda p: True) == {0: [0, 1]}        # the next page opens something else
