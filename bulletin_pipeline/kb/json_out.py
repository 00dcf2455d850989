"""Write files atomically: a temp file in the same folder, fsynced, then renamed into place."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..model import Issue


def dump(issue: Issue) -> str:
    return json.dumps(issue.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def fsync_dir(folder: Path) -> None:
    """Make renames and unlinks in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, data: str | bytes, publish: bool = False) -> Path:
    """Write ``data`` to ``.NAME.<random>.tmp`` beside ``path`` and fsync it.  Returns the temp file, or, with
    ``publish``, renames it to ``path`` (and fsyncs the folder) and returns ``path``.

    The random part comes from os.urandom, not tempfile: no module-level lock a forked process could inherit.
    """
    tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
    umask = os.umask(0)
    os.umask(umask)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        if publish:
            os.replace(tmp, path)
            fsync_dir(path.parent)
            return path
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
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
