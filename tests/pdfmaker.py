"""Tiny hand-made PDFs for robustness tests (no PDF library needed)."""
import zlib


def make_pdf(content: bytes, compress: bool = True, pages: int = 1) -> bytes:
    """A minimal valid PDF whose page(s) draw ``content`` (a content stream)."""
    stream = zlib.compress(content, 9) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(pages)) +
            b"] /Count %d >>" % pages]
    content_id = 3 + pages
    font_id = content_id + 1
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id))
    objs.append(b"<< " + filt + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    body = b"BT /F1 10 Tf 20 280 Td 12 TL " + b" ".join(b"(%s) '" % l.encode("latin-1") for l in lines) + b" ET"
    return make_pdf(body, pages=pages)


def bomb_pdf(megabytes: int) -> bytes:
    """A content stream that inflates to ``megabytes`` MB of spaces (a decompression bomb)."""
    return make_pdf(b" " * (megabytes * 1024 * 1024))


# --------------------------------------------------------------------------- GB/T 9704 typesetter
# A small 公文 typesetter on reportlab (test extra): A4 / US Letter / 16K pages, a 156 × 225 mm text block,
# 3号 (16 pt) body at 28 chars a line, 2号 (22 pt) titles, a red masthead and rule, a seal drawn as an image
# over the signature and date, 版记 at the foot of the last page, — N — page numbers 7 mm under the text
# block (odd pages at the right, even at the left).  Texts come from the tests, real ones from
# ../shared/realworld; nothing here is read by the pipeline.
MM = 72 / 25.4
PAGE_SIZES = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0), "16K": (184 * MM, 260 * MM)}
RED = (0.85, 0.05, 0.05)
FONT = "STSong-Light"
BODY = 16.0
LINE = 225 * MM / 22          # 22 lines in the text block


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _seal_png() -> bytes:
    """A red ring with a star: what a scanned 印章 looks like, an image with no text."""
    import io

    from PIL import Image, ImageDraw
    im = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((6, 6, 234, 234), outline=(220, 20, 20, 200), width=12)
    d.regular_polygon((120, 120, 40), 5, fill=(220, 20, 20, 200))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


