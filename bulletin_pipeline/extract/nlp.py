"""spaCy where it earns its place: units as spans with character offsets, and DocBin export for training.

A blank ``zh`` pipeline (no model download) with a SpanRuler fed from the gazetteer.  The segmenter is chosen
by enum: ``char`` (default: every unit name aligns with token boundaries) or ``jieba`` (spaCy's jieba mode,
which cuts with the process-wide jieba dictionary; we never add words to it).
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Iterable

SPANS_KEY = "units"


class Segmenter(str, Enum):
    char = "char"
    jieba = "jieba"


def make_nlp(segmenter: str = "char"):
    import spacy
    seg = Segmenter(segmenter)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": seg.value}}})
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "overwrite": False,
                                                "phrase_matcher_attr": "ORTH"})
    from ..lexicon import Resources
    gz = Resources().gazetteer
    ruler.add_patterns([{"label": "ORG", "pattern": name, "id": gz.canonical(name) or name} for name in gz.names()])
    return nlp


def unit_spans(texts: Iterable[str], segmenter: str = "char") -> list[list[tuple[int, int, str]]]:
    """Per text: (start_char, end_char, canonical) of every gazetteer unit, longest match first."""
    nlp = make_nlp(segmenter)
    out = []
    for doc in nlp.pipe(texts):
        spans = sorted(doc.spans[SPANS_KEY], key=lambda s: (s.start_char, -(s.end_char - s.start_char)))
        keep, end = [], -1
        for s in spans:
            if s.start_char >= end:
                keep.append((s.start_char, s.end_char, s.id_))
                end = s.end_char
        out.append(keep)
    return out


def export_docbin(issue: dict, path: Path, segmenter: str = "char") -> int:
    """Obligation sources as spaCy Docs, each unit a span labelled with its role; written as a DocBin."""
    from spacy.tokens import DocBin
    nlp = make_nlp(segmenter)
    db = DocBin(store_user_data=False)
    n = 0
    for d in issue.get("documents", []):
        for o in d.get("obligations", []):
            doc = nlp.make_doc(o["source"])
            spans = []
            for u in o.get("units", []):
                if u.get("start") is None or u.get("end") is None:
                    continue
                sp = doc.char_span(u["start"], u["end"], label=u["role"].upper(), alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
            doc.spans[SPANS_KEY] = spans
            db.add(doc)
            n += 1
    db.to_disk(path)
    return n
