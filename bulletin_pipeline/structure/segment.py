"""Cut the issue's paragraphs into documents, stitch continuations, and read each document's parts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..data import is_word
from ..lexicon.docnumber import is_docnumber_line
from ..model import (Continuation, DocParagraph, Document, Event, Issue, PageLayout, Paragraph,
                     ParagraphKind, TocEntry)
from . import patterns as P
from .cover import slug
from ..lexicon.numbering import cn_to_int


def _ns(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


@dataclass
class _Doc:
    paras: list[Paragraph] = field(default_factory=list)
    masthead: list[Paragraph] = field(default_factory=list)
    number: Optional[Paragraph] = None
    title: list[Paragraph] = field(default_factory=list)
    head_done: bool = False
    transmitted_title: list[Paragraph] = field(default_factory=list)
    saw_date: bool = False
    jumps: list[tuple[int, int]] = field(default_factory=list)     # (from physical page, to printed page)
    suspended: bool = False

    def title_text(self) -> str:
        return "".join(p.text for p in self.title)


def _toc_match(text: str, toc: list[TocEntry]) -> Optional[TocEntry]:
    """The 目录 entry a title line stands for: equal, or containing the entry, or the entry without its
    bracketed tail (大事记 / （2019年10月） on two lines); on scans, nearly equal (OCR misreads a char)."""
    t = _ns(text)
    if not t:
        return None
    for e in toc:
        et = _ns(e.title)
        if et and (et == t or t.endswith(et) or et in t):
            return e
        if et and len(t) >= 4 and et.startswith(t) and re.fullmatch(r"[（(].*[）)]", et[len(t):]):
            return e
    if len(t) >= 8:
        from difflib import SequenceMatcher
        for e in toc:
            et = _ns(e.title)
            if et and abs(len(et) - len(t)) <= 2 and SequenceMatcher(None, t, et, autojunk=False).ratio() >= 0.9:
                return e
    return None


def _take_issuer_lines(prev: Optional[_Doc], doc: _Doc, i: int, paras: list[Paragraph]) -> None:
    """Centred issuer names right above a 发文字号 are the masthead of its document, red or not: on a grey
    scan a joint masthead (聊城市住房和城乡建设局 / 聊城市民政局 …) looks like a title, and would otherwise
    end up at the tail of the document before."""
    if prev is None or not prev.paras:
        return
    names: list[Paragraph] = []
    k = i - 1
    for q in reversed(prev.paras):
        if k < 0 or q is not paras[k]:
            break
        if q.kind in (ParagraphKind.title, ParagraphKind.masthead) and q.align == "center" \
                and P.ORG_LINE.match(re.sub(r"文件$", "", _ns(q.text))):
            names.append(q)
            k -= 1
        else:
            break
    if not names or any(q in prev.title or q is prev.number for q in names):
        return
    names.reverse()
    ids = set(map(id, names))
    prev.paras = [q for q in prev.paras if id(q) not in ids]
    prev.masthead = [q for q in prev.masthead if id(q) not in ids]
    prev.transmitted_title = [q for q in prev.transmitted_title if id(q) not in ids]
    doc.masthead = names
    doc.paras = names + doc.paras


def _find_tails(paras: list[Paragraph]) -> dict[int, list[int]]:
    """Index of each （上接第N页） paragraph -> indices of its tail (same page, same band, after it)."""
    tails = {}
    for i, p in enumerate(paras):
        if P.CONT_FROM.match(p.text):
            idx = [i]
            for j in range(i + 1, len(paras)):
                q = paras[j]
                if q.page != p.page or q.band != p.band or P.CONT_FROM.match(q.text):
                    break
                if q.bbox[1] < p.bbox[1] - 2:
                    # beside the tail but above its start: the other column of the story the tail interrupts
                    # (on a scan the rule between the two is often too faint to find)
                    continue
                idx.append(j)
            tails[i] = idx
    return tails


def segment(issue: Issue, pages: list[PageLayout], paras: list[Paragraph], skip_pages: set[int]) -> list[Document]:
    label_to_page = {p.label: p.number for p in pages if p.label}
    page_label = {p.number: (int(p.label) if p.label and p.label.isdigit() else p.number) for p in pages}
    tails = _find_tails(paras)
    in_tail = {j for idx in tails.values() for j in idx}
    docs: list[_Doc] = []
    cur: Optional[_Doc] = None

    def new_doc() -> _Doc:
        nonlocal cur
        cur = _Doc()
        docs.append(cur)
        return cur

    for i, p in enumerate(paras):
        if p.page in skip_pages or i in in_tail:
            continue
        t = _ns(p.text)
        dn = is_docnumber_line(t) if p.kind != ParagraphKind.body or len(t) <= 30 else None
        if p.kind == ParagraphKind.masthead and cur is not None and cur.title and not cur.head_done \
                and not _is_red(p.color):
            # a masthead never follows a title: an oversized (OCR) line of the title itself
            cur.title.append(p)
            cur.paras.append(p)
            continue
        if p.kind == ParagraphKind.masthead:
            if cur is not None and not cur.head_done and not cur.number and not cur.title and cur.masthead:
                cur.masthead.append(p)
            else:
                new_doc().masthead.append(p)
            cur.paras.append(p)
            continue
        if dn is not None and p.align in ("center", "right", "left") and (
                cur is None or cur.head_done or cur.title or cur.number):
            prev_doc = cur
            new_doc().number = p
            _take_issuer_lines(prev_doc, cur, i, paras)
            cur.paras.append(p)
            continue
        if dn is not None and cur is not None and not cur.head_done and not cur.number and not cur.title:
            cur.number = p
            cur.paras.append(p)
            continue
        if p.kind == ParagraphKind.title:
            prev = paras[i - 1] if i > 0 else None
            if cur is not None and not cur.head_done:
                cur.title.append(p)
            elif cur is not None and cur.transmitted_title and prev is cur.transmitted_title[-1]:
                cur.transmitted_title.append(p)
            elif (cur is not None and not cur.suspended and cur.saw_date and not cur.transmitted_title
                  and P.TRANSMIT.search(cur.title_text()) and not _toc_match(t, issue.toc)):
                cur.transmitted_title.append(p)
            else:
                new_doc().title.append(p)
            cur.paras.append(p)
            continue
        if cur is None:
            new_doc()
        if cur.title and not cur.head_done:
            # a title line continued by a bracketed subtitle: 大事记 / （2019年10月）
            if p.align == "center" and re.fullmatch(r"[（(].*[）)]", t):
                cur.title.append(p)
                cur.paras.append(p)
                continue
            cur.head_done = True
        if cur.suspended:
            issue.warn("text-after-jump", f"text after a （下转） marker before the next document: {t[:30]}",
                       page=p.page)
        if P.DATE_FULL.match(t) or P.DATE_CN.match(t):
            cur.saw_date = True
        cur.paras.append(p)
        m = P.CONT_TO.search(p.text)
        if m:
            cur.jumps.append((p.page, int(m.group("page"))))
            cur.suspended = True

    # stitch tails: each jump's tail goes back to the document that jumped
    used_tails = set()
    for d in docs:
        for from_page, to_label in d.jumps:
            target = label_to_page.get(str(to_label), to_label)
            found = None
            for i, idx in tails.items():
                m = P.CONT_FROM.match(paras[i].text)
                if paras[i].page == target and i not in used_tails and (
                        int(m.group("page")) == page_label.get(from_page, from_page)):
                    found = i
                    break
            if found is None:
                issue.warn("continuation-unmatched", f"（下转第{to_label}页） has no （上接） partner on that page",
                           page=from_page)
                continue
            used_tails.add(found)
            d.paras.extend(paras[j] for j in tails[found])
    for i in tails:
        if i not in used_tails:
            issue.warn("continuation-orphan", "（上接） tail with no matching （下转） marker; kept in place",
                       page=paras[i].page)
            # keep orphan tails in the document that precedes them, rather than dropping text
            host = next((d for d in reversed(docs) if d.paras and d.paras[0].page <= paras[i].page), None)
            if host:
                host.paras.extend(paras[j] for j in tails[i])
    kept: list[_Doc] = []
    for d in docs:
        red = any(_is_red(p.color) for p in d.masthead)
        if red or d.number or (d.title and _toc_match("".join(p.text for p in d.title), issue.toc)):
            kept.append(d)
        elif kept:
            # no masthead, no 发文字号, not in the 目录: a heading inside the document before it, not a new one
            kept[-1].paras.extend(d.paras)
            kept[-1].jumps.extend(d.jumps)
    out = []
    for n, d in enumerate(kept, start=1):
        doc = _build(d, n, issue, page_label)
        if doc is not None:
            out.append(doc)
    _unique_ids(out)
    return out


def _is_red(color) -> bool:
    from ..layout.paragraphs import _reddish
    return bool(color) and _reddish(color)


def _unique_ids(docs: list[Document]) -> None:
    seen: dict[str, int] = {}
    for d in docs:
        if d.id in seen:
            seen[d.id] += 1
            d.id = f"{d.id}-{seen[d.id]}"
        else:
            seen[d.id] = 1


def _strip_markers(text: str) -> str:
    text = P.CONT_TO.sub("", text)
    return P.CONT_FROM.sub("", text).strip()


def _stitch(paras: list[Paragraph]) -> list[tuple[str, Paragraph]]:
    """Paragraph texts with markers removed; a paragraph cut by （下转） is joined to its tail's first one."""
    out: list[tuple[str, Paragraph]] = []
    join_next = False
    for p in paras:
        starts_tail = bool(P.CONT_FROM.match(p.text))
        text = _strip_markers(p.text)
        if join_next and starts_tail and out and not re.search(r"[。！？]$", out[-1][0]):
            out[-1] = (out[-1][0] + text, out[-1][1])
        elif text:
            out.append((text, p))
        join_next = bool(P.CONT_TO.search(p.text))
    return out


