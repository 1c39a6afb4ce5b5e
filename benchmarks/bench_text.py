"""Benchmark free-text grading (the `concepts` check kind): ms per answer and per sheet.

Three inputs: the labelled set (tests/data/free_text_labelled.yaml, 239 answers), the two
example sheets (answers/), and a synthetic class (benchmarks/synth_class.py: sentences of
the example sheets picked per student, with typos; `--distinct` adds a sentence per
student). The free-text calls of each sheet are recorded once through the engine, then
replayed: only the `concepts` check is timed, rubrics already loaded.

"cold" empties examgrade.text's caches before each pass (a worker's first sheets);
"warm" is a second pass over the same answers (stems and words already seen, as later in
a class). Figures are medians over `--repeat` passes.

    python benchmarks/bench_text.py [--sheets 100] [--repeat 5] [--profile]
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import examgrade.text as text_package  # noqa: E402
from benchmarks.synth_class import write_class  # noqa: E402
from benchmarks.text_agreement import LABELLED, find_item, load_labelled  # noqa: E402
from examgrade.checks import get_check  # noqa: E402
from examgrade.checks.concepts import ConceptsCheck  # noqa: E402
from examgrade.engine import grade_sheet  # noqa: E402
from examgrade.errors import Location  # noqa: E402
from examgrade.nodes import Scalar  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402
from examgrade.sheet import load_sheet  # noqa: E402

Call = tuple[Any, Any]  # (answer node, check context)


def clear_caches() -> None:
    """Forget what examgrade.text remembers: every lru_cache (stems, folded texts,
    sentences, negations), the items' lexicons with the tokens and sentences they looked
    up, the read options and the outcomes built."""
    import importlib
    import pkgutil

    import examgrade.checks.concepts as concepts
    import examgrade.text.grade as grade
    import examgrade.text.scan as scan

    grade._LEXICONS.clear()
    concepts._READ.clear()
    concepts._OUTCOMES.clear()
    scan._RECENT.clear()

    for info in pkgutil.iter_modules(text_package.__path__):
        module = importlib.import_module(f"examgrade.text.{info.name}")
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and not isinstance(value, type):  # not a class
                value.cache_clear()


def recorded_calls(rubrics, paths: list[Path]) -> list[list[Call]]:
    """Each sheet's `concepts` calls (node, context), caught while the engine grades it."""
    calls: list[Call] = []
    original = ConceptsCheck.grade

    def spy(self, answer, ctx):
        calls.append((answer, ctx))
        return original(self, answer, ctx)

    ConceptsCheck.grade = spy  # type: ignore[method-assign]
    try:
        per_sheet = []
        for path in paths:
            calls = []
            grade_sheet(load_sheet(path), rubrics)
            per_sheet.append(calls)
    finally:
        ConceptsCheck.grade = original  # type: ignore[method-assign]
    return per_sheet


def labelled_calls(rubrics) -> list[list[Call]]:
    """The labelled set's answers, one call each, as the engine would make them."""
    from examgrade.checks.base import CheckContext

    calls = []
    for key, entry in load_labelled(LABELLED).items():
        question = rubrics.questions[key.partition(".")[0]]
        item = find_item(rubrics, key)
        part = next(p for p in question.parts if item in p.items)
        ctx = CheckContext(question, part, item, question.parameters, lambda *a: None)
        for answer in entry["answers"]:
            calls.append([(Scalar(answer["text"], Location("labelled", 1, 1)), ctx)])
    return calls


def timed(sheets: list[list[Call]], cold: bool, repeat: int) -> tuple[float, float]:
    """(ms per answer, ms per sheet), medians over passes."""
    kind = get_check("concepts")
    answers = sum(len(s) for s in sheets)
    passes = []
    if not cold:
        for calls in sheets:  # a first pass fills the caches
            for answer, ctx in calls:
                kind.grade(answer, ctx)
    for _ in range(repeat):
        if cold:
            clear_caches()
        start = time.perf_counter()
        for calls in sheets:
            for answer, ctx in calls:
                kind.grade(answer, ctx)
        passes.append(time.perf_counter() - start)
    total = statistics.median(passes) * 1e3
    return total / answers, total / len(sheets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100, help="synthetic sheets per class")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the labelled set")
    args = parser.parse_args()
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    inputs = {"labelled set": labelled_calls(rubrics)}
    examples = sorted((ROOT / "answers").glob("*.yaml"))
    inputs["example sheets"] = recorded_calls(rubrics, examples)
    with tempfile.TemporaryDirectory() as tmp:
        for distinct in (False, True):
            name = "synthetic, distinct" if distinct else "synthetic, realistic"
            folder = write_class(Path(tmp) / name.replace(", ", "-"), args.sheets, distinct)
            inputs[name] = recorded_calls(rubrics, sorted(folder.glob("*.yaml")))
    print(f"{'input':<22} {'sheets':>6} {'answers':>7}  {'ms/answer':>16}  {'ms/sheet':>16}")
    print(f"{'':<22} {'':>6} {'':>7}  {'cold':>8}{'warm':>8}  {'cold':>8}{'warm':>8}")
    for name, sheets in inputs.items():
        cold = timed(sheets, True, args.repeat)
        warm = timed(sheets, False, args.repeat)
        count = sum(len(s) for s in sheets)
        label = "(1 a sheet)" if name == "labelled set" else ""
        print(
            f"{name:<22} {len(sheets):>6} {count:>7}  {cold[0]:>8.3f}{warm[0]:>8.3f}  "
            f"{cold[1]:>8.2f}{warm[1]:>8.2f} {label}"
        )
    if args.profile:
        clear_caches()
        profiler = cProfile.Profile()
        profiler.enable()
        timed(inputs["labelled set"] + inputs["synthetic, distinct"], True, 1)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
