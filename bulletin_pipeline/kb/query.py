"""Questions researchers ask of the knowledge base: obligations by unit, targets by indicator, text search."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Optional


def _filter(q: list, args: list, clause: str, value) -> None:
    """Add ``clause`` with its parameter when the user gave a value."""
    if value is not None and value != "":
        q.append(clause)
        args.append(value)


# LIKE's wildcards and its escape character: a user's % or _ is a literal character, not "anything"
_LIKE_SPECIAL = re.compile(r"([\\%_])")


def like_contains(text: str) -> str:
    """A LIKE pattern (used with ESCAPE '\\') matching values that contain ``text`` literally."""
    return "%" + _LIKE_SPECIAL.sub(r"\\\1", text) + "%"


def open_db(path: Path) -> sqlite3.Connection:
    if not Path(path).exists():
        raise FileNotFoundError(f"no knowledge base at {path} (run `bulletin run` or `bulletin index` first)")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def _unit_names(unit: str) -> tuple[set[str], set[str]]:
    """Surface names and canonical names that a query unit stands for (市发展改革委 -> 聊城市发展和改革委员会)."""
    from ..extract.units import gazetteer
    gz = gazetteer()
    canon = gz.canonical(unit)
    names = {unit}
    canons = {unit}
    if canon:
        canons.add(canon)
        names |= {a for a, c in gz.alias.items() if c == canon}
    return names, canons


def obligations(con: sqlite3.Connection, unit: str, role: Optional[str] = None, due_before: Optional[str] = None,
                issue: Optional[str] = None) -> list[dict]:
    names, canons = _unit_names(unit)
    q = ["SELECT DISTINCT o.key, o.issue_id, o.id, o.text, o.source, o.page, d.doc_number, d.title, d.id AS doc_id,"
         " ou.name AS unit, ou.canonical, ou.role FROM obligation_units ou"
         " JOIN obligations o ON o.key = ou.obligation_key JOIN documents d ON d.key = o.document_key"
         f" WHERE (ou.name IN ({','.join('?' * len(names))}) OR ou.canonical IN ({','.join('?' * len(canons))}))"]
    args: list = [*names, *canons]
    _filter(q, args, "AND ou.role = ?", role)
    _filter(q, args, "AND o.issue_id = ?", issue)
    if due_before:
        q.append("AND EXISTS (SELECT 1 FROM obligation_deadlines od JOIN deadlines dl ON dl.key = od.deadline_key"
                 " WHERE od.obligation_key = o.key AND dl.\"end\" IS NOT NULL AND dl.\"end\" < ?)")
        args.append(due_before)
    q.append("ORDER BY o.issue_id, d.start_page, o.key")
    rows = [dict(r) for r in con.execute(" ".join(q), args)]
    for r in rows:
        r["deadlines"] = [dict(x) for x in con.execute(
            "SELECT dl.text, dl.kind, dl.start, dl.\"end\", dl.approx FROM obligation_deadlines od"
            " JOIN deadlines dl ON dl.key = od.deadline_key WHERE od.obligation_key = ?", (r["key"],))]
        r["targets"] = [dict(x) for x in con.execute(
            "SELECT t.text, t.indicator, t.comparator, t.value, t.unit, t.year FROM obligation_targets ot"
            " JOIN targets t ON t.key = ot.target_key WHERE ot.obligation_key = ?", (r["key"],))]
        r["all_units"] = [dict(x) for x in con.execute(
            "SELECT name, canonical, role FROM obligation_units WHERE obligation_key = ? ORDER BY position",
            (r["key"],))]
    return rows


def targets(con: sqlite3.Connection, indicator: Optional[str] = None, unit: Optional[str] = None,
            year: Optional[int] = None, issue: Optional[str] = None) -> list[dict]:
    q = ["SELECT t.issue_id, t.id, t.indicator, t.comparator, t.value, t.unit, t.normalized_value, t.base_unit,"
         " t.year, t.aspirational, t.text, t.page, d.doc_number, d.title FROM targets t"
         " JOIN documents d ON d.key = t.document_key WHERE 1=1"]
    args: list = []
    if indicator:
        q.append("AND (t.indicator LIKE ? ESCAPE '\\' OR t.text LIKE ? ESCAPE '\\')")
        args += [like_contains(indicator), like_contains(indicator)]
    _filter(q, args, "AND t.unit = ?", unit)
    _filter(q, args, "AND t.year = ?", year)
    _filter(q, args, "AND t.issue_id = ?", issue)
    q.append("ORDER BY t.issue_id, t.page, t.id")
    return [dict(r) for r in con.execute(" ".join(q), args)]


_PROVISION_COLS = ("SELECT p.key, p.issue_id, p.id, p.number, p.heading, p.page, p.text, d.doc_number, d.title, {score}"
                   " FROM {src} JOIN documents d ON d.key = p.document_key WHERE {where}")


def _provisions(con, src: str, score: str, where: str, arg, issue: Optional[str], order: str, limit: int) -> list[dict]:
    sql = _PROVISION_COLS.format(score=score, src=src, where=where)
    args: list = [arg]
    if issue:
        sql += " AND p.issue_id = ?"
        args.append(issue)
    sql += f"{order} LIMIT ?"
    args.append(limit)
    return [dict(r) for r in con.execute(sql, args)]


def search(con: sqlite3.Connection, text: str, limit: int = 20, issue: Optional[str] = None) -> list[dict]:
    """Provisions matching all words of ``text`` (jieba-segmented), best first; substring fallback."""
    from .segment import tokenizer
    terms = tokenizer().query_terms(text)
    rows: list[dict] = []
    if terms:
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = _provisions(con, "provisions_fts f JOIN provisions p ON p.key = f.provision_key",
                           "bm25(provisions_fts) AS score", "provisions_fts MATCH ?", match, issue,
                           " ORDER BY score", limit)
    if not rows:
        rows = _provisions(con, "provisions p", "0 AS score", "p.text LIKE ? ESCAPE '\\'", like_contains(text), issue, "", limit)
    return rows
