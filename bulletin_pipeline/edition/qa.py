"""The editors' QA report: every warning of an issue in Chinese, with the document's title, a link to the
printed page and what to do about it.

A warning's code says its kind; its message (written by the pipeline, in English) keeps the data that
matters after its first colon (a unit name, a time expression), which the report shows as the detail.
"""
from __future__ import annotations

from typing import Optional

from ..lexicon.units import is_generic

# code -> (what the kind means, what an editor should do)
KINDS: dict[str, tuple[str, str]] = {
    "unknown-unit": ("单位名称未收录", "核对单位名称；确为现行机构的，补入单位名录（gazetteer）"),
    "ocr-unit-restored": ("OCR 单位名称已按名录更正", "对照版面确认更正无误"),
    "deadline-unresolved": ("时间表述无法归一为日期", "核对原文时限，必要时人工标注起止日期"),
    "toc-page-mismatch": ("目录页码与正文不符", "核对目录页码与文件实际起始页"),
    "toc-entry-not-found": ("目录条目在正文中未找到", "检查正文是否缺页或标题识别有误"),
    "document-not-in-toc": ("正文文件未列入目录", "确认是否为目录漏列，或为误切分的文件"),
    "doc-number-from-toc": ("发文字号取自目录", "对照版面核对文件首部的发文字号"),
    "ocr-doc-number": ("OCR 发文字号前后不一致", "对照版面确认正确的发文字号"),
    "continuation-orphan": ("（上接）无对应（下转）", "检查转版拼接是否正确"),
    "continuation-unmatched": ("（下转）无对应（上接）", "检查转版页码及拼接"),
    "text-after-jump": ("（下转）之后仍有正文", "检查转版后的文字归属"),
    "no-title": ("文件标题未识别", "对照版面补充标题"),
    "no-toc": ("未找到目录", "确认输入是否为一期公报"),
    "no-documents": ("未识别出任何文件", "确认输入是否为公报或公文"),
    "empty-page": ("页面无文字层", "启用 OCR 或核对扫描质量"),
    "ocr-low-confidence": ("OCR 置信度低", "对照版面校对本页文字"),
    "ocr-unavailable": ("无法 OCR", "安装 tesseract 中文语言包后重新处理"),
    "ocr-failed": ("OCR 失败", "检查该页图像，重新处理"),
}
DEFAULT_KIND = ("其他提示", "人工核对")

# a generic department named by its function, not an organisation of the gazetteer: 民政部门, 各有关单位,
# 市政府各部门.  Such names are expected to be absent from the gazetteer, so they are not reported as unknown.
def _detail(message: str) -> str:
    """The data part of a warning message: what follows its first colon (the whole message otherwise)."""
    for sep in (": ", "："):
        if sep in message:
            return message.split(sep, 1)[1]
    return message


def _subject(w: dict) -> Optional[str]:
    return _detail(w.get("message", "")) if w.get("code") == "unknown-unit" else None


def report(data: dict, page_ok: set[int]) -> list[dict]:
    """One item per warning (generic department names are not unknown units), with Chinese kind, detail,
    document title and links, and the suggested action."""
    titles = {d["id"]: d["title"] for d in data.get("documents", [])}
    out = []
    for w in data.get("warnings", []):
        if w.get("code") == "unknown-unit" and is_generic(_subject(w) or ""):
            continue
        kind, action = KINDS.get(w["code"], DEFAULT_KIND)
        item = dict(w)
        item.update(kind=kind, action=action, detail=_detail(w["message"]),
                    document_title=titles.get(w.get("document_id")),
                    document_link=f"{w['document_id']}.html" if w.get("document_id") in titles else None,
                    page_link=f"pages/{w['page']}.html" if w.get("page") in page_ok else None)
        out.append(item)
    return out
