"""issue.json text, whole or part by part, and atomic files: a temp file in the same folder, fsynced, then
renamed into place."""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import BinaryIO, Iterator

from ..model import Issue

# issue.json is indented by one space per level (what json.dumps(..., indent=1) writes); pydantic's
# serializer writes the same text without building the data as Python objects first
INDENT = 1


def dump(issue: Issue) -> str:
    """issue.json's text; an issue whose lists are kept on disk (spool.Spooled) is written part by part."""
    from ..spool import Spooled
    if not any(isinstance(getattr(issue, n), Spooled) for n in type(issue).model_fields):
        return issue.model_dump_json(indent=INDENT) + "\n"
    import io
    from ..spool import is_list
    out = io.BytesIO()
    js = JsonStream(out)
    for name, f in type(issue).model_fields.items():
        value = getattr(issue, name)
        if f.exclude:
            continue
        if is_list(value):
            js.open_list(name)
            for x in value:
                js.item(x.model_dump_json(indent=INDENT))
            js.close_list()
        else:
            js.field(issue, name)
    js.close()
    return out.getvalue().decode("utf-8")


class JsonStream:
    """issue.json written part by part, byte for byte the text :func:`dump` gives: the issue's fields in
    the model's order; a list field opened, its items written one at a time, closed."""

    def __init__(self, f: BinaryIO):
        self.f = f
        self._fields = 0
        self._items = 0

    def _next_field(self) -> None:
        self.f.write(b"{\n" if not self._fields else b",\n")
        self._fields += 1

    def field(self, issue: Issue, name: str) -> str:
        """Write the field ``name`` of ``issue`` whole; returns its text (' "name": value', unterminated)."""
        text = issue.model_dump_json(indent=INDENT, include={name})
        if text == "{}":        # a field the model never writes
            return ""
        part = text[2:-2]       # '{\n' + the field's lines + '\n}'
        self._next_field()
        self.f.write(part.encode("utf-8"))
        return part

    def open_list(self, name: str) -> None:
        self._next_field()
        self.f.write(" ".encode() * INDENT + json.dumps(name).encode("utf-8") + b": [")
        self._items = 0

    def item(self, text: str) -> None:
        """One item of the open list, as its own model_dump_json(indent=INDENT) gives it."""
        pad = "\n" + " " * (2 * INDENT)
        # a JSON text has no raw newline inside a string, so every newline starts a line to indent
        self.f.write(((pad if not self._items else "," + pad) + text.replace("\n", pad)).encode("utf-8"))
        self._items += 1

    def close_list(self) -> None:
        self.f.write(("\n" + " " * INDENT + "]").encode() if self._items else b"]")

    def close(self) -> None:
        self.f.write(b"\n}\n" if self._fields else b"{}\n")


def fsync_dir(folder: Path) -> None:
    """Make renames and unlinks in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def open_temp(path: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """``(temp path, file)`` of a new ``.NAME.<random>.tmp`` beside ``path``, to write in several steps; it
    is flushed and fsynced when the block ends, and removed when the block raises.

    The random part comes from os.urandom, not tempfile: no module-level lock a forked process could inherit.
    """
    tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
    umask = os.umask(0)
    os.umask(umask)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as f:
            yield tmp, f
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    """Remove a temp file on the way out of a failed write (best effort: the error being raised matters more)."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_temp(path: Path, data: str | bytes, publish: bool = False) -> Path:
    """Write ``data`` to ``.NAME.<random>.tmp`` beside ``path`` and fsync it.  Returns the temp file, or, with
    ``publish``, renames it to ``path`` (and fsyncs the folder) and returns ``path``."""
    with open_temp(path) as (tmp, f):
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    if publish:
        try:
            os.replace(tmp, path)
        except BaseException:
            _discard(tmp)
            raise
        fsync_dir(path.parent)
        return path
    return tmp


def atomic_write(path: Path, data: str | bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_temp(path, data, publish=True)


def load_json(raw: bytes | str, name: str = "input"):
    """Parse JSON read from a file; hostile input (nesting thousands deep, integers of thousands of digits, bad
    UTF-8) raises a one-line InputError instead of RecursionError or ValueError."""
    from ..errors import InputError
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except RecursionError:
        raise InputError("invalid-input", f"{name}: not valid JSON: nested too deeply") from None
    except UnicodeDecodeError as e:
        raise InputError("invalid-input", f"{name}: not valid JSON: not UTF-8 ({e.reason} at byte {e.start})") from None
    except ValueError as e:     # JSONDecodeError, and int() refusing a number of more than 4300 digits
        msg = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
        raise InputError("invalid-input", f"{name}: not valid JSON: {msg}") from None
