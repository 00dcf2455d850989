"""Deadlines and targets on sentences of real texts the extractor was not written on (policy50, govcn-policies,
政府工作报告; see tests/data/unseen_gold/tgt): each rule with positive and negative examples."""

import pytest

from conftest import DATA
from bulletin_pipeline.extract import targets, timex
from bulletin_pipeline.lexicon import Resources

CAL = Resources().calendar
MEASURES = Resources().measures


def _dl(text, year=2019, doc_date=None):
    return [(t.text, t.kind, t.date_start, t.date_end) for t in timex.find(text, year, CAL, doc_date=doc_date)]


# ---- deadlines ----

@pytest.mark.parametrize("text,want", [
    # a duration bound with a modal (不能超过 as 不超过)
    ("同一学历（学位）继续教育的扣除期限不能超过48个月。", [("不能超过48个月", "relative", None, None)]),
    # a retention period
    ("本办法规定纳税人需要留存备查的相关资料应当留存五年。", [("留存五年", "relative", None, None)]),
    ("原始记录保存3年。", [("保存3年", "relative", None, None)]),
    # a range whose first end repeats the unit
    ("责令停止承接新的专利代理业务6个月至12个月，直至吊销执业许可证", [("6个月至12个月", "relative", None, None)]),
    # a year of an account counted with 个
    ("具体扣除方式在一个纳税年度内不能变更。", [("一个纳税年度内", "relative", None, None)]),
    ("专项附加扣除额一个纳税年度扣除不完的，不能结转以后年度扣除。", [("一个纳税年度", "relative", None, None)]),
    # 逐年 is a frequency
    ("全市统筹逐年开展评估并更新完善。", [("逐年", "relative", None, None)]),
    # dates of an event's year: each year in question, no calendar date
    ("分别于当年7月3日和下年1月3日前，正式报送项目半年和全年总结。",
     [("当年7月3日", "relative", None, None), ("下年1月3日前", "relative", None, None)]),
    # 今年 / 全年: the document's year
    ("今年经济社会发展的主要预期目标是：城镇新增就业1100万人以上。", [("今年", "period", "2019-01-01", "2019-12-31")]),
    ("全年减轻企业税收和社保缴费负担近2万亿元。", [("全年", "period", "2019-01-01", "2019-12-31")]),
])
def test_terms_and_years_of_unseen_texts(text, want):
    assert _dl(text) == want


@pytest.mark.parametrize("text", [
    "听取和审议国务院关于今年以来预算执行情况的报告。",        # 今年以来 looks back
    "完成全年经济社会发展主要目标任务。",                      # 全年 inside a phrase: the year's tasks, done
    "小微企业当年新招用符合条件人员。",                        # 当年 with no date
    "本年度工作要点如下。",
    "2019年至2020年开展专项整治行动",                          # two years are no duration range
])
def test_not_terms(text):
    got = _dl(text)
    assert not any(t[0] in ("今年", "全年", "本年") or t[0].startswith("当年") for t in got)
    assert not any(t[0].startswith("019") or t[0].startswith("19年") for t in got)


def test_this_year_needs_a_year():
    assert timex.find("今年赤字率拟按2.8%安排。", None, CAL) == []


