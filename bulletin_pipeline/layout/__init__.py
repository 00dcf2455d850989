"""layout: RawPages -> PageLayouts (furniture out, columns, reading order) -> Paragraphs and tables.

The stage is :func:`run` (``run(work, resources, config) -> work``); :func:`lay_out` is the same on bare
raw pages, for tools that look at one page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from ..lexicon import Resources
from ..model import Issue, PageLayout, Paragraph, RawPage, Work, page_runs
from . import columns, furniture, paragraphs, tables
from .columns import ColumnsConfig
from .furniture import FurnitureConfig
from .lines import LineConfig, body_metrics, build_lines
from .paragraphs import ParagraphConfig
from .tables import TableConfig
from .text import TextConfig  # noqa: F401  (public name: LayoutConfig.lines.text)


@dataclass
class LayoutConfig:
    """What the layout stage is told: whether to look for columns, and the thresholds of each step."""
    detect_columns: bool = True     # look for two columns (off: every page is read as one column)
    common_gutter_pages: int = 2        # pages with a gutter of their own needed for their median gutter to
                                        # hold on short pages that show none ...
    common_gutter_share: float = 0.25   # ... or this share of the pages with text, if that is fewer
    ocr_size_snap: float = 0.18     # OCR char sizes within this share of the body size are the body size
    lines: LineConfig = field(default_factory=LineConfig)               # rows, sub/superscripts, line text
    furniture: FurnitureConfig = field(default_factory=FurnitureConfig)  # running headers, page numbers
    columns: ColumnsConfig = field(default_factory=ColumnsConfig)        # gutter, reading order
    paragraphs: ParagraphConfig = field(default_factory=ParagraphConfig)  # alignment, breaks, kinds
    tables: TableConfig = field(default_factory=TableConfig)            # ruled and unruled tables


def layout_pages(raw: list[RawPage], cfg: LayoutConfig | None = None) -> tuple[list[PageLayout], float, str]:
    cfg = cfg or LayoutConfig()
    all_chars = [c for p in raw for c in p.chars]
    body, body_font = body_metrics(all_chars)
    for p in raw:
        if p.ocr:
            _snap_ocr_sizes(p, body, cfg.ocr_size_snap)
    counts = {p.number: len(p.chars) for p in raw}
    # table cells are neither furniture nor paragraphs
    raw, ruled = tables.take_ruled(raw, body, cfg.tables, cfg.lines)
    if ruled:       # the body size is the prose's, not the (smaller) table print's
        body, body_font = tables.prose_metrics(raw, body, body_font, cfg.tables)
    furn = furniture.detect(raw, body, cfg.furniture, cfg.lines)
    pages = []
    content = {}
    found = {}        # each page's own gutter, found once
    for p in raw:
        ids, items, label = furn.get(p.number, (set(), [], None))
        content[p.number] = [c for c in p.chars if id(c) not in ids]
        if not p.ocr:
            loose, content[p.number] = tables.take_unruled(content[p.number], p.number, body, cfg.tables,
                                                            cfg.lines)
            if loose:
                ruled.setdefault(p.number, []).extend(loose)
        if cfg.detect_columns:
            found[p.number] = columns.find_gutter(content[p.number], body, cfg.columns, cfg.lines)
    gutters = [g for g in found.values() if g is not None]
    common = None
    text_pages = sum(1 for p in raw if content[p.number])
    # the issue's usual gutter: the median one, when pages in two columns are not a stray few (a 目录 page
    # misread as two columns must not lend its gutter to the short last pages of one-column documents)
    need = min(cfg.common_gutter_pages, max(1, round(cfg.common_gutter_share * text_pages)))
    if gutters and len(gutters) >= need:
        gutters.sort(key=lambda g: g.x0)
        common = gutters[len(gutters) // 2]
    for p in raw:
        ids, items, label = furn.get(p.number, (set(), [], None))
        chars = content[p.number]
        fl = [build_lines(seg, p.number, "full", body, cfg.lines)[0] for _, seg in items if seg]
        if cfg.detect_columns:
            lines, ncol = columns.order_page(chars, p.number, body, p.hrules, p.height, fallback=common,
                                             gutter=found[p.number], cfg=cfg.columns, line_cfg=cfg.lines)
        else:
            lines, ncol = build_lines(chars, p.number, "full", body, cfg.lines), 1
        pages.append(PageLayout(number=p.number, width=p.width, height=p.height, label=label, lines=lines,
                                furniture=fl, columns=ncol, char_count=counts[p.number], garbled=p.garbled,
                                ocr=p.ocr))
        tables.place(pages[-1], ruled.get(p.number, []), body, cfg.tables)
    return pages, body, body_font


def _finish(pages: list[PageLayout], fonts: dict[int, str], cfg: LayoutConfig, first_table: int = 1) -> int:
    """What joins pages: tables continued across pages and columns; then bold as a face other than the body's
    (``fonts``: each page's body font; a 黑体 body is not all headings).  Returns the number of tables (numbered
    from ``first_table``)."""
    tables.join(pages, cfg.tables)
    found = len(tables.finish(pages, first_table))
    for pg in pages:
        for l in pg.lines:
            l.bold = l.bold and l.font != fonts[pg.number]
    return found


def _snap_ocr_sizes(page: RawPage, body: float, snap: float) -> None:
    """OCR line heights scatter a little around the real font size (a line with brackets or quotes stands
    taller): sizes within ``snap`` (a share) of the body size are the body size.  A 13 pt subtitle over a
    10.5 pt body stays apart."""
    for c in page.chars:
        if abs(c.size - body) <= snap * body:
            c.size = body


# what a laid-out line holds in place of its chars, and of an empty gap list: one shared empty tuple, not
# two empty lists a line (a long issue has tens of thousands of lines)
_NONE: tuple = ()


def _let_go_of_chars(pages: list[PageLayout]) -> None:
    """Laid out, a line keeps its text and box: its chars go (and an empty gap list is the shared empty tuple)."""
    for pg in pages:
        for line in pg.lines + pg.furniture:
            line.chars = _NONE
            if not line.gaps:
                line.gaps = _NONE


def lay_out(raw: Iterable[RawPage], cfg: LayoutConfig | None = None, chunk_pages: int = 0,
            keep_chars: bool = True, on_chunk: Optional[Callable[[list[RawPage]], None]] = None,
            total: Optional[Callable[[], int]] = None) -> tuple[list[PageLayout], list[Paragraph]]:
    """Page layouts and the paragraphs of the whole issue, in reading order.

    ``chunk_pages`` > 0: pages are laid out in runs of that many (the body size, furniture and usual gutter
    measured on each run; an issue that fits in one and a half runs is one run), and with ``keep_chars`` False
    each line lets go of its chars once its page is laid out, so the chars of one run at most are held at a
    time.  ``on_chunk(run)`` is told each run of raw pages once it is laid out.  ``total()``: the page count
    once it is known (``Work.page_total``), so that a run is laid out as soon as its last page is read."""
    cfg = cfg or LayoutConfig()
    pages: list[PageLayout] = []
    fonts: dict[int, str] = {}
    metrics = None
    runs = page_runs(raw, chunk_pages, total if total is not None else len(raw) if isinstance(raw, list) else None)
    while (run_ := next(runs, None)) is not None:
        got, body, body_font = layout_pages(run_, cfg)
        metrics = metrics or (body, body_font)
        if on_chunk is not None:
            on_chunk(run_)
        run_ = None         # this run's chars go before the next run is read
        for pg in got:
            fonts[pg.number] = body_font
        if not keep_chars:
            _let_go_of_chars(got)
        pages += got
    _finish(pages, fonts, cfg)
    body, body_font = metrics or (0.0, "")
    return pages, paragraphs.build(pages, body, body_font, cfg.paragraphs)


def run(work: Work, resources: Resources, config: LayoutConfig) -> Work:
    """The stage: page layouts, and the issue's paragraphs, tables, printed page labels and page warnings.
    Raw pages are taken in runs of ``work.chunk_pages`` and let go of once laid out."""
    config = config or LayoutConfig()
    issue = work.issue

    scanned: list[int] = []

    def scanned_tables(run_: list[RawPage]) -> None:
        scanned.extend(p.number for p in run_ if tables.scanned_table(p, config.tables))

    pages, paras = lay_out(work.raw, config, work.chunk_pages, keep_chars=False, on_chunk=scanned_tables,
                           total=lambda: work.page_total)
    work.raw = []
    work.pages = pages
    issue.source.page_labels = {str(p.number): p.label for p in pages if p.label}
    issue.paragraphs = paras
    issue.tables = [p.table for p in paras if p.table is not None]
    _page_warnings(issue, pages, scanned)
    return work


def _page_warnings(issue: Issue, pages: list[PageLayout], scanned: list[int]) -> None:
    for p in pages:
        if p.char_count == 0 and not p.ocr:
            issue.warn("empty-page", "page has no text layer", page=p.number)
    for n in scanned:
        issue.warn("table-in-scan", "a scanned page shows a table: its rows are not rebuilt from OCR text", page=n)


def lay_out_runs(raw: Iterable[RawPage], cfg: LayoutConfig | None, chunk_pages: int,
                 on_chunk: Optional[Callable[[list[RawPage]], None]] = None,
                 total: Optional[Callable[[], int]] = None
                 ) -> Iterator[tuple[list[PageLayout], list[Paragraph], bool]]:
    """:func:`lay_out` a run at a time, for an issue too long to hold whole: (page layouts of the run, their
    lines without chars; the paragraphs that ended in it; whether it is the last).  A paragraph still open at
    a run's end comes with the next run, and so do the pages of a table that runs to the foot of the run's
    last page (it may go on over the next page).  Body size and font are the first run's, as in
    :func:`lay_out`; text blocks and the bold face are each run's own."""
    cfg = cfg or LayoutConfig()
    count = total or (lambda: 0)
    builder: Optional[paragraphs.Builder] = None
    held: list[PageLayout] = []
    found = read = 0
    for run_ in page_runs(raw, chunk_pages, total):
        got, body, body_font = layout_pages(run_, cfg)
        if on_chunk is not None:
            on_chunk(run_)
        read += len(run_)
        run_ = None
        _let_go_of_chars(got)
        last = 0 < count() <= read
        got = held + got
        keep = 0 if last else _open_table_pages(got)
        got, held = got[:len(got) - keep], got[len(got) - keep:]
        found += _finish(got, {pg.number: body_font for pg in got}, cfg, found + 1)
        if builder is None:
            builder = paragraphs.Builder(body, body_font, cfg.paragraphs)
        paras = builder.add(got)
        yield got, paras + builder.close() if last else paras, last
        if last:
            return
    if held:
        found += _finish(held, {pg.number: "" for pg in held}, cfg, found + 1)
    yield held, (builder.add(held) + builder.close()) if builder is not None else [], True


