"""Extraction rules in isolation, and against the development gold."""
import importlib.util
import json

import pytest
from hypothesis import given, settings, strategies as st

from bulletin_pipeline.extract import obligations as ob, targets as tg, timex
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon.units import split_units

from conftest import DATA, SHARED

GZ = Resources().gazetteer


def roles(src, state=None):
    refs, _ = ob.parse_assignment(src, state or ob._DocState(), GZ)
    return [(r.name, r.role) for r in refs]


def test_lead_and_support():
    assert roles("责任单位：聊城海关、市市场监管局牵头；市发展改革委、市工业和信息化局等部门按职责分工负责") == [
        ("聊城海关", "lead"), ("市市场监管局", "lead"), ("市发展改革委", "support"), ("市工业和信息化局", "support")]


def test_responsible_without_lead():
    assert roles("责任单位：市商务投资促进局、市财政局、聊城海关等部门按职责分工负责") == [
        ("市商务投资促进局", "responsible"), ("市财政局", "responsible"), ("聊城海关", "responsible")]
    assert roles("市自然资源和规划局负责，市水利局、各县（市、区）政府配合") == [
        ("市自然资源和规划局", "responsible"), ("市水利局", "support"), ("各县（市、区）政府", "support")]


def test_first_listed_is_lead_carries_forward():
    st_ = ob._DocState()
    assert roles("市工业和信息化局、市农业农村局等负责。列第一位的为牵头单位，下同", st_) == [
        ("市工业和信息化局", "lead"), ("市农业农村局", "support")]
    assert roles("市教育局、市财政局等负责", st_) == [("市教育局", "lead"), ("市财政局", "support")]


def test_each_leads_and_implement_default():
    assert roles("市发展改革委和市城市管理局分别牵头，国网聊城供电公司配合") == [
        ("市发展改革委", "lead"), ("市城市管理局", "lead"), ("国网聊城供电公司", "support")]
    st_ = ob._DocState()
    roles("市工业和信息化局牵头；各县（市、区）政府、市属开发区管委会组织落实，以下任务均需各县（市、区）政府、"
          "市属开发区管委会组织落实，不再列出", st_)
    assert st_.default_implement == ["各县（市、区）政府", "市属开发区管委会"]


def test_in_text_clauses():
    gz = GZ
    found = ob.in_text("市农业农村局与市工业和信息化局会同相关部门建立机制。市发展改革委会同市财政局、市水利局及时下达投资计划。", gz)
    got = [[(r.name, r.role) for r in refs] for _, _, refs, _ in found]
    assert [("市农业农村局", "lead"), ("市工业和信息化局", "lead")] in got
    assert [("市发展改革委", "lead"), ("市财政局", "support"), ("市水利局", "support")] in got
    found = ob.in_text("本办法由市住房和城乡建设局负责解释。日常管理由院长全面负责。", gz)
    assert [[(r.name, r.role) for r in refs] for _, _, refs, _ in found] == [[("市住房和城乡建设局", "responsible")]]


def test_units_split_and_canonical():
    us = split_units("市发展改革委、各县（市、区）政府和市属开发区管委会等部门")
    assert [u.name for u in us] == ["市发展改革委", "各县（市、区）政府", "市属开发区管委会"]
    assert us[0].canonical == "聊城市发展和改革委员会"
    assert split_units("市工业和信息化局")[0].name == "市工业和信息化局"
    assert split_units("市属开发区管委会和有关部门") is None
    assert GZ.canonical("市市场监管局") == GZ.canonical("市市场监督管理局")


