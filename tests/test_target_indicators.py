"""Target indicators name what is measured, on sentences of real 公文 (State Council regulations, 政府工作报告,
provincial notices: the realworld texts, none of them a dev gold document).

Each case is (sentence, [indicator of each target]).  The rules: a fine is named by its offence, what its
amount is counted from and who is fined, with a lower and an upper bound; a change (由X提高到Y, 年均增长,
，增长6.9%) measures the quantity named before it; a name opens with no connective or verb and ends with no
comparator, approximation or modal; a number after × is a formula constant, not a target.
"""
import pytest

from bulletin_pipeline.extract import targets as tg
from bulletin_pipeline.lexicon import Resources

MEAS = Resources().measures


def names(text):
    return [q.indicator for q in tg.find(text, None, MEAS)]


@pytest.mark.parametrize("text,indicators", [
    # fines: the offence (the 的-clause before), 罚款, 占 the amount it is counted from, the bounds
    ("第二十七条　违反本条例规定擅自开展专利代理业务的，由省、自治区、直辖市人民政府管理专利工作的部门责令停止违法行为，"
     "没收违法所得，并处违法所得1倍以上5倍以下的罚款",
     ["擅自开展专利代理业务罚款占违法所得（下限）", "擅自开展专利代理业务罚款占违法所得（上限）"]),
    # "有下列行为之一" is the set phrase of a list of offences; a raised penalty later in the sentence is not it
    ("第二十五条　专利代理机构有下列行为之一的，由省、自治区、直辖市人民政府管理专利工作的部门责令限期改正，予以警告，"
     "可以处10万元以下的罚款；情节严重或者逾期未改正的，由国务院专利行政部门责令停止承接新的专利代理业务",
     ["专利代理机构罚款"]),
    # who is fined, and the offence carried past 逾期不改正的
    ("违反本办法规定，未按规定设置警示标志的，责令限期改正；逾期不改正的，对个人处200元以上1000元以下罚款，"
     "对单位处1万元以上3万元以下罚款。",
     ["未按规定设置警示标志罚款（个人）（下限）", "未按规定设置警示标志罚款（个人）（上限）",
      "未按规定设置警示标志罚款（单位）（下限）", "未按规定设置警示标志罚款（单位）（上限）"]),
    # changes from a level to a level: one measure
    ("科技型中小企业研发费用加计扣除比例由50%提高到75%", ["科技型中小企业研发费用加计扣除比例"] * 2),
    ("贫困发生率由10.2%下降到3.1%", ["贫困发生率"] * 2),
    ("全员劳动生产率从人均8.7万元提高到12万元以上", ["全员劳动生产率（人均）"] * 2),
    ("城乡居民医保财政补助由每人每年420元提高到450元", ["城乡居民医保财政补助（每人每年）"] * 2),
    ("工业企业利润由上年下降2.3%转为增长8.5%", ["工业企业利润"] * 2),
    # a clause stating only a change measures what the sentence named before
    ("国内生产总值达到67.7万亿元，增长6.9%，在世界主要经济体中位居前列", ["国内生产总值"] * 2),
    ("财政赤字2.38万亿元，比去年增加2000亿元", ["财政赤字"] * 2),
    ("国内生产总值从不到70万亿元增加到超过100万亿元", ["国内生产总值"] * 2),
    # a count in brackets after a name (（共130项）) counts what stands before the bracket
    ("国务院第五次大督查发现的典型经验做法（共130项）", ["国务院第五次大督查发现的典型经验做法项数"]),
    ("对小微企业和个体工商户年应纳税所得额不到100万元的部分", ["小微企业和个体工商户年应纳税所得额"]),
    # yearly changes, levels reached, reductions
    ("社会消费品零售总额年均增长11.3%", ["社会消费品零售总额"]),
    ("服务业增加值占国内生产总值比重上升到51.6%", ["服务业增加值占国内生产总值比重"]),
    ("中央政府定价项目缩减80%，地方政府定价项目缩减50%以上", ["中央政府定价项目", "地方政府定价项目"]),
    ("整体通关时间再压缩三分之一", ["整体通关时间"]),
    ("沙化土地面积年均缩减近2000平方公里", ["沙化土地面积"]),
    ("今年广义货币M2预期增长13%左右，社会融资规模余额增长13%左右", ["广义货币M2", "社会融资规模余额"]),
    # a number inside an open bracket is named from inside it
    ("原则上位于本项目正线中心线两侧(距炮震震源半径200米、强夯震源半径100米)范围内的合法建筑物",
     ["距炮震震源半径", "强夯震源半径"]),
    # 达标 keeps its 达; approximations and modals do not end a name; a verb that creates takes its object
    ("国家教育信息化标准达标率达90%以上", ["国家教育信息化标准达标率"]),
    ("新纳入低保、特困供养近600万人", ["新纳入低保、特困供养人数"]),
    ("地方性法人社会团体应有5万元以上资金", ["地方性法人社会团体"]),
    ("新设7个自贸试验区", ["新设自贸试验区数"]),
    ("全国居民人均可支配收入实际增长6.3%", ["全国居民人均可支配收入"]),
    ("国家财政性教育经费占国内生产总值比例继续保持在4%以上", ["国家财政性教育经费占国内生产总值比例"]),
    ("今年拟安排财政赤字2.18万亿元", ["财政赤字"]),
    # a count of actions: the action after the number is what is counted (not a change of the value)
    ("先后4次降低存款准备金率，多措并举缓解民营和小微企业资金紧张状况", ["降低存款准备金率次数"]),
    # a share of one noun in another, a tax's rate, a basis in brackets
    ("原则上各级行政执法机关的法制审核人员不少于本单位执法人员总数的5%", ["行政执法机关的法制审核人员占本单位执法人员总数"]),
    ("家庭人均年收入应低于上年度当地城镇人均可支配收入的90%", ["家庭人均年收入占上年度当地城镇人均可支配收入"]),
    ("对符合条件的技术先进型服务企业，减按15%的税率计征企业所得税", ["企业所得税税率"]),
    ("地区生产总值年均增长7%（按可比价格计算）", ["地区生产总值（可比价格）"]),
    # a quota named by the deduction it sets; what a grant is counted by (按实际招用人数) is not the measure
    ("在3年内按每户每年12000元为限额依次扣减其当年实际应缴纳的增值税", ["扣减限额（每户每年）"]),
    ("在3年内按实际招用人数给予每人每年6000元的定额依次扣减增值税、城市维护建设税", ["扣减定额（每人每年）"]),
    # a definition names the head it ends on
    ("本办法所称车用燃料，是指按一定比例调配后形成的甲醇含量在15%（按体积分数计）的燃料", ["车用燃料甲醇含量（体积分数）"]),   # the defined term names whose content it is
])
def test_indicator_names_what_is_measured(text, indicators):
    assert names(text) == indicators


