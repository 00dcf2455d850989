"""Names a user chooses between on the command line, importable without loading any stage (`bulletin --help`
stays quick)."""

# the readers of a PDF's text layer: PDFium (pypdfium2) or pdfminer (through pdfplumber); both give the same RawPages
BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfplumber"
