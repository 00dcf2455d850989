"""`bulletin validate`: issue.json against the JSON Schema, issue.xml against the XSD (read safely), ids that
are slugs, twin files present, and no write left unfinished."""
from __future__ import annotations

from pathlib import Path

from ..errors import PipelineError, display_name
from .write import ID_RE, JOURNAL, TEMP_RE

# an issue folder's two outputs: each must have the other beside it
TWINS = {"issue.json": "issue.xml", "issue.xml": "issue.json"}


def _files(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.rglob("issue.json")) + sorted(p.rglob("issue.xml"))
        else:
            out.append(p)
    return out


def _folders(paths) -> list[Path]:
    """Issue folders to check for leftovers of a killed write: those given, and those below them."""
    out = set()
    for p in map(Path, paths):
        if p.is_dir():
            out.add(p)
            out |= {f.parent for f in p.rglob(JOURNAL)}
            out |= {f.parent for f in p.rglob(".*.tmp")}
        else:
            out.add(p.parent)
    return sorted(out)


def check_ids(data) -> list[str]:
    """Issue id and document ids that are not slugs (they name folders and files of the outputs)."""
    problems = []
    if not isinstance(data, dict):
        return ["not a JSON object"]
    issue = data.get("issue")
    iid = issue.get("id") if isinstance(issue, dict) else None
    if iid is not None and not (isinstance(iid, str) and ID_RE.match(iid)):
        problems.append(f"issue.id {iid!r} is not a slug")
    docs = data.get("documents")
    for i, d in enumerate(docs if isinstance(docs, list) else []):
        did = d.get("id") if isinstance(d, dict) else None
        if did is not None and not (isinstance(did, str) and ID_RE.match(did)):
            problems.append(f"documents[{i}].id {did!r} is not a slug")
    return problems


def validate_file(path: Path) -> list[str]:
    from .json_out import load_json
    from .schema import validate_data
    from .xml_out import UnsafeXML, parse_safe, validate_xml
    shown = display_name(path)
    problems = []
    twin = TWINS.get(path.name)
    if twin and not (path.parent / twin).exists():
        problems.append(f"{shown}: {twin} is missing beside it (an unfinished or partial write)")
    try:
        raw = path.read_bytes()
    except OSError as e:
        return problems + [f"{shown}: cannot read: {e.strerror}"]
    if path.suffix.lower() == ".xml":
        try:
            root = parse_safe(raw)
        except UnsafeXML as e:
            return problems + [f"{shown}: {e}"]
        return problems + [f"{shown}: {e}" for e in validate_xml(root)]
    try:
        data = load_json(raw, shown)
    except PipelineError as e:
        return problems + [e.message]
    ids = check_ids(data)
    try:
        schema = validate_data(data) if isinstance(data, dict) else []
    except RecursionError:
        schema = ["nested too deeply to validate"]
    return problems + [f"{shown}: {e}" for e in ids + schema]


def validate_paths(paths) -> tuple[list[str], int]:
    files = _files(paths)
    problems = []
    for f in files:
        problems += validate_file(f)
    for d in _folders(paths):
        if (d / JOURNAL).exists():
            problems.append(f"{display_name(d)}: an interrupted write is pending ({JOURNAL}); the next run completes it")
        problems += [f"{display_name(t)}: temp file of an interrupted write" for t in sorted(d.glob(".*.tmp"))
                     if TEMP_RE.match(t.name)]
    return problems, len(files)
