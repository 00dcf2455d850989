"""The cover: gazette name, year, issue and total number, colophon, and the 目录 (table of contents)."""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import Resources
from ..lexicon.docnumber import is_docnumber_line
from ..lexicon.numerals import cn_whole
from ..model import IssueMeta, Line, PageLayout, TocEntry
from . import patterns as P

MAX_TOC_PAGES = 4
SECTION_SIZE_STEP = 1.0     # a 目录 line this many pt larger than the entries' size is a section heading
SECTION_MAX_CHARS = 12      # …and no longer than this (市政府办公室文件, 政务动态)
SECTION_SHORT_EMS = 8.0     # on a scan (sizes too rough to tell), a line ending this many ems short of the 目录's right
                            # edge, with no entry open, is a section heading: an entry's first line is full or numbered
TOC_GOES_ON_SHARE = 0.5    # a page after the 目录's first goes on it while this share of its lines carry a page number
TOC_GOES_ON_CLOSED = 0.25  # ... or, when one of them closes an entry (dot leaders or a wide gap before its number),
                             # this share (a 目录's last entry or two: a section heading and a wrapped title beside it)
# a line ending in dot leaders and a page number: …的通知（国办发〔2018〕109号）……10
LEADERED_PAGE = re.compile(r"[\.．。…·‥_]{2,}\d{1,4}$")
# the issue a running header gives after the gazette's name, with what sets it apart: ·2019年第7期, -2019年第7期
HEADER_ISSUE_TAIL = re.compile(r"[\s·•\-—–－:：|｜]*(?:19|20)\d{2}年第\d{1,3}期(?:[（(]?总第\d{1,5}期[）)]?)?$")
# a line of one char, not a digit (a page number alone may close an entry): 电 read in a seal's star
LONE_CHAR = re.compile(r"^\s*\D\s*$")
# an opening bracket a wrapped title ends with, whose 文号 OCR read without the closing one: …的指导意见（
TITLE_OPEN_BRACKET = re.compile(r"[（(〔［\[]+$")
LEAD_TITLE_INDENT = 1.0     # ems: where page numbers stand before the titles, a line starting nearer the 目录's left edge
                            # than this goes on no title (titles are set right of the numbers' column)


def _nospace(s: str) -> str:
    return P.WHITESPACE.sub("", s)


def _segments(line: Line) -> list[str]:
    """A line's text cut at its wide blank gaps (title | page number, key：value | key：value)."""
    cuts = [0, *line.gaps, len(line.text)]
    return [line.text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if line.text[a:b].strip()]


def _section_name(text: str) -> str:
    """A section heading's name without the marks, item number or brackets a printer set around it."""
    m = P.SECTION_NAME.match(text)
    return m.group("name").strip() if m and m.group("name").strip() else text


def _whole(s: str) -> Optional[int]:
    """An issue's number as printed: in figures or in Chinese (十一, 二百)."""
    return int(s) if s.isdigit() else cn_whole(s)


def issue_meta(pages: list[PageLayout], fallback_id: str, resources: Optional[Resources] = None) -> IssueMeta:
    meta = IssueMeta(id=fallback_id)
    first = pages[0] if pages else None
    cands = []
    if first:
        for l in first.lines:
            t = _nospace(l.text)
            if P.GAZETTE_NAME.match(t):
                cands.append((l.size, t))
    for p in pages[:3]:
        for f in p.furniture:
            # a running header gives the name, often with the issue: 国务院公报　2019年第7期
            t = HEADER_ISSUE_TAIL.sub("", _nospace(f.text))
            if P.GAZETTE_NAME.match(t):
                cands.append((0.0, t))
    if cands:
        meta.gazette = max(cands, key=lambda c: c[0])[1]
    texts = [l.text for l in (first.lines if first else [])] + [f.text for p in pages[:3] for f in p.furniture]
    for t in texts:
        t = _nospace(t)
        m = P.ISSUE_NO.search(t)
        if m and meta.number is None:
            meta.year, meta.number = int(m.group("year")), _whole(m.group("number"))
        m = P.TOTAL_NO.search(t)
        if m and meta.total_number is None:
            meta.total_number = _whole(m.group("total"))
    if meta.number is None:   # cover printed "2019" and "第11期" on separate lines
        for t in texts:
            t = _nospace(t)
            if meta.year is None and (m := P.YEAR_ALONE.match(t)):
                meta.year = int(m.group("year"))
            if meta.number is None and (m := P.ISSUE_NO_ALONE.match(t)):
                meta.number = _whole(m.group("number"))
    if meta.gazette and meta.year and meta.number:
        meta.id = issue_id(meta.gazette, meta.year, meta.number, resources)
    return meta


# the jurisdiction a gazette's name opens with: 聊城市 in 聊城市人民政府公报, 山东省, 内蒙古自治区, 恩施土家族苗族自治州
# (shortest prefix ending in an administrative suffix; a lone 州 is part of names such as 广州, so not a suffix)
GAZETTE_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|特别行政区|省|市|盟|地区|县|旗|区))"
                           r"(?P<rest>[\u4e00-\u9fff].*)$")


