"""The package's dependency rules, read from its own imports (ast): stages flow one way over a lexicon."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "bulletin_pipeline"
STAGES = ("ingest", "layout", "structure", "extract", "kb", "batch", "edition")


def _module(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of the package modules ``path`` imports (top level and inside functions)."""
    mod = _module(path)
    pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("bulletin_pipeline"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("bulletin_pipeline"):
                found.add(name)
                found.update(f"{name}.{a.name}" for a in node.names)
    return found


def _area(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _edges():
    for path in sorted(PKG.rglob("*.py")):
        src = _area(_module(path))
        for target in _imports(path):
            dst = _area(target)
            if dst and dst != src:
                yield path.relative_to(PKG.parent), src, dst


EDGES = list(_edges())


@pytest.mark.parametrize("src,forbidden", [
    ("structure", {"extract"}),
    ("extract", {"structure"}),
    ("kb", {"extract"}),
    ("edition", {"extract"}),
    ("lexicon", set(STAGES) | {"pipeline", "cli"}),
    ("batch", {"ingest", "layout", "structure", "extract", "edition", "classify"}),
    # upstream never reads downstream: the flow is one way
    ("ingest", {"layout", "structure", "extract", "kb", "batch", "edition", "pipeline"}),
    ("layout", {"structure", "extract", "kb", "batch", "edition", "pipeline"}),
    ("structure", {"extract", "kb", "batch", "edition", "pipeline"}),
    ("kb", {"ingest", "layout", "structure", "batch", "edition", "pipeline"}),
])
def test_stage_does_not_import(src, forbidden):
    bad = [f"{p} imports {dst}" for p, s, dst in EDGES if s == src and dst in forbidden]
    assert not bad, bad


def test_no_module_cache_of_domain_data():
    """At most three lru_cache/cache decorators in the package (compiled schemas), none in the lexicon."""
    hits = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for d in node.decorator_list:
                    name = ast.unparse(d.func if isinstance(d, ast.Call) else d)
                    if name.split(".")[-1] in ("lru_cache", "cache"):
                        hits.append(f"{path.relative_to(PKG.parent)}:{node.name}")
    assert len(hits) <= 3, hits
    assert not [h for h in hits if "/lexicon/" in h or "/data/" in h], hits


def test_rules_see_real_edges():
    """The reader finds the imports it checks (so the rules above cannot pass on an empty graph)."""
    assert any(s == "pipeline" or dst == "lexicon" for _, s, dst in EDGES)
    assert any(s == "cli" for _, s, _ in EDGES)


def test_one_stage_contract():
    """pipeline.STAGES lists every stage in flow order, each ``run(work, resources, config)``, each reading
    its own part of RunConfig; the defaults of RunConfig configure each."""
    import inspect
    from bulletin_pipeline.pipeline import STAGES, RunConfig
    names = [s.name for s in STAGES]
    assert names == ["read", "ocr", "layout", "structure", "reconcile", "classify", "extract"]
    cfg = RunConfig()
    for stage in STAGES:
        params = list(inspect.signature(stage.run).parameters)
        assert params == ["work", "resources", "config"], (stage.name, params)
        assert getattr(cfg, stage.config) is not None


def test_pipeline_writes_and_the_commands_call_it():
    """`bulletin run` and a batch worker go through Pipeline (run / stage), not the writer or stages."""
    for rel, needed in (("cli.py", "Pipeline("), ("batch/__init__.py", "Pipeline(")):
        src = (PKG / rel).read_text(encoding="utf-8")
        assert needed in src, rel
    cli_src = (PKG / "cli.py").read_text(encoding="utf-8")
    assert "write_checked" not in cli_src and "write_issue" not in cli_src
