"""Cut the issue's paragraphs into documents and read each document's GB/T 9704 parts.

Label then handle: every paragraph gets a label from the named rules in structure/labels.py; the handler
of its label decides, from the document being read, what it does there (open a document, join the head,
become the transmitted title, or stay text).  Continuations (（下转）/（上接）) live in continuations.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from ..lexicon import Resources
from ..lexicon.docnumber import PREFIX as NUMBER_LABEL, is_docnumber_line
from ..model import (Continuation, DocParagraph, Document, Event, Imprint, Issue, PageLayout, Paragraph,
                     ParagraphKind, TocEntry)
from . import continuations
from . import patterns as P
from .cover import slug
from ..lexicon.numbering import cn_to_int
from .labels import Label, _ns, docnumber_text, label


@dataclass
class _Doc:
    paras: list[Paragraph] = field(default_factory=list)
    marks: list[Paragraph] = field(default_factory=list)         # 份号, 密级, 紧急程度 above the masthead
    masthead: list[Paragraph] = field(default_factory=list)
    number: Optional[Paragraph] = None
    title: list[Paragraph] = field(default_factory=list)
    head_done: bool = False
    transmitted_title: list[Paragraph] = field(default_factory=list)
    saw_date: bool = False
    jumps: list[tuple[int, int]] = field(default_factory=list)     # (from physical page, to printed page)
    suspended: bool = False
    resumed: Optional[str] = None       # a part after the first of a document too long to hold: its title

    def title_text(self) -> str:
        return "".join(p.text for p in self.title)

    def is_order(self) -> bool:
        """A 政府令: its masthead reads <机关>令, or its number <机关>令第N号."""
        if any(P.ORDER_MASTHEAD.match(_ns(p.text)) for p in self.masthead):
            return True
        return self.number is not None and "令第" in _ns(self.number.text)


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
        if et and len(t) >= 4 and et.startswith(t) and P.BRACKETED.fullmatch(et[len(t):]):
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
                and P.ORG_LINE.match(P.MASTHEAD_WORD.sub("", _ns(q.text))):
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


def _is_issuer_line(p: Paragraph) -> bool:
    return bool(P.ORG_LINE.match(P.MASTHEAD_WORD.sub("", _ns(p.text))))


def _masthead_read_as_title(r: "_Reader", c: _Doc, i: int) -> bool:
    """Is the "title" over the 发文字号 at ``i`` the document's masthead?  GB/T 9704 sets the 发文机关标志 above
    the 发文字号 and the title below it: centred lines that each name an organ, over a 发文字号 with a title
    under it, are a masthead (a joint one stacks a name a line), though a grey scan lost their red and they
    are too small for a masthead by size.  A title printed over its 文号 (gazettes with no masthead) names its
    subject and 文种 and has text, not another title, under the number."""
    if not c.title or c.masthead or any(q.align != "center" or not _is_issuer_line(q) for q in c.title):
        return False
    nxt = r.paras[i + 1] if i + 1 < len(r.paras) else None
    return nxt is not None and nxt.page == r.paras[i].page and label(nxt) == Label.title


MAX_HEAD_SPECK = 3      # chars: a paragraph this short between masthead lines is a speck, not text


class _Reader:
    """The state segmentation reads paragraphs with: the documents so far and the one being read."""

    def __init__(self, issue: Issue, paras: list[Paragraph]):
        self.issue = issue
        self.paras = paras
        self.docs: list[_Doc] = []
        self.cur: Optional[_Doc] = None

    def new_doc(self) -> _Doc:
        self.cur = _Doc()
        self.docs.append(self.cur)
        return self.cur

    def fresh_head(self) -> bool:
        """The current document has read nothing but 版头 marks and masthead lines so far (a speck OCR read
        between them aside)."""
        c = self.cur
        if c is None or c.head_done or c.number or c.title:
            return False
        head = set(map(id, c.marks + c.masthead))
        return all(id(q) in head or len(_ns(q.text)) <= MAX_HEAD_SPECK for q in c.paras)


# --------------------------------------------------------------------------- handlers
# Each takes (reader, paragraph, index, text) and returns True when it consumed the paragraph; a label's
# handlers are tried in order (HANDLERS below), the last one of every chain always consumes.

def on_mark(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    """份号, 密级, 紧急程度 open a document (they stand above its masthead) unless its head is still open."""
    c = r.cur
    if c is None or c.head_done or c.number or c.title or c.masthead:
        c = r.new_doc()
    c.marks.append(p)
    c.paras.append(p)
    return True


def on_masthead(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    c = r.cur
    if c is not None and c.title and not c.head_done and not _is_red(p.color):
        # a masthead never follows a title: an oversized (OCR) line of the title itself
        c.title.append(p)
        c.paras.append(p)
        return True
    if r.fresh_head() and (c.masthead or c.marks):
        c.masthead.append(p)
    else:
        r.new_doc().masthead.append(p)
    r.cur.paras.append(p)
    return True


def on_transmitted_number(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    """The 发文字号 printed under a transmitted document's title belongs to that document (转发 … 的通知)."""
    c = r.cur
    if c is None or not c.transmitted_title or i == 0 or r.paras[i - 1] is not c.transmitted_title[-1]:
        return False
    if all(_is_issuer_line(q) for q in c.transmitted_title):
        return False        # issuer names over a 发文字号: the masthead of the next document (grey scans)
    c.paras.append(p)
    return True


