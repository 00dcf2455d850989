"""Obligations, units and roles on wordings of State Council and provincial texts the extractor was not written on.

Each case is worded after a real gov.cn or provincial text (国办发, 国函, 国令, provincial 实施意见); roles follow
eval/GUIDE.md.  Every case failed before the rule it tests.
"""
import pytest

from bulletin_pipeline.extract import clauses as C
from bulletin_pipeline.extract import obligations as ob
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon import units as U
from bulletin_pipeline.lexicon.units import is_unit, scan_units
from bulletin_pipeline.model import DocParagraph, Document

GZ = Resources().gazetteer


def _doc(*texts):
    paras = [DocParagraph(text=t, page=1, bbox=[0.0, 0.0, 1.0, 1.0], provision_id=f"x-p{i}") for i, t in enumerate(texts)]
    return Document(id="x", title="t", start_page=1, paragraphs=paras)


def _units(obs):
    return [(u.name, getattr(u.role, "value", u.role)) for o in obs for u in o.units]


def in_text(text, yao=False):
    return [[(r.name, getattr(r.role, "value", r.role)) for r in refs] for _, _, refs, _ in ob.in_text(text, GZ, yao=yao)]


# ---- a kind of body named after the body above it is one unit, not that body ----
@pytest.mark.parametrize("text,expected", [
    ("国务院专利行政部门颁发专利代理师资格证", ["国务院专利行政部门"]),
    ("国务院人力资源社会保障行政部门组织制定职业标准", ["国务院人力资源社会保障行政部门"]),
    ("同级人民政府审核机构进行审核", ["同级人民政府审核机构"]),
    ("省人民政府有关部门负责", ["省人民政府有关部门"]),
    # not a kind tail: a verb, a conjunction or 各 after the body
    ("国务院组织有关部门进行检查", ["国务院"]),
    ("市政府督促相关部门落实", ["市政府"]),
    ("国务院各部门", ["国务院各部门"]),
    ("市水利局及时下达", ["市水利局"]),
])
def test_kind_of_body_after_its_level_body(text, expected):
    assert [u.name for u in scan_units(text, 0, GZ)] == expected


def test_you_clause_names_the_whole_kind_of_body():
    got = in_text("国家科学技术奖励委员会的组成人员人选由国务院科学技术行政部门提出，报国务院批准。")
    assert got == [[("国务院科学技术行政部门", "responsible")]]


# ---- words that end in a body suffix but are verbs or run on into a word ----
@pytest.mark.parametrize("text", [
    "由政府举办为主向政府统筹管理转变", "由参照普通教育办学模式向类型教育转变", "体育赛事播放收益由赛事主办方分享",
    "过去由哪家银行贷款，今后仍由其安排贷款",
])
def test_no_body_in_verbs_ending_in_a_suffix(text):
    assert in_text(text) == []


@pytest.mark.parametrize("name,ok", [
    ("政府举办", False), ("赛事主办", False), ("参照普通教育办", False), ("哪家银行", False), ("报请本级人民政府", False),
    ("省打假办", True), ("西部开发办", True), ("省海防打私办", True), ("街道办事处", True),
    ("上海市医药集中招标采购事务管理所", True),
])
def test_suffix_words_and_bodies(name, ok):
    assert is_unit(name, GZ) is ok


def test_one_char_suffix_running_on_into_a_word():
    assert scan_units("参照普通教育办学模式", 0, GZ) == []
    assert [u.name for u in scan_units("街道办事处负责", 0, GZ)] == ["街道办事处"]


def test_body_named_before_what_it_takes_on():
    got = in_text("由上海市医药集中招标采购事务管理所承担联合采购办公室日常工作并负责具体实施。")
    assert got == [[("上海市医药集中招标采购事务管理所", "responsible")]]


def test_second_you_item_opening_with_a_verb_is_no_body():
    got = in_text("由县级以上人民政府部门起草、报请本级人民政府批准后以部门名义印发。")
    assert ("报请本级人民政府", "responsible") not in [x for g in got for x in g]


# ---- （X指导） and （X指导，Y参与） assign the task they close ----
def test_guidance_parentheticals_assign_their_task():
    obs = ob.extract(_doc(
        "（二）推行绿色生产。到2020年，规模养殖场粪污处理设施装备配套率达到95%以上。（农业农村部指导）",
        "（三）完善回收体系。推动供销合作社参与回收利用。（商务部指导，供销合作总社参与）",
    ), GZ)
    assert _units(obs) == [("农业农村部", "support"), ("商务部", "support"), ("供销合作总社", "support")]


