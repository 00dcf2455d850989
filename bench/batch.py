"""Batch throughput: N distinct copies of the bundled PDF with 1 and 2 workers (same run), and OCR cost.

usage: python bench/batch.py [--copies N] [--ocr]
"""
import argparse, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--ocr", action="store_true", help="also time OCR of the scanned excerpt (no cache)")
    a = ap.parse_args()
    from bulletin_pipeline.batch import BatchConfig, run_batch
    data = (ROOT / "corpus" / "lcszfgb-2019-11.pdf").read_bytes()
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in"
        src.mkdir()
        for i in range(a.copies):     # distinct bytes, same content: nothing is skipped
            (src / f"issue{i:03d}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
        inputs = sorted(src.glob("*.pdf"))
        res = {}
        for jobs in (1, 2):
            out = Path(d) / f"out{jobs}"
            t = time.perf_counter()
            recs = run_batch(inputs, BatchConfig(outdir=out, jobs=jobs, timeout=300))
            dt = time.perf_counter() - t
            pages = sum(r["pages"] or 0 for r in recs)
            assert all(r["status"] == "ok" for r in recs), recs
            res[jobs] = (dt, pages / dt, len(recs) / dt)
            print(f"{jobs} worker(s): {len(recs)} files, {pages} pages in {dt:6.2f} s  "
                  f"-> {pages / dt:6.1f} pages/s, {len(recs) / dt:5.2f} files/s")
        print(f"scaling 2 vs 1 worker: {res[2][1] / res[1][1]:.2f}x  (goal >= 1.8)")
        if a.ocr:
            from bulletin_pipeline.ingest.ocr import OCRConfig
            from bulletin_pipeline.pipeline import RunConfig, run
            scan = ROOT / "corpus" / "lcszfgb-2019-11-scan-p1-5.pdf"
            t = time.perf_counter()
            issue, pages = run(scan, RunConfig(ocr=OCRConfig(cache_dir=Path(d) / "ocr")))
            dt = time.perf_counter() - t
            print(f"OCR: {len(pages)} scanned pages in {dt:.1f} s -> {dt / len(pages):.2f} s/page (tesseract chi_sim, 200 dpi)")
            t = time.perf_counter()
            run(scan, RunConfig(ocr=OCRConfig(cache_dir=Path(d) / "ocr")))
            print(f"OCR again from the page-image cache: {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
