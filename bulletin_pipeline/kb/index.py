"""The SQLite knowledge base across issues (Datasette-ready): one transaction per issue, re-indexing an
issue replaces its rows, FTS5 over the provisions' CJK bigrams (kb/segment.py)."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Optional

from .segment import index_terms

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS issues (
  id TEXT PRIMARY KEY, gazette TEXT, year INTEGER, number INTEGER, total_number INTEGER,
  source_path TEXT, sha256 TEXT, page_count INTEGER, pipeline_version TEXT,
  input_class TEXT, class_reasons TEXT);
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE, id TEXT NOT NULL,
  doc_number TEXT, title TEXT, doc_type TEXT, date TEXT, year INTEGER, section TEXT, start_page INTEGER,
  issuers TEXT, addressees TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS provisions (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE, id TEXT NOT NULL,
  number TEXT, heading TEXT, level INTEGER, parent TEXT, page INTEGER, text TEXT);
CREATE TABLE IF NOT EXISTS units (
  name TEXT PRIMARY KEY, canonical TEXT);
CREATE TABLE IF NOT EXISTS obligations (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE, id TEXT NOT NULL,
  provision_key TEXT, text TEXT, source TEXT, page INTEGER, rule TEXT);
CREATE TABLE IF NOT EXISTS obligation_units (
  obligation_key TEXT NOT NULL REFERENCES obligations(key) ON DELETE CASCADE,
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  name TEXT NOT NULL REFERENCES units(name), canonical TEXT, role TEXT NOT NULL, position INTEGER);
CREATE TABLE IF NOT EXISTS deadlines (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE, id TEXT NOT NULL,
  text TEXT, kind TEXT, start TEXT, "end" TEXT, approx INTEGER, duration TEXT, frequency TEXT, page INTEGER,
  provision_key TEXT);
CREATE TABLE IF NOT EXISTS targets (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE, id TEXT NOT NULL,
  text TEXT, indicator TEXT, comparator TEXT, value REAL, unit TEXT, normalized_value REAL, base_unit TEXT,
  year INTEGER, aspirational INTEGER, page INTEGER, provision_key TEXT);
CREATE TABLE IF NOT EXISTS obligation_deadlines (
  obligation_key TEXT NOT NULL REFERENCES obligations(key) ON DELETE CASCADE,
  deadline_key TEXT NOT NULL REFERENCES deadlines(key) ON DELETE CASCADE,
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS obligation_targets (
  obligation_key TEXT NOT NULL REFERENCES obligations(key) ON DELETE CASCADE,
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE,
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS citations (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  doc_number TEXT, title TEXT, page INTEGER);
CREATE TABLE IF NOT EXISTS warnings (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  code TEXT, message TEXT, page INTEGER, document_id TEXT);
CREATE TABLE IF NOT EXISTS tables (
  key TEXT PRIMARY KEY, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE, id TEXT NOT NULL,
  document_key TEXT REFERENCES documents(key) ON DELETE CASCADE, page INTEGER, bbox TEXT, pages TEXT,
  ruled INTEGER, columns INTEGER, header_rows INTEGER, row_count INTEGER);
CREATE TABLE IF NOT EXISTS table_cells (
  table_key TEXT NOT NULL REFERENCES tables(key) ON DELETE CASCADE,
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  "row" INTEGER, col INTEGER, rowspan INTEGER, colspan INTEGER, header INTEGER, page INTEGER, bbox TEXT,
  text TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS provisions_fts USING fts5(
  provision_key UNINDEXED, issue_id UNINDEXED, terms, tokenize = 'unicode61');
CREATE INDEX IF NOT EXISTS documents_issue ON documents(issue_id);
CREATE INDEX IF NOT EXISTS provisions_doc ON provisions(document_key);
CREATE INDEX IF NOT EXISTS obligations_doc ON obligations(document_key);
CREATE INDEX IF NOT EXISTS ou_name ON obligation_units(name);
CREATE INDEX IF NOT EXISTS ou_canonical ON obligation_units(canonical);
CREATE INDEX IF NOT EXISTS ou_obligation ON obligation_units(obligation_key);
CREATE INDEX IF NOT EXISTS deadlines_end ON deadlines("end");
CREATE INDEX IF NOT EXISTS targets_indicator ON targets(indicator);
CREATE INDEX IF NOT EXISTS od_ob ON obligation_deadlines(obligation_key);
CREATE INDEX IF NOT EXISTS ot_ob ON obligation_targets(obligation_key);
CREATE INDEX IF NOT EXISTS tc_table ON table_cells(table_key);
CREATE INDEX IF NOT EXISTS provisions_issue ON provisions(issue_id);
CREATE INDEX IF NOT EXISTS obligations_issue ON obligations(issue_id);
CREATE INDEX IF NOT EXISTS ou_issue ON obligation_units(issue_id);
CREATE INDEX IF NOT EXISTS deadlines_issue ON deadlines(issue_id);
CREATE INDEX IF NOT EXISTS deadlines_doc ON deadlines(document_key);
CREATE INDEX IF NOT EXISTS targets_issue ON targets(issue_id);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(document_key);
CREATE INDEX IF NOT EXISTS od_issue ON obligation_deadlines(issue_id);
CREATE INDEX IF NOT EXISTS od_deadline ON obligation_deadlines(deadline_key);
CREATE INDEX IF NOT EXISTS ot_issue ON obligation_targets(issue_id);
CREATE INDEX IF NOT EXISTS ot_target ON obligation_targets(target_key);
CREATE INDEX IF NOT EXISTS citations_issue ON citations(issue_id);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(document_key);
CREATE INDEX IF NOT EXISTS warnings_issue ON warnings(issue_id);
CREATE INDEX IF NOT EXISTS tables_issue ON tables(issue_id);
CREATE INDEX IF NOT EXISTS tables_doc ON tables(document_key);
CREATE INDEX IF NOT EXISTS tc_issue ON table_cells(issue_id);
"""
# Every column a delete or a cascade looks rows up by has an index (issue_id, and each foreign key): replacing an
# issue, as re-running a batch over an archive does for every file, costs what the issue holds, not what the KB
# holds (each deleted parent row looks for its children; without an index, a scan of the child table).