def test_guidance_parenthetical_carries_the_default_implementer():
    obs = ob.extract(_doc(
        "（一）建立协调机制。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
        "（二）开展绿色设计。培育一批绿色设计示范企业。（工业和信息化部、商务部指导）",
    ), GZ)
    assert [(o.source, _units([o])) for o in obs][1] == (
        "工业和信息化部、商务部指导",
        [("工业和信息化部", "support"), ("商务部", "support"), ("试点城市政府", "implement")])


@pytest.mark.parametrize("text", ["（以下简称指导意见）", "（详见指导目录）", "（鼓励社会资本参与建设）", "（参与率）"])
def test_guidance_words_that_close_no_list(text):
    assert ob.extract(_doc("（一）加强管理。" + text), GZ) == []


# ---- a reply letter's account of what a body did is no duty ----
@pytest.mark.parametrize("text", [
    "国资委会同财政部、劳动保障部提出了办理意见：根据有关规定，补偿金可转成改制企业的股权。",
    "发展改革委会同有关部门研究提出：为加快实施振兴东北地区等老工业基地的战略部署，统筹考虑炼油企业发展布局。",
    "扶贫办已会同交通部、水利部等部门赴广安市水淹区进行了实地调查。",
    "中央宣传部会同财政部等有关部门拟定的《规定》已经国务院同意，现印发给你们。",
])
def test_past_acts_are_no_duties(text):
    assert in_text(text, yao=True) == []


@pytest.mark.parametrize("text,expected", [
    ("发展改革委会同财政部研究制定具体办法。", [[("发展改革委", "lead"), ("财政部", "support")]]),
    ("司法部负责组织协调、统筹推进本意见贯彻落实工作，为了确保实效，要及时跟踪。", [[("司法部", "responsible")]]),
    ("人力资源社会保障部负责了解各地落实情况。", [[("人力资源社会保障部", "responsible")]]),
])
def test_duties_with_words_that_look_past(text, expected):
    assert in_text(text) == expected


@pytest.mark.parametrize("rx,pos,neg", [
    (C.ASSIGN_HINT, ["工业和信息化部、商务部指导", "商务部指导，供销合作总社参与）", "农业农村部指导）"],
     ["指导意见", "参与率", "鼓励社会资本参与建设"]),
    (C.PAST_ACT, ["提出了办理意见", "扶贫办已会同", "已经国务院同意", "研究提出："], ["为了确保", "了解情况", "已经批准的项目"]),
    (C.PAST_ACT_END, ["办理意见：", "。"], ["，"]),
    (U.KIND_TAIL, ["专利行政部门", "审核机构", "有关部门"], ["督促", "各部门"]),
    (U.NOT_BODY_END, ["政府举办", "赛事主办", "布局"], ["省打假办", "西部开发办"]),
    (U.VERB_START, ["报请本级人民政府", "参照普通教育办"], ["省政府"]),
    (U.BAD_INSIDE, ["哪家银行", "事务管理所承担联合采购办公室"], ["中国农业发展银行"]),
])
def test_patterns(rx, pos, neg):
    for s in pos:
        assert rx.search(s), (rx.pattern[:40], s)
    for s in neg:
        assert not rx.search(s), (rx.pattern[:40], s)


def test_suffix_runs_on_pattern():
    assert U.SUFFIX_RUNS_ON.match("普通教育办学", 5)
    assert U.SUFFIX_RUNS_ON.match("受托委托", 3)
    assert not U.SUFFIX_RUNS_ON.match("街道办事处", 3)
    assert not U.SUFFIX_RUNS_ON.match("市财政局负责", 4)


# ---- State Council texts of other years name bodies since merged or renamed ----
@pytest.mark.parametrize("name,canonical", [
    ("工商总局", "国家市场监督管理总局"), ("质检总局", "国家市场监督管理总局"), ("环保总局", "中华人民共和国生态环境部"),
    ("民航总局", "中国民用航空局"), ("国家中医药局", "国家中医药管理局"), ("国家教委", "中华人民共和国教育部"),
    ("国家地震局", "中国地震局"), ("振兴东北办", "国家发展和改革委员会"), ("西部开发办", "国家发展和改革委员会"),
    ("三峡办", "中华人民共和国水利部"), ("中国储备粮管理总公司", "中国储备粮管理集团有限公司"),
    ("中国农业发展银行", "中国农业发展银行"), ("国务院法制办", "中华人民共和国司法部"),
])
def test_renamed_central_bodies_resolve(name, canonical):
    assert GZ.canonical(name) == canonical


def test_bare_central_name_only_in_central_documents():
    assert GZ.scoped("国办发〔2018〕121号\n国务院办公厅").canonical("海洋局") == "中华人民共和国自然资源部"
    assert GZ.scoped("鲁政发〔2018〕1号\n山东省人民政府").canonical("海洋局") is None


