"""The class's PNG plots, drawn by a child process that starts with the batch.

Drawing costs the best part of a second, most of it importing matplotlib: done after
the grading, it was the last thing a run waited for. Where fork exists, a child is
started before the sheets are graded; told the grading is done (`prepare`), it imports
matplotlib while the batch gathers the class (not during the grading: its ~45 MB would
add to the workers' at the moment all processes together peak); it receives the
class's statistics once they are known, draws the PNGs into a hidden folder of the
output folder, and `finish` moves them into place at their turn among the class files.
Plots showing what they showed last run are not drawn again. Should the child fail, the
batch's process draws them itself, so that an error shows as it is; without matplotlib
there are no plots and the summary says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import shutil
import sys
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from examgrade.classroom.cache import GradeStore
from examgrade.i18n import Lang
from examgrade.signals import child_defaults

_NO_MATPLOTLIB = 3  # exit code of the drawing process
_PREPARE = "prepare"  # to the drawing process: import matplotlib now


class PlotDrawer:
    """Start it before grading (`PlotDrawer(out, lang)`), give it the statistics with
    `begin`, collect the plots with `finish`, and always `close` it."""

    def __init__(self, out: Path, lang: Lang) -> None:
        from examgrade.classroom.plots import PLOT_NAMES

        self.out, self.lang, self.names = out, lang, PLOT_NAMES
        self.existing = [out / name for name in PLOT_NAMES]
        self.process: Any = None
        self.conn: Connection | None = None
        self.staging: Path | None = None
        self.stats: dict[str, Any] | None = None
        self.key: str | None = None
        self.store: GradeStore | None = None
        self.unchanged = False
        if "fork" in multiprocessing.get_all_start_methods():
            self.staging = Path(tempfile.mkdtemp(prefix=".plots-", dir=out))
            context = multiprocessing.get_context("fork")
            for stream in (sys.stdout, sys.stderr):  # nothing buffered is printed twice
                stream.flush()
            parent, child = context.Pipe()
            self.process = context.Process(
                target=_draw_child, args=(child, self.staging, lang), daemon=True
            )
            self.process.start()
            child.close()
            self.conn = parent

    def prepare(self) -> None:
        """The grading is done: the child imports matplotlib now, while the batch gathers
        the class, so that it is ready when the statistics come."""
        if self.conn is not None:
            with contextlib.suppress(OSError):  # the child is gone: see `finish`
                self.conn.send(_PREPARE)

    def begin(self, stats: dict[str, Any], stats_text: str, store: GradeStore) -> None:
        """Draw these statistics, unless the plots in place show them already."""
        self.stats, self.store = stats, store
        self.key = hashlib.sha256(f"{self.lang}\0{stats_text}".encode()).hexdigest()
        self.unchanged = store.meta("plots") == self.key and all(p.is_file() for p in self.existing)
        self._send(None if self.unchanged else stats)

    def finish(self) -> list[Path] | None:
        """The plots in place (None without matplotlib), once `begin` was called."""
        assert self.stats is not None and self.store is not None and self.key is not None
        if self.unchanged:
            return self.existing
        if self.process is not None and self.staging is not None:
            self.process.join()
            if self.process.exitcode == _NO_MATPLOTLIB:
                return None
            if self.process.exitcode == 0:
                for name in self.names:
                    os.replace(self.staging / name, self.out / name)
                self.store.set_meta("plots", self.key)
                return self.existing
        try:  # no fork, or the child failed: here, so that an error shows as it is
            from examgrade.classroom.plots import write_plots

            written = write_plots(self.stats, self.out, self.lang)
        except ImportError:
            return None
        self.store.set_meta("plots", self.key)
        return written

    def close(self) -> None:
        """Stop the child if it still runs (nothing to draw, or the batch was
        interrupted); no folder left."""
        if self.process is not None:
            self._send(None)
            self.process.join(timeout=0.5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _send(self, stats: dict[str, Any] | None) -> None:
        if self.conn is None:
            return
        with contextlib.suppress(OSError):  # the child is gone (no matplotlib): see `finish`
            self.conn.send(stats)
        self.conn.close()
        self.conn = None


def _draw_child(conn: Connection, staging: Path, lang: Lang) -> None:
    """In the drawing process: import matplotlib once the grading is done (`prepare`),
    then draw the statistics received into `staging`; the exit code says how it went."""
    child_defaults()  # Ctrl-C and SIGTERM are the batch's to handle (examgrade.signals)
    try:
        stats = conn.recv()
        if stats == _PREPARE:
            _import_matplotlib()
            stats = conn.recv()
    except (EOFError, OSError):
        sys.exit(0)
    if stats is None:
        sys.exit(0)
    _import_matplotlib()
    try:
        from examgrade.classroom.plots import write_plots

        write_plots(stats, staging, lang)
    except ImportError:
        sys.exit(_NO_MATPLOTLIB)
    except BaseException:  # the batch draws them again and shows the error
        sys.exit(1)


def _import_matplotlib() -> None:
    """The slow import, done before the statistics come; exit when it is not there."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure  # noqa: F401
    except ImportError:
        sys.exit(_NO_MATPLOTLIB)


__all__ = ["PlotDrawer"]