# the first 16 bytes of every SQLite 3 database file
SQLITE_MAGIC = b"SQLite format 3\x00"

TABLES_BY_ISSUE = ("table_cells", "tables", "obligation_deadlines", "obligation_targets", "obligation_units", "citations", "warnings",
                   "deadlines", "targets", "obligations", "provisions", "documents")


def connect(path: Path, timeout: float = 60.0) -> sqlite3.Connection:
    """Open (creating) a KB for writing; ``timeout``: seconds to wait for another writer's lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=timeout)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")   # WAL: a crash never corrupts; fewer fsyncs
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)
    _identity_schema(con)
    from .views import create_views
    create_views(con)
    return con


# --------------------------------------------------------------------------- input class and sources
SOURCES_SCHEMA = """
CREATE TABLE IF NOT EXISTS issue_sources (
  issue_id TEXT NOT NULL, path TEXT, sha256 TEXT, page_count INTEGER, documents INTEGER, input_class TEXT,
  status TEXT);
CREATE INDEX IF NOT EXISTS issue_sources_issue ON issue_sources(issue_id);
"""


def _identity_schema(con: sqlite3.Connection) -> None:
    """Columns and tables for an input's class and every source of an issue (also on an older kb.sqlite)."""
    have = {r[1] for r in con.execute("PRAGMA table_info(issues)")}
    for col in ("input_class", "class_reasons"):
        if col not in have:
            con.execute(f"ALTER TABLE issues ADD COLUMN {col} TEXT")
    con.executescript(SOURCES_SCHEMA)


def indexed_documents(data: dict) -> list[dict]:
    """The documents an issue adds to the KB: none for an input that is not a gazette or a 公文."""
    if data["issue"].get("input_class") == "other":
        return []
    return data.get("documents", [])


def index_sources(con: sqlite3.Connection, issue_id: str, sources: list[dict]) -> None:
    """Every file seen for an issue id, with the one the KB holds marked ``held``."""
    with con:
        con.execute("DELETE FROM issue_sources WHERE issue_id = ?", (issue_id,))
        con.executemany("INSERT INTO issue_sources VALUES (?,?,?,?,?,?,?)",
                        [(issue_id, s["path"], s["sha256"], s["page_count"], s["documents"],
                          s.get("input_class"), s["status"]) for s in sources])


def _k(*parts) -> str:
    return "/".join(str(p) for p in parts)


def index_issue(con: sqlite3.Connection, data: dict, rows: Optional[list] = None) -> None:
    """Replace everything known about this issue, in one transaction.  ``rows``: :func:`issue_rows` of
    ``data``, made beforehand (by a batch worker, where the issue was in memory); only the issue id of
    ``data`` is then read."""
    iid = data["issue"]["id"]
    rows = issue_rows(data) if rows is None else rows
    with con:
        kept = _delete(con, iid, {r[0]: r[2] for sql, params in rows if sql == INSERT_FTS for r in params})
        if kept is not None:
            rows = _keeping(con, rows, kept)
        for sql, params in rows:
            con.executemany(sql, params)


