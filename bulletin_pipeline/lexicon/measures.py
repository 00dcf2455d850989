"""Measures: the units that make a number a quantity (万元, 平方米, %, 个) and their base units, and the
time units that make a number a duration.  A magnitude (万, 亿, 万亿) may stand before any unit that has a base
(万元, 亿吨, 万亿斤, 万字): the data lists the units and the magnitudes apart, not their combinations.  The data is ``data/measures.json``; :class:`Measures` is its
typed form, built by ``Resources.measures``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Measures:
    units: dict[str, tuple[Optional[float], Optional[str]]]     # unit -> (factor to base, base unit)
    time_units: tuple[str, ...]
    # kind of quantity -> (unit -> word that names the kind, noun endings that already say it)
    kinds: dict[str, tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # nouns of money lent or guaranteed -> the word for their amount (贷款 -> 额度)
    quota_nouns: dict[str, str] = field(default_factory=dict)
    # magnitude word -> factor (万 -> 1e4), longest first
    magnitudes: dict[str, float] = field(default_factory=dict)
    # output aggregates whose growth is stated as a rate to reach (国内生产总值增长6.5%左右 -> 国内生产总值增长率)
    growth_rate_of: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict) -> "Measures":
        kinds = {k: (dict(v.get("units", {})), tuple(v.get("said_by", [])), tuple(v.get("said_within", [])))
                 for k, v in d.get("kinds", {}).items() if k not in ("note", "quota")}
        return cls(units={u: (f, b) for u, f, b in d.get("units", [])},
                   time_units=tuple(d.get("time_units", [])), kinds=kinds,
                   quota_nouns=dict(d.get("kinds", {}).get("quota", {}).get("nouns", {})),
                   growth_rate_of=tuple(d.get("growth_rate_of", {}).get("names", [])),
                   magnitudes=dict(sorted(((m, f) for m, f in d.get("magnitudes", [])), key=lambda mf: -len(mf[0]))))

    def split(self, unit: str) -> tuple[str, str]:
        """(magnitude, unit) of a unit as written: 亿吨 -> (亿, 吨), 万亿元 -> (万亿, 元), 千瓦 -> ("", 千瓦)."""
        if unit not in self.units:
            for m in self.magnitudes:
                rest = unit[len(m):]
                if unit.startswith(m) and self.units.get(rest, (None, None))[0]:
                    return m, rest
        return "", unit

    def kind_word(self, unit: str, name: str) -> str:
        """The word that says what kind of quantity ``unit`` measures (个 -> 数, % -> 比例, 岁 -> 年龄; for an
        amount of money lent, 贷款 -> 额度), or "" when ``name`` already says it or the unit names no kind.
        A magnitude does not change the kind (万人 -> 人数)."""
        unit = self.split(unit)[1]
        # a name that is not a noun phrase of two Han characters or more (－, 100×) gets nothing
        if len(name) < 2 or not ("\u4e00" <= name[-1] <= "\u9fff") or not ("\u4e00" <= name[-2] <= "\u9fff"):
            return ""
        for words, said_by, said_within in self.kinds.values():
            if unit in words:
                if name.endswith(said_by) or any(w in name for w in said_within):
                    return ""
                # the unit already in the noun (收费项目 counted in 项, 就业人员 in 人): 数 alone
                return "数" if words[unit].startswith(unit) and unit in name[-2:] else words[unit]
        if self.units.get(unit, (None, None))[1] == "元":
            for noun, word in sorted(self.quota_nouns.items(), key=lambda kv: -len(kv[0])):
                if name.endswith(noun):
                    return word
        return ""

    def normalise(self, value: float, unit: str) -> tuple[Optional[float], Optional[str]]:
        """(value in the base unit, base unit), or (None, None) when the unit has no base (%, 倍)."""
        mag, unit = self.split(unit)
        factor, base = self.units.get(unit, (None, None))
        return (value * factor * self.magnitudes.get(mag, 1), base) if factor else (None, base)

    def alternation(self) -> str:
        """A regex alternation of the units, longest first (平方米 before 米), a magnitude before those that have a
        base (万平方米, 亿元, 万亿斤) tried first."""
        import regex
        alt = "|".join(regex.escape(u) for u in sorted(self.units, key=len, reverse=True))
        based = "|".join(regex.escape(u) for u in sorted((u for u, (f, _) in self.units.items() if f), key=len,
                                                         reverse=True))
        if not self.magnitudes or not based:
            return alt
        mags = "|".join(regex.escape(m) for m in self.magnitudes)
        return f"(?:{mags})(?:{based})|{alt}"

    def compiled(self, key: str, build):
        """Patterns built from these units, compiled once per Measures (not per process)."""
        memo = self.__dict__.setdefault("_compiled", {})
        if key not in memo:
            memo[key] = build(self)
        return memo[key]
