"""The JSON Schema of issue.json (generated from the model, never by hand) and validation.

``validate_data`` returns one message per problem, each starting with the JSON pointer of the field, and
adds the checks a schema cannot express: ids unique, cross-references resolve, start <= end.

Whether a value is valid is decided by a compiled validator (jsonschema-rs); the python ``jsonschema``
validator runs only on a value found invalid, to name each problem.  :class:`StreamCheck` checks an issue
part by part (its header, then each item of its lists), so a writer never needs the whole issue as data.
"""
from __future__ import annotations

import json
import re
from datetime import date
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


class _Validators:
    """The schema's validators, built once per process: the compiled ones (the whole issue; one item of
    each list) at once, the python one (which names problems) when a problem is first found."""

    def __init__(self):
        s = published_schema()
        self.whole = _compiled(s)
        self.items = {}
        for name, prop in s.get("properties", {}).items():
            # a list whose schema says nothing but what its items are can be checked item by item
            if prop.get("type") == "array" and isinstance(prop.get("items"), dict) and \
                    set(prop) <= {"type", "items", "title", "description", "default"}:
                self.items[name] = _compiled({"$schema": s["$schema"], "$defs": s.get("$defs", {}), **prop["items"]})
        self._detailed = None

    @property
    def detailed(self):
        if self._detailed is None:
            from jsonschema import Draft202012Validator, FormatChecker
            self._detailed = Draft202012Validator(json_schema(), format_checker=FormatChecker())
        return self._detailed


@lru_cache(maxsize=1)
def validators() -> _Validators:
    return _Validators()


def validator():
    """The python jsonschema validator (slow; it names each problem)."""
    return validators().detailed


def fast_validator():
    """The whole schema, compiled (pass or fail only)."""
    return validators().whole


def item_validators() -> dict:
    """For each list of the issue: a compiled validator of one item (the list's ``items`` schema with the
    schema's definitions); no entry when the list's schema says more than its items (then the issue is
    checked whole)."""
    return validators().items


# the "date" format as the python jsonschema FormatChecker checks it (4-2-2 ASCII digits, then a real
# calendar day of years 1-9999), so the compiled validator accepts exactly what the detailed one does
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(DATE_RE.fullmatch(value) and date.fromisoformat(value))
    except ValueError:
        return False


def published_schema() -> dict:
    """The schema as the package ships it (bulletin_pipeline/schemas/issue.schema.json, the text of
    :func:`schema_text`; a test keeps the two equal): read, not generated from the model on every run."""
    from importlib import resources
    return json.loads(resources.files("bulletin_pipeline.schemas").joinpath("issue.schema.json")
                      .read_text(encoding="utf-8"))


def _compiled(schema: dict):
    import jsonschema_rs
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True, formats={"date": is_date},
                                              offline=True)


def _pointer(path) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


def schema_errors(data: Any) -> list[str]:
    """The schema's complaints about ``data``, one per problem, sorted by the field's pointer."""
    if fast_validator().is_valid(data):
        return []
    return [f"{_pointer(e.absolute_path)}: {e.message}" for e in
            sorted(validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]


def validate_data(data: Any) -> list[str]:
    errors = schema_errors(data)
    if errors or not isinstance(data, dict):
        return errors
    return errors + _semantic(data)


def _semantic(data: dict) -> list[str]:
    errs = []
    docs = data.get("documents", [])
    doc_ids = [d["id"] for d in docs]
    if len(set(doc_ids)) != len(doc_ids):
        errs.append("/documents: document ids are not unique")
    errs += _toc_refs(data.get("toc", []), set(doc_ids))
    for di, d in enumerate(docs):
        errs += _document_refs(di, d)
    return errs + _table_refs(data, doc_ids)


def _toc_refs(toc: list, doc_ids) -> list[str]:
    return [f"/toc/{i}/document_id: no document with id {e['document_id']!r}" for i, e in enumerate(toc)
            if e.get("document_id") is not None and e["document_id"] not in doc_ids]


def _document_refs(di: int, d: dict) -> list[str]:
    """Within one document: provision parents, the provisions, deadlines and targets obligations name, and
    deadlines that start before they end."""
    errs = []
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
    return errs


def _table_refs(data: dict, doc_ids: list[str]) -> list[str]:
    """Table ids unique, each table's document exists, cells inside the table's grid."""
    errs = []
    tabs = data.get("tables", [])
    if len({t["id"] for t in tabs}) != len(tabs):
        errs.append("/tables: table ids are not unique")
    known = set(doc_ids)
    for ti, t in enumerate(tabs):
        errs += _table_errors(ti, t, known)
    return errs


def _table_errors(ti: int, t: dict, doc_ids) -> list[str]:
    errs = []
    if t.get("document_id") is not None and t["document_id"] not in doc_ids:
        errs.append(f"/tables/{ti}/document_id: no document with id {t['document_id']!r}")
    for ri, r in enumerate(t.get("rows", [])):
        for ci, c in enumerate(r.get("cells", [])):
            if c["col"] + c.get("colspan", 1) > t["columns"]:
                errs.append(f"/tables/{ti}/rows/{ri}/cells/{ci}: spans past the table's {t['columns']} columns")
    return errs


class StreamCheck:
    """Whether an issue given part by part is valid: ``head`` (the issue with its lists empty), then
    ``item`` for each list item in the file's order, then ``ok``.  Only ids and a few references are kept
    between parts.  It says valid or not; the messages come from :func:`validate_data` on the whole issue
    (a writer asks for them only when this says invalid)."""

    def __init__(self):
        self.valid = True
        self._items = item_validators()
        self._doc_ids: list[str] = []
        self._toc_refs: list[str] = []
        self._table_ids: set = set()
        self._tables = 0
        self._deferred: list[tuple[int, dict]] = []

    def head(self, data: dict) -> None:
        self.valid = self.valid and fast_validator().is_valid(data)

    def item(self, field: str, i: int, value: Any) -> None:
        if not self.valid:
            return
        v = self._items.get(field)
        if v is None or not v.is_valid(value):
            self.valid = False
            return
        if field == "toc":
            if value.get("document_id") is not None:
                self._toc_refs.append(value["document_id"])
        elif field == "documents":
            self._doc_ids.append(value["id"])
            self.valid = not _document_refs(i, value)
        elif field == "tables":
            self._tables += 1
            self._table_ids.add(value["id"])
            # a table's document is known once every document is: tables come after documents in the
            # file; a table before them is checked at the end (it is small: ids and cell positions)
            self._deferred.append((i, {"document_id": value.get("document_id"), "columns": value["columns"],
                                       "rows": [{"cells": [{"col": c["col"], "colspan": c.get("colspan", 1)}
                                                           for c in r.get("cells", [])]}
                                                for r in value.get("rows", [])]}))

    def ok(self) -> bool:
        if not self.valid:
            return False
        ids = set(self._doc_ids)
        return (len(ids) == len(self._doc_ids) and len(self._table_ids) == self._tables
                and all(r in ids for r in self._toc_refs)
                and not any(_table_errors(i, t, ids) for i, t in self._deferred))


def validate_issue(issue: Issue) -> list[str]:
    return validate_data(issue.model_dump(mode="json"))
