"""Speed: the bare pdfplumber char pass against the pipeline, measured in the same run on the same PDF.

usage: python bench/speed.py [PDF] [--repeat N]
Prints the bare pass (len(page.chars) over all pages), ingest+layout+write, the whole pipeline
(`bulletin run` in process: + structure, extraction, JSON/XML validation, SQLite index) and both ratios
(median of per-round ratios),
plus peak memory (ru_maxrss) and the time of `bulletin --help` in a fresh interpreter.
"""
import argparse, json, resource, subprocess, sys, tempfile, time
from pathlib import Path


def bare(pdf):
    import pdfplumber
    t = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        n = sum(len(p.chars) for p in doc.pages)
    return time.perf_counter() - t, n


def layout_only(pdf, out):
    from bulletin_pipeline import layout
    from bulletin_pipeline.ingest.pdf import read_pages, sha256_file
    from bulletin_pipeline.kb.json_out import atomic_write
    t = time.perf_counter()
    raw = list(read_pages(Path(pdf)))
    pages, paras = layout.run(raw)
    data = {"source": {"path": str(pdf), "sha256": sha256_file(Path(pdf)), "page_count": len(raw)},
            "paragraphs": [p.model_dump(mode="json") for p in paras]}
    atomic_write(Path(out) / "layout.json", json.dumps(data, ensure_ascii=False))
    return time.perf_counter() - t


def full(pdf, out):
    from bulletin_pipeline.kb.write import write_issue
    from bulletin_pipeline.pipeline import run
    t = time.perf_counter()
    issue, _ = run(pdf)
    write_issue(issue, Path(out))
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(Path(__file__).parents[1] / "corpus" / "lcszfgb-2019-11.pdf"))
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bulletin_pipeline.cli", "--help"], check=True, capture_output=True)
    help_t = time.perf_counter() - t0
    # warm imports and caches once so every measure is steady-state; then rounds of (bare, layout, full)
    # back to back, so that a slower or faster moment of the machine affects all three alike: the ratios
    # are taken per round and their median is reported
    import statistics
    with tempfile.TemporaryDirectory() as d:
        full(a.pdf, d)
        rounds = []
        for _ in range(a.repeat):
            b = bare(a.pdf)[0]
            rounds.append((b, layout_only(a.pdf, d), full(a.pdf, d)))
    b = statistics.median(r[0] for r in rounds)
    l = statistics.median(r[1] for r in rounds)
    f = statistics.median(r[2] for r in rounds)
    rl = statistics.median(r[1] / r[0] for r in rounds)
    rf = statistics.median(r[2] / r[0] for r in rounds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare pdfplumber char pass   {b:7.3f} s   (median of {a.repeat} rounds)")
    print(f"ingest + layout + write     {l:7.3f} s   ratio {rl:5.2f}  (goal <= 1.3)")
    print(f"whole pipeline              {f:7.3f} s   ratio {rf:5.2f}  (goal <= 1.5)")
    print(f"peak memory (this process)  {peak:7.0f} MB  (goal <= 400)")
    print(f"bulletin --help             {help_t:7.3f} s   (goal <= 0.3)")


if __name__ == "__main__":
    main()