def _open_table_pages(pages: list[PageLayout]) -> int:
    """How many pages at the end of ``pages`` belong to a table still open at the foot of the last one (each
    ends with a table, and all but the first of them open with one), at most half of them."""
    k = 0
    for pg in reversed(pages):
        if not pg.lines or pg.lines[-1].table is None or k + 1 > len(pages) // 2:
            break
        k += 1
        if pg.lines[0].table is None:
            break
    return k


def runs(work: Work, config: LayoutConfig) -> Iterator[tuple[list[PageLayout], list[Paragraph], bool]]:
    """The stage for an issue too long to hold whole: :func:`lay_out_runs` of ``work.raw``, with the issue's
    printed page labels and page warnings kept up run by run (tables and paragraphs are the caller's)."""
    config = config or LayoutConfig()
    issue = work.issue
    scanned: list[int] = []

    def scanned_tables(run_: list[RawPage]) -> None:
        scanned.extend(p.number for p in run_ if tables.scanned_table(p, config.tables))

    for pages, paras, last in lay_out_runs(work.raw, config, work.chunk_pages, on_chunk=scanned_tables,
                                           total=lambda: work.page_total):
        issue.source.page_labels.update({str(p.number): p.label for p in pages if p.label})
        _page_warnings(issue, pages, scanned)
        scanned.clear()
        yield pages, paras, last
    work.raw = []
