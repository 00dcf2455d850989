"""Write an issue with one commit protocol: every output of the issue is published, or none is.

1. *prepare*: issue.json and issue.xml (and issue.akn.xml) are validated, then written to temp files in the
   issue folder and fsynced; then a journal (``.commit.json``) naming them is written atomically.
2. *commit*: the KB transaction (the issue's rows, from the temp issue.json), then the renames, then the
   journal is removed.
3. *recover* (the start of every run): a journal found in an issue folder is completed (index + renames);
   temp files without a journal are from a run killed before it decided anything and are removed.

A batch worker stages into a folder of its own (OUT/.staging/<writer>/<id>/, :func:`staging_dir`) and hands
its :func:`handoff` (the KB rows, the source's summary) to the batch process, which decides, then
:func:`adopt` s the staged write (temp files renamed into OUT/<id>/, then the journal) and commits it.

An invalid result is never written as if good: the run fails with the validation errors listed.  A KB that
refuses the issue (locked, full) rolls the issue back: the old files stay, the run fails (``index:``).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..errors import IndexFailed, InputError, ValidationFailed
from ..model import Issue
from .json_out import fsync_dir, write_temp
from ..spool import is_list

_log = logging.getLogger(__name__)

KB_NAME = "kb.sqlite"
JOURNAL = ".commit.json"
# OUT/.staging/<writer>/<issue-id>/: a batch worker's staged write, not yet decided on (see adopt)
STAGING = ".staging"
OUTPUT_NAMES = ("issue.json", "issue.xml", "issue.akn.xml")

# An issue id or a document id: a slug (letters, digits, '.', '_', '-') that starts with a letter or digit, so it
# is one path component and never '.', '..' or hidden
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# temp files write_temp makes for an issue's outputs and its journal: '.<final name>.<random>.tmp' (other files
# of the folder, such as sources.json, have writers of their own and are never touched by a settling write)
TEMP_RE = re.compile(r"^\.(?:issue\.json|issue\.xml|issue\.akn\.xml|\.commit\.json)\.[^/]+\.tmp$")


def check_id(value, what: str = "issue id") -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise ValidationFailed([f"{what} {value!r} is not a slug (letters, digits, '.', '_', '-'; "
                                f"starting with a letter or digit)"])
    return value


def inside(base: Path, name: str) -> Path:
    """``base/name`` where ``name`` is a checked id: the path resolves inside ``base`` or this raises."""
    base_r = Path(base).resolve()
    p = (base_r / name).resolve()
    if p.parent != base_r:
        raise ValidationFailed([f"{name!r} would be written outside {base}"])
    return p


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive flock on the issue folder (released by the kernel when a writer is killed)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _stage(issue: Issue, target: Path, xml: bool, akn: bool) -> dict[str, str]:
    """Write the issue's files to temp files in ``target`` part by part (the issue's header, then each item
    of its lists: dumped, checked, written to issue.json and issue.xml, dropped), so no more than one
    document is held as text, data or XML at a time.  Returns {final name: temp name}.  An invalid issue
    raises ValidationFailed with every problem named (the temp files are removed)."""
    from .json_out import JsonStream, open_temp
    from .schema import StreamCheck, validate_data
    staged: dict[str, str] = {}
    check = StreamCheck()
    try:
        with contextlib.ExitStack() as stack:
            jtmp, jf = stack.enter_context(open_temp(target / "issue.json"))
            staged["issue.json"] = jtmp.name
            js = JsonStream(jf)
            xs = None
            if xml:
                from .xml_out import XmlStream
                xtmp, xf = stack.enter_context(open_temp(target / "issue.xml"))
                staged["issue.xml"] = xtmp.name
                xs = XmlStream(xf)
            names = list(type(issue).model_fields)
            lists = [n for n in names if is_list(getattr(issue, n))]
            head: Optional[list[str]] = []
            for n in names:
                if n in lists:
                    if head is not None:
                        _head_done(head, lists, check, xs)
                        head = None
                    js.open_list(n)
                    _stage_list(issue, n, js, xs, check)
                    js.close_list()
                else:
                    part = js.field(issue, n)
                    if part and head is None:
                        raise ValueError(f"issue field {n} follows a list field: it cannot be streamed")
                    if part:
                        head.append(part)
            if head is not None:
                _head_done(head, lists, check, xs)
            js.close()
            if xs is not None:
                xs.close()
        errors = []
        if not check.ok():
            errors = validate_data(issue_data(issue))
        if xml:
            from .xml_out import parse_safe, validate_xml, xml_file_valid
            xpath = target / staged["issue.xml"]
            if not xml_file_valid(xpath):
                errors += [f"issue.xml {e}" for e in validate_xml(parse_safe(xpath.read_bytes()))]
        if akn:
            from .akn import export, validate
            blob, _ = export(issue_data(issue))
            errors += [f"issue.akn.xml {e}" for e in validate(blob)]
            if not errors:
                from .json_out import write_temp
                staged["issue.akn.xml"] = write_temp(target / "issue.akn.xml", blob).name
        if errors:
            raise ValidationFailed(errors)
    except BaseException:
        for t in staged.values():
            _unlink(target / t)
        raise
    return staged


def _head_done(head: list[str], lists: list[str], check, xs) -> None:
    """The issue without its lists: checked (with the lists empty), and issue.xml's start written."""
    data = json.loads("{\n" + ",\n".join(head) + "\n}")
    if xs is not None:
        xs.head(data)
    check.head(dict(data, **{n: [] for n in lists}))


