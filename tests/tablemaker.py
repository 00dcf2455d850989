"""Typeset test PDFs with tables (reportlab and its built-in Adobe CID font STSong-Light: no font file needed)."""
from __future__ import annotations

from pathlib import Path

TIME_LIMITS = ("2020年底前", "持续推进", "2021年6月底前")


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, firstLineIndent=0)
    center = ParagraphStyle("center", parent=body, alignment=1, firstLineIndent=0)
    right = ParagraphStyle("right", parent=body, alignment=2, firstLineIndent=0)
    flush = ParagraphStyle("flush", parent=body, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, firstLineIndent=0)
    return body, title, center, right, flush, cell


def task_rows(rows: list[dict]) -> list[list[str]]:
    """序号 | 重点任务 | 主要内容 | 牵头单位 | 配合单位 | 完成时限, one row per task."""
    return [[str(i + 1), r["task"], r["content"], r["lead"], "、".join(r["support"]), TIME_LIMITS[i % 3]]
            for i, r in enumerate(rows)]


TASK_HEADER = ["序号", "重点任务", "主要内容", "牵头单位", "配合单位", "完成时限"]


def task_table_issue(path: Path, rows: list[list[str]], header=TASK_HEADER, widths=None,
                     merge_lead: bool = False) -> Path:
    """A single notice (title, 发文字号, addressee, body, signature, date) whose 附件 is a ruled task table broken
    across pages, its header repeated on each page.  ``merge_lead``: runs of rows with the same lead unit
    share one merged lead cell."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    body, title, center, right, flush, cell = _styles()
    story = [Paragraph("某某市人民政府办公室关于印发重点任务分工方案的通知", title), Spacer(1, 8),
             Paragraph("某政办发〔2020〕12号", center), Spacer(1, 8),
             Paragraph("各区人民政府，市政府各部门：", flush),
             Paragraph("现将重点任务分工方案印发给你们，请认真贯彻落实。各牵头单位要会同配合单位制定具体措施，"
                       "按时完成各项任务。", body),
             Paragraph("附件：重点任务分工表", body), Spacer(1, 12)]
    data = [[Paragraph(h, cell) for h in header]] + [[Paragraph(x, cell) for x in r] for r in rows]
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if merge_lead:
        k = header.index("牵头单位")
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and rows[j + 1][k] == rows[i][k]:
                j += 1
            if j > i:
                style.append(("SPAN", (k, i + 1), (k, j + 1)))
                for m in range(i + 1, j + 1):
                    data[m + 1][k] = ""
            i = j + 1
    widths = widths or [28, 80, 160, 70, 100, 60]
    story.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style)))
    story += [Spacer(1, 24), Paragraph("某某市人民政府办公室", right), Paragraph("2020年3月5日", right)]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70,
                      bottomMargin=70).build(story)
    return path


def two_column_table(path: Path, rows: list[list[str]], header: list[str], intro: list[str]) -> Path:
    """An A4 page set in two columns: a title across both, a few paragraphs, then a ruled table that fills the
    left column and goes on at the top of the right one (header repeated there)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
    body, title, center, right, flush, cell = _styles()
    w, h = A4
    gap, margin = 24, 50
    col = (w - 2 * margin - gap) / 2
    frames = [Frame(margin, margin, col, h - 2 * margin, id="L"), Frame(margin + col + gap, margin, col,
                                                                      h - 2 * margin, id="R")]
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)])
    data = [[Paragraph(x, cell) for x in header]] + [[Paragraph(x, cell) for x in r] for r in rows]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black)])
    story = [Paragraph(x, body) for x in intro]
    story.append(Table(data, colWidths=[24, col - 24 - 80, 80], repeatRows=1, style=style))
    doc.build(story)
    return path


# rules of a table: every cell boxed, 三线表 (a rule over the table, one under its header, one under it), none
RULES = ("grid", "three_line", "none")


def styled_table_pdf(path: Path, header: list[list[str]], rows: list[list[str]], rules: str = "grid",
                     spans: tuple = (), widths=None, intro: tuple = (), outro: tuple = (), columns: int = 1,
                     landscape: bool = False, repeat_header: bool = True, font_size: float = 10.5) -> Path:
    """A page of prose with one table set in ``rules`` (RULES): ``header`` rows over ``rows`` (cells given as
    text, a merged cell's covered positions as ""), ``spans`` reportlab SPAN commands ((col, row), (col, row))
    counted over header and rows, ``columns`` 2 sets the page in two columns (the table in one of them),
    ``landscape`` turns the page, ``repeat_header`` repeats the header rows on each page the table runs over."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape as turn
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
    body, title, center, right, flush, cell = _styles()
    cell = ParagraphStyle("cellx", parent=cell, fontSize=font_size, leading=font_size * 1.35)
    size = turn(A4) if landscape else A4
    w, h = size
    margin, gap = 56, 24
    col_w = (w - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + k * (col_w + gap), margin, col_w, h - 2 * margin, id=f"c{k}") for k in range(columns)]
    doc = BaseDocTemplate(str(path), pagesize=size, pageTemplates=[PageTemplate(frames=frames)])
    data = [[Paragraph(x, cell) for x in r] for r in header + rows]
    n, nh = len(data), len(header)
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    style += [("SPAN", a, b) for a, b in spans]
    if rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    elif rules == "three_line":
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                  ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.6, colors.black),
                  ("LINEBELOW", (0, n - 1), (-1, n - 1), 1.2, colors.black)]
    ncol = len(header[0])
    widths = widths or [col_w / ncol] * ncol
    story = [Paragraph(x, body) for x in intro] + [Spacer(1, 8)]
    story.append(Table(data, colWidths=widths, repeatRows=nh if repeat_header else 0, style=TableStyle(style)))
    story += [Spacer(1, 8)] + [Paragraph(x, body) for x in outro]
    doc.build(story)
    return path
