"""Deadlines/targets that differ from the gold (dev aid).  usage: dt_diff.py ISSUE_JSON GOLD_DIR"""
import json, sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[2]).parents[1] / "eval"))
from score import norm, find_doc

pred = json.load(open(sys.argv[1], encoding="utf-8"))
for g in sorted(Path(sys.argv[2]).glob("d*.json")):
    gold = json.load(open(g, encoding="utf-8"))
    d = find_doc(pred["documents"], gold) or {}
    pt = list(d.get("targets", []))
    for gt in gold["targets"]:
        m = next((p for p in pt if abs(float(p["value"]) - gt["value"]) < 1e-9 and norm(p["unit"]) == norm(gt["unit"])
                  and (norm(p["text"]) in norm(gt["text"]) or norm(gt["text"]) in norm(p["text"]))), None)
        if m is None:
            print(g.stem, "TG-FN", gt["text"], gt["value"], gt["unit"])
        else:
            pt.remove(m)
            if m["comparator"] != gt["comparator"]:
                print(g.stem, "TG-COMP", gt["text"], "gold", gt["comparator"], "ours", m["comparator"])
    for p in pt:
        print(g.stem, "TG-FP", p["text"], p["value"], p["unit"], p["comparator"])
    pd = list(d.get("deadlines", []))
    for gd in gold["deadlines"]:
        m = next((p for p in pd if norm(p["text"]) == norm(gd["text"])), None) or \
            next((p for p in pd if norm(p["text"]) in norm(gd["text"]) or norm(gd["text"]) in norm(p["text"])), None)
        if m is None:
            print(g.stem, "DL-FN", gd["text"], gd["anchor"])
        else:
            pd.remove(m)
    for p in pd:
        print(g.stem, "DL-FP", p["text"], p["kind"], p["start"], p["end"])
