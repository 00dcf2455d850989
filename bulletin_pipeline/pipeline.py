"""Run the stages in order on one PDF: ingest -> layout -> structure -> extract.  Returns the Issue."""
from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from . import __version__
from .errors import display_name
from .ingest.ocr import OCRConfig
from .ingest.pdf import IngestConfig, read_pages, sha256_file
from .lexicon import Resources
from .model import Issue, IssueMeta, PipelineInfo, Source

_log = logging.getLogger(__name__)


@dataclass
class RunConfig:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    ocr: OCRConfig = field(default_factory=OCRConfig)
    structure: bool = True
    extract: bool = True


# what a file name keeps in a fallback issue id: ASCII letters, digits and inner '.', '_', '-'
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# leading or trailing punctuation of an id ('...pdf' must not become the id '..')
_ID_EDGE = re.compile(r"^[._-]+|[._-]+$")


def fallback_id(path: Path) -> str:
    """The issue id when the cover names no gazette: a slug of the file name (never '.', '..' or hidden)."""
    stem = _ID_EDGE.sub("", _ID_UNSAFE.sub("-", Path(path).stem)).lower()[:120]
    return _ID_EDGE.sub("", stem) or "issue"


class RunTimeout(BaseException):
    """The run took longer than its time limit.  A BaseException, like KeyboardInterrupt: the handlers that turn
    one bad page or one bad file into a warning must not swallow it."""


@contextlib.contextmanager
def guard(timeout: Optional[float] = None, memory_mb: Optional[int] = None):
    """Bound a run in this process: after ``timeout`` seconds :class:`RunTimeout` is raised (main thread only),
    and the address space may grow by ``memory_mb`` at most (allocations beyond fail with MemoryError)."""
    import resource
    import signal
    import threading
    old_limit = None
    if memory_mb:
        from .batch import _address_space
        old_limit = resource.getrlimit(resource.RLIMIT_AS)
        want = _address_space() + memory_mb * 1024 * 1024
        hard = old_limit[1]
        if hard == resource.RLIM_INFINITY or want <= hard:
            try:
                resource.setrlimit(resource.RLIMIT_AS, (want, hard))
            except (ValueError, OSError):
                old_limit = None
        else:
            old_limit = None
    timed = bool(timeout) and threading.current_thread() is threading.main_thread()
    if timed:
        def _expire(signum, frame):
            raise RunTimeout(f"no result after {timeout:g} s")
        old_handler = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        if old_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limit)


def _quiet(stage: str) -> None:
    """The default progress callback: says nothing."""


def load(path: Path | str, cfg: RunConfig | None = None, progress: Callable[[str], None] = _quiet,
         resources: Optional[Resources] = None):
    """Ingest (with OCR where a page has no usable text) and an empty Issue for the file."""
    from .ingest import ocr
    cfg = cfg or RunConfig()
    path = Path(path)
    progress("reading pages")
    problems: list[tuple[str, str, Optional[int]]] = []
    raw = list(read_pages(path, cfg.ingest, problems))
    issue = Issue(issue=IssueMeta(id=fallback_id(path)),
                  source=Source(path=display_name(path.name), sha256=sha256_file(path), page_count=len(raw)),
                  pipeline=PipelineInfo(version=__version__, backend=cfg.ingest.backend))
    for code, message, page in problems:
        issue.warn(code, message, page=page)
    progress("OCR of pages without text")
    raw = ocr.apply(raw, path, issue, cfg.ocr, resources)
    return raw, issue


def run(path: Path | str, cfg: RunConfig | None = None, progress: Callable[[str], None] = _quiet,
        resources: Optional[Resources] = None) -> tuple[Issue, list]:
    """Process one PDF.  Returns (issue, page layouts).  ``progress`` is told each stage as it starts.
    ``resources``: the domain data, built once here when the caller (a warm batch worker) has none."""
    from . import layout, structure
    cfg = cfg or RunConfig()
    resources = resources or Resources()
    raw, issue = load(path, cfg, progress, resources)
    progress("layout")
    pages, paras = layout.run(raw)
    issue.source.page_labels = {str(p.number): p.label for p in pages if p.label}
    issue.paragraphs = paras
    issue.tables = [p.table for p in paras if p.table is not None]
    for p in pages:
        if p.char_count == 0 and not p.ocr:
            issue.warn("empty-page", "page has no text layer", page=p.number)
    for p in raw:
        if layout.tables.scanned_table(p):
            issue.warn("table-in-scan", "a scanned page shows a table: its rows are not rebuilt from OCR text",
                       page=p.number)
    if cfg.structure:
        progress("structure")
        structure.run(issue, pages, paras, resources)
        layout.tables.attach(issue)
    if cfg.extract and issue.documents:
        progress("extract")
        from . import extract
        extract.run(issue, ocr=any(p.ocr for p in pages), resources=resources)
    return issue, pages
