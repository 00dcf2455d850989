"""Target indicators on real texts the extractor was not written on (dev aid, reads ../shared/realworld).

Runs the target extractor over every paragraph of policy50.jsonl, govcn-policies.jsonl and the 政府工作报告
texts, and checks each indicator for the marks of a name that is not well formed:

  empty     no indicator at all
  leading   opens with a connective, a preposition or a verb that introduces the number (即, 并, 按, 确保, 达到)
  trailing  ends with a comparator, a change word or a function word (不应, 不, 在, 达到, 增长, 的)
  cut       cuts a word of its sentence at either end (jieba's cut of the clause), unbalanced brackets,
            sentence punctuation inside, or as long as the extractor's cap (40 chars: truncated)

and prints the share of well-formed indicators, then a seeded random sample (indicator | clause) to read by
eye, and with --bad N the first N ill-formed ones of each kind.

usage: ind_realworld.py [--sample N] [--seed S] [--bad N] [--root DIR] [--file NAME ...]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from bulletin_pipeline.extract import targets
from bulletin_pipeline.lexicon import Resources

# ../shared beside the checkout (or beside the folder of worktrees), or --root
ROOT = next((d / "shared" / "realworld" for d in Path(__file__).resolve().parents[1:4]
             if (d / "shared" / "realworld").is_dir()), Path("../shared/realworld"))
FILES = ("policy50.jsonl", "govcn-policies.jsonl", "gov_work_reports.jsonl")

# what a name does not open with: connectives, prepositions, modal and introducing verbs, a number (a year
# that qualifies the name, 2020年前实施项目总投资, is allowed)
LEADING_BAD = re.compile(r"^(?:[即并且和及或的对按将要以在为把使让由从到至与、，,（(]|同时|其中|另外|确保|力争|争取|实现|达到|"
                         r"完成|加快|推进|加大|设立|落实|是指|包括|可以|可|应当|应|不|每年|当年|今年|全年|(?!(?:19|20)\d\d年)\d)")
# what a name does not end with: comparators, change words, prepositions, particles, modal verbs
TRAILING_BAD = re.compile(r"(?:不[应得能宜]?|在|达|达到|为|到|至|的|和|及|或|与|超过|低于|高于|不低于|不超过|以上|以下|"
                          r"增长|下降|提高|降低|减少|增加|提升|控制在|保持在|按|按照|由|从|约|要|将|可|应|是|、|，|（|\()$")
PUNCT = re.compile(r"[，。；：,;:！？]")
CAP = 40


def paragraphs(rec: dict) -> list[str]:
    body = rec.get("body") or rec.get("Body") or rec.get("content") or ""
    return [t.strip() for t in body.split("\n") if t.strip()]


def boundaries(tok, text: str) -> set[int]:
    """Offsets in ``text`` where jieba's cut puts a word boundary."""
    out, i = {0}, 0
    for w in tok.cut(text, HMM=False):
        i += len(w)
        out.add(i)
    return out


def problems(ind: str, clause: str, tok) -> list[str]:
    if not ind:
        return ["empty"]
    bad = []
    if LEADING_BAD.search(ind):
        bad.append("leading")
    if TRAILING_BAD.search(ind):
        bad.append("trailing")
    cut = len(ind) >= CAP or PUNCT.search(ind) or ind.count("（") + ind.count("(") != ind.count("）") + ind.count(")") \
        or ind.count("“") != ind.count("”")
    if not cut:
        # the ends of a name copied from its clause fall on word boundaries
        b = None
        head, tail = ind[:3], ind[-3:]
        i, j = clause.find(head), clause.find(tail)
        if i >= 0 or j >= 0:
            b = boundaries(tok, clause)
        if i >= 0 and i not in b:
            cut = True
        if j >= 0 and j + len(tail) not in b and clause.find(tail, j + 1) < 0:
            cut = True
    if cut:
        bad.append("cut")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=ROOT, help="the realworld folder")
    ap.add_argument("--file", action="append")
    ap.add_argument("--sample", type=int, default=0, help="print N random indicators with their clause")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--bad", type=int, default=0, help="print N ill-formed indicators of each kind")
    ap.add_argument("--dump", type=Path, help="write every (file, indicator, clause, problems) as JSON lines")
    ap.add_argument("--diff", type=Path, help="a --dump of an earlier run: print the indicators that changed")
    a = ap.parse_args()
    res = Resources()
    tok = res.tokenizer
    rows = []
    for name in a.file or FILES:
        for line in (a.root / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            subject = None
            for p in paragraphs(rec):
                if (t := targets.item_title(p)) is not None:
                    subject = t
                for q in targets.find(p, None, res.measures, subject):
                    rows.append((name, q.indicator, q.text, f"{q.value:g}{q.unit}", problems(q.indicator, q.text, tok)))
    print(f"{len(rows)} targets")
    by_file = Counter(r[0] for r in rows)
    ok_file = Counter(r[0] for r in rows if not r[4])
    for name in by_file:
        print(f"  {name}: {ok_file[name]}/{by_file[name]} well-formed ({ok_file[name] / by_file[name]:.3f})")
    ok = sum(1 for r in rows if not r[4])
    print(f"well-formed: {ok}/{len(rows)} ({ok / max(len(rows), 1):.3f})")
    kinds = Counter(k for r in rows for k in r[4])
    print("ill-formed by kind:", dict(kinds))
    if a.bad:
        for kind in ("empty", "leading", "trailing", "cut"):
            for r in [r for r in rows if kind in r[4]][:a.bad]:
                print(f"  [{kind}] {r[1]} | {r[3]} | {r[2][:90]}")
    if a.sample:
        rnd = random.Random(a.seed)
        for r in rnd.sample(rows, min(a.sample, len(rows))):
            print(f"  {'ok ' if not r[4] else ','.join(r[4])}\t{r[1]} | {r[3]} | {r[2][:90]}")
    if a.diff:
        old = {}
        for line in a.diff.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            old.setdefault((r["file"], r["clause"], r["value"]), []).append(r["indicator"])
        new = {}
        for r in rows:
            new.setdefault((r[0], r[2], r[3]), []).append(r[1])
        for k in sorted(set(old) | set(new)):
            if old.get(k) != new.get(k):
                print(f"  {old.get(k)} => {new.get(k)} | {k[2]} | {k[1][:70]}")
    if a.dump:
        with a.dump.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"file": r[0], "indicator": r[1], "clause": r[2], "value": r[3], "problems": r[4]},
                                   ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
