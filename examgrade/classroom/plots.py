"""PNG plots of a class for people who would rather look than read: the score histogram
and the difficulty of each part. matplotlib is imported here only (it is slow to import),
with the non-interactive Agg backend, and each PNG is written atomically. Margins are
fixed (the labels are known) rather than measured by `tight_layout`, which draws each
figure once more: half the drawing time."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

from examgrade.classroom.atomic import write_atomic
from examgrade.i18n import Lang, Message

PLOT_NAMES = ("histogram.png", "difficulty.png")


def write_plots(stats: dict[str, Any], out: Path, lang: Lang) -> list[Path]:
    """Write `histogram.png` and `difficulty.png` in `out`; raises ImportError without
    matplotlib (the caller says so and goes on)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    written = []
    edges, counts = stats["histogram"]["edges"], stats["histogram"]["counts"]
    figure = Figure(figsize=(6.4, 3.6), dpi=100)
    axes = figure.add_subplot()
    axes.bar(
        edges[:-1],
        counts,
        width=[b - a for a, b in itertools.pairwise(edges)],
        align="edge",
        color="#4c72b0",
        edgecolor="white",
    )
    axes.set_xlabel(Message("batch.plot_score_axis").render(lang))
    axes.set_ylabel(Message("batch.plot_students_axis").render(lang))
    axes.set_title(Message("batch.plot_histogram_title", {"n": stats["students"]}).render(lang))
    axes.yaxis.get_major_locator().set_params(integer=True)  # students come whole
    figure.subplots_adjust(left=0.11, right=0.97, bottom=0.15, top=0.9)
    written.append(_save(figure, out / PLOT_NAMES[0]))

    parts = [(key, p["difficulty"]) for key, p in stats["parts"].items()]
    width = max(6.4, 0.35 * len(parts) + 1.5)
    figure = Figure(figsize=(width, 3.6), dpi=100)
    axes = figure.add_subplot()
    axes.bar([k for k, _ in parts], [d or 0.0 for _, d in parts], color="#55a868")
    axes.set_ylim(0, 1)
    axes.set_ylabel(Message("batch.plot_difficulty_axis").render(lang))
    axes.set_title(Message("batch.plot_difficulty_title").render(lang))
    axes.tick_params(axis="x", labelrotation=60)
    figure.subplots_adjust(left=1.0 / width, right=1 - 0.25 / width, bottom=0.24, top=0.9)
    written.append(_save(figure, out / PLOT_NAMES[1]))
    return written


def _save(figure: Any, path: Path) -> Path:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    write_atomic(path, buffer.getvalue())
    return path
