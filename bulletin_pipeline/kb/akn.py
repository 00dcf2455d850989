"""Akoma Ntoso 3.0 export: the issue as one <officialGazette>, a <component> per document.

Each document is a <doc name="文种"> with FRBR identification (FRBRnumber = 发文字号, FRBRsubtype = 文种), a
preface (docAuthority, docNumber, docTitle, docDate), and the provision tree as hcontainer/num/heading/
content.  Inline: every unit of every obligation is an <organization refersTo="#…"> backed by a
TLCOrganization (canonical name from the gazetteer), every dated deadline a <date date="…">, every target a
<quantity normalized="…" refersTo="#…"> backed by a TLCConcept.  eIds are unique across the issue.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


@dataclass
class ExportStats:
    documents: int = 0
    provisions: int = 0
    organizations: int = 0
    dates: int = 0
    quantities: int = 0
    unplaced: list = field(default_factory=list)


def _slug(s: str) -> str:
    return "x" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]


# an issue id: <jurisdiction>-<gazette initials>-<year>-<number> (liaochengshi-rmzfgb-2019-11), or
# <gazette initials>-<year>-<number> when the gazette's name names no jurisdiction
ISSUE_ID = re.compile(r"^(?:(?P<place>[a-z0-9]+)-)?(?P<gazette>[a-z0-9]+)-(?P<year>\d{4})-(?P<number>\d+)$")


def jurisdiction(data: dict) -> tuple[str, str]:
    """(country[-place], gazette slug) of an issue: cn-liaochengshi, rmzfgb.  Every URI carries both, so two
    cities' gazettes of the same year and number never share an id."""
    iid = data["issue"]["id"]
    m = ISSUE_ID.match(iid)
    if not m:       # an issue whose cover was not read: its id (from the file name) is what identifies it
        return "cn", re.sub(r"[^a-z0-9-]", "", iid.lower()) or "unknown"
    return (f"cn-{m.group('place')}" if m.group("place") else "cn"), m.group("gazette")


def _work_uri(data: dict, doc: Optional[dict] = None) -> str:
    i = data["issue"]
    country, gazette = jurisdiction(data)
    base = f"/akn/{country}/officialGazette/{gazette}/{i.get('year') or 'unknown'}/{i.get('number') or i['id']}"
    if doc is None:
        return base
    return f"/akn/{country}/doc/{(doc.get('doc_type') or 'doc')}/{doc.get('date') or 'undated'}/{doc['id']}"


def _issue_date(data: dict) -> str:
    dates = sorted(d["date"] for d in data.get("documents", []) if d.get("date"))
    if dates:
        return dates[-1]
    y = data["issue"].get("year")
    return f"{y}-01-01" if y else "1970-01-01"


def _identification(parent, uri: str, date: str, date_name: str, author: str, subtype: Optional[str],
                    number: Optional[str], name: Optional[str]):
    from lxml import etree
    ident = etree.SubElement(parent, _q("identification"), source="#bulletin")
    for level, suffix in (("FRBRWork", ""), ("FRBRExpression", "/zho@"), ("FRBRManifestation", "/zho@/main.xml")):
        el = etree.SubElement(ident, _q(level))
        etree.SubElement(el, _q("FRBRthis"), value=f"{uri}{suffix}" + ("/!main" if level == "FRBRWork" else ""))
        etree.SubElement(el, _q("FRBRuri"), value=f"{uri}{suffix}")
        etree.SubElement(el, _q("FRBRdate"), date=date, name=date_name)
        etree.SubElement(el, _q("FRBRauthor"), href=author)
        if level == "FRBRWork":
            etree.SubElement(el, _q("FRBRcountry"), value="cn")
            if subtype:
                etree.SubElement(el, _q("FRBRsubtype"), value=subtype)
            if number:
                etree.SubElement(el, _q("FRBRnumber"), value=number)
            if name:
                etree.SubElement(el, _q("FRBRname"), value=name)
        elif level == "FRBRExpression":
            etree.SubElement(el, _q("FRBRlanguage"), language="zho")
        else:
            etree.SubElement(el, _q("FRBRformat"), value="application/akn+xml")
    return ident


