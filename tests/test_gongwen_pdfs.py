"""Single 公文 and an issue from another typesetter: PDFs set at test time by tests/pdfmaker.py (reportlab)
from real texts (tests/data/gongwen_texts.json, taken from ../shared/realworld)."""
import json
import re

import pytest

from conftest import DATA

pytest.importorskip("reportlab")

FURNITURE = re.compile(r"[—一\-]\s*\d{1,3}\s*[—一\-]|第\d+页")


@pytest.fixture(scope="module")
def texts():
    return json.loads((DATA / "gongwen_texts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory, texts):
    import pdfmaker
    from bulletin_pipeline.pipeline import RunConfig, run
    pdfs = pdfmaker.sample_pdfs(tmp_path_factory.mktemp("gongwen"), texts)
    return {k: (p, *run(p, RunConfig(until="structure"))) for k, p in pdfs.items()}


def _codes(issue):
    return {w.code for w in issue.warnings}


def _no_furniture(issue):
    for d in issue.documents:
        for p in d.paragraphs:
            assert not FURNITURE.search(p.text), (d.id, p.text)
    for p in issue.paragraphs:
        assert not re.fullmatch(r"[—一\-]?\s*\d{1,3}\s*[—一\-]?", p.text), p.text


def test_single_document_has_every_part(runs, texts):
    path, issue, pages = runs["single"]
    t = texts["single"]
    assert len(issue.documents) == 1 and "no-toc" not in _codes(issue) and not issue.toc
    d = issue.documents[0]
    assert d.doc_number == t["doc_number"] and d.title == t["title"] and d.doc_type == "通知"
    assert d.issuers == ["国务院办公厅"] and d.date == "2018-12-04"
    assert d.addressees == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    assert d.attachments == t["attachments"]
    assert (d.copy_no, d.urgency, d.note) == ("000128", "特急", "此件公开发布")
    assert d.imprint.cc == ["党中央各部门", "中央军委办公厅", "全国人大常委会办公厅", "全国政协办公厅"]
    assert (d.imprint.printer, d.imprint.print_date) == ("国务院办公厅", "2018-12-05")
    parts = [p.part for p in d.paragraphs]
    for part in ("copy_no", "urgency", "masthead", "doc_number", "title", "addressee", "attachment", "signature",
                 "date", "note", "cc", "imprint"):
        assert part in parts, part
    assert "抄送" not in d.text and "印发" not in d.text.split("\n")[-1]
    assert [p.label for p in pages] == ["1", "2", "3"]          # the 版记 whole at the foot of the last page
    _no_furniture(issue)


def test_body_paragraph_crossing_a_page_is_whole(runs, texts):
    """The page number between two pages of one paragraph is furniture, not a cut in the sentence."""
    _, issue, _ = runs["single"]
    body = issue.documents[0].text
    for para in texts["single"]["body"]:
        assert para.replace(" ", "") in body


def test_seal_over_signature_and_date_splits_nothing(runs):
    import pdfplumber
    path, issue, _ = runs["single"]
    with pdfplumber.open(path) as pdf:
        assert any(pg.images for pg in pdf.pages)          # the seal is there, as an image
    d = issue.documents[0]
    sig = [p.text for p in d.paragraphs if p.part in ("signature", "date")]
    assert sig == ["国务院办公厅", "2018年12月4日"]


def test_joint_document_on_us_letter(runs, texts):
    path, issue, pages = runs["joint"]
    t = texts["joint"]
    assert pages[0].width == 612 and len(issue.documents) == 1 and "no-toc" not in _codes(issue)
    assert [p.label for p in pages] == ["1", "2", "3"]       # — N — set 9.3 % of the height above the edge
    d = issue.documents[0]
    assert d.issuers == t["issuers"] and all(d.issuers)
    assert d.doc_number == "沪财法〔2007〕9号" and d.title == t["title"]
    assert (d.secrecy, d.urgency) == ("秘密★1年", "加急")
    assert d.date == "2007-02-06"                           # 二ＯＯ七年二月六日
    assert d.addressees == ["各区县财政局、税务局", "各财税分局"]
    assert d.transmitted_title == t["transmitted"][0]
    assert [p.text for p in d.paragraphs if p.part == "signature"] == t["signatures"]
    assert any(p.part == "transmitted" and p.text == "财税[2007]17号" for p in d.paragraphs)
    _no_furniture(issue)


def test_order_is_one_document_with_its_rules_transmitted(runs, texts):
    _, issue, _ = runs["order"]
    t = texts["order"]
    assert len(issue.documents) == 1
    d = issue.documents[0]
    assert d.doc_type == "令" and d.doc_number == "中华人民共和国国务院令第706号"
    assert d.title == d.transmitted_title == t["title"]
    assert d.issuers == ["中华人民共和国国务院"] and d.date == "2018-11-06"
    assert [p.part for p in d.paragraphs].count("transmitted") >= len(t["body"]) - 2
    _no_furniture(issue)


def test_single_column_issue_with_a_dotted_toc(runs, texts):
    _, issue, pages = runs["issue"]
    docs = texts["issue_docs"]
    assert [(e.title, e.doc_number) for e in issue.toc] == [(d["title"], d["doc_number"]) for d in docs]
    assert [e.page for e in issue.toc] == [d.start_page for d in issue.documents]
    assert all(e.document_id for e in issue.toc)
    assert not {"toc-entry-not-found", "toc-page-mismatch", "document-not-in-toc"} & _codes(issue)
    assert [d.doc_number for d in issue.documents] == [d["doc_number"] for d in docs]
    assert all(d.issuers and all(d.issuers) for d in issue.documents)
    _no_furniture(issue)
