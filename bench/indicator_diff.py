"""Target indicators against gold, pair by pair (dev aid).

For an issue.json and its gold folder (eval/score.py's format), pairs the targets as score.py pairs them (same
value and unit, overlapping text, one to one) and prints, for every pair whose indicator is not the gold's, the
indicator's char F1, the gold indicator, ours and the target's text; then the mean char F1.  With --unseen it
sets the texts of tests/data/unseen_gold/tgt as an issue first (as bench/unseen_targets.py does) and diffs that.
--all prints the pairs that agree too.

usage: indicator_diff.py ISSUE_JSON GOLD_DIR [--all]
       indicator_diff.py --unseen [--gold DIR] [--all]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unseen_gold import ROOT, SCORE, arguments, load_score, match_targets, set_and_score  # noqa: E402


def pairs(pred: dict, gold: Path, sc):
    """(document id, gold target, our target or None) for every gold target, paired as score.py pairs them."""
    for f in sorted(gold.glob("*.json")):
        if f.stem in ("toc", "texts"):
            continue
        g = json.loads(f.read_text(encoding="utf-8"))
        d = sc.find_doc(pred.get("documents", []), g) or {}
        pt = list(d.get("targets", []) or [])
        for a, m in match_targets(sc, g.get("targets", []), pt):
            yield f.stem, a, m


def report(pred: dict, gold: Path, sc, show_all: bool = False) -> float:
    tot, n = 0.0, 0
    for doc, a, m in pairs(pred, gold, sc):
        if m is None or not a.get("indicator"):
            continue
        cf = sc.char_f1(m.get("indicator"), a["indicator"])
        tot, n = tot + cf, n + 1
        if cf < 0.999 or show_all:
            print(f"{doc}\t{cf:.2f}\tgold={a['indicator']}\tours={m.get('indicator')}\t| {a['text']}")
    print(f"pairs {n}  indicator char F1 {tot / n if n else 0.0:.3f}")
    return tot / n if n else 0.0


def main() -> None:
    show_all = "--all" in sys.argv
    argv = [x for x in sys.argv[1:] if x != "--all"]
    if argv and argv[0] == "--unseen":
        ap = arguments(ROOT / "tests" / "data" / "unseen_gold" / "tgt")
        a = ap.parse_args(argv[1:])
        set_and_score(a.gold, a.style, a.keep, a.score, lambda p, g, sc: report(p, g, sc, show_all))
        return
    issue, gold = Path(argv[0]), Path(argv[1])
    report(json.loads(issue.read_text(encoding="utf-8")), gold, load_score(SCORE), show_all)


if __name__ == "__main__":
    main()
