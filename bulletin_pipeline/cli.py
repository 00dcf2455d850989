"""The `bulletin` command: thin wrappers around the library (heavy imports stay inside the commands)."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__


def _fail(e: Exception, debug: bool):
    if debug:
        raise e
    raise click.ClickException(str(e).splitlines()[0] if str(e) else type(e).__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
@click.option("--debug", is_flag=True, help="Show full tracebacks and debug logging.")
@click.pass_context
def cli(ctx, debug):
    """Turn a Chinese government gazette (政府公报) PDF into a validated, queryable knowledge base.

    Example: bulletin run corpus/lcszfgb-2019-11.pdf -o outputs
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Output folder; the issue goes to OUT/<issue-id>/.")
@click.option("--no-index", is_flag=True, help="Do not update OUT/kb.sqlite.")
@click.option("--max-pages", type=int, default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the output path.")
@click.pass_context
def run(ctx, pdf, outdir, no_index, max_pages, quiet):
    """Process one gazette PDF and write OUT/<issue-id>/issue.json (and issue.xml).

    Example: bulletin run corpus/lcszfgb-2019-11.pdf -o outputs
    """
    from .errors import PipelineError
    from .ingest.pdf import IngestConfig
    from .kb import write as kb_write
    from .pipeline import RunConfig, run as run_pipeline
    try:
        issue, _ = run_pipeline(pdf, RunConfig(ingest=IngestConfig(max_pages=max_pages)))
        target = kb_write.write_issue(issue, outdir, index=not no_index)
    except PipelineError as e:
        _fail(e, ctx.obj["debug"])
    except Exception as e:  # anything else is a bug, but the user still gets one line
        if ctx.obj["debug"]:
            raise
        raise click.ClickException(f"internal error on {pdf}: {type(e).__name__}: {e}".splitlines()[0])
    if quiet:
        click.echo(str(target))
        return
    click.echo(f"{issue.issue.gazette or pdf.name} {issue.issue.year or ''}年第{issue.issue.number or '?'}期"
               f" — {issue.source.page_count} pages, {len(issue.toc)} 目录 entries, {len(issue.documents)} documents,"
               f" {len(issue.warnings)} warnings")
    for d in issue.documents:
        click.echo(f"  p{d.start_page:<3} {d.doc_number or '—':<20} {d.title[:46]}"
                   f"  [{len(d.provisions)} provisions, {len(d.obligations)} obligations]")
    click.echo(f"written: {target}")


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
    from .ingest.pdf import read_pages
    try:
        raw = list(read_pages(pdf))
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


def main():
    cli(prog_name="bulletin")


if __name__ == "__main__":
    main()
