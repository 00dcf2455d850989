"""issue.xml: the same content as issue.json, as XML valid against schemas/issue.xsd.

Mapping: scalar fields are attributes (long text fields are child elements), lists are container
elements with one singular child each, bboxes are space-separated lists.  Reading XML never resolves
entities, never loads a DTD and never touches the network; a DOCTYPE is refused outright.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

NS = "urn:bulletin-pipeline:issue:1.0"
TEXT_FIELDS = {"text", "title", "source", "message", "heading", "transmitted_title", "masthead"}
SINGULAR = {"toc": "entry", "paragraphs": "paragraph", "warnings": "warning", "documents": "document",
            "provisions": "provision", "citations": "citation", "references": "reference",
            "obligations": "obligation", "units": "unit", "deadlines": "deadline", "targets": "target",
            "events": "event", "continued": "jump", "issuers": "issuer", "addressees": "addressee",
            "attachments": "attachment", "pages": "page", "prov": "piece", "deadline_ids": "ref",
            "target_ids": "ref", "tables": "table", "rows": "row", "cells": "cell", "class_reasons": "reason",
            "signers": "signer", "cc": "unit"}
# element order inside each parent follows the model's field order (the XSD uses xs:sequence)


class UnsafeXML(ValueError):
    pass


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(round(v, 4))
    return str(v)


def _build(parent, name: str, value: Any):
    from lxml import etree
    if value is None:
        return
    if isinstance(value, dict):
        el = etree.SubElement(parent, f"{{{NS}}}{name}")
        if name in ("colophon", "page_labels"):
            for k, v in value.items():
                item = etree.SubElement(el, f"{{{NS}}}item", key=str(k))
                item.text = str(v)
            return el
        _fill(el, value)
        return el
    if isinstance(value, list):
        el = etree.SubElement(parent, f"{{{NS}}}{name}")
        child = SINGULAR.get(name, "item")
        for v in value:
            if isinstance(v, dict):
                c = etree.SubElement(el, f"{{{NS}}}{child}")
                _fill(c, v)
            else:
                c = etree.SubElement(el, f"{{{NS}}}{child}")
                c.text = _fmt(v)
        return el
    el = etree.SubElement(parent, f"{{{NS}}}{name}")
    el.text = _fmt(value)
    return el


def _fill(el, obj: dict):
    for k, v in obj.items():
        if v is None:
            continue
        if k == "bbox":
            el.set("bbox", " ".join(_fmt(float(x)) for x in v))
        elif isinstance(v, (dict, list)) or k in TEXT_FIELDS:
            _build(el, k, v)
        else:
            el.set(k, _fmt(v))


def to_xml(data: dict) -> bytes:
    from lxml import etree
    root = etree.Element(f"{{{NS}}}issue", nsmap={None: NS})
    _fill(root, data)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def safe_parser():
    from lxml import etree
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False)


def parse_safe(data: bytes):
    """Parse untrusted XML: DOCTYPE/ENTITY declarations are refused (XXE, billion laughs)."""
    from lxml import etree
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise UnsafeXML("XML with a DOCTYPE or ENTITY declaration is refused (external entities / entity expansion)")
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise UnsafeXML(f"not well-formed XML: {e}") from e


@lru_cache(maxsize=1)
def xml_schema():
    from lxml import etree
    text = resources.files("bulletin_pipeline.schemas").joinpath("issue.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(text, safe_parser()))


def validate_xml(root) -> list[str]:
    schema = xml_schema()
    if schema.validate(root):
        return []
    return [f"{e.path or 'line ' + str(e.line)}: {e.message}" for e in schema.error_log]
