"""Numeric targets: a number with a measure unit, its comparator, year and hedging.

"耕种收综合机械化率达到90%" -> indicator 耕种收综合机械化率, >=, 90, %.  Lists ("分别达到10%、20%和30%以上")
give one target per value; ranges ("1000—2000万元") give a lower and an upper bound.  Identifiers (文号,
第X条, PM2.5, phone numbers) and time spans (deadlines) are not targets.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..model import Comparator


def measures() -> dict:
    from ..data import load
    return load("measures.json")


@lru_cache(maxsize=1)
def _unit_table() -> dict[str, tuple[Optional[float], Optional[str]]]:
    return {u: (f, b) for u, f, b in measures()["units"]}


@lru_cache(maxsize=1)
def quantity_re() -> "regex.Pattern":
    units = sorted(_unit_table(), key=len, reverse=True)
    alt = "|".join(regex.escape(u) for u in units)
    return regex.compile(r"""
        (?<![A-Za-z\d.\-/])                              # not PM2.5, SO2, 1.2.3
        (?P<v1>\d+(?:\.\d+)?)
        (?:\s*(?P<sep>[—\-–～~至到])\s*(?P<v2>\d+(?:\.\d+)?))?   # a range 1000—2000
        \s*(?P<u>""" + alt + r""")
        (?P<post>(?:及|或)?以上|(?:及|或)?以下|以内|左右|范围内)?
    """, regex.X)


RATIO = regex.compile(r"(?<![\d:：])(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)(?![\d:：])(?=\s*的?\s*比例)")
LIST_ITEM = regex.compile(r"(?<![\d.%])(?P<v>\d+(?:\.\d+)?)\s*(?:、|和|及|或)\s*$")   # 10、20和30%: bare values
BOUNDARY = "，。；;,！？：:\n"
SENTENCE_END = "。；;！？\n"
EXCLUDE = regex.compile(r"《[^《》]*》|〔\s*\d{4}\s*〕\s*\d+\s*号|第\s*\d+\s*[条章节次批届期号]|\d{3,4}[—\-]\d{7,8}")

GE = regex.compile(r"(?:不[应得能宜准]?(?:低于|少于|小于)|达到|达|提高到|提升到|增加到|增长到|增至|提高至|提升至|不低于|不少于|至少|超过|高于|大于等于|大于|突破)")
LE = regex.compile(r"(?:不[应得能宜准]?(?:超过|高于|大于|多于)|低于|少于|以下|以内|控制在|最高|最多|上限|压减到|下降到|降至|降低到|减少到)")
DEC = regex.compile(r"(?:同比)?(?:下降|减少|降低|削减|压减|降幅)")
INC = regex.compile(r"(?:同比)?(?:提高|增长|增加|提升|增幅)")
EQ = regex.compile(r"(?:为|按|按照|给予|补助|奖励|安排|设立|投资|配套)")
HEDGE = regex.compile(r"力争|争取|原则上")
YEAR_GOV = regex.compile(r"(?:到|至)\s*(?P<y>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)|(?P<y2>(?:19|20)\d{2})\s*年(?:年底|底|末)?(?:前|以前)")
YEAR_BARE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?!\s*[—\-–]\s*\d)")
LEADING = regex.compile(r"^(?:其中|另外|同时|并|且|全市|实现|完成|力争|争取|原则上|确保|要|将|对|按照|按)+")


@dataclass
class Quantity:
    start: int
    end: int
    text: str           # the clause that states the target
    value: float
    unit: str
    comparator: str
    indicator: str
    year: Optional[int]
    aspirational: bool
    normalized_value: Optional[float] = None
    base_unit: Optional[str] = None


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    """From the clause boundary before the number to the end of its sentence."""
    s = a
    while s > 0 and text[s - 1] not in BOUNDARY:
        s -= 1
    e = b
    while e < len(text) and text[e] not in SENTENCE_END:
        e += 1
    return s, e


def _nearest(tail: str, table) -> Optional[str]:
    """The comparator of the word nearest the end of ``tail``; at one place the longer word wins (不低于/低于)."""
    best, key = None, (-1, 0)
    for rx, comp in table:
        for m in rx.finditer(tail):
            k = (m.end(), m.end() - m.start())
            if k > key:
                best, key = comp.value, k
    return best


_BOUNDS = ((GE, Comparator.ge), (LE, Comparator.le), (DEC, Comparator.decrease), (INC, Comparator.increase))


def _comparator(before: str, post: Optional[str]) -> str:
    if post and post.endswith("以上"):
        return Comparator.ge.value
    if post and (post.endswith("以下") or post in ("以内", "范围内")):
        return Comparator.le.value
    # a bound word close to the number, else a fixing verb right before it, else a bound further back
    best = _nearest(before[-12:], _BOUNDS)
    if best is None and EQ.search(before[-6:]):
        best = Comparator.eq.value
    if best is None:
        best = _nearest(before, _BOUNDS) or Comparator.eq.value
    # 下降到 / 提高到 set a level, not a change
    if best in (Comparator.decrease.value, Comparator.increase.value) and regex.search(r"(?:到|至)\s*$", before[-12:]):
        best = Comparator.le.value if best == Comparator.decrease.value else Comparator.ge.value
    return best


def find(text: str, governing_year: Optional[int] = None) -> list[Quantity]:
    """Targets in one paragraph.  ``governing_year`` carries 到2020年 from an earlier sentence."""
    blocked = [(m.start(), m.end()) for m in EXCLUDE.finditer(text)]
    out: list[Quantity] = []
    table = _unit_table()
    year_ctx = governing_year
    last = 0
    for m in list(quantity_re().finditer(text)) + list(RATIO.finditer(text)):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        is_ratio = "a" in m.groupdict() and m.groupdict().get("a") is not None
        s, e = _clause(text, m.start(), m.end())
        clause = text[s:e]
        before = text[s:m.start()]
        # years that govern: 到2020年 earlier in the paragraph, or a year in this clause
        for ym in YEAR_GOV.finditer(text, last, m.start()):
            year_ctx = int(ym.group("y") or ym.group("y2"))
        last = m.start()
        year = year_ctx
        yb = YEAR_BARE.search(before)
        if yb and not regex.search(r"[—\-–]\s*$", text[:s]):
            year = int(yb.group("y"))
        if regex.search(r"(?:19|20)\d{2}\s*[—\-–]\s*(?:19|20)\d{2}\s*年", before):
            year = None
        hedge = bool(HEDGE.search(before))
        indicator = _indicator(before)
        if is_ratio:
            out.append(Quantity(m.start(), m.end(), clause.strip(), float(m.group("b")) / float(m.group("a"))
                                if float(m.group("a")) else 0.0, "ratio", Comparator.eq.value, indicator or "比例",
                                year, hedge))
            continue
        unit = m.group("u")
        after = text[m.end(): m.end() + 4]
        if unit == "天" and regex.match(r"\s*(?:内|以内|之内)", after):
            continue       # 30天内 is a deadline
        if unit == "个" and regex.match(r"(?:月|工作日|小时|季度|星期)", text[m.end("u"):]):
            continue       # 36个月, 5个工作日: durations
        if unit in ("人", "名", "户") and regex.match(r"(?:及以上|以上)?的", text[m.end("u"):]):
            continue       # 1人的保障家庭: a category, not a quantity
        comp = _comparator(before, m.group("post"))
        factor, base = table.get(unit, (None, None))
        values = [float(m.group("v1"))]
        comps = [comp]
        if m.group("v2"):
            values.append(float(m.group("v2")))
            comps = [Comparator.ge.value, Comparator.le.value]
        # a list before this value shares its unit and comparator: 100%、50%、30% / 10%、20%和30%以上
        lead = before
        while True:
            lm = LIST_ITEM.search(lead)
            if not lm:
                break
            values.insert(0, float(lm.group("v")))
            comps.insert(0, comp)
            lead = lead[:lm.start()]
        for v, c in zip(values, comps):
            out.append(Quantity(m.start(), m.end(), clause.strip(), v, unit, c, indicator, year, hedge,
                                v * factor if factor else None, base))
    out.sort(key=lambda q: q.start)
    return _dedupe(out)


def _dedupe(qs: list[Quantity]) -> list[Quantity]:
    seen = set()
    res = []
    for q in qs:
        k = (q.start, q.value, q.unit, q.comparator)
        if k not in seen:
            seen.add(k)
            res.append(q)
    return res


def _indicator(before: str) -> str:
    t = regex.sub(r"(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:年底|底|末)?(?:前|以前)?", "", before)
    t = GE.sub("", LE.sub("", t))
    t = regex.sub(r"[\d.]+\s*(?:%|、|和)?", "", t)
    t = LEADING.sub("", t.strip())
    return t.strip("的为按给予分别 ")[:40]