def issue_id(gazette: str, year: int, number: int, resources: Optional[Resources] = None) -> str:
    """The id of a gazette issue: the jurisdiction in full pinyin, the rest of the name as initials, year, number.

    聊城市人民政府公报 2019 11 -> liaochengshi-rmzfgb-2019-11: two cities whose gazettes share initials
    (聊城市 / 临川市) never share an id.  A name with no jurisdiction (国务院公报) keeps its initials.
    """
    resources = resources or Resources()
    name = _nospace(gazette)
    m = GAZETTE_PLACE.match(name)
    if m:
        place = P.NOT_SLUG.sub("", "".join(resources.pinyin.full(m.group("place"))).lower())
        head = f"{place}-{slug(m.group('rest'), resources)}" if place else slug(name, resources)
    else:
        head = slug(name, resources)
    return f"{head}-{year}-{number:02d}"


def slug(han: str, resources: Optional[Resources] = None) -> str:
    """Pinyin initials of a Chinese name (聊城市人民政府公报 -> lcsrmzfgb); ASCII kept."""
    out = "".join(p[0] for p in (resources or Resources()).pinyin.initials(han) if p)
    out = P.NOT_SLUG.sub("", out.lower())
    return out or "doc"


def _is_toc_head(l: Line) -> bool:
    return bool(P.TOC_HEAD.match(_nospace(l.text)))


