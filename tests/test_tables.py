"""Tables: ruled and unruled detection, page pieces joined, task tables feeding obligations, every output."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bulletin_pipeline.extract.tables import (CELL_DATE, CELL_ROLE, NUMBER_COLUMN, ROLE_COLUMNS, TARGET_COLUMN,
                                              TASK_COLUMN, TIME_COLUMN, UNIT_SEP, cell_date, cell_units)
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.layout import tables as lt
from bulletin_pipeline.model import Char, RawPage, Role
from bulletin_pipeline.pipeline import run

from conftest import shared_path

pytest.importorskip("reportlab")
import tablemaker  # noqa: E402  (tests/ is on the path)

DATA = Path(__file__).parent / "data"
ROWS = json.loads((DATA / "task_rows.json").read_text(encoding="utf-8"))["rows"]


# --------------------------------------------------------------------------- named patterns
def test_column_patterns():
    role = lambda h: next((r for rx, r in ROLE_COLUMNS if rx.search(h)), None)
    assert role("牵头单位") == Role.lead and role("配合单位") == Role.support
    assert role("责任单位") == Role.responsible and role("指导部门") == Role.responsible
    assert role("主要内容") is None and role("单位名称") is None
    assert TIME_COLUMN.search("完成时限") and TIME_COLUMN.search("时间节点") and not TIME_COLUMN.search("主要内容")
    assert TARGET_COLUMN.search("目标") and TARGET_COLUMN.search("预期目标") and not TARGET_COLUMN.search("目标任务")
    assert TASK_COLUMN.search("改革举措") and TASK_COLUMN.search("主要内容") and not TASK_COLUMN.search("序号")
    assert NUMBER_COLUMN.match("序号") and not NUMBER_COLUMN.match("序号及名称")
    assert [m.group("role") for m in CELL_ROLE.finditer("商务部牵头，财政部配合")] == ["牵头", "配合"]
    assert not CELL_ROLE.search("商务部、财政部")
    assert UNIT_SEP.split("商务部、财政部 科技部") == ["商务部", "财政部", "科技部"]
    assert UNIT_SEP.split("工业和信息化部") == ["工业和信息化部"]
    assert lt._NUMERIC.match("1,097,073.43") and lt._NUMERIC.match("99.79%") and not lt._NUMERIC.match("合计")
    assert lt._SENTENCE_MARK.search("确保各项工作按期完成。") and lt._SENTENCE_MARK.search("现将有关安排通知如下，")
    assert not lt._SENTENCE_MARK.search("省（市）") and not lt._SENTENCE_MARK.search("1995年招生人数")


def test_cell_units_roles_from_column_and_cell():
    gz = Resources().gazetteer
    refs = cell_units("商务部、财政部等", Role.lead, gz)
    assert [(u.name, u.role) for u in refs] == [("商务部", "lead"), ("财政部", "lead")]
    refs = cell_units("商务部牵头，财政部、科技部配合", Role.responsible, gz)
    assert [(u.name, u.role) for u in refs] == [("商务部", "lead"), ("财政部", "support"), ("科技部", "support")]
    assert cell_units("", Role.lead, gz) == []


# --------------------------------------------------------------------------- typeset task tables
def _f1(doc, rows: list[list[str]], header: list[str], roles: dict[str, str]) -> float:
    """F1 of (task, role, unit) triples against what was typeset."""
    truth = set()
    for r in rows:
        for col, role in roles.items():
            for u in r[header.index(col)].split("、"):
                if u:
                    truth.add((r[1], role, u))
    got = set()
    for o in doc.obligations:
        task = next((r[1] for r in rows if o.text.startswith(r[1])), "?" + o.text[:10])
        got |= {(task, u.role, u.name) for u in o.units}
    tp = len(truth & got)
    p, r = tp / max(1, len(got)), tp / max(1, len(truth))
    return 2 * p * r / max(1e-9, p + r)


@pytest.fixture(scope="module")
def task_issue(tmp_path_factory):
    rows = tablemaker.task_rows(ROWS)
    pdf = tablemaker.task_table_issue(tmp_path_factory.mktemp("task") / "task.pdf", rows)
    issue, pages = run(pdf)
    return issue, pages, rows, pdf


def test_task_table_across_pages_is_one_table(task_issue):
    issue, pages, rows, _ = task_issue
    assert len(pages) >= 3
    assert len(issue.tables) == 1
    t = issue.tables[0]
    assert len({p.page for p in t.prov}) >= 3                   # joined across every page it runs over
    assert t.columns == 6 and t.header_rows == 1
    assert len(t.rows) == len(rows) + 1                          # the header repeated on each page kept once
    assert [c.text for c in t.rows[0].cells] == tablemaker.TASK_HEADER
    assert [r.cells[0].text for r in t.rows[1:]] == [str(i + 1) for i in range(len(rows))]
    assert t.rows[5].cells[1].text == rows[4][1]
    assert t.document_id == issue.documents[0].id
    doc = issue.documents[0]
    assert [p.part for p in doc.paragraphs].count("table") == 1
    assert not any(p.kind in ("signature", "body") and "扶贫办" in p.text for p in issue.paragraphs)
    assert not any(w.code == "empty-page" for w in issue.warnings)    # pages holding only table rows have text


def test_task_table_obligations(task_issue):
    issue, _, rows, _ = task_issue
    doc = issue.documents[0]
    table_obls = [o for o in doc.obligations if o.rule == "table"]
    assert len(table_obls) == len(rows)
    f1 = _f1(doc, rows, tablemaker.TASK_HEADER, {"牵头单位": "lead", "配合单位": "support"})
    assert f1 >= 0.90, f1
    o = table_obls[0]
    assert o.note == "table t1 row 2" and o.text.startswith(rows[0][1])
    assert all(o.source[u.start:u.end] == u.name for o in table_obls for u in o.units)
    # 完成时限 gives the row's deadline, linked to its obligation; 持续推进 gives none
    dl = {d.id: d for d in doc.deadlines}
    assert [dl[i].end for i in table_obls[0].deadline_ids] == ["2020-12-31"]
    assert table_obls[1].deadline_ids == []
    assert [dl[i].end for i in table_obls[2].deadline_ids] == ["2021-06-30"]


def test_merged_lead_cells_and_guiding_department(tmp_path):
    rows = sorted(tablemaker.task_rows(ROWS[:12]), key=lambda r: r[3])
    header = ["序号", "改革举措", "主要内容", "牵头单位", "指导部门", "完成时限"]
    pdf = tablemaker.task_table_issue(tmp_path / "merged.pdf", rows, header=header, merge_lead=True)
    issue, _ = run(pdf)
    t = issue.tables[0]
    assert len(t.rows) == len(rows) + 1 and t.columns == 6
    assert any(c.rowspan > 1 for r in t.rows for c in r.cells)     # the merged lead cells
    doc = issue.documents[0]
    obls = [o for o in doc.obligations if o.rule == "table"]
    assert len(obls) == len(rows)                                  # one per row, none duplicated
    for o, r in zip(obls, rows):
        assert [u.name for u in o.units if u.role == "lead"] == [r[3]]       # the merged cell counts in each row
        assert [u.name for u in o.units if u.role == "responsible"] == [x for x in r[4].split("、") if x]
    f1 = _f1(doc, rows, header, {"牵头单位": "lead", "指导部门": "responsible"})
    assert f1 >= 0.90, f1


def test_unruled_table_by_aligned_gaps(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    body, title, *_ = tablemaker._styles()
    data = [["地区", "2018年", "2019年", "增长"], ["江苏", "100", "120", "20%"], ["上海", "105", "135", "28.6%"],
            ["辽宁", "90", "100", "11.1%"], ["浙江", "45", "45", "0%"]]
    story = [Paragraph("关于招生计划执行情况的通报", title),
             Paragraph("现将有关情况通报如下。各地要认真落实招生计划，确保按期完成任务，不得擅自扩大规模。", body),
             Table(data, colWidths=[90] * 4, style=[("FONT", (0, 0), (-1, -1), "STSong-Light", 11)]),
             Paragraph("以上计划请遵照执行。", body)]
    SimpleDocTemplate(str(tmp_path / "u.pdf"), pagesize=A4).build(story)
    issue, _ = run(tmp_path / "u.pdf")
    assert len(issue.tables) == 1
    t = issue.tables[0]
    assert not t.ruled and (len(t.rows), t.columns, t.header_rows) == (5, 4, 1)
    assert [[c.text for c in r.cells] for r in t.rows] == data
    kinds = [p.kind for p in issue.paragraphs]
    assert kinds.count("table") == 1 and issue.paragraphs[-1].text == "以上计划请遵照执行。"


def test_scanned_table_page_warns_without_rows(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    src = tablemaker.task_table_issue(tmp_path / "src.pdf", tablemaker.task_rows(ROWS[:8]))
    img = pdfium.PdfDocument(str(src))[0].render(scale=2).to_pil().convert("L")
    img.save(tmp_path / "scan.png")
    c = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=A4)
    c.drawImage(str(tmp_path / "scan.png"), 0, 0, *A4)
    c.showPage()
    c.save()
    from bulletin_pipeline.ingest import ocr
    if not ocr.available():
        pytest.skip("tesseract chi_sim not installed")
    issue, _ = run(tmp_path / "scan.pdf")
    assert issue.tables == []
    assert any(w.code == "table-in-scan" and w.page == 1 for w in issue.warnings)


# --------------------------------------------------------------------------- outputs
def test_outputs_carry_the_table(task_issue, tmp_path):
    from bulletin_pipeline.edition import build
    from bulletin_pipeline.kb import akn, write
    issue, _, rows, pdf = task_issue
    out = write.write_issue(issue, tmp_path, index=True, akn=True)      # JSON and XML validated before writing
    folder = out if out.is_dir() else out.parent
    data = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
    assert len(data["tables"]) == 1 and data["tables"][0]["rows"][0]["header"] is True
    xml = (folder / "issue.xml").read_text(encoding="utf-8")
    assert xml.count("<cell ") == sum(len(r.cells) for r in issue.tables[0].rows)
    a = (folder / "issue.akn.xml").read_bytes()
    assert akn.validate(a) == [] and a.count(b"<tr>") == len(rows) + 1 and b"<th>" in a
    con = sqlite3.connect(str(tmp_path / "kb.sqlite"))
    assert con.execute("SELECT row_count, columns, header_rows FROM tables").fetchall() == [(len(rows) + 1, 6, 1)]
    assert con.execute("SELECT count(*) FROM table_cells WHERE text = ?", (rows[3][3],)).fetchone()[0] >= 1
    con.close()
    index = build(folder, pdf=pdf, images=False)
    html = "".join(p.read_text(encoding="utf-8") for p in index.parent.rglob("*.html"))
    assert '<table class="data"' in html and "<th>牵头单位</th>" in html


def test_bundled_gazette_has_no_table(issue):
    assert issue.tables == []
    assert not any(p.kind == "table" for p in issue.paragraphs)


# --------------------------------------------------------------------------- bad input
def _grid_page(n: int, rows: int, cols: int, header: bool) -> RawPage:
    """A page that is nothing but a ruled grid (cell boxes and one char per cell)."""
    x0, y0, w, h = 50.0, 60.0, 80.0, 18.0
    cells, chars = [], []
    for r in range(rows):
        for c in range(cols):
            box = (x0 + c * w, y0 + r * h, x0 + (c + 1) * w, y0 + (r + 1) * h)
            cells.append(box)
            t = "表头" if header and r == 0 else str((n * rows + r) % 10)
            for k, ch in enumerate(t):
                chars.append(Char(ch, box[0] + 4 + 10 * k, box[0] + 14 + 10 * k, box[1] + 4, box[1] + 14, 10.0, "SimSun"))
    return RawPage(n, 595.0, 842.0, chars, table_cells=[cells])


def test_long_table_joins_across_200_pages():
    """A table over 200 pages is one table, with the header repeated on every page kept once.  (That the join
    grows linearly with the pages is measured by bench/table_linear.py, not timed here.)"""
    from bulletin_pipeline import layout
    raw = [_grid_page(i + 1, 40, 5, header=True) for i in range(200)]
    _, paras = layout.lay_out(raw)
    tabs = [p.table for p in paras if p.table is not None]
    assert len(tabs) == 1 and len(tabs[0].prov) == 200
    assert len(tabs[0].rows) == 1 + 200 * 39


def test_empty_cells_and_small_grids():
    page = _grid_page(1, 3, 3, header=True)
    page.chars = [c for c in page.chars if not (c.top > 78 and c.x0 > 130)]   # empty the lower right cells
    rest, found = lt.take_ruled([page], 10.0)
    t = found[1][0]
    assert (len(t.rows), t.columns) == (3, 3) and t.rows[1].cells[1].text == "" and rest[0].chars == []
    one_col = RawPage(1, 595.0, 842.0, [], table_cells=[[(50, 60, 300, 80), (50, 80, 300, 100)]])
    assert lt.take_ruled([one_col], 10.0)[1] == {}       # a boxed list of one column is not a table
    chart = _grid_page(1, 6, 8, header=False)
    chart.chars = []
    assert lt.take_ruled([chart], 10.0)[1] == {}         # grid lines with no text (a chart) are not a table


def test_ruled_cells_from_drawn_edges():
    from bulletin_pipeline.ingest.pdf import TABLE_MAX_EDGES, ruled_tables
    h = lambda y: {"x0": 50.0, "x1": 250.0, "top": y, "bottom": y, "width": 200.0, "height": 0.0, "orientation": "h",
                   "object_type": "line"}
    v = lambda x: {"x0": x, "x1": x, "top": 60.0, "bottom": 120.0, "width": 0.0, "height": 60.0, "orientation": "v",
                   "object_type": "line"}
    edges = [h(60), h(90), h(120), v(50), v(150), v(250)]
    tabs = ruled_tables(edges)
    assert len(tabs) == 1 and sorted(tabs[0]) == [(50, 60, 150, 90), (50, 90, 150, 120), (150, 60, 250, 90),
                                                   (150, 90, 250, 120)]
    assert ruled_tables([h(60), h(90), h(120)]) == []                # rules with no verticals make no cells
    assert ruled_tables(edges * (TABLE_MAX_EDGES // 6 + 1)) == []     # too many edges: not searched


# --------------------------------------------------------------------------- real budgets
BUDGET = "putuo_gov_office_2025_dept_budget.pdf"


@pytest.mark.shared
def test_budget_tables_counted_by_hand():
    pdf = shared_path("realworld", "pdfs", BUDGET)
    issue, _ = run(pdf)
    by_page = {t.page: t for t in issue.tables}
    # p8 收支预算总表: 本年收入|本年支出 over 项目|预算数 twice, 14 lines under them; 4 columns
    t = by_page[8]
    assert (len(t.rows), t.columns, t.header_rows) == (16, 4, 2)
    # p9-10 收入预算总表: three header rows (项目|收入预算, 功能分类科目编码…, 类|款|项), 12 rows on p9 and 9 on p10
    t = by_page[9]
    assert (len(t.rows), t.columns, t.header_rows) == (24, 9, 3)
    assert sorted({p.page for p in t.prov}) == [9, 10]
    assert [c.text for c in t.rows[-1].cells][:2] == ["合计", "91,016,775.35"]
    # p20 “三公”经费: three header rows (三公经费 over 公务用车 over 小计|购置费|运行费) and one row of figures
    t = by_page[20]
    assert (len(t.rows), t.columns, t.header_rows) == (4, 7, 3)
    assert t.rows[0].cells[-1].rowspan == 3


@pytest.mark.shared
@pytest.mark.parametrize("name", ["putuo_gov_office_2025_dept_budget.pdf", "putuo_wanli_street_2024_dept_budget.pdf",
                                  "putuo_justice_bureau_2026_unit_budget.pdf"])
def test_no_table_cell_is_a_paragraph(name):
    issue, _ = run(shared_path("realworld", "pdfs", name))
    assert issue.tables
    for p in issue.paragraphs:
        if p.kind == "table":
            continue
        cx, cy = (p.bbox[0] + p.bbox[2]) / 2, (p.bbox[1] + p.bbox[3]) / 2
        for t in issue.tables:
            for pv in t.prov:
                x0, top, x1, bottom = pv.bbox
                assert not (pv.page == p.page and x0 < cx < x1 and top < cy < bottom), (p.kind, p.text)


def test_table_broken_across_columns(tmp_path):
    rows = [[str(i + 1), r["task"], r["lead"]] for i, r in enumerate(ROWS[:30])]
    intro = [r["content"] * 2 for r in ROWS[30:33]]
    pdf = tablemaker.two_column_table(tmp_path / "two.pdf", rows, ["序号", "重点任务", "牵头单位"], intro)
    issue, _ = run(pdf)
    assert len(issue.tables) == 1
    t = issue.tables[0]
    assert len(t.prov) == 2 and t.prov[0].bbox[0] < t.prov[1].bbox[0]       # left column piece, then the right one
    assert len(t.rows) == len(rows) + 1 and [r.cells[0].text for r in t.rows[1:]] == [r[0] for r in rows]
    assert [p.kind for p in issue.paragraphs][-1] == "table"                # after the text it follows


def test_validate_checks_table_references(task_issue):
    from bulletin_pipeline.kb.schema import validate_data
    issue, *_ = task_issue
    data = issue.model_dump(mode="json")
    assert validate_data(data) == []
    data["tables"][0]["document_id"] = "nowhere"
    data["tables"][0]["rows"][1]["cells"][5]["colspan"] = 2
    errs = validate_data(data)
    assert any("/tables/0/document_id" in e for e in errs) and any("/tables/0/rows/1/cells/5" in e for e in errs)


def test_aligned_list_without_header_is_no_table():
    """Lines of a 目录 (title, 文号, page) align in columns but have no header row: they stay text."""
    body = 10.0

    def line(y: float, cells: list[tuple[float, str]]) -> list[Char]:
        out = []
        for x, t in cells:
            out += [Char(ch, x + 10 * k, x + 10 * (k + 1), y, y + 10, body, "SimSun") for k, ch in enumerate(t)]
        return out
    toc = [line(100 + 20 * i, [(50, "关于加强管理的通知"), (250, f"聊政发〔2019〕{i + 10}号"), (450, str(3 + 4 * i))])
           for i in range(6)]
    tables, rest = lt.take_unruled([c for l in toc for c in l], 1, body)
    assert tables == [] and len(rest) == sum(map(len, toc))
    head = line(80, [(50, "地区名称"), (250, "计划人数"), (450, "增长")])
    tables, rest = lt.take_unruled(head + [c for l in toc for c in l], 1, body)
    assert len(tables) == 1 and (len(tables[0].rows), tables[0].columns) == (7, 3) and rest == []


def test_cell_set_smaller_than_prose_keeps_its_char_order():
    """A table printed at 10.5pt in 15pt prose: the cell's line is built at the cell's own size, so the space
    char that ends it (a hair lower, and never counted as small) does not split the line in two."""
    size, body = 10.56, 15.0
    cells = [(50.0, 60.0, 200.0, 84.0), (200.0, 60.0, 300.0, 84.0), (50.0, 84.0, 200.0, 108.0),
             (200.0, 84.0, 300.0, 108.0)]
    chars = []
    for (x0, top, _, _), text in zip(cells, ["科目名称", "决算数", "事业单位离退休", "2,087,959.00"]):
        w = size if not text[0].isdigit() else size / 2
        chars += [Char(ch, x0 + 4 + w * k, x0 + 4 + w * (k + 1), top + 6, top + 6 + size, size, "SimSun")
                  for k, ch in enumerate(text)]
        end = x0 + 4 + w * len(text)
        chars.append(Char(" ", end, end + 2.4, top + 7.2, top + 7.2 + size, size, "SimSun"))
    _, found = lt.take_ruled([RawPage(1, 595.0, 842.0, chars, table_cells=[cells])], body)
    t = found[1][0]
    assert [[c.text for c in r.cells] for r in t.rows] == [["科目名称", "决算数"], ["事业单位离退休", "2,087,959.00"]]


def test_total_row_alone_on_next_page_ends_the_table():
    """A table whose 合计 row (its label merged over three columns) is all that goes over to the next page:
    that one-row grid is the table's last row, on the table's columns, not a line of text."""
    from bulletin_pipeline import layout
    first = _grid_page(1, 12, 5, header=True)
    x0, y0, w, h = 50.0, 60.0, 80.0, 18.0
    cells = [(x0, y0, x0 + 3 * w, y0 + h), (x0 + 3 * w, y0, x0 + 4 * w, y0 + h), (x0 + 4 * w, y0, x0 + 5 * w, y0 + h)]
    chars = []
    for box, text in zip(cells, ["合计", "1,200", "300"]):
        chars += [Char(ch, box[0] + 4 + 10 * k, box[0] + 14 + 10 * k, y0 + 4, y0 + 14, 10.0, "SimSun")
                  for k, ch in enumerate(text)]
    prose = "以上数据截至年底。"
    chars += [Char(ch, 50 + 10 * k, 60 + 10 * k, 120, 130, 10.0, "SimSun") for k, ch in enumerate(prose)]
    second = RawPage(2, 595.0, 842.0, chars, table_cells=[cells])
    _, paras = layout.lay_out([first, second])
    tabs = [p.table for p in paras if p.table is not None]
    assert len(tabs) == 1 and [p.page for p in tabs[0].prov] == [1, 2]
    last = tabs[0].rows[-1]
    assert [(c.text, c.col, c.colspan) for c in last.cells] == [("合计", 0, 3), ("1,200", 3, 1), ("300", 4, 1)]
    assert [p.text for p in paras if p.table is None] == [prose]
    # a one-row grid with no table closing the page before stays text
    _, paras = layout.lay_out([RawPage(1, 595.0, 842.0, chars, table_cells=[cells])])
    assert not any(p.table is not None for p in paras) and "合计" in paras[0].text


def test_white_shading_boxes_are_no_table(tmp_path):
    """A word processor shades each prose line with a white box (filled, never stroked) and the ruled table
    under them touches the last box: the boxes draw nothing, so the prose stays paragraphs and the table is
    only its ruled rows."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    w, h = A4
    c = canvas.Canvas(str(tmp_path / "shaded.pdf"), pagesize=A4)
    prose = ["严格执行分级审核、先审后发程序，落实三审三校制度，从严从实把好政治关、法律关。",
             "加强对区政府网站、政务新媒体动态全面监管，按照管理标准定期检查，及时关停整合。",
             "用户关注度低、更新不及时、无力运维的新媒体账号，将相关功能进行集约整合。"]
    x0, x1, top = 74.0, 520.0, 80.0
    c.setFont("STSong-Light", 15)
    for i, line in enumerate(prose):
        y = h - top - 27 * (i + 1)
        c.setFillColorRGB(1, 1, 1)
        c.rect(x0, y, x1 - x0, 27, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x0 + 4, y + 8, line)
    grid_top = top + 27 * len(prose)
    rows = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"], ["行政规范性文件", "0", "5"]]
    xs = [x0, 231.0, 380.0, x1]
    for i in range(len(rows) + 1):
        c.line(x0, h - grid_top - 30 * i, x1, h - grid_top - 30 * i)
    for x in xs:
        c.line(x, h - grid_top, x, h - grid_top - 30 * len(rows))
    c.setFont("STSong-Light", 10.5)
    for i, r in enumerate(rows):
        for k, t in enumerate(r):
            c.drawString(xs[k] + 4, h - grid_top - 30 * i - 19, t)
    c.showPage()
    c.save()
    issue, _ = run(tmp_path / "shaded.pdf")
    assert len(issue.tables) == 1
    assert [[c.text for c in r.cells] for r in issue.tables[0].rows] == rows
    text = "".join(p.text for p in issue.paragraphs if p.kind != "table")
    assert all(line in text for line in prose)
    pytest.importorskip("pypdfium2")
    from bulletin_pipeline.ingest.pdf import IngestConfig, read_pages
    for backend in ("pdfplumber", "pdfium"):         # both readers leave the white boxes out
        page = list(read_pages(tmp_path / "shaded.pdf", IngestConfig(backend=backend)))[0]
        assert len(page.table_cells) == 1 and min(b[1] for b in page.table_cells[0]) > grid_top - 1, backend


