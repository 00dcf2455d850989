"""The bundled issue's issue.json against a committed golden copy.

Any change to the bundled output must be deliberate: regenerate the copy with
``BULLETIN_GEN_TEST_DATA=1 python -m pytest tests/test_golden.py`` and name the fix in the commit.
"""
import gzip
import json

from conftest import DATA, GEN_TEST_DATA

GOLDEN = DATA / "golden" / "lcszfgb-2019-11.issue.json.gz"


def _diff(a, b, path="$", out=None, limit=20):
    """The first differing paths of two JSON values (for a readable failure)."""
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _diff(a.get(k), b.get(k), f"{path}.{k}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", out, limit)
    elif a != b:
        out.append(f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}")
    return out


def test_bundled_issue_json_matches_golden(issue):
    from bulletin_pipeline.kb.json_out import dump
    text = dump(issue)
    if GEN_TEST_DATA:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(GOLDEN, "wt", encoding="utf-8", compresslevel=9) as f:
            f.write(text)
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        golden = f.read()
    if text != golden:
        diffs = _diff(json.loads(golden), json.loads(text))
        raise AssertionError("issue.json differs from the golden copy:\n" + "\n".join(diffs))


def test_regeneration_flag_is_off():
    """The golden copy is rewritten only on purpose, never by a normal test run."""
    assert not GEN_TEST_DATA, "BULLETIN_GEN_TEST_DATA=1 rewrites golden data; unset it for a real test run"
