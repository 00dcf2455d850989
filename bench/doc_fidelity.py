"""Per-document reading-order fidelity: truth paragraphs (>= 12 chars) found verbatim in their own
document's text (the document chosen as the one containing most of them).
usage: python bench/doc_fidelity.py ISSUE_JSON TRUTH_JSON"""
import json, re, sys

def norm(s):
    return re.sub(r"\s+", "", s)

issue, truth = json.load(open(sys.argv[1], encoding="utf-8")), json.load(open(sys.argv[2], encoding="utf-8"))
texts = [norm(d["text"]) for d in issue["documents"]]
tot = ok = 0
for td in truth["documents"]:
    ps = [norm(p) for p in td["paragraphs"] if len(norm(p)) >= 12]
    best = max(range(len(texts)), key=lambda i: sum(p in texts[i] for p in ps)) if texts else None
    hit = [p in texts[best] for p in ps] if best is not None else [False] * len(ps)
    tot += len(ps); ok += sum(hit)
    for p, h in zip(ps, hit):
        if not h:
            print("  MISS", td["id"], p[:70])
print(f"document fidelity {ok}/{tot} = {ok / tot:.4f}")
