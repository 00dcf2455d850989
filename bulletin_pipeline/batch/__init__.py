"""Batch reprocessing: many PDFs, in parallel, incremental, each file isolated from the others.

Each input runs in its own process with a wall-clock timeout and an address-space limit, so a crash, a hang
or a memory bomb in one file becomes a ``failed`` record and the batch goes on.  The processes are forked
by a single-threaded, warm fork server (``multiprocessing`` "forkserver", preloaded with the pipeline): no
lock held by a thread of the batch can be inherited, and a fork costs milliseconds.  Every worker dies with
its batch (PR_SET_PDEATHSIG) and kills itself when its time is up even if the batch is gone (SIGALRM).

A worker validates and stages an issue's files in a folder of its own (OUT/.staging/…, kb.write.prepare_issue)
and hands the parent the issue's KB rows and its source's summary, made from the issue it holds; the parent
decides under the issue's lock, moves the staged files into OUT/<id>/ with their journal (kb.write.adopt) and
commits them: one KB transaction, then the renames.  It never reads a staged file back.  An issue the KB
refuses is a ``failed`` record, and the next run retries it; a staged write no batch decided on (the batch
was killed) is removed by the next run, which processes its input again.
``OUTDIR/.bulletin-manifest.json`` remembers which input (sha256 + pipeline version) produced which issue,
so a re-run skips what is done and an interrupted batch resumes where it stopped.
"""
from __future__ import annotations

import glob
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .. import __version__
from ..errors import display_name

MANIFEST = ".bulletin-manifest.json"
REPORT = "batch-report.json"


@dataclass
class BatchConfig:
    outdir: Path = Path("outputs")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    timeout: float = 300.0
    memory_mb: int = 2048
    max_pages: int = 2000
    ocr: bool | str = True      # False: no OCR; an engine name (rapidocr, tesseract) or True for the default
    index: bool = True
    debug: bool = False
    replace: bool = False       # a source of an issue replaces the one OUT holds even when less complete
    kb_timeout: float = 60.0        # seconds to wait for another writer's lock on kb.sqlite before failing the file
    backend: Optional[str] = None   # the reader of the text layer (IngestConfig.backend); None: its default
    manifest_every: float = 2.0     # seconds between saves of the manifest while the batch runs (and one at its end)

    def __post_init__(self):
        self.outdir = Path(self.outdir)
        if self.jobs < 1:
            raise ValueError("--jobs must be at least 1")
        if self.timeout <= 0:
            raise ValueError("--timeout must be positive")


@dataclass
class RunResult:
    input: str
    status: str                 # ok | skipped | duplicate | failed
    reason: Optional[str] = None
    duration: float = 0.0
    pages: Optional[int] = None
    issue_id: Optional[str] = None
    output: Optional[str] = None
    sha256: Optional[str] = None
    pipeline_version: str = __version__
    documents: Optional[int] = None
    warnings: Optional[int] = None
    note: Optional[str] = None
    input_class: Optional[str] = None       # gazette | document | other
    class_reasons: Optional[list] = None
    journal: Optional[str] = None       # staged, not yet published (the parent commits and drops this)
    handoff: Optional[object] = None    # kb.write.Handoff of the staged issue (the parent drops it too)

    def as_dict(self) -> dict:
        h, self.handoff = self.handoff, None
        try:
            return dict(asdict(self), handoff=h)      # (asdict would copy the rows deeply)
        finally:
            self.handoff = h


def collect(paths: Iterable[str]) -> list[Path]:
    """Files, folders (every *.pdf below) and globs, in a stable order, each once."""
    out: list[Path] = []
    seen = set()
    for p in paths:
        hits = [Path(x) for x in sorted(glob.glob(p, recursive=True))] if any(ch in p for ch in "*?[") else [Path(p)]
        for h in hits:
            items = sorted(x for x in h.rglob("*") if x.is_file() and x.suffix.lower() == ".pdf") if h.is_dir() else [h]
            for x in items:
                k = str(x.resolve())
                if k not in seen:
                    seen.add(k)
                    out.append(x)
    return out


