"""Check the annotations of this folder against its texts (texts.json): every deadline text and anchor and every
target text occurs verbatim (NFKC, whitespace removed) in its document, each deadline anchor exactly once and
holding its text.  usage: python check.py   (exit status 1 on a problem)"""
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", "", s).replace("[", "〔").replace("]", "〕")


def main():
    issue = json.loads((HERE / "texts.json").read_text(encoding="utf-8"))
    bad = 0
    for d in issue["documents"]:
        g = json.loads((HERE / f"{d['id']}.json").read_text(encoding="utf-8"))
        body = norm("".join(p if isinstance(p, str) else p[1] for p in d["paragraphs"]))
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
