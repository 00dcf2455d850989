"""The whole flow on one screen.  A PDF goes through the stages in order; :meth:`Pipeline.run` writes it.

Every stage is ``run(work, resources, config) -> work`` (:class:`~bulletin_pipeline.model.Work` carries the
file, the Issue being built and the pages); :data:`STAGES` lists them with their part of :class:`RunConfig`.
The domain data the stages share (gazetteers, calendar, measures, word list) is one
:class:`~bulletin_pipeline.lexicon.Resources`, built once per process.

    pipeline = Pipeline(RunConfig.from_options(max_pages=500))
    written = pipeline.run("gazette.pdf", "outputs")      # OUT/<issue-id>/issue.json, issue.xml, kb.sqlite
    issue = pipeline.process("gazette.pdf").issue         # the same, not written
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple, Optional

from . import classify, extract, ingest, kb, layout, structure
from .classify import ClassifyConfig
from .extract import ExtractConfig
from .ingest import IngestConfig, OCRConfig, fallback_id, sha256_file  # noqa: F401  (public names)
from .kb.identity import write_checked
from .kb.write import prepare_issue
from .layout import LayoutConfig
from .lexicon import Resources
from .limits import RunTimeout, address_space, guard  # noqa: F401  (public names)
from .model import Issue, PageLayout, RawPage, Work, quiet
from .spool import Spooled
from .structure import StructureConfig

class Stage(NamedTuple):
    name: str
    run: Callable[[Work, Resources, object], Work]
    config: str             # the RunConfig field this stage reads


STAGES = (
    Stage("read", ingest.read, "ingest"),               # text layer: chars with boxes, rules, ruled-table cells
    Stage("ocr", ingest.recognise, "ocr"),              # pages without a usable text layer, through OCR
    Stage("layout", layout.run, "layout"),              # furniture, columns, reading order, paragraphs, tables
    Stage("structure", structure.run, "structure"),     # 目录, documents, GB/T 9704 parts, continuations, provisions
    Stage("reconcile", structure.reconcile_ocr, "structure"),   # OCR'd pages: 目录 and head readings merged, issuers
    Stage("classify", classify.run, "classify"),        # a gazette issue, a single 公文, or something else
    Stage("extract", extract.run, "extract"),           # citations, obligations with roles, deadlines, targets
)
STAGE_NAMES = tuple(s.name for s in STAGES)


@dataclass
class RunConfig:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    ocr: OCRConfig = field(default_factory=OCRConfig)
    layout: LayoutConfig = field(default_factory=LayoutConfig)
    structure: StructureConfig = field(default_factory=StructureConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    until: str = "extract"          # the last stage to run
    # pages read, OCR'd and laid out together: the most whose chars are held at once, so memory grows with
    # this and not with the file (an issue of up to one and a half runs is measured whole)
    chunk_pages: int = 200

    def __post_init__(self):
        if self.until not in STAGE_NAMES:
            raise ValueError(f"until: one of {', '.join(STAGE_NAMES)}, not {self.until!r}")

    @classmethod
    def from_options(cls, max_pages: int = 2000, max_mb: Optional[float] = None, ocr: bool | str = True,
                     password: Optional[str] = None, backend: Optional[str] = None,
                     ocr_workers: int = 0) -> "RunConfig":
        """The configuration from what a user sets on the command line (`bulletin run`, `bulletin batch`):
        ``ocr`` False (no OCR), True (the default engine) or an engine name (rapidocr, tesseract); ``backend``
        the reader of the text layer (pdfium, pdfplumber; None: the default); ``ocr_workers`` the pages
        OCR'd at once (0: one per core)."""
        ing = IngestConfig(max_pages=max_pages, password=password, **({"backend": backend} if backend else {}))
        if max_mb is not None:
            ing.max_bytes = int(max_mb * 1024 * 1024)
        eng = {"engine": ocr} if isinstance(ocr, str) else {}
        return cls(ingest=ing, ocr=OCRConfig(enabled=bool(ocr), workers=ocr_workers, **eng))


@dataclass
class WriteConfig:
    index: bool = True          # update OUT/kb.sqlite
    akn: bool = False           # also write issue.akn.xml
    replace: bool = False       # write even when OUT holds a more complete source of the same issue


@dataclass
class Written:
    issue: Issue
    path: Path                  # OUT/<issue-id>/issue.json (what OUT holds for the issue)
    written: bool               # False: OUT keeps the more complete source it already holds
    message: Optional[str]      # why, when the decision says something


@dataclass
class Staged:
    issue: Issue
    journal: Path               # validated files, not yet visible: kb.write.commit publishes them


