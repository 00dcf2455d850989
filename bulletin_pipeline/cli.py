"""The `bulletin` command: thin wrappers around the library (heavy imports stay inside the commands)."""
from __future__ import annotations

import contextlib
import json
import logging
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .choices import BACKENDS, DEFAULT_BACKEND


def _fail(e: Exception, debug: bool):
    if debug:
        raise e
    from .errors import safe_text
    raise click.ClickException(safe_text(str(e).splitlines()[0]) if str(e) else type(e).__name__)


@contextlib.contextmanager
def _one_line(ctx, where: str = ""):
    """Every failure of a command as one line on stderr (exit 1); --debug shows the traceback."""
    from .errors import PipelineError, safe_text
    from .limits import RunTimeout
    try:
        yield
    except click.ClickException:
        raise
    except PipelineError as e:
        _fail(e, ctx.obj["debug"])
    except RunTimeout as e:
        _fail(click.ClickException(f"timeout: {e}"), ctx.obj["debug"])
    except MemoryError:
        _fail(click.ClickException("memory: the input needed more memory than --memory-mb allows"), ctx.obj["debug"])
    except OSError as e:
        _fail(click.ClickException(f"output: {e.strerror or e}: {e.filename or ''}"), ctx.obj["debug"])
    except Exception as e:  # anything else is a bug, but the user still gets one line
        if ctx.obj["debug"]:
            raise
        if any(w in str(e) for w in ("Cannot allocate memory", "out of memory")):
            raise click.ClickException("memory: the input needed more memory than --memory-mb allows")
        raise click.ClickException(safe_text(f"internal error {where}: {type(e).__name__}: {e}".splitlines()[0]))


# the same per-input bound as `bulletin batch`, for the commands that process one input in this process
_timeout_option = click.option("--timeout", type=float, default=600.0, show_default=True,
                               help="Seconds allowed for the input (0: no limit).")
_memory_option = click.option("--memory-mb", type=int, default=2048, show_default=True,
                              help="Memory the input may use beyond the program's own (0: no limit).")

_backend_option = click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
                               help="Reader of the PDF's text layer: PDFium, or pdfminer through pdfplumber.")


