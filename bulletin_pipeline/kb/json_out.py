"""Write issue.json atomically (temp file in the same folder + rename)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..model import Issue


def dump(issue: Issue) -> str:
    return json.dumps(issue.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)     # mkstemp makes 0600; published files follow the umask
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
