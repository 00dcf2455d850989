"""目录 as other typesetters set it: dot leaders, 文号 on the title line or on its own, page numbers before or
after the title, wrapped titles."""
import pytest

from bulletin_pipeline.model import Line, PageLayout
from bulletin_pipeline.structure.cover import parse_toc


def _line(*segs):
    """A 目录 line: its segments set apart by wide gaps."""
    text, gaps = "", []
    for k, s in enumerate(segs):
        if k:
            gaps.append(len(text))
        text += s
    return Line(chars=[], page=1, text=text, gaps=gaps)


def _toc(*lines):
    page = PageLayout(number=1, width=595, height=842, lines=[_line("目录"), *lines])
    entries, _, pages = parse_toc([page])
    return [(e.title, e.doc_number, e.page) for e in entries]


T1, N1 = "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见", "国发〔2019〕5号"
T2, N2 = "国务院办公厅关于推进政务新媒体健康有序发展的意见", "国办发〔2018〕123号"


@pytest.mark.parametrize("lines", [
    # 文号 in brackets on the title line, dot leaders, page at the right
    [_line(f"{T1}（{N1}）…………", "1"), _line(f"{T2}（{N2}）……", "3")],
    # title and leaders with the page, 文号 on its own line under it
    [_line(T1[:28]), _line(T1[28:] + "…………", "1"), _line(N1), _line(T2 + "……", "3"), _line(N2)],
    # title, then 文号 and page on the next line (the bundled gazette's way)
    [_line(T1), _line(N1, "1"), _line(T2), _line(N2, "3")],
    # title | 文号 | page in three columns
    [_line(T1, N1, "1"), _line(T2, N2, "3")],
    # page number in a column before the title
    [_line("1", f"{T1}（{N1}）"), _line("3", f"{T2}（{N2}）")],
    # leaders and page glued with no wide gap
    [_line(f"{T1}（{N1}）…………1"), _line(f"{T2}（{N2}）……3")],
    # the 文号 in brackets on its own line under the title
    [_line(T1 + "……", "1"), _line(f"（{N1}）"), _line(T2 + "……", "3"), _line(f"（{N2}）")],
    # the 文号 a space after the title, or a space before it
    [_line(f"{T1} {N1}", "1"), _line(f"{T2} {N2}", "3")],
    [_line(f"{N1}　{T1}……", "1"), _line(f"{N2}　{T2}……", "3")],
    # entries set after an item number
    [_line(f"1．{T1}（{N1}）……", "1"), _line(f"2．{T2}（{N2}）……", "3")],
    [_line(f"一、{T1}（{N1}）……", "1"), _line(f"二、{T2}（{N2}）……", "3")],
])
def test_toc_layouts(lines):
    assert _toc(*lines) == [(T1, N1, 1), (T2, N2, 3)]


def test_entry_without_number_keeps_none():
    assert _toc(_line("全国人大常委会2022年度监督工作计划……", "25")) == [("全国人大常委会2022年度监督工作计划", None, 25)]


@pytest.mark.parametrize("heading", ["◎省政府文件", "【省政府文件】", "〖省政府文件〗", "■ 省政府文件", "◆省政府文件◆",
                                     "—省政府文件—", "一、省政府文件", "《省政府文件》", "[省政府文件]"])
def test_a_section_heading_is_named_without_its_marks(heading):
    """Sections set larger than the entries, or after a mark, are named as the 目录 names them: the marks, an
    item number or the brackets a printer set around the name are not part of it."""
    def line(text, size, *cut):
        return Line(chars=[], page=1, text=text, gaps=list(cut), size=size)
    head = f"{T1}（{N1}）……"
    page = PageLayout(number=1, width=595, height=842, lines=[
        line("目录", 22.0), line(heading, 16.0), line(head + "1", 12.0, len(head)),
        line(f"{T2}（{N2}）……3", 12.0, len(T2) + len(N2) + 4)])
    entries, _, _ = parse_toc([page])
    assert [(x.section, x.page) for x in entries] == [("省政府文件", 1), ("省政府文件", 3)]


@pytest.mark.parametrize("text,name", [("【省政府文件】", "省政府文件"), ("◆ 部门文件 ◆", "部门文件"), ("一、省政府令", "省政府令"),
                                       ("部门文件（转发）", "部门文件（转发）"), ("（一）", "一"), ("政务动态", "政务动态")])
def test_section_name_pattern(text, name):
    from bulletin_pipeline.structure import patterns as P
    assert P.SECTION_NAME.match(text).group("name").strip() == name
