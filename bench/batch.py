"""Batch throughput and where its CPU goes: N distinct copies of the bundled PDF with 1 and 2 workers.

Each batch runs in a fresh process (as `bulletin batch` does: the fork server starts and warms up in it).
Besides wall-clock scaling, which only an idle machine measures, it reports the CPU seconds of
  - the fork server's warm-up (paid once, before the first file can start),
  - the workers (the per-file processes, reaped by the fork server),
  - the batch process itself (publishing each file: the KB transaction, the manifest, the report),
and the speed-up those shares allow on two idle cores: with 1 worker the batch process publishes on the
other core, with 2 workers the three share two cores, so
    T1 = warm-up + N * max(W, P)        T2 = warm-up + N * (W + P) / 2
(W, P: CPU seconds per file of a worker and of the batch process; P is measured between the first file's
end and the last's, so the batch process's own start-up, which overlaps the warm-up, is not in it).
Copies of one issue are one issue to the knowledge base, so --replace makes every copy a full commit, as N
distinct issues would be (the report says how many were committed); the batch process then also reads the
issue.json a copy replaces (to judge completeness), which N distinct issues would not.

usage: python bench/batch.py [--copies N] [--repeat R] [--ocr]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ticks(pid: int) -> tuple[float, float]:
    """(own, reaped children) CPU seconds of a process, from /proc."""
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    hz = os.sysconf("SC_CLK_TCK")
    return (int(f[11]) + int(f[12])) / hz, (int(f[13]) + int(f[14])) / hz


def one(src: Path, out: Path, jobs: int, ocr: bool) -> dict:
    """One batch in this (fresh) process; the CPU shares as a dict."""
    from multiprocessing import forkserver
    from bulletin_pipeline.batch import BatchConfig, run_batch
    t = time.perf_counter()
    ends = []       # this process's CPU seconds as each file is committed
    recs = run_batch(sorted(src.glob("*.pdf")), BatchConfig(outdir=out, jobs=jobs, timeout=600, ocr=ocr,
                                                            replace=True),
                     progress=lambda rec: ends.append(time.process_time()))
    wall = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_SELF)
    warm, workers = _ticks(forkserver._forkserver._forkserver_pid)
    bad = [r for r in recs if r["status"] not in ("ok", "duplicate")]
    assert not bad, bad
    return {"wall": wall, "files": len(recs), "pages": sum(r["pages"] or 0 for r in recs),
            "parent": usage.ru_utime + usage.ru_stime, "warm": warm, "workers": workers,
            # the batch process's CPU per file once files flow (receiving, deciding, committing), start-up excluded
            "per_file": (ends[-1] - ends[0]) / (len(ends) - 1) if len(ends) > 1 else None,
            "committed": sum(r["status"] == "ok" for r in recs)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--ocr", action="store_true", help="let the batch OCR (its fork server loads jieba too)")
    ap.add_argument("--one", nargs=3, metavar=("SRC", "OUT", "JOBS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(Path(a.one[0]), Path(a.one[1]), int(a.one[2]), a.ocr)))
        return
    data = (ROOT / "corpus" / "lcszfgb-2019-11.pdf").read_bytes()
    runs: dict[int, list[dict]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in"
        src.mkdir()
        for i in range(a.copies):     # distinct bytes, same content: nothing is skipped
            (src / f"issue{i:03d}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
        for k in range(a.repeat):
            for jobs in (1, 2):
                cmd = [sys.executable, __file__, "--one", str(src), str(Path(d) / f"out{jobs}-{k}"), str(jobs)]
                out = subprocess.run(cmd + (["--ocr"] if a.ocr else []), capture_output=True, text=True, check=True,
                                     env=dict(os.environ, PYTHONPATH=str(ROOT)))
                r = json.loads(out.stdout.strip().splitlines()[-1])
                runs[jobs].append(r)
                print(f"{jobs} worker(s): {r['files']} files, {r['pages']} pages in {r['wall']:6.2f} s "
                      f"-> {r['pages'] / r['wall']:6.1f} pages/s; CPU s: warm-up {r['warm']:.2f}, "
                      f"workers {r['workers']:.2f} ({r['workers'] / r['files']:.2f}/file), "
                      f"batch process {r['parent']:.2f} ({r['parent'] / r['files']:.2f}/file, "
                      f"{r['per_file'] or 0:.3f}/file between the first file's end and the last's); "
                      f"{r['committed']} of {r['files']} committed")
    scaling = statistics.median(b["pages"] / b["wall"] / (a_["pages"] / a_["wall"]) for a_, b in zip(runs[1], runs[2]))
    print(f"measured scaling 2 vs 1 worker: {scaling:.2f}x  (goal >= 1.8; wall-clock: needs an idle machine)")
    rs = runs[1] + runs[2]
    warm = statistics.median(r["warm"] for r in rs)
    w = statistics.median(r["workers"] / r["files"] for r in rs)
    p = statistics.median(r["per_file"] if r["per_file"] is not None else r["parent"] / r["files"] for r in rs)
    n = a.copies
    t1, t2 = warm + n * max(w, p), warm + n * (w + p) / 2
    print(f"from CPU shares (warm-up {warm:.2f} s, W {w:.2f} s/file, P {p:.2f} s/file): "
          f"{n} files {t1 / t2:.2f}x, many files {2 * max(w, p) / (w + p):.2f}x on two idle cores")


if __name__ == "__main__":
    main()
