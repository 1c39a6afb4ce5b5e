"""Issue 11, round 16 (q3.a, q3.b, q4.a, q4.b.i, q4.b.ii): ideas in other words and
reversed claims, as classes (tuned on tuning9's even answers and the other sets' even
halves; sentences written for the test, EN and FR).

1. Engine: a clause that is only "unlike X" / "contrairement à X" after denied claims
   opposes them ("RMSprop has no momentum, unlike Adam": Adam has momentum).
2. Engine: in a comparison of two, what a clause sets aside with "instead of" / "au lieu
   de" without naming anyone is what the other entity, named before in the sentence, does
   ("RMSprop fixes Adagrad: instead of summing every g², it ...": Adagrad sums them).
3. q4.a: a bigger hypothesis class, less regularisation the longer one trains (the
   effective capacity); the weights that cannot go far in few steps, a bound on
   ||w_t - w0|| (bounded steps); w0 ≈ 0 (small init).
4. q4.b.i: the training loss choosing the least noise, not keeping the noise, p_i that
   will not stay large: p_i → 0.
5. q4.b.ii: the expectation over every mask is half the discrete mask; "the loss is
   discrete" is the reversal; "just use the reparametrisation trick" is a misconception.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    ("text", "idea"),
    [
        ("RMSprop keeps no first moment and no bias correction, unlike Adam.", "momentum"),
        ("RMSprop keeps no first moment and no bias correction, unlike Adam.", "bias-correction"),
        ("RMSprop ne corrige jamais le biais, contrairement à Adam.", "bias-correction"),
        ("RMSprop n'a ni momentum ni correction du biais, contrairement à Adam.", "momentum"),
    ],
)
def test_a_trailing_unlike_opposes_the_denied_claims(grade, text: str, idea: str) -> None:
    assert idea_states(grade("q3.b", text))[idea] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop doesn't add up all the past squared gradients, unlike Adagrad.",
        "RMSprop n'accumule pas tous les gradients au carré, contrairement à Adagrad.",
    ],
)
def test_a_trailing_unlike_gives_adagrad_its_sum(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-sum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam has no momentum at all, unlike RMSprop.",
        "Adam n'utilise aucun momentum, contrairement à RMSprop.",
    ],
)
def test_a_trailing_unlike_after_the_wrong_entity_is_still_a_swap(grade, text: str) -> None:
    """Guard: denied of Adam, affirmed of RMSprop: the key's mistake, not Adam's idea."""
    result = grade("q3.b", text)
    assert "adam-no-momentum" in contradiction_ids(result)
    assert idea_states(result)["momentum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop has no momentum, same for the bias correction, and it does not keep raw g.",
        "RMSprop n'a pas de momentum, pareil pour la correction du biais, et il ne garde pas tout.",
    ],
)
def test_a_denial_after_a_likewise_clause_is_read(grade, text: str) -> None:
    """A "same for X" clause then a denied one of the same subject: the likewise reading and
    the subject's list of denials once shared a name, and the grader raised on it."""
    result = grade("q3.b", text)
    assert 0 <= result.score <= 5


@pytest.mark.parametrize(
    "text",
    [
        "Adam has momentum and bias correction, unlike RMSprop.",
        "Adam corrige le biais, contrairement à RMSprop.",
    ],
)
def test_an_affirmed_claim_before_unlike_stays_its_own(grade, text: str) -> None:
    """Guard: nothing is denied, nothing is handed to the other entity."""
    result = grade("q3.b", text)
    assert not {c for c in contradiction_ids(result) if c.startswith("swapped")}


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop repairs Adagrad: instead of summing every squared gradient, it keeps a "
        "moving average of them.",
        "RMSprop corrige Adagrad : au lieu de cumuler tous les gradients au carré, il garde "
        "une moyenne mobile.",
    ],
)
def test_what_instead_of_sets_aside_is_the_other_ones(grade, text: str) -> None:
    states = idea_states(grade("q3.a", text))
    assert states["adagrad-sum"] == "found" and states["rmsprop-ema"] == "found"


def test_instead_of_with_the_entity_in_the_clause_is_unchanged(grade) -> None:
    """Guard: "Adagrad averages instead of summing" denies Adagrad's sum (a reversal)."""
    assert idea_states(grade("q3.a", "Adagrad averages instead of summing."))["adagrad-sum"] != (
        "found"
    )


