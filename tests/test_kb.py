"""Knowledge base: schemas, validation, safe XML, SQLite index, queries and search."""
import json
import sqlite3

import pytest
from click.testing import CliRunner

from bulletin_pipeline.cli import cli
from bulletin_pipeline.kb import schema as kbschema
from bulletin_pipeline.kb.index import connect, index_issue
from bulletin_pipeline.kb.query import obligations, open_db, search
from bulletin_pipeline.kb.xml_out import UnsafeXML, parse_safe, validate_xml

from conftest import ROOT


def test_written_files_validate(written):
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    assert kbschema.validate_data(data) == []
    assert validate_xml(parse_safe((path.parent / "issue.xml").read_bytes())) == []


def test_published_schema_is_the_generated_one():
    assert (ROOT / "schemas" / "issue.schema.json").read_text(encoding="utf-8") == kbschema.schema_text()
    assert (ROOT / "schemas" / "issue.xsd").read_bytes() == \
        (ROOT / "bulletin_pipeline" / "schemas" / "issue.xsd").read_bytes()


@pytest.mark.parametrize("corrupt,field", [
    (lambda d: d["documents"][0].__setitem__("doc_type", "便条"), "doc_type"),
    (lambda d: d["documents"][0].pop("title"), "title"),
    (lambda d: d["documents"][0].__setitem__("date", "2019年11月14日"), "date"),
    (lambda d: d["documents"][0]["obligations"][0]["units"][0].__setitem__("role", "boss"), "role"),
    (lambda d: d["toc"][0].__setitem__("document_id", "nope"), "document_id"),
])
def test_corrupted_json_is_rejected_naming_the_field(written, tmp_path, corrupt, field):
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    corrupt(data)
    bad = tmp_path / "issue.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(cli, ["validate", str(bad)])
    assert r.exit_code == 1
    assert field in r.output


def test_corrupted_xml_is_rejected(written, tmp_path):
    out, path = written
    xml = (path.parent / "issue.xml").read_text(encoding="utf-8").replace('doc_type="意见"', 'doc_type="便条"', 1)
    bad = tmp_path / "issue.xml"
    bad.write_text(xml, encoding="utf-8")
    r = CliRunner().invoke(cli, ["validate", str(bad)])
    assert r.exit_code == 1 and "doc_type" in r.output


@pytest.mark.parametrize("payload", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><issue>&e;</issue>',
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><issue>&b;</issue>',
])
def test_xxe_and_entity_bombs_are_refused(tmp_path, payload):
    with pytest.raises(UnsafeXML):
        parse_safe(payload)
    f = tmp_path / "issue.xml"
    f.write_bytes(payload)
    r = CliRunner().invoke(cli, ["validate", str(f)])
    assert r.exit_code == 1 and "refused" in r.output


def test_reindex_replaces_rows(written, tmp_path):
    out, path = written
    db = tmp_path / "kb.sqlite"
    data = json.loads(path.read_text(encoding="utf-8"))
    con = connect(db)
    index_issue(con, data)
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "obligation_units", "provisions_fts")]
    index_issue(con, data)
    again = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "obligation_units", "provisions_fts")]
    assert counts == again and counts[0] == 8
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_indexing_a_new_issue_deletes_nothing(written, tmp_path):
    """A new issue, which has no rows, skips the deletes.  Re-indexing still replaces every row."""
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    con = connect(tmp_path / "kb.sqlite")
    other = dict(data, issue=dict(data["issue"], id="another-issue"))
    index_issue(con, other)
    seen = []
    con.set_trace_callback(seen.append)
    index_issue(con, data)
    assert seen and not [q for q in seen if q.lstrip().upper().startswith("DELETE")]
    seen.clear()
    index_issue(con, data)
    assert any(q.lstrip().upper().startswith("DELETE FROM PROVISIONS") for q in seen)
    con.set_trace_callback(None)
    n = con.execute("SELECT count(*) FROM provisions WHERE issue_id = ?", (data["issue"]["id"],)).fetchone()[0]
    assert n == con.execute("SELECT count(*) FROM provisions WHERE issue_id = 'another-issue'").fetchone()[0] > 0


def test_query_obligations_by_alias_and_role(written):
    out, _ = written
    con = open_db(out / "kb.sqlite")
    rows = obligations(con, "市生态环境局", role="lead")
    assert len(rows) >= 10 and all(r["role"] == "lead" for r in rows)
    assert all(r["doc_number"] and r["text"] for r in rows)
    # 市发展改革委 finds 市发展和改革委 and 市发展和改革委员会 too
    names = {r["unit"] for r in obligations(con, "市发展改革委")}
    assert {"市发展改革委", "市发展和改革委"} <= names
    due = obligations(con, "市生态环境局", due_before="2020-01-01")
    assert due and all(r["deadlines"] and all(d["end"] <= "2020-01-01" for d in r["deadlines"]) for r in due)


def test_search_segmented_words(written):
    out, _ = written
    con = open_db(out / "kb.sqlite")
    for q in ("秸秆", "禁烧", "秸秆禁烧"):
        rows = search(con, q)
        assert any("露天焚烧" in r["text"] for r in rows), q
    assert search(con, "排污许可")


def test_cli_query_json_and_csv(written):
    out, _ = written
    r = CliRunner().invoke(cli, ["query", "obligations", "--unit", "市生态环境局", "--role", "lead", "--format", "json",
                                 "--db", str(out / "kb.sqlite")])
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert rows and {"doc_number", "text", "deadlines", "targets"} <= set(rows[0])
    r = CliRunner().invoke(cli, ["query", "targets", "--indicator", "机械化率", "--format", "csv",
                                 "--db", str(out / "kb.sqlite")])
    assert r.exit_code == 0 and r.output.count("\n") >= 5


