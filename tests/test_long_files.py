"""A file longer than a run and a half of pages is read a window of pages at a time (Pipeline.process_long):
its settled documents are built, extracted and put to disk as it goes, so memory stays flat in the page count.
Here the bundled issue is made "long" with small runs, and what comes out is compared with the whole-issue
path on the same runs: the same issue, the same bytes written."""
import gc
import json
from collections import Counter

import pytest

from bulletin_pipeline import pipeline as P
from bulletin_pipeline.kb.write import issue_data
from bulletin_pipeline.model import Line
from bulletin_pipeline.pipeline import Pipeline, RunConfig, WriteConfig, run
from bulletin_pipeline.spool import Spooled

from conftest import CORPUS_PDF, shared_path


def _config(chunk: int, **structure) -> RunConfig:
    cfg = RunConfig.from_options(ocr=False)
    cfg.chunk_pages = chunk
    for k, v in structure.items():
        setattr(cfg.structure, k, v)
    return cfg


def _whole(monkeypatch, cfg: RunConfig, pdf=CORPUS_PDF):
    """The issue as the whole-issue path reads it, with the same runs of pages."""
    with monkeypatch.context() as m:
        m.setattr(P, "_long", lambda work: False)
        return Pipeline(cfg).process(pdf).issue


@pytest.mark.parametrize("chunk", [3, 5, 12])
def test_a_long_file_read_in_windows_gives_the_whole_issue(monkeypatch, chunk):
    """The 聊城 issue has a story continued from page 13 to page 31 （下转第31页）: with runs of 3 to 12 pages
    the document waits for its tail across windows, and every document, paragraph, table and warning
    comes out as the whole-issue path gives it."""
    cfg = _config(chunk)
    long_ = Pipeline(cfg).process(CORPUS_PDF).issue
    assert isinstance(long_.documents, Spooled) and isinstance(long_.paragraphs, Spooled)
    want = issue_data(_whole(monkeypatch, cfg))
    got = issue_data(long_)
    assert len(got["documents"]) == len(want["documents"]) == 8
    assert any(d["continued"] for d in got["documents"])
    assert got == want


def test_a_long_file_writes_the_same_bytes(monkeypatch, tmp_path):
    cfg = _config(5)
    Pipeline(cfg).run(CORPUS_PDF, tmp_path / "long", WriteConfig(akn=True))
    with monkeypatch.context() as m:
        m.setattr(P, "_long", lambda work: False)
        Pipeline(cfg).run(CORPUS_PDF, tmp_path / "whole", WriteConfig(akn=True))
    for name in ("issue.json", "issue.xml", "issue.akn.xml"):
        a = sorted((tmp_path / "long").glob(f"*/{name}"))
        b = sorted((tmp_path / "whole").glob(f"*/{name}"))
        assert len(a) == len(b) == 1 and a[0].read_bytes() == b[0].read_bytes(), name
    import sqlite3
    rows = []
    for side in ("long", "whole"):
        con = sqlite3.connect(tmp_path / side / "kb.sqlite")
        rows.append(sorted(con.execute("select document_key, id, text from obligations").fetchall()))
        con.close()
    assert rows[0] == rows[1] and len(rows[0]) > 100


@pytest.mark.skipif(not shared_path("corpus", "policy-dev-2024-02.pdf").exists(), reason="needs ../shared")
def test_the_second_dev_issue_in_windows(monkeypatch):
    pdf = shared_path("corpus", "policy-dev-2024-02.pdf")
    cfg = _config(4)
    assert issue_data(Pipeline(cfg).process(pdf).issue) == issue_data(_whole(monkeypatch, cfg, pdf))


def test_a_document_longer_than_the_hold_is_written_in_parts_and_nothing_is_lost(monkeypatch):
    cfg = _config(3, hold_pages=4)
    issue = Pipeline(cfg).process(CORPUS_PDF).issue
    whole = _whole(monkeypatch, cfg)
    parts = [w for w in issue.warnings if w.code == "document-in-parts"]
    assert parts
    docs = list(issue.documents)
    titles = [d.title for d in docs]
    for w in parts:       # the next part carries the title of the document it goes on with
        cut = next(d for d in docs if d.id == w.document_id)
        assert titles.count(cut.title) >= 2
    # every char of every document is still in one (a story whose （下转） tail comes after the cut is not
    # stitched: its tail stays where it is printed, in the document before it)
    def chars(ds):
        return Counter(c for d in ds for dp in d.paragraphs for c in dp.text if not c.isspace())
    assert chars(docs) == chars(whole.documents)
    assert len(issue.paragraphs) == len(whole.paragraphs)
    assert any(w.code == "continuation-unmatched" for w in issue.warnings)


def test_no_layout_line_outlives_its_window(monkeypatch):
    """Lines of the pages whose documents are built are let go of as the windows go by."""
    def lines() -> int:
        gc.collect()
        return sum(type(o) is Line for o in gc.get_objects())
    before = lines()            # lines other tests' fixtures hold
    _, pages = run(CORPUS_PDF)
    total = sum(len(p.lines) + len(p.furniture) for p in pages)
    del _, pages
    seen = []

    def progress(stage, done=None, total=None):
        if stage == "extract":
            seen.append(lines() - before)
    Pipeline(_config(4), progress=progress).process(CORPUS_PDF)
    assert len(seen) >= 6 and total > 2000
    # the story cut at page 15 (（下转第31页）, no （上接） found) holds what follows it until page 31 is read; then
    # it is let go of
    assert max(seen) < 0.7 * total and seen[-1] < 0.1 * total, (seen, total)
    assert lines() - before < 50


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_reopening_the_file_reads_the_same_pages(monkeypatch, backend):
    """Both readers close and reopen the file every REOPEN_PAGES pages (their parsers keep what they parsed
    until the file is closed), pdfminer's finding its place again without making the pages before it: the pages
    read are the same."""
    from bulletin_pipeline.ingest import pdf, pdfium
    from bulletin_pipeline.ingest.pdf import IngestConfig, read_pages

    def pages():
        return [(p.number, p.width, p.height, [(c.text, c.x0, c.top, c.font) for c in p.chars], p.hrules)
                for p in read_pages(CORPUS_PDF, IngestConfig(backend=backend))]
    plain = pages()
    monkeypatch.setattr(pdfium, "REOPEN_PAGES", 7)
    monkeypatch.setattr(pdf, "REOPEN_PAGES", 7)
    assert pages() == plain and len(plain) == 36


def test_a_spool_reads_back_what_went_in(tmp_path):
    s = Spooled([{"a": 1}, [2, 3], "四"])
    s.append({"b": "五"})
    assert len(s) == 4 and list(s) == [{"a": 1}, [2, 3], "四", {"b": "五"}]
    assert s[-1] == {"b": "五"} and s[1:3] == [[2, 3], "四"]
    x = s[0]
    x["a"] = 9                      # a copy: the spool is not changed
    assert s[0] == {"a": 1}
    with pytest.raises(IndexError):
        s[4]
    assert json.dumps(list(s), ensure_ascii=False)
