"""Stop a computation that runs past its time, where the platform allows it.

Checks are bounded by construction (lengths, depths, exponents, sum ranges), but a
bound can be missed, and a library such as sympy can take its time. In the main thread
on POSIX, `time_box` arms a real-time timer that raises `TimeLimitExceeded` inside the
running code; elsewhere (other threads, Windows) it only measures, and the caller's
deadline between items still applies. Batch grading adds a hard limit per process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager


class TimeLimitExceeded(Exception):
    """Raised inside a computation that ran past its time box."""


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_box(seconds: float) -> Iterator[Callable[[], AbstractContextManager[None]]]:
    """Arm one timer for `seconds` (a whole sheet) and yield `guard`, a context manager
    to put around each computation that may be interrupted (a check). When the time runs
    out inside a guard, `TimeLimitExceeded` is raised there; outside one (the engine's
    own bookkeeping), the next guard raises at once. One timer per sheet rather than per
    item: arming one costs four system calls, a tenth of a cheap check."""
    state = {"inside": False, "expired": False}

    @contextmanager
    def guard() -> Iterator[None]:
        if state["expired"]:
            raise TimeLimitExceeded
        state["inside"] = True
        try:
            yield
        finally:
            state["inside"] = False

    if seconds <= 0 or not _can_interrupt():
        yield guard
        return

    def expire(signum: int, frame: object) -> None:
        state["expired"] = True
        if state["inside"]:
            raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield guard
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
