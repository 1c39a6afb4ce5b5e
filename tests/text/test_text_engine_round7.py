"""Issue 11, seventh round: polarity and who does what, as engine classes (sentences
written for the test, EN and FR).

1. A case denied in its own condition is the other case ("if the spectral radius is not
   below 1", "as long as no eigenvalue is above 1"), and an arrow ends a negation ("it
   doesn't stay bounded -> exploding gradients").
2. Per-term denial: only the denied term is denied ("Adam, not RMSprop, uses momentum",
   "une moyenne et non la somme", "plutôt une moyenne que la somme").
3. "Adam does both", "Adam fait les deux", "RMSprop does neither": the pro-verb says of
   its entity the last claims about the other one, affirmed or denied.
4. A formula's minus sign is a token ("σ(−a)", "exp(-E)", "<xyz>_data - <xyz>_model"),
   and it flips the next word ("1 - sigmoid(a)" is not "sigmoid(a)"): the sign errors of
   q8 are contradictions.
5. A predicate of use or presence denied after its noun phrase denies the phrase
   ("momentum is not used in Adam", "la moyenne mobile n'est pas utilisée par Adagrad"),
   and "..., only by Adam" says the claim of Adam.
7. What "instead of" sets aside and likens to an entity is that entity's ("instead of a
   moving average like RMSprop, Adagrad sums", "au lieu d'une moyenne mobile comme RMSprop").
8. A clause opened by "with"/"avec" and a name, or "pour X," / "quant à X," is about
   that name: a topic, not a comparison nor an elliptic claim.
9. "Both of them", "each one", "l'un et l'autre", "l'un comme l'autre", "ni l'un ni
   l'autre" cover every entity (French elisions are opened: "l'un" is "le un").
10. "..., same for X", "pareil pour X", "idem pour X": the claim before said of X with
   its polarity ("RMSprop n'a pas de momentum, pareil pour la correction du biais").
11. A hedge right after its negation takes the negation alone ("not always better than
   mean-field", "pas forcément meilleur que le mean-field").
6. What a denied distance is measured from is said ("the weights can't go far from their
   small init", "ne peuvent pas s'éloigner beaucoup de leur petite initialisation").
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "If the spectral radius is not below 1, the gradient explodes. "
        "If no eigenvalue has modulus above 1, the gradient vanishes.",
        "When rho(W) is not less than 1 the gradient explodes; "
        "as long as no eigenvalue is greater than 1 it vanishes.",
        "Si le rayon spectral n'est pas inférieur à 1, le gradient explose. "
        "Si aucune valeur propre n'a un module supérieur à 1, le gradient s'évanouit.",
        "Si le rayon spectral n'est pas inférieur à 1, le gradient explose. "
        "Si aucune valeur propre n'a un module supérieur ou égal à 1, il tend vers 0.",
    ],
)
def test_a_denied_case_is_the_other_case(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    states = idea_states(result)
    assert states["vanishing"] == "found"
    assert states["exploding"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "The gradient does not explode when rho < 1, it vanishes; when rho > 1 it explodes.",
        "Le gradient n'explose pas quand rho < 1, il s'évanouit ; quand rho > 1 il explose.",
    ],
)
def test_a_denied_fate_keeps_its_case(grade, text) -> None:
    states = idea_states(grade("q2.c:explanation", text))
    assert states["vanishing"] == "found"
    assert states["exploding"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "If rho < 1 the gradient vanishes. If rho > 1 it doesn't stay bounded -> it explodes.",
        "Si rho < 1 le gradient s'évanouit. Si rho > 1 il ne reste pas borné -> il explose.",
    ],
)
def test_an_arrow_ends_a_negation(grade, text) -> None:
    assert idea_states(grade("q2.c:explanation", text))["exploding"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "If rho < 1 the gradient vanishes; if rho > 1 the gradient does not -> 0, it explodes.",
    ],
)
def test_an_arrow_right_after_a_negation_is_denied(grade, text) -> None:
    from examgrade.text.match import negated_positions
    from examgrade.text.normalize import sentences

    sentence = sentences("the gradient does not -> 0")[0]
    assert negated_positions(sentence)[-1]
    assert idea_states(grade("q2.c:explanation", text))["exploding"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adam, not RMSprop, uses momentum and bias correction.",
        "Adam, et non RMSprop, utilise le momentum et la correction du biais.",
        "Adam, pas RMSprop, a un momentum et corrige le biais.",
    ],
)
def test_a_denied_entity_in_a_list_is_not_the_subject(grade, text) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] == "found"
    assert idea_states(result)["bias-correction"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad sums all past squared gradients. Not RMSprop: it uses an exponential "
        "moving average.",
        "Adagrad somme tous les gradients passés, pas RMSprop : il utilise une moyenne "
        "mobile exponentielle.",
    ],
)
def test_a_bare_denied_name_after_a_claim_is_the_subject(grade, text) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["rmsprop-ema"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop utilise une moyenne mobile exponentielle et non la somme de tous les "
        "gradients comme Adagrad.",
        "RMSprop utilise plutôt une moyenne mobile exponentielle que la somme de tous les "
        "gradients comme Adagrad.",
    ],
)
def test_only_the_denied_term_is_denied(grade, text) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["rmsprop-ema"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text,denied",
    [
        ("une moyenne mobile et non la somme des carrés", "somme"),
        ("plutôt une moyenne mobile que la somme", "somme"),
        ("non-convex objectives", "convex"),
    ],
)
def test_the_denied_noun_phrase(text, denied) -> None:
    from examgrade.text.match import negated_positions
    from examgrade.text.normalize import sentences

    sentence = sentences(text)[0]
    flags = dict(zip(sentence.tokens, negated_positions(sentence), strict=True))
    assert flags[denied]
    assert not flags["moyenne" if "moyenne" in flags else "objectives"]


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop doesn't use momentum. It also doesn't correct the bias. Adam does both.",
        "RMSprop has no momentum and no bias correction, while Adam has both.",
        "RMSprop n'a pas de momentum ni de correction du biais. Adam fait les deux.",
        "RMSprop n'utilise pas de momentum et ne corrige pas le biais ; Adam a les deux.",
        "Adam uses momentum and corrects the bias. RMSprop does neither.",
    ],
)
def test_does_both_credits_what_the_other_lacks(grade, text) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] == "found"
    assert idea_states(result)["bias-correction"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Adam uses momentum and corrects the bias. RMSprop does both.",
        "Adam utilise le momentum et corrige le biais. RMSprop fait les deux.",
    ],
)
def test_does_both_of_the_wrong_entity_is_a_swap(grade, text) -> None:
    result = grade("q3.b", text)
    assert {c.id for c in result.contradictions} >= {"swapped-momentum"}
    assert result.score <= 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("P(x_i=1|y,z) = sigm(-sum_jk W_ijk y_j z_k)", "sigm minus sum_jk"),
        ("σ(−a), P ∝ exp(-E)", "sigma minus a p exp minus e"),
        ("p = 1 - sigmoid(sum W)", "p 1 minus sigmoid sum w"),
        ("dW = <xyz>_data - <xyz>_model", "data minus lt xyz gt model"),
        ("per-parameter, non-convex, Adagrad - it sums, p -> 0", "per parameter non convex"),
    ],
)
def test_a_minus_sign_is_a_token(text, expected) -> None:
    from examgrade.text.normalize import sentences

    assert expected in " ".join(" ".join(s.tokens) for s in sentences(text))


@pytest.mark.parametrize(
    "text,said",
    [
        ("Three blocks; P(x_i=1|y,z) = sigmoid(sum_jk W_ijk y_j z_k) as in an RBM.", True),
        ("Trois blocs ; p(x_i=1|y,z) = sigm(+somme W_ijk y_j z_k) comme une RBM.", True),
        ("Three blocks; P(x_i=1|y,z) = sigmoid(-sum_jk W_ijk y_j z_k).", False),
        ("Trois blocs ; P(x_i=1|y,z) = σ(−Σ_jk W_ijk y_j z_k).", False),
        ("Three blocks; P(z_k=1|x,y) = 1 - sigm(sum_ij W_ijk x_i y_j).", False),
    ],
)
def test_the_sign_of_the_conditionals(grade, text, said) -> None:
    result = grade("q8.a:explanation", text)
    assert ("positive-sign" in {c.id for c in result.contradictions}) is said


@pytest.mark.parametrize(
    "text,said",
    [
        ("Yes: clamp x and Gibbs-sample y, z; dW = <xyz>_data - <xyz>_model, CD-k.", True),
        ("Oui : x fixé, Gibbs sur y, z ; dW = <xyz>_donnees - <xyz>_modele, CD-k.", True),
        ("Yes: clamp x and Gibbs-sample y, z; dW = -<xyz>_data + <xyz>_model, CD-k.", False),
        ("Yes: clamp x and Gibbs-sample y, z; dW = <xyz>_model - <xyz>_data, CD-k.", False),
    ],
)
def test_the_sign_of_the_update(grade, text, said) -> None:
    result = grade("q8.c:explanation", text)
    assert ("update-sign" in {c.id for c in result.contradictions}) is said


@pytest.mark.parametrize(
    "text",
    [
        "Momentum is not used in Adam; both scale by a moving average of squared gradients.",
        "Le momentum n'est pas utilisé par Adam.",
        "A first moment isn't present in Adam.",
    ],
)
def test_a_denied_use_denies_its_noun_phrase(grade, text) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] != "found"
    assert "adam-no-momentum" in {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "A moving average is not used by Adagrad: it sums all past squared gradients.",
        "La moyenne mobile n'est pas utilisée par Adagrad : il somme tous les gradients passés.",
    ],
)
def test_a_denial_before_a_verb_leaves_its_agent_the_subject(grade, text) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["adagrad-sum"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Bias correction is not done by RMSprop, only by Adam.",
        "La correction du biais n'est pas faite par RMSprop, seulement par Adam.",
    ],
)
def test_only_by_says_the_claim_of_its_entity(grade, text) -> None:
    assert idea_states(grade("q3.b", text))["bias-correction"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Capacity is not fixed: the weights can't go far from their small init in a few steps, "
        "so early on the net cannot express complicated functions.",
        "Les poids ne peuvent pas s'éloigner beaucoup de leur petite initialisation en peu "
        "d'itérations, donc le réseau ne peut pas représenter de fonctions complexes au début.",
    ],
)
def test_a_denied_distance_says_its_origin(grade, text) -> None:
    assert idea_states(grade("q4.a", text))["small-init"] == "found"


def test_a_denied_start_is_still_denied() -> None:
    from examgrade.text.match import negated_positions
    from examgrade.text.normalize import sentences

    sentence = sentences("the weights do not start from small values")[0]
    assert negated_positions(sentence)[-2]


@pytest.mark.parametrize(
    "text",
    [
        "Instead of a moving average like RMSprop, Adagrad sums all past squared gradients, "
        "so its rate decreases.",
        "Au lieu d'une moyenne mobile comme RMSprop, Adagrad somme tous les gradients passés, "
        "donc son pas diminue.",
    ],
)
def test_instead_of_what_another_entity_does(grade, text) -> None:
    result = grade("q3.a", text)
    states = idea_states(result)
    assert states["rmsprop-ema"] == "found"
    assert states["adagrad-sum"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "With RMSprop the sum of all past squared gradients keeps growing, with Adagrad it is "
        "an exponential moving average.",
        "Avec RMSprop la somme de tous les carrés passés croît, avec Adagrad c'est une moyenne "
        "mobile exponentielle.",
    ],
)
def test_with_a_name_opens_a_topic(grade, text) -> None:
    result = grade("q3.a", text)
    assert {"swapped-adagrad-sum", "swapped-rmsprop-ema"} <= {c.id for c in result.contradictions}
    assert result.score <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Pour Adagrad, on somme tous les carrés passés ; pour RMSprop, on fait une moyenne "
        "mobile exponentielle.",
        "For Adagrad, we sum all past squared gradients; for RMSprop, we use an exponential "
        "moving average.",
    ],
)
def test_for_a_name_opens_a_topic(grade, text) -> None:
    from examgrade.text.normalize import sentences
    from examgrade.text.subjects import bind

    item = find_item_entities(grade)
    found, who, _ = bind(sentences(text), item)
    said = {w: " ".join(s.tokens) for s, w in zip(found, who, strict=True)}
    assert "somme" not in said.get("rmsprop", "") and "sum" not in said.get("rmsprop", "")
    assert not grade("q3.a", text).contradictions


def find_item_entities(grade):
    """q3.a's entities, read off a graded answer's ideas."""
    result = grade("q3.a", "Adagrad sums.")
    return next(r.idea.entities for r in result.ideas if r.idea.entities)


@pytest.mark.parametrize(
    "text",
    [
        "Both of them use momentum.",
        "L'un et l'autre utilisent le momentum.",
        "L'un comme l'autre utilisent le momentum.",
    ],
)
def test_both_phrases_cover_each_entity(grade, text) -> None:
    result = grade("q3.b", text)
    assert "swapped-momentum" in {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "Ni l'un ni l'autre n'a de momentum.",
        "Neither of them has momentum.",
    ],
)
def test_neither_denies_each_entity(grade, text) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["momentum"] == "negated"
    assert "adam-no-momentum" in {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop n'a pas de momentum, pareil pour la correction du biais ; Adam a les deux.",
        "RMSprop has no momentum, same for bias correction; Adam has both.",
    ],
)
def test_likewise_keeps_the_polarity_of_the_claim(grade, text) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["bias-correction"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Not necessarily: IAF is more flexible, but the amortization gap remains, so it is "
        "not always better than mean-field.",
        "Pas forcément : IAF est plus flexible, mais l'écart d'amortissement reste, donc ce "
        "n'est pas toujours mieux que le mean-field.",
    ],
)
def test_a_hedge_takes_the_negation_alone(grade, text) -> None:
    states = idea_states(grade("q6.b:explanation", text))
    assert states["mean-field-limited"] != "negated"
    assert states["trade-off"] == "found"
