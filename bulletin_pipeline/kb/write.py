"""Write an issue: issue.json and issue.xml validated first, then renamed into place, then indexed.

An invalid result is never written as if good: the run fails with the validation errors listed.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ValidationFailed
from ..model import Issue
from .json_out import atomic_write, dump

KB_NAME = "kb.sqlite"


def write_issue(issue: Issue, outdir: Path, index: bool = True, xml: bool = True, akn: bool = False) -> Path:
    from .schema import validate_data
    target = Path(outdir) / issue.issue.id
    text = dump(issue)
    data = json.loads(text)
    errors = validate_data(data)
    xml_bytes = None
    if xml:
        from .xml_out import parse_safe, to_xml, validate_xml
        xml_bytes = to_xml(data)
        errors += [f"issue.xml {e}" for e in validate_xml(parse_safe(xml_bytes))]
    akn_bytes = None
    if akn:
        from .akn import export, validate
        akn_bytes, _ = export(data)
        errors += [f"issue.akn.xml {e}" for e in validate(akn_bytes)]
    if errors:
        raise ValidationFailed(errors)
    atomic_write(target / "issue.json", text)
    if xml_bytes is not None:
        atomic_write(target / "issue.xml", xml_bytes)
    if akn_bytes is not None:
        atomic_write(target / "issue.akn.xml", akn_bytes)
    if index:
        index_into(Path(outdir) / KB_NAME, data)
    return target / "issue.json"


def index_into(db: Path, data: dict) -> None:
    from .datasette import write_metadata
    from .index import connect, index_issue
    con = connect(db)
    try:
        index_issue(con, data)
    finally:
        con.close()
    write_metadata(db.parent)