# --------------------------------------------------------------------------- manifest
def load_manifest(outdir: Path) -> dict:
    try:
        return json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_manifest(outdir: Path, manifest: dict) -> None:
    from ..kb.json_out import atomic_write
    atomic_write(outdir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def is_done(manifest: dict, sha: str, outdir: Path) -> Optional[dict]:
    """The manifest record of an input whose result is still what OUT holds (or was judged a duplicate)."""
    from ..kb.identity import held_source, load_sources
    rec = manifest.get(sha)
    if not (rec and rec.get("pipeline_version") == __version__ and (outdir / rec["issue_id"] / "issue.json").exists()):
        return None
    held = held_source(outdir, rec["issue_id"])
    if held and held["sha256"] == sha:
        return rec
    for s in load_sources(outdir, rec["issue_id"]):
        if s["sha256"] == sha and s["status"] == "not used":
            return dict(rec, duplicate_of=held["path"] if held else None)
    return None     # OUT now holds another source of this issue: process the input again


# --------------------------------------------------------------------------- one file
def process_one(path: str, outdir: str, max_pages: int = 2000, ocr: bool | str = True,
                backend: Optional[str] = None, report: Optional[Callable[..., None]] = None,
                index: bool = True, owner: Optional[int] = None) -> dict:
    """Run the pipeline on one file and stage its issue files in a folder of their own under OUT/.staging/
    (``journal`` in the record; ``owner``: the batch's pid, in the folder's name): the parent decides whether
    they may replace what OUT holds for the issue, then moves them in and commits them (kb.write.adopt).  ``report(stage, done, total)``
    is told the stages and pages as they go.  The record's ``handoff`` (kb.write.Handoff) carries what the
    parent needs to decide and commit without reading the staged files back: the source's summary and,
    when ``index``, the issue's KB rows, made here from the issue in memory.  Never raises."""
    from ..errors import PipelineError
    from ..pipeline import Pipeline, RunConfig
    t = time.perf_counter()
    res = RunResult(input=str(path), status="failed")
    try:
        # files run side by side, so each reads its scanned pages one at a time
        pipeline = Pipeline(RunConfig.from_options(max_pages=max_pages, ocr=ocr, backend=backend, ocr_workers=1),
                            WORKER_RESOURCES,
                            **({"progress": report} if report else {}))
        from ..kb.write import drop_staged, handoff, staging_dir
        staged = pipeline.stage(path, staging_dir(outdir, owner or os.getpid()))
        issue, journal = staged.issue, staged.journal
        try:
            res.handoff = handoff(issue, journal, index=index)
        except BaseException:
            drop_staged(journal)
            raise
        res.status, res.issue_id, res.journal = "ok", issue.issue.id, str(journal)
        res.output = str(Path(outdir) / issue.issue.id / "issue.json")
        res.input_class, res.class_reasons = issue.issue.input_class, list(issue.issue.class_reasons)
        res.pages, res.sha256 = issue.source.page_count, issue.source.sha256
        res.documents, res.warnings = len(issue.documents), len(issue.warnings)
    except PipelineError as e:
        res.reason = str(e)
    except MemoryError:
        res.reason = "memory: the file needed more memory than the per-file limit"
    except RecursionError:
        res.reason = "unreadable: the PDF's structure is nested too deeply"
    except Exception as e:  # a bug or an unexpected broken file: one line, not a traceback
        text = str(e).splitlines()[0][:200] if str(e) else ""
        if any(w in text for w in ("Cannot allocate memory", "failed to map segment", "out of memory")):
            res.reason = f"memory: the file needed more memory than the per-file limit ({type(e).__name__})"
        else:
            res.reason = f"error: {type(e).__name__}: {text}"
    res.duration = round(time.perf_counter() - t, 3)
    return res.as_dict()


# Linux prctl option: the kernel sends this signal to a process when the thread that forked it exits
PR_SET_PDEATHSIG = 1
# seconds a worker's own alarm allows beyond the batch's timeout (the batch normally kills it first)
SELF_TIMEOUT_GRACE = 5.0


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent exits (Linux; a no-op elsewhere)."""
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _child(conn, path, outdir, max_pages, ocr, memory_mb, alarm=None, batch_pid=None, backend=None, index=True):
    import resource
    import signal
    from ..limits import address_space
    die_with_parent()            # the fork server dies with the batch; this process dies with the fork server
    if batch_pid is not None and not _alive(batch_pid):
        os._exit(1)              # the batch died while this process was being forked
    if alarm:
        # SIGALRM's default action ends the process: the time limit holds even when no parent is left to enforce it
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, alarm)
    if memory_mb:
        # the file may use memory_mb on top of what the (warm) worker already maps
        limit = address_space() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    def report(stage: str, done: Optional[int] = None, total: Optional[int] = None) -> None:
        try:
            conn.send(("progress", stage, done, total))
        except (OSError, ValueError):      # the batch stopped listening: the result still counts
            pass

    try:
        conn.send(("result", process_one(path, outdir, max_pages, ocr, backend, report, index, batch_pid)))
    finally:
        conn.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _context(words: bool = True):
    """The multiprocessing context of the per-file processes: a warm fork server where there is one.
    ``words``: the server also loads jieba's dictionary (what OCR repairs read), for a batch that may OCR."""
    import multiprocessing as mp
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:           # no forkserver on this platform
        return mp.get_context("spawn")
    ctx.set_forkserver_preload([f"{__name__}.server"] + ([f"{__name__}.words"] if words else []))
    return ctx


def start_workers(cfg: BatchConfig) -> None:
    """Start (and so warm) the fork server now, from this thread, before any pool thread exists: it warms up
    in its own process while the batch reads its manifest and hashes its inputs.  It is told the batch's
    main script (see :mod:`.server`), so the per-file processes do not run that script again."""
    if _context(words=bool(cfg.ocr)).get_start_method() == "forkserver":
        from multiprocessing import forkserver
        main, before = _main_path(), os.environ.get(MAIN_ENV)
        if main:
            os.environ[MAIN_ENV] = main     # read by the fork server as it starts, then dropped
        try:
            forkserver.ensure_running()
        finally:
            if before is None:
                os.environ.pop(MAIN_ENV, None)
            else:
                os.environ[MAIN_ENV] = before


def prestart(inputs: list[Path], cfg: BatchConfig, executor: str = "local") -> None:
    """On a first run (or ``--force``), start the fork server at once: it warms up (a second of imports and
    compiled patterns, which every batch waits for before its first file) while this process imports the
    rest, recovers OUT and hashes the inputs.  A command line calls it before its own display imports; a
    re-run, which may find everything done, does not start it before it knows there is work."""
    if executor == "local" and inputs and (cfg.force or not (cfg.outdir / MANIFEST).exists()):
        start_workers(cfg)


# the environment variable that gives a starting fork server the path of the batch's main script
MAIN_ENV = "BULLETIN_BATCH_MAIN_PATH"


def _main_path() -> Optional[str]:
    """The script multiprocessing has every process it starts run again as ``__mp_main__`` (the batch's
    ``__main__`` by path, as multiprocessing.spawn names it), or None when there is none."""
    import sys
    from multiprocessing import process
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) is not None:
        return None                 # run as a module (python -m): multiprocessing finds it by name
    path = getattr(main, "__file__", None)
    if path is None:
        return None
    if not os.path.isabs(path) and process.ORIGINAL_DIR is not None:
        path = os.path.join(process.ORIGINAL_DIR, path)
    return os.path.normpath(path)


