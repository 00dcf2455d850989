"""The responsibility-clause catalogue: each named pattern with positive and negative examples.

Examples are written from real policy texts of several jurisdictions (State Council, provinces, cities);
roles follow eval/GUIDE.md.
"""
import time

import pytest

from bulletin_pipeline.extract import clauses as C
from bulletin_pipeline.extract import obligations as ob
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.model import DocParagraph, Document

GZ = Resources().gazetteer


def roles(src, state=None):
    refs, _ = ob.parse_assignment(src, state or ob._DocState(), GZ)
    return [(r.name, getattr(r.role, "value", r.role)) for r in refs]


def in_text(text, yao=False):
    return [[(r.name, getattr(r.role, "value", r.role)) for r in refs] for _, _, refs, _ in ob.in_text(text, GZ, yao=yao)]


# ---- every catalogue pattern matches its positive examples and none of its negative ones ----
CASES = {
    "parenthetical-role-chunk": (["省烟草专卖局牵头，省公安厅配合", "省委宣传部、省委网信办按照职责分工负责", "A、B分别负责"],
                                 ["加快推进产业结构调整", "具体办法另行制定"]),
    "parenthetical-label": (["负责部门：商务部", "牵头单位：省教育厅；配合单位：省财政厅", "责任单位：省经信委"],
                            ["单位名称", "工作单位"]),
    "rule-first-listed-is-lead": (["列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门", "列第一位的为牵头单位",
                                   "列第一位者为牵头责任单位，下同"], ["列入第一批试点", "排在全国第一位"]),
    "rule-default-implement": (["以下任务均需各县（市、区）政府组织落实，不再列出", "以下均需试点城市政府落实，不再列出"],
                               ["以下任务由省财政厅负责"]),
    "duty-line": (["责任单位：市水利局、市财政局", "负责部门：住房城乡建设部"], ["各责任单位要高度重视", "单位：万元"]),
    "department-headed-item": (["省教育厅。牵头负责教育现代化建设", "市财政局：负责资金保障"], ["加强组织领导"]),
    "in-text-huitong": (["发展改革委会同财政部研究提出"], ["共同推进"]),
    "in-text-lead": (["省打假办要牵头研究制定"], ["牵头单位：省商务厅", "牵头部门要加强协调"]),
    "in-text-weizhu": (["由环境与资源保护委员会为主负责组织和实施"], ["以企业为主体"]),
    "in-text-wei-lead": (["教育部为牵头单位"], ["牵头单位：教育部"]),
    "in-text-fuze": (["施工单位负责取证资料"], ["企业主要负责人", "主要负责同志任组长", "负责。"]),
    "in-text-zongze": (["各级政府对本地区负总责", "要切实承担本地促进就业工作的主体责任", "县级政府是责任主体"],
                       ["总体责任"]),
    "in-text-zhuguan": (["省经信委是省政府盐业主管机构"], ["主管领导"]),
    "in-text-you": (["由中国农业发展银行会同"], ["自由贸易"]),
    "in-text-qing": (["请各级外汇管理局将本通知转发", "（六）请赣州市应急管理局督促"], ["报请国务院批准", "申请人"]),
    "in-text-yingdang": (["专利代理机构应当按照委托办理"], ["应急管理", "相应措施", "供应"]),
    "in-text-yao": (["各有关部门要依照法律", "省应急管理厅将在考试前审查", "省应急管理厅定于7月考核"],
                    ["要求", "要素", "重点"]),
    "in-text-act": (["各区加强对重点项目用地保障", "市财政局建立资金保障机制"], ["重点项目", "大力"]),
    "in-text-dated-before": (["2019年3月底前，国家卫生健康委推行", "3月底前国家卫生健康委完成", "每年2月底前各省份完成"],
                             ["2019年内", "2019年以来", "3月份完成"]),
    "in-text-dated-after": (["国家卫生健康委于2019年12月底前完成", "国家卫生健康委每年3月底前完成"],
                            ["于2019年12月底前的", "在3月底前内"]),
    "in-text-members": (["由A、B等9个部门和单位组成", "A、B共同组成", "A、B组成鉴定补偿组"], ["组织", "构成"]),
}


def test_every_pattern_has_cases():
    assert set(CASES) == set(C.CATALOGUE)


