"""Deadlines on State Council texts of other years (reports of the past year, chronicles of events)."""
import pytest
import regex

from bulletin_pipeline.extract import timex
from bulletin_pipeline.lexicon import Resources

CAL = Resources().calendar


@pytest.mark.parametrize("text,year", [
    ("3月19日新疆阿图什6.9级、5月3日内蒙古包头西6.4级地震。", 1997),   # a date's day, then 内蒙古
    ("2003年，全国安全生产形势总体稳定，生产安全事故有所下降。", 2004),   # last year's account in a report
    ("将2016年实施的24项督查激励措施调整增加为30项。", 2018),
    ("1996年，在全球地震活跃的大背景下，我国共发生5级以上地震。", 1997),
])
def test_past_and_dates_are_not_bounds(text, year):
    assert timex.find(text, year, CAL) == []


@pytest.mark.parametrize("text,year,kind,start,end,span", [
    ("2019年，在全国启动三级公立医院绩效考核工作。", 2019, "period", "2019-01-01", "2019-12-31", "2019年"),
    ("2020年，基本建成覆盖全国的信息系统。", 2019, "period", "2020-01-01", "2020-12-31", "2020年"),
    ("应当自执业之日起30日内向所在地部门备案。", 2018, "relative", None, None, "30日内"),
    ("调查机关应于3日内答复。", 2018, "relative", None, None, "3日内"),
])
def test_bounds_of_the_document_year_and_later_stay(text, year, kind, start, end, span):
    t = timex.find(text, year, CAL)
    assert [(x.kind, x.date_start, x.date_end, x.text) for x in t] == [(kind, start, end, span)]


# ---- targets: an item's number is no part of the text; 增加的 describes an amount; a bound word read whole ----
from bulletin_pipeline.extract import targets  # noqa: E402

MEASURES = Resources().measures


@pytest.mark.parametrize("text,span,indicator", [
    ("第十四条　行驶里程在3万公里以上的汽车，应当进行清洗。", "行驶里程在3万公里以上的汽车，应当进行清洗", "行驶里程"),
    ("15．安庆市（8名）", "安庆市（8名）", "安庆市人数"),
    ("2.标记的26个指标为国家监测指标。", "标记的26个指标为国家监测指标", None),
    # a leading number that is a quantity stays
    ("3.5万元用于奖励。", "3.5万元用于奖励", None),
])
def test_item_number_is_not_part_of_a_target(text, span, indicator):
    q = targets.find(text, None, MEASURES)[0]
    assert q.text == span
    if indicator:
        assert q.indicator == indicator


@pytest.mark.parametrize("text,comparator", [
    ("原则上法制审核人员不少于本单位执法人员总数的5%。", ">="),
    ("后增加的3.5亿元资金尚未落实。", "="),
    ("新增就业增加500万人。", "increase"),
    ("全市目标达到PM2.5年均浓度值为60微克/立方米。", "="),
])
def test_comparator_words_read_whole(text, comparator):
    assert targets.find(text, None, MEASURES)[0].comparator == comparator


# ---- task lists of provinces: time slots, years from which a rule holds, half-years and quarters ----
@pytest.mark.parametrize("text,kind,start,end,span", [
    ("（责任单位：市水利局；完成时限：2020年）", "by", None, "2020-12-31", "2020年"),
    ("（完成时限：2019年12月）", "by", None, "2019-12-31", "2019年12月"),
    ("（完成时限：2020年12月31日）", "by", None, "2020-12-31", "2020年12月31日"),
    ("（完成时限：2020年6月底前）", "by", None, "2020-06-30", "2020年6月底前"),
    ("（完成时限：长期坚持）", "relative", None, None, "长期坚持"),
    ("时间要求：持续推进。", "relative", None, None, "持续推进"),
    ("自2021年起实施。", "from", "2021-01-01", None, "自2021年起实施"),
    ("2020年上半年完成系统建设。", "period", "2020-01-01", "2020-06-30", "2020年上半年"),
    ("一季度完成摸底调查。", "period", "2019-01-01", "2019-03-31", "一季度"),
])
def test_task_list_time_slots(text, kind, start, end, span):
    t = timex.find(text, 2019, CAL)
    assert [(x.kind, x.date_start, x.date_end, x.text) for x in t] == [(kind, start, end, span)]


def test_a_year_from_which_a_duty_holds_and_its_frequency():
    t = timex.find("2020年起，国家卫生健康委每年3月底前完成上述工作。", 2019, CAL)
    assert [(x.text, x.kind, x.date_start) for x in t] == [("2020年起", "from", "2020-01-01"), ("每年3月底前", "relative", None)]


@pytest.mark.parametrize("text", [
    "2020年起步的项目", "要长期坚持，久久为功。", "2019—2020年秋冬季大气污染综合治理攻坚行动方案", "（完成情况：2020年）",
    "上半年经济运行情况",
])
def test_no_time_slot_no_bound(text):
    assert timex.find(text, 2019, CAL) == []


def test_time_slot_patterns():
    slot = regex.compile(timex.TIME_SLOT)
    assert slot.match("完成时限：") and slot.match("时间要求:") and not slot.match("完成情况：")
    standing = regex.compile(timex.STANDING)
    assert standing.fullmatch("长期坚持") and standing.fullmatch("持续推进") and not standing.fullmatch("坚持")
    assert timex.SEASON_ALONE.match("完成") and timex.SEASON_ALONE.match("，") and not timex.SEASON_ALONE.match("经济")


@pytest.mark.parametrize("text,span", [("在代扣税款的次月十五日内报送。", "十五日内"), ("于二十日内答复。", "二十日内"),
                                       ("十五个工作日内作出决定。", "十五个工作日内")])
def test_terms_counted_in_chinese_numerals_stay_whole(text, span):
    assert [x.text for x in timex.find(text, 2019, CAL)] == [span]
