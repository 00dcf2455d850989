"""Kinds of 公文 beyond 通知 and 意见: a 公告 with no masthead and a 公告 number, a 任免 notice of three lines,
a 复函 with two attachments whose names wrap, a 批复 with the 方案 it approves attached after 附件.  PDFs set at
test time by tests/pdfmaker.gongwen_pdf (reportlab) from real texts (tests/data/gongwen_kinds.json, taken
from ../shared/realworld); each field is compared with what was set."""
import json

import pytest

from conftest import DATA

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def kinds():
    return json.loads((DATA / "gongwen_kinds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def read(tmp_path_factory, kinds):
    import pdfmaker
    from bulletin_pipeline.pipeline import RunConfig, run
    folder = tmp_path_factory.mktemp("kinds")
    cache = {}

    def _read(name, **over):
        key = (name, tuple(sorted(over.items())))
        if key not in cache:
            path = folder / f"{name}-{len(cache)}.pdf"
            pdfmaker.gongwen_pdf(path, dict(kinds[name], **over))
            cache[key] = run(path, RunConfig(until="structure"))[0]
        return cache[key]
    return _read


def test_announcement_without_masthead_is_one_document(read, kinds):
    """A 公告 printed with its number (海关总署公告2016年第8号) and title only: one document, no 主送, not the
    first sentence that ends in ：."""
    issue = read("announcement")
    assert len(issue.documents) == 1
    d = issue.documents[0]
    assert d.doc_number == "海关总署公告2016年第8号" and d.title == kinds["announcement"]["title"]
    assert d.doc_type == "公告" and d.issuers == ["海关总署"] and d.date == "2016-01-29"
    assert d.addressees == []
    assert "现就有关事项公告如下" in d.text


def test_short_appointment_notice_keeps_its_addressees(read):
    """Three indented lines under the 主送: layout runs the 主送 on into them, its lines are split off again."""
    d = read("appointment").documents[0]
    assert d.doc_number == "沪府发〔2018〕42号" and d.date == "2018-11-21"
    assert d.addressees == ["各区人民政府", "市政府各委、办、局"]
    parts = [(p.part, p.text) for p in d.paragraphs]
    assert ("addressee", "各区人民政府，市政府各委、办、局：") in parts
    assert any(part == "body" and text.startswith("市人民政府决定：") for part, text in parts)


@pytest.mark.parametrize("wrap", ["name", "margin"])
def test_wrapped_attachment_names_are_whole(read, kinds, wrap):
    """Attachment names longer than a line, wrapped under the name (GB/T 9704) or to the margin."""
    over = {"attachment_wrap": "margin"} if wrap == "margin" else {}
    d = read("reply_letter", **over).documents[0]
    want = kinds["reply_letter"]["attachments"]
    assert d.doc_type == "函" and d.date == "2004-11-04" and d.addressees == ["湖北省人民政府"]
    assert d.attachments == [f"{k}．{a}" for k, a in enumerate(want, start=1)]
    assert [p.text for p in d.paragraphs if p.part == "signature"] == ["国务院办公厅"]


def test_attached_text_under_its_label_is_the_transmitted_part(read, kinds):
    """附件 alone over the 方案 a 批复 approves: its title is the transmitted title, its text is not body."""
    t = kinds["approval"]
    issue = read("approval")
    assert len(issue.documents) == 1
    d = issue.documents[0]
    assert (d.doc_number, d.doc_type, d.date) == ("国函〔2006〕38号", "批复", "2006-05-23")
    assert d.addressees == ["民航总局"] and d.attachments == [t["attachments"][0]]
    assert d.transmitted_title == t["transmitted"]["title"]
    body = [p.text for p in d.paragraphs if p.part == "body"]
    assert not any(t["transmitted"]["body"][0][:20] in b for b in body)


def test_cc_list_over_three_lines_is_whole(read):
    """The 版记's 抄送 in 4号 at the body's pitch: layout cuts each line apart; the list is read whole."""
    d = read("reply_to_person").documents[0]
    assert d.addressees == ["马万祺副主席"] and d.doc_type == "函" and d.date == "2005-03-03"
    assert d.imprint.cc == ["发展改革委、科技部、建设部、环保总局", "全国政协办公厅", "国务院研究室", "山西省人民政府",
                            "太原钢铁（集团）有限公司", "中国科学院", "中国工程院"]
    assert (d.imprint.printer, d.imprint.print_date) == ("国务院办公厅秘书局", "2005-03-04")
    assert "中国工程院" not in d.text


def test_joint_document_signed_in_one_row(read, kinds):
    """Two issuers, one of them no 政府 or 局 (浙江省军区), signing side by side; 主送 over two lines; 成文日期 in
    Chinese numerals."""
    d = read("joint_row").documents[0]
    assert d.issuers == ["浙江省人民政府", "浙江省军区"] and d.doc_type == "通报" and d.date == "2004-02-02"
    assert d.addressees == ["各市、县（市、区）人民政府", "各军分区（警备区、预备役师）、县（市、区）人武部、预备役团", "省政府直属各单位"]
    assert [p.part for p in d.paragraphs][-2:] == ["signature", "date"]


def test_announcement_with_neither_number_nor_masthead_is_a_document(read, kinds):
    """A 公告 set under its title alone, signed and dated, is one 公文 (its documents go into the KB)."""
    from bulletin_pipeline.classify import classify
    issue = read("announcement", doc_number=None)
    assert len(issue.documents) == 1 and issue.documents[0].doc_number is None
    kind, why = classify(issue)
    assert kind == "document" and any("文种 公告" in w and "海关总署" in w for w in why)
