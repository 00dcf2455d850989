"""Gazettes set by another typesetter: HTML and CSS printed by headless Chromium (Skia's PDF), from real
State Council texts (dev aid, reads ../shared/realworld; needs a `chromium` on the PATH).

Each style sets a cover page, a 目录 whose leaders are drawn borders (no leader glyphs), documents with red
mastheads, 文号, centred titles, text in one or two CSS columns (balanced by the browser), 署名 and date, and
page numbers and running headers in @page margin boxes.  The 目录's page numbers come from a first print.
The pipeline's 目录, fields and text are compared with what was set.

usage: html_gazette.py [STYLE ...] [--docs N] [--skip K] [--out DIR]     (styles: a4-1col 16k-2col a4-2col-bare
       a4-1col-flow a4-1col-letter 16k-2col-titlefirst 16k-1col-bold a4-2col-flow-letter; default all)
"""
import json, re, subprocess, sys, html
from pathlib import Path
import pdfplumber

RW = Path(__file__).resolve().parents[2] / "shared" / "realworld"     # ../shared beside the repo
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def govcn_docs(n, skip=0, maxlen=6000):
    out = []
    for l in open(RW / "govcn-policies.jsonl"):
        r = json.loads(l)
        if r["has_table"] == "True" or not r["doc_number"]:
            continue
        lines = [x.strip() for x in r["body"].split("\n") if x.strip()]
        try:
            k = next(i for i, x in enumerate(lines) if x.replace(" ", "") == r["doc_number"].replace(" ", ""))
        except StopIteration:
            continue
        rest = lines[k + 1:]
        addressee = rest[0] if rest and rest[0].endswith("：") else None
        body = rest[1:] if addressee else rest
        # end: issuer line then date line
        end = next((i for i in range(len(body) - 1) if body[i] == r["issuer"] and DATE.match(body[i + 1])), None)
        if end is None:
            continue
        body = body[:end]
        if sum(map(len, body)) > maxlen or len(body) < 3:
            continue
        out.append(dict(title=r["title"], doc_number=r["doc_number"], issuer=r["issuer"], date=r["date"],
                        addressee=addressee, body=body))
    return out[skip:skip + n]


CSS = """
@page { size: %(page)s; margin: %(mt)s %(mr)s %(mb)s %(ml)s;
  @bottom-center { content: %(num)s; font-size: 14pt; font-family: "WenQuanYi Zen Hei"; }
  %(header)s }
@page :first { @bottom-center { content: none; } @top-center { content: none; } }
@page toc { @bottom-center { content: none; } @top-center { content: none; } }
body { font-family: "WenQuanYi Zen Hei"; font-size: %(body)spt; line-height: %(lead)s; margin: 0; }
.cover { text-align: center; page-break-after: always; }
.cover .name { color: #d00; font-size: 34pt; margin-top: 40mm; letter-spacing: 4pt; }
.toc { page: toc; page-break-after: always; }
.toc h2 { text-align: center; font-size: 22pt; font-weight: normal; letter-spacing: 1em; }
.toc .sec { font-size: %(secsize)spt; margin-top: 0.6em; }
.toc .e { display: flex; align-items: last baseline; font-size: %(tocsize)spt; }
.toc .t { flex: 0 1 auto; }
.toc .d { flex: 1 1 auto; border-bottom: 1.5pt dotted #000; margin: 0 0.3em 0.35em 0.3em; }
.toc .p { flex: 0 0 auto; }
.toc .n { font-size: %(tocsize)spt; padding-left: 2em; }
.doc { %(docbreak)s }
.mast { color: #d00; font-size: 30pt; text-align: center; letter-spacing: 2pt; margin-top: 6mm; }
.num { text-align: center; margin: 0.5em 0; }
.rule { border-top: 2pt solid #d00; margin: 0.3em 0 1em 0; }
h1 { font-size: %(tsize)spt; text-align: center; font-weight: %(tweight)s; margin: 0.6em 2em; line-height: 1.5; }
.cols { column-count: %(cols)s; column-gap: 2em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.a { text-indent: 0; }
p.sig { text-align: right; text-indent: 0; padding-right: 2em; }
"""


