"""`bulletin validate`: issue.json against the JSON Schema, issue.xml against the XSD (read safely)."""
from __future__ import annotations

import json
from pathlib import Path


def _files(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.rglob("issue.json")) + sorted(p.rglob("issue.xml"))
        else:
            out.append(p)
    return out


def validate_file(path: Path) -> list[str]:
    from .schema import validate_data
    from .xml_out import UnsafeXML, parse_safe, validate_xml
    try:
        raw = path.read_bytes()
    except OSError as e:
        return [f"{path}: cannot read: {e.strerror}"]
    if path.suffix.lower() == ".xml":
        try:
            root = parse_safe(raw)
        except UnsafeXML as e:
            return [f"{path}: {e}"]
        return [f"{path}: {e}" for e in validate_xml(root)]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return [f"{path}: not valid JSON: {e}"]
    return [f"{path}: {e}" for e in validate_data(data)]


def validate_paths(paths) -> tuple[list[str], int]:
    files = _files(paths)
    problems = []
    for f in files:
        problems += validate_file(f)
    return problems, len(files)
