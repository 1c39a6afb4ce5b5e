"""Issue 11, round 23 (i11t14a): over-credited reversals on q2.c to q5.b.

Each test names the class of student writing it guards; the wordings are written for
these tests, in no labelled set.
"""

from __future__ import annotations

import pytest

from examgrade.text.match import negated_positions
from examgrade.text.normalize import parse, tokens
from tests.text.conftest import contradiction_ids


def _denied(text: str) -> list[str]:
    sentence = parse(text).sentences[0]
    return [t for t, d in zip(sentence.tokens, negated_positions(sentence), strict=True) if d]


# 1. French puts an adverb inside its negation ("ce n'est donc pas", "il n'y a ainsi plus
#    de"): "donc" and "ainsi" were read as the connector that cuts a clause, which parted
#    "ne" from its "pas" and left the claim said ("pas une", "pas de" alone deny nothing).


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Ce n'est donc pas une pénalité uniforme.", "uniforme"),
        ("la pénalité ne dépend donc plus des poids inactifs", "inactifs"),
        ("il n'y a ainsi plus de bruit dans le masque", "bruit"),
        ("ce n est donc pas une methode du second ordre", "ordre"),
    ],
)
def test_an_adverb_inside_a_french_negation_keeps_it(text, denied) -> None:
    assert denied in _denied(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Adagrad accumule tout, donc le pas diminue", "diminue"),
        ("le taux baisse, ainsi l'apprentissage ralentit", "ralentit"),
    ],
)
def test_donc_and_ainsi_still_join_two_claims(text, said) -> None:
    assert said not in _denied(text)


# 2. An idea given to the wrong entity beside right ideas ("RMSprop is the one with
#    momentum, Adam corrects the bias") only lost the swapped idea's credit, where a
#    misconception the rubric names costs its points: the reversed core scored 3 of 5,
#    the TAs give 0.75 to 1. A swap now costs its idea's points once (never below the
#    fifth an answer with something right keeps), unless its sentence denies anything,
#    where the swap may be a misread negation's scope.


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop has momentum while Adam has bias correction, and both keep an EMA of g^2.",
        "C'est RMSprop qui utilise le momentum, une moyenne mobile du gradient ; Adam garde "
        "la moyenne des carrés des gradients et corrige le biais.",
    ],
)
def test_a_swapped_core_beside_right_ideas_costs_its_points(grade, text) -> None:
    result = grade("q3.b", text)
    assert "swapped-momentum" in contradiction_ids(result)
    assert result.score <= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Adam adds momentum to RMSprop's moving average of squared gradients and corrects "
        "the bias of both moments.",
        "Adam corrige le biais et ajoute un momentum ; les deux gardent une moyenne mobile "
        "des carrés.",
    ],
)
def test_the_right_attribution_keeps_full_marks(grade, text) -> None:
    assert grade("q3.b", text).score >= 4.5


# 3. A French negative subject is the "pas" of the "ne" after it: "aucun des deux n'a de
#    momentum", "rien ne change", "aucune méthode n'utilise le momentum" deny the verb's
#    phrase; before, "aucun" denied only its own noun phrase and "ne" waited for a "pas",
#    so a right "neither has momentum" read as "has momentum". Only within its clause.


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Aucun des deux n'a de momentum.", "momentum"),
        ("aucune des deux méthodes n'utilise l'inertie", "inertie"),
        ("rien ne garantit la convergence", "convergence"),
        ("personne ne calcule la hessienne", "hessienne"),
    ],
)
def test_a_negative_subject_denies_the_verb_after_ne(text, denied) -> None:
    assert denied in _denied(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Adagrad ne garde que la somme des carrés", "somme"),
        ("aucun souci, RMSprop ne fait que moyenner les carrés", "moyenner"),
    ],
)
def test_ne_que_and_a_negative_word_in_another_clause_deny_nothing(text, said) -> None:
    assert said not in _denied(text)


# 4. Misconceptions said outright that the rubrics did not know, each a contradiction in
#    English and French: momentum given to Adagrad (q3.a; momentum is Adam's first
#    moment), the architecture's own capacity (its VC dimension, its neurons) said to grow
#    with training (q4.a, the key's "the number of parameters grows"), and the dropped
#    units' weights getting no gradient taken for the problem of learning p_i (q4.b.ii).


