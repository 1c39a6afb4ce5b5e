"""How long `examgrade review` takes to open a graded class, and to move to the next item.

    python benchmarks/bench_review.py [--sheets 2000] [--keep DIR]

Makes a synthetic class (`synth_class.py`), grades it once (not timed), then times, in
this process, what the application does before its first screen: read every report,
build the queue (review and invalid items), and start and draw the application at
80×24 (Textual's headless pilot); then moving to the next item 50 times: the
application's own work (`action_next`), and a key press through the pilot until the
screen is repainted (Textual's rendering and the pilot's waits included). The answer
groups are read from the sheets in the background after the first screen, then kept in
the store for the next opening; both times are printed apart. Medians of 5; target:
opening under 1 s, the next item instant.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="Reuse (or make) the class in this folder.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-review-"))
    from synth_class import graded_class

    out = graded_class(base, args.sheets)

    import gc

    from examgrade.classroom.review import class_groups, open_queue, read_groups
    from examgrade.review_app import ReviewApp
    from examgrade.rubric import load_rubrics

    gc.set_threshold(10_000, 50, 100)  # as examgrade.cli.main sets it
    rubrics = load_rubrics(None)
    opened, first, steps, actions, groups = [], [], [], [], []
    for _ in range(5):
        started = time.perf_counter()
        queue = open_queue(out, rubrics, "bench")
        opened.append(time.perf_counter() - started)
        app = ReviewApp(queue, "en", groups=False)

        async def drive(app: ReviewApp = app, started: float = started) -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                first.append(time.perf_counter() - started)
                begin = time.perf_counter()
                for _ in range(50):
                    app.action_next()  # what the application does for `n`
                actions.append((time.perf_counter() - begin) / 50)
                begin = time.perf_counter()
                for _ in range(50):
                    await pilot.press("n")
                await pilot.pause()
                steps.append((time.perf_counter() - begin) / 50)

        asyncio.run(drive())
    started = time.perf_counter()
    found = read_groups(queue.klass)
    groups.append(time.perf_counter() - started)
    started = time.perf_counter()
    class_groups(queue.klass)
    kept = time.perf_counter() - started
    print(f"class: {len(queue.klass.students)} sheets, {len(queue.items)} review/invalid items")
    print(f"open (reports → queue):      {statistics.median(opened):.3f} s")
    print(f"first screen (open + draw):  {statistics.median(first):.3f} s   (floor: 1 s)")
    print(f"next item, the application:  {statistics.median(actions) * 1000:.1f} ms")
    print(f"next item, key to repaint:   {statistics.median(steps) * 1000:.1f} ms (headless pilot)")
    print(f"answer groups from the sheets (background): {groups[0]:.1f} s, {len(found)} groups")
    print(f"answer groups kept in the store (next opening): {kept:.3f} s")


if __name__ == "__main__":
    main()
