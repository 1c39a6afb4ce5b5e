"""Issue 11, round 11: q7.c (PacGAN), the item furthest from the TAs. The ways students say
the key's ideas (tuned on tuning, tuning2, labelled and tuning3-6's even halves; the
sentences here are written for the test, EN and FR):

- a pack from one source said as "que des vrais ou que des faux", "only real samples";
- the key's formal reason (the packs' TV grows faster when Q has lost modes) is the
  diversity idea: what a TA credits it as;
- a collapsed generator that "can no longer fool D" is collapse penalised;
- "D sees several images", without "at once", and "it changes D('s input)" hint at the
  packs (half);
- a plain GAN's discriminator judging one sample at a time is the contrast the answer
  draws, not the misconception (which still counts said of PacGAN's discriminator).
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "Le discriminateur juge des paquets de m images, que des vrais ou que des faux.",
        "The discriminator judges packs of m images, only real ones or only fake ones.",
    ],
)
def test_a_pack_from_one_source_in_other_words(grade, text: str) -> None:
    assert idea_states(grade("q7.c", text))["homogeneous"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "La variation totale entre P^m et Q^m augmente bien plus vite quand Q a perdu des modes.",
        "The TV distance between P^m and Q^m grows much faster when Q has lost modes.",
    ],
)
def test_the_formal_reason_is_the_diversity_idea(grade, text: str) -> None:
    assert idea_states(grade("q7.c", text))["diversity"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Avec des paquets, un générateur effondré ne trompe plus le discriminateur.",
        "With packs, a collapsed generator can no longer fool the discriminator.",
    ],
)
def test_a_collapsed_generator_that_no_longer_fools_d(grade, text: str) -> None:
    assert idea_states(grade("q7.c", text))["collapse-penalized"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Le discriminateur voit plusieurs échantillons.",
        "The discriminator sees several images.",
        "PacGAN modifie l'entrée du discriminateur pour qu'il repère le mode collapse.",
        "It changes the discriminator so that it can spot mode collapse.",
    ],
)
def test_several_samples_seen_hint_at_the_packs(grade, text: str) -> None:
    assert idea_states(grade("q7.c", text))["packs"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Un discriminateur classique juge chaque échantillon séparément ; avec PacGAN il "
        "reçoit des paquets de m échantillons concaténés.",
        "The usual discriminator judges each sample individually; with PacGAN it receives "
        "packs of m samples concatenated.",
    ],
)
def test_a_plain_gans_discriminator_is_the_contrast(grade, text: str) -> None:
    result = grade("q7.c", text)
    assert "judged-alone" not in said(result)
    assert idea_states(result)["packs"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Le discriminateur juge chaque échantillon séparément.",
        "The discriminator judges each sample individually.",
    ],
)
def test_pacgans_discriminator_judging_alone_is_still_the_misconception(grade, text: str) -> None:
    assert "judged-alone" in said(grade("q7.c", text))
