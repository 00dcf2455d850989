"""structure: cover and 目录, document segmentation with GB/T 9704 parts, continuations, provision trees.

The stage is :func:`run` (``run(work, resources, config) -> work``); :func:`build` does the work on an issue
whose paragraphs layout has made.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..lexicon import Resources
from ..model import Issue, PageLayout, Paragraph, ParagraphKind, Work
from .cover import issue_meta, parse_toc, slug
from .tree import build_tree
from .reconcile import reconcile_numbers, reconcile_titles, restore_issuers
from .segment import _ns, segment as segment_documents, settled


@dataclass
class StructureConfig:
    """The structure follows GB/T 9704 and what the issue's own 目录 says; what is set here is only how long a
    file read a window of pages at a time (:class:`Windows`) may hold a document back."""
    hold_pages: int = 400


def run(work: Work, resources: Resources, config: StructureConfig) -> Work:
    """The stage: 目录, documents with their parts and provisions; each table to the document holding it."""
    build(work.issue, work.pages, work.issue.paragraphs, resources)
    attach_tables(work.issue)
    if not work.keep_lines:
        release_lines(work.pages, work.issue.paragraphs)
    return work


def release_lines(pages: list[PageLayout], paras: list[Paragraph]) -> None:
    """Let go of the layout lines once the documents are built: no later stage reads them (the paragraphs
    have their text and boxes), and in a long issue they are a third of what the stages hold."""
    for p in pages:
        p.lines, p.furniture = [], []
    for p in paras:
        p.lines = []


def reconcile_ocr(work: Work, resources: Resources, config: StructureConfig) -> Work:
    """The stage after structure when any page was OCR'd: the two readings of each title and 发文字号 (the
    目录's and the document head's) merged, and issuer names one char off a gazetteer name restored."""
    if work.ocr:
        reconcile_documents(work.issue, resources)
    return work


def reconcile_documents(issue: Issue, resources: Resources) -> None:
    """:func:`reconcile_ocr` on the documents of ``issue``."""
    docs = {d.id: d for d in issue.documents}
    for e in issue.toc:
        hit = docs.get(e.document_id)
        if hit is not None:
            reconcile_titles(e, hit, resources)
            reconcile_numbers(e, hit, issue)
    restore_issuers(issue, resources)


def warm(resources: Resources) -> None:
    """Load what the first issue would load (the pinyin table for ids), before a worker forks.  pypinyin
    itself (half a CPU-second to import) is left to the rare file whose names the table cannot read: every
    batch would pay it before its first file could start."""
    slug("公报", resources)


def attach_tables(issue: Issue) -> None:
    """Each table to the document whose paragraphs hold it; the document's table paragraph gets part
    ``table`` so that prose readers (obligations, deadlines, targets) leave it to the table reader."""
    by_box = {(tuple(t.bbox), t.text()): t for t in issue.tables}
    for doc in issue.documents:
        for dp in doc.paragraphs:
            if dp.kind != "table":
                continue
            t = by_box.get((tuple(dp.bbox), dp.text))
            if t is not None:
                t.document_id = doc.id
                dp.part = "table"


def build(issue: Issue, pages: list[PageLayout], paras: list[Paragraph], resources: Optional[Resources] = None) -> Issue:
    """Cover, 目录, documents and provisions of ``issue`` from its page layouts and paragraphs: the whole issue
    as one window (:class:`Windows`), its lines kept (the stage lets go of them)."""
    windows = Windows(issue, resources or Resources(), ocr=any(p.ocr for p in pages), keep_lines=True)
    _, issue.documents = windows.add(pages, paras, final=True)
    return issue


class Windows:
    """Structure of an issue read a window of pages at a time (:meth:`add`): an issue too long to hold whole,
    or the whole issue as one window (:func:`build`).

    The cover and 目录 are read from the first window.  Each window's paragraphs join those held back from
    the window before; the documents that nothing further on can change (:func:`segment.settled`: every
    document but the last, none whose （下转） tail is still to come) are built, numbered through the issue and
    linked to the 目录, and their paragraphs handed back with them; the rest is held back.  What is held back
    is bounded: past ``hold_pages`` pages, the documents are built as they stand (a jump's tail not yet read
    is then reported unmatched), and a single document longer than that is built in parts, each part after
    the first with the title of the document and a warning."""

    def __init__(self, issue: Issue, resources: Resources, ocr: bool = False, hold_pages: int = 400,
                 keep_lines: bool = False):
        self.issue, self.resources, self.hold_pages, self.keep_lines = issue, resources, hold_pages, keep_lines
        self.pages: list[PageLayout] = []       # every page so far, its lines let go of once read
        self.held: list[Paragraph] = []
        self.skip: set[int] = set()
        self.count = 0
        self.seen: dict[str, int] = {}
        self.links = None
        self.ocr = ocr
        self.resume = None          # the title of a document cut because it was too long to hold
        self.found = False          # any document so far

    def add(self, pages: list[PageLayout], paras: list[Paragraph], final: bool) -> tuple[list[Paragraph], list]:
        """(paragraphs done with, documents built) after the pages of one more window and its paragraphs."""
        issue, resources = self.issue, self.resources
        if self.links is None:
            issue.issue = issue_meta(pages, issue.issue.id, resources)
            entries, colophon, toc_pages = parse_toc(pages)
            issue.issue.colophon = colophon
            issue.toc = entries
            self.skip = set(toc_pages)
            if toc_pages:   # the cover (and an inside cover) on pages of their own before the 目录: front matter
                self.skip |= {p.number for p in pages if p.number < min(toc_pages)}
            self.links = _TocLinks(issue, self.ocr)
        for p in paras:
            if p.page in self.skip:
                p.kind = ParagraphKind.cover
        self.pages += pages
        paras = self.held + paras
        cut = len(paras) if final else settled(issue, self.pages, paras, self.skip, self.resume)
        forced = cut < len(paras) and paras[-1].page - paras[cut].page >= self.hold_pages
        if forced:
            cut = len(paras)        # held back too long: built as it stands
        done, self.held = paras[:cut], paras[cut:]
        docs = segment_documents(issue, self.pages, done, self.skip, resources, first=self.count + 1, seen=self.seen,
                                 resume=self.resume)
        if docs:
            self.resume = None
        if forced and docs:
            self.resume = docs[-1].title
            issue.warn("document-in-parts", f"a document longer than {self.hold_pages} pages is written in parts, "
                       f"the next from page {paras[-1].page + 1}", page=paras[-1].page, document_id=docs[-1].id)
        self.count += len(docs)
        self.found = self.found or bool(docs)
        for d in docs:
            d.provisions = build_tree(d)
        self.links.add(docs, final=final)
        if final:
            if not issue.toc and self.count != 1:     # a single 公文 has no 目录 to miss
                issue.warn("no-toc", "no 目录 (table of contents) was found")
            if not self.found:
                issue.warn("no-documents", "no documents were found: this may not be a gazette")
        if not self.keep_lines:
            self._let_go(done)
        return done, docs

    def _let_go(self, done: list[Paragraph]) -> None:
        """The lines of the paragraphs done with, and of the pages before the first one held back."""
        first_held = self.held[0].page if self.held else None
        for pg in self.pages:
            if first_held is None or pg.number < first_held:
                pg.lines, pg.furniture = [], []
        for p in done:
            p.lines = []


def _similar_tail(toc_title: str, doc_title: str) -> float:
    from difflib import SequenceMatcher
    t, d = _ns(toc_title), _ns(doc_title)
    return SequenceMatcher(None, t, d[-len(t):] if len(d) > len(t) else d).ratio() if t and d else 0.0


class _TocLinks:
    """Each 目录 entry to its document (by 发文字号, else by title; on OCR'd pages by a title near enough), with
    what the two disagree on said.  Documents come in order (:meth:`add`), all at once or a window of pages at
    a time: an entry is linked to the first document it fits.  ``final``: no more documents will come, so an
    entry still without one is reported."""

    def __init__(self, issue: Issue, ocr: bool = False):
        self.issue, self.ocr = issue, ocr
        self.linked: set[str] = set()
        self.pending = list(issue.toc)
        self.last_section = None

    def add(self, docs: list, final: bool = False) -> None:
        issue, linked = self.issue, self.linked
        waiting = []
        for e in self.pending:
            hit = None
            if e.doc_number:
                hit = next((d for d in docs if d.doc_number == e.doc_number), None)
            if hit is None:
                t = _ns(e.title)
                hit = next((d for d in docs if t and (_ns(d.title).endswith(t) or t in _ns(d.title)
                                                       or t in _ns(d.transmitted_title))), None)
            if hit is None and self.ocr:
                hit = next((d for d in docs if d.id not in linked and _similar_tail(e.title, d.title) >= 0.85), None)
            if hit is None:
                if final:
                    issue.warn("toc-entry-not-found", f"目录 entry not found in the body: {e.title}", page=e.page)
                else:
                    waiting.append(e)
                continue
            e.document_id = hit.id
            linked.add(hit.id)
            if hit.doc_number is None and e.doc_number:
                hit.doc_number = e.doc_number
                issue.warn("doc-number-from-toc", f"发文字号 not read at the head of the document; taken from the 目录: "
                           f"{e.doc_number}", page=hit.start_page, document_id=hit.id)
            hit.section = e.section
            if e.page is not None and hit.start_page != e.page:
                issue.warn("toc-page-mismatch", f"目录 says page {e.page}, the document starts on page {hit.start_page}",
                           page=hit.start_page, document_id=hit.id)
        self.pending = waiting
        if issue.toc:
            for d in docs:
                if d.id not in linked:
                    issue.warn("document-not-in-toc", f"document not listed in the 目录: {d.title[:40]}",
                               page=d.start_page, document_id=d.id)
        for d in docs:
            if d.section is None:
                d.section = self.last_section
            self.last_section = d.section
