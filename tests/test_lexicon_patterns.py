"""The named patterns of the lexicon (and of OCR reconciliation) not covered by their own test files, with
examples that must match and examples that must not; and a check that every lexicon pattern has a test."""
import ast
from pathlib import Path

import pytest
import regex

from bulletin_pipeline.lexicon import docnumber, numerals, units
from bulletin_pipeline.structure import reconcile

# (module, name) -> (texts .search() finds, texts it does not)
CASES = {
    (docnumber, "SPACE"): (["聊政发 〔2019〕", "a\u3000b"], ["聊政发〔2019〕15号"]),
    (docnumber, "ORDER_IN_TEXT"): (["湖北省人民政府令第282号", "国务院令 第 706 号"], ["第282号", "命令第号"]),
    (docnumber, "YEAR_SERIAL"): (["海关总署公告2016年第8号", "国家发展改革委2017年第9号"],
                                 ["2016年第8号", "公报2019年第11期", "海关总署公告〔2016〕8号"]),
    (docnumber, "ORDER_BODY_END"): (["湖北省人民政府令", "公安部令", "国家发展改革委令"], ["命令下达", "口令"]),
    (numerals, "ARABIC_NUMBER"): (["3.5亿元", "第12条"], ["三点五", "十二"]),
    (units, "UNIT_AT"): (["市水利局及时下达", "各县（市、区）人民政府", "有关部门"], ["及时下达资金", "2019年"]),
    (units, "LIST_DENG"): (["等部门按职责分工负责", "等单位", "等"], ["部门", "单位负责"]),
    (reconcile, "NOISE"): (["·", "“”", "|"], ["聊", "1", "a·"]),
    (reconcile, "HAN_RUN"): (["聊城", "a城b"], ["2019", "abc"]),
}


@pytest.mark.parametrize("module, name", sorted(CASES, key=lambda k: (k[0].__name__, k[1])),
                         ids=[f"{m.__name__.rsplit('.', 1)[1]}.{n}" for m, n in
                              sorted(CASES, key=lambda k: (k[0].__name__, k[1]))])
def test_pattern(module, name):
    pat = getattr(module, name)
    yes, no = CASES[(module, name)]
    for t in yes:
        assert pat.search(t), (name, t)
    for t in no:
        assert not pat.search(t), (name, t)


@pytest.mark.parametrize("text, agency", [
    ("根据湖北省人民政府令第282号", "湖北省人民政府令"),
    ("经国务院令第706号", "国务院令"),
    ("原国家计委令第5号", "国家计委令"),
])
def test_order_leading_trims_the_run_before_the_agency(text, agency):
    raw = docnumber.ORDER_IN_TEXT.search(text).group("agency")
    assert raw[docnumber.ORDER_LEADING.match(raw).end():] == agency


def test_every_lexicon_pattern_is_tested():
    """Each module-level compiled pattern of lexicon/ is named in some test file."""
    root = Path(__file__).resolve().parents[1]
    tests = " ".join(p.read_text(encoding="utf-8") for p in (root / "tests").glob("*.py"))
    untested = []
    for path in sorted((root / "bulletin_pipeline" / "lexicon").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                    and ast.unparse(node.value.func).endswith(".compile"):
                untested += [f"{path.name}:{t.id}" for t in node.targets
                             if isinstance(t, ast.Name) and t.id not in tests]
    assert not untested, untested
    assert isinstance(units.UNIT_AT, regex.Pattern)
