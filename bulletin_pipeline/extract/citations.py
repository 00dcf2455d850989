"""Citations: other documents cited by 发文字号 or 令 number (国务院令第711号), with the 《title》 printed right before the number."""
from __future__ import annotations

import regex

from ..model import Citation, Document
from ..lexicon.docnumber import find_all, find_orders

# 《title》 then optional （ before the number; the title may hold 〈〉 and nested 《》
TITLE_BEFORE = regex.compile(r"《(?P<title>(?:[^《》]|《[^《》]*》)+)》\s*[（(]?\s*$")
TITLE_ONLY = regex.compile(r"《(?P<title>(?:[^《》]|《[^《》]*》)+)》")


def extract(doc: Document) -> tuple[list[Citation], list[Citation]]:
    """(citations by number, references by title alone).  The document's own number is not a citation."""
    cites: list[Citation] = []
    refs: list[Citation] = []
    seen = set()
    own = doc.doc_number
    for dp in doc.paragraphs:
        if dp.part in ("masthead", "doc_number", "title"):
            continue
        text = dp.text
        numbered_titles = set()
        for n in sorted([*find_all(text), *find_orders(text)], key=lambda d: d.start):
            if n.normalized == own:
                continue
            m = TITLE_BEFORE.search(text[max(0, n.start - 200):n.start])
            title = m.group("title") if m else None
            if title:
                numbered_titles.add(title)
            if n.normalized in seen:
                continue
            seen.add(n.normalized)
            cites.append(Citation(doc_number=n.cited, title=title, page=dp.page))   # as written: 〔2005〕第11号
        for m in TITLE_ONLY.finditer(text):
            t = m.group("title")
            if t in numbered_titles or any(r.title == t for r in refs):
                continue
            refs.append(Citation(doc_number=None, title=t, page=dp.page))
    return cites, refs
