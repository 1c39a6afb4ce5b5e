"""Free text on answers never seen before: CPU per sheet, and where it goes (issue 17).

A class of all-distinct sheets (`synth_class.write_class(distinct=True)`) is graded once
through the engine to record its `concepts` calls; then, per pass, examgrade.text's
caches are emptied, the first `--warm` sheets are graded (the memos warm on other
sheets, as in a worker), and the next `--sheets` are timed (CPU, `process_time`) or
profiled. This is the distinct path alone: no sheet timed repeats an answer.

    python benchmarks/profile_text_distinct.py [--sheets 300] [--warm 50] [--repeat 5]
    python benchmarks/profile_text_distinct.py --profile [--sort tottime]

CPU on a shared machine moves by 10-20% between runs: compare a base and a branch run
side by side (at the same time) or alternated, several times, and quote medians.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_text import Call, clear_caches, recorded_calls  # noqa: E402
from benchmarks.synth_class import write_class  # noqa: E402
from examgrade.checks import get_check  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402


def _grade(sheets: list[list[Call]]) -> None:
    kind = get_check("concepts")
    for calls in sheets:
        for answer, ctx in calls:
            kind.grade(answer, ctx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=300, help="sheets timed")
    parser.add_argument("--warm", type=int, default=50, help="sheets graded first")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile one pass")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    args = parser.parse_args()
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_class(Path(tmp) / "distinct", args.warm + args.sheets, distinct=True)
        sheets = recorded_calls(rubrics, sorted(folder.glob("*.yaml")))
    warm, timed = sheets[: args.warm], sheets[args.warm :]
    answers = sum(len(s) for s in timed)
    passes = []
    for _ in range(1 if args.profile else args.repeat):
        clear_caches()
        _grade(warm)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            _grade(timed)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(40)
            return
        start = time.process_time()
        _grade(timed)
        passes.append((time.process_time() - start) * 1e3)
    median = statistics.median(passes)
    print(
        f"{len(timed)} distinct sheets ({answers} free-text answers) after {len(warm)}: "
        f"CPU median {median / len(timed):.2f} ms a sheet, {median / answers:.3f} ms an "
        f"answer (passes: {', '.join(f'{p / len(timed):.2f}' for p in passes)})"
    )


if __name__ == "__main__":
    main()
