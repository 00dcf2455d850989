"""The unit-name grammar and the gazetteers: national names, jurisdiction scope, user gazetteers."""
import json
import re

import pytest

from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon import units as U
from bulletin_pipeline.lexicon.units import Gazetteer, is_generic, is_unit, scan_units, split_units

from conftest import shared_path

GZ = Resources().gazetteer


@pytest.mark.parametrize("name", [
    "国务院办公厅", "国家发展改革委", "财政部", "海关总署", "人民银行济南分行", "人行郑州中心支行", "重庆海关",
    "国家税务总局湖北省税务局", "省委宣传部", "省委网信办", "省法院", "省高级人民法院", "省检察院", "省住房城乡建设厅",
    "自治区民政厅", "赣州市应急管理局", "朝阳区住建委", "区住建委", "乡镇人民政府", "街道办事处", "村（居）委会", "村委会",
    "省防汛抗旱指挥部", "市食品安全委员会办公室", "省盐业体制改革领导小组办公室", "国网聊城供电公司", "省盐业集团",
    "省盐业协会", "省卫生计生委", "河南银保监局", "各县（市、区）政府", "各市、县〔市、区〕政府", "各有关部门", "各区",
    "省应急管理厅宣教处", "江西省安全生产宣传教育中心", "施工单位", "市、县政府指定的部门", "省盐业体制改革领导小组成员单位",
    "全国人大常委会", "财政经济委员会", "民办高校", "中国农业发展银行",
    # bodies of a city's 责任单位 lists that are no 局/委/办: survey teams of the statistics bureau, the
    # military district and armed forces departments, the party school, archives, the city's paper and broadcaster
    "国家统计局聊城调查队", "国家统计局山东调查总队", "聊城军分区", "市人武部", "县人民武装部", "市委党校", "市档案馆",
    "聊城日报社", "市广播电视台", "市气象台",
])
def test_well_formed_bodies(name):
    assert is_unit(name, GZ), name


@pytest.mark.parametrize("name", [
    "有关部门", "相关单位", "成员单位", "领导干部", "全社会", "优化国土空间开发保护格局", "建立健全政府", "企业或委",
    "主要负责人", "本办法", "市发展改革委负责", "试点区域内县级以上政府的", "劳动保障部提出了办", "各地",
    "党校教学", "在报社工作",
])
def test_not_bodies(name):
    assert not is_unit(name, GZ), name


@pytest.mark.parametrize("rx,pos,neg", [
    (U.UNIT_FULL, ["省财政厅", "市属开发区管委会"], ["加快推进", "财政"]),
    (U.SUB_UNIT, ["省应急管理厅宣教处", "市公安局治安科"], ["省应急管理厅", "好处"]),
    (U.LEVEL_PREFIX, ["国务院办公厅", "省财政厅", "赣州市应急管理局", "各区"], ["加强组织领导"]),
    (U.GENERIC, ["有关部门", "各有关单位", "成员单位", "主要负责人"], ["省财政厅"]),
    (U.KIND, ["民政部门", "县级以上政府", "盐业主管机构"], ["省民政厅"]),
    (U.COLLECTIVE, ["各有关部门", "各区", "各级政府"], ["各地", "有关部门"]),
    (U.LEVEL_ONLY, ["各市", "县", "各省辖市", "省直管县"], ["各市政府", "省财政厅"]),
    (U.DESIGNATED, ["市、县政府指定的部门", "市、县（市、区）政府确定的盐业主管机构"], ["指定的地点"]),
    (U.MEMBERS, ["领导小组成员单位"], ["成员"]),
    (U.VERB_START, ["建立健全政府", "优化布局"], ["省政府"]),
    (U.NOT_BODY_END, ["产业布局", "发展格局"], ["市公安局"]),
    (U.VAGUE, ["各有关部门", "有关单位", "省级有关部门"], ["各省辖市政府", "财政部门"]),
    (U.JOIN_EACH, ["各有关部门和各省辖市"], ["工业和信息化局"]),
    (U.BAD_INSIDE, ["市发展改革委负责", "由省政府", "企业或委"], ["省财政厅"]),
    (U.BAD_INSIDE_OK, ["省应急管理厅"], ["省财政厅"]),
    (U.BRACKETED, ["各县（市、区）政府", "各市、县〔市、区〕政府"], ["各县政府"]),
    (U.TRAIL_ETC, ["省财政厅等", "财政部等部门", "财政部等有关部门", "统计等市场监管领域有关部门"], ["省财政厅"]),
    (U.LEAD_WORDS, ["由省政府", "请各市"], ["省政府"]),
    (U.CONJ, ["A和B"], ["A、B"]),
    (U.ELLIPTICAL, ["质监", "安监", "人力资源社会保障", "文化和旅游"], ["市场监督管理局局", "国家统计局"]),
    (U.NAME_LIKE, ["全国工商联", "中央军委政治工作部"], ["A"]),
    (U.KIND_BODY, ["施工单位", "造价咨询机构"], ["有关单位", "成员单位", "责任单位"]),
    (U.MINISTRY, ["中华人民共和国外交部", "中共中央组织部", "省委统战部"], ["领导干部", "全部"]),
    (U.CENTRAL_HINT, ["国办发〔2019〕4号", "x\n国务院办公厅"], ["豫政〔2019〕1号", "x\n河南省人民政府"]),
    (U.JURISDICTION_SHORT, ["聊城市", "山东省", "广西壮族自治区"], ["聊"]),
    (U.PLACE_NAME, ["两江新区", "西部科学城重庆高新区", "浦东新区", "苏州工业园区"], ["人民群众", "企业", "管委会"]),
    (U.ALIAS_TAIL, ["万盛经开区管委会（以下统称区县政府）", "市发展改革委（以下简称市发改委）"],
     ["各县（市、区）政府", "（以下简称市发改委）之后"]),
])
def test_named_patterns(rx, pos, neg):
    for s in pos:
        assert rx.search(s), s
    for s in neg:
        assert not rx.search(s), s