def test_open_table_end_at_page_break_closed():
    """Column rules that run on below the last row rule (a table cut by the page, its bottom rule not drawn)
    close the last row; rules ending on the bottom rule add nothing; a rule drawn short on the top row is
    drawn across."""
    from bulletin_pipeline.ingest.pdf import open_ends, ruled_tables
    h = lambda x0, x1, y: {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                           "orientation": "h", "object_type": "line"}
    v = lambda x, t, b: {"x0": x, "x1": x, "top": t, "bottom": b, "width": 0.0, "height": b - t,
                         "orientation": "v", "object_type": "line"}
    closed = [h(50, 250, 60), h(50, 250, 90), h(50, 250, 120), v(50, 60, 120), v(150, 60, 120), v(250, 60, 120)]
    assert open_ends(closed) == []
    cut = closed[:2] + [v(50, 60, 140), v(150, 60, 140), v(250, 60, 140)]
    assert [(e["x0"], e["x1"], e["top"]) for e in open_ends(cut)] == [(50, 250, 140)]
    assert sorted(ruled_tables(cut)[0])[-1] == (150, 90, 250, 140)       # the last row's cell, to the rules' end
    short_top = [h(150, 250, 60)] + closed[1:]                             # the top rule over column 1 missing
    assert [(e["x0"], e["x1"], e["top"]) for e in open_ends(short_top)] == [(50, 250, 60)]
    two = [h(50, 150, 60), h(50, 150, 90), v(50, 60, 140), v(150, 60, 140)]
    assert open_ends(two) == []                                            # two rules: a box, not a table


