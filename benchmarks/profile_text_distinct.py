"""Free text on answers never seen before: CPU per sheet, and where it goes (issue 17).

A class of all-distinct sheets (`synth_class.write_class(distinct=True)`) is graded once
through the engine to record its `concepts` calls; then, per pass, examgrade.text's
caches are emptied, the first `--warm` sheets are graded (the memos warm on other
sheets, as in a worker), and the next `--sheets` are timed (CPU, `process_time`) or
profiled. This is the distinct path alone: no sheet timed repeats an answer.

    python benchmarks/profile_text_distinct.py [--sheets 300] [--warm 50] [--repeat 5]
    python benchmarks/profile_text_distinct.py --profile [--sort tottime]
    python benchmarks/profile_text_distinct.py --new [--profile]

`--new` (issue 17, i17t3): a realistic class (`write_class(distinct=False)`: the example
sheets' sentences picked per student, with typos), each timed sheet graded once with
every memo of a sentence or an answer emptied before it (`forget_sentences`: the
`recurring` memos of `_chunk`, `_counts` and `segments` with their first sights, each
lexicon's scanned sentences, the soft bags' read ones, `expand`'s, the engine's
outcomes): what a worker pays for answers whose sentences it has never seen, the plans,
lexicons' words, stems and rubric readings built (by the `--warm` sheets). Beside it, its
floor: `normalize.parse` of the same answers alone, the same memos emptied. Only the
grading is timed, not the emptying.

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


def forget_sentences() -> None:
    """Empty every memo keyed by a sentence or an answer, keep those of items and words."""
    import examgrade.checks.concepts as concepts
    import examgrade.text.grade as grade
    import examgrade.text.match as match
    import examgrade.text.normalize as normalize
    import examgrade.text.scan as scan
    import examgrade.text.subjects as subjects
    from examgrade.per_object import Seen

    for memo in (normalize._chunk, grade._counts, subjects.segments):
        memo.cache_clear()
    for plan, lexicon in grade._LEXICONS.values():
        lexicon.scanned.clear()
        if "bags" in vars(plan):  # the soft hints' sentences read
            plan.bags.memory.clear()
    scan._RECENT.clear()
    scan._SEEN = Seen(scan.SEEN_SLOTS)
    normalize.expand.cache_clear()
    normalize._tokens.cache_clear()
    concepts._OUTCOMES.clear()
    match._NEGATED.clear()


def _new_pass(sheets: list[list[Call]], floor: bool) -> float:
    """CPU ms of grading (or, `floor`, of parsing) each sheet with the memos emptied."""
    from examgrade.text.normalize import parse

    kind = get_check("concepts")
    total = 0.0
    for calls in sheets:
        forget_sentences()
        start = time.process_time()
        for answer, ctx in calls:
            if floor:
                parse(getattr(answer, "text", ""))
            else:
                kind.grade(answer, ctx)
        total += time.process_time() - start
    return total * 1e3


def _new(args: argparse.Namespace, rubrics) -> None:
    """`--new`: a realistic class's sheets, each as if its sentences were new."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_class(Path(tmp) / "realistic", args.warm + args.sheets, distinct=False)
        sheets = recorded_calls(rubrics, sorted(folder.glob("*.yaml")))
    warm, timed = sheets[: args.warm], sheets[args.warm :]
    answers = sum(len(s) for s in timed)
    clear_caches()
    _grade(warm)
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        kind = get_check("concepts")
        for calls in timed:
            forget_sentences()
            profiler.enable()
            for answer, ctx in calls:
                kind.grade(answer, ctx)
            profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(45)
        return
    passes, floors = [], []
    for _ in range(args.repeat):  # alternated: the floor of the same minute
        passes.append(_new_pass(timed, False))
        floors.append(_new_pass(timed, True))
    median, floor = statistics.median(passes), statistics.median(floors)
    print(
        f"{len(timed)} realistic sheets ({answers} free-text answers), sentences new: "
        f"CPU median {median / len(timed):.2f} ms a sheet, {median / answers:.3f} ms an "
        f"answer; floor (parse alone) {floor / answers:.3f} ms an answer, "
        f"ratio {median / floor:.1f} (passes: {', '.join(f'{p / answers:.3f}' for p in passes)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=300, help="sheets timed")
    parser.add_argument("--warm", type=int, default=50, help="sheets graded first")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile one pass")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--new", action="store_true", help="realistic, sentences never seen")
    args = parser.parse_args()
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    if args.new:
        _new(args, rubrics)
        return
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
