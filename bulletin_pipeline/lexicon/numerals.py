"""Chinese numerals: 二〇二〇 (digit by digit), 十二, 廿三, 两, 半, fractions (三分之二, 1/3), through cn2an."""
from __future__ import annotations

from typing import Optional

import regex

# the digits of a year written digit by digit (二〇一九): 〇, 零 and the circle ○ are all zero
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
# an Arabic number, with decimals
ARABIC_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# the small Chinese numerals a duration or count is written with (三, 十二, 两, 半)
CN_SMALL = r"[一二三四五六七八九十两半]+"
# a fraction written with a slash (1/3) or in words (三分之二); the numerator comes last in words
FRACTION = regex.compile(r"(?<![\d/.])(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/.])"
                         r"|(?P<cb>[一二三四五六七八九十百两]+)分之(?P<ca>[一二三四五六七八九十百两]+)(?!点)")


def cn_number(s: Optional[str]) -> Optional[float]:
    """'12' / '2.5' / '十二' / '两' / '半' -> float; None when ``s`` is not a number."""
    if s is None:
        return None
    s = str(s).strip()
    if ARABIC_NUMBER.fullmatch(s):
        return float(s)
    if s == "半":
        return 0.5
    import cn2an  # loaded only when a Chinese numeral is met
    try:
        return float(cn2an.cn2an(s.replace("两", "二").replace("廿", "二十").replace("卅", "三十"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def cn_int(s) -> Optional[int]:
    """'2019' / '二〇一九' (digit by digit) / '十二' / '廿三' -> int; None when not a whole number."""
    if s is None:
        return None
    s = str(s).strip()
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in CN_DIGITS for c in s):
        return int("".join(str(CN_DIGITS[c]) for c in s))
    v = cn_number(s)
    return int(v) if v is not None and v == int(v) else None


def fraction_value(m) -> Optional[float]:
    """The value of a :data:`FRACTION` match (1/3 -> 0.333…, 三分之二 -> 0.666…)."""
    if m.group("a") is not None:
        a, b = float(m.group("a")), float(m.group("b"))
    else:
        cb = m.group("cb")
        a, b = cn_number(m.group("ca")), cn_number("一" + cb if cb[0] in "十百" else cb)
    if a is None or not b:
        return None
    return a / b
