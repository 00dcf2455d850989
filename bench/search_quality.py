"""Search quality of the knowledge base's full-text index on one issue.

For each query, the provisions that truly match are those whose text contains every word of the query
(jieba's cut, the way a reader splits it); the search's answer is scored against them (precision, recall).

usage: python bench/search_quality.py OUT/kb.sqlite [QUERY ...]
"""
from __future__ import annotations

import sqlite3
import sys
import time

from bulletin_pipeline.kb.query import search
from bulletin_pipeline.lexicon import Resources

QUERIES = ("秸秆", "禁烧", "秸秆禁烧", "露天焚烧", "排污许可", "机械化", "农业机械化", "生态环境局", "扬尘",
           "进出口商品", "风险预警", "大气污染防治", "财政", "补贴", "PM2.5")


def main(db: str, queries: tuple[str, ...]) -> None:
    res = Resources()
    tok = res.tokenizer
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    texts = {r["key"]: r["text"] for r in con.execute("SELECT key, text FROM provisions")}
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for q in queries:
        words = [w for w in tok.cut(q) if w.strip()]
        truth = {k for k, t in texts.items() if all(w in t for w in words)}
        got = {r["key"] for r in search(con, q, limit=10_000, resources=res)}
        a, b, c = len(truth & got), len(got - truth), len(truth - got)
        tp, fp, fn = tp + a, fp + b, fn + c
        print(f"{q:12s} truth {len(truth):3d}  found {len(got):3d}  missed {c:3d}  extra {b:3d}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"precision {p:.3f}  recall {r:.3f}  ({(time.perf_counter() - t0) * 1000 / len(queries):.1f} ms/query)")


if __name__ == "__main__":
    main(sys.argv[1], tuple(sys.argv[2:]) or QUERIES)
