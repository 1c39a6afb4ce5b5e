"""Issue 11, round 19 (q3.a, q3.b, q4.a, q4.b.i, q4.b.ii, q5.b): how students say an idea
or half of one that the patterns missed, and a right answer read as a swap, as classes
(read on the tuning pool's even answers; sentences written for the test, EN and FR).

1. A name denied "for now" ("it is no longer weight decay", "ce n'est plus du weight
   decay") is not the subject of what follows, as "not weight decay" already was not.
2. "A is an improved version of B that ...": the relative clause says what A changes.
3. Weight decay qualified per example or as selective names the CAE penalty.
4. Half ideas: the equivalence of (a) said to break, the ReLU's nonlinearity (q5.b); the
   dropout rates optimised on the training loss (q4.b.i); small weights keeping the net
   near linear (q4.a).
5. Other words: "each weight its own step size", b2 for beta2, "the same division", the
   norm that "grossit", a step that "bouge d'au plus", stopping after τ steps like L2, a
   deterministic optimum, a gradient "not defined".
6. "sans arrêt", "sans cesse" are adverbs (endlessly), no denial; Adagrad's "accumulator"
   (a noun RMSprop has too) is not RMSprop said to sum like Adagrad.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "It is no longer weight decay: the inactive units are not penalised at all.",
        "Ce n'est plus du weight decay : les neurones inactifs ne sont pas pénalisés.",
    ],
)
def test_a_name_denied_for_now_is_not_the_subject(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert not any(c.startswith("swapped-") for c in contradiction_ids(result))
    assert idea_states(result)["active-units"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Weight decay is no longer enough here; weight decay shrinks every weight uniformly.",
        "It is not weight decay: the inactive units are not penalised.",
    ],
)
def test_named_subjects_still_bind(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert not any(c.startswith("swapped-") for c in contradiction_ids(result))


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop is an improved version of Adagrad that keeps an exponential moving average "
        "of g^2 rather than their sum.",
        "RMSprop est une amélioration d'Adagrad qui garde une moyenne mobile exponentielle "
        "des g^2 au lieu de leur somme.",
    ],
)
def test_an_improved_version_of_b_that_is_about_a(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert not any(c.startswith("swapped-") for c in contradiction_ids(result))
    assert idea_states(result)["rmsprop-ema"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "So the CAE term acts as a selective, per-example weight decay which only hits "
        "the units that fire.",
        "C'est un weight decay conditionnel, qui ne touche que les unités actives.",
    ],
)
def test_a_qualified_weight_decay_names_the_cae_penalty(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert not any(c.startswith("swapped-") for c in contradiction_ids(result))
    assert idea_states(result)["active-units"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the two differ: the result of (a) breaks down because ReLU is non-linear.",
        "Avec des ReLU c'est différent, l'équivalence ne tient plus car la ReLU est non linéaire.",
    ],
)
def test_the_equivalence_breaking_earns_some_credit(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert 0 < result.score <= 2


@pytest.mark.parametrize("text", ["They are different.", "C'est différent."])
def test_the_bare_verdict_earns_nothing(grade, text: str) -> None:
    assert grade("q5.b:explanation", text).score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Both of them give every parameter its own step size.",
        "Les deux donnent à chaque poids son propre pas.",
    ],
)
def test_its_own_step_size_is_per_parameter(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adaptive"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "In both, s = b2 s + (1 - b2) g^2 scales the step; Adam adds momentum.",
        "Même division par sqrt(s) dans les deux ; Adam ajoute le momentum.",
    ],
)
def test_the_shared_second_moment_in_other_words(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["shared-second-moment"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "La norme des poids grossit petit à petit pendant l'entraînement.",
        "Chaque step bouge theta d'au plus eps fois ||g||.",
    ],
)
def test_bounded_steps_in_other_words(grade, text: str) -> None:
    assert idea_states(grade("q4.a", text))["bounded-steps"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Stopping after a fixed number of steps behaves like an L2 penalty.",
        "S'arrêter après tau itérations revient à une régularisation L2.",
    ],
)
def test_stopping_after_tau_steps_is_early_stopping(grade, text: str) -> None:
    assert idea_states(grade("q4.a", text))["early-stopping"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Weights initialised near 0 put tanh in its linear regime: the net is nearly linear.",
        "Avec des poids initialisés proches de 0, le réseau est presque linéaire au début.",
    ],
)
def test_small_weights_near_linear(grade, text: str) -> None:
    states = idea_states(grade("q4.a", text))
    assert states["small-init"] == "found"
    assert states["effective-capacity"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Not really: the expected loss is minimised by a deterministic mask, so we end up "
        "with no dropout at all.",
        "Pas vraiment : l'optimum est déterministe, il ne reste plus aucun dropout.",
    ],
)
def test_a_deterministic_optimum_is_p_to_zero(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "I doubt it, since we would optimize the rates on the training loss.",
        "J'en doute, on optimise les taux sur la perte d'entraînement.",
    ],
)
def test_optimised_on_the_training_loss_is_half_the_reason(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Gradient descent will raise every p_i to lower the training loss, so the net underfits.",
        "Le gradient augmente les p_i pour réduire la perte d'entraînement : sous-apprentissage.",
    ],
)
def test_raising_the_rates_is_no_credit(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] != "found"
    assert grade("q4.b.i", text).score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "The mask is random, so the gradient with respect to p is not defined.",
        "Le masque est tiré au hasard, la dérivée par rapport à p n'existe pas.",
    ],
)
def test_an_undefined_gradient_is_not_differentiable(grade, text: str) -> None:
    assert idea_states(grade("q4.b.ii", text))["not-differentiable"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop : son pas ne baisse pas sans arrêt comme dans Adagrad.",
        "Chez RMSprop le taux ne décroît pas sans cesse comme dans Adagrad.",
    ],
)
def test_sans_arret_denies_nothing(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert not any(c.startswith("swapped-") for c in contradiction_ids(result))
    assert idea_states(result)["adagrad-decay"] != "negated"


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad : le pas diminue sans arrêt.",
        "Adagrad's step shrinks without end.",
    ],
)
def test_endlessly_decreasing_stays_a_decrease(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-decay"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop doesn't shrink its step like Adagrad: its accumulator forgets.",
        "RMSprop ne réduit pas le pas comme dans Adagrad : son accumulateur oublie.",
    ],
)
def test_the_accumulator_noun_is_no_sum(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert "rmsprop-sums" not in contradiction_ids(result)
    assert idea_states(result)["rmsprop-ema"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop accumulates every squared gradient, like Adagrad.",
        "RMSprop fait aussi l'accumulation des carrés, comme Adagrad.",
    ],
)
def test_rmsprop_said_to_accumulate_like_adagrad_is_still_caught(grade, text: str) -> None:
    assert "rmsprop-sums" in contradiction_ids(grade("q3.a", text))
