"""Issue 11, round 20 (i11s4): engine classes round 19 left, read on the tuning pool's even
offenders (sentences written for the test, EN and FR).

1. A full reversal (every bound idea given to the other entity, nothing else right) keeps
   the share of the swapped ideas' points its rubric says (`reversed_share`). Round 20 set
   q3.a's and q2.c's so that their reversals kept 1 of 5 and 0.5 of 3, as the writers of
   the tuning sets gave them; the two-grader sets (tuning13 and tuning14) give them about
   nothing, so the IFT6135 rubrics no longer set it and a reversal keeps the tenth (the
   option is pinned below on a rubric that sets it).
2. "Without"/"sans" denies its noun phrase, not a relative clause after it: in "un paquet
   sans diversité que D repère" D spots the pack (q7.c's `collapse-penalized`).
3. "Too simple", "trop simple" is a fault (q7.a: a verdict's reason), not the benefit
   "simple".
4. A condition after a comma ("h_0's weight shrinks like ρ^t, assuming ρ < 1") is the case
   of the claim before it, when that claim named none (q2.c).
6. "Without bound", "sans limite" is "unbounded": its negation ends at the noun.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.checks.concepts import score_item_text
from examgrade.errors import RubricError
from examgrade.rubric import load_rubric
from tests.conftest import ROOT
from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop adds up every squared gradient since the start, so its step only shrinks; "
        "Adagrad instead keeps a decaying average that forgets old gradients.",
        "RMSprop cumule tous les carrés des gradients depuis le début, donc son pas ne fait "
        "que baisser ; Adagrad, lui, garde une moyenne mobile exponentielle qui oublie.",
    ],
)
def test_q3a_full_reversal_earns_nothing(grade, text: str, tmp_path) -> None:
    result = grade("q3.a", text)
    assert "swapped-adagrad-sum" in contradiction_ids(result)
    assert result.score == 0  # two graders: nothing
    # a rubric that says its reversal keeps a quarter of the swapped ideas' points
    q3 = (ROOT / "rubrics" / "q3.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q3.yaml"
    path.write_text(_with_reversed_share(q3, 0.25), encoding="utf-8")
    part = load_rubric(path).part("a")
    item = next(i for i in part.items if i.check == "concepts")
    assert score_item_text(text, item).score == pytest.approx(1.0)


def _with_reversed_share(rubric: str, share: float) -> str:
    """The rubric with `reversed_share` on each idea bound to a subject (round 20's)."""
    out, in_ideas = [], False
    for line in rubric.split("\n"):
        out.append(line)
        stripped = line.lstrip()
        if stripped in ("ideas:", "contradictions:", "entities:"):
            in_ideas = stripped == "ideas:"
        if in_ideas and stripped.startswith("subject: "):
            out.append(f"{line[: len(line) - len(stripped)]}reversed_share: {share}")
    return "\n".join(out)


@pytest.mark.parametrize(
    "text",
    [
        "When every eigenvalue of W has modulus above 1 the gradient vanishes; when they are "
        "all below 1 in modulus it explodes.",
        "Si les valeurs propres de W sont de module supérieur à 1, le gradient s'évanouit ; "
        "si elles sont de module inférieur à 1, il explose.",
    ],
)
def test_q2c_full_reversal_earns_nothing(grade, text: str) -> None:
    result = grade("q2.c:explanation", text)
    assert {"swapped-vanishing", "swapped-exploding"} <= contradiction_ids(result)
    assert result.score == 0  # two graders: nothing


def test_a_reversal_share_outside_zero_to_one_is_refused(tmp_path) -> None:
    q3 = (ROOT / "rubrics" / "q3.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q3.yaml"
    path.write_text(_with_reversed_share(q3, 2), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert "'reversed_share'" in caught.value.message.render("en")
    assert "reversed_share" in caught.value.message.render("fr")


@pytest.mark.parametrize(
    "text",
    [
        "D looks at packs of m samples: a pack without diversity that D spots at once gives "
        "the collapse away, so the generator is penalised for it.",
        "D reçoit des paquets de m échantillons : un paquet sans diversité que D repère tout "
        "de suite trahit l'effondrement, qui est donc pénalisé.",
    ],
)
def test_without_denies_its_noun_not_the_relative_clause_after_it(grade, text: str) -> None:
    """2. "sans diversité que D repère": D does spot the pack; "sans" denies the diversity."""
    states = idea_states(grade("q7.c", text))
    assert states["collapse-penalized"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "D sees packs; without D noticing that they lack diversity, collapse is not penalised.",
        "D voit des paquets ; sans que D repère le manque de diversité, l'effondrement n'est "
        "pas pénalisé.",
    ],
)
def test_without_that_still_denies(grade, text: str) -> None:
    """The subjunctive "sans que D repère" is denied, as before."""
    assert idea_states(grade("q7.c", text))["collapse-penalized"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "No, far too simple.",
        "Non, beaucoup trop simple.",
        "I would not use it: it is too basic.",
    ],
)
def test_too_simple_is_the_fault_not_the_benefit(grade, text: str) -> None:
    """3. q7.a "trop simple" is the verdict's reason (TAs: the verdict's point, a little
    more for a sentence that says why: round 20's raise of a right answer without a wrong
    claim), not the benefit "simple"."""
    result = grade("q7.a", text)
    states = idea_states(result)
    assert states["not-advisable"] == "found"
    assert states["benefits"] != "found"
    assert 1.0 <= result.score <= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Not advisable: it only compares the means. Its upside: simple and stable.",
        "Déconseillé : il ne compare que les moyennes. Avantage : simple et stable.",
    ],
)
def test_simple_as_a_benefit_still_counts(grade, text: str) -> None:
    assert idea_states(grade("q7.a", text))["benefits"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The weight of h_0 in h_t shrinks like rho^t, assuming rho < 1, and blows up when rho > 1.",
        "Le poids de h_0 dans h_t diminue comme rho^t, à condition que rho < 1 ; si rho > 1 "
        "il explose.",
    ],
)
def test_a_condition_after_a_comma_binds_the_claim_before_it(grade, text: str) -> None:
    """4. q2.c: "..., assuming ρ < 1" is the case the claim before it holds in."""
    states = idea_states(grade("q2.c:explanation", text))
    assert states["vanishing"] == "found"
    assert states["exploding"] == "found"


def test_a_claim_that_names_its_own_case_keeps_it(grade) -> None:
    text = "If rho > 1 the gradient explodes, if rho < 1 it vanishes."
    result = grade("q2.c:explanation", text)
    assert not contradiction_ids(result)
    assert idea_states(result)["vanishing"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No, too simple: it cannot separate complicated distributions.",
        "Non, trop simple : il ne peut pas séparer des distributions complexes.",
    ],
)
def test_too_simple_with_what_it_cannot_separate_is_capacity(grade, text: str) -> None:
    """The capacity named by what it cannot separate earns half of `means-only`, as "not
    enough capacity" does (TAs 2 of 5)."""
    result = grade("q7.a", text)
    assert idea_states(result)["means-only"] == "weak"
    assert result.score == pytest.approx(2.0)


@pytest.mark.parametrize(
    "text",
    [
        "If rho < 1 the gradient vanishes; it grows without bound when rho > 1.",
        "Si rho < 1 le gradient s'évanouit ; il croît sans limite quand rho > 1.",
    ],
)
def test_without_bound_is_unbounded_said(grade, text: str) -> None:
    """6. "Without bound", "sans limite" is "unbounded": the case after it is not denied."""
    assert idea_states(grade("q2.c:explanation", text))["exploding"] == "found"
