"""Issue 11, round 16 (i11r2): the classes behind reversed answers credited above 40% and
complete ones below 60% (read on the even answers of the tuning pool; sentences written
for the test, EN and FR).

1. Engine: in a part that compares two agents, what an entity's clause sets aside with
   "instead of", "rather than", "au lieu de", "plutôt que" and no one named after it is
   what the other agent does ("RMSprop keeps an average instead of summing every past
   g^2": Adagrad sums them); said the wrong way round it is a swap of that idea too.
2. Engine: a topic named first and taken up by a pronoun ("The difference is momentum:
   RMSprop has it (built in), Adam does not", "La différence, c'est le momentum : RMSprop
   l'a, Adam non") is said of the entity that has it, not of "the difference": a reversed
   answer is a swap.
3. Engine: a full reversal (every idea it names given to the other entity, nothing else
   right, no other wrong claim) earns a tenth of the points, not 0 and not the floor's
   fifth: the TAs give such answers 0 to 1 of 5 ("RMSprop sums all past g^2, Adagrad keeps
   a moving average": 0.5 of 5).

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop keeps a decaying average instead of adding up every past squared gradient.",
        "RMSprop forgets old gradients with an exponential moving average rather than "
        "accumulating every squared gradient.",
        "RMSprop garde une moyenne mobile exponentielle au lieu d'additionner tous les "
        "gradients au carré depuis le début.",
        "RMSprop utilise une moyenne mobile exponentielle plutôt que la somme de tous les "
        "gradients passés au carré.",
    ],
)
def test_what_one_agent_sets_aside_is_the_others(grade, text: str) -> None:
    states = idea_states(grade("q3.a", text))
    assert states["adagrad-sum"] == "found"
    assert states["rmsprop-ema"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop adds up all past squared gradients instead of keeping an exponential "
        "moving average.",
        "RMSprop additionne tous les gradients au carré au lieu de garder une moyenne "
        "mobile exponentielle.",
    ],
)
def test_set_aside_the_wrong_way_round_is_a_swap_of_both(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert {"swapped-adagrad-sum", "swapped-rmsprop-ema"} <= contradiction_ids(result)
    # a full reversal earns nothing: the two-grader sets give it nothing (`REVERSAL_SHARE`
    # was a tenth, 0.5 of 5, until round 23)
    assert result.score == 0


def test_set_aside_by_the_right_agent_stays_credited(grade) -> None:
    text = "Adagrad sums all past squared gradients instead of keeping a moving average."
    states = idea_states(grade("q3.a", text))
    assert states["adagrad-sum"] == "found"
    assert states["rmsprop-ema"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The difference is momentum: RMSprop has it, Adam does not.",
        "The difference is momentum, RMSprop has it and Adam does not.",
        "La différence, c'est le momentum : RMSprop l'a, Adam non.",
        "La différence principale est le momentum : RMSprop l'a, pas Adam.",
    ],
)
def test_a_topic_taken_up_by_a_pronoun_is_the_entitys(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "swapped-momentum" in contradiction_ids(result)
    assert idea_states(result)["momentum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "The main difference is the momentum: Adam has it, RMSprop does not.",
        "La différence principale est le momentum : Adam l'a, RMSprop non.",
    ],
)
def test_a_topic_taken_up_by_the_right_entity_is_credited(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] == "found"
    assert not contradiction_ids(result)


@pytest.mark.parametrize(
    "key,text",
    [
        ("q3.a", "RMSprop somme tous les g^2 depuis le debut, Adagrad prend une moyenne mobile."),
        ("q3.a", "Adagrad uses a decaying average of g^2 while RMSprop sums them all."),
        (
            "q2.c:explanation",
            "If the eigenvalues are smaller than 1 in modulus the gradient explodes, and if "
            "they are larger than 1 it vanishes.",
        ),
        (
            "q5.b:explanation",
            "Le weight decay dépend des données alors que la pénalité du CAE est la même "
            "pour tous les exemples.",
        ),
    ],
)
def test_a_full_reversal_earns_nothing(grade, rubrics, key: str, text: str) -> None:
    result = grade(key, text)
    assert any(c.id.startswith("swapped-") for c in result.contradictions)
    assert not result.floored
    # nothing (a tenth until round 23), or the share of the swapped ideas' points the
    # rubric gives a full reversal (`reversed_share`), up to the fifth
    points = find_item(rubrics, key).points
    swapped = {c.id.removeprefix("swapped-") for c in result.contradictions}
    kept = sum(r.idea.points * r.idea.reversed_share for r in result.ideas if r.idea.id in swapped)
    assert result.score == pytest.approx(min(kept, 0.2 * points))


def test_a_reversal_beside_another_wrong_claim_earns_nothing(grade) -> None:
    result = grade("q3.b", "C'est RMSprop qui a le momentum, pas Adam.")
    assert "adam-no-momentum" in contradiction_ids(result)
    assert result.score == 0
