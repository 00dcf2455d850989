"""Write an issue's files (issue.json now; issue.xml and the SQLite index once they exist)."""
from __future__ import annotations

from pathlib import Path

from ..model import Issue
from .json_out import atomic_write, dump


def write_issue(issue: Issue, outdir: Path, index: bool = True) -> Path:
    target = Path(outdir) / issue.issue.id
    atomic_write(target / "issue.json", dump(issue))
    return target / "issue.json"
