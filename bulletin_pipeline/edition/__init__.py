"""The digital edition: a self-contained static site from issue.json (no server, no CDN, works from file://).

SITE/index.html      cover data and the 目录, each entry linking to its document
SITE/<doc-id>.html   one page per document: masthead, 发文字号, title, 主送机关, stitched text with provision
                     anchors (#p-2-1), 署名 and date, continuation notes, units / deadlines / targets
                     highlighted (legend), the obligations table, links to the printed page
SITE/pages/<n>.html  the printed page as an image with every block outlined (:target highlights one)
SITE/qa.html, qa.json  every warning of the issue for the editor, linked to its place
"""
from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path
from typing import Optional

from ..kb.json_out import atomic_write
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


def build(issue_dir: Path, site: Optional[Path] = None, pdf: Optional[Path] = None, images: bool = True) -> Path:
    issue_dir = Path(issue_dir)
    data = json.loads((issue_dir / "issue.json").read_text(encoding="utf-8"))
    site = Path(site) if site else issue_dir / "site"
    site.mkdir(parents=True, exist_ok=True)
    atomic_write(site / "style.css", CSS)
    pdf = _find_pdf(data, issue_dir, pdf)
    page_ok: set[int] = set()
    if images and pdf is not None:
        page_ok = _page_images(data, pdf, site)
    elif images:
        _log.warning("source PDF not found: the edition has no page images (pass --pdf)")
    atomic_write(site / "index.html", _index(data))
    for d in data.get("documents", []):
        atomic_write(site / f"{d['id']}.html", _document(data, d, page_ok))
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


def _page_images(data: dict, pdf: Path, site: Path) -> set[int]:
    import pypdfium2 as pdfium
    (site / "pages").mkdir(exist_ok=True)
    phys = _physical(data)
    printed_of = {v: k for k, v in phys.items()}
    boxes: dict[int, list] = {}
    for d in data.get("documents", []):
        for i, p in enumerate(d.get("paragraphs", [])):
            boxes.setdefault(p["page"], []).append((f"{d['id']}-{i}", p["bbox"], d["id"], p["text"][:40]))
    done: set[int] = set()
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for n in range(1, len(doc) + 1):
            page = doc[n - 1]
            w, h = page.get_size()
            scale = min(1.5, EDITION_MAX_PIXELS / max(w, h, 1.0))    # a 200-inch page is not a 40,000-px image
            img = page.render(scale=scale).to_pil()
            img.save(site / "pages" / f"{n}.png", optimize=True)
            printed = printed_of.get(n, n)
            atomic_write(site / "pages" / f"{printed}.html", _page_view(printed, n, w, h, boxes.get(printed, [])))
            done.add(printed)
    finally:
        doc.close()
    return done


