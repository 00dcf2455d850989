"""Deadline and target patterns one by one (positive and negative examples), the lexicon's calendar,
measures and numerals, and the GUIDE's deadline and target conventions on short real-style sentences."""
import pytest
import regex

from bulletin_pipeline.extract import targets as tg, timex
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon.calendar import Calendar, month_end
from bulletin_pipeline.lexicon.measures import Measures
from bulletin_pipeline.lexicon.numerals import FRACTION, cn_int, cn_number, fraction_value

RES = Resources()
CAL, MEAS = RES.calendar, RES.measures


def test_resources_give_typed_calendar_and_measures():
    assert isinstance(CAL, Calendar) and isinstance(MEAS, Measures)
    assert CAL.plan_periods["十四五"] == (2021, 2025)
    assert CAL.seasons["采暖期"].wraps and not CAL.seasons["主汛期"].wraps
    assert CAL.named_periods["脱贫攻坚期"].end == "2020-12-31"
    assert MEAS.normalise(2.5, "亿元") == (2.5e8, "元") and MEAS.normalise(5, "%") == (None, None)
    assert Resources().calendar is not CAL          # per instance, never a process-wide cache


@pytest.mark.parametrize("s,v", [("12", 12), ("十二", 12), ("二〇二〇", 2020), ("两", 2), ("廿三", 23)])
def test_cn_int(s, v):
    assert cn_int(s) == v


@pytest.mark.parametrize("s", ["abc", "", "年"])
def test_cn_number_rejects_words(s):
    assert cn_number(s) is None


@pytest.mark.parametrize("s,v", [("1/3", 1 / 3), ("三分之二", 2 / 3), ("百分之五十", 0.5)])
def test_fraction(s, v):
    assert fraction_value(FRACTION.search(s)) == pytest.approx(v)


@pytest.mark.parametrize("s", ["2019/20", "分之", "百分点"])
def test_fraction_negative(s):
    m = FRACTION.search(s)
    assert m is None or m.group(0) != s


# (constant, matches at the start, does not match at the start) for every named pattern string in timex
TIMEX_PATTERNS = [
    ("MONEY_AFTER", ["", "（见附件）"], ["当地失业保险金标准", "的当地上年度月人均失业保险金", "1000万元"]),
    ("FREQ", ["每年", "每两年", "按季度"], ["每人每年", "每户每年", "按照每月400元定额扣除"]),
    ("CLOCK", ["上午8:30", " 14：00"], ["上午", "8点"]),
    ("DURATION_CUE", ["满", "不满", "运营", "未来"], ["期满"]),
    ("DURATION_BOUND", ["不少于", "最长不超过", "最高", "时间", "有效期"], ["达到"]),
    ("FROM_PUBLICATION", ["自公布之日起施行", "自印发之日起"], ["自2019年起", "公布之日"]),
    ("MONTH_AT_CUE", [], []),
]


@pytest.mark.parametrize("name,pos,neg", TIMEX_PATTERNS)
def test_timex_pattern_strings(name, pos, neg):
    rx = regex.compile(getattr(timex, name))
    if name == "MONTH_AT_CUE":         # a look-behind: it matches the empty string after its cue
        assert regex.compile(rx.pattern + "7月").search("定于7月") and not rx.search("于是7月")
        return
    for s in pos:
        m = rx.search(s) if name == "FREQ" else rx.match(s)
        assert m is not None and (name == "MONEY_AFTER" or m.group(0) == s), s
    for s in neg:
        m = rx.search(s) if name == "FREQ" else rx.match(s)
        assert m is None or (name not in ("MONEY_AFTER", "FREQ") and m.group(0) != s), s


