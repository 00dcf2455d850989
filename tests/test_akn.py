"""Akoma Ntoso 3.0 export: valid against the OASIS schema, counts equal to issue.json."""

from click.testing import CliRunner
from lxml import etree

from bulletin_pipeline.cli import cli
from bulletin_pipeline.kb.akn import AKN, export, validate

from conftest import ROOT

NS = {"a": AKN}


def test_akn_validates_and_round_trips(issue_json):
    xml, stats = export(issue_json)
    assert validate(xml) == []
    root = etree.fromstring(xml)
    docs = issue_json["documents"]
    comps = root.findall(".//a:collectionBody/a:component", NS)
    assert len(comps) == len(docs) == stats.documents
    for comp, d in zip(comps, docs):
        work = comp.find("a:doc/a:meta/a:identification/a:FRBRWork", NS)
        if d["doc_number"]:
            assert work.find("a:FRBRnumber", NS).get("value") == d["doc_number"]
        if d["doc_type"]:
            assert work.find("a:FRBRsubtype", NS).get("value") == d["doc_type"]
            assert comp.find("a:doc", NS).get("name") == d["doc_type"]
        assert comp.find(".//a:preface//a:docTitle", NS).text == d["title"]
    assert len(root.findall(".//a:hcontainer", NS)) == sum(len(d["provisions"]) for d in docs)
    assert len(root.findall(".//a:mainBody//a:date", NS)) == sum(
        1 for d in docs for x in d["deadlines"] if x["end"] or x["start"])
    assert len(root.findall(".//a:quantity", NS)) == sum(len(d["targets"]) for d in docs)
    assert stats.unplaced == []
    # every unit of every obligation is an <organization> pointing at a TLCOrganization
    tlc = {e.get("eId"): e.get("showAs") for e in root.findall(".//a:references/a:TLCOrganization", NS)}
    orgs = root.findall(".//a:mainBody//a:organization", NS)
    referenced = {o.get("refersTo")[1:] for o in orgs}
    assert referenced <= set(tlc)
    names = {tlc[r] for r in referenced}
    for d in docs:
        for o in d["obligations"]:
            for u in o["units"]:
                assert (u["canonical"] or u["name"]) in names, u
    ids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert len(ids) == len(set(ids))


def test_published_akn_schema_matches_package():
    for name in ("akomantoso30.xsd", "xml.xsd"):
        assert (ROOT / "schemas" / "ext" / name).read_bytes() == \
            (ROOT / "bulletin_pipeline" / "schemas" / "ext" / name).read_bytes()


def test_export_commands(written, tmp_path):
    out, path = written
    r = CliRunner().invoke(cli, ["export", "akn", str(path.parent), "-o", str(tmp_path / "x.akn.xml")])
    assert r.exit_code == 0, r.output
    assert validate((tmp_path / "x.akn.xml").read_bytes()) == []
    r = CliRunner().invoke(cli, ["export", "docbin", str(path.parent), "-o", str(tmp_path / "u.spacy")])
    assert r.exit_code == 0, r.output
    from spacy.tokens import DocBin
    from bulletin_pipeline.extract.nlp import make_nlp
    docs = list(DocBin().from_disk(tmp_path / "u.spacy").get_docs(make_nlp().vocab))
    assert docs and any(len(d.spans["units"]) for d in docs)
    labels = {s.label_ for d in docs for s in d.spans["units"]}
    assert {"LEAD", "SUPPORT", "RESPONSIBLE"} <= labels
