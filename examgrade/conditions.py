"""Judge a student's condition on W against computed behaviour (q2.c).

Given a predicate (the student's `rho(W) < 1` evaluated on a matrix) and the behaviour
it claims to characterise (vanishing or exploding of W^t), the bank of matrices decides:

* exact: the condition holds exactly on the matrices that behave so;
* sufficient: whenever it holds the behaviour follows, but some matrices behave so
  without it (counterexample: one of those);
* necessary: the behaviour implies it, but it holds on matrices that do not behave so;
* swapped: it characterises the opposite behaviour (vanish for explode);
* wrong: neither (counterexamples both ways).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from examgrade.solvers.rnn_limits import BankMatrix

Verdict = Literal["exact", "sufficient", "necessary", "swapped", "wrong"]
OPPOSITE = {"vanishes": "explodes", "explodes": "vanishes"}


@dataclass(frozen=True)
class ConditionJudgement:
    verdict: Verdict
    counterexample: BankMatrix | None = None  # the matrix that shows what is missing


def judge(
    predicate: Callable[[np.ndarray], bool], behaviour: str, bank: Sequence[BankMatrix]
) -> ConditionJudgement:
    holds = [bool(predicate(m.matrix)) for m in bank]
    target = [m.behaviour == behaviour for m in bank]
    opposite = [m.behaviour == OPPOSITE.get(behaviour) for m in bank]
    if holds == target:
        return ConditionJudgement("exact")
    if holds == opposite:
        return ConditionJudgement("swapped", _first(bank, holds, target, True, False))
    not_sufficient = _first(bank, holds, target, True, False)  # holds, yet no such behaviour
    not_necessary = _first(bank, holds, target, False, True)  # behaves so, yet it fails
    if not_sufficient is None:
        return ConditionJudgement("sufficient", not_necessary)
    if not_necessary is None:
        return ConditionJudgement("necessary", not_sufficient)
    return ConditionJudgement("wrong", not_sufficient)


def _first(
    bank: Sequence[BankMatrix], holds: list[bool], target: list[bool], h: bool, t: bool
) -> BankMatrix | None:
    return next((m for m, a, b in zip(bank, holds, target, strict=True) if a == h and b == t), None)
