"""SIGTERM handled as Ctrl-C is (issue 13, item 14).

A TERM signal (a scheduler's timeout, `kill`, a closing terminal session) used to end
`examgrade grade` at once: its forked workers kept waiting on their pipes forever and the
plots' hidden folder stayed in `--out`. Within `sigterm_as_interrupt`, SIGTERM raises
`Terminated`, a KeyboardInterrupt, so the very clean-up Ctrl-C runs happens (workers
stopped, temporary folders removed, nothing half-written in place) and the command exits
with 143 (128 + 15), as a shell reports a process ended by SIGTERM. Children reset it
(`child_defaults`): a worker's clean-up is its parent's.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

EXIT_TERMINATED = 128 + int(signal.SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: raised where Ctrl-C would raise KeyboardInterrupt."""


def _raise(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up
    raise Terminated()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises `Terminated` in the main thread while inside; restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def child_defaults() -> None:
    """In a forked child: Ctrl-C and SIGTERM are the parent's to handle (it stops its
    children itself); a TERM sent to the child alone ends it at once; and the child ends
    with its parent (`_end_with_parent`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()


def _end_with_parent() -> None:
    """Linux: the kernel kills this child when the process that forked it dies. A batch
    killed outright (SIGKILL, the OOM killer) runs no clean-up, and its forked workers
    and plot drawer never saw the end of their pipes: each had inherited its own copy of
    the parent's end (and of its siblings'), so they waited forever, a few hundred MB
    each (issue 17, i17k: found by killing a class mid-run). Elsewhere, nothing."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent.pid:  # it died before the kernel was told
        os._exit(1)


_PR_SET_PDEATHSIG = 1