def render(issue, style, starts, out_html, out_pdf):
    num = {"dash": '"— " counter(page) " —"', "bare": 'counter(page)', "di": '"第" counter(page) "页"'}[style["num"]]
    header = ('@top-center { content: "%s　%d年第%d期"; font-size: 10.5pt; font-family: "WenQuanYi Zen Hei"; }'
              % (issue["gazette"], issue["year"], issue["number"])) if style.get("header") else ""
    css = CSS % dict(page=style["page"], mt=style.get("mt", "30mm"), mr="24mm", mb="28mm", ml="26mm", num=num,
                     header=header, body=style["body"], lead=style["lead"], secsize=style["body"] + 2,
                     tocsize=style["body"], tsize=style["body"] + 6, cols=style["cols"],
                     tweight="bold" if style.get("bold_title") else "normal",
                     docbreak="page-break-before: always;" if not style.get("flow") else "margin-top: 2em;")
    h = ["<html><head><meta charset='utf-8'><style>", css, "</style></head><body>"]
    h.append(f"<div class='cover'><div class='name'>{issue['gazette']}</div><div style='font-size:20pt;margin-top:10mm'>"
             f"{issue['year']}年第{issue['number']}期（总第{issue['total']}期）</div></div>")
    h.append("<div class='toc'><h2>目录</h2>")
    sec = None
    for d, p in zip(issue["documents"], starts):
        if d["section"] != sec:
            sec = d["section"]
            h.append(f"<div class='sec'>◎{sec}</div>")
        title = html.escape(d.get("toc_title") or d["title"])
        if not d["doc_number"]:         # a document without 文号: the title alone carries the page number
            h.append(f"<div class='e'><span class='t'>{title}</span><span class='d'></span><span class='p'>{p}</span></div>")
        elif style["toc"] == "bracket":
            h.append(f"<div class='e'><span class='t'>{title}（{d['doc_number']}）</span><span class='d'></span><span class='p'>{p}</span></div>")
        else:
            h.append(f"<div class='e'><span class='t'>{title}</span><span class='d'></span><span class='p'></span></div>")
            h.append(f"<div class='e'><span class='t' style='padding-left:2em'>{d['doc_number']}</span><span class='d' style='border:none'></span><span class='p'>{p}</span></div>")
    h.append("</div>")
    for d in issue["documents"]:
        if "paras" in d:
            h.append(_document_html(d, style))
            continue
        y, m, dd = map(int, d["date"].split("-"))
        h.append("<div class='doc'>")
        head = style.get("head", "masthead")
        if head == "masthead":          # 发文机关标志 …文件, 文号 centred under it, the red rule, the title
            h.append(f"<div class='mast'>{html.escape(d['issuer'])}文件</div>")
            h.append(f"<div class='num'>{d['doc_number']}</div><div class='rule'></div>")
            h.append(f"<h1>{html.escape(d['title'])}</h1><div class='cols'>")
        elif head == "letter":          # 信函格式: the body's name alone, the rule, 文号 flush right
            h.append(f"<div class='mast'>{html.escape(d['issuer'])}</div><div class='rule'></div>")
            h.append(f"<div class='num' style='text-align:right'>{d['doc_number']}</div>")
            h.append(f"<h1>{html.escape(d['title'])}</h1><div class='cols'>")
        else:                           # no masthead: the title, then its 文号 in brackets under it
            h.append(f"<h1>{html.escape(d['title'])}</h1><div class='num'>（{d['doc_number']}）</div>")
            h.append("<div class='cols'>")
        if d["addressee"]:
            h.append(f"<p class='a'>{html.escape(d['addressee'])}</p>")
        for p in d["body"]:
            h.append(f"<p>{html.escape(p)}</p>")
        h.append(f"<p class='sig'>{html.escape(d['issuer'])}</p><p class='sig'>{y}年{m}月{dd}日</p></div></div>")
    h.append("</body></html>")
    Path(out_html).write_text("\n".join(h), encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={out_pdf}", f"file://{out_html}"], capture_output=True, timeout=180)


def _document_html(d, style):
    """A document given as ready paragraphs: `paras` is a list of (kind, text), kind one of "a" (主送),
    "p" (body), "sig" (署名 or date, flush right), "h" (a centred heading such as an attached 方案's title).
    `issuers` (one or more bodies) make the masthead; `doc_number` may be None; `layout` "order" sets a 令
    (the body's name and 令, no 文件), "chronicle" the title alone (大事记, work plans)."""
    esc = html.escape
    out = ["<div class='doc'>"]
    layout, head = d.get("layout"), style.get("head", "masthead")
    num = d["doc_number"]
    mast = "".join(f"<div>{esc(x)}</div>" for x in d["issuers"][:-1]) + \
        f"<div>{esc(d['issuers'][-1])}{'令' if layout == 'order' else '文件'}</div>" if d.get("issuers") else ""
    if mast:        # a joint masthead's names are set to fit the measure, as printers do (never wrapped)
        width = (float(re.match(r"[\d.]+", style["page"]).group()) if "mm" in style["page"] else 210.0) - 50.0
        longest = max(len(x) for x in d["issuers"]) + 2
        size = min(30.0, width * 72 / 25.4 / longest * 0.9)
        mast = f"<div style='font-size:{size:.1f}pt'>{mast}</div>"
    if layout == "chronicle" or not mast:
        out.append(f"<h1>{esc(d['title'])}</h1>")
    elif head == "masthead":
        out.append(f"<div class='mast'>{mast}</div>" + (f"<div class='num'>{num}</div>" if num else "") +
                   f"<div class='rule'></div><h1>{esc(d['title'])}</h1>")
    elif head == "letter":
        out.append(f"<div class='mast'>{mast.replace('文件</div>', '</div>')}</div><div class='rule'></div>" +
                   (f"<div class='num' style='text-align:right'>{num}</div>" if num else "") + f"<h1>{esc(d['title'])}</h1>")
    else:
        out.append(f"<h1>{esc(d['title'])}</h1>" + (f"<div class='num'>（{num}）</div>" if num else ""))
    out[1] = f"<div style='break-inside: avoid'>{out[1]}</div>"     # a printer keeps the head on one page
    out.append("<div class='cols'>")
    for kind, text in d["paras"]:
        if kind == "h":
            out.append(f"<p class='a' style='text-align:center;margin:0.6em 0'>{esc(text)}</p>")
        else:
            out.append(f"<p class='{kind}'>{esc(text)}</p>" if kind != "p" else f"<p>{esc(text)}</p>")
    out.append("</div></div>")
    return "\n".join(out)


def find_starts(pdf, issue):
    """Each document's first page: the first page after the previous document's start (and after the cover
    and the 目录) that holds its 文号; for a document given as paragraphs, the page of its first body
    paragraph, or the page before when that one holds the head (a 目录 may run over pages and names every
    document, so its title or number alone does not find it)."""
    ns = lambda s: re.sub(r"\s+", "", s)
    with pdfplumber.open(pdf) as p:
        texts = [ns(pg.extract_text() or "") for pg in p.pages]
    starts, last = [], 2
    for d in issue["documents"]:
        key = ns(d["doc_number"] or d["title"])
        if "paras" in d:
            body = next((ns(t)[:8] for k, t in d["paras"] if k == "p"), key)     # within a column's first line
            i = next((i for i in range(last, len(texts)) if body in texts[i]), None)
            if i is None:
                starts.append(0)
                continue
            if i > last and key in texts[i - 1] and key not in texts[i]:
                i -= 1
        else:
            i = next((i for i, t in enumerate(texts) if i >= 2 and key in t), -1)
        starts.append(i + 1)
        last = max(last, i)
    return starts


def make(issue, style, out):
    out = Path(out)
    starts = ["00"] * len(issue["documents"])
    for _ in range(3):
        render(issue, style, starts, out.with_suffix(".html"), out)
        got = find_starts(out, issue)
        if got == starts:
            break
        starts = got
    return starts


STYLES = {
    "a4-1col": dict(page="A4", cols=1, body=15, lead=1.75, num="dash", toc="own", header=True),
    "16k-2col": dict(page="184mm 260mm", cols=2, body=10.5, lead=1.65, num="dash", toc="bracket", header=True,
                     mt="24mm"),
    "a4-2col-bare": dict(page="A4", cols=2, body=11, lead=1.7, num="bare", toc="own", header=False),
    "a4-1col-flow": dict(page="A4", cols=1, body=14, lead=1.7, num="di", toc="bracket", header=True, flow=True),
    "a4-1col-letter": dict(page="A4", cols=1, body=15, lead=1.75, num="dash", toc="own", header=True, head="letter"),
    "16k-2col-titlefirst": dict(page="184mm 260mm", cols=2, body=10.5, lead=1.65, num="dash", toc="own",
                                header=True, mt="24mm", head="title"),
    # bold titles on a 16K page in one column; two columns run on with 信函 heads
    "16k-1col-bold": dict(page="184mm 260mm", cols=1, body=12, lead=1.6, num="bare", toc="bracket", header=True,
                          mt="24mm", bold_title=True),
    "a4-2col-flow-letter": dict(page="A4", cols=2, body=11, lead=1.7, num="di", toc="own", header=True, flow=True,
                                head="letter"),
}


def ns(s):
    return re.sub(r"\s+", "", s or "")


def check(name, docs, out):
    from bulletin_pipeline.pipeline import RunConfig, run
    issue = dict(gazette="测试省人民政府公报", year=2020, number=5, total=88, documents=docs)
    pdf = Path(out) / f"{name}.pdf"
    starts = make(issue, STYLES[name], pdf)
    res, pages = run(pdf, RunConfig(until="extract"))
    toc = [(e.section, ns(e.title), e.doc_number, e.page) for e in res.toc]
    want = [(d["section"], ns(d["title"]), d["doc_number"], s) for d, s in zip(docs, starts)]
    print(f"{name}: {len(pages)} pages, 目录 {'ok' if toc == want else 'WRONG'}, {len(res.documents)} documents of {len(docs)}")
    if toc != want:
        print("   got ", toc, "\n   want", want)
    for d, w in zip(res.documents, docs):
        bad = [k for k, ok in (("title", ns(d.title) == ns(w["title"])), ("文号", d.doc_number == w["doc_number"]),
                               ("issuers", d.issuers == [w["issuer"]]), ("date", str(d.date) == w["date"]),
                               ("主送", ns("".join(d.addressees)).replace("，", "") ==
                                ns(w["addressee"]).rstrip("：").replace("，", "")),
                               ("start page", d.start_page == starts[docs.index(w)])) if not ok]
        text = ns("".join(p.text for p in d.paragraphs))
        missing = [p[:20] for p in w["body"] if ns(p) not in text]
        print(f"   {w['doc_number']}: fields {'ok' if not bad else 'WRONG ' + ', '.join(bad)}; "
              f"paragraphs not found whole: {len(missing)} {missing[:2]}")


def main():
    import argparse
    import tempfile
    ap = argparse.ArgumentParser()
    ap.add_argument("styles", nargs="*", default=list(STYLES))
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--out", default=None, help="keep the PDFs here")
    a = ap.parse_args()
    docs = govcn_docs(a.docs, skip=a.skip)
    for d in docs:
        d["section"] = "国务院文件" if d["issuer"] == "国务院" else "国务院办公厅文件"
    docs.sort(key=lambda d: d["section"])
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.styles:
            check(name, docs, a.out or tmp)


if __name__ == "__main__":
    main()
