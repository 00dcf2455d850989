"""Measures: the units that make a number a quantity (万元, 平方米, %, 个) and their base units, and the
time units that make a number a duration.  The data is ``data/measures.json``; :class:`Measures` is its
typed form, built by ``Resources.measures``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class Measures:
    units: dict[str, tuple[Optional[float], Optional[str]]]     # unit -> (factor to base, base unit)
    time_units: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: dict) -> "Measures":
        return cls(units={u: (f, b) for u, f, b in d.get("units", [])},
                   time_units=tuple(d.get("time_units", [])))

    def normalise(self, value: float, unit: str) -> tuple[Optional[float], Optional[str]]:
        """(value in the base unit, base unit), or (None, None) when the unit has no base (%, 倍)."""
        factor, base = self.units.get(unit, (None, None))
        return (value * factor, base) if factor else (None, base)

    def alternation(self) -> str:
        """A regex alternation of the units, longest first (万平方米 before 平方米 before 米)."""
        import regex
        return "|".join(regex.escape(u) for u in sorted(self.units, key=len, reverse=True))

    def compiled(self, key: str, build):
        """Patterns built from these units, compiled once per Measures (not per process)."""
        memo = self.__dict__.setdefault("_compiled", {})
        if key not in memo:
            memo[key] = build(self)
        return memo[key]