def test_piece_with_merged_columns_on_next_page_joins():
    """A table whose piece on the next page has fewer columns (its cells merged over the table's columns, each
    edge one of the table's) goes on as the same table."""
    from bulletin_pipeline import layout
    first = _grid_page(1, 10, 4, header=True)
    x0, y0, w, h = 50.0, 60.0, 80.0, 18.0
    cells, chars = [], []
    for r in range(3):
        for box, text in (((x0, y0 + r * h, x0 + w, y0 + (r + 1) * h), f"项目{r}"),
                          ((x0 + w, y0 + r * h, x0 + 4 * w, y0 + (r + 1) * h), str(100 + r))):
            cells.append(box)
            chars += [Char(ch, box[0] + 4 + 10 * k, box[0] + 14 + 10 * k, box[1] + 4, box[1] + 14, 10.0, "SimSun")
                      for k, ch in enumerate(text)]
    _, paras = layout.lay_out([first, RawPage(2, 595.0, 842.0, chars, table_cells=[cells])])
    tabs = [p.table for p in paras if p.table is not None]
    assert len(tabs) == 1 and len(tabs[0].rows) == 13 and tabs[0].columns == 4
    assert [(c.text, c.col, c.colspan) for c in tabs[0].rows[-1].cells] == [("项目2", 0, 1), ("102", 1, 3)]


