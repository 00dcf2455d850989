"""Deadlines and targets on texts the extractor was not written on, scored like the hidden sets (dev aid).

Sets the documents of tests/data/unseen_gold/tgt (texts.json, one <id>.json per annotated document) as one gazette
issue with tests/pdfmaker.gazette_pdf, runs the whole pipeline on it, writes a toc.json for the pages it was set on
(into a scratch copy of the gold) and scores the result with eval/score.py.  Prints the score lines, then per
document the deadlines missed (DL FN), extra (DL FP) or with other dates (DL VAL), and the targets missed (TG FN),
extra (TG FP) or with another indicator or comparator (TG IND, with the indicator's char F1).

usage: unseen_targets.py [--gold DIR] [--style a4-1col|16k-2col] [--keep DIR] [--score PATH] [--quiet]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import pdfmaker  # noqa: E402

# eval/score.py of the shared development material beside the checkout (or beside the folder of worktrees)
SCORE = next((d / "shared" / "eval" / "score.py" for d in Path(__file__).resolve().parents[1:4]
              if (d / "shared" / "eval" / "score.py").is_file()), Path("../shared/eval/score.py"))
STYLES = {
    "a4-1col": lambda: pdfmaker.GazetteStyle("A4", 1, 16.0, 1.75, "dots", "— {} —"),
    "16k-2col": lambda: pdfmaker.GazetteStyle("16K", 2, 10.5, 1.6, "own_line", "-{}-", number_align="center"),
}


def issue_of(gold: Path) -> dict:
    """texts.json as gazette_pdf takes it: titles and headings as (kind, text) tuples."""
    issue = json.loads((gold / "texts.json").read_text(encoding="utf-8"))
    for d in issue["documents"]:
        d["paragraphs"] = [p if isinstance(p, str) else tuple(p) for p in d["paragraphs"]]
    return issue


def toc_json(issue: dict, starts: list[int]) -> dict:
    docs = issue["documents"]
    return {"issue": {k: issue[k] for k in ("gazette", "year", "number")},
            "toc": [{"section": d["section"], "title": d["toc_title"], "doc_number": d["doc_number"], "page": p}
                    for d, p in zip(docs, starts)],
            "documents": [{"id": d["id"], "doc_number": d["doc_number"], "title": d["title"], "section": d["section"],
                           "start_page": p} for d, p in zip(docs, starts)]}


def detail(pred: dict, gold: Path, sc) -> None:
    """What score.py counts as missed, extra or wrong, item by item (pairing as score.py pairs)."""
    for f in sorted(gold.glob("t[0-9]*.json")):
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
        pt = list(d.get("targets", []) or [])

        def same_value(a, p):
            try:
                return abs(float(p.get("value")) - float(a["value"])) < 1e-9 and sc.norm(p.get("unit")) == sc.norm(a["unit"])
            except (TypeError, ValueError):
                return False

        def overlaps(a, p):
            x, y = sc.norm(a["text"]), sc.norm(p.get("text"))
            return bool(y) and (y in x or x in y or len(set(y) & set(x)) >= 0.6 * min(len(y), len(x)))
        pairs = sc.match(g["targets"], pt, lambda a, p: same_value(a, p) and sc.norm(p.get("text")) == sc.norm(a["text"]),
                         lambda a, p: same_value(a, p) and overlaps(a, p))
        for a, m in pairs:
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
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "unseen_gold" / "tgt")
    ap.add_argument("--style", choices=list(STYLES), default="a4-1col")
    ap.add_argument("--keep", type=Path, help="keep the PDF, the output and the scored gold copy here")
    ap.add_argument("--score", type=Path, default=SCORE)
    ap.add_argument("--quiet", action="store_true", help="scores only, no item list")
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", a.score)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    work = Path(a.keep or tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    issue = issue_of(a.gold)
    pdf = work / "unseen_targets.pdf"
    starts, _ = pdfmaker.gazette_pdf(pdf, issue, STYLES[a.style]())
    gold = work / "gold"
    gold.mkdir(exist_ok=True)
    for f in a.gold.glob("t[0-9]*.json"):
        shutil.copy(f, gold / f.name)
    (gold / "toc.json").write_text(json.dumps(toc_json(issue, starts), ensure_ascii=False, indent=1), encoding="utf-8")
    out = work / "out"
    bulletin = Path(sys.executable).with_name("bulletin")
    subprocess.run([str(bulletin), "run", str(pdf), "-o", str(out), "--no-index"], check=True, stdout=subprocess.DEVNULL)
    issue_json = next(out.rglob("issue.json"))
    subprocess.run([sys.executable, str(a.score), str(issue_json), str(gold)], check=True)
    if not a.quiet:
        detail(json.loads(issue_json.read_text(encoding="utf-8")), gold, sc)
    if not a.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
