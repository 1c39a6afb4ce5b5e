"""q2.c: the behaviour of W^t measured from powers, and conditions judged against it."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.checks.condition import judge
from examgrade.solvers.rnn_limits import behaviour_bank, classify_powers

TOL = 1e-9


def rho(w: np.ndarray) -> float:
    return float(max(abs(np.linalg.eigvals(w))))


def sigma(w: np.ndarray) -> float:
    return float(np.linalg.norm(w, 2))


class TestBehaviourFromPowers:
    @pytest.mark.parametrize(
        "matrix,expected",
        [
            (np.diag([0.9, 0.1]), "vanishes"),
            (np.array([[0.9, 5.0], [0.0, 0.8]]), "vanishes"),  # ||W||_2 > 1 > rho: transient growth
            (np.diag([1.1, 0.1]), "explodes"),
            (np.diag([-1.2, 0.1]), "explodes"),  # a negative eigenvalue beyond -1
            (np.array([[1.0, 1.0], [0.0, 1.0]]), "grows_polynomially"),  # Jordan block at 1
            (np.diag([-1.0, 0.5]), "bounded"),  # oscillates
            (np.array([[0.0, -1.0], [1.0, 0.0]]), "bounded"),  # rotation
        ],
    )
    def test_classify(self, matrix: np.ndarray, expected: str) -> None:
        assert classify_powers(matrix)[0] == expected

    def test_bank_covers_every_case_the_issue_names(self) -> None:
        behaviours = {m.id: m.behaviour for m in behaviour_bank()}
        assert {"vanishes", "explodes", "bounded", "grows_polynomially"} <= set(behaviours.values())
        nonnormal = next(m for m in behaviour_bank() if m.id == "nonnormal-contracting")
        assert sigma(nonnormal.matrix) > 1 > rho(nonnormal.matrix)
        assert nonnormal.behaviour == "vanishes"

    def test_bank_agrees_with_the_spectral_radius_away_from_the_edge(self) -> None:
        for m in behaviour_bank():
            r = rho(m.matrix)
            if r < 1 - 1e-6:
                assert m.behaviour == "vanishes", m.id
            elif r > 1 + 1e-6:
                assert m.behaviour == "explodes", m.id


@pytest.mark.parametrize(
    "name,predicate,behaviour,verdict,counterexample",
    [
        ("rho < 1", lambda w: rho(w) < 1 - TOL, "vanishes", "exact", None),
        ("rho > 1", lambda w: rho(w) > 1 + TOL, "explodes", "exact", None),
        ("||W||_2 < 1", lambda w: sigma(w) < 1 - TOL, "vanishes", "sufficient", "nonnormal"),
        ("||W||_2 > 1", lambda w: sigma(w) > 1 + TOL, "explodes", "necessary", "nonnormal"),
        ("rho > 1 for vanishing", lambda w: rho(w) > 1 + TOL, "vanishes", "swapped", None),
        ("rho <= 1", lambda w: rho(w) <= 1 + TOL, "vanishes", "necessary", None),
        ("rho >= 1", lambda w: rho(w) >= 1 - TOL, "explodes", "necessary", None),
        (
            "eigenvalues < 1 without |.|",
            lambda w: max(np.linalg.eigvals(w).real) < 1 - TOL,
            "vanishes",
            "necessary",
            "diagonal",
        ),
        ("entries < 1", lambda w: abs(w).max() < 1 - TOL, "vanishes", "wrong", None),
    ],
)
def test_judge_conditions(name, predicate, behaviour, verdict, counterexample) -> None:
    bank = behaviour_bank()
    judgement = judge([predicate(m.matrix) for m in bank], behaviour, bank)
    assert judgement.verdict == verdict, name
    if counterexample:
        assert judgement.counterexample is not None
        assert judgement.counterexample.id.startswith(counterexample)