@pytest.mark.parametrize("name", sorted(CASES))
def test_pattern_positive_and_negative(name):
    rx = C.CATALOGUE[name][2]
    pos, neg = CASES[name]
    for s in pos:
        assert rx.search(s), (name, s)
    for s in neg:
        if name == "in-text-fuze":      # the role word may be present; the lookarounds exclude these uses
            assert not rx.search(s) or s.endswith("。"), (name, s)
        else:
            assert not rx.search(s), (name, s)


# ---- roles read from parentheticals ----
@pytest.mark.parametrize("src,expected", [
    ("省烟草专卖局牵头，省公安厅、省交通运输厅、省工商局配合",
     [("省烟草专卖局", "lead"), ("省公安厅", "support"), ("省交通运输厅", "support"), ("省工商局", "support")]),
    ("生态环境部牵头，国家发展改革委、工业和信息化部参与",
     [("生态环境部", "lead"), ("国家发展改革委", "support"), ("工业和信息化部", "support")]),
    ("负责部门：商务部、海关总署、财政部、税务总局",
     [("商务部", "responsible"), ("海关总署", "responsible"), ("财政部", "responsible"), ("税务总局", "responsible")]),
    ("国家发展改革委、财政部会同有关部门负责", [("国家发展改革委", "lead"), ("财政部", "lead")]),
    ("牵头单位：省教育厅；配合单位：省财政厅、省人力资源社会保障厅",
     [("省教育厅", "lead"), ("省财政厅", "support"), ("省人力资源社会保障厅", "support")]),
    ("各市人民政府负责，省住房城乡建设厅指导", [("各市人民政府", "responsible"), ("省住房城乡建设厅", "support")]),
    ("区发展改革委牵头，各街道、乡镇配合", [("区发展改革委", "lead"), ("各街道", "support"), ("乡镇", "support")]),
    ("市发展改革委牵头，市财政局配合，各区县政府落实",
     [("市发展改革委", "lead"), ("市财政局", "support"), ("各区县政府", "implement")]),
    ("农业农村部、工业和信息化部牵头负责", [("农业农村部", "lead"), ("工业和信息化部", "lead")]),
    ("市政府办公厅、人行重庆营管部、重庆银保监局按职责分工负责",
     [("市政府办公厅", "responsible"), ("人行重庆营管部", "responsible"), ("重庆银保监局", "responsible")]),
    ("省委宣传部、省委网信办、省贸促会按照职责分工负责",
     [("省委宣传部", "responsible"), ("省委网信办", "responsible"), ("省贸促会", "responsible")]),
    # a labelled list followed by another keyed clause (国发〔2018〕38号): the list ends at the ；
    ("负责部门：人力资源社会保障部、住房城乡建设部、商务部；适用范围：所有自贸试验区，以下除标注适用于特定自贸试验区的措施外，"
     "适用范围均为所有自贸试验区",
     [("人力资源社会保障部", "responsible"), ("住房城乡建设部", "responsible"), ("商务部", "responsible")]),
    ("负责部门：发展改革委、粮食和储备局，适用范围：浙江自贸试验区",
     [("发展改革委", "responsible"), ("粮食和储备局", "responsible")]),
    ("全国工商联、发展改革委、民政部、共青团中央等和各省级人民政府负责",
     [("全国工商联", "responsible"), ("发展改革委", "responsible"), ("民政部", "responsible"),
      ("共青团中央", "responsible"), ("各省级人民政府", "responsible")]),
])
def test_parenthetical_roles(src, expected):
    assert roles(src) == expected


def test_first_listed_rule_worded_three_ways_and_carried():
    for rule in ("列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门，下同", "列第一位的为牵头单位"):
        st = ob._DocState()
        assert roles(f"工业和信息化部、发展改革委、科技部等负责。{rule}", st) == [
            ("工业和信息化部", "lead"), ("发展改革委", "support"), ("科技部", "support")]
        assert roles("商务部、海关总署按职责分工负责", st) == [("商务部", "lead"), ("海关总署", "support")]


def test_parenthetical_without_a_body_gives_nothing():
    assert roles("按职责分工负责") == []
    assert roles("有关部门配合") == []
    assert roles("详见附件") == []


