"""The issue writer streams: issue.json and issue.xml written part by part are the files the whole issue
gives, an invalid issue is refused with the messages the detailed validator gives, and the compiled
validator agrees with it."""
import json

import pytest

from bulletin_pipeline.errors import ValidationFailed
from bulletin_pipeline.kb import schema as kbschema
from bulletin_pipeline.kb.json_out import dump
from bulletin_pipeline.kb.write import check_id, prepare_issue, write_issue


def _build(issue, xml, akn):
    """The issue's files built whole in memory and checked whole: the oracle the streamed files must equal."""
    from bulletin_pipeline.kb.akn import export, validate
    from bulletin_pipeline.kb.xml_out import parse_safe, to_xml, validate_xml
    check_id(issue.issue.id)
    for d in issue.documents:
        check_id(d.id, "document id")
    text = dump(issue)
    data = json.loads(text)
    errors = kbschema.validate_data(data)
    files = {"issue.json": text.encode("utf-8")}
    if xml:
        files["issue.xml"] = to_xml(data)
        errors += [f"issue.xml {e}" for e in validate_xml(parse_safe(files["issue.xml"]))]
    if akn:
        files["issue.akn.xml"], _ = export(data)
        errors += [f"issue.akn.xml {e}" for e in validate(files["issue.akn.xml"])]
    if errors:
        raise ValidationFailed(errors)
    return data, files


def _staged(journal):
    files = json.loads(journal.read_text(encoding="utf-8"))["files"]
    return {name: (journal.parent / tmp).read_bytes() for name, tmp in files.items()}


def test_streamed_files_are_the_whole_issue_files(issue, tmp_path):
    _, whole = _build(issue, xml=True, akn=True)
    staged = _staged(prepare_issue(issue, tmp_path, index=False, akn=True))
    assert set(staged) == {"issue.json", "issue.xml", "issue.akn.xml"}
    assert staged["issue.json"] == whole["issue.json"]
    assert staged["issue.xml"] == whole["issue.xml"]
    assert staged["issue.akn.xml"] == whole["issue.akn.xml"]


def test_streamed_files_of_an_issue_with_empty_lists(issue, tmp_path):
    bare = issue.model_copy(deep=True)
    bare.documents, bare.tables, bare.paragraphs, bare.toc = [], [], [], []
    _, whole = _build(bare, xml=True, akn=False)
    staged = _staged(prepare_issue(bare, tmp_path, index=False))
    assert staged == whole
    assert b'"documents": []' in staged["issue.json"] and b"<documents/>" in staged["issue.xml"]


def _break_deadline_ref(bad):
    ob = next(o for d in bad.documents for o in d.obligations)
    ob.deadline_ids = list(ob.deadline_ids) + ["no-such-deadline"]


def _break_toc_ref(bad):
    bad.toc[0].document_id = "no-such-document"


def _break_date(bad):
    bad.documents[0].date = "2019年11月14日"


def _duplicate_document(bad):
    bad.documents.append(bad.documents[0].model_copy(deep=True))


@pytest.mark.parametrize("corrupt,field", [
    (_break_deadline_ref, "deadline_ids"),
    (_break_toc_ref, "document_id"),
    (_break_date, "date"),
    (_duplicate_document, "document ids are not unique"),
])
def test_an_invalid_issue_is_refused_with_the_detailed_messages(issue, tmp_path, corrupt, field):
    bad = issue.model_copy(deep=True)
    corrupt(bad)
    with pytest.raises(ValidationFailed) as e:
        write_issue(bad, tmp_path / "out", index=False)
    with pytest.raises(ValidationFailed) as whole:      # the messages of the issue checked whole
        _build(bad, xml=True, akn=False)
    assert e.value.errors == whole.value.errors
    assert e.value.errors[:1] == kbschema.validate_data(json.loads(bad.model_dump_json()))[:1]
    assert any(field in m for m in e.value.errors)
    assert not (tmp_path / "out" / bad.issue.id).exists()    # no empty folder for an issue OUT does not hold


def test_an_invalid_issue_leaves_the_folder_of_a_held_issue(issue, tmp_path):
    write_issue(issue, tmp_path / "out", index=False)
    before = sorted(f.name for f in (tmp_path / "out" / issue.issue.id).iterdir())
    bad = issue.model_copy(deep=True)
    _break_date(bad)
    with pytest.raises(ValidationFailed):
        write_issue(bad, tmp_path / "out", index=False)
    assert sorted(f.name for f in (tmp_path / "out" / issue.issue.id).iterdir()) == before