@pytest.mark.parametrize("text,kind,start,end,approx", [
    ("2019年12月底前完成", "by", None, "2019-12-31", False),
    ("到2020年，全市", "by", None, "2020-12-31", False),
    ("2020年主汛期前完成主体工程", "by", None, "2020-06-30", True),
    ("在“十四五”期间逐步实施", "period", "2021-01-01", "2025-12-31", False),
    ("将2019—2021年成功转型的", "period", "2019-01-01", "2021-12-31", False),
    ("即2019年10月1日至2020年3月31日，市建成区", "period", "2019-10-01", "2020-03-31", False),
    ("本办法自2019年12月10日起施行", "from", "2019-12-10", None, False),
    ("有效期至2021年12月9日。", "until", None, "2021-12-09", False),
    ("2020年年底前，完成", "by", None, "2020-12-31", False),
    ("其中2020年前实施项目", "by", None, "2020-12-31", False),
    ("2020年9月底前完成前期工作", "by", None, "2020-09-30", False),
])
def test_deadline_conventions(text, kind, start, end, approx):
    t = timex.find(text, 2019)
    assert len(t) == 1, t
    assert (t[0].kind, t[0].date_start, t[0].date_end, t[0].approx) == (kind, start, end, approx)


@pytest.mark.parametrize("text,dur,freq", [("前期工作完成后一个月内将", "P1M", None), ("承诺经营期限不少于5年的", "P5Y", None),
                                           ("每年按不低于", None, "P1Y"), ("实行一周一调度", None, "P1W"),
                                           ("应在30日内申报", "P30D", None)])
def test_relative_deadlines(text, dur, freq):
    t = timex.find(text, 2019)
    assert len(t) == 1 and t[0].kind == "relative" and t[0].duration == dur and t[0].frequency == freq


def test_not_deadlines():
    assert timex.find("根据《聊城市打赢蓝天保卫战三年行动计划（2018—2020年）》", 2019) == []
    assert timex.find("（鲁政发〔2018〕19号）", 2019) == []
    assert timex.find("2019—2020年秋冬季大气污染综合治理攻坚行动成效", 2019) == []


@pytest.mark.parametrize("text,value,unit,comp", [
    ("全市主要农作物耕种收综合机械化率达到90%", 90, "%", ">="),
    ("主要经济作物机械化率达到80%以上", 80, "%", ">="),
    ("波动幅度不超过一级标准限值（20微克/立方米）", 20, "微克/立方米", "<="),
    ("PM2.5平均浓度同比下降5%", 5, "%", "decrease"),
    ("每户再给予最高一次性10万元奖励", 10, "万元", "<="),
    ("去除效率不应低于80%", 80, "%", ">="),
    ("市财政一次性补助600万元", 600, "万元", "="),
    ("全市重点水利工程初步匡算总投资22.797亿元", 22.797, "亿元", "="),
])
def test_target_comparators(text, value, unit, comp):
    qs = tg.find(text)
    assert [(q.value, q.unit, q.comparator) for q in qs] == [(value, unit, comp)]


def test_target_lists_ranges_and_identifiers():
    qs = tg.find("减排比例分别达到全社会排放量10%、20%和30%以上的要求")
    assert [(q.value, q.comparator) for q in qs] == [(10, ">="), (20, ">="), (30, ">=")]
    qs = tg.find("以年营业收入1000—2000万元的小微工业企业为重点")
    assert [(q.value, q.comparator) for q in qs] == [(1000, ">="), (2000, "<=")]
    assert tg.find("依照第十二条和第5条，鲁政发〔2018〕19号，PM2.5浓度，电话0635-8288802") == []
    q = tg.find("总投资22.797亿元")[0]
    assert q.normalized_value == pytest.approx(2.2797e9) and q.base_unit == "元"
    assert tg.find("到2021年,力争350家小微工业企业升级")[0].aspirational


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_parsers_never_raise(s):
    for t in timex.find(s, 2019):
        assert s[t.start:t.end] == t.text
        if t.date_start and t.date_end:
            assert t.date_start <= t.date_end
    for q in tg.find(s):
        assert q.text in s
    refs, _ = ob.parse_assignment(s, ob._DocState(), GZ)
    for r in refs:
        assert r.name


