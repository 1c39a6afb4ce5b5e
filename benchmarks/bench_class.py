"""Benchmark `examgrade grade` on synthetic classes, and the start-up of `check`/`--help`.

Prints sheets per second, measured as the wall time of the whole command a teaching
assistant runs (start-up, grading, writing every file, plots when matplotlib is there),
for N = 100, 1,000 and 10,000 sheets with 1 and 2 workers:

- a realistic class (answers repeat the way a real class's do, see `synth_class.py`),
  first run (nothing cached: every sheet graded) and second run (unchanged: cache);
- a class where every answer is distinct (first run only; up to `--distinct-max`
  sheets, 1,000 by default, as it is the slowest);

then the wall time of one `examgrade check` and of `examgrade --help`, each the median
of several runs, and every figure against the issue's target on a 2-core machine.

It runs a snapshot of examgrade and its rubrics copied at the start, so edits made in
the checkout meanwhile neither change the figures nor empty the cache between runs.

    python benchmarks/bench_class.py            # N = 100, 1000, 10000
    python benchmarks/bench_class.py --quick    # N = 100, 1000
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_class import ROOT, write_class

TARGET_REALISTIC = 500.0  # sheets/s, realistic class, 2 cores
TARGET_DISTINCT = 100.0  # sheets/s, every answer distinct
TARGET_CHECK = 0.5  # s, one `examgrade check`
TARGET_HELP = 0.25  # s, `examgrade --help`
COMMAND = [sys.executable, "-m", "examgrade"]
ENV = {**os.environ, "COLUMNS": "200"}
CWD: list[Path] = []  # `python -m` puts the working folder first on sys.path
_CACHED = re.compile(r"(\d+) unchanged \(cached\)")


def snapshot(work: Path) -> None:
    """Run a copy of examgrade (rubrics included) taken now: on PYTHONPATH it comes
    before the editable install."""
    target = work / "snapshot" / "examgrade"
    shutil.copytree(ROOT / "examgrade", target, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rubrics", target / "rubrics", ignore=shutil.ignore_patterns("__p*"))
    ENV["PYTHONPATH"] = str(target.parent)
    CWD.append(target.parent)


def run(args: list[str]) -> tuple[float, str]:
    """Seconds one examgrade command takes, start-up included, and what it printed."""
    started = time.perf_counter()
    where = CWD[0] if CWD else None
    done = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=ENV, cwd=where)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"examgrade {' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def wall(args: list[str]) -> float:
    return run(args)[0]


def median_wall(args: list[str], runs: int) -> float:
    wall(args)  # warm the file cache
    return statistics.median(wall(args) for _ in range(runs))


def ratio(value: float, target: float, higher_is_better: bool) -> str:
    """`target ≥ 500/s: missed, 0.42× the target` or `target ≤ 0.5 s: met, 0.60× it`."""
    if higher_is_better:
        met = "met" if value >= target else "missed"
        return f"target ≥ {target:g}/s: {met}, {value / target:.2f}× the target"
    met = "met" if value <= target else "missed"
    return f"target ≤ {target:g} s: {met}, {value / target:.2f}× the target"


def row(kind: str, n: int, workers: int, label: str, timed: tuple[float, str], target: float):
    seconds, printed = timed
    rate = n / seconds
    found = _CACHED.search(printed)
    cached = f"{found.group(1) if found else '?':>5} cached"
    print(
        f"  {kind:<9} N={n:<6} workers={workers}  {label:<21} {cached}  {seconds:7.2f} s"
        f"  {rate:7.0f} sheets/s  ({ratio(rate, target, True)})",
        flush=True,
    )


def bench_classes(sizes: list[int], workers: list[int], work: Path, distinct_max: int) -> None:
    print("examgrade grade FOLDER --out DIR --workers W  (wall time of the command)")
    for n in sizes:
        kinds = [("realistic", False)] + ([("distinct", True)] if n <= distinct_max else [])
        for kind, distinct in kinds:
            folder = write_class(work / f"{kind}-{n}", n, distinct=distinct)
            for count in workers:
                out = work / f"out-{kind}-{n}-{count}"
                base = ["grade", str(folder), "--out", str(out), "--workers", str(count)]
                target = TARGET_DISTINCT if distinct else TARGET_REALISTIC
                row(kind, n, count, "first run (no cache)", run(base), target)
                if not distinct:
                    row(kind, n, count, "again (cached)", run(base), target)
                shutil.rmtree(out)
            shutil.rmtree(folder)


def bench_startup(runs: int) -> None:
    sheet = str(ROOT / "answers" / "ada-en.yaml")
    check = median_wall(["check", sheet], runs)
    help_ = median_wall(["--help"], runs)
    print(f"examgrade check answers/ada-en.yaml (median of {runs})")
    print(f"  {check:.3f} s  ({ratio(check, TARGET_CHECK, False)})")
    print(f"examgrade --help (median of {runs})")
    print(f"  {help_:.3f} s  ({ratio(help_, TARGET_HELP, False)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1000 only")
    parser.add_argument("--sizes", type=int, nargs="+", help="class sizes (overrides --quick)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=7, help="runs of check and --help")
    parser.add_argument(
        "--distinct-max", type=int, default=1000, help="largest all-distinct class (slowest)"
    )
    args = parser.parse_args()
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 10000])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import matplotlib  # noqa: F401

        plots = "with PNG plots"
    except ImportError:
        plots = "without matplotlib: no plots"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{platform.python_implementation()} {platform.python_version()}, {cores} cores, {plots}")
    print(f"load average before: {load} (other work on the machine slows every figure)")
    with tempfile.TemporaryDirectory(prefix="examgrade-bench-") as work:
        snapshot(Path(work))
        bench_startup(args.runs)
        bench_classes(sizes, args.workers, Path(work), args.distinct_max)
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
