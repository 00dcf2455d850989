"""Deadlines: time expressions that bound when something must happen or holds, normalised to ISO dates.

Conventions live in ``data/calendar.json`` (plan periods, seasons, frequencies); the patterns here are
named and tested one by one.  Dates that are not time bounds are left alone: years inside 《titles》 and
发文字号, the signing date, and years that only name something (2019年度改善目标, 2020年是…).
"""
from __future__ import annotations

import calendar as _cal
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

# years, months and days as digits or Chinese numerals (二〇二〇年三月, 十月一号)
YN = r"(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})"
MN = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DN = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|廿[一二三四五六七八九]?|卅[一]?)"
DAY = r"(?:日|号)"
Y = r"(?P<y>" + YN + r")\s*年"
CN_SMALL = r"[一二三四五六七八九十两半]+"
NUM = r"(?:\d+(?:\.\d+)?|" + CN_SMALL + r")"
DASH = r"\s*(?:[—\-–～~－]{1,2}|至|到)\s*"
TIME_UNIT = r"(?P<u>个工作日|工作日|个月|年|周|日|天|小时)"


def conventions() -> dict:
    from ..data import load
    return load("calendar.json")


def _season_alt() -> str:
    return "|".join(sorted(conventions()["seasons"], key=len, reverse=True))


def _plan_alt() -> str:
    return "|".join(conventions()["plan_periods"])


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, "regex.Pattern"]]:
    S, PL = _season_alt(), _plan_alt()
    return [
        # 2019年10月1日至2020年3月31日
        ("date-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" + DAY + r")?" + DASH +
                                     r"(?:(?P<y2>" + YN + r")\s*年)?\s*(?P<m2>" + MN + r")\s*月份?\s*(?:(?P<d2>" + DN + r")\s*" +
                                     DAY + r")?(?:止)?")),
        # 2019年4月12-19日 / 2018年1－9月份
        ("day-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")" + DASH + r"(?P<d2>" + DN + r")\s*" + DAY)),
        ("month-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")" + DASH + r"(?P<m2>" + MN + r")\s*月份?")),
        # 自2019年12月10日起施行
        ("from", regex.compile(r"(?:自|从|于)?" + Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" + DAY +
                               r")?\s*起(?:施行|执行|实施|生效)?")),
        # 有效期至2021年12月9日
        ("until", regex.compile(r"(?:有效期|期限)?(?:至|到)" + Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")\s*" + DAY +
                                r"(?:止)?"
                                r"(?=[，。；,;）)]|$)")),
        # 2019—2020年秋冬季期间 / 2020年主汛期前 / 秋冬季期间
        ("season", regex.compile(r"(?:(?P<y>(?:19|20)\d{2})(?:" + DASH + r"(?P<y2>(?:19|20)\d{2}))?\s*年)?\s*"
                                 r"(?P<s>" + S + r")(?P<rel>前|之前|以前|期间|内|后|结束前)?")),
        # “十四五”期间 / 十四五末
        ("plan", regex.compile(r"[“\"']?(?P<p>" + PL + r")[”\"']?\s*(?P<rel>期间|时期|末|末期|内)")),
        # 2019—2021年
        ("year-range", regex.compile(r"(?P<y>" + YN + r")\s*年?" + DASH + r"(?P<y2>" + YN + r")\s*年(?P<before>前|以前|之前)?"
                                     r"(?!\s*\d{1,2}\s*月)")),
        # 2019年11月底前 / 12月底前 / 2020年6月前 / 2019年12月10日前
        ("month-end", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月\s*(?:底|末|份?底)\s*(?:前|之前|以前)?")),
        ("day-by", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")\s*" + DAY +
                                 r"\s*(?:前|之前|以前)")),
        ("month-by", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月份?\s*(?:前|之前|以前)")),
        # 今年底前 / 明年年底前 (resolved against the document's year)
        ("rel-year-end", regex.compile(r"(?P<ry>今年|本年|当年|明年|次年|下一年|下年)\s*(?:年底|底|末|年末)\s*(?:前|之前|以前)?"
                                       r"|(?<![\d〇零○一二三四五六七八九年])(?P<bare>年底前|年内)")),
        # 2020年年底前 / 2020年底 / 到2020年底
        ("year-end", regex.compile(r"(?:到|至)?" + Y + r"\s*(?:年底|底|末|年末)\s*(?:前|之前|以前)?")),
        # 到2020年
        ("to-year", regex.compile(r"(?:到|至)" + Y + r"(?!\s*\d{1,2}\s*月|度)")),
        # 2020年前 / 2020年内
        ("year-by", regex.compile(Y + r"\s*(?:前|以前|之前|内|以内)")),
        # 2020年实施… / 2020年，…  (a year that sets when the sentence happens)
        ("year", regex.compile(Y + r"(?=实施|完成|开工|建成|启动|开展|全面|基本|力争|争取|，|,)")),
        # 30日内 / 一个月内 / 5个工作日内
        ("within", regex.compile(r"(?P<n>" + NUM + r")\s*" + TIME_UNIT + r"\s*(?:内|以内|之内)")),
        # 不少于5年 / 不低于5个工作日
        ("min-duration", regex.compile(r"(?:不少于|不低于|不超过|至少|最长|最短|期限为|期限|期为)\s*(?P<n>" + NUM + r")\s*" + TIME_UNIT +
                                       r"(?!\s*[\d\p{Han}]*?(?:元|%))")),
        # 前3年
        ("first-n", regex.compile(r"前\s*(?P<n>" + NUM + r")\s*(?P<u>年|个月|周)")),
        # 利用5年时间
        ("span", regex.compile(r"(?P<n>" + NUM + r")\s*(?P<u>年|个月)\s*时间")),
        # 每年 / 按季度 / 一周一调度
        ("frequency", regex.compile(r"(?P<f>每半年|每年|每季度|按季度|每季|每月|按月|每周|每日|每天)")),
        ("frequency-pair", regex.compile(r"(?P<f>一[周月季年日]一)\p{Han}{2}")),
    ]