class Pipeline:
    """The stages with one configuration and one set of resources; ``progress(stage, done, total)`` is told
    each stage as it starts (and pages as they are read)."""

    def __init__(self, config: Optional[RunConfig] = None, resources: Optional[Resources] = None,
                 progress: Callable[..., None] = quiet):
        self.config = config or RunConfig()
        self.resources = resources or Resources()
        self.progress = progress

    def process(self, pdf: Path | str, until: Optional[str] = None, keep_lines: bool = False) -> Work:
        """Run the stages on one PDF (up to ``until``, default the configuration's) and return the work.
        ``keep_lines``: the page layouts keep their lines after structure (they are let go of otherwise)."""
        last = STAGE_NAMES.index(until or self.config.until)
        work = Work(path=Path(pdf), progress=self.progress, chunk_pages=self.config.chunk_pages,
                    keep_lines=keep_lines)
        for stage in STAGES[: last + 1]:
            if stage.name == "layout" and last == len(STAGES) - 1 and not keep_lines and _long(work):
                return self.process_long(work)
            self.progress(stage.name)
            work = stage.run(work, self.resources, getattr(self.config, stage.config))
        return work

    def process_long(self, work: Work) -> Work:
        """The stages from layout on for a file longer than a run and a half of pages, so that memory stays flat
        in the page count: a run of pages is laid out, its documents that nothing further on can change are
        built and extracted (structure.Windows), and those documents, their paragraphs and tables go to disk
        (spool.Spooled); the issue's lists are read back from there, one item at a time, when it is written."""
        cfg, res, issue = self.config, self.resources, work.issue
        paras_out, docs_out, tables_out = Spooled(), Spooled(), Spooled()
        heads = []              # each document's head fields, what classify reads
        windows = structure.Windows(issue, res, hold_pages=cfg.structure.hold_pages)
        reported: set[str] = set()
        for pages, paras, final in layout.runs(work, cfg.layout):
            windows.ocr = windows.ocr or any(p.ocr for p in pages)
            self.progress("structure")
            done, docs = windows.add(pages, paras, final)
            part = issue.model_copy(update={"documents": docs, "paragraphs": [],
                                            "tables": [p.table for p in done if p.table is not None]})
            structure.attach_tables(part)
            if windows.ocr:
                structure.reconcile_documents(part, res)
            self.progress("extract")
            extract.extract(part, ocr=windows.ocr, resources=res, reported=reported)
            for p in done:
                p.table = None      # the issue's tables list holds it
            paras_out.extend(done)
            tables_out.extend(part.tables)
            docs_out.extend(docs)
            heads += [d.model_copy(update={n: [] for n in _DOC_LISTS} | {"text": ""}) for d in docs]
            del done, docs, part
        work.pages = windows.pages
        issue.paragraphs, issue.tables = paras_out, tables_out
        classify.apply(issue.model_copy(update={"documents": heads}), cfg.classify)
        issue.documents = docs_out
        return work

    def run(self, pdf: Path | str, out: Path | str, write: Optional[WriteConfig] = None) -> Written:
        """Process one PDF and write OUT/<issue-id>/ (issue.json, issue.xml, the KB), unless OUT already holds
        a more complete source of the same issue (``write.replace`` writes regardless)."""
        write = write or WriteConfig()
        issue = self.process(pdf).issue
        self.progress("write")
        target, decision = write_checked(issue, Path(out), index=write.index, akn=write.akn, replace=write.replace)
        return Written(issue, target, decision.write, decision.message)

    def stage(self, pdf: Path | str, out: Path | str) -> Staged:
        """Process one PDF and stage its validated files under OUT/<issue-id>/ without publishing them: the
        caller decides (under the issue's lock) and commits.  What a batch worker does."""
        issue = self.process(pdf).issue
        self.progress("write")
        return Staged(issue, prepare_issue(issue, Path(out)))


# the lists of a document a classifier never reads (not kept for it)
_DOC_LISTS = ("paragraphs", "provisions", "citations", "references", "obligations", "deadlines", "targets", "events")


def _long(work: Work) -> bool:
    """Is the file longer than a run and a half of pages (``work.chunk_pages``)?  The first page is read to know
    (the reader tells the page count then) and put back."""
    if work.chunk_pages <= 0:
        return False
    pages = iter(work.raw)
    first = next(pages, None)
    work.raw = pages if first is None else itertools.chain([first], pages)
    return work.page_total >= work.chunk_pages + work.chunk_pages // 2


def warm(words: bool = True) -> Resources:
    """Build what every file needs once (domain data, compiled patterns and validators): a batch worker's
    warm-up before it forks.  ``words``: also jieba's dictionary (:meth:`Resources.warm`)."""
    resources = Resources().warm(words)
    ingest.warm(resources)
    structure.warm(resources)
    extract.warm(resources)
    kb.warm()
    return resources


def run(path: Path | str, cfg: Optional[RunConfig] = None, progress: Callable[..., None] = quiet,
        resources: Optional[Resources] = None) -> tuple[Issue, list[PageLayout]]:
    """Process one PDF, not written.  Returns (issue, page layouts with their lines)."""
    work = Pipeline(cfg, resources, progress).process(path, keep_lines=True)
    return work.issue, work.pages


def load(path: Path | str, cfg: Optional[RunConfig] = None, progress: Callable[..., None] = quiet,
         resources: Optional[Resources] = None) -> tuple[list[RawPage], Issue]:
    """Ingest only (the text layer, OCR where a page has none): (raw pages, the file's empty Issue)."""
    work = Pipeline(cfg, resources, progress).process(path, until="ocr")
    return list(work.raw), work.issue
