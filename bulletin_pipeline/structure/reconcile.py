"""Reconciling OCR readings (the pipeline's reconcile stage, run when any page was OCR'd).  Two readings of one title or 发文字号
(the 目录's and the document head's) are merged, and issuer names one char off a gazetteer name restored."""
from __future__ import annotations

import re

from ..lexicon import Resources
from ..model import Issue
from .segment import _ns

# a run of Chinese chars
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# punctuation and marks only: OCR dust
NOISE = re.compile(r"^[\W_“”‘’\"'|]+$")


def reconcile_titles(e, d, resources: Resources) -> None:
    """Two OCR readings of one title (目录 at 10 pt, the document head at 15 pt): where they disagree, take the
    reading that makes dictionary words in its context (实施方案, not 实施广案), the larger print's on a tie, and
    drop punctuation specks that only one reading has."""
    from difflib import SequenceMatcher

    plausibility = resources.plausibility
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
            if NOISE.match(extra):
                continue
            # Chinese that only one reading has must make words to stay (印关了发 is 印发 with dust read in)
            if not HAN_RUN.fullmatch(extra) or plausibility(before + extra + after) > plausibility(before + after):
                out.append(extra)
    merged = "".join(out)
    e.title = merged
    d.title = prefix + merged


def reconcile_numbers(e, d, issue: Issue) -> None:
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


def restore_issuers(issue: Issue, resources: Resources) -> None:
    """An OCR misread issuer name (家画税务总局聊城市税务局) close to one gazetteer name is that name."""
    gz = resources.gazetteer
    for d in issue.documents:
        fixed = []
        for name in d.issuers:
            near = gz.nearest(name)
            if near:
                issue.warn("ocr-unit-restored", f"issuer read as {name}, taken as {near}", page=d.start_page,
                           document_id=d.id)
            fixed.append(near or name)
        d.issuers = fixed