def test_stream_check_follows_the_whole_issue_check(issue):
    data = json.loads(issue.model_dump_json())

    def streamed(d):
        c = kbschema.StreamCheck()
        c.head({k: ([] if isinstance(v, list) else v) for k, v in d.items()})
        for k, v in d.items():
            if isinstance(v, list):
                for i, x in enumerate(v):
                    c.item(k, i, x)
        return c.ok()

    assert streamed(data) and kbschema.validate_data(data) == []
    cases = [
        lambda d: d["documents"][0].__setitem__("doc_type", "便条"),
        lambda d: d["documents"][0].pop("title"),
        lambda d: d["issue"].__setitem__("id", 7),
        lambda d: d["toc"][0].__setitem__("document_id", "nope"),
        lambda d: d["documents"][1].__setitem__("id", d["documents"][0]["id"]),
        lambda d: d["documents"][0]["provisions"][1].__setitem__("parent", "nope"),
    ]
    if data["tables"]:
        cases.append(lambda d: d["tables"][0].__setitem__("columns", 0))
        cases.append(lambda d: d["tables"][0].__setitem__("document_id", "nope"))
    for corrupt in cases:
        d = json.loads(json.dumps(data))
        corrupt(d)
        assert kbschema.validate_data(d) != []
        assert not streamed(d)


@pytest.mark.parametrize("value,ok", [
    ("2019-11-14", True), ("2024-02-29", True), ("9999-12-31", True),
    ("2023-02-29", False), ("0000-01-01", False), ("2019-1-14", False), ("20191114", False),
    ("２０１９-11-14", False), ("2019-11-14\n", False), ("2019-13-01", False),
])
def test_date_format_is_the_detailed_validators(value, ok):
    from jsonschema import FormatChecker
    assert bool(kbschema.DATE_RE.fullmatch(value)) == (ok or value in ("2023-02-29", "0000-01-01", "2019-13-01"))
    assert kbschema.is_date(value) is ok
    assert FormatChecker().conforms(value, "date") is ok
    v = kbschema._compiled({"type": "string", "format": "date"})
    assert v.is_valid(value) is ok


def test_compiled_validator_decides_like_the_detailed_one(written):
    out, path = written
    data = json.loads(path.read_text(encoding="utf-8"))
    assert kbschema.fast_validator().is_valid(data)
    data["documents"][0]["obligations"][0]["units"][0]["role"] = "boss"
    assert not kbschema.fast_validator().is_valid(data)
    assert any("role" in m for m in kbschema.validate_data(data))


def test_streamed_xml_check_reads_a_broken_file_as_invalid(written, tmp_path):
    from bulletin_pipeline.kb.xml_out import xml_file_valid
    out, path = written
    assert xml_file_valid(path.parent / "issue.xml")
    xml = (path.parent / "issue.xml").read_text(encoding="utf-8")
    bad = tmp_path / "issue.xml"
    bad.write_text(xml.replace('doc_type="意见"', 'doc_type="便条"', 1), encoding="utf-8")
    assert not xml_file_valid(bad)
    bad.write_text(xml[: len(xml) // 2], encoding="utf-8")
    assert not xml_file_valid(bad)


def test_index_made_from_the_issue_is_the_index_made_from_its_file(written, tmp_path):
    import sqlite3

    from bulletin_pipeline.kb.write import KB_NAME, index_into
    out, path = written                     # write_issue indexes from the Issue, a document at a time
    db = tmp_path / KB_NAME
    index_into(db, json.loads(path.read_text(encoding="utf-8")))     # what a recovery indexes: the file

    def rows(p):
        con = sqlite3.connect(p)
        try:
            return [r for r in con.iterdump() if "datasette" not in r]
        finally:
            con.close()

    a, b = rows(out / KB_NAME), rows(db)
    assert len(a) > 100 and a == b


def test_issue_data_is_the_issue_json(issue):
    from bulletin_pipeline.kb.json_out import dump
    from bulletin_pipeline.kb.write import IssueData
    view = IssueData(issue)
    whole = json.loads(dump(issue))
    assert list(view) == list(whole)
    for k, v in whole.items():
        got = view[k]
        assert (list(got) if isinstance(v, list) else got) == v, k
    assert view.get("nothing") is None


def test_packaged_schema_is_the_generated_one():
    """The compiled validators read the schema the package ships; it must be the model's."""
    from conftest import ROOT
    packaged = ROOT / "bulletin_pipeline" / "schemas" / "issue.schema.json"
    assert packaged.read_text(encoding="utf-8") == kbschema.schema_text()
    assert kbschema.published_schema() == kbschema.json_schema()
