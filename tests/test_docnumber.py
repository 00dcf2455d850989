"""发文字号 parser: variants, property tests, and the 38k real numbers."""
import csv

import regex
from hypothesis import given, strategies as st

from bulletin_pipeline.lexicon.docnumber import find_all, is_docnumber_line, parse

from conftest import shared_path


def test_variants():
    for text, norm in [("聊政发〔2019〕15号", "聊政发〔2019〕15号"), ("鲁政发[2018]19号", "鲁政发〔2018〕19号"),
                       ("国办发［2019］5号", "国办发〔2019〕5号"), ("鲁政字【2018]237号", "鲁政字〔2018〕237号"),
                       ("聊政发(2019]16号", "聊政发〔2019〕16号"), ("发文字号：渝府发〔2023〕15号", "渝府发〔2023〕15号"),
                       ("聊政发 〔2019〕 15 号", "聊政发〔2019〕15号"), ("晋政发〔2014〕号16", "晋政发〔2014〕16号")]:
        d = parse(text)
        assert d is not None and d.normalized == norm, text
    d = parse("国令第711号")
    assert d.agency_code == "国令" and d.serial == 711 and d.year is None


def test_not_docnumbers():
    for text in ["0635—8288802", "2019年11月14日", "第11期（总第200期）", "12345、12360电话热线"]:
        assert parse(text) is None, text
    assert list(find_all("刊号：聊新出准字〔2008〕13号")) == []
    assert is_docnumber_line("聊政发〔2019〕15号2") is None


def test_year_and_serial_numbers_of_announcements():
    """公告 and some 令 are numbered by year and serial with no bracket (海关总署公告2016年第8号)."""
    for text, agency, year, serial in [("海关总署公告2016年第8号", "海关总署公告", 2016, 8),
                                       ("国家发展改革委2017年第9号", "国家发展改革委", 2017, 9),
                                       ("上海市人民政府令2018年第8号", "上海市人民政府令", 2018, 8),
                                       ("发文字号：国家税务总局公告 2019年第44号", "国家税务总局公告", 2019, 44)]:
        d = parse(text)
        assert (d.agency_code, d.year, d.serial) == (agency, year, serial), text
        assert d.normalized == f"{agency}{year}年第{serial}号" and is_docnumber_line(text)
    for text in ["2016年第8号", "聊城市人民政府公报2019年第11期", "海关总署公告2016年第0号", "于2016年第8号文件"]:
        assert parse(text) is None, text


def test_find_all_trims_preceding_words():
    found = [d.normalized for d in find_all("根据《意见》（鲁政发〔2018〕19号）和聊政发〔2016〕56号文件")]
    assert found == ["鲁政发〔2018〕19号", "聊政发〔2016〕56号"]


@given(st.text(max_size=80))
def test_parse_never_raises(s):
    d = parse(s)
    if d is not None:
        assert d.serial > 0
    for n in find_all(s):
        assert s[n.start:n.end] == n.text


@given(st.sampled_from(["聊政发", "鲁政办字", "国办函"]), st.integers(1950, 2030), st.integers(1, 9999),
       st.sampled_from(["〔〕", "[]", "［］", "【】", "()", "（）"]))
def test_roundtrip(agency, year, serial, br):
    d = parse(f"{agency}{br[0]}{year}{br[1]}{serial}号")
    assert (d.agency_code, d.year, d.serial) == (agency, year, serial)


def test_realworld_docnumbers_parse_rate():
    path = shared_path("realworld", "docnumbers.tsv")
    tot = ok = 0
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            v = regex.sub(r"\p{Cf}", "", (row.get("doc_number") or "").strip())
            m = regex.search(r"[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]", v)
            if not v or not m:
                continue
            tot += 1
            d = parse(v)
            agency = regex.sub(r"\s+", "", regex.sub(r"^\s*(发文字号|文号)\s*[:：]", "", v[:m.start()]))
            ok += bool(d and d.year == int(m.group(1)) and 1950 <= d.year <= 2030 and d.serial > 0
                       and d.agency_code == agency)
    assert tot > 30000 and ok / tot >= 0.999


def test_order_numbers_in_running_text():
    from bulletin_pipeline.lexicon.docnumber import find_orders
    cases = [("（二）原国家安全监管总局令第3号第32条明确：", ["国家安全监管总局令第3号"]),
             ("根据1999年5月23日中华人民共和国国务院令第265号发布", ["中华人民共和国国务院令第265号"]),
             ("依照《财政违法行为处罚处分条例》(国务院令第427号)", ["国务院令第427号"]),
             ("住房和城乡建设部令第5号、海关总署令第213号", ["住房和城乡建设部令第5号", "海关总署令第213号"]),
             ("以湖北省人民政府令第282号公布", ["湖北省人民政府令第282号"]),
             ("经国家经济贸易委员会令第44号修订", ["国家经济贸易委员会令第44号"]), ("国令第707号", ["国令第707号"])]
    for text, want in cases:
        found = list(find_orders(text))
        assert [d.normalized for d in found] == want, text
        assert all(text[d.start:d.end] == d.text for d in found)


def test_not_order_numbers():
    from bulletin_pipeline.lexicon.docnumber import find_orders
    for text in ["根据国务院令有关规定执行", "符合GB18351-2004和GB/T 17930标准", "依照本条例第32条处罚",
                 "按指令第3号执行", "令第5号"]:
        assert list(find_orders(text)) == [], text


def test_citations_by_order_number():
    from bulletin_pipeline.extract.citations import extract
    from bulletin_pipeline.model import DocParagraph, Document
    text = ("依照原国家安全监管总局令第3号第32条和《财政违法行为处罚处分条例》（国务院令第427号），"
            "乙醇汽油应符合GB18351-2004标准。本办法经湖北省人民政府令第282号公布。")
    doc = Document(id="d1", title="t", start_page=1, doc_number="湖北省人民政府令第282号",
                   paragraphs=[DocParagraph(text=text, page=1, bbox=(0, 0, 1, 1))])
    cites, _ = extract(doc)
    assert [(c.doc_number, c.title) for c in cites] == [("国家安全监管总局令第3号", None),
                                                        ("国务院令第427号", "财政违法行为处罚处分条例")]