class _Refs:
    """TLC references of the issue, each with a unique eId."""

    def __init__(self):
        self.orgs: dict[str, tuple[str, str]] = {}
        self.concepts: dict[str, tuple[str, str]] = {}

    def org(self, name: str, canonical: Optional[str]) -> str:
        key = canonical or name
        if key not in self.orgs:
            self.orgs[key] = (f"org_{_slug(key)}", key)
        return self.orgs[key][0]

    def concept(self, label: str) -> str:
        if label not in self.concepts:
            self.concepts[label] = (f"concept_{_slug(label)}", label)
        return self.concepts[label][0]


def _inline_spans(doc: dict, para_texts: list[tuple[int, str]], refs: _Refs, stats: ExportStats):
    """Per paragraph index: [(start, end, kind, attrs)], each obligation unit / dated deadline / target once."""
    spans: dict[int, list] = {i: [] for i, _ in para_texts}
    marked: set[str] = set()      # TLC ids that already have an <organization> in this document

    def free(i, a, b):
        return all(b <= s[0] or a >= s[1] for s in spans[i])

    def place(needle: str, kind: str, attrs: dict, what: str) -> bool:
        """Mark up the first occurrence of ``needle`` not yet marked up; record it as unplaced if none."""
        for i, text in para_texts:
            k = text.find(needle)
            while k >= 0 and not free(i, k, k + len(needle)):
                k = text.find(needle, k + 1)
            if k >= 0:
                spans[i].append((k, k + len(needle), kind, attrs))
                return True
        stats.unplaced.append((what, needle))
        return False

    # units: at their offsets inside the obligation's source
    for o in doc.get("obligations", []):
        placed_src = False
        for i, text in para_texts:
            k = text.find(o["source"])
            while k >= 0:
                ok = all(free(i, k + u["start"], k + u["end"]) for u in o["units"] if u.get("start") is not None)
                if ok:
                    for u in [u for u in o["units"] if u.get("start") is not None]:
                        a, b = k + u["start"], k + u["end"]
                        ref = refs.org(u["name"], u.get("canonical"))
                        spans[i].append((a, b, "organization", {"refersTo": "#" + ref}))
                        marked.add(ref)
                        stats.organizations += 1
                    placed_src = True
                    break
                k = text.find(o["source"], k + 1)
            if placed_src:
                break
        # units without offsets (a rule's default units) and units of an unplaced source: their names,
        # anywhere in the document, once per document
        rest = [u for u in o["units"] if u.get("start") is None or not placed_src]
        if rest:
            for u in rest:
                ref = refs.org(u["name"], u.get("canonical"))
                if ref not in marked and place(u["name"], "organization", {"refersTo": "#" + ref}, "unit"):
                    marked.add(ref)
                    stats.organizations += 1
    for dl in doc.get("deadlines", []):
        when = dl.get("end") or dl.get("start")
        if not when:
            continue
        if place(dl["text"], "date", {"date": when}, "deadline"):
            stats.dates += 1
    for tg in doc.get("targets", []):
        num = str(int(tg["value"])) if float(tg["value"]) == int(tg["value"]) else str(tg["value"])
        pat = re.compile(r"(?<![\d.])" + re.escape(num) + r"\s*" + re.escape(tg["unit"])) \
            if tg["unit"] != "ratio" else re.compile(r"\d+\s*[:：]\s*\d+")
        for i, text in para_texts:
            base = text.find(tg["text"])
            if base < 0:
                continue
            hit = None
            for m in pat.finditer(text, base, base + len(tg["text"])):
                if free(i, m.start(), m.end()):
                    hit = m
                    break
            if hit is None:   # a range or list already took the value's place: mark the number alone
                for m in re.finditer(re.escape(num), text[base:base + len(tg["text"])]):
                    if free(i, base + m.start(), base + m.end()):
                        hit = (base + m.start(), base + m.end())
                        break
            if hit is not None:
                a, b = (hit.start(), hit.end()) if hasattr(hit, "start") else hit
                attrs = {"refersTo": "#" + refs.concept(tg["indicator"] or tg["unit"])}
                if tg.get("normalized_value") is not None or tg["unit"] not in ("%", "ratio"):
                    attrs["normalized"] = repr(float(tg.get("normalized_value") or tg["value"]))
                else:
                    attrs["normalized"] = repr(float(tg["value"]))
                spans[i].append((a, b, "quantity", attrs))
                stats.quantities += 1
                break
        else:
            stats.unplaced.append(("target", tg["text"][:30]))
    for i in spans:
        spans[i].sort()
    return spans