@pytest.mark.parametrize(
    ("key", "text", "claim"),
    [
        (
            "q3.a",
            "Adagrad relies on momentum, RMSprop on the RMS of recent gradients.",
            "adagrad-momentum",
        ),
        (
            "q3.a",
            "Adagrad utilise une inertie ; RMSprop divise par la racine de la moyenne des carrés.",
            "adagrad-momentum",
        ),
        (
            "q4.a",
            "Training longer raises the VC dimension of the network, so it can fit more.",
            "parameters-grow",
        ),
        (
            "q4.a",
            "Avec les itérations, le nombre de neurones augmente, donc la capacité aussi.",
            "parameters-grow",
        ),
        (
            "q4.b.ii",
            "Dropped units never receive a gradient, so p_i cannot be learned.",
            "dropped-units-no-gradient",
        ),
        (
            "q4.b.ii",
            "Les neurones éteints ne reçoivent pas de gradient pendant la rétropropagation.",
            "dropped-units-no-gradient",
        ),
    ],
)
def test_a_misconception_said_outright_earns_little(grade, key, text, claim) -> None:
    result = grade(key, text)
    assert claim in contradiction_ids(result)
    assert result.score <= 0.25 * sum(r.idea.points for r in result.ideas)


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "q3.a",
            "Neither Adagrad nor RMSprop uses momentum: both divide each step by the root "
            "of accumulated squared gradients, a sum for Adagrad, a decaying average "
            "for RMSprop.",
        ),
        (
            "q3.a",
            "Aucun des deux n'a de momentum ; Adagrad somme les carrés, RMSprop en fait une "
            "moyenne mobile exponentielle.",
        ),
        (
            "q4.a",
            "The VC dimension stays the same; the effective capacity grows as the weights "
            "drift away from their small initialisation.",
        ),
        (
            "q4.b.ii",
            "The mask is a discrete Bernoulli sample: we cannot backpropagate through the "
            "sampling to p_i, so we need REINFORCE or a Gumbel-softmax relaxation.",
        ),
    ],
)
def test_the_right_claim_beside_them_is_not_charged(grade, key, text) -> None:
    assert not {"adagrad-momentum", "parameters-grow", "dropped-units-no-gradient"} & (
        contradiction_ids(grade(key, text))
    )


# 5. "avg" is how students abbreviate "average" under time pressure ("sum replaced by a
#    decaying avg E[g^2] with decay rho"): the idea's words are there, and a grader reads
#    them so; before, only the pairs "moving avg"/"running avg" were known, and a sentence
#    whose RMSprop idea went unread then read its replaced sum as RMSprop's own (a swap).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a decaying avg of g^2", ["a", "decaying", "average", "of", "g", "2"]),
        ("moyenne expo (avg) des g^2", ["moyenne", "expo", "average", "des", "g", "2"]),
    ],
)
def test_avg_is_read_as_average(text, expected) -> None:
    assert tokens(text) == expected


# 6. French "pas" is the step, not a negation, when the words after it name the step with
#    no article before it, as terse answers write it: "point commun : pas adaptatif par
#    coordonnée", "Adagrad : pas d'apprentissage qui décroît" ("le pas" was known). A
#    negation still where it is one: "n'est pas adaptatif", "pas adaptatif du tout",
#    "pas de momentum".


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Point commun : pas adaptatif par coordonnée.", "adaptatif"),
        ("Adagrad : pas d'apprentissage qui décroît", "apprentissage"),
        ("RMSprop, pas effectif qui ne s'annule pas", "effectif"),
    ],
)
def test_pas_naming_the_step_is_the_noun(text, said) -> None:
    assert said not in _denied(text)


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("RMSprop n'est pas adaptatif", "adaptatif"),
        ("SGD : pas adaptatif du tout", "adaptatif"),
        ("pas de momentum dans RMSprop", "momentum"),
    ],
)
def test_pas_still_denies_where_it_is_a_negation(text, denied) -> None:
    assert denied in _denied(text)
