"""Does the default reader (pdfminer's interpreter into ingest/chardevice.py) give the RawPages that pdfminer's
own LTChar path gives (pdfplumber's ``page.layout`` walked, as the reader did before)?  Every char with every
field, the garbled share, the rules, the ruled-table cells and any page failure, page by page, and the time
each path takes.

usage: python bench/reader_equal.py FILE_OR_DIR... [--timeout S]
Directories are searched for *.pdf (recursively); other files are read as given.  Each file runs in a child
process with a time limit, so a file that hangs either reader is reported, not waited for.  Exit 1 when any
page differs.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

from bulletin_pipeline.ingest import pdf as ingest_pdf
from bulletin_pipeline.ingest.pdf import (_clean, _color, _open, _walk, InputError, IngestConfig, check_file,
                                          drawn_rules)
from bulletin_pipeline.ingest.orient import Turn, orient, quarter
from bulletin_pipeline.model import BOX_PLACES, Char


def layout_page_objects(page) -> tuple[list[Char], float, list, list, list, Turn]:
    """The reader as it was: pdfminer's LTChar / LTCurve objects from pdfplumber's ``page.layout``, walked
    depth-first through figures (a page whose text runs turned read in its direction, as the reader does it).
    LTChar keeps no horizontal scaling: the way a glyph stands is taken from its matrix alone."""
    from pdfminer.layout import LTChar
    height = float(page.mediabox[3]) - float(page.mediabox[1])
    out: list[Char] = []
    turned: list = []
    seen: set = set()
    bad = 0
    colours: dict = {}
    cleaned: dict[str, tuple[str, bool]] = {}
    for o in _walk(page.layout):
        if isinstance(o, LTChar):
            t = o.get_text()
            if isinstance(t, bytes):
                t = t.decode("latin-1")
            hit = cleaned.get(t)
            if hit is None:
                hit = cleaned[t] = _clean(t)
            t, garbled = hit
            if not t:
                continue
            if garbled:
                bad += 1
                continue
            q = quarter(*o.matrix[:4])
            if q != 0 and t.strip():
                if q is None:
                    continue
            else:
                q = 0
            top, bottom = height - o.y1, height - o.y0
            key = (t, round(o.x0), round(top))
            if key in seen:
                continue
            seen.add(key)
            gs = getattr(o, "graphicstate", None)
            font = o.fontname
            if isinstance(font, bytes):
                font = font.decode("latin-1")
            ncolor = getattr(gs, "ncolor", None)
            try:
                colour = colours[ncolor]
            except KeyError:
                colour = colours[ncolor] = _color(ncolor)
            except TypeError:
                colour = _color(ncolor)
            char = Char(t, round(o.x0, BOX_PLACES), round(o.x1, BOX_PLACES), round(top, BOX_PLACES),
                        round(bottom, BOX_PLACES), round(o.size or (o.y1 - o.y0), BOX_PLACES), str(font or ""), colour)
            if q:
                turned.append((len(out), q, char))
            else:
                out.append(char)
    out, turn = orient(out, turned, float(page.mediabox[2]) - float(page.mediabox[0]), height)
    h, v, tables = drawn_rules(_walk(page.layout), height, turn)
    total = len(out) + bad
    return out, (bad / total if total else 0.0), h, v, tables, turn


def _key(x):
    """A value compared exactly, floats by their repr (so 0.0 and -0.0, or two NaNs, compare as written)."""
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, Char):
        return tuple(_key(getattr(x, f)) for f in ("text", "x0", "x1", "top", "bottom", "size", "font", "color",
                                                    "conf"))
    if isinstance(x, (list, tuple)):
        return tuple(_key(y) for y in x)
    return x


def read_file(path: Path, objects) -> list:
    """Per page: ('ok', key of its objects) or ('error', message), each page read by ``objects(page)``;
    the seconds it took.  A file that does not open gives [('open-error', message)]."""
    cfg = IngestConfig()
    try:
        check_file(path, cfg)
        pdf, n = _open(path, cfg, path.name)
    except InputError as e:
        return [("open-error", e.code)], 0.0
    pages, took = [], 0.0
    try:
        for i, page in enumerate(pdf.pages, 1):
            t = time.process_time()
            try:
                got = objects(page)
            except Exception as e:
                inner = ingest_pdf._unwrap(e)
                got = ("error", type(e).__name__, type(inner).__name__, str(inner)[:200])
            else:
                took += time.process_time() - t
                got = ("ok", _key(got))
            page.close()
            pages.append(got)
    finally:
        ingest_pdf._close(pdf)
    return pages, took


def _compare(path: str, q) -> None:
    p = Path(path)
    old, t_old = read_file(p, layout_page_objects)
    new, t_new = read_file(p, ingest_pdf._page_objects)
    chars = sum(len(x[1][0]) for x in new if x[0] == "ok")
    diff = [i for i, (a, b) in enumerate(zip(old, new), 1) if a != b]
    if len(old) != len(new):
        diff.append(-1)
    errors = sum(x[0] == "error" for x in new)
    q.put((len(new), chars, errors, diff, t_old, t_new))


def compare(path: Path, timeout: float) -> tuple:
    """(pages, chars, pages failing in both, differing page numbers, old s, new s), or None on a timeout."""
    q = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_compare, args=(str(path), q))
    proc.start()
    try:
        return q.get(timeout=timeout)
    except Exception:
        return None
    finally:
        proc.kill()
        proc.join()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args(argv)
    files: list[Path] = []
    for a in map(Path, args.paths):
        files.extend(sorted(f for f in a.rglob("*") if f.is_file() and f.suffix.lower() == ".pdf")
                     if a.is_dir() else [a])
    n_pages = n_chars = n_err = bad_files = hung = 0
    t_old = t_new = 0.0
    for f in files:
        r = compare(f, args.timeout)
        if r is None:
            hung += 1
            print(f"TIMEOUT {f}")
            continue
        pages, chars, errors, diff, a, b = r
        n_pages, n_chars, n_err, t_old, t_new = n_pages + pages, n_chars + chars, n_err + errors, t_old + a, t_new + b
        if diff:
            bad_files += 1
            print(f"DIFFERS {f}: pages {diff[:20]}")
    print(f"{len(files)} files, {n_pages} pages ({n_err} failing alike), {n_chars} chars: {bad_files} differ, "
          f"{hung} timed out; reading {t_old:.1f} s by LTChar, {t_new:.1f} s by the device")
    return 1 if bad_files or hung else 0


if __name__ == "__main__":
    sys.exit(main())
