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