# a provision row with its rowid given: a replaced issue's provision keeps the rowid its FTS row shares
INSERT_PROVISION_AT = ("INSERT INTO provisions (rowid, key, issue_id, document_key, id, number, heading, level, parent,"
                       " page, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)")


def _keeping(con: sqlite3.Connection, rows: list, kept: dict[str, int]) -> list:
    """The rows of a replaced issue with its kept FTS rows left out and each provision given its rowid: a kept
    one its old rowid (its FTS row's), a new one a rowid above every rowid the table has had."""
    top = con.execute("SELECT max(rowid) FROM provisions").fetchone()[0] or 0
    top = max([top, *kept.values()])
    out = []
    for sql, params in rows:
        if sql == INSERT_PROVISION:
            at = []
            for r in params:
                if r[0] in kept:
                    at.append((kept[r[0]], *r))
                else:
                    top += 1
                    at.append((top, *r))
            out.append((INSERT_PROVISION_AT, at))
        elif sql == INSERT_FTS:
            params = [r for r in params if r[0] not in kept]
            if params:
                out.append((sql, params))
        else:
            out.append((sql, params))
    return out


INSERT_ISSUE = ("INSERT INTO issues (id, gazette, year, number, total_number, source_path, sha256, page_count,"
                " pipeline_version) VALUES (?,?,?,?,?,?,?,?,?)")
UPDATE_CLASS = "UPDATE issues SET input_class = ?, class_reasons = ? WHERE id = ?"
INSERT_DOCUMENT = "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
INSERT_PROVISION = "INSERT INTO provisions VALUES (?,?,?,?,?,?,?,?,?,?)"
# the FTS row shares the provision's rowid: Datasette's ?_search= on provisions joins on it
INSERT_FTS = ("INSERT INTO provisions_fts (rowid, provision_key, issue_id, terms) SELECT p.rowid, ?, ?, ?"
              " FROM provisions p WHERE p.key = ?")
INSERT_DEADLINE = "INSERT INTO deadlines VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
INSERT_TARGET = "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
INSERT_OBLIGATION = "INSERT INTO obligations VALUES (?,?,?,?,?,?,?,?,?)"
UPSERT_UNIT = ("INSERT INTO units (name, canonical) VALUES (?, ?) ON CONFLICT(name) DO UPDATE "
               "SET canonical = COALESCE(excluded.canonical, units.canonical)")
INSERT_OBLIGATION_UNIT = "INSERT INTO obligation_units VALUES (?,?,?,?,?,?)"
INSERT_OBLIGATION_DEADLINE = "INSERT INTO obligation_deadlines VALUES (?,?,?)"
INSERT_OBLIGATION_TARGET = "INSERT INTO obligation_targets VALUES (?,?,?)"
INSERT_CITATION = "INSERT INTO citations VALUES (?,?,?,?,?)"
INSERT_TABLE = "INSERT INTO tables VALUES (?,?,?,?,?,?,?,?,?,?,?)"
INSERT_CELL = "INSERT INTO table_cells VALUES (?,?,?,?,?,?,?,?,?,?)"
INSERT_WARNING = "INSERT INTO warnings VALUES (?,?,?,?,?)"


