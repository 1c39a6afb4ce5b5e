"""Issue 12: answers read the way students write them. Every example of the issue is
pinned here (all got 0 points before), with the wrong forms that must stay refused,
and the feedback that says how a guessed reading was read, in English and French."""

from __future__ import annotations

import pytest

from examgrade.checks import CheckContext, get_check
from examgrade.engine import Solver
from examgrade.errors import Location
from examgrade.nodes import Scalar
from examgrade.reading import split_sides, strip_remarks, verdict
from examgrade.reading.conditions import condition_text
from examgrade.reading.math import brace_indices, expectation_samples
from examgrade.reading.values import read_value
from examgrade.rubric import load_rubrics

X = "E[x_tilde] - E[x]"
PEN = "2 lambda (||w|| - 1) w / ||w||"


def outcome(rubrics, field: str, text: str):
    """The outcome of one field (`q2.c.vanishes_if`) for one answer text."""
    question_key, part_key, *rest = field.split(".")
    question = rubrics.questions[question_key]
    part = question.part(part_key)
    name = rest[0] if rest else None
    item = next(i for i in part.items if i.field == name)
    ctx = CheckContext(question, part, item, question.parameters, Solver(question.parameters))
    kind = get_check(item.check)
    return item, kind.grade(Scalar(text, Location("s.yaml", 3, 5), "'"), ctx)


@pytest.fixture(scope="module")
def rubrics():
    return load_rubrics()


# (field, answer): each deserves the field's full marks per the key.
RIGHT = [
    # the asked quantity on the left, chains
    ("q2.a", r"h_t = W^t h_0 + \sum_{k=1}^t W^{t-k}(Ux_k+b)"),
    ("q2.b", r"\frac{\partial h_t}{\partial h_0} = W^{t}"),
    ("q2.b", "∂h_t/∂h_0 = Wᵗ"),
    ("q2.b", "J = W^t"),
    ("q2.b", r"J = \prod_{s=1}^{t} \frac{\partial h_s}{\partial h_{s-1}} = \mathbf{W}^t"),
    ("q5.a.jacobian", "dh/dx = W"),
    ("q7.b", rf"\nabla_w L = {X} + {PEN}"),
    ("q8.a.x_given_yz", "P(x_i = 1 | y, z) = σ(−Σ_{j,k} W_{ijk} y_j z_k)"),
    (
        "q8.a.z_given_xy",
        r"P(z_k = 1 \mid x, y) = \frac{1}{1 + \exp(\sum_{i,j} W_{ijk} x_i y_j)}",
    ),
    ("q5.a.penalty", r"\lambda \|\nabla_x h(x)\|_F^2 = \lambda \|W\|_F^2"),
    # words around the answer
    ("q1.a", "256x256 for all layers"),
    ("q1.a", "same as the input (256x256) at each of the 6 layers"),
    ("q1.b", "25x25 pixels (layer by layer: 5, 9, 13, 17, 21, 25)"),
    ("q1.c", "4 on each side"),
    ("q1.c", "4 per side (8 in total per dimension)"),
    ("q1.d", "none"),
    ("q1.d", "no padding"),
    ("q1.d", "zero"),
    ("q1.d", "0 on each side"),
    ("q1.e", "2 (the given padding is already same)"),
    ("q5.a.jacobian", "W (constant, does not depend on x)"),
    ("q2.b", "W^t (U x_k and b do not depend on h_0)"),
    ("q1.d", "aucun"),
    ("q1.c", "4 de chaque côté"),
    ("q1.a", "identique à l'entrée"),
    # working shown
    ("q1.a", "(256 - 5 + 2*2)/1 + 1 = 256"),
    ("q1.b", "1 + 6*(5-1) = 25"),
    ("q1.c", "k - 1 = 4"),
    ("q1.e", "(k-1)/2 = 2"),
    ("q1.c", "p = 4"),
    ("q1.e", "p=2"),
    ("q1.a", "256, 256, 256, 256, 256, 256"),
    # indices without braces
    ("q5.a.penalty", "lambda * sum_i sum_j W_ij^2"),
    ("q8.a.x_given_yz", "sigmoid(-sum_{j,k} W_ijk y_j z_k)"),
    # conditions in notation and in words
    ("q2.c.vanishes_if", "max_i |lambda_i(W)| < 1"),
    ("q2.c.vanishes_if", r"\max_i |\lambda_i| < 1"),
    ("q2.c.vanishes_if", "all eigenvalues of W satisfy |λ| < 1"),
    ("q2.c.vanishes_if", "spectral radius of W < 1"),
    ("q2.c.explodes_if", "at least one eigenvalue of W has modulus > 1"),
    ("q2.c.explodes_if", "rayon spectral de W > 1"),
    ("q2.c.vanishes_if", "toutes les valeurs propres de W sont de module < 1"),
    # verdicts with their reason
    ("q8.c.possible", "Yes (with sampling)"),
    ("q8.c.possible", "yes but approximately"),
    ("q8.c.possible", "it depends, but yes"),
    ("q6.b.verdict", "possibly yes"),
    ("q8.b.linear", "nope"),
    ("q8.c.possible", "y"),
    # expectations written with their distribution
    (
        "q7.b",
        r"\mathbb{E}_{x \sim P_g}[x] - \mathbb{E}_{x \sim P_r}[x] + 2\lambda (\|w\| - 1) w / \|w\|",
    ),
    ("q7.b", f"E_{{x̃ ∼ P_g}}[x̃] - E_{{x ∼ P_r}}[x] + {PEN}"),
    ("q7.b", f"E_{{x ~ p_model}}[x] - E_{{x ~ p_data}}[x] + {PEN}"),
    ("q7.b", f"E_{{z \\sim q}}[z] - E_{{x \\sim P_r}}[x] + {PEN}"),
    # the same classes, other members
    ("q7.b", "E_{x̃~Pg}[x̃] - E_{x~Pr}[x] + 2λ(||w|| - 1) ŵ"),
    ("q2.a", "h_t = W^t h_0 + somme_{k=1}^{t} W^{t-k}(U x_k + b)"),
    ("q2.a", "h_t = W^t h_0 + Σ_{k=1}^{t} W^{t−k} (U x_k + b)   (t ≥ 1)"),
    ("q2.c.vanishes_if", "ρ(W) < 1, i.e. max_i |λ_i| < 1"),
    (
        "q1.a",
        "layer 1: 256x256, layer 2: 256x256, layer 3: 256x256, layer 4: 256x256,"
        " layer 5: 256x256, layer 6: 256x256",
    ),
    ("q1.e", "2 = (k-1)/2"),
    ("q2.b", "W^t = J"),
    ("q8.b.linear", "Not linear (exponential in min(M,K))"),
    # issue 13.4: forms the key accepts
    ("q7.b", rf"2 lambda (||w|| - 1) \hat{{w}} + {X}"),
    ("q5.a.jacobian", "W^T"),
]