@pytest.mark.parametrize("text", [
    # formula constants (×100%) in the definitions of indicators are no targets
    "门诊收入/医疗收入×100%",
    "（本年度医疗收入－上一年度医疗收入）/上一年度医疗收入×100%",
    "点评处方数/处方总数*100%",
])
def test_formula_constants_are_not_targets(text):
    assert tg.find(text, None, MEAS) == []


@pytest.mark.parametrize("text,bad", [
    # a raised penalty or a list continuation is not the offence
    ("违反本规定，擅自占用城市绿地的，责令限期退还，处1000元以上1万元以下罚款；情节严重的，处1万元以上3万元以下罚款。",
     "情节严重"),
    # a number that is no fine after 处 (处理能力) gets no offence
    ("污水处理厂处理能力达到5万吨以上", "罚款"),
    # the scope of the issuing jurisdiction and comparators are no part of the name
    ("全市工业用地规模保持在550平方公里左右", "全市"),
    ("服务业在国内生产总值中的比重上升到50.5%", "上升"),
    # no leading conjunction
    ("和社会融资规模余额预期增长均为12%左右", "和"),
])
def test_indicator_leaves_out(text, bad):
    qs = tg.find(text, None, MEAS)
    assert qs and all(bad not in q.indicator for q in qs), [q.indicator for q in qs]