def run_isolated(path: str, outdir: str, timeout: float, memory_mb: int, max_pages: int = 2000,
                 ocr: bool | str = True, backend: Optional[str] = None,
                 on_progress: Optional[Callable[..., None]] = None, index: bool = True) -> dict:
    """process_one in a child process with a timeout and a memory limit; the parent always gets a record.
    ``on_progress(stage, done, total)`` is told what the child reports (stages, pages) while it runs."""
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    t = time.perf_counter()
    p = ctx.Process(target=_child, args=(send, path, outdir, max_pages, ocr, memory_mb,
                                         timeout + SELF_TIMEOUT_GRACE, os.getpid(), backend, index), daemon=True)
    try:
        p.start()
    except AssertionError:
        # a daemonic process (a dask worker started with distributed.worker.daemon: true) may not start
        # children: run the file here, without the per-file guard, and say so in the record
        recv.close()
        send.close()
        rec = process_one(path, outdir, max_pages, ocr, backend, on_progress, index, os.getpid())
        rec["note"] = "run without the per-file timeout/memory guard (daemonic worker)"
        return rec
    send.close()
    res, ended = None, False
    deadline = t + timeout
    try:
        while (left := deadline - time.perf_counter()) > 0 and recv.poll(left):
            try:
                kind, *msg = recv.recv()
            except EOFError:        # the child is gone without a result: let it finish dying, then say why
                ended = True
                break
            if kind == "result":
                res = msg[0]
                break
            if on_progress is not None:
                on_progress(*msg)
    finally:
        recv.close()
    p.join(1 if res is not None or ended else 0)
    if p.is_alive():
        p.kill()
        p.join()
        if res is None:
            return RunResult(str(path), "failed", f"timeout: no result after {timeout:g} s",
                             round(time.perf_counter() - t, 3)).as_dict()
    if res is None:
        code = p.exitcode
        why = f"crashed: the worker died (signal {-code})" if code and code < 0 else f"crashed: exit status {code}"
        if code == -9 or (code and code < 0 and memory_mb):
            why += "; the memory limit may have been hit"
        return RunResult(str(path), "failed", why, round(time.perf_counter() - t, 3)).as_dict()
    return res


