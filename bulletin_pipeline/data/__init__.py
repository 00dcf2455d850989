"""Package data: the unit gazetteer, calendar conventions, measure units (JSON, extend by editing)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=8)
def load(name: str) -> dict:
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> tuple[str, ...]:
    """Official names (canonical, aliases, collective units): the words OCR corrections may restore."""
    d = load("units.json")
    names = set(d.get("collective", []))
    for u in d.get("units", []):
        names.add(u["canonical"])
        names.update(u.get("aliases", []))
    return tuple(sorted((n for n in names if len(n) >= 4), key=len, reverse=True))


@lru_cache(maxsize=1)
def _words():
    """jieba's general dictionary (word -> frequency), read once; never the process-wide tokenizer's state."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok.FREQ


def is_word(s: str) -> bool:
    """Is ``s`` (two or more chars) a word of jieba's general dictionary?"""
    return len(s) >= 2 and _words().get(s, 0) > 0


def plausibility(s: str) -> int:
    """How much of ``s`` reads as dictionary words: the number of adjacent char pairs that lie inside one
    dictionary word of a greedy longest-match cut.  实施方案 scores 3, 实施广案 scores 1: OCR corrections
    prefer the reading that makes words."""
    score, i = 0, 0
    while i < len(s):
        for n in range(min(6, len(s) - i), 1, -1):
            if is_word(s[i:i + n]):
                score += n - 1
                i += n
                break
        else:
            i += 1
    return score
