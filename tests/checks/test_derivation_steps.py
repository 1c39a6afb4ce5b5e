"""q6.a derivations graded step by step on random discrete models: any correct rewriting
passes, a wrong step is named by its number with both values, a chain keeps the credit of
its valid moves, and a leap from log p(x) to the result earns less than a derivation."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import load_sheet, parse_sheet
from tests.conftest import ANSWERS, sheet_text

LOG_PX = "log p(x)"
E_LOG_PX = "E_{q(z|x)}[log p(x)]"
BAYES = "E_{q(z|x)}[log p(x,z) - log p(z|x)]"
ADD_SUB = "E_{q(z|x)}[log p(x,z) - log q(z|x) + log q(z|x) - log p(z|x)]"
RHS = "E_{q(z|x)}[log (p(x,z)/q(z|x))] - E_{q(z|x)}[log (p(z|x)/q(z|x))]"


def steps_outcome(rubrics, steps: list[str]):
    body = "q6:\n  a:\n    steps:\n" + "".join(f"      - '{s}'\n" for s in steps)
    report = grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q6" for p in q.parts if p.key == "a")
    return next(i.outcome for i in part.items if i.field == "steps")


def english(outcome) -> str:
    return " ".join(t.render("en") for t in outcome.feedback)


def q6a(rubrics, name: str):
    report = grade_sheet(load_sheet(ANSWERS / name), rubrics)
    part = next(p for q in report.questions if q.key == "q6" for p in q.parts if p.key == "a")
    return next(i.outcome for i in part.items if i.field == "steps")


class TestSampleSheets:
    def test_ada_full_marks_on_a_five_step_derivation(self, rubrics) -> None:
        outcome = q6a(rubrics, "ada-en.yaml")
        assert (outcome.score, outcome.status) == (9, "correct"), english(outcome)

    def test_benoit_keeps_a_valid_three_step_latex_derivation(self, rubrics) -> None:
        outcome = q6a(rubrics, "benoit-fr.yaml")
        assert (outcome.score, outcome.status) == (9, "correct"), english(outcome)


@pytest.mark.parametrize(
    "steps",
    [
        [LOG_PX, E_LOG_PX, BAYES, ADD_SUB, RHS],
        [LOG_PX, E_LOG_PX, BAYES, "E_q[log(p(x,z)/q(z|x))] + KL(q(z|x) || p(z|x))"],  # ELBO + KL
        [LOG_PX, "sum_z q(z|x) log p(x)", "\\int q(z|x) log (p(x,z)/p(z|x)) dz", RHS],
        [f"{LOG_PX} = {E_LOG_PX}", f"{E_LOG_PX} = {BAYES}", RHS],  # equations as steps
        [LOG_PX, "E[log p(x,z) - log p(z|x)]", "E_q[log p(x,z) - log q(z|x)] + KL(q||p)"],
        [LOG_PX, E_LOG_PX, BAYES],  # the right-hand side with its log q(z|x) terms cancelled
    ],
    ids=["ada", "elbo+kl", "sum-and-integral", "equations", "short-forms", "log-q-cancelled"],
)
def test_any_correct_rewriting_gets_full_marks(rubrics, steps: list[str]) -> None:
    outcome = steps_outcome(rubrics, steps)
    assert (outcome.score, outcome.status) == (9, "correct"), english(outcome)


class TestWrongStep:
    def test_a_wrong_middle_step_is_pinned_to_its_number(self, rubrics) -> None:
        wrong = "E_{q(z|x)}[log p(x,z) + log p(z|x)]"  # a sign lost in Bayes' rule
        outcome = steps_outcome(rubrics, [LOG_PX, E_LOG_PX, wrong, ADD_SUB, RHS])
        text = english(outcome)
        assert "Step 3 does not follow from step 2" in text
        assert outcome.mistake == "wrong-step"
        # both values on the counterexample model
        assert "step 2 = -" in text and "but step 3 = -" in text
        # one wrong step out of four moves: 9 - 6/4, the rest keeps its credit
        assert outcome.score == pytest.approx(7.5)
        assert outcome.status == "partial"

    def test_the_wrong_kl_direction_is_a_wrong_last_step(self, rubrics) -> None:
        last = "E_q[log(p(x,z)/q(z|x))] + KL(p(z|x) || q(z|x))"
        outcome = steps_outcome(rubrics, [LOG_PX, E_LOG_PX, BAYES, last])
        text = english(outcome)
        assert "Step 4 does not follow from step 3" in text
        assert "is not the identity's right-hand side" in text
        assert outcome.score == pytest.approx(1 + 6 * 2 / 3)

    def test_an_equation_whose_sides_disagree(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [LOG_PX, f"{E_LOG_PX} = E_q[log p(x,z)]", RHS])
        assert "The two sides of step 2 disagree" in english(outcome)


class TestEndpoints:
    def test_stopping_at_log_px_is_not_the_right_hand_side(self, rubrics) -> None:
        """Equal to log p(x) on proper models: only the loose q tells them apart."""
        outcome = steps_outcome(rubrics, [LOG_PX, E_LOG_PX, BAYES, E_LOG_PX, LOG_PX])
        text = english(outcome)
        assert "Step 5, where the chain ends, is not the identity's right-hand side" in text
        assert "q summing to 0.6" in text
        assert outcome.score == pytest.approx(7)

    def test_starting_elsewhere_loses_the_start(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [E_LOG_PX, BAYES, ADD_SUB, RHS])
        assert "Step 1, where the chain starts, is not log p(x)" in english(outcome)
        assert outcome.score == pytest.approx(8)

    def test_a_single_leap_earns_less_than_a_derivation(self, rubrics) -> None:
        leap = steps_outcome(rubrics, [f"{LOG_PX} = {RHS}"])
        also_leap = steps_outcome(rubrics, [LOG_PX, RHS])
        assert leap.score == also_leap.score == pytest.approx(1 + 2 + 1)
        assert leap.mistake == "leap"
        assert "stated rather than derived" in english(leap)


class TestUnreadable:
    def test_an_unreadable_step_costs_its_move_and_is_located(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [LOG_PX, "E_q[log p(x,z) - ", BAYES, RHS])
        text = english(outcome)
        assert "Step 2 cannot be read: s.yaml, line 8, column 13" in text
        assert 0 < outcome.score < 9

    def test_a_name_outside_the_model_is_reported(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [LOG_PX, "E_q[log p(y)]", RHS])
        assert "Step 2 cannot be read" in english(outcome)

    def test_nothing_readable_is_invalid(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, ["E_q[", "log p(x"])
        assert outcome.status == "invalid"


class TestPaperHabits:
    def test_a_step_written_as_a_continuation_with_a_leading_equals(self, rubrics) -> None:
        steps = [LOG_PX, f"= {E_LOG_PX}", f"= {BAYES}", f"  = {RHS}"]
        outcome = steps_outcome(rubrics, steps)
        assert (outcome.score, outcome.status) == (9, "correct"), english(outcome)

    def test_an_error_after_a_leading_equals_is_located_in_the_original_text(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [LOG_PX, "= E_q[log p(x,z) - ", RHS])
        assert "Step 2 cannot be read: s.yaml, line 8, column 15" in english(outcome)

    def test_too_many_steps_are_refused_before_any_work(self, rubrics) -> None:
        outcome = steps_outcome(rubrics, [LOG_PX] * 41)
        assert outcome.status == "invalid"
        assert "41 steps" in english(outcome)


def test_the_rubrics_reference_derivation_gets_full_marks(rubrics) -> None:
    """What `explain q6` shows as the reference is itself a valid chain for the grader."""
    item = next(i for i in rubrics.questions["q6"].part("a").items if i.field == "steps")
    outcome = steps_outcome(rubrics, list(item.options["reference"]))
    assert (outcome.score, outcome.status) == (9, "correct"), english(outcome)


@pytest.mark.parametrize("last", [E_LOG_PX, "E_q[log p(x)] + 0"], ids=["E_q[log p(x)]", "padded"])
def test_stopping_at_log_px_in_disguise_is_not_the_end(rubrics, last: str) -> None:
    """E_q[log p(x)] agrees with the right-hand side even on a loose q; only a model whose
    p(z|x) breaks Bayes' rule tells them apart. (E_q[log p(x,z) - log p(z|x)] is the
    right-hand side with the log q(z|x) terms cancelled: it passes, see the test above.)"""
    outcome = steps_outcome(rubrics, [LOG_PX, E_LOG_PX, BAYES, last])
    assert "equals the right-hand side only through Bayes' rule" in english(outcome)
    assert outcome.score == pytest.approx(7)
