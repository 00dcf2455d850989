"""Show obligation triples that differ from the gold (dev aid).  usage: obl_diff.py ISSUE_JSON GOLD_DIR"""
import json, sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[2]).parents[1] / "eval"))
from score import norm, unit_norm, find_doc

pred = json.load(open(sys.argv[1], encoding="utf-8"))
for g in sorted(Path(sys.argv[2]).glob("d*.json")):
    gold = json.load(open(g, encoding="utf-8"))
    d = find_doc(pred["documents"], gold) or {}
    anchors = [norm(o["anchor"]) for o in gold["obligations"]]
    gt = {(norm(o["anchor"]), r, unit_norm(u)) for o in gold["obligations"] for r in ("lead", "support", "implement", "responsible") for u in o.get(r, [])}
    pt = {}
    for o in d.get("obligations", []):
        t = norm(o["text"]); owner = next((a for a in anchors if a in t), None) or "?" + t[:20]
        for u in o["units"]:
            pt[(owner, u["role"], unit_norm(u["name"]))] = o.get("rule")
    for x in sorted(gt - set(pt)): print(g.stem, "FN", x)
    for x in sorted(set(pt) - gt): print(g.stem, "FP", x, pt[x])
