"""发文字号 (document numbers): find and parse them, with the variants real documents use.

聊政发〔2019〕15号 · 鲁政发[2018]19号 · 国办发［2019］5号 · 【2018] OCR confusions · 国令第711号 ·
"发文字号：" prefixes · stray spaces.  ``parse`` reads one number; ``find_all`` finds them in running text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from typing import Iterator, Optional


import regex

OPEN = "〔\\[［【（(〈<{｛"
CLOSE = "〕\\]］】）)〉>}｝"

# agency code + bracketed year + serial + 号
DOCNUM = regex.compile(r"""
    (?P<agency>[\p{Han}A-Za-z]{1,16}?)          # 聊政办发, 鲁工信发, 国办函
    \s*(?:[""" + OPEN + r"""]\s*)?               # OCR sometimes loses the opening bracket: 聊政发2019]16号
    (?P<year>(?:19|20)\d{2})                      # 4-digit year
    \s*[""" + CLOSE + r"""]\s*
    (?:第\s*)?(?P<serial>\d{1,6})\s*
    (?P<suffix>号)
""", regex.X)

# the older form with the year in brackets before the code, which ends in 字: (96)汇国发字第13号, （1988）财税字第5号
# (cited as written; a bracketed number before words that are no code ending in 字 stays unread)
OLD_FORM = regex.compile(r"[(（〔\[［【](?P<year>\d{2}|(?:19|20)\d{2})[)）〕\]］】]\s*(?P<agency>\p{Han}{1,12}?字)\s*"
                         r"(?:第\s*)?(?P<serial>\d{1,6})\s*号")

# 令第N号 / 国令第711号 / 山东省人民政府令第311号
ORDER = regex.compile(r"""
    (?P<agency>[\p{Han}]{0,16}?令)\s*第\s*(?P<serial>\d{1,6})\s*号
""", regex.X)

# a 令 number in running text (原国家安全监管总局令第3号第32条, 1999年5月23日中华人民共和国国务院令第265号): the
# run of Han characters before 令 is trimmed by ORDER_LEADING and must end in a body (ORDER_BODY_END)
# white space of any kind (a 发文字号 is compared without it)
SPACE = regex.compile(r"\s+")
# (a 部令 numbered by year and serial: 对外贸易经济合作部令2002年第3号; the year right after 令, so no date and count)
ORDER_IN_TEXT = regex.compile(r"(?P<agency>\p{Han}{1,24}?令)\s*(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?第\s*(?P<serial>\d{1,6})\s*号")
# words before the issuing body of a 令: a date (…日), a citing verb, 的, and 原 (a body since renamed)
ORDER_LEADING = regex.compile(r"^(?:.*(?:日|根据|按照|依据|参照|依照|执行|贯彻|落实|转发|发布|的|即|见|以|由|经(?!济)))?原?")
# the issuing body ends in a body word (国务院令, 总局令, 部令, 海关总署令, 人民政府令, 委员会令, 国令)
ORDER_BODY_END = regex.compile(r"(?:[府院部委局署会行办厅国])令$")

# whole-string fallbacks for sloppy data: 晋政发〔2014〕号16 (serial after 号), 晋政办发〔2012〕18 (no 号)
LOOSE = regex.compile(r"""^(?P<agency>[\p{Han}A-Za-z]{1,16}?)[""" + OPEN + r"""](?P<year>(?:19|20)\d{2})[""" + CLOSE +
                      r"""](?:号(?P<serial>\d{1,6})|(?P<serial2>\d{1,6})号?)$""")
# the numbers of 公告 and some 令, by year and serial with no bracket: 海关总署公告2016年第8号,
# 国家发展改革委2017年第9号, 上海市人民政府令2018年第8号 (whole string only: in running text the same words
# are a date followed by a count)
YEAR_SERIAL = regex.compile(r"^(?P<agency>\p{Han}{2,24}?)(?P<year>(?:19|20)\d{2})年第(?P<serial>\d{1,6})号$")
# the serial of a bracketed-year number as written: 〕第006号
WRITTEN_SERIAL = regex.compile(r"[" + CLOSE + r"](?P<di>第)?(?P<serial>\d{1,6})号$")
INVISIBLE = regex.compile(r"\p{Cf}+")   # zero-width spaces and joiners copied from web pages

PREFIX = regex.compile(r"^\s*(?:发文字号|文号|字号)\s*[:：]\s*")
# words that stand before a number in running text but are not part of the agency code
LEADING_WORDS = regex.compile(r"^(?:.*?(?:根据|按照|依据|参照|依照|执行|贯彻|落实|印发|转发|见|和|及|与|的|是|为|以|对|即|经|在|于|按|由))")

# in running text, the last citing verb, 的, conjunction or full body name before a number ends the words before
# its agency code (国家经贸委等部门下发的国经贸经〔1998〕154号, 中国纺织总会劳部发〔1998〕37号): the code is what follows,
# two characters at least.  Only where it cuts are single-character words (经, 由, 在 …) left alone, since codes hold them
STRONG_LEADING = regex.compile(r"^.*(?:根据|按照|依据|参照|依照|执行|贯彻|落实|印发|转发|下发|的|和|及|与|或|"
                               r"人民政府|委员会|办公厅|办公室|总会|总局|总署)(?=\p{Han}{2})")

# issuing-code markers that never belong to a 发文字号 (刊号 of periodicals, ISSN)
NOT_DOCNUM = regex.compile(r"(?:出准字|刊号|ISSN|CN\s*\d)")


@dataclass
class DocNumber:
    text: str
    normalized: str
    agency_code: str
    year: Optional[int]
    serial: int
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def cited(self) -> str:
        """The number as a citation writes it: the normalized form, but with the 第 before the serial and the
        serial's leading zeros where the text has them (沪科合〔2005〕第11号, 沪科合〔2008〕第006号)."""
        m = WRITTEN_SERIAL.search(SPACE.sub("", unicodedata.normalize("NFKC", self.text)))
        if self.year is None or m is None or not (m.group("di") or m.group("serial").startswith("0")):
            return self.normalized
        return f"{self.agency_code}〔{self.year}〕{m.group('di') or ''}{m.group('serial')}号"


