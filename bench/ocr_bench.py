"""OCR bench: each scan through the pipeline with each engine — gold scores, character error rate against the
text layer, OCR CPU time per page.

usage: nice python bench/ocr_bench.py [--engines rapidocr,tesseract] [--scans DIR] [--pages 1-7]
                                      [--source PDF] [--gold DIR] [--docs d1,d2] [--real] [--json OUT]

Scans: the real scanned excerpt (``--real``: corpus/lcszfgb-2019-11-scan-p1-5.pdf, pages 1-5 of the issue)
and the varied set of bench/make_scan.py made from ``--source`` pages ``--pages`` into ``--scans`` (made when
missing).  CER is the Levenshtein distance between the page's OCR text and its text-layer text (both read by
the layout stage in reading order, white space removed, NFKC), over the text-layer length.  Time is CPU
seconds of OCR (this process and tesseract's children) and wall seconds per page, measured when the cache
(beside the scans) was filled; delete it to measure again.  On a machine shared with other work compare
CPU time: wall time counts the waits for a core.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import make_scan  # noqa: E402

from bulletin_pipeline import layout  # noqa: E402
from bulletin_pipeline.ingest import ocr  # noqa: E402
from bulletin_pipeline.kb import write as kb_write  # noqa: E402
from bulletin_pipeline.pipeline import RunConfig, load, run  # noqa: E402

SCORE = ROOT.parent.parent / "shared" / "eval" / "score.py"
if not SCORE.exists():
    SCORE = Path("/work/shared/eval/score.py")


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def page_texts(raw) -> list[str]:
    pages, _ = layout.lay_out(raw)
    out = []
    for p in pages:
        t = "".join(l.text for l in p.lines + p.furniture)
        out.append("".join(unicodedata.normalize("NFKC", t).split()))
    return out


def slice_pdf(src: Path, pages: range, out: Path) -> Path:
    doc = pdfium.PdfDocument(str(src))
    new = pdfium.PdfDocument.new()
    new.import_pages(doc, list(pages))
    new.save(str(out))
    return out


def measure(scan: Path, ref_texts: list[str], engine: str, gold: Path, docs: str, out: Path, scans: Path,
            ocr_cfg: dict | None = None, tag: str = "") -> dict:
    times: list[list[float]] = []      # [CPU, wall] seconds per page read
    real = ocr.read_page

    def timed(*a, **k):
        t, w = cpu(), time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            times.append([cpu() - t, time.perf_counter() - w])
    ocr.read_page = timed
    cache = scans / "cache" / f"{scan.stem}-{engine}{tag}"
    cache.mkdir(parents=True, exist_ok=True)
    timing = cache / "cpu.json"
    try:
        cfg = RunConfig(ocr=ocr.OCRConfig(engine=engine, cache_dir=cache, progress=False, **(ocr_cfg or {})))
        issue, _ = run(scan, cfg)
        raw, _ = load(scan, cfg)         # from the cache: the same text
    finally:
        ocr.read_page = real
    if timing.exists():                  # a rerun read the cache: the time measured when it was filled
        times = [t if isinstance(t, list) else [t, float("nan")] for t in json.loads(timing.read_text())]
    else:
        timing.write_text(json.dumps(times[: len(times) // 2]))
        times = times[: len(times) // 2]
    target = kb_write.write_issue(issue, out, index=False)
    cmd = [sys.executable, str(SCORE), str(target), str(gold)] + (["--docs", docs] if docs else [])
    score = {}
    for line in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines():
        k, _, v = line.rpartition(" ")
        try:
            score[k.strip()] = float(v)
        except ValueError:
            pass
    hyp = page_texts(raw)
    errs = sum(Levenshtein.distance(h, r) for h, r in zip(hyp, ref_texts))
    total = sum(len(r) for r in ref_texts)
    return {"scan": scan.name, "engine": engine, "pages": len(hyp),
            "toc": score.get("toc_entries_exact"), "fields": score.get("document_fields_exact"),
            "obligations": score.get("obligations_F1"), "overall": score.get("overall F1"),
            "cer": errs / max(1, total), "cpu_per_page": sum(t[0] for t in times) / max(1, len(times)),
            "wall_per_page": sum(t[1] for t in times) / max(1, len(times)), "per_page": times,
            "warnings": sorted({w.code for w in issue.warnings if w.code.startswith("ocr")}), "scores": score}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--scans", default=str(ROOT / "outputs" / "scans"))
    ap.add_argument("--source", default=str(ROOT / "corpus" / "lcszfgb-2019-11.pdf"))
    ap.add_argument("--gold", default=str(ROOT.parent.parent / "shared" / "gold" / "lcszfgb-2019-11"))
    ap.add_argument("--pages", default="1-7")
    ap.add_argument("--docs", default="d1,d2")
    ap.add_argument("--only", default="", help="comma-separated names of the varied set to run")
    ap.add_argument("--real", action="store_true", help="also the real scanned excerpt (pages 1-5, --docs d1)")
    ap.add_argument("--json")
    ap.add_argument("--det-side", type=int, help="detection's longest side (px); default EngineSettings'")
    ap.add_argument("--rec-pad", type=float, help="share of a line's height added before recognition; default EngineSettings'")
    ap.add_argument("--dpi", type=int, help="rendering resolution for OCR; default OCRConfig's")
    ap.add_argument("--tag", default="", help="a name for these settings: their own cache beside the scans")
    a = ap.parse_args()
    ocr_cfg: dict = {}
    if a.det_side or a.rec_pad is not None:
        from bulletin_pipeline.ingest.ocr.engine import EngineSettings
        ocr_cfg["settings"] = EngineSettings(**{k: v for k, v in (("det_side", a.det_side), ("rec_pad", a.rec_pad))
                                                if v is not None})
    if a.dpi:
        ocr_cfg["dpi"] = a.dpi
    lo, _, hi = a.pages.partition("-")
    pages = range(int(lo) - 1, int(hi or lo))
    scans = Path(a.scans)
    scans.mkdir(parents=True, exist_ok=True)
    source = Path(a.source)
    text_pdf = slice_pdf(source, pages, scans / f"{source.stem}-text-p{a.pages}.pdf")
    ref = page_texts(load(text_pdf)[0])
    jobs = []
    names = [n for n in make_scan.VARIED if not a.only or n in a.only.split(",")]
    for name in names:
        scan = scans / f"{source.stem}-{name}-p{a.pages}.pdf"
        if not scan.exists():
            make_scan.make(source, scan, pages=pages, spoil=make_scan.VARIED[name])
        jobs.append((scan, ref, a.docs))
    if a.real:
        real_ref = page_texts(load(slice_pdf(ROOT / "corpus" / "lcszfgb-2019-11.pdf", range(0, 5),
                                             scans / "lcszfgb-2019-11-text-p1-5.pdf"))[0])
        jobs.insert(0, (ROOT / "corpus" / "lcszfgb-2019-11-scan-p1-5.pdf", real_ref, "d1"))
    rows = []
    with tempfile.TemporaryDirectory() as out:
        # the text PDF itself: what the scans are measured against
        issue, _ = run(text_pdf)
        t = kb_write.write_issue(issue, Path(out) / "text", index=False)
        cmd = [sys.executable, str(SCORE), str(t), a.gold, "--docs", a.docs]
        print(f"text layer {text_pdf.name}: " + " ".join(
            l.split()[-1] for l in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()
            if l.startswith(("toc_", "document_", "obligations_F1", "overall"))), flush=True)
        for scan, r, docs in jobs:
            for engine in a.engines.split(","):
                if not ocr.available(engine=engine):
                    print(f"{engine}: not installed", flush=True)
                    continue
                row = measure(scan, r, engine, Path(a.gold), docs, Path(out) / f"{scan.stem}-{engine}", scans,
                              ocr_cfg, a.tag)
                rows.append(row)
                print(f"{row['scan']:<44} {engine:<10} toc {row['toc']:.3f} fields {row['fields']:.3f} "
                      f"obligations {row['obligations']:.3f} overall {row['overall']:.3f} "
                      f"CER {100 * row['cer']:.2f}% cpu/page {row['cpu_per_page']:.1f}s wall/page {row['wall_per_page']:.1f}s "
                      f"{','.join(row['warnings'])}",
                      flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
