"""Deadlines and targets on texts the extractor was not written on, scored like the hidden sets (dev aid).

Sets the documents of tests/data/unseen_gold/tgt (texts.json, one <id>.json per annotated document) as one gazette
issue with tests/pdfmaker.gazette_pdf, runs the whole pipeline on it, writes a toc.json for the pages it was set on
(into a scratch copy of the gold) and scores the result with eval/score.py.  Prints the score lines, then per
document the deadlines missed (DL FN), extra (DL FP) or with other dates (DL VAL), and the targets missed (TG FN),
extra (TG FP) or with another indicator or comparator (TG IND, with the indicator's char F1).

usage: unseen_targets.py [--gold DIR] [--style a4-1col|16k-2col] [--keep DIR] [--score PATH] [--quiet]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unseen_gold import ROOT, arguments, match_targets, set_and_score  # noqa: E402


def detail(pred: dict, gold: Path, sc) -> None:
    """What score.py counts as missed, extra or wrong, item by item (pairing as score.py pairs)."""
    for f in sorted(x for x in gold.glob("*.json") if x.stem not in ("toc", "texts")):
        g = json.loads(f.read_text(encoding="utf-8"))
        d = sc.find_doc(pred.get("documents", []), g) or {}
        pd = list(d.get("deadlines", []) or [])
        pairs = sc.match(g["deadlines"], pd, lambda a, p: sc.norm(p.get("text")) == sc.norm(a["text"]),
                         lambda a, p: sc.norm(p.get("text")) and (sc.norm(p.get("text")) in sc.norm(a["text"])
                                                                  or sc.norm(a["text"]) in sc.norm(p.get("text"))))
        for a, m in pairs:
            if m is None:
                print(f.stem, "DL FN", a["text"], a["kind"], a["start"], a["end"], "|", a["anchor"])
                continue
            same = (lambda x, y: (x or None) == (y or None)) if not a.get("approx") else \
                (lambda x, y: str(x or "")[:4] == str(y or "")[:4])
            if not (same(m.get("start"), a["start"]) and same(m.get("end"), a["end"])):
                print(f.stem, "DL VAL", a["text"], a["start"], a["end"], "got", m.get("text"), m.get("kind"),
                      m.get("start"), m.get("end"))
        for p in pd:
            print(f.stem, "DL FP", p.get("text"), p.get("kind"), p.get("start"), p.get("end"))
        pt = list(d.get("targets", []) or [])      # what is left unpaired stays in it
        for a, m in match_targets(sc, g["targets"], pt):
            if m is None:
                print(f.stem, "TG FN", a["value"], a["unit"], a["comparator"], a["indicator"], "|", a["text"])
                continue
            cf = sc.char_f1(m.get("indicator"), a["indicator"])
            if cf < 0.999 or m.get("comparator") != a["comparator"]:
                print(f.stem, f"TG IND {cf:.2f}", a["value"], a["unit"], "gold", a["indicator"], a["comparator"],
                      "got", m.get("indicator"), m.get("comparator"), "|", m.get("text"))
        for p in pt:
            print(f.stem, "TG FP", p.get("value"), p.get("unit"), p.get("comparator"), p.get("indicator"), "|", p.get("text"))


def main() -> None:
    ap = arguments(ROOT / "tests" / "data" / "unseen_gold" / "tgt")
    ap.add_argument("--quiet", action="store_true", help="scores only, no item list")
    a = ap.parse_args()
    set_and_score(a.gold, a.style, a.keep, a.score, None if a.quiet else detail)


if __name__ == "__main__":
    main()
