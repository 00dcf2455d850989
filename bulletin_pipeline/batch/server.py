"""Imported once by a batch's fork server (``multiprocessing`` forkserver preload): the pipeline is imported
and the domain data built here, so every per-file process forks from a warm, single-threaded interpreter.

The server dies with the batch first (PR_SET_PDEATHSIG): while it is still warming up it does not watch for
its parent's end, and a batch killed then must not leave it running.

multiprocessing has each process it starts run the batch's main script again (for ``bulletin batch``, the
command line's module and its imports: about 0.15 CPU-s a file) unless the forking process's ``__main__``
already names that script; a per-file process runs only :func:`bulletin_pipeline.batch._child`, which
needs nothing of it.  The batch gives the script's path (``MAIN_ENV``) and the server's ``__main__`` names
it, so the processes forked from here skip it."""
import os
import sys

from . import MAIN_ENV, die_with_parent, warm

die_with_parent()
_main = os.environ.pop(MAIN_ENV, None)     # not inherited further (a per-file process may start others)
if _main:
    sys.modules["__main__"].__file__ = _main
warm()
