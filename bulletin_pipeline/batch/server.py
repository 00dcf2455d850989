"""Imported once by a batch's fork server (``multiprocessing`` forkserver preload): the pipeline is imported
and the domain data built here, so every per-file process forks from a warm, single-threaded interpreter."""
from . import warm

warm()
