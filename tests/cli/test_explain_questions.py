"""`examgrade explain qN` for every question, in English, French and both: the worked
examples carry the solvers' intermediate values, and free-text parts list the key ideas
and known mistakes of the answer key."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.explain import explain_question
from examgrade.i18n import Lang

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})

# A value of the worked example that only a correct computation prints (short tokens:
# rich wraps lines but never inside a word).
KEY_VALUES = {
    "q1": "25",
    "q2": "-0.744]",  # h_3 of the small RNN, unrolled by the solver
    "q3": "Adagrad",
    "q4": "REINFORCE",
    "q5": "0.698",  # CAE penalty = weight decay on the small encoder
    "q6": "-1.76009)",  # the right-hand side on the first model with q summing to 1.7
    "q7": "-2.525,",  # grad_w L by finite differences
    "q8": "0.6106]",  # P(x_i = 1 | y, z) enumerated
}
FRENCH = {"q2": "Bord", "q3": "Idées clés", "q6": "somme 1,7", "q8": "énumérée"}


@pytest.mark.parametrize("lang", ["en", "fr", "both"])
@pytest.mark.parametrize("question", sorted(KEY_VALUES))
def test_explain_runs_for_every_question_and_language(question: str, lang: str) -> None:
    result = runner.invoke(app, ["explain", question, "--lang", lang])
    assert result.exit_code == 0, result.output
    value = KEY_VALUES[question]
    if lang != "fr":
        assert value in result.stdout
    if lang != "en":  # a French reader's decimal comma, the items cut by semicolons
        assert value.replace(".", ",").replace(",\n", "").rstrip(",") in result.stdout
        assert "[1.4, -0.2]" not in result.stdout or lang == "both"
    if lang != "en" and question in FRENCH:
        assert FRENCH[question] in result.stdout


def texts(rubrics, question: str, lang: Lang) -> str:
    """Every sentence of an explanation, as one string (no terminal wrapping)."""
    explanation = explain_question(rubrics.questions[question])
    out = []
    for part in explanation.parts:
        for item in part.items:
            pieces = [item.answer, *item.steps, *item.notes, *(m.feedback for m in item.mistakes)]
            out += [p.render(lang) for p in pieces if p is not None]
    return "\n".join(out)


class TestWorkedValues:
    def test_q2_unrolls_t_1_2_3_and_checks_the_closed_form(self, rubrics) -> None:
        text = texts(rubrics, "q2", "en")
        for line in (
            "gives h_1 = [1.4, -0.2]",
            "gives h_2 = [2.76, 0.58]",
            "h_3 = [0.596, -0.744]",
        ):
            assert line in text
        assert (
            "Closed form W^t h_0 + Σ_{k=1}^{t} W^{t−k} (U x_k + b) at t = 3: [0.596, -0.744]"
            in text
        )

    def test_q2_jacobian_is_w_cubed_not_its_transpose(self, rubrics) -> None:
        text = texts(rubrics, "q2", "en")
        assert "W^3 = [[0.097, 0.118], [-0.059, 0.038]]" in text
        assert "(W^T)^3 differs by 1.8e-01" in text

    def test_q2c_covers_the_edge_and_h_t_itself(self, rubrics) -> None:
        text = texts(rubrics, "q2", "en")
        assert "Jordan block [[1, 1], [0, 1]]: ||W^t||_2 = 1.62, 5.19, 20, 100, 400" in text
        assert "eigenvalue −1" in text and "oscillates" in text
        assert "(I − W)^{−1}(U x + b) = [2.25, 0.125]" in text  # J is not h_t
        assert "Answer: rho(W) < 1" in text and "Answer: rho(W) > 1" in text

    def test_q5_measured_jacobians(self, rubrics) -> None:
        text = texts(rubrics, "q5", "en")
        assert "weight decay λ Σ W_ij^2 = 0.698" in text
        assert "diag(1[W x + b > 0]) W = [[1, -2, 0.5], [0, 0, 0]]" in text

    def test_q6_values_each_line_of_the_proof(self, rubrics) -> None:
        text = texts(rubrics, "q6", "fr")
        assert "1. log p(x) = -1,03535 (q de somme 1,7 : -1,03535)" in text
        bayes = "3. E_{q(z|x)}[log p(x,z) - log p(z|x)] = -1,03535 (q de somme 1,7 : -1,76009)"
        assert bayes in text
        assert "KL(q(z|x) || p(z|x)) = -1,03535" in text

    def test_q7_gradient_next_to_its_finite_difference_estimate(self, rubrics) -> None:
        text = texts(rubrics, "q7", "en")
        assert "grad_w L by finite differences of the loss" in text
        assert "gives [-1.134, -2.525, -1.225]" in text

    def test_q8_tiny_machine_conditionals_by_enumeration(self, rubrics) -> None:
        text = texts(rubrics, "q8", "en")
        assert "P(x_i = 1 | y, z) enumerated: [0.9581, 0.6106]" in text
        assert "σ(+...) would give [0.04189, 0.3894]" in text

    @pytest.mark.parametrize(
        "question,idea",
        [
            ("q3", "Adam adds momentum"),
            ("q4", "p_i → 0"),
            ("q6", "approximation gap + amortization gap"),
            ("q7", "packs of m samples"),
            ("q8", "Negative phase as in CD-k"),
        ],
    )
    def test_free_text_parts_list_the_key_ideas(self, rubrics, question: str, idea: str) -> None:
        text = texts(rubrics, question, "en")
        assert "Key ideas of a full answer:" in text
        assert idea in text
