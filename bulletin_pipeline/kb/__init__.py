"""kb: issue.json and issue.xml validated against schemas/, the SQLite index, identity of sources, queries."""
from __future__ import annotations


def warm() -> None:
    """Compile the validators every write uses (a batch worker does it once, before it forks)."""
    from .schema import validators
    from .xml_out import xml_schema
    validators()
    xml_schema()
