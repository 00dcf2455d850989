"""structure: cover and 目录, document segmentation with GB/T 9704 parts, continuations, provision trees."""
from __future__ import annotations

import re

from ..model import Issue, PageLayout, Paragraph, ParagraphKind
from .cover import issue_meta, parse_toc
from .tree import build_tree
from .segment import _ns, segment as segment_documents


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
    _link_toc(issue, ocr=any(p.ocr for p in pages))
    if any(p.ocr for p in pages):
        _restore_issuers(issue)
    if not entries and len(docs) != 1:     # a single 公文 has no 目录 to miss
        issue.warn("no-toc", "no 目录 (table of contents) was found")
    if not docs:
        issue.warn("no-documents", "no documents were found: this may not be a gazette")
    return issue


def _similar_tail(toc_title: str, doc_title: str) -> float:
    from difflib import SequenceMatcher
    t, d = _ns(toc_title), _ns(doc_title)
    return SequenceMatcher(None, t, d[-len(t):] if len(d) > len(t) else d).ratio() if t and d else 0.0


_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NOISE = re.compile(r"^[\W_“”‘’\"'|]+$")


def _reconcile_titles(e, d) -> None:
    """Two OCR readings of one title (目录 at 10 pt, the document head at 15 pt): where they disagree, take the
    reading that makes dictionary words in its context (实施方案, not 实施广案), the larger print's on a tie, and
    drop punctuation specks that only one reading has."""
    from difflib import SequenceMatcher

    from ..data import plausibility
    t, full = _ns(e.title), _ns(d.title)
    k = full.rfind(t[:2]) if t[:2] in full else max(0, len(full) - len(t))
    prefix, tail = full[:k], full[k:]
    sm = SequenceMatcher(None, t, tail, autojunk=False)
    if sm.ratio() < 0.85 or t == tail:
        return
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(t[i1:i2])
        elif op == "replace":
            before, after = "".join(out)[-3:], t[i2:i2 + 3]
            toc_reading, head_reading = t[i1:i2], tail[j1:j2]
            better = plausibility(before + toc_reading + after) > plausibility(before + head_reading + after)
            out.append(toc_reading if better else head_reading)
        elif op in ("insert", "delete"):    # only one reading has it: keep it unless it is dust or breaks words
            extra = tail[j1:j2] if op == "insert" else t[i1:i2]
            before, after = "".join(out)[-3:], t[i2:i2 + 3]
            if _NOISE.match(extra):
                continue
            # Chinese that only one reading has must make words to stay (印关了发 is 印发 with dust read in)
            if not _HAN.fullmatch(extra) or plausibility(before + extra + after) > plausibility(before + after):
                out.append(extra)
    merged = "".join(out)
    e.title = merged
    d.title = prefix + merged


def _reconcile_numbers(e, d, issue: Issue) -> None:
    """Two OCR readings of one 发文字号 (目录 and document head) that differ by a dropped digit (1号 / 11号):
    the longer one is right, a digit is far more often lost than made up."""
    from ..lexicon.docnumber import parse
    a, b = e.doc_number, d.doc_number
    if not a or not b or a == b:
        return
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None or (pa.agency_code, pa.year) != (pb.agency_code, pb.year):
        return
    sa, sb = str(pa.serial), str(pb.serial)
    short, long_ = sorted((sa, sb), key=len)
    if len(short) < len(long_) and _is_subsequence(short, long_):
        best = a if sa == long_ else b
        issue.warn("ocr-doc-number", f"发文字号 read as {a} in the 目录 and {b} at the document head; "
                   f"taken as {best}", page=d.start_page, document_id=d.id)
        e.doc_number = d.doc_number = best


def _is_subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)


def _restore_issuers(issue: Issue) -> None:
    """An OCR misread issuer name (家画税务总局聊城市税务局) close to one gazetteer name is that name."""
    from ..lexicon import Resources
    gz = Resources().gazetteer
    for d in issue.documents:
        fixed = []
        for name in d.issuers:
            near = gz.nearest(name)
            if near:
                issue.warn("ocr-unit-restored", f"issuer read as {name}, taken as {near}", page=d.start_page,
                           document_id=d.id)
            fixed.append(near or name)
        d.issuers = fixed


def _link_toc(issue: Issue, ocr: bool = False) -> None:
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
        if hit is None and ocr:
            hit = next((d for d in docs if d.id not in linked and _similar_tail(e.title, d.title) >= 0.85), None)
        if hit is None:
            issue.warn("toc-entry-not-found", f"目录 entry not found in the body: {e.title}", page=e.page)
            continue
        e.document_id = hit.id
        linked.add(hit.id)
        if hit.doc_number is None and e.doc_number:
            hit.doc_number = e.doc_number
            issue.warn("doc-number-from-toc", f"发文字号 not read at the head of the document; taken from the 目录: "
                       f"{e.doc_number}", page=hit.start_page, document_id=hit.id)
        if ocr:
            _reconcile_titles(e, hit)
            _reconcile_numbers(e, hit, issue)
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