@pytest.mark.parametrize("rx,pos,neg", [
    (tg.PENALTY_AFTER, ["罚款", "的罚款"], ["罚金", "的处理"]),
    (tg.PENALTY_BEFORE, ["处", "并处", "可以处", "对单位处", "并处违法所得", "处以"], ["处理能力", "处置"]),
    (tg.OFFENCE_CLAUSE, ["擅自开展专利代理业务的", "未按规定设置警示标志的 "], ["由工商行政管理部门责令改正", "的"]),
    (tg.ESCALATION, ["拒不改正", "逾期未改正", "情节严重", "有违法所得"], ["擅自占用城市绿地", "销售假冒产品"]),
    (tg.OFFENCE_OPENING, ["第十六条违反本办法规定，", "违反本条例第八条规定", "或者"], []),
    (tg.OFFENCE_LIST, ["专利代理机构有下列行为之一", "有下列情形"], ["有违法行为"]),
    (tg.CLAUSE_SPLIT, ["，", "；", ":"], ["、", "。"]),
    (tg.LIST_CONTINUES, ["或者以不合格产品冒充合格产品的", "以及"], ["生产、销售假冒产品"]),
    (tg.RANGE_GAP, ["", "、", "至"], ["，并处"]),
    (tg.LEVEL_GAP, ["提高到", "降至", "上升到", "转为增长", "至", "的税率降至"], ["提高", "的税率", "税负降至"]),
    (tg.CHANGE_ONLY, ["增长", "比去年增加", "同比下降", "年均增长"], ["国内生产总值增长", "达到"]),
    (tg.PRIOR_YEAR, ["比上年", "由上年", "较去年同期"], ["上年度实际缴纳"]),
    (tg.UNCLOSED_OPEN, ["(距炮震震源半径", "（须"], ["（二期）工程"]),
    (tg.DEFINITION, ["是指按一定比例调配后形成的乙醇含量"], ["指导价格", "是指标"]),
    (tg.TAX_LEVIED, ["征收企业所得税", "缴纳增值税"], ["征收管理", "缴纳社会保险费"]),
    (tg.SHARE_OF, ["人员数量达到职工人数"], ["覆盖率达到", "达标率"]),
    (tg.BASIS_AFTER, ["（按体积分数计）", "±2%（按体积分数计）", "（按可比价格计算）"], ["（不含50万元）"]),
    (tg.PAID_BACK, ["返还", "减免"], ["缴纳"]),
    (tg.QUOTA_USE, ["为限额依次扣减", "的定额依次扣减", "定额扣除"], ["限额内据实扣除", "的标准"]),
    (tg.GRANT_BASIS, ["按实际招用人数给予"], ["按1:1的比例对完成改制企业给予", "按规定"]),
    (tg.TIME_END, ["资费年内", "今年"], ["年度预算"]),
    (tg.CONDITION_BEFORE, ["合伙经营或组织起来创业的"], ["情节严重或者逾期未改正"]),
])
def test_indicator_patterns(rx, pos, neg):
    anchored = rx in (tg.PENALTY_AFTER, tg.OFFENCE_OPENING, tg.RANGE_GAP, tg.LEVEL_GAP, tg.CHANGE_ONLY,
                      tg.DEFINITION, tg.TAX_LEVIED, tg.BASIS_AFTER, tg.CONDITION_BEFORE, tg.ESCALATION, tg.QUOTA_USE,
                      tg.LIST_CONTINUES)
    full = rx in (tg.RANGE_GAP, tg.LEVEL_GAP, tg.CHANGE_ONLY)
    test = rx.fullmatch if full else rx.match if anchored else rx.search
    for s in pos:
        assert test(s) is not None, s
    for s in neg:
        m = test(s)
        assert m is None or (rx is tg.OFFENCE_OPENING and m.group(0) == ""), s


def test_offence_is_the_clause_before_the_fine_not_a_raised_penalty():
    text = "违反本规定，擅自占用城市绿地的，责令限期退还，处1000元以上1万元以下罚款；情节严重的，处1万元以上3万元以下罚款。"
    assert names(text) == ["擅自占用城市绿地罚款（下限）", "擅自占用城市绿地罚款（上限）"] * 2
    # a list of offences continued with 或者: its first item names it
    text = "生产、销售假冒产品，或者以不合格产品冒充合格产品的，并处产品货值金额50%以上3倍以下的罚款。"
    assert names(text) == ["生产、销售假冒产品罚款占产品货值金额（下限）", "生产、销售假冒产品罚款占产品货值金额（上限）"]


def test_long_names_are_cut_outside_brackets():
    assert tg._cap("甲" * 38 + "（超过100人的企业）") == "甲" * 38
    assert tg._cap("甲" * 30) == "甲" * 30