@pytest.mark.parametrize("name,generic", [
    ("省级人民政府", True), ("县级以上地方人民政府", True), ("县级以上地方各级人民政府", True), ("同级人民政府", True),
    ("地方政府", True), ("各省级人民政府", True),
    ("省政府", False), ("西藏自治区人民政府", False), ("市人民政府", False), ("省民政厅", False),
])
def test_levels_of_government_are_kinds(name, generic):
    assert U.is_generic(name) is generic


# ---- a generic word ends a name read from running text; 机关 closes a name ----
@pytest.mark.parametrize("text,expected", [
    ("生态环境部会同有关部门组建协调小组和专家委员会。", [[("生态环境部", "lead")]]),
    ("市财政局会同有关部门和单位研究制定办法。", [[("市财政局", "lead")]]),
    ("生态环境部会同国家发展改革委组建专家委员会。", [[("生态环境部", "lead"), ("国家发展改革委", "support")]]),
    ("社会团体登记管理机关和业务主管部门要通过清理整顿工作，规范社会团体管理。",
     [[("社会团体登记管理机关", "responsible"), ("业务主管部门", "responsible")]]),
])
def test_names_end_where_the_clause_begins(text, expected):
    assert in_text(text, yao=True) == expected


def test_organs_named_with_jiguan_are_bodies_of_a_kind():
    assert is_unit("登记管理机关", GZ) and U.is_generic("税务机关")
    assert not is_unit("机关", GZ)


def test_a_legal_consequence_is_no_task():
    assert in_text("构成犯罪的，由司法机关依法追究刑事责任。") == []
    assert in_text("对违法行为，由公安机关追究法律责任。") == []
    assert in_text("违反规定的，由市场监管部门依法查处。") == [[("市场监管部门", "responsible")]]


def test_kind_tail_only_after_a_government():
    got = in_text("项目预算调剂由单位主管部门报项目管理部门备案。")
    assert got == [[("单位主管部门", "responsible")]]


# ---- regulations (国令) name the department in charge of a field; 分别负责 after a comma ----
@pytest.mark.parametrize("text,expected", [
    ("省、自治区、直辖市人民政府管理专利工作的部门负责本行政区域内的专利代理管理工作。",
     [[("省、自治区、直辖市人民政府管理专利工作的部门", "responsible")]]),
    ("县级以上地方人民政府负责药品监督管理的部门应当加强监督检查。",
     [[("县级以上地方人民政府负责药品监督管理的部门", "responsible")]]),
    ("国务院人力资源社会保障行政部门、教育行政部门在职责范围内，分别负责管理监督考核职业技能等级证书的实施。",
     [[("国务院人力资源社会保障行政部门", "responsible"), ("教育行政部门", "responsible")]]),
    # a duty of the body itself stays
    ("市财政局负责本市的资金保障。", [[("市财政局", "responsible")]]),
    # a clause before the comma that is no body gives no subject
    ("各地要加强领导，要负责资金保障。", []),
])
def test_regulation_bodies_and_comma_subjects(text, expected):
    assert in_text(text, yao=True) == expected


@pytest.mark.parametrize("s,expected", [
    ("省、自治区、直辖市人民政府管理专利工作的部门", ["省、自治区、直辖市人民政府管理专利工作的部门"]),
    ("各市、县〔市、区〕政府", ["各市、县〔市、区〕政府"]),
    ("各街道、乡镇", ["各街道", "乡镇"]),
    ("市、县政府", ["市、县政府"]),
])
def test_level_words_join_the_body_they_share(s, expected):
    assert [u.name for u in U.split_units(s, gz=GZ)] == expected


def test_fuze_noun_pattern():
    assert C.FUZE_NOUN.match("负责药品监督管理的部门")
    assert C.FUZE_NOUN.match("负责专利工作的机构")
    assert not C.FUZE_NOUN.match("负责本市的资金保障")
    assert not C.FUZE_NOUN.match("负责协调，有关部门")


@pytest.mark.parametrize("text,expected", [
    # (the setting split; the subject is a body that carries the rule out, since a regulated party's 要 is no
    # obligation: test_unseen_obligations.test_regulated_parties)
    ("第二十条　施工作业中区指挥部要加强现场巡查，降低震动噪声影响。", [[("区指挥部", "responsible")]]),
    ("执法过程中执法部门应当出示执法证件。", [[("执法部门", "responsible")]]),
    ("省青少年活动中心要加强管理。", [[("省青少年活动中心", "responsible")]]),
])
def test_a_setting_before_the_subject_is_not_part_of_it(text, expected):
    assert in_text(text, yao=True) == expected


def test_setting_patterns():
    assert C.SUBJECT_LEAD.match("施工作业中施工单位") and C.SUBJECT_LEAD.match("执法过程中执法部门")
    assert not C.SUBJECT_LEAD.match("省财政厅")
    assert U.BAD_INSIDE.search("施工作业中施工单位") and not U.BAD_INSIDE.search("市政务服务中心") \
        and not U.BAD_INSIDE.search("省青少年活动中心")


