"""A gazette issue carrying several kinds of document (tests/pdfmaker.gazette_pdf from the real texts of
tests/data/gongwen_kinds.json): a 政府令 with the rules it promulgates, an 印发 notice with the 方案 it
issues, and documents set the way many gazettes set them, with no masthead: the title, then the 文号 under it
(bare or in brackets), a 任免 notice, a 批复 with its 附件, a 公告 with no 文号.  Document boundaries, the 目录
and every field are compared with what was set."""
import json

import pytest

from conftest import DATA

pytest.importorskip("reportlab")


def _issue():
    k = json.loads((DATA / "gongwen_kinds.json").read_text(encoding="utf-8"))
    o, s, a, r, n = k["order"], k["issuing"], k["appointment"], k["approval"], k["announcement"]
    docs = [
        dict(section="省政府令", toc_title=o["title"], title=o["title"], doc_number="湖北省人民政府令第282号",
             order_number=o["order_number"], issuer=o["issuer"], signatures=[o["signer"]],
             paragraphs=[*o["order"], o["signer"], o["date"], ("title", o["title"]), *o["body"]],
             want=dict(doc_type="令", issuers=["湖北省人民政府"], date="2005-11-21", addressees=[],
                       transmitted_title=o["title"])),
        dict(section="省政府文件", toc_title=s["title"], title=s["title"], doc_number=s["doc_number"], issuer="国务院",
             signatures=["国务院"], paragraphs=[s["addressee"], *s["body"], "国务院", s["date"], s["note"],
                                              ("title", s["transmitted"]["title"]), *s["transmitted"]["body"]],
             want=dict(doc_type="通知", issuers=["国务院"], date="2019-01-24", note="此件公开发布",
                       transmitted_title=s["transmitted"]["title"],
                       addressees=["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"])),
        dict(section="人事任免", toc_title=a["title"], title=a["title"], doc_number=a["doc_number"], issuer="上海市人民政府",
             signatures=["上海市人民政府"], head="title_first",
             paragraphs=[a["addressee"], *a["body"], "上海市人民政府", a["date"]],
             want=dict(doc_type="通知", issuers=["上海市人民政府"], date="2018-11-21",
                       addressees=["各区人民政府", "市政府各委、办、局"])),
        dict(section="省政府批复", toc_title=r["title"], title=r["title"], doc_number=r["doc_number"], issuer="国务院",
             signatures=["国务院"], head="title_first", number_brackets=True,
             paragraphs=[r["addressee"], *r["body"], "附件：" + r["attachments"][0], "国务院", r["date"],
                         ("label", "附件"), ("title", r["transmitted"]["title"]), *r["transmitted"]["body"]],
             want=dict(doc_type="批复", issuers=["国务院"], date="2006-05-23", addressees=["民航总局"],
                       attachments=r["attachments"], transmitted_title=r["transmitted"]["title"])),
        dict(section="公告", toc_title=n["title"], title=n["title"], doc_number=None, issuer="海关总署",
             signatures=["海关总署"], head="title_first", paragraphs=[*n["body"], "海关总署", n["date"]],
             want=dict(doc_type="公告", issuers=["海关总署"], date="2016-01-29", addressees=[])),
    ]
    return dict(gazette="测试省人民政府公报", year=2019, number=3, documents=docs)


def _styles():
    from pdfmaker import GazetteStyle as S
    return {"a4-1col": S("A4", 1, 16.0, 1.75, "dots", "— {} —"),
            "16k-2col-ownline": S("16K", 2, 10.5, 1.6, "own_line", "-{}-", number_align="center"),
            "a4-2col-flow": S("A4", 2, 10.5, 1.8, "dots", "{}", number_align="center", flow=True)}


@pytest.fixture(scope="module", params=list(_styles()))
def variant(request, tmp_path_factory):
    import pdfmaker
    from bulletin_pipeline.pipeline import RunConfig, run
    issue = _issue()
    path = tmp_path_factory.mktemp("kinds") / f"{request.param}.pdf"
    starts, _ = pdfmaker.gazette_pdf(path, issue, _styles()[request.param])
    return issue, starts, run(path, RunConfig(until="structure"))[0]


def test_one_document_per_kind_and_the_toc(variant):
    issue, starts, result = variant
    want = issue["documents"]
    assert [d.title for d in result.documents] == [d["title"] for d in want]
    assert [d.doc_number for d in result.documents] == [d["doc_number"] for d in want]
    assert [d.start_page for d in result.documents] == starts
    assert [(e.title, e.doc_number, e.page) for e in result.toc] == \
        [(d["toc_title"], d["doc_number"], p) for d, p in zip(want, starts)]
    assert all(e.document_id == d.id for e, d in zip(result.toc, result.documents))
    codes = {w.code for w in result.warnings}
    assert not {"toc-entry-not-found", "toc-page-mismatch", "document-not-in-toc", "no-title"} & codes


def test_fields_of_every_kind(variant):
    issue, _, result = variant
    for d, want in zip(result.documents, issue["documents"]):
        got = {k: getattr(d, k) for k in want["want"]}
        assert got == want["want"], d.title


def test_number_under_the_title_is_no_text(variant):
    """The 文号 under a title (bare or in brackets) is the document's number, not a line of its text."""
    _, _, result = variant
    for d in result.documents:
        if d.doc_number:
            assert d.doc_number not in d.text.split("\n")[:3], d.title
            assert [p.part for p in d.paragraphs].count("doc_number") == 1, d.title
