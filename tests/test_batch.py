"""Batch: fault isolation, incremental re-runs, the report, the index, Dask parity."""
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from bulletin_pipeline.batch import BatchConfig, collect, run_batch, run_isolated
from bulletin_pipeline.cli import cli

from conftest import CORPUS_PDF, SHARED


@pytest.fixture
def mixed_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(CORPUS_PDF, d / "good.pdf")
    (d / "truncated.pdf").write_bytes(CORPUS_PDF.read_bytes()[:200_000])
    (d / "notes.pdf").write_text("this is a text file renamed .pdf", encoding="utf-8")
    if SHARED is not None:
        shutil.copy(SHARED / "odd-pdfs" / "pypdf__encrypted-file.pdf", d / "encrypted.pdf")
    return d


def test_batch_isolates_failures_and_resumes(mixed_folder, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["batch", str(mixed_folder), "-o", str(out), "--jobs", "2", "--timeout", "120"])
    assert r.exit_code == 1, r.output
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    by = {r["input"].split("/")[-1]: r for r in report["records"]}
    assert by["good.pdf"]["status"] == "ok" and by["good.pdf"]["pages"] == 36
    assert by["truncated.pdf"]["status"] == "failed" and by["truncated.pdf"]["reason"].startswith("truncated")
    assert by["notes.pdf"]["reason"].startswith("not-a-pdf")
    if "encrypted.pdf" in by:
        assert by["encrypted.pdf"]["reason"].startswith("encrypted")
    assert all("\n" not in (x["reason"] or "") for x in report["records"])
    assert "Traceback" not in r.output
    con = sqlite3.connect(out / "kb.sqlite")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    # run again: the good file is skipped (bench/kb_edition.py times it)
    r = CliRunner().invoke(cli, ["batch", str(mixed_folder), "-o", str(out), "--timeout", "120"])
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in report["records"] if r["input"].endswith("good.pdf")} == {"skipped"}
    # --force reprocesses it, and the index still has one copy
    r = CliRunner().invoke(cli, ["batch", str(mixed_folder / "good.pdf"), "-o", str(out), "--force"])
    assert r.exit_code == 0
    assert json.loads((out / "batch-report.json").read_text())["records"][0]["status"] == "ok"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8


def test_timeout_and_memory_guard(tmp_path):
    rec = run_isolated(str(CORPUS_PDF), str(tmp_path), timeout=0.2, memory_mb=0)
    assert rec["status"] == "failed" and rec["reason"].startswith("timeout")
    from pdfmaker import bomb_pdf
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(800))         # inflates to 800 MB: more than the 200 MB allowed
    rec = run_isolated(str(bomb), str(tmp_path), timeout=60, memory_mb=200)
    assert rec["status"] == "failed" and rec["reason"].split(":")[0] in ("memory", "crashed"), rec["reason"]
    assert not list(tmp_path.rglob("issue.json"))


def test_collect_files_folders_globs(mixed_folder):
    assert len(collect([str(mixed_folder)])) >= 3
    assert [p.name for p in collect([str(mixed_folder / "g*.pdf")])] == ["good.pdf"]
    assert collect([str(mixed_folder / "good.pdf"), str(mixed_folder)])[0].name == "good.pdf"


def test_dask_local_cluster_matches_local_pool(tmp_path):
    pytest.importorskip("distributed")
    a, b = tmp_path / "pool", tmp_path / "dask"
    recs_a = run_batch([CORPUS_PDF], BatchConfig(outdir=a, jobs=2, timeout=300))
    recs_b = run_batch([CORPUS_PDF], BatchConfig(outdir=b, jobs=2, timeout=300), executor="dask")
    assert [r["status"] for r in recs_a] == [r["status"] for r in recs_b] == ["ok"]
    ja = (a / recs_a[0]["issue_id"] / "issue.json").read_bytes()
    jb = (b / recs_b[0]["issue_id"] / "issue.json").read_bytes()
    assert ja == jb
    strip = lambda rs: [{k: v for k, v in r.items() if k not in ("duration", "output")} for r in rs]
    assert strip(recs_a) == strip(recs_b)