@pytest.mark.parametrize("rx,pos,neg", [
    (timex.EXCLUDE, ["《2019年工作要点》", "鲁政发〔2018〕19号", "附件：2022年度报告时间安排表"], ["2019年底前完成。"]),
    (timex.SEASON_ALONE, ["，", "。", ""], ["大气"]),
    (timex.YEAR_MENTION, ["2019年", "二〇二〇年"], ["2021年度", "19年"]),
    (timex.SENTENCE_PUNCT, ["完成，", "：", "。"], ["标题没有标点"]),
    (timex.SENTENCE_END, ["。", "；", "！"], ["，", "、"]),
    (timex.EVERY_N, ["每两年", "每3月"], ["每年"]),
    (timex.DATA_SCOPE_AFTER, ["财政收支执行情况", "主要经济数据"], ["，全市完成"]),
])
def test_timex_compiled_constants(rx, pos, neg):
    find = rx.match if rx is timex.SEASON_ALONE else rx.search
    for s in pos:
        assert find(s) is not None, s
    for s in neg:
        m = find(s)
        assert m is None or (rx is timex.YEAR_MENTION and m.group(0) != s), s


# the GUIDE's deadline conventions where they were missed: (text, year, kind, start, end, approx, span)
@pytest.mark.parametrize("text,year,kind,start,end,approx,span", [
    ("组织实施好2022年度的监督工作，", 2022, "period", "2022-01-01", "2022-12-31", False, "2022年度"),
    ("与其签订1年以上劳动合同的", 2019, "relative", None, None, False, "1年以上"),
    ("登记失业半年以上的人员", 2019, "relative", None, None, False, "半年以上"),
    ("具有大专学历且毕业不满八年；", 2019, "relative", None, None, False, "不满八年"),
    ("缴纳住房公积金满一年；", 2019, "relative", None, None, False, "满一年"),
    ("参加3至12个月的就业见习", 2019, "relative", None, None, False, "3至12个月"),
    ("可按照最高50年出让年期出让", 2017, "relative", None, None, False, "最高50年"),
    ("考核时间120分钟。", 2020, "relative", None, None, False, "时间120分钟"),
    ("在培训班结束前7个工作日向考试机构", 2020, "relative", None, None, False, "前7个工作日"),
    ("应在30日内申报", 2019, "relative", None, None, False, "30日内"),
    ("未来五年，适应城市功能定位", 2017, "relative", None, None, False, "未来五年"),
    ("并于每年4月底前向所在市", 2018, "relative", None, None, False, "每年4月底前"),
    ("补偿款每月10日前发放。", 2018, "relative", None, None, False, "每月10日前"),
    ("每两年认定一批示范基地", 2018, "relative", None, None, False, "每两年"),
    ("国家从2017年1月1日开始，放开价格", 2016, "from", "2017-01-01", None, False, "从2017年1月1日开始"),
    ("本办法自公布之日起施行。", 2005, "from", "2005-11-21", None, True, "自公布之日起施行"),
    ("定于2020年7月在赣州市组织考核", 2020, "period", "2020-07-01", "2020-07-31", False, "2020年7月"),
    ("报告拟安排在8月份举行。", 2022, "period", "2022-08-01", "2022-08-31", False, "8月份"),
    ("时间：2020年7月15日上午8:30。", 2020, "period", "2020-07-15", "2020-07-15", False, "2020年7月15日上午8:30"),
    ("本办法有效期至2024年12月。", 2019, "until", None, "2024-12-31", False, "有效期至2024年12月"),
    ("有效期至2025年底。", 2019, "until", None, "2025-12-31", False, "有效期至2025年底"),
    ("有效期至2021年12月9日。", 2019, "until", None, "2021-12-09", False, "有效期至2021年12月9日"),
    ("脱贫攻坚期内，对低保家庭给予渐退期", 2018, "period", None, "2020-12-31", True, "脱贫攻坚期内"),
    ("专题调研报告计划在12月底前完成。", 2022, "by", None, "2022-12-31", False, "12月底前"),
    ("2020年采暖期前完成改造", 2019, "by", None, "2020-11-14", True, "2020年采暖期前"),
    ("做好秋收期间秸秆禁烧", 2019, "period", "2019-09-15", "2019-10-31", True, "秋收期间"),
    ("2019年汛期前完成", 2019, "by", None, "2019-05-31", True, "2019年汛期前"),
    ("2019—2020年秋冬季期间，", 2019, "period", "2019-10-01", "2020-03-31", True, "2019—2020年秋冬季期间"),
])
def test_guide_deadlines(text, year, kind, start, end, approx, span):
    t = timex.find(text, year, CAL, doc_date="2005-11-21" if year == 2005 else None)
    assert len(t) == 1, t
    assert (t[0].kind, t[0].date_start, t[0].date_end, t[0].approx, t[0].text) == (kind, start, end, approx, span)


