"""Issue 11, items 3 and 4 (negation and polarity, terse answers): engine classes read on
the tuning pool, sentences written for the test (EN and FR).

- A denied difficulty or cost affirms the ease: "it isn't hard to keep Lipschitz",
  "il n'est pas difficile de le garder Lipschitz" credit what follows.
- A wrong claim that no entity owns, wholly denied, says the idea it would negate
  (q8.a "y and z are not independent given x": the coupling, so three blocks).
- "like Adagrad (does)" after its clause's negation opposes as "unlike" does: "RMSprop
  does not sum all past g^2 like Adagrad does" says Adagrad sums them.
- A denied relative clause on the subject, then its denied predicate, is the
  contrapositive: "units that are not active are not penalised" (the active ones are).
  English only: the French form cost a held-back answer (`--halves`).
- A denied comparison denies its term, not its standard ("does not shrink as fast as
  Adagrad's", "pas aussi vite que celui d'Adagrad"); a denied prevention or stop affirms
  ("nothing prevents p from going to 0", "rien n'empêche p de tendre vers 0").
"""

from __future__ import annotations

import pytest

from examgrade.text.match import negated_positions
from examgrade.text.normalize import parse
from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Not advisable. Good side: the critic is not hard to keep 1-Lipschitz.",
        "Déconseillé. Point positif : il n'est pas difficile de le garder Lipschitz.",
        "Not advisable, though it isn't expensive and it is not tricky to train stably.",
    ],
)
def test_q7a_a_denied_difficulty_credits_the_benefit(grade, text) -> None:
    assert idea_states(grade("q7.a", text))["benefits"] == "found"
    denied = grade("q7.a", "Not advisable, and it is not stable or cheap either.")
    assert idea_states(denied)["benefits"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "y and z are not independent given x, so two blocks cannot be used; x, then y, then z.",
        "y et z ne sont pas indépendants sachant x, on ne peut pas utiliser deux blocs : "
        "x, puis y, puis z.",
    ],
)
def test_q8a_a_denied_wrong_claim_is_not_a_denied_idea(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert idea_states(result)["conditional-independence"] != "negated"
    assert "negated" not in result.confidence.reasons


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop does not keep the whole sum of g^2 like Adagrad does: it forgets with a moving "
        "average.",
        "RMSprop ne garde pas toute la somme des g^2 comme le fait Adagrad : il oublie avec une "
        "moyenne mobile.",
    ],
)
def test_q3a_denied_like_an_entity_says_what_that_entity_does(grade, text) -> None:
    states = idea_states(grade("q3.a", text))
    assert states["adagrad-sum"] == "found"
    assert states["rmsprop-ema"] == "found"


def _denied(text: str) -> set[str]:
    """The words of `text` read as denied."""
    (sentence,) = parse(text).sentences
    return {t for t, n in zip(sentence.tokens, negated_positions(sentence), strict=True) if n}


@pytest.mark.parametrize(
    "text",
    [
        "Units that are not active are not penalised.",
        "Weights of hidden units that never activate are never shrunk.",
    ],
)
def test_a_denied_relative_then_a_denied_predicate_is_the_contrapositive(text) -> None:
    assert _denied(text) == set()


def test_the_contrapositive_needs_both_negations() -> None:
    assert _denied("Units that are not active are not penalised.") == set()
    assert "active" in _denied("The penalty skips units that are not active.")
    assert "penalised" in _denied("Units are not penalised when the input changes.")


@pytest.mark.parametrize(
    ("text", "standard"),
    [
        ("RMSprop's step does not shrink as fast as Adagrad's.", "adagrad"),
        ("Le pas de RMSprop ne diminue pas aussi vite que celui d'Adagrad.", "adagrad"),
        ("Here mean-field is not better than IAF.", "iaf"),
    ],
)
def test_a_denied_comparison_leaves_its_standard_said(text, standard) -> None:
    denied = _denied(text)
    assert standard not in denied
    assert denied  # the compared term itself stays denied


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Nothing prevents p from going to 0.", "going"),
        ("Rien n'empêche p de tendre vers 0.", "tendre"),
        ("Adagrad's step never stops shrinking.", "shrinking"),
    ],
)
def test_a_denied_prevention_affirms_what_it_would_prevent(text, said) -> None:
    assert said not in _denied(text)