def test_time_cell_date_pattern():
    assert CELL_DATE.match("2019年9月") and CELL_DATE.match("2020年") and CELL_DATE.match("2019年12月31日")
    assert CELL_DATE.match("二〇一九年九月") and CELL_DATE.match(" 2021年3月。")
    assert not CELL_DATE.match("2019年9月底前") and not CELL_DATE.match("持续推进") and not CELL_DATE.match("每年12月")
    assert not CELL_DATE.match("2019—2020年") and not CELL_DATE.match("19年")
    assert [cell_date(x).date_end for x in ("2019年9月", "2020年", "2019年12月31日", "二〇一九年九月")] == \
        ["2019-09-30", "2020-12-31", "2019-12-31", "2019-09-30"]
    assert cell_date("2019年13月") is None and cell_date("长期坚持") is None


def test_responsibility_column_with_roles_and_bare_dates(tmp_path):
    """序号|重点任务|责任单位|完成时限: the cell writes A牵头，B、C配合; a 完成时限 that is only a date (2019年9月) is
    the date the task is done by, like 2019年底前."""
    limits = ["2019年底前", "2019年9月", "持续推进", "2020年"]
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    rows = []
    for i, r in enumerate(ROWS[:8]):
        units = f"{r['lead']}牵头，{'、'.join(r['support'])}配合" if r["support"] else r["lead"]
        rows.append([str(i + 1), r["task"], units, limits[i % 4]])
    pdf = tablemaker.task_table_issue(tmp_path / "resp.pdf", rows, header=header, widths=[28, 160, 180, 70])
    issue, _ = run(pdf)
    doc = issue.documents[0]
    obls = [o for o in doc.obligations if o.rule == "table"]
    assert len(obls) == len(rows)
    for o, r in zip(obls, ROWS[:8]):
        assert [u.name for u in o.units if u.role == "lead"] == [r["lead"]]
        assert [u.name for u in o.units if u.role == "support"] == r["support"]
    dl = {d.id: d for d in doc.deadlines}
    ends = [[(dl[i].kind, dl[i].end) for i in o.deadline_ids] for o in obls[:4]]
    assert ends == [[("by", "2019-12-31")], [("by", "2019-09-30")], [], [("by", "2020-12-31")]]


