"""Questions researchers ask of the knowledge base: obligations by unit, role, issuer, document date and
deadline; targets by indicator, measure and year; full-text search; what units and issues are there.

Every filter is optional (an empty filter set lists everything).  Bad input is a :class:`QueryError` with
one line for the user: an invalid date, a unit that matches nothing (with the closest names), an empty KB.
Every row names its issue and the source file it came from.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Optional

from ..lexicon import Resources
from .segment import match_expression, query_words

ROLES = ("lead", "support", "implement", "responsible")
# rapidfuzz WRatio score (0-100) a unit name needs to be offered as "did you mean"
SUGGEST_MIN_SCORE = 60.0
# how many names "did you mean" offers
SUGGEST_LIMIT = 3

# 2020-12-31, 2020-12, 2020 (also with / or . between the parts)
ISO_DATE = re.compile(r"^(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?$")
# 2020年12月31日, 2020年12月, 2020年 (Arabic digits; 日 and 号 both close a day)
CN_DATE = re.compile(r"^(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?$")


class QueryError(ValueError):
    """A query the KB cannot answer as asked; the message is one line for the user."""


class InvalidDate(QueryError):
    """A date the user typed that is not a date."""


def parse_date(text: str, end: bool = False) -> str:
    """An ISO date from ISO or Chinese input.  A month or year alone stands for its first day, or its last
    day when ``end`` (so ``--due-before 2020-12`` includes 2020-12-31).  Raises QueryError."""
    t = (text or "").strip()
    m = ISO_DATE.match(t) or CN_DATE.match(t)
    if not m:
        raise InvalidDate(f"invalid date {text!r}: use 2020-12-31, 2020-12, 2020, 2020年12月31日 or 2020年12月")
    y = int(m.group("y"))
    mo = int(m.group("m")) if m.group("m") else (12 if end else 1)
    if m.group("d"):
        d = int(m.group("d"))
    else:
        d = calendar.monthrange(y, mo)[1] if end and 1 <= mo <= 12 else 1
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise InvalidDate(f"invalid date {text!r}: no such day") from None


# LIKE's wildcards and its escape character: a user's % or _ is a literal character, not "anything"
_LIKE_SPECIAL = re.compile(r"([\\%_])")


def like_escape(text: str) -> str:
    """User text for a LIKE pattern (used with ESCAPE '\\'): % and _ match themselves."""
    return _LIKE_SPECIAL.sub(r"\\\1", text)


def like_contains(text: str) -> str:
    """A LIKE pattern (used with ESCAPE '\\') matching values that contain ``text`` literally."""
    return "%" + like_escape(text) + "%"


def open_db(path: Path) -> sqlite3.Connection:
    if not Path(path).exists():
        raise FileNotFoundError(f"no knowledge base at {path} (run `bulletin run` or `bulletin index` first)")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def require_content(con: sqlite3.Connection, path: Path | str = "the knowledge base") -> None:
    """QueryError when the KB holds no issue at all (a query would answer 0 rows for the wrong reason)."""
    try:
        n = con.execute("SELECT count(*) FROM issues").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise QueryError(f"{path} is not a bulletin knowledge base ({e})") from None
    if not n:
        raise QueryError(f"{path} is empty: no issue has been indexed (run `bulletin run` or `bulletin index`)")


# --------------------------------------------------------------------------- units
def resolve_unit(con: sqlite3.Connection, unit: str) -> tuple[set[str], set[str]]:
    """Names as written and official names that ``unit`` stands for in this KB (as written, official name,
    or an alias the gazetteer knows).  QueryError with the closest names when nothing matches."""
    u = (unit or "").strip()
    if not u:
        raise QueryError("--unit is empty")
    known = [(r[0], r[1]) for r in con.execute("SELECT DISTINCT name, canonical FROM obligation_units")]
    gz = Resources().gazetteer
    canon = gz.canonical(u)
    names = {n for n, c in known if n == u or (c and (c == u or c == canon))}
    canons = {c for n, c in known if c and (n == u or c == u or c == canon)}
    if canon:
        canons.add(canon)
        names |= {a for a, c in gz.alias.items() if c == canon and any(a == n for n, _ in known)}
    if names or any(c in canons for _, c in known):
        return names | {u}, canons
    raise QueryError(f"no unit {u!r} in the knowledge base" + _did_you_mean(u, {x for p in known for x in p if x}))


def _did_you_mean(u: str, choices: set[str]) -> str:
    if not choices:
        return ""
    from rapidfuzz import fuzz, process
    best = process.extract(u, sorted(choices), scorer=fuzz.WRatio, limit=SUGGEST_LIMIT,
                           score_cutoff=SUGGEST_MIN_SCORE)
    return "; did you mean " + "、".join(b[0] for b in best) + "?" if best else ""


def units(con: sqlite3.Connection, issue: Optional[str] = None) -> list[dict]:
    """Every unit named in an obligation: as written, official name, how many obligations, in which roles."""
    q = ("SELECT ou.name AS unit, ou.canonical, count(DISTINCT ou.obligation_key) AS obligations,"
         " group_concat(DISTINCT ou.role) AS roles, count(DISTINCT ou.issue_id) AS issues FROM obligation_units ou")
    args: list = []
    if issue:
        q += " WHERE ou.issue_id = ?"
        args.append(issue)
    q += " GROUP BY ou.name, ou.canonical ORDER BY obligations DESC, ou.name"
    return [dict(r) for r in con.execute(q, args)]


def issues(con: sqlite3.Connection) -> list[dict]:
    """Every issue with its class, counts and source file (and how many sources were seen for it)."""
    return [dict(r) for r in con.execute("SELECT * FROM issue_rows ORDER BY issue_id")]


# --------------------------------------------------------------------------- obligations
def obligations(con: sqlite3.Connection, unit: Optional[str] = None, role: Optional[str] = None,
                due_before: Optional[str] = None, issue: Optional[str] = None, *, due_after: Optional[str] = None,
                issuer: Optional[str] = None, doc_type: Optional[str] = None, date_from: Optional[str] = None,
                date_to: Optional[str] = None, text: Optional[str] = None) -> list[dict]:
    """One record per obligation × unit: the unit, its role, the document (number, title, date), the
    provision text, its deadlines (only those in the --due range when one is given) and targets, the
    issue and the source file.  Dates are ISO or Chinese; due bounds are inclusive."""
    if role is not None and role not in ROLES:
        raise QueryError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    before = parse_date(due_before, end=True) if due_before else None
    after = parse_date(due_after) if due_after else None
    d_from = parse_date(date_from) if date_from else None
    d_to = parse_date(date_to, end=True) if date_to else None
    q = ["SELECT o.key, o.issue_id, o.id, o.text, o.source AS assigned_by, o.page, d.doc_number, d.title,"
         " d.date AS doc_date, d.doc_type, d.issuers, d.id AS doc_id, ou.name AS unit,"
         " COALESCE(ou.canonical, ou.name) AS canonical, ou.role, i.source_path AS source"
         " FROM obligation_units ou JOIN obligations o ON o.key = ou.obligation_key"
         " JOIN documents d ON d.key = o.document_key JOIN issues i ON i.id = o.issue_id WHERE 1=1"]
    args: list = []
    if unit is not None:
        names, canons = resolve_unit(con, unit)
        q.append(f"AND (ou.name IN ({','.join('?' * len(names))})"
                 f" OR ou.canonical IN ({','.join('?' * len(canons)) or 'NULL'}))")
        args += [*names, *canons]
    for clause, value in (("AND ou.role = ?", role), ("AND o.issue_id = ?", issue), ("AND d.doc_type = ?", doc_type),
                          ("AND d.date >= ?", d_from), ("AND d.date <= ?", d_to)):
        if value:
            q.append(clause)
            args.append(value)
    if issuer:
        q.append("AND d.issuers LIKE ? ESCAPE '\\'")
        args.append(like_contains(issuer.strip()))
    if text:
        q.append("AND (o.text LIKE ? ESCAPE '\\' OR o.source LIKE ? ESCAPE '\\')")
        args += [like_contains(text.strip())] * 2
    due_sql, due_args = _due_clause(before, after)
    if due_sql:
        q.append("AND EXISTS (SELECT 1 FROM obligation_deadlines od JOIN deadlines dl ON dl.key = od.deadline_key"
                 f" WHERE od.obligation_key = o.key AND {due_sql})")
        args += due_args
    q.append("ORDER BY o.issue_id, d.start_page, o.rowid, ou.position")
    rows = [dict(r) for r in con.execute(" ".join(q), args)]
    for r in rows:
        r["issuers"] = json.loads(r["issuers"] or "[]")
        dq = ("SELECT dl.text, dl.kind, dl.start, dl.\"end\", dl.approx FROM obligation_deadlines od"
              " JOIN deadlines dl ON dl.key = od.deadline_key WHERE od.obligation_key = ?")
        dargs: list = [r["key"]]
        if due_sql:
            dq += f" AND {due_sql}"
            dargs += due_args
        r["deadlines"] = [dict(x, approx=bool(x["approx"])) for x in con.execute(dq, dargs)]
        r["targets"] = [dict(x, aspirational=bool(x["aspirational"])) for x in con.execute(
            "SELECT t.text, t.indicator, t.comparator, t.value, t.unit, t.year, t.aspirational"
            " FROM obligation_targets ot"
            " JOIN targets t ON t.key = ot.target_key WHERE ot.obligation_key = ?", (r["key"],))]
    return rows


def _due_clause(before: Optional[str], after: Optional[str]) -> tuple[str, list]:
    """A deadline is due on its end date (its start when it has no end)."""
    parts, args = [], []
    due = "COALESCE(dl.\"end\", dl.start)"
    if before:
        parts.append(f"{due} IS NOT NULL AND {due} <= ?")
        args.append(before)
    if after:
        parts.append(f"{due} IS NOT NULL AND {due} >= ?")
        args.append(after)
    return " AND ".join(parts), args


TIDY_COLUMNS = ["issue_id", "doc_number", "title", "doc_date", "unit", "canonical", "role", "due_text", "due_start",
                "due_end", "approx", "text", "page", "source"]


def tidy(records: list[dict]) -> list[dict]:
    """One row per obligation × unit × deadline (a row with empty due fields when there is no deadline)."""
    out = []
    for r in records:
        base = {k: r.get(k) for k in TIDY_COLUMNS if k in r}
        for dl in r["deadlines"] or [None]:
            out.append({**base, "due_text": dl["text"] if dl else None, "due_start": dl["start"] if dl else None,
                        "due_end": dl["end"] if dl else None, "approx": dl["approx"] if dl else None})
    return [{k: row.get(k) for k in TIDY_COLUMNS} for row in out]


# --------------------------------------------------------------------------- targets
def targets(con: sqlite3.Connection, indicator: Optional[str] = None, unit: Optional[str] = None,
            year: Optional[int] = None, issue: Optional[str] = None, *, measure: Optional[str] = None,
            department: Optional[str] = None) -> list[dict]:
    """Numeric targets by indicator text, measurement unit (``measure``; ``unit`` is its old name), year,
    issue, and the department (``department``) an obligation on the target names."""
    measure = measure if measure is not None else unit
    q = ["SELECT t.issue_id, t.id, d.doc_number, d.title, d.date AS doc_date, t.indicator, t.comparator, t.value,"
         " t.unit AS measure, t.normalized_value, t.base_unit, t.year, t.aspirational, t.text, t.page,"
         " i.source_path AS source FROM targets t JOIN documents d ON d.key = t.document_key"
         " JOIN issues i ON i.id = t.issue_id WHERE 1=1"]
    args: list = []
    if indicator:
        q.append("AND (t.indicator LIKE ? ESCAPE '\\' OR t.text LIKE ? ESCAPE '\\')")
        args += [like_contains(indicator.strip())] * 2
    for clause, value in (("AND t.unit = ?", measure.strip() if measure else None), ("AND t.year = ?", year),
                          ("AND t.issue_id = ?", issue)):
        if value:
            q.append(clause)
            args.append(value)
    if department is not None:
        names, canons = resolve_unit(con, department)
        q.append("AND EXISTS (SELECT 1 FROM obligation_targets ot JOIN obligation_units ou"
                 " ON ou.obligation_key = ot.obligation_key WHERE ot.target_key = t.key AND"
                 f" (ou.name IN ({','.join('?' * len(names))})"
                 f" OR ou.canonical IN ({','.join('?' * len(canons)) or 'NULL'})))")
        args += [*names, *canons]
    q.append("ORDER BY t.issue_id, t.page, t.rowid")
    return [dict(r, aspirational=bool(r["aspirational"])) for r in con.execute(" ".join(q), args)]


# --------------------------------------------------------------------------- search
_PROVISION_COLS = ("SELECT p.key, p.issue_id, p.id, p.number, p.heading, p.page, p.text, d.doc_number, d.title,"
                   " i.source_path AS source, {score}"
                   " FROM {src} JOIN documents d ON d.key = p.document_key JOIN issues i ON i.id = p.issue_id"
                   " WHERE {where}")


def _provisions(con, src: str, score: str, where: str, arg, issue: Optional[str], order: str, limit: int) -> list[dict]:
    sql = _PROVISION_COLS.format(score=score, src=src, where=where)
    args: list = [arg]
    if issue:
        sql += " AND p.issue_id = ?"
        args.append(issue)
    sql += f"{order} LIMIT ?"
    args.append(limit)
    return [dict(r) for r in con.execute(sql, args)]


def search(con: sqlite3.Connection, text: str, limit: int = 20, issue: Optional[str] = None,
           resources: Optional[Resources] = None) -> list[dict]:
    """Provisions containing every word of ``text`` (jieba's words, matched as CJK bigram phrases), best
    first; a substring search when the index cannot answer (a one-character word) or finds nothing."""
    match = match_expression(query_words(text, (resources or Resources()).tokenizer))
    rows: list[dict] = []
    if match:
        rows = _provisions(con, "provisions_fts f JOIN provisions p ON p.key = f.provision_key",
                           "bm25(provisions_fts) AS score", "provisions_fts MATCH ?", match, issue,
                           " ORDER BY score", limit)
    if not rows:
        rows = _provisions(con, "provisions p", "0 AS score", "p.text LIKE ? ESCAPE '\\'", like_contains(text), issue, "",
                           limit)
    return rows
