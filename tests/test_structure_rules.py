"""Every named pattern of structure/patterns.py and every labelling rule of structure/labels.py, with
examples that must match and examples that must not."""
import pytest
import regex

from bulletin_pipeline.model import Paragraph, ParagraphKind
from bulletin_pipeline.structure import labels as L
from bulletin_pipeline.structure import patterns as P

# name -> (texts that match, texts that do not); match means .search() finds it (anchors are the pattern's)
CASES = {
    "CONT_TO": (["推进（下转第34页）", "（下转 9 页）", "（转第34页）", "（下转第三十四页）", "(转至第2版)"],
                ["（上接第15页）", "下转第34页", "（转发第3号）", "（转下页）", "（转载）"]),
    "CONT_FROM": (["（上接第15页）对未完成", "(上接第3页)", "（接第13页）", "（上接第十三页）", "(接自第2版)"],
                  ["正文（上接第15页）", "（下转第3页）", "（接上页）", "（接续）"]),
    "ISSUE_NO": (["2019年第11期（总第200期）", "2024年 第 2 期", "2019年第十一期", "2020年第二十四期"],
                 ["第11期", "2019年11月", "2019年第11号", "2019年第11条"]),
    "ISSUE_NO_ALONE": (["第11期（总第200期）", "第十一期"], ["2019年第11期", "第十一条", "第11号"]),
    "TOTAL_NO": (["总第200期", "（总第 2 期）", "总第二百期", "总第1660号", "总号：1660"], ["第200期", "总号召"]),
    "YEAR_ALONE": (["2019", "2019年"], ["2019年第11期", "1899"]),
    "TITLE_ALONE_KIND": (["关于禁止燃放烟花爆竹的公告", "某某市财政局关于规范审定工作的通告"], ["公告栏管理办法", "关于印发通知的通知"]),
    "GAZETTE_NAME": (["聊城市人民政府公报", "政策文件选编政报", "海关总署公告"], ["政策文件选编", "公报", "格有关规定的公告",
                                                                   "关于调整收费标准公告"]),
    "TOC_HEAD": (["目录", "目 录", "CONTENTS", "目次"], ["目录页", "总目录表"]),
    "SECTION_NAME": (["【省政府文件】", "◎ 部门文件", "一、省政府令", "政务动态"], [""]),
    "TOC_SECTION": (["◎市政府文件", "● 部门文件", "@政务动态"], ["市政府文件", "一、总体要求"]),
    "TOC_LEADER_PAGE": (["关于印发方案的通知……………12", "通知 .... 5"], ["关于印发方案的通知", "……"]),
    "TOC_LEADERS_ONLY": (["关于印发方案的通知…………"], ["关于印发方案的通知12", "通知.."]),
    "TOC_ITEM_START": (["一、总体要求", "（二）工作目标", "3. 名单", "第一章 总则", "附件"],
                       ["关于印发", "3.5亿元"]),
    "TOC_LEADER_TAIL": (["关于…的意见…………", "的通知....", "的复函（国办函〔2005〕21号）…",
                         "的函（国办函〔2004〕57号）·", "的通知（国办发〔2018〕127号）‘", "的批复（国函〔2018〕159号)."],
                        ["的通知", "的通知。", "关于…的意见", "的通知.", "的通知·", "的意见（试行）"]),
    "TOC_BRACKETED_NUMBER": (["（国发〔2019〕5号）", "(湖北省人民政府令第282号)"], ["国发〔2019〕5号", "（一）", "（国发〔2019〕5号）的通知"]),
    "TOC_ENTRY_NUMBER": (["1．关于…的通知", "2、关于", "一、关于", "（三）关于"], ["2019年工作要点", "1.5万亩", "关于", "十四五规划"]),
    "TOC_TITLE_NUMBER": (["关于…的意见（国发〔2019〕5号）"], ["关于…的意见", "（国发〔2019〕5号"]),
    "PAGE_ONLY": (["12", " 5 "], ["第12页", "12345"]),
    "COLOPHON_KEY": (["主管主办：聊城市人民政府", "E-mail:a@b.cn", "电话：0635"], ["主管部门负责", "地址"]),
    "DATE_FULL": (["2019年11月26日", "·2019年11月26日。"], ["2019年11月", "于2019年11月26日召开"]),
    "DATE_CN": (["二〇一九年十一月二十六日", "二○○五年十一月二十一日", "二OO七年二月六日"],
                ["2019年11月26日", "十一月二十六日"]),
    "COPY_NO": (["000128", "份号：000128"], ["00012", "2019年"]),
    "SECRECY": (["秘密★1年", "机密", "绝密★长期"], ["秘密文件的管理", "保密"]),
    "URGENCY": (["特急", "加急"], ["特急件要求", "急"]),
    "HEAD_MARKS": (["000128秘密★1年特急", "000128特急", "秘密★6个月加急"], ["000128特急文件", "特急加急加急"]),
    "SIGNER": (["签发人：张三", "国办发〔2019〕4号签发人：李四 王五"], ["签发文件", "签发人"]),
    "ORDER_NUMBER": (["第282号", "第 706 号"], ["第282号令", "282号"]),
    "ORDER_MASTHEAD": (["湖北省人民政府令", "中华人民共和国国务院令"], ["令", "湖北省人民政府令第282号"]),
    "CC": (["抄送：党中央各部门，中央军委办公厅。", "抄 送：市委办公室"], ["抄送", "主送：各县"]),
    "IMPRINT": (["国务院办公厅2018年12月5日印发", "聊城市人民政府办公室 2019年11月26日印发"],
                ["2018年12月5日印发", "国务院办公厅印发"]),
    "CC_THEN_IMPRINT": (["市委各部门，市政协办公厅。上海市人民政府办公厅2018年11月22日印发"],
                        ["市委各部门，市政协办公厅。", "市委各部门印发"]),
    "NOTE": (["（此件公开发布）", "（联系人：张三，电话：0635）"], ["此件公开发布", "（一）（二）"]),
    "MASTHEAD_WORD": (["聊城市人民政府文件", "文件"], ["文件精神贯彻", "文书"]),
    "ADDRESSEE": (["各县（市、区）人民政府：", "科技部："], ["现将有关事项通知如下。：", "："]),
    "ADDRESSEE_NO_COLON": (["各省、自治区、直辖市人民政府，国务院各部委、各直属机构", "民航总局", "各区县财政局、税务局，各财税分局"],
                           ["现将方案印发给你们", "各区人民政府：", "为加强管理，各部门", "一、总体要求"]),
    "NOT_ADDRESSEE": (["现就有关事项公告如下：", "现批复如下:"], ["各县（市、区）人民政府：", "如下所列单位："]),
    "ATTACHMENT_LABEL": (["附件", "附件1", "附 件 2", "附件："], ["附件：名单", "附件1．名单", "见附件"]),
    "ORG_LINE": (["聊城市人民政府", "国务院办公厅", "聊城市住房和城乡建设局"], ["2019年11月26日", "总理李克强"]),
    "ATTACHMENT": (["附件：名单", "附 件:1.名单"], ["附件", "见附件：名单"]),
    "ATTACHMENT_ITEM": (["1. 名单", "2．方案"], ["名单", "一、名单", "123. 名单"]),
    "DOC_TYPE": (["关于印发方案的通知", "湖北省人民政府令", "实施意见（试行）"], ["实施方案", "通知书"]),
    "TRANSMIT": (["关于印发方案的通知", "转发省政府文件"], ["关于加强管理的意见"]),
    "CHRONICLE": (["聊城市人民政府大事记"], ["大事"]),
    "EVENT_START": (["24日，全省审计机关会议召开", "28—29日，市委书记"], ["2024年", "日，"]),
    "YEAR_MONTH": (["2019年10月"], ["10月", "2019年"]),
    "SENTENCE_CLOSED": (["总结。"], ["总结。”的", "总结"]),
    "BRACKETED": (["（2019年10月）"], ["（一）指导思想", "2019年10月"]),
    "WHITESPACE": (["a b", "\u3000"], ["ab"]),
    "TOC_DOCNUMBER_PAGE": (["聊政发〔2019〕15号2", "聊政发〔2019〕15号．12"], ["聊政发〔2019〕15号", "第15号文件 2"]),
    "TOC_BRACKETED_NUMBER_PAGE": (["关于印发方案的通知（聊政字〔2019〕13号）11", "〔2019〕16号）7"],
                                  ["关于印发方案的通知（聊政字〔2019〕13号）", "关于2019年工作的通知（一）2", "第3号）"]),
    "ORDER_NUMBER_ISSUER": (["湖北省人民政府令第282号", "中华人民共和国国务院令第 706 号"], ["第282号", "令第282号", "国发〔2019〕5号"]),
    "NOT_SLUG": (["lc-2019", "聊城"], ["lcsrmzfgb2019"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pattern(name):
    pat = getattr(P, name)
    yes, no = CASES[name]
    for t in yes:
        assert pat.search(t), (name, t)
    for t in no:
        assert not pat.search(t), (name, t)


def test_every_pattern_has_cases():
    compiled = {k for k, v in vars(P).items() if isinstance(v, regex.Pattern) and not k.startswith("_")}
    assert compiled <= set(CASES), sorted(compiled - set(CASES))


@pytest.mark.parametrize("text, sep, parts", [
    ("各省、自治区、直辖市人民政府", P.GROUP_SEPARATORS, 1), ("市委，市政府；市人大", P.GROUP_SEPARATORS, 3),
    ("张三 李四、王五", P.NAME_SEPARATORS, 3)])
def test_separators(text, sep, parts):
    from bulletin_pipeline.structure.segment import split_names
    assert len(split_names(text, sep)) == parts


# --------------------------------------------------------------------------- labelling rules
def _p(text, kind=ParagraphKind.body, align="left", color=None):
    return Paragraph(text=text, page=1, bbox=[0, 0, 1, 1], kind=kind, align=align, color=color)


LABEL_CASES = [
    (_p("聊城市人民政府文件", ParagraphKind.masthead, "center", "#d90d0d"), L.Label.masthead),
    (_p("000128"), L.Label.copy_no),
    (_p("秘密★1年"), L.Label.secrecy),
    (_p("特急"), L.Label.urgency),
    (_p("000128特急"), L.Label.head_marks),
    (_p("聊政发〔2019〕15号", ParagraphKind.signature, "center"), L.Label.doc_number),
    (_p("国办发〔2019〕4号  签发人：张三", ParagraphKind.body, "left"), L.Label.doc_number),
    (_p("第282号", ParagraphKind.signature, "center"), L.Label.order_number),
    (_p("第282号", ParagraphKind.signature, "right"), L.Label.order_number),    # centred over a lone column
    (_p("（国发〔2019〕5号）", ParagraphKind.signature, "center"), L.Label.doc_number),   # under a title
    (_p("签发人：张三"), L.Label.signer),
    (_p("关于印发方案的通知", ParagraphKind.title, "center"), L.Label.title),
    (_p("（2019年10月）", ParagraphKind.signature, "center"), L.Label.subtitle),
    (_p("2019年11月26日", ParagraphKind.signature, "right"), L.Label.date),
    (_p("二〇一九年十一月二十六日", ParagraphKind.signature, "right"), L.Label.date),
    (_p("抄送：市委办公室，市人大常委会办公室。"), L.Label.cc),
    (_p("聊城市人民政府办公室2019年11月26日印发"), L.Label.imprint),
    (_p("对创新的好做法和实（下转第9页）"), L.Label.continuation_to),
    (_p("现将有关事项通知如下："), L.Label.body),
]


@pytest.mark.parametrize("para, expected", LABEL_CASES, ids=[e.value + ":" + p.text[:8] for p, e in LABEL_CASES])
def test_label(para, expected):
    assert L.label(para) is expected


@pytest.mark.parametrize("para", [
    _p("第282号", ParagraphKind.body, "left"),                 # not centred: text, not an order's number
    _p("国办发〔2019〕4号印发的通知要求各地区各部门认真贯彻落实有关工作部署并按期报送进展情况"),   # long body text
    _p("（一）指导思想", ParagraphKind.body, "left"),           # a numbered heading, not a subtitle
    _p("（国发〔2019〕5号文件）", ParagraphKind.body, "left"),   # bracketed, but more than a number
    _p("0001280"),                                             # seven digits: no 份号
])
def test_label_negatives(para):
    assert L.label(para) is L.Label.body


def test_every_label_has_a_rule_and_a_case():
    ruled = {lab for lab, _ in L.RULES} | {L.Label.body}
    assert ruled == set(L.Label)
    assert {e for _, e in LABEL_CASES} == set(L.Label)