def test_unbalanced_brackets_split_safely():
    got = roles("责任单位：省教育厅、各市、县〔市、区政府、省财政厅")
    assert ("省教育厅", "responsible") in got and ("省财政厅", "responsible") in got


# ---- in-text clauses ----
@pytest.mark.parametrize("text,expected", [
    ("中国农业发展银行负责落实采购、加工、调拨所需贷款。", [[("中国农业发展银行", "responsible")]]),
    ("由中国农业发展银行会同中国储备粮管理总公司及时清算、收回贷款。",
     [[("中国农业发展银行", "lead"), ("中国储备粮管理总公司", "support")]]),
    # the members of a body under its lead support it (held2 h2, u1 第九条)
    ("联席会议由教育部、财政部组成，教育部为牵头单位。", [[("教育部", "lead"), ("财政部", "support")]]),
    ("施工单位负责取证资料、炮损范围测量及善后工作。", [[("施工单位", "responsible")]]),
    ("由区住建委会同区财政局制定实施细则。", [[("区住建委", "lead"), ("区财政局", "support")]]),
    ("由监察和司法委员会为主负责组织和实施。", [[("监察和司法委员会", "lead")]]),
    ("村委会负责组织村民开展环境整治。", [[("村委会", "responsible")]]),
    ("省打假办和省海防打私办要牵头研究制定线索通报制度。", [[("省打假办", "lead"), ("省海防打私办", "lead")]]),
    ("第十八条　施工单位作为责任主体，负责担负全部鉴定费。", [[("施工单位", "responsible")]]),
    ("请各级外汇管理局将本通知转发至辖内金融机构。", [[("各级外汇管理局", "responsible")]]),
    ("（2）国家发展改革委及国家粮食局、商务部按照各自职能分工，负责粮食市场应急供应工作。",
     [[("国家发展改革委", "responsible"), ("国家粮食局", "responsible"), ("商务部", "responsible")]]),
    ("国家粮食应急工作指挥部下设办公室，负责日常工作。", [[("国家粮食应急工作指挥部下设办公室", "responsible")]]),
    ("专家组由有关部门专家组成。", []),
    ("库存具体标准由盐业行业协会提出、盐业主管机构核定。", [[("盐业行业协会", "responsible"), ("盐业主管机构", "responsible")]]),
])
def test_in_text_clauses(text, expected):
    assert in_text(text) == expected


def test_in_text_never_takes_people_or_clauses_for_bodies():
    assert in_text("企业主要负责人是安全生产第一责任人。") == []
    assert in_text("建立健全政府牵头、相关部门共同参与的工作机制。") == []
    assert in_text("建立由省政府分管领导任组长的领导小组。") == []
    assert in_text("报请国务院批准后实施。") == []


def test_action_verb_sentences_only_when_asked_and_sentence_initial():
    assert in_text("各区加强对重点项目用地保障。") == []
    assert in_text("各区加强对重点项目用地保障。", yao=True) == [[("各区", "responsible")]]
    assert in_text("统筹安排用地计划指标，支持各区加强用地保障。", yao=True) == []
    assert in_text("（四）听取和审议最高人民检察院关于人民检察院开展未成年人检察工作情况的报告。", yao=True) == []


def test_yao_only_when_asked():
    text = "各有关部门要依照法律、法规规定履行职责。"
    assert in_text(text) == []
    assert in_text(text, yao=True) == [[("各有关部门", "responsible")]]


def _doc(*texts):
    paras = [DocParagraph(text=t, page=1, bbox=[0.0, 0.0, 1.0, 1.0], provision_id=f"x-p{i}") for i, t in enumerate(texts)]
    return Document(id="x", title="t", start_page=1, paragraphs=paras)


def test_duty_lines_take_the_role_of_their_label():
    obs = ob.extract(_doc("（一）加快前期工作。", "牵头单位：市水利局", "配合单位：市财政局、市自然资源和规划局"), GZ)
    got = [(u.name, getattr(u.role, "value", u.role)) for o in obs for u in o.units]
    assert got == [("市水利局", "lead"), ("市财政局", "support"), ("市自然资源和规划局", "support")]


