"""Issue 11, ninth round: wrong claims cost what a TA takes, right claims are not read as
wrong (tuned on tuning, tuning2, labelled and the even answers of tuning3-5; sentences
written for the test, EN and FR).

1. A denied difference says the same: "they don't differ in the second moment", "no
   difference in ...", "ne diffèrent pas par ..." affirm what follows, so a shared idea
   is not read as its denial (nor as "Adam does not use squared gradients").
2. A pair written by components ("y_j and z_k") is one mention, as "y and z" is: the
   clause is about the pair, not about the x named later in it.
3. Weight decay qualified by a restriction names the CAE penalty however it is spelt:
   "WD only on the active units", "wd uniquement" as "weight decay only on ...".
4. The key's mistakes the rubrics lacked: "p must stay in [0, 1]" / "the gradient vanishes
   because p is a probability" (q4.b.ii), a sigmoid's saturation argued for ReLUs (q5.b;
   "like a sigmoid", "into saturation", not a sigmoid set against the ReLU).
5. q5.b's "identical to weight decay" needs the adverb beside the name ("just weight
   decay"), not anywhere in the sentence ("unlike weight decay, which just shrinks ...").
6. A phrase never ends on a gradient that "squared" / "au carré" follows: "la moyenne
   mobile des gradients au carré" is the second moment, not "la moyenne mobile des
   gradients" (momentum) given to RMSprop.
7. q4.b.i's "p_i -> 0.5" needs a movement towards 0.5, not the usual setting ("we
   normally set p = 0.5 by hand").
8. "The former", "the latter", "ce dernier", "le premier", "le second" name a part's
   first or second entity as the question orders them, so a swap said through them is
   one; "le premier moment" is still a moment. A weak hint beside a swap ("its step
   decays") no longer excuses it as the subject described in overlapping words.

The tests that pass on the code before (a denied second moment, the constraint handled,
"just weight decay") guard the other side of each class: the wrong claim is still one.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "Adam adds momentum and bias correction. They do not differ in the second moment: "
        "both divide by an EMA of g^2.",
        "Adam ajoute le momentum et la correction du biais. Ils ne diffèrent pas sur le "
        "second moment : une moyenne mobile des carrés.",
        "Adam ajoute momentum et correction du biais ; ils ne se distinguent pas par le "
        "second moment, une moyenne mobile des g^2.",
    ],
)
def test_a_denied_difference_says_the_same(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "adam-no-squares" not in said(result)
    assert idea_states(result)["shared-second-moment"] == "found"
    assert result.score == 5


@pytest.mark.parametrize(
    "text",
    [
        "Adam does not use the squared gradients, only momentum.",
        "Adam n'utilise pas les gradients au carré, seulement le momentum.",
    ],
)
def test_a_denied_second_moment_is_still_the_mistake(grade, text: str) -> None:
    assert "adam-no-squares" in said(grade("q3.b", text))


@pytest.mark.parametrize(
    "text",
    [
        "Here y_j and z_k keep interacting through W even when x is known, so after "
        "summing out one layer you still have to enumerate the other one.",
        "Ici y_j et z_k interagissent encore via W même quand x est fixé, donc après une "
        "couche il faut encore énumérer les configurations de l'autre.",
    ],
)
def test_an_indexed_pair_is_one_mention(grade, text: str) -> None:
    result = grade("q8.b:explanation", text)
    assert not any(c.said_of for c in result.contradictions)
    assert idea_states(result)["coupled"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "J = diag(1[Wx+b>0]) W: it is WD only on the active units, and it depends on x.",
        "J = diag(1[Wx+b>0]) W : c'est un wd uniquement sur les unités actives, qui dépend de x.",
    ],
)
def test_a_qualified_abbreviation_names_the_cae_penalty(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert not any(c.said_of for c in result.contradictions)
    assert idea_states(result)["active-units"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The issue is that p has to stay between 0 and 1, so the update must be clipped.",
        "Le souci : p doit rester entre 0 et 1, il faut projeter après chaque pas.",
        "The gradient vanishes because p is a probability.",
        "Le gradient s'annule car p est une probabilité.",
    ],
)
def test_the_constraint_on_p_is_the_keys_mistake(grade, text: str) -> None:
    result = grade("q4.b.ii", text)
    assert "p-constraint" in said(result)
    assert result.score == 0


def test_the_constraint_handled_is_no_mistake(grade) -> None:
    text = (
        "Keeping p in [0, 1] is easy with a sigmoid; the problem is that sampling the "
        "discrete mask is not differentiable, so backprop gives no gradient for p."
    )
    result = grade("q4.b.ii", text)
    assert "p-constraint" not in said(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the penalty pushes units into saturation at 0 and 1, like a sigmoid.",
        "Avec des ReLU la pénalité pousse les unités à saturer en 0 et 1 comme une sigmoïde.",
    ],
)
def test_a_sigmoids_saturation_for_relus_is_the_keys_mistake(grade, text: str) -> None:
    assert "sigmoid-saturation" in said(grade("q5.b:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "Unlike a sigmoid, which saturates near 0 and 1, relu' is exactly 0 or 1: the "
        "penalty keeps only the active rows and depends on x.",
        "Avec une sigmoïde les unités saturent en 0 et 1 ; avec la ReLU la dérivée vaut 0 ou "
        "1, seules les unités actives sont pénalisées.",
    ],
)
def test_a_sigmoid_set_against_relus_is_no_mistake(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert "sigmoid-saturation" not in said(result)
    assert idea_states(result)["active-units"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "It depends on x and keeps only active rows, unlike weight decay, which just "
        "shrinks every weight.",
        "Elle dépend de x et ne garde que les lignes actives, alors que le weight decay "
        "veut juste des petits poids.",
    ],
)
def test_an_adverb_away_from_the_name_is_not_identical(grade, text: str) -> None:
    assert "identical" not in said(grade("q5.b:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "It is just weight decay, since relu' = 1.",
        "C'est juste du weight decay, car relu' = 1.",
    ],
)
def test_just_weight_decay_is_identical(grade, text: str) -> None:
    assert "identical" in said(grade("q5.b:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop: la moyenne mobile des gradients au carré. Adam garde en plus une moyenne "
        "mobile des gradients eux-mêmes, le momentum.",
        "RMSprop keeps a moving average of the gradients squared; Adam keeps that too and "
        "adds a moving average of the gradients themselves (momentum).",
    ],
)
def test_an_average_of_squared_gradients_is_not_momentum(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "swapped-momentum" not in said(result)
    assert idea_states(result)["momentum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Usually we set p = 0.5 by hand, but learned on the training loss the p_i just go "
        "to 0 and the regularisation disappears.",
        "D'habitude on fixe p = 0,5 à la main, mais appris sur la perte d'entraînement les "
        "p_i tendent vers 0 : plus de régularisation.",
    ],
)
def test_the_usual_half_is_not_the_half_mistake(grade, text: str) -> None:
    assert "p-to-half" not in said(grade("q4.b.i", text))


@pytest.mark.parametrize(
    "text",
    ["The learned p_i will converge to 0.5, the maximum variance.", "Les p_i tendent vers 0,5."],
)
def test_p_moving_to_half_is_still_the_mistake(grade, text: str) -> None:
    assert "p-to-half" in said(grade("q4.b.i", text))


@pytest.mark.parametrize(
    ("text", "right"),
    [
        (
            "Both adapt the step per parameter. The former sums all past squared gradients, "
            "while the latter uses an exponentially decaying average.",
            True,
        ),
        (
            "Both adapt the step per parameter. The latter sums all past squared gradients "
            "so its step decays, while the former uses an exponentially decaying average.",
            False,
        ),
        (
            "Les deux adaptent le pas par paramètre. Le premier accumule la somme de tous les "
            "gradients au carré, le second utilise une moyenne mobile exponentielle.",
            True,
        ),
        (
            "Les deux adaptent le pas par paramètre. Ce dernier accumule la somme de tous les "
            "gradients au carré, le premier utilise une moyenne mobile exponentielle.",
            False,
        ),
    ],
)
def test_the_former_and_the_latter_name_the_entities(grade, text: str, right: bool) -> None:
    result = grade("q3.a", text)
    swapped = {c.id for c in result.contradictions if c.said_of}
    if right:
        assert not swapped
        assert idea_states(result)["adagrad-sum"] == "found"
        assert idea_states(result)["rmsprop-ema"] == "found"
    else:
        assert {"swapped-adagrad-sum", "swapped-rmsprop-ema"} <= swapped
        assert result.score <= 1


def test_the_first_moment_is_no_entity(grade) -> None:
    result = grade("q3.b", "Adam garde le premier moment et le second moment, et corrige le biais.")
    assert not result.contradictions
    assert result.score == 5
