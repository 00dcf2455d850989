"""GB/T 9704 parts read by segmentation from paragraphs as layout gives them (no PDF needed)."""
from bulletin_pipeline.model import (Issue, IssueMeta, Line, PageLayout, Paragraph, ParagraphKind, PipelineInfo,
                                     Source)
from bulletin_pipeline.structure import segment as seg

RED = "#d90d0d"


def _issue():
    return Issue(issue=IssueMeta(id="t"), source=Source(path="t.pdf", sha256="0" * 64, page_count=2),
                 pipeline=PipelineInfo(version="0"))


def _p(text, kind=ParagraphKind.body, align="justify", color=None, page=1, lines=None):
    return Paragraph(text=text, page=page, bbox=[0, 0, 1, 1], kind=kind, align=align, color=color,
                     lines=lines or [])


def _run(paras):
    pages = [PageLayout(number=n, width=612, height=792) for n in (1, 2)]
    return seg.segment(_issue(), pages, paras, set())


def _joint(signature_paras):
    m = dict(kind=ParagraphKind.masthead, align="center", color=RED)
    return [
        _p("国家发展改革委办公厅", **m), _p("文件", **m), _p("税务总局办公厅", **m),
        _p("发改办财金〔2019〕1号", ParagraphKind.signature, "center"),
        _p("国家发展改革委办公厅税务总局办公厅关于推进纳税信用体系建设的通知", ParagraphKind.title, "center"),
        _p("各省、自治区、直辖市发展改革委，国家税务总局各省、自治区、直辖市税务局："),
        _p("为推动经济发展，现就有关事项通知如下。"),
        *signature_paras,
        _p("2019年11月26日", ParagraphKind.signature, "right", page=2),
    ]


def test_joint_masthead_with_wen_jian_apart_names_no_empty_issuer():
    docs = _run(_joint([]))
    assert len(docs) == 1
    d = docs[0]
    assert d.issuers == ["国家发展改革委办公厅", "税务总局办公厅"]
    assert d.addressees == ["各省、自治区、直辖市发展改革委", "国家税务总局各省、自治区、直辖市税务局"]


def test_joint_signatures_side_by_side_are_read_as_issuers():
    text = "国家发展改革委办公厅　　　税务总局办公厅"
    line = Line(chars=[], page=2, text=text, gaps=[len("国家发展改革委办公厅")])
    docs = _run(_joint([_p(text.replace("　", ""), ParagraphKind.body, "justify", page=2, lines=[line])]))
    d = docs[0]
    assert [p.part for p in d.paragraphs][-2:] == ["signature", "date"]
    assert d.issuers == ["国家发展改革委办公厅", "税务总局办公厅"]


def test_signatures_stacked_and_completed_from_the_masthead():
    sig = [_p("发展改革委办公厅", ParagraphKind.signature, "right", page=2),
           _p("税务总局办公厅", ParagraphKind.signature, "right", page=2)]
    d = _run(_joint(sig))[0]
    # the 署名 names the first issuer short: the masthead's full name is kept
    assert d.issuers == ["国家发展改革委办公厅", "税务总局办公厅"]


def test_head_marks_signer_and_imprint():
    m = dict(kind=ParagraphKind.masthead, align="center", color=RED)
    paras = [
        _p("000128", align="left"), _p("机密★1年", align="left"), _p("特急", align="left"),
        _p("聊城市人民政府文件", **m),
        _p("聊政呈〔2019〕3号签发人：张三", ParagraphKind.body, "left"),
        _p("聊城市人民政府关于申请专项资金的请示", ParagraphKind.title, "center"),
        _p("省人民政府："), _p("现将有关情况报告如下。"),
        _p("聊城市人民政府", ParagraphKind.signature, "right"),
        _p("二〇一九年十一月二十六日", ParagraphKind.signature, "right"),
        _p("（联系人：李四，电话：0635-1234567）"),
        _p("抄送：省发展改革委，省财政厅。"),
        _p("聊城市人民政府办公室2019年11月27日印发", align="left"),
    ]
    docs = _run(paras)
    assert len(docs) == 1
    d = docs[0]
    assert (d.copy_no, d.secrecy, d.urgency) == ("000128", "机密★1年", "特急")
    assert d.doc_number == "聊政呈〔2019〕3号" and d.signers == ["张三"]
    assert d.doc_type == "请示" and d.date == "2019-11-26" and d.issuers == ["聊城市人民政府"]
    assert d.note == "联系人：李四，电话：0635-1234567"
    assert d.imprint.cc == ["省发展改革委", "省财政厅"]
    assert (d.imprint.printer, d.imprint.print_date) == ("聊城市人民政府办公室", "2019-11-27")
    assert "抄送" not in d.text and "印发" not in d.text
    assert [p.part for p in d.paragraphs] == ["copy_no", "secrecy", "urgency", "masthead", "doc_number", "title",
                                              "addressee", "body", "signature", "date", "note", "cc", "imprint"]


