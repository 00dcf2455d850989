"""Named patterns of the lexicon's numbering and 发文字号 grammars, with positive and negative examples."""
import pytest

from bulletin_pipeline.lexicon import docnumber as D
from bulletin_pipeline.lexicon import numbering as N


@pytest.mark.parametrize("rx,pos,neg", [
    (N.CHAPTER, ["第一章 总则", "第十二章附则"], ["第一条", "第1章"]),
    (N.SECTION, ["第二节 监督"], ["第二章"]),
    (N.ARTICLE, ["第二十四条 本办法自公布之日起施行", "第一百零五条"], ["第二章", "根据第三条"]),
    (N.CN_ITEM, ["三、保障措施", "十二、附则"], ["三是加强", "（三）"]),
    (N.PAREN_CN, ["（三）加强组织领导", "(一)听取和审议"], ["（3）", "三、"]),
    (N.ARABIC, ["1．省教育厅。", "33．加快", "5.完善", "2、强化"], ["3.5亿元", "2019年"]),
    (N.PAREN_ARABIC, ["（1）统一领导", "(12)"], ["（一）"]),
    (N.CIRCLED_ITEM, ["①建立", "⑳"], ["1建立"]),
    (N.SENTENCE_END, ["加快前期工作。", "是否？"], ["加快前期工作"]),
])
def test_numbering_patterns(rx, pos, neg):
    for s in pos:
        assert rx.search(s), s
    for s in neg:
        assert not rx.match(s), s


@pytest.mark.parametrize("text,kind,n", [
    ("第二十四条 本办法自公布之日起施行。", "article", 24), ("十二、附则", "cn", 12), ("（三）市财政局：负责…", "paren_cn", 3),
    ("33．加快建设", "arabic", 33), ("（2）国家发展改革委", "paren_arabic", 2), ("③落实", "circled", 3),
    ("一百零五、其他", "cn", 105), ("（两）", None, None),
])
def test_match_numbering(text, kind, n):
    m = N.match_numbering(text)
    assert (m[0], m[1]) == (kind, n) if kind else m is None or m[1] == 2


def test_cn_to_int():
    assert [N.cn_to_int(s) for s in ("一", "十二", "二十", "一百零五", "两", "7", "①", "甲")] == [1, 12, 20, 105, 2, 7, 1, None]
    assert N.cn_to_int(None) is None


def test_heading_of():
    assert N.heading_of("加快前期工作。各县要…") == "加快前期工作"
    assert N.heading_of("很长" * 30) is None


@pytest.mark.parametrize("rx,pos,neg", [
    (D.DOCNUM, ["聊政发〔2019〕15号", "国办发［2019］5号", "聊政发2019]16号"], ["2019年11月14日", "第11期"]),
    (D.ORDER, ["国令第711号", "湖北省人民政府令第282号"], ["第282号文件"]),
    (D.LOOSE, ["晋政发〔2014〕号16", "晋政办发〔2012〕18"], ["聊政发"]),
    (D.PREFIX, ["发文字号：渝府发〔2023〕15号", "文号:国办发"], ["聊政发〔2019〕15号"]),
    (D.NOT_DOCNUM, ["聊新出准字〔2008〕13号", "ISSN 1234", "CN 37"], ["聊政发〔2019〕15号"]),
    (D.INVISIBLE, ["\u200b", "\u200d"], ["a"]),
    (D.LEADING_WORDS, ["根据鲁政发", "印发聊政办发"], []),
])
def test_docnumber_patterns(rx, pos, neg):
    for s in pos:
        assert rx.search(s), s
    for s in neg:
        assert not rx.search(s), s


def test_cn_whole_reads_numerals_with_units_and_digit_by_digit():
    from bulletin_pipeline.lexicon.numerals import cn_whole
    cases = {"十": 10, "十二": 12, "二十": 20, "一百零五": 105, "一百一": 110, "三千五": 3500, "一千零一十": 1010,
             "二万": 20000, "二万零三百": 20300, "十二万三千": 123000, "二〇一九": 2019, "零五": 5, "〇": 0}
    assert {s: cn_whole(s) for s in cases} == cases
    # not canonical, or not a whole number: left to cn2an
    for s in ("百", "十百", "一百零一十", "二三十", "一百一万", "三点五", "1万", "甲", ""):
        assert cn_whole(s) is None, s


def test_cn_whole_agrees_with_cn2an_wherever_it_reads():
    """Every string of up to four numeral characters: cn_whole either declines or gives cn2an's value, and
    it reads the canonical form of every number below 100,000 (so cn2an is rarely imported)."""
    import itertools

    import cn2an

    from bulletin_pipeline.lexicon.numerals import cn_whole
    alphabet = "零〇一二三四五六七八九十百千万"
    for n in range(1, 5):
        for chars in itertools.product(alphabet, repeat=n):
            s = "".join(chars)
            mine = cn_whole(s)
            if mine is None:
                continue
            assert cn2an.cn2an(s, "smart") == mine, s
    for v in range(0, 100000, 7):
        assert cn_whole(cn2an.an2cn(v)) == v


def test_numerals_do_not_import_cn2an_for_common_numbers():
    import subprocess
    import sys
    code = ("import sys; from bulletin_pipeline.lexicon import numbering, numerals;"
            "assert numbering.cn_to_int('一百零五') == 105 and numerals.cn_int('二〇一九') == 2019;"
            "assert numerals.cn_number('两') == 2.0 and numbering.cn_to_int('十二') == 12;"
            "print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_lone_unit_is_no_number():
    import cn2an

    from bulletin_pipeline.lexicon.numerals import LONE_UNITS, cn_number
    for s in LONE_UNITS:
        assert cn_number(s) is None
        with pytest.raises(ValueError):
            cn2an.cn2an(s, "smart")
    assert cn_number("十") == 10.0


@pytest.mark.parametrize("text,page", [
    ("（下转第34页）", 34), ("（转第３４页）", 34), ("（下转第三十四页）", 34), ("（转至第一百零二页）", 102),
    ("（上接第5版）", 5), ("（接第十页）", 10),
])
def test_the_page_a_continuation_mark_names(text, page):
    from bulletin_pipeline.lexicon.jumps import JUMP_FROM, JUMP_TO, jump_page
    m = JUMP_TO.search(text) or JUMP_FROM.match(text)
    assert m is not None and jump_page(m) == page
