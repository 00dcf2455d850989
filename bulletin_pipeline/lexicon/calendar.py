"""Calendar conventions: plan periods (十四五), seasons (主汛期, 采暖期, 秋冬季), named policy periods
(脱贫攻坚期), frequencies (每年, 一周一), and the date arithmetic deadlines need.

The data is ``data/calendar.json``; :class:`Calendar` is its typed form, built by ``Resources.calendar``."""
from __future__ import annotations

import calendar as _cal
import datetime as _dt
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Season:
    """A season by month-day (MM-DD).  ``before``: the date "X前" resolves to; ``after``: "X后".  A season
    whose end is before its start runs into the next year (采暖期 11-15 .. 03-15)."""
    start: str
    end: str
    before: Optional[str] = None
    after: Optional[str] = None

    @property
    def wraps(self) -> bool:
        return self.end < self.start


@dataclass(frozen=True)
class NamedPeriod:
    """A policy period known by name (脱贫攻坚期): only its end is a convention."""
    end: str


@dataclass
class Calendar:
    plan_periods: dict[str, tuple[int, int]]
    seasons: dict[str, Season]
    frequencies: dict[str, str]
    named_periods: dict[str, NamedPeriod] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict) -> "Calendar":
        return cls(plan_periods={k: (int(a), int(b)) for k, (a, b) in d.get("plan_periods", {}).items()},
                   seasons={k: Season(**v) for k, v in d.get("seasons", {}).items()},
                   frequencies=dict(d.get("frequencies", {})),
                   named_periods={k: NamedPeriod(**v) for k, v in d.get("named_periods", {}).items()})

    @staticmethod
    def alternation(names) -> str:
        """A regex alternation of ``names``, longest first (主汛期 before 汛期)."""
        import regex
        return "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))

    def compiled(self, key: str, build):
        """Patterns built from this calendar's names, compiled once per Calendar (not per process)."""
        memo = self.__dict__.setdefault("_compiled", {})
        if key not in memo:
            memo[key] = build(self)
        return memo[key]


def iso_date(y: Optional[int], m: Optional[int], d: Optional[int]) -> Optional[str]:
    """ISO date, or None when the parts make no date."""
    try:
        return _dt.date(y, m, d).isoformat()
    except (ValueError, TypeError):
        return None


def month_end(y: Optional[int], m: Optional[int]) -> Optional[str]:
    if y is None or m is None or not 1 <= m <= 12:
        return None
    return iso_date(y, m, _cal.monthrange(y, m)[1])


def day_before_month(y: int, m: int) -> Optional[str]:
    """The last day before month ``m`` begins (6月前 -> 05-31)."""
    if not 1 <= m <= 12:
        return None
    return (_dt.date(y, m, 1) - _dt.timedelta(days=1)).isoformat()


def month_day(y: int, md: str) -> Optional[str]:
    """Year plus an "MM-DD" convention."""
    m, d = md.split("-")
    return iso_date(y, int(m), int(d))
