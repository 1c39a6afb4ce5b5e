"""Issue 11, twelfth round: an idea said in other words than its patterns, hinted by the
words it shares with the idea (`examgrade/text/soft.py`; sentences written for the test,
EN and FR).

A clause that says, affirmed, enough of the words distinctive of an idea (its patterns'
words, its statement, its key sentence) earns the idea's weak credit ("~ hinted") beside
an idea a pattern found. Each test pairs such a paraphrase (missed before the round) with
what must stay uncredited: the same clause denied, a reversed claim, the idea said of the
other entity, an answer with nothing else recognised, a keyword list.
"""

from __future__ import annotations

import pytest

from examgrade.text.soft import HINT, build
from tests.text.conftest import idea_states

Q5B = "q5.b:explanation"
PARAPHRASE = {
    "en": "With ReLUs only the active units contribute to the Jacobian, so it is different.",
    "fr": "Avec des ReLU, seules les unités actives contribuent à la jacobienne, donc c'est "
    "différent.",
}


def hinted(result) -> set[str]:
    return {r.idea.id for r in result.ideas if r.match and r.match.pattern == HINT}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paraphrase_is_hinted_and_lowers_the_confidence(grade, lang) -> None:
    result = grade(Q5B, PARAPHRASE[lang])
    assert idea_states(result)["active-units"] == "found"
    assert idea_states(result)["data-dependent"] == "weak"
    assert hinted(result) == {"data-dependent"}
    assert "soft" in result.confidence.reasons
    assert result.score == pytest.approx(2.0)  # 1.6 for the active units, half of 0.8


@pytest.mark.parametrize(
    "denied",
    [
        "With ReLUs only the active units contribute to the Jacobian, so it is not different.",
        "Avec des ReLU, seules les unités actives contribuent à la jacobienne, donc ce n'est "
        "pas différent.",
    ],
)
def test_the_paraphrase_denied_is_not_hinted(grade, denied) -> None:
    assert hinted(grade(Q5B, PARAPHRASE["en"])) == {"data-dependent"}
    result = grade(Q5B, denied)
    assert "data-dependent" not in hinted(result)
    assert idea_states(result)["data-dependent"] != "weak"


@pytest.mark.parametrize(
    "reversed_claim",
    [
        # the key's misconception in the same sentence: nothing of it is a hint
        "Avec des ReLU, seules les unités actives contribuent à la jacobienne, c'est pareil "
        "que le weight decay.",
        "With ReLUs only the active units contribute to the Jacobian, so it is the same as "
        "weight decay.",
    ],
)
def test_a_reversed_claim_is_not_hinted(grade, reversed_claim) -> None:
    assert hinted(grade(Q5B, PARAPHRASE["fr"])) == {"data-dependent"}
    result = grade(Q5B, reversed_claim)
    assert not hinted(result)
    assert result.score <= 1.6


@pytest.mark.parametrize(
    "other_entity",
    [
        "Unlike the CAE, with weight decay only the active units contribute to the "
        "Jacobian, so it is different.",
        "Pour le weight decay, seules les unités actives contribuent à la jacobienne, donc "
        "c'est différent.",
    ],
)
def test_a_bound_idea_said_of_the_other_entity_is_not_hinted(grade, other_entity) -> None:
    assert hinted(grade(Q5B, PARAPHRASE["en"])) == {"data-dependent"}
    result = grade(Q5B, other_entity)  # data-dependent is the CAE penalty's
    assert not hinted(result)
    assert idea_states(result)["data-dependent"] != "weak"


def test_no_hint_without_an_idea_a_pattern_found_nor_in_a_keyword_list(grade) -> None:
    assert hinted(grade(Q5B, PARAPHRASE["en"])) == {"data-dependent"}
    alone = grade("q7.c", "Mode collapse is when the generator produces only a few modes.")
    assert not hinted(alone)
    listed = grade(Q5B, "unités actives, jacobienne différente, ReLU, données")
    assert listed.keyword_list and not hinted(listed)


def test_words_every_idea_uses_weigh_nothing_and_one_ideas_own_word_weighs_one(rubrics):
    from benchmarks.text_agreement import find_item
    from examgrade.checks.concepts import read_options

    ideas, contradictions = read_options(find_item(rubrics, Q5B))
    bags = build(ideas, contradictions, frozenset())
    every = [w for bag in bags.weights for w in bag.values()]
    assert every and all(0 < w <= 1 for w in every)
    assert max(every) == pytest.approx(1.0)
    for word in ("gradient", "weight", "the", "les", "because"):  # soft.yaml, function words
        assert not bags.lexicon.hits(word) or all(
            bags.units[n] not in bag for n in bags.lexicon.hits(word) for bag in bags.weights
        )


LONG = {
    "en": "At the start of training the weights are small, so the network behaves almost like "
    "a linear model and can only represent simple functions. As training goes on, gradient "
    "descent moves them step by step and the functions it can express become richer and "
    "richer. {last}",
    "fr": "Au début de l'entraînement les poids sont petits, donc le réseau se comporte "
    "presque comme un modèle linéaire et ne représente que des fonctions simples. Au fil "
    "de l'entraînement la descente de gradient les déplace pas à pas et les fonctions "
    "qu'il peut exprimer deviennent de plus en plus riches. {last}",
}
WATCH = {
    "en": ("So we should watch the validation curve.", "We never look at the validation curve."),
    "fr": (
        "Il faut donc surveiller la courbe de validation.",
        "On ne regarde jamais la courbe de validation.",
    ),
}
SHORT = {
    "en": "The weights start small, so the network is almost linear. {last}",
    "fr": "Les poids sont petits au début, donc le réseau est presque linéaire. {last}",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_in_a_long_answer_one_word_of_one_idea_only_is_a_hint(grade, lang) -> None:
    said, denied = WATCH[lang]
    long = grade("q4.a", LONG[lang].format(last=said))
    assert long.details["words"] >= 40
    assert {"bounded-steps", "early-stopping"} <= hinted(long)  # "moves them", "validation"
    assert "early-stopping" not in hinted(grade("q4.a", LONG[lang].format(last=denied)))
    short = grade("q4.a", SHORT[lang].format(last=said))  # a short answer needs three words
    assert idea_states(short)["small-init"] == "found" and not hinted(short)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_doubt_of_the_confidence_says_why_in_both_languages(lang) -> None:
    from examgrade.i18n import catalog
    from examgrade.text.confidence import FACTORS

    messages = catalog(lang)
    assert "soft" in FACTORS
    assert all(messages.get(f"text.reason_{code}") for code in FACTORS)