@pytest.mark.parametrize(
    ("text", "idea"),
    [
        ("The longer it trains, the bigger its hypothesis class.", "effective-capacity"),
        ("L'ensemble d'hypothèses devient plus grand au fil des itérations.", "effective-capacity"),
        (
            "Early stopping regularises, so the longer you train, the less regularized.",
            "effective-capacity",
        ),
        ("L'arrêt précoce régularise : plus on itère, moins on régularise.", "effective-capacity"),
        (
            "In a few steps SGD cannot move the weights far from where they started.",
            "bounded-steps",
        ),
        (
            "En quelques pas, SGD ne peut pas déplacer les poids loin de leur départ.",
            "bounded-steps",
        ),
        ("We have ||w_t - w0|| <= t * lr * G after t steps.", "bounded-steps"),
        ("Starting point: w0 ≈ 0, i.e. a simple function.", "small-init"),
    ],
)
def test_q4a_ideas_in_other_words(grade, text: str, idea: str) -> None:
    assert idea_states(grade("q4.a", text))[idea] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No: minimising the training error picks the least noise possible.",
        "Non : la perte d'entraînement n'a aucune raison de garder le bruit.",
        "Not effective, the p_i will not remain high.",
        "Pas efficace : les p_i ne vont pas rester élevés.",
    ],
)
def test_q4bi_the_noise_dropped_is_p_to_zero(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["p-to-zero"] == "found"


def test_q4bi_keeping_the_noise_is_not_p_to_zero(grade) -> None:
    """Guard: an affirmed "p stays high, the noise is kept" earns nothing."""
    assert (
        idea_states(grade("q4.b.i", "Yes, the p_i stay high so it keeps the noise."))["p-to-zero"]
        != "found"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The exact gradient is a sum over all possible masks, 2^H terms.",
        "Le gradient exact demande une espérance sur tous les masques possibles.",
    ],
)
def test_q4bii_every_mask_is_half_the_discrete_mask(grade, text: str) -> None:
    assert idea_states(grade("q4.b.ii", text))["discrete"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "The trouble is that p is continuous while the loss is discrete.",
        "Le souci : p_i est continu alors que la perte est discrète.",
    ],
)
def test_q4bii_a_discrete_loss_is_the_reversal(grade, text: str) -> None:
    assert "mask-continuous" in contradiction_ids(grade("q4.b.ii", text))


@pytest.mark.parametrize(
    "text",
    [
        "The mask is binary, but we can just use the reparameterization trick as in a VAE.",
        "Le masque est binaire, il suffit d'utiliser le reparametrization trick du VAE.",
        "The mask is binary; the reparametrisation trick solves this.",
    ],
)
def test_q4bii_the_reparametrisation_as_remedy_is_a_misconception(grade, text: str) -> None:
    assert "reparam-works" in contradiction_ids(grade("q4.b.ii", text))


@pytest.mark.parametrize(
    "text",
    [
        "The mask is Bernoulli: sampling is not differentiable, and the reparametrization "
        "trick does not fix it; use Gumbel-softmax or REINFORCE.",
        "Le masque est discret, l'astuce de reparamétrisation ne résout pas ça : on passe "
        "par une relaxation Concrete.",
    ],
)
def test_q4bii_the_reparametrisation_denied_is_no_misconception(grade, text: str) -> None:
    """Guard: the right answer says the trick does not apply."""
    assert "reparam-works" not in contradiction_ids(grade("q4.b.ii", text))


@pytest.mark.parametrize(
    ("key", "text", "idea"),
    [
        (
            "q3.a",
            "Unlike Adagrad, RMSprop does not have a rate that keeps shrinking: it does not "
            "add up every past squared gradient.",
            "adagrad-sum",
        ),
        (
            "q3.a",
            "Contrairement à Adagrad, RMSprop n'a pas de pas qui s'annule : il ne cumule pas "
            "tous les carrés des gradients.",
            "adagrad-sum",
        ),
    ],
)
def test_an_unlike_holds_for_the_next_denied_clauses(grade, key: str, text: str, idea: str) -> None:
    """Engine: "Unlike Adagrad, RMSprop does not X: it does not Y" gives Adagrad X and Y."""
    assert idea_states(grade(key, text))[idea] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the CAE is like a weight decay that changes with the input.",
        "La pénalité CAE est une sorte de weight decay qui dépend de l'exemple.",
    ],
)
def test_a_likened_kind_is_an_identity_for_its_relative(grade, text: str) -> None:
    """Engine: "A is like a B that ..." says what A does, as "A is a B that ..." does."""
    result = grade("q5.b:explanation", text)
    assert idea_states(result)["data-dependent"] == "found"
    assert not {c for c in contradiction_ids(result) if c.startswith("swapped")}


@pytest.mark.parametrize(
    "text",
    [
        "Capacity grows because the weights come back to their initialization as we train.",
        "Au fil des itérations, les poids reviennent vers leur initialisation.",
    ],
)
def test_q4a_weights_coming_back_to_the_start_is_the_reversal(grade, text: str) -> None:
    result = grade("q4.a", text)
    assert "weights-start-large" in contradiction_ids(result)
    assert idea_states(result)["small-init"] != "found"


def test_q4a_weights_staying_near_the_start_is_no_reversal(grade) -> None:
    """Guard: staying close to the small initialization is the idea."""
    text = "The weights start small and stay close to their initialization at first."
    result = grade("q4.a", text)
    assert "weights-start-large" not in contradiction_ids(result)
    assert idea_states(result)["small-init"] == "found"