def test_each_parenthetical_owns_the_task_it_closes():
    text = ("开展绿色设计，培育一批绿色设计示范企业。（工业和信息化部、商务部指导）以铅酸蓄电池为重点，落实生产者责任延伸制，"
            "到2020年，基本建成废弃产品逆向回收体系。（国家发展改革委、市场监管总局指导）")
    obs = ob.extract(_doc("（二）实施工业绿色生产。", text), GZ)
    assert [o.text.split("\n")[-1] for o in obs] == [
        "开展绿色设计，培育一批绿色设计示范企业。（工业和信息化部、商务部指导）",
        "以铅酸蓄电池为重点，落实生产者责任延伸制，到2020年，基本建成废弃产品逆向回收体系。（国家发展改革委、市场监管总局指导）"]
    # one parenthetical at the end: the paragraph is its task, as before
    one = ob.extract(_doc("开展绿色设计，培育示范企业。（工业和信息化部指导）"), GZ)
    assert one[0].text == "开展绿色设计，培育示范企业。（工业和信息化部指导）"


# ---- provincial wordings of roles ----
def _roles_of(src):
    refs, _ = ob.parse_assignment(src, ob._DocState(), GZ)
    return [(r.name, getattr(r.role, "value", r.role)) for r in refs]


@pytest.mark.parametrize("src,expected", [
    ("责任单位：省发展改革委（牵头）、省财政厅、省自然资源厅",
     [("省发展改革委", "lead"), ("省财政厅", "support"), ("省自然资源厅", "support")]),
    ("市商务委〔牵头〕、市财政局负责", [("市商务委", "lead"), ("市财政局", "support")]),
    ("省发展改革委、省财政厅按职责分别负责", [("省发展改革委", "responsible"), ("省财政厅", "responsible")]),
    ("省委组织部、省委编办、省人力资源社会保障厅按职责分工落实",
     [("省委组织部", "responsible"), ("省委编办", "responsible"), ("省人力资源社会保障厅", "responsible")]),
    ("省发展改革委牵头，省财政厅、省自然资源厅等按职责分工落实",
     [("省发展改革委", "lead"), ("省财政厅", "support"), ("省自然资源厅", "support")]),
    # no mark: as before
    ("责任单位：省发展改革委、省财政厅", [("省发展改革委", "responsible"), ("省财政厅", "responsible")]),
])
def test_provincial_role_wordings(src, expected):
    assert _roles_of(src) == expected


def test_lead_mark_pattern():
    for s in ("（牵头）", "〔牵头〕", "(牵头单位)", "（ 牵头 ）"):
        assert C.LEAD_MARK.fullmatch(s), s
    for s in ("（牵头单位：省教育厅）", "牵头", "（负责）"):
        assert not C.LEAD_MARK.fullmatch(s), s


@pytest.mark.parametrize("s,expected", [
    ("各盟市、旗县（市、区）人民政府", ["各盟市、旗县（市、区）人民政府"]),
    ("各州、市人民政府", ["各州、市人民政府"]),
    ("新疆生产建设兵团、各省级人民政府", ["新疆生产建设兵团", "各省级人民政府"]),
])
def test_levels_and_bodies_of_other_provinces(s, expected):
    assert [u.name for u in U.split_units(s, gz=GZ)] == expected


@pytest.mark.parametrize("text,expected", [
    # (租赁公司(包括外资租赁公司)应… is now a regulated party's duty: the note is tested on a body of the administration)
    ("三、各级外汇管理局(包括其分支机构)应按操作规程的规定审核申报表。", [[("各级外汇管理局", "responsible")]]),
    ("各类职业院校（含技工院校）要加强管理。", [[("各类职业院校", "responsible")]]),
    ("各县（市、区）政府要加强领导。", [[("各县（市、区）政府", "responsible")]]),
])
def test_a_scope_note_is_no_part_of_the_name(text, expected):
    assert in_text(text, yao=True) == expected


def test_note_tail_pattern():
    assert U.NOTE_TAIL.search("租赁公司(包括外资租赁公司)") and U.NOTE_TAIL.search("各类职业院校（含技工院校）")
    assert not U.NOTE_TAIL.search("各县（市、区）政府") and not U.NOTE_TAIL.search("各县（市、区）")


@pytest.mark.parametrize("text,expected", [
    ("以国务院办公厅名义发文，由国务院秘书长签发。", []),
    ("会议由市政府常务副市长主持。", []),
    ("由国务院办公厅负责解释。", [[("国务院办公厅", "responsible")]]),
])
def test_a_post_of_a_body_is_a_person_not_the_body(text, expected):
    assert in_text(text) == expected
