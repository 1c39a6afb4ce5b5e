"""Issue 11, ninth round: right ideas in the student's own words (sentences written for the
test, EN and FR).

1. Shared meaning classes (examgrade/text/synonyms.yaml): an idea's pattern that says
   "vanish*", "forget*", "coupl*" or "weight decay" also matches the other ways of saying
   it ("becomes negligible", "a short memory", "s'estompent", "talk to each other", "WD"),
   in every item.
2. Formula-style symbols are words: "√" is "sqrt", "↓" "decreases", "η" "eta", "⟹" an arrow.
3. A swap of two adjacent letters is one typo ("graident").
"""

from __future__ import annotations

import pytest

from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Word, compile_pattern, word_matches
from examgrade.text.normalize import tokens
from examgrade.text.synonyms import widen
from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "If every eigenvalue is below 1, the gradient becomes negligible after many steps.",
        "Si toutes les valeurs propres sont inférieures à 1, le gradient devient négligeable.",
    ],
)
def test_becoming_negligible_is_vanishing(grade, text: str) -> None:
    assert idea_states(grade("q2.c:explanation", text))["vanishing"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop has a short memory of the past squared gradients.",
        "RMSprop : les anciens gradients s'estompent, il a une mémoire courte.",
    ],
)
def test_a_short_memory_is_forgetting(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["rmsprop-ema"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No: minimising the training loss, the p_i just die out.",
        "Non : en minimisant la perte d'entraînement, les p_i deviennent négligeables.",
    ],
)
def test_dying_out_is_going_to_zero(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] == "found"


def test_talking_to_each_other_is_coupled(grade) -> None:
    text = "No: given x, y and z still talk to each other through W, so it is exponential."
    assert idea_states(grade("q8.b:explanation", text))["coupled"] == "found"


def test_a_class_does_not_turn_a_wrong_claim_right(grade) -> None:
    # the classes widen the contradiction's words too: "WD" is weight decay
    text = "With ReLU it is exactly the same as WD."
    assert [c.id for c in grade("q5.b:explanation", text).contradictions] == ["identical"]


@pytest.mark.parametrize(
    ("alternative", "member"),
    [
        ("vanish*", "tend+vers+0"),
        ("vanishes", "goes+to+zero"),  # a single word belongs by its stem
        ("oubli*", "short+memory"),
        ("weight+decay", "wd"),
        ("coupl*", "talk+to+each+other"),
    ],
)
def test_an_alternative_is_widened_with_its_class(alternative: str, member: str) -> None:
    assert member in widen(alternative)


def test_words_of_no_class_are_left_alone() -> None:
    assert widen("decay*") == ()  # weight decay's word: not "decreases"
    assert widen("fade*") == ()  # a signal fades (vanishes), a memory forgets
    pattern = compile_pattern("leaky+average|lea decay*")
    assert len(pattern.terms[0]) == 2


def test_every_class_member_reads_as_a_pattern() -> None:
    for member in widen("vanish*") + widen("coupl*") + widen("richer"):
        compile_pattern(member)  # raises PatternError otherwise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("g/√r", ["g", "sqrt", "r"]),
        ("η/√(G+ε)", ["eta", "sqrt", "g", "epsilon"]),
        ("lr ↓ over time", ["lr", "decreases", "over", "time"]),
        ("p_i ↗", ["p_i", "increases"]),
        ("a ⟹ b", ["a", "→", "b"]),
        ("‖W‖ ≫ 1", ["w", "gt", "1"]),
    ],
)
def test_formula_symbols_are_words(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(("token", "word"), [("graident", "gradient"), ("moemntum", "momentum")])
def test_two_swapped_letters_are_one_typo(token: str, word: str) -> None:
    assert word_matches(Word(word), token) == (True, True)
    assert Lexicon([Word(word)]).hits(token) == {0: True}


@pytest.mark.parametrize(
    "text",
    ["No: the remaining sum has 2^min(M,K) terms.", "Non : exponentiel en min(M, K)."],
)
def test_the_minimum_of_the_layers_hints_at_their_coupling(grade, text: str) -> None:
    # the key's criterion: min(M,K) says one layer sums out and the other stays coupled
    result = grade("q8.b:explanation", text)
    assert idea_states(result)["coupled"] == "weak"
    assert result.score == 2


def test_the_sum_of_the_layers_is_not_that_hint(grade) -> None:
    result = grade("q8.b:explanation", "No, it is exponential in M+K.")
    assert idea_states(result)["coupled"] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "The mask is a Bernoulli sample, not a differentiable function of p, and the "
        "reparameterization trick does not work for a discrete variable.",
        "Le masque est tiré d'une Bernoulli, non dérivable en p, et l'astuce de "
        "reparamétrisation ne s'applique pas à une variable discrète.",
    ],
)
def test_why_the_reparameterization_trick_fails_names_the_remedies(grade, text: str) -> None:
    result = grade("q4.b.ii", text)
    assert idea_states(result)["relaxation"] == "found"
    assert result.score == 3


def test_proposing_the_reparameterization_trick_is_not_a_remedy(grade) -> None:
    text = "The sampling is not differentiable; just use the reparameterization trick."
    assert idea_states(grade("q4.b.ii", text))["relaxation"] == "missing"