@pytest.mark.parametrize("text,year", [
    ("听取和审议国务院关于2021年度中央决算的报告。", 2022),     # a past year is a report's subject
    ("全国人大常委会2022年度听取和审议监督方面的报告时间安排表", 2022),   # a heading names things
    ("附件：2022年度报告时间安排表", 2022),
    ("按每人每年5200元的定额扣减", 2019),                        # a rate, not a frequency
    ("培训补贴标准最高不超过3个月当地失业保险金标准", 2018),      # months of benefit: an amount
    ("年龄需满35周岁；", 2019),
    ("近5年来，全国城市平均", 2019),
    ("重点是2022年1—7月财政收支执行情况等。", 2022),
    ("2019—2020年秋冬季大气污染综合治理攻坚行动方案", 2019),
    ("国务院于2018年7月印发了方案", 2019),
])
def test_not_deadlines(text, year):
    assert timex.find(text, year, CAL) == []


def test_effective_from_publication_with_a_term():
    t = timex.find("本办法自发布之日起施行，有效期5年。", 2019, CAL, doc_date="2019-11-20")
    assert [(x.kind, x.date_start, x.approx, x.duration) for x in t] == [
        ("from", "2019-11-20", True, None), ("relative", None, False, "P5Y")]


def test_bare_month_takes_a_year_of_its_own_sentence_only():
    t = timex.find("审查和批准2021年中央决算。报告拟安排在12月份举行。", 2022, CAL)
    assert [(x.text, x.date_start) for x in t] == [("12月份", "2022-12-01")]
    t = timex.find("2019年11月底前批复初步设计，12月底前开工。", 2019, CAL)
    assert [x.date_end for x in t] == ["2019-11-30", "2019-12-31"]


def test_bare_month_takes_the_year_written_before_it_not_a_report_year():
    t = timex.find("听取2021年度报告，专题调研报告计划在10月底前完成。", 2022, CAL)
    assert [(x.text, x.date_end) for x in t] == [("10月底前", "2022-10-31")]


# targets: (text, value, unit, comparator, indicator)
@pytest.mark.parametrize("text,value,unit,comp,indicator", [
    ("PM2.5年均浓度值60微克/立方米", 60, "微克/立方米", "=", "PM2.5年均浓度值"),
    ("即全市目标PM10年均浓度值120微克/立方米", 120, "微克/立方米", "=", "PM10年均浓度值"),
    ("其中2020年前实施项目总投资4.09亿元", 4.09, "亿元", "=", "2020年前实施项目总投资"),
    ("SO2年均浓度值波动幅度不超过20微克/立方米", 20, "微克/立方米", "<=", "SO2年均浓度值波动幅度"),
    ("去除效率不应低于80%", 80, "%", ">=", "去除效率"),
    ("加快推进供热管网建设100公里", 100, "公里", "=", "供热管网建设"),
    ("合格碘盐覆盖率在90%以上", 90, "%", ">=", "合格碘盐覆盖率"),
    ("比重达到三分之二左右", 2 / 3, "ratio", "=", "比重"),
    ("按照不低于1/3的比例用于重点工业项目", 1 / 3, "ratio", ">=", None),
    ("审批期限在法定时间的基础上压缩1/3。", 1 / 3, "ratio", "decrease", None),
    ("可申请最高不超过15万元的创业担保贷款", 15, "万元", "<=", "创业担保贷款额度"),
    ("另行安排时间，考试满分为100分", 100, "分", "=", None),
    ("按每户每年9600元为限额", 9600, "元", "<=", None),
    ("徒骇河、马颊河、金堤河3条重点治理骨干河道", 3, "条", "=", "重点治理骨干河道"),
    ("返还标准可按6个月的当地上年度月人均失业保险金确定", 6, "个月", "=", "返还标准（月人均失业保险金月数）"),
    ("对经营者处10万元以下罚款", 10, "万元", "<=", "经营者罚款"),
    ("按每户每年不高于1万元的标准给予孵化成果补贴", 1, "万元", "<=", "孵化成果补贴（每户每年）"),
    ("由市、县两级财政分别按实缴税款新增部分的20%给予奖励", 20, "%", "=", "实缴税款新增部分奖励比例"),
    ("战略性新兴产业增加值占全市生产总值比重达到20%以上", 20, "%", ">=", "战略性新兴产业增加值占全市生产总值比重"),
])
def test_targets_and_indicators(text, value, unit, comp, indicator):
    qs = tg.find(text, None, MEAS)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.value, q.unit, q.comparator) == (pytest.approx(value), unit, comp)
    if indicator is not None:
        assert q.indicator == indicator


