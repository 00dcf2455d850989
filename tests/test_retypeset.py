"""Failures found by setting the dev issues with another typesetter (HTML and CSS printed by Chromium: leaders
drawn as borders, CSS columns, centred titles wrapped where a word does not fit, narrow columns)."""
from bulletin_pipeline.model import Line, PageLayout, Paragraph, ParagraphKind, TocEntry
from bulletin_pipeline.structure import segment as seg

from test_toc_typesetters import _line, _toc

B = [0, 0, 1, 1]
# paragraphs as layout labels them: body text, a centred title, a centred or right-aligned short line
BODY = dict(kind=ParagraphKind.body, align="justify", size=10.5)
TITLE = dict(kind=ParagraphKind.title, align="center", size=16.5)
SIG = dict(kind=ParagraphKind.signature, align="center", size=10.5)
RIGHT = dict(kind=ParagraphKind.signature, align="right", size=10.5)


def test_toc_page_glued_to_bracketed_number():
    # a title that fills its line leaves the drawn leader no room: the page number follows the 文号's bracket
    assert _toc(_line("关于印发聊城市重点水利工程建设实施方案的通知（聊政字〔2019〕13号）11"),
                _line("印发关于建立聊城产业技术研究院打造创新创业共同体推进"),
                _line("方案的通知（聊政字〔2019〕14号）", "15")) == [
        ("关于印发聊城市重点水利工程建设实施方案的通知", "聊政字〔2019〕13号", 11),
        ("印发关于建立聊城产业技术研究院打造创新创业共同体推进方案的通知", "聊政字〔2019〕14号", 15)]
    # …and on a wrapped entry, after the 文号's second half
    assert _toc(_line("关于加快推进农业机械化和农机装备产业转型升级的实施意见（聊政发"),
                _line("〔2019〕16号）7")) == [("关于加快推进农业机械化和农机装备产业转型升级的实施意见", "聊政发〔2019〕16号", 7)]


def _issue(toc):
    from bulletin_pipeline.model import Issue, IssueMeta, PipelineInfo, Source
    issue = Issue(issue=IssueMeta(id="t"), source=Source(path="t.pdf", sha256="0" * 64, page_count=30),
                  pipeline=PipelineInfo(version="0"))
    issue.toc = toc
    return issue


def test_title_in_two_paragraphs_after_a_transmitting_document_opens_a_new_one():
    """A centred title whose first line was left short (the year range did not fit) comes apart into two
    title paragraphs.  After a document that transmits a 方案, the first half alone matches no 目录 entry;
    the whole title does, so it opens the next document and is not read as the next transmitted title."""
    paras = [
        Paragraph(text="聊城市人民政府印发关于建立产业技术研究院推进方案的通知", page=15, bbox=B, **TITLE),
        Paragraph(text="（聊政字〔2019〕14号）", page=15, bbox=B, **SIG),
        Paragraph(text="各县（市、区）人民政府：", page=15, bbox=B, **BODY),
        Paragraph(text="现将《推进方案》印发给你们，请认真贯彻落实。", page=15, bbox=B, **BODY),
        Paragraph(text="聊城市人民政府", page=15, bbox=B, **RIGHT),
        Paragraph(text="2019年11月12日", page=15, bbox=B, **RIGHT),
        Paragraph(text="产业技术研究院推进方案", page=15, bbox=B, **BODY),
        Paragraph(text="一、明确总体要求。加快筹建研究院。", page=16, bbox=B, **BODY),
        Paragraph(text="聊城市人民政府办公室关于印发聊城市", page=19, bbox=B, **TITLE),
        Paragraph(text="2019—2020年秋冬季大气污染综合治理攻坚行动方案的通知", page=19, bbox=B, **TITLE),
        Paragraph(text="（聊政办发〔2019〕11号）", page=19, bbox=B, **SIG),
        Paragraph(text="各县（市、区）人民政府：", page=19, bbox=B, **BODY),
        Paragraph(text="《行动方案》已经市政府同意，现印发给你们。", page=19, bbox=B, **BODY),
    ]
    toc = [TocEntry(section="市政府文件", title="印发关于建立产业技术研究院推进方案的通知", doc_number="聊政字〔2019〕14号", page=15),
           TocEntry(section="市政府办公室文件", title="关于印发聊城市2019—2020年秋冬季大气污染综合治理攻坚行动方案的通知",
                    doc_number="聊政办发〔2019〕11号", page=19)]
    pages = [PageLayout(number=n, width=522, height=737) for n in (15, 16, 19)]
    docs = seg.segment(_issue(toc), pages, paras, set())
    assert [d.doc_number for d in docs] == ["聊政字〔2019〕14号", "聊政办发〔2019〕11号"]
    assert docs[1].title == "聊城市人民政府办公室关于印发聊城市2019—2020年秋冬季大气污染综合治理攻坚行动方案的通知"
    assert "秋冬季" not in docs[0].text


