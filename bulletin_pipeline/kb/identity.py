"""One issue, many files: which source an issue id's outputs come from.

Two inputs can be the same gazette issue: the full PDF and a scanned excerpt of a few of its pages, or two
scans of one issue.  They get the same issue id, so writing the second would silently replace what the
output folder and the knowledge base hold.  Instead, before an issue is written:

* the first source of an id is written;
* a source with the same sha256 rewrites its own outputs;
* a different source replaces the outputs only when it is more complete (more documents, then more pages,
  then more provisions) or when the user forces it (``--replace``); otherwise it is not used, and the
  caller reports that;
* every source seen is recorded in OUT/<issue-id>/sources.json (and in the ``issue_sources`` table).

The decision and the write happen under a lock file per issue id, so parallel batch workers that produce
the same id one after the other see each other's result.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from .json_out import INDENT, atomic_write

SOURCES = "sources.json"


@dataclass
class Decision:
    action: str                 # new | same | replace | keep
    message: str = ""           # one line for the user; empty when there is nothing to say
    held: Optional[dict] = None  # the source the outputs come from after the decision

    @property
    def write(self) -> bool:
        return self.action != "keep"


class Summary(dict):
    """The :func:`summary` of an issue made where the issue was (a batch worker), with the issue's id:
    :func:`decide` and :func:`record` take it in place of the issue."""

    def __init__(self, issue_id: str, fields: dict):
        super().__init__(fields)
        self.issue_id = issue_id


def summary(data) -> dict:
    """What a source contributed: the numbers completeness is judged by.  ``data`` is an issue as read
    from issue.json, the (unwritten) Issue itself, or its :class:`Summary`."""
    if isinstance(data, Summary):
        return dict(data)
    if not isinstance(data, dict):     # the same numbers, without dumping the documents
        src = data.source.model_dump(mode="json")
        return {"path": src["path"], "sha256": src["sha256"], "page_count": src["page_count"],
                "documents": len(data.documents), "provisions": sum(len(d.provisions) for d in data.documents),
                "input_class": data.issue.model_dump(mode="json", include={"input_class"}).get("input_class",
                                                                                              "gazette")}
    docs = data.get("documents", [])
    return {"path": data["source"]["path"], "sha256": data["source"]["sha256"],
            "page_count": data["source"]["page_count"], "documents": len(docs),
            "provisions": sum(len(d.get("provisions", [])) for d in docs),
            "input_class": data["issue"].get("input_class", "gazette")}


def _rank(s: dict) -> tuple:
    return (s.get("documents", 0), s.get("page_count", 0), s.get("provisions", 0))


@contextlib.contextmanager
def locked(outdir: Path, issue_id: str) -> Iterator[None]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with open(outdir / f".{issue_id}.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def held_source(outdir: Path, issue_id: str) -> Optional[dict]:
    """The source the written outputs of ``issue_id`` come from, or None when nothing is written.

    The numbers are sources.json's row for the source the head of issue.json names, when it holds that
    source: a batch asks for every input it meets (is it done? is the new one more complete?), and parsing a
    long issue's whole issue.json for three numbers cost time and the memory of the whole issue as data."""
    f = Path(outdir) / issue_id / "issue.json"
    head = _head_source(f)
    if head is not None:
        for row in load_sources(outdir, issue_id):
            if row.get("status") == "held" and row.get("sha256") == head.get("sha256") \
                    and all(k in row for k in SUMMARY_KEYS):
                return {k: row[k] for k in SUMMARY_KEYS}
    try:
        return summary(json.loads(f.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


# the fields of a source's summary (what sources.json keeps of each source besides its status)
SUMMARY_KEYS = ("path", "sha256", "page_count", "documents", "provisions", "input_class")
# where the "source" object of an issue.json starts: a key of the top-level object (one indent, on its line)
_SOURCE_KEY = "\n" + " " * INDENT + '"source": '
# how much of an issue.json's head is read at a time when looking for its "source" object, and at most
HEAD_CHUNK, HEAD_MAX = 1 << 16, 1 << 22


def _head_source(f: Path) -> Optional[dict]:
    """The "source" object at the head of an issue.json, read without the rest of the file (None when it is
    not where the writer puts it)."""
    decoder = json.JSONDecoder()
    text = ""
    try:
        with open(f, encoding="utf-8", errors="replace") as fh:
            while len(text) < HEAD_MAX:
                chunk = fh.read(HEAD_CHUNK)
                text += chunk
                at = text.find(_SOURCE_KEY)
                if at >= 0:
                    try:
                        obj, _ = decoder.raw_decode(text, at + len(_SOURCE_KEY))
                        return obj if isinstance(obj, dict) else None
                    except ValueError:
                        pass        # cut by the chunk: read on
                if not chunk:
                    return None
    except OSError:
        return None
    return None


def load_sources(outdir: Path, issue_id: str) -> list[dict]:
    try:
        return json.loads((Path(outdir) / issue_id / SOURCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _describe(s: dict) -> str:
    return f"{s['path']} ({s['documents']} documents, {s['page_count']} pages)"


def _issue_id(data) -> str:
    if isinstance(data, Summary):
        return data.issue_id
    return data["issue"]["id"] if isinstance(data, dict) else data.issue.id


def decide(data, outdir: Path, replace: bool = False) -> Decision:
    """Whether the issue in ``data`` (read from issue.json, or an Issue) may be written to OUT/<id>/ (call
    under ``locked``)."""
    iid = _issue_id(data)
    new = summary(data)
    old = held_source(outdir, iid)
    if old is None:
        return Decision("new", "", new)
    if old["sha256"] == new["sha256"]:
        return Decision("same", "", new)
    part = new["page_count"] < old["page_count"] and new["documents"] <= old["documents"]
    what = "a part" if part else "another source"
    if replace:
        return Decision("replace", f"{iid}: replaced {_describe(old)} by {_describe(new)} (--replace)", new)
    if _rank(new) > _rank(old):
        return Decision("replace", f"{iid}: {_describe(new)} is more complete than {_describe(old)}; "
                                   "the knowledge base now holds it", new)
    return Decision("keep", f"{iid} already holds {_describe(old)}; {_describe(new)} is {what} of the same "
                            "issue and was not used (--replace forces it)", old)


def record(outdir: Path, data, decision: Decision) -> list[dict]:
    """Add this source to OUT/<id>/sources.json with its status (held | superseded | not used)."""
    iid = _issue_id(data)
    new = summary(data)
    held_sha = decision.held["sha256"] if decision.held else new["sha256"]
    rows = [r for r in load_sources(outdir, iid) if r["sha256"] != new["sha256"]]
    rows.append(dict(new, status="held"))
    for r in rows:
        if r["sha256"] == held_sha:
            r["status"] = "held"
        elif r["sha256"] == new["sha256"]:
            r["status"] = "not used"
        elif r.get("status") == "held":
            r["status"] = "superseded"
    if not any(r["sha256"] == held_sha for r in rows) and decision.held:
        rows.insert(0, dict(decision.held, status="held"))
    rows.sort(key=lambda r: (r["status"] != "held", r["path"]))
    for stale in (Path(outdir) / iid).glob(f".{SOURCES}.*.tmp"):   # left by a killed writer (we hold the lock)
        stale.unlink(missing_ok=True)
    atomic_write(Path(outdir) / iid / SOURCES, json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    return rows


def write_checked(issue, outdir: Path, index: bool = True, akn: bool = False, replace: bool = False):
    """Decide whether the (classified) input may replace what OUT holds for its issue id, write it (under
    the issue's lock) and record the source.  Returns (issue.json path, Decision); nothing is written
    when the decision is to keep what OUT holds."""
    from .write import KB_NAME, write_issue
    iid = issue.issue.id
    outdir = Path(outdir)
    with locked(outdir, iid):
        decision = decide(issue, outdir, replace)
        target = write_issue(issue, outdir, index=index, akn=akn) if decision.write else outdir / iid / "issue.json"
        sources = record(outdir, issue, decision)
        if index:
            from .index import connect, index_sources
            con = connect(outdir / KB_NAME)
            try:
                index_sources(con, iid, sources)
            finally:
                con.close()
    return target, decision
