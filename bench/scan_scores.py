"""Gold scores of simulated scans of whole issues: each issue scanned at a few spoil settings of
bench/make_scan.py, read through the pipeline's OCR path and scored with ``../shared/eval/score.py`` on its
gold, beside the born-digital PDF's own scores.

usage: nice python bench/scan_scores.py [--issues lcszfgb-2019-11,policy-dev-2024-02] [--settings default,colour200]
                                        [--pages 1-7] [--docs d1,d2] [--scans DIR] [--json OUT]

Settings are the names of ``make_scan.VARIED`` and ``default`` (make_scan's own defaults: 150 dpi grey, like
the real scanned excerpt).  Scans and their OCR cache stay in ``--scans``, so a second run reads the cache and
measures only the stages after OCR.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import make_scan  # noqa: E402
import ocr_bench  # noqa: E402

from bulletin_pipeline.kb import write as kb_write  # noqa: E402
from bulletin_pipeline.pipeline import run  # noqa: E402

SHARED = ROOT.parent.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
# the measures of the table: score.py's key for each column
MEASURES = {"toc": "toc_entries_exact", "fields": "document_fields_exact", "citations": "citations_F1",
            "obligations": "obligations_F1", "deadlines": "deadlines_F1", "targets": "targets_F1",
            "indicators": "target_indicators_charF1"}


def score(issue_json: Path, gold: Path, docs: str) -> dict:
    cmd = [sys.executable, str(ocr_bench.SCORE), str(issue_json), str(gold), "--json"] + (["--docs", docs] if docs else [])
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def row(name: str, scores: dict) -> str:
    return f"{name:<34}" + " ".join(f"{scores.get(k, float('nan')):>11.3f}" for k in MEASURES.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--issues", default="lcszfgb-2019-11,policy-dev-2024-02")
    ap.add_argument("--settings", default="default,colour200,light300,grey100")
    ap.add_argument("--pages", default="", help="1-based range of every issue's pages (all by default)")
    ap.add_argument("--docs", default="", help="gold ids to score (all by default)")
    ap.add_argument("--engine", default="rapidocr")
    ap.add_argument("--scans", default=str(ROOT / "outputs" / "scans"))
    ap.add_argument("--json")
    a = ap.parse_args()
    scans = Path(a.scans)
    scans.mkdir(parents=True, exist_ok=True)
    pages = None
    if a.pages:
        lo, _, hi = a.pages.partition("-")
        pages = range(int(lo) - 1, int(hi or lo))
    tag = f"-p{a.pages}" if a.pages else ""
    print(f"{'issue / setting':<34}" + " ".join(f"{k:>11}" for k in MEASURES), flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for issue in a.issues.split(","):
            source, gold = SHARED / "corpus" / f"{issue}.pdf", SHARED / "gold" / issue
            text_pdf = ocr_bench.slice_pdf(source, pages, scans / f"{issue}-text{tag}.pdf") if pages else source
            born, _ = run(text_pdf)
            s = score(kb_write.write_issue(born, Path(out) / f"{issue}-text", index=False), gold, a.docs)
            rows.append({"issue": issue, "setting": "born-digital", "scores": s})
            print(row(f"{issue} born-digital", s), flush=True)
            for name in a.settings.split(","):
                spoil = make_scan.Spoil() if name == "default" else make_scan.VARIED[name]
                scan = scans / f"{issue}-{name}{tag}.pdf"
                if not scan.exists():
                    make_scan.make(source, scan, pages=pages, spoil=spoil)
                m = ocr_bench.measure(scan, [], a.engine, gold, a.docs, Path(out) / scan.stem, scans)
                rows.append({"issue": issue, "setting": name, "scores": m["scores"],
                             "cpu_per_page": m["cpu_per_page"]})
                print(row(f"{issue} {name}", m["scores"]), flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