def _fill_inline(p, text: str, spans: list) -> None:
    from lxml import etree
    pos = 0
    last = None
    p.text = ""
    for a, b, kind, attrs in spans:
        chunk = text[pos:a]
        if last is None:
            p.text += chunk
        else:
            last.tail = (last.tail or "") + chunk
        el = etree.SubElement(p, _q(kind), **attrs)
        el.text = text[a:b]
        last = el
        pos = b
    if last is None:
        p.text += text[pos:]
    else:
        last.tail = (last.tail or "") + text[pos:]


def export(data: dict) -> tuple[bytes, ExportStats]:
    from lxml import etree
    stats = ExportStats()
    refs = _Refs()
    i = data["issue"]
    root = etree.Element(_q("akomaNtoso"), nsmap={None: AKN})
    gaz = etree.SubElement(root, _q("officialGazette"), name=i.get("gazette") or i["id"])
    meta = etree.SubElement(gaz, _q("meta"))
    date = _issue_date(data)
    _identification(meta, _work_uri(data), date, "publication", "#issuer", None, str(i.get("number") or ""),
                    i.get("gazette"))
    pub = {"date": date, "name": i.get("gazette") or i["id"], "showAs": i.get("gazette") or i["id"]}
    if i.get("number"):
        pub["number"] = str(i["number"])
    etree.SubElement(meta, _q("publication"), **pub)
    references = etree.SubElement(meta, _q("references"), source="#bulletin")
    body = etree.SubElement(gaz, _q("collectionBody"))
    used_eids: Counter = Counter()
    tables = {(tuple(t["bbox"]), _table_text(t)): t for t in data.get("tables", [])}
    for n, d in enumerate(data.get("documents", []), start=1):
        comp = etree.SubElement(body, _q("component"), eId=f"cmp_{n}")
        doc_el = etree.SubElement(comp, _q("doc"), name=d.get("doc_type") or ("大事记" if d.get("events") else "文件"))
        dmeta = etree.SubElement(doc_el, _q("meta"))
        issuer = d["issuers"][0] if d.get("issuers") else (i.get("gazette") or "unknown")
        _identification(dmeta, _work_uri(data, d), d.get("date") or date, "成文日期" if d.get("date") else "publication",
                        "#" + refs.org(issuer, None), d.get("doc_type"), d.get("doc_number"), d["title"])
        preface = etree.SubElement(doc_el, _q("preface"))
        for iss in d.get("issuers", []):
            p = etree.SubElement(preface, _q("p"))
            etree.SubElement(p, _q("docAuthority"), refersTo="#" + refs.org(iss, None)).text = iss
        if d.get("doc_number"):
            etree.SubElement(etree.SubElement(preface, _q("p")), _q("docNumber")).text = d["doc_number"]
        etree.SubElement(etree.SubElement(preface, _q("p")), _q("docTitle")).text = d["title"]
        date_para = next((p["text"] for p in d.get("paragraphs", []) if p.get("part") == "date"), None)
        if d.get("date"):
            etree.SubElement(etree.SubElement(preface, _q("p")), _q("docDate"), date=d["date"]).text = \
                date_para or d["date"]
        main = etree.SubElement(doc_el, _q("mainBody"))
        paras = [(k, p) for k, p in enumerate(d.get("paragraphs", []))
                 if p.get("part") not in ("masthead", "doc_number", "title")]
        spans = _inline_spans(d, [(k, p["text"]) for k, p in paras if p.get("part") != "table"], refs, stats)
        provs = {p["id"]: p for p in d.get("provisions", [])}
        children: dict[Optional[str], list] = {}
        for p in d.get("provisions", []):
            children.setdefault(p.get("parent"), []).append(p["id"])
        own: dict[Optional[str], list] = {}
        for k, p in paras:
            own.setdefault(p.get("provision_id") if p.get("provision_id") in provs else None, []).append((k, p))
        prefix = f"cmp_{n}__"

        def eid(base: str) -> str:
            base = re.sub(r"[^A-Za-z0-9_\-]", "_", base)
            used_eids[base] += 1
            return base if used_eids[base] == 1 else f"{base}_{used_eids[base]}"

        def add_p(parent, k, p):
            t = tables.get((tuple(p["bbox"]), p["text"])) if p.get("part") == "table" else None
            if t is not None:
                _table(parent, t, eid(f"{prefix}table_{t['id']}"))
                return
            el = etree.SubElement(parent, _q("p"), eId=eid(f"{prefix}para_{k}"))
            _fill_inline(el, p["text"], spans.get(k, []))

        # text outside any provision keeps its place: before the first provision, or after the tree
        first_prov_para = min((k for k, p in paras if p.get("provision_id") in provs), default=None)
        for k, p in own.get(None, []):
            if first_prov_para is None or k < first_prov_para:
                add_p(main, k, p)

        def add_prov(parent, pid: str):
            prov = provs[pid]
            h = etree.SubElement(parent, _q("hcontainer"), name="provision",
                                 eId=eid(prefix + "prov_" + pid[len(d["id"]) + 1:]))
            stats.provisions += 1
            etree.SubElement(h, _q("num")).text = prov["number"]
            if prov.get("heading"):
                etree.SubElement(h, _q("heading")).text = prov["heading"]
            mine = own.get(pid, [])
            kids = children.get(pid, [])
            if kids:
                if mine:
                    intro = etree.SubElement(h, _q("intro"))
                    for k, p in mine:
                        add_p(intro, k, p)
                for c in kids:
                    add_prov(h, c)
            else:
                content = etree.SubElement(h, _q("content"))
                if mine:
                    for k, p in mine:
                        add_p(content, k, p)
                else:
                    etree.SubElement(content, _q("p"))

        for pid in children.get(None, []):
            add_prov(main, pid)
        for k, p in own.get(None, []):
            if first_prov_para is not None and k > first_prov_para:
                add_p(main, k, p)
        if len(main) == 0:
            etree.SubElement(main, _q("p"))
        stats.documents += 1
    etree.SubElement(references, _q("TLCOrganization"), eId="bulletin", href="/ontology/organization/bulletin_pipeline",
                     showAs="bulletin_pipeline")
    etree.SubElement(references, _q("TLCOrganization"), eId="issuer",
                     href=__import__("urllib.parse").parse.quote("/ontology/organization/cn/" + (i.get("gazette") or "unknown")),
                     showAs=i.get("gazette") or "unknown")
    from urllib.parse import quote
    for key, (eid_, label) in refs.orgs.items():
        etree.SubElement(references, _q("TLCOrganization"), eId=eid_,
                         href=quote(f"/ontology/organization/cn/{label}"), showAs=label)
    for key, (eid_, label) in refs.concepts.items():
        etree.SubElement(references, _q("TLCConcept"), eId=eid_, href=quote(f"/ontology/concept/{label}"),
                         showAs=label)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), stats


