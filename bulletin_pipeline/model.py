"""The one typed model that flows through the pipeline.

Low-level geometry (chars, lines) are slotted dataclasses: there are tens of thousands of them and they
never leave the process.  Everything that is written out (paragraphs, documents, provisions, extracted
entities) is a pydantic model, so that the JSON Schema in ``schemas/`` is generated from this file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

# [x0, top, x1, bottom], PDF points, top-left origin (pdfplumber's convention)
BBox = Annotated[list[float], Field(min_length=4, max_length=4)]
ISODate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]
DocType = Literal["决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
                  "函", "纪要", "令"]      # 令: a 政府令 (人民政府令第N号) promulgating rules


# --------------------------------------------------------------------------- geometry (internal)
# a text layer's char boxes are kept to this many decimals of a point: both readers (pdfminer in float64,
# PDFium in float32, a few 1e-5 pt apart) agree to it, and a coordinate the file writes to 0.001 pt is then the
# same number from either, so the 0.01 pt boxes of the output do not fall on either side of a rounding step
BOX_PLACES = 3


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: Optional[str] = None
    conf: Optional[float] = None      # OCR word confidence (0-100); None for a text layer

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """One printed line inside one column zone, chars in x order (subscripts folded in)."""
    chars: list[Char]
    page: int
    zone: str = "full"          # "full", "L" or "R": which column of the page the line sits in
    band: int = 0               # vertical band of the page (between separators)
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0           # dominant font size
    bold: bool = False
    color: Optional[str] = None
    font: str = ""
    text: str = ""
    gaps: list[int] = field(default_factory=list)   # text offsets where a wide blank gap was
    lead: float = 0.0           # pt of ideographic spaces (U+3000) set right before the first ink (an indent typed as 　　)
    # filled by the paragraph builder, relative to the zone's text block
    indent: float = 0.0
    short: float = 0.0
    align: str = "justify"      # justify | left | center | right
    table: Optional["Table"] = None   # set on the one placeholder line that stands for a table


@dataclass(slots=True)
class PageLayout:
    number: int                 # 1-based physical page
    width: float
    height: float
    label: Optional[str] = None  # printed page number ("17" from "— 17 —")
    lines: list[Line] = field(default_factory=list)       # reading order
    furniture: list[Line] = field(default_factory=list)   # running headers / footers / page numbers
    columns: int = 1
    char_count: int = 0
    garbled: float = 0.0        # share of (cid:N) / private-use / replacement chars
    ocr: bool = False
    tables: list["Table"] = field(default_factory=list)   # tables of the page, their chars out of ``lines``


# --------------------------------------------------------------------------- labels
class ParagraphKind(str, Enum):
    body = "body"
    heading = "heading"
    title = "title"
    masthead = "masthead"
    signature = "signature"     # right-aligned or centred short line in body font (署名, 日期)
    cover = "cover"             # cover / 目录 / colophon material
    table = "table"             # a whole table (its cells are in Issue.tables, not in the paragraph flow)


class Role(str, Enum):
    lead = "lead"
    support = "support"
    implement = "implement"
    responsible = "responsible"


class DeadlineKind(str, Enum):
    by = "by"
    period = "period"
    from_ = "from"
    until = "until"
    relative = "relative"


class Comparator(str, Enum):
    ge = ">="
    le = "<="
    eq = "="
    increase = "increase"
    decrease = "decrease"


DOC_TYPES = DocType.__args__
# gazette: an issue of a 政府公报; document: one 公文 on its own; other: anything else (budgets, reports…)
InputClass = Literal["gazette", "document", "other"]
INPUT_CLASSES = InputClass.__args__

_SPAN_START = "offset of the item's text in its document's text (Document.text); null when not found there"
_SPAN_END = "end offset (exclusive) of the item's text in Document.text"


# --------------------------------------------------------------------------- output model
class _Strict(BaseModel):
    # every field is always written, so the schema marks them all required (serialization mode)
    model_config = ConfigDict(extra="forbid", use_enum_values=True, json_schema_serialization_defaults_required=True)

    def model_post_init(self, context: Any, /) -> None:
        # Every field is written, set or defaulted, so nothing asks which fields a model was given: the
        # instances of a class share one set naming all its fields instead of a set each (a set of five names
        # or more takes 728 bytes: 6 of the 18 MB the issue of 144 pages held).  Assigning a field adds a
        # name the set already has.
        object.__setattr__(self, "__pydantic_fields_set__", _ALL_FIELDS.get(type(self)) or _all_fields(type(self)))


_ALL_FIELDS: dict[type, set[str]] = {}     # model class -> the names of all its fields (see _Strict)


def _all_fields(cls: type[BaseModel]) -> set[str]:
    return _ALL_FIELDS.setdefault(cls, set(cls.model_fields))


class Prov(_Strict):
    page: int
    bbox: BBox


class Paragraph(_Strict):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, arbitrary_types_allowed=True,
                              json_schema_serialization_defaults_required=True)
    text: str
    page: int
    bbox: BBox
    kind: ParagraphKind = ParagraphKind.body
    align: str = "justify"
    size: float = 0.0
    bold: bool = False
    color: Optional[str] = None
    band: int = Field(0, description="vertical band of the page the paragraph starts in")
    zone: str = "full"
    prov: list[Prov] = Field(default_factory=list, description="every page piece of the paragraph")
    lines: list = Field(default_factory=list, exclude=True)
    table: Optional["Table"] = Field(None, exclude=True)


class IssueMeta(_Strict):
    id: str
    gazette: Optional[str] = None
    year: Optional[int] = None
    number: Optional[int] = None
    total_number: Optional[int] = None
    colophon: dict[str, str] = Field(default_factory=dict)
    input_class: InputClass = Field("gazette", description="what the input is: a gazette issue, one 公文, or other")
    class_reasons: list[str] = Field(default_factory=list, description="why the input got its class")


class Source(_Strict):
    path: str
    sha256: str
    page_count: int
    page_labels: dict[str, str] = Field(default_factory=dict, description="physical page -> printed number")


class PipelineInfo(_Strict):
    version: str
    backend: Optional[Literal["pdfium", "pdfplumber"]] = Field(
        None, description="the reader of the PDF's text layer (bulletin run --backend)")


class TocEntry(_Strict):
    section: Optional[str] = None
    title: str
    doc_number: Optional[str] = None
    page: Optional[int] = None
    document_id: Optional[str] = None


class Warning_(_Strict):
    code: str
    message: str
    page: Optional[int] = None
    document_id: Optional[str] = None


class Continuation(_Strict):
    from_page: int
    to_page: int


class DocParagraph(_Strict):
    text: str
    page: int
    bbox: BBox
    part: str = "body"          # masthead | doc_number | title | addressee | body | signature | date |
                                # attachment | transmitted_title | transmitted | copy_no | secrecy |
                                # urgency | signer | note | cc | imprint
    kind: ParagraphKind = ParagraphKind.body
    provision_id: Optional[str] = None


class Provision(_Strict):
    id: str
    number: str
    heading: Optional[str] = None
    text: str
    level: int
    parent: Optional[str] = None
    page: int
    bbox: BBox
    transmitted: bool = False


class Citation(_Strict):
    doc_number: Optional[str] = None
    title: Optional[str] = None
    page: Optional[int] = None
    span_start: Optional[int] = Field(None, description=_SPAN_START)
    span_end: Optional[int] = Field(None, description=_SPAN_END)


class UnitRef(_Strict):
    name: str
    canonical: Optional[str] = None
    role: Role
    start: Optional[int] = Field(None, description="offset of the name in the obligation source")
    end: Optional[int] = None
    span_start: Optional[int] = Field(None, description=_SPAN_START)
    span_end: Optional[int] = Field(None, description=_SPAN_END)


class Obligation(_Strict):
    id: str
    provision_id: Optional[str] = None
    text: str
    source: str
    units: list[UnitRef]
    deadline_ids: list[str] = Field(default_factory=list)
    target_ids: list[str] = Field(default_factory=list)
    page: Optional[int] = None
    rule: Optional[str] = None
    note: Optional[str] = None


class Deadline(_Strict):
    id: str
    text: str
    kind: DeadlineKind
    start: Optional[ISODate] = None
    end: Optional[ISODate] = None
    approx: bool = False
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    duration: Optional[str] = None
    frequency: Optional[str] = None
    provision_id: Optional[str] = None
    span_start: Optional[int] = Field(None, description=_SPAN_START)
    span_end: Optional[int] = Field(None, description=_SPAN_END)


class Target(_Strict):
    id: str
    text: str
    indicator: str
    comparator: Comparator
    value: float
    unit: str
    normalized_value: Optional[float] = None
    base_unit: Optional[str] = None
    year: Optional[int] = None
    aspirational: bool = False
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    provision_id: Optional[str] = None
    span_start: Optional[int] = Field(None, description=_SPAN_START)
    span_end: Optional[int] = Field(None, description=_SPAN_END)


class Event(_Strict):
    date: Optional[ISODate] = None
    text: str


class Document(_Strict):
    id: str
    section: Optional[str] = None
    doc_number: Optional[str] = None
    title: str
    doc_type: Optional[DocType] = None
    issuers: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    date: Optional[ISODate] = None
    start_page: int
    pages: list[int] = Field(default_factory=list)
    continued: list[Continuation] = Field(default_factory=list)
    masthead: Optional[str] = None
    transmitted_title: Optional[str] = None
    attachments: list[str] = Field(default_factory=list)
    text: str = ""
    paragraphs: list[DocParagraph] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    references: list[Citation] = Field(default_factory=list,
                                       description="documents cited by 《title》 alone, with no 发文字号")
    obligations: list[Obligation] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    # GB/T 9704-2012 parts beyond the head and body (版头 marks, 签发人, 附注, 版记)
    copy_no: Optional[str] = Field(None, description="份号: the copy's serial number (000128)")
    secrecy: Optional[str] = Field(None, description="密级和保密期限 (秘密★1年)")
    urgency: Optional[str] = Field(None, description="紧急程度 (特急 / 加急)")
    signers: list[str] = Field(default_factory=list, description="签发人 of an upward document")
    note: Optional[str] = Field(None, description="附注 under the date: （此件公开发布）")
    imprint: Optional[Imprint] = Field(None, description="版记: 抄送, 印发机关 and 印发日期")


class Imprint(_Strict):
    """版记 at the foot of the last page: who receives copies, who printed it and when."""
    cc: list[str] = Field(default_factory=list, description="抄送机关, one per group")
    printer: Optional[str] = Field(None, description="印发机关")
    print_date: Optional[ISODate] = Field(None, description="印发日期")


# --------------------------------------------------------------------------- tables
class TableCell(_Strict):
    text: str
    row: int = Field(description="0-based row of the table (after joining its page pieces)")
    col: int = Field(description="0-based grid column")
    rowspan: int = 1
    colspan: int = 1
    page: int
    bbox: BBox


class TableRow(_Strict):
    header: bool = False
    page: int
    bbox: BBox
    cells: list[TableCell] = Field(default_factory=list, description="anchored cells only: a merged cell "
                                   "appears once, in the row and column where it starts")


class Table(_Strict):
    """A table, joined across page and column breaks; a header repeated on each page is kept once."""
    id: str
    document_id: Optional[str] = None
    page: int
    bbox: BBox
    ruled: bool = True
    columns: int
    header_rows: int = 0
    rows: list[TableRow] = Field(default_factory=list)
    prov: list[Prov] = Field(default_factory=list, description="every page piece of the table")

    def header_texts(self) -> list[str]:
        """One label per grid column: the header cells above it joined (a merged parent over its children)."""
        out = [""] * self.columns
        for r in self.rows[:self.header_rows]:
            for c in r.cells:
                for k in range(c.col, min(self.columns, c.col + c.colspan)):
                    out[k] += c.text
        return out

    def text(self) -> str:
        """Rows on lines, cells separated by tabs (the table's text in the paragraph flow)."""
        return "\n".join("\t".join(c.text for c in r.cells) for r in self.rows)


class Issue(_Strict):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    issue: IssueMeta
    source: Source
    pipeline: PipelineInfo
    toc: list[TocEntry] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list, description="every table of the issue in reading order; "
                                "document_id names the document it belongs to")

    def warn(self, code: str, message: str, page: Optional[int] = None, document_id: Optional[str] = None):
        self.warnings.append(Warning_(code=code, message=message, page=page, document_id=document_id))


