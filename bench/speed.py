"""Speed, measured as a user pays it: whole processes (interpreter start, imports, the work, writing).

usage: python bench/speed.py [--repeat N] [--copies N] [--skip-batch] [--backend pdfium|pdfplumber]

For the bundled 36-page PDF and the same issue repeated to 144 pages, in rounds run back to back (so a
slower moment of the machine affects every measure of a round alike; which of the three starts a round turns):
  - `bulletin run PDF -o TMP --no-ocr`          (the pipeline, index included; --backend passed on when given)
  - a bare pdfplumber char pass                  (python -c: len(page.chars) over all pages)
  - pdfplumber extract_text                      (python -c: what a Python user would reach for)
Each: wall s, CPU s (user+sys of the process and its children) and peak RSS (MB), median of N rounds; the
ratios are taken round by round and their median is printed (with each round's, against extract_text).  Then `bulletin --help`, and pages per second
of `bulletin batch` over N copies of the PDF (24 by default) with 1 and 2 workers, the two batches of a round
back to back (which goes first alternates) and the scaling taken round by round.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF36 = ROOT / "corpus" / "lcszfgb-2019-11.pdf"
BULLETIN = [sys.executable, "-m", "bulletin_pipeline.cli"]
CHAR_PASS = "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as d: print(sum(len(p.chars) for p in d.pages))"
EXTRACT_TEXT = ("import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as d:\n"
                " print(sum(len(p.extract_text() or '') for p in d.pages))")


# As a user runs it: an installed package has its bytecode compiled (pip compiles at install), so a session
# that sets PYTHONDONTWRITEBYTECODE would time the compiler on every run; main() runs each command once first.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MB) of one whole process (its waited children included)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed with {p.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def repeated(src: Path, times: int, dest: Path) -> Path:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument.new()
    s = pdfium.PdfDocument(str(src))
    for _ in range(times):
        doc.import_pages(s)
    doc.save(str(dest))
    return dest


def row(name: str, ms: list[tuple[float, float, float]]) -> str:
    w, c, m = (statistics.median(x[i] for x in ms) for i in range(3))
    return f"  {name:<26} wall {w:6.2f} s   cpu {c:6.2f} s   peak {m:6.0f} MB"


def ratio(a, b, i=1) -> float:
    return statistics.median(x[i] / y[i] for x, y in zip(a, b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    # a batch reprocesses an archive (hundreds of files) and pays about a second that does not run in
    # parallel (the command's start, the fork server's warm-up) once: with 4 or 8 files that second is a
    # sixth to an eighth of a two-worker batch; 24 files (864 pages) keep a round near a minute and a half
    ap.add_argument("--copies", type=int, default=24, help="files per batch measure (default 24)")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--backend", choices=("pdfium", "pdfplumber"),
                    help="reader of the text layer (default: the package's)")
    a = ap.parse_args()
    backend = ["--backend", a.backend] if a.backend else []
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        pdfs = {36: PDF36, 144: repeated(PDF36, 4, d / "x144.pdf")}
        measure(BULLETIN + ["run", str(PDF36), "-o", str(d / "warm"), "--no-ocr", "-q"] + backend)
        measure([sys.executable, "-c", EXTRACT_TEXT, str(PDF36)])     # bytecode written, caches warm
        for pages, pdf in pdfs.items():
            runs, chars, texts = [], [], []
            for k in range(a.repeat):
                cmds = [(runs, BULLETIN + ["run", str(pdf), "-o", str(d / f"o{pages}-{k}"), "--no-ocr", "-q"]
                         + backend),
                        (chars, [sys.executable, "-c", CHAR_PASS, str(pdf)]),
                        (texts, [sys.executable, "-c", EXTRACT_TEXT, str(pdf)])]
                # the three in a round start in turn (run, pass, text; pass, text, run; ...): a machine that
                # slows down during a round slows each of them last as often as first
                for out, cmd in cmds[k % 3:] + cmds[:k % 3]:
                    out.append(measure(cmd))
            print(f"{pages} pages (median of {a.repeat} rounds){' --backend ' + a.backend if a.backend else ''}")
            print(row("bulletin run", runs))
            print(row("pdfplumber char pass", chars))
            print(row("pdfplumber extract_text", texts))
            print(f"  run / char pass        cpu {ratio(runs, chars):5.2f}x  wall {ratio(runs, chars, 0):5.2f}x")
            print(f"  run / extract_text     cpu {ratio(runs, texts):5.2f}x  wall {ratio(runs, texts, 0):5.2f}x"
                  f"   (goal <= {1.0 if pages == 36 else 0.8}; rounds, wall: "
                  f"{' '.join(f'{x[0] / y[0]:.2f}' for x, y in zip(runs, texts))})")
        helps = [measure(BULLETIN + ["--help"]) for _ in range(a.repeat)]
        print(row("bulletin --help", helps) + "   (goal wall <= 0.3 s)")
        if a.skip_batch:
            return
        src = d / "in"
        src.mkdir()
        data = PDF36.read_bytes()
        # distinct bytes, same content: nothing is skipped; copies of one issue are one issue to the KB, so
        # --replace makes every copy a full commit, as distinct issues would be
        for i in range(a.copies):
            (src / f"issue{i:03d}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
        # one round is a batch with 1 worker and one with 2, back to back, in alternating order (1 2, 2 1, ...):
        # the machine's speed drifts over minutes, and a ratio of batches minutes apart measures the drift too
        pps: dict[int, list[float]] = {1: [], 2: []}
        for k in range(a.repeat):
            for jobs in ((1, 2) if k % 2 == 0 else (2, 1)):
                m = measure(BULLETIN + ["batch", str(src), "-o", str(d / f"b{jobs}-{k}"), "--jobs", str(jobs),
                                        "--no-ocr", "--replace"] + backend)
                pps[jobs].append(36 * a.copies / m[0])
        for jobs in (1, 2):
            print(f"batch --jobs {jobs}: {statistics.median(pps[jobs]):6.1f} pages/s  ({a.copies} x 36 pages)")
        rounds = [x / y for x, y in zip(pps[2], pps[1])]
        print(f"batch scaling 2 vs 1 worker: {statistics.median(rounds):.2f}x"
              f"  (goal >= 1.8; this machine has {os.cpu_count()} cores; rounds: "
              f"{' '.join(f'{r:.2f}' for r in rounds)})")


if __name__ == "__main__":
    main()
