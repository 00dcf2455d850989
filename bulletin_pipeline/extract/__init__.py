"""extract: citations, obligations with responsible units, deadlines and numeric targets."""
from __future__ import annotations

from ..model import Issue


def run(issue: Issue) -> Issue:
    return issue
