"""How long q2.c conditions and q6.a derivations take to grade, per answer (prints figures).

Run: python benchmarks/bench_derivations.py
Each answer is graded through the engine on a one-question sheet, so the figure includes
parsing, evaluation on the 20-matrix bank (conditions) or on 6 + 12 discrete models
(derivations), and the rubric's known mistakes.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from examgrade.engine import grade_sheet
from examgrade.rubric import load_rubrics
from examgrade.sheet import parse_sheet

ROOT = Path(__file__).resolve().parent.parent
STUDENT = 'student:\n  id: "1"\n'
CONDITIONS = ["rho(W) < 1", "1 > rho(W)", "||W||_2 < 1", "0 <= rho(W) < 1", "max(abs(eig(W))) < 1"]
DERIVATION = [
    "log p(x)",
    "E_{q(z|x)}[log p(x)]",
    "E_{q(z|x)}[log p(x,z) - log p(z|x)]",
    "E_{q(z|x)}[log p(x,z) - log q(z|x) + log q(z|x) - log p(z|x)]",
    "E_{q(z|x)}[log (p(x,z)/q(z|x))] - E_{q(z|x)}[log (p(z|x)/q(z|x))]",
]


def timed(rubrics, body: str, repeat: int = 20) -> float:
    sheet = parse_sheet(STUDENT + body, "bench.yaml")
    grade_sheet(sheet, rubrics)  # warm: solvers cached, modules imported
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        grade_sheet(sheet, rubrics)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    for condition in CONDITIONS:
        body = f"q2:\n  c:\n    vanishes_if: '{condition}'\n    explodes_if: '{condition}'\n"
        print(f"q2.c two conditions {condition!r:28} {timed(rubrics, body) * 1000:7.1f} ms")
    steps = "".join(f"      - '{s}'\n" for s in DERIVATION)
    body = "q6:\n  a:\n    steps:\n" + steps
    print(f"q6.a five-step derivation {'':22} {timed(rubrics, body) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