# --------------------------------------------------------------------------- the batch
def run_batch(inputs: list[Path], cfg: BatchConfig, progress: Callable[[dict], None] | None = None,
              executor: str = "local", scheduler: Optional[str] = None,
              page_progress: Optional[Callable[..., None]] = None) -> list[dict]:
    """Process ``inputs`` into ``cfg.outdir``; ``progress(record)`` is told each file as it ends, and
    ``page_progress(input, stage, done, total)`` the stages and pages of the files running (local pool)."""
    prestart(inputs, cfg, executor)
    from ..kb.write import STAGING, recover
    cfg.outdir.mkdir(parents=True, exist_ok=True)
    _clean_stale_temp(cfg.outdir)
    _clean_staging(cfg.outdir)
    recover(cfg.outdir, cfg.outdir / "kb.sqlite" if cfg.index else None)
    manifest = load_manifest(cfg.outdir)
    records: list[dict] = []
    todo: list[tuple[Path, Optional[str]]] = []
    for p in inputs:
        try:
            sha = _sha256(p) if p.is_file() else None
        except OSError:
            sha = None
        done = is_done(manifest, sha, cfg.outdir) if sha and not cfg.force else None
        if done:
            why = "unchanged: same sha256 and pipeline version"
            if done.get("duplicate_of"):
                why += f"; not used: {done['issue_id']} is held from {done['duplicate_of']}"
            rec = RunResult(display_name(p), "skipped", why, 0.0,
                            done.get("pages"), done["issue_id"], str(cfg.outdir / done["issue_id"] / "issue.json"),
                            sha, input_class=done.get("input_class")).as_dict()
            records.append(rec)
            if progress:
                progress(rec)
        else:
            todo.append((p, sha))
    con, kb_error = None, None
    if cfg.index:
        import sqlite3
        from ..kb.index import connect
        try:
            con = connect(cfg.outdir / "kb.sqlite", timeout=cfg.kb_timeout)
        except sqlite3.Error as e:      # every issue of this run fails (and is retried by the next run)
            kb_error = f"index: the knowledge base {cfg.outdir / 'kb.sqlite'} cannot be opened for writing: {e}"

    # the manifest is rewritten whole, so saving it after every file would cost this process time in proportion
    # to the files done; a kill loses at most manifest_every seconds of it (those files are processed again)
    saved = {"at": time.monotonic(), "dirty": False}

    def finish(rec: dict):
        if rec["status"] == "ok" and rec.get("journal"):
            _publish(rec, cfg, con, kb_error)
        rec.pop("journal", None)
        rec.pop("handoff", None)
        if rec["status"] in ("ok", "duplicate") and con is not None:
            _index_sources(con, cfg.outdir, rec)
        if rec["status"] in ("ok", "duplicate"):
            manifest[rec["sha256"]] = {"issue_id": rec["issue_id"], "pipeline_version": rec["pipeline_version"],
                                       "input": rec["input"], "pages": rec["pages"],
                                       "input_class": rec.get("input_class")}
            saved["dirty"] = True
            if time.monotonic() - saved["at"] >= cfg.manifest_every:
                save_manifest(cfg.outdir, manifest)
                saved.update(at=time.monotonic(), dirty=False)
        records.append(rec)
        if progress:
            progress(rec)

    # workers get absolute paths (a cluster's cwd is not ours); records keep the path as the user gave it
    given = {str(p.resolve()): str(p) for p, _ in todo}

    def finish_given(rec: dict):
        rec["input"] = display_name(given.get(rec["input"], rec["input"]))
        finish(rec)

    todo = [(p.resolve(), sha) for p, sha in todo]
    try:
        if executor == "dask":
            _run_dask(todo, cfg, finish_given, scheduler)
        else:
            _run_local(todo, cfg, finish_given, page_progress)
    finally:
        if saved["dirty"]:
            save_manifest(cfg.outdir, manifest)
        try:
            (cfg.outdir / STAGING).rmdir()      # every staged write was committed or dropped
        except OSError:
            pass
        if con is not None:
            con.close()
        if cfg.index:
            from ..kb.datasette import write_metadata
            write_metadata(cfg.outdir)
        write_report(cfg.outdir, records, inputs)
    return records


