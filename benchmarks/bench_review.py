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
opening under 1 s, the next item instant. The opening is also timed as a person sees it:
a fresh Python process that imports what `examgrade review` imports, opens the class and
draws its first screen, beside `python -c pass` started the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


#: What `examgrade review DIR` does up to its first screen, in a fresh process.
_FRESH = """
import asyncio, gc, sys
from pathlib import Path
gc.set_threshold(10_000, 50, 100)
import examgrade.cli  # the command line the real command goes through (typer, rich)
from examgrade.classroom.review import open_queue
from examgrade.review_app import ReviewApp
from examgrade.rubric import load_rubrics
app = ReviewApp(open_queue(Path(sys.argv[1]), load_rubrics(None), "bench"), "en", groups=False)
async def drive():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print("drawn", flush=True)
asyncio.run(drive())
"""


def fresh_process(args: list[str]) -> float:
    """Seconds from starting a Python process to its first line on stdout."""
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        child.stdout.readline()
        elapsed = time.perf_counter() - started
        child.wait()
    return elapsed


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
    fresh = statistics.median(fresh_process(["-c", _FRESH, str(out)]) for _ in range(5))
    floor = statistics.median(fresh_process(["-c", "print(1)"]) for _ in range(5))
    shown = f"{fresh:.3f} s   (Python's own start-up: {floor:.3f} s; floor: 1 s)"
    print(f"first screen from a fresh process: {shown}")
    print(f"answer groups from the sheets (background): {groups[0]:.1f} s, {len(found)} groups")
    print(f"answer groups kept in the store (next opening): {kept:.3f} s")


if __name__ == "__main__":
    main()
