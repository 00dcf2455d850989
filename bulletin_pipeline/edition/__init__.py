"""The digital edition: a self-contained static site from issue.json (no server, no CDN, works from file://).

SITE/index.html      cover data and the 目录, each entry linking to its document
SITE/<doc-id>.html   one page per document: masthead, 发文字号, title, 主送机关, stitched text with provision
                     anchors (#p-2-1), 署名 and date, continuation notes, units / deadlines / targets / citations
                     marked where extraction found them (the spans stored in issue.json; nothing is
                     re-extracted here), cited documents of the issue linked, printed pages in the margin,
                     the obligations table
SITE/pages/<n>.html  the printed page as an image with every block outlined (:target highlights one),
                     previous / next page and a link to the page in the PDF (SITE/source.pdf)
SITE/qa.html, qa.json  the warnings of the issue for the editor, in Chinese, with the document's title, a link
                     to its place and the suggested action
"""
from __future__ import annotations

import json
import logging
from html import escape
from pathlib import Path
from typing import Callable, Optional

from ..kb.json_out import atomic_write
from . import qa as _qa_mod
from .style import CSS

_log = logging.getLogger(__name__)


def _e(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def _page(title: str, body: str, up: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(title)}</title>\n<link rel=\"stylesheet\" href=\"{up}style.css\">\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def anchor(doc_id: str, prov_id: str) -> str:
    """Provision id lzf-2019-15-p-2-1 -> deep-link anchor p-2-1 (a- for a transmitted document)."""
    return prov_id[len(doc_id) + 1:] if prov_id.startswith(doc_id + "-") else prov_id


# longest side, in pixels, of a rendered page image (an A4 page at the usual 1.5 scale is 1263 px)
EDITION_MAX_PIXELS = 2400


def _quiet(stage: str, done: int = 0, total: int = 0) -> None:
    """The default progress callback: says nothing."""


def build(issue_dir: Path, site: Optional[Path] = None, pdf: Optional[Path] = None, images: bool = True,
          progress: Callable[[str, int, int], None] = _quiet) -> Path:
    """Write the site; ``progress(stage, done, total)`` is told each page image and document written."""
    issue_dir = Path(issue_dir)
    data = json.loads((issue_dir / "issue.json").read_text(encoding="utf-8"))
    site = Path(site) if site else issue_dir / "site"
    site.mkdir(parents=True, exist_ok=True)
    atomic_write(site / "style.css", CSS)
    pdf = _find_pdf(data, issue_dir, pdf)
    page_ok: set[int] = set()
    if images and pdf is not None:
        page_ok = _page_images(data, pdf, site, progress)
    elif images:
        _log.warning("source PDF not found: the edition has no page images (pass --pdf)")
    atomic_write(site / "index.html", _index(data))
    docs = data.get("documents", [])
    for n, d in enumerate(docs, 1):
        atomic_write(site / f"{d['id']}.html", _document(data, d, page_ok))
        progress("documents", n, len(docs))
    qa = _qa(data, page_ok)
    atomic_write(site / "qa.json", json.dumps(qa, ensure_ascii=False, indent=1) + "\n")
    atomic_write(site / "qa.html", _qa_html(data, qa))
    return site / "index.html"


def _find_pdf(data: dict, issue_dir: Path, pdf: Optional[Path]) -> Optional[Path]:
    if pdf:
        return Path(pdf) if Path(pdf).exists() else None
    name = data["source"]["path"]
    for cand in (Path(name), issue_dir / name, issue_dir.parent / name, Path("corpus") / name):
        if cand.exists():
            return cand
    return None


# --------------------------------------------------------------------------- printed pages
def _physical(data: dict) -> dict[int, int]:
    """printed page number -> physical page (the JSON pages are printed numbers where known)."""
    labels = data["source"].get("page_labels", {})
    out = {int(v): int(k) for k, v in labels.items() if str(v).isdigit()}
    for i in range(1, data["source"]["page_count"] + 1):
        out.setdefault(i, i)
    return out


PDF_COPY = "source.pdf"


def _page_images(data: dict, pdf: Path, site: Path, progress: Callable[[str, int, int], None] = _quiet) -> set[int]:
    import pypdfium2 as pdfium
    import shutil
    (site / "pages").mkdir(exist_ok=True)
    if not (site / PDF_COPY).exists() or (site / PDF_COPY).stat().st_size != pdf.stat().st_size:
        shutil.copyfile(pdf, site / PDF_COPY)    # page views link into it (#page=N)
    phys = _physical(data)
    printed_of = {v: k for k, v in phys.items()}
    boxes: dict[int, list] = {}
    for d in data.get("documents", []):
        for i, p in enumerate(d.get("paragraphs", [])):
            boxes.setdefault(p["page"], []).append((f"{d['id']}-{i}", p["bbox"], d["id"], p["text"][:40]))
    done: set[int] = set()
    doc = pdfium.PdfDocument(str(pdf))
    try:
        order = [printed_of.get(n, n) for n in range(1, len(doc) + 1)]
        for n in range(1, len(doc) + 1):
            page = doc[n - 1]
            w, h = page.get_size()
            scale = min(1.5, EDITION_MAX_PIXELS / max(w, h, 1.0))    # a 200-inch page is not a 40,000-px image
            img = page.render(scale=scale).to_pil()
            img.save(site / "pages" / f"{n}.png", optimize=True)
            printed = order[n - 1]
            nav = (order[n - 2] if n > 1 else None, order[n] if n < len(order) else None)
            atomic_write(site / "pages" / f"{printed}.html", _page_view(printed, n, w, h, boxes.get(printed, []), nav))
            done.add(printed)
            progress("pages", n, len(doc))
    finally:
        doc.close()
    return done


def _page_view(printed: int, physical: int, w: float, h: float, boxes: list,
               nav: tuple[Optional[int], Optional[int]] = (None, None)) -> str:
    marks = []
    for bid, (x0, top, x1, bottom), doc_id, text in boxes:
        style = (f"left:{x0 / w * 100:.3f}%;top:{top / h * 100:.3f}%;"
                 f"width:{(x1 - x0) / w * 100:.3f}%;height:{(bottom - top) / h * 100:.3f}%")
        marks.append(f'<a class="box" id="b-{_e(bid)}" href="../{_e(doc_id)}.html" style="{style}" '
                     f'title="{_e(text)}"></a>')
    prev, nxt = nav
    links = ['<a href="../index.html">目录</a>']
    links.append(f'<a rel="prev" href="{prev}.html">上一页（第{prev}页）</a>' if prev is not None else
                 '<span class="off">上一页</span>')
    links.append(f'<a rel="next" href="{nxt}.html">下一页（第{nxt}页）</a>' if nxt is not None else
                 '<span class="off">下一页</span>')
    links.append(f'<a class="pdf" href="../{PDF_COPY}#page={physical}">PDF 原件第{physical}页</a>')
    body = (f'<nav class="crumbs pager">{" · ".join(links)}</nav>\n<h1>第{printed}页</h1>\n'
            f'<div class="sheet"><img src="{physical}.png" alt="第{printed}页版面" width="{round(w * 1.5)}" '
            f'height="{round(h * 1.5)}">\n' + "\n".join(marks) + "\n</div>")
    return _page(f"第{printed}页", body, up="../")


def _page_link(page: int, box: Optional[str], page_ok: set[int]) -> str:
    if page not in page_ok:
        return f'<span class="pg">第{page}页</span>'
    target = f"pages/{page}.html" + (f"#b-{_e(box)}" if box else "")
    return f'<a class="pg" href="{target}">第{page}页</a>'


# --------------------------------------------------------------------------- index
def _index(data: dict) -> str:
    i = data["issue"]
    if i.get("input_class") == "other":     # not a gazette: no masthead, no 目录 pretending to be one
        reasons = "；".join(i.get("class_reasons") or [])
        head = [f'<header class="other"><h1>{_e(data["source"]["path"])}</h1>',
                f'<p class="note">此文件不是政府公报或公文（{_e(reasons)}），未编入知识库；以下仅列出识别到的文字块。</p>']
    else:
        head = [f'<header class="cover"><p class="gazette">{_e(i.get("gazette") or data["source"]["path"])}</p>']
    if i.get("year") and i.get("number"):
        total = f"（总第{i['total_number']}期）" if i.get("total_number") else ""
        head.append(f'<p class="issue-no">{i["year"]}年第{i["number"]}期{total}</p>')
    head.append("</header>")
    toc = ['<section class="toc"><h1>目录</h1>' if i.get("input_class") != "other" else
           '<section class="toc blocks"><h2>识别到的文字块</h2>']
    section = None
    docs = {d["id"]: d for d in data.get("documents", [])}
    opened = False
    for e in data.get("toc", []):
        if e.get("section") != section:
            if opened:
                toc.append("</ol>")
            section = e.get("section")
            toc.append(f"<h2>{_e(section or '')}</h2>\n<ol>")
            opened = True
        elif not opened:
            toc.append("<ol>")
            opened = True
        title = _e(e["title"])
        link = f'<a href="{_e(e["document_id"])}.html">{title}</a>' if e.get("document_id") in docs else title
        num = f'<span class="docno">{_e(e["doc_number"])}</span>' if e.get("doc_number") else ""
        pg = f'<span class="toc-page">{_e(e["page"])}</span>' if e.get("page") is not None else ""
        toc.append(f"<li>{link} {num} {pg}</li>")
    if opened:
        toc.append("</ol>")
    listed = {e.get("document_id") for e in data.get("toc", [])}
    extra = [d for d in data.get("documents", []) if d["id"] not in listed]
    if extra:
        toc.append("<h2>目录未列文件</h2>\n<ol>")
        toc += [f'<li><a href="{_e(d["id"])}.html">{_e(d["title"])}</a></li>' for d in extra]
        toc.append("</ol>")
    toc.append("</section>")
    col = i.get("colophon") or {}
    colo = ""
    if col:
        colo = '<footer class="colophon"><dl>' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in col.items()) \
               + "</dl></footer>"
    qa = f'<p class="qa-link"><a href="qa.html">编辑核查报告（{len(data.get("warnings", []))} 条提示）</a></p>'
    return _page(f"{i.get('gazette') or ''} {i.get('year') or ''}年第{i.get('number') or ''}期",
                 "\n".join(head + toc) + "\n" + qa + "\n" + colo)


