"""Ingest: a PDF's text layer and drawn rules as RawPages (pdf.py, through pdfplumber, or pdfium.py), OCR (ocr/)."""

# the readers of a PDF's text layer: PDFium (pypdfium2) or pdfminer (through pdfplumber); both give the same RawPages
BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfplumber"
