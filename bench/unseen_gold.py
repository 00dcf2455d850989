"""Citations and obligations on texts the extractor was not written on, scored like the hidden sets (dev aid).

Sets the documents of a gold folder (default tests/data/unseen_gold/obl: texts.json and one <id>.json per
annotated document) as one gazette issue with tests/pdfmaker.gazette_pdf, runs the whole pipeline on it, writes
the folder's toc.json for the pages it was set on (into a scratch copy of the gold), and scores the result with
eval/score.py.  Prints the score lines, then per document the obligation triples (anchor, role, unit) missed
(FN) and extra (FP), with the rule that gave each extra one, and the citations missed and extra.
Each document's line of counts comes first.

usage: unseen_gold.py [--gold DIR] [--style a4-1col|16k-2col] [--keep DIR] [--score PATH]
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
ROLES = ("lead", "support", "implement", "responsible")


def issue_of(gold: Path) -> dict:
    """texts.json as gazette_pdf takes it: attached titles and headings as (kind, text) tuples."""
    issue = json.loads((gold / "texts.json").read_text(encoding="utf-8"))
    for d in issue["documents"]:
        d["paragraphs"] = [p if isinstance(p, str) else tuple(p) for p in d["paragraphs"]]
    return issue


def toc_json(issue: dict, starts: list[int]) -> dict:
    docs = issue["documents"]
    return {
        "issue": {"gazette": issue["gazette"], "year": issue["year"], "number": issue["number"]},
        "toc": [{"section": d["section"], "title": d["toc_title"], "doc_number": d["doc_number"], "page": p}
                for d, p in zip(docs, starts)],
        "documents": [{"id": d["id"], "doc_number": d["doc_number"], "title": d["title"], "section": d["section"],
                       "start_page": p} for d, p in zip(docs, starts)],
    }


def detail(pred: dict, gold: Path, score) -> None:
    for f in sorted(gold.glob("*.json")):
        if f.stem == "toc":
            continue
        g = json.loads(f.read_text(encoding="utf-8"))
        d = score.find_doc(pred.get("documents", []), g) or {}
        if not d:
            print(f"{f.stem}: document not found")
            continue
        anchors = [score.norm(o["anchor"]) for o in g["obligations"]]
        gt = {(score.norm(o["anchor"]), r, score.unit_norm(u)) for o in g["obligations"] for r in ROLES for u in o[r]}
        pt = {}
        for o in d.get("obligations", []) or []:
            t = score.norm(o.get("text"))
            owner = next((a for a in anchors if a in t), None) or "?" + t[:20]
            for u in o.get("units", []) or []:
                pt[(owner, u.get("role"), score.unit_norm(u.get("name")))] = o.get("rule")
        tp, fp, fn = len(gt & set(pt)), len(set(pt) - gt), len(gt - set(pt))
        print(f"{f.stem}: obligation triples {tp} right, {fp} extra, {fn} missed")
        for x in sorted(gt - set(pt)):
            print(f"{f.stem} FN", *x)
        for x in sorted(set(pt) - gt):
            print(f"{f.stem} FP", *x, f"[{pt[x]}]")
        gc = {score.norm(c["doc_number"]) for c in g.get("citations", [])}
        pc = {score.norm(c.get("doc_number")) for c in d.get("citations", []) or []}
        for c in sorted(gc - pc):
            print(f"{f.stem} citation FN {c}")
        for c in sorted(pc - gc):
            print(f"{f.stem} citation FP {c}")


def load_score(path: Path):
    """eval/score.py as a module (its matching and normalising functions)."""
    spec = importlib.util.spec_from_file_location("score", path)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def match_targets(sc, gold: list, pred: list):
    """score.py's pairing of gold targets with ours (``sc``: score.py as a module): the same value and unit, the
    same text first, then overlapping text; (gold target, our target or None) for each gold target."""
    def same_value(a, p):
        try:
            return abs(float(p.get("value")) - float(a["value"])) < 1e-9 and sc.norm(p.get("unit")) == sc.norm(a["unit"])
        except (TypeError, ValueError):
            return False

    def overlaps(a, p):
        x, y = sc.norm(a["text"]), sc.norm(p.get("text"))
        return bool(y) and (y in x or x in y or len(set(y) & set(x)) >= 0.6 * min(len(y), len(x)))
    return sc.match(gold, pred, lambda a, p: same_value(a, p) and sc.norm(p.get("text")) == sc.norm(a["text"]),
                    lambda a, p: same_value(a, p) and overlaps(a, p))


def doc_scores(gold_dir: Path, work: Path, style: str = "a4-1col", score_path: Path = SCORE) -> dict:
    """The gold folder's texts set as one issue in ``style`` (into ``work``), run in this process, and score.py's
    per-document measures (citations, obligations, deadlines, targets) against the folder's documents."""
    from bulletin_pipeline.kb.json_out import dump
    from bulletin_pipeline.pipeline import run
    score = load_score(score_path)
    pdf = work / f"{gold_dir.name}.pdf"
    pdfmaker.gazette_pdf(pdf, issue_of(gold_dir), STYLES[style]())
    issue, _ = run(pdf)
    golds = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(gold_dir.glob("*.json"))
             if f.name != "texts.json"]
    got: dict = {}
    score.score_docs(json.loads(dump(issue)), golds, got)
    return got


def set_and_score(gold_dir: Path, style: str, keep: Path | None, score_path: Path, detail=None) -> None:
    """Set the gold folder's texts as one issue, run the pipeline on it, score it on a scratch copy of the gold
    with the pages it was set on, then ``detail(issue_json, gold, score)`` when given."""
    score = load_score(score_path)
    work = Path(keep or tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    issue = issue_of(gold_dir)
    pdf = work / "unseen.pdf"
    starts, _ = pdfmaker.gazette_pdf(pdf, issue, STYLES[style]())
    gold = work / "gold"
    gold.mkdir(exist_ok=True)
    for f in gold_dir.glob("*.json"):
        if f.name != "texts.json":
            shutil.copy(f, gold / f.name)
    (gold / "toc.json").write_text(json.dumps(toc_json(issue, starts), ensure_ascii=False, indent=1), encoding="utf-8")
    out = work / "out"
    bulletin = Path(sys.executable).with_name("bulletin")
    subprocess.run([str(bulletin), "run", str(pdf), "-o", str(out), "--no-index"], check=True,
                   stdout=subprocess.DEVNULL)
    issue_json = next(out.rglob("issue.json"))
    subprocess.run([sys.executable, str(score_path), str(issue_json), str(gold)], check=True)
    if detail is not None:
        detail(json.loads(issue_json.read_text(encoding="utf-8")), gold, score)
    if not keep:
        shutil.rmtree(work)


def arguments(default_gold: Path) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=default_gold)
    ap.add_argument("--style", choices=list(STYLES), default="a4-1col")
    ap.add_argument("--keep", type=Path, help="keep the PDF, the output and the scored gold copy here")
    ap.add_argument("--score", type=Path, default=SCORE)
    return ap


def main() -> None:
    a = arguments(ROOT / "tests" / "data" / "unseen_gold" / "obl").parse_args()
    set_and_score(a.gold, a.style, a.keep, a.score, detail)


if __name__ == "__main__":
    main()