def _sha256(path: Path) -> str:
    """The input's sha256 (as the pipeline records it; hashed here so that this process, which runs no
    stage, does not import the stages while its workers warm up)."""
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _publish(rec: dict, cfg: BatchConfig, con, kb_error: Optional[str]) -> None:
    """Commit a worker's staged issue, unless OUT holds a more complete source of the same issue (then the
    record says ``duplicate`` and why; ``--replace`` commits regardless).  The decision and the commit are
    made under the issue's lock (the staged files are moved into OUT/<id>/ then, journal and all), and the
    source is recorded in OUT/<id>/sources.json.  The decision and the KB rows come from the worker's
    handoff: this process never reads the staged issue.json back."""
    from ..errors import PipelineError
    from ..kb import identity
    from ..kb.write import Journal, Superseded, adopt, commit, drop_staged, staged_data
    staged = Journal(rec.pop("journal"))
    ho = rec.pop("handoff", None)
    try:
        if kb_error:
            raise PipelineError("index", kb_error.split(": ", 1)[1])
        data = identity.Summary(ho.issue_id, ho.summary) if ho is not None else staged_data(staged)
        with identity.locked(cfg.outdir, rec["issue_id"]):
            decision = identity.decide(data, cfg.outdir, cfg.replace)
            if decision.write:
                try:
                    commit(adopt(staged, cfg.outdir), con=con, handoff=ho)
                except Superseded:      # (the staged files were moved in under this lock: not expected)
                    rec["status"], rec["reason"] = "duplicate", f"{rec['issue_id']}: superseded by another write"
                    return
                rec["note"] = decision.message or rec.get("note")
            else:
                rec["status"], rec["reason"] = "duplicate", decision.message
            identity.record(cfg.outdir, data, decision)
    except PipelineError as e:        # the KB refused it: nothing published, retried by the next run
        rec["status"], rec["reason"] = "failed", str(e)
    except (OSError, ValueError) as e:
        rec["status"], rec["reason"] = "failed", f"output: {type(e).__name__}: {e}"
    finally:
        drop_staged(staged)


def _index_sources(con, outdir: Path, rec: dict) -> None:
    """Every source seen for the record's issue, as OUT/<id>/sources.json lists them, into the KB."""
    from ..kb.identity import load_sources
    from ..kb.index import index_sources
    try:
        index_sources(con, rec["issue_id"], load_sources(outdir, rec["issue_id"]))
    except Exception as e:   # the files are good; say that the index is not
        rec["reason"] = f"sources not indexed: {type(e).__name__}: {e}"


