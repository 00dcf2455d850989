"""Check the annotations of this folder against its texts (texts.json): every anchor, source, unit and cited
number occurs verbatim (NFKC, whitespace removed) in its document's text, every anchor exactly once.
usage: python check.py   (exit status 1 on a problem)"""
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", "", s).replace("[", "〔").replace("]", "〕")


def doc_text(d):
    """What a reader sees of a document: its title, number, then its paragraphs in order."""
    parts = [d["title"], d.get("doc_number") or ""]
    parts += [p if isinstance(p, str) else p[1] for p in d["paragraphs"]]
    return norm("".join(parts))


def main():
    issue = json.loads((HERE / "texts.json").read_text(encoding="utf-8"))
    bad = 0
    for d in issue["documents"]:
        f = HERE / f"{d['id']}.json"
        if not f.exists():
            continue
        g = json.loads(f.read_text(encoding="utf-8"))
        body = norm("".join(p if isinstance(p, str) else p[1] for p in d["paragraphs"]))
        for c in g.get("citations", []):
            if norm(c["doc_number"]) not in body:
                bad += 1; print(d["id"], "citation", c["doc_number"])
            if c.get("title") and norm(c["title"]) not in body:
                bad += 1; print(d["id"], "citation title", c["title"])
        for o in g.get("obligations", []):
            a = norm(o["anchor"])
            if body.count(a) != 1 or not 8 <= len(a) <= 20:
                bad += 1; print(d["id"], "anchor", body.count(a), len(a), o["anchor"])
            if norm(o["source"]) not in body:
                bad += 1; print(d["id"], "source", o["source"])
            for r in ("lead", "support", "implement", "responsible"):
                for u in o[r]:
                    if norm(u) not in norm(o["source"]) and norm(u) not in body:
                        bad += 1; print(d["id"], "unit", u)
    print("problems:", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
