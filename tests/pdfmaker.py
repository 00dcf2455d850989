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
