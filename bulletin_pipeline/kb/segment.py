"""Word segmentation for full-text search: a private jieba.Tokenizer (never the process-wide jieba.dt).

Text is indexed with ``cut_for_search`` (秸秆禁烧 -> 秸秆 禁烧 秸秆禁烧), so a query finds a provision by
the whole compound or any of its words.  Unit names from the gazetteer are added as words.
"""
from __future__ import annotations

import logging
import re
from enum import Enum
from functools import lru_cache

_WORD = re.compile(r"[\w\u4e00-\u9fff]+")


class Segmenter(str, Enum):
    jieba = "jieba"
    char = "char"


class Tokenizer:
    def __init__(self, segmenter: Segmenter = Segmenter.jieba):
        self.segmenter = Segmenter(segmenter)
        self._jieba = None

    def _tok(self):
        if self._jieba is None:
            import jieba
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            from ..lexicon import Resources
            for name in Resources().gazetteer.names():
                tok.add_word(name, freq=2000)
            self._jieba = tok
        return self._jieba

    def index_terms(self, text: str) -> str:
        """Space-separated terms to store in the FTS table."""
        if self.segmenter is Segmenter.char:
            return " ".join(ch for ch in text if _WORD.match(ch))
        terms = [t for t in self._tok().cut_for_search(text) if _WORD.fullmatch(t)]
        return " ".join(terms)

    def query_terms(self, q: str) -> list[str]:
        if self.segmenter is Segmenter.char:
            return [ch for ch in q if _WORD.match(ch)]
        return [t for t in self._tok().cut(q) if _WORD.fullmatch(t)]


@lru_cache(maxsize=2)
def tokenizer(segmenter: str = "jieba") -> Tokenizer:
    return Tokenizer(Segmenter(segmenter))
