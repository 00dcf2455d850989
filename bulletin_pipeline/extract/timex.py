"""Deadlines: time expressions that bound when something must happen or holds, normalised to ISO dates.

Conventions (plan periods, seasons, named periods, frequencies) come from the lexicon's
:class:`~bulletin_pipeline.lexicon.calendar.Calendar` (``Resources.calendar``), passed in by the caller;
the patterns here are named and tested one by one.  Dates that are not time bounds are left alone: years
inside 《titles》, 发文字号 and 附件 lines, the signing date, past report years (2021年度… in a 2022 plan)
and years that only name something (2019—2020年秋冬季大气污染综合治理).

Every pattern is linear: no nested quantifiers, look-arounds of bounded length.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

import regex

from ..lexicon.calendar import Calendar, day_before_month, iso_date, month_day, month_end
from ..lexicon.numerals import CN_SMALL, cn_int, cn_number

# a year as digits or Chinese digits (2019, 二〇一九)
YN = r"(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})"
# a month (1–12, 十二, 三)
MN = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# a day of the month (1–31, 二十三, 廿三)
DN = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|廿[一二三四五六七八九]?|卅[一]?)"
DAY = r"(?:日|号)"
# a year followed by 年, captured as y
Y = r"(?P<y>" + YN + r")\s*年"
# the number of a duration: Arabic or small Chinese numerals (3, 12, 两, 半)
NUM = r"(?:\d+(?:\.\d+)?|" + CN_SMALL + r")"
# a short duration count: at most three digits, so a year (2019) is never a count
DUR_NUM = r"(?:\d{1,3}(?:\.\d+)?|[一二三四五六七八九十两半]{1,3})"
# the dash or word between two ends of a range
DASH = r"\s*(?:[—\-–～~－]{1,2}|至|到)\s*"
# the unit of a duration; 周 before 岁 is an age (满35周岁), 日 after a month is a date
TIME_UNIT = r"(?P<u>个工作日|工作日|个月|个星期|年|周(?!岁)|日|天|小时|分钟)"
DUR_UNIT = r"(?P<u>个工作日|工作日|个月|个星期|年|周(?!岁)|天|小时|分钟)"
# the unit the first end of a duration range may repeat (6个月至12个月, 3年至5年)
FIRST_END_UNIT = r"(?:个工作日|工作日|个月|个星期|年|周(?!岁)|天|小时|分钟)?"
# 每月400元: an amount per period is a rate, not a frequency (the look-ahead FREQ ends with)
# a number of months/years counted as money or a rate, not a time (3个月当地失业保险金标准, 5年1000万元)
MONEY_AFTER = r"(?!\s*[\d\p{Han}]{0,8}?(?:元|%)|\s*的?\s*(?:当地|月人均|\p{Han}{0,12}?(?:保险金|保险费|工资)))"
# a recurring period word (每年, 每两年, 每季度, 按月, 逐年); after 每人/每户 it is a rate (每人每年5200元)
FREQ = (r"(?<!每[\p{Han}\d]{1,2})(?P<f>每(?:两|三|[2-9])?(?:半年|年|季度|季|月|周|日|天)|按季度|按月|逐(?:年|季|月))"
        r"(?!\s*\d[\d.]*\s*[万亿千百]?元)")
# words that fix a future month (定于7月, 拟安排在8月份)
MONTH_AT_CUE = r"(?<=定于|拟于|计划于|将于|预计于|安排在|计划在|拟在|定在)"
# a year of an account (纳税年度, 会计年度) or a bare 年度 counted with 个: a term, not a calendar year
ACCOUNT_YEAR = r"(?P<u>(?:纳税|会计|自然|财政|预算|考核|统计)?年度)"
# a year known only by an event (the year a project runs, the year after it): 当年, 下年, 次年, 翌年, 上年
EVENT_YEAR = r"(?:当年|下年|下一年|次年|翌年|上年|同年)"
# a clock time after a date (上午8:30)
CLOCK = r"\s*(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}\s*[:：]\s*\d{2}"
# a verb or word that makes a bare duration a term (满2年, 不满八年, 运营1年, 未来五年; a retention period: 留存五年,
# 保存3年)
DURATION_CUE = r"(?:不满|满|运营|连续|累计|未来|今后|近|留存|保存|保管|保留)"
# words that bound a duration (不少于5年, 不能超过48个月, 最高50年, 期限为3年, 考核时间120分钟)
DURATION_BOUND = (r"(?:(?:最长|最高|最短|最多)?\s*(?:不[得能应宜]?少于|不[得能应宜]?低于|不[得能应宜]?超过|至少|期限为|期限|期为|"
                  r"有效期为|有效期|时间为|时长为|时长|时间)|最长|最高|最短)")
# the label of a time slot in a task list: （完成时限：…） / 时间要求： / 完成时间：
TIME_SLOT = r"(?:完成时限|完成时间|时间要求|时限要求|时间节点|完成期限|时限)\s*[:：]\s*"
# a task with no end date, in a time slot: 长期坚持 / 持续推进 / 长期推进 / 持续开展 / 常态化推进
STANDING = r"(?:长期坚持|持续推进|长期推进|持续开展|常态化推进|长期)"
# publication as the start (自公布之日起施行)
FROM_PUBLICATION = r"自(?:公布|发布|印发|颁布|公告)之日起(?:施行|执行|实施|生效)?"


def _build(cal: Calendar) -> list[tuple[str, "regex.Pattern"]]:
    S = Calendar.alternation(cal.seasons)
    PL = Calendar.alternation(cal.plan_periods)
    NP = Calendar.alternation(cal.named_periods) or r"(?!)"
    return [
        # 2019年10月1日至2020年3月31日
        ("date-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" + DAY + r")?" + DASH +
                                     r"(?:(?P<y2>" + YN + r")\s*年)?\s*(?P<m2>" + MN + r")\s*月份?\s*(?:(?P<d2>" + DN + r")\s*" +
                                     DAY + r")?(?:止)?")),
        # 2019年4月12-19日 / 2018年1－9月份
        ("day-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")" + DASH + r"(?P<d2>" + DN + r")\s*" + DAY)),
        ("month-range", regex.compile(Y + r"\s*(?P<m>" + MN + r")" + DASH + r"(?P<m2>" + MN + r")\s*月份?")),
        # 2020年7月15日上午8:30: an appointment, a one-day period
        ("day-at", regex.compile(Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")\s*" + DAY + CLOCK)),
        # 自2019年12月10日起施行 / 从2017年1月1日开始
        ("from", regex.compile(r"(?:自|从|于)?" + Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" + DAY +
                               r")?\s*(?:起|开始)(?:施行|执行|实施|生效)?")),
        # 自2021年起 / 2020年起，…每年3月底前: a year from which something holds (no month: the month form is "from")
        ("from-year", regex.compile(r"(?:自|从)?" + Y + r"\s*(?:起(?![步草飞诉跑来点])|开始)(?:施行|执行|实施|生效)?(?!\s*\d)")),
        # （完成时限：2020年12月） / 完成时间：2020年: a bare month or year in a time slot is the end of that month or year
        ("slot-date", regex.compile(r"(?<=" + TIME_SLOT + r")" + Y + r"\s*(?:(?P<m>" + MN + r")\s*月份?(?:\s*(?P<d>" + DN +
                                    r")\s*" + DAY + r")?)?\s*(?:底|末)?\s*(?:前|之前|以前)?(?=\s*(?:[，。；,;）)]|$))")),
        # （完成时限：长期坚持）: a standing task, no date to end it
        ("slot-standing", regex.compile(r"(?<=" + TIME_SLOT + r")" + STANDING)),
        # 自公布之日起施行: the document's date
        ("from-publication", regex.compile(FROM_PUBLICATION)),
        # 有效期至2021年12月9日
        ("until", regex.compile(r"(?:有效期|期限)?(?:至|到)" + Y + r"\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")\s*" + DAY +
                                r"(?:止)?"
                                r"(?=[，。；,;）)]|$)")),
        # 有效期至2024年12月 / 有效期至2025年底 (the validity ends with the month or year)
        ("valid-until", regex.compile(r"有效期(?:为|延长)?(?:至|到)" + Y + r"\s*(?:(?P<m>" + MN + r")\s*月(?:底|末)?|年底|底|末)?"
                                      r"(?:止)?(?!\s*\d)")),
        # 2019—2020年秋冬季期间 / 2020年主汛期前 / 秋冬季期间
        ("season", regex.compile(r"(?:(?P<y>(?:19|20)\d{2})(?:" + DASH + r"(?P<y2>(?:19|20)\d{2}))?\s*年)?\s*"
                                 r"(?P<s>" + S + r")(?P<rel>前|之前|以前|期间|内|后|结束前)?")),
        # 脱贫攻坚期内
        ("named-period", regex.compile(r"(?P<np>" + NP + r")(?P<rel>内|期间|结束前|前)")),
        # “十四五”期间 / 十四五末
        ("plan", regex.compile(r"[“\"']?(?P<p>" + PL + r")[”\"']?\s*(?P<rel>期间|时期|末|末期|内)")),
        # 2019—2021年
        ("year-range", regex.compile(r"(?P<y>" + YN + r")\s*年?" + DASH + r"(?P<y2>" + YN + r")\s*年(?P<before>前|以前|之前)?"
                                     r"(?!\s*\d{1,2}\s*月)")),
        # 每年4月底前: a recurring date
        ("recurring", regex.compile(FREQ + r"\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" + DAY +
                                    r"|底|末|份?底|份)?\s*(?:前|之前|以前)?")),
        # 每月10日前: a recurring day of the month
        ("recurring-day", regex.compile(FREQ + r"\s*(?P<d>" + DN + r")\s*" + DAY + r"\s*(?:前|之前|以前)?")),
        # 2019年11月底前 / 12月底前 / 2020年6月前 / 2019年12月10日前
        ("month-end", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月\s*(?:底|末|份?底)\s*(?:前|之前|以前)?")),
        ("day-by", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月\s*(?P<d>" + DN + r")\s*" + DAY +
                                 r"\s*(?:前|之前|以前)")),
        ("month-by", regex.compile(r"(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月份?\s*(?:前|之前|以前)")),
        # 定于2020年7月 / 拟安排在8月份: the month as a period
        ("month-at", regex.compile(MONTH_AT_CUE + r"\s*(?:" + Y + r")?\s*(?P<m>" + MN + r")\s*月份?"
                                   r"(?!\s*(?:\d|[一二三四五六七八九十廿卅]|底|末|初|中|上旬|下旬|前|之前|以前))")),
        # 当年7月3日 / 下年1月3日前 / 次年3月底前: dates in the year of an event (each project year), not a calendar date
        ("event-year-date", regex.compile(r"(?P<ry>" + EVENT_YEAR + r")\s*(?P<m>" + MN + r")\s*月\s*(?:(?P<d>" + DN + r")\s*" +
                                          DAY + r"|底|末|份)?\s*(?:前|之前|以前)?")),
        # 今年 / 全年 (the document's year, as the period a target or a task holds for; 今年以来 looks back)
        # 今明两年: this year and the next (the east and the centre 分别于今明两年完成)
        ("this-and-next-year", regex.compile(r"(?<!\d)今明两年")),
        # (a month or quarter after it names a part of the year: 今年一季度, 今年二月; a number word that opens a
        # noun does not: 今年二氧化硫…排放量要下降3%)
        ("this-year", regex.compile(r"(?<![\p{Han}\d])(?:今年|本年|全年)(?![度以底末初内前后中上下\d]|年底|年末|"
                                    r"[一二三四五六七八九十]{1,2}(?:月|季|个月))")),
        # 今年底前 / 明年年底前 (resolved against the document's year)
        ("rel-year-end", regex.compile(r"(?P<ry>今年|本年|当年|明年|次年|下一年|下年)\s*(?:年底|底|末|年末)\s*(?:前|之前|以前)?"
                                       r"|(?<![\d〇零○一二三四五六七八九年])(?P<bare>年底前|年内)")),
        # 2020年年底前 / 2020年底 / 到2020年底
        ("year-end", regex.compile(r"(?:到|至)?" + Y + r"\s*(?:年底|底|末|年末)\s*(?:前|之前|以前)?")),
        # 到2020年
        ("to-year", regex.compile(r"(?:到|至)" + Y + r"(?!\s*\d{1,2}\s*月|度)")),
        # 2020年前 / 2020年内
        ("year-by", regex.compile(Y + r"\s*(?:前|以前|之前|内|以内)")),
        # 2022年度 (the year's period; a past year is the subject of a report)
        ("year-of", regex.compile(r"(?<![\d上本当])(?P<y>(?:19|20)\d{2})\s*年度")),
        # 2020年实施… / 2020年，…  (a year that sets when the sentence happens)
        ("year", regex.compile(Y + r"(?=实施|完成|开工|建成|启动|开展|全面|基本|力争|争取|，|,)")),
        # 30日内 / 一个月内 / 5个工作日内 / 次月十五日内; not the day of a date (5月3日内蒙古包头), not inside a number
        ("within", regex.compile(r"(?<![\d〇零一二三四五六七八九十百两.])(?<!(?:\d|[一二三四五六七八九十])\s*月\s*)(?P<n>" + NUM +
                                 r")\s*" + TIME_UNIT + r"\s*(?:内(?!蒙)|以内|之内)")),
        # 不少于5年 / 最高50年 / 考核时间120分钟 / 有效期5年
        ("min-duration", regex.compile(DURATION_BOUND + r"\s*(?P<n>" + NUM + r")\s*" + TIME_UNIT + MONEY_AFTER)),
        # 解除后一个月 / 期满后6个月 / 收到申请之后15个工作日: a term counted from an event (后…内 is "within";
        # 最后, 然后, 今后, 此后, 落后 are no event)
        ("after-event", regex.compile(r"(?<=\p{Han})(?<![最然今此落之以])(?:之后|以后|后)\s*(?P<n>" + DUR_NUM + r")\s*" +
                                      DUR_UNIT + r"(?!\s*(?:内|以内|之内|来|以来))" + MONEY_AFTER)),
        # 前3年 / 结束前7个工作日
        ("first-n", regex.compile(r"前\s*(?P<n>" + NUM + r")\s*(?P<u>年|个月|周|个工作日|工作日|天|日)")),
        # 利用5年时间
        ("span", regex.compile(r"(?P<n>" + NUM + r")\s*(?P<u>年|个月)\s*时间")),
        # 1年以上 / 半年以上 / 36个月以上 (a term as a condition)
        ("duration-bound", regex.compile(r"(?<![\d.月年])(?P<n>" + DUR_NUM + r")(?:" + DASH + r"(?P<n2>" + DUR_NUM + r"))?\s*" +
                                         DUR_UNIT + r"\s*(?:及以上|以上|及以下|以下)")),
        # 3至12个月
        ("duration-range", regex.compile(r"(?<![\d.月年])(?P<n>" + DUR_NUM + r")\s*" + FIRST_END_UNIT + DASH + r"(?P<n2>" +
                                         DUR_NUM + r")\s*" +
                                         DUR_UNIT + MONEY_AFTER)),
        # 满2年 / 不满八年 / 运营1年 / 未来五年 (近5年来 looks back: not a term)
        ("duration-verb", regex.compile(DURATION_CUE + r"\s*(?P<n>" + DUR_NUM + r")\s*" + DUR_UNIT + MONEY_AFTER +
                                        r"(?!来)")),
        # 一个纳税年度内 / 两个会计年度 / 一个年度内: a term counted in years of an account
        ("account-years", regex.compile(r"(?<![\d一二三四五六七八九十两])(?P<n>" + DUR_NUM + r")\s*个\s*" + ACCOUNT_YEAR +
                                        r"(?:内|以内|之内)?")),
        # 每年 / 每两年 / 按季度 / 一周一调度
        ("frequency", regex.compile(FREQ)),
        ("frequency-pair", regex.compile(r"(?P<f>一[周月季年日]一)\p{Han}{2}")),
    ]


def patterns(calendar: Optional[Calendar] = None) -> list[tuple[str, "regex.Pattern"]]:
    """The deadline patterns for ``calendar`` (compiled once per Calendar)."""
    if calendar is None:
        from ..lexicon import Resources
        calendar = Resources().calendar
    return calendar.compiled("timex", _build)


# where a date is not a time bound: 《titles》, 发文字号, and 附件 lines (the title of an attachment)
EXCLUDE = regex.compile(r"《[^《》]*》|〔\s*\d{4}\s*〕\s*\d+\s*号|\[\s*\d{4}\s*\]\s*\d+\s*号|^\s*附件\s*\d*\s*[：:]?[^。；;]*$")
# a season is a time bound only with a relation word (前, 期间, 内, 后), standing alone before punctuation, or
# before a verb of doing (2020年上半年完成), before a frequency or a modal (汛期每月零报告, 汛期要加强值守: what
# is done in the season); followed by a noun it names something (2019—2020年秋冬季大气污染综合治理)
SEASON_ALONE = regex.compile(r"\s*(?:[，。；、,;：:）)]|$)|(?:完成|开展|启动|实施|出台|建成|召开|印发|举办|上线|投运)|"
                             r"每(?:日|天|周|旬|月)|(?:要|应当|应|须|必须)(?!求)")
# a year mentioned in running text (2019年), the year a bare month belongs to; 2021年度 names a report's subject
YEAR_MENTION = regex.compile(r"(?P<y>" + YN + r")\s*年(?!度)")
# a paragraph with sentence punctuation; one without is a heading or a title, whose years name things
SENTENCE_PUNCT = regex.compile(r"[，。；：,;:]")
# the end of a sentence: a bare month takes a year written in its own sentence only
SENTENCE_END = regex.compile(r"[。；;！？!?]")
# a months' range followed by what it measured (2022年1—7月财政收支执行情况) is the scope of data, not a bound
DATA_SCOPE_AFTER = regex.compile(r"\p{Han}{1,12}?(?:情况|数据|统计)")
# every n periods (每两年, 每3月): a frequency not listed in the calendar
EVERY_N = regex.compile(r"每(?P<n>两|三|[2-9])(?P<u>年|月|周|日|天)")
# 明年 and its synonyms: the year after the document's
NEXT_YEAR = ("明年", "次年", "下一年", "下年")


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


_UNIT_ISO = {"年": "Y", "年度": "Y", "纳税年度": "Y", "会计年度": "Y", "自然年度": "Y", "财政年度": "Y", "预算年度": "Y",
             "考核年度": "Y", "统计年度": "Y", "个月": "M", "月": "M", "周": "W", "个星期": "W", "日": "D", "天": "D", "个工作日": "WD",
             "工作日": "WD", "小时": "H", "分钟": "MIN"}


def _duration(n: str, u: str) -> Optional[str]:
    v = cn_number(n)
    if v is None:
        return None
    v = int(v) if v == int(v) else v
    code = _UNIT_ISO.get(u, "")
    if code == "H":
        return f"PT{v}H"
    if code == "MIN":
        return f"PT{v}M"
    if code == "WD":
        return f"P{v}D (working days)"
    return f"P{v}{code}"


def _frequency(cal: Calendar, f: str) -> Optional[str]:
    if f in cal.frequencies:
        return cal.frequencies[f]
    m = EVERY_N.fullmatch(f)
    if m:
        return _duration(m.group("n"), m.group("u"))
    return None


class _Years:
    """The years mentioned in a text, for resolving a bare month to the nearest year written before it."""

    def __init__(self, text: str, blocked: list[tuple[int, int]]):
        self.pos: list[int] = []
        self.val: list[Optional[int]] = []
        for m in YEAR_MENTION.finditer(text):
            if not any(a <= m.start() < b for a, b in blocked):
                self.pos.append(m.start())
                self.val.append(cn_int(m.group("y")))

    def before(self, pos: int, fallback: Optional[int], sentence_start: int = 0) -> Optional[int]:
        """The last year written before ``pos`` in the same sentence, else ``fallback``."""
        i = bisect.bisect_left(self.pos, pos)
        return self.val[i - 1] if i and self.pos[i - 1] >= sentence_start else fallback


def find(text: str, context_year: Optional[int] = None, calendar: Optional[Calendar] = None, *,
         doc_date: Optional[str] = None) -> list[Timex]:
    """All deadlines in ``text``, left to right, never overlapping.  ``context_year``: the document's year
    (a bare month or 年底 belongs to it); ``doc_date``: its date (自公布之日起施行 starts then)."""
    if calendar is None:
        from ..lexicon import Resources
        calendar = Resources().calendar
    blocked = [(m.start(), m.end()) for m in EXCLUDE.finditer(text)]
    ctx = _Context(text, context_year, calendar, doc_date, _Years(text, blocked))
    cands: list[Timex] = []
    for name, rx in patterns(calendar):
        for m in rx.finditer(text):
            if m.end() - m.start() < 2 or any(a <= m.start() < b or a < m.end() <= b for a, b in blocked):
                continue
            t = _normalise(name, m, ctx)
            if t is not None:
                cands.append(t)
    # keep the longest, earliest non-overlapping spans
    cands.sort(key=lambda t: (-(t.end - t.start), t.start))
    taken: list[Timex] = []
    starts: list[int] = []
    for t in cands:
        i = bisect.bisect_left(starts, t.start)
        if (i == 0 or taken[i - 1].end <= t.start) and (i == len(taken) or taken[i].start >= t.end):
            taken.insert(i, t)
            starts.insert(i, t.start)
    return taken


@dataclass
class _Context:
    text: str
    year: Optional[int]
    cal: Calendar
    doc_date: Optional[str]
    years: _Years


def _normalise(name: str, m, ctx: _Context) -> Optional[Timex]:
    g = m.groupdict()
    s = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    text, cy, cal = ctx.text, ctx.year, ctx.cal

    def T(kind, a=None, b=None, approx=False, **kw) -> Timex:
        return Timex(start, start + len(s), s, kind, a, b, approx, rule=name, **kw)

    y = cn_int(g.get("y")) if g.get("y") else None
    if name == "date-range":
        y2 = cn_int(g["y2"]) if g.get("y2") else y
        a = iso_date(y, cn_int(g["m"]), cn_int(g["d"])) if g.get("d") else iso_date(y, cn_int(g["m"]), 1)
        b = iso_date(y2, cn_int(g["m2"]), cn_int(g["d2"])) if g.get("d2") else month_end(y2, cn_int(g["m2"]))
        return T("period", a, b) if a and b and a <= b else None
    if name == "day-range":
        a, b = iso_date(y, cn_int(g["m"]), cn_int(g["d"])), iso_date(y, cn_int(g["m"]), cn_int(g["d2"]))
        return T("period", a, b) if a and b and a <= b else None
    if name == "month-range":
        if DATA_SCOPE_AFTER.match(text, m.end()):
            return None        # 2022年1—7月财政收支执行情况: what a report covers
        a, b = iso_date(y, cn_int(g["m"]), 1), month_end(y, cn_int(g["m2"]))
        return T("period", a, b) if a and b and a <= b else None
    if name == "day-at":
        a = iso_date(y, cn_int(g["m"]), cn_int(g["d"]))
        return T("period", a, a) if a else None
    if name == "from":
        a = iso_date(y, cn_int(g["m"]), cn_int(g["d"]) if g.get("d") else 1)
        return T("from", a, None) if a else None
    if name == "from-year":
        return T("from", iso_date(y, 1, 1), None)
    if name == "slot-date":
        mo = cn_int(g["m"]) if g.get("m") else None
        b = (iso_date(y, mo, cn_int(g["d"])) if g.get("d") else month_end(y, mo)) if mo else iso_date(y, 12, 31)
        return T("by", None, b) if b else None
    if name == "slot-standing":
        return T("relative")
    if name == "from-publication":
        return T("from", ctx.doc_date, None, True)
    if name == "until":
        b = iso_date(y, cn_int(g["m"]), cn_int(g["d"]))
        return T("until", None, b) if b else None
    if name == "valid-until":
        b = month_end(y, cn_int(g["m"])) if g.get("m") else iso_date(y, 12, 31)
        return T("until", None, b) if b else None
    if name == "event-year-date":
        return T("relative")
    if name == "this-and-next-year":
        return T("period", iso_date(cy, 1, 1), iso_date(cy + 1, 12, 31)) if cy is not None else None
    if name == "this-year":
        return T("period", iso_date(cy, 1, 1), iso_date(cy, 12, 31)) if cy is not None else None
    if name == "rel-year-end":
        if cy is None:
            return None
        return T("by", None, iso_date(cy + (1 if g.get("ry") in NEXT_YEAR else 0), 12, 31))
    if name == "season":
        return _season(m, ctx, T, y)
    if name == "named-period":
        end = cal.named_periods[g["np"]].end
        return T("by" if g["rel"] == "前" else "period", None, end, True)
    if name == "plan":
        a0, b0 = cal.plan_periods[g["p"]]
        if g["rel"] in ("末", "末期"):
            return T("by", None, iso_date(b0, 12, 31))
        return T("period", iso_date(a0, 1, 1), iso_date(b0, 12, 31))
    if name == "year-range":
        y2 = cn_int(g["y2"])
        if y is None or y2 is None or y2 < y or text[m.end():m.end() + 3].startswith(("秋冬", "采暖", "供暖")):
            return None
        return T("period", iso_date(y, 1, 1), iso_date(y2, 12, 31))
    if name in ("recurring", "recurring-day"):
        return T("relative", frequency=_frequency(cal, g["f"]))
    if name in ("month-end", "month-by", "day-by", "month-at"):
        year = y or ctx.years.before(m.start(), cy, _sentence_start(text, m.start()))
        mo = cn_int(g["m"])
        if year is None or mo is None:
            return None
        if name == "month-at":
            a, b = iso_date(year, mo, 1), month_end(year, mo)
            return T("period", a, b) if a and b else None
        if name == "month-end":
            b = month_end(year, mo)
        elif name == "day-by":
            b = iso_date(year, mo, cn_int(g["d"]))
        else:
            b = day_before_month(year, mo)
        return T("by", None, b) if b else None
    if name in ("year-end", "to-year", "year-by"):
        if text[max(0, m.start() - 2):m.start()].endswith("截至"):
            return None
        return T("by", None, iso_date(y, 12, 31))
    if name == "year-of":
        # the plan's own year or a later one; a past year is what a report covers, and a heading names things
        if cy is None or y is None or y < cy or not SENTENCE_PUNCT.search(text):
            return None
        return T("period", iso_date(y, 1, 1), iso_date(y, 12, 31))
    if name == "year":
        if text[max(0, m.start() - 1):m.start()] in ("到", "至") or text[m.end():m.end() + 1] == "度":
            return None
        if cy is not None and y is not None and y < cy:
            return None        # 2003年，全国安全生产形势总体稳定 (in a 2004 document): what happened, not a bound
        return T("period", iso_date(y, 1, 1), iso_date(y, 12, 31))
    if name in ("within", "min-duration", "first-n", "span", "duration-bound", "duration-range", "duration-verb",
                "account-years", "after-event"):
        d = _duration(g["n"], g["u"])
        return T("relative", duration=d) if d else None
    if name in ("frequency", "frequency-pair"):
        return T("relative", frequency=_frequency(cal, g["f"]))
    return None


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (a bounded look back keeps long paragraphs linear)."""
    lo = max(0, pos - 400)
    ends = [e.end() for e in SENTENCE_END.finditer(text, lo, pos)]
    return ends[-1] if ends else lo if lo else 0


def _season(m, ctx: _Context, T, y: Optional[int]) -> Optional[Timex]:
    g = m.groupdict()
    rel = g.get("rel")
    if not rel and not SEASON_ALONE.match(ctx.text, m.end()):
        return None
    sea = ctx.cal.seasons[g["s"]]
    year = y or ctx.years.before(m.start(), ctx.year, _sentence_start(ctx.text, m.start()))
    if year is None:
        return T("period" if rel != "前" else "by", approx=True)
    y2 = cn_int(g["y2"]) if g.get("y2") else None
    a = month_day(year, sea.start)
    b = month_day(y2 if y2 else (year + 1 if sea.wraps else year), sea.end)
    if rel in ("前", "之前", "以前", "结束前"):
        if rel == "结束前":
            return T("by", None, b, True)
        return T("by", None, month_day(year, sea.before or sea.start), True)
    if rel == "后":
        return T("from", month_day(y2 or year, sea.after or sea.end), None, True)
    return T("period", a, b, True)
