"""Provision trees: 第X章 > 第X节 > 第X条 and 一、 > （一） > 1. > （1） > ①, numbers via cn2an."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..model import Document, Provision
from . import patterns as P

RANK = {name: i for i, (name, _) in enumerate(P.NUMBERING)}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=512)
def cn_to_int(s: str) -> Optional[int]:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105 (cn2an), digits pass through."""
    if s is None:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    if s in CIRCLED:
        return CIRCLED.index(s) + 1
    import cn2an
    try:
        return int(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def match_numbering(text: str):
    """(kind, number, rest) when a paragraph starts with a provision number, else None."""
    for name, rx in P.NUMBERING:
        m = rx.match(text)
        if m:
            n = cn_to_int(m.group("n"))
            if n is None:
                continue
            return name, n, m.group(0).strip(), text[m.end():]
    return None


def heading_of(rest: str) -> Optional[str]:
    m = P.SENTENCE_END.search(rest)
    head = rest[:m.start()] if m else rest
    head = head.strip()
    if not head or len(head) > 40:
        return None
    return head


def build_tree(doc: Document) -> list[Provision]:
    provisions: list[Provision] = []
    stack: list[tuple[int, Provision, list[int]]] = []     # (rank, provision, path)
    current: Optional[Provision] = None
    transmitted = False
    for dp in doc.paragraphs:
        if dp.part == "transmitted_title":
            stack, current, transmitted = [], None, True
            continue
        if dp.part not in ("body", "transmitted"):
            current = None if dp.part in ("signature", "date", "attachment") else current
            continue
        m = match_numbering(dp.text)
        if m is None:
            if current is not None:
                current.text += "\n" + dp.text
                dp.provision_id = current.id
            continue
        kind, n, label, rest = m
        rank = RANK[kind]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        path = (stack[-1][2] if stack else []) + [n]
        pid = f"{doc.id}-{'a-' if transmitted else ''}p-{'-'.join(map(str, path))}"
        if any(p.id == pid for p in provisions):
            pid = f"{pid}-{len(provisions)}"
        prov = Provision(id=pid, number=label, heading=heading_of(rest), text=dp.text, level=len(stack) + 1,
                         parent=parent.id if parent else None, page=dp.page, bbox=dp.bbox,
                         transmitted=transmitted)
        provisions.append(prov)
        stack.append((rank, prov, path))
        current = prov
        dp.provision_id = pid
    return provisions
