import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS_PDF = ROOT / "corpus" / "lcszfgb-2019-11.pdf"
SCAN_PDF = ROOT / "corpus" / "lcszfgb-2019-11-scan-p1-5.pdf"
SHARED = (ROOT.parent / "shared") if (ROOT.parent / "shared").is_dir() else None
GEN_TEST_DATA = os.environ.get("BULLETIN_GEN_TEST_DATA") == "1"


def shared_path(*parts) -> Path:
    if SHARED is None:
        pytest.skip("../shared is not beside the repo")
    return SHARED.joinpath(*parts)


def unit_lists(text: str, gz, yao: bool = True) -> list:
    """What extract.obligations.in_text reads in ``text``: for each clause, its (unit, role) pairs."""
    from bulletin_pipeline.extract import obligations as ob
    return [[(r.name, getattr(r.role, "value", r.role)) for r in refs] for _, _, refs, _ in ob.in_text(text, gz, yao=yao)]


def check_gold(gold: Path) -> None:
    """tests/data/unseen_gold/check.py on a gold folder: every annotation quotes its texts."""
    import subprocess
    import sys
    r = subprocess.run([sys.executable, str(gold.parent / "check.py"), str(gold)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


def unseen_doc_scores(gold: Path, work: Path) -> dict:
    """A folder of tests/data/unseen_gold typeset as one issue, run and scored by eval/score.py
    (bench/unseen_gold.py's doc_scores); skips where reportlab or score.py is missing."""
    pytest.importorskip("reportlab")
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    import unseen_gold
    if not unseen_gold.SCORE.is_file():
        pytest.skip("eval/score.py not present")
    return unseen_gold.doc_scores(gold, work)


@pytest.fixture(scope="session")
def run_result():
    """The bundled gazette through the whole pipeline, once per session: (issue, pages)."""
    from bulletin_pipeline.pipeline import run
    return run(CORPUS_PDF)


@pytest.fixture(scope="session")
def issue(run_result):
    return run_result[0]


@pytest.fixture(scope="session")
def issue_json(issue):
    return json.loads(issue.model_dump_json())


@pytest.fixture(scope="session")
def written(issue, tmp_path_factory):
    """The bundled issue written to a temporary OUTDIR (json, xml, kb.sqlite)."""
    from bulletin_pipeline.kb.write import write_issue
    out = tmp_path_factory.mktemp("out")
    path = write_issue(issue, out)
    return out, path


@pytest.fixture(scope="session")
def truth():
    return json.loads((DATA / "lcszfgb-2019-11.text.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold_toc():
    return json.loads((DATA / "gold" / "toc.json").read_text(encoding="utf-8"))


def norm(s: str) -> str:
    import re
    return re.sub(r"\s+", "", s or "")