def test_order_with_a_head_title_stays_one_document():
    """政府令 as a gazette prints it: the rules' title at the head, the 令, its signature and date, then the
    rules under their title again: one document, the rules transmitted."""
    from bulletin_pipeline.model import TocEntry
    m = dict(kind=ParagraphKind.masthead, align="center", color=RED)
    paras = [_p("湖北省人民政府令", **m), _p("湖北省人民政府令第282号", ParagraphKind.signature, "center"),
             _p("湖北省推广使用车用乙醇汽油试点办法", ParagraphKind.title, "center"),
             _p("《湖北省推广使用车用乙醇汽油试点办法》已经省人民政府常务会议审议通过，现予公布。"),
             _p("省长罗清泉", ParagraphKind.signature, "right"),
             _p("二○○五年十一月二十一日", ParagraphKind.signature, "right"),
             _p("湖北省推广使用车用乙醇汽油试点办法", ParagraphKind.title, "center"),
             _p("第一条为了节约石油资源，制定本办法。")]
    issue = _issue()
    issue.toc = [TocEntry(title="湖北省推广使用车用乙醇汽油试点办法", doc_number="湖北省人民政府令第282号", page=2)]
    docs = seg.segment(issue, [PageLayout(number=1, width=595, height=842)], paras, set())
    assert len(docs) == 1
    d = docs[0]
    assert (d.doc_type, d.issuers, d.date) == ("令", ["湖北省人民政府"], "2005-11-21")
    assert d.transmitted_title == "湖北省推广使用车用乙醇汽油试点办法"
    assert d.paragraphs[-1].part == "transmitted"


def _line(text, indent):
    return Line(chars=[], page=1, text=text, indent=indent)


def test_indented_sentence_ending_in_colon_is_no_addressee():
    """A 主送 is set flush left; the first sentence of a 公告 that ends in ： is indented as text is."""
    text = "为规范审定工作，根据有关规定，现就有关事项明确："
    paras = [_p("某某市财政局关于规范审定工作的通告", ParagraphKind.title, "center"),
             _p(text, lines=[_line(text, 2.0)]), _p("一、审定工作按本通告办理。")]
    d = _run(paras)[0]
    assert d.addressees == [] and [p.part for p in d.paragraphs] == ["title", "body", "body"]
    flush = [_p("某某市财政局关于规范审定工作的通告", ParagraphKind.title, "center"),
             _p("各区财政局，市财政局各处室：", lines=[_line("各区财政局，市财政局各处室：", 0.0)])]
    assert _run(flush)[0].addressees == ["各区财政局", "市财政局各处室"]


def test_document_of_a_title_alone_is_kept_when_there_is_no_toc():
    """A 公告 set with its title only (no masthead, no 发文字号) is a document, not text dropped."""
    docs = _run([_p("某某市人民政府关于禁止燃放烟花爆竹的公告", ParagraphKind.title, "center"),
                 _p("为保障公共安全，现公告如下："), _p("一、全市范围内禁止燃放烟花爆竹。")])
    assert len(docs) == 1 and docs[0].doc_type == "公告" and docs[0].addressees == []
    assert "禁止燃放烟花爆竹。" in docs[0].text


