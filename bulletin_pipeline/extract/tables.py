"""Task tables: a table whose header names the responsible units (牵头单位, 责任单位, 配合单位, 指导部门), the
time limit (完成时限, 时间节点) or the target (目标) gives one obligation per row, with the units' role taken
from the column, and the deadlines and targets written in the row.  The row is the provenance: the
obligation's note names the table and row, deadlines and targets carry the row's page and box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Deadline, Document, Issue, Obligation, Role, Table, TableCell, Target, UnitRef
from . import targets, timex
from ..lexicon.calendar import iso_date, month_end
from ..lexicon.numerals import cn_int
from ..lexicon.units import TRAIL_ETC, Gazetteer, split_units

# header of a column of units, and the role its units take (指导部门 guide a task nobody leads: responsible)
ROLE_COLUMNS = (
    (re.compile(r"牵头(?:单位|部门)"), Role.lead),
    (re.compile(r"(?:配合|协办|参与)(?:单位|部门)"), Role.support),
    (re.compile(r"(?:责任|主办|承办|实施|负责|指导|主管)(?:单位|部门|主体)"), Role.responsible),
)
# header of the time-limit column
TIME_COLUMN = re.compile(r"时限|时间节点|完成时间|进度安排|时间安排|截止时间")
# header of the target column (目标 but not 目标任务 that names the task itself)
TARGET_COLUMN = re.compile(r"(?:预期|量化|工作|绩效)?目标(?!任务)|指标")
# header of a column that says what is to be done
TASK_COLUMN = re.compile(r"举措|内容|任务|措施|事项|工作|要求|项目|名称")
# header of the running-number column
NUMBER_COLUMN = re.compile(r"^(?:序号|编号|序列)$")
# inside a unit cell: "A牵头，B配合" names roles per unit
CELL_ROLE = re.compile(r"(?P<units>[^，,；;。]+?)(?P<role>牵头|配合|参与|负责)")
# separators between unit names inside a cell (a list or one name a line)
UNIT_SEP = re.compile(r"[、，,；;\s]+")
# a time-limit cell that is only a date (2019年9月, 2020年, 2019年12月31日): the column makes it the date the
# task is to be done by (in prose a bare date is no deadline, so the general finder leaves it)
CELL_DATE = re.compile(r"^\s*(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年"
                       r"(?:\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                       r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?\s*[。．.]?\s*$")


@dataclass
class _Columns:
    units: list[tuple[int, Role]] = field(default_factory=list)
    task: list[int] = field(default_factory=list)
    time: list[int] = field(default_factory=list)
    target: list[int] = field(default_factory=list)


def _columns(t: Table) -> _Columns:
    """What each column holds, from its header (the labels of a multi-row header joined)."""
    out = _Columns()
    for k, h in enumerate(t.header_texts()):
        h = h.replace(" ", "")
        if not h or NUMBER_COLUMN.match(h):
            continue
        role = next((r for rx, r in ROLE_COLUMNS if rx.search(h)), None)
        if role is not None:
            out.units.append((k, role))
        elif TIME_COLUMN.search(h):
            out.time.append(k)
        elif TARGET_COLUMN.search(h):
            out.target.append(k)
        elif TASK_COLUMN.search(h):
            out.task.append(k)
    return out


def is_task_table(t: Table) -> bool:
    return t.header_rows > 0 and bool(_columns(t).units)


def _grid(t: Table) -> dict[tuple[int, int], TableCell]:
    """Every (row, column) position to the cell that covers it: a merged cell counts in each row it spans."""
    g: dict[tuple[int, int], TableCell] = {}
    for r in t.rows:
        for c in r.cells:
            for i in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    g.setdefault((i, k), c)
    return g


def cell_units(text: str, role: Role, gz: Gazetteer) -> list[UnitRef]:
    """The units a cell of a unit column names, with their role (the column's, or the one the cell writes)."""
    text = text.strip().rstrip("。")
    refs: list[UnitRef] = []
    marked = list(CELL_ROLE.finditer(text))
    spans = [(m.start("units"), m.group("units"), _ROLE_WORD[m.group("role")]) for m in marked] if marked \
        else [(0, text, role)]
    for off, s, r in spans:
        units = split_units(s, offset=off, gz=gz)
        if units:
            refs.extend(UnitRef(name=u.name, canonical=u.canonical, role=r, start=u.start, end=u.end)
                        for u in units)
            continue
        # a unit column lists units: pieces that do not look like a unit name are still the names written
        pos = 0
        for piece in UNIT_SEP.split(s):
            piece = TRAIL_ETC.sub("", piece.strip())
            i = text.find(piece, off + pos) if piece else -1
            if len(piece) < 2 or i < 0:
                continue
            pos = i - off + len(piece)
            refs.append(UnitRef(name=piece, canonical=gz.canonical(piece), role=r, start=i, end=i + len(piece)))
    return refs


_ROLE_WORD = {"牵头": Role.lead, "配合": Role.support, "参与": Role.support, "负责": Role.responsible}


def extract(doc: Document, issue: Issue, gz: Gazetteer) -> None:
    """Obligations, deadlines and targets of the task tables of ``doc``, appended to the document's lists."""
    labels = issue.source.page_labels
    dp_of = {(tuple(dp.bbox), dp.text): dp for dp in doc.paragraphs if dp.part == "table"}
    doc_year = int(doc.date[:4]) if doc.date else issue.issue.year
    for t in issue.tables:
        if t.document_id != doc.id or not is_task_table(t):
            continue
        dp = dp_of.get((tuple(t.bbox), t.text()))
        prov_id = dp.provision_id if dp is not None else None
        cols = _columns(t)
        grid = _grid(t)
        for i, row in enumerate(t.rows):
            if row.header:
                continue
            _row(doc, t, i, row, cols, grid, gz, prov_id, doc_year, labels)


def cell_date(text: str) -> Optional[timex.Timex]:
    """The deadline a time-limit cell holding only a date writes: by the end of the year, month or day."""
    m = CELL_DATE.match(text)
    if m is None:
        return None
    y = cn_int(m["y"])
    mo = cn_int(m["m"]) if m["m"] else None
    end = iso_date(y, mo, cn_int(m["d"])) if m["d"] else month_end(y, mo) if mo else iso_date(y, 12, 31)
    if end is None:
        return None
    t = text.strip()
    return timex.Timex(0, len(t), t, "by", None, end, rule="time-cell")


def _page(labels: dict[str, str], page: int) -> int:
    v = labels.get(str(page))
    return int(v) if v and v.isdigit() else page


def _row(doc, t: Table, i: int, row, cols: _Columns, grid, gz, prov_id: Optional[str], doc_year, labels) -> None:
    def text(k: int) -> str:
        c = grid.get((i, k))
        return c.text if c is not None else ""
    task = "：".join(x for x in dict.fromkeys(text(k) for k in cols.task) if x)
    refs: list[UnitRef] = []
    source = ""
    for k, role in cols.units:     # the source is the unit cells joined by tabs; offsets point into it
        if not text(k):
            continue
        source += "\t" if source else ""
        for u in cell_units(text(k), role, gz):
            u.start, u.end = u.start + len(source), u.end + len(source)
            refs.append(u)
        source += text(k)
    page = _page(labels, row.page)
    bbox = row.bbox
    dl_ids, tg_ids = [], []
    for k in cols.task + cols.time:
        by = cell_date(text(k)) if k in cols.time else None
        for x in [by] if by is not None else timex.find(text(k), doc_year):
            d = Deadline(id=f"{doc.id}-dl{len(doc.deadlines) + 1}", text=x.text, kind=x.kind, start=x.date_start,
                         end=x.date_end, approx=x.approx, page=page, bbox=bbox, duration=x.duration,
                         frequency=x.frequency, provision_id=prov_id)
            doc.deadlines.append(d)
            dl_ids.append(d.id)
    for k in cols.task + cols.target:
        for q in targets.find(text(k), None):
            g = Target(id=f"{doc.id}-tg{len(doc.targets) + 1}", text=q.text, indicator=q.indicator or q.text[:20],
                       comparator=q.comparator, value=q.value, unit=q.unit, normalized_value=q.normalized_value,
                       base_unit=q.base_unit, year=q.year, aspirational=q.aspirational, page=page, bbox=bbox,
                       provision_id=prov_id)
            doc.targets.append(g)
            tg_ids.append(g.id)
    if not refs:
        return
    doc.obligations.append(Obligation(
        id=f"{doc.id}-o{len(doc.obligations) + 1}", provision_id=prov_id, text=task or "\t".join(
            c.text for c in row.cells), source=source, units=refs, deadline_ids=dl_ids, target_ids=tg_ids,
        page=page, rule="table", note=f"table {t.id} row {i + 1}"))

