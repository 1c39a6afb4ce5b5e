"""Benchmark the expression parts (q2.a/b, q5.a/b, q7.b, q8.a): solver time per instance,
and grading time per answer (parse, reference on random instances, known mistakes), for
a correct answer, a known mistake and an unrecognised wrong answer on every item.

Instances come from fixed seeds, so the reference values are measured once per process
(the first student) and reused for the next ones: both figures are printed, for a text
never seen before (a text already judged for the item is looked up, not judged).

    python benchmarks/bench_expression.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from examgrade.checks import get_check
from examgrade.checks.base import CheckContext
from examgrade.engine import Solver
from examgrade.errors import Location
from examgrade.nodes import Scalar
from examgrade.rubric import load_rubrics
from examgrade.solvers import get_solver

X, Y, Z = "sum_{j,k} W_{ijk} y_j z_k", "sum_{i,k} W_{ijk} x_i z_k", "sum_{i,j} W_{ijk} x_i y_j"
ANSWERS = {
    "q2.a": (
        "W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b)",
        "W^t h_0 + sum_{k=1}^{t} W^(t-k) U x_k",
        "W h_0",
    ),
    "q2.b": ("W^t", "(W^T)^t", "2 W^t"),
    "q5.a:jacobian": ("W", "W^T", "2 W"),
    "q5.a:penalty": ("lambda ||W||_F^2", "lambda ||W||_F", "lambda"),
    "q5.b:jacobian": ("diag(1[W x + b > 0]) W", "W", "2 W"),
    "q7.b": ("E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w / ||w||", "E[x_tilde] - E[x]", "w"),
    "q8.a:x_given_yz": (f"sigmoid(-{X})", f"sigmoid({X})", "x_i"),
    "q8.a:y_given_xz": (f"sigmoid(-{Y})", f"sigmoid({Y})", "y_j"),
    "q8.a:z_given_xy": (f"sigmoid(-{Z})", f"sigmoid({Z})", "z_k"),
}


def median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _grade(rubrics, kind, key: str, text: str) -> None:
    question, rest = key.split(".", 1)
    part_key, _, field = rest.partition(":")
    q = rubrics.questions[question]
    part = q.part(part_key)
    item = next(i for i in part.items if i.field == (field or None))
    ctx = CheckContext(q, part, item, q.parameters, Solver(q.parameters))
    kind.grade(Scalar(text, Location("bench.yaml", 1, 1), "'"), ctx)


def main() -> None:
    rubrics = load_rubrics()
    kind = get_check("expression")
    from examgrade.checks.expression import _ASSESSED, _SOLVED, question_context

    for key, texts in ANSWERS.items():  # imports and parsed rubric expressions, once
        for text in texts:
            _grade(rubrics, kind, key, text)
    print("ms per call; 'first' = nothing cached, 'next' = the reference values already measured")
    heads = ["solver", "right:1st", "next", "mistake:1st", "next", "wrong:1st", "next"]
    print(f"{'item':18} " + " ".join(f"{h:>8}" for h in heads))
    for key, texts in ANSWERS.items():
        question, rest = key.split(".", 1)
        part_key, _, field = rest.partition(":")
        q = rubrics.questions[question]
        part = q.part(part_key)
        item = next(i for i in part.items if i.field == (field or None))
        solve = Solver(q.parameters)
        ctx = CheckContext(q, part, item, q.parameters, solve)
        context = question_context(item.options)
        instance = context.draw(np.random.default_rng(0), index=1)
        solver = get_solver(item.solver)({**q.parameters, **item.params}).value
        row = [median_ms(lambda s=solver, i=instance: s(i))]
        for text in texts:
            node = Scalar(text, Location("bench.yaml", 1, 1), "'")

            def fresh(n: Scalar = node, c: CheckContext = ctx) -> None:
                _ASSESSED.clear()  # a text never seen: judged, not looked up
                kind.grade(n, c)

            _SOLVED.clear()  # the first student of a class: every reference measured
            row.append(median_ms(fresh, repeat=1))
            row.append(median_ms(fresh))
        print(f"{key:18} " + " ".join(f"{v:>8.2f}" for v in row))


if __name__ == "__main__":
    main()
