"""Show deadlines and targets that differ from the gold (dev aid).

usage: timex_diff.py ISSUE_JSON GOLD_DIR [deadlines|targets]

Pairs gold and predicted items as score.py does, then prints misses (FN), extras (FP), wrong values (VAL)
and, for targets, the indicator next to the gold one (IND) with its char F1."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(sys.argv[2]).parents[1] / "eval"))
from score import char_f1, find_doc, match, norm  # noqa: E402

pred = json.load(open(sys.argv[1], encoding="utf-8"))
what = sys.argv[3:] or ["deadlines", "targets"]
for g in sorted(Path(sys.argv[2]).glob("[dp]*.json")):
    gold = json.load(open(g, encoding="utf-8"))
    d = find_doc(pred["documents"], gold) or {}
    if "deadlines" in what:
        pd = list(d.get("deadlines", []) or [])
        pairs = match(gold.get("deadlines", []), pd, lambda a, p: norm(p.get("text")) == norm(a["text"]),
                      lambda a, p: norm(p.get("text")) and (norm(p.get("text")) in norm(a["text"])
                                                            or norm(a["text"]) in norm(p.get("text"))))
        for a, m in pairs:
            gv = (a.get("kind"), a.get("start"), a.get("end"), a.get("approx"))
            if m is None:
                print(g.stem, "DL FN", a["text"], gv, "|", a.get("anchor"))
                continue
            pv = (m.get("kind"), m.get("start"), m.get("end"), m.get("approx"))
            same = (lambda x, y: (x or None) == (y or None)) if not a.get("approx") else \
                (lambda x, y: str(x or "")[:4] == str(y or "")[:4])
            if not (same(pv[1], gv[1]) and same(pv[2], gv[2])) or pv[0] != gv[0]:
                print(g.stem, "DL VAL", a["text"], "gold", gv, "got", m.get("text"), pv)
        for p in pd:
            print(g.stem, "DL FP", p.get("text"), (p.get("kind"), p.get("start"), p.get("end")))
    if "targets" in what:
        pt = list(d.get("targets", []) or [])

        def same_value(a, p):
            try:
                return abs(float(p.get("value")) - float(a["value"])) < 1e-9 and norm(p.get("unit")) == norm(a["unit"])
            except (TypeError, ValueError):
                return False

        def overlaps(a, p):
            x, y = norm(a["text"]), norm(p.get("text"))
            return bool(y) and (y in x or x in y or len(set(y) & set(x)) >= 0.6 * min(len(y), len(x)))
        pairs = match(gold.get("targets", []), pt, lambda a, p: same_value(a, p) and norm(p.get("text")) == norm(a["text"]),
                      lambda a, p: same_value(a, p) and overlaps(a, p))
        for a, m in pairs:
            if m is None:
                print(g.stem, "TG FN", a["value"], a["unit"], a.get("comparator"), a.get("indicator"), "|", a["text"])
                continue
            f = char_f1(m.get("indicator"), a.get("indicator") or "")
            if f < 0.999 or m.get("comparator") != a.get("comparator"):
                print(g.stem, f"TG IND {f:.2f}", a["value"], a["unit"], "gold", a.get("indicator"), a.get("comparator"),
                      "got", m.get("indicator"), m.get("comparator"))
        for p in pt:
            print(g.stem, "TG FP", p.get("value"), p.get("unit"), p.get("indicator"), "|", p.get("text"))
