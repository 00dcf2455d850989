"""Is joining a table broken over many pages linear in the pages?  Times layout on 50 and 200 pages of one
ruled table (40 rows, a repeated header) and prints the ratio (linear: about 4).

usage: python bench/table_linear.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bulletin_pipeline import layout  # noqa: E402
from test_tables import _grid_page  # noqa: E402


def timed(pages: int, rounds: int = 3) -> float:
    raw = [_grid_page(i + 1, 40, 5, header=True) for i in range(pages)]
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        layout.lay_out(raw)
        best = min(best, time.perf_counter() - t)
    return best


if __name__ == "__main__":
    t50, t200 = timed(50), timed(200)
    print(f"50 pages {t50:.2f} s, 200 pages {t200:.2f} s: ratio {t200 / t50:.1f} (linear: about 4)")