def test_batch_reports_stages_and_pages_of_running_files(tmp_path):
    """A worker tells the batch each stage and each page as it reads it (the terminal shows them per file)."""
    seen = []
    recs = run_batch([CORPUS_PDF], BatchConfig(outdir=tmp_path, jobs=1, timeout=300, index=False),
                     page_progress=lambda name, stage, done=None, total=None: seen.append((name, stage, done, total)))
    assert recs[0]["status"] == "ok"
    assert {name for name, *_ in seen} == {str(CORPUS_PDF.resolve())}
    pages = [(d, t) for _, stage, d, t in seen if stage == "reading pages"]
    assert pages == [(i, 36) for i in range(1, 37)]
    stages = [stage for _, stage, *_ in seen if stage != "reading pages"]
    assert stages == ["read", "ocr", "layout", "structure", "reconcile", "classify", "extract", "write"]


def test_run_reports_ocr_pages(tmp_path):
    """OCR tells the run each page it has read (the terminal's stage line counts them)."""
    from conftest import SCAN_PDF
    from bulletin_pipeline.ingest.ocr import available
    from bulletin_pipeline.pipeline import load
    if not available():
        pytest.skip("no OCR engine")
    seen = []
    load(SCAN_PDF, progress=lambda stage, done=None, total=None: seen.append((stage, done, total)))
    assert [(d, t) for s, d, t in seen if s == "OCR"] == [(i, 5) for i in range(0, 6)]


def test_fork_server_loads_jieba_only_for_a_batch_that_may_ocr():
    """jieba's dictionary (1.5 CPU-s of the fork server's warm-up, before the first file can start) is what
    OCR repairs read: a --no-ocr batch's workers start without it."""
    from multiprocessing import forkserver

    from bulletin_pipeline import batch
    from bulletin_pipeline.lexicon import Resources
    saved = list(forkserver._forkserver._preload_modules)
    try:
        if batch._context(words=False).get_start_method() != "forkserver":
            pytest.skip("no fork server on this platform")
        assert forkserver._forkserver._preload_modules == ["bulletin_pipeline.batch.server"]
        batch._context(words=True)
        assert forkserver._forkserver._preload_modules[-1] == "bulletin_pipeline.batch.words"
    finally:
        forkserver._forkserver._preload_modules = saved
    r = Resources().warm(words=False)
    assert "gazetteer" in r.__dict__ and "pinyin" in r.__dict__ and "tokenizer" not in r.__dict__


# --------------------------------------------------------------------------- the batch process's share of a file
@pytest.fixture(scope="module")
def small_inputs(tmp_path_factory):
    """Three distinct issues, small: two pages of the bundled gazette, a made gazette issue and a made 公文."""
    import pypdfium2 as pdfium

    import pdfmaker
    from conftest import ROOT
    d = tmp_path_factory.mktemp("small")
    src = pdfium.PdfDocument(str(CORPUS_PDF))
    try:
        doc = pdfium.PdfDocument.new()
        doc.import_pages(src, [2, 3])
        doc.save(str(d / "a-slice.pdf"))
        doc.close()
    finally:
        src.close()
    texts = json.loads((ROOT / "tests" / "data" / "gongwen_texts.json").read_text(encoding="utf-8"))
    made = pdfmaker.sample_pdfs(tmp_path_factory.mktemp("made"), texts)
    shutil.copy(made["issue"], d / "b-issue.pdf")
    shutil.copy(made["single"], d / "c-single.pdf")
    return sorted(d.glob("*.pdf"))


