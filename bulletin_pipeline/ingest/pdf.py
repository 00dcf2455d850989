"""Read a PDF with pdfplumber into RawPages: chars (deduplicated, top-left coordinates) and drawn rules.

Only this module imports pdfplumber.  pdfplumber's dict objects never leave it.
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..errors import InputError
from ..model import Char, RawPage

_log = logging.getLogger(__name__)


@dataclass
class IngestConfig:
    max_pages: int = 2000
    max_bytes: int = 500 * 1024 * 1024
    password: Optional[str] = None

    def __post_init__(self):
        if self.max_pages <= 0 or self.max_bytes <= 0:
            raise ValueError("max_pages and max_bytes must be positive")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_file(path: Path, cfg: IngestConfig) -> None:
    """Cheap checks before pdfplumber sees the file, so the common failures get a clear one-line reason."""
    if not path.exists():
        raise InputError("not-found", f"no such file: {path}")
    if path.is_dir():
        raise InputError("not-a-file", f"is a directory: {path}")
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty", f"empty file: {path.name}")
    if size > cfg.max_bytes:
        raise InputError("too-large", f"{path.name} is {size} bytes, over the limit of {cfg.max_bytes}")
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputError("not-a-pdf", f"{path.name} is not a PDF (no %PDF header)")


def _color(c) -> Optional[str]:
    """pdfplumber colour (gray, RGB or CMYK tuple) -> '#rrggbb'."""
    if c is None:
        return None
    try:
        if isinstance(c, (int, float)):
            c = (c,)
        c = tuple(float(v) for v in c)
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        r = g = b = c[0]
    elif len(c) == 3:
        r, g, b = c
    elif len(c) == 4:
        cc, m, y, k = c
        r, g, b = (1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    clamp = lambda v: max(0, min(255, int(round(v * 255))))
    return "#%02x%02x%02x" % (clamp(r), clamp(g), clamp(b))


def _is_garbled(t: str) -> bool:
    if t.startswith("(cid:"):
        return True
    o = ord(t[0]) if t else 0
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD


def _page_chars(page) -> tuple[list[Char], float]:
    out: list[Char] = []
    seen: set = set()
    bad = 0
    for c in page.chars:
        t = c.get("text") or ""
        if not t:
            continue
        if _is_garbled(t):
            bad += 1
            continue
        if not c.get("upright", True) and t.strip():
            # rotated text (vertical banners, stamps): keep it out of the reading flow
            continue
        # fake bold: the same glyph drawn twice at (almost) the same place
        key = (t, round(c["x0"]), round(c["top"]))
        if key in seen:
            continue
        seen.add(key)
        out.append(Char(t, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                        float(c.get("size") or (c["bottom"] - c["top"])), c.get("fontname") or "",
                        _color(c.get("non_stroking_color"))))
    total = len(out) + bad
    return out, (bad / total if total else 0.0)


def _page_rules(page) -> tuple[list, list]:
    h, v = [], []
    for r in list(page.rects) + list(page.lines):
        x0, x1, top, bottom = float(r["x0"]), float(r["x1"]), float(r["top"]), float(r["bottom"])
        w, ht = x1 - x0, bottom - top
        if ht <= 3 and w >= 30:
            h.append((x0, x1, (top + bottom) / 2))
        elif w <= 3 and ht >= 30:
            v.append(((x0 + x1) / 2, top, bottom))
        elif w >= 100 and ht >= 20:        # a box: its top and bottom edges separate content
            h.append((x0, x1, top))
            h.append((x0, x1, bottom))
    return h, v


def read_pages(path: Path, cfg: IngestConfig | None = None) -> Iterator[RawPage]:
    """Yield RawPages one by one (pdfplumber's per-page caches are flushed as we go)."""
    cfg = cfg or IngestConfig()
    check_file(path, cfg)
    import pdfplumber  # lazy: keeps `bulletin --help` fast
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError

    try:
        pdf = pdfplumber.open(str(path), password=cfg.password or "")
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise InputError("encrypted", f"{path.name} is encrypted and needs a password") from e
    except Exception as e:  # pdfminer raises many types on broken files; report one line
        raise InputError(*_classify(e, path)) from e
    with pdf:
        try:
            n = len(pdf.pages)
        except Exception as e:
            raise InputError(*_classify(e, path)) from e
        if n == 0:
            raise InputError("no-pages", f"{path.name} has no pages")
        if n > cfg.max_pages:
            raise InputError("too-many-pages", f"{path.name} has {n} pages, over the limit of {cfg.max_pages}")
        for i, page in enumerate(pdf.pages, start=1):
            try:
                chars, garbled = _page_chars(page)
                h, v = _page_rules(page)
                w, ht = float(page.width), float(page.height)
            except Exception as e:
                raise InputError(*_classify(e, path, i)) from e
            finally:
                try:
                    page.close()
                except Exception:
                    pass
            yield RawPage(i, w, ht, chars, h, v, garbled)


def _classify(e: Exception, path: Path, page: int | None = None) -> tuple[str, str]:
    msg = f"{type(e).__name__}: {e}".splitlines()[0][:200]
    where = f" (page {page})" if page else ""
    low = msg.lower()
    if "password" in low or "encrypt" in low or "crypt" in low:
        return "encrypted", f"{path.name} is encrypted or its encryption is unsupported{where}"
    if "xref" in low or "trailer" in low or "startxref" in low:
        return "broken-xref", f"{path.name} has a broken cross-reference table{where}: {msg}"
    if "eof" in low or "truncat" in low or "unexpected end" in low:
        return "truncated", f"{path.name} looks truncated{where}: {msg}"
    if "no /root" in low or "root object" in low or "catalog" in low:
        return "broken-pdf", f"{path.name} has no document catalog{where}"
    return "unreadable", f"{path.name} could not be read{where}: {msg}"


def file_size(path: Path) -> int:
    return os.path.getsize(path)
