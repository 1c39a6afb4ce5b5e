"""Issue 11, sixth round: three engine classes (sentences written for the test).

1. A verdict denied after the phrase it judges ("2 blocks don't work", "deux blocs ne
   suffisent pas") denies that phrase: the mistake it names is not said.
2. A denied clause after "unlike X" ("Unlike Adagrad, RMSprop does not keep all past
   gradients") says what X does: a contrast, not a swap.
3. A terse verdict with a claim that relates its terms ("no, 2^min(M,K) terms") is a
   claim, not a keyword list.
"""

from __future__ import annotations

import pytest

from examgrade.text.grade import is_keyword_list
from tests.text.conftest import idea_states

GIBBS = {
    "en": "Three blocks, sampled in turn: x given y,z, then y given x,z, then z given x,y. ",
    "fr": "Trois blocs : x | y,z, puis y | x,z, puis z | x,y. ",
}


@pytest.mark.parametrize(
    "lang,denial",
    [
        ("en", "2 blocks don't work because y and z are coupled given x."),
        ("en", "Two blocks is not enough since y and z are coupled given x."),
        ("en", "Using two blocks would not be sufficient: y and z are coupled given x."),
        ("fr", "Deux blocs ne suffisent pas car y et z sont couplés sachant x."),
        ("fr", "Deux blocs, ça ne marche pas : y et z sont couplés sachant x."),
        ("fr", "Faire deux blocs n'est pas suffisant, y et z sont couplés sachant x."),
    ],
)
def test_a_verdict_denied_after_its_phrase_denies_the_phrase(grade, lang, denial) -> None:
    result = grade("q8.a:explanation", GIBBS[lang] + denial)
    assert not result.contradictions
    assert idea_states(result)["three-blocks"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Three blocks: x | y,z, then y | x,z, then z | x,y. Two blocks work fine too.",
        "Trois blocs : x | y,z, puis y | x,z, puis z | x,y. Deux blocs suffisent aussi.",
    ],
)
def test_an_affirmed_verdict_still_names_the_mistake(grade, text) -> None:
    assert grade("q8.a:explanation", text).contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Sampling a discrete Bernoulli mask is not differentiable with respect to p.",
        "L'échantillonnage discret n'est pas différentiable.",
    ],
)
def test_a_predicate_that_is_no_verdict_leaves_its_subject_said(grade, text) -> None:
    assert grade("q4.b.ii", text).score > 0


@pytest.mark.parametrize(
    "text",
    [
        "Unlike Adagrad, RMSprop does not keep all past squared gradients.",
        "RMSprop, unlike Adagrad, does not sum all past squared gradients.",
        "Contrairement à Adagrad, RMSprop ne garde pas toute la somme des g^2 passés.",
        "RMSprop, contrairement à Adagrad, ne somme pas tous les gradients passés au carré.",
    ],
)
def test_a_denial_after_unlike_says_what_the_other_does(grade, text) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["adagrad-sum"] == "found"
    assert result.score > 0


@pytest.mark.parametrize(
    "text",
    [
        "Like Adagrad, RMSprop does not keep all past squared gradients.",
        "Comme Adagrad, RMSprop ne garde pas toute la somme des g^2 passés.",
    ],
)
def test_a_denial_after_like_is_no_contrast(grade, text) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-sum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "no, 2^min(M,K) terms",
        "No: exponential in min(M, K), not linear like the RBM.",
        "non : exponentiel en min(M,K)",
        "non, 2^min(M,K) termes",
        "too simple, not enough capacity",
        "trop simple, pas assez de capacité",
        # one telegraphic phrase, no comma (round 7: its TA gives it 2.5 of 3, above a
        # list's cap)
        "non-differentiable discrete sampling (Bernoulli)",
    ],
)
def test_a_terse_claim_is_no_keyword_list(text) -> None:
    assert not is_keyword_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "non, phase positive intractable",
        "non lineaire, couplage y-z",
        "exponential, 2^min(M,K), RBM partition function",
        "not advisable: low capacity, only first moment (means), mode collapse",
    ],
)
def test_a_list_after_a_verdict_stays_a_list(text) -> None:
    assert is_keyword_list(text)


@pytest.mark.parametrize(
    "text", ["No, 2^min(M,K) terms: exponential.", "Non : exponentiel en min(M,K)."]
)
def test_a_terse_right_answer_is_graded_in_full(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert not result.keyword_list