# (field, answer): typical mistakes of the key, however they are written: never full marks.
WRONG = [
    ("q2.b", "J = W"),
    ("q2.b", "J = W = W^t"),  # a side that can be computed must agree with the last
    ("q2.a", "h_t = W^t h_0 + sum_{k=1}^t W^{t-k} U x_k + t b"),
    ("q8.a.x_given_yz", "P(x_i = 1 | y, z) = σ(Σ_{j,k} W_ijk y_j z_k)"),
    ("q1.c", "4 in total"),
    ("q1.c", "2 on each side"),
    ("q1.a", "(256 - 5)/1 + 1 = 252"),
    ("q1.b", "1 + 5*4 = 21"),
    ("q1.a", "(256 - 5)/1 + 1 = 256"),  # working that does not hold
    ("q2.c.vanishes_if", "all eigenvalues of W < 1"),  # no modulus
    ("q2.c.explodes_if", "rayon spectral de W < 1"),
    ("q6.b.verdict", "nope"),
    ("q6.b.verdict", "Non, jamais"),
    ("q7.b", f"E_{{x \\sim P_r}}[x] - E_{{x \\sim P_g}}[x] + {PEN}"),
    ("q5.a.penalty", "lambda * sum_i sum_j W_ij"),
    ("q1.c", "4, or 2 if same"),
    ("q2.b", "W (or W^t)"),
    ("q8.b.linear", "linear, like the RBM"),
    # a number inside math is no value of its own (the template's examples found it)
    ("q1.e", r"\exp(-\sum_k a_k^2)"),
    ("q1.e", "a_2"),
    ("q1.e", "2^k"),
    ("q1.e", "2k"),
    ("q1.d", "k^2 - 4k + 4"),
    ("q1.e", "trace(W) >= 2"),
    ("q1.e", "rho(W) < 2"),
]


def test_an_equation_whose_last_side_cannot_be_read_says_where(rubrics) -> None:
    """`h_t = <broken>` is not graded on the name `h_t`: the last side's error, placed."""
    _, result = outcome(rubrics, "q2.a", "h_t = W^t h_0 + sum_{k=1}^{t} W^{t-k} (U x_k + b")
    assert result.status == "invalid"
    assert "column" in result.feedback[0].render("en")


@pytest.mark.parametrize(("field", "text"), RIGHT)
def test_right_forms_get_full_marks(rubrics, field: str, text: str) -> None:
    item, result = outcome(rubrics, field, text)
    assert result.score == item.points, [t.render("en") for t in result.feedback]


