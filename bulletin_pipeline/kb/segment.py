"""Terms for full-text search: overlapping CJK bigrams in the index, jieba's words at query time.

The index stores every run of Chinese characters as its overlapping bigrams (秸秆禁烧 -> 秸秆 秆禁 禁烧), as
Lucene's and Elasticsearch's CJK analyzers do, and Latin words and numbers as they are; building it needs no
dictionary.  A query is cut into words by a private jieba tokenizer (``Resources.tokenizer``) and each word becomes the phrase of its bigrams, so a provision matches when it contains every word of the
query as written (秸秆禁烧 finds a provision that says 秸秆 … 禁烧).  A one-character word cannot be a bigram
and is left to the caller's substring search.
"""
from __future__ import annotations

import re

# a run of CJK ideographs (the unit of bigram indexing)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# a Latin word or a number (PM2.5 -> PM2 5 as the FTS tokenizer reads it)
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")


def bigrams(run: str) -> list[str]:
    """Overlapping bigrams of one CJK run; a one-character run is itself."""
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """Space-separated terms to store in the FTS table."""
    terms = []
    for m in re.finditer(f"{CJK_RUN.pattern}|{LATIN_WORD.pattern}", text):
        run = m.group()
        terms += bigrams(run) if CJK_RUN.fullmatch(run) else [run]
    return " ".join(terms)


def query_words(q: str, tokenizer) -> list[str]:
    """The words of a query as ``tokenizer`` (a jieba tokenizer: ``Resources.tokenizer``) cuts them."""
    return [w for w in tokenizer.cut(q) if CJK_RUN.fullmatch(w) or LATIN_WORD.fullmatch(w)]


def match_expression(words: list[str]) -> str | None:
    """An FTS5 MATCH expression requiring every word (each as the phrase of its bigrams); None when a word
    is a single CJK character, which only a substring search finds."""
    parts = []
    for w in words:
        if CJK_RUN.fullmatch(w):
            if len(w) < 2:
                return None
            parts.append('"' + " ".join(bigrams(w)) + '"')
        else:
            parts.append('"' + w.replace('"', '""') + '"')
    return " AND ".join(parts) if parts else None