def test_tolerance_and_adjacent_bounds():
    qs = tg.find("乙醇含量在10%±2%（按体积分数计）", None, MEAS)
    assert [(q.value, q.unit) for q in qs] == [(10, "%")]
    qs = tg.find("第十四条处5000元以上3万元以下罚款", None, MEAS)
    assert [(q.value, q.unit, q.comparator, q.indicator) for q in qs] == [
        (5000, "元", ">=", "罚款（下限）"), (3, "万元", "<=", "罚款（上限）")]


def test_range_of_ages_and_list_shares_indicator():
    qs = tg.find("扩展到16至24岁失业青年", None, MEAS)
    assert [(q.value, q.unit, q.comparator) for q in qs] == [(16, "岁", ">="), (24, "岁", "<=")]
    assert [q.indicator for q in qs] == ["失业青年年龄（下限）", "失业青年年龄（上限）"]
    qs = tg.find("分别按新增部分的100%、50%、30%给予奖励", None, MEAS)
    assert [q.value for q in qs] == [100, 50, 30]
    assert [q.indicator for q in qs] == [f"新增部分奖励比例（第{n}档）" for n in "一二三"]    # one name, successive tiers


@pytest.mark.parametrize("text", [
    "落实“上海人才30条”，选拔人才",      # a name in quotes
    "满35周岁",
    "在5分钟内完成",
    "时间为18日20时40分。",
    "依照第5条",
    "参加失业保险36个月以上",           # a term: a deadline, not a target
])
def test_not_targets(text):
    assert tg.find(text, None, MEAS) == []


