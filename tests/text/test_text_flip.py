"""Reversed claims as a class (issue 11, twelfth round): an idea's pattern with a direction
word ("the learning rate decreases") yields its flipped twin ("... increases",
synonyms.yaml's `opposites`), and a clause that says the twin, affirmed, and not the idea,
denies the idea and costs its points, quoted as "you say the opposite"."""

from __future__ import annotations

import pytest

from examgrade.checks import concepts
from examgrade.text.match import flipped
from tests.text.conftest import idea_states

# Said of Adagrad in words the rubric's own contradiction ("Adagrad's learning rate
# increases") does not list: each scored 2.5 of 5 before, the TA's band is 0.5 to 1.5.
REVERSED = [
    "Both adapt a step per parameter. For Adagrad the step size rises as training goes on, "
    "while RMSprop uses a moving average of squared gradients.",
    "Both adapt a step per parameter. For Adagrad the lr goes up during training, RMSprop "
    "uses a moving average.",
    "Les deux adaptent le pas par paramètre. Avec Adagrad le taux d'apprentissage augmente "
    "avec le temps ; RMSprop utilise une moyenne mobile.",
    "Les deux adaptent le pas par paramètre. Pour Adagrad le pas grandit au fil de "
    "l'entraînement, RMSprop prend une moyenne mobile.",
]


@pytest.mark.parametrize("text", REVERSED)
def test_a_reversed_direction_denies_the_idea_and_costs_it(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["adagrad-decay"] in ("missing", "negated")
    assert result.score <= 0.4 * 5
    reversed_ = [c for c in result.contradictions if c.opposite]
    assert [c.id for c in reversed_] == ["reversed-adagrad-decay"]
    assert "Adagrad" in reversed_[0].quote


def test_the_feedback_says_the_opposite_with_the_students_words(grade, rubrics) -> None:
    result = grade("q3.a", REVERSED[2])
    claim = next(c for c in result.contradictions if c.opposite)
    en = concepts._said(claim, {"adagrad-decay": 1.0}).render("en")
    fr = concepts._said(claim, {"adagrad-decay": 1.0}).render("fr")
    assert en.startswith("! You say the opposite: “Avec Adagrad le taux d'apprentissage augmente")
    assert fr.startswith("! Vous dites le contraire : « Avec Adagrad le taux d'apprentissage")
    assert "(−1)" in en


@pytest.mark.parametrize(
    "text",
    [
        # a denied flipped word says the idea
        "Adagrad sums the squared gradients, so its learning rate never increases; RMSprop "
        "uses a moving average.",
        "Adagrad somme les gradients au carré, son taux d'apprentissage n'augmente jamais ; "
        "RMSprop utilise une moyenne mobile.",
        # a comparison orders two things: no reversed claim by its direction word alone
        "Adagrad sums the squared gradients so the learning rate gets smaller than RMSprop's, "
        "which uses a moving average.",
        # the idea and its twin in one answer: the idea is said
        "Adagrad sums the squared gradients so its learning rate decreases monotonically; "
        "RMSprop uses a moving average, so its step can go up again.",
    ],
)
def test_no_reversed_claim_where_the_idea_is_said_or_compared(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert not [c for c in result.contradictions if c.opposite]
    assert idea_states(result)["adagrad-decay"] != "negated"


def test_the_same_words_of_the_other_entity_are_no_reversal(grade) -> None:
    """RMSprop's rate may go up: the twin binds to the idea's own subject."""
    result = grade(
        "q3.a",
        "Adagrad sums all squared gradients, so its learning rate decreases monotonically, "
        "whereas RMSprop's learning rate can increase again thanks to its moving average.",
    )
    assert not [c for c in result.contradictions if c.opposite]
    assert idea_states(result)["adagrad-decay"] == "found"


@pytest.mark.parametrize(
    ("source", "twin"),
    [
        ("effective+capacity grow*|increas*", "effective+capacity decreas*"),
        ("capacite+effective augment*", "capacite+effective decreas*"),
        ("early+stopping overfit*|surappren*", "early+stopping underfit*"),
    ],
)
def test_a_pattern_with_one_direction_term_has_its_twin(source: str, twin: str) -> None:
    found = flipped(source)
    assert len(found) == 1
    anchor, direction = twin.split()
    assert found[0].split()[0] == anchor
    assert direction in found[0].split()[1].split("|")


@pytest.mark.parametrize(
    "source",
    [
        "discrete|bernoulli",  # one term: nothing anchors the opposite word
        "NEG increas* loss",  # a denial
        "larger gradients smaller steps",  # two directions: flipping both says the same
        "it decreas*",  # a pronoun anchors nothing
        "lr increas*|decreas*",  # both sides in one term
        "^no increas* loss",  # a verdict
    ],
)
def test_no_twin_for_patterns_that_cannot_be_reversed(source: str) -> None:
    assert flipped(source) == ()


@pytest.mark.parametrize(
    "text",
    [
        "No: the mean-field family is more expressive, it captures the correlations between "
        "latent dimensions, while IAF stays factorized.",
        "Non : le champ moyen est plus expressif, il capture les corrélations entre dimensions ; "
        "l'IAF reste factorisé.",
    ],
)
def test_the_richer_family_given_to_mean_field_is_no_credit(grade, text: str) -> None:
    """q6.b's richer family is IAF's (`subject: iaf`): said of mean-field it is a swap
    (1.75 of 4 before, the TA's band 0 to 1)."""
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["iaf-richer"] != "found"
    assert result.score <= 0.4 * 4


@pytest.mark.parametrize(
    "text",
    [
        "Yes: IAF is more expressive, it captures the correlations that mean-field ignores, "
        "but it is amortized so it is not guaranteed.",
        "Oui : l'IAF est plus expressif et capture les corrélations que le champ moyen ignore, "
        "mais il est amorti donc ce n'est pas garanti.",
    ],
)
def test_the_richer_family_said_of_iaf_is_credited(grade, text: str) -> None:
    assert idea_states(grade("q6.b:explanation", text))["iaf-richer"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No, IAF is less expressive than mean-field, so it does worse.",
        "Non, l'IAF est moins expressif que le mean-field, il fait moins bien.",
        "No, IAF is less flexible, so it does worse.",
        "Non, l'IAF est moins riche, donc moins bon.",
    ],
)
def test_a_lesser_degree_turns_the_idea_around(grade, text: str) -> None:
    """A lesser degree, "less expressive", holds the word and says the opposite (1 to 1.75
    of 4 before)."""
    result = grade("q6.b:explanation", text)
    assert "reversed-iaf-richer" in [c.id for c in result.contradictions]
    assert idea_states(result)["iaf-richer"] != "found"
    assert result.score <= 0.4 * 4


def test_a_lesser_degree_that_is_the_key_stays_credited(grade) -> None:
    result = grade(
        "q7.a",
        "Not advisable: a linear discriminator is less powerful, it can only compare the means.",
    )
    assert not [c for c in result.contradictions if c.opposite]
    assert idea_states(result)["means-only"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the penalty turns into an L1 penalty on the weights, hence sparse weights.",
        "Avec des ReLU la pénalité CAE devient une pénalité L1 sur les poids, d'où des poids "
        "parcimonieux.",
    ],
)
def test_the_cae_penalty_as_l1_on_the_weights_is_a_misconception(grade, text: str) -> None:
    """q5.b: the sparsity is the codes', not the weights' (0.8 of 4 before, the TA's 0)."""
    result = grade("q5.b:explanation", text)
    assert "l1-on-weights" in [c.id for c in result.contradictions]
    assert result.score == 0


