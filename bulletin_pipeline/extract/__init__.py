"""extract: citations, obligations with responsible units, deadlines and numeric targets."""
from __future__ import annotations

import logging

from ..model import Issue
from . import citations, obligations
from .units import gazetteer

_log = logging.getLogger(__name__)


def run(issue: Issue) -> Issue:
    gz = gazetteer()
    unknown: dict[str, tuple] = {}
    for doc in issue.documents:
        doc.citations, doc.references = citations.extract(doc)
        if doc.events:       # a chronicle (大事记) reports what happened; it assigns nothing
            continue
        doc.obligations = obligations.extract(doc, gz)
        for o in doc.obligations:
            for u in o.units:
                if u.canonical is None and u.name not in unknown:
                    unknown[u.name] = (o.page, doc.id)
    for name, (page, doc_id) in unknown.items():
        issue.warn("unknown-unit", f"unit not in the gazetteer: {name}", page=page, document_id=doc_id)
    return issue
