"""What writing an issue costs, apart from reading it: CPU and the memory the writer adds to a run.

usage: python bench/writer.py [--copies 1 4 16] [--repeat 5] [--no-index]

The bundled 36-page issue repeated 1, 4, 16 times is processed once (not timed); then the issue is written
(kb.identity.write_checked: issue.json, issue.xml, the KB unless --no-index) `--repeat` times into fresh
folders.  For each size: the median CPU seconds of a write (the first, which compiles the validators and
imports the writers, apart), and the peak RSS the first write adds to the process (the kernel's high-water
mark is reset before it, so the stages before writing do not count).
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from speed import PDF36, repeated


def _status(key: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:    # 5: reset the peak RSS (VmHWM) to the current RSS
        f.write("5")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-index", action="store_true")
    a = ap.parse_args()
    import gc

    from bulletin_pipeline.kb.identity import write_checked
    from bulletin_pipeline.pipeline import Pipeline, RunConfig
    print(f"{'pages':>6} {'first s':>8} {'write s':>8} {'rss MB':>7} {'+peak MB':>9}")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        for n in a.copies:
            pdf = PDF36 if n == 1 else repeated(PDF36, n, d / f"x{36 * n}.pdf")
            issue = Pipeline(RunConfig.from_options(ocr=False, max_pages=5000)).process(pdf).issue
            gc.collect()
            _reset_peak()
            rss = _status("VmRSS")
            t = time.process_time()
            write_checked(issue, d / f"out{n}-0", index=not a.no_index)
            first = time.process_time() - t
            added = _status("VmHWM") - rss
            times = []
            for i in range(a.repeat):
                t = time.process_time()
                write_checked(issue, d / f"out{n}-{i + 1}", index=not a.no_index)
                times.append(time.process_time() - t)
            print(f"{36 * n:>6} {first:>8.2f} {statistics.median(times):>8.2f} {rss:>7.0f} {added:>9.0f}")
            del issue
            gc.collect()


if __name__ == "__main__":
    main()