def _stage_list(issue: Issue, name: str, js, xs, check) -> None:
    if xs is not None:
        xs.open_list(name)
    from .json_out import INDENT
    for i, item in enumerate(getattr(issue, name)):
        text = item.model_dump_json(indent=INDENT) if hasattr(item, "model_dump_json") else \
            json.dumps(item, ensure_ascii=False, indent=INDENT)
        value = json.loads(text)
        check.item(name, i, value)
        js.item(text)
        if xs is not None:
            xs.item(value)
    if xs is not None:
        xs.close_list()


class Journal(type(Path())):
    """The path of a journal :func:`prepare_issue` wrote, with the temp files it staged (``files``: final name
    -> temp name): what identifies this write after a later write of the same issue has replaced the
    journal (None on a path made from it, such as its parent)."""
    files: Optional[dict] = None


def prepare_issue(issue: Issue, outdir: Path, xml: bool = True, akn: bool = False, index: bool = True) -> Journal:
    """Validate and stage the issue's files; returns the journal to :func:`commit` (nothing is visible yet)."""
    check_id(issue.issue.id)
    for d in issue.documents:
        check_id(d.id, "document id")
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        target = inside(outdir, issue.issue.id)
        created = not target.exists()
        target.mkdir(exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise InputError("output", f"cannot create the output folder {e.filename}: a file is in the way") from e
    except PermissionError as e:
        raise InputError("output", f"cannot write to {e.filename}: permission denied") from e
    with folder_lock(target):
        _settle(target, roll_forward=False)     # an unfinished older write of this issue is superseded
        staged = {}
        try:
            staged = _stage(issue, target, xml, akn)   # removes its temp files when it raises
            journal = {"issue_id": issue.issue.id, "files": staged, "index": bool(index)}
            write_temp(target / JOURNAL, json.dumps(journal).encode("utf-8"), publish=True)
        except OSError as e:
            for t in staged.values():
                _unlink(target / t)
            _drop_new_folder(target, created)
            raise InputError("output", f"cannot write {issue.issue.id}: {e.strerror or e}") from e
        except BaseException:       # an invalid issue (ValidationFailed), a time limit: nothing was staged
            _drop_new_folder(target, created)
            raise
    journal = Journal(target / JOURNAL)
    journal.files = dict(staged)
    return journal


def _drop_new_folder(target: Path, created: bool) -> None:
    """Remove the issue folder this write created when it failed before staging anything: OUT keeps no empty
    folder for an issue it does not hold (a folder another writer has put files in stays)."""
    if created:
        with contextlib.suppress(OSError):
            target.rmdir()


def adopt(staged: Journal, outdir: Path) -> Journal:
    """Make a write a batch worker staged under OUT/.staging/ the pending write of OUT/<id>/: its temp files
    renamed in, then its journal written there (the caller holds the issue's lock, has decided to write it,
    and commits it next).  Staged apart, two inputs of one issue in flight never replace each other's staged
    files; a pending write of the issue left by a killed writer is superseded, as :func:`prepare_issue` does."""
    j = json.loads(Path(staged).read_text(encoding="utf-8"))
    check_id(j["issue_id"])
    files = j["files"]
    if not all(isinstance(v, str) and TEMP_RE.match(v) for v in files.values()):
        raise ValidationFailed([f"{staged}: not a staged write"])
    target = inside(Path(outdir), j["issue_id"])
    try:
        target.mkdir(exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise InputError("output", f"cannot create the output folder {e.filename}: a file is in the way") from e
    with folder_lock(target):
        _settle(target, roll_forward=False)
        for tmp in files.values():
            os.replace(Path(staged).parent / tmp, target / tmp)
        fsync_dir(target)
        write_temp(target / JOURNAL, json.dumps(j).encode("utf-8"), publish=True)
    drop_staged(staged)
    journal = Journal(target / JOURNAL)
    journal.files = dict(files)
    return journal


def drop_staged(staged: Path) -> None:
    """Remove a batch worker's staging folder (OUT/.staging/<writer>/) and whatever is left in it."""
    import shutil
    writer = Path(staged).parent.parent
    if writer.parent.name == STAGING:
        shutil.rmtree(writer, ignore_errors=True)


def staging_dir(outdir: Path, owner: int) -> Path:
    """A new folder for one worker's staged write: OUT/.staging/<owner pid>-<random>/ (``owner``: the batch
    process, so a later batch knows a folder whose batch is gone)."""
    return Path(outdir) / STAGING / f"{owner}-{os.urandom(6).hex()}"


def staged_data(journal_path: Path) -> dict:
    """The issue.json a journal stages, as data (what a caller decides on before :func:`commit`)."""
    j = json.loads(Path(journal_path).read_text(encoding="utf-8"))
    return json.loads((Path(journal_path).parent / j["files"]["issue.json"]).read_text(encoding="utf-8"))


def commit(journal_path: Path, con: Optional[sqlite3.Connection] = None, db: Optional[Path] = None,
           issue: Optional[Issue] = None, handoff: Optional["Handoff"] = None) -> Path:
    """Index (when the journal asks and a KB is given), then publish the staged files.  On an index failure
    the staged files are removed and :class:`IndexFailed` is raised: the previous state stays.

    ``issue``: the Issue the journal's files were staged from (the KB rows are then made from it one
    document at a time, instead of from the staged issue.json read whole).  ``handoff``: what the process
    that staged them made (:func:`handoff`): its KB rows are run as they are; when the journal no longer
    names its files (a later write of the same issue superseded them), nothing is done and
    :class:`Superseded` is raised."""
    target = journal_path.parent
    with folder_lock(target):
        try:
            j = json.loads(journal_path.read_text(encoding="utf-8"))
        except FileNotFoundError:   # a later write of the same issue (a duplicate input) superseded this one
            if handoff is not None:
                raise Superseded(handoff.issue_id) from None
            return target / "issue.json"
        if handoff is not None and j.get("files") != handoff.files:
            raise Superseded(handoff.issue_id)
        _apply(target, j, con, db, issue, handoff.rows if handoff is not None else None)
    return target / "issue.json"


class Superseded(Exception):
    """The staged files a commit was asked for were replaced by a later write of the same issue."""


@dataclass
class Handoff:
    """What the process that staged an issue hands to the one that commits it (a batch worker to its batch),
    so that one never reads the staged issue.json back: the journal's staged files (which write this is),
    the source's summary (what :func:`..identity.decide` judges) and the issue's KB rows
    (:func:`..index.issue_rows`; None when the journal does not ask for indexing).  Plain data: it is
    pickled from the worker to the batch."""
    issue_id: str
    files: dict
    summary: dict
    rows: Optional[list] = None


def handoff(issue: Issue, journal: Journal, index: bool = True) -> Handoff:
    """The :class:`Handoff` of an issue :func:`prepare_issue` staged (the caller still holds the Issue);
    ``index``: with its KB rows."""
    from .identity import summary
    from .index import issue_rows
    try:
        rows = issue_rows(IssueData(issue)) if index else None
        return Handoff(issue.issue.id, dict(journal.files), summary(issue), rows)
    except BaseException:       # nobody will commit this write: no later recovery may publish it either
        discard(journal, journal.files)
        raise


def discard(journal_path: Path, files: Optional[dict] = None) -> None:
    """Remove a staged write that will not be committed: the journal's (``files``: only when it still names
    these files; a later write of the same issue is left alone)."""
    target = Path(journal_path).parent
    try:
        with folder_lock(target):
            if files is None:
                rollback(target)
                return
            try:
                j = json.loads(Path(journal_path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                j = None
            if j is not None and j.get("files") == files:
                rollback(target, j)
            else:
                for tmp in files.values():
                    _unlink(target / tmp)
    except FileNotFoundError:       # the issue folder is gone: nothing is staged
        pass


class IssueData(Mapping):
    """An Issue read as the data of its issue.json (what the KB index takes), made a part at a time: each
    field as it is asked for, and a list one item at a time as it is iterated, so the whole issue is never
    held as data."""

    def __init__(self, issue: Issue):
        self._issue = issue
        self._names = [n for n, f in type(issue).model_fields.items() if not f.exclude]
        self._cache: dict = {}

    def __getitem__(self, name: str):
        if name not in self._names:
            raise KeyError(name)
        value = getattr(self._issue, name)
        if is_list(value):
            return _Items(value)
        if name not in self._cache:
            self._cache[name] = self._issue.model_dump(mode="json", include={name})[name]
        return self._cache[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _Items(Sequence):
    def __init__(self, items: list):
        self._items = items

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_as_data(x) for x in self._items[i]]
        return _as_data(self._items[i])

    def __len__(self) -> int:
        return len(self._items)


def issue_data(issue: Issue) -> dict:
    """The issue as the data of its issue.json, whole (its lists read from disk where they were spooled)."""
    return {k: list(v) if isinstance(v, _Items) else v for k, v in IssueData(issue).items()}


def _as_data(x):
    return x.model_dump(mode="json") if hasattr(x, "model_dump") else x


def _apply(target: Path, j: dict, con, db, issue: Optional[Issue] = None, rows: Optional[list] = None) -> None:
    files = j["files"]
    if j.get("index") and (con is not None or db is not None) and "issue.json" in files:
        staged_json = target / files["issue.json"]
        if staged_json.exists():        # absent: a killed commit had already renamed it (and indexed it)
            if rows is not None:
                data = {"issue": {"id": j["issue_id"]}}
            elif issue is not None and issue.issue.id == j.get("issue_id"):
                data = IssueData(issue)
            else:
                data = json.loads(staged_json.read_text(encoding="utf-8"))
            try:
                _index(data, con, db, rows)
            except sqlite3.Error as e:
                rollback(target, j)
                raise IndexFailed(f"{j['issue_id']} not written: the knowledge base refused it ({e})") from e
    for name, tmp in files.items():
        src = target / tmp
        if src.exists():
            os.replace(src, target / name)
    fsync_dir(target)
    _unlink(target / JOURNAL)
    fsync_dir(target)


def _index(data: dict, con, db, rows: Optional[list] = None) -> None:
    from .index import connect, index_issue
    if con is not None:
        index_issue(con, data, rows)
        return
    c = connect(db)
    try:
        index_issue(c, data, rows)
    finally:
        c.close()


def rollback(target: Path, j: Optional[dict] = None) -> None:
    if j is None:
        try:
            j = json.loads((target / JOURNAL).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            j = {"files": {}}
    for tmp in j.get("files", {}).values():
        _unlink(target / tmp)
    _unlink(target / JOURNAL)
    fsync_dir(target)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except FileNotFoundError:
        pass


def _settle(target: Path, roll_forward: bool, con=None, db=None) -> None:
    """Finish or undo what a killed writer left in ``target`` (the caller holds the folder lock)."""
    jp = target / JOURNAL
    if jp.exists():
        try:
            j = json.loads(jp.read_text(encoding="utf-8"))
            ok = all(isinstance(v, str) and TEMP_RE.match(v) and "/" not in v for v in j["files"].values())
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            j, ok = None, False
        if ok and roll_forward:
            _apply(target, j, con, db)
        elif ok:
            rollback(target, j)
        else:
            _unlink(jp)
    for f in target.iterdir():
        if TEMP_RE.match(f.name) and f.is_file():
            _unlink(f)


def recover(outdir: Path, db: Optional[Path] = None) -> int:
    """Complete every issue write a killed run left behind in ``outdir``; remove orphan temp files.
    Returns how many writes were completed."""
    outdir = Path(outdir)
    n = 0
    if not outdir.is_dir():
        return 0
    for sub in outdir.iterdir():
        try:
            if not sub.is_dir() or sub.is_symlink():
                continue
            if not ((sub / JOURNAL).exists() or any(TEMP_RE.match(f.name) for f in sub.iterdir())):
                continue
            with folder_lock(sub):
                n += (sub / JOURNAL).exists()
                _settle(sub, roll_forward=True, db=db)
        except IndexFailed as e:
            _log.warning("%s", e)
        except OSError as e:
            _log.warning("cannot recover %s: %s", sub, e)
    return n


def write_issue(issue: Issue, outdir: Path, index: bool = True, xml: bool = True, akn: bool = False) -> Path:
    """Validate, stage, index, publish.  Returns OUTDIR/<issue-id>/issue.json."""
    outdir = Path(outdir)
    db = outdir / KB_NAME if index else None
    if outdir.is_dir():
        recover(outdir, db)
    journal = prepare_issue(issue, outdir, xml=xml, akn=akn, index=index)
    path = commit(journal, db=db, issue=issue)
    if index:
        from .datasette import write_metadata
        write_metadata(outdir)
    return path


def index_into(db: Path, data: dict) -> None:
    from .datasette import write_metadata
    _index(data, None, db)
    write_metadata(db.parent)
