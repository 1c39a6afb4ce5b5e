"""Issue 11, round 23c (i11c): complete answers under-credited, wrong answers over-credited,
classes read on the tuning pool's even halves. Sentences written for the test, EN and FR.

1. Engine: the English particle verb with its object between ("cannot tell them apart",
   "can't tell the two distributions apart") is read as "tell apart"; "approx gap",
   "approx. error", "écart d'approx" is the approximation gap ("approx 10 steps" is left).
2. q7.a: equal means said with a copula ("their means are equal", "les moyennes sont
   égales") or as the two looking alike to the critic ("indistinguishable", "look
   identical", "indiscernables") is the means-only idea, not its denial.
3. q6.b: the factorized family said to fail to fit or to miss the correlations ("can't fit
   a correlated posterior", "misses the correlations", "ignore les dépendances") is the
   mean-field's limit; "dependencies" is not "it depends" (the trade-off).
4. q4.a: the capacity's growth given a cause outside the key (the SGD noise said to grow,
   noise or mini-batches said to bring new data or information) is a mistake that takes
   the effective-capacity credit; noise named beside the right mechanism costs nothing.
5. Engine: a subject's "no" before a modal ("no linear D can tell it apart", "no linear
   critic could ...") denies the predicate, as before "is"/"has".
6. q3.a/q3.b: the denominator given the wrong quantity (the weights' RMS or norm, "weight
   normalization", the gradient divided by its one global norm) is a mistake; q3.b "Adam =
   Adagrad + momentum" gives Adam Adagrad's sum (adam-sums).
7. Engine: a squared gradient written as a power of the word ("grad^2", "gradient^2",
   "gradients**2", "grad²") is the course's g^2.
8. q5.b: the dead units said to get no penalty at all is the key's point, not the whole
   penalty said to vanish (`penalty-vanishes` keeps "there is no penalty at all").

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.text.normalize import expand
from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("A linear critic cannot tell them apart.", "tell apart them"),
        ("You can't tell the two distributions apart.", "tell apart the two distributions"),
        ("Mean-field keeps a large approx gap.", "approximation gap"),
        ("MF: approx. error big", "approximation error"),
        ("L'écart d'approx du mean-field est grand.", "ecart de approximation"),
    ],
)
def test_particle_verb_and_approx_abbreviation_are_read_whole(text: str, said: str) -> None:
    assert said in expand(text)


def test_approx_as_an_adverb_is_left() -> None:
    assert "approximation" not in expand("It takes approx 10 steps to converge.")


@pytest.mark.parametrize(
    "text",
    [
        "A linear critic cannot tell the two distributions apart when their means are equal.",
        "When the means are the same, the linear discriminator can't tell real and fake apart.",
        "Two distributions with the same mean look identical to a linear critic.",
        "Distributions with equal means are indistinguishable for a linear D.",
        "Si les moyennes sont égales, le discriminateur linéaire ne fait pas la différence.",
        "Deux distributions de même moyenne sont indiscernables pour un critique linéaire.",
    ],
)
def test_q7a_equal_means_look_alike_to_the_critic(grade, text: str) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["means-only"] == "found"
    assert result.score >= 2.0  # before, 0 (read as denied) or 1.5 (half)


@pytest.mark.parametrize(
    "text",
    [
        "The generator produces identical samples, a linear critic is fine.",
        "A linear critic sees only the variance, two distributions with the same mean can "
        "still be told apart.",
    ],
)
def test_q7a_identical_without_equal_means_is_not_the_idea(grade, text: str) -> None:
    assert idea_states(grade("q7.a", text))["means-only"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "The best diagonal Gaussian can't fit a correlated posterior.",
        "Per-example mean-field still misses the correlations between latent dimensions.",
        "Le champ moyen ignore les dépendances entre les variables latentes.",
        "Une gaussienne factorisée ne peut pas prendre en compte les corrélations.",
        "Mean-field has a large approx gap (diagonal Gaussian).",
    ],
)
def test_q6b_factorized_family_misses_the_correlations(grade, text: str) -> None:
    assert idea_states(grade("q6.b:explanation", text))["mean-field-limited"] == "found"


def test_q6b_dependencies_are_not_it_depends(grade) -> None:
    said = grade("q6.b:explanation", "Le champ moyen ignore les dépendances entre latents.")
    assert idea_states(said)["trade-off"] != "found"
    for text in ("It depends on which gap dominates.", "Ça dépend de quel écart domine."):
        assert idea_states(grade("q6.b:explanation", text))["trade-off"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The capacity grows because the SGD noise gets larger over the iterations.",
        "Each mini-batch brings new data, so the model learns more features and its "
        "capacity increases.",
        "The noise adds new information at every step, so the capacity grows.",
        "Le bruit de SGD augmente avec les itérations, donc la capacité augmente.",
        "Chaque mini-lot apporte de nouvelles données au modèle, la capacité croît.",
    ],
)
def test_q4a_growth_from_noise_or_new_data_is_a_mistake(grade, text: str) -> None:
    result = grade("q4.a", text)
    assert "noise-or-new-data" in contradiction_ids(result)
    assert result.score <= 0.5  # graders 0; before, 1 (the effective-capacity floor)


@pytest.mark.parametrize(
    "text",
    [
        "SGD noise helps exploration, but the effective capacity grows because the weights "
        "move further from a small init with each bounded step.",
        "Le bruit du SGD aide, mais la capacité effective croît car les poids s'éloignent "
        "pas à pas de leur init petite.",
    ],
)
def test_q4a_noise_beside_the_mechanism_costs_nothing(grade, text: str) -> None:
    result = grade("q4.a", text)
    assert "noise-or-new-data" not in contradiction_ids(result)
    assert result.score >= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "A generator stuck on the data mean has the same mean, and no linear critic could "
        "tell it apart from the data.",
        "Real data in two blobs, fakes at their midpoint: same mean, and no linear D can "
        "tell them apart.",
        "Aucun discriminateur linéaire ne peut distinguer deux distributions de même moyenne.",
    ],
)
def test_q7a_no_subject_before_a_modal_denies_the_telling(grade, text: str) -> None:
    assert idea_states(grade("q7.a", text))["means-only"] == "found"


def test_no_before_a_modal_leaves_a_verdict_and_a_new_subject(grade) -> None:
    verdict = grade("q7.a", "No, a linear critic can only compare the means.")
    assert idea_states(verdict)["means-only"] == "found"
    spotted = grade("q7.c", "If a pack has no diversity the discriminator can spot the collapse.")
    assert idea_states(spotted)["diversity"] == "found"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "q3.a",
            "Adagrad uses the plain gradient and RMSprop divides by the root mean square "
            "of the weights, a kind of weight normalization.",
        ),
        ("q3.a", "RMSprop normalise juste le gradient par sa norme, Adagrad l'accumule."),
        (
            "q3.b",
            "RMSprop has no adaptive rate, it just divides the gradient by its norm; Adam "
            "adds momentum.",
        ),
        ("q3.b", "Adam divise le gradient par la norme des poids, RMSprop aussi."),
    ],
)
def test_q3_wrong_denominator_is_a_mistake(grade, key: str, text: str) -> None:
    result = grade(key, text)
    assert "wrong-denominator" in contradiction_ids(result)
    assert result.score <= 1.0


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "q3.a",
            "Both divide each coordinate's step by the root of its squared gradients; "
            "Adagrad sums them, RMSprop keeps a moving average.",
        ),
        (
            "q3.a",
            "Adagrad divise le pas par la racine de la somme des carrés des gradients, "
            "RMSprop par une moyenne mobile : taux adaptatif par paramètre.",
        ),
        (
            "q3.b",
            "Adam = RMSprop + momentum + bias correction, both divide by the root of the "
            "moving average of squared gradients.",
        ),
    ],
)
def test_q3_the_squared_gradients_denominator_costs_nothing(grade, key, text) -> None:
    result = grade(key, text)
    assert "wrong-denominator" not in contradiction_ids(result)
    assert result.score >= 4.0


@pytest.mark.parametrize(
    "text",
    [
        "Adam = Adagrad + momentum.",
        "Adam c'est Adagrad avec du momentum.",
        "Adam is basically Adagrad plus momentum, RMSprop only has the squares.",
    ],
)
def test_q3b_adam_built_on_adagrad_is_adam_sums(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "adam-sums" in contradiction_ids(result)
    assert result.score <= 1.0  # before, 2 (momentum alone)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("v is an average of grad^2", "average of g^2"),
        ("moyenne des gradients^2", "moyenne des g^2"),
        ("the sum of grad**2", "sum of g^2"),
        ("an EMA of grad²", "ema of g^2"),
    ],
)
def test_a_squared_gradient_word_is_g_squared(text: str, said: str) -> None:
    assert said in expand(text)


def test_a_gradient_word_before_a_number_is_left() -> None:
    assert expand("the gradient 2 steps ago") == "the gradient 2 steps ago"


@pytest.mark.parametrize(
    "text",
    [
        "Adam keeps two averages, m of grad and v of grad^2; RMSprop only v.",
        "Adam garde une moyenne de gradient^2 comme RMSprop et ajoute du momentum.",
    ],
)
def test_q3b_the_shared_average_of_grad_squared(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["shared-second-moment"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Units that are never active get no penalty at all, whereas weight decay shrinks "
        "every weight.",
        "Dead units receive no penalty at all; weight decay penalises all the weights alike.",
        "Les unités mortes ne reçoivent aucune pénalité, le weight decay pénalise tous les poids.",
    ],
)
def test_q5b_dead_units_without_penalty_is_no_mistake(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert "penalty-vanishes" not in contradiction_ids(result)
    assert idea_states(result)["active-units"] == "found"


def test_q5b_the_whole_penalty_vanishing_is_still_the_mistake(grade) -> None:
    text = "With ReLU the derivative is 0 or 1, so there is no penalty at all."
    assert "penalty-vanishes" in contradiction_ids(grade("q5.b:explanation", text))