def issue_rows(data) -> list[tuple[str, list[tuple]]]:
    """The statements that index an issue (after its old rows are deleted), each with its rows, in the
    order they run: plain data (picklable), so a batch worker makes them from the issue it holds and the
    batch only runs them.  Per document, each table's rows keep their order (so rowids and the units'
    canonical names are what row-by-row inserts give), parents before children (the foreign keys)."""
    iid = data["issue"]["id"]
    i, s = data["issue"], data["source"]
    out: list[tuple[str, list[tuple]]] = [
        (INSERT_ISSUE, [(iid, i.get("gazette"), i.get("year"), i.get("number"), i.get("total_number"), s["path"],
                         s["sha256"], s["page_count"], data["pipeline"]["version"])]),
        (UPDATE_CLASS, [(i.get("input_class", "gazette"), "；".join(i.get("class_reasons", [])), iid)]),
    ]
    docs = set()     # the indexed documents' ids (a table of an unindexed document keeps no link)
    for d in indexed_documents(data):
        docs.add(d["id"])
        dk = _k(iid, d["id"])
        out.append((INSERT_DOCUMENT, [(dk, iid, d["id"], d.get("doc_number"), d["title"], d.get("doc_type"), d.get("date"),
                                       int(d["date"][:4]) if d.get("date") else i.get("year"), d.get("section"),
                                       d["start_page"], json.dumps(d.get("issuers", []), ensure_ascii=False),
                                       json.dumps(d.get("addressees", []), ensure_ascii=False), d.get("text"))]))
        rows, fts = [], []
        for p in d.get("provisions", []):
            pk = _k(iid, p["id"])
            rows.append((pk, iid, dk, p["id"], p["number"], p.get("heading"), p["level"],
                         _k(iid, p["parent"]) if p.get("parent") else None, p["page"], p["text"]))
            fts.append((pk, iid, index_terms(p["text"]), pk))
        out.append((INSERT_PROVISION, rows))
        out.append((INSERT_FTS, fts))
        out.append((INSERT_DEADLINE, [
            (_k(iid, x["id"]), iid, dk, x["id"], x["text"], x["kind"], x.get("start"), x.get("end"),
             int(bool(x.get("approx"))), x.get("duration"), x.get("frequency"), x.get("page"),
             _k(iid, x["provision_id"]) if x.get("provision_id") else None) for x in d.get("deadlines", [])]))
        out.append((INSERT_TARGET, [
            (_k(iid, x["id"]), iid, dk, x["id"], x["text"], x["indicator"], x["comparator"],
             x["value"], x["unit"], x.get("normalized_value"), x.get("base_unit"), x.get("year"),
             int(bool(x.get("aspirational"))), x.get("page"),
             _k(iid, x["provision_id"]) if x.get("provision_id") else None) for x in d.get("targets", [])]))
        obligations, units, ous, ods, ots = [], [], [], [], []
        for o in d.get("obligations", []):
            ok = _k(iid, o["id"])
            obligations.append((ok, iid, dk, o["id"], _k(iid, o["provision_id"]) if o.get("provision_id") else None,
                                o["text"], o["source"], o.get("page"), o.get("rule")))
            for n, u in enumerate(o.get("units", [])):
                units.append((u["name"], u.get("canonical")))
                ous.append((ok, iid, u["name"], u.get("canonical"), u["role"], n))
            ods += [(ok, _k(iid, x), iid) for x in o.get("deadline_ids", [])]
            ots += [(ok, _k(iid, x), iid) for x in o.get("target_ids", [])]
        out += [(INSERT_OBLIGATION, obligations), (UPSERT_UNIT, units), (INSERT_OBLIGATION_UNIT, ous),
                (INSERT_OBLIGATION_DEADLINE, ods), (INSERT_OBLIGATION_TARGET, ots)]
        out.append((INSERT_CITATION, [(iid, dk, c.get("doc_number"), c.get("title"), c.get("page"))
                                      for c in d.get("citations", [])]))
    out += _table_rows(data, iid, docs)
    out.append((INSERT_WARNING, [(iid, w["code"], w["message"], w.get("page"), w.get("document_id"))
                                 for w in data.get("warnings", [])]))
    return [(sql, params) for sql, params in out if params]


def _table_rows(data, iid: str, docs: set) -> list[tuple[str, list[tuple]]]:
    """One row per table (its document, pages, shape) and one per cell (anchored cells: a merged cell once);
    ``docs``: the ids of the indexed documents."""
    tables, cells = [], []
    for t in data.get("tables", []):
        tk = _k(iid, "table", t["id"])
        tables.append((tk, iid, t["id"], _k(iid, t["document_id"]) if t.get("document_id") in docs else None,
                       t["page"], json.dumps(t["bbox"]), json.dumps(sorted({p["page"] for p in t.get("prov", [])})),
                       int(bool(t.get("ruled"))), t["columns"], t.get("header_rows", 0), len(t.get("rows", []))))
        cells += [(tk, iid, c["row"], c["col"], c.get("rowspan", 1), c.get("colspan", 1),
                   int(bool(r.get("header"))), c["page"], json.dumps(c["bbox"]), c["text"])
                  for r in t.get("rows", []) for c in r["cells"]]
    return [(INSERT_TABLE, tables), (INSERT_CELL, cells)]


