"""Targets in forms the extractor first missed, on sentences of real 公文 (the realworld texts: 政府工作报告, gov.cn
policies, provincial notices).

- a magnitude (万, 亿, 万亿) before any unit that has a base: 万亿斤, 亿吨, 万字, 亿千瓦 (not a list of combinations);
- 多 after an amount (3000多亿元, 110多万人) makes it a floor;
- a count in Chinese numerals with a measure word is read only where the text requires that quantity (一式五份,
  推荐三家企业, 须保留一份, 补考一次, 只能享受一次, 每年召开两次会议), never the article 一, a slogan or an ordinal;
- counts that say what a body is made of (由…9个部门和单位组成, 设召集人1人) are no targets;
- a change verb and its object before an amount hedged by 左右/以上 keep the change (压减钢铁产能3000万吨左右:
  decrease of 钢铁产能); the growth of an output aggregate with a bound is a rate (国内生产总值增长6.5%左右: =,
  国内生产总值增长率); a time word ends no name (移动网络流量资费年内).
"""
import pytest

from bulletin_pipeline.extract import targets as tg
from bulletin_pipeline.lexicon import Resources

MEAS = Resources().measures


def read(text):
    return [(q.value, q.unit, q.comparator, q.indicator) for q in tg.find(text, None, MEAS)]


def test_magnitudes_are_general_not_listed_units():
    # no unit of the data is a magnitude before another unit: the combinations come from the rule
    assert not [u for u in MEAS.units for m in MEAS.magnitudes if u.startswith(m) and u[len(m):] in MEAS.units]
    assert MEAS.normalise(2.5, "亿元") == (2.5e8, "元") and MEAS.normalise(3, "万平方米") == (3e4, "平方米")
    assert MEAS.normalise(1.3, "万亿斤") == (6.5e11, "千克") and MEAS.normalise(1.5, "亿吨") == (1.5e8, "吨")
    assert MEAS.kind_word("万人", "城镇新增就业") == "人数" and MEAS.normalise(5, "万%") == (None, None)


@pytest.mark.parametrize("text,expected", [
    ("粮食产量保持在1.3万亿斤以上", [(1.3, "万亿斤", ">=", "粮食产量")]),
    ("字数在40万字左右", [(40, "万字", "=", "字数")]),
    ("全国农机总动力稳定在11亿千瓦左右", [(11, "亿千瓦", "=", "全国农机总动力")]),
    ("一次动用中央储备粮数量在5亿公斤以下的", [(5, "亿公斤", "<=", "一次动用中央储备粮数量")]),
    ("城镇棚户区住房改造超过2100万套", [(2100, "万套", ">=", "城镇棚户区住房改造数量")]),
    # 人口 and 家庭 are nouns: 14亿 is an amount of them, not 14亿人
    ("近14亿人口的发展中大国，实现了比较充分就业", []),
])
def test_a_magnitude_before_any_unit_with_a_base(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("全年要为市场主体减轻非税负担3000多亿元", [(3000, "亿元", ">=", "减轻非税负担")]),
    ("安置分流职工110多万人", [(110, "万人", ">=", "安置分流职工人数")]),
    ("农村危房改造1700多万户", [(1700, "万户", ">=", "农村危房改造户数")]),
    ("贫困人口减少6800多万", [(6800, "万", "decrease", "贫困人口")]),
    ("降低企业税负5700多亿元", [(5700, "亿元", "decrease", "企业税负")]),
    ("新建改建高速公路6000多公里、农村公路30多万公里",
     [(6000, "公里", ">=", "新建改建高速公路"), (30, "万公里", ">=", "农村公路")]),
    ("每年培育20多个区域性物流中心", [(20, "个", ">=", "培育区域性物流中心数（每年）")]),
])
def test_many_after_an_amount_is_a_floor(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("并于2021年6月28日前将申报材料一式五份、电子版光盘一份报送至我局",
     [(5, "份", "=", "申报材料份数"), (1, "份", "=", "电子版光盘份数")]),
    ("择优推荐三家企业上报工业和信息化部", [(3, "家", "=", "推荐企业数量")]),
    ("申报表不必汇总；但分局须保留一份备存", [(1, "份", "=", "分局须保留份数")]),
    ("笔试成绩不合格者，另行安排时间补考一次", [(1, "次", "=", "补考次数")]),
    ("纳税人只能享受一次首套住房贷款的利息扣除", [(1, "次", "<=", "首套住房贷款利息扣除次数")]),
    ("原则上一人只能担任一个社会团体的法定代表人", [(1, "个", "<=", "社会团体法定代表人数")]),
    ("国务院常务会议一般每月召开三次，如有需要可临时召开", [(3, "次", "=", "国务院常务会议一般每月召开次数")]),
    ("每年召开两次会议，各成员单位就有关工作情况向联席会议报告", [(2, "次", "=", "会议次数（每年）")]),
    ("确保零就业家庭至少有一人稳定就业", [(1, "人", ">=", "零就业家庭有人数")]),
])
def test_a_chinese_numeral_count_the_text_requires(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "全面推行“三项制度”，对促进严格规范公正文明执法具有基础性、整体性、突破性作用",
    "坚持一个中国原则和“九二共识”",
    "国务院关于做好当前和今后一个时期促进就业工作的若干意见",
    "走出一条中国特色农业机械化发展道路",
    "城乡经济社会一体化发展是一项系统工程，是一项创新工作",
    "一是全面实施，二是加快推进，打造一批示范项目，一律收回，一些地方",
    "加强二次污染管控，预防二次污染",
    "以取得该项收入为一次；属于同一项目连续性收入的，以一个月内取得的收入为一次",
    "具体扣除方式在一个纳税年度内不能变更",
    "限制生产、销售和使用一次性不可降解塑料袋",
    "完善一对夫妇可生育两个孩子的配套政策",
    # a bare 只 describes what a benefit gives (the development gold leaves it), unlike the modal 只能
    "生活费补贴政策每人每年只享受一次，且不可同时领取失业保险金",
])
def test_no_count_from_the_article_a_slogan_or_an_ordinal(text):
    assert read(text) == []