@pytest.mark.parametrize("text,expected", [
    # an area, a volume or a count of equipment says its kind when the noun does not (planned works of a 批复,
    # 政府工作报告): …面积, …量, …数量
    ("主要建设内容包括改造试验车间3360平方米，土方工程2956立方米，大型灭菌锅2台。",
     [("改造试验车间面积", "="), ("土方工程量", "="), ("大型灭菌锅数量", "=")]),
    ("生态修复、第二批山水林田湖生态保护工程试点，完成退耕还林还草1200万亩以上，加强荒漠化、石漠化综合治理",
     [("退耕还林还草面积", ">=")]),
    ("工程占地总面积0.74公顷，其中永久占地0.34公顷，临时占地0.4公顷。",
     [("工程占地总面积", "="), ("永久占地面积", "="), ("临时占地面积", "=")]),
    ("全面推广车用燃油国五标准，淘汰黄标车和老旧车380万辆。", [("淘汰黄标车和老旧车数量", "=")]),
    # 各 before the number: the value holds for each of the things named
    ("大型灭菌锅2台、叉车和冷藏车各1辆。", [("大型灭菌锅数量", "="), ("叉车和冷藏车数量（各）", "=")]),
    # a range after a change word bounds the rate of the change, not a change by a value
    ("今年发展的主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右",
     [("国内生产总值增长率（下限）", ">="), ("国内生产总值增长率（上限）", "<="), ("居民消费价格涨幅", "=")]),
    # a difference from last year's figure (比去年预算高/低, 比去年多) is a change of the measure named before it
    ("今年赤字率拟按2.6%安排，比去年预算低0.4个百分点；财政赤字2.38万亿元",
     [("赤字率", "="), ("赤字率", "decrease"), ("财政赤字", "=")]),
    ("就业预期目标比去年多100万人，突出了更加重视就业的导向", [("就业预期目标", "increase")]),
    # 保持N的X不变: X is what is kept at the level
    ("确保主要行业税负明显降低；保持6%一档的税率不变，但通过采取对生产、生活性服务业增加税收抵扣等配套措施",
     [("一档的税率", "=")]),
])
def test_indicator_kind_range_and_change_from_prior(text, expected):
    assert [(q.indicator, q.comparator) for q in tg.find(text, None, MEAS)] == expected


@pytest.mark.parametrize("text,expected", [
    # a share counted from a base for a kind named before it (肉鸡按照实际产值的20%): 按 is no part of the name, and
    # a list of kinds before a share is its subject, not instances counted
    ("奶牛按照实际产值的20%给予补偿；生猪、肉牛、肉羊按实际产值的10%给予补偿。",
     ["奶牛实际产值补偿比例", "生猪、肉牛、肉羊实际产值补偿比例"]),
    # the size of a change set by a share names the change (一律 opens no name)
    ("各级政府要坚持过紧日子，中央部门要带头，一律按不低于5%的幅度压减一般性支出", ["一般性支出压减幅度"]),
    # a second verb after 并 opens the name (the clause before it is a condition); the 的 that closes the
    # condition clause is not the noun's
    ("市级以上创业孵化基地、新型孵化平台每孵化一户企业运营1年并带动3人以上就业的，按规定给予奖补", ["带动就业人数"]),
    # 是指 before a light verb (年满) is no part of the name
    ("第二十三条　本办法所称被赡养人是指年满60岁的父母。", ["被赡养人父母年龄"]),
])
def test_indicator_drops_basis_verbs_and_conditions(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a share opening its clause is the share of the things the rest of the clause says (a 教育 plan of policy50)
    ("到2015年，70%左右的县（市、区）达到省定义务教育优质均衡发展要求，50%左右的义务教育学校达到省定现代化办学标准",
     ["县（市、区）达到省定义务教育优质均衡发展要求比例", "义务教育学校达到省定现代化办学标准比例"]),
    ("到2015年，90%左右的普通高中达到省三星级以上标准", ["普通高中达到省三星级以上标准比例"]),
])
def test_share_opening_a_clause_names_what_the_clause_says(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the values of a list after 分别 under one name are successive tiers of the measure
    ("2019—2021年，对成功转型的“小升规”企业和新纳入的企业，由市、县（市、区）两级财政分别按实缴税款地方财政新增部分"
     "的100%、50%、30%给予奖励返还。",
     ["实缴税款地方财政新增部分奖励返还比例（第一档）", "实缴税款地方财政新增部分奖励返还比例（第二档）",
      "实缴税款地方财政新增部分奖励返还比例（第三档）"]),
    # a name of coordinated things keeps its values whole (they go to the things in turn): A、B / A和B / 城乡, 中高等
    ("花生种植、收获机械化率分别达到65%和55%", ["花生种植、收获机械化率"] * 2),
    ("到2015年，城市社区登记在册的失业人员和外来务工人员培训率分别达65%和50%",
     ["城市社区登记在册的失业人员和外来务工人员培训率"] * 2),
    ("城乡低保人均补助标准分别提高5%和8%。", ["城乡低保人均补助标准"] * 2),
    ("中高等职业学校“双师型”教师比例分别达68%和78%", ["中高等职业学校“双师型”教师比例"] * 2),
    # no 分别: one measure, several values
    ("单位国内生产总值能耗下降3%、5%", ["单位国内生产总值能耗"] * 2),
])
def test_respective_values_of_one_name_are_tiers(text, expected):
    assert names(text) == expected


