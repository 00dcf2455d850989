"""Pinyin of Chinese names, for ids (聊城市 -> liaochengshi, 人民政府公报 -> rmzfgb), as pypinyin reads them.

Importing pypinyin costs about half a CPU-second (it parses its phrase dictionary and trains a segmenter on it),
and a run needs the pinyin of one or two short names.  Most names read the same whether a character is read
alone or inside a phrase: :class:`Pinyin` reads those from a table built from pypinyin's own data
(``data/pinyin.json``, written by ``scripts/build_pinyin_table.py``: each character's toneless reading, and the
phrases that read a character otherwise, such as 长沙 or 重庆).  A name holding such a phrase, or a character
the table lacks, goes to pypinyin itself, so every name reads as pypinyin reads it; tests/test_lexicon_pinyin.py
checks the table against the installed pypinyin.
"""
from __future__ import annotations

from typing import Optional

# the block of the table: CJK Unified Ideographs (U+4E00 to U+9FFF)
FIRST_CHAR, LAST_CHAR = 0x4E00, 0x9FFF
# a character the table has no reading for (the name goes to pypinyin)
NO_READING = "-"
# the longest context phrase looked for in a name (pypinyin's phrases are shorter)
MAX_PHRASE = 12


class Pinyin:
    """``readings``: the toneless reading of each character from :data:`FIRST_CHAR` on; ``context``: the
    phrases in which some character reads otherwise than alone."""

    def __init__(self, readings: list[str], context: frozenset[str]):
        self.readings = readings
        self.context = context
        self.longest = min(max((len(p) for p in context), default=0), MAX_PHRASE)

    @classmethod
    def from_dict(cls, d: dict) -> "Pinyin":
        return cls(d["readings"].split(" "), frozenset(d["context"]))

    def table(self, han: str) -> Optional[list[str]]:
        """The readings of ``han`` from the table, or None when it cannot tell (a character it lacks, or a
        phrase that reads a character otherwise than alone)."""
        out = []
        for c in han:
            i = ord(c) - FIRST_CHAR
            r = self.readings[i] if 0 <= i <= LAST_CHAR - FIRST_CHAR and i < len(self.readings) else NO_READING
            if r == NO_READING:
                return None
            out.append(r)
        n = len(han)
        for a in range(n - 1):
            for b in range(a + 2, min(n, a + self.longest) + 1):
                if han[a:b] in self.context:
                    return None
        return out

    def full(self, han: str) -> list[str]:
        """Toneless pinyin syllables, one per character (pypinyin's ``lazy_pinyin(han)``)."""
        got = self.table(han)
        if got is not None:
            return got
        from pypinyin import lazy_pinyin
        return lazy_pinyin(han)

    def initials(self, han: str) -> list[str]:
        """First letters, one per character; a character with no pinyin kept as it is (pypinyin's
        ``lazy_pinyin(han, style=Style.FIRST_LETTER, errors=list)``)."""
        got = self.table(han)
        if got is not None:
            return [r[0] for r in got]
        from pypinyin import Style, lazy_pinyin
        return lazy_pinyin(han, style=Style.FIRST_LETTER, errors=lambda x: list(x))


def build_table() -> dict:
    """The table from the installed pypinyin (what ``data/pinyin.json`` holds)."""
    import pypinyin
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    readings = []
    for code in range(FIRST_CHAR, LAST_CHAR + 1):
        c = chr(code)
        full, initial = lazy_pinyin(c), lazy_pinyin(c, style=Style.FIRST_LETTER)
        r = full[0] if len(full) == 1 else ""
        ok = r != c and r.isascii() and r.isalpha() and r.islower() and initial == [r[0]]
        readings.append(r if ok else NO_READING)
    known = {chr(FIRST_CHAR + i): r for i, r in enumerate(readings) if r != NO_READING}
    context = []
    for phrase in PHRASES_DICT:
        alone = [known.get(c) for c in phrase]
        if None in alone:
            continue            # the table never reads a name holding this character
        if (lazy_pinyin(phrase) != alone
                or lazy_pinyin(phrase, style=Style.FIRST_LETTER) != [r[0] for r in alone]):
            context.append(phrase)
    return {"source": f"pypinyin {pypinyin.__version__}", "first": FIRST_CHAR,
            "readings": " ".join(readings), "context": sorted(context)}