def _scorer():
    if SHARED is None:
        pytest.skip("../shared/eval/score.py not available")
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_scores_on_development_gold(issue_json):
    score = _scorer()
    out = {}
    score.score_toc(issue_json, json.loads((DATA / "gold" / "toc.json").read_text(encoding="utf-8")), out)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "gold").glob("d*.json"))]
    score.score_docs(issue_json, golds, out)
    assert out["toc_entries_exact"] == 1.0 and out["document_fields_exact"] == 1.0
    assert out["citations_F1"] >= 0.98 and out["obligations_F1"] >= 0.95
    assert out["deadlines_F1"] >= 0.93 and out["deadline_values_correct"] >= 0.95
    assert out["targets_F1"] >= 0.90 and out["target_comparators_correct"] >= 0.95


def test_obligations_link_deadlines(issue):
    d3 = next(d for d in issue.documents if d.doc_number == "聊政字〔2019〕13号")
    linked = [o for o in d3.obligations if o.deadline_ids]
    assert linked
    ids = {x.id for x in d3.deadlines}
    assert all(i in ids for o in linked for i in o.deadline_ids)


def test_chronicle_has_no_obligations(issue):
    d8 = next(d for d in issue.documents if "大事记" in d.title)
    assert d8.obligations == [] and d8.deadlines == [] and d8.targets == []


CALENDAR = Resources().calendar


@pytest.mark.parametrize("season", sorted(CALENDAR.seasons))
def test_every_season_convention(season):
    sea = CALENDAR.seasons[season]
    t = timex.find(f"2020年{season}前完成", 2019, CALENDAR)
    assert len(t) == 1 and t[0].kind == "by" and t[0].approx
    assert t[0].date_end == f"2020-{sea.before or sea.start}"
    t = timex.find(f"在2020年{season}期间，加强", 2019, CALENDAR)
    assert t[0].kind == "period" and t[0].date_start == f"2020-{sea.start}"
    assert t[0].date_start <= t[0].date_end


@pytest.mark.parametrize("plan", sorted(CALENDAR.plan_periods))
def test_every_plan_period(plan):
    a, b = CALENDAR.plan_periods[plan]
    t = timex.find(f"“{plan}”期间", 2019)
    assert (t[0].kind, t[0].date_start, t[0].date_end) == ("period", f"{a}-01-01", f"{b}-12-31")
    t = timex.find(f"到{plan}末", 2019)
    assert (t[0].kind, t[0].date_end) == ("by", f"{b}-12-31")


@pytest.mark.parametrize("word,comp", [
    ("达到", ">="), ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("超过", ">="), ("大于等于", ">="),
    ("不超过", "<="), ("不高于", "<="), ("低于", "<="), ("最高", "<="), ("控制在", "<="),
    ("同比下降", "decrease"), ("减少", "decrease"), ("同比提高", "increase"), ("增长", "increase"),
    ("为", "="), ("按", "="), ("补助", "="),
])
def test_every_comparator_word(word, comp):
    qs = tg.find(f"全市某项指标{word}30%")
    assert [(q.value, q.comparator) for q in qs] == [(30, comp)]


@pytest.mark.parametrize("text,comp", [("新增上市企业2家以上", ">="), ("每小时35蒸吨以下燃煤锅炉", "<="),
                                       ("供热半径15公里范围内", "<=")])
def test_post_comparators(text, comp):
    assert tg.find(text)[0].comparator == comp


def test_chinese_numeral_dates_use_cn2an():
    t = timex.find("自二〇二〇年三月十五日起施行", 2019)
    assert (t[0].kind, t[0].date_start) == ("from", "2020-03-15")


def test_ocr_misread_unit_is_taken_as_the_nearest_gazetteer_name():
    gz = GZ
    assert gz.nearest("市发展改划委") == "市发展改革委"
    assert gz.nearest("市发展改革委") is None          # already a name
    assert gz.nearest("市某某某某某局") is None         # nothing close


def test_long_misread_names_allow_two_chars():
    assert GZ.nearest("家画税务总局聊城市税务局") == "国家税务总局聊城市税务局"