@pytest.mark.parametrize(("field", "text"), WRONG)
def test_wrong_forms_do_not(rubrics, field: str, text: str) -> None:
    item, result = outcome(rubrics, field, text)
    assert result.score < item.points


def test_no_internal_message_for_indices_without_braces(rubrics) -> None:
    """`W_ij` read as the feedback writes it: no "W takes 2 index(es)"."""
    _, result = outcome(rubrics, "q5.a.penalty", "lambda sum_{ij} W_ij")
    rendered = " ".join(t.render("en") for t in result.feedback)
    assert "index(es)" not in rendered and result.status == "incorrect"


@pytest.mark.parametrize(
    ("field", "text", "en", "fr"),
    [
        (
            "q2.a",
            "h_t = W^t h_0 + sum_{k=1}^t W^{t-k}(U x_k + b)",
            "read as: h_t = ",
            "lu comme : h_t = ",
        ),
        ("q1.c", "4 de chaque côté", "read as 4 (from '4 de chaque côté')", "lu comme 4"),
        ("q2.c.vanishes_if", "spectral radius of W < 1", "graded: rho(W) < 1", "noté : rho(W) < 1"),
        ("q8.c.possible", "Yes (with sampling)", "read as yes (from", "lu comme oui"),
    ],
)
def test_a_guessed_reading_says_how_it_read(rubrics, field, text, en, fr) -> None:
    _, result = outcome(rubrics, field, text)
    assert any(en in t.render("en") for t in result.feedback)
    assert any(fr in t.render("fr") for t in result.feedback)
    assert result.reading is not None and en in result.reading.render("en")


def test_expression_read_as_names_what_is_graded(rubrics) -> None:
    _, result = outcome(rubrics, "q2.b", "J = W^t")
    assert result.reading.render("en") == "read as: J = W^t; graded: W^t"
    assert result.reading.render("fr") == "lu comme : J = W^t ; noté : W^t"


def test_an_answer_read_as_typed_is_no_guess(rubrics) -> None:
    _, result = outcome(rubrics, "q2.b", "W^t")
    assert result.reading.render("en") == "read as W^t"


def test_sides_that_differ_are_named(rubrics) -> None:
    _, result = outcome(rubrics, "q2.b", "W = W^t")
    assert result.status == "incorrect"
    assert "sides of your equation differ" in result.feedback[0].render("en")
    assert "membres de votre égalité diffèrent" in result.feedback[0].render("fr")


def test_a_hedge_is_graded_as_the_rubric_says(rubrics) -> None:
    """q6.b's key is itself hedged (it can, not guaranteed); elsewhere a person decides."""
    _, result = outcome(rubrics, "q6.b.verdict", "not necessarily")
    assert result.status == "correct" and result.score == 2
    assert "read as yes (from 'not necessarily')" in result.reading.render("en")
    _, result = outcome(rubrics, "q8.c.possible", "it depends")
    assert result.review and result.awaiting == 1 and result.score == 0


class TestReaders:
    """The text-level readers, which know no exam."""

    def test_sides_split_only_at_top_level(self) -> None:
        assert split_sides("P(x_i = 1 | y) = a = b") == ["P(x_i = 1 | y)", "a", "b"]
        assert split_sides("a <= b") == ["a <= b"]

    def test_remarks_in_prose_only(self) -> None:
        assert strip_remarks("W^t (U x_k and b do not depend on h_0)").core == "W^t"
        assert strip_remarks("W^{t-k}(U x_k + b)").core == "W^{t-k}(U x_k + b)"
        assert strip_remarks("W, constant in x").core == "W"

    def test_verdict_sentences(self) -> None:
        assert verdict("it depends, but yes").value is True
        assert verdict("Non, jamais").value is False
        assert verdict("pas forcément").hedge and verdict("pas forcément").value is None
        assert verdict("yes and no").conflict

    def test_values_from_words(self) -> None:
        assert read_value("4 per side (8 in total per dimension)").values == ("4",)
        assert read_value("8 in total").total
        assert read_value("aucun").values == ("0",)

    def test_indices_braced_only_where_they_fit(self) -> None:
        arity = {"W": 2, "x": 1}
        assert brace_indices("sum_i sum_j W_ij^2", arity, frozenset()) == "sum_i sum_j W_{ij}^2"
        assert brace_indices("x_tilde + W_ab", arity, frozenset("ij")) == "x_tilde + W_ab"

    def test_expectation_by_distribution(self) -> None:
        samples = {"x_tilde": ["P_g"], "x": ["P_r"]}
        text = r"\mathbb{E}_{y \sim P_g}\left[y\right] - E_{x∼P_r}[x]"
        assert expectation_samples(text, samples) == "E[x_tilde] - E[x]"

    def test_conditions_in_words(self) -> None:
        assert condition_text("le rayon spectral de W est inférieur à 1") == "rho(W) < 1"
        assert condition_text("all eigenvalues have modulus > 1") == "min(abs(eig(W))) > 1"
        assert condition_text("some eigenvalue has |λ| > 1") == "max(abs(eig(W))) > 1"
        assert condition_text("all eigenvalues < 1") is None


