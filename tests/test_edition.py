"""The HTML edition, checked in a real headless Chromium (Debian's, driven by Playwright)."""
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bulletin_pipeline.edition import build

from conftest import CORPUS_PDF, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def site(written, tmp_path_factory):
    out, path = written
    site = tmp_path_factory.mktemp("site")
    build(path.parent, site, CORPUS_PDF)
    return site, json.loads(path.read_text(encoding="utf-8"))


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.doctype = [], [], False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def test_html_is_well_formed_and_small(site):
    folder, _ = site
    total = 0
    for f in folder.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        total += len(text.encode())
        p = _Balance()
        p.feed(text)
        assert p.doctype and not p.errors and not p.stack, (f.name, p.errors[:3], p.stack)
    total += sum(f.stat().st_size for f in folder.glob("*.css")) + (folder / "qa.json").stat().st_size
    assert total < 5 * 1024 * 1024


def test_qa_lists_every_warning_but_generic_departments(site):
    from bulletin_pipeline.lexicon.units import is_generic
    folder, data = site
    qa = json.loads((folder / "qa.json").read_text(encoding="utf-8"))
    expect = [(w["code"], w["message"]) for w in data["warnings"]]
    assert [(w["code"], w["message"]) for w in qa] == expect
    # 民政部门 and the like are kinds of body: extraction never flags them as unknown units
    unknown = [w["message"].split(": ", 1)[1] for w in data["warnings"] if w["code"] == "unknown-unit"]
    assert unknown and not [n for n in unknown if is_generic(n)]
    html = (folder / "qa.html").read_text(encoding="utf-8")
    assert html.count("<tr>") == len(expect) + 1


def test_provision_anchors(site):
    folder, data = site
    html = (folder / "lzf-2019-15.html").read_text(encoding="utf-8")
    assert 'id="p-2-1"' in html and "<mark" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_edition_in_headless_chromium(site):
    pw = pytest.importorskip("playwright.sync_api")
    folder, data = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors = []
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
        page.goto((folder / "index.html").as_uri())
        page.wait_for_load_state("load")
        links = page.eval_on_selector_all(".toc li a", "els => els.map(e => [e.textContent, e.getAttribute('href')])")
        assert len(links) == len(data["toc"]) == 8
        docs = {d["id"]: d for d in data["documents"]}
        for text, href in links:
            page.goto((folder / "index.html").as_uri())
            page.click(f'.toc a[href="{href}"]')
            page.wait_for_load_state("load")
            d = docs[href[:-5]]
            assert page.inner_text("h1.title") == d["title"]
            if d["doc_number"]:
                assert d["doc_number"] in page.inner_text("header")
            # every link and image of the page resolves
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            for h in hrefs:
                if h.startswith("file://"):
                    assert Path(h.split("#")[0][len("file://"):]).exists(), h
        page.goto((folder / "lzf-2019-16.html").as_uri())
        page.screenshot(path=str(ARTIFACTS / "edition-lzf-2019-16.png"), full_page=False)
        page.goto((folder / "pages" / "5.html").as_uri())
        ok = page.eval_on_selector_all("img", "els => els.every(i => i.complete && i.naturalWidth > 0)")
        assert ok
        page.goto((folder / "qa.html").as_uri())
        qa = json.loads((folder / "qa.json").read_text(encoding="utf-8"))
        assert page.locator("table.qa tbody tr").count() == len(qa)
        browser.close()
    assert errors == []
