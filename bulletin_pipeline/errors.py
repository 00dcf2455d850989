"""Errors with a short machine code and a one-line human message (what batch and the CLI print)."""


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
