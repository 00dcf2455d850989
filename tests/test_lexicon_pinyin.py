"""The pinyin table (data/pinyin.json) reads every name as pypinyin does, and spares a run pypinyin's import."""
import subprocess
import sys

import pytest
from pypinyin import Style, lazy_pinyin

from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon.pinyin import build_table
from bulletin_pipeline.lexicon.resources import GAZETTEER_FILES, read_package_json
from bulletin_pipeline.structure.cover import issue_id, slug


def _names() -> list[str]:
    """Every unit name and alias of the bundled gazetteers, and each jurisdiction's gazette name."""
    out = []
    for f in GAZETTEER_FILES:
        d = read_package_json(f)
        out.append(d["jurisdiction"] + "人民政府公报")
        for u in d["units"]:
            out += [u["canonical"], *u.get("aliases", [])]
    return out


def test_table_is_the_installed_pypinyin():
    """Rebuilt from the installed pypinyin, the table is the bundled one (after upgrading pypinyin, run
    scripts/build_pinyin_table.py)."""
    assert build_table() == read_package_json("pinyin.json")


@pytest.mark.parametrize("name", ["长沙市人民政府公报", "重庆市人民政府公报", "银行", "朝阳区", "〇号", "A股"])
def test_names_with_context_readings_go_to_pypinyin(name):
    pinyin = Resources().pinyin
    assert pinyin.table(name) is None
    assert pinyin.full(name) == lazy_pinyin(name)
    assert pinyin.initials(name) == lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda x: list(x))


def test_every_gazetteer_name_reads_as_pypinyin_reads_it():
    pinyin = Resources().pinyin
    names = _names() + ["聊城市人民政府公报", "山东省人民政府公报", "国务院公报", "内蒙古自治区人民政府公报"]
    assert len(names) > 300
    read_by_table = 0
    for name in names:
        read_by_table += pinyin.table(name) is not None
        assert pinyin.full(name) == lazy_pinyin(name), name
        assert pinyin.initials(name) == lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda x: list(x)), name
    assert read_by_table > 0.9 * len(names)


def test_ids():
    r = Resources()
    assert issue_id("聊城市人民政府公报", 2019, 11, r) == "liaochengshi-rmzfgb-2019-11"
    assert issue_id("长沙市人民政府公报", 2020, 1, r) == "changshashi-rmzfgb-2020-01"
    assert issue_id("重庆市人民政府公报", 2020, 1, r) == "chongqingshi-rmzfgb-2020-01"
    assert slug("聊政发", r) == "lzf" and slug("ABC公报", r) == "abcgb"


def test_an_issue_id_does_not_import_pypinyin():
    code = ("import sys; from bulletin_pipeline.structure.cover import issue_id;"
            "assert issue_id('聊城市人民政府公报', 2019, 11) == 'liaochengshi-rmzfgb-2019-11';"
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_batch_warm_up_does_not_import_pypinyin():
    """The fork server warms up before a batch's first file can start: pypinyin's half second is not in it."""
    code = ("import sys; from bulletin_pipeline.pipeline import warm; warm(words=False);"
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
