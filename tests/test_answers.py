"""No silent wrong answers: issue identity, input class, query filters, tidy exports, Datasette, progress
output, an edition that links, jurisdiction in Akoma Ntoso ids.  Each test is a case a user met."""
import csv
import io
import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bulletin_pipeline.classify import apply as classify_apply
from bulletin_pipeline.cli import cli
from bulletin_pipeline.kb import identity
from bulletin_pipeline.kb.index import connect
from bulletin_pipeline.kb.query import (CN_DATE, ISO_DATE, InvalidDate, QueryError, like_escape, obligations,
                                        open_db, parse_date, resolve_unit)
from bulletin_pipeline.structure.cover import GAZETTE_PLACE, issue_id

from conftest import CORPUS_PDF, ROOT, SCAN_PDF, shared_path

FULL_ID = "liaochengshi-rmzfgb-2019-11"


@pytest.fixture(scope="module")
def scan_issue():
    from bulletin_pipeline.pipeline import run
    return run(SCAN_PDF)[0]


def _fresh(issue):
    return issue.model_copy(deep=True)


def _kb_count(out, table="documents"):
    return sqlite3.connect(out / "kb.sqlite").execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture(scope="module")
def kb(issue, tmp_path_factory):
    """The bundled issue written with its class and sources, as `bulletin run` writes it."""
    out = tmp_path_factory.mktemp("kb")
    identity.write_checked(_fresh(issue), out)
    return out


# --------------------------------------------------------------------------- 1. identity
@pytest.mark.parametrize("name,place", [("聊城市人民政府公报", "聊城市"), ("山东省人民政府公报", "山东省"),
                                        ("内蒙古自治区人民政府公报", "内蒙古自治区"), ("广州市人民政府公报", "广州市")])
def test_gazette_place_pattern(name, place):
    assert GAZETTE_PLACE.match(name).group("place") == place


@pytest.mark.parametrize("name", ["中华人民共和国国务院公报", "国务院公报", "公报"])
def test_gazette_place_pattern_negative(name):
    assert GAZETTE_PLACE.match(name) is None


def test_issue_id_differs_between_cities_with_the_same_initials():
    a, b = issue_id("聊城市人民政府公报", 2019, 11), issue_id("临川市人民政府公报", 2019, 11)
    assert a == FULL_ID and b != a and b.endswith("-2019-11")
    assert issue_id("国务院公报", 2020, 3) == "gwygb-2020-03"


def test_excerpt_never_replaces_the_full_issue(issue, scan_issue, tmp_path):
    assert scan_issue.issue.id == issue.issue.id == FULL_ID
    _, d = identity.write_checked(_fresh(issue), tmp_path)
    assert d.action == "new" and _kb_count(tmp_path) == 8
    target, d = identity.write_checked(_fresh(scan_issue), tmp_path)
    assert d.action == "keep" and "not used" in d.message and "--replace" in d.message
    assert _kb_count(tmp_path) == 8                               # nothing in the KB lost
    held = json.loads((tmp_path / FULL_ID / "issue.json").read_text(encoding="utf-8"))
    assert held["source"]["path"] == CORPUS_PDF.name
    sources = {s["path"]: s["status"] for s in identity.load_sources(tmp_path, FULL_ID)}
    assert sources == {CORPUS_PDF.name: "held", SCAN_PDF.name: "not used"}
    rows = sqlite3.connect(tmp_path / "kb.sqlite").execute("SELECT path, status FROM issue_sources").fetchall()
    assert dict(rows) == sources
    # --replace forces, and says so
    _, d = identity.write_checked(_fresh(scan_issue), tmp_path, replace=True)
    assert d.action == "replace" and "--replace" in d.message and _kb_count(tmp_path) == 2


def test_full_issue_replaces_an_excerpt_and_says_so(issue, scan_issue, tmp_path):
    identity.write_checked(_fresh(scan_issue), tmp_path)
    _, d = identity.write_checked(_fresh(issue), tmp_path)
    assert d.action == "replace" and "more complete" in d.message and _kb_count(tmp_path) == 8
    statuses = {s["path"]: s["status"] for s in identity.load_sources(tmp_path, FULL_ID)}
    assert statuses == {CORPUS_PDF.name: "held", SCAN_PDF.name: "superseded"}


