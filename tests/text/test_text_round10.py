"""Issue 11, tenth round: who does what, and misconceptions buried in good answers (tuned
on tuning6's even answers, tuning, tuning2, labelled and tuning3-5's even halves; the
sentences here are written for the test, EN and FR).

1. A self-correction takes its claim back: "X uses a moving average... no, sorry: it's Y",
   "X n'a pas de momentum... si, en fait il en a" are graded on what the student settled on.
2. A verb of giving names its recipient: "on donne au générateur des paquets", "packs are
   fed to the generator" are about the generator, not a comparison with it.
3. Two wrong claims that deny one idea withhold it once: each costs its own points, the
   idea's points are charged once (as a TA counts).
4. The key's misconceptions buried in a good answer cost what a TA takes: bias correction
   said to matter at the end of training or not to matter (q3.b), PacGAN's discriminator
   judging one sample at a time (q7.c), the CAE penalty "the same as weight decay on
   average" (q5.b), p_i leaving [0, 1] as q4.b.i's pitfall.

The tests that pass on the code before guard the other side of each class: the right
answer keeps its points.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    ("key", "text", "low"),
    [
        (
            "q3.a",
            "Adagrad uses a moving average... no, sorry: it's RMSprop that uses an exponential "
            "moving average of g^2, Adagrad sums all past squared gradients, so its rate only "
            "decreases. Both adapt the learning rate per parameter.",
            4.5,
        ),
        (
            "q3.a",
            "Adagrad utilise une moyenne mobile... non, pardon: c'est RMSprop qui utilise la "
            "moyenne mobile exponentielle des g^2, Adagrad fait la somme de tous les g^2, donc "
            "son taux ne fait que diminuer. Les deux : lr adaptatif par paramètre.",
            4.5,
        ),
    ],
)
def test_a_claim_taken_back_is_not_graded(grade, key: str, text: str, low: float) -> None:
    result = grade(key, text)
    assert result.score >= low
    assert not said(result)


def test_a_claim_taken_back_keeps_its_name_for_the_pronoun(grade) -> None:
    result = grade(
        "q3.b",
        "Adam has no momentum... wait, actually it has: it adds momentum, an EMA of the "
        "gradient. Both use an EMA of g^2, and Adam corrects the bias.",
    )
    assert "adam-no-momentum" not in said(result)
    assert idea_states(result)["momentum"] == "found"


def test_an_ellipsis_alone_takes_nothing_back(grade) -> None:
    result = grade("q3.b", "Adam has no momentum... it only corrects the bias.")
    assert "adam-no-momentum" in said(result)


@pytest.mark.parametrize(
    "text",
    [
        "PacGAN: on donne au générateur des paquets de m vecteurs de bruit, alors que le "
        "discriminateur continue à juger un échantillon à la fois. Ça force la diversité.",
        "Packs of m noise vectors are fed to the generator, while the discriminator still "
        "judges one sample at a time. This forces diversity.",
    ],
)
def test_packs_given_to_the_generator_are_a_swap(grade, text: str) -> None:
    result = grade("q7.c", text)
    assert {"generator-packs", "judged-alone"} <= said(result)
    assert idea_states(result)["packs"] == "negated"
    # each wrong sentence costs its point, the packs idea is withheld once: diversity stays
    assert 0.5 <= result.score <= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "On donne au discriminateur des paquets de m échantillons, tous réels ou tous "
        "générés ; un générateur effondré donne des paquets peu divers, faciles à détecter.",
        "Packs of m samples, all real or all fake, are fed to the discriminator instead of "
        "judging one sample at a time, so a collapsed generator's lack of diversity shows.",
    ],
)
def test_packs_given_to_the_discriminator_stay_right(grade, text: str) -> None:
    result = grade("q7.c", text)
    assert not said(result)
    assert result.score >= 4


@pytest.mark.parametrize(
    ("text", "mistake"),
    [
        (
            "Same EMA of g^2 in both. Adam adds momentum and bias correction. The bias "
            "correction is needed because the step would explode at the end of training.",
            "bias-late",
        ),
        (
            "Même moyenne mobile des g^2. Adam ajoute momentum et correction du biais, "
            "nécessaire en fin d'entraînement quand beta^t tend vers 0.",
            "bias-late",
        ),
        (
            "Adam = RMSprop + momentum + correction du biais. La correction du biais c'est pas "
            "vraiment important, ça change presque rien en pratique.",
            "bias-unimportant",
        ),
        (
            "Adam = RMSprop + momentum + bias correction; the bias correction does not really "
            "matter in practice, it is a minor detail.",
            "bias-unimportant",
        ),
    ],
)
def test_a_bias_correction_misconception_costs_its_idea(grade, text: str, mistake: str) -> None:
    result = grade("q3.b", text)
    assert mistake in said(result)
    assert idea_states(result)["bias-correction"] == "negated"
    assert result.score == pytest.approx(3)


@pytest.mark.parametrize(
    "text",
    [
        "Both use an EMA of squared gradients. Adam adds momentum and corrects the bias of "
        "the moments, which start at zero: it matters in the first steps, not at the end of "
        "training.",
        "Les deux : moyenne mobile des g^2. Adam ajoute le momentum et une correction du "
        "biais, importante au début car les moments partent de 0.",
        "RMSprop does not use momentum and does not correct the bias of its average "
        "(initialised at zero); Adam does both, and both use an EMA of g^2.",
    ],
)
def test_bias_correction_said_right_keeps_its_points(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert not {"bias-late", "bias-unimportant"} & said(result)
    assert idea_states(result)["bias-correction"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The penalty only touches the active units, so it depends on x. But on average it "
        "amounts to weight decay, no real difference.",
        "La pénalité ne touche que les unités actives. Par contre en moyenne c'est pareil que "
        "le weight decay, ça revient au même, pas de vraie différence.",
    ],
)
def test_the_same_as_weight_decay_on_average_is_the_identical_mistake(grade, text: str) -> None:
    assert "identical" in said(grade("q5.b:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "It could work, but the pitfall is that the p_i might leave [0,1], so we clip them.",
        "Le piège : les p_i peuvent sortir de [0,1], il faut une sigmoïde.",
    ],
)
def test_p_leaving_the_unit_interval_is_not_the_pitfall(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert "p-constraint" in said(result)
    assert result.score <= 1


def test_the_pitfall_said_right_keeps_its_points(grade) -> None:
    result = grade(
        "q4.b.i",
        "Minimising the training loss drives p_i to 0, so no regularisation is left and the "
        "network overfits; tune p on validation data.",
    )
    assert not said(result)
    assert result.score == pytest.approx(3)


@pytest.mark.parametrize(
    "text",
    [
        "It is not a problem for the discriminator, it is the generator that becomes too "
        "weak: G can only produce linear transformations of z, so it only matches the mean.",
        "Non : c'est le générateur qui devient trop faible, il ne fait que reproduire la moyenne.",
    ],
)
def test_the_weakness_given_to_the_generator_is_a_swap(grade, text: str) -> None:
    result = grade("q7.a", text)
    assert "generator-too-weak" in said(result)
    assert result.score <= 2


@pytest.mark.parametrize(
    "text",
    [
        "No: a linear discriminator is too weak, it only compares the means, so the generator "
        "just matches the mean and collapses.",
        "Non, le discriminateur linéaire est trop faible : il ne compare que les moyennes, le "
        "générateur se contente de reproduire la moyenne.",
    ],
)
def test_the_discriminator_too_weak_stays_right(grade, text: str) -> None:
    result = grade("q7.a", text)
    assert "generator-too-weak" not in said(result)
    assert result.score >= 4


@pytest.mark.parametrize(
    "text",
    [
        "The Jacobian is diag(1[Wx+b>0]) W. It is weight decay but only on the rows of the "
        "units that are active for that input -> data-dependent. Dead units are not "
        "penalised at all.",
        "C'est du weight decay mais seulement sur les lignes des unités actives, donc ça "
        "dépend des données, alors que le weight decay pénalise tous les poids pareil.",
    ],
)
def test_but_only_restricts_weight_decay_to_the_cae_penalty(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert not said(result)
    assert idea_states(result)["active-units"] == "found"


def test_but_only_after_another_subject_opens_no_new_one(grade) -> None:
    result = grade(
        "q5.b:explanation",
        "Weight decay penalises every weight, but only the CAE penalty depends on the data: "
        "it touches the active units.",
    )
    assert not said(result)
    assert idea_states(result)["weight-decay-uniform"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam keeps m_t = b1 m + (1-b1) g and v_t = b2 v + (1-b2) g^2, RMSprop only the "
        "second, and Adam divides by 1-b^t.",
        "Adam garde m = beta1 m + (1 - beta1) g en plus de v = beta2 v + (1 - beta2) g^2 comme "
        "RMSprop, et divise par (1 - b1^t).",
    ],
)
def test_the_moments_said_as_formulas(grade, text: str) -> None:
    states = idea_states(grade("q3.b", text))
    assert states["momentum"] == "found"
    assert states["bias-correction"] == "found"


def test_the_second_moment_formula_is_not_momentum(grade) -> None:
    result = grade("q3.b", "RMSprop: v = b2 v + (1-b2) g^2, Adam too, plus bias correction.")
    assert idea_states(result)["momentum"] == "missing"