def test_masthead_after_text_opens_a_document():
    """An order whose number was not read has read its text: the next masthead is another document's."""
    m = dict(kind=ParagraphKind.masthead, align="center", color=RED)
    paras = [_p("湖北省人民政府令", **m), _p("《办法》已经省人民政府常务会议审议通过，现予公布。"),
             _p("二○○五年十一月二十一日", ParagraphKind.signature, "right"),
             _p("国务院文件", **m), _p("国发〔2019〕4号", ParagraphKind.signature, "center"),
             _p("国务院关于印发国家职业教育改革实施方案的通知", ParagraphKind.title, "center"), _p("现将方案印发给你们。")]
    docs = _run(paras)
    assert [d.issuers for d in docs] == [["湖北省人民政府"], ["国务院"]]
    assert docs[1].doc_number == "国发〔2019〕4号"


def test_number_under_the_title_belongs_to_it():
    """Gazettes that print no masthead set the 文号 under the title: it is that document's, not the next's."""
    paras = [_p("上海市人民政府关于郑杨同志任职的通知", ParagraphKind.title, "center"),
             _p("沪府发〔2018〕42号", ParagraphKind.signature, "center"), _p("各区人民政府："), _p("任命郑杨为局长。"),
             _p("2018年11月21日", ParagraphKind.signature, "right"),
             _p("国务院关于同意组建协调委员会的批复", ParagraphKind.title, "center"),
             _p("（国函〔2006〕38号）", ParagraphKind.signature, "center"), _p("民航总局："), _p("同意组建。")]
    docs = _run(paras)
    assert [(d.title[:6], d.doc_number, d.addressees) for d in docs] == [
        ("上海市人民政", "沪府发〔2018〕42号", ["各区人民政府"]), ("国务院关于同", "国函〔2006〕38号", ["民航总局"])]


def test_addressee_whose_colon_a_scan_lost():
    """OCR drops the small ： closing a 主送 line: flush left and nothing but organ names, it is still the 主送."""
    text = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构"
    paras = [_p("国务院关于印发国家职业教育改革实施方案的通知", ParagraphKind.title, "center"),
             _p(text, lines=[_line(text, 0.0)]), _p("现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。")]
    d = _run(paras)[0]
    assert d.addressees == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    sentence = "现将方案印发给你们，请认真贯彻执行"          # flush left, no ： and no organ names: text
    d = _run([paras[0], _p(sentence, lines=[_line(sentence, 0.0)]),
              _p("2019年1月24日", ParagraphKind.signature, "right")])[0]
    assert d.addressees == [] and [p.part for p in d.paragraphs][:2] == ["title", "body"]


def test_imprint_run_on_after_the_cc_is_split_off():
    """On a scan layout may join the 版记's two lines: the 印发 line is still the imprint, not a 抄送 name."""
    paras = [_p("上海市人民政府关于郑杨同志任职的通知", ParagraphKind.title, "center"), _p("任命郑杨为局长。"),
             _p("2018年11月21日", ParagraphKind.signature, "right"),
             _p("抄送：市委各部门，市人大常委会办公厅，市政协办公厅。上海市人民政府办公厅2018年11月22日印发")]
    d = _run(paras)[0]
    assert d.imprint.cc == ["市委各部门", "市人大常委会办公厅", "市政协办公厅"]
    assert (d.imprint.printer, d.imprint.print_date) == ("上海市人民政府办公厅", "2018-11-22")
    assert [p.part for p in d.paragraphs][-2:] == ["cc", "imprint"] and "印发" not in d.text


def test_a_titled_report_with_no_date_and_no_addressee_is_no_document():
    """A title over prose, with neither 成文日期 nor 主送 nor a 公告/通告 title (an annual report, a budget's
    explanation) is no 公文: no document is made of it, whatever its title names."""
    title = "某某区人民政府2023年政府信息公开工作年度报告"
    assert _run([_p(title, ParagraphKind.title, "center"), _p("本报告根据《条例》要求编制。"), _p("一、总体情况")]) == []
    dated = [_p(title, ParagraphKind.title, "center"), _p("本报告根据《条例》要求编制。"),
             _p("2024年1月20日", ParagraphKind.signature, "right")]
    assert len(_run(dated)) == 1
