"""Structure: cover, 目录, documents with GB/T 9704 parts, continuations, provision trees."""
import pytest

from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.model import Paragraph
from bulletin_pipeline.structure import segment as seg
from bulletin_pipeline.lexicon.numbering import cn_to_int, match_numbering
from bulletin_pipeline.structure.segment import split_names

from conftest import norm


def test_issue_metadata_and_colophon(issue):
    m = issue.issue
    assert (m.gazette, m.year, m.number, m.total_number) == ("聊城市人民政府公报", 2019, 11, 200)
    assert m.colophon["刊号"] == "聊新出准字〔2008〕13号"
    assert m.colophon["邮编"] == "252000"


def test_toc_matches_gold(issue, gold_toc):
    got = {(norm(e.title), e.doc_number, e.page, e.section) for e in issue.toc}
    for g in gold_toc["toc"]:
        assert (norm(g["title"]), g["doc_number"], g["page"], g["section"]) in got
    assert len(issue.toc) == len(gold_toc["toc"])
    assert all(e.document_id for e in issue.toc)


def test_documents_match_gold_fields(issue, gold_toc):
    by_title = {norm(d.title): d for d in issue.documents}
    for g in gold_toc["documents"]:
        d = by_title[norm(g["title"])]
        assert d.doc_number == g["doc_number"]
        assert d.start_page == g["start_page"]
        assert d.section == g["section"]
        assert sorted(c.to_page for c in d.continued) == g["continued_pages"]
        if "date" in g:
            assert d.date == g["date"] and d.doc_type == g["doc_type"]
            assert d.issuers == g["issuers"]


def test_kanhao_is_not_a_document(issue):
    assert all(d.doc_number != "聊新出准字〔2008〕13号" for d in issue.documents)


def test_joint_issuers_and_addressees(issue):
    d = next(d for d in issue.documents if d.doc_number == "聊建字〔2019〕115号")
    assert len(d.issuers) == 5 and d.issuers[-1] == "国家税务总局聊城市税务局"
    first = next(d for d in issue.documents if d.doc_number == "聊政发〔2019〕15号")
    assert first.addressees == ["各县（市、区）人民政府", "市属开发区管委会", "市政府各部门、直属机构"]


def test_transmitted_document_and_attachments(issue):
    d = next(d for d in issue.documents if d.doc_number == "聊政字〔2019〕14号")
    assert d.transmitted_title == "关于建立聊城产业技术研究院打造“政产学研金服用”创新创业共同体推进方案"
    assert any("（略）" in a for a in d.attachments)


def test_continuations_are_stitched(issue, truth):
    d4 = next(d for d in issue.documents if d.doc_number == "聊政字〔2019〕14号")
    d5 = next(d for d in issue.documents if d.doc_number == "聊政办发〔2019〕11号")
    assert [(c.from_page, c.to_page) for c in d4.continued] == [(15, 34)]
    assert [(c.from_page, c.to_page) for c in d5.continued] == [(26, 36)]
    # the sentence cut inside a word (实|践) is whole again, markers gone
    assert "好做法和实践成果及时总结" in norm(d4.text)
    assert "下转" not in d4.text and "上接" not in d4.text
    # the tail went back to its document, not to the one printed before it on page 34
    d7 = next(d for d in issue.documents if d.doc_number == "聊建字〔2019〕115号")
    assert "实践成果" not in d7.text
    tail = next(p for p in truth["documents"][4]["paragraphs"] if p.startswith("市大气污染防治领导小组办公室"))
    assert norm(tail) in norm(d5.text)


def test_document_text_fidelity(issue, truth):
    texts = [norm(d.text) for d in issue.documents]
    tot = ok = 0
    for td in truth["documents"]:
        ps = [norm(p) for p in td["paragraphs"] if len(norm(p)) >= 12]
        best = max(texts, key=lambda t: sum(p in t for p in ps))
        tot += len(ps)
        ok += sum(p in best for p in ps)
    assert ok / tot >= 0.995