def _table_text(t: dict) -> str:
    return "\n".join("\t".join(c["text"] for c in r["cells"]) for r in t["rows"])


def _table(parent, t: dict, eid: str) -> None:
    """A table as AKN <table>: one <tr> per row, header cells <th>, spans as rowspan/colspan."""
    from lxml import etree
    el = etree.SubElement(parent, _q("table"), eId=eid)
    for r in t["rows"]:
        tr = etree.SubElement(el, _q("tr"))
        for c in r["cells"]:
            attrs = {}
            if c.get("rowspan", 1) > 1:
                attrs["rowspan"] = str(c["rowspan"])
            if c.get("colspan", 1) > 1:
                attrs["colspan"] = str(c["colspan"])
            cell = etree.SubElement(tr, _q("th" if r.get("header") else "td"), **attrs)
            etree.SubElement(cell, _q("p")).text = c["text"]
    if len(el) == 0:
        etree.SubElement(etree.SubElement(el, _q("tr")), _q("td")).append(etree.Element(_q("p")))


@lru_cache(maxsize=1)
def schema():
    from lxml import etree
    path = resources.files("bulletin_pipeline.schemas").joinpath("ext/akomantoso30.xsd")
    with resources.as_file(path) as p:
        # the AKN schema imports xml.xsd from its own folder: parse from the file so the import resolves
        return etree.XMLSchema(etree.parse(str(p), etree.XMLParser(no_network=True, resolve_entities=False)))


def validate(xml: bytes) -> list[str]:
    from .xml_out import parse_safe
    root = parse_safe(xml)
    s = schema()
    if s.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in s.error_log]
