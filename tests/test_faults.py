"""Faults and hostile input: batch workers that cannot deadlock or outlive their batch, one commit protocol per
issue (kill -9 at any fsync leaves the old state or the new one), atomic KB rebuilds, hostile names, ids and
JSON, damaged PDFs, and the same time/memory bound for `run` and `edition` as for `batch`."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_pipeline.batch import BatchConfig, run_batch, run_isolated
from bulletin_pipeline.cli import cli

from conftest import CORPUS_PDF
from pdfmaker import bomb_pdf, make_pdf, text_pdf

BIN = [sys.executable, "-m", "bulletin_pipeline.cli"]
STRACE = shutil.which("strace")


def _one_line_error(r) -> str:
    """The error output of a failed command: exactly one line, no traceback."""
    text = (r.stderr if hasattr(r, "stderr") and isinstance(r.stderr, str) else r.output).strip()
    assert "Traceback" not in text, text
    assert len(text.splitlines()) == 1, text
    return text


@pytest.fixture(scope="session")
def slices(tmp_path_factory):
    """Twelve two-page slices of the bundled gazette (small, distinct inputs)."""
    import pypdfium2 as pdfium
    d = tmp_path_factory.mktemp("slices")
    src = pdfium.PdfDocument(str(CORPUS_PDF))
    try:
        for i in range(12):
            doc = pdfium.PdfDocument.new()
            doc.import_pages(src, [2 * i, 2 * i + 1])
            doc.save(str(d / f"s{i:02d}.pdf"))
            doc.close()
    finally:
        src.close()
    return d


# --------------------------------------------------------------------------- batch workers
def test_worker_inherits_no_lock_held_in_the_batch(slices, tmp_path, monkeypatch):
    """A lock held by another thread of the batch while a worker starts (here tempfile's, as in the deadlock
    py-spy showed) must not be inherited by the worker: it finishes instead of hanging until the timeout."""
    from multiprocessing import forkserver
    from bulletin_pipeline.batch import _context
    if _context().get_start_method() == "forkserver":
        forkserver.ensure_running()     # the batch starts its fork server before any pool thread runs
    monkeypatch.setattr(tempfile, "_name_sequence", None)
    with tempfile._once_lock:
        rec = run_isolated(str(slices / "s00.pdf"), str(tmp_path), timeout=30, memory_mb=0)
    assert rec["status"] == "ok", rec


def test_repeated_forced_batches_never_time_out(slices, tmp_path):
    """The batch repro: 12 small files, --jobs 2 --force, several times in a row: 0 timeouts, none failed (slices
    of one gazette issue are sources of the same issue: each is written or reported as a duplicate)."""
    out = tmp_path / "out"
    for _ in range(int(os.environ.get("BULLETIN_BATCH_REPEATS", "3"))):
        recs = run_batch(sorted(slices.glob("*.pdf")), BatchConfig(outdir=out, jobs=2, force=True, timeout=40))
        assert len(recs) == 12 and all(r["status"] in ("ok", "duplicate") for r in recs), \
            [r["reason"] for r in recs if r["status"] not in ("ok", "duplicate")]
    assert (out / "kb.sqlite").exists() and list(out.glob("*/issue.json"))


def _descendants(pid: int) -> set[int]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            if k not in out:
                out.add(k)
                todo.append(k)
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_their_batch(tmp_path):
    """SIGKILL the batch process alone: its workers must not keep running (or write files) after it."""
    src = tmp_path / "in"
    src.mkdir()
    data = CORPUS_PDF.read_bytes()
    for i in range(2):
        (src / f"issue{i}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
    out = tmp_path / "out"
    p = subprocess.Popen(BIN + ["batch", str(src), "-o", str(out), "--jobs", "2", "--timeout", "300"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 60
        workers: set[int] = set()
        while time.time() < deadline and len(workers) < 2:     # the fork server and at least one file's process
            time.sleep(0.2)
            workers = _descendants(p.pid)
        assert workers, "no worker processes started"
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        deadline = time.time() + 10
        while time.time() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        left = [w for w in workers if _alive(w)]
        assert not left, f"workers outlived the batch: {left}"
        assert not list(out.glob("*/issue.json"))
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_worker_time_limit_holds_without_a_parent_to_enforce_it(tmp_path):
    """The worker's own alarm ends it at its time limit even when nobody waits on it."""
    from bulletin_pipeline.batch import _child, _context
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(send, str(CORPUS_PDF), str(tmp_path), 2000, False, 0, 0.5, os.getpid()))
    p.start()
    send.close()
    p.join(30)       # the 36-page file takes several seconds: only the alarm ends it this early
    try:
        assert p.exitcode == -signal.SIGALRM, p.exitcode
    finally:
        if p.is_alive():
            p.kill()
        recv.close()


