"""What an input is: an issue of a gazette (政府公报), a single 公文, or something else (a budget, a report…).

The class is decided from what structure found, with the reasons (in Chinese: they name what is printed)
written next to it
(``issue.input_class``, ``issue.class_reasons``): an input of class ``other`` keeps its issue.json for
inspection but adds no documents, obligations or targets to the knowledge base.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Resources
from .model import Issue, Work


@dataclass(frozen=True)
class ClassifyConfig:
    # a 目录 this long is a gazette's even when the cover's name was not read (a scan of the inner pages)
    min_toc_entries: int = 2
    # share of documents that must carry a 发文字号 or a masthead for a text without a cover to be 公文
    min_formal_share: float = 0.5


def classify(issue: Issue, cfg: ClassifyConfig | None = None) -> tuple[str, list[str]]:
    """(class, reasons) for an issue that went through structure."""
    cfg = cfg or ClassifyConfig()
    meta = issue.issue
    reasons: list[str] = []
    if meta.gazette:
        reasons.append(f"封面刊名 {meta.gazette}")
    if meta.year and meta.number:
        reasons.append(f"期号 {meta.year}年第{meta.number}期")
    if len(issue.toc) >= cfg.min_toc_entries:
        reasons.append(f"目录 {len(issue.toc)} 条")
    if meta.gazette and (meta.number or issue.toc) or len(issue.toc) >= cfg.min_toc_entries and meta.number:
        return "gazette", reasons
    docs = issue.documents
    formal = [d for d in docs if d.doc_number or d.masthead or _signed(d)]
    if docs and len(formal) >= cfg.min_formal_share * len(docs):
        why = [f"发文字号 {d.doc_number}" for d in formal if d.doc_number][:3]
        why += [f"版头 {d.masthead}" for d in formal if d.masthead and not d.doc_number][:1]
        why += [f"文种 {d.doc_type}，署名 {d.issuers[0]}，成文日期 {d.date}" for d in formal
                if not d.doc_number and not d.masthead][:1]
        return "document", (reasons or ["无公报封面"]) + why
    out = []
    out.append("封面无刊名和期号" if not meta.gazette else "有刊名但无期号和目录")
    if not issue.toc:
        out.append("无目录")
    out.append(f"{len(docs)} 个文字块中 {len(formal)} 个有发文字号、版头或文种署名日期")
    return "other", out


def _signed(d) -> bool:
    """A 公文 printed with neither 发文字号 nor masthead (a 公告 or 通告 set under its title alone) still has the
    title of one, 发文机关 + 关于 + 事由 + 文种 (海关总署关于…的公告), and ends with that 署名 and a 成文日期."""
    return bool(d.doc_type and d.date and d.issuers and d.title.startswith(d.issuers[0]))


def run(work: Work, resources: Resources, config: ClassifyConfig) -> Work:
    """The stage: the input's class and the reasons, from what structure found."""
    apply(work.issue, config)
    return work


def apply(issue: Issue, cfg: ClassifyConfig | None = None) -> Issue:
    issue.issue.input_class, issue.issue.class_reasons = classify(issue, cfg)
    return issue