def _page_view(printed: int, physical: int, w: float, h: float, boxes: list) -> str:
    marks = []
    for bid, (x0, top, x1, bottom), doc_id, text in boxes:
        style = (f"left:{x0 / w * 100:.3f}%;top:{top / h * 100:.3f}%;"
                 f"width:{(x1 - x0) / w * 100:.3f}%;height:{(bottom - top) / h * 100:.3f}%")
        marks.append(f'<a class="box" id="b-{_e(bid)}" href="../{_e(doc_id)}.html" style="{style}" '
                     f'title="{_e(text)}"></a>')
    body = (f'<nav class="crumbs"><a href="../index.html">目录</a></nav>\n<h1>第{printed}页</h1>\n'
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
    head = [f'<header class="cover"><p class="gazette">{_e(i.get("gazette") or data["source"]["path"])}</p>']
    if i.get("year") and i.get("number"):
        total = f"（总第{i['total_number']}期）" if i.get("total_number") else ""
        head.append(f'<p class="issue-no">{i["year"]}年第{i["number"]}期{total}</p>')
    head.append("</header>")
    toc = ['<section class="toc"><h1>目录</h1>']
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
_KIND_CLASS = {"unit": "u", "deadline": "dl", "target": "tg"}


def _spans(text: str, units: list[str], deadlines: list[str], targets: list[str]) -> list[tuple[int, int, str]]:
    found = []
    for kind, words in (("deadline", deadlines), ("target", targets), ("unit", units)):
        for w in sorted(set(words), key=len, reverse=True):
            if not w:
                continue
            for m in re.finditer(re.escape(w), text):
                found.append((m.start(), m.end(), kind))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, end = [], -1
    for s in found:
        if s[0] >= end:
            out.append(s)
            end = s[1]
    return out


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for a, b, kind in spans:
        out.append(_e(text[pos:a]))
        out.append(f'<mark class="{_KIND_CLASS[kind]}">{_e(text[a:b])}</mark>')
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _fmt_num(v: float) -> str:
    return str(int(v)) if float(v) == int(v) else str(v)


def _document(data: dict, d: dict, page_ok: set[int]) -> str:
    units = [u["name"] for o in d.get("obligations", []) for u in o.get("units", [])]
    try:
        from ..extract.nlp import unit_spans
        texts = [p["text"] for p in d.get("paragraphs", [])]
        for t, spans in zip(texts, unit_spans(texts)):
            units += [t[a:b] for a, b, _ in spans]
    except Exception as e:    # spaCy missing or broken: the obligations' units still show
        _log.debug("unit spans unavailable: %s", e)
    deadlines = [x["text"] for x in d.get("deadlines", [])]
    targets = [_fmt_num(x["value"]) + x["unit"] for x in d.get("targets", [])]
    prov_by_para = {}
    for p in d.get("provisions", []):
        prov_by_para.setdefault(p["page"], []).append(p)
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
               '<mark class="tg">量化目标</mark></p>')
    seen_anchor = set()
    first_ids = {}
    for p in d.get("provisions", []):
        first_ids.setdefault(p["text"].split("\n")[0], p["id"])
    for i, p in enumerate(d.get("paragraphs", [])):
        part = p.get("part", "body")
        if part in ("masthead", "doc_number", "title"):
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
        text = _marked(p["text"], _spans(p["text"], units, deadlines, targets))
        link = _page_link(p["page"], f"{d['id']}-{i}", page_ok)
        tag = "h2" if part == "transmitted_title" else "p"
        out.append(f'<{tag} class="{cls}"{attrs}>{text} <small class="src">{link}</small></{tag}>')
    out.append(_obligations_table(d))
    out.append("</article>")
    return _page(d["title"], "\n".join(out))


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
    out = []
    for w in data.get("warnings", []):
        item = dict(w)
        item["document_link"] = f"{w['document_id']}.html" if w.get("document_id") else None
        item["page_link"] = f"pages/{w['page']}.html" if w.get("page") in page_ok else None
        out.append(item)
    return out


def _qa_html(data: dict, qa: list[dict]) -> str:
    rows = []
    for w in qa:
        doc = f'<a href="{_e(w["document_link"])}">{_e(w["document_id"])}</a>' if w["document_link"] else ""
        page = (f'<a href="{_e(w["page_link"])}">第{w["page"]}页</a>' if w["page_link"]
                else (f"第{w['page']}页" if w.get("page") else ""))
        rows.append(f"<tr><td><code>{_e(w['code'])}</code></td><td>{_e(w['message'])}</td><td>{doc}</td>"
                    f"<td>{page}</td></tr>")
    body = ('<nav class="crumbs"><a href="index.html">目录</a></nav><h1>编辑核查报告</h1>'
            f'<p>{len(qa)} 条提示：目录与正文不一致、转接标记无对应、未收录的单位、无法归一的时间、OCR 置信度低等。</p>'
            '<div class="scroll"><table class="qa"><thead><tr><th>类型</th><th>说明</th><th>文件</th><th>版面</th></tr>'
            '</thead><tbody>' + "".join(rows) + "</tbody></table></div>")
    return _page("编辑核查报告", body)