def test_run_of_a_second_source_is_one_line_and_non_zero(issue, scan_issue, tmp_path):
    identity.write_checked(_fresh(issue), tmp_path)
    before = (tmp_path / FULL_ID / "issue.json").read_bytes()
    r = CliRunner().invoke(cli, ["run", str(SCAN_PDF), "-o", str(tmp_path)])
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1
    assert "already holds" in r.output and SCAN_PDF.name in r.output
    assert (tmp_path / FULL_ID / "issue.json").read_bytes() == before and _kb_count(tmp_path) == 8


def test_batch_reports_the_duplicate_and_keeps_the_full_issue(tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["batch", str(CORPUS_PDF), str(SCAN_PDF), "-o", str(out), "-j", "1"])
    assert r.exit_code == 0, r.output
    recs = {rec["input"]: rec for rec in json.loads((out / "batch-report.json").read_text())["records"]}
    full, scan = recs[str(CORPUS_PDF)], recs[str(SCAN_PDF)]
    assert full["status"] == "ok" and full["input_class"] == "gazette"
    assert scan["status"] == "duplicate" and "not used" in scan["reason"]
    assert "duplicate" in r.output and _kb_count(out) == 8
    # the re-run skips both and still says which one the KB holds
    r = CliRunner().invoke(cli, ["batch", str(CORPUS_PDF), str(SCAN_PDF), "-o", str(out), "-j", "1"])
    recs = {rec["input"]: rec for rec in json.loads((out / "batch-report.json").read_text())["records"]}
    assert recs[str(SCAN_PDF)]["status"] == "skipped" and "not used" in recs[str(SCAN_PDF)]["reason"]
    assert _kb_count(out) == 8


# --------------------------------------------------------------------------- 2. input class
def test_gazette_is_classified_with_reasons(kb):
    data = json.loads((kb / FULL_ID / "issue.json").read_text(encoding="utf-8"))
    assert data["issue"]["input_class"] == "gazette"
    assert any("聊城市人民政府公报" in r for r in data["issue"]["class_reasons"])
    row = sqlite3.connect(kb / "kb.sqlite").execute("SELECT input_class, class_reasons FROM issues").fetchone()
    assert row[0] == "gazette" and "目录" in row[1]


def test_single_document_and_other_classes(issue):
    from bulletin_pipeline.classify import classify
    one = _fresh(issue)
    one.issue.gazette, one.issue.number, one.toc = None, None, []
    one.documents = one.documents[:1]
    kind, why = classify(one)
    assert kind == "document" and any("聊政发〔2019〕15号" in w for w in why)
    other = _fresh(one)
    for d in other.documents:
        d.doc_number, d.masthead, d.date = None, None, None
    kind, why = classify(other)
    assert kind == "other" and "无目录" in why


def test_other_adds_nothing_to_the_kb(issue, tmp_path):
    other = _fresh(issue)
    other.issue.gazette, other.issue.number, other.toc = None, None, []
    for d in other.documents:
        d.doc_number, d.masthead, d.date = None, None, None
    other.issue.id = "budget"
    identity.write_checked(classify_apply(other), tmp_path)
    data = json.loads((tmp_path / "budget" / "issue.json").read_text(encoding="utf-8"))
    assert data["issue"]["input_class"] == "other" and data["documents"]      # kept for inspection
    con = sqlite3.connect(tmp_path / "kb.sqlite")
    assert [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "targets", "obligations")] \
        == [0, 0, 0]
    assert con.execute("SELECT input_class FROM issues WHERE id = 'budget'").fetchone() == ("other",)


