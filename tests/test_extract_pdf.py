"""Obligations, deadlines and targets read end to end from a State Council 公文 typeset at test time
(tests/pdfmaker.py) from the real text of 国办发〔2018〕128号 (govcn-policies.jsonl): what was typeset is the truth."""
import pytest

pytest.importorskip("reportlab")

# the body as published, cut to the tasks this test reads (paragraphs kept whole)
BODY = [
    "《“无废城市”建设试点工作方案》已经国务院同意，现印发给你们，请认真贯彻执行。",
    "（一）强化顶层设计引领，发挥政府宏观指导作用。",
    "优化固体废物管理体制机制，强化部门分工协作。根据城市经济社会发展实际，以深化地方机构改革为契机，建立部门责任清单，"
    "进一步明确各类固体废物产生、收集、转移、利用、处置等环节的部门职责边界，提升监管能力，形成分工明确、权责明晰、"
    "协同增效的综合管理体制机制。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
    "（二）实施工业绿色生产，推动大宗工业固体废物贮存处置总量趋零增长。全面实施绿色开采，减少矿业固体废物产生和贮存处置量。"
    "到2020年，试点城市的大中型矿山达到绿色矿山建设要求和标准，其中煤矸石、煤泥等固体废物实现全部利用。"
    "（自然资源部、工业和信息化部指导）",
    "开展绿色设计和绿色供应链建设，促进固体废物减量和循环利用。大力推行绿色设计，培育一批绿色设计示范企业。"
    "（工业和信息化部、商务部、生态环境部指导）以铅酸蓄电池、动力电池、电器电子产品、汽车为重点，落实生产者责任延伸制，"
    "到2020年，基本建成废弃产品逆向回收体系。（国家发展改革委、工业和信息化部、生态环境部、商务部、市场监管总局指导）",
    "（三）推行农业绿色生产，促进主要农业废弃物全量利用。以规模养殖场为重点，逐步实现畜禽粪污就近就地综合利用。"
    "到2020年，规模养殖场粪污处理设施装备配套率达到95%以上，畜禽粪污综合利用率达到75%以上。（农业农村部指导）",
]
DOC = {
    "issuers": ["国务院办公厅"],
    "doc_number": "国办发〔2018〕128号",
    "title": "国务院办公厅关于印发“无废城市”建设试点工作方案的通知",
    "addressee": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "body": BODY,
    "signatures": ["国务院办公厅"],
    "date": "2018年12月29日",
}


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    import pdfmaker
    from bulletin_pipeline.pipeline import run
    path = tmp_path_factory.mktemp("wufei") / "wufei.pdf"
    pdfmaker.gongwen_pdf(path, DOC)
    issue, _ = run(path)
    assert len(issue.documents) == 1
    return issue.documents[0]


def _roles(o):
    return [(u.name, getattr(u.role, "value", u.role)) for u in o.units]


def test_every_guidance_parenthetical_assigns_its_task(doc):
    assert doc.doc_number == "国办发〔2018〕128号"
    got = [(o.source, _roles(o)) for o in doc.obligations]
    assert got == [
        ("生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出",
         [("生态环境部", "support"), ("试点城市政府", "responsible")]),
        ("自然资源部、工业和信息化部指导",
         [("自然资源部", "support"), ("工业和信息化部", "support"), ("试点城市政府", "implement")]),
        ("工业和信息化部、商务部、生态环境部指导",
         [("工业和信息化部", "support"), ("商务部", "support"), ("生态环境部", "support"), ("试点城市政府", "implement")]),
        ("国家发展改革委、工业和信息化部、生态环境部、商务部、市场监管总局指导",
         [("国家发展改革委", "support"), ("工业和信息化部", "support"), ("生态环境部", "support"), ("商务部", "support"),
          ("市场监管总局", "support"), ("试点城市政府", "implement")]),
        ("农业农村部指导", [("农业农村部", "support"), ("试点城市政府", "implement")]),
    ]
    # the second task of a paragraph is anchored at its own start, and only its own deadline is linked to it
    second = doc.obligations[3]
    assert second.text.startswith("以铅酸蓄电池") and "绿色设计" not in second.text
    dl = {d.id: d for d in doc.deadlines}
    assert [dl[i].text for i in second.deadline_ids] == ["到2020年"]
    assert doc.obligations[2].deadline_ids == []


def test_deadlines_and_targets_of_the_tasks(doc):
    assert [(d.text, d.kind, d.end) for d in doc.deadlines] == [("到2020年", "by", "2020-12-31")] * 3
    got = {(t.indicator, t.comparator, t.value, t.unit, t.year) for t in doc.targets}
    assert {("规模养殖场粪污处理设施装备配套率", ">=", 95.0, "%", 2020),
            ("畜禽粪污综合利用率", ">=", 75.0, "%", 2020)} <= got
