"""What a run holds as it goes: one run of raw pages between reading, OCR and layout; no layout lines once
the documents are built; no per-instance bookkeeping in the models the issue is made of."""
import gc

import pytest

from bulletin_pipeline.model import Paragraph, Prov, RawPage, page_runs

from conftest import CORPUS_PDF


def _runs_as_read(n: int, size: int, total):
    """(the runs' page numbers, pages read when each run was handed on) for a file of ``n`` pages."""
    read = []

    def pages():
        for k in range(1, n + 1):
            read.append(k)
            yield k
    got, when = [], []
    for run in page_runs(pages(), size, total):
        got.append(list(run))
        when.append(len(read))
    return got, when


@pytest.mark.parametrize("size", [1, 2, 6, 200])
def test_page_runs_are_the_same_whether_the_page_count_is_known_or_not(size):
    for n in list(range(1, 40)) + [299, 300, 301, 576, 2016]:
        unknown, _ = _runs_as_read(n, size, None)
        assert _runs_as_read(n, size, n)[0] == unknown, (n, size)
        assert _runs_as_read(n, size, lambda: n)[0] == unknown, (n, size)
        assert [p for r in unknown for p in r] == list(range(1, n + 1))


def test_a_run_is_handed_on_when_its_last_page_is_read_once_the_count_is_known():
    runs, when = _runs_as_read(576, 200, 576)
    assert [len(r) for r in runs] == [200, 200, 176]
    assert when == [200, 400, 576]                       # no page read ahead
    _, ahead = _runs_as_read(576, 200, None)
    assert ahead == [300, 500, 576]                      # unknown: half a run read ahead to see the end


def test_a_count_short_of_the_pages_falls_back_to_reading_ahead():
    runs, _ = _runs_as_read(50, 6, 10)                  # a reader that said 10 pages and gave 50
    assert [p for r in runs for p in r] == list(range(1, 51)) and max(map(len, runs)) < 9


def test_reading_ocr_and_layout_hold_one_run_of_raw_pages():
    """Counted as each page is read (the reader tells the progress before it makes the page): the run being
    read is all there is, the run before it let go of by OCR and layout alike."""
    from bulletin_pipeline.pipeline import Pipeline, RunConfig

    def raw_pages() -> int:
        return sum(type(o) is RawPage for o in gc.get_objects())
    before = raw_pages()         # pages other tests' fixtures hold
    alive = []

    def progress(stage, done=None, total=None):
        if stage == "reading pages" and done:
            alive.append(raw_pages() - before)
    work = Pipeline(RunConfig(chunk_pages=6), progress=progress).process(CORPUS_PDF, until="layout")
    assert len(work.pages) == 36 and len(alive) == 36
    assert max(alive) <= 6, alive     # 20 while OCR and layout each gathered a run and a half of their own


def test_no_layout_lines_are_kept_after_structure():
    from bulletin_pipeline.pipeline import Pipeline, run
    work = Pipeline().process(CORPUS_PDF, until="structure")
    assert work.issue.documents and work.issue.paragraphs
    assert not any(pg.lines or pg.furniture for pg in work.pages)
    assert not any(p.lines for p in work.issue.paragraphs)
    _, pages = run(CORPUS_PDF)                          # the library helper keeps them for tools
    assert sum(len(pg.lines) for pg in pages) > 1000 and any(pg.furniture for pg in pages)


def test_models_share_one_fields_set_per_class():
    a = Paragraph(text="甲", page=1, bbox=[0, 0, 1, 1])
    b = Paragraph(text="乙", page=2, bbox=[0, 0, 1, 1], kind="title", prov=[Prov(page=2, bbox=[0, 0, 1, 1])])
    assert a.model_fields_set is b.model_fields_set == set(Paragraph.model_fields)
    assert b.prov[0].model_fields_set is Prov(page=3, bbox=[1, 1, 2, 2]).model_fields_set
    a.kind = "heading"                                  # assignment still works, and touches no other model
    assert (a.kind, b.kind) == ("heading", "title")
    assert a.model_dump(exclude={"lines", "table"})["kind"] == "heading"


def test_read_pages_share_one_float_per_coordinate_value():
    """The read stage hands on pages whose chars share a float object per distinct value, values unchanged."""
    from bulletin_pipeline.ingest.pdf import read_pages
    from bulletin_pipeline.pipeline import Pipeline
    staged = list(Pipeline().process(CORPUS_PDF, until="read").raw)[:6]
    plain = list(read_pages(CORPUS_PDF))[:6]
    for got, want in zip(staged, plain):
        assert [(c.text, c.x0, c.x1, c.top, c.bottom, c.size) for c in got.chars] == \
               [(c.text, c.x0, c.x1, c.top, c.bottom, c.size) for c in want.chars]
        for field in ("x0", "x1", "top", "bottom", "size"):
            values = [getattr(c, field) for c in got.chars if getattr(c, field)]
            assert len({id(v) for v in values}) == len(set(values)), field
    tops = [c.top for c in plain[1].chars]
    assert len({id(v) for v in tops}) > 2 * len(set(tops))      # as read, a float a char
