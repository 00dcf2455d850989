"""Errors with a short machine code and a one-line human message (what batch and the CLI print)."""
import os
import re


class PipelineError(Exception):
    """A failure of one input that the user can understand without a traceback."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:  # one line, always
        return f"{self.code}: {self.message}".replace("\n", " ")


class InputError(PipelineError):
    """The input file is not something we can read (not a PDF, encrypted, truncated, too large…)."""


class ValidationFailed(PipelineError):
    """An output did not validate against its schema; nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("invalid-output", f"{len(errors)} schema error(s): " + "; ".join(errors[:5]))
        self.errors = errors


class IndexFailed(PipelineError):
    """The issue validated but the knowledge base refused it (locked, full, corrupt); nothing was published."""

    def __init__(self, message: str):
        super().__init__("index", message)


# Characters a file name or a title must never carry raw into a terminal, JSON or XML: C0/C1 controls
# (ESC starts terminal escape sequences), lone surrogates (undecodable bytes kept by surrogateescape)
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def safe_text(s: str) -> str:
    """``s`` with every control character and lone surrogate written as a visible escape (``\\x1b``)."""
    return _UNSAFE_CHARS.sub(_escape_char, s)


def _escape_char(m: "re.Match") -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:       # surrogateescape: the original byte
        o -= 0xDC00
    return "\\x%02x" % o if o <= 0xFF else "\\u%04x" % o


def display_name(name) -> str:
    """A file name (str, bytes or Path) as text that is safe to print and to store.

    The OS hands back bytes; names that are not UTF-8 (GBK from Windows archives) arrive as str with
    surrogate escapes.  They are decoded as GB18030 when that reads them whole, else undecodable bytes are
    shown as ``\\xNN``; control characters are always escaped.
    """
    raw = os.fsencode(name) if not isinstance(name, bytes) else name
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "surrogateescape")
    return safe_text(text)
