"""Continuations: a story cut by （下转第N页） goes on where （上接第M页） opens its tail on page N.

Three steps, each on its own: find the tails (a （上接） paragraph and what follows it in its band), hand each
jump its tail back, and stitch the paragraph the marker cut to the tail's first one.
"""
from __future__ import annotations

from typing import Callable, Protocol

from ..lexicon.jumps import jump_page
from ..model import Issue, Paragraph
from . import patterns as P


class Jumper(Protocol):
    paras: list[Paragraph]
    jumps: list[tuple[int, int]]      # (from physical page, to printed page)


def find_tails(paras: list[Paragraph], opens: Callable[[Paragraph], bool] = lambda p: False
               ) -> dict[int, list[int]]:
    """Index of each （上接第N页） paragraph -> indices of its tail (same page, same band, after it).  A tail that
    fills its page to the end goes on at the top of the next page unless that page opens something else (a
    document's masthead, title or 文号 — ``opens`` tells — or another （上接）)."""
    tails = {}
    for i, p in enumerate(paras):
        if P.CONT_FROM.match(p.text):
            idx = [i]
            page, band = p.page, p.band
            for j in range(i + 1, len(paras)):
                q = paras[j]
                if q.page == page + 1 and paras[j - 1].page == page and paras[j - 1].band == band \
                        and not opens(q) and not P.CONT_FROM.match(q.text):
                    page, band = q.page, q.band      # the tail ran to the foot of its page: it goes on
                if q.page != page or q.band != band or P.CONT_FROM.match(q.text):
                    break
                if q.page == p.page and q.bbox[1] < p.bbox[1] - 2:
                    # beside the tail but above its start: the other column of the story the tail interrupts
                    # (on a scan the rule between the two is often too faint to find)
                    continue
                idx.append(j)
            tails[i] = idx
    return tails


def jump_target(p: Paragraph) -> int | None:
    """The printed page a （下转第N页） marker in this paragraph sends the reader to."""
    m = P.CONT_TO.search(p.text)
    return jump_page(m) if m else None


def attach_tails(issue: Issue, docs: list[Jumper], paras: list[Paragraph], tails: dict[int, list[int]],
                 label_to_page: dict[str, int], page_label: dict[int, int]) -> None:
    """Each jump's tail goes back to the document that jumped; an orphan tail stays in the document before it."""
    used = set()
    for d in docs:
        for from_page, to_label in d.jumps:
            target = label_to_page.get(str(to_label), to_label)
            found = None
            for i in tails:
                m = P.CONT_FROM.match(paras[i].text)
                if paras[i].page == target and i not in used and (
                        jump_page(m) == page_label.get(from_page, from_page)):
                    found = i
                    break
            if found is None:
                issue.warn("continuation-unmatched", f"（下转第{to_label}页） has no （上接） partner on that page",
                           page=from_page)
                continue
            used.add(found)
            d.paras.extend(paras[j] for j in tails[found])
    for i in tails:
        if i not in used:
            issue.warn("continuation-orphan", "（上接） tail with no matching （下转） marker; kept in place",
                       page=paras[i].page)
            # keep orphan tails in the document that precedes them, rather than dropping text
            host = next((d for d in reversed(docs) if d.paras and d.paras[0].page <= paras[i].page), None)
            if host:
                host.paras.extend(paras[j] for j in tails[i])


def strip_markers(text: str) -> str:
    text = P.CONT_TO.sub("", text)
    return P.CONT_FROM.sub("", text).strip()


def stitch(paras: list[Paragraph]) -> list[tuple[str, Paragraph]]:
    """Paragraph texts with markers removed; a paragraph cut by （下转） is joined to its tail's first one."""
    out: list[tuple[str, Paragraph]] = []
    join_next = False
    for p in paras:
        starts_tail = bool(P.CONT_FROM.match(p.text))
        text = strip_markers(p.text)
        if join_next and starts_tail and out and not P.SENTENCE_CLOSED.search(out[-1][0]):
            out[-1] = (out[-1][0] + text, out[-1][1])
        elif text:
            out.append((text, p))
        join_next = bool(P.CONT_TO.search(p.text))
    return out