@dataclass(slots=True)
class RawPage:
    """What ingest hands to layout: the chars and drawn rules of one page."""
    number: int
    width: float
    height: float
    chars: list[Char]
    hrules: list[tuple[float, float, float]] = field(default_factory=list)   # (x0, x1, y)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)   # (x, top, bottom)
    garbled: float = 0.0
    ocr: bool = False
    # ruled tables found in the drawn rules: each a list of cell boxes (x0, top, x1, bottom)
    table_cells: list[list[tuple[float, float, float, float]]] = field(default_factory=list)
    # quarter turns (clockwise) the reader turned the displayed page to read its text layer (ingest/orient.py):
    # width and height are those of the page turned so
    turned: int = 0


def quiet(stage: str, done: Optional[int] = None, total: Optional[int] = None) -> None:
    """The default progress callback: says nothing."""


@dataclass
class Work:
    """What flows through the stages for one input.  Every stage is ``run(work, resources, config) -> work``:
    ingest fills ``issue`` (the empty Issue of the file) and ``raw``, layout ``pages`` and the issue's
    paragraphs and tables, structure and extract the issue's documents.  ``progress(stage, done, total)`` is
    told what is going on (a terminal shows it; a batch worker may report it)."""
    path: Path
    issue: Optional[Issue] = None
    raw: Iterable[RawPage] = field(default_factory=list)     # an iterator while pages stream
    pages: list["PageLayout"] = field(default_factory=list)
    progress: Callable[..., None] = quiet
    chunk_pages: int = 0        # pages held at once between reading and layout (0: the whole file)
    page_total: int = 0         # the pages of the file, known once the reader has opened it (0: not yet)
    keep_lines: bool = False    # keep the layout lines of pages and paragraphs after structure (for tools)

    @property
    def ocr(self) -> bool:
        """Some text came from OCR (later stages then expect OCR's kinds of mistakes)."""
        return any(p.ocr for p in self.pages) or isinstance(self.raw, list) and any(p.ocr for p in self.raw)