def on_doc_number(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    c = r.cur
    if c is not None and c.head_done and NUMBER_LABEL.match(t):
        # a 文号 behind a field label (文号：…, 发文字号：…) in a document's text is an entry of a list the text gives
        # (documents repealed, cited or forwarded): a head prints its 发文字号 bare (GB/T 9704)
        return False
    if c is not None and c.title and c.number is None and not c.head_done and i > 0 \
            and r.paras[i - 1] is c.title[-1]:
        # the 文号 set under the title (gazettes that print no masthead: title, then 国发〔2019〕5号)
        if _masthead_read_as_title(r, c, i):
            c.masthead, c.title = c.title, []
        c.number = p
        c.paras.append(p)
        return True
    if p.align in ("center", "right", "left") and (c is None or c.head_done or c.title or c.number):
        prev_doc = c
        r.new_doc().number = p
        _take_issuer_lines(prev_doc, r.cur, i, r.paras)
        r.cur.paras.append(p)
        return True
    if r.fresh_head():
        c.number = p
        c.paras.append(p)
        return True
    return False


def on_order_number(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    """第282号 under a <机关>令 masthead is the order's number."""
    c = r.cur
    if r.fresh_head() and c.masthead and c.is_order():
        c.number = p
        c.paras.append(p)
        return True
    return False


def _title_run(r: _Reader, i: int, t: str) -> str:
    """A title's text with the title paragraphs that follow it on its page: a centred title may come apart
    into several paragraphs (a line left short where a number or word did not fit), and only the whole of
    it is its 目录 entry."""
    out = [t]
    for q in r.paras[i + 1:]:
        if q.kind != ParagraphKind.title or q.page != r.paras[i].page or label(q) != Label.title:
            break
        out.append(_ns(q.text))
    return "".join(out)


def _own_entry(c: _Doc, toc: list[TocEntry]) -> Optional[TocEntry]:
    """The 目录 entry of the document being read: by its title, or else by its number (a 令's 第282号 under
    its <机关>令 masthead ends the entry's 湖北省人民政府令第282号)."""
    if c.title:
        return _toc_match(c.title_text(), toc)
    num = _ns(c.number.text).strip("（）()") if c.number is not None else ""
    return next((e for e in toc if num and e.doc_number and _ns(e.doc_number).endswith(num)), None)


def _promulgated_title(c: _Doc, entry: Optional[TocEntry], toc: list[TocEntry]) -> bool:
    """May a title after a 令's date be the rules it promulgates?  Not when it is another document's 目录
    entry; when the order's own entry cannot be told (no title, no number in the 目录), one without a number."""
    own = _own_entry(c, toc)
    return entry is None or entry is own or (own is None and not c.title and entry.doc_number is None)


def on_title(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    if p.kind != ParagraphKind.title:
        return False
    c = r.cur
    prev = r.paras[i - 1] if i > 0 else None
    whole = _title_run(r, i, t)
    if c is not None and not c.suspended and c.saw_date and not c.transmitted_title and c.is_order() \
            and _promulgated_title(c, _toc_match(whole, r.issue.toc), r.issue.toc):
        # a 政府令 is one document: the rules it promulgates follow its date under their own title (which may be
        # the order's own 目录 title, never another entry's: that one opens the next document)
        c.transmitted_title.append(p)
    elif c is not None and not c.head_done and not c.transmitted_title:
        # (a 令 has no title of its own, so its head never closes on its text: the rules it promulgates do)
        c.title.append(p)
    elif c is not None and c.transmitted_title and prev is c.transmitted_title[-1]:
        c.transmitted_title.append(p)
    elif (c is not None and not c.suspended and c.saw_date and not c.transmitted_title
          and P.TRANSMIT.search(c.title_text()) and not _toc_match(whole, r.issue.toc)):
        c.transmitted_title.append(p)
    elif (c is not None and not c.suspended and c.saw_date and not c.transmitted_title and prev is not None
          and prev in c.paras and P.ATTACHMENT_LABEL.match(_ns(prev.text)) and not _toc_match(whole, r.issue.toc)):
        # the text attached to a document (附件 over a 方案 or 名单) is read as part of it, under its own title
        c.transmitted_title.append(p)
    else:
        r.new_doc().title.append(p)
    r.cur.paras.append(p)
    return True


def on_subtitle(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    """A title line continued by a bracketed subtitle: 大事记 / （2019年10月）."""
    c = r.cur
    if c is not None and c.title and not c.head_done:
        c.title.append(p)
        c.paras.append(p)
        return True
    return False


def on_text(r: _Reader, p: Paragraph, i: int, t: str) -> bool:
    """Anything else is text of the current document; it closes the head."""
    c = r.cur or r.new_doc()
    if c.title and not c.head_done:
        c.head_done = True
    if c.suspended:
        r.issue.warn("text-after-jump", f"text after a （下转） marker before the next document: {t[:30]}",
                     page=p.page)
    if P.DATE_FULL.match(t) or P.DATE_CN.match(t):
        c.saw_date = True
    c.paras.append(p)
    to = continuations.jump_target(p)
    if to is not None:
        c.jumps.append((p.page, to))
        c.suspended = True
    return True


Handler = Callable[[_Reader, Paragraph, int, str], bool]
# labels that open a document: a tail running on to the next page stops at them
OPENS_DOCUMENT = frozenset({Label.masthead, Label.title, Label.doc_number, Label.order_number, Label.copy_no,
                            Label.secrecy, Label.urgency, Label.head_marks})
HANDLERS: dict[Label, list[Handler]] = {
    Label.copy_no: [on_mark],
    Label.secrecy: [on_mark],
    Label.urgency: [on_mark],
    Label.head_marks: [on_mark],
    Label.masthead: [on_masthead],
    Label.doc_number: [on_transmitted_number, on_doc_number, on_title, on_text],
    Label.order_number: [on_order_number, on_text],
    Label.title: [on_title],
    Label.subtitle: [on_subtitle, on_text],
}


def segment(issue: Issue, pages: list[PageLayout], paras: list[Paragraph], skip_pages: set[int],
            resources: Optional[Resources] = None, first: int = 1, seen: Optional[dict[str, int]] = None,
            resume: Optional[str] = None) -> list[Document]:
    """The documents of ``paras``.  ``first``: the number of the first one (documents are numbered through
    the issue); ``seen``: the ids given so far (:func:`_unique_ids`), for an issue read a window at a time;
    ``resume``: the title of the document ``paras`` go on with (text before any head is a part of it)."""
    label_to_page, page_label = _label_maps(pages)
    kept = _read(issue, paras, skip_pages, label_to_page, page_label, resume)
    out = []
    for n, d in enumerate(kept, start=first):
        doc = _build(d, n, issue, page_label, resources or Resources())
        if doc is not None:
            out.append(doc)
    _unique_ids(out, seen)
    return out


def _label_maps(pages: list[PageLayout]) -> tuple[dict[str, int], dict[int, int]]:
    """(printed page label -> physical page, physical page -> printed number)."""
    label_to_page = {p.label: p.number for p in pages if p.label}
    page_label = {p.number: (int(p.label) if p.label and p.label.isdigit() else p.number) for p in pages}
    return label_to_page, page_label


def _read(issue: Issue, paras: list[Paragraph], skip_pages: set[int], label_to_page: dict[str, int],
          page_label: dict[int, int], resume: Optional[str] = None) -> list[_Doc]:
    """One pass over the paragraphs: the documents they hold, each with its paragraphs (tails included)."""
    tails = continuations.find_tails(paras, lambda q: label(q) in OPENS_DOCUMENT)
    in_tail = {j for idx in tails.values() for j in idx}
    r = _Reader(issue, paras)
    if resume is not None:          # the text before the first head goes on with the document cut before it
        r.new_doc().head_done = True
        r.cur.resumed = resume
    for i, p in enumerate(paras):
        if p.page in skip_pages or i in in_tail:
            continue
        t = _ns(p.text)
        for handle in HANDLERS.get(label(p), [on_text]):
            if handle(r, p, i, t):
                break
    docs = r.docs
    continuations.attach_tails(issue, docs, paras, tails, label_to_page, page_label)
    kept: list[_Doc] = []
    for d in docs:
        red = any(_is_red(p.color) for p in d.masthead)
        if red or d.number or (d.title and _toc_match("".join(p.text for p in d.title), issue.toc)):
            kept.append(d)
        elif kept:
            # no masthead, no 发文字号, not in the 目录: a heading inside the document before it, not a new one
            kept[-1].paras.extend(d.paras)
            kept[-1].jumps.extend(d.jumps)
        elif d.resumed is not None:
            if d.paras:
                kept.append(d)
        elif d.title and not issue.toc and _reads_as_gongwen(d):
            # the first titled text has no document before it to belong to: a 公告 or 通告 printed with its
            # title alone (no masthead, no 〔〕 number) is a document, not text to drop; a report with a title
            # and no date or 主送 (an annual report, a budget) is not a 公文
            kept.append(d)
    return kept


def settled(issue: Issue, pages: list[PageLayout], paras: list[Paragraph], skip_pages: set[int],
            resume: Optional[str] = None) -> int:
    """How many of ``paras`` (the start of what is read so far of a long issue) make documents that nothing
    further on can change: those before the last document, and before any document whose （下转） tail is
    not among them.  The rest is read again with the pages that follow."""
    dry = issue.model_copy(update={"warnings": []})       # this pass only looks: what it would say is dropped
    label_to_page, page_label = _label_maps(pages)
    kept = _read(dry, paras, skip_pages, label_to_page, page_label, resume)
    if not kept:
        return len(paras)
    read = pages[-1].number if pages else 0
    where = {id(p): i for i, p in enumerate(paras)}
    starts = [min(where[id(p)] for p in d.paras) for d in kept]
    cut = starts[-1]
    changed = True
    while changed:          # a document before the cut whose tail lies beyond it, or is still to come, waits
        changed = False
        for d, s in zip(kept, starts):
            if s < cut and (max(where[id(p)] for p in d.paras) >= cut or _tail_to_come(d, label_to_page, read)):
                cut, changed = s, True
                break
    return cut


def _tail_to_come(d: _Doc, label_to_page: dict[str, int], read: int) -> bool:
    """A （下转） of the document sends the reader to a page not read yet, and not all its tails are found (the
    tail's first paragraph opens with （上接）).  A jump to a page already read that found no tail never will."""
    if sum(1 for p in d.paras if P.CONT_FROM.match(p.text)) >= len(d.jumps):
        return False
    return any(label_to_page.get(str(to), to) > read for _, to in d.jumps)


def _is_red(color) -> bool:
    from ..layout.paragraphs import _reddish
    return bool(color) and _reddish(color)


def _unique_ids(docs: list[Document], seen: Optional[dict[str, int]] = None) -> None:
    seen = {} if seen is None else seen
    for d in docs:
        if d.id in seen:
            seen[d.id] += 1
            d.id = f"{d.id}-{seen[d.id]}"
        else:
            seen[d.id] = 1


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


def _doc_id(number: Optional[str], n: int, agency: Optional[str], year: Optional[int], serial: Optional[int],
            resources: Resources) -> str:
    if number and agency and year and serial:
        return f"{slug(agency, resources)}-{year}-{serial}"
    return f"d{n}"


def _number(d: _Doc):
    """The document's 发文字号: the number line (left of any 签发人), or a 政府令's masthead + 第N号."""
    if d.number is None:
        return None
    t = _ns(d.number.text)
    head = docnumber_text(d.number, t)
    if head:
        return is_docnumber_line(head)
    if P.ORDER_NUMBER.match(t) and d.masthead:
        return is_docnumber_line(_ns(d.masthead[-1].text) + t)
    return is_docnumber_line(d.number.text)


def _issuer_names(masthead: list[Paragraph]) -> list[str]:
    """Issuer names of a masthead: 文件 / 令 taken off, a 文件 set apart (beside a joint masthead) dropped."""
    out = []
    for p in masthead:
        name = P.MASTHEAD_WORD.sub("", _ns(p.text)).strip(P.SPECK_MARKS)
        m = P.ORDER_MASTHEAD.match(name)
        if m:
            name = m.group("issuer")
        if name:
            out.append(name)
    return out


def _reconcile_issuers(signed: list[str], masthead: list[str]) -> list[str]:
    """署名 and masthead name the same issuers: the 署名 when there is one, each name completed from the
    masthead when it is its short form (市财政局 under 上海市财政局); the masthead's names otherwise."""
    signed = [s for s in signed if s]
    if not signed:
        return masthead
    out = []
    for s in signed:
        full = next((m for m in masthead if m != s and m.endswith(s)), None)
        out.append(full or s)
    return out


def _part_of(d: _Doc, p: Paragraph, head: set[int], tt: set[int]) -> Optional[str]:
    """The part a paragraph of the head or the 版头 is, by the role segmentation gave it."""
    if id(p) in head:
        if p in d.marks:
            return label(p).value
        return "masthead" if p in d.masthead else ("doc_number" if p is d.number else "title")
    if id(p) in tt:
        return "transmitted_title"
    return None


def _build(d: _Doc, n: int, issue: Issue, page_label: dict[int, int], resources: Resources) -> Optional[Document]:
    if not d.paras:
        return None
    dn = _number(d)
    title = "".join(_ns(p.text) for p in d.title) or d.resumed or ""
    if not title and d.is_order() and d.transmitted_title:
        # a 政府令 is known by the rules it promulgates
        title = "".join(_ns(p.text) for p in d.transmitted_title)
    if not title:
        # no printed title: use the first line of text, and say so
        title = _ns(d.paras[0].text)[:40]
        issue.warn("no-title", "document without a recognisable title", page=d.paras[0].page)
    doc = Document(id=_doc_id(dn and dn.normalized, n, dn and dn.agency_code, dn and dn.year, dn and dn.serial,
                              resources),
                   doc_number=dn.normalized if dn else None, title=title,
                   start_page=page_label.get(d.paras[0].page, d.paras[0].page))
    doc.masthead = "".join(_ns(p.text) for p in d.masthead) or None
    m = P.DOC_TYPE.search(title)
    if d.is_order():
        doc.doc_type = "令"
    elif m and not P.CHRONICLE.search(title):
        doc.doc_type = "命令" if m.group("type") == "令" else m.group("type")
    head = set(map(id, d.marks + d.masthead + d.title)) | ({id(d.number)} if d.number else set())
    tt = set(map(id, d.transmitted_title))
    stitched = continuations.stitch(d.paras)
    parts: list[DocParagraph] = []
    state = "head"
    sig_buffer: list[tuple[int, list[str]]] = []     # 署名 lines read so far, waiting for their date
    signed: list[str] = []
    imprint = Imprint()
    wrapped: Optional[Paragraph] = None     # the attachment name or 抄送 list read last, which may wrap
    masthead_names = _issuer_names(d.masthead)
    for text, p in stitched:
        t = _ns(text)
        if wrapped is not None and parts and parts[-1].part in ("attachment", "cc") \
                and _wraps(wrapped, p, t, cc=parts[-1].part == "cc"):
            # the rest of a long attachment name or 抄送 list, wrapped under it (or to the margin)
            parts[-1].text += text
            parts[-1].bbox = [min(parts[-1].bbox[0], p.bbox[0]), parts[-1].bbox[1],
                              max(parts[-1].bbox[2], p.bbox[2]), max(parts[-1].bbox[3], p.bbox[3])]
            if parts[-1].part == "attachment":
                doc.attachments[-1] += t
            else:
                imprint.cc = split_names(P.CC.match(_ns(parts[-1].text)).group("names"))
            wrapped = p
            continue
        wrapped = None
        if p in d.marks:
            for line_text, part in _marks(p):
                _head_field(doc, part, line_text)
                parts.append(DocParagraph(text=line_text, page=page_label.get(p.page, p.page), bbox=p.bbox,
                                          part=part, kind=p.kind))
            continue
        part = _part_of(d, p, head, tt) or "body"
        if part == "transmitted_title":
            state = "transmitted"
        elif id(p) in head:
            _head_field(doc, part, t)
        elif state == "head" and P.SIGNER.match(t):
            part = "signer"
            doc.signers = split_names(P.SIGNER.match(t).group("names"), P.NAME_SEPARATORS)
        elif state == "head" and (k := _addressee_lines(p, t)) is not None:
            state = "body"
            rest = ""
            if k:
                # layout ran the 主送 on into the text under it (a short document whose lines are mostly
                # indented): the 主送 lines become their own paragraph
                head_text = "".join(ln.text for ln in p.lines[:k])
                if text.startswith(head_text):
                    text, rest = head_text, text[len(head_text):]
            t = _ns(text)
            part = "addressee"
            doc.addressees = split_names(t.rstrip("：:"))
            if rest:
                box = _lines_box(p.lines[:k])
                parts.append(DocParagraph(text=text, page=page_label.get(p.page, p.page), bbox=box, part=part,
                                          kind=p.kind))
                text, part = rest, "body"
        elif P.ATTACHMENT.match(t) or (parts and parts[-1].part == "attachment" and P.ATTACHMENT_ITEM.match(t)
                                      and len(t) <= 80):
            part = "attachment"
            doc.attachments.append(P.ATTACHMENT.sub("", t).strip())
            wrapped = p
        elif (dm := P.DATE_FULL.match(t) or P.DATE_CN.match(t)) and p.kind in (ParagraphKind.signature,
                                                                              ParagraphKind.body) and doc.date is None:
            part = "date"
            doc.date = _iso(dm, cn=bool(P.DATE_CN.match(t)))
            for k, names in sig_buffer:
                parts[k].part = "signature"
                signed.extend(names)
            sig_buffer = []
        elif (cm := P.CC.match(t)):
            part = "cc"
            names = cm.group("names")
            if (tail := P.CC_THEN_IMPRINT.search(names)) and P.IMPRINT.match(tail.group("imprint")):
                # layout ran the 印发 line on into the 抄送 (a scan sets the 版记's lines close): two parts
                cc_text = t[:len(t) - len(tail.group("imprint"))]
                parts.append(DocParagraph(text=cc_text, page=page_label.get(p.page, p.page), bbox=p.bbox,
                                          part="cc", kind=p.kind))
                names, text, t = names[:tail.start()], tail.group("imprint"), tail.group("imprint")
                im = P.IMPRINT.match(t)
                imprint.printer, imprint.print_date = im.group("printer"), _iso(im)
                part = "imprint"
            imprint.cc = split_names(names)
            wrapped = p if part == "cc" else None
        elif (im := P.IMPRINT.match(t)):
            part = "imprint"
            imprint.printer, imprint.print_date = im.group("printer"), _iso(im)
        elif state != "transmitted" and parts and parts[-1].part in ("date", "signature") and P.NOTE.match(t) \
                and doc.date is not None:
            part = "note"
            doc.note = P.NOTE.match(t).group("note")
        else:
            if state == "head":
                state = "body"
            names = _signature_names(p, t, masthead_names)
            if names:
                sig_buffer.append((len(parts), names))
            else:
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
    if d.number is not None and (sm := P.SIGNER.search(_ns(d.number.text))):
        doc.signers = split_names(sm.group("names"), P.NAME_SEPARATORS)
    doc.issuers = _reconcile_issuers(signed, _issuer_names(d.masthead))
    if not doc.issuers and dn is not None and (om := P.ORDER_NUMBER_ISSUER.match(_ns(dn.normalized))):
        doc.issuers = [om.group("issuer")]     # a 令 set with no masthead, signed by its head (省长 …)
    if imprint.cc or imprint.printer:
        doc.imprint = imprint
    doc.pages = sorted({page_label.get(q.page, q.page) for q in d.paras} |
                       {page_label.get(pv.page, pv.page) for q in d.paras for pv in q.prov})
    for from_page, to_label in d.jumps:
        doc.continued.append(Continuation(from_page=page_label.get(from_page, from_page), to_page=to_label))
    if P.CHRONICLE.search(title):
        doc.events = _events(title, parts, resources.is_word)
    doc.text = "\n".join(dp.text for dp in parts if dp.part not in NOT_TEXT)
    return doc


ATTACHMENT_WRAP_FILL = 1.0    # ems: an attachment or 抄送 line ending this near the right edge was wrapped
ATTACHMENT_WRAP_GAP = 1.2     # ems: the wrapped rest of an attachment name or 抄送 list stands at most this far below it
ATTACHMENT_WRAP_MAX = 60      # chars: the rest of one attachment name or 抄送 list is no longer than this


def _wraps(prev: Paragraph, p: Paragraph, t: str, cc: bool = False) -> bool:
    """Whether ``p`` is the rest of the attachment name or the 抄送 list in ``prev``: its last line ran to the
    right edge of the measure, ``p`` stands right under it (no blank line, as before a 署名), and it is no new
    item, no date, no 印发 line and no sentence (layout cuts there when the rest hangs under the name, which
    looks right-aligned, or when the 版记's smaller lines keep the body's pitch)."""
    if not prev.lines or not p.lines or len(t) > ATTACHMENT_WRAP_MAX:
        return False
    last, first = prev.lines[-1], p.lines[0]
    if last.page != first.page:
        return False
    em = max(last.size, 1.0)
    if last.short > ATTACHMENT_WRAP_FILL or not 0 <= first.top - last.bottom <= ATTACHMENT_WRAP_GAP * em:
        return False
    if P.ATTACHMENT.match(t) or P.ATTACHMENT_ITEM.match(t) or P.DATE_FULL.match(t) or P.DATE_CN.match(t) \
            or P.IMPRINT.match(t) or P.CC.match(t):
        return False
    return cc or not P.SENTENCE_CLOSED.search(t)      # a 抄送 list ends in 。


ADDRESSEE_MAX_INDENT = 1.5    # ems: a 主送 is set flush left; a line indented this much opens a body paragraph
ADDRESSEE_MAX_LINES = 3       # a 主送 runs over at most this many lines


def _reads_as_gongwen(d: _Doc) -> bool:
    """A titled text with neither masthead nor 发文字号 is a 公文 when it is dated, names its 主送 right under its
    title, or is titled as a 公告 or 通告 (the kinds printed with their title alone)."""
    if d.saw_date or P.TITLE_ALONE_KIND.search(_ns(d.title_text())):
        return True
    after = [p for p in d.paras if p not in d.title][:1]
    return any(_addressee_lines(p, _ns(p.text)) is not None for p in after)


def _addressee_lines(p: Paragraph, t: str) -> Optional[int]:
    """Whether a head paragraph is the 主送机关: 0 when it is wholly, k when its first k lines are and text
    follows (run on by layout), None when it is no 主送 (a sentence ending in ：, set indented as text is)."""
    if not p.lines:
        if P.ADDRESSEE_NO_COLON.match(t):
            return 0
        return 0 if P.ADDRESSEE.match(t) and "。" not in t and not P.NOT_ADDRESSEE.search(t) else None
    if p.lines[0].indent >= ADDRESSEE_MAX_INDENT:
        return None
    head = ""
    for k, ln in enumerate(p.lines[:ADDRESSEE_MAX_LINES], start=1):
        head += _ns(ln.text)
        if head.endswith(("：", ":")):
            if not P.ADDRESSEE.match(head) or "。" in head or P.NOT_ADDRESSEE.search(head):
                return None
            return 0 if k == len(p.lines) else k
    # flush left, names of organs only: a 主送 whose ： a scan lost
    return 0 if len(p.lines) <= ADDRESSEE_MAX_LINES and P.ADDRESSEE_NO_COLON.match(t) else None


def _lines_box(lines) -> list[float]:
    return [min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
            max(ln.bottom for ln in lines)]


# parts that are no text of the document: its 版头 and 版记
NOT_TEXT = ("masthead", "doc_number", "copy_no", "secrecy", "urgency", "cc", "imprint")


def _signature_names(p: Paragraph, t: str, masthead: list[str] = ()) -> list[str]:
    """The issuer names of a 署名 paragraph: one name, or several side by side (a joint document signs in one
    row, the names apart by wide gaps), or stacked lines of one paragraph; [] when it is no 署名.  A name is
    an organ's (ORG_LINE) or one the masthead printed (浙江省军区 beside 浙江省人民政府)."""
    def is_name(n: str) -> bool:
        return bool(P.ORG_LINE.match(n)) or n in masthead
    if p.kind == ParagraphKind.signature and is_name(t):
        return [t]
    if p.kind == ParagraphKind.body and len(p.lines) == 1 and not p.lines[0].gaps and P.ORG_LINE.match(t):
        # a name that (nearly) fills a narrow column reads as a flush line, not a right-aligned one; it is a
        # 署名 only in the run of names right above the date (the caller keeps names only then)
        return [t]
    if p.kind not in (ParagraphKind.signature, ParagraphKind.body) or not p.lines \
            or len(p.lines) > MAX_SIGNATURE_LINES:
        return []
    names = []
    for line in p.lines:
        cuts = [0] + list(line.gaps) + [len(line.text)]
        names += [_ns(line.text[a:b]) for a, b in zip(cuts, cuts[1:]) if _ns(line.text[a:b])]
    if len(names) >= 2 and all(is_name(n) for n in names):
        return names
    return []


MAX_SIGNATURE_LINES = 3      # a joint 署名 set in one paragraph: at most this many rows of names


def _marks(p: Paragraph) -> list[tuple[str, str]]:
    """(text, part) of each of 份号, 密级和保密期限, 紧急程度 in a 版头 paragraph (one a line, or joined)."""
    m = P.HEAD_MARKS.match(_ns(p.text))
    if not m:
        return [(_ns(p.text), label(p).value)]
    return [(m.group(g), part) for g, part in (("no", "copy_no"), ("secrecy", "secrecy"), ("urgency", "urgency"))
            if m.group(g)]


def _head_field(doc: Document, part: str, t: str) -> None:
    """份号, 密级和保密期限 and 紧急程度 onto their fields."""
    if part == "copy_no":
        doc.copy_no = t
    elif part == "secrecy":
        doc.secrecy = t
    elif part == "urgency":
        doc.urgency = t


def split_names(s: str, seps: str = None) -> list[str]:
    """Split a list of 主送/抄送 groups at ，, ；; (GB/T 9704: 、 joins organs of one kind, 各省、自治区、直辖市人民政府
    is one addressee), never inside brackets (各县（市、区）人民政府 stays whole)."""
    seps = P.GROUP_SEPARATORS if seps is None else seps
    out, depth, buf = [], 0, []
    for ch in s:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            if "".join(buf).strip():
                out.append("".join(buf).strip())
            buf = []
            continue
        buf.append(ch)
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return out


_TRIANGLE_READS = "人厶么∆Δ▲A^"


def _events(title: str, parts: list[DocParagraph], is_word) -> list[Event]:
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