# where a date is not a time bound
EXCLUDE = regex.compile(r"《[^《》]*》|〔\s*\d{4}\s*〕\s*\d+\s*号|\[\s*\d{4}\s*\]\s*\d+\s*号")
# a season is a time bound only with a relation word (前, 期间, 内, 后) or standing alone before punctuation;
# followed by a noun it names something (2019—2020年秋冬季大气污染综合治理)
SEASON_ALONE = regex.compile(r"\s*(?:[，。；、,;：:）)]|$)")


@dataclass
class Timex:
    start: int
    end: int
    text: str
    kind: str
    date_start: Optional[str] = None
    date_end: Optional[str] = None
    approx: bool = False
    duration: Optional[str] = None
    frequency: Optional[str] = None
    rule: str = ""


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _int(s) -> Optional[int]:
    """'2019' / '二〇一九' (digit by digit) / '十二' / '廿三' -> int."""
    if s is None:
        return None
    s = str(s).strip()
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    s = s.replace("廿", "二十").replace("卅", "三十")
    v = cn_number(s)
    return int(v) if v is not None else None


def _d(y: int, m: int, d: int) -> Optional[str]:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> Optional[str]:
    if not 1 <= m <= 12:
        return None
    return _d(y, m, _cal.monthrange(y, m)[1])


def _md(y: int, md: str) -> Optional[str]:
    m, d = md.split("-")
    return _d(y, int(m), int(d))