# ---- a chapter's subject names the generic measure of a rule (个人所得税专项附加扣除暂行办法, 国发〔2018〕41号) ----
@pytest.mark.parametrize("heading,topic", [
    ("第五章　住房贷款利息", "住房贷款利息"),
    ("第二章　子女教育", "子女教育"),
    ("第八章　保障措施", ""),                     # the rule's machinery
    ("第四章　法律责任", ""),
    ("第三章　补偿条件、标准和补偿期", ""),       # a list, not one subject
    ("第二章 国家科学技术奖的设置", ""),          # X的Y
    ("第四章　经费管理", ""),                     # the working of a rule
    ("第五章　坚持依法行政", ""),                 # a task
    ("第十四条　行驶里程在3万公里以上的汽车", None),   # no chapter heading
])
def test_chapter_topic(heading, topic):
    assert tg.chapter_topic(heading) == topic


def test_chapter_topic_names_a_generic_rule_measure():
    def named(text, topic):
        return [q.indicator for q in tg.find(text, None, MEAS, None, topic)]
    assert named("（一）直辖市、省会（首府）城市、计划单列市以及国务院确定的其他城市，扣除标准为每月1500元；", "住房租金") \
        == ["住房租金扣除标准（每月）"]
    assert named("纳税人接受技能人员职业资格继续教育、专业技术人员职业资格继续教育的支出，在取得相关证书的当年，"
                 "按照3600元定额扣除。", "继续教育") == ["继续教育扣除定额"]
    # a name with its own subject keeps it; no topic, no prefix
    assert named("纳税人为独生子女的，按照每月2000元的标准定额扣除；", "赡养老人") == ["纳税人为独生子女的定额扣除（每月）"]
    assert named("扣除标准为每月800元。", None) == ["扣除标准（每月）"]


def test_chapter_heading_paragraph_sets_the_topic_of_the_paragraphs_after_it():
    from types import SimpleNamespace
    from bulletin_pipeline.extract import _when_and_how_much
    from bulletin_pipeline.model import DocParagraph, Document
    texts = ["第六章　住房租金", "第十七条　纳税人在主要工作城市没有自有住房而发生的住房租金支出，可以按照以下标准定额扣除：",
             "（一）直辖市、省会（首府）城市、计划单列市以及国务院确定的其他城市，扣除标准为每月1500元；",
             "第七章　保障措施", "第二十五条　扣除标准为每月800元。"]
    paras = [DocParagraph(text=t, page=1, bbox=[0.0, 0.0, 1.0, 1.0], provision_id=f"x-p{i}") for i, t in enumerate(texts)]
    doc = Document(id="x", title="t", start_page=1, date="2018-12-13", paragraphs=paras)
    issue = SimpleNamespace(issue=SimpleNamespace(year=2018), warn=lambda *a, **k: None)
    _, tgs = _when_and_how_much(doc, issue, Resources())
    assert [t.indicator for t in tgs] == ["住房租金扣除标准（每月）", "扣除标准（每月）"]


@pytest.mark.parametrize("text,expected", [
    # a 其中 list per place: the place the first item opens with is the subject of the items after it in its 、-list
    ("建设任务：配套建设排水闸211座、改建桥梁57座；工程总投资3.32亿元。其中徒骇河配套排水闸106座、改建桥梁36座，"
     "马颊河配套排水闸105座、改建桥梁21座。",
     ["配套建设排水闸", "改建桥梁", "工程总投资", "徒骇河配套排水闸", "徒骇河改建桥梁", "马颊河配套排水闸", "马颊河改建桥梁"]),
    # 城镇 is a kind of place, not a name; an item with a subject of its own keeps it
    ("到2020年，常住人口城镇化率达到60%、户籍人口城镇化率达到45%", ["常住人口城镇化率", "户籍人口城镇化率"]),
])
def test_place_opening_a_list_is_the_subject_of_its_items(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the basis a former level is stated on (从月销售额) is not the name; a rate there stays a qualifier
    ("将小规模纳税人增值税起征点从月销售额10万元提高到15万元。", ["小规模纳税人增值税起征点"] * 2),
    ("城乡居民基础养老金最低标准从每月70元提高到88元。", ["城乡居民基础养老金最低标准（每月）"] * 2),
    # 落实好 opens no name
    ("落实好小规模纳税人增值税起征点从月销售额3万元提高到10万元等税收优惠政策", ["小规模纳税人增值税起征点"] * 2),
    # 增幅 is a noun, the measure itself
    ("其中均衡性转移支付、县级基本财力保障机制奖补资金等增幅均超过10%。", ["均衡性转移支付、县级基本财力保障机制奖补资金等增幅"]),
])
def test_from_basis_and_rate_nouns(text, expected):
    assert names(text) == expected