class _Cli(click.Group):
    """The command group; a knowledge base that is corrupt, foreign or half-built ends a command in one line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as e:
            import sqlite3
            if isinstance(e, sqlite3.DatabaseError) and not (ctx.obj or {}).get("debug"):
                raise click.ClickException(f"knowledge base: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
                                           " (is --db a knowledge base? `bulletin index` rebuilds one)") from None
            raise


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
@click.option("--debug", is_flag=True, help="Show full tracebacks and debug logging.")
@click.pass_context
def cli(ctx, debug):
    """Turn a Chinese government gazette (政府公报) PDF into a validated, queryable knowledge base.

    Example: bulletin run corpus/lcszfgb-2019-11.pdf -o outputs
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not debug:   # pdfminer reports every oddity of a broken file; the run's result says what matters
        for noisy in ("pdfminer", "pdfplumber", "distributed", "jieba", "PIL"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


def _add_gazetteers(paths) -> None:
    """User gazetteers reach every stage (and forked batch workers) through $BULLETIN_GAZETTEER, which
    ``lexicon.Resources`` reads."""
    import os
    from .lexicon.resources import GAZETTEER_ENV
    if paths:
        old = [p for p in os.environ.get(GAZETTEER_ENV, "").split(os.pathsep) if p]
        os.environ[GAZETTEER_ENV] = os.pathsep.join([str(Path(p).resolve()) for p in paths] + old)


@cli.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Output folder; the issue goes to OUT/<issue-id>/.")
@click.option("--no-index", is_flag=True, help="Do not update OUT/kb.sqlite.")
@click.option("--max-pages", type=int, default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--max-mb", type=float, default=500, show_default=True, help="Refuse PDFs larger than this.")
@_backend_option
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages without a text layer.")
@click.option("--ocr-engine", type=click.Choice(["rapidocr", "tesseract"]), default="rapidocr", show_default=True,
              help="OCR engine for scanned pages: PP-OCRv4 through RapidOCR, or tesseract chi_sim.")
@click.option("--akn", is_flag=True, help="Also write issue.akn.xml (Akoma Ntoso 3.0, validated).")
@click.option("--replace", is_flag=True,
              help="Write this input even when OUT already holds a more complete source of the same issue.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the output path.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra unit gazetteer (JSON, shaped like data/units.json); repeatable. Also $BULLETIN_GAZETTEER.")
@_timeout_option
@_memory_option
@click.pass_context
def run(ctx, pdf, outdir, no_index, max_pages, max_mb, backend, no_ocr, ocr_engine, akn, replace, quiet, gazetteers,
        timeout, memory_mb):
    """Process one gazette PDF and write OUT/<issue-id>/issue.json (and issue.xml).

    When OUT already holds the same issue from another file (the full PDF and a scanned excerpt of it),
    the more complete source is kept and both are recorded; --replace writes this one regardless.

    Example: bulletin run corpus/lcszfgb-2019-11.pdf -o outputs
    """
    from .errors import display_name
    from .limits import guard
    from .pipeline import Pipeline, RunConfig, WriteConfig
    _add_gazetteers(gazetteers)
    with _one_line(ctx, f"on {display_name(pdf)}"):
        config = RunConfig.from_options(max_pages=max_pages, max_mb=max_mb, ocr=False if no_ocr else ocr_engine,
                                        backend=backend)
        with guard(timeout, memory_mb), _stage_progress() as stage:
            result = Pipeline(config, progress=stage).run(pdf, outdir, WriteConfig(index=not no_index, akn=akn,
                                                                                   replace=replace))
    issue, target = result.issue, result.path
    if not result.written:      # the KB keeps the more complete source it already holds
        raise click.ClickException(result.message)
    if quiet:
        click.echo(display_name(target))
        return
    import shutil
    for line in run_summary(issue, pdf, shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80):
        click.echo(line)
    if result.message:
        click.echo(result.message)
    click.echo(f"written: {display_name(target)}")


def run_summary(issue, pdf: Path, width: int = 80) -> list[str]:
    """The lines `bulletin run` prints: what the input is and why, counts, one line per document (padded
    and cut by display width, counts pluralised)."""
    from .display import cut, pad, plural
    from .errors import display_name
    i = issue.issue
    head = i.gazette or display_name(pdf.name)
    if i.year and i.number:
        head += f" {i.year}年第{i.number}期"
    out = [cut(head, width),
           f"  {plural(issue.source.page_count, 'page')}, {len(issue.toc)} 目录 entries, "
           f"{plural(len(issue.documents), 'document')}, {plural(len(issue.warnings), 'warning')}",
           cut(f"  input class: {i.input_class} ({'; '.join(i.class_reasons)})", width)]
    if i.input_class == "other":
        out.append("  not a gazette or a 公文: its text blocks are not added to the knowledge base")
    from .display import width as cols
    counts = [f"{plural(len(d.provisions), 'provision')}, {plural(len(d.obligations), 'obligation')}"
              for d in issue.documents]
    cw = max((cols(c) for c in counts), default=0)
    for d, c in zip(issue.documents, counts):
        left = f"  p{d.start_page:<3} {pad(d.doc_number or '—', 20)} "
        room = max(width - cols(left) - cw - 2, 10)
        out.append(f"{left}{pad(d.title, room)}  {c}")
    return out


# the variables by which rich takes a stream that is not a tty for a terminal
RICH_TERMINAL_ENV = ("FORCE_TERMINAL", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def _may_be_terminal() -> bool:
    """Could rich take stderr for a terminal?  When not, progress display is skipped without importing
    rich's console (a tenth of a second of every scripted run)."""
    import os
    return sys.stderr.isatty() or any(os.environ.get(k) for k in RICH_TERMINAL_ENV)


@contextlib.contextmanager
def _bar_progress(label: str):
    """A bar per stage (pages, documents) on a terminal (stderr); nothing when stderr is not a terminal."""
    if not _may_be_terminal():
        yield lambda *a, **k: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda *a, **k: None
        return
    with Progress(TextColumn(f"[bold]{label}" + " {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks: dict = {}

        def progress(stage: str, done: int = 0, total: int = 0):
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)
        yield progress


@contextlib.contextmanager
def _stage_progress():
    """A spinner naming the current stage on a terminal (stderr); nothing when stderr is not a terminal."""
    if not _may_be_terminal():
        yield lambda *a, **k: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda *a, **k: None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("starting", total=None)

        def stage(name: str, done: int | None = None, total: int | None = None):
            text = name if done is None else f"{name} {done}/{total}" if total else f"{name} {done}"
            bar.update(task, description=text)
        yield stage


@cli.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--page", "-p", type=int, required=True, help="1-based physical page number.")
@click.option("--lines", is_flag=True, help="Show lines with zone, band, alignment instead of paragraphs.")
@click.pass_context
def pages(ctx, pdf, page, lines):
    """Print one page's reconstructed text in reading order (for debugging layout).

    Example: bulletin pages corpus/lcszfgb-2019-11.pdf --page 3
    """
    from . import layout
    from .errors import PipelineError
    from .pipeline import load
    try:
        raw, _ = load(pdf)
    except PipelineError as e:
        _fail(e, ctx.obj["debug"])
    if not 1 <= page <= len(raw):
        raise click.BadParameter(f"the PDF has {len(raw)} pages", param_hint="--page")
    pgs, paras = layout.lay_out(raw)
    pg = pgs[page - 1]
    click.echo(f"# page {page} (printed {pg.label or '?'}), {pg.columns} column(s)")
    for f in pg.furniture:
        click.echo(f"# furniture: {f.text}")
    if lines:
        for l in pg.lines:
            click.echo(f"{l.zone:<4} band{l.band:<2} {l.align:<7} {l.text}")
        return
    for p in paras:
        if p.page == page or any(pv.page == page for pv in p.prov):
            click.echo(f"[{p.kind}] {p.text}\n")


@cli.command()
@click.argument("text", nargs=-1)
def docnumber(text):
    """Parse 发文字号: one JSON object per input (arguments, or lines on stdin); null when none.

    Example: bulletin docnumber "聊政发〔2019〕15号" "鲁政发[2018]19号"
    """
    from .lexicon.docnumber import parse
    items = list(text) if text else [l.rstrip("\n") for l in sys.stdin]
    for t in items:
        d = parse(t)
        click.echo(json.dumps(d.as_dict() if d else None, ensure_ascii=False))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Output folder (issues, kb.sqlite, batch-report.json).")
@click.option("--jobs", "-j", type=int, default=None, help="Parallel files (default: CPU count).")
@click.option("--force", is_flag=True, help="Reprocess inputs even when their outputs are up to date.")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds allowed per file.")
@click.option("--memory-mb", type=int, default=2048, show_default=True, help="Memory a file may use beyond the worker's own.")
@click.option("--max-pages", type=int, default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages without a text layer.")
@click.option("--ocr-engine", type=click.Choice(["rapidocr", "tesseract"]), default="rapidocr", show_default=True,
              help="OCR engine for scanned pages: PP-OCRv4 through RapidOCR, or tesseract chi_sim.")
@_backend_option
@click.option("--kb-timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for another writer's lock on OUT/kb.sqlite; then the file fails (and is retried).")
@click.option("--dask", "dask_mode", type=click.Choice(["local"]), help="Run on a dask.distributed LocalCluster.")
@click.option("--scheduler", help="Run on a dask.distributed cluster, e.g. tcp://host:8786.")
@click.option("--replace", is_flag=True,
              help="A file replaces what OUT holds for its issue even when it is less complete (an excerpt).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra unit gazetteer (JSON, shaped like data/units.json); repeatable. Also $BULLETIN_GAZETTEER.")
@click.pass_context
def batch(ctx, paths, outdir, jobs, force, timeout, memory_mb, max_pages, no_ocr, ocr_engine, backend, kb_timeout,
          dask_mode, scheduler, replace, gazetteers):
    """Process many PDFs (files, folders, globs): parallel, incremental, one bad file never stops the rest.

    Writes OUT/<issue-id>/ for each good input, updates OUT/kb.sqlite per issue, and OUT/batch-report.json with
    one record per input (ok | skipped | duplicate | failed, reason, duration, pages, input class).  A file
    that is part of an issue OUT already holds from a more complete file (a scanned excerpt), or a second
    source of it, is a "duplicate": recorded, not used.  Exit status 1 if any input failed.

    Example: bulletin batch back-issues/ -o outputs --jobs 2
    """
    import os
    from .batch import BatchConfig, collect, prestart, run_batch
    _add_gazetteers(gazetteers)
    inputs = collect(paths)
    if not inputs:
        raise click.ClickException("no input files matched")
    cfg = BatchConfig(outdir=outdir, jobs=jobs or os.cpu_count() or 1, force=force, timeout=timeout,
                      memory_mb=memory_mb, max_pages=max_pages, ocr=False if no_ocr else ocr_engine,
                      debug=ctx.obj["debug"], replace=replace, kb_timeout=kb_timeout, backend=backend)
    executor = "dask" if (dask_mode or scheduler) else "local"
    prestart(inputs, cfg, executor)     # the workers warm up while the progress display loads
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    counts = {"ok": 0, "failed": 0, "skipped": 0, "duplicate": 0, "pages": 0}
    t0 = __import__("time").perf_counter()
    import threading
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                  console=console, transient=False, disable=not console.is_terminal) as bar:
        def summary(pps: float = 0.0) -> str:
            return (f"ok {counts['ok']} · failed {counts['failed']} · skipped {counts['skipped']}"
                    f" · duplicate {counts['duplicate']} · {pps:.1f} pages/s")
        task = bar.add_task("[bold]batch", total=len(inputs), info=summary())
        running: dict[str, int] = {}     # input -> its task: the stage and pages of each file being processed
        lock = threading.Lock()

        def pages(name: str, stage: str, done=None, total=None):
            from rich.markup import escape
            with lock:
                if name not in running:
                    running[name] = bar.add_task("  " + escape(Path(name).name), total=None, info="")
                bar.update(running[name], completed=done or 0, total=total, info=escape(stage))

        def progress(rec):
            counts[rec["status"]] += 1
            if rec["status"] == "ok":
                counts["pages"] += rec.get("pages") or 0
            with lock:
                done_path = str(Path(rec["input"]).resolve())
                for name in [n for n in running if n == done_path]:
                    bar.remove_task(running.pop(name))
            el = max(1e-6, __import__("time").perf_counter() - t0)
            bar.update(task, advance=1, info=summary(counts["pages"] / el))
            if not console.is_terminal:
                why = rec.get("reason") or rec.get("note")
                click.echo(f"{rec['status']:<9} {rec['input']}" + (f"  — {why}" if why else ""), err=True)
        try:
            records = run_batch(inputs, cfg, progress, executor=executor, scheduler=scheduler,
                                page_progress=pages if console.is_terminal else None)
        except ImportError as e:
            raise click.ClickException(f"dask is not installed ({e}); pip install 'bulletin_pipeline[dask]'")
        except OSError as e:     # the output folder is a file, read-only, full…
            if ctx.obj["debug"]:
                raise
            from .errors import display_name
            raise click.ClickException(f"output: cannot write to {display_name(e.filename or outdir)}: "
                                       f"{e.strerror or e}")
    from rich.table import Table
    t = Table(title=f"batch: {len(inputs)} input(s) → {outdir}")
    for c in ("status", "input", "class", "issue", "pages", "seconds", "reason"):
        t.add_column(c, overflow="fold")
    from rich.text import Text
    for r in records:    # Text(): file names and reasons are data, never rich markup
        t.add_row(Text(r["status"]), Text(r["input"]), Text(r.get("input_class") or ""), Text(r.get("issue_id") or ""),
                  Text(str(r.get("pages") or "")), Text(f"{r['duration']:.1f}"),
                  Text(r.get("reason") or r.get("note") or ""))
    Console().print(t)
    from .errors import display_name
    click.echo(f"ok {counts['ok']}, skipped {counts['skipped']}, duplicate {counts['duplicate']}, "
               f"failed {counts['failed']}; report: {display_name(outdir / 'batch-report.json')}")
    if counts["failed"]:
        sys.exit(1)


@cli.command()
@click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "site", type=click.Path(file_okay=False, path_type=Path), help="Default: ISSUE_DIR/site.")
@click.option("--pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The source PDF, for page images (default: looked up by its file name).")
@click.option("--no-images", is_flag=True, help="Skip rendering the printed pages.")
@_timeout_option
@_memory_option
@click.pass_context
def edition(ctx, issue_dir, site, pdf, no_images, timeout, memory_mb):
    """Write the static HTML edition of an issue and the editors' QA report.

    Example: bulletin edition outputs/lcsrmzfgb-2019-11 --pdf corpus/lcszfgb-2019-11.pdf
    """
    from .edition import build
    from .errors import display_name
    from .limits import guard
    if not (issue_dir / "issue.json").exists():
        raise click.ClickException(f"no issue.json in {display_name(issue_dir)}")
    with _one_line(ctx, f"on {display_name(issue_dir)}"):
        _check_issue_file(issue_dir / "issue.json")
        with guard(timeout, memory_mb), _bar_progress("edition") as progress:
            index_path = build(issue_dir, site, pdf, images=not no_images, progress=progress)
    click.echo(f"edition: {index_path}  (QA report: {index_path.parent / 'qa.html'})")


@cli.group()
def export():
    """Export an issue to standard formats (Akoma Ntoso XML, spaCy DocBin)."""


@export.command("akn")
@click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Default: ISSUE_DIR/issue.akn.xml.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Validate against the OASIS Akoma Ntoso 3.0 schema before writing.")
def export_akn(issue_dir, out, validate):
    """Write the issue as Akoma Ntoso 3.0 (<officialGazette>, one component per document).

    Example: bulletin export akn outputs/lcsrmzfgb-2019-11
    """
    from .kb.akn import export as akn_export, validate as akn_validate
    from .kb.json_out import atomic_write
    data = _read_issue(issue_dir)
    xml, stats = akn_export(data)
    if validate:
        errors = akn_validate(xml)
        if errors:
            for e in errors[:50]:
                click.echo(e, err=True)
            raise click.ClickException(f"the Akoma Ntoso export does not validate ({len(errors)} errors); nothing written")
    out = out or issue_dir / "issue.akn.xml"
    atomic_write(out, xml)
    click.echo(f"{out}: {stats.documents} documents, {stats.provisions} provisions, {stats.organizations} "
               f"organizations, {stats.dates} dates, {stats.quantities} quantities")


@export.command("docbin")
@click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Default: ISSUE_DIR/units.spacy.")
def export_docbin(issue_dir, out):
    """Write obligation sources as a spaCy DocBin, units as spans labelled by role (training data).

    Example: bulletin export docbin outputs/lcsrmzfgb-2019-11
    """
    from .extract.nlp import export_docbin as do_export
    data = _read_issue(issue_dir)
    out = out or issue_dir / "units.spacy"
    n = do_export(data, out)
    click.echo(f"{out}: {n} docs")


def _check_issue_file(path: Path) -> dict:
    """The issue.json at ``path`` read safely, with ids that are slugs (they become file names): else one line."""
    from .errors import InputError, display_name
    from .kb.json_out import load_json
    from .kb.validate import check_ids
    data = load_json(path.read_bytes(), display_name(path))
    bad = check_ids(data)
    if bad:
        raise InputError("invalid-input", f"{display_name(path)}: {bad[0]} (run `bulletin validate`)")
    return data


def _read_issue(issue_dir: Path) -> dict:
    f = issue_dir / "issue.json"
    if not f.exists():
        raise click.ClickException(f"no issue.json in {issue_dir}")
    try:
        return json.loads(f.read_text(encoding="utf-8"))
    except ValueError as e:
        raise click.ClickException(f"{f} is not valid JSON: {e}")


# --------------------------------------------------------------------------- knowledge base
def _plain(v):
    """A cell for csv/table: booleans as true/false (as in issue.json), lists as ; joined text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "; ".join(x.get("text", str(x)) if isinstance(x, dict) else str(x) for x in v)
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def _emit(rows: list[dict], fmt: str, columns: list[str], title: str = "", out: Optional[Path] = None,
          excel: bool = False, table_columns: Optional[list[str]] = None, noun: str = "row"):
    """Write rows as a table (display-width aware, fits the terminal, 80 columns off a terminal),
    csv (``excel``: with a BOM), json or ndjson, to stdout or ``out``."""
    import io
    from .display import plural, table
    buf = io.StringIO()
    if fmt == "json":
        buf.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "ndjson":
        for r in rows:
            buf.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv
        if excel:
            buf.write("\ufeff")
        w = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_plain(r.get(c)) for c in columns])
    else:
        import shutil
        cols = table_columns or columns
        total = shutil.get_terminal_size((80, 24)).columns if out is None and sys.stdout.isatty() else 80
        from .display import cut
        if title:
            buf.write(cut(title, total) + "\n")
        groups: dict = {}
        for r in rows:      # every row under the issue and source file it came from
            groups.setdefault((r.get("issue_id"), r.get("source")), []).append(r)
        for (iid, src), rs in groups.items():
            if iid or src:
                buf.write(cut(f"── {iid or ''} · {src or ''}", total) + "\n")
            keep = ("doc_number", "角色", "due", "page", "number", "value", "measure", "year", "comparator",
                    "input_class")
            for line in table([[_plain(r.get(c)) for c in cols] for r in rs], cols, total, keep):
                buf.write(line + "\n")
        buf.write(plural(len(rows), noun) + "\n")
    text = buf.getvalue()
    if out is not None:
        from .kb.json_out import atomic_write
        atomic_write(out, text.encode("utf-8"))
        click.echo(f"{plural(len(rows), noun)} written to {out}", err=True)
    else:
        click.echo(text, nl=False)


def _open_kb(db: Path):
    from .kb.query import QueryError, open_db, require_content
    try:
        con = open_db(db)
        require_content(con, db)
    except (FileNotFoundError, QueryError) as e:
        raise click.ClickException(str(e))
    return con


class BadValue(click.ClickException):
    """A value the user typed that means nothing (an invalid date): one line, exit status 2."""
    exit_code = 2


def _query_error(e: Exception):
    """One line; exit 2 for a bad date, 1 for anything else the KB cannot answer (unknown unit, empty KB)."""
    from .kb.query import InvalidDate
    if isinstance(e, InvalidDate):
        raise BadValue(str(e))
    raise click.ClickException(str(e))


_db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("outputs/kb.sqlite"),
                          show_default=True, help="The knowledge base to read.")
_FORMATS = ["table", "csv", "json", "ndjson"]


def _out_options(f):
    f = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write to this file instead of stdout.")(f)
    f = click.option("--excel", is_flag=True, help="csv with a byte-order mark, so Excel reads the Chinese.")(f)
    f = click.option("--nl", is_flag=True,
                     help="Newline-delimited JSON (one object per line), same as --format ndjson.")(f)
    f = click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
                     help="table for reading; csv (tidy rows), json, ndjson for scripts.")(f)
    return f


def _fmt(fmt: str, nl: bool, excel: bool) -> str:
    if nl:
        return "ndjson"
    return "csv" if excel and fmt == "table" else fmt


@cli.group()
def query():
    """Ask the knowledge base: obligations, targets, units, issues (every filter optional).

    Example: bulletin query obligations --unit 市生态环境局 --due-before 2020-12-31 --format csv --excel -o due.csv
    """


@query.command("obligations")
@click.option("--unit", help="Department as written, official name or alias (市发展改革委 finds all its names).")
@click.option("--role", type=click.Choice(["lead", "support", "implement", "responsible"]),
              help="lead 牵头, support 配合, implement 组织落实, responsible 负责.")
@click.option("--issuer", help="Part of an issuing authority's name (发文机关).")
@click.option("--doc-type", help="文种: 通知, 意见, 决定 …")
@click.option("--issue", help="Only this issue id (see `bulletin query issues`).")
@click.option("--date-from", help="Document date on or after (2019-11-01 or 2019年11月1日).")
@click.option("--date-to", help="Document date on or before (a month or year means its last day).")
@click.option("--due-before", help="A deadline on or before this date (2020-12-31, 2020-12, 2020年底 is not a date).")
@click.option("--due-after", help="A deadline on or after this date.")
@click.option("--text", help="Words in the obligation's text.")
@_db_option
@_out_options
def query_obligations(unit, role, issuer, doc_type, issue, date_from, date_to, due_before, due_after, text, db, fmt,
                      nl, excel, out):
    """What departments must do, by when: one row per obligation × unit × deadline in csv; nested in json.

    Example: bulletin query obligations --unit 市生态环境局 --role lead --due-before 2020-12-31
    """
    from .kb.query import TIDY_COLUMNS, QueryError, obligations, tidy
    con = _open_kb(db)
    try:
        recs = obligations(con, unit, role, due_before, issue, due_after=due_after, issuer=issuer, doc_type=doc_type,
                           date_from=date_from, date_to=date_to, text=text)
    except QueryError as e:
        _query_error(e)
    fmt = _fmt(fmt, nl, excel)
    if fmt in ("json", "ndjson"):
        for r in recs:
            r.pop("key", None)
        _emit(recs, fmt, [], out=out, noun="obligation")
        return
    rows = tidy(recs)
    labels = {"lead": "牵头", "support": "配合", "implement": "落实", "responsible": "负责"}
    for r in rows:
        r["due"] = r["due_end"] or r["due_text"]
        r["角色"] = labels.get(r["role"], r["role"])
    _emit(rows, fmt, TIDY_COLUMNS, f"obligations{' of ' + unit.strip() if unit else ''}", out, excel,
          ["doc_number", "unit", "角色", "due", "text"], noun="row")


@query.command("targets")
@click.option("--indicator", help="Part of the indicator or target text (机械化率).")
@click.option("--measure", help="Measurement unit, e.g. % or 亿元.")
@click.option("--unit", "department", help="Department named by an obligation on the target.")
@click.option("--year", type=int, help="Target year.")
@click.option("--issue", help="Only this issue id.")
@_db_option
@_out_options
def query_targets(indicator, measure, department, year, issue, db, fmt, nl, excel, out):
    """Numeric targets, filtered by indicator, measurement unit, department or year.

    Example: bulletin query targets --indicator 机械化率 --measure %
    """
    from .kb.query import QueryError, targets
    con = _open_kb(db)
    try:
        rows = targets(con, indicator, None, year, issue, measure=measure, department=department)
    except QueryError as e:
        _query_error(e)
    _emit(rows, _fmt(fmt, nl, excel),
          ["issue_id", "doc_number", "title", "doc_date", "indicator", "comparator", "value", "measure", "year",
           "aspirational", "text", "page", "source"], "targets", out, excel,
          ["doc_number", "indicator", "comparator", "value", "measure", "year"], noun="target")


@query.command("units")
@click.option("--issue", help="Only this issue id.")
@_db_option
@_out_options
def query_units(issue, db, fmt, nl, excel, out):
    """Every department named in an obligation, with its official name, count and roles.

    Example: bulletin query units
    """
    from .kb.query import units
    con = _open_kb(db)
    _emit(units(con, issue), _fmt(fmt, nl, excel), ["unit", "canonical", "obligations", "roles", "issues"], "units",
          out, excel, noun="unit")


@query.command("issues")
@_db_option
@_out_options
def query_issues(db, fmt, nl, excel, out):
    """Every issue in the knowledge base: class (gazette, document, other), counts, source file.

    Example: bulletin query issues
    """
    from .kb.query import issues
    con = _open_kb(db)
    _emit(issues(con), _fmt(fmt, nl, excel),
          ["issue_id", "gazette", "year", "number", "input_class", "class_reasons", "page_count", "documents",
           "obligations", "sources", "source"], "issues", out, excel,
          ["input_class", "documents", "obligations", "page_count"], noun="issue")


@cli.command()
@click.argument("text")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--issue", help="Only this issue id.")
@_db_option
@_out_options
def search(text, limit, issue, db, fmt, nl, excel, out):
    """Full-text search over provisions (jieba-segmented FTS5; 秸秆禁烧 and 禁烧 both work).

    Example: bulletin search 秸秆
    """
    from .kb.query import search as do_search
    con = _open_kb(db)
    rows = do_search(con, text, limit, issue)
    for r in rows:
        r.pop("key", None)
    _emit(rows, _fmt(fmt, nl, excel),
          ["issue_id", "doc_number", "title", "number", "heading", "page", "text", "source"], f"provisions matching {text}", out, excel, ["doc_number", "number", "page", "text"],
          noun="provision")


@cli.command()
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="Default: OUTDIR/kb.sqlite.")
@click.pass_context
def index(ctx, outdir, db):
    """Rebuild the SQLite knowledge base from every OUTDIR/*/issue.json.

    The new KB is built beside the old one and swapped in with one rename: queries running meanwhile read the
    old one, and a bad issue file leaves the old one untouched.

    Example: bulletin index outputs
    """
    from .errors import display_name
    from .kb.datasette import write_metadata
    from .kb.index import rebuild
    db = db or outdir / "kb.sqlite"
    files = sorted(outdir.glob("*/issue.json"))
    if not files:
        raise click.ClickException(f"no */issue.json under {display_name(outdir)}")
    with _one_line(ctx, f"indexing {display_name(outdir)}"):
        n = rebuild(db, files)
        write_metadata(db.parent)
    click.echo(f"indexed {n} issue(s) into {display_name(db)}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate(paths):
    """Validate issue.json / issue.xml files (or folders of them); one line per problem, exit 1 if any.

    Also checks that ids are slugs, that each issue.json has its issue.xml (and the reverse), and that no
    write was left unfinished.

    Example: bulletin validate outputs/lcsrmzfgb-2019-11
    """
    from .errors import safe_text
    from .kb.validate import validate_paths
    problems, checked = validate_paths(paths)
    for line in problems:
        click.echo(safe_text(line))
    click.echo(f"{checked} file(s) checked, {len(problems)} problem(s)", err=True)
    if problems or not checked:
        sys.exit(1)


@cli.command()
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
def schema(out):
    """Print the JSON Schema of issue.json (generated from the model)."""
    from .kb.schema import schema_text
    text = schema_text()
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def main():
    cli(prog_name="bulletin")


if __name__ == "__main__":
    main()