ARGUED = (
    "Not necessarily: the amortization gap of the IAF encoder can exceed the approximation gap."
)


def _q6b_verdict(rubrics, explanation: str, memo=None):
    from examgrade.engine import grade_sheet
    from examgrade.sheet import parse_sheet

    body = f"student: {{id: 1}}\nq6:\n  b:\n    verdict: no\n    explanation: '{explanation}'\n"
    report = grade_sheet(parse_sheet(body, "s.yaml"), rubrics, memo=memo)
    part = next(p for q in report.questions if q.key == "q6" for p in q.parts if p.key == "b")
    return next(i.outcome for i in part.items if i.field == "verdict")


def test_an_argued_no_goes_to_a_person(rubrics) -> None:
    """Issue 13.4: the key also accepts a well-argued "not necessarily" (two gaps)."""
    result = _q6b_verdict(rubrics, ARGUED)
    assert result.review and result.awaiting == 2 and result.score == 0
    assert "a person will grade it" in result.feedback[0].render("en")
    assert "une personne le notera" in result.feedback[0].render("fr")


def test_a_flat_no_stays_wrong_even_after_an_argued_one_with_a_memo(rubrics) -> None:
    from examgrade.memo import OutcomeMemo

    memo = OutcomeMemo()
    assert _q6b_verdict(rubrics, ARGUED, memo).review
    flat = _q6b_verdict(rubrics, "mean field is always better", memo)
    assert not flat.review and flat.awaiting == 0 and flat.status == "incorrect"


def test_validate_says_how_a_guess_was_read(tmp_path) -> None:
    """`examgrade validate` shows what is graded when the reading was a guess, in the
    student's language, and is silent about it for an answer read as typed."""
    from typer.testing import CliRunner

    from examgrade.cli import app

    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "student: {id: 1, lang: fr}\nq2:\n  b: 'J = W^t'\n  c:\n"
        "    vanishes_if: 'rayon spectral de W < 1'\n    explodes_if: 'rho(W) > 1'\n",
        encoding="utf-8",
    )
    result = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"}).invoke(
        app, ["validate", str(sheet)]
    )
    assert result.exit_code == 0, result.output
    assert "lu comme : J = W^t ; noté : W^t" in result.output
    assert "lu comme : rayon spectral de W < 1 ; noté : rho(W) < 1" in result.output
    assert result.output.count("noté") == 2


def test_the_reason_given_with_a_verdict_is_the_explanation(rubrics) -> None:
    """Issue 12: the rest of a verdict sentence goes to the explanation left empty."""
    from examgrade.engine import grade_sheet
    from examgrade.sheet import parse_sheet

    reason = (
        "Yes, but the positive phase P(y,z|x) is not factorial: sample it with a Gibbs"
        " chain with x clamped, then CD-k for the negative phase"
    )
    body = f"student: {{id: 1}}\nq8:\n  c:\n    possible: '{reason}'\n"
    report = grade_sheet(parse_sheet(body, "s.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q8" for p in q.parts if p.key == "c")
    outcomes = {i.field: i.outcome for i in part.items}
    assert outcomes["possible"].status == "correct"
    assert outcomes["explanation"].status != "missing" and outcomes["explanation"].score > 0
    alone = grade_sheet(
        parse_sheet("student: {id: 1}\nq8:\n  c:\n    possible: yes\n", "s"), rubrics
    )
    part = next(p for q in alone.questions if q.key == "q8" for p in q.parts if p.key == "c")
    assert {i.field: i.outcome.status for i in part.items}["explanation"] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 400_000 + "(",  # what a quadratic search would choke on
        "(" * 50_000 + "W" + ")" * 50_000,
        "yes " * 100_000,
        "W_ij " * 100_000,
    ],
)
def test_the_readers_leave_a_huge_text_as_typed(rubrics, text: str) -> None:
    """A hostile sheet's 800 kB field is not read: the checks refuse it as too long."""
    assert split_sides(text) == [text]
    assert strip_remarks(text).core == text
    assert verdict(text).value is None
    assert read_value(text).values == (text.strip(),)
    assert condition_text(text) is None
    assert brace_indices(text, {"W": 2}, frozenset("ij")) == text
    for field in ("q1.c", "q2.b", "q2.c.vanishes_if", "q8.b.linear"):
        item, result = outcome(rubrics, field, text)
        assert result.score < item.points or not item.points
