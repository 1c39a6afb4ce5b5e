"""Benchmark the math language: parse and check time per expression, and the equivalence
checker on the shared conformance set against sympy `simplify` measured in the same run.

Prints:
- parse time per expression (every expression of the conformance set, free mode);
- check time per pair (free mode) and per expression in a question context (q2.a
  against the unrolled recursion, q8.a against enumeration);
- the conformance share right, false accepts, false rejects, undecided and total time,
  for examgrade and for sympy `simplify(a - b) == 0` on the same ASTs (each sympy call in
  its own process, stopped after --sympy-timeout seconds and counted as a time-out);
- grading time per sample sheet, when the sheets are there.

    python benchmarks/bench_mathlang.py                 # about two minutes (sympy)
    python benchmarks/bench_mathlang.py --no-sympy      # seconds
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "equivalence.tsv"


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"median {statistics.median(ordered) * 1e3:.2f} ms, p95 {p95 * 1e3:.2f} ms, "
        f"max {ordered[-1] * 1e3:.1f} ms over {len(ordered)}"
    )


def _rows() -> list[dict[str, str]]:
    with CONFORMANCE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _score(verdicts: list[str], rows: list[dict[str, str]]) -> dict[str, int]:
    counts = {"right": 0, "false_accepts": 0, "false_rejects": 0, "undecided": 0}
    for verdict, row in zip(verdicts, rows, strict=True):
        got = {"equal": "1", "different": "0"}.get(verdict)
        if got == row["expected"]:
            counts["right"] += 1
        elif got is None:
            counts["undecided"] += 1
        elif got == "1":
            counts["false_accepts"] += 1
        else:
            counts["false_rejects"] += 1
    return counts


def _print_score(name: str, counts: dict[str, int], total: int, seconds: float) -> None:
    share = 100 * counts["right"] / total
    print(
        f"{name:<22} right {counts['right']}/{total} ({share:.1f}%), "
        f"false accepts {counts['false_accepts']}, false rejects {counts['false_rejects']}, "
        f"undecided/time-outs {counts['undecided']}, total {seconds:.2f} s"
    )


def _sympy_worker(a: Any, b: Any, queue: Any) -> None:
    import sympy

    from examgrade.mathlang.to_sympy import to_sympy

    try:
        queue.put(bool(sympy.simplify(to_sympy(a) - to_sympy(b)) == 0))
    except Exception:
        queue.put(None)


def _sympy_verdict(a: Any, b: Any, timeout: float) -> str:
    queue: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_sympy_worker, args=(a, b, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return "undecided"
    result = queue.get() if not queue.empty() else None
    return {True: "equal", False: "different"}.get(result, "undecided")  # type: ignore[arg-type]


def conformance(sympy_timeout: float | None) -> None:
    from examgrade.mathlang.context import free_context
    from examgrade.mathlang.equivalence import equivalent
    from examgrade.mathlang.parser import parse

    rows = _rows()
    ctx = free_context()
    parsed, parse_times = [], []
    for row in rows:
        a, ta = _timed(lambda text=row["student"]: parse(text, None))
        b, tb = _timed(lambda text=row["reference"]: parse(text, None))
        parsed.append((a, b))
        parse_times += [ta, tb]
    equivalent(*parsed[0], ctx)  # imports and caches outside the measure
    verdicts, check_times = [], []
    for a, b in parsed:
        result, seconds = _timed(lambda a=a, b=b: equivalent(a, b, ctx, seed=0))
        verdicts.append(result.verdict)
        check_times.append(seconds)
    print(f"parse, per expression:   {_summary(parse_times)}")
    print(f"check, per pair (free):  {_summary(check_times)}")
    print(f"conformance set: {CONFORMANCE} ({len(rows)} pairs)")
    _print_score("examgrade equivalent", _score(verdicts, rows), len(rows), sum(check_times))
    if sympy_timeout is None:
        return
    start = time.perf_counter()
    simplified = [_sympy_verdict(a, b, sympy_timeout) for a, b in parsed]
    seconds = time.perf_counter() - start
    _print_score(
        f"sympy simplify ({sympy_timeout:g} s)", _score(simplified, rows), len(rows), seconds
    )


def contexts() -> None:
    """Check time per expression in question contexts, against the solvers."""
    from examgrade.checks.expression import question_context
    from examgrade.mathlang.context import Context
    from examgrade.mathlang.equivalence import equivalent
    from examgrade.mathlang.parser import parse
    from examgrade.rubric import load_rubrics
    from examgrade.solvers.boltzmann import conditional
    from examgrade.solvers.rnn import unroll

    rubrics = load_rubrics(None)

    def shipped(question: str, part: str, field: str | None = None) -> Context:
        """The context a shipped rubric item declares: measured as it is graded."""
        item = next(i for i in rubrics.questions[question].part(part).items if i.field == field)
        return question_context(item.options)

    rnn = shipped("q2", "a")
    machine = shipped("q8", "a", "x_given_yz")
    cases = [
        ("q2.a", "W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", rnn, unroll),
        ("q2.a", "W^t h_0 + sum_{k=1}^{t} W^{t-k+1}(U x_k + b)", rnn, unroll),
        ("q8.a", "sigmoid(-sum_{j,k} W_{ijk} y_j z_k)", machine, lambda i: conditional(i, "x")),
    ]
    for part, text, ctx, reference in cases:
        expr, parse_time = _timed(lambda: parse(text, ctx.names()))  # noqa: B023
        times = []
        for seed in range(20):
            result, seconds = _timed(lambda: equivalent(expr, reference, ctx, seed=seed))  # noqa: B023
            times.append(seconds)
        print(
            f"{part} {text!r}: {result.verdict}; parse {parse_time * 1e3:.2f} ms; "
            f"check {_summary(times)}"
        )


def sheets() -> None:
    """Grading time per sample sheet (every part, not only the math language's)."""
    from examgrade.engine import grade_sheet
    from examgrade.rubric import load_rubrics
    from examgrade.sheet import load_sheet

    rubrics = load_rubrics(None)
    for path in sorted((ROOT / "answers").glob("*.yaml")):
        sheet = load_sheet(path)
        grade_sheet(sheet, rubrics)
        times = [_timed(lambda: grade_sheet(sheet, rubrics))[1] for _ in range(3)]  # noqa: B023
        print(f"grade {path.name}: median {statistics.median(times) * 1e3:.0f} ms")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sympy-timeout", type=float, default=5.0)
    options.add_argument("--no-sympy", action="store_true")
    args = options.parse_args()
    if not CONFORMANCE.exists():
        sys.exit(f"the conformance set is not at {CONFORMANCE}")
    conformance(None if args.no_sympy else args.sympy_timeout)
    contexts()
    sheets()


if __name__ == "__main__":
    main()