def _delete(con: sqlite3.Connection, iid: str, terms: Optional[dict[str, str]] = None) -> Optional[dict[str, int]]:
    """Delete the issue's rows; None for a new issue.  ``terms``: the FTS terms of each provision the issue
    will have: an FTS row already holding them stays (re-running a batch over an archive replaces every issue,
    most of whose provisions have not changed, and an FTS5 row costs more to delete and write again than all
    the issue's other rows).  Returns {provision key: rowid} of the FTS rows kept."""
    if con.execute("SELECT 1 FROM issues WHERE id = ?", (iid,)).fetchone() is None:
        # a new issue: no row names it (index_issue writes and replaces an issue's rows with its issues row,
        # in one transaction)
        return None
    terms = terms or {}
    kept, gone = {}, []
    # the FTS rows by rowid (each shares its provision's): FTS5 can look up nothing by an unindexed column
    for rowid, key, old in con.execute("SELECT rowid, provision_key, terms FROM provisions_fts WHERE rowid IN "
                                       "(SELECT rowid FROM provisions WHERE issue_id = ?)", (iid,)).fetchall():
        if terms.get(key) == old and key not in kept:
            kept[key] = rowid
        else:
            gone.append((rowid,))
    con.executemany("DELETE FROM provisions_fts WHERE rowid = ?", gone)
    for t in TABLES_BY_ISSUE:
        con.execute(f"DELETE FROM {t} WHERE issue_id = ?", (iid,))
    con.execute("DELETE FROM issues WHERE id = ?", (iid,))
    return kept


def rebuild(db: Path, issue_files: Iterable[Path]) -> int:
    """Build a new KB from ``issue_files`` beside ``db`` and swap it in with one rename.

    Readers never see a half-built KB, and a connection already open on the old file keeps reading the old
    file (it is unlinked, not rewritten).  A bad issue file fails the rebuild in one line; the old KB stays.
    """
    from ..errors import InputError
    from .identity import load_sources
    from .json_out import load_json
    db = Path(db)
    if db.is_dir() or (db.exists() and db.stat().st_size and not _is_sqlite(db)):
        raise InputError("no-kb", f"{db} is not a knowledge base; refusing to replace it")
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.parent / f".{db.name}.{os.urandom(6).hex()}.tmp"
    n = 0
    try:
        con = connect(tmp)
        try:
            for f in issue_files:
                data = load_json(Path(f).read_bytes(), str(f))
                if not isinstance(data, dict) or not isinstance(data.get("issue"), dict):
                    raise InputError("invalid-input", f"{f}: not an issue.json")
                try:
                    index_issue(con, data)
                    sources = load_sources(Path(f).parent.parent, Path(f).parent.name)
                    if sources:     # every source seen for the issue, as its sources.json lists them
                        index_sources(con, Path(f).parent.name, sources)
                except (KeyError, TypeError, ValueError, AttributeError) as e:
                    raise InputError("invalid-input", f"{f}: not a valid issue.json ({type(e).__name__}: {e})") from e
                n += 1
            con.execute("PRAGMA journal_mode = DELETE")     # one self-contained file, no -wal beside it
        finally:
            con.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _checkpoint(db)
        os.replace(tmp, db)
        from .json_out import fsync_dir
        fsync_dir(db.parent)
    except BaseException:
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            try:
                p.unlink()
            except FileNotFoundError:
                pass
        raise
    return n


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _checkpoint(db: Path) -> None:
    """Fold the old KB's write-ahead log into it and empty the log, so no stale -wal frames meet the new file."""
    if not db.exists():
        return
    try:
        con = sqlite3.connect(str(db), timeout=5)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.DatabaseError:
        pass        # not a database (or corrupt): it is replaced whole anyway


def check_readable(path: Path) -> None:
    """One-line errors (InputError) for a KB that is missing, empty, not SQLite or not a bulletin KB."""
    from ..errors import InputError
    path = Path(path)
    if not path.exists():
        raise InputError("no-kb", f"no knowledge base at {path} (run `bulletin run` or `bulletin index` first)")
    if path.is_dir():
        raise InputError("no-kb", f"{path} is a folder, not a knowledge base")
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise InputError("no-kb", f"cannot read {path}: {e.strerror}") from e
    if not head:
        raise InputError("no-kb", f"{path} is empty, not a knowledge base (run `bulletin index`)")
    if head != SQLITE_MAGIC:
        raise InputError("no-kb", f"{path} is not a knowledge base (not an SQLite file)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise InputError("no-kb", f"{path} cannot be read as a knowledge base: {e}") from e
    if not {"issues", "documents", "provisions"} <= tables:
        raise InputError("no-kb", f"{path} is an SQLite file but not a bulletin knowledge base")
