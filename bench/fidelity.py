"""Reading-order fidelity: share of truth paragraphs (>= 12 chars) found verbatim (whitespace removed)
in the reconstructed text.  usage: python bench/fidelity.py PDF TRUTH_JSON [--docs ISSUE_JSON]"""
import json, re, sys
from pathlib import Path

def norm(s):
    return re.sub(r"\s+", "", s)

def main():
    pdf, truth = Path(sys.argv[1]), json.load(open(sys.argv[2], encoding="utf-8"))
    from bulletin_pipeline.ingest.pdf import read_pages
    from bulletin_pipeline import layout
    raw = list(read_pages(pdf))
    pages, paras = layout.lay_out(raw)
    text = norm("\n".join(p.text for p in paras))
    tot = ok = 0
    miss = []
    for d in truth["documents"]:
        for p in d["paragraphs"]:
            if len(norm(p)) < 12:
                continue
            tot += 1
            if norm(p) in text:
                ok += 1
            else:
                miss.append((d["id"], p[:80]))
    print(f"fidelity {ok}/{tot} = {ok / tot:.4f}")
    for m in miss[:40]:
        print("  MISS", *m)

if __name__ == "__main__":
    main()
