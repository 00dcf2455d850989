"""Run the stages in order on one PDF: ingest -> layout -> structure -> extract.  Returns the Issue."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .ingest.ocr import OCRConfig
from .ingest.pdf import IngestConfig, read_pages, sha256_file
from .model import Issue, IssueMeta, PipelineInfo, Source

_log = logging.getLogger(__name__)


@dataclass
class RunConfig:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    ocr: OCRConfig = field(default_factory=OCRConfig)
    structure: bool = True
    extract: bool = True


def fallback_id(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-").lower()
    return stem or "issue"


def _quiet(stage: str) -> None:
    """The default progress callback: says nothing."""


def load(path: Path | str, cfg: RunConfig | None = None, progress: Callable[[str], None] = _quiet):
    """Ingest (with OCR where a page has no usable text) and an empty Issue for the file."""
    from .ingest import ocr
    cfg = cfg or RunConfig()
    path = Path(path)
    progress("reading pages")
    raw = list(read_pages(path, cfg.ingest))
    issue = Issue(issue=IssueMeta(id=fallback_id(path)),
                  source=Source(path=path.name, sha256=sha256_file(path), page_count=len(raw)),
                  pipeline=PipelineInfo(version=__version__))
    progress("OCR of pages without text")
    raw = ocr.apply(raw, path, issue, cfg.ocr)
    return raw, issue


def run(path: Path | str, cfg: RunConfig | None = None,
        progress: Callable[[str], None] = _quiet) -> tuple[Issue, list]:
    """Process one PDF.  Returns (issue, page layouts).  ``progress`` is told each stage as it starts."""
    from . import layout, structure
    cfg = cfg or RunConfig()
    raw, issue = load(path, cfg, progress)
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
        structure.run(issue, pages, paras)
        layout.tables.attach(issue)
    if cfg.extract and issue.documents:
        progress("extract")
        from . import extract
        extract.run(issue, ocr=any(p.ocr for p in pages))
    return issue, pages