# --------------------------------------------------------------------------- documents
_KIND_CLASS = {"unit": "u", "deadline": "dl", "target": "tg", "citation": "ref"}


def doc_spans(d: dict) -> list[tuple[int, int, str, dict]]:
    """(start, end, kind, item) in the document's text for every unit, deadline, target and citation that
    extraction located (issue.json's span_start/span_end); overlapping spans keep the longer, earlier one."""
    found = []
    for o in d.get("obligations", []):
        for u in o.get("units", []):
            found.append((u.get("span_start"), u.get("span_end"), "unit", u))
    for kind, key in (("deadline", "deadlines"), ("target", "targets"), ("citation", "citations")):
        for x in d.get(key, []):
            found.append((x.get("span_start"), x.get("span_end"), kind, x))
    found = [f for f in found if f[0] is not None and f[1] is not None and f[1] > f[0]]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, end = [], -1
    for s_ in found:
        if s_[0] >= end:
            out.append(s_)
            end = s_[1]
    return out


def paragraph_offsets(d: dict) -> list[Optional[int]]:
    """Where each paragraph's text starts in the document's text (None for parts not in it: masthead…)."""
    text, cursor, out = d.get("text", ""), 0, []
    for p in d.get("paragraphs", []):
        at = text.find(p["text"], cursor) if p["text"] else -1
        out.append(at if at >= 0 else None)
        if at >= 0:
            cursor = at + len(p["text"])
    return out


