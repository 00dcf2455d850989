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