def test_missing_db_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(cli, ["search", "秸秆", "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 1 and "no knowledge base" in r.output


def test_datasette_metadata(written):
    out, _ = written
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    con = sqlite3.connect(out / "kb.sqlite")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(meta["databases"]["kb"]["tables"]) <= tables


def _replace_steps(con, data) -> int:
    """SQLite virtual-machine steps (in thousands) that re-indexing ``data`` takes."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0
    con.set_progress_handler(count, 1000)
    index_issue(con, data)
    con.set_progress_handler(None, 0)
    return steps[0]


def test_replacing_an_issue_costs_what_it_holds_not_what_the_kb_holds(written, tmp_path):
    """Re-running a batch over an archive replaces every issue: each delete and each cascade of a foreign key
    finds its rows through an index, so a replace in a KB of 13 issues does the work of one in a KB of 1
    (it scanned whole tables, and FTS5 by an unindexed column, before: 1.1 s a replace at 300 issues)."""
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    con = connect(tmp_path / "kb.sqlite")
    index_issue(con, data)
    index_issue(con, data)
    small = _replace_steps(con, data)
    for k in range(12):
        index_issue(con, dict(data, issue=dict(data["issue"], id=f"other-{k}")))
    big = _replace_steps(con, data)
    assert big < 1.3 * small, (small, big)
    n = con.execute("SELECT count(*) FROM provisions_fts").fetchone()[0]
    assert n == con.execute("SELECT count(*) FROM provisions").fetchone()[0] == 13 * con.execute(
        "SELECT count(*) FROM provisions WHERE issue_id = ?", (data["issue"]["id"],)).fetchone()[0]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_held_source_is_read_from_the_head_of_issue_json(issue, tmp_path):
    """A batch asks what OUT holds for every input it meets: the numbers come from sources.json's row for the
    source that issue.json's head names, not from parsing the whole issue.json; a row for another source
    is not trusted (the whole file is read)."""
    from bulletin_pipeline.kb.identity import held_source, summary, write_checked
    out = tmp_path / "out"
    path, _ = write_checked(issue, out, index=False)
    full = summary(json.loads(path.read_text(encoding="utf-8")))
    assert held_source(out, issue.issue.id) == full and full["documents"] == 8
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('\n "toc"')], encoding="utf-8")     # only the head is left
    assert held_source(out, issue.issue.id) == full
    src = out / issue.issue.id / "sources.json"
    rows = json.loads(src.read_text(encoding="utf-8"))
    rows[0]["sha256"] = "0" * 64
    src.write_text(json.dumps(rows), encoding="utf-8")
    assert held_source(out, issue.issue.id) is None     # the whole (cut) file is read: no summary


def test_replacing_an_issue_keeps_the_fts_rows_of_unchanged_provisions(written, tmp_path):
    """A replace writes FTS rows again only for provisions whose text changed or that are new: the others
    keep theirs (and the rowid they share with their provision); search finds the new text, not the old."""
    import copy
    from bulletin_pipeline.kb.segment import index_terms
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    con = connect(tmp_path / "kb.sqlite")
    index_issue(con, data)
    index_issue(con, dict(data, issue=dict(data["issue"], id="other-issue")))
    new = copy.deepcopy(data)
    doc = new["documents"][0]
    doc["provisions"][0]["text"] = "甲乙丙丁戊己庚辛：一条全新的条款文字"
    dropped = doc["provisions"].pop()["id"]
    doc["provisions"].append(dict(doc["provisions"][1], id="p-new", parent=None, text="壬癸子丑寅卯：新增的条款"))
    for o in (o for d in new["documents"] for o in d.get("obligations", [])):
        if o.get("provision_id") == dropped:
            o["provision_id"] = None
    before = dict(con.execute("SELECT provision_key, rowid FROM provisions_fts").fetchall())
    seen = []
    con.set_trace_callback(seen.append)
    index_issue(con, new)
    con.set_trace_callback(None)
    fts_inserts = [q for q in seen if q.lstrip().upper().startswith("INSERT INTO PROVISIONS_FTS")]
    assert len(fts_inserts) == 2        # the changed provision and the new one, nothing else
    iid = data["issue"]["id"]
    prov = con.execute("SELECT rowid, key, text FROM provisions ORDER BY rowid").fetchall()
    fts = con.execute("SELECT rowid, provision_key, terms FROM provisions_fts ORDER BY rowid").fetchall()
    assert [(r, k) for r, k, _ in prov] == [(r, k) for r, k, _ in fts]
    assert all(t == index_terms(text) for (_, _, text), (_, _, t) in zip(prov, fts))
    unchanged = f"{iid}/{doc['provisions'][1]['id']}"
    assert dict((k, r) for r, k, _ in fts)[unchanged] == before[unchanged]
    assert f"{iid}/{dropped}" not in {k for _, k, _ in fts}
    con.execute("INSERT INTO provisions_fts(provisions_fts) VALUES('integrity-check')")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    hits = [r[0] for r in con.execute("SELECT provision_key FROM provisions_fts WHERE provisions_fts MATCH ?",
                                      ('"甲乙 乙丙"',))]
    assert hits == [f"{iid}/{doc['provisions'][0]['id']}"]
    old = index_terms(data["documents"][0]["provisions"][0]["text"]).split()[:3]
    found = {r[0] for r in con.execute("SELECT provision_key FROM provisions_fts WHERE provisions_fts MATCH ?",
                                       (f'"{" ".join(old)}"',))}
    assert f"other-issue/{doc['provisions'][0]['id']}" in found     # the old text: only the other issue has it
    assert f"{iid}/{doc['provisions'][0]['id']}" not in found