def parse_toc(pages: list[PageLayout]) -> tuple[list[TocEntry], dict[str, str], list[int]]:
    """Entries of the 目录, the colophon, and the physical pages the 目录 occupies."""
    start = None
    for p in pages[:MAX_TOC_PAGES]:
        for i, l in enumerate(p.lines):
            if _is_toc_head(l):
                start = (p, i)
                break
        if start:
            break
    if not start:
        return [], {}, []
    entries: list[TocEntry] = []
    colophon: dict[str, str] = {}
    toc_pages = []
    section: Optional[str] = None
    pending: list[str] = []
    pending_num: Optional[str] = None
    page_idx = pages.index(start[0])
    first_line = start[1] + 1
    in_colophon = False
    last_closed = False       # the line before closed an entry with its page number
    entry_size = _entry_size(start)
    lead_page: Optional[int] = None   # a page number printed before its entry's title, waiting for the title

    def flush(page_no: Optional[int]):
        nonlocal pending, pending_num, lead_page
        page_no, lead_page = (page_no if page_no is not None else lead_page), None
        title = "".join(pending).strip()
        if pending_num is not None:
            title = TITLE_OPEN_BRACKET.sub("", title)
        if pending_num is None and (m := P.TOC_TITLE_NUMBER.match(title)) and is_docnumber_line(m.group("num")):
            # 文号 in brackets after a wrapped title, perhaps broken across its lines: …的通知（聊政字〔 | 2019〕13号）
            pending_num, title = is_docnumber_line(m.group("num")).normalized, m.group("title")
        title = P.TOC_ENTRY_NUMBER.sub("", title)      # an entry's item number is not part of its title
        if title:
            entries.append(TocEntry(section=section, title=title, doc_number=pending_num, page=page_no))
        pending, pending_num = [], None

    for p in pages[page_idx:page_idx + MAX_TOC_PAGES]:
        lines = p.lines[first_line:] if p is start[0] else p.lines
        if p is not start[0]:
            # the 目录 goes on only while this page still looks like one
            numbered = sum(1 for l in lines if _segments(l) and (P.PAGE_ONLY.match(_segments(l)[-1])
                                                                 or is_docnumber_line(_nospace(l.text))
                                                                 or P.TOC_LEADER_PAGE.match(_nospace(l.text))))
            # an entry's last line: its page number after dot leaders, or set apart from its text by a wide gap
            closing = any(LEADERED_PAGE.search(_nospace(l.text))
                          or (len(segs := _segments(l)) > 1 and P.PAGE_ONLY.match(segs[-1])) for l in lines)
            share = TOC_GOES_ON_CLOSED if closing else TOC_GOES_ON_SHARE
            if not lines or numbered < share * len(lines):
                break
        toc_pages.append(p.number)
        # entries on this page carry page numbers (at the end, or in a column before the title)
        numbered_page = any(len(segs) > 1 and (P.PAGE_ONLY.match(segs[-1]) or P.PAGE_ONLY.match(segs[0]))
                            for segs in map(_segments, lines))
        for l in lines:
            segs = _segments(l)
            if not segs:
                continue
            joined = "".join(segs)
            if p.ocr and not pending and lead_page is None and LONE_CHAR.match(joined):
                # one char alone on its line with no entry open: a 目录 line never is (a section heading has two
                # or more, a title's last line carries its page number); on a scan it is a seal's or a speck's reading
                continue
            if P.COLOPHON_KEY.search(joined):
                in_colophon = True
                _colophon(segs, colophon)
                continue
            if in_colophon:
                continue
            m = P.TOC_SECTION.match(joined)
            if m:
                flush(None) if pending else None
                section = _section_name(_nospace(m.group("title")))
                continue
            page_no = None
            closed = False
            body = segs
            if len(segs) > 1 and P.PAGE_ONLY.match(segs[-1]):
                page_no, body = int(segs[-1]), segs[:-1]
            elif len(segs) > 1 and P.PAGE_ONLY.match(segs[0]):
                # the page number in a column before the title: it opens the entry, whose title may wrap
                flush(None) if pending else None
                lead_page, body = int(segs[0]), segs[1:]
            else:
                m = P.TOC_LEADER_PAGE.match(joined)
                if m:
                    page_no, body = int(m.group("page")), [m.group("title")]
                elif P.PAGE_ONLY.match(joined):
                    page_no, body = int(joined), []
                elif (m := P.TOC_LEADERS_ONLY.match(joined)):
                    body, closed = [m.group("title")], True   # dot leaders but no page number printed
            glued = None
            if len(body) > 1 and is_docnumber_line(_nospace(body[-1])):
                # title | 文号 | page, set apart by wide gaps
                glued, body = is_docnumber_line(_nospace(body[-1])), body[:-1]
            if glued is None and body:
                # a 文号 set a space apart after the title, or before it: 关于…的通知 国发〔2019〕5号 / 国发〔2019〕5号 关于…
                words = " ".join(body).split()
                if len(words) > 1 and (dn_end := is_docnumber_line(P.TOC_LEADER_TAIL.sub("", words[-1]))):
                    glued, body = dn_end, words[:-1]
                elif len(words) > 1 and (dn_start := is_docnumber_line(words[0])):
                    glued, body = dn_start, words[1:]
            text = P.TOC_LEADER_TAIL.sub("", _nospace("".join(body)))
            if page_no is None and (m := P.TOC_BRACKETED_NUMBER_PAGE.match(text)):
                # the page number glued to the bracket closing the 文号: no title ends in a number after it
                text, page_no = m.group("head"), int(m.group("page"))
            if glued is None and (m := P.TOC_TITLE_NUMBER.match(text)) and is_docnumber_line(m.group("num")):
                # 文号 printed in brackets after the title: 关于…的意见（国发〔2019〕5号）
                glued, text = is_docnumber_line(m.group("num")), m.group("title")
            dn = is_docnumber_line(text) if text else None
            if dn is None and text and (m := P.TOC_BRACKETED_NUMBER.match(text)):
                dn = is_docnumber_line(m.group("num"))    # （国发〔2019〕5号） on its own line
            if dn is not None and not pending and page_no is None and last_closed and entries \
                    and entries[-1].doc_number is None:
                # 文号 on its own line under a title whose line carried the page number
                entries[-1].doc_number = dn.normalized
                last_closed = False
                continue
            last_closed = False
            if glued is not None:
                pending_num = glued.normalized
            if dn is None and text and page_no is None:
                # a doc number glued to its page number with no gap: 聊政发〔2019〕15号 2
                m = P.TOC_DOCNUMBER_PAGE.match(text)
                if m and is_docnumber_line(m.group(1)):
                    dn, page_no = is_docnumber_line(m.group(1)), int(m.group(2))
            if pending and text and dn is None and P.TOC_ITEM_START.match(text):
                flush(None)   # a numbered line opens a new entry even when no page number closed the last
            if dn is not None:
                pending_num = dn.normalized
            elif text:
                if p.ocr and pending and lead_page is not None and page_no is None and l.indent < LEAD_TITLE_INDENT:
                    # on a scan (where sizes do not tell a heading) a line back at the numbers' column closes the
                    # entry its page number opened: it is the next section's heading
                    flush(None)
                short_on_scan = p.ocr and numbered_page and not pending and lead_page is None and not closed \
                    and l.short >= SECTION_SHORT_EMS
                if page_no is None and glued is None and len(text) <= SECTION_MAX_CHARS \
                        and ((l.bold and not entries and not pending) or l.size >= entry_size + SECTION_SIZE_STEP
                             or short_on_scan):
                    flush(None) if pending else None
                    section = _section_name(text)   # a section heading: bold before the first entry, or set larger
                    continue
                pending.append(text)
            if closed and pending:
                flush(None)
            if page_no is not None:
                if pending:
                    flush(page_no)
                    last_closed = True
                elif entries and entries[-1].page is None:
                    entries[-1].page = page_no
        if in_colophon:
            break
    if pending:
        flush(None)
    return entries, colophon, toc_pages


def _entry_size(start: tuple[PageLayout, int]) -> float:
    """The size most 目录 lines are set in (the entries'): the median size of the lines after the head."""
    sizes = sorted(l.size for l in start[0].lines[start[1] + 1:])
    return sizes[len(sizes) // 2] if sizes else 0.0


def _colophon(segs: list[str], out: dict[str, str]) -> None:
    text = "  ".join(segs)
    keys = list(P.COLOPHON_KEY.finditer(text))
    for k, nxt in zip(keys, keys[1:] + [None]):
        val = text[k.end(): nxt.start() if nxt else len(text)].strip()
        out[k.group("key")] = val
