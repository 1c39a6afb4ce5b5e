"""Issue 11, eleventh round: complete answers that said an idea without its usual words.

A complete answer should not fall below 60% because it names an idea through its cause and
its remedy, or its condition through an action. Each class here, in EN and FR:

1. Adam's bias correction said as "the averages start at zero, so Adam rescales/fixes them",
   with no word "bias" (q3.b).
2. Adam's first moment said as a mean/average of the gradients whatever the article:
   "averaging gradients", "running mean of the gradients" (q3.b).
3. Conditional independence said as freezing/clamping/fixing the other layers (q8.a).
4. The exponential cost said as enumerating every configuration of the layer left (q8.b).
5. An identity "A is (basically) B that ..." says in its relative clause what A adds to B:
   the clause is about A, not a swap onto B (subjects.py `_identity`).

The sentences are written for the test; they are not taken from a labelled set.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Both keep an average of squared gradients. Adam's running averages start at 0, so "
        "Adam rescales them during the first updates.",
        "Les deux gardent une moyenne des gradients au carré. Les moyennes d'Adam partent de "
        "zéro, donc Adam les corrige pendant les premières itérations.",
    ],
)
def test_bias_correction_said_through_its_cause_and_remedy(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["bias-correction"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam also follows a direction obtained by averaging gradients over time.",
        # French already read this one (its stems): kept as the other language's guard
        "Adam suit en plus une direction obtenue en moyennant les gradients dans le temps.",
    ],
)
def test_first_moment_said_as_an_average_of_gradients(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["momentum"] == "found"


def test_a_mean_of_squared_gradients_is_not_momentum(grade) -> None:
    result = grade("q3.b", "RMSprop keeps a running average of squared gradients.")
    assert idea_states(result)["momentum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Clamp the other two layers: the units of the third one are then independent coin "
        "flips; cycle through x, y, z.",
        "On fige les deux autres couches : les unités de la troisième sont alors "
        "indépendantes ; on alterne x, y, z.",
    ],
)
def test_conditioning_said_as_freezing_the_other_layers(grade, text: str) -> None:
    assert idea_states(grade("q8.a:explanation", text))["conditional-independence"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "After summing out z, y and z stay coupled through W, so we must enumerate every "
        "configuration of y.",
        "Après avoir sommé z, y reste couplé à z par W : il faut énumérer toutes les "
        "configurations de y.",
    ],
)
def test_exponential_cost_said_as_enumerating_configurations(grade, text: str) -> None:
    assert idea_states(grade("q8.b:explanation", text))["exponential"] in ("found", "weak")


@pytest.mark.parametrize(
    "text",
    [
        "Adam is basically RMSprop that also keeps momentum.",
        "Adam c'est en gros RMSprop qui garde aussi un momentum.",
    ],
)
def test_an_identity_relative_clause_is_about_its_subject(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    ["Adam is like RMSprop, which has momentum.", "Adam est comme RMSprop, qui a un momentum."],
)
def test_a_comparison_is_no_identity(grade, text: str) -> None:
    """The guard: "like B, which ..." keeps the relative clause on B (a swap)."""
    result = grade("q3.b", text)
    assert "swapped-momentum" in {c.id for c in result.contradictions}