def _iso(m, cn: bool = False) -> Optional[str]:
    try:
        if cn:
            y = int("".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0"
                            for c in m.group("y").replace("零", "〇").replace("○", "〇")))
            mo, d = cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        else:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        import datetime
        return datetime.date(y, mo, d).isoformat()
    except (ValueError, TypeError):
        return None


def _doc_id(number: Optional[str], n: int, agency: Optional[str], year: Optional[int], serial: Optional[int]) -> str:
    if number and agency and year and serial:
        return f"{slug(agency)}-{year}-{serial}"
    return f"d{n}"


def _build(d: _Doc, n: int, issue: Issue, page_label: dict[int, int]) -> Optional[Document]:
    if not d.paras:
        return None
    dn = is_docnumber_line(d.number.text) if d.number else None
    title = "".join(_ns(p.text) for p in d.title)
    if not title:
        # no printed title: use the first line of text, and say so
        title = _ns(d.paras[0].text)[:40]
        issue.warn("no-title", "document without a recognisable title", page=d.paras[0].page)
    doc = Document(id=_doc_id(dn and dn.normalized, n, dn and dn.agency_code, dn and dn.year, dn and dn.serial),
                   doc_number=dn.normalized if dn else None, title=title,
                   start_page=page_label.get(d.paras[0].page, d.paras[0].page))
    doc.masthead = "".join(_ns(p.text) for p in d.masthead) or None
    m = P.DOC_TYPE.search(title)
    if m and not P.CHRONICLE.search(title):
        doc.doc_type = "命令" if m.group("type") == "令" else m.group("type")
    head = set(map(id, d.masthead + d.title)) | ({id(d.number)} if d.number else set())
    tt = set(map(id, d.transmitted_title))
    stitched = _stitch(d.paras)
    parts: list[DocParagraph] = []
    state = "head"
    sig_buffer: list[int] = []
    for text, p in stitched:
        t = _ns(text)
        part = "body"
        if id(p) in head:
            part = "masthead" if p in d.masthead else ("doc_number" if p is d.number else "title")
        elif id(p) in tt:
            part = "transmitted_title"
            state = "transmitted"
        elif state == "head" and P.ADDRESSEE.match(t) and "。" not in t:
            part = "addressee"
            doc.addressees = split_names(t[:-1])
            state = "body"
        elif P.ATTACHMENT.match(t) or (parts and parts[-1].part == "attachment" and P.ATTACHMENT_ITEM.match(t)
                                      and len(t) <= 80):
            part = "attachment"
            doc.attachments.append(re.sub(r"^附\s*件\s*[:：]\s*", "", t))
        elif (dm := P.DATE_FULL.match(t) or P.DATE_CN.match(t)) and p.kind in (ParagraphKind.signature,
                                                                              ParagraphKind.body) and doc.date is None:
            part = "date"
            doc.date = _iso(dm, cn=bool(P.DATE_CN.match(t)))
            for k in sig_buffer:
                parts[k].part = "signature"
                doc.issuers.append(_ns(parts[k].text))
            sig_buffer = []
        else:
            if state == "head":
                state = "body"
            if p.kind == ParagraphKind.signature and P.ORG_LINE.match(t):
                sig_buffer.append(len(parts))
            elif not (p.kind == ParagraphKind.signature and P.ORG_LINE.match(t)):
                sig_buffer = []
            if state == "transmitted":
                part = "transmitted"
        if part == "body" and state == "transmitted":
            part = "transmitted"
        box = p.bbox if p.prov == [] else p.prov[0].bbox
        parts.append(DocParagraph(text=text, page=page_label.get(p.page, p.page), bbox=box, part=part,
                                  kind=p.kind))
    doc.paragraphs = parts
    doc.transmitted_title = "".join(_ns(p.text) for p in d.transmitted_title) or None
    if not doc.issuers and doc.masthead:
        # no 署名: the masthead names the issuer (聊城市人民政府文件 -> 聊城市人民政府)
        doc.issuers = [re.sub(r"文件$", "", _ns(p.text)).strip(P.SPECK_MARKS) for p in d.masthead]
    doc.pages = sorted({page_label.get(q.page, q.page) for q in d.paras} |
                       {page_label.get(pv.page, pv.page) for q in d.paras for pv in q.prov})
    for from_page, to_label in d.jumps:
        doc.continued.append(Continuation(from_page=page_label.get(from_page, from_page), to_page=to_label))
    if P.CHRONICLE.search(title):
        doc.events = _events(title, parts)
    doc.text = "\n".join(dp.text for dp in parts if dp.part not in ("masthead", "doc_number"))
    return doc


def split_names(s: str) -> list[str]:
    """Split a list of units at 、，, ；: but never inside brackets (各县（市、区）人民政府 stays whole)."""
    out, depth, buf = [], 0, []
    for ch in s:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;":
            if "".join(buf).strip():
                out.append("".join(buf).strip())
            buf = []
            continue
        buf.append(ch)
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return out


_TRIANGLE_READS = "人厶么∆Δ▲A^"


def _events(title: str, parts: list[DocParagraph]) -> list[Event]:
    m = P.YEAR_MONTH.search(title)
    y, mo = (int(m.group("y")), int(m.group("m"))) if m else (None, None)
    events: list[Event] = []
    last = None
    for dp in parts:
        if dp.part not in ("body",):
            continue
        em = P.EVENT_START.match(dp.text)
        if not em and last and dp.text[:1] in _TRIANGLE_READS and not is_word(dp.text[:2]):
            dp.text = "△" + dp.text[1:]      # OCR reads the same-day mark △ as 人 (人市政府党组…)
        if em and y:
            try:
                import datetime
                last = datetime.date(y, mo, int(em.group("d1"))).isoformat()
            except ValueError:
                last = None
        events.append(Event(date=last, text=dp.text))
    return events
