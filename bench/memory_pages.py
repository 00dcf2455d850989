"""Peak memory against page count, measured as a user pays it: whole `bulletin run` processes.

usage: python bench/memory_pages.py [--copies 1 4 16 56]

The bundled 36-page issue repeated 1, 4, 16 and 56 times (36 to 2,016 pages) goes through
`bulletin run PDF -o TMP --no-index --no-ocr`; for each the wall time, CPU time and peak RSS, and the RSS
added per page beyond the smallest.  Pages are read, OCR'd and laid out in runs (RunConfig.chunk_pages), and a
file of more than a run and a half is read a window at a time (Pipeline.process_long: documents built,
extracted and put to disk as they settle), the readers reopening the file as they go.  Measured: 79 MB at 36
pages, 102 at 144, 131 at 576, 144 at 2,016 and 148 at 4,032 (79, 100, 132 and 242 MB up to 2,016 while the
issue and the layout lines of the whole file were held to the end).
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from speed import BULLETIN, PDF36, measure


def repeated_apart(times: int, dest: Path) -> Path:
    """speed.repeated, made in a process of its own: a child's peak RSS counts what it inherited when it was
    forked (Linux keeps ru_maxrss across exec), so this process must not grow by the PDFs it makes."""
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
                    "from speed import PDF36, repeated; repeated(PDF36, int(sys.argv[2]), Path(sys.argv[3]))",
                    str(Path(__file__).resolve().parent), str(times), str(dest)], check=True)
    return dest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16, 56])
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed for each run")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        rows = []
        for n in a.copies:
            pdf = PDF36 if n == 1 else repeated_apart(n, d / f"x{36 * n}.pdf")
            wall, cpu, rss = measure(BULLETIN + ["run", str(pdf), "-o", str(d / f"out{n}"), "--no-index", "--no-ocr",
                                                 "--timeout", str(a.timeout), "--memory-mb", "0",
                                                 "--max-pages", "5000"])
            rows.append((36 * n, wall, cpu, rss))
        base_pages, _, _, base_rss = rows[0]
        print(f"{'pages':>6} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'MB/page':>8}")
        for pages, wall, cpu, rss in rows:
            per = (rss - base_rss) / (pages - base_pages) if pages > base_pages else 0.0
            print(f"{pages:>6} {wall:>8.1f} {cpu:>8.1f} {rss:>8.0f} {per:>8.3f}")


if __name__ == "__main__":
    main()