def _cite(item: dict, docs_by_number: dict[str, dict], text: str) -> str:
    """A citation: linked to the document when it is in this issue, else its number with its title."""
    target = docs_by_number.get(item.get("doc_number") or "")
    title = item.get("title") or ""
    if target:
        return (f'<a class="ref" href="{_e(target["id"])}.html" title="本期第{_e(target["start_page"])}页：'
                f'{_e(target["title"])}">{_e(text)}</a>')
    tip = f"{item.get('doc_number') or ''} {('《' + title + '》') if title else ''}".strip()
    return f'<cite class="ref" title="{_e(tip)}">{_e(text)}</cite>'


def _marked(text: str, spans: list[tuple[int, int, str, dict]], docs_by_number: dict[str, dict]) -> str:
    out, pos = [], 0
    for a, b, kind, item in spans:
        out.append(_e(text[pos:a]))
        if kind == "citation":
            out.append(_cite(item, docs_by_number, text[a:b]))
        else:
            out.append(f'<mark class="{_KIND_CLASS[kind]}">{_e(text[a:b])}</mark>')
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _fmt_num(v: float) -> str:
    return str(int(v)) if float(v) == int(v) else str(v)


def _document(data: dict, d: dict, page_ok: set[int]) -> str:
    spans = doc_spans(d)
    offsets = paragraph_offsets(d)
    docs_by_number = {x["doc_number"]: x for x in data.get("documents", []) if x.get("doc_number") and x is not d}
    out = ['<nav class="crumbs"><a href="index.html">目录</a></nav>', '<article class="doc">', '<header>']
    if d.get("masthead"):
        out.append(f'<p class="masthead">{_e(d["masthead"])}</p>')
    if d.get("doc_number"):
        out.append(f'<p class="docno">{_e(d["doc_number"])}</p>')
    out.append(f'<h1 class="title">{_e(d["title"])}</h1>')
    meta = []
    if d.get("doc_type"):
        meta.append(f"文种：{_e(d['doc_type'])}")
    if d.get("section"):
        meta.append(f"栏目：{_e(d['section'])}")
    meta.append("版面：" + _page_link(d["start_page"], None, page_ok))
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    for c in d.get("continued", []):
        out.append(f'<p class="note">本文自第{c["from_page"]}页转至第{c["to_page"]}页（下转/上接已拼接）。</p>')
    out.append('</header>')
    out.append('<p class="legend">图例：<mark class="u">责任单位</mark> <mark class="dl">时限</mark> '
               '<mark class="tg">量化目标</mark> <cite class="ref">引用文件</cite></p>')
    seen_anchor = set()
    first_ids = {}
    for p in d.get("provisions", []):
        first_ids.setdefault(p["text"].split("\n")[0], p["id"])
    tables = {(tuple(t["bbox"]), "\n".join("\t".join(c["text"] for c in r["cells"]) for r in t["rows"])): t
              for t in data.get("tables", [])}
    last_page = None
    for i, (p, at) in enumerate(zip(d.get("paragraphs", []), offsets)):
        part = p.get("part", "body")
        if part in ("masthead", "doc_number", "title"):
            continue
        if part == "table" and (tb := tables.get((tuple(p["bbox"]), p["text"]))) is not None:
            out.append(_table_html(tb, _page_link(p["page"], f"{d['id']}-{i}", page_ok)))
            continue
        attrs = ""
        pid = first_ids.get(p["text"]) if p.get("provision_id") else None
        if pid and pid not in seen_anchor:
            seen_anchor.add(pid)
            attrs = f' id="{_e(anchor(d["id"], pid))}"'
        cls = {"addressee": "addressee", "signature": "signature", "date": "date", "attachment": "attachment",
               "transmitted_title": "transmitted-title"}.get(part, "body")
        if cls == "body" and p.get("kind") == "heading":
            cls = "heading"
        if at is not None:
            end = at + len(p["text"])
            local = [(a - at, b - at, k, x) for a, b, k, x in spans if a >= at and b <= end]
        else:
            local = []
        text = _marked(p["text"], local, docs_by_number)
        margin = ""
        if p["page"] != last_page:      # the printed page, in the margin, where it changes
            box = f"{d['id']}-{i}"
            margin = f'<span class="margin">{_page_link(p["page"], box, page_ok)}</span>'
            last_page = p["page"]
        tag = "h2" if part == "transmitted_title" else "p"
        out.append(f'<{tag} class="{cls}"{attrs}>{margin}{text}</{tag}>')
    out.append(_obligations_table(d))
    out.append("</article>")
    return _page(d["title"], "\n".join(out))


