"""Obligation coverage on real policy texts (dev aid, reads ../shared/realworld).

For every sentence that says 负责 or 牵头 (outside 负责人/负责同志), does the extractor give an obligation with a
body that the gazetteer knows or the grammar accepts?  Also times a 10,000-char paragraph with no punctuation
(the extractor must stay linear).  usage: obl_realworld.py [--show N] [--file govcn-policies.jsonl]
"""
import argparse
import json
import re
import time
from pathlib import Path

from bulletin_pipeline.extract import obligations
from bulletin_pipeline.lexicon import Resources
from extract_sample import document        # one record as a document, as the sampler reads it

ROOT = Path(__file__).resolve().parents[2] / "shared" / "realworld"     # ../shared beside the repo, or --root
HINT = re.compile(r"(?:负责|牵头)(?!人|同志)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", action="append")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--root", type=Path, default=ROOT, help="the realworld folder")
    a = ap.parse_args()
    gz = Resources().gazetteer
    files = a.file or ["govcn-policies.jsonl", "policy50.jsonl"]
    for name in files:
        hits = total = units = 0
        missed = []
        for i, line in enumerate((a.root / name).read_text(encoding="utf-8").splitlines()):
            doc = document(i, json.loads(line))
            obs = obligations.extract(doc, gz)
            texts = [o.source for o in obs] + [o.text for o in obs]
            units += sum(len(o.units) for o in obs)
            for p in doc.paragraphs:
                for s in re.split(r"(?<=[。；])", p.text):
                    if not HINT.search(s):
                        continue
                    total += 1
                    core = s.strip("。；")[-30:]
                    if any(core in t or (o_src and o_src in s) for t in texts for o_src in [None]) or \
                            any(o.source and o.source in s for o in obs):
                        hits += 1
                    else:
                        missed.append(s[:160])
        print(f"{name}: {hits}/{total} 负责/牵头 sentences give an obligation ({hits / max(total, 1):.3f}); "
              f"{units} unit roles")
        for s in missed[:a.show]:
            print("   miss:", s)
    text = "市发展改革委会同" + "市财政局" * 2500
    t = time.perf_counter()
    from bulletin_pipeline.extract.obligations import in_text
    in_text(text, gz)
    t1 = time.perf_counter() - t
    text2 = "市发展改革委会同" + "甲" * 10000 + "负责"
    t = time.perf_counter()
    in_text(text2, gz, yao=True)
    t2 = time.perf_counter() - t
    doc = document(0, {"body": "（" + "甲" * 10000 + "负责" + "乙" * 10000 + "）"})
    t = time.perf_counter()
    obligations.extract(doc, gz)
    t3 = time.perf_counter() - t
    doc = document(0, {"body": "市财政局要" * 2000})
    t = time.perf_counter()
    obligations.extract(doc, gz)
    print(f"10,000-char paragraphs: {t1:.2f}s (units, no punctuation), {t2:.2f}s (no body), "
          f"{t3:.2f}s (20,000-char parenthetical), {time.perf_counter() - t:.2f}s (2,000 X要 clauses)")


if __name__ == "__main__":
    main()
