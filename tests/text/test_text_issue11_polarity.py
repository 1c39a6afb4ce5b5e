"""Issue 11, third round: polarity as students write it (a bare French "pas", a verdict
word at the start, a restriction, a reason, two claims joined by "and"), who does what in
q7 and q8, and the key's misconceptions of q6.b, q7 and q8; each answer with the band a
careful teaching assistant gives it (tests/data/free_text_tuning3.yaml has more)."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text import PatternError, compile_pattern
from examgrade.text.grade import score_text
from tests.text.test_text_matching import found


class TestPolarity:
    @pytest.mark.parametrize(
        "pattern,text,expected",
        [
            # French as students write it: "pas" without its "ne" still denies
            ("conseill*", "Pas conseillé.", "negated"),
            ("lineaire", "C'est pas linéaire, c'est exponentiel.", "negated"),
            ("NEG forcement", "pas forcément meilleur", "plain"),
            # ... unless "pas" is the noun, a step
            ("gibbs", "On fait quelques pas de Gibbs avec x fixé.", "plain"),
            ("diminue", "Le pas diminue au cours du temps.", "plain"),
            ("gibbs", "k pas de Gibbs suffisent.", "plain"),
            # a restriction is not a denial: the mean is what it sees
            ("moyenne", "Il ne voit rien d'autre que la moyenne.", "plain"),
            ("mean", "It sees nothing other than the mean.", "plain"),
            # a reason after a hedge is said, not denied
            ("ecart amortissement", "Pas garanti à cause de l'écart d'amortissement.", "plain"),
            # two claims joined by "and", each with its own negation
            ("lipschitz", "Il ne sature pas et le Lipschitz n'est pas dur.", "plain"),
            ("covariance", "It does not see the variance and the covariance.", "negated"),
            # a phrase that holds its own negation is said, not denied
            ("non+factori*", "IAF gives a non-factorized q.", "plain"),
            ("capacity+does+not+grow", "The capacity does not grow with training.", "plain"),
            ("NEG no+diversity", "A pack with no diversity.", "plain"),
            # double negations affirm
            ("detect*", "D never fails to detect the collapse.", "plain"),
            ("repere*", "Il ne manque pas de reperer le collapse.", "plain"),
            ("capacity", "It does not lack capacity.", "plain"),
            ("capacity", "It does not have capacity.", "negated"),
            # a verdict "Non," does not deny the next clause's first word
            ("contrair* rbm", "Non, contrairement a la RBM, y et z interagissent.", "plain"),
            ("convex", "A moving average works for non-convex problems.", "negated"),
            # a call's parentheses are no clause boundary for a negation
            ("exact", "You can't use sigma()*sigma() as exact statistics.", "negated"),
        ],
    )
    def test_polarity(self, pattern: str, text: str, expected: str) -> None:
        assert found(pattern, text) == expected


def test_relations_that_fold_to_their_opposite_are_words() -> None:
    from examgrade.text.normalize import fold

    assert "neq" in fold("P(y,z|x) ≠ P(y|x)P(z|x)") and "neq" in fold("a != b")
    assert "not independent" in fold("y ⊥̸ z | x")
    assert "not" not in fold("y ⊥ z | x") and "independent" in fold("y ⊥ z | x")


class TestVerdictAnchor:
    """`^word`: the sentence's first token, a verdict ("No, ...") and not a determiner
    ("the generator gets no gradient")."""

    @pytest.mark.parametrize(
        "text,expected",
        [
            ("No, it is far too weak.", "plain"),
            ("Non. Il est trop faible.", "plain"),
            ("The generator gets no gradient.", "absent"),
            ("Il n'y a non plus aucun gradient.", "absent"),
        ],
    )
    def test_first_token_only(self, text: str, expected: str) -> None:
        assert found("^=no|^=non", text) == expected

    def test_the_anchor_opens_an_alternative_only(self) -> None:
        with pytest.raises(PatternError):
            compile_pattern("too+^weak")


# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q7.a: verdict words in both languages; a reversed verdict ("too strong") is not one
    (
        "q7.a",
        "Pas conseille. Un D lineaire ne voit rien d'autre que la moyenne : il ne detecte "
        "pas les differences de variance ni les modes manquants, donc G n'est pas oblige de "
        "couvrir la distribution (mode collapse). Par contre il ne sature pas et la "
        "contrainte de Lipschitz n'est pas difficile.",
        4,
        5,
    ),
    ("q7.a", "no: only compares means -> G matches mean", 2.5, 4),
    ("q7.a", "Nope, I would avoid it.", 1, 1),
    ("q7.a", "Yes it is advisable because it is simple and stable.", 0, 1),  # not "inadvisable"
    (
        "q7.a",
        "The problem is that the linear discriminator is too strong: it separates real and "
        "fake perfectly so the generator gets no gradient.",
        0,
        1,
    ),
    # the key: "Yes, simpler is better / avoids overfitting" is partial credit
    ("q7.a", "Yes, simpler is better and a linear D avoids overfitting.", 0.5, 1),
    # the key: vanishing gradients is the wrong reason for a right verdict
    ("q7.a", "Non, un D lineaire donne des gradients qui s'annulent (vanishing).", 0.5, 1.5),
    # q6.b: who is always better (IAF or mean-field) decides the contradiction
    (
        "q6.b:explanation",
        "Yes, IAF is always better than mean-field since its family is richer.",
        0.5,
        1.5,
    ),
    (
        "q6.b:explanation",
        "Oui. Le mean-field ne peut pas representer de correlations entre les z, meme optimise "
        "par exemple. IAF n'est pas limite a une gaussienne diagonale. Pas toujours meilleur.",
        3,
        4,
    ),
    (
        "q6.b:explanation",
        "The mean-field optimum per datapoint is the best diagonal Gaussian, but if p(z|x) is "
        "correlated even the best diagonal Gaussian is far from it. IAF's posterior is "
        "non-factorized; its amortized encoder may not reach the per-example optimum.",
        3,
        4,
    ),
    # q7.c: a pack judged one by one, packs that mix real and fake (the key's mistakes)
    (
        "q7.c",
        # (its TA gives 1; with the merged cost rule, a denied idea costs once: 1.5)
        "The generator outputs packs of samples and the discriminator judges each one "
        "individually; this forces the generator to produce diverse packs.",
        0,
        1.5,
    ),
    (
        "q7.c",
        "PacGAN: on donne au D des paquets qui melangent real et fake samples, il doit trouver "
        "lesquels sont fake -> detects collapse.",
        1,
        2,
    ),
    (
        "q7.c",
        "Instead of classifying single samples, the discriminator sees a pack of samples drawn "
        "iid from the same distribution and outputs one score for the pack. If G has "
        "collapsed, the samples of a pack look alike, so D exploits the lack of diversity. "
        "This increases the loss for collapsed generators.",
        4.5,
        5,
    ),
    # q8.b/c: who is coupled given whom, in words and in formulas
    (
        "q8.b:explanation",
        "No: the problem is that x and y are coupled given z, while y and z are independent "
        "given x, so you need to sum over all x.",
        0,
        0.5,
    ),
    (
        "q8.b:explanation",
        "No. Summing z out gives prod_k (1 + exp(-sum_j A_jk y_j)), which still depends on y: "
        "2^min(M,K) terms, exponential, not linear like the RBM's softplus free energy.",
        3,
        3,
    ),
    (
        "q8.c:explanation",
        "Oui: positive phase facile car y et z independent given x; c'est la negative phase "
        "qui pose probleme because x coupled.",
        0,
        0.5,
    ),
    (
        "q8.c:explanation",
        "Yes: the positive phase is hard because P(y,z|x) is not factorial; sample it with "
        "x clamped. The negative phase is CD-k with the 3-block Gibbs sampler.",
        3,
        3,
    ),
    (
        "q8.c:explanation",
        "No, CD needs Gibbs sampling and Gibbs sampling is impossible in this model because "
        "of the three-way interactions.",
        0,
        0,
    ),
    # paraphrases: "an RBM between y and z" is the coupling, "the three layers" the blocks,
    # "lots d'exemples" the packs, "more flexible than a diagonal Gaussian" half the gap
    (
        "q8.b:explanation",
        "Non : une fois x fixé, y et z forment une RBM, et il faut sommer sur toutes les "
        "configurations d'une des deux couches, donc c'est exponentiel (2^min(M,K)).",
        2.5,
        3,
    ),
    ("q8.a:explanation", "Alternate between the three layers like Gibbs in an RBM.", 0.5, 0.5),
    ("q8.a:explanation", "each layer is conditionaly independant given the two others", 1, 1),
    ("q7.c", "on donne des lots d'exemples au discriminateur au lieu d'un seul", 1.5, 2.5),
    ("q6.b:explanation", "Yes, IAF is more expressive than a diagonal Gaussian.", 1.5, 2),
    # q8.a: the key's biases that do not exist; "not dependent given the others" affirms
    (
        "q8.a:explanation",
        "Block Gibbs with 3 blocks x, y, z; p(x_i=1|y,z) = sigmoid(sum_jk W_ijk y_j z_k + b_i).",
        0,
        0.25,
    ),
    (
        "q8.a:explanation",
        "Sachant les deux autres groupes, les unites d'un groupe ne sont pas dependantes entre "
        "elles. On echantillonne x, y, z a tour de role.",
        1,
        1,
    ),
    ("q8.a:explanation", "Adam has bias correction.", 0, 0),
    # "like an RBM, a sum of softplus terms" is the key's mistake, not the RBM contrast
    ("q8.b:explanation", "Yes, like an RBM you get a sum of softplus terms.", 0, 0),
    (
        "q8.c:explanation",
        "Yes. Negative statistics from k sweeps of the block sampler started at the data. "
        "Positive statistics: P(y,z|x) is itself an RBM, so they need a clamped inner Gibbs "
        "chain or a mean-field approximation.",
        3,
        3,
    ),
    (
        "q7.c",
        "PacGAN regroupe plusieurs echantillons en un seul exemple pour le discriminateur, ce "
        "qui amplifie la variation totale quand il y a mode collapse.",
        2.5,
        3,
    ),
    # the key's "No: mean-field is always better", said of IAF
    ("q6.b:explanation", "No, IAF is never better than per-example optimisation.", 0, 0),
    ("q6.b:explanation", "Mean-field can never capture correlations, so IAF can win.", 1, 2.5),
    # "fools it easily" is no benefit
    (
        "q7.a",
        "Non, le discriminateur est trop faible ; le generateur le trompera facilement et les "
        "echantillons seront mauvais.",
        2,
        2.5,
    ),
    # what students write besides the key: PacGAN as a penalty or clipping, WGAN-GP that
    # clips, z apart from x and y
    ("q7.c", "PacGAN uses weight clipping on the discriminator.", 0, 0),
    (
        "q7.c",
        "D judges packs of m samples jointly; unlike WGAN-GP it adds no gradient penalty.",
        2,
        2,
    ),
    # (a linear critic is Lipschitz, a benefit, beside the wrong claim: the TAs give an idea
    # beside a wrong claim about a fifth of the points, round 7's floor)
    ("q7.a", "With WGAN-GP the weights are clipped, so a linear critic is Lipschitz.", 0, 1),
    ("q8.a:explanation", "Three blocks sampled in turn; z is independent of x and y.", 0, 0.25),
    # formula-style statements: a product over units, "⊥", "≠" (which must not fold to "=")
    (
        "q8.a:explanation",
        "P(x|y,z) = prod_i P(x_i|y,z), same for y and z: x, then y, then z.",
        1,
        1,
    ),
    ("q8.a:explanation", "x_i ⊥ x_i' | y,z since E is linear in x; x -> y -> z in turn.", 1, 1),
    ("q8.b:explanation", "P(y,z|x) != P(y|x)P(z|x), so 2^min(M,K) terms: exponential.", 2.5, 2.5),
    (
        "q8.b:explanation",
        "Non : y ⊥̸ z | x, donc pas de factorisation ; cout en 2^min(M,K).",
        2.5,
        2.5,
    ),
    ("q8.b:explanation", "Yes: y ⊥ z | x, so it factorizes like an RBM.", 0, 0),
    # paraphrases: an encoder common to all x, an underpowered critic
    (
        "q6.b:explanation",
        "L'encodeur est commun a tous les x, il ne trouve pas forcement l'optimum pour chaque "
        "exemple.",
        1.5,
        1.55,  # i11p2: raised half way from 1.5 to 1.6, 40% of 4
    ),
    ("q7.a", "It is underpowered: w^T x + b is a hyperplane, so D only detects mean shifts.", 3, 3),
    # verdicts in the first person; what the critic cannot see is the means-only idea;
    # covariance named alone is no idea
    # i11p2: a verdict said in a sentence is raised half way to 40% (blind TAs give 1.5-2)
    ("q7.a", "Je ne l'utiliserais pas comme discriminateur principal.", 1, 1.5),
    ("q7.a", "I wouldn't do it.", 1, 1),
    ("q7.a", "Il ne voit pas la variance, seulement la moyenne.", 2, 2),
    ("q7.a", "It sees the covariance too, so it is fine.", 0, 0),
    # a pack named is a hint of the packs idea; what D does with packs of samples is it
    ("q7.c", "Si un paquet manque de diversite, le discriminateur detecte l'effondrement.", 2.5, 3),
    (
        "q7.c",
        "By showing the critic a bunch of samples together it sees if they are all the same.",
        3,
        4,
    ),
    # "non diagonale" said of IAF's posterior hints at mean-field's limit; "insuffisant"
    ("q6.b:explanation", "Oui, IAF permet une posterieure plus flexible (non diagonale).", 1.5, 2),
    ("q7.a", "Un discriminateur lineaire ne regarde que la moyenne, ce qui est insuffisant.", 3, 3),
    # the key's MAF confusion: IAF samples in parallel
    (
        "q6.b:explanation",
        "Non, IAF est plus lent car l'echantillonnage est sequentiel, donc le mean-field est "
        "meilleur.",
        0,
        0,
    ),
]


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_three_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low - 1e-9 <= score <= high + 1e-9, score


def test_the_maf_confusion_is_named(items) -> None:
    item = items("q6.b:explanation")
    ideas, contradictions = read_options(item)
    text = "IAF is slow because its sampling is sequential."
    said = score_text(text, ideas, contradictions, item.points).contradictions
    assert [c.id for c in said] == ["iaf-sequential"]


@pytest.mark.parametrize(
    "text,subject",
    [
        ("P(y,z|x) is not factorial.", "yz"),
        ("Sachant x, y et z ne sont pas independants.", "yz"),
        ("x and y are coupled given z.", "xy"),
        ("(x, z) | y are coupled.", "xz"),
        ("E(x,y,z) is linear in each group.", "yz"),  # all three: none named, the default
        ("x is coupled given y,z.", "x"),
    ],
)
def test_formulas_name_who_is_coupled(items, text, subject) -> None:
    """A conditioning bar reads "given", a tuple of letters is one mention."""
    from examgrade.text.normalize import sentences
    from examgrade.text.subjects import bind

    ideas, _ = read_options(items("q8.b:explanation"))
    entities = next(i.entities for i in ideas if i.entities is not None)
    _, who, _ = bind(sentences(text), entities)
    assert subject in who and set(who) <= {subject, "yz"}, who