@pytest.mark.parametrize("rx,pos,neg", [
    (tg.EXCLUDE, ["“上海人才30条”", "第5条", "鲁政发〔2018〕19号", "0635-8288802"], ["达到90%"]),
    (tg.MONTHS_OF_AMOUNT, ["个月的当地上年度月人均失业保险金", "个月食盐消费量"], ["个月以上", "个月的渐退期"]),
    (tg.SCORE_POINTS, ["分合格", "分，", "分"], ["分钟", "分之二", "分别"]),
    (tg.CAP_AFTER, ["为限额", "封顶"], ["的标准"]),
    (tg.PASS_AFTER, ["合格"], ["不合格"]),
    (tg.TIME_WORDS, ["到2020年底前", "2019年度", "12月底前", "3年内", "2020年，"], ["年度计划", "2020年前实施"]),
    (tg.LEADING, ["即", "全市目标", "加快推进", "（三）", "设立", "第十四条"], ["PM2.5"]),
    (tg.TRAILING, ["不应", "在", "保持在", "原则上"], ["浓度值"]),
    (tg.OBJECT_VERB, ["可申请", "省给予", "形成", "全市"], ["覆盖率"]),
    (tg.SCOPE_ONLY, ["全市", "省", ""], ["全市工业用地"]),
    (tg.ENUMERATION, ["徒骇河、马颊河、金堤河", "取消环境监测服务费等"], ["炉龄较长、炉况较差的炭化室高度"]),
    (tg.AFTER_NP, ["的创业担保贷款", "一次性奖补"], ["、20%", "，"]),
    (tg.AFTER_NP_BAD, ["以上", "20", "的"], ["创业担保贷款"]),
    (tg.AFTER_CLOSE, ["下同）扩展到"], ["（含）面积"]),
    (tg.LIST_GAP, ["、", "和", ""], ["、按"]),
    (tg.RATIO, ["1:1的比例"], ["10:30开始"]),
    (tg.LIGHT_VERB, ["可申请", "再给予", "形成"], ["创建", "听取审议"]),
    (tg.RATE, ["每户每年", "每人", "每天"], ["每一项"]),
    (tg.CLOCK_BEFORE, ["20时", "8点 "], ["考试"]),
    (tg.PENALTY_VERB, ["处", "并处", "对经营者处"], ["办事处", "处理"]),
    (tg.AGENT_PREFIX, ["由市、县两级财政分别按"], ["按照投资额"]),
    (tg.LEVEL_TO, ["下降到", "提高至 "], ["下降"]),
    (tg.WITHIN_AFTER, ["内", " 以内"], ["以上"]),
    (tg.DURATION_AFTER_GE, ["月", "工作日"], ["项目"]),
    (tg.CATEGORY_AFTER, ["的", "及以上的"], ["以上"]),
    (tg.FRACTION_POST, ["左右", "以上"], ["的比例"]),
    (tg.DASH_BEFORE, ["2019—", "2019- "], ["2019年"]),
    (tg.YEAR_SPAN, ["2019—2021年"], ["2019年"]),
    (tg.CLOSE_BRACKET, ["（含）"], ["（含"]),
    (tg.BOUND_WORDS, ["不低于", "控制在"], ["覆盖率"]),
    (tg.CHANGE_AT_END, ["审批期限压缩", "同比下降"], ["增加值占比"]),
    (tg.AFTER_KIND, ["税率征收", "的定额", "的比例用于"], ["的标准", "企业所得税"]),
    (tg.GRANT_AFTER, ["标准给予交通补贴", "的标准再给予", "标准发放"], ["标准确定", "给予补贴"]),
    (tg.CONDITION_BEFORE, ["对被评为省级示范基地的", "对新认定的市级园区的", "个人独资企业申请的"],
     ["对企业", "对其中的2家", "带动3人以上就业的"]),
    (tg.SCOPE_PREFIX, ["省", "全市"], ["省级", "示范"]),
    (tg.NP_SCOPE, ["当地", "本企业上年度"], ["平均销售量"]),
    (tg.ITEM_TITLE, ["（二）巩固提升工程", "2.中型病险水闸除险加固", "三、重点项目"], ["（二）加快推进改造，确保完成。", "工程总投资"]),
    (tg.GENERIC_HEAD, ["工程总投资", "项目总投资"], ["2020年实施项目总投资", "改建桥梁"]),
    (tg.RECIPIENT, ["的比例对完成改制企业"], ["完成改制企业"]),
    (tg.INNER_GRANT, ["再给予", "发放"], ["补助"]),
    (tg.FUNDING_RULE, ["按一定比例", "按照1:1比例"], ["比例不低于"]),
    (tg.BASELINE, ["在法定时间的基础上", "在现有基础上"], ["在法定时间内"]),
    (tg.ATTRIBUTE, ["具有较强影响力的", "具备核心竞争力的"], ["制造业创新中心", "具有"]),
    (tg.GRANT_OF_SHARE, ["、50%、30%给予奖励返还", "给予补贴"], ["给予一次性奖励和政策支持的企业", "、50%"]),
    (tg.LIST_ACTION, ["取消排污费", "计划新建泵站", "取消或停征"], ["落实取消", "排污费"]),
    (tg.PAYMENT, ["企业及其职工应缴纳", "其上年度实际缴纳"], ["失业保险费"]),
    (tg.ALTERNATIVE, ["或按3个月", "或者按照"], ["按3个月", "或"]),
    (tg.REFERENCED, ["补贴标准（失业保险费月数）"], ["补贴标准", "补贴标准（每人每年）"]),
    (tg.QUALIFIER_END, ["限额（每户每年）"], ["（每户每年）限额"]),
    (tg.BOUND_AT_END, ["企业达到", "不超过"], ["达到企业"]),
    (tg.SHARE_USE, ["用于重点工业项目", "安排"], ["内据实扣除"]),
    (tg.CHANGE_BEFORE, ["国内生产总值增长", "能耗下降约", "预期增长均为", "定价项目缩减"], ["增长率", "下降到"]),
])
def test_target_compiled_constants(rx, pos, neg):
    anchored = rx in (tg.WITHIN_AFTER, tg.DURATION_AFTER_GE, tg.CATEGORY_AFTER, tg.FRACTION_POST, tg.GRANT_OPENING,
                      tg.AGENT_PREFIX, tg.LEADING, tg.AFTER_NP, tg.AFTER_NP_BAD, tg.AFTER_CLOSE, tg.MONTHS_OF_AMOUNT,
                      tg.SCORE_POINTS, tg.CAP_AFTER, tg.PASS_AFTER, tg.SCOPE_ONLY, tg.LIST_GAP, tg.AFTER_KIND,
                      tg.GRANT_AFTER, tg.SCOPE_PREFIX, tg.NP_SCOPE, tg.ITEM_TITLE, tg.GENERIC_HEAD, tg.ATTRIBUTE,
                      tg.GRANT_OF_SHARE, tg.LIST_ACTION, tg.PAYMENT, tg.ALTERNATIVE, tg.REFERENCED, tg.SHARE_USE)
    test = (lambda s: rx.fullmatch(s)) if rx is tg.LIST_GAP else (lambda s: rx.match(s)) if anchored else rx.search
    for s in pos:
        assert test(s) is not None, s
    for s in neg:
        assert test(s) is None, s