# a table of 国办发〔1996〕32号 (招生计划): a parent label over three year columns, labels wrapped in their cells
ENROL_HEADER = [["省（市）", "1995年招生人数", "扩招", "分年度招生任务", "", ""], ["", "", "", "1996年", "1997年", "1998年"]]
ENROL_SPANS = (((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (5, 0)))
ENROL_ROWS = [["总计", "1445", "555", "1600", "1800", "2000"], ["江苏", "100", "100", "120", "140", "200"],
              ["上海", "105", "70", "135", "175", "175"], ["辽宁", "90", "45", "100", "135", "135"],
              ["浙江", "45", "45", "45", "90", "90"], ["陕西", "45", "45", "90", "90", "90"]]


@pytest.mark.parametrize("rules,columns", [(r, 1) for r in tablemaker.RULES] + [("three_line", 2), ("none", 2)])
def test_stacked_header_in_every_rule_style(tmp_path, rules, columns):
    """The same table boxed, as a 三线表 and with no rules: a two-level header whose labels stand on three
    lines (1995年招生人数 wrapped, 扩招 centred between, 分年度招生任务 over 1996年|1997年|1998年) is read as
    two header rows, the parent spanning its three columns, and the prose around stays paragraphs."""
    intro = ["现将有关安排通知如下，请结合本地区本部门实际，认真贯彻执行。各地要加强组织领导，确保各项工作按期完成。"]
    outro = ["各地区各部门要按照本通知要求，抓紧制定具体实施方案，切实抓好落实。"]
    pdf = tablemaker.styled_table_pdf(tmp_path / f"{rules}.pdf", ENROL_HEADER, ENROL_ROWS, rules, ENROL_SPANS,
                                      intro=intro, outro=outro, columns=columns, font_size=10.5 if columns == 1 else 8)
    issue, _ = run(pdf)
    assert len(issue.tables) == 1
    t = issue.tables[0]
    assert (t.ruled, t.columns, t.header_rows, len(t.rows)) == (rules == "grid", 6, 2, 2 + len(ENROL_ROWS))
    assert [(c.text, c.col, c.rowspan, c.colspan) for c in t.rows[0].cells] == [
        ("省（市）", 0, 2, 1), ("1995年招生人数", 1, 2, 1), ("扩招", 2, 2, 1), ("分年度招生任务", 3, 1, 3)]
    assert [c.text for c in t.rows[1].cells] == ["1996年", "1997年", "1998年"]
    assert [[c.text for c in r.cells] for r in t.rows[2:]] == ENROL_ROWS
    assert t.header_texts()[3:] == ["分年度招生任务1996年", "分年度招生任务1997年", "分年度招生任务1998年"]
    assert [p.text for p in issue.paragraphs if p.kind != "table"] == intro + outro


@pytest.mark.shared
@pytest.mark.parametrize("name", ["putuo_planning_natres_2024_dept_final_accounts.pdf",
                                  "putuo_justice_bureau_2026_unit_budget.pdf",
                                  "putuo_wanli_street_2024_dept_budget.pdf"])
def test_cells_agree_with_pdfplumber(name):
    """Every cell read is a cell pdfplumber's own extract_tables reads on that page (wrapped names and numbers
    in their order), and every cell pdfplumber reads is read, save a repeated header dropped and the title
    lines it takes into the table from their (invisible) white boxes, which are read as text."""
    import re
    import pdfplumber
    norm = lambda s: re.sub(r"\s+", "", s or "")
    path = shared_path("realworld", "pdfs", name)
    issue, _ = run(path)
    ours: dict[int, set] = {}
    for t in issue.tables:
        for r in t.rows:
            ours.setdefault(r.page, set()).update(norm(c.text) for c in r.cells if norm(c.text))
    repeated = {norm(c.text) for t in issue.tables for r in t.rows[:t.header_rows] for c in r.cells}
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            theirs = {norm(c) for t in page.extract_tables() for r in t for c in r if norm(c)}
            if n not in ours:
                continue
            assert ours[n] <= theirs, (n, sorted(ours[n] - theirs)[:5])
            prose = "".join(norm(p.text) for p in issue.paragraphs if p.page == n and p.kind != "table")
            missed = [x for x in theirs - ours[n] - repeated if x not in prose]
            assert missed == [], (n, missed[:5])


@pytest.mark.shared
def test_annual_report_tables_and_prose():
    """An information-disclosure annual report set in a word processor: each prose line sits on a white box,
    tables are cut by the page with their bottom rule not drawn.  Prose stays paragraphs; each table is one
    table over the pages it runs on."""
    issue, _ = run(shared_path("realworld", "pdfs", "hongze_district_2023_zfxxgk_annual_report.pdf"))
    assert [[p.page for p in t.prov] for t in issue.tables] == [[2, 3], [3, 4], [4]]
    t = issue.tables[1]
    assert "2.没有现成信息需要另行制作" in [c.text for r in t.rows for c in r.cells]    # the row the page cut open
    assert not any("一律不准发布" in c.text for t in issue.tables for r in t.rows for c in r.cells)
    assert any("一律不准发布" in p.text for p in issue.paragraphs if p.kind != "table")


# a coordinate table of 国函〔2006〕132号: figures, an empty 说明 cell in most rows, a 说明 wrapped onto two lines
COORD_HEADER = [["坐标编号", "X坐标", "Y坐标", "说　明"]]
COORD_ROWS = [["8", "14164.800", "103235.660", ""], ["9", "14235.569", "103427.917", "圆曲线起点"],
              ["10", "14239.958", "103436.862", "圆曲线中点，半径48.25米"], ["11", "14246.091", "103444.715", "圆曲线终点"],
              ["12", "14246.091", "103591.249", "圆曲线起点"], ["13", "14290.205", "103593.687", "圆曲线中点，半径1200.25米"],
              ["14", "14334.379", "103594.500", "圆曲线终点"], ["15", "14745.300", "103594.500", ""]]


@pytest.mark.parametrize("rules", ["three_line", "none"])
def test_unruled_cell_wrapped_onto_lines_of_its_own(tmp_path, rules):
    """In one column of a two-column page, a 说明 too long for its cell wraps onto a line above and one below
    its row's figures (set in the middle of the row): those lines of one piece are that cell's text, and the
    short line of prose after the table is not."""
    intro = ["现将深圳湾口岸港方口岸区范围的坐标公布如下，请有关部门认真执行。"]
    outro = ["特此通知。"]
    pdf = tablemaker.styled_table_pdf(tmp_path / f"{rules}.pdf", COORD_HEADER, COORD_ROWS, rules, intro=intro,
                                      outro=outro, columns=2, font_size=8)
    issue, _ = run(pdf)
    assert len(issue.tables) == 1
    t = issue.tables[0]
    assert (t.columns, t.header_rows, len(t.rows)) == (4, 1, 1 + len(COORD_ROWS))
    assert [[c.text.replace("　", "").replace(" ", "") for c in r.cells] for r in t.rows] == \
        [[x.replace("　", "") for x in r] for r in COORD_HEADER + COORD_ROWS]
    assert [p.text for p in issue.paragraphs if p.kind != "table"] == intro + outro
