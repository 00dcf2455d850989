"""Latency goals: KB search (<= 50 ms), skipping an unchanged batch (< 2 s), edition index render (< 1 s).

usage: python bench/kb_edition.py
"""
import shutil, statistics, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PDF = ROOT / "corpus" / "lcszfgb-2019-11.pdf"


def main():
    from bulletin_pipeline.batch import BatchConfig, run_batch
    from bulletin_pipeline.edition import build
    from bulletin_pipeline.kb.query import open_db, search
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "out"
        run_batch([PDF], BatchConfig(outdir=out, jobs=1))
        con = open_db(out / "kb.sqlite")
        search(con, "秸秆")          # load the segmenter once
        times = []
        for q in ["秸秆", "禁烧", "秸秆禁烧", "排污许可", "农机装备", "住房租赁补贴", "风险监测", "铁路专用线"] * 5:
            t = time.perf_counter()
            search(con, q)
            times.append((time.perf_counter() - t) * 1000)
        print(f"search: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms  (goal <= 50 ms)")
        t = time.perf_counter()
        recs = run_batch([PDF], BatchConfig(outdir=out, jobs=1))
        assert recs[0]["status"] == "skipped"
        print(f"batch re-run of an unchanged input: {time.perf_counter() - t:.2f} s  (goal < 2 s)")
        site = build(out / recs[0]["issue_id"], Path(d) / "site", PDF, images=False)
        chromium = shutil.which("chromium")
        if chromium:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                      "--disable-background-networking", "--no-first-run"])
                page = b.new_page()
                page.goto(site.as_uri())
                t = time.perf_counter()
                page.goto(site.as_uri())
                page.wait_for_load_state("load")
                print(f"edition index render from file://: {(time.perf_counter() - t) * 1000:.0f} ms  (goal < 1 s)")
                b.close()


if __name__ == "__main__":
    main()