def test_grant_opening_is_cut_from_the_noun_after_an_amount():
    assert tg.GRANT_OPENING.match("标准再给予生活费补贴").group(0) == "标准再给予"
    assert tg.GRANT_OPENING.match("生活费补贴").group(0) == ""


def test_calendar_helpers():
    assert month_end(2020, 2) == "2020-02-29" and month_end(2020, 13) is None


# the indicator says what kind of quantity is measured when its noun does not (sentences written for the tests)
@pytest.mark.parametrize("text,indicators", [
    ("今年共完成执法检查报告6个", ["执法检查报告数"]),                       # a count in 个
    ("培育10家具有核心竞争力的龙头企业", ["培育龙头企业数量"]),              # 家, attribute clause dropped
    ("全年开展专项督查3次", ["开展专项督查次数"]),
    ("取消排污费、水土保持补偿费等3项行政事业性收费", ["取消行政事业性收费项数"]),   # action on a listed set
    ("参加社保的职工达到50%", ["参加社保的职工比例"]),                     # a share
    ("城乡居民医保参保率达到95%以上", ["城乡居民医保参保率"]),               # the noun already says it
    ("单位地区生产总值能耗下降13.5%", ["单位地区生产总值能耗"]),             # a change: no kind word
    ("配套建设泵站12座", ["配套建设泵站"]),                                # works built: the noun is the measure
    ("年满18至35岁的青年", ["青年年龄（下限）", "青年年龄（上限）"]),
    ("可申请最高不超过20万元的创业担保贷款", ["创业担保贷款额度"]),
    ("新开工5亿元以上工业项目", ["新开工工业项目投资规模"]),
    ("技能考核满分为100分，60分合格", ["技能考核满分", "合格分数"]),
    ("对小型微利企业减按20%的税率征收企业所得税", ["小型微利企业所得税税率"]),
    ("可按每人每月500元标准给予交通补贴", ["交通补贴（每人每月）"]),
    ("对新认定的市级创业示范园区的，市给予30万元一次性奖励", ["市级创业示范园区一次性奖励"]),
    ("新招用人员达到职工总数的20%（超过200人的企业达到10%）",
     ["新招用人员占职工总数", "新招用人员占职工总数（超过200人的企业）"]),
    ("储备规模不低于本地区3个月的正常消费量", ["储备规模（正常消费量月数）"]),
    ("补贴标准可按3个月的当地月最低工资标准确定，或按3个月的单位和个人应缴纳失业保险费确定",
     ["补贴标准（月最低工资标准月数）", "补贴标准（失业保险费月数）"]),
    ("可返还其上年度实际缴纳住房公积金的60%", ["住房公积金返还比例"]),
    ("行政审批办理时限在现有基础上压缩50%", ["行政审批办理时限"]),
    ("市县财政按1:1的比例对完成改制企业给予一次性最高20万元的补助", ["市县财政比例", "完成改制企业一次性补助"]),
    ("由市、县两级财政分别按新增税收地方留成部分的80%、40%给予奖励",
     ["新增税收地方留成部分奖励比例（第一档）", "新增税收地方留成部分奖励比例（第二档）"]),
])
def test_indicator_names_the_kind_of_quantity(text, indicators):
    assert [q.indicator for q in tg.find(text, None, MEAS)] == indicators