def test_lists_split_with_levels_brackets_and_ellipsis():
    assert [u.name for u in split_units("省盐业体制改革领导小组成员单位，各市、县〔市、区〕政府", gz=GZ)] == [
        "省盐业体制改革领导小组成员单位", "各市、县〔市、区〕政府"]
    assert [u.name for u in split_units("各有关部门和各省辖市、省直管县〔市〕政府", gz=GZ)] == [
        "各有关部门", "各省辖市、省直管县〔市〕政府"]
    assert [u.name for u in split_units("质监、消防、安监、环保等部门", gz=GZ)] == ["质监", "消防", "安监", "环保"]
    assert [u.name for u in split_units("各区、各有关部门", gz=GZ)] == ["各区", "各有关部门"]
    assert split_units("市属开发区管委会和有关部门", gz=GZ) is None


def test_a_list_whose_places_share_the_last_organ_and_an_alias():
    """重庆 渝府办发〔2022〕109号: 〔A、B、C及各区县（自治县）政府和两江新区、…、万盛经开区管委会（以下统称区县政府）
    按职责分工负责〕: the places after 和 take the 管委会 the list ends with; the alias is no part of a name."""
    src = ("市经济信息委、市商务委、市文化旅游委及各区县（自治县）政府和两江新区、西部科学城重庆高新区、"
           "万盛经开区管委会（以下统称区县政府）")
    us = split_units(src, gz=GZ)
    assert [u.name for u in us] == ["市经济信息委", "市商务委", "市文化旅游委", "各区县（自治县）政府", "两江新区",
                                    "西部科学城重庆高新区", "万盛经开区管委会"]
    assert all(src[u.start:u.end] == u.name for u in us)
    assert [u.name for u in split_units("市财政局、市发展改革委等部门（以下简称市有关部门）", gz=GZ)] == [
        "市财政局", "市发展改革委"]
    # what follows 和 must name a place or zone: not people, not a kind of body
    assert split_units("市财政局和人民群众、市发展改革委、市商务局", gz=GZ) is None
    assert split_units("市财政局和企业、市发展改革委、市商务局", gz=GZ) is None
    assert split_units("市发展改革委和有关部门", gz=GZ) is None


def test_unbalanced_brackets_never_swallow_a_list():
    us = split_units("省教育厅、各县（市、区政府、省财政厅", gz=GZ)
    assert us and {"省教育厅", "省财政厅"} <= {u.name for u in us}
    assert split_units("（（（", gz=GZ) is None
    assert split_units("）省财政厅", gz=GZ) is None or True     # never raises


def test_scanning_running_text_takes_whole_names():
    assert [u.name for u in scan_units("财政经济委员会负责做好相关工作", 0, GZ)] == ["财政经济委员会"]
    assert [u.name for u in scan_units("市水利局及时下达", 0, GZ)] == ["市水利局"]
    assert [u.name for u in scan_units("各普通高校、技师学院、民办高校受理申请", 0, GZ)] == ["各普通高校", "技师学院", "民办高校"]


def test_central_gazetteer_aliases_and_history():
    assert GZ.canonical("国家发展改革委") == GZ.canonical("国家发展和改革委员会") == "国家发展和改革委员会"
    assert GZ.canonical("国家安全监管总局") == "中华人民共和国应急管理部"      # merged in the 2018 机构改革
    assert GZ.canonical("国家卫生计生委") == "国家卫生健康委员会"
    assert GZ.canonical("海关总署") == "中华人民共和国海关总署"


def test_bare_prefix_resolves_only_in_the_issuing_jurisdiction():
    liaocheng = GZ.scoped("聊政发〔2019〕15号\n聊城市人民政府")
    assert liaocheng.canonical("市发展改革委") == "聊城市发展和改革委员会"
    assert liaocheng.canonical("省教育厅") == "山东省教育厅"                 # 聊城 lies in 山东
    zhejiang = GZ.scoped("浙政发〔2016〕49号\n浙江省人民政府")
    assert zhejiang.canonical("市发展改革委") is None
    assert zhejiang.canonical("省教育厅") is None
    assert zhejiang.canonical("国家发展改革委") == "国家发展和改革委员会"     # central bodies everywhere
    assert GZ.scoped("鲁政发〔2018〕19号").canonical("省财政厅") == "山东省财政厅"


