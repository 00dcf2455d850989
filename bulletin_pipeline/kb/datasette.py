"""metadata.json so that `datasette outputs/kb.sqlite -m outputs/metadata.json` opens on the questions people
ask: views (obligation_rows, target_rows, issue_rows), canned queries with parameters, facets on unit, role,
文种, year and issuer, full-text search on provisions (``?_search=秸秆``), one Chinese label per column."""
from __future__ import annotations

import json
from pathlib import Path

from .json_out import atomic_write

# one label per column name, used wherever the column appears
LABELS = {
    "issue_id": "期号标识", "gazette": "公报名称", "issue_year": "年份", "issue_number": "期数", "year": "年份",
    "number": "编号", "doc_number": "发文字号", "title": "标题", "doc_date": "成文日期", "date": "成文日期",
    "doc_type": "文种", "issuers": "发文机关", "addressees": "主送机关", "section": "栏目", "start_page": "起始页",
    "page": "页码", "unit": "责任单位（原文）", "name": "单位名称（原文）", "canonical": "单位规范名称",
    "role": "角色代码（lead 牵头 / support 配合 / implement 组织落实 / responsible 负责）", "role_label": "角色",
    "due_text": "时限（原文）", "due_start": "起始日期", "due_end": "截止日期", "due_approx": "时限是否约数",
    "text": "原文", "assigned_by": "分工原文", "source": "来源文件", "source_path": "来源文件",
    "indicator": "指标", "comparator": "比较", "value": "数值", "measure": "计量单位",
    "normalized_value": "换算后数值", "base_unit": "换算单位", "aspirational": "是否预期性", "heading": "条款标题",
    "level": "层级", "kind": "时限类型", "start": "起始日期", "end": "截止日期", "approx": "是否约数",
    "code": "提示类型", "message": "说明", "input_class": "输入类型（gazette 公报 / document 公文 / other 其他）",
    "class_reasons": "判定依据", "page_count": "页数", "documents": "文件数", "obligations": "任务数",
    "sources": "来源文件数", "rule": "抽取规则", "status": "状态", "sha256": "文件校验值",
}


def _cols(*names: str) -> dict:
    return {n: LABELS[n] for n in names}


CANNED = {
    "unit_due_by": {
        "title": "某单位在某日前到期的任务",
        "description": "单位可填原文名称或规范名称；日期为 ISO 格式（含当日）",
        "sql": "SELECT * FROM obligation_rows WHERE (unit = :unit OR canonical = :unit) AND due_end <= :due_before "
               "ORDER BY due_end, issue_id",
    },
    "unit_tasks": {
        "title": "某单位的全部任务",
        "sql": "SELECT * FROM obligation_rows WHERE unit = :unit OR canonical = :unit ORDER BY issue_id, due_end",
    },
    "targets_by_indicator": {
        "title": "按指标查找量化目标",
        "sql": "SELECT * FROM target_rows WHERE indicator LIKE '%' || :indicator || '%' OR text LIKE '%' || "
               ":indicator || '%' ORDER BY year, issue_id",
    },
    "search_provisions": {
        "title": "条款全文检索",
        "description": "分词检索（秸秆、禁烧、秸秆禁烧均可）",
        "sql": "SELECT p.issue_id, d.doc_number, d.title, p.number, p.page, p.text FROM provisions_fts "
               "JOIN provisions p ON p.rowid = provisions_fts.rowid JOIN documents d ON d.key = p.document_key "
               "WHERE provisions_fts MATCH :words ORDER BY bm25(provisions_fts)",
    },
}

METADATA = {
    "title": "政府公报知识库",
    "description": "bulletin_pipeline 从政府公报与公文中抽取的文件、条款、任务分工（谁、做什么、何时、多少）。",
    "databases": {"kb": {
        "queries": CANNED,
        "tables": {
            "obligation_rows": {"title": "任务分工（每行：任务 × 单位 × 时限）",
                                "facets": ["canonical", "role_label", "doc_type", "issue_year", {"array": "issuers"}],
                                "columns": _cols("issue_id", "gazette", "issue_year", "issue_number", "doc_number",
                                                 "title", "doc_date", "doc_type", "issuers", "start_page", "page",
                                                 "unit", "canonical", "role", "role_label", "due_text", "due_start",
                                                 "due_end", "due_approx", "text", "assigned_by", "source")},
            "target_rows": {"title": "量化目标", "facets": ["measure", "year", "comparator", "aspirational"],
                            "columns": _cols("issue_id", "gazette", "doc_number", "title", "doc_date", "indicator",
                                             "comparator", "value", "measure", "normalized_value", "base_unit",
                                             "year", "aspirational", "text", "page", "source")},
            "issue_rows": {"title": "各期公报", "facets": ["input_class", "gazette", "year"],
                           "columns": _cols("issue_id", "gazette", "year", "number", "input_class", "class_reasons",
                                            "page_count", "source", "documents", "obligations", "sources")},
            "documents": {"title": "文件", "label_column": "title",
                          "facets": ["doc_type", "year", {"array": "issuers"}, "section", "issue_id"],
                          "columns": _cols("issue_id", "doc_number", "title", "doc_type", "date", "year", "section",
                                           "start_page", "issuers", "addressees", "text")},
            "provisions": {"title": "条款", "label_column": "heading", "fts_table": "provisions_fts",
                           "fts_pk": "rowid", "facets": ["level", "issue_id"],
                           "columns": _cols("issue_id", "number", "heading", "level", "page", "text")},
            "obligation_units": {"title": "任务的责任单位", "facets": ["name", "canonical", "role", "issue_id"],
                                 "columns": _cols("issue_id", "name", "canonical", "role")},
            "obligations": {"title": "任务", "facets": ["issue_id"],
                            "columns": _cols("issue_id", "text", "source", "page", "rule")},
            "deadlines": {"title": "时限", "facets": ["kind", "approx", "issue_id"],
                          "columns": _cols("issue_id", "text", "kind", "start", "end", "approx", "page")},
            "targets": {"title": "量化目标（原表）", "facets": ["unit", "comparator", "year", "aspirational"],
                        "columns": {**_cols("issue_id", "text", "indicator", "comparator", "value", "year",
                                            "aspirational", "page"), "unit": LABELS["measure"]}},
            "units": {"title": "单位名录", "label_column": "name", "facets": ["canonical"],
                      "columns": _cols("name", "canonical")},
            "issues": {"title": "期（原表）", "facets": ["input_class", "gazette", "year"],
                       "columns": _cols("gazette", "year", "number", "source_path", "sha256", "page_count",
                                        "input_class", "class_reasons")},
            "issue_sources": {"title": "各期的来源文件", "facets": ["status", "input_class"],
                              "columns": _cols("issue_id", "sha256", "page_count", "documents", "input_class",
                                               "status")},
            "warnings": {"title": "核查提示", "facets": ["code", "issue_id"],
                         "columns": _cols("issue_id", "code", "message", "page")},
            "citations": {"title": "引用文件", "facets": ["doc_number"],
                          "columns": _cols("issue_id", "doc_number", "title", "page")},
        }}},
}


def write_metadata(folder: Path) -> Path:
    path = Path(folder) / "metadata.json"
    text = json.dumps(METADATA, ensure_ascii=False, indent=1) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic_write(path, text)
    return path