def cn_number(s: str) -> Optional[float]:
    if s is None:
        return None
    if regex.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if s == "半":
        return 0.5
    import cn2an
    try:
        return float(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_UNIT_ISO = {"年": "Y", "个月": "M", "月": "M", "周": "W", "日": "D", "天": "D", "个工作日": "WD", "工作日": "WD",
             "小时": "H"}


def _duration(n: str, u: str) -> Optional[str]:
    v = cn_number(n)
    if v is None:
        return None
    v = int(v) if v == int(v) else v
    code = _UNIT_ISO.get(u, "")
    if code == "H":
        return f"PT{v}H"
    if code == "WD":
        return f"P{v}D (working days)"
    return f"P{v}{code}"


def find(text: str, context_year: Optional[int] = None) -> list[Timex]:
    """All deadlines in ``text``, left to right, never overlapping."""
    blocked = [(m.start(), m.end()) for m in EXCLUDE.finditer(text)]
    cands: list[Timex] = []
    for name, rx in patterns():
        for m in rx.finditer(text):
            if m.end() - m.start() < 2 or any(a <= m.start() < b or a < m.end() <= b for a, b in blocked):
                continue
            t = _normalise(name, m, text, context_year)
            if t is not None:
                cands.append(t)
    # keep the longest, earliest non-overlapping spans
    cands.sort(key=lambda t: (-(t.end - t.start), t.start))
    taken: list[Timex] = []
    for t in cands:
        if all(t.end <= o.start or t.start >= o.end for o in taken):
            taken.append(t)
    taken.sort(key=lambda t: t.start)
    return taken


def _year_before(text: str, pos: int, fallback: Optional[int]) -> Optional[int]:
    ys = regex.findall(r"(" + YN + r")\s*年", text[:pos])
    return _int(ys[-1]) if ys else fallback


def _normalise(name: str, m, text: str, cy: Optional[int]) -> Optional[Timex]:
    g = m.groupdict()
    s = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    T = lambda kind, a=None, b=None, approx=False, **kw: Timex(start, start + len(s), s, kind, a, b, approx, rule=name, **kw)
    y = _int(g.get("y")) if g.get("y") else None
    if name == "date-range":
        y2 = _int(g["y2"]) if g.get("y2") else y
        a = _d(y, _int(g["m"]), _int(g["d"])) if g.get("d") else _d(y, _int(g["m"]), 1)
        b = _d(y2, _int(g["m2"]), _int(g["d2"])) if g.get("d2") else _month_end(y2, _int(g["m2"]))
        if a and b and a <= b:
            return T("period", a, b)
        return None
    if name == "day-range":
        a, b = _d(y, _int(g["m"]), _int(g["d"])), _d(y, _int(g["m"]), _int(g["d2"]))
        return T("period", a, b) if a and b and a <= b else None
    if name == "month-range":
        a, b = _d(y, _int(g["m"]), 1), _month_end(y, _int(g["m2"]))
        return T("period", a, b) if a and b and a <= b else None
    if name == "from":
        a = _d(y, _int(g["m"]), _int(g["d"]) if g.get("d") else 1)
        return T("from", a, None) if a else None
    if name == "until":
        b = _d(y, _int(g["m"]), _int(g["d"]))
        return T("until", None, b) if b else None
    if name == "rel-year-end":
        if cy is None:
            return None
        year = cy + (1 if g.get("ry") in ("明年", "次年", "下一年", "下年") else 0)
        return T("by", None, _d(year, 12, 31))
    if name == "season":
        rel = g.get("rel")
        if not rel and not SEASON_ALONE.match(text, m.end()):
            return None
        sea = conventions()["seasons"][g["s"]]
        year = y or _year_before(text, m.start(), cy)
        if year is None:
            return T("period" if rel != "前" else "by", approx=True)
        y2 = _int(g["y2"]) if g.get("y2") else None
        wraps = sea["end"] < sea["start"]
        a = _md(year, sea["start"])
        b = _md(y2 if y2 else (year + 1 if wraps else year), sea["end"])
        if rel in ("前", "之前", "以前", "结束前"):
            before = sea.get("before", sea["start"]) if rel != "结束前" else sea["end"]
            return T("by", None, _md(year, before) if rel != "结束前" else b, True)
        if rel == "后":
            return T("from", _md(y2 or year, sea.get("after", sea["end"])), None, True)
        return T("period", a, b, True)
    if name == "plan":
        a0, b0 = conventions()["plan_periods"][g["p"]]
        if g["rel"] in ("末", "末期"):
            return T("by", None, _d(b0, 12, 31))
        return T("period", _d(a0, 1, 1), _d(b0, 12, 31))
    if name == "year-range":
        y2 = _int(g["y2"])
        if y is None or y2 is None or y2 < y or text[m.end():m.end() + 3].startswith(("秋冬", "采暖", "供暖")):
            return None
        return T("period", _d(y, 1, 1), _d(y2, 12, 31))
    if name in ("month-end", "month-by", "day-by"):
        year = y or _year_before(text, m.start(), cy)
        if year is None:
            return None
        mo = _int(g["m"])
        if name == "month-end":
            b = _month_end(year, mo)
        elif name == "day-by":
            b = _d(year, mo, _int(g["d"]))
        else:
            b = (_dt.date(year, mo, 1) - _dt.timedelta(days=1)).isoformat() if 1 <= mo <= 12 else None
        return T("by", None, b) if b else None
    if name in ("year-end", "to-year", "year-by"):
        if text[max(0, m.start() - 2):m.start()].endswith("截至"):
            return None
        return T("by", None, _d(y, 12, 31))
    if name == "year":
        if text[max(0, m.start() - 1):m.start()] in ("到", "至") or text[m.end():m.end() + 1] == "度":
            return None
        return T("period", _d(y, 1, 1), _d(y, 12, 31))
    if name in ("within", "min-duration", "first-n", "span"):
        d = _duration(g["n"], g["u"])
        return T("relative", duration=d) if d else None
    if name in ("frequency", "frequency-pair"):
        return T("relative", frequency=conventions()["frequencies"].get(g["f"]))
    return None
