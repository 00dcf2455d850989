"""Label every paragraph with the role its own text and look give it, before any document is cut.

Each rule is a small named function of one paragraph (and its space-free text); the first rule that holds
gives the label.  Segmentation (structure/segment.py) then hands each label to its handler, which decides
from the document being read whether the role holds there (a 发文字号 line inside a transmitted document
is no new document).
"""
from __future__ import annotations

from enum import Enum
from typing import Callable, Optional

from ..lexicon.docnumber import is_docnumber_line
from ..model import Paragraph, ParagraphKind
from . import patterns as P

MAX_BODY_DOCNUMBER = 30     # a body-kind paragraph longer than this is text, not a 发文字号 line


class Label(str, Enum):
    copy_no = "copy_no"               # 份号
    secrecy = "secrecy"               # 密级和保密期限
    urgency = "urgency"               # 紧急程度
    head_marks = "head_marks"         # two or three of them joined on one paragraph
    masthead = "masthead"             # 发文机关标志
    doc_number = "doc_number"         # 发文字号 (with or without 签发人 beside it)
    order_number = "order_number"     # 第282号 under a 政府令 masthead
    signer = "signer"                 # 签发人 alone
    title = "title"
    subtitle = "subtitle"             # （2019年10月） under a title
    date = "date"                     # 成文日期
    continuation_to = "continuation_to"   # a paragraph ending in （下转第N页）
    cc = "cc"                         # 版记: 抄送
    imprint = "imprint"               # 版记: 印发机关和印发日期
    body = "body"


def _ns(s: str) -> str:
    """A text with all whitespace removed (labels and matches never depend on spacing)."""
    return P.WHITESPACE.sub("", s or "")


def is_copy_no(p: Paragraph, t: str) -> bool:
    return bool(P.COPY_NO.match(t)) and p.kind != ParagraphKind.title


def is_secrecy(p: Paragraph, t: str) -> bool:
    return bool(P.SECRECY.match(t))


def is_urgency(p: Paragraph, t: str) -> bool:
    return bool(P.URGENCY.match(t))


def is_head_marks(p: Paragraph, t: str) -> bool:
    m = P.HEAD_MARKS.match(t)
    return bool(m) and sum(1 for g in ("no", "secrecy", "urgency") if m.group(g)) >= 2


def is_masthead(p: Paragraph, t: str) -> bool:
    return p.kind == ParagraphKind.masthead


def docnumber_text(p: Paragraph, t: str) -> Optional[str]:
    """The 发文字号 of a head line: the whole line, or its part left of 签发人."""
    if p.kind == ParagraphKind.body and len(t) > MAX_BODY_DOCNUMBER:
        return None
    m = P.SIGNER.search(t)
    head = t[:m.start()] if m else t
    if P.BRACKETED.fullmatch(head):
        head = head[1:-1]           # under a title, in brackets: （国发〔2019〕5号）
    return head if head and is_docnumber_line(head) else None


def is_doc_number(p: Paragraph, t: str) -> bool:
    return docnumber_text(p, t) is not None


def is_order_number(p: Paragraph, t: str) -> bool:
    # centred under the masthead; on a page whose text stands in one column only, a centred line reads as
    # right-aligned against that column
    return bool(P.ORDER_NUMBER.match(t)) and p.align in ("center", "right")


def is_signer(p: Paragraph, t: str) -> bool:
    return bool(P.SIGNER.match(t))


def is_title(p: Paragraph, t: str) -> bool:
    return p.kind == ParagraphKind.title


def is_subtitle(p: Paragraph, t: str) -> bool:
    return p.align == "center" and bool(P.BRACKETED.fullmatch(t))


def is_date(p: Paragraph, t: str) -> bool:
    return bool(P.DATE_FULL.match(t) or P.DATE_CN.match(t))


def is_continuation_to(p: Paragraph, t: str) -> bool:
    return bool(P.CONT_TO.search(p.text))


def is_cc(p: Paragraph, t: str) -> bool:
    return bool(P.CC.match(t))


def is_imprint(p: Paragraph, t: str) -> bool:
    return bool(P.IMPRINT.match(t))


# first rule that holds wins; the order settles overlaps (a red masthead line that reads like a 发文字号)
RULES: list[tuple[Label, Callable[[Paragraph, str], bool]]] = [
    (Label.masthead, is_masthead),
    (Label.copy_no, is_copy_no),
    (Label.secrecy, is_secrecy),
    (Label.urgency, is_urgency),
    (Label.head_marks, is_head_marks),
    (Label.doc_number, is_doc_number),
    (Label.order_number, is_order_number),
    (Label.signer, is_signer),
    (Label.title, is_title),
    (Label.subtitle, is_subtitle),
    (Label.date, is_date),
    (Label.cc, is_cc),
    (Label.imprint, is_imprint),
    (Label.continuation_to, is_continuation_to),
]


def label(p: Paragraph) -> Label:
    t = _ns(p.text)
    for lab, rule in RULES:
        if rule(p, t):
            return lab
    return Label.body
