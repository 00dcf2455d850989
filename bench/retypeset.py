"""The two dev issues set anew by another typesetter: html_gazette.py's HTML and CSS printed by headless
Chromium, in each of its styles, then run through the pipeline and scored with ../shared/eval/score.py against
a copy of the dev gold whose 目录 page numbers and start pages are the ones set here (everything else as is).

聊城 2019-11: each document's paragraphs from corpus/lcszfgb-2019-11.text.json (主送, 署名 and date are among
them), heads (title, 文号, issuers, date, section, 目录 title) from gold/lcszfgb-2019-11/toc.json.
policy-dev 2024-02: the policy50 rows named in gold/policy-dev-2024-02/README.md, prepared as it says (web
furniture removed, nothing reworded), heads from its toc.json.

Dev aid: reads ../shared (corpus, gold, realworld); needs `chromium` on the PATH.

usage: retypeset.py [STYLE ...] [--issue lcszfgb|policy-dev] [--out DIR]
"""
import argparse, json, re, subprocess, sys, tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import html_gazette as hg          # noqa: E402  (the renderer is reused, not copied)

# ../shared beside the repo (a worktree may sit one level deeper)
SHARED = next((q / "shared" for q in Path(__file__).resolve().parents[1:] if (q / "shared" / "gold").is_dir()),
              Path(__file__).resolve().parents[2] / "shared")
GOLD = SHARED / "gold"
MEASURES = ("toc_entries_exact", "document_fields_exact", "citations_F1", "obligations_F1", "deadlines_F1",
            "targets_F1", "target_indicators_charF1")