def test_joint_signature_names_filling_a_narrow_column_are_issuers():
    """In a narrow column a long issuer name fills the measure, so layout reads it as a flush body line, not a
    right-aligned 署名; in the run of names right above the date it is still one of the issuers."""

    def para(text, kind, align, size=10.5):
        return Paragraph(text=text, page=37, bbox=B, kind=kind, align=align, size=size,
                         lines=[Line(chars=[], page=37, text=text, size=size, align=align)])
    body, sig = ParagraphKind.body, ParagraphKind.signature
    names = ["聊城市住房和城乡建设局", "聊城市民政局", "聊城市人力资源和社会保障局", "国家税务总局聊城市税务局"]
    paras = [para("聊建字〔2019〕115号", sig, "center"),
             para("关于印发《补贴办法》的通知", ParagraphKind.title, "center", 16.5),
             para("各县（市、区）住建局、民政局：", body, "justify"),
             para("现将《补贴办法》印发给你们，请遵照执行。", body, "left"),
             para(names[0], sig, "right"), para(names[1], sig, "right"),
             para(names[2], body, "justify"), para(names[3], body, "justify"),
             para("2019年11月10日", sig, "right"),
             para("补贴办法", body, "center"),
             para("第一条　为做好工作，制定本办法。市民政局负责审核。", body, "justify")]
    toc = [TocEntry(section="部门文件", title="关于印发《补贴办法》的通知", doc_number="聊建字〔2019〕115号", page=37)]
    docs = seg.segment(_issue(toc), [PageLayout(number=37, width=522, height=737)], paras, set())
    assert docs[0].issuers == names and str(docs[0].date) == "2019-11-10"
    # a name that stands alone in the body, not right above the date, signs nothing
    paras[-2:-2] = [para("市民政局", body, "justify"), para("第二条　本办法自公布之日起施行。", body, "justify")]
    docs = seg.segment(_issue(toc), [PageLayout(number=37, width=522, height=737)], paras, set())
    assert docs[0].issuers == names


def test_order_set_title_first_ends_at_the_next_entry_and_is_issued_by_its_number():
    """A 政府令 set with no masthead (its title, then its number in brackets) is followed by a document that
    also opens with its title: that title is another 目录 entry, not the rules the order promulgates; and the
    order's number names its issuer (the 署名 is the 省长's)."""
    paras = [
        Paragraph(text="湖北省推广使用车用乙醇汽油试点办法", page=3, bbox=B, **TITLE),
        Paragraph(text="（湖北省人民政府令第282号）", page=3, bbox=B, **SIG),
        Paragraph(text="《湖北省推广使用车用乙醇汽油试点办法》已经省人民政府常务会议审议通过，现予公布，自公布之日起施行。",
                  page=3, bbox=B, **BODY),
        Paragraph(text="省长　罗清泉", page=3, bbox=B, **RIGHT),
        Paragraph(text="二○○五年十一月二十一日", page=3, bbox=B, **RIGHT),
        Paragraph(text="湖北省推广使用车用乙醇汽油试点办法", page=3, bbox=B, **SIG),
        Paragraph(text="第一条　为了节约石油资源，制定本办法。", page=3, bbox=B, **BODY),
        Paragraph(text="浙江省人民政府关于印发浙江省盐业体制改革实施方案的通知", page=6, bbox=B, **TITLE),
        Paragraph(text="（浙政发〔2016〕49号）", page=6, bbox=B, **SIG),
        Paragraph(text="各市、县（市、区）人民政府，省政府直属各单位：", page=6, bbox=B, **BODY),
        Paragraph(text="现将《浙江省盐业体制改革实施方案》印发给你们，请认真贯彻实施。", page=6, bbox=B, **BODY),
    ]
    toc = [TocEntry(section="省政府令", title="湖北省推广使用车用乙醇汽油试点办法", doc_number="湖北省人民政府令第282号", page=3),
           TocEntry(section="省政府文件", title="关于印发浙江省盐业体制改革实施方案的通知", doc_number="浙政发〔2016〕49号", page=6)]
    pages = [PageLayout(number=n, width=522, height=737) for n in (3, 6)]
    docs = seg.segment(_issue(toc), pages, paras, set())
    assert [d.doc_number for d in docs] == ["湖北省人民政府令第282号", "浙政发〔2016〕49号"]
    assert docs[0].issuers == ["湖北省人民政府"] and str(docs[0].date) == "2005-11-21"
    assert "盐业" not in docs[0].text


def test_a_title_after_the_rules_an_order_promulgates_opens_the_next_document():
    """A 政府令 has no title of its own (its masthead and number head it), so its head is never closed by a
    title; the title of the rules it promulgates follows its date.  A title set after those rules is the next
    document's (here one printed with its title alone), not the order's title."""
    paras = [
        Paragraph(text="中华人民共和国国务院令", page=20, bbox=B, kind=ParagraphKind.masthead, align="center", size=22),
        Paragraph(text="第706号", page=20, bbox=B, **SIG),
        Paragraph(text="《专利代理条例》已经2018年9月6日国务院第23次常务会议修订通过，现将修订后的《专利代理条例》公布，"
                       "自2019年3月1日起施行。", page=20, bbox=B, **BODY),
        Paragraph(text="总理　李克强", page=20, bbox=B, **RIGHT),
        Paragraph(text="2018年11月6日", page=20, bbox=B, **RIGHT),
        Paragraph(text="专利代理条例", page=20, bbox=B, **TITLE),
        Paragraph(text="第一条　为了规范专利代理行为，制定本条例。", page=20, bbox=B, **BODY),
        Paragraph(text="第二条　本条例自2019年3月1日起施行。", page=21, bbox=B, **BODY),
        Paragraph(text="2019年国务院政府工作报告（节选）", page=23, bbox=B, **TITLE),
        Paragraph(text="今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%。", page=23, bbox=B, **BODY),
    ]
    toc = [TocEntry(section="国务院令", title="专利代理条例", doc_number="中华人民共和国国务院令第706号", page=20),
           TocEntry(section="其他文件", title="2019年国务院政府工作报告（节选）", page=23)]
    pages = [PageLayout(number=n, width=522, height=737) for n in (20, 21, 23)]
    docs = seg.segment(_issue(toc), pages, paras, set())
    assert [(d.doc_number, d.title) for d in docs] == [("中华人民共和国国务院令第706号", "专利代理条例"),
                                                       (None, "2019年国务院政府工作报告（节选）")]
    assert "预期目标" not in docs[0].text and "专利代理" not in docs[1].text