def test_a_one_off_grant_is_read_once():
    assert read("对被评为省级示范基地的，省给予50万元一次性奖补") == [(50, "万元", "=", "省级示范基地一次性奖补")]


@pytest.mark.parametrize("text,expected", [
    ("联席会议由教育部、发展改革委、工业和信息化部、财政部、人力资源社会保障部、农业农村部、国资委、税务总局、扶贫办"
     "9个部门和单位组成，教育部为牵头单位", []),
    ("联席会议设召集人1人，由国务院分管教育工作的领导同志担任", []),
    ("设副召集人2人，由教育部主要负责同志和协助分管教育工作的国务院副秘书长担任", []),
    ("联合采购办公室由试点城市各派1名代表组成", []),
    ("联席会议成员单位共22个，办公室设在教育部", []),
    ("领导小组设组长1名、副组长3名", []),
    # counts to reach and amounts paid by a body stay
    ("培育3个内外贸一体化发展先行区", [(3, "个", "=", "培育内外贸一体化发展先行区数")]),
    ("市财政一次性补助600万元", [(600, "万元", "=", "市财政一次性补助")]),
])
def test_the_make_up_of_a_body_is_no_target(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("国内生产总值增长6.5%左右", [(6.5, "%", "=", "国内生产总值增长率")]),
    ("国内生产总值增长6%以上", [(6, "%", ">=", "国内生产总值增长率")]),
    ("今年再压减钢铁产能3000万吨左右，退出煤炭产能1.5亿吨左右",
     [(3000, "万吨", "decrease", "钢铁产能"), (1.5, "亿吨", "decrease", "煤炭产能")]),
    ("退出钢铁产能1.7亿吨以上", [(1.7, "亿吨", "decrease", "钢铁产能")]),
    ("移动网络流量资费年内至少降低30%", [(30, "%", "decrease", "移动网络流量资费")]),
    # unchanged: a change right before the number, a level set by 为 or 保持在, a growth that is no output aggregate
    ("单位国内生产总值能耗降低3%左右", [(3, "%", "decrease", "单位国内生产总值能耗")]),
    ("广义货币M2和社会融资规模余额预期增长均为12%左右", [(12, "%", "=", "广义货币M2和社会融资规模余额")]),
    ("今年国有大型商业银行小微企业贷款要增长30%以上", [(30, "%", "increase", "国有大型商业银行小微企业贷款")]),
    ("今年赤字率拟按2.6%安排，比去年预算低0.4个百分点",
     [(2.6, "%", "=", "赤字率"), (0.4, "个百分点", "decrease", "赤字率")]),
])
def test_a_change_keeps_its_direction_and_a_growth_rate_its_bound(text, expected):
    assert read(text) == expected


def test_an_attribute_after_a_definition_is_the_defined_terms():
    assert read("1、重大攻关项目的最终成果是指由首席专家主持完成的用于结项的书稿，字数在40万字左右。") == \
        [(40, "万字", "=", "最终成果字数")]


@pytest.mark.parametrize("text,expected", [
    # an instrument of a rule raised from its former level to a new one is set (=), as 补贴标准提高到2000元 is
    ("将小规模纳税人增值税起征点从月销售额10万元提高到15万元",
     [(10, "万元", "=", "小规模纳税人增值税起征点"), (15, "万元", "=", "小规模纳税人增值税起征点")]),
    ("财政补助由每人每年380元提高到420元",
     [(380, "元", "=", "财政补助（每人每年）"), (420, "元", "=", "财政补助（每人每年）")]),
    # an outcome raised to a level is a floor
    ("全员劳动生产率从人均8.7万元提高到12万元以上",
     [(8.7, "万元", "=", "全员劳动生产率（人均）"), (12, "万元", ">=", "全员劳动生产率（人均）")]),
])
def test_an_instrument_raised_from_a_level_is_set(text, expected):
    assert read(text) == expected
