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


# the parts of a document whose paragraphs extraction reads
BODY_PARTS = ("body", "transmitted")
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


def extract(issue: Issue, ocr: bool = False, resources: Optional[Resources] = None,
            reported: Optional[set[str]] = None) -> Issue:
    """``ocr``: the text came (partly) from OCR, so a unit name one char off a gazetteer name is that name.
    ``resources``: the domain data (calendar, measures); built here when the caller has none.  ``reported``:
    the unknown unit names already reported (an issue extracted a window of pages at a time says each once)."""
    resources = resources or Resources()
    gz = resources.gazetteer
    unknown: dict[str, tuple] = {}
    reported = set() if reported is None else reported
    for doc in issue.documents:
        doc.citations, doc.references = citations.extract(doc)
        if doc.events:       # a chronicle (大事记) reports what happened; it assigns nothing
            continue
        doc.obligations = obligations.extract(doc, gz, issue.issue.gazette or "")
        at: dict[str, tuple[int, int]] = {}
        doc.deadlines, doc.targets = _when_and_how_much(doc, issue, resources, at)
        _link(doc, at)
        tables.extract(doc, issue, gz)     # task tables: one obligation per row, linked to the row's deadlines
        for o in doc.obligations:
            for u in o.units:
                if u.canonical is None and ocr and (near := gz.nearest(u.name)):
                    issue.warn("ocr-unit-restored", f"unit read as {u.name}, taken as {near}", page=o.page,
                               document_id=doc.id)
                    u.name, u.canonical = near, gz.canonical(near)
                if u.canonical is None and not is_generic(u.name) and u.name not in unknown \
                        and u.name not in reported:
                    unknown[u.name] = (o.page, doc.id)
    reported.update(unknown)
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


def _when_and_how_much(doc: Document, issue: Issue, resources: Resources,
                       at: Optional[dict[str, tuple[int, int]]] = None) -> tuple[list[Deadline], list[Target]]:
    """Deadlines and targets of the body paragraphs; ``at`` receives each item's place in those paragraphs joined
    by newlines (see :func:`_body_text`)."""
    doc_year = document_year(doc, issue)
    dls: list[Deadline] = []
    tgs: list[Target] = []
    at = {} if at is None else at
    subject = None          # the numbered item the paragraph is under (names 工程总投资)
    topic = None            # the subject of the chapter the paragraph is in (names 扣除标准)
    base = 0                # where the paragraph starts in the joined body text
    for dp in doc.paragraphs:
        if dp.part not in BODY_PARTS:
            continue
        here, base = base, base + len(dp.text) + 1
        if (title := targets.item_title(dp.text)) is not None:
            subject = title
        if (chapter := targets.chapter_topic(dp.text)) is not None:
            topic = chapter
        for t in timex.find(dp.text, doc_year, resources.calendar, doc_date=doc.date):
            if t.kind != "relative" and t.date_start is None and t.date_end is None and not t.approx:
                issue.warn("deadline-unresolved", f"time expression not normalised: {t.text}", page=dp.page,
                           document_id=doc.id)
            at[f"{doc.id}-dl{len(dls) + 1}"] = (here + t.start, here + t.end)
            dls.append(Deadline(id=f"{doc.id}-dl{len(dls) + 1}", text=t.text, kind=t.kind, start=t.date_start,
                                end=t.date_end, approx=t.approx, page=dp.page, bbox=dp.bbox, duration=t.duration,
                                frequency=t.frequency, provision_id=dp.provision_id))
        governing = None
        for q in targets.find(dp.text, governing, resources.measures, subject, topic):
            if (k := dp.text.find(q.text, max(0, q.start - len(q.text)))) >= 0:
                at[f"{doc.id}-tg{len(tgs) + 1}"] = (here + k, here + k + len(q.text))
            tgs.append(Target(id=f"{doc.id}-tg{len(tgs) + 1}", text=q.text, indicator=q.indicator or q.text[:20],
                              comparator=q.comparator, value=q.value, unit=q.unit, normalized_value=q.normalized_value,
                              base_unit=q.base_unit, year=q.year, aspirational=q.aspirational, page=dp.page,
                              bbox=dp.bbox, provision_id=dp.provision_id))
    return dls, tgs


def _positions(text: str, needles: list[str], advance: bool = True) -> list[Optional[tuple[int, int]]]:
    """Where each of ``needles`` occurs in ``text``, looked up in order (see :func:`locate_spans`); ``advance``:
    the next is looked for after the end of this one, else after its start (texts that may overlap)."""
    out, cursor = [], 0
    for n in needles:
        hit = _find(text, n, cursor)
        out.append(hit)
        if hit:
            cursor = hit[1] if advance else hit[0]
    return out


def _body_text(doc: Document) -> str:
    """The paragraphs extraction reads, joined by newlines (the text obligations are anchored in)."""
    return "\n".join(dp.text for dp in doc.paragraphs if dp.part in BODY_PARTS)


def _link(doc: Document, at: dict[str, tuple[int, int]]) -> None:
    """Each obligation lists the deadlines and targets of the provision it governs that stand in its text: at
    their place in the body (``at``, by id) when both are found there (到2020年 twice in a provision goes to the
    task that says it there), else by their text."""
    at_o = _positions(_body_text(doc), [o.text for o in doc.obligations], advance=False)
    at_d = [at.get(d.id) for d in doc.deadlines]
    at_t = [at.get(t.id) for t in doc.targets]

    def inside(o, x, ox, xx) -> bool:
        if not (x.provision_id and x.provision_id == o.provision_id and x.text in o.text):
            return False
        return ox is None or xx is None or ox[0] <= xx[0] and xx[1] <= ox[1]

    for o, ox in zip(doc.obligations, at_o):
        o.deadline_ids = [d.id for d, dx in zip(doc.deadlines, at_d) if inside(o, d, ox, dx)]
        o.target_ids = [t.id for t, tx in zip(doc.targets, at_t) if inside(o, t, ox, tx)]