def test_department_headed_duty_list():
    obs = ob.extract(_doc("1．省教育厅。牵头负责教育现代化建设，推进和落实年度目标任务。",
                          "11．省统计局。配合有关部门和单位开展年度监测。",
                          "3．省编办。按照教育现代化建设要求，制定机构编制标准。",
                          "4．优化国土空间开发保护格局。要坚持以资源环境承载能力为约束。"), GZ)
    got = [(u.name, getattr(u.role, "value", u.role)) for o in obs for u in o.units]
    assert got == [("省教育厅", "lead"), ("省统计局", "support"), ("省编办", "responsible")]


def test_x_yao_is_read_only_where_no_specific_unit_is_named():
    obs = ob.extract(_doc("（一）加强监管。省盐业主管机构要依照新的规范条件审核。（责任单位：省经信委、省工商局）",
                          "（二）强化协调。财政部门要加大支持力度。（各有关部门按职责分工负责）"), GZ)
    got = {(u.name, getattr(u.role, "value", u.role)) for o in obs for u in o.units}
    assert ("省盐业主管机构", "responsible") not in got
    assert {("省经信委", "responsible"), ("财政部门", "responsible"), ("各有关部门", "responsible")} <= got


def test_no_body_no_obligation_no_error():
    assert ob.extract(_doc("（按职责分工负责）", "要加强组织领导，负责统筹协调。", "（责任单位：）", "（牵头"), GZ) == []


def test_long_paragraph_without_punctuation_is_linear():
    # the benchmark (bench/obl_realworld.py) records the timing; here only that it finishes and finds nothing odd
    text = "市发展改革委会同" + "甲乙丙丁" * 2500 + "负责"
    t = time.perf_counter()
    ob.extract(_doc(text), GZ)
    assert time.perf_counter() - t < 30


@pytest.mark.parametrize("rx,pos,neg", [
    (C.ASSIGN_HINT, ["省财政厅牵头", "责任单位：省教育厅", "组织实施"], ["详见附件", "下同"]),
    (C.DEPT_HEAD_LEAD, ["牵头负责教育现代化建设", "为主推进"], ["配合有关部门"]),
    (C.DEPT_HEAD_SUPPORT, ["配合有关部门", "协助做好"], ["牵头负责"]),
    (C.SUBJECT_TRAIL, ["各级政府要切实", "省财政厅应当"], ["省财政厅"]),
    (C.SUBJECT_LEAD, ["试点区域内县级以上政府", "确定市场监督管理部门"], ["省财政厅"]),
    (C.SUBJECT_IS, ["省级考核部门为省应急管理厅宣教处"], ["省财政厅"]),
    (C.SUBJECT_AS, ["施工单位作为责任主体"], ["施工单位"]),
    (C.SUBJECT_MANNER, ["商务部按照各自职能分工", "教育行政部门在职责范围内"], ["商务部"]),
    (C.LABEL_LIST_END, ["商务部；适用范围：所有自贸试验区", "市水利局；完成时限：2020年底前", "储备局，适用范围：浙江"],
     ["市发展改革委牵头；市财政局配合", "商务部、海关总署", "（一）总体要求：坚持"]),
    (ob.ETC_JOIN, ["税务局等和各省辖市"], ["税务局、各省辖市"]),
    (ob.ETC_LIST, ["质监、消防、安监、环保等部门进行检查"], ["有关部门进行检查"]),
    (ob.YOU_NOT_ACTOR, ["分管领导任组长", "组成", "多方参与的建设推进小组"], ["制定实施细则", "依法查处"]),
])
def test_helper_patterns(rx, pos, neg):
    for s in pos:
        assert rx.search(s), s
    for s in neg:
        assert not rx.search(s), s


def test_paren_bracket_pattern():
    assert [m.group() for m in ob.PAREN_BRACKET.finditer("甲（乙(丙)〔丁〕）戊")] == list("（()〔〕）")
    assert not ob.PAREN_BRACKET.search("【甲】「乙」《丙》")


@pytest.mark.parametrize("text,spans", [
    ("省财政局（牵头）、省教育厅", [(4, 8)]),
    ("甲（乙（丙）丁）戊(x)", [(1, 8), (9, 12)]),
    ("甲（未闭合，乙", []),              # an unclosed bracket opens no group
    ("）甲（乙）", [(2, 5)]),            # a stray closing bracket closes nothing
    ("〔2019〕15号", [(0, 6)]),
    ("没有括号", []),
])
def test_paren_spans(text, spans):
    assert ob._paren_spans(text) == spans