def test_an_l1_on_the_codes_is_the_sparsity(grade) -> None:
    result = grade(
        "q5.b:explanation",
        "The penalty only counts the rows of active units, it depends on x, and like an L1 on "
        "the activations it favours sparse codes, unlike weight decay which shrinks every weight.",
    )
    assert "l1-on-weights" not in [c.id for c in result.contradictions]
    assert idea_states(result)["sparsity"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Whatever W is, h_t converges to the same fixed point and the gradient goes to zero.",
        "Peu importe W, h_t converge vers b et le gradient s'annule.",
    ],
)
def test_a_fate_said_regardless_of_w_is_a_misconception(grade, text: str) -> None:
    """q2.c: the answer is the spectral radius of W (1 of 3 before, the TA's 0)."""
    result = grade("q2.c:explanation", text)
    assert "regardless-of-w" in [c.id for c in result.contradictions]
    assert result.score == 0


def test_whatever_the_inputs_is_no_misconception(grade) -> None:
    result = grade(
        "q2.c:explanation",
        "If rho(W) < 1, W^t -> 0: the gradient vanishes and h_t forgets h_0; if rho(W) > 1 it "
        "explodes and h_t diverges, whatever the inputs.",
    )
    assert "regardless-of-w" not in [c.id for c in result.contradictions]
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "Not linear because the x_i are coupled to each other while the latent layers are "
        "independent.",
        "Non linéaire : les x_i sont couplés entre eux, alors que les latents sont indépendants.",
    ],
)
def test_the_coupling_given_to_the_x_i_is_a_swap(grade, text: str) -> None:
    """q8.b: "the x_i" name x as "x" does, so the coupling said of them is y and z's given
    to x (1 of 3 before, the TA's 0.5)."""
    result = grade("q8.b:explanation", text)
    assert "swapped-coupled" in [c.id for c in result.contradictions]
    assert result.score <= 0.4 * 3


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "q6.b:explanation",
            "Oui : l'IAF est au moins aussi expressif que le mean-field (il contient la "
            "gaussienne diagonale), mais l'amortissement ajoute un écart, donc ce n'est pas "
            "garanti.",
        ),
        (
            "q6.b:explanation",
            "Yes: IAF is at least as expressive as mean-field since it contains the diagonal "
            "Gaussian, but amortization adds a gap, so it is not guaranteed.",
        ),
        (
            "q4.a",
            "Les poids partent petits et chaque pas est borné : plus on entraîne, moins ils sont "
            "contraints, la capacité effective augmente.",
        ),
    ],
)
def test_at_least_and_less_constrained_are_no_reversal(grade, key: str, text: str) -> None:
    result = grade(key, text)
    assert not [c for c in result.contradictions if c.opposite]
    assert "found" in idea_states(result).values()


@pytest.mark.parametrize(
    "text",
    [
        "Yes: the mean-field family is less expressive than IAF, which captures posterior "
        "correlations; but IAF is amortized, so it is not guaranteed.",
        "Oui : le mean-field est moins expressif que l'IAF, qui capture les corrélations ; mais "
        "l'IAF est amorti, donc pas garanti.",
    ],
)
def test_the_other_side_less_rich_is_no_swap(grade, text: str) -> None:
    """Mean-field "less expressive" than IAF says IAF's idea, not IAF's richness given to
    mean-field (a swap, 1.75 of 4, before the lesser degree was read)."""
    result = grade("q6.b:explanation", text)
    assert not [c for c in result.contradictions if c.said_of or c.opposite]
    assert result.score >= 2.75