def warm() -> None:
    """Build what every file needs once, in the fork server: children start warm.  jieba's dictionary,
    which only OCR repairs need, is left to :func:`warm_words`."""
    from .. import pipeline
    global WORKER_RESOURCES
    WORKER_RESOURCES = pipeline.warm(words=False)


def warm_words() -> None:
    """Load jieba's dictionary into the fork server's resources (a batch that may OCR)."""
    if WORKER_RESOURCES is not None:
        WORKER_RESOURCES.warm(words=True)


# the domain data of a warm worker, built once per fork server (None in a process that did not warm up)
WORKER_RESOURCES = None


def _run_local(todo, cfg: BatchConfig, finish, page_progress=None) -> None:
    import functools
    from concurrent.futures import ThreadPoolExecutor, as_completed
    if todo:
        start_workers(cfg)      # (when not started already) by this thread, before any pool thread exists
    # threads only wait: each file runs in its own guarded process, forked by the fork server
    with ThreadPoolExecutor(max_workers=cfg.jobs) as ex:
        futs = [ex.submit(run_isolated, str(p), str(cfg.outdir.resolve()), cfg.timeout, cfg.memory_mb, cfg.max_pages,
                          cfg.ocr, cfg.backend, functools.partial(page_progress, str(p)) if page_progress else None,
                          cfg.index)
                for p, _ in todo]
        for f in as_completed(futs):
            finish(f.result())


def _run_dask(todo, cfg: BatchConfig, finish, scheduler: Optional[str]) -> None:
    import dask
    from distributed import Client, LocalCluster, as_completed
    # non-daemonic workers may fork the guarded child process, exactly as the local pool does
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = None
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=cfg.jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futs = [client.submit(run_isolated, str(p), str(cfg.outdir.resolve()), cfg.timeout, cfg.memory_mb,
                                  cfg.max_pages, cfg.ocr, cfg.backend, None, cfg.index,
                                  key=f"bulletin-{i}-{p.name}", pure=False)
                    for i, (p, _) in enumerate(todo)]
            for f in as_completed(futs):
                try:
                    finish(f.result())
                except Exception as e:
                    finish(RunResult(str(todo[futs.index(f)][0]), "failed",
                                     f"worker lost: {type(e).__name__}: {e}").as_dict())
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _clean_staging(outdir: Path, age: float = 600.0) -> None:
    """Remove the staged writes of batches that are gone (killed before they decided on them: their inputs
    are not in the manifest, so they run again), and any older than ``age`` seconds."""
    import shutil
    from ..kb.write import STAGING
    root = outdir / STAGING
    if not root.is_dir():
        return
    now = time.time()
    for d in root.iterdir():
        try:
            owner = int(d.name.split("-", 1)[0])
        except ValueError:
            owner = None
        try:
            if owner is None or not _alive(owner) or now - d.stat().st_mtime > age:
                shutil.rmtree(d, ignore_errors=True)
        except OSError:
            pass
    try:
        root.rmdir()        # (only when empty)
    except OSError:
        pass


def _clean_stale_temp(outdir: Path, age: float = 600.0) -> None:
    """Remove temp files left by a killed run (never visible as outputs: they start with a dot)."""
    now = time.time()
    for f in list(outdir.glob(".*.tmp")) + list(outdir.glob("*/.*.tmp")):
        try:
            if now - f.stat().st_mtime > age:
                f.unlink()
        except OSError:
            pass


def write_report(outdir: Path, records: list[dict], inputs: list[Path]) -> Path:
    from ..kb.json_out import atomic_write
    order = {display_name(p): i for i, p in enumerate(inputs)}
    recs = sorted(records, key=lambda r: order.get(r["input"], 1 << 30))
    summary = {s: sum(r["status"] == s for r in recs) for s in ("ok", "skipped", "duplicate", "failed")}
    data = {"pipeline_version": __version__, "summary": summary, "records": recs}
    atomic_write(outdir / REPORT, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return outdir / REPORT