def _table_html(t: dict, link: str) -> str:
    """A table of the document as an HTML table: header rows in <thead>, merged cells as rowspan/colspan."""
    def row(r: dict) -> str:
        tag = "th" if r.get("header") else "td"
        cells = []
        for c in r["cells"]:
            span = (f' rowspan="{c["rowspan"]}"' if c.get("rowspan", 1) > 1 else "") + \
                   (f' colspan="{c["colspan"]}"' if c.get("colspan", 1) > 1 else "")
            cells.append(f"<{tag}{span}>{_e(c['text'])}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"
    head = [row(r) for r in t["rows"] if r.get("header")]
    body = [row(r) for r in t["rows"] if not r.get("header")]
    return (f'<table class="data" id="{_e(t["id"])}"><caption><small class="src">{link}</small></caption>'
            + (f"<thead>{''.join(head)}</thead>" if head else "") + f"<tbody>{''.join(body)}</tbody></table>")


def _obligations_table(d: dict) -> str:
    obs = d.get("obligations", [])
    if not obs:
        return ""
    dls = {x["id"]: x for x in d.get("deadlines", [])}
    tgs = {x["id"]: x for x in d.get("targets", [])}
    role = {"lead": "牵头", "support": "配合", "implement": "组织落实", "responsible": "负责"}
    rows = []
    for o in obs:
        units = "；".join(f"{_e(u['name'])}（{role.get(u['role'], u['role'])}）" for u in o["units"])
        dl = "；".join(_e(dls[x]["text"]) for x in o.get("deadline_ids", []) if x in dls)
        tg = "；".join(f"{_e(tgs[x]['indicator'])} {_e(tgs[x]['comparator'])} {_fmt_num(tgs[x]['value'])}{_e(tgs[x]['unit'])}"
                      for x in o.get("target_ids", []) if x in tgs)
        where = f'<a href="#{_e(anchor(d["id"], o["provision_id"]))}">{_e(o["text"][:24])}…</a>' \
            if o.get("provision_id") else _e(o["text"][:24])
        rows.append(f"<tr><td>{where}</td><td>{units}</td><td>{dl}</td><td>{tg}</td></tr>")
    return ('<section class="obligations"><h2>任务分工</h2><div class="scroll"><table><thead><tr><th>任务</th>'
            '<th>责任单位（角色）</th><th>时限</th><th>目标</th></tr></thead><tbody>' + "".join(rows) +
            "</tbody></table></div></section>")


# --------------------------------------------------------------------------- QA
def _qa(data: dict, page_ok: set[int]) -> list[dict]:
    return _qa_mod.report(data, page_ok)


def _qa_html(data: dict, qa: list[dict]) -> str:
    rows = []
    for w in qa:
        doc = (f'<a href="{_e(w["document_link"])}">{_e(w["document_title"])}</a>' if w["document_link"]
               else "")
        page = (f'<a href="{_e(w["page_link"])}">第{w["page"]}页</a>' if w["page_link"]
                else (f"第{w['page']}页" if w.get("page") else ""))
        rows.append(f'<tr><td>{_e(w["kind"])}</td><td>{_e(w["detail"])}</td><td>{doc}</td><td>{page}</td>'
                    f'<td>{_e(w["action"])}</td></tr>')
    kinds: dict[str, int] = {}
    for w in qa:
        kinds[w["kind"]] = kinds.get(w["kind"], 0) + 1
    summary = "、".join(f"{k} {n} 条" for k, n in kinds.items()) or "无"
    body = ('<nav class="crumbs"><a href="index.html">目录</a></nav><h1>编辑核查报告</h1>'
            f'<p>共 {len(qa)} 条提示：{_e(summary)}。</p>'
            '<div class="scroll"><table class="qa"><thead><tr><th>类型</th><th>内容</th><th>文件</th><th>版面</th>'
            '<th>建议处理</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")
    return _page("编辑核查报告", body)
