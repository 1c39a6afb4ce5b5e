"""Verdict fields (q6.b, q8.b, q8.c): read in any case and language, graded against
solvers that compute the fact on a model, not against a typed "yes"."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.checks.verdict import read_verdict
from examgrade.engine import grade_sheet
from examgrade.sheet import parse_sheet
from examgrade.solvers import get_solver
from examgrade.solvers.boltzmann_learning import joint_table
from examgrade.solvers.vae import gaussian_kl
from tests.conftest import sheet_text


@pytest.mark.parametrize(
    "text,value",
    [
        ("yes", True),
        ("YES", True),
        ("Oui", True),
        ("true", True),
        ("True.", True),
        ("yes, it can", True),
        ("no", False),
        ("NON", False),
        ("False", False),
        ("non : couplés", False),
        # issue 12: the verdict a sentence commits to, and a one-letter answer
        ("y", True),
        ("it depends, yes", True),
    ],
)
def test_verdict_words(text: str, value: bool) -> None:
    assert read_verdict(text) is value


@pytest.mark.parametrize("text", ["maybe", "peut-être", "yesno", "yes and no", ""])
def test_not_a_verdict(text: str) -> None:
    assert read_verdict(text) is None


def verdict_parts(rubrics, body: str) -> dict:
    report = grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics)
    return {
        f"{q.key}.{p.key}": {i.field: i.outcome for i in p.items}
        for q in report.questions
        for p in q.parts
    }


def test_example_verdicts(rubrics) -> None:
    body = "q6:\n  b:\n    verdict: yes\nq8:\n  b:\n    linear: No\n  c:\n    possible: oui\n"
    parts = verdict_parts(rubrics, body)
    assert parts["q6.b"]["verdict"].status == "correct"
    assert parts["q8.b"]["linear"].status == "correct"
    assert parts["q8.c"]["possible"].status == "correct"


def test_wrong_verdict_gets_the_rubric_feedback_in_french(rubrics) -> None:
    outcome = verdict_parts(rubrics, "q6:\n  b:\n    verdict: non\n")["q6.b"]["verdict"]
    assert outcome.status == "incorrect" and outcome.score == 0
    assert "mean-field n'est optimal que parmi les gaussiennes factorisées" in outcome.feedback[
        0
    ].render("fr")


def test_unreadable_verdict_says_what_is_accepted(rubrics) -> None:
    outcome = verdict_parts(rubrics, "q8:\n  b:\n    linear: blue\n")["q8.b"]["linear"]
    assert outcome.status == "invalid"
    assert "write yes, no, true, false, oui or non" in outcome.feedback[0].render("en")


def test_a_hedge_without_yes_or_no_goes_to_a_person(rubrics) -> None:
    """Issue 12: `maybe` is neither yes nor no; by default its points wait for review."""
    outcome = verdict_parts(rubrics, "q8:\n  b:\n    linear: maybe\n")["q8.b"]["linear"]
    assert outcome.review and outcome.awaiting == 1 and outcome.score == 0
    assert "neither yes nor no" in outcome.feedback[0].render("en")
    assert "ni oui ni non" in outcome.feedback[0].render("fr")


class TestSolversCompute:
    def test_iaf_beats_mean_field_on_a_correlated_posterior(self) -> None:
        solution = get_solver("vae.iaf_vs_mean_field")({})
        assert solution.value is True
        assert "KL(q || p(z|x))" in solution.steps[1].render("en")

    def test_gaussian_kl_is_zero_only_for_equal_gaussians(self) -> None:
        cov = np.array([[1.0, 0.8], [0.8, 1.0]])
        mean = np.zeros(2)
        assert gaussian_kl(mean, cov, mean, cov) == pytest.approx(0.0, abs=1e-12)
        assert gaussian_kl(mean, np.diag([0.36, 0.36]), mean, cov) > 0.3

    def test_joint_table_is_a_boltzmann_distribution(self) -> None:
        weights = np.random.default_rng(0).normal(size=(2, 2, 2))
        joint = joint_table(weights)
        assert joint.sum() == pytest.approx(1.0)
        # x = (1,1), y = (1,0), z = (0,1): E = W[0,0,1] + W[1,0,1]
        ratio = joint[3, 2, 1] / joint[0, 0, 0]
        assert ratio == pytest.approx(np.exp(-(weights[0, 0, 1] + weights[1, 0, 1])))

    def test_marginal_is_not_linear_because_y_and_z_are_coupled(self) -> None:
        solution = get_solver("boltzmann.marginal_is_linear")({})
        assert solution.value is False

    def test_the_solver_says_yes_when_the_latents_are_independent(self) -> None:
        """With W = 0, P(y, z | x) factorizes: the verdict follows the computation."""
        solution = get_solver("boltzmann.marginal_is_linear")({"scale": 0})
        assert solution.value is True

    def test_cd_like_training_raises_the_exact_likelihood(self) -> None:
        solution = get_solver("boltzmann.cd_training_possible")({})
        assert solution.value is True
        assert "→" in solution.steps[0].render("fr")
