"""ingest: a PDF -> the raw pages layout reads (chars with boxes, drawn rules, ruled-table cells).

Two stages, both ``run(work, resources, config) -> work``: :func:`read` takes the text layer (and makes the
empty Issue of the file), :func:`recognise` OCRs the pages that have no usable text layer.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..errors import display_name
from ..lexicon import Resources
from ..model import Issue, IssueMeta, PipelineInfo, RawPage, Source, Work, page_runs
from . import ocr
from .ocr import OCRConfig
from ..choices import BACKENDS, DEFAULT_BACKEND  # noqa: F401  (public names)
from .pdf import IngestConfig, check_file, read_pages, sha256_file

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "IngestConfig", "OCRConfig", "fallback_id", "read", "recognise", "sha256_file"]

# what a file name keeps in a fallback issue id: ASCII letters, digits and inner '.', '_', '-'
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# leading or trailing punctuation of an id ('...pdf' must not become the id '..')
_ID_EDGE = re.compile(r"^[._-]+|[._-]+$")


def fallback_id(path: Path) -> str:
    """The issue id when the cover names no gazette: a slug of the file name (never '.', '..' or hidden)."""
    stem = _ID_EDGE.sub("", _ID_UNSAFE.sub("-", Path(path).stem)).lower()[:120]
    return _ID_EDGE.sub("", stem) or "issue"


def warm(resources: Resources) -> None:
    """Import the PDF reader now (a batch worker does it once, before it forks)."""
    import pdfplumber  # noqa: F401


def read(work: Work, resources: Resources, config: IngestConfig) -> Work:
    """The file's empty Issue (source, read warnings) and its pages, read as they are asked for: ``work.raw``
    is an iterator, so a long file is never held whole (the page count is set when the last page is read)."""
    path = Path(work.path)
    check_file(path, config)
    issue = Issue(issue=IssueMeta(id=fallback_id(path)),
                  source=Source(path=display_name(path.name), sha256=sha256_file(path), page_count=0),
                  pipeline=PipelineInfo(version=__version__, backend=config.backend))
    work.issue = issue

    def on_page(done: int, total: int) -> None:
        work.page_total = total
        work.progress("reading pages", done, total)

    def pages() -> Iterator[RawPage]:
        problems = _Warnings(issue)
        for page in read_pages(path, config, problems, on_page=on_page):
            issue.source.page_count = page.number
            share_numbers(page)
            yield page

    work.raw = pages()
    return work


def share_numbers(page: RawPage) -> None:
    """The chars of a page share one float object per distinct coordinate and size (the chars of a line
    have one top, bottom and size, a fixed pitch repeats x across lines): a run of pages waiting for layout
    takes about a third less memory.  Zero is left alone (0.0 and -0.0 are equal keys)."""
    seen: dict[float, float] = {}
    get = seen.setdefault
    for c in page.chars:
        if c.x0:
            c.x0 = get(c.x0, c.x0)
        if c.x1:
            c.x1 = get(c.x1, c.x1)
        if c.top:
            c.top = get(c.top, c.top)
        if c.bottom:
            c.bottom = get(c.bottom, c.bottom)
        if c.size:
            c.size = get(c.size, c.size)


class _Warnings(list):
    """The reader's problems ((code, message, page) tuples) as the issue's warnings, when they happen."""

    def __init__(self, issue: Issue):
        super().__init__()
        self._issue = issue

    def append(self, problem: tuple) -> None:
        super().append(problem)
        code, message, page = problem
        self._issue.warn(code, message, page=page)


def recognise(work: Work, resources: Resources, config: OCRConfig) -> Work:
    """OCR of the pages without a usable text layer (their chars replaced in place), a run of pages at a time.

    The runs are layout's (:func:`~bulletin_pipeline.model.page_runs` with the file's page count), and a run
    is let go of before the next is read, so the two stages hold one run of pages between them, not two."""
    raw = work.raw

    def pages() -> Iterator[RawPage]:
        for run in page_runs(raw, work.chunk_pages, lambda: work.page_total):
            got = ocr.apply(run, Path(work.path), work.issue, config, resources,
                            on_page=lambda done, total: work.progress("OCR", done, total))
            del run
            yield from got
            del got         # before the next run is read

    work.raw = pages()
    return work