def _rows(db) -> dict:
    """Every row of every table of a KB, with its rowid (what a query, a join on rowid or FTS sees)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for n in names:
            try:
                out[n] = con.execute(f'SELECT rowid, * FROM "{n}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:        # a WITHOUT ROWID table (FTS5's own): in key order
                out[n] = con.execute(f'SELECT * FROM "{n}"').fetchall()
        return out
    finally:
        con.close()


def test_batch_kb_is_the_kb_index_builds_from_its_outputs(small_inputs, tmp_path):
    """The batch indexes each issue from the rows its worker made from the issue in memory; `bulletin index`
    from the published issue.json files: the two KBs hold the same rows with the same rowids."""
    from bulletin_pipeline.kb.index import rebuild
    out = tmp_path / "out"
    inputs = [CORPUS_PDF] + small_inputs[1:]        # the whole gazette: obligations, deadlines, tables…
    recs = run_batch(inputs, BatchConfig(outdir=out, jobs=2, timeout=300, ocr=False))
    assert [r["status"] for r in recs] == ["ok"] * 3, [r["reason"] for r in recs]
    assert len({r["issue_id"] for r in recs}) == 3
    assert all("handoff" not in r and "journal" not in r for r in recs)
    db = tmp_path / "rebuilt.sqlite"
    rebuild(db, [out / r["issue_id"] / "issue.json" for r in recs])     # in the order the batch committed them
    a, b = _rows(out / "kb.sqlite"), _rows(db)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert len(a["documents"]) > 10 and len(a["provisions"]) > 100 and len(a["provisions_fts"]) == len(a["provisions"])
    assert a["obligations"] and a["obligation_units"] and a["units"] and a["deadlines"]
    assert len(a["issue_sources"]) == 3


def test_batch_process_never_reads_a_staged_issue_json_back(small_inputs, tmp_path, monkeypatch):
    """The worker hands the batch the source's summary and the KB rows of the issue it holds: the batch
    process decides and commits without opening (and parsing) the staged issue.json."""
    import builtins
    import io
    import re
    opened = []
    real_open = io.open

    def spy(file, *a, **k):
        opened.append(str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    recs = run_batch(small_inputs[:1], BatchConfig(outdir=tmp_path / "out", jobs=1, timeout=300, ocr=False))
    assert [r["status"] for r in recs] == ["ok"], recs
    staged = [f for f in opened if re.search(r"/\.issue\.json\.[^/]*\.tmp$", f)]
    assert not staged, staged
    assert any(f.endswith("sources.json") for f in opened)      # the spy saw the batch's own files


def test_a_superseded_staged_write_is_not_committed(issue, tmp_path):
    """Two writes of one issue staged one after the other (two inputs of the same issue): the first one's
    handoff no longer matches the journal, so committing it changes nothing; the second commits."""
    from bulletin_pipeline.kb.write import KB_NAME, Superseded, commit, handoff, prepare_issue
    first = prepare_issue(issue, tmp_path)
    ho1 = handoff(issue, first)
    second = prepare_issue(issue, tmp_path)           # rolls the first staged write back
    ho2 = handoff(issue, second)
    assert ho1.files != ho2.files and ho1.summary == ho2.summary
    with pytest.raises(Superseded):
        commit(first, db=tmp_path / KB_NAME, handoff=ho1)
    assert not (tmp_path / KB_NAME).exists() and not (tmp_path / issue.issue.id / "issue.json").exists()
    commit(second, db=tmp_path / KB_NAME, handoff=ho2)
    assert (tmp_path / issue.issue.id / "issue.json").exists()
    assert not list((tmp_path / issue.issue.id).glob(".*"))     # no temp file, no journal left
    with pytest.raises(Superseded):                  # committed already: its journal is gone
        commit(second, db=tmp_path / KB_NAME, handoff=ho2)


def test_per_file_processes_do_not_run_the_batch_script_again(small_inputs, tmp_path):
    """multiprocessing has every process it starts run the parent's main script again (for `bulletin batch`
    the command line's imports, 0.15 CPU-s a file); the per-file processes need none of it and skip it.
    And the batch process, which runs no stage, never imports the stages (its start overlaps the warm-up)."""
    import subprocess
    import sys
    from conftest import ROOT
    marks = tmp_path / "marks"
    script = tmp_path / "main_script.py"
    script.write_text(
        "import os\n"
        f"open({str(marks)!r}, 'a').write(str(os.getpid()) + '\\n')\n"
        "if __name__ == '__main__':\n"
        "    import sys\n"
        "    from pathlib import Path\n"
        "    from bulletin_pipeline.batch import BatchConfig, run_batch\n"
        "    recs = run_batch([Path(p) for p in sys.argv[2:]], BatchConfig(outdir=Path(sys.argv[1]), jobs=2,\n"
        "                     ocr=False, index=False, timeout=300))\n"
        "    print(' '.join(r['status'] for r in recs))\n"
        "    print(sorted(m for m in ('bulletin_pipeline.pipeline', 'bulletin_pipeline.extract',\n"
        "                             'bulletin_pipeline.structure', 'bulletin_pipeline.layout') if m in sys.modules))\n",
        encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(tmp_path / "out"), *map(str, small_inputs[:2])],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0 and r.stdout.splitlines() == ["ok ok", "[]"], r.stdout + r.stderr
    assert len(marks.read_text().split()) == 1       # the batch process alone ran it


def test_manifest_is_saved_at_intervals_and_at_the_end(small_inputs, tmp_path, monkeypatch):
    """The manifest is rewritten whole: not after every file (a cost that grows with the files done) but at
    most every manifest_every seconds and once at the end, which a re-run then reads."""
    from bulletin_pipeline import batch
    saves = []
    real = batch.save_manifest
    monkeypatch.setattr(batch, "save_manifest", lambda out, m: (saves.append(len(m)), real(out, m)))
    out = tmp_path / "out"
    cfg = BatchConfig(outdir=out, jobs=2, timeout=300, ocr=False, manifest_every=3600)
    assert [r["status"] for r in run_batch(small_inputs, cfg)] == ["ok"] * 3
    assert saves == [3]
    assert [r["status"] for r in run_batch(small_inputs, cfg)] == ["skipped"] * 3
    assert saves == [3]         # nothing new to remember


def test_two_inputs_of_one_issue_in_flight_keep_the_more_complete(tmp_path):
    """The whole gazette and its first pages are one issue.  Staged one after the other before the batch
    process decides on either (two workers ending together), the later staging must not throw the earlier
    away: the batch decides on both, and OUT holds the whole issue, the part being a duplicate."""
    import pypdfium2 as pdfium

    from bulletin_pipeline import batch
    from bulletin_pipeline.kb.index import connect
    part = tmp_path / "part.pdf"
    src = pdfium.PdfDocument(str(CORPUS_PDF))
    try:
        doc = pdfium.PdfDocument.new()
        doc.import_pages(src, list(range(6)))
        doc.save(str(part))
        doc.close()
    finally:
        src.close()
    out = (tmp_path / "out").resolve()
    out.mkdir()
    cfg = BatchConfig(outdir=out, jobs=2, ocr=False)
    whole = batch.process_one(str(CORPUS_PDF), str(out), ocr=False)
    half = batch.process_one(str(part), str(out), ocr=False)       # staged after the whole issue was
    assert whole["status"] == half["status"] == "ok" and whole["issue_id"] == half["issue_id"]
    con = connect(out / "kb.sqlite")
    try:
        for rec in (whole, half):
            batch._publish(rec, cfg, con, None)
    finally:
        con.close()
    assert (whole["status"], half["status"]) == ("ok", "duplicate"), (whole.get("reason"), half.get("reason"))
    data = json.loads((out / whole["issue_id"] / "issue.json").read_text(encoding="utf-8"))
    assert data["source"]["sha256"] == whole["sha256"] and data["source"]["page_count"] == 36
    con = sqlite3.connect(out / "kb.sqlite")
    assert con.execute("SELECT page_count FROM issues").fetchall() == [(36,)]
    assert not list(out.rglob(".*.tmp")) and not list(out.rglob(".commit.json"))


# --------------------------------------------------------------------------- start-up
def test_the_command_starts_the_workers_before_its_display(small_inputs, tmp_path, monkeypatch):
    """`bulletin batch` starts the fork server (a second of warm-up every batch waits for) before it loads
    its progress display, so that the two overlap; a re-run with nothing to do starts none."""
    import rich.progress

    from bulletin_pipeline import batch
    events = []
    start = batch.start_workers
    monkeypatch.setattr(batch, "start_workers", lambda cfg: (events.append("workers"), start(cfg))[1])
    enter = rich.progress.Progress.__enter__
    monkeypatch.setattr(rich.progress.Progress, "__enter__", lambda self: (events.append("display"), enter(self))[1])
    out = tmp_path / "out"
    args = ["batch", *map(str, small_inputs[:1]), "-o", str(out), "--jobs", "1", "--no-ocr"]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert events[:2] == ["workers", "display"]
    events.clear()
    r = CliRunner().invoke(cli, args)       # everything done: skipped, no worker started
    assert r.exit_code == 0 and "skipped 1" in r.output, r.output
    assert events == ["display"]
