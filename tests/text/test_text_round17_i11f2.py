"""Issue 11, round 17 (q3.b, q4.b.i, q4.b.ii, q5.b, and non-answers): ideas in other
words and reversed claims, as classes (tuned on tuning10's even answers and the other
sets' even halves; sentences written for the test, EN and FR).

1. Non-answers: the student's memory without its "I" ("don't remember the formulas",
   "sais plus") says nothing about the optimizers, whose "does not remember" is forgetting.
2. q3.b: moments written as ordinals in figures ("1st moment", "le 2e moment").
3. q3.b: the bias correction said to fall on one moment only is the key's mistake.
4. q4.b.i: p_i that will not stay above 0 goes to 0.
5. q4.b.ii: the weights (not the mask) said to become discrete is the reversal.
6. q5.b: the penalty on "some rows only", or summed over the active j, is the active units;
   the equivalence of (a) denied for ReLUs, alone, is half the data dependence.
7. Engine (subjects.yaml): "where" opens a clause of its own subject ("RMSprop is better
   for deep nets, where Adagrad's step decays to nothing": Adagrad's decay, no swap).

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.text.nonanswer import is_non_answer
from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "don't remember the formulas, sorry",
        "Cannot remember.",
        "je sais plus les formules",
        "je ne sais plus, désolé",
    ],
)
def test_a_memory_without_its_subject_is_no_answer(text: str) -> None:
    assert is_non_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop does not remember the old gradients.",
        "Avec RMSprop les vieux gradients, on ne s'en souvient plus.",
    ],
)
def test_an_optimizer_that_does_not_remember_is_an_answer(text: str) -> None:
    assert not is_non_answer(text)


@pytest.mark.parametrize(
    ("text", "idea"),
    [
        ("Adam tracks the 1st moment of the gradient as well.", "momentum"),
        ("Adam garde en plus le 1er moment.", "momentum"),
        ("Adam calcule le 1er et le 2e moment, RMSprop le 2e seulement.", "momentum"),
        ("Both divide by the 2nd moment of the gradient.", "shared-second-moment"),
        ("Les deux divisent par la racine du 2eme moment.", "shared-second-moment"),
    ],
)
def test_moments_written_as_figures(grade, text: str, idea: str) -> None:
    assert idea_states(grade("q3.b", text))[idea] == "found"


def test_a_first_moment_denied_to_adam_in_figures_is_a_contradiction(grade) -> None:
    result = grade("q3.b", "Adam does not keep a 1st moment, only squares.")
    assert idea_states(result)["momentum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam adds momentum; its bias correction is only applied to the first moment.",
        "Adam = RMSprop + momentum, la correction du biais ne porte que sur le premier moment.",
        "Adam corrige le biais seulement sur le second moment.",
    ],
)
def test_bias_correction_on_one_moment_is_the_mistake(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "bias-one-moment" in contradiction_ids(result)
    assert idea_states(result)["bias-correction"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam corrects the bias of both moments, which start at zero.",
        "Adam corrige le biais des deux moments, pas seulement du premier.",
    ],
)
def test_bias_correction_of_both_moments_stands(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "bias-one-moment" not in contradiction_ids(result)
    assert idea_states(result)["bias-correction"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Not a good regulariser: the loss never rewards noise, so p_i will not stay > 0.",
        "Mauvaise idée : rien ne récompense le bruit, les p_i ne restent pas positifs.",
    ],
)
def test_p_that_does_not_stay_above_zero_goes_to_zero(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The issue is that the weights become discrete once masked; p is continuous, fine.",
        "Le souci : les poids deviennent discrets après le masque, p reste continu.",
    ],
)
def test_weights_said_discrete_is_the_reversal(grade, text: str) -> None:
    result = grade("q4.b.ii", text)
    assert "mask-continuous" in contradiction_ids(result)
    assert idea_states(result)["discrete"] != "found"


def test_the_mask_said_discrete_stands(grade) -> None:
    result = grade("q4.b.ii", "Le masque est discret (0 ou 1), les poids masqués aussi.")
    assert "mask-continuous" not in contradiction_ids(result)
    assert idea_states(result)["discrete"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Per input, the CAE term is weight decay but only on certain rows of W.",
        "Pour une entrée donnée, un weight decay mais seulement sur certaines lignes.",
        "The squared Frobenius norm becomes a sum over the active j of ||W_j||^2.",
        "La norme de Frobenius est la somme sur les j actifs des ||W_j||^2.",
    ],
)
def test_the_penalty_on_some_rows_is_the_active_units(grade, text: str) -> None:
    assert idea_states(grade("q5.b:explanation", text))["active-units"] == "found"


def test_weight_decay_on_some_rows_is_the_swap(grade) -> None:
    result = grade("q5.b:explanation", "Weight decay only acts on certain rows of W.")
    assert idea_states(result)["active-units"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs it is not equivalent any more: the network is no longer linear.",
        "Avec des ReLU ce n'est plus équivalent, le réseau n'est plus linéaire.",
    ],
)
def test_the_equivalence_denied_is_half_the_data_dependence(grade, text: str) -> None:
    assert idea_states(grade("q5.b:explanation", text))["data-dependent"] == "weak"


def test_the_equivalence_kept_is_still_the_mistake(grade) -> None:
    result = grade("q5.b:explanation", "With ReLUs it is still equivalent to weight decay.")
    assert "identical" in contradiction_ids(result)
    assert idea_states(result)["data-dependent"] == "missing"


def test_a_where_clause_names_its_own_subject(grade) -> None:
    text = "RMSprop suits deep networks better where Adagrad's step decays to nothing."
    result = grade("q3.a", text)
    assert idea_states(result)["adagrad-decay"] == "found"
    assert not contradiction_ids(result)


def test_a_where_clause_without_a_name_keeps_the_subject(grade) -> None:
    text = "RMSprop suits deep networks better where its step decays to nothing."
    assert idea_states(grade("q3.a", text))["adagrad-decay"] != "found"
