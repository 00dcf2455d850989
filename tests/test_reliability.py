"""Bad inputs, faults and fuzzing: every file ends as a result or a one-line error, never a crash or a hang."""
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bulletin_pipeline.batch import run_isolated
from bulletin_pipeline.kb.schema import validate_data

from conftest import CORPUS_PDF, SHARED, shared_path
from pdfmaker import bomb_pdf, make_pdf, text_pdf

KNOWN_CODES = ("encrypted", "not-a-pdf", "broken-xref", "broken-pdf", "no-pages", "no-text", "timeout", "truncated",
               "unreadable", "empty", "too-large", "too-many-pages", "memory", "crashed")
BIN = [sys.executable, "-m", "bulletin_pipeline.cli"]


@pytest.mark.parametrize("backend", ("pdfplumber", "pdfium"))
def test_odd_pdfs_never_crash_or_hang(tmp_path, backend):
    odd = shared_path("odd-pdfs")
    out = tmp_path / "out"
    t = time.perf_counter()
    r = subprocess.run(BIN + ["batch", str(odd), "-o", str(out), "--jobs", "2", "--timeout", "60",
                              "--backend", backend],
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode in (0, 1)
    assert "Traceback" not in r.stdout + r.stderr
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert len(report["records"]) >= 200
    for rec in report["records"]:
        # duplicate: an odd pdf whose issue id another one already has
        assert rec["status"] in ("ok", "duplicate", "failed")
        if rec["status"] == "failed":
            reason = rec["reason"] or ""
            assert "\n" not in reason and reason.split(":")[0] in KNOWN_CODES, (rec["input"], reason)
        else:
            data = json.loads((out / rec["issue_id"] / "issue.json").read_text(encoding="utf-8"))
            assert validate_data(data) == []
    assert time.perf_counter() - t < 1500


def test_non_gazette_gets_warnings_not_invented_documents(tmp_path):
    pdf = shared_path("realworld", "pdfs", "hongze_district_2023_zfxxgk_annual_report.pdf")
    from bulletin_pipeline.pipeline import run
    issue, _ = run(pdf)
    assert issue.documents == []
    codes = {w.code for w in issue.warnings}
    assert {"no-toc", "no-documents"} <= codes


def test_english_text_pdf(tmp_path):
    f = tmp_path / "paper.pdf"
    f.write_bytes(text_pdf(["An English paper about nothing in particular."] * 20))
    from bulletin_pipeline.pipeline import run
    issue, _ = run(f)
    assert issue.documents == [] and issue.paragraphs
    assert any(w.code == "no-documents" for w in issue.warnings)


def test_limits_have_clear_messages(tmp_path):
    f = tmp_path / "three.pdf"
    f.write_bytes(text_pdf(["page"], pages=3))
    r = subprocess.run(BIN + ["run", str(f), "-o", str(tmp_path), "--max-pages", "2"], capture_output=True, text=True)
    assert r.returncode == 1 and "too-many-pages" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(BIN + ["run", str(f), "-o", str(tmp_path), "--max-mb", "0.0001"], capture_output=True, text=True)
    assert r.returncode == 1 and "too-large" in r.stderr


def test_decompression_bomb_is_stopped(tmp_path):
    f = tmp_path / "bomb.pdf"
    f.write_bytes(bomb_pdf(1500))     # 1.5 GB of spaces behind a few MB
    rec = run_isolated(str(f), str(tmp_path / "out"), timeout=60, memory_mb=600)
    assert rec["status"] == "failed"
    assert rec["reason"].split(":")[0] in ("memory", "crashed", "timeout"), rec["reason"]


def test_killed_runs_leave_no_partial_outputs(tmp_path):
    """SIGKILL a batch at random moments; afterwards every visible output is whole and the batch resumes."""
    src = tmp_path / "in"
    src.mkdir()
    data = CORPUS_PDF.read_bytes()
    for i in range(3):   # three distinct inputs (a comment changes the bytes, not the content)
        (src / f"issue{i}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
    out = tmp_path / "out"
    rnd = random.Random(7)
    for _ in range(int(os.environ.get("BULLETIN_KILLS", "10"))):
        p = subprocess.Popen(BIN + ["batch", str(src), "-o", str(out), "--jobs", "2"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rnd.uniform(0.3, 4.0))
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        _check_outputs(out)
    r = subprocess.run(BIN + ["batch", str(src), "-o", str(out), "--jobs", "2"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    _check_outputs(out)
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    # three copies of one issue: one is held, the others are duplicates
    assert {r["status"] for r in report["records"]} <= {"ok", "skipped", "duplicate"}
    import sqlite3
    con = sqlite3.connect(out / "kb.sqlite")
    assert con.execute("SELECT count(*) FROM issues").fetchone()[0] >= 1
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _check_outputs(out):
    for f in out.glob("*/issue.json"):
        assert validate_data(json.loads(f.read_text(encoding="utf-8"))) == []
    for f in out.glob("*/issue.xml"):
        from bulletin_pipeline.kb.xml_out import parse_safe, validate_xml
        assert validate_xml(parse_safe(f.read_bytes())) == []
    m = out / ".bulletin-manifest.json"
    if m.exists():
        json.loads(m.read_text(encoding="utf-8"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10 ** 9), st.integers(0, 255), st.sampled_from(["flip", "insert", "delete"])),
                min_size=1, max_size=20))
def test_mutated_pdf_bytes(tmp_path, mutations):
    data = bytearray(text_pdf(["Gazette line %d" % i for i in range(15)]) if SHARED is None else
                     make_pdf(b"BT /F1 12 Tf 20 200 Td (mutate me if you can, fuzzer) Tj ET"))
    for pos, byte, op in mutations:
        i = pos % max(1, len(data))
        if op == "flip":
            data[i] = byte
        elif op == "insert":
            data.insert(i, byte)
        elif len(data) > 1:
            del data[i]
    f = tmp_path / "mutant.pdf"
    f.write_bytes(bytes(data))
    rec = run_isolated(str(f), str(tmp_path / "out"), timeout=30, memory_mb=1500)
    assert rec["status"] in ("ok", "duplicate", "failed")   # duplicate: an earlier example, same id
    if rec["status"] == "failed":
        assert rec["reason"].split(":")[0] in KNOWN_CODES, rec["reason"]


def test_mutated_gazette_bytes(tmp_path):
    """A few mutants of the real gazette (bounded): each a result or a known one-line failure."""
    rnd = random.Random(11)
    base = CORPUS_PDF.read_bytes()
    for k in range(3):
        data = bytearray(base)
        for _ in range(rnd.randint(1, 50)):
            i = rnd.randrange(len(data))
            data[i] = rnd.randrange(256)
        f = tmp_path / f"m{k}.pdf"
        f.write_bytes(bytes(data))
        rec = run_isolated(str(f), str(tmp_path / "out"), timeout=60, memory_mb=1500)
        assert rec["status"] == "ok" or rec["reason"].split(":")[0] in KNOWN_CODES, rec["reason"]
