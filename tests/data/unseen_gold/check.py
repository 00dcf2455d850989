"""Check the annotations of a gold folder (held2/, held3/, tgt/) against its texts (texts.json): every citation, obligation anchor, source
and unit, deadline text and anchor and target text occurs verbatim (NFKC, whitespace removed) in its document's
text; every obligation anchor (8-20 characters) and deadline anchor exactly once, each deadline anchor holding its
text.  usage: python check.py DIR   (exit status 1 on a problem)"""
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path.cwd()


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", "", s).replace("[", "〔").replace("]", "〕")


def main():
    issue = json.loads((HERE / "texts.json").read_text(encoding="utf-8"))
    bad = 0
    for d in issue["documents"]:
        g = json.loads((HERE / f"{d['id']}.json").read_text(encoding="utf-8"))
        body = norm("".join(p if isinstance(p, str) else p[1] for p in d["paragraphs"]))
        for c in g["citations"]:
            if norm(c["doc_number"]) not in body:
                bad += 1; print(d["id"], "citation", c["doc_number"])
            if c.get("title") and norm(c["title"]) not in body:
                bad += 1; print(d["id"], "citation title", c["title"])
        for o in g["obligations"]:
            a = norm(o["anchor"])
            if body.count(a) != 1 or not 8 <= len(a) <= 20:
                bad += 1; print(d["id"], "anchor", body.count(a), len(a), o["anchor"])
            if norm(o["source"]) not in body:
                bad += 1; print(d["id"], "source", o["source"])
            for r in ("lead", "support", "implement", "responsible"):
                for u in o[r]:
                    if norm(u) not in norm(o["source"]):
                        bad += 1; print(d["id"], "unit", u)
        for x in g["deadlines"]:
            a, t = norm(x["anchor"]), norm(x["text"])
            if body.count(a) != 1 or t not in a:
                bad += 1; print(d["id"], "deadline anchor", body.count(a), x["anchor"], x["text"])
        for x in g["targets"]:
            if norm(x["text"]) not in body:
                bad += 1; print(d["id"], "target text", x["text"])
    print("problems:", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