def test_chronicle_events(issue):
    d8 = next(d for d in issue.documents if "大事记" in d.title)
    assert d8.doc_number is None and d8.doc_type is None
    assert d8.events[0].date == "2019-10-07"
    same_day = [e for e in d8.events if e.text.startswith("△")]
    assert same_day and all(e.date for e in same_day)


def test_provision_tree_numbering(issue):
    d1 = next(d for d in issue.documents if d.doc_number == "聊政发〔2019〕15号")
    p = next(p for p in d1.provisions if p.number == "1.")
    assert p.heading == "实施风险监测计划" and p.level == 2
    parent = next(q for q in d1.provisions if q.id == p.parent)
    assert parent.number == "二、" and parent.heading == "强化质量安全风险监测"
    d7 = next(d for d in issue.documents if d.doc_number == "聊建字〔2019〕115号")
    art = next(p for p in d7.provisions if p.number == "第二十五条")
    chap = next(q for q in d7.provisions if q.id == art.parent)
    assert chap.number == "第六章" and art.transmitted
    # items （一） under an article sit one level deeper
    assert any(q.parent and q.number.startswith("（") and "第" in next(x for x in d7.provisions if x.id == q.parent).number
               for q in d7.provisions)


def test_numbering_patterns():
    assert match_numbering("一、总体要求")[:2] == ("cn", 1)
    assert match_numbering("（十二）促进互动")[:2] == ("paren_cn", 12)
    assert match_numbering("3. 落实")[:2] == ("arabic", 3)
    assert match_numbering("1.2倍") is None
    assert match_numbering("第二十四条 本办法")[:2] == ("article", 24)
    assert cn_to_int("一百零五") == 105 and cn_to_int("两") == 2


