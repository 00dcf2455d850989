"""extract: citations, obligations with responsible units, deadlines and numeric targets.

The stage is :func:`run` (``run(work, resources, config) -> work``); :func:`extract` does the work on an issue
whose documents structure has made.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

import regex

from ..lexicon import Resources
from ..lexicon.units import is_generic
from ..model import Deadline, Document, Issue, Target, Work
from . import citations, obligations, tables, targets, timex

_log = logging.getLogger(__name__)


# a year written in a title (全国人大常委会2022年度监督工作计划): the year of an undated document
TITLE_YEAR = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年")


@dataclass
class ExtractConfig:
    """Nothing to set yet: what is read follows the GUIDE's conventions and the resources' gazetteers."""


def run(work: Work, resources: Resources, config: ExtractConfig) -> Work:
    """The stage: citations, obligations, deadlines and targets of every document."""
    extract(work.issue, ocr=work.ocr, resources=resources)
    return work


def warm(resources: Resources) -> None:
    """Compile the patterns that depend on the resources (a batch worker does it once, before it forks)."""
    timex.patterns(resources.calendar)
    targets.quantity_re(resources.measures)


def extract(issue: Issue, ocr: bool = False, resources: Optional[Resources] = None) -> Issue:
    """``ocr``: the text came (partly) from OCR, so a unit name one char off a gazetteer name is that name.
    ``resources``: the domain data (calendar, measures); built here when the caller has none."""
    resources = resources or Resources()
    gz = resources.gazetteer
    unknown: dict[str, tuple] = {}
    for doc in issue.documents:
        doc.citations, doc.references = citations.extract(doc)
        if doc.events:       # a chronicle (大事记) reports what happened; it assigns nothing
            continue
        doc.obligations = obligations.extract(doc, gz, issue.issue.gazette or "")
        doc.deadlines, doc.targets = _when_and_how_much(doc, issue, resources)
        _link(doc)
        tables.extract(doc, issue, gz)     # task tables: one obligation per row, linked to the row's deadlines
        for o in doc.obligations:
            for u in o.units:
                if u.canonical is None and ocr and (near := gz.nearest(u.name)):
                    issue.warn("ocr-unit-restored", f"unit read as {u.name}, taken as {near}", page=o.page,
                               document_id=doc.id)
                    u.name, u.canonical = near, gz.canonical(near)
                if u.canonical is None and not is_generic(u.name) and u.name not in unknown:
                    unknown[u.name] = (o.page, doc.id)
    for name, (page, doc_id) in unknown.items():
        issue.warn("unknown-unit", f"unit not in the gazetteer: {name}", page=page, document_id=doc_id)
    for doc in issue.documents:
        locate_spans(doc)
    return issue


def _find(text: str, needle: Optional[str], cursor: int) -> Optional[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` at or after ``cursor`` (else anywhere); None when absent."""
    if not needle:
        return None
    at = text.find(needle, cursor)
    if at < 0:
        at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def locate_spans(doc: Document) -> None:
    """Offsets into ``doc.text`` of what extraction found (citations, units, deadlines, targets).

    Each item's own text is looked up in the document text, in the order the items were found, so that
    repeated words get the occurrence the extractor read; nothing is re-extracted here.
    """
    text = doc.text or ""
    for items, key in ((doc.citations, "doc_number"), (doc.deadlines, "text"), (doc.targets, "text")):
        cursor = 0
        for x in items:
            hit = _find(text, getattr(x, key), cursor)
            if hit:
                x.span_start, x.span_end = hit
                cursor = hit[1]
    cursor = 0
    for o in doc.obligations:
        src = _find(text, o.source, cursor)
        if src:
            cursor = src[0]
        for u in o.units:
            if src and u.start is not None and u.end is not None and o.source[u.start:u.end] == u.name:
                u.span_start, u.span_end = src[0] + u.start, src[0] + u.end
            elif hit := _find(text, u.name, src[0] if src else 0):
                u.span_start, u.span_end = hit


def document_year(doc: Document, issue: Issue) -> Optional[int]:
    """The year a bare month or 年底 of ``doc`` belongs to: its date's, else the year its title names (a plan
    for 2022 without a date), else the issue's."""
    if doc.date:
        return int(doc.date[:4])
    m = TITLE_YEAR.search(doc.title or "")
    return int(m.group("y")) if m else issue.issue.year


def _when_and_how_much(doc: Document, issue: Issue, resources: Resources) -> tuple[list[Deadline], list[Target]]:
    doc_year = document_year(doc, issue)
    dls: list[Deadline] = []
    tgs: list[Target] = []
    subject = None          # the numbered item the paragraph is under (names 工程总投资)
    for dp in doc.paragraphs:
        if dp.part not in ("body", "transmitted"):
            continue
        if (title := targets.item_title(dp.text)) is not None:
            subject = title
        for t in timex.find(dp.text, doc_year, resources.calendar, doc_date=doc.date):
            if t.kind != "relative" and t.date_start is None and t.date_end is None and not t.approx:
                issue.warn("deadline-unresolved", f"time expression not normalised: {t.text}", page=dp.page,
                           document_id=doc.id)
            dls.append(Deadline(id=f"{doc.id}-dl{len(dls) + 1}", text=t.text, kind=t.kind, start=t.date_start,
                                end=t.date_end, approx=t.approx, page=dp.page, bbox=dp.bbox, duration=t.duration,
                                frequency=t.frequency, provision_id=dp.provision_id))
        governing = None
        for q in targets.find(dp.text, governing, resources.measures, subject):
            tgs.append(Target(id=f"{doc.id}-tg{len(tgs) + 1}", text=q.text, indicator=q.indicator or q.text[:20],
                              comparator=q.comparator, value=q.value, unit=q.unit, normalized_value=q.normalized_value,
                              base_unit=q.base_unit, year=q.year, aspirational=q.aspirational, page=dp.page,
                              bbox=dp.bbox, provision_id=dp.provision_id))
    return dls, tgs


def _link(doc: Document) -> None:
    """Each obligation lists the deadlines and targets of the provision it governs."""
    for o in doc.obligations:
        o.deadline_ids = [d.id for d in doc.deadlines if d.provision_id and d.provision_id == o.provision_id
                          and d.text in o.text]
        o.target_ids = [t.id for t in doc.targets if t.provision_id and t.provision_id == o.provision_id
                        and t.text in o.text]
