"""extract: citations, obligations with responsible units, deadlines and numeric targets."""
from __future__ import annotations

import logging

from ..lexicon import Resources
from ..lexicon.units import is_generic
from ..model import Deadline, Document, Issue, Target
from . import citations, obligations, targets, timex

_log = logging.getLogger(__name__)


def run(issue: Issue, ocr: bool = False, resources: Resources | None = None) -> Issue:
    """``ocr``: the text came (partly) from OCR, so a unit name one char off a gazetteer name is that name.
    ``resources``: the domain data (a fresh ``Resources()`` when not given)."""
    gz = (resources or Resources()).gazetteer
    unknown: dict[str, tuple] = {}
    for doc in issue.documents:
        doc.citations, doc.references = citations.extract(doc)
        if doc.events:       # a chronicle (大事记) reports what happened; it assigns nothing
            continue
        doc.obligations = obligations.extract(doc, gz, issue.issue.gazette or "")
        doc.deadlines, doc.targets = _when_and_how_much(doc, issue)
        _link(doc)
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
    return issue


def _when_and_how_much(doc: Document, issue: Issue) -> tuple[list[Deadline], list[Target]]:
    doc_year = int(doc.date[:4]) if doc.date else issue.issue.year
    dls: list[Deadline] = []
    tgs: list[Target] = []
    for dp in doc.paragraphs:
        if dp.part not in ("body", "transmitted"):
            continue
        for t in timex.find(dp.text, doc_year):
            if t.kind != "relative" and t.date_start is None and t.date_end is None and not t.approx:
                issue.warn("deadline-unresolved", f"time expression not normalised: {t.text}", page=dp.page,
                           document_id=doc.id)
            dls.append(Deadline(id=f"{doc.id}-dl{len(dls) + 1}", text=t.text, kind=t.kind, start=t.date_start,
                                end=t.date_end, approx=t.approx, page=dp.page, bbox=dp.bbox, duration=t.duration,
                                frequency=t.frequency, provision_id=dp.provision_id))
        governing = None
        for q in targets.find(dp.text, governing):
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