@pytest.mark.shared
def test_budget_pdf_is_other_and_adds_no_targets(tmp_path):
    pdf = shared_path("realworld", "pdfs", "putuo_gov_office_2025_dept_budget.pdf")
    r = CliRunner().invoke(cli, ["run", str(pdf), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "input class: other" in r.output
    assert _kb_count(tmp_path, "documents") == 0 and _kb_count(tmp_path, "targets") == 0
    r = CliRunner().invoke(cli, ["query", "issues", "--format", "json", "--db", str(tmp_path / "kb.sqlite")])
    (row,) = json.loads(r.output)
    assert row["input_class"] == "other" and row["source"] == pdf.name


def test_every_query_row_names_issue_and_source(kb):
    db = str(kb / "kb.sqlite")
    for args in (["query", "obligations"], ["query", "targets"], ["search", "秸秆"]):
        r = CliRunner().invoke(cli, args + ["--format", "json", "--db", db])
        rows = json.loads(r.output)
        assert rows and all(x["issue_id"] == FULL_ID and x["source"] == CORPUS_PDF.name for x in rows), args


# --------------------------------------------------------------------------- 3. query filters
@pytest.mark.parametrize("text,end,iso", [
    ("2020-12-31", False, "2020-12-31"), ("2020-12", True, "2020-12-31"), ("2020-12", False, "2020-12-01"),
    ("2020", True, "2020-12-31"), ("2020年12月31日", False, "2020-12-31"), ("2019年12月", True, "2019-12-31"),
    ("2020年2月", True, "2020-02-29"), (" 2020/1/5 ", False, "2020-01-05")])
def test_dates_iso_or_chinese(text, end, iso):
    assert parse_date(text, end=end) == iso


@pytest.mark.parametrize("text", ["yesterday", "2019-13-45", "2019-02-30", "20191231", "2019年底", ""])
def test_invalid_dates_are_refused(text):
    with pytest.raises(InvalidDate):
        parse_date(text)


@pytest.mark.parametrize("rx,good,bad", [(ISO_DATE, ["2020-12-31", "2020-1", "2020"], ["2020-12-31-1", "20-12"]),
                                         (CN_DATE, ["2020年12月31日", "2020年1月", "2020年"], ["2020年底", "二〇二〇年"])])
def test_date_patterns(rx, good, bad):
    assert all(rx.match(g) for g in good) and not any(rx.match(b) for b in bad)


def test_due_before_is_inclusive_and_unit_is_optional(kb):
    con = open_db(kb / "kb.sqlite")
    dues = [dl["end"] for r in obligations(con) for dl in r["deadlines"] if dl["end"]]
    edge = max(dues)
    rows = obligations(con, due_before=edge)
    assert any(dl["end"] == edge for r in rows for dl in r["deadlines"])
    assert all(dl["end"] <= edge for r in rows for dl in r["deadlines"])
    after = obligations(con, due_after=edge)
    assert after and all(dl["end"] >= edge for r in after for dl in r["deadlines"])
    # 2019年12月 and 2019-12 mean the same month
    assert len(obligations(con, due_before="2019年12月")) == len(obligations(con, due_before="2019-12")) > 0


def test_unit_as_written_official_or_with_a_space(kb):
    con = open_db(kb / "kb.sqlite")
    a = obligations(con, "市生态环境局")
    assert a and obligations(con, "聊城市生态环境局 ") == a and obligations(con, " 市生态环境局") == a


def test_unknown_unit_suggests_and_fails(kb):
    con = open_db(kb / "kb.sqlite")
    with pytest.raises(QueryError, match="did you mean.*市生态环境局"):
        resolve_unit(con, "市生态环境")
    r = CliRunner().invoke(cli, ["query", "obligations", "--unit", "生态环境局", "--db", str(kb / "kb.sqlite")])
    assert r.exit_code == 1 and "did you mean" in r.output and len(r.output.strip().splitlines()) == 1


def test_invalid_date_on_the_command_line_is_one_line_exit_2(kb):
    for bad in ("yesterday", "2019-13-45"):
        r = CliRunner().invoke(cli, ["query", "obligations", "--due-before", bad, "--db", str(kb / "kb.sqlite")])
        assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1 and "invalid date" in r.output


def test_empty_kb_is_one_line_non_zero(tmp_path):
    connect(tmp_path / "kb.sqlite").close()
    r = CliRunner().invoke(cli, ["query", "obligations", "--db", str(tmp_path / "kb.sqlite")])
    assert r.exit_code == 1 and "empty" in r.output and len(r.output.strip().splitlines()) == 1


def test_filters_issuer_doc_type_dates_text(kb):
    con = open_db(kb / "kb.sqlite")
    every = obligations(con)
    office = obligations(con, issuer="办公室")
    assert office and len(office) < len(every) and all(any("办公室" in i for i in r["issuers"]) for r in office)
    assert all(r["doc_type"] == "意见" for r in obligations(con, doc_type="意见"))
    assert all(r["doc_date"] >= "2019-11-05" for r in obligations(con, date_from="2019-11-05"))
    assert all("秸秆" in r["text"] + r["assigned_by"] for r in obligations(con, text="秸秆"))
    # LIKE wildcards typed by a user match themselves, not everything
    pct = obligations(con, text="%")
    assert len(pct) < len(every) and all("%" in r["text"] + r["assigned_by"] for r in pct)
    assert obligations(con, issuer="_") == [] and obligations(con, text="秸%秆") == []
    assert like_escape("5%_x") == "5\\%\\_x"


def test_targets_measure_and_department(kb):
    db = str(kb / "kb.sqlite")
    r = CliRunner().invoke(cli, ["query", "targets", "--measure", "%", "--format", "json", "--db", db])
    rows = json.loads(r.output)
    assert rows and all(x["measure"] == "%" for x in rows)
    r = CliRunner().invoke(cli, ["query", "targets", "--unit", "市水利局", "--format", "json", "--db", db])
    assert r.exit_code == 0 and json.loads(r.output)
    r = CliRunner().invoke(cli, ["query", "targets", "--unit", "%", "--db", db])
    assert r.exit_code == 1      # --unit is a department here too: % is not one


def test_query_units_and_issues(kb):
    db = str(kb / "kb.sqlite")
    r = CliRunner().invoke(cli, ["query", "units", "--format", "json", "--db", db])
    units = {u["unit"]: u for u in json.loads(r.output)}
    assert units["市生态环境局"]["canonical"] == "聊城市生态环境局" and units["市生态环境局"]["obligations"] > 5
    r = CliRunner().invoke(cli, ["query", "issues", "--format", "json", "--db", db])
    (row,) = json.loads(r.output)
    assert row["issue_id"] == FULL_ID and row["documents"] == 8 and row["sources"] == 1


# --------------------------------------------------------------------------- 4. tidy exports
def test_csv_is_tidy_with_iso_dates_and_bom(kb, tmp_path):
    out = tmp_path / "due.csv"
    r = CliRunner().invoke(cli, ["query", "obligations", "--unit", "市生态环境局", "--format", "csv", "--excel",
                                 "-o", str(out), "--db", str(kb / "kb.sqlite")])
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {"issue_id", "doc_number", "title", "doc_date", "unit", "canonical", "role", "due_text", "due_end",
            "page", "source"} <= set(rows[0])
    assert all(not x["due_end"] or ISO_DATE.match(x["due_end"]) for x in rows)
    assert not any(x["due_text"].startswith("[") for x in rows)          # no JSON inside a cell
    assert {x["approx"] for x in rows} <= {"true", "false", ""}
    # one row per obligation × unit × deadline
    con = open_db(kb / "kb.sqlite")
    expect = sum(max(1, len(o["deadlines"])) for o in obligations(con, "市生态环境局"))
    assert len(rows) == expect


def test_ndjson_and_json_booleans(kb):
    r = CliRunner().invoke(cli, ["query", "targets", "--nl", "--db", str(kb / "kb.sqlite")])
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert lines and all(isinstance(x["aspirational"], bool) for x in lines)


# --------------------------------------------------------------------------- 5. Datasette
def test_views_answer_the_common_question_without_joins(kb):
    con = sqlite3.connect(kb / "kb.sqlite")
    rows = con.execute("SELECT due_end, role_label, title, issue_id FROM obligation_rows WHERE canonical = ? "
                       "AND due_end <= '2020-12-31'", ("聊城市生态环境局",)).fetchall()
    assert rows and all(r[0] <= "2020-12-31" and r[2] and r[3] == FULL_ID for r in rows)
    assert con.execute("SELECT count(*) FROM target_rows WHERE indicator LIKE '%机械化率%'").fetchone()[0] > 0


def test_metadata_canned_queries_facets_labels(kb):
    meta = json.loads((kb / "metadata.json").read_text(encoding="utf-8"))["databases"]["kb"]
    con = sqlite3.connect(kb / "kb.sqlite")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(meta["tables"]) <= names
    for name, q in meta["queries"].items():       # every canned query runs with its parameters
        params = {p: {"unit": "市生态环境局", "due_before": "2020-12-31", "indicator": "机械化率",
                      "words": "秸秆"}[p] for p in __import__("re").findall(r":(\w+)", q["sql"])}
        assert params and con.execute(q["sql"], params).fetchall(), name
    facets = [f if isinstance(f, str) else f["array"] for f in meta["tables"]["obligation_rows"]["facets"]]
    assert {"canonical", "role_label", "doc_type", "issue_year", "issuers"} <= set(facets)
    for t in meta["tables"].values():
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in t["columns"].values())


def test_datasette_search_on_provisions_finds_only_matches(kb):
    pytest.importorskip("datasette")
    import asyncio
    from datasette.app import Datasette
    meta = json.loads((kb / "metadata.json").read_text(encoding="utf-8"))

    async def get(url):
        ds = Datasette([str(kb / "kb.sqlite")], metadata=meta)
        return (await ds.client.get(url)).json()
    every = asyncio.run(get("/kb/provisions.json?_shape=array&_size=max"))
    hits = asyncio.run(get("/kb/provisions.json?_search=秸秆&_shape=array&_size=max"))
    assert 0 < len(hits) < len(every) and all("秸秆" in h["text"] for h in hits)


# --------------------------------------------------------------------------- 6. output and progress
def test_run_summary_plural_width_and_ellipsis(issue):
    from bulletin_pipeline.cli import run_summary
    from bulletin_pipeline.display import width
    i = _fresh(issue)
    from bulletin_pipeline.classify import apply
    apply(i)
    lines = run_summary(i, CORPUS_PDF, 80)
    docs = [l for l in lines if l.startswith("  p")]
    assert any(l.endswith(", 1 obligation") for l in docs) and not any("1 obligations" in l for l in lines)
    assert all(width(l) <= 80 for l in lines)
    assert any("…" in l for l in docs)
    # the counts column starts at the same display column on every line
    starts = {width(l[:l.rindex("  ") + 2]) for l in docs}
    assert len(starts) == 1


def test_query_table_fits_80_columns_and_nothing_on_a_pipe(kb):
    from bulletin_pipeline.display import width
    r = CliRunner().invoke(cli, ["query", "obligations", "--db", str(kb / "kb.sqlite")])
    lines = r.output.splitlines()
    assert all(width(l) <= 80 for l in lines)
    assert any("聊政办发〔2019〕11号" in l for l in lines)          # a 发文字号 is never folded
    assert "\x1b[" not in r.output and lines[-1].endswith("rows")


@pytest.mark.parametrize("n,word,text", [(1, "obligation", "1 obligation"), (2, "obligation", "2 obligations"),
                                         (0, "page", "0 pages")])
def test_plural(n, word, text):
    from bulletin_pipeline.display import plural
    assert plural(n, word) == text


def test_cut_by_display_width():
    from bulletin_pipeline.display import cut, pad, width
    assert cut("聊城市人民政府", 7) == "聊城市…" and width(pad("聊城", 6)) == 6 and cut("abc", 3) == "abc"


# --------------------------------------------------------------------------- 6/7. spans and the edition
def test_spans_point_at_the_extracted_text(issue_json):
    n = 0
    for d in issue_json["documents"]:
        t = d["text"]
        for x in d["deadlines"] + d["targets"]:
            assert x["span_start"] is not None and t[x["span_start"]:x["span_end"]] == x["text"]
            n += 1
        for c in d["citations"]:
            assert t[c["span_start"]:c["span_end"]] == c["doc_number"]
        for o in d["obligations"]:
            for u in o["units"]:
                assert t[u["span_start"]:u["span_end"]] == u["name"]
    assert n > 50


def test_edition_imports_neither_extract_nor_spacy():
    code = ("import sys, bulletin_pipeline.edition; "
            "print(any(m.startswith(('bulletin_pipeline.extract', 'spacy')) for m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr


def test_marks_only_where_extraction_found_a_span(issue_json):
    from bulletin_pipeline.edition import _document, doc_spans
    d = next(x for x in issue_json["documents"] if "2019—2020年秋冬季" in x["title"])
    html = _document(issue_json, d, set())
    marks = html.split('class="legend"')[1].split("</p>", 1)[1].count('<mark class="dl">')     # after the legend
    assert marks == sum(1 for s in doc_spans(d) if s[2] == "deadline")
    assert "<mark" not in html.split("</h1>")[0]                          # never inside the title
    stripped = json.loads(json.dumps(d))
    for x in stripped["deadlines"]:
        x["span_start"] = x["span_end"] = None
    html = _document(issue_json, stripped, set())
    assert '<mark class="dl">' not in html.split('class="legend"')[1].split("</p>", 1)[1]


def test_citations_marked_and_in_issue_ones_linked(issue_json):
    from bulletin_pipeline.edition import _document
    d = issue_json["documents"][0]
    html = _document(issue_json, d, set())
    assert '<cite class="ref" title="鲁政发〔2018〕19号 《山东省人民政府' in html
    data = json.loads(json.dumps(issue_json))
    other = data["documents"][1]
    cited = data["documents"][0]
    cited["citations"][0]["doc_number"] = other["doc_number"]     # as if it cited a document of this issue
    at = cited["citations"][0]["span_start"]
    cited["text"] = cited["text"][:at] + other["doc_number"] + cited["text"][cited["citations"][0]["span_end"]:]
    cited["citations"][0]["span_end"] = at + len(other["doc_number"])
    for p in cited["paragraphs"]:
        p["text"] = p["text"].replace("鲁政发〔2018〕19号", other["doc_number"])
    html = _document(data, cited, set())
    assert f'<a class="ref" href="{other["id"]}.html"' in html


def test_page_references_only_where_the_page_changes(issue_json):
    from bulletin_pipeline.edition import _document
    d = next(x for x in issue_json["documents"] if len(x["pages"]) > 2)
    html = _document(issue_json, d, set())
    assert 0 < html.count('class="margin"') <= len(d["pages"]) < len(d["paragraphs"])


def test_page_view_prev_next_and_pdf_link():
    from bulletin_pipeline.edition import _page_view
    html = _page_view(5, 6, 595, 842, [], (4, 6))
    assert 'rel="prev" href="4.html"' in html and 'rel="next" href="6.html"' in html
    assert "source.pdf#page=6" in html


def test_qa_report_in_chinese_with_titles_and_actions(issue_json):
    from bulletin_pipeline.edition import _qa_html
    from bulletin_pipeline.edition.qa import report
    data = json.loads(json.dumps(issue_json))
    doc = data["documents"][0]
    data["warnings"] += [{"code": "unknown-unit", "message": "unit not in the gazetteer: 民政部门", "page": 3,
                          "document_id": doc["id"]},
                         {"code": "unknown-unit", "message": "unit not in the gazetteer: 市测试办", "page": 3,
                          "document_id": doc["id"]}]
    qa = report(data, {3})
    assert not any(w["detail"] == "民政部门" for w in qa)
    item = next(w for w in qa if w["detail"] == "市测试办")
    assert item["kind"] == "单位名称未收录" and "名录" in item["action"] and item["document_title"] == doc["title"]
    assert item["page_link"] == "pages/3.html"
    html = _qa_html(data, qa)
    assert doc["title"] in html and "建议处理" in html and "unit not in the gazetteer" not in html


@pytest.mark.parametrize("name,generic", [("民政部门", True), ("各有关部门", True), ("市政府各部门", True),
                                          ("市生态环境局", False), ("市口岸办", False), ("聊城海关", False)])
def test_generic_department_pattern(name, generic):
    from bulletin_pipeline.lexicon.units import is_generic
    assert is_generic(name) is generic


# --------------------------------------------------------------------------- 8. Akoma Ntoso ids
def test_akn_ids_carry_the_jurisdiction(issue_json):
    from bulletin_pipeline.kb.akn import _work_uri
    other = json.loads(json.dumps(issue_json))
    other["issue"]["id"] = issue_id("临川市人民政府公报", 2019, 11)
    a, b = _work_uri(issue_json), _work_uri(other)
    assert a != b and a.startswith("/akn/cn-liaochengshi/officialGazette/rmzfgb/2019/11")
    d = issue_json["documents"][0]
    assert _work_uri(issue_json, d) != _work_uri(other, d)


def test_index_rebuild_keeps_every_source(issue, scan_issue, tmp_path):
    identity.write_checked(_fresh(issue), tmp_path)
    identity.write_checked(_fresh(scan_issue), tmp_path)
    r = CliRunner().invoke(cli, ["index", str(tmp_path)])
    assert r.exit_code == 0, r.output
    rows = sqlite3.connect(tmp_path / "kb.sqlite").execute("SELECT path, status FROM issue_sources").fetchall()
    assert dict(rows) == {CORPUS_PDF.name: "held", SCAN_PDF.name: "not used"} and _kb_count(tmp_path) == 8


def test_rerun_is_not_skipped_when_out_holds_another_source(issue, scan_issue, tmp_path):
    from bulletin_pipeline import __version__
    from bulletin_pipeline.batch import is_done
    identity.write_checked(_fresh(issue), tmp_path)
    manifest = {issue.source.sha256: {"issue_id": FULL_ID, "pipeline_version": __version__}}
    assert is_done(manifest, issue.source.sha256, tmp_path)
    identity.write_checked(_fresh(scan_issue), tmp_path, replace=True)
    assert is_done(manifest, issue.source.sha256, tmp_path) is None     # "unchanged" would be a wrong answer
