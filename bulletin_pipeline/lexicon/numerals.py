"""Chinese numerals: 二〇二〇 (digit by digit), 十二, 廿三, 两, 半, fractions (三分之二, 1/3).

Whole numbers written the usual way (十二, 一百零五, 三千五, 二万零三百) are read here (:func:`cn_whole`); anything
else goes to cn2an, which costs a third of a second to import and is loaded only when such a numeral is met.
"""
from __future__ import annotations

from typing import Optional

import regex

# the digits of a year written digit by digit (二〇一九): 〇, 零 and the circle ○ are all zero
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
# the digits and the units below 万 of a whole number written with units (〇 and 零 both zero)
CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
# a unit alone is no number (百 of 百分之百, 100%, reaches cn_number as the numerator); cn2an refuses them too
LONE_UNITS = frozenset("百千万")
# an Arabic number, with decimals
ARABIC_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# the small Chinese numerals a duration or count is written with (三, 十二, 两, 半)
CN_SMALL = r"[一二三四五六七八九十两半]+"
# a fraction written with a slash (1/3) or in words (三分之二); the numerator comes last in words
FRACTION = regex.compile(r"(?<![\d/.])(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/.])"
                         r"|(?P<cb>[一二三四五六七八九十百两]+)分之(?P<ca>[一二三四五六七八九十百两]+)(?!点)")


def _below_wan(s: str, first: bool, abbreviated: bool) -> Optional[int]:
    """The value of a numeral below 万 in its canonical form, else None.  ``first``: it opens the numeral
    (so 十二 may drop its 一); ``abbreviated``: a last digit after 百 or 千 counts in the next unit down
    (三千五 = 3500, 一百一 = 110), as cn2an reads it."""
    value, last_unit, digit, zero = 0, None, None, False
    for i, c in enumerate(s):
        if c in CN_UNIT:
            unit = CN_UNIT[c]
            if last_unit is not None and unit >= last_unit:
                return None                     # units must fall: 十百, 一百一百
            if zero and unit * 10 >= last_unit:
                return None                     # 零 must skip a unit: 一百零一十
            if digit is None:
                if not (c == "十" and i == 0 and first):
                    return None                 # a unit with no digit, except an opening 十
                digit = 1
            value += digit * unit
            last_unit, digit, zero = unit, None, False
        elif CN_DIGIT[c] == 0:
            if i == 0 or digit is not None or zero or last_unit is None or last_unit == 10:
                return None                     # 零 only between a unit and a digit: 一百零五
            zero = True
        else:
            if digit is not None:
                return None                     # two digits in a row: 二三十
            digit = CN_DIGIT[c]
    if digit is None:
        return None if zero else value
    if zero or last_unit is None or last_unit == 10:
        return value + digit
    return value + digit * (last_unit // 10) if abbreviated else None


def cn_whole(s: str) -> Optional[int]:
    """A whole number in Chinese: digit by digit (二〇一九, 零五) or with units up to 万 in canonical form
    (十二, 一百零五, 三千五, 二万零三百); None for anything else (which cn2an may still read).  Where both
    read a string they agree (tests/test_lexicon_numbering.py compares them on every string of up to four
    of these characters)."""
    if not s:
        return None
    if all(c in CN_DIGIT for c in s):
        return int("".join(str(CN_DIGIT[c]) for c in s))
    if any(c not in CN_DIGIT and c not in CN_UNIT and c != "万" for c in s):
        return None
    if "万" not in s:
        return _below_wan(s, True, True)
    head, _, tail = s.partition("万")
    high = _below_wan(head, True, False)
    if not high or "万" in tail:
        return None
    if not tail:
        return high * 10000
    if CN_DIGIT.get(tail[0]) == 0:              # 二万零三百
        low = _below_wan(tail[1:], False, True)
        return None if low is None or low >= 1000 else high * 10000 + low
    low = _below_wan(tail, False, True)         # 二万三千
    return None if low is None or low < 1000 else high * 10000 + low


def cn_number(s: Optional[str]) -> Optional[float]:
    """'12' / '2.5' / '十二' / '两' / '半' -> float; None when ``s`` is not a number."""
    if s is None:
        return None
    s = str(s).strip()
    if ARABIC_NUMBER.fullmatch(s):
        return float(s)
    if s == "半":
        return 0.5
    s = s.replace("两", "二").replace("廿", "二十").replace("卅", "三十")
    whole = cn_whole(s)
    if whole is not None:
        return float(whole)
    if s in LONE_UNITS:
        return None
    import cn2an  # loaded only when a numeral cn_whole cannot read is met
    try:
        return float(cn2an.cn2an(s, "smart"))
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