def _clean_agency(a: str) -> str:
    m = STRONG_LEADING.match(a)
    if m:
        return a[m.end():]
    m = LEADING_WORDS.match(a)
    if m and m.end() < len(a):
        a = a[m.end():]
    return a


def _make(m, text: str, is_order: bool) -> DocNumber:
    agency = m.group("agency") or ""
    serial = int(m.group("serial"))
    if is_order:
        norm = f"{agency}第{serial}号"
        year = None
    else:
        year = int(m.group("year"))
        norm = f"{agency}〔{year}〕{serial}号"
    return DocNumber(text=text[m.start():m.end()], normalized=norm, agency_code=agency, year=year,
                     serial=serial, start=m.start(), end=m.end())


def parse(text: str) -> Optional[DocNumber]:
    """Parse one 发文字号 (the whole string is the number, perhaps behind a 发文字号： prefix)."""
    if not text:
        return None
    s = PREFIX.sub("", INVISIBLE.sub("", text)).strip()
    s = SPACE.sub("", s)
    m = DOCNUM.search(s)
    if m:
        d = _make(m, s, False)
        if d.serial > 0 and 1900 <= d.year <= 2099:
            return d
    m = LOOSE.match(s)
    if m:
        serial = int(m.group("serial") or m.group("serial2"))
        year = int(m.group("year"))
        if serial > 0:
            return DocNumber(text=s, normalized=f"{m.group('agency')}〔{year}〕{serial}号",
                             agency_code=m.group("agency"), year=year, serial=serial, start=0, end=len(s))
    m = ORDER.search(s)
    if m:
        d = _make(m, s, True)
        if d.serial > 0:
            return d
    m = YEAR_SERIAL.match(s)
    if m and int(m.group("serial")) > 0:
        year, serial = int(m.group("year")), int(m.group("serial"))
        return DocNumber(text=s, normalized=f"{m.group('agency')}{year}年第{serial}号", agency_code=m.group("agency"),
                         year=year, serial=serial, start=0, end=len(s))
    return None


def find_all(text: str) -> Iterator[DocNumber]:
    """All 发文字号 in running text, agency trimmed of the words before it; the 刊号 is skipped."""
    for m in DOCNUM.finditer(text):
        agency = _clean_agency(m.group("agency"))
        ctx = text[max(0, m.start() - 6):m.end()]
        if NOT_DOCNUM.search(ctx) or not agency:
            continue
        year, serial = int(m.group("year")), int(m.group("serial"))
        if serial <= 0:
            continue
        start = m.start("agency") + (len(m.group("agency")) - len(agency))
        yield DocNumber(text=text[start:m.end()], normalized=f"{agency}〔{year}〕{serial}号",
                        agency_code=agency, year=year, serial=serial, start=start, end=m.end())
    for m in OLD_FORM.finditer(text):
        serial = int(m.group("serial"))
        if serial <= 0:
            continue
        y = int(m.group("year"))
        year = y if y > 99 else 1900 + y if y >= 50 else 2000 + y
        written = SPACE.sub("", unicodedata.normalize("NFKC", m.group()))
        yield DocNumber(text=m.group(), normalized=written, agency_code=m.group("agency"), year=year, serial=serial,
                        start=m.start(), end=m.end())


def find_orders(text: str) -> Iterator[DocNumber]:
    """All 令 numbers in running text (X令第N号), the issuing body trimmed of the words before it and of a
    leading 原 (湖北省人民政府令第282号; 原国家安全监管总局令第3号 -> 国家安全监管总局令第3号)."""
    for m in ORDER_IN_TEXT.finditer(text):
        raw = m.group("agency")
        agency = raw[ORDER_LEADING.match(raw).end():]
        if len(agency) < 2 or not ORDER_BODY_END.search(agency):
            continue
        serial = int(m.group("serial"))
        if serial <= 0:
            continue
        start = m.start("agency") + (len(raw) - len(agency))
        year = int(m.group("year")) if m.group("year") else None
        yield DocNumber(text=text[start:m.end()], normalized=f"{agency}{year or ''}{'年' if year else ''}第{serial}号",
                        agency_code=agency, year=year, serial=serial, start=start, end=m.end())


def is_docnumber_line(text: str) -> Optional[DocNumber]:
    """A paragraph that is nothing but a 发文字号 (as printed under a masthead)."""
    s = SPACE.sub("", text or "")
    s = s.strip("。.,，·_-—|:：;；'\"“”")      # OCR specks around a number printed alone
    if not s or len(s) > 30 or NOT_DOCNUM.search(s):
        return None
    d = parse(s)
    if d and len(d.text) == len(PREFIX.sub("", INVISIBLE.sub("", s))):
        return d
    return None
