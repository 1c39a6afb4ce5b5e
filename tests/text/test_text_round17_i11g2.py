"""Issue 11, round 17 (q2.c, q7.a, q7.c, q8.a, q8.b): classes read on the even answers
of tuning10 (and tuning8/9), sentences written for the test (EN and FR).

- q2.c: h_t said to no longer depend on h_0 is the state's fate (it forgets h_0).
- q7.a: collapse the linear critic cannot detect or see is the generator's freedom to
  collapse (as round 16's "does not penalise").
- q7.c: "D receives ...", "D sees ..." name the discriminator (a bare "d" is French
  elision), so a clause after a sentence about G is D's again; "each sample" is not
  "each generator" (several networks); the generator that "takes" or "is given" several
  samples is the packs given to the wrong network.
- q8.a: no link or connection inside a group, the units of a block said independent: the
  conditional independence.
- q8.b: the cost put on the visible units (x is given) is not the key's exponential.
- engine: a subject relative ("qui", "who") right after a name is about that name, even
  when it names another entity as its object ("le générateur qui reçoit ... du D").
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "For rho < 1 the gradient vanishes and h_t no longer depends on h_0.",
        "Si rho < 1 le gradient s'évanouit, et h_t ne dépend plus de l'état initial.",
    ],
)
def test_q2c_state_no_longer_depends_on_h0(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert idea_states(result)["state"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "It only compares the means. It can't notice mode collapse.",
        "Il ne compare que les moyennes. Il ne voit pas l'effondrement des modes.",
    ],
)
def test_q7a_collapse_left_undetected(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["generator-matches-mean"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Mode collapse is when G outputs one image. With PacGAN, D receives m images "
        "concatenated, all real or all generated.",
        "Le mode collapse, c'est quand G sort toujours la même image. Avec PacGAN, D reçoit "
        "m images concaténées, toutes réelles ou toutes générées.",
    ],
)
def test_q7c_d_named_by_its_verb(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "A collapsed generator makes packs of near copies or misses modes, easy to catch "
        "jointly even when each sample looks fine alone.",
        "Un générateur effondré donne des paquets presque identiques et rate des modes, "
        "même si chaque échantillon a l'air correct : on le repère ensemble.",
    ],
)
def test_q7c_each_sample_is_not_several_networks(grade, text) -> None:
    result = grade("q7.c", text)
    assert "several-networks" not in [c.id for c in result.contradictions]


@pytest.mark.parametrize(
    "text",
    [
        "The generator takes several samples at once and learns to vary them.",
        "Le générateur prend plusieurs échantillons en même temps.",
    ],
)
def test_q7c_generator_taking_several_samples_is_a_contradiction(grade, text) -> None:
    result = grade("q7.c", text)
    assert "generator-packs" in [c.id for c in result.contradictions]


def test_q7c_several_generators_each_for_a_mode_still_a_contradiction(grade) -> None:
    result = grade("q7.c", "PacGAN trains several generators, each generator covering a mode.")
    assert "several-networks" in [c.id for c in result.contradictions]


@pytest.mark.parametrize(
    "text",
    [
        "Three blocks: x given y, z, then y, then z; no link between the units of the same group.",
        "Trois blocs x, y, z : aucune connexion entre les unités d'un même groupe.",
        "Gibbs in three blocks x, y, z; all units of a block are independent, drawn in one go.",
        "On tire x, puis y, puis z : les unités d'un bloc sont indépendantes, tirées d'un coup.",
    ],
)
def test_q8a_no_link_inside_a_group(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert idea_states(result)["conditional-independence"] == "found"


def test_q8a_units_dependent_inside_a_block_not_credited(grade) -> None:
    text = "Les unités d'un même bloc sont liées entre elles mais indépendantes des autres blocs."
    result = grade("q8.a:explanation", text)
    assert idea_states(result)["conditional-independence"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "No: it grows exponentially with the number of visible units.",
        "Non, c'est exponentiel en le nombre d'unités visibles.",
    ],
)
def test_q8b_cost_on_the_visible_units(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert "visible-exponential" in [c.id for c in result.contradictions]
    assert idea_states(result)["exponential"] != "found"


def test_q8b_exponential_in_min_m_k_no_contradiction(grade) -> None:
    result = grade("q8.b:explanation", "Non : exponentiel en 2^min(M,K), y et z restent couplés.")
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "C'est le générateur qui reçoit plusieurs images du discriminateur.",
        "It's the generator who receives several samples at once from the discriminator.",
    ],
)
def test_q7c_subject_relative_after_a_name_is_that_name(grade, text) -> None:
    result = grade("q7.c", text)
    assert "generator-packs" in [c.id for c in result.contradictions]
