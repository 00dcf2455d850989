"""Package data: the unit gazetteer, calendar conventions, measure units (JSON, extend by editing)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=8)
def load(name: str) -> dict:
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> tuple[str, ...]:
    """Official names (canonical, aliases, collective units): the words OCR corrections may restore."""
    d = load("units.json")
    names = set(d.get("collective", []))
    for u in d.get("units", []):
        names.add(u["canonical"])
        names.update(u.get("aliases", []))
    return tuple(sorted((n for n in names if len(n) >= 4), key=len, reverse=True))
