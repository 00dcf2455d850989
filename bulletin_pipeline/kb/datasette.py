"""metadata.json so that `datasette outputs/kb.sqlite -m outputs/metadata.json` opens with useful facets."""
from __future__ import annotations

import json
from pathlib import Path

from .json_out import atomic_write

METADATA = {
    "title": "bulletin_pipeline knowledge base",
    "description": "Documents, provisions, obligations (who must do what, by when, how much) extracted from "
                   "Chinese government gazettes by bulletin_pipeline.",
    "databases": {"kb": {"tables": {
        "documents": {"label_column": "title", "facets": ["doc_type", "year", "section", "issue_id"],
                      "columns": {"doc_number": "发文字号", "title": "标题", "doc_type": "文种", "date": "成文日期",
                                  "section": "栏目", "issuers": "发文机关", "addressees": "主送机关"}},
        "obligation_units": {"facets": ["name", "canonical", "role", "issue_id"],
                             "columns": {"name": "unit as written", "canonical": "official name",
                                         "role": "lead | support | implement | responsible"}},
        "obligations": {"facets": ["issue_id", "rule"], "columns": {"source": "assigning words",
                                                                      "text": "provision governed"}},
        "deadlines": {"facets": ["kind", "approx", "issue_id"],
                      "columns": {"start": "from (ISO)", "end": "by (ISO)", "text": "as written"}},
        "targets": {"facets": ["unit", "comparator", "year", "aspirational"],
                    "columns": {"indicator": "what is measured", "value": "number", "unit": "unit as written"}},
        "provisions": {"label_column": "heading", "facets": ["level", "issue_id"]},
        "units": {"label_column": "name", "facets": ["canonical"]},
        "warnings": {"facets": ["code", "issue_id"]},
        "citations": {"facets": ["doc_number"]},
    }}},
}


def write_metadata(folder: Path) -> Path:
    path = Path(folder) / "metadata.json"
    text = json.dumps(METADATA, ensure_ascii=False, indent=1) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic_write(path, text)
    return path
