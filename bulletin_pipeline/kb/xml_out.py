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


class XmlStream:
    """issue.xml written part by part, byte for byte the text :func:`to_xml` gives for the whole issue:
    ``head`` (the issue without its lists), then per list ``open_list``, ``item`` for each item and
    ``close_list``, then ``close``.  Only one item's element tree is held at a time."""

    def __init__(self, f):
        self.f = f
        self._list = None
        self._items = 0

    def head(self, data: dict) -> None:
        """The declaration, the root element's start tag with its attributes, and its non-list children."""
        from lxml import etree
        root = etree.Element(f"{{{NS}}}issue", nsmap={None: NS})
        _fill(root, data)
        text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        if len(root):
            end = b"</issue>\n"
            assert text.endswith(end)
            text = text[:-len(end)]
        else:                   # '<issue .../>' : opened instead
            assert text.endswith(b"/>\n")
            text = text[:-3] + b">\n"
        self.f.write(text)

    def open_list(self, name: str) -> None:
        self._list, self._items = name, 0

    def item(self, value) -> None:
        """One item of the open list (the ``_build`` of that list, one child at a time): pretty-printed in a
        wrapper of the root and the list element, whose own lines are cut off."""
        from lxml import etree
        root = etree.Element(f"{{{NS}}}issue", nsmap={None: NS})
        el = etree.SubElement(root, f"{{{NS}}}{self._list}")
        c = etree.SubElement(el, f"{{{NS}}}{SINGULAR.get(self._list, 'item')}")
        if isinstance(value, dict):
            _fill(c, value)
        else:
            c.text = _fmt(value)
        text = etree.tostring(root, encoding="UTF-8", pretty_print=True)
        start = text.index(b"\n", text.index(b"\n") + 1) + 1      # the root's and the list's start tags
        end = f"  </{self._list}>\n</issue>\n".encode()
        assert text.endswith(end)
        if not self._items:
            self.f.write(f"  <{self._list}>\n".encode())
        self.f.write(text[start:-len(end)])
        self._items += 1

    def close_list(self) -> None:
        self.f.write(f"  </{self._list}>\n".encode() if self._items else f"  <{self._list}/>\n".encode())
        self._list = None

    def close(self) -> None:
        self.f.write(b"</issue>\n")


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


def xml_file_valid(path) -> bool:
    """Whether the XML file at ``path`` (written by this package) is valid against the XSD, read as a
    stream: the schema is checked while parsing, and each child of a list is dropped once read, so memory
    does not grow with the file.  Which problems, if any: :func:`validate_xml` on the parsed file."""
    from lxml import etree
    try:
        # (the file is this package's own, without a DOCTYPE; resolve_entities=False is not passed: with it
        # iterparse ends a truncated file without an error)
        for _, el in etree.iterparse(str(path), events=("end",), schema=xml_schema(), no_network=True,
                                     load_dtd=False, huge_tree=False):
            parent = el.getparent()
            if parent is not None and parent.getparent() is not None and parent.getparent().getparent() is None:
                el.clear()      # a list item, read and checked
                while el.getprevious() is not None:
                    del parent[0]
        return True
    except etree.XMLSyntaxError:
        return False
