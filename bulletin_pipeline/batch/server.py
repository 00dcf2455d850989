"""Imported once by a batch's fork server (``multiprocessing`` forkserver preload): the pipeline is imported
and the domain data built here, so every per-file process forks from a warm, single-threaded interpreter.

The server dies with the batch first (PR_SET_PDEATHSIG): while it is still warming up it does not watch for
its parent's end, and a batch killed then must not leave it running."""
from . import die_with_parent, warm

die_with_parent()
warm()