def test_split_names_keeps_nested_brackets():
    # 主送 groups are split at ，; 、 joins the organs of one group (GB/T 9704 7.3.2)
    assert split_names("各县（市、区）人民政府，市属开发区管委会、直属机构") == [
        "各县（市、区）人民政府", "市属开发区管委会、直属机构"]
    assert split_names("各省、自治区、直辖市人民政府，国务院各部委、各直属机构") == [
        "各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]


def _p(text, page, band=0):
    return Paragraph(text=text, page=page, bbox=[0, 0, 1, 1], band=band)


def test_continuation_split_inside_a_word():
    paras = [_p("对创新的好做法和实（下转第9页）", 3), _p("（上接第3页）践成果及时总结。", 9), _p("附件：1. 名单（略）", 9)]
    from bulletin_pipeline.structure import continuations
    stitched = continuations.stitch(paras)
    assert [t for t, _ in stitched] == ["对创新的好做法和实践成果及时总结。", "附件：1. 名单（略）"]


def test_wrapped_toc_titles(issue):
    e = next(e for e in issue.toc if e.doc_number == "聊政发〔2019〕15号")
    assert e.title == "关于完善进出口商品质量安全风险预警和快速反应监管体系切实保护消费者权益的意见"


def test_realworld_pdfs_yield_their_toc():
    """Budget documents and annual reports (not gazettes): each runs; those with a 目录 yield its entries."""
    from conftest import shared_path
    from bulletin_pipeline.pipeline import run
    pdfs = sorted(shared_path("realworld", "pdfs").glob("*.pdf"))
    assert len(pdfs) == 13
    for pdf in pdfs:
        issue, pages = run(pdf)
        has_toc = any(norm(l.text) in ("目录", "目次") for p in pages[:4] for l in p.lines)
        if has_toc:
            assert len(issue.toc) >= 5, pdf.name
            assert all(e.title for e in issue.toc)
        else:
            assert any(w.code == "no-toc" for w in issue.warnings)


def test_toc_match_tolerates_a_bracketed_tail_and_ocr_misreads():
    from bulletin_pipeline.model import TocEntry
    toc = [TocEntry(title="聊城市人民政府大事记（2019年10月）"),
           TocEntry(title="印发关于建立聊城产业技术研究院打造“政产学研金服用”创新创业共同体推进方案的通知"),
           TocEntry(title="关于印发聊城市重点水利工程建设实施方案的通知")]
    assert seg._toc_match("聊城市人民政府大事记", toc) is toc[0]
    assert seg._toc_match("关于印发聊城市重点水利工程建设实施广案的通知", toc) is toc[2]
    # a transmitted document's own title is inside an entry, but is not that entry
    assert seg._toc_match("关于建立聊城产业技术研究院打造“政产学研金服用”创新创业共同体推进方案", toc) is None
    assert seg._toc_match("聊城市人民政府", toc) is None


def test_grey_joint_masthead_above_a_doc_number_is_the_masthead():
    """On a grey scan a joint masthead is not red and reads as a title: the issuer names right above a
    发文字号 go to that document, not to the tail of the document before."""
    from bulletin_pipeline.model import Issue, IssueMeta, PageLayout, ParagraphKind, PipelineInfo, Source
    body = dict(kind=ParagraphKind.body, align="justify", size=10.5)
    title = dict(kind=ParagraphKind.title, align="center", size=15.0)
    paras = [
        Paragraph(text="聊政办字〔2019〕38号", page=27, bbox=[0, 0, 1, 1], kind=ParagraphKind.signature, align="center"),
        Paragraph(text="聊城市人民政府办公室关于印发《方案》的通知", page=27, bbox=[0, 0, 1, 1], **title),
        Paragraph(text="各县（市、区）人民政府：", page=27, bbox=[0, 0, 1, 1], **body),
        Paragraph(text="现将《方案》印发给你们，请认真贯彻执行。", page=27, bbox=[0, 0, 1, 1], **body),
        Paragraph(text="2019年11月25日", page=29, bbox=[0, 0, 1, 1], kind=ParagraphKind.signature, align="right"),
        Paragraph(text="聊城市住房和城乡建设局", page=30, bbox=[0, 0, 1, 1], **title),
        Paragraph(text="聊城市民政局", page=30, bbox=[0, 0, 1, 1], **title),
        Paragraph(text="聊建字〔2019〕115号", page=30, bbox=[0, 0, 1, 1], kind=ParagraphKind.signature, align="center"),
        Paragraph(text="关于印发《补贴办法》的通知", page=30, bbox=[0, 0, 1, 1], **title),
        Paragraph(text="各县（市、区）住建局：", page=30, bbox=[0, 0, 1, 1], **body),
        Paragraph(text="现将《补贴办法》印发给你们。", page=30, bbox=[0, 0, 1, 1], **body),
    ]
    issue = Issue(issue=IssueMeta(id="t"), source=Source(path="t.pdf", sha256="0" * 64, page_count=30),
                  pipeline=PipelineInfo(version="0"))
    pages = [PageLayout(number=n, width=524, height=737) for n in (27, 29, 30)]
    docs = seg.segment(issue, pages, paras, set())
    assert len(docs) == 2
    assert "聊城市民政局" not in docs[0].text and docs[0].transmitted_title is None
    assert docs[1].doc_number == "聊建字〔2019〕115号"
    assert docs[1].issuers == ["聊城市住房和城乡建设局", "聊城市民政局"]
    assert [p.part for p in docs[1].paragraphs[:2]] == ["masthead", "masthead"]


def test_two_ocr_readings_of_a_title_keep_the_one_that_makes_words():
    from types import SimpleNamespace

    from bulletin_pipeline.structure.reconcile import reconcile_titles as _reconcile_titles
    e = SimpleNamespace(title="关于印发聊城市重点水利工程建设实施方案的通知")
    d = SimpleNamespace(title="聊城市人民政府关于印发聊城市重点水利工程建设实施广案的通知")
    _reconcile_titles(e, d, Resources())
    assert d.title == "聊城市人民政府关于印发聊城市重点水利工程建设实施方案的通知"
    e = SimpleNamespace(title="关于完善进出口商品质量安全风险预譬的意见")
    d = SimpleNamespace(title="聊城市人民政府关于完善进出口商品质量安全风险预警的意见")
    _reconcile_titles(e, d, Resources())
    assert e.title == "关于完善进出口商品质量安全风险预警的意见"


def test_chronicle_same_day_mark_read_as_ren_is_restored():
    from bulletin_pipeline.model import DocParagraph
    parts = [DocParagraph(text=t, page=35, bbox=[0, 0, 1, 1], part="body") for t in
             ("23日，市政府党组成员到纪念馆开展现场教学。", "人亚信安全董事长一行来聊考察。", "人大常委会主任出席。")]
    events = seg._events("聊城市人民政府大事记（2019年10月）", parts, Resources().is_word)
    assert [e.text[:3] for e in events] == ["23日", "△亚信", "人大常"]
    assert [e.date for e in events] == ["2019-10-23"] * 3


def test_continuation_tail_leaves_the_other_columns_story_above_it():
    """On a scan the faint rule between a 大事记 and a continuation tail below it is not found: what stands in
    the other column above the tail's start is not part of the tail."""
    def p(text, zone, top):
        return Paragraph(text=text, page=36, bbox=[0 if zone == "L" else 272, top, 250, top + 20], zone=zone)
    paras = [p("24日，全省审计机关会议召开。", "L", 190), p("（上接第26页）对未完成目标的县公开约谈。", "L", 339),
             p("各县要制定细化落实方案。", "L", 453), p("28—29日，市委书记带队拜访。", "R", 61),
             p("31日，市政府党组学习研讨。", "R", 142), p("附件：1.改善目标（略）", "R", 344)]
    from bulletin_pipeline.structure import continuations
    tails = continuations.find_tails(paras)
    assert [paras[j].text[:4] for j in tails[1]] == ["（上接第", "各县要制", "附件：1"]


def test_ocr_readings_of_a_doc_number_keep_the_dropped_digit():
    from types import SimpleNamespace

    from bulletin_pipeline.model import Issue, IssueMeta, PipelineInfo, Source
    from bulletin_pipeline.structure.reconcile import reconcile_numbers as _reconcile_numbers
    issue = Issue(issue=IssueMeta(id="t"), source=Source(path="t.pdf", sha256="0" * 64, page_count=1),
                  pipeline=PipelineInfo(version="0"))
    e = SimpleNamespace(doc_number="聊政办发〔2019〕1号")
    d = SimpleNamespace(doc_number="聊政办发〔2019〕11号", start_page=16, id="x")
    _reconcile_numbers(e, d, issue)
    assert e.doc_number == d.doc_number == "聊政办发〔2019〕11号"
    e = SimpleNamespace(doc_number="聊政办发〔2019〕12号")          # not a dropped digit: both stay
    d = SimpleNamespace(doc_number="聊政办发〔2019〕11号", start_page=16, id="x")
    _reconcile_numbers(e, d, issue)
    assert (e.doc_number, d.doc_number) == ("聊政办发〔2019〕12号", "聊政办发〔2019〕11号")


def test_a_reading_that_only_one_ocr_pass_adds_is_kept_when_it_makes_words():
    from types import SimpleNamespace

    from bulletin_pipeline.structure.reconcile import reconcile_titles as _reconcile_titles
    e = SimpleNamespace(title="关于印关了发《聊城市进一步推动工业企业工作实施方案》的通知")
    d = SimpleNamespace(title="聊城市人民政府办公室关于印发《聊城市进一步推动工业企业工作实施方案》的通知")
    _reconcile_titles(e, d, Resources())
    assert e.title == "关于印发《聊城市进一步推动工业企业工作实施方案》的通知"


def _toc_page(rows, ocr):
    """A 目录 page from (text, gaps, size, indent, short) rows, as layout gives them."""
    from bulletin_pipeline.model import Line, PageLayout
    lines = [Line(chars=[], page=1, text="目录", size=21.0, short=10.0, indent=10.0)]
    lines += [Line(chars=[], page=1, text=t, gaps=list(g), size=s, indent=i, short=sh) for t, g, s, i, sh in rows]
    return PageLayout(number=1, width=595.0, height=842.0, lines=lines, ocr=ocr)


# OCR sizes are rough: the section headings (set larger) measure as large as the entries
SCANNED_TOC_DOTS = [
    ("国务院办公厅文件", (), 16.0, 0.1, 19.0),
    ("国务院办公厅关于辽宁省在曾培炎副总理考察工作时所提问题", (), 16.0, 0.0, 3.4),
    ("和建议办理情况的函（国办函〔2004〕57号）·2", (24,), 16.0, 0.0, 0.0),
    ("国务院文件", (), 16.0, 0.1, 22.0),
    ("国务院关于同意乌鲁木齐、昌吉、石河子高新技术产业开发区", (), 16.0, 0.0, 3.4),
    ("建设国家自主创新示范区的批复（国函〔2018〕145号", (), 16.0, 0.0, 6.7),
    (") 4", (1,), 10.0, 0.1, 0.0),
]
SCANNED_TOC_PAGE_FIRST = [
    ("国务院办公厅文件", (), 12.0, 0.1, 26.6),
    ("2国务院办公厅关于科技节水建议的复函（国办函〔2005〕2", (1,), 12.0, 0.0, 6.7),
    ("1号)", (), 12.0, 4.0, 30.1),
    ("国务院文件", (), 12.0, 0.1, 30.1),
    ("4国务院关于同意组建2008年北京奥运会首都国际机场协调委", (1,), 12.0, 0.0, 6.1),
    ("员会的批复（国函〔2006〕38号)", (), 12.0, 4.1, 17.8),
]


@pytest.mark.parametrize("rows,want", [
    (SCANNED_TOC_DOTS, [("国务院办公厅文件", "国务院办公厅关于辽宁省在曾培炎副总理考察工作时所提问题和建议办理情况的函",
                         "国办函〔2004〕57号", 2),
                        ("国务院文件", "国务院关于同意乌鲁木齐、昌吉、石河子高新技术产业开发区建设国家自主创新示范区的批复",
                         "国函〔2018〕145号", 4)]),
    (SCANNED_TOC_PAGE_FIRST, [("国务院办公厅文件", "国务院办公厅关于科技节水建议的复函", "国办函〔2005〕21号", 2),
                              ("国务院文件", "国务院关于同意组建2008年北京奥运会首都国际机场协调委员会的批复",
                               "国函〔2006〕38号", 4)]),
])
def test_scanned_toc_section_headings_told_by_their_place(rows, want):
    """On a scanned 目录 the section headings are told by where they stand, not by size: a short line with
    no entry open ends far short of the right edge (an entry's first line is full or carries its page), and
    where page numbers stand before the titles a line back at the numbers' column goes on no title."""
    from bulletin_pipeline.structure.cover import parse_toc
    entries, _, _ = parse_toc([_toc_page(rows, ocr=True)])
    assert [(e.section, e.title, e.doc_number, e.page) for e in entries] == want


def test_text_layer_toc_sections_still_told_by_size_alone():
    """A text page keeps the size rule: the same lines at one size carry no section heading."""
    from bulletin_pipeline.structure.cover import parse_toc
    entries, _, _ = parse_toc([_toc_page(SCANNED_TOC_DOTS, ocr=False)])
    assert all(e.section is None for e in entries)
    assert entries[0].title.startswith("国务院办公厅文件国务院办公厅关于")


@pytest.mark.parametrize("cover,year,number,total", [
    (["2019年第11期（总第200期）"], 2019, 11, 200),
    (["2019年第十一期（总第二百期）"], 2019, 11, 200),
    (["2019", "第二十四期"], 2019, 24, None),
    (["2019年第11期", "总第1660号"], 2019, 11, 1660),
])
def test_the_issue_number_in_figures_or_in_chinese(cover, year, number, total):
    from bulletin_pipeline.model import Line, PageLayout
    from bulletin_pipeline.structure.cover import issue_meta
    lines = [Line(chars=[], page=1, zone="full", text="测试省人民政府公报", x0=100, x1=400, top=80, bottom=110, size=30)]
    lines += [Line(chars=[], page=1, zone="full", text=t, x0=200, x1=300, top=130 + 30 * k, bottom=146 + 30 * k, size=16)
              for k, t in enumerate(cover)]
    meta = issue_meta([PageLayout(number=1, width=595, height=842, lines=lines)], "fallback")
    assert (meta.year, meta.number, meta.total_number) == (year, number, total)
    assert meta.id.endswith(f"-{year}-{number:02d}")


def _head_paras(head: list[tuple[str, str]], page: int = 30) -> list[Paragraph]:
    """Paragraphs of one page from (role, text): title lines centred at title size, a 发文字号 centred,
    body text justified (what a grey scan gives a head: no red, nothing at masthead size)."""
    from bulletin_pipeline.model import ParagraphKind
    look = {"title": dict(kind=ParagraphKind.title, align="center", size=14.5),
            "number": dict(kind=ParagraphKind.signature, align="center", size=10.0),
            "body": dict(kind=ParagraphKind.body, align="justify", size=10.0),
            "sign": dict(kind=ParagraphKind.signature, align="right", size=10.0)}
    return [Paragraph(text=t, page=page, bbox=[0, 0, 1, 1], **look[role]) for role, t in head]


def _segment(paras: list[Paragraph]):
    from bulletin_pipeline.model import Issue, IssueMeta, PageLayout, PipelineInfo, Source
    issue = Issue(issue=IssueMeta(id="t"), source=Source(path="t.pdf", sha256="0" * 64, page_count=40),
                  pipeline=PipelineInfo(version="0"))
    pages = [PageLayout(number=n, width=524, height=737) for n in sorted({p.page for p in paras})]
    return seg.segment(issue, pages, paras, set())


def test_grey_joint_masthead_that_opens_a_page_is_the_masthead_not_the_title():
    """GB/T 9704 sets the 发文机关标志 above the 发文字号 and the title below it.  On a grey scan a joint
    masthead that opens a new document (the document before closed on its own text) reads as title lines; the
    文号 under them was taken as a 文号 printed under its title, and the real title was added to the names."""
    before = _head_paras([("number", "聊政办字〔2019〕38号"), ("title", "聊城市人民政府办公室关于印发《方案》的通知"),
                          ("body", "各县（市、区）人民政府："), ("body", "现将《方案》印发给你们，请认真贯彻执行。"),
                          ("sign", "2019年11月25日"), ("title", "聊城市推动工业企业发展实施方案"),
                          ("body", "一、指导思想"), ("body", "坚持以习近平新时代中国特色社会主义思想为指导。")], page=27)
    names = ["聊城市住房和城乡建设局", "聊城市民政局", "聊城市财政局", "国家税务总局聊城市税务局"]
    head = _head_paras([("title", n) for n in names] + [
        ("number", "聊建字〔2019〕115号"), ("title", "关于印发《聊城市城镇住房保障家庭租赁补贴暂行管理办法》的通知"),
        ("body", "各县（市、区）住建局、民政局、财政局、税务局："), ("body", "现将《补贴办法》印发给你们，请遵照执行。")])
    docs = _segment(before + head)
    assert len(docs) == 2
    d = docs[1]
    assert d.doc_number == "聊建字〔2019〕115号"
    assert d.title == "关于印发《聊城市城镇住房保障家庭租赁补贴暂行管理办法》的通知"
    assert d.issuers == names
    assert [p.part for p in d.paragraphs[:len(names)]] == ["masthead"] * len(names)


@pytest.mark.parametrize("title", ["关于成立聊城市城市管理委员会", "聊城市人民政府关于调整市政府工作部门的通知"])
def test_a_title_over_its_doc_number_with_text_under_it_stays_the_title(title):
    """A gazette that prints no masthead sets the title, then its 文号, then the text: even a title that
    reads as an organ's name stays the title when no other title follows the number."""
    docs = _segment(_head_paras([("title", title), ("number", "聊政发〔2019〕9号"),
                                 ("body", "各县（市、区）人民政府："), ("body", "现将有关事项通知如下。")]))
    assert len(docs) == 1 and docs[0].title == title and docs[0].doc_number == "聊政发〔2019〕9号"
