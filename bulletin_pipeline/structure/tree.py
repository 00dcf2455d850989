"""Provision trees: 第X章 > 第X节 > 第X条 and 一、 > （一） > 1. > （1） > ① (patterns in the lexicon)."""
from __future__ import annotations

from typing import Optional

from ..lexicon.numbering import RANK, heading_of, match_numbering
from ..model import Document, Provision


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
