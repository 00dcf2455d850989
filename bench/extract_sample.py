"""A seeded random sample of real paragraphs with what extraction gives for them, to check by eye against
eval/GUIDE.md (dev aid, reads ../shared/realworld).

Every paragraph of govcn-policies.jsonl and policy50.jsonl for which the extractor gives an obligation, a
deadline or a target (or, with --only, one of these) is a candidate; N of them are drawn with the seed and printed
with each obligation (rule, source, unit:role), deadline (text, kind, start, end) and target (text | indicator,
comparator, value, unit, year).  With --keys FILE the drawn paragraphs are saved on the first run and read back
on later ones, so the same paragraphs can be compared before and after a change.

usage: extract_sample.py [--seed S] [--n N] [--only obl|dl|tg] [--keys FILE] [--root DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from bulletin_pipeline.extract import obligations, targets, timex
from bulletin_pipeline.lexicon import Resources
from bulletin_pipeline.lexicon.numbering import match_numbering
from bulletin_pipeline.model import DocParagraph, Document

# ../shared beside the checkout (or beside the folder of worktrees), or --root
ROOT = next((d / "shared" / "realworld" for d in Path(__file__).resolve().parents[1:4]
             if (d / "shared" / "realworld").is_dir()), Path("../shared/realworld"))
FILES = ("govcn-policies.jsonl", "policy50.jsonl")
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def document(i: int, rec: dict) -> Document:
    """One record as a document: its body lines as paragraphs, a numbered line opening a provision."""
    body = rec.get("body") or rec.get("Body") or ""
    paras, pid = [], None
    for k, line in enumerate(t.strip() for t in body.split("\n")):
        if not line:
            continue
        if match_numbering(line):
            pid = f"x{i}-p{k}"
        paras.append(DocParagraph(text=line, page=1, bbox=[0.0, 0.0, 1.0, 1.0], provision_id=pid))
    date = (rec.get("date") or rec.get("Date") or "")[:10]
    issuer = rec.get("issuer") or rec.get("main_issuer")
    return Document(id=f"x{i}", title=rec.get("title") or rec.get("Title") or "", start_page=1,
                    doc_number=rec.get("doc_number"), issuers=[issuer] if issuer else [], paragraphs=paras,
                    date=date if ISO_DATE.fullmatch(date) else None)


def candidates(root: Path, res: Resources):
    for name in FILES:
        for i, line in enumerate((root / name).read_text(encoding="utf-8").splitlines()):
            doc = document(i, json.loads(line))
            year = int(doc.date[:4]) if doc.date else None
            obs = obligations.extract(doc, res.gazetteer)
            for k, p in enumerate(doc.paragraphs):
                os_ = [o for o in obs if o.source and o.source in p.text and (o.text[:30] in p.text or p.text[:30] in o.text)]
                ds = timex.find(p.text, year, res.calendar, doc_date=doc.date)
                ts = targets.find(p.text, None, res.measures)
                yield (name, i, k), p.text, os_, ds, ts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--only", choices=("obl", "dl", "tg"))
    ap.add_argument("--keys", type=Path, help="save the drawn paragraphs here, or read them back")
    ap.add_argument("--root", type=Path, default=ROOT, help="the realworld folder")
    a = ap.parse_args()
    res = Resources()
    items = {}
    for key, text, os_, ds, ts in candidates(a.root, res):
        if {"obl": os_, "dl": ds, "tg": ts}.get(a.only, os_ or ds or ts):
            items[key] = (text, os_, ds, ts)
    if a.keys and a.keys.exists():
        keys = [tuple(k) for k in json.loads(a.keys.read_text(encoding="utf-8"))]
    else:
        keys = random.Random(a.seed).sample(sorted(items), min(a.n, len(items)))
        if a.keys:
            a.keys.write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
    print(f"{len(items)} paragraphs with output; {len(keys)} drawn")
    for key in keys:
        text, os_, ds, ts = items.get(key, ("(no output now)", [], [], []))
        print(f"=== {key[0]}#{key[1]}.{key[2]}: {text}")
        for o in os_:
            units = "; ".join(f"{u.name}:{getattr(u.role, 'value', u.role)}" for u in o.units)
            print(f"  OBL {o.rule} | {o.source[:80]} | {units}")
        for d in ds:
            print(f"  DL  {d.text} {d.kind} {d.date_start} {d.date_end}{' approx' if d.approx else ''}"
                  f" {d.duration or ''}{d.frequency or ''}")
        for t in ts:
            print(f"  TG  {t.text} | {t.indicator} {t.comparator} {t.value} {t.unit} {t.year}"
                  f"{' aspirational' if t.aspirational else ''}")


if __name__ == "__main__":
    main()