SHORT = ("toc", "fields", "citations", "obligations", "deadlines", "targets", "indicators")
# a 成文日期 line, in Arabic or Chinese numerals
DATE_LINE = re.compile(r"^[0-9○〇零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
# web-page furniture of the policy50 texts (README: 索引号/发布机构/文号/日期/来源/浏览次数/字体 lines, p1, p4)
FURNITURE = re.compile(r"^(索引号|发布机构|文号：|文号:|有效性|日期：|来源：|浏览次数|字体：|打印\s*关闭$|扫一扫在手机打开当前页$)|"
                       r"\.(pdf|doc|docx)$|^（此件公开发布）$")
# policy50 row of each policy-dev document (README table)
POLICY_ROWS = {"p3": 32, "p1": 24, "p5": 38, "p2": 48, "p4": 29, "p6": 42}
# stray spaces inside words removed by the README's preparation (p3, p4)
STRAY = (("各加\u3000油站", "各加油站"), ("考试点 （", "考试点（"))


def classify(lines, issuers, chronicle):
    """(kind, text) for html_gazette: 主送 first, 署名/date lines flush right, the title of an attached text
    (the short line after the date) centred."""
    out, after_date = [], False
    for i, x in enumerate(lines):
        if chronicle:
            out.append(("p", x))
        elif i == 0 and x.endswith("："):
            out.append(("a", x))
        elif DATE_LINE.match(x) or (x in issuers) or (len(x) < 12 and x.startswith(("省长", "市长", "主任")) and
                                                     i + 1 < len(lines) and DATE_LINE.match(lines[i + 1])):
            out.append(("sig", x))
            after_date = bool(DATE_LINE.match(x))
            continue
        elif after_date and len(x) < 60 and "。" not in x:
            out.append(("h", x))
        else:
            out.append(("p", x))
        after_date = False
    return out


def toc_titles(toc):
    """The 目录 title of each document: the gold lists the 目录 in the documents' order."""
    assert [e["doc_number"] for e in toc["toc"]] == [d["doc_number"] for d in toc["documents"]]
    return [e["title"] for e in toc["toc"]]


def head(g, toc_title):
    return dict(title=g["title"], toc_title=toc_title, doc_number=g["doc_number"], section=g["section"],
                issuers=g.get("issuers") or [], date=g.get("date"))


def lcszfgb_issue():
    toc = json.loads((GOLD / "lcszfgb-2019-11" / "toc.json").read_text(encoding="utf-8"))
    text = {d["id"]: d["paragraphs"] for d in
            json.loads((SHARED / "corpus" / "lcszfgb-2019-11.text.json").read_text(encoding="utf-8"))["documents"]}
    tt = toc_titles(toc)
    docs = []
    for g, t in zip(toc["documents"], tt):
        d = head(g, t)
        paras = list(text[g["id"]])
        chronicle = not g["doc_number"] and not g.get("issuers")
        if chronicle and paras and paras[0] == g["title"]:
            paras = paras[1:]                   # the 大事记's title is its first truth paragraph
        d["layout"] = "chronicle" if chronicle else None
        d["paras"] = classify(paras, d["issuers"], chronicle)
        docs.append(d)
    i = toc["issue"]
    return dict(gazette=i["gazette"], year=i["year"], number=i["number"], total=i["total_number"], documents=docs)


def policy_lines(row, g):
    body = row["Body"]
    for a, b in STRAY:
        body = body.replace(a, b)
    lines = [x.strip() for x in body.split("\n")]
    lines = [x for x in lines if x and not FURNITURE.search(x)]
    title = re.sub(r"^\[[^\]]*\]", "", row["Title"])
    drop = {g["title"], title, g["doc_number"]}
    k = 0                                        # the head lines (文号, title) are set by the masthead
    while k < len(lines) and lines[k] in drop:
        k += 1
    return lines[k:]


def policy_issue():
    toc = json.loads((GOLD / "policy-dev-2024-02" / "toc.json").read_text(encoding="utf-8"))
    rows = [json.loads(x) for x in open(SHARED / "realworld" / "policy50.jsonl", encoding="utf-8")]
    tt = toc_titles(toc)
    docs = []
    for g, t in zip(toc["documents"], tt):
        d = head(g, t)
        lines = policy_lines(rows[POLICY_ROWS[g["id"]]], g)
        chronicle = not g.get("issuers")
        d["layout"] = "chronicle" if chronicle else ("order" if g.get("doc_type") == "令" else None)
        d["paras"] = classify(lines, d["issuers"], chronicle)
        docs.append(d)
    i = toc["issue"]
    return dict(gazette=i["gazette"], year=i["year"], number=i["number"], total=i["total_number"], documents=docs)


ISSUES = {"lcszfgb": ("lcszfgb-2019-11", lcszfgb_issue), "policy-dev": ("policy-dev-2024-02", policy_issue)}


def gold_copy(gold_dir, starts, dst):
    """The dev gold with the 目录 pages and start pages set here; no continuations (the styles run none)."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in gold_dir.glob("*.json"):
        dst.joinpath(f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    toc = json.loads((gold_dir / "toc.json").read_text(encoding="utf-8"))
    for e, p in zip(toc["toc"], starts):
        e["page"] = p
    for d, p in zip(toc["documents"], starts):
        d["start_page"] = p
        d["continued_pages"] = []
    (dst / "toc.json").write_text(json.dumps(toc, ensure_ascii=False, indent=1), encoding="utf-8")


def score(pdf, gold, work):
    out = work / (pdf.stem + "-kb")
    r = subprocess.run(["bulletin", "run", str(pdf), "-o", str(out), "--no-index"], capture_output=True, text=True)
    if r.returncode:
        return {"error": r.stderr[-300:]}
    issue = next(out.rglob("issue.json"))
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(issue), str(gold), "--json"],
                       capture_output=True, text=True)
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("styles", nargs="*", default=list(hg.STYLES))
    ap.add_argument("--issue", choices=list(ISSUES), action="append")
    ap.add_argument("--out", default=None, help="keep PDFs, gold copies and outputs here")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(a.out or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for key in a.issue or list(ISSUES):
            name, build = ISSUES[key]
            issue = build()
            print(f"\n{name}\n{'style':22s}" + "".join(f"{s:>12s}" for s in SHORT))
            for style in a.styles:
                pdf = work / f"{key}-{style}.pdf"
                starts = hg.make(issue, hg.STYLES[style], pdf)
                gold = work / f"{key}-{style}-gold"
                gold_copy(GOLD / name, starts, gold)
                s = score(pdf, gold, work)
                if "error" in s:
                    print(f"{style:22s} run failed: {s['error']}")
                    continue
                print(f"{style:22s}" + "".join(f"{s.get(m, float('nan')):12.3f}" for m in MEASURES) +
                      f"   pages {starts}", flush=True)


if __name__ == "__main__":
    main()
