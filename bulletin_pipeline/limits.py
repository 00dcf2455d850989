"""Time and memory bounds of a run in this process (`bulletin run`, `bulletin edition`; a batch worker's own)."""
from __future__ import annotations

import contextlib
import os
from typing import Optional


def address_space() -> int:
    """Current virtual memory size of this process in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# seconds until a time limit's alarm that was dropped inside a finaliser is raised again
EXPIRED_REPEAT = 0.05


class RunTimeout(BaseException):
    """The run took longer than its time limit.  A BaseException, like KeyboardInterrupt: the handlers that turn
    one bad page or one bad file into a warning must not swallow it."""


@contextlib.contextmanager
def guard(timeout: Optional[float] = None, memory_mb: Optional[int] = None):
    """Bound a run in this process: after ``timeout`` seconds :class:`RunTimeout` is raised (main thread only),
    and the address space may grow by ``memory_mb`` at most (allocations beyond fail with MemoryError)."""
    import resource
    import signal
    import sys
    import threading
    old_limit = None
    if memory_mb:
        old_limit = resource.getrlimit(resource.RLIMIT_AS)
        want = address_space() + memory_mb * 1024 * 1024
        hard = old_limit[1]
        if hard == resource.RLIM_INFINITY or want <= hard:
            try:
                resource.setrlimit(resource.RLIMIT_AS, (want, hard))
            except (ValueError, OSError):
                old_limit = None
        else:
            old_limit = None
    timed = bool(timeout) and threading.current_thread() is threading.main_thread()
    if timed:
        def _expire(signum, frame):
            raise RunTimeout(f"no result after {timeout:g} s")

        def _dropped(unraisable):
            # the alarm fell inside a finaliser (a generator's close, a __del__), where Python prints the
            # exception and goes on: it is raised again, soon, where it ends the run
            if isinstance(unraisable.exc_value, RunTimeout):
                signal.setitimer(signal.ITIMER_REAL, EXPIRED_REPEAT)
            else:
                old_hook(unraisable)
        old_handler = signal.signal(signal.SIGALRM, _expire)
        old_hook, sys.unraisablehook = sys.unraisablehook, _dropped
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            sys.unraisablehook = old_hook
        if old_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limit)
