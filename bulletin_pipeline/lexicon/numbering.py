"""Provision numbering as printed in 公文: 第X章 > 第X节 > 第X条 and 一、 > （一） > 1. > （1） > ①.

The patterns and the Chinese numerals (:func:`~bulletin_pipeline.lexicon.numerals.cn_whole`) are shared by the structure stage (provision trees)
and the extract stage (which provision an assignment belongs to); neither owns them.
"""
from __future__ import annotations

from typing import Optional

import regex

from .numerals import cn_whole

# a Chinese numeral as used in numbering: 一 … 十二 … 一百零五 (两 and 〇 included)
CN_NUM = r"[一二三四五六七八九十百千零〇两]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 第三章 (chapter heading)
CHAPTER = regex.compile(r"^第(?P<n>" + CN_NUM + r")章\s*")
# 第二节 (section heading)
SECTION = regex.compile(r"^第(?P<n>" + CN_NUM + r")节\s*")
# 第十二条 (article of a regulation)
ARTICLE = regex.compile(r"^第(?P<n>" + CN_NUM + r")条\s*")
# 三、 (top level of a notice or plan)
CN_ITEM = regex.compile(r"^(?P<n>" + CN_NUM + r")\s*、\s*")
# （三） or (三)
PAREN_CN = regex.compile(r"^[（(]\s*(?P<n>" + CN_NUM + r")\s*[）)]\s*")
# 3. 3． 3、 (not a decimal 3.5)
ARABIC = regex.compile(r"^(?P<n>\d{1,3})\s*[\.．、](?!\d)\s*")
# （3） or (3)
PAREN_ARABIC = regex.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*")
# ③
CIRCLED_ITEM = regex.compile(r"^(?P<n>[" + CIRCLED + r"])\s*")

# the numbering kinds, outermost first (the order is the rank used to build provision trees)
NUMBERING = [
    ("chapter", CHAPTER),
    ("section", SECTION),
    ("article", ARTICLE),
    ("cn", CN_ITEM),
    ("paren_cn", PAREN_CN),
    ("arabic", ARABIC),
    ("paren_arabic", PAREN_ARABIC),
    ("circled", CIRCLED_ITEM),
]
RANK = {name: i for i, (name, _) in enumerate(NUMBERING)}

# the end of a heading sentence
SENTENCE_END = regex.compile(r"[。！？!?]")
# longest heading read as a provision's heading
MAX_HEADING = 40


def cn_to_int(s: Optional[str]) -> Optional[int]:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105, digits and ① pass through (cn2an reads what
    :func:`cn_whole` does not)."""
    if s is None:
        return None
    s = s.strip()
    if s and s in CIRCLED:          # before isdigit: ① is a unicode digit that int() refuses
        return CIRCLED.index(s) + 1
    if s.isdecimal():
        return int(s)
    s = s.replace("两", "二")
    whole = cn_whole(s)
    if whole is not None:
        return whole
    import cn2an  # a third of a second to import: only for a numeral cn_whole cannot read
    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def match_numbering(text: str):
    """(kind, number, label, rest) when a paragraph starts with a provision number, else None."""
    for name, rx in NUMBERING:
        m = rx.match(text)
        if m:
            n = cn_to_int(m.group("n"))
            if n is None:
                continue
            return name, n, m.group(0).strip(), text[m.end():]
    return None


def heading_of(rest: str) -> Optional[str]:
    """The short heading sentence after a number (（二）加快前期工作。… -> 加快前期工作), else None."""
    m = SENTENCE_END.search(rest)
    head = rest[:m.start()] if m else rest
    head = head.strip()
    if not head or len(head) > MAX_HEADING:
        return None
    return head
