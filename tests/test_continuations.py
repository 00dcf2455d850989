"""Continued stories in whole typeset issues: a document cut short by the next one's start goes on later
behind a mark, and printers word the marks in more than one way (（下转第31页）/（上接第13页）,
（转第31页）/（接第13页）, the page in Chinese, letter-spaced words).  Each document must come back whole, in
order, with no mark left in its text and no continuation warning."""
import re

import pytest

from test_gazette_styles import _issue       # the same three real documents, set as one issue

pytest.importorskip("reportlab")

def _cn(n: int) -> str:
    import cn2an
    return cn2an.an2cn(n)


WORDINGS = {
    "xiazhuan-shangjie": (("（下转第{}页）", "（上接第{}页）"), str),
    "zhuan-jie": (("（转第{}页）", "（接第{}页）"), str),
    "chinese-pages": (("（下转第{}页）", "（上接第{}页）"), _cn),
    "spaced": (("（下 转 第 {} 页）", "（上 接 第 {} 页）"), str),
    "ban-2col": (("（下转第{}版）", "（上接第{}版）"), str),        # an issue that counts 版, in two columns
}


@pytest.fixture(scope="module", params=list(WORDINGS))
def continued(request, tmp_path_factory):
    import pdfmaker
    from bulletin_pipeline.pipeline import RunConfig, run
    jumps, page = WORDINGS[request.param]
    columns = 2 if request.param.endswith("2col") else 1
    style = pdfmaker.GazetteStyle("A4", columns, 14.0 if columns == 1 else 10.5, 1.6, "dots", "— {} —", flow=True,
                                  continue_after=3,
                                  jumps=jumps, jump_page=page)
    issue = _issue()
    path = tmp_path_factory.mktemp("continued") / f"{request.param}.pdf"
    _, tails = pdfmaker.gazette_pdf(path, issue, style)
    assert tails, "the typesetter cut no document"
    result, _ = run(path, RunConfig(until="structure"))
    return issue, tails, result


def _flat(s):
    return re.sub(r"\s+", "", s)


def test_continued_documents_come_back_whole_and_in_order(continued):
    issue, tails, result = continued
    assert len(result.documents) == len(issue["documents"])
    for k, (d, want) in enumerate(zip(result.documents, issue["documents"])):
        text = _flat("".join(p.text for p in d.paragraphs))
        at = 0
        for para in want["paragraphs"][1:-2]:
            i = text.find(_flat(para), at)
            assert i >= 0, (k, para[:30])
            at = i + len(_flat(para))
        assert not re.search(r"[转接]第?\S{1,4}页", text), (k, text[-60:])
    assert not [w for w in result.warnings if w.code.startswith("continuation")], result.warnings