class Gongwen:
    """Blocks set one after another on a canvas: ``block(text, size, align, indent, color)``."""

    def __init__(self, path, page="A4", page_numbers="— {} —", first_number=1, number_share=None):
        from reportlab.pdfgen import canvas
        _font()
        self.w, self.h = PAGE_SIZES[page]
        self.left = (self.w - 156 * MM) / 2
        self.right = self.left + 156 * MM
        block, low = 225 * MM, 12 * MM
        if self.h - block < 50 * MM:            # 16K: the block shrinks to leave room for the page number
            block, low = self.h - 60 * MM, 5 * MM
        self.top = (self.h - block) / 2 + low                # the block sits a little low (37 mm at A4)
        self.bottom = self.top + block
        self.c = canvas.Canvas(path if hasattr(path, "write") else str(path), pagesize=(self.w, self.h))
        self.page_numbers = page_numbers
        self.n = first_number
        self.y = self.top
        self.number_this_page = True
        self.number_share = number_share      # page number's centre this share of the height above the bottom
        if number_share:                      # the text block ends a line above it
            self.bottom = min(self.bottom, self.h * (1 - number_share) - 7 * MM - 7)
        self.body, self.lead = BODY, LINE     # body size and line pitch (GazetteStyle changes them)
        self.number_align = "outer"           # odd pages right, even left; or "center"
        self.header = None                    # running header drawn at the top of every numbered page
        self.odd_header = None                # ... or, when set, this one on odd pages (a str, or a callable)
        self.cols, self.col, self.col_top = 1, 0, self.top
        self.full = (self.left, self.right)
        self.col_gap = 0.0

    def _baseline(self, size):     # reportlab's y runs upwards
        return self.h - (self.y + size)

    def new_page(self):
        self._number()
        self.c.showPage()
        self.n += 1
        self.y = self.top
        self.number_this_page = True
        if self.cols > 1:
            self.col, self.col_top = 0, self.top
            self._set_col()

    def _set_col(self):
        left, right = self.full
        width = (right - left - self.col_gap) / self.cols
        self.left = left + self.col * (width + self.col_gap)
        self.right = self.left + width

    def columns(self, n, gap=None):
        """Set what follows in ``n`` columns from the current position (1: back to the full measure), below
        everything set so far on the page (columns are not balanced: after a full left column, a new page)."""
        if self.cols > 1 and self.col > 0:
            self.y = self.bottom + 1
        self.cols, self.col, self.col_top = n, 0, self.y
        self.col_gap = gap if gap is not None else 2 * self.body
        self._set_col()

    def _number(self):
        if not self.page_numbers or not self.number_this_page:
            return
        if self.header:
            self.c.setFillColorRGB(0, 0, 0)
            self.c.setFont(FONT, 10.5)
            hy = self.h - self.top + 10 * MM
            header = self.header
            if self.odd_header is not None and self.n % 2:
                header = self.odd_header() if callable(self.odd_header) else self.odd_header
            self.c.drawCentredString((self.full[0] + self.full[1]) / 2, hy, header)
            self.c.setStrokeColorRGB(0, 0, 0)
            self.c.setLineWidth(0.5)
            self.c.line(self.full[0], hy - 4, self.full[1], hy - 4)
        text = self.page_numbers.format(self.n)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.setFont(FONT, 14)
        y = self.h - (self.bottom + 7 * MM + 14)
        if self.number_share:
            y = self.h * self.number_share - 5
        width = self.c.stringWidth(text, FONT, 14)
        left, right = self.full
        x = right - 14 - width if self.n % 2 else left + 14
        if self.number_align == "center":
            x = (left + right - width) / 2
        self.c.drawString(x, y, text)

    def need(self, height):
        if self.y + height > self.bottom:
            if self.col + 1 < self.cols:
                self.col += 1
                self.y = self.col_top
                self._set_col()
            else:
                self.new_page()

    def line(self, text, size=BODY, align="left", indent=0, color=(0, 0, 0), x=None, advance=None):
        advance = advance or (self.lead if size <= self.body else size * 1.45)
        self.need(advance)
        self.c.setFont(FONT, size)
        self.c.setFillColorRGB(*color)
        width = self.c.stringWidth(text, FONT, size)
        if x is None:
            x = {"left": self.left + indent * size, "center": (self.left + self.right - width) / 2,
                 "right": self.right - indent * size - width}[align]
        self.c.drawString(x, self._baseline(size), text)
        top = self.y
        self.y += advance
        return x, top

    def block(self, text, size=None, align="left", indent=0, first_indent=2, color=(0, 0, 0), hang=0,
              typed_indent=False):
        """A paragraph wrapped to the measure: body paragraphs indent their first line two chars; ``hang``
        indents the lines after the first (attachment names wrap under the name, not under 附件：);
        ``typed_indent``: the first line's indent is typed as ideographic spaces (　　) set from the edge, as some
        typesetters and word processors do, instead of moving the line."""
        size = size or self.body
        per_line = int((self.right - self.left) // size)
        lines, first = [], True
        while text:
            room = per_line - (first_indent if first and align == "left" else hang) - indent
            while 0 < room < len(text) and text[room - 1].isascii() and text[room].isascii() \
                    and text[room - 1].isalnum() and text[room].isalnum():
                room -= 1          # a Latin word is never broken across lines
            lines.append(text[:room])
            text = text[room:]
            first = False
        for k, piece in enumerate(lines):
            ind = indent + (first_indent if k == 0 and align == "left" else hang)
            if typed_indent and k == 0 and align == "left":
                piece, ind = "\u3000" * first_indent + piece, indent
            self.line(piece, size, align, ind, color)

    def gap(self, n=1.0):
        self.y += n * self.lead

    def rule(self, color=RED, width=1.0, full=True):
        self.need(6)
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(width)
        y = self.h - self.y - 4
        self.c.line(self.left, y, self.right, y)
        self.y += 8

    def seal(self, x_centre, y_top):
        from reportlab.lib.utils import ImageReader
        img = ImageReader(__import__("io").BytesIO(_seal_png()))
        side = 42 * MM
        self.c.drawImage(img, x_centre - side / 2, self.h - y_top - side + 10 * MM, side, side, mask="auto")

    def masthead(self, issuers, color=RED):
        """Issuer names stacked and 文件 to their right, centred over the text block (a joint masthead when
        there are several); a single issuer is one line ``<issuer>文件``."""
        size = 30.0 if len(issuers) == 1 else 26.0
        if len(issuers) == 1:
            self.line(issuers[0] + "文件", size, "center", color=color, advance=size * 1.6)
            return
        longest = max(self.c.stringWidth(n, FONT, size) for n in issuers)
        wj = self.c.stringWidth("文件", FONT, size)
        x0 = (self.left + self.right - longest - wj - size) / 2
        top = self.y
        for name in issuers:
            width = self.c.stringWidth(name, FONT, size)
            # names justified to one width, as the standard sets a joint masthead
            self.c.setFont(FONT, size)
            self.c.setFillColorRGB(*color)
            self.c.drawString(x0 + (longest - width) / 2, self._baseline(size), name)
            self.y += size * 1.4
        mid = (top + self.y) / 2 - size / 2 - size * 0.2
        self.c.setFont(FONT, size)
        self.c.drawString(x0 + longest + size, self.h - (mid + size), "文件")

    def end_page(self):
        self._number()
        self.c.showPage()

    def save(self):
        self.c.save()


def gongwen_pdf(path, doc: dict, page="A4", number_share=None) -> None:
    """One 公文 laid out after GB/T 9704.  ``doc`` keys: copy_no, secret, urgency, issuers (masthead),
    masthead (False: none, as many 公告 / 通告 print), masthead_text (a masthead of other words: …纪要),
    doc_number (optional), signer, title, addressee (optional), body (list), attachments (list),
    signatures (list of names), signatures_row (a joint 署名 in one row), date, note (附注), transmitted
    (title, doc_number, addressee, body, signatures, date, label: 附件, new_page), cc (抄送), printer,
    print_date, seal (bool)."""
    g = Gongwen(path, page, number_share=number_share)
    for key in ("copy_no", "secret", "urgency"):
        if doc.get(key):
            g.line(doc[key], BODY, "left", indent=0)
    g.gap(0.5)
    if doc.get("masthead", True):
        # a 公告 / 通告 / 纪要 may carry a masthead of its own words (masthead_text) or none at all
        if doc.get("masthead_text"):
            g.line(doc["masthead_text"], 30.0, "center", color=RED, advance=30 * 1.6)
        else:
            g.masthead(doc["issuers"])
        g.gap(1.5)
    if doc.get("signer"):
        # 上行文: 发文字号 at the left, 签发人 at the right of one line
        g.line(doc["doc_number"], BODY, "left", indent=1, advance=0.001)
        g.line("签发人：" + doc["signer"], BODY, "right", indent=1)
    elif doc.get("doc_number"):
        g.line(doc["doc_number"], BODY, "center")
    if doc.get("masthead", True):
        g.rule()
    g.gap(1.0)
    for piece in doc.get("title_lines") or [doc["title"][k:k + 20] for k in range(0, len(doc["title"]), 20)]:
        g.line(piece, 22.0, "center", advance=22 * 1.5)
    g.gap(0.5)
    if doc.get("addressee"):
        g.block(doc["addressee"], first_indent=0)
    for p in doc["body"]:
        g.block(p)
    if doc.get("attachments"):
        g.gap(1)
        for k, a in enumerate(doc["attachments"]):
            label = "附件：" if k == 0 else "　　　"
            num = f"{k + 1}．" if len(doc["attachments"]) > 1 else ""
            hang = 0 if doc.get("attachment_wrap") == "margin" else 2 + len(label + num)
            g.block(label + num + a, first_indent=2, hang=hang)
    g.gap(1.5)
    sigs = doc.get("signatures") or []
    g.need(LINE * (len(sigs) + 2))
    sig_top = g.y
    if doc.get("signatures_row") and len(sigs) > 1:
        # a joint 署名 in one row, the names apart by wide gaps, the date under the last one
        g.line("　　　".join(sigs), BODY, "right", indent=2)
    else:
        for name in sigs:
            g.line(name, BODY, "right", indent=4)
    x, _ = g.line(doc["date"], BODY, "right", indent=4)
    if doc.get("seal", True):
        g.seal(x + 3.5 * BODY, sig_top)
    if doc.get("note"):
        g.block(doc["note"])
    transmitted = doc.get("transmitted") or []
    for t in ([transmitted] if isinstance(transmitted, dict) else transmitted):
        # the document transmitted (转发 … 的通知): its title, 文号, 主送 and text, its own 署名 and date; or
        # the texts an 印发 notice issues, one after another (a list)
        if t.get("new_page"):
            g.new_page()
        else:
            g.gap(1.5)
        if t.get("label"):
            # the 附件 label over an attached text (附件 / 附件1), set at the left in 黑体 size
            g.line(t["label"], BODY, "left")
        for piece in t.get("title_lines") or [t["title"][k:k + 20] for k in range(0, len(t["title"]), 20)]:
            g.line(piece, 22.0, "center", advance=22 * 1.5)
        if t.get("doc_number"):
            g.line(t["doc_number"], BODY, "center")
        if t.get("addressee"):
            g.block(t["addressee"], first_indent=0)
        for para in t["body"]:
            g.block(para)
        if t.get("date"):
            g.gap(1)
            for name in t.get("signatures", []):
                g.line(name, BODY, "right", indent=4)
            g.line(t["date"], BODY, "right", indent=4)
    if doc.get("cc") or doc.get("printer"):
        # 版记: at the foot of the last page, between rules
        cc_lines = -(-(len(doc.get("cc", "")) + 4) // int(156 * MM // 14.0)) if doc.get("cc") else 0
        rows = cc_lines + 1
        if g.y + LINE * (rows + 1) > g.bottom:
            g.new_page()
        g.y = g.bottom - LINE * rows - 7      # a point to spare: the closing rule stays on the page
        g.rule(color=(0, 0, 0), width=1.0)
        if doc.get("cc"):
            g.block("抄送：" + doc["cc"], first_indent=1, size=14.0)
        g.line(doc.get("printer", ""), 14.0, "left", indent=1, advance=0.001)
        g.line(doc.get("print_date", "") + "印发", 14.0, "right", indent=1, advance=LINE - 8)
        g.rule(color=(0, 0, 0), width=1.0)
    g.end_page()
    g.save()


def order_pdf(path, doc: dict, page="A4") -> None:
    """A 政府令: red masthead <机关>令, 第N号, the 令 text, 签署 (职务 姓名) and date, then the promulgated
    text with its own title on the same or following pages."""
    g = Gongwen(path, page)
    g.gap(1)
    g.line(doc["masthead"], 30.0, "center", color=RED, advance=30 * 1.6)
    g.gap(0.5)
    g.line(doc["number"], BODY, "center")
    g.rule()
    g.gap(0.5)
    for p in doc["order"]:
        g.block(p)
    g.gap(1)
    g.line(doc["signer"], BODY, "right", indent=4)
    g.line(doc["date"], BODY, "right", indent=4)
    g.gap(1.5)
    g.line(doc["title"], 22.0, "center", advance=22 * 1.5)
    for p in doc["body"]:
        if len(p) <= 12 and p.startswith("第") and "章" in p:
            g.line(p, BODY, "center")
        else:
            g.block(p)
    g.end_page()
    g.save()


def issue_pdf(path, gazette: str, year: int, number: int, docs: list[dict], page="A4") -> None:
    """A gazette issue set single-column: a cover with a dotted-leader 目录 (文号 on the title line for short
    titles, on its own line under a wrapped one), then each document starting on a new page.  Set twice:
    the first pass learns the page each document starts on."""
    import io
    starts = _issue_pass(io.BytesIO(), gazette, year, number, docs, [0] * len(docs), page)
    _issue_pass(path, gazette, year, number, docs, starts, page)


def _issue_pass(path, gazette, year, number, docs, starts, page):
    g = Gongwen(path, page, first_number=1)
    g.number_this_page = False
    g.line(gazette, 30.0, "center", color=RED, advance=30 * 1.8)
    g.line(f"{year}年第{number}期", BODY, "center")
    g.gap(1)
    g.line("目　　录", 22.0, "center", advance=22 * 1.8)
    size = 14.0
    per_line = int((g.right - g.left) // size) - 3
    for d, pno in zip(docs, starts):
        title, num = d["title"], d.get("doc_number")
        head = f"{title}（{num}）" if num else title
        if len(head) + 2 <= per_line:
            pieces, own_line = [head], False
        else:
            pieces = [title[k:k + per_line] for k in range(0, len(title), per_line)]
            own_line = bool(num)
        for piece in pieces[:-1]:
            g.line(piece, size, "left", advance=LINE * 0.9)
        last = pieces[-1]
        g.line(last + "…" * (per_line - len(last)), size, "left", advance=LINE * 0.9)
        g.c.setFont(FONT, size)
        g.c.drawRightString(g.right, g.h - (g.y - LINE * 0.9 + size), str(pno))
        if own_line:
            g.line(num, size, "left", indent=2, advance=LINE * 0.9)
    g.c.showPage()
    g.n = 1
    g.number_this_page = True
    out = []
    for d in docs:
        g.y = g.top
        out.append(g.n)
        g.line(d["issuer"] + "文件", 26.0, "center", color=RED, advance=26 * 1.6)
        if d.get("doc_number"):
            g.line(d["doc_number"], BODY, "center")
        g.rule()
        for k in range(0, len(d["title"]), 20):
            g.line(d["title"][k:k + 20], 22.0, "center", advance=22 * 1.5)
        if d.get("addressee"):
            g.block(d["addressee"], first_indent=0)
        for p in d["body"]:
            g.block(p)
        g.gap(1)
        g.line(d["issuer"], BODY, "right", indent=4)
        g.line(d["date"], BODY, "right", indent=4)
        g.end_page()
        g.n += 1
        g.y = g.top
    g.save()
    return out


def sample_pdfs(outdir, texts: dict) -> dict:
    """The four test PDFs from the real texts in tests/data/gongwen_texts.json."""
    from pathlib import Path
    outdir = Path(outdir)
    s = dict(texts["single"], copy_no="000128", urgency="特急", issuers=["国务院办公厅"],
             cc="党中央各部门，中央军委办公厅，全国人大常委会办公厅，全国政协办公厅。",
             printer="国务院办公厅", print_date="2018年12月5日")
    j = dict(texts["joint"], secret="秘密★1年", urgency="加急")
    tr = texts["joint"]["transmitted"]      # title, 文号, 主送, paragraphs…, two 署名, date
    j["transmitted"] = {"title": tr[0], "doc_number": tr[1], "addressee": tr[2], "body": tr[3:-3],
                        "signatures": tr[-3:-1], "date": tr[-1]}
    out = {"single": outdir / "single.pdf", "joint": outdir / "joint.pdf", "order": outdir / "order.pdf",
           "issue": outdir / "issue.pdf"}
    gongwen_pdf(out["single"], s, "A4")
    gongwen_pdf(out["joint"], j, "Letter", number_share=0.093)     # page numbers outside a 9 % band
    order_pdf(out["order"], texts["order"], "A4")
    docs = [dict(d, date="{}年{}月{}日".format(*map(int, d["date"].split("-")))) for d in texts["issue_docs"]]
    issue_pdf(out["issue"], "测试省人民政府公报", 2019, 3, docs, "A4")
    return out


# --------------------------------------------------------------------------- whole gazette issues, many styles
DATE_LINE = __import__("re").compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月"
                                     r"[一二三四五六七八九十]{1,3}日)$")    # a 成文日期 line, set at the right
HEADING = __import__("re").compile(r"^[一二三四五六七八九十]+、")         # a first-level heading, set in a larger size


class GazetteStyle:
    """How one typesetter sets a gazette issue.  page: A4 / 16K / Letter; columns: 1 or 2 (the body of each
    document; masthead and title across the page); body / leading: body size in pt and line pitch as a multiple
    of it; toc: "dots" (title（文号）…… page), "own_line" (title …… page, 文号 on the next line) or
    "page_first" (page, then title（文号）); numbers: a format of the page number; header: a running header
    with the gazette's name (odd_header: "section" or "title": odd pages carry the current document's section
    or title instead); cover_page: the cover on a page of its own before the 目录; flow: documents run on without a new page, a document cut by the next one's
    start goes on later with （下转第N页）/（上接第M页） (``continue_after`` paragraphs are moved to the end);
    jumps: the wording of those two marks, and jump_page how their page number is written (str: figures)."""

    def __init__(self, page="A4", columns=1, body=16.0, leading=1.75, toc="dots", numbers="— {} —",
                 header=True, number_align="outer", flow=False, continue_after=None, odd_header=None,
                 cover_page=False,
                 jumps=("（下转第{}页）", "（上接第{}页）"), jump_page=str):
        self.page, self.columns, self.body, self.leading = page, columns, body, leading
        self.toc, self.numbers, self.header, self.number_align = toc, numbers, header, number_align
        self.flow, self.continue_after = flow, continue_after
        self.jumps, self.jump_page = jumps, jump_page
        self.odd_header = odd_header
        self.cover_page = cover_page


def gazette_pdf(path, issue: dict, style: GazetteStyle) -> list[int]:
    """A whole gazette issue from text.  ``issue``: gazette, year, number, and documents, each with section,
    toc_title, title, doc_number, issuer, paragraphs (addressee, body, signature and date lines in reading
    order, as a reader sees them) and chronicle (title only, no masthead).  Set twice: the first pass learns
    the page each document starts on.  Returns those pages and {document index: page its rest goes on}."""
    import io
    starts, tails = _gazette_pass(io.BytesIO(), issue, style, None, {})
    for _ in range(3):      # page numbers in the 目录 and markers can move what follows: set until stable
        again = _gazette_pass(io.BytesIO(), issue, style, starts, tails)
        if again == (starts, tails):
            break
        starts, tails = again
    _gazette_pass(path, issue, style, starts, tails)
    return starts, tails


def _gazette_pass(path, issue, style, starts, tails):
    g = Gongwen(path, style.page, page_numbers=style.numbers, first_number=1)
    g.body, g.lead = style.body, style.body * style.leading
    g.number_align = style.number_align
    docs = issue["documents"]
    g.page_numbers = None                 # cover and 目录 unnumbered; they count in the page sequence
    g.gap(1)
    g.line(issue["gazette"], 30.0, "center", color=RED, advance=30 * 1.8)
    g.line(f"{issue['year']}年第{issue['number']}期", 16.0, "center", advance=16 * 2)
    g.rule()
    if style.cover_page:                  # the cover alone on its page, the 目录 on the next
        g.new_page()
        g.number_this_page = False
    g.line("目　　录", 22.0, "center", advance=22 * 1.8)
    size = 12.0 if style.body < 14 else 14.0
    per_line = int((g.right - g.left) // size) - 4
    pitch = size * 1.9
    section = None
    for d, pno in zip(docs, starts or [0] * len(docs)):
        if d["section"] != section:
            section = d["section"]
            g.line(section, size + 2, "left", advance=pitch * 1.2)
        title, num = d["toc_title"], d.get("doc_number")
        if style.toc == "page_first":
            head = f"{title}（{num}）" if num else title
            width = per_line - 4
            pieces = [head[k:k + width] for k in range(0, len(head), width)]
            g.c.setFont(FONT, size)
            g.c.drawString(g.left, g._baseline(size), str(pno))
            for piece in pieces:
                g.line(piece, size, "left", indent=4, advance=pitch)
            continue
        own = style.toc == "own_line" and bool(num)
        head = f"{title}（{num}）" if num and not own else title
        pieces = [head[k:k + per_line] for k in range(0, len(head), per_line)]
        for piece in pieces[:-1]:
            g.line(piece, size, "left", advance=pitch)
        last = pieces[-1]
        g.line(last + "…" * (per_line - len(last)), size, "left", advance=pitch)
        g.c.setFont(FONT, size)
        g.c.drawRightString(g.right, g.h - (g.y - pitch + size), str(pno))
        if own:
            g.line(num, size, "left", indent=2, advance=pitch)
    g.c.showPage()
    g.n += 1
    g.page_numbers = style.numbers
    g.y = g.top
    g.number_this_page = True
    g.header = f"{issue['gazette']}　{issue['year']}年第{issue['number']}期" if style.header else None
    current = {}
    if style.header and style.odd_header:
        g.odd_header = lambda: current["doc"][style.odd_header]
    out, pending = [], []
    for k, d in enumerate(docs):
        current["doc"] = d
        if k and not style.flow:
            g.new_page()
        elif k:
            g.columns(1)
            g.gap(1.5)
            g.need(g.lead * 8)
        out.append(g.n)
        paras = list(d["paragraphs"])
        tail = []
        if style.flow and style.continue_after and k + 1 < len(docs) and len(paras) > style.continue_after + 2:
            tail = paras[style.continue_after:]
            paras = paras[:style.continue_after]
        _set_document(g, d, paras, style)
        if tail:
            # the rest of a document cut short: a marker where it stops, one where it goes on
            g.block(style.jumps[0].format(style.jump_page(tails.get(k, 0))), align="right", first_indent=0)
            pending.append((k, d, tail, g.n))
    new_tails = {}
    for k, d, tail, from_page in pending:
        g.columns(1)
        g.gap(1)
        g.need(g.lead * 3)
        new_tails[k] = g.n
        g.block(style.jumps[1].format(style.jump_page(from_page)), align="left", first_indent=0)
        if style.columns > 1:
            g.columns(style.columns)
        for p in tail:
            _para(g, d, p)
    g.end_page()
    g.save()
    return out, new_tails


def _set_document(g, d, paras, style):
    if d.get("chronicle"):
        g.line(d["title"], 22.0 if style.body >= 14 else 18.0, "center", advance=22 * 1.6)
        paras = paras[1:] if paras and paras[0] == d["title"] else paras
    elif d.get("order_number"):
        # a 政府令: <机关>令 and 第N号 over a rule; the 令 text, 签署 and date, then the rules under their own
        # title are among the paragraphs (("title", …) and ("center", …) items)
        g.line(d["issuer"] + "令", 26.0, "center", color=RED, advance=26 * 1.6)
        g.line(d["order_number"], g.body, "center")
        g.rule()
        g.gap(0.5)
    else:
        head = d.get("head", "masthead")
        if head == "masthead":
            names = d.get("issuers") or [d["issuer"]]
            if len(names) == 1:
                g.line(names[0] + "文件", 26.0, "center", color=RED, advance=26 * 1.6)
            else:
                g.masthead(names)
            if d.get("doc_number"):
                g.line(d["doc_number"], g.body, "center")
            g.rule()
        _title(g, d["title"], style)
        if head == "title_first" and d.get("doc_number"):
            # the gazette's own style: no masthead, the 文号 centred under the title (in brackets, with
            # number_brackets)
            num = f"（{d['doc_number']}）" if d.get("number_brackets") else d["doc_number"]
            g.line(num, g.body, "center")
        g.gap(0.5)
    if style.columns > 1:
        g.columns(style.columns)
    for p in paras:
        _para(g, d, p)


def _title(g, title, style):
    tsize = 22.0 if style.body >= 14 else 18.0
    per = int((g.right - g.left) // tsize) - 2
    for k in range(0, len(title), per):
        g.line(title[k:k + per], tsize, "center", advance=tsize * 1.5)


def _para(g, d, p):
    if isinstance(p, tuple):
        # ("title", text): an attached or promulgated text's title; ("center", text): 第一章 总则;
        # ("label", text): 附件 / 附件1 at the left, flush
        how, text = p
        if how == "title":
            g.gap(1)
            _title(g, text, GazetteStyle(body=g.body))
        elif how == "center":
            g.block(text, align="center", first_indent=0)
        else:
            g.block(text, first_indent=0)
        return
    if p.endswith(("：", ":")) and len(p) < 80 and not HEADING.match(p) and p is d["paragraphs"][0]:
        g.block(p, first_indent=0)                                 # 主送
    elif DATE_LINE.match(p) or p in d.get("signatures", ()):
        g.block(p, align="right", indent=2, first_indent=0)        # 署名 and 成文日期
    elif HEADING.match(p) and len(p) < 30:
        g.block(p, size=g.body + 1)                                # a heading on its own line
    else:
        g.block(p)