def test_unseen_gold_is_verbatim():
    """The annotation of tests/data/unseen_gold/tgt quotes its texts (check.py's rule)."""
    import subprocess
    import sys
    r = subprocess.run([sys.executable, str(DATA / "unseen_gold" / "tgt" / "check.py")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


# ---- targets ----

def _tg(text):
    return [(q.value, q.unit, q.comparator, q.indicator) for q in targets.find(text, None, MEASURES)]


@pytest.mark.parametrize("text,want", [
    # a range with the unit at both ends (full-width minus); after a change word it bounds the rate of the change
    ("国内生产总值增长6%－6.5%；", [(6.0, "%", ">=", "国内生产总值增长率（下限）"), (6.5, "%", "<=", "国内生产总值增长率（上限）")]),
    # a change by an amount hedged by 以上 / 左右 stays a change
    ("今年国有大型商业银行小微企业贷款要增长30%以上。", [(30.0, "%", "increase", "国有大型商业银行小微企业贷款")]),
    ("单位国内生产总值能耗下降3%左右。", [(3.0, "%", "decrease", "单位国内生产总值能耗")]),
    # an amount in 万 with no unit after it
    ("农村贫困人口减少1000万以上。", [(1000.0, "万", "decrease", "农村贫困人口")]),
    ("市辖区户籍人口超过100万的城市", [(100.0, "万", ">=", "市辖区户籍人口")]),
    # 年满 is a floor; 是指 is no part of the name
    ("本办法所称被赡养人是指年满60岁的父母。", [(60.0, "岁", ">=", "被赡养人父母年龄")]),
    # an explanation in brackets and 累计 are no part of the name
    ("扣除医保报销后个人负担（指医保目录范围内的自付部分）累计超过15000元的部分", [(15000.0, "元", ">=", "扣除医保报销后个人负担")]),
    # an instrument set to a level is fixed; the former level names the same measure
    ("将制造业等行业现行16%的税率降至13%。", [(16.0, "%", "=", "制造业等行业税率"), (13.0, "%", "=", "制造业等行业税率")]),
    ("下调城镇职工基本养老保险单位缴费比例，各地可降至16%。", [(16.0, "%", "=", "城镇职工基本养老保险单位缴费比例")]),
    ("由纳税人在办理年度汇算清缴时，在80000元限额内据实扣除。", [(80000.0, "元", "<=", "限额内据实扣除")]),
    # a list of counts, each followed by its noun (内 opening a noun is not 30天内)
    ("培育3个内外贸一体化发展先行区、10个内外贸一体化试点基地、100家内外贸一体化“排头兵”企业。",
     [(3.0, "个", "=", "培育内外贸一体化发展先行区数"), (10.0, "个", "=", "内外贸一体化试点基地数"),
      (100.0, "家", "=", "内外贸一体化“排头兵”企业数量")]),
    # the head of a list of items is not the name, 各 is a qualifier of it; an area and a count of equipment say
    # their kind
    ("主要建设内容包括改造试验车间3360平方米，大型灭菌锅2台、叉车和冷藏车各1辆。",
     [(3360.0, "平方米", "=", "改造试验车间面积"), (2.0, "台", "=", "大型灭菌锅数量"), (1.0, "辆", "=", "叉车和冷藏车数量（各）")]),
    # thresholds in Chinese numerals name what they bound
    ("具有二级以上资质的汽车维修企业", [(2.0, "级", ">=", "汽车维修企业资质")]),
    ("专利代理师不得同时在两个以上专利代理机构从事专利代理业务。", [(2.0, "个", ">=", "专利代理机构数")]),
    ("纳税人赡养一位及以上被赡养人的赡养支出", [(1.0, "位", ">=", "被赡养人")]),
])
def test_targets_of_unseen_texts(text, want):
    assert _tg(text) == want


@pytest.mark.parametrize("text", [
    "发挥西部科学城重庆高新区、重庆经开区等7个国家级开发区的带动作用。",   # things that exist, their role drawn on
    "贯彻党的十九大以上精神。",                                              # 十九大 is a name
    "第二级以上的预警",                                                        # an ordinal
    "有一个以内的偏差",                                                        # no 以上/以下: not a threshold
    "培育一批国际化龙头企业",
    "投资100万元",                                                             # 万元 stays the unit (not bare 万)
])
def test_not_unseen_targets(text):
    got = _tg(text)
    assert all(u != "万" for _, u, _, _ in got)
    if "投资" not in text:
        assert got == []


def test_hedged_level_is_not_a_change():
    # 以上 after a bound word (达到) stays a floor; 增长 to a level (增长到) stays a level
    assert _tg("主要经济作物机械化率达到80%以上")[0][2] == ">="
    assert _tg("覆盖率提高到90%以上")[0][2] == ">="


def test_noun_between_two_amounts_is_not_a_list():
    # 30万千瓦及以上热电联产机组供热半径15公里: the words between are the second amount's name (no list separator)
    got = _tg("加快推进30万千瓦及以上热电联产机组供热半径15公里范围内的燃煤锅炉关停整合")
    assert got[1][3] == "热电联产机组供热半径"


@pytest.mark.parametrize("text,spans", [
    # the guide's own example: a target's text ends before the clause of the next target
    ("全市主要农作物耕种收综合机械化率达到90%，主要经济作物机械化率达到78%。",
     ["全市主要农作物耕种收综合机械化率达到90%", "主要经济作物机械化率达到78%"]),
    ("城镇新增就业1100万人以上，城镇调查失业率5.5%左右。", ["城镇新增就业1100万人以上", "城镇调查失业率5.5%左右"]),
    # one clause with two amounts (a range) keeps both; a clause with no number after the target stays with it
    ("处5000元以上3万元以下罚款。", ["处5000元以上3万元以下罚款", "处5000元以上3万元以下罚款"]),
    ("对6座存在病险隐患，但尚未完成安全鉴定的病险水闸进行除险加固。",
     ["对6座存在病险隐患，但尚未完成安全鉴定的病险水闸进行除险加固"]),
])
def test_target_text_ends_before_the_next_target(text, spans):
    assert [q.text for q in targets.find(text, None, MEASURES)] == spans


@pytest.mark.parametrize("text,indicator", [
    # a definition's number measures the term it defines (本办法所称X，是指…)
    ("本条例所称小型企业，是指从业人员在100人以下的企业。", "小型企业从业人员数"),
    ("第二条本办法所称车用乙醇汽油，是指按一定比例调配后形成的乙醇含量在10%±2%（按体积分数计）的汽油。",
     "车用乙醇汽油乙醇含量（体积分数）"),
])
def test_definition_names_its_term(text, indicator):
    assert [q.indicator for q in targets.find(text, None, MEASURES)] == [indicator]


def test_definition_without_a_term_is_unchanged():
    assert [q.indicator for q in targets.find("是指乙醇含量在10%的汽油。", None, MEASURES)] == ["是指乙醇含量"]
