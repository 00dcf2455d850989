"""Continuation marks: a story cut on one page goes on on another, and the gazette prints where.

Printers word the mark in more than one way: （下转第31页） and （上接第13页） in most gazettes, （转第31页） and
（接第13页） in others, the page in figures or in Chinese (第三十一页), 版 where the issue counts 版 rather than
页, and the words letter-spaced by a typesetter or read apart by OCR (（上 接 第 13 页）).  Layout (a mark opens
a paragraph) and structure (stitching the story) read the same marks from here.
"""
from __future__ import annotations

from typing import Optional

import regex

from .numerals import cn_whole

# the page a mark names: figures (full-width too) or a Chinese whole number
_PAGE = r"(?P<page>\d{1,4}|[一二三四五六七八九十百〇零]{1,6})\s*[页版]"
# the words of each mark: 下转 / 转 / 转至 … and 上接 / 接 / 接自 …, each char possibly set apart
TO_WORDS = r"(?:下\s*)?转\s*(?:至\s*)?(?:第\s*)?"
FROM_WORDS = r"(?:上\s*)?接\s*(?:自\s*)?(?:第\s*)?"
# the text of a "from" mark at the start of a line, for patterns that embed it (layout's item openers)
FROM_MARK = r"[（(]\s*" + FROM_WORDS + _PAGE + r"\s*[）)]"

# a "to" mark anywhere in a paragraph (usually its end): （下转第34页）, （转 9 页）, (下转第三十四页)
JUMP_TO = regex.compile(r"[（(]\s*" + TO_WORDS + _PAGE + r"\s*[）)]")
# a "from" mark opening a paragraph: （上接第15页）, （接第3页）, (上 接 第 3 页)
JUMP_FROM = regex.compile(r"^\s*" + FROM_MARK)


def jump_page(m: regex.Match) -> Optional[int]:
    """The page number a matched mark names (None: Chinese numerals that are not a whole number)."""
    s = m.group("page")
    return int(s) if s.isdigit() else cn_whole(s)
