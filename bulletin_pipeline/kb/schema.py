"""The JSON Schema of issue.json (generated from the model, never by hand) and validation.

``validate_data`` returns one message per problem, each starting with the JSON pointer of the field, and
adds the checks a schema cannot express: ids unique, cross-references resolve, start <= end.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..model import SCHEMA_VERSION, Issue

SCHEMA_ID = f"urn:bulletin-pipeline:issue:{SCHEMA_VERSION}"


def json_schema() -> dict:
    s = Issue.model_json_schema(mode="serialization")
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
           "title": "bulletin_pipeline issue.json",
           "description": f"One gazette issue as extracted by bulletin_pipeline, schema version {SCHEMA_VERSION}. "
                          "Coordinates are PDF points with a top-left origin; dates are ISO YYYY-MM-DD."}
    out.update(_collapse_nullable(s))
    return out


def _collapse_nullable(node):
    """{"anyOf": [{"type": T, …}, {"type": "null"}]} -> {"type": [T, "null"], …}: the same constraint, and
    validating a 1 MB issue twice as fast (pydantic writes every Optional field as an anyOf)."""
    if isinstance(node, list):
        return [_collapse_nullable(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _collapse_nullable(v) for k, v in node.items()}
    alts = node.get("anyOf")
    if isinstance(alts, list) and len(alts) == 2 and {"type": "null"} in alts:
        other = alts[0] if alts[1] == {"type": "null"} else alts[1]
        if isinstance(other.get("type"), str) and "$ref" not in other and "enum" not in other:
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            merged.update(other)
            merged["type"] = [other["type"], "null"]
            return merged
    return node


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def validator():
    from jsonschema import Draft202012Validator, FormatChecker
    return Draft202012Validator(json_schema(), format_checker=FormatChecker())


def _pointer(path) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


def validate_data(data: Any) -> list[str]:
    errors = [f"{_pointer(e.absolute_path)}: {e.message}" for e in
              sorted(validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
    if errors or not isinstance(data, dict):
        return errors
    return errors + _semantic(data)


def _semantic(data: dict) -> list[str]:
    errs = []
    docs = data.get("documents", [])
    doc_ids = [d["id"] for d in docs]
    if len(set(doc_ids)) != len(doc_ids):
        errs.append("/documents: document ids are not unique")
    for i, e in enumerate(data.get("toc", [])):
        if e.get("document_id") is not None and e["document_id"] not in doc_ids:
            errs.append(f"/toc/{i}/document_id: no document with id {e['document_id']!r}")
    for di, d in enumerate(docs):
        base = f"/documents/{di}"
        prov_ids = {p["id"] for p in d.get("provisions", [])}
        for pi, p in enumerate(d.get("provisions", [])):
            if p.get("parent") is not None and p["parent"] not in prov_ids:
                errs.append(f"{base}/provisions/{pi}/parent: no provision {p['parent']!r}")
        dl_ids = {x["id"] for x in d.get("deadlines", [])}
        tg_ids = {x["id"] for x in d.get("targets", [])}
        for oi, o in enumerate(d.get("obligations", [])):
            if o.get("provision_id") is not None and o["provision_id"] not in prov_ids:
                errs.append(f"{base}/obligations/{oi}/provision_id: no provision {o['provision_id']!r}")
            for k, known in (("deadline_ids", dl_ids), ("target_ids", tg_ids)):
                for j, ref in enumerate(o.get(k, [])):
                    if ref not in known:
                        errs.append(f"{base}/obligations/{oi}/{k}/{j}: no such id {ref!r}")
        for xi, x in enumerate(d.get("deadlines", [])):
            if x.get("start") and x.get("end") and x["start"] > x["end"]:
                errs.append(f"{base}/deadlines/{xi}: start {x['start']} is after end {x['end']}")
    return errs + _table_refs(data, doc_ids)


def _table_refs(data: dict, doc_ids: list[str]) -> list[str]:
    """Table ids unique, each table's document exists, cells inside the table's grid."""
    errs = []
    tabs = data.get("tables", [])
    if len({t["id"] for t in tabs}) != len(tabs):
        errs.append("/tables: table ids are not unique")
    for ti, t in enumerate(tabs):
        if t.get("document_id") is not None and t["document_id"] not in doc_ids:
            errs.append(f"/tables/{ti}/document_id: no document with id {t['document_id']!r}")
        for ri, r in enumerate(t.get("rows", [])):
            for ci, c in enumerate(r.get("cells", [])):
                if c["col"] + c.get("colspan", 1) > t["columns"]:
                    errs.append(f"/tables/{ti}/rows/{ri}/cells/{ci}: spans past the table's {t['columns']} columns")
    return errs


def validate_issue(issue: Issue) -> list[str]:
    return validate_data(issue.model_dump(mode="json"))
