"""OCR for pages without a usable text layer (tesseract chi_sim).  Filled in by the batch/OCR work."""
from __future__ import annotations

from pathlib import Path

from ..model import Issue, RawPage


def apply(raw: list[RawPage], path: Path, issue: Issue) -> list[RawPage]:
    for p in raw:
        if not p.chars or p.garbled > 0.3:
            issue.warn("ocr-unavailable", "page has no usable text layer and OCR is not available",
                       page=p.number)
    return raw
