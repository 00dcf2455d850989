"""Character classes and the assembly of chars into line text (no spaces inside CJK runs)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Char


@dataclass(frozen=True)
class TextConfig:
    space_gap: float = 0.25     # a gap wider than this (ems) between two Latin/digit chars is a space
    big_gap: float = 2.0        # a gap wider than this (ems) inside a line is recorded (Line.gaps: a table's column)


DEFAULT_TEXT = TextConfig()

_WIDE_EXTRA = set("“”‘’—…·–―")
_BOLD_FONT = re.compile(r"bold|black|heavy|hei|demi|semibold|zhongsong|xbs", re.I)


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation: no space is ever kept next to them."""
    if not ch:
        return False
    if ch in _WIDE_EXTRA:
        return True
    return unicodedata.east_asian_width(ch[0]) in ("W", "F")


def is_cjk(ch: str) -> bool:
    o = ord(ch[0]) if ch else 0
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def bold_font(font: str) -> bool:
    return bool(_BOLD_FONT.search(font or ""))


# invisible format characters a PDF text layer carries and a reader never sees: soft hyphen, zero-width
# space / joiners, word joiner, bidi embeddings, overrides and isolates, byte order mark
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Kangxi radicals (⼈ U+2F08) and CJK compatibility ideographs (U+F900…, U+2F800…): fonts map glyphs to them,
# they look like the ordinary ideograph and NFKC gives it back (⼈ -> 人, 﨟 -> 隷)
COMPAT_HAN = re.compile("[\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def fold_char(t: str) -> str:
    """NFKC for full-width Latin letters and digits (Ｏｐｔ -> Opt), Kangxi radicals and compatibility
    ideographs; invisible format characters become ""; CJK punctuation stays as printed."""
    if len(t) == 1 and ("\uff10" <= t <= "\uff19" or "\uff21" <= t <= "\uff3a" or "\uff41" <= t <= "\uff5a"):
        return unicodedata.normalize("NFKC", t)
    if INVISIBLE.search(t):
        t = INVISIBLE.sub("", t)
    if COMPAT_HAN.search(t):
        t = COMPAT_HAN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), t)
    return t


def hygiene(s: str) -> str:
    """A whole text's invisible characters dropped and compatibility ideographs folded (see fold_char);
    an ideographic space U+3000 is a space."""
    s = INVISIBLE.sub("", s)
    s = COMPAT_HAN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return s.replace("\u3000", " ")


def _glyph(t: str) -> tuple[str, bool, bool]:
    """A char's text folded (fold_char), and whether its first and its last character are wide (is_wide).

    The two commonest cases answer at once: a CJK unified ideograph stays as it is and is wide, ASCII stays
    as it is and is narrow (tests/test_layout.py checks both against the general rule)."""
    if len(t) == 1 and "\u4e00" <= t <= "\u9fff":
        return t, True, True
    if t.isascii():
        return t, False, False
    t = fold_char(t)
    return t, is_wide(t[0]) if t else False, is_wide(t[-1]) if t else False


def assemble(chars: list[Char], cfg: TextConfig = DEFAULT_TEXT) -> tuple[str, list[int]]:
    """Chars in x order -> (text, offsets of big gaps, wider than ``cfg.big_gap`` ems).

    A space is kept only between two narrow (Latin/digit) characters, when the PDF has a space glyph or
    the gap is wider than ``cfg.space_gap`` (a quarter em); whitespace next to a CJK character is dropped.
    """
    out: list[str] = []
    gaps: list[int] = []
    n = 0                   # length of the text so far
    prev: Char | None = None
    last_wide = False       # is the last character of the text so far wide
    pending_space = False
    big_gap, space_gap = cfg.big_gap, cfg.space_gap
    for c in chars:
        t = c.text
        if t.isspace():
            pending_space = True
            continue
        t, first_wide, end_wide = _glyph(t)
        if not t:         # an invisible format character: as if it were not there
            continue
        if prev is not None:
            gap = c.x0 - prev.x1
            em = prev.size          # max(prev.size, c.size, 1.0), spelt out
            if c.size > em:
                em = c.size
            if 1.0 > em:
                em = 1.0
            if gap > big_gap * em:
                gaps.append(n)
            if (pending_space or gap > space_gap * em) and not last_wide and not first_wide:
                out.append(" ")
                n += 1
        out.append(t)
        n += len(t)
        last_wide = end_wide
        prev = c
        pending_space = False
    return "".join(out), gaps


def join_text(a: str, b: str) -> str:
    """Join two line texts of one paragraph: CJK joins with no space; Latin words keep one."""
    if not a:
        return b
    if not b:
        return a
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


_WS_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def clean_text(s: str) -> str:
    """NFC, and no whitespace next to a non-ASCII character (CONTRACT: no spaces inside CJK runs)."""
    s = unicodedata.normalize("NFC", hygiene(s))
    return _WS_CJK.sub("", s).strip()
