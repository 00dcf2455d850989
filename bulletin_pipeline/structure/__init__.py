"""structure: cover and 目录, document segmentation with GB/T 9704 parts, continuations, provision trees."""
from __future__ import annotations

import re

from ..model import Issue, PageLayout, Paragraph, ParagraphKind
from .cover import issue_meta, parse_toc
from .numbering import build_tree
from .segment import segment as segment_documents


def _ns(s):
    return re.sub(r"\s+", "", s or "")


def run(issue: Issue, pages: list[PageLayout], paras: list[Paragraph]) -> Issue:
    meta = issue_meta(pages, issue.issue.id)
    issue.issue = meta
    entries, colophon, toc_pages = parse_toc(pages)
    meta.colophon = colophon
    issue.toc = entries
    skip = set(toc_pages)
    for p in paras:
        if p.page in skip:
            p.kind = ParagraphKind.cover
    docs = segment_documents(issue, pages, paras, skip)
    for d in docs:
        d.provisions = build_tree(d)
    issue.documents = docs
    _link_toc(issue)
    if not entries:
        issue.warn("no-toc", "no 目录 (table of contents) was found")
    if not docs:
        issue.warn("no-documents", "no documents were found: this may not be a gazette")
    return issue


def _link_toc(issue: Issue) -> None:
    docs = issue.documents
    linked = set()
    last_section = None
    for e in issue.toc:
        hit = None
        if e.doc_number:
            hit = next((d for d in docs if d.doc_number == e.doc_number), None)
        if hit is None:
            t = _ns(e.title)
            hit = next((d for d in docs if t and (_ns(d.title).endswith(t) or t in _ns(d.title)
                                                   or t in _ns(d.transmitted_title))), None)
        if hit is None:
            issue.warn("toc-entry-not-found", f"目录 entry not found in the body: {e.title}", page=e.page)
            continue
        e.document_id = hit.id
        linked.add(hit.id)
        hit.section = e.section
        if e.page is not None and hit.start_page != e.page:
            issue.warn("toc-page-mismatch", f"目录 says page {e.page}, the document starts on page {hit.start_page}",
                       page=hit.start_page, document_id=hit.id)
    if issue.toc:
        for d in docs:
            if d.id not in linked:
                issue.warn("document-not-in-toc", f"document not listed in the 目录: {d.title[:40]}",
                           page=d.start_page, document_id=d.id)
    for d in docs:
        if d.section is None:
            d.section = last_section
        last_section = d.section