def test_generic_work_is_named_by_the_item_it_is_under():
    assert tg.item_title("（二）城区排水管网改造工程") == "城区排水管网改造工程"
    assert tg.item_title("（二）加快推进改造，确保完成。") is None
    q, = tg.find("工程匡算总投资3.5亿元", None, MEAS, tg.item_title("（二）城区排水管网改造工程"))
    assert q.indicator == "城区排水管网改造工程匡算总投资"
    q, = tg.find("工程总投资1.2亿元", None, MEAS, "老旧小区改造")
    assert q.indicator == "老旧小区改造工程总投资"
    q, = tg.find("工程总投资1.2亿元", None, MEAS)
    assert q.indicator == "工程总投资"


def test_measure_kind_words():
    assert MEAS.kind_word("个", "专项工作报告") == "数" and MEAS.kind_word("家", "生产企业数量") == ""
    assert MEAS.kind_word("项", "涉企收费项目") == "数" and MEAS.kind_word("项", "政府性基金") == "项数"
    assert MEAS.kind_word("%", "覆盖率") == "" and MEAS.kind_word("%", "失业保险费") == "比例"
    assert MEAS.kind_word("万元", "创业担保贷款") == "额度" and MEAS.kind_word("万元", "一次性奖补") == ""
    assert MEAS.kind_word("座", "改建桥梁") == "" and MEAS.kind_word("平方米", "建筑面积") == ""


def test_no_kind_word_where_the_name_says_it_or_is_no_name():
    assert MEAS.kind_word("%", "财政性教育经费占国内生产总值比例持续") == ""
    assert MEAS.kind_word("%", "全社会研发经费投入强度") == ""
    assert MEAS.kind_word("%", "－") == "" and MEAS.kind_word("%", "同期出院总人次数×") == ""
    q, = tg.find("在80000元限额内据实扣除", None, MEAS)
    assert q.indicator != "内据实扣除的限额"
    # the growth rate of an output aggregate is the measure: no share word after it
    assert [q.indicator for q in tg.find("国内生产总值增长6.5%左右", None, MEAS)] == ["国内生产总值增长率"]
    assert [q.indicator for q in tg.find("共有13个村民小组", None, MEAS)] == ["村民小组数"]
    assert [q.indicator for q in tg.find("按照3600元定额扣除", None, MEAS)] == ["扣除定额"]
