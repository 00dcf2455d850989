"""Terminal text by display width: a CJK character takes two columns, so padding and cutting by len()
misaligns tables and overflows an 80-column terminal."""
from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def width(s: str) -> int:
    return cell_len(s)


def cut(s: str, cols: int) -> str:
    """``s`` in at most ``cols`` columns; a cut string ends with …."""
    s = "" if s is None else str(s)
    if cell_len(s) <= cols:
        return s
    if cols <= 0:
        return ""
    out, used = [], 0
    for ch in s:
        w = cell_len(ch)
        if used + w > cols - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


def pad(s: str, cols: int) -> str:
    """``s`` cut to ``cols`` columns and padded with spaces to exactly ``cols`` columns."""
    s = cut(s, cols)
    return s + " " * (cols - cell_len(s))


def plural(n: int, word: str, many: str | None = None) -> str:
    """1 obligation, 2 obligations, 0 obligations (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


# a column never gets narrower than this while others are wider
MIN_COL = 6


def fit_widths(natural: list[int], total: int, sep: int = 2, keep: frozenset[int] = frozenset()) -> list[int]:
    """Column widths that fit ``total`` columns (with ``sep`` between): the widest of the columns not in
    ``keep`` shrink first (free text), the kept ones (identifiers, dates) only when that is not enough."""
    w = list(natural)
    budget = total - sep * (len(w) - 1)
    for allowed in ([k for k in range(len(w)) if k not in keep], list(range(len(w)))):
        while sum(w) > budget and allowed:
            i = max(allowed, key=lambda k: w[k])
            if w[i] <= MIN_COL:
                break
            w[i] -= 1
    return w


def table(rows: list[list[str]], header: list[str], total: int = 80, keep: tuple[str, ...] = ()) -> list[str]:
    """Plain-text table lines, every line at most ``total`` display columns, cells cut with …; the
    columns named in ``keep`` are cut last."""
    cells = [[("" if c is None else str(c)).replace("\n", " ") for c in r] for r in rows]
    natural = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(header)]
    ws = fit_widths(natural, total, keep=frozenset(i for i, h in enumerate(header) if h in keep))
    line = lambda r: "  ".join(pad(c, w) for c, w in zip(r, ws)).rstrip()  # noqa: E731
    out = [line(header), "  ".join("─" * w for w in ws)]
    out += [line(r) for r in cells]
    return out