def page_runs(pages: Iterable[RawPage], size: int,
              total: Callable[[], int] | int | None = None) -> Iterator[list[RawPage]]:
    """``pages`` in runs of ``size`` (all in one when ``size`` is 0); a rest shorter than half a run goes with
    the run before it, so no run is measured on a handful of pages.

    ``total``: the number of pages (or a callable giving it, 0 while it is not known yet, as ``Work.page_total``
    is before the first page is read).  Known, each run is handed on as soon as its last page comes; unknown,
    half a run more is read first to see whether the file ends within it.  The runs are the same either way.
    The generator keeps no page of a run once the caller asks for the next run."""
    if size <= 0:
        yield list(pages)
        return
    count = total if callable(total) else (lambda: total or 0)
    buf: list[RawPage] = []
    start = 0               # the first page of ``buf`` (0-based)
    for p in pages:
        buf.append(p)
        n = count()
        if 0 < n and start + len(buf) <= n:     # a whole run when a run and a half is left from its start
            cut = size if n - start >= size + size // 2 else 0
        else:
            cut = size + size // 2
        if cut and len(buf) >= cut:
            run, buf = buf[:size], buf[size:]
            start += size
            yield run
            del run
    if buf:
        yield buf


Paragraph.model_rebuild()      # resolve the forward reference to Table