# --------------------------------------------------------------------------- commit protocol
def _state(out: Path, iid: str):
    """(issue.json's source sha256, issue.xml's, the KB's) for an issue; None where absent."""
    j = out / iid / "issue.json"
    x = out / iid / "issue.xml"
    js = json.loads(j.read_text(encoding="utf-8"))["source"]["sha256"] if j.exists() else None
    xs = None
    if x.exists():
        from bulletin_pipeline.kb.xml_out import parse_safe
        root = parse_safe(x.read_bytes())
        xs = next((e.get("sha256") for e in root.iter() if e.get("sha256")), None)
    ks = None
    if (out / "kb.sqlite").exists():
        con = sqlite3.connect(out / "kb.sqlite")
        try:
            row = con.execute("SELECT sha256 FROM issues WHERE id = ?", (iid,)).fetchone()
        except sqlite3.OperationalError:
            row = None
        con.close()
        ks = row[0] if row else None
    return js, xs, ks


def test_state_reader_sees_the_xml_sha(written):
    out, path = written
    js, xs, ks = _state(out, path.parent.name)
    assert js and js == xs == ks


@pytest.mark.skipif(STRACE is None, reason="strace is not installed")
def test_kill_at_every_fsync_leaves_old_or_new_state(slices, tmp_path):
    """kill -9 at the N-th fsync of `bulletin run`, for every N: the issue is the old one or the new one (json,
    xml and KB agree), never a mix; the next run completes it and leaves no temp file or journal."""
    from bulletin_pipeline.kb.write import JOURNAL, recover
    # same id, other content (the new one has fewer documents: --replace makes the run write it)
    old_in, new_in = tmp_path / "a" / "gazette.pdf", tmp_path / "b" / "gazette.pdf"
    old_in.parent.mkdir()
    new_in.parent.mkdir()
    shutil.copy(slices / "s03.pdf", old_in)
    shutil.copy(slices / "s04.pdf", new_in)
    base = tmp_path / "base"
    r = subprocess.run(BIN + ["run", str(old_in), "-o", str(base), "-q", "--no-ocr"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    iid = Path(r.stdout.strip()).parent.name
    old = _state(base, iid)
    assert old[0] and len(set(old)) == 1
    new = None
    for n in range(1, 40):
        out = tmp_path / f"out{n}"
        shutil.copytree(base, out)
        r = subprocess.run([STRACE, "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync",
                            "-e", f"inject=fsync:signal=KILL:when={n}"]
                           + BIN + ["run", str(new_in), "-o", str(out), "-q", "--no-ocr", "--replace"],
                           capture_output=True, text=True)
        killed = r.returncode != 0
        st = _state(out, iid)
        if not (out / iid / JOURNAL).exists():
            assert len(set(st)) == 1 and st[0] in (old[0], new[0] if new else st[0]), (n, st)
        recover(out, out / "kb.sqlite")
        st = _state(out, iid)
        assert len(set(st)) == 1, (n, st)
        if not killed:
            new = st
            assert new[0] != old[0]
            break
        r2 = subprocess.run(BIN + ["run", str(new_in), "-o", str(out), "-q", "--no-ocr", "--replace"],
                            capture_output=True, text=True)
        assert r2.returncode == 0, r2.stderr
        done = _state(out, iid)
        assert len(set(done)) == 1 and done[0] != old[0]
        assert not list(out.rglob("*.tmp")) and not (out / iid / JOURNAL).exists()
        v = subprocess.run(BIN + ["validate", str(out)], capture_output=True, text=True)
        assert v.returncode == 0, v.stdout
    assert new is not None, "the run never finished without a kill"
    assert n > 3          # the run fsyncs the staged json, xml, the journal…: each kill point was visited


def test_validate_reports_a_missing_twin_and_a_pending_write(written, tmp_path):
    out, path = written
    d = tmp_path / "iss"
    d.mkdir()
    shutil.copy(path, d / "issue.json")
    r = CliRunner().invoke(cli, ["validate", str(d)])
    assert r.exit_code == 1 and "issue.xml is missing" in r.output
    shutil.copy(path.parent / "issue.xml", d / "issue.xml")
    assert CliRunner().invoke(cli, ["validate", str(d)]).exit_code == 0
    (d / ".issue.json.0123abcd.tmp").write_text("{", encoding="utf-8")
    r = CliRunner().invoke(cli, ["validate", str(d)])
    assert r.exit_code == 1 and "interrupted write" in r.output


def test_rerun_removes_stale_temp_files(slices, tmp_path):
    from bulletin_pipeline.kb.write import write_issue
    from bulletin_pipeline.pipeline import RunConfig, run
    from bulletin_pipeline.ingest.ocr import OCRConfig
    issue, _ = run(slices / "s05.pdf", RunConfig(ocr=OCRConfig(enabled=False)))
    path = write_issue(issue, tmp_path)
    stale = path.parent / ".issue.json.deadbeef0000.tmp"
    stale.write_text("half", encoding="utf-8")
    write_issue(issue, tmp_path)
    assert not stale.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["issue.json", "issue.xml"]


def test_an_index_failure_is_a_failed_record_retried_next_run(slices, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    from bulletin_pipeline.kb.index import connect
    connect(out / "kb.sqlite").close()
    holder = sqlite3.connect(out / "kb.sqlite", timeout=1)
    holder.execute("BEGIN EXCLUSIVE")            # another writer holds the KB
    try:
        r = subprocess.run(BIN + ["batch", str(slices / "s06.pdf"), "-o", str(out), "--kb-timeout", "0.5",
                                  "--no-ocr"], capture_output=True, text=True)
        assert r.returncode == 1, r.stdout + r.stderr
        rec = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))["records"][0]
        assert rec["status"] == "failed" and rec["reason"].startswith("index:"), rec
        assert not list(out.glob("*/issue.json"))          # nothing published that the KB does not have
        assert not list(out.rglob(".*.tmp"))
    finally:
        holder.rollback()
        holder.close()
    r = subprocess.run(BIN + ["batch", str(slices / "s06.pdf"), "-o", str(out), "--no-ocr"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    rec = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))["records"][0]
    assert rec["status"] == "ok"
    con = sqlite3.connect(out / "kb.sqlite")
    assert con.execute("SELECT count(*) FROM issues WHERE id = ?", (rec["issue_id"],)).fetchone()[0] == 1


def test_batch_into_an_unwritable_output_is_one_line(slices, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = subprocess.run(BIN + ["batch", str(slices / "s00.pdf"), "-o", str(blocker / "out")],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "output" in _one_line_error(r)


# --------------------------------------------------------------------------- the KB file
def test_index_rebuild_swaps_a_new_file_in(written, tmp_path):
    out, path = written
    d = tmp_path / "kb"
    shutil.copytree(path.parent, d / path.parent.name)
    r = CliRunner().invoke(cli, ["index", str(d)])
    assert r.exit_code == 0, r.output
    reader = sqlite3.connect(d / "kb.sqlite")          # a reader (Datasette) with the KB open
    n = reader.execute("SELECT count(*) FROM obligation_deadlines").fetchone()[0]
    inode = os.stat(d / "kb.sqlite").st_ino
    r = CliRunner().invoke(cli, ["index", str(d)])
    assert r.exit_code == 0, r.output
    assert os.stat(d / "kb.sqlite").st_ino != inode     # a new file, not the old one rewritten
    assert reader.execute("SELECT count(*) FROM obligation_deadlines").fetchone()[0] == n
    fresh = sqlite3.connect(d / "kb.sqlite")
    assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert fresh.execute("SELECT count(*) FROM obligation_deadlines").fetchone()[0] == n
    # a bad issue file fails the rebuild in one line and the old KB stays whole
    (d / "zz").mkdir()
    (d / "zz" / "issue.json").write_text("[" * 100_000, encoding="utf-8")
    r = CliRunner().invoke(cli, ["index", str(d)])
    assert r.exit_code == 1 and "nested too deeply" in _one_line_error(r)
    assert sqlite3.connect(d / "kb.sqlite").execute("SELECT count(*) FROM issues").fetchone()[0] == 1
    assert not list(d.glob(".*.tmp*"))


@pytest.mark.parametrize("content", [None, b"", b"root:x:0:0:root:/root:/bin/bash\n", b"SQLite format 3\x00junk"])
def test_search_and_query_on_a_missing_empty_or_foreign_db_is_one_line(tmp_path, content):
    db = tmp_path / "kb.sqlite"
    if content is not None:
        db.write_bytes(content)
    for args in (["search", "秸秆"], ["query", "targets"], ["query", "obligations", "--unit", "市财政局"]):
        r = CliRunner().invoke(cli, args + ["--db", str(db)])
        assert r.exit_code == 1, r.output
        _one_line_error(r)


# --------------------------------------------------------------------------- names
def test_gbk_and_control_character_file_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    gbk = os.fsdecode("聊城市政府公报".encode("gbk") + b".pdf")
    esc = "bad\x1b[31m\x07name.pdf"
    for name in (gbk, esc):
        (src / name).write_bytes(text_pdf(["Gazette line %d" % i for i in range(10)]))
    for name in (gbk, esc):
        out = tmp_path / ("out-" + str(len(name)))
        r = subprocess.run(BIN + ["run", str(src / name), "-o", str(out)], capture_output=True)
        assert r.returncode == 0, r.stderr
        assert b"\x1b" not in r.stdout + r.stderr and b"\x07" not in r.stdout + r.stderr
        data = json.loads(next(out.glob("*/issue.json")).read_text(encoding="utf-8"))
        assert "\x1b" not in data["source"]["path"]
        if name == gbk:
            assert data["source"]["path"] == "聊城市政府公报.pdf"
        assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
    out = tmp_path / "batch"
    r = subprocess.run(BIN + ["batch", str(src), "-o", str(out), "--jobs", "2"], capture_output=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert b"\x1b" not in r.stdout + r.stderr
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert {rec["status"] for rec in report["records"]} == {"ok"}


def test_display_name_and_safe_text():
    from bulletin_pipeline.errors import display_name, safe_text
    assert display_name(os.fsdecode("公报".encode("gbk"))) == "公报"
    assert display_name("公报.pdf") == "公报.pdf"
    assert display_name(b"\xff\xfe.pdf") == "\\xff\\xfe.pdf"
    assert safe_text("a\x1bb\x07c") == "a\\x1bb\\x07c"
    assert safe_text("第一条\t") == "第一条\\x09"
    assert safe_text("普通文本") == "普通文本"


# --------------------------------------------------------------------------- ids and paths
def test_dot_file_name_never_becomes_a_path_id(tmp_path):
    from bulletin_pipeline.pipeline import fallback_id
    assert fallback_id(Path("...pdf")) == "issue"
    assert fallback_id(Path(".hidden.pdf")) == "hidden"
    assert fallback_id(Path("Report 2023.pdf")) == "report-2023"
    assert fallback_id(Path("a..b.pdf")) == "a..b"
    src = tmp_path / "in"
    src.mkdir()
    (src / "...pdf").write_bytes(text_pdf(["not a gazette"]))
    out = tmp_path / "out" / "OUT"
    r = subprocess.run(BIN + ["run", str(src / "...pdf"), "-o", str(out), "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    written = Path(r.stdout.strip()).resolve()
    assert written.parent.parent == out.resolve()
    assert not (tmp_path / "out" / "issue.json").exists()


def test_hostile_document_id_is_refused_by_validate_and_edition(written, tmp_path):
    out, path = written
    d = tmp_path / "iss"
    d.mkdir()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][0]["id"] = "../../../escaped-doc"
    (d / "issue.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(path.parent / "issue.xml", d / "issue.xml")
    r = CliRunner().invoke(cli, ["validate", str(d / "issue.json")])
    assert r.exit_code == 1 and "not a slug" in r.output
    site = tmp_path / "a" / "b" / "c" / "site"
    r = CliRunner().invoke(cli, ["edition", str(d), "--out", str(site), "--no-images"])
    assert r.exit_code == 1 and "not a slug" in _one_line_error(r)
    assert not list(tmp_path.rglob("escaped-doc*"))


def test_write_refuses_an_id_that_is_not_a_slug(issue, tmp_path):
    from bulletin_pipeline.errors import ValidationFailed
    from bulletin_pipeline.kb.write import write_issue
    bad = issue.model_copy(deep=True)
    bad.issue.id = ".."
    with pytest.raises(ValidationFailed):
        write_issue(bad, tmp_path / "out")
    assert not (tmp_path / "issue.json").exists()


@pytest.mark.parametrize("payload", [b"[" * 100_000 + b"]" * 100_000, b'{"n": ' + b"7" * 100_000 + b"}"])
def test_hostile_json_is_one_line_in_validate_edition_and_index(tmp_path, payload):
    d = tmp_path / "iss"
    d.mkdir()
    (d / "issue.json").write_bytes(payload)
    for args in (["validate", str(d / "issue.json")], ["edition", str(d), "--no-images"], ["index", str(tmp_path)]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 1, (args, r.output)
        assert "Traceback" not in r.output
        assert "not valid JSON" in r.output, (args, r.output)


def test_bidi_controls_and_bom_are_not_text():
    from bulletin_pipeline.ingest.pdf import _CONTROL
    for ch in ("\u202e", "\u202a", "\ufeff", "\u200f", "\u2066", "\x00", "\x1b"):
        assert _CONTROL.search("标题" + ch), repr(ch)
    for ch in ("标", "a", "—", "\u3000", "\n"):
        assert not _CONTROL.search(ch), repr(ch)


# --------------------------------------------------------------------------- damaged PDFs
def _junk_before_header(d: bytes) -> bytes:
    return b"GARBAGE " * 60 + b"\n" + d


def _wrong_startxref(d: bytes) -> bytes:
    import re
    return re.sub(rb"startxref\s+\d+", b"startxref\n123", d)


@pytest.mark.parametrize("damage", [_junk_before_header, _wrong_startxref])
def test_damaged_gazette_is_repaired(tmp_path, damage):
    f = tmp_path / "damaged.pdf"
    f.write_bytes(damage(CORPUS_PDF.read_bytes()))
    from bulletin_pipeline.pipeline import RunConfig, run
    from bulletin_pipeline.ingest.ocr import OCRConfig
    issue, _ = run(f, RunConfig(ocr=OCRConfig(enabled=False)))
    assert issue.source.page_count == 36 and len(issue.documents) == 8
    assert any(w.code == "repaired" for w in issue.warnings)


def test_a_page_that_fails_is_a_warning_and_the_rest_is_kept(slices, tmp_path, monkeypatch):
    from bulletin_pipeline.ingest import pdf as ingest_pdf
    real = ingest_pdf._page_objects
    calls = {"n": 0}

    def flaky(page):
        calls["n"] += 1
        if calls["n"] == 2:
            raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'float'")
        return real(page)

    monkeypatch.setattr(ingest_pdf, "_page_objects", flaky)
    probs = []
    pages = list(ingest_pdf.read_pages(slices / "s02.pdf", ingest_pdf.IngestConfig(backend="pdfplumber"), probs))
    assert len(pages) == 2 and pages[0].chars and not pages[1].chars
    assert [(c, p) for c, _, p in probs] == [("page-unreadable", 2)]


# --------------------------------------------------------------------------- run and edition bounds
def test_run_has_a_memory_and_time_bound(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(800))
    r = subprocess.run(BIN + ["run", str(bomb), "-o", str(tmp_path / "o"), "--memory-mb", "300", "--no-ocr"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and _one_line_error(r).split(": ", 1)[1].split(":")[0] in ("memory", "timeout"), r.stderr
    r = subprocess.run(BIN + ["run", str(CORPUS_PDF), "-o", str(tmp_path / "o"), "--timeout", "0.5"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "timeout" in _one_line_error(r)
    assert not list((tmp_path / "o").rglob("issue.json"))


def test_a_timeout_that_falls_in_a_finaliser_still_ends_the_run():
    """Python prints and drops an exception raised inside __del__ (or a generator's close): the time limit's
    alarm landing there must not let the run go on to its end."""
    from bulletin_pipeline.limits import RunTimeout, guard

    class SlowToFree:
        def __del__(self):
            t = time.monotonic()
            while time.monotonic() - t < 0.4:      # the alarm fires in here
                pass

    hooked = sys.unraisablehook
    finished = False
    with pytest.raises(RunTimeout):
        with guard(timeout=0.1):
            SlowToFree()
            t = time.monotonic()
            while time.monotonic() - t < 3.0:
                pass
            finished = True
    assert not finished
    assert sys.unraisablehook is hooked


def test_edition_page_images_are_capped(tmp_path):
    from bulletin_pipeline.edition import EDITION_MAX_PIXELS
    huge = make_pdf(b"BT /F1 12 Tf 20 200 Td (a very large page) Tj ET").replace(
        b"/MediaBox [0 0 300 300]", b"/MediaBox [0 0 14400 14400]")
    f = tmp_path / "huge.pdf"
    f.write_bytes(huge)
    out = tmp_path / "o"
    r = CliRunner().invoke(cli, ["run", str(f), "-o", str(out), "--no-ocr", "--no-index"])
    assert r.exit_code == 0, r.output
    issue_dir = next(out.glob("*/issue.json")).parent
    r = CliRunner().invoke(cli, ["edition", str(issue_dir), "--pdf", str(f), "--memory-mb", "1500"])
    assert r.exit_code == 0, r.output
    from PIL import Image
    with Image.open(issue_dir / "site" / "pages" / "1.png") as im:
        assert max(im.size) <= EDITION_MAX_PIXELS


def test_like_wildcards_in_filters_are_literal(written):
    from bulletin_pipeline.kb.query import _LIKE_SPECIAL, like_contains, open_db, targets
    assert like_contains("50%_a") == "%50\\%\\_a%"
    assert like_contains("机械化率") == "%机械化率%"
    assert _LIKE_SPECIAL.search("%") and _LIKE_SPECIAL.search("_") and not _LIKE_SPECIAL.search("率")
    out, _ = written
    con = open_db(out / "kb.sqlite")
    everything = targets(con)
    assert everything and targets(con, indicator="_") == []
    pct = targets(con, indicator="%")        # only the targets that have a literal % sign
    assert all("%" in (r["indicator"] or "") + r["text"] for r in pct) and len(pct) < len(everything)
    assert targets(con, indicator="机械化率")


def test_index_never_replaces_a_file_that_is_not_a_kb(written, tmp_path):
    out, path = written
    d = tmp_path / "kb"
    shutil.copytree(path.parent, d / path.parent.name)
    foreign = tmp_path / "passwd"
    foreign.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["index", str(d), "--db", str(foreign)])
    assert r.exit_code == 1 and "not a knowledge base" in _one_line_error(r)
    assert foreign.read_text(encoding="utf-8").startswith("root:")


def test_error_messages_of_a_broken_file_carry_no_control_characters():
    """A fuzzed file's exception text (raw bytes of the file) goes into warnings and issue.xml: escaped."""
    from bulletin_pipeline.ingest.pdf import _classify
    code, msg = _classify(ValueError("bad token b'\x01\x1b[2J'"), Path("f.pdf"), 3)
    assert code == "unreadable" and "\x01" not in msg and "\x1b" not in msg and "\\x1b" in msg