def test_bare_central_names_resolve_only_in_central_documents():
    assert GZ.scoped("国办发〔2019〕4号\n国务院办公厅").canonical("统计局") == "国家统计局"
    assert GZ.scoped("豫政〔2019〕1号\n河南省人民政府").canonical("统计局") is None      # 省统计局 written short
    assert GZ.scoped("聊政发〔2019〕1号\n聊城市人民政府").canonical("统计局") is None
    assert GZ.canonical("统计局") is None


def test_user_gazetteer_by_argument_and_environment(tmp_path, monkeypatch):
    f = tmp_path / "hubei.json"
    f.write_text(json.dumps({"jurisdiction": "湖北省", "level": "province", "codes": ["鄂"], "units": [
        {"canonical": "湖北省商务厅", "aliases": ["省商务厅"]}]}, ensure_ascii=False), encoding="utf-8")
    gz = Resources(gazetteers=(f,)).gazetteer
    assert gz.scoped("鄂政发〔2005〕1号").canonical("省商务厅") == "湖北省商务厅"
    assert gz.scoped("鲁政发〔2018〕1号").canonical("省商务厅") == "山东省商务厅"
    monkeypatch.setenv("BULLETIN_GAZETTEER", str(f))
    assert Resources().gazetteer.canonical("湖北省商务厅") == "湖北省商务厅"


def test_generic_words_are_kinds_not_unknown_units():
    for name in ("有关部门", "民政部门", "各有关部门", "县级以上政府", "盐业主管机构"):
        assert is_generic(name), name
    assert not is_generic("省财政厅")


def test_gazetteer_files_are_well_formed():
    bare = Gazetteer()          # the grammar alone, no gazetteer
    for name, floor in (("units.json", 0.95), ("units-shandong.json", 1.0), ("units-central.json", 0.95)):
        d = Resources().data(name)
        assert d["jurisdiction"] and d["level"] in ("central", "province", "city")
        canon = [u["canonical"] for u in d["units"]]
        assert len(canon) == len(set(canon)), name
        # the official names have the shape the grammar describes (short forms like 财政部 need the gazetteer)
        assert sum(is_unit(c, bare) for c in canon) >= floor * len(canon), [c for c in canon if not is_unit(c, bare)]


# ---- real names from policy texts of many jurisdictions ----
ROLE_WORDS = re.compile(r"(?:责任单位|牵头单位|配合单位|负责部门|责任部门)[:：]|(?:按照?|根据)?(?:各自)?职责分工负责|分别负责|"
                        r"共同负责|牵头负责|牵头|配合|参与|负责|指导")


def _real_names():
    """Names of bodies as real documents write them: issuers and title heads of policy50 and govcn, and the items of
    their responsibility parentheticals."""
    names = set()
    for f in ("govcn-policies.jsonl", "policy50.jsonl"):
        for line in shared_path("realworld", f).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            body = r.get("body") or r.get("Body") or ""
            m = re.match(r"^([\u4e00-\u9fff、\s]+?)关于", r.get("title") or r.get("Title") or "")
            names.update(n for n in re.split(r"[、\s]+", m.group(1) if m else "") if n)
            names.update(n for n in re.split(r"[、\s]+", r.get("issuer") or "") if n)
            for p in re.findall(r"[（〔]([^（）〔〕]{2,200}(?:[（〔][^（）〔〕]*[）〕][^（）〔〕]*)*)[）〕]", body):
                if not re.search(r"负责|牵头|配合|责任单位", p) or re.search(r"下同|列第一位|适用|不再列出", p):
                    continue
                p = ROLE_WORDS.sub("、", p)
                for piece in U._split_top(U.JOIN_EACH.sub("、", p)):
                    n = U.TRAIL_ETC.sub("", piece[0].strip(" 。"))
                    if 2 <= len(n) <= 30 and "会同" not in n:
                        names.add(n)
    return names


# share of real body names the grammar or a gazetteer accepts (measured 2026-11: see bench/obl_realworld.py)
REAL_NAME_FLOOR = 0.95


@pytest.mark.shared
def test_real_names_coverage():
    names = _real_names()
    assert len(names) >= 150
    ok = [n for n in names if is_unit(n, GZ) or (U.ELLIPTICAL.match(n) is not None)]
    assert len(ok) / len(names) >= REAL_NAME_FLOOR, sorted(set(names) - set(ok))


def test_gazetteer_option_on_run_and_batch(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from bulletin_pipeline import cli
    for cmd in ("run", "batch"):
        assert "--gazetteer" in CliRunner().invoke(cli.cli, [cmd, "--help"]).output
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"jurisdiction": "湖北省", "level": "province", "units": []}), encoding="utf-8")
    monkeypatch.setenv("BULLETIN_GAZETTEER", "")
    cli._add_gazetteers([f])
    import os
    assert os.environ["BULLETIN_GAZETTEER"] == str(f.resolve())
