"""The `bulletin` command: thin wrappers around the library (heavy imports stay inside the commands)."""
from __future__ import annotations

import contextlib
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__


def _fail(e: Exception, debug: bool):
    if debug:
        raise e
    from .errors import safe_text
    raise click.ClickException(safe_text(str(e).splitlines()[0]) if str(e) else type(e).__name__)


@contextlib.contextmanager
def _one_line(ctx, where: str = ""):
    """Every failure of a command as one line on stderr (exit 1); --debug shows the traceback."""
    from .errors import PipelineError, safe_text
    from .pipeline import RunTimeout
    try:
        yield
    except click.ClickException:
        raise
    except PipelineError as e:
        _fail(e, ctx.obj["debug"])
    except RunTimeout as e:
        _fail(click.ClickException(f"timeout: {e}"), ctx.obj["debug"])
    except MemoryError as e:
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


@cli.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Output folder; the issue goes to OUT/<issue-id>/.")
@click.option("--no-index", is_flag=True, help="Do not update OUT/kb.sqlite.")
@click.option("--max-pages", type=int, default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--max-mb", type=float, default=500, show_default=True, help="Refuse PDFs larger than this.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages without a text layer.")
@click.option("--akn", is_flag=True, help="Also write issue.akn.xml (Akoma Ntoso 3.0, validated).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the output path.")
@_timeout_option
@_memory_option
@click.pass_context
def run(ctx, pdf, outdir, no_index, max_pages, max_mb, no_ocr, akn, quiet, timeout, memory_mb):
    """Process one gazette PDF and write OUT/<issue-id>/issue.json (and issue.xml).

    Example: bulletin run corpus/lcszfgb-2019-11.pdf -o outputs
    """
    from .errors import display_name
    from .ingest.pdf import IngestConfig
    from .kb import write as kb_write
    from .pipeline import RunConfig, guard, run as run_pipeline
    with _one_line(ctx, f"on {display_name(pdf)}"):
        from .ingest.ocr import OCRConfig
        with guard(timeout, memory_mb):
            issue, _ = run_pipeline(pdf, RunConfig(ingest=IngestConfig(max_pages=max_pages,
                                                                       max_bytes=int(max_mb * 1024 * 1024)),
                                                   ocr=OCRConfig(enabled=not no_ocr)))
            target = kb_write.write_issue(issue, outdir, index=not no_index, akn=akn)
    if quiet:
        click.echo(display_name(target))
        return
    head = issue.issue.gazette or display_name(pdf.name)
    if issue.issue.year and issue.issue.number:
        head += f" {issue.issue.year}年第{issue.issue.number}期"
    click.echo(f"{head} — {issue.source.page_count} pages, {len(issue.toc)} 目录 entries, {len(issue.documents)} documents,"
               f" {len(issue.warnings)} warnings")
    for d in issue.documents:
        click.echo(f"  p{d.start_page:<3} {d.doc_number or '—':<20} {d.title[:46]}"
                   f"  [{len(d.provisions)} provisions, {len(d.obligations)} obligations]")
    click.echo(f"written: {display_name(target)}")


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
    pgs, paras = layout.run(raw)
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
    from .extract.docnumber import parse
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
@click.option("--kb-timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for another writer's lock on OUT/kb.sqlite; then the file fails (and is retried).")
@click.option("--dask", "dask_mode", type=click.Choice(["local"]), help="Run on a dask.distributed LocalCluster.")
@click.option("--scheduler", help="Run on a dask.distributed cluster, e.g. tcp://host:8786.")
@click.pass_context
def batch(ctx, paths, outdir, jobs, force, timeout, memory_mb, max_pages, no_ocr, kb_timeout, dask_mode, scheduler):
    """Process many PDFs (files, folders, globs): parallel, incremental, one bad file never stops the rest.

    Writes OUT/<issue-id>/ for each good input, updates OUT/kb.sqlite per issue, and OUT/batch-report.json with
    one record per input (ok | skipped | failed, reason, duration, pages).  Exit status 1 if any input failed.

    Example: bulletin batch back-issues/ -o outputs --jobs 2
    """
    import os
    from .batch import BatchConfig, collect, run_batch
    inputs = collect(paths)
    if not inputs:
        raise click.ClickException("no input files matched")
    cfg = BatchConfig(outdir=outdir, jobs=jobs or os.cpu_count() or 1, force=force, timeout=timeout,
                      memory_mb=memory_mb, max_pages=max_pages, ocr=not no_ocr, debug=ctx.obj["debug"],
                      kb_timeout=kb_timeout)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    counts = {"ok": 0, "failed": 0, "skipped": 0, "pages": 0}
    t0 = __import__("time").perf_counter()
    with Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("ok {task.fields[ok]} · failed {task.fields[failed]} · skipped {task.fields[skipped]}"
                             " · {task.fields[pps]:.1f} pages/s"), TimeElapsedColumn(),
                  console=console, transient=False, disable=not console.is_terminal) as bar:
        task = bar.add_task("batch", total=len(inputs), ok=0, failed=0, skipped=0, pps=0.0)

        def progress(rec):
            counts[rec["status"]] += 1
            if rec["status"] == "ok":
                counts["pages"] += rec.get("pages") or 0
            el = max(1e-6, __import__("time").perf_counter() - t0)
            bar.update(task, advance=1, ok=counts["ok"], failed=counts["failed"], skipped=counts["skipped"],
                       pps=counts["pages"] / el)
            if not console.is_terminal:
                click.echo(f"{rec['status']:<8} {rec['input']}" + (f"  — {rec['reason']}" if rec.get("reason") else ""),
                           err=True)
        try:
            records = run_batch(inputs, cfg, progress, executor="dask" if (dask_mode or scheduler) else "local",
                                scheduler=scheduler)
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
    for c in ("status", "input", "pages", "seconds", "reason"):
        t.add_column(c, overflow="fold")
    from rich.text import Text
    for r in records:    # Text(): file names and reasons are data, never rich markup
        t.add_row(Text(r["status"]), Text(r["input"]), Text(str(r.get("pages") or "")), Text(f"{r['duration']:.1f}"),
                  Text(r.get("reason") or ""))
    Console().print(t)
    from .errors import display_name
    click.echo(f"ok {counts['ok']}, skipped {counts['skipped']}, failed {counts['failed']}; "
               f"report: {display_name(outdir / 'batch-report.json')}")
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
    from .pipeline import guard
    if not (issue_dir / "issue.json").exists():
        raise click.ClickException(f"no issue.json in {display_name(issue_dir)}")
    with _one_line(ctx, f"on {display_name(issue_dir)}"):
        _check_issue_file(issue_dir / "issue.json")
        with guard(timeout, memory_mb):
            index_path = build(issue_dir, site, pdf, images=not no_images)
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
def _emit(rows: list[dict], fmt: str, columns: list[str], title: str = ""):
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        import csv
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()})
        return
    from rich.console import Console
    from rich.table import Table
    t = Table(title=title or None, show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    from rich.text import Text
    for r in rows:
        t.add_row(*[Text(_cell(r.get(c))) for c in columns])
    Console().print(t)
    click.echo(f"{len(rows)} row(s)")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(x.get("text", str(x)) if isinstance(x, dict) else str(x) for x in v)
    s = str(v)
    return s if len(s) <= 120 else s[:117] + "…"


_db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("outputs/kb.sqlite"),
                          show_default=True, help="The knowledge base to read.")
_fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                           show_default=True, help="table for reading, json/csv for scripts.")


@cli.group()
def query():
    """Ask the knowledge base: obligations by unit, targets by indicator."""


@query.command("obligations")
@click.option("--unit", required=True, help="Unit as written or its official name (市发展改革委 finds both).")
@click.option("--role", type=click.Choice(["lead", "support", "implement", "responsible"]))
@click.option("--due-before", help="Only obligations with a deadline ending before this ISO date.")
@click.option("--issue", help="Only this issue id.")
@_db_option
@_fmt_option
@click.pass_context
def query_obligations(ctx, unit, role, due_before, issue, db, fmt):
    """What a unit must do, with document number, provision text, deadlines and targets.

    Example: bulletin query obligations --unit 市生态环境局 --role lead --format json
    """
    from .kb.query import obligations, open_db
    try:
        con = open_db(db)
    except FileNotFoundError as e:
        raise click.ClickException(str(e))
    rows = obligations(con, unit, role, due_before, issue)
    _emit(rows, fmt, ["doc_number", "unit", "role", "text", "deadlines", "targets", "page"],
          f"obligations of {unit}")


@query.command("targets")
@click.option("--indicator", help="Part of the indicator or target text (机械化率).")
@click.option("--unit", "measure", help="Measure unit, e.g. % or 亿元.")
@click.option("--year", type=int)
@click.option("--issue", help="Only this issue id.")
@_db_option
@_fmt_option
def query_targets(indicator, measure, year, issue, db, fmt):
    """Numeric targets, filtered by indicator, unit or year.

    Example: bulletin query targets --indicator 机械化率
    """
    from .kb.query import open_db, targets
    try:
        con = open_db(db)
    except FileNotFoundError as e:
        raise click.ClickException(str(e))
    rows = targets(con, indicator, measure, year, issue)
    _emit(rows, fmt, ["doc_number", "indicator", "comparator", "value", "unit", "year", "aspirational", "text"],
          "targets")


@cli.command()
@click.argument("text")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--issue", help="Only this issue id.")
@_db_option
@_fmt_option
def search(text, limit, issue, db, fmt):
    """Full-text search over provisions (jieba-segmented FTS5; 秸秆禁烧 and 禁烧 both work).

    Example: bulletin search 秸秆
    """
    from .kb.query import open_db, search as do_search
    try:
        con = open_db(db)
    except FileNotFoundError as e:
        raise click.ClickException(str(e))
    rows = do_search(con, text, limit, issue)
    _emit(rows, fmt, ["doc_number", "number", "heading", "page", "text"], f"provisions matching {text}")


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
