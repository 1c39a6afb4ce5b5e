"""Issue 11, round 23 (i11t14b): over-credited reversals, misconceptions and partial answers
on q6.b to q8.c, classes read on the even halves of tuning14 and tuning13 (two blind
graders each); sentences written for the test, EN and FR, none from a set.

1. Engine: a contrast phrase may end on the first word of the entity it compares with:
   "exactly as in an RBM, the positive statistics are computed in closed form" named the
   RBM ("in+an+rbm") as the clause's subject, since "as in" overlapped the name, so the
   copied RBM rule was read as a claim about the RBM and never cost anything.
2. q8.c, a partial answer credited a full idea by one word: "CD" or "PCD" named alone
   (the question's own word) earned the whole negative phase; it is half of it now, and CD
   run with the block Gibbs sampler, or kept "as usual" beside the positive phase, is it.
   CD said to work only for another kind of model ("only for continuous units") is the
   key's "no Gibbs sampling is possible".
3. q8.c, the phases swapped: the chain with x clamped given to the negative phase ("it is
   the negative phase that needs x clamped", "c'est la phase négative qui demande ...").
4. q8.a, the conditional independence reversed: the units of one group said dependent on
   one another, the groups said independent of one another.
5. q8.b, the verdict reversed inside the explanation ("it is linear for this model",
   "c'est linéaire ici"); the RBM named by "for" ("pour la RBM c'est linéaire") is the
   contrast, right. Z's own cost (its 2^(N+M+K) states, AIS) is off the question; "log
   P̃(x) is the log partition function of an RBM between y and z" is the key's reading.
6. q6.b, IAF given the mean-field's very family ("exactly the same posterior as
   mean-field", "IAF uses a diagonal Gaussian too").
7. q7.a, a wrong reason beside the verdict: the linear critic said to give the exact
   Wasserstein distance, or said not differentiable.
8. q7.c, the baseline named with the article "a" ("a standard D looks at one sample at a
   time"): "a" reads as the French "à" (a contrast), so the clause fell to PacGAN's
   discriminator and read as the judged-alone mistake.
9. Engine: a belief the writer reports only to reject it ("I first thought ..., but",
   "on pourrait croire que ..., mais") is not their claim: the words from the cue to the
   "but" are dropped, as a self-correction's are; "contrary to what one might think, X"
   keeps X. Before, the two-block mistake so reported cost a complete q8.a answer all.
10. q8.b, q8.c: x named as the condition ("once x is fixed", "une fois que x est fixé") or
    as the argument ("P~(x) is ...") made x the clause's subject ("x+is"), so the coupling
    said there read as given to x (a swap). It names the pair's topic now. The cost put on
    the visible layer by its letter ("exponential in N") is the visible-layer mistake.
11. Engine: a question the writer answers no ("Could two blocks work? No: ...", "Peut-on
    tirer (y, z) d'un coup ? Non, ...") is no claim; answered yes, or left in doubt ("?
    not sure": the TAs credit such a tentative claim), it stands.
"""

from __future__ import annotations

import pytest

from examgrade.text.retract import rejected
from tests.text.conftest import contradiction_ids, idea_states

Q6B = "q6.b:explanation"
Q8A = "q8.a:explanation"
Q8B = "q8.b:explanation"
Q8C = "q8.c:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, exactly as in an RBM: the positive statistics are the product of sigmoids "
        "computed in closed form, and the negative phase uses one Gibbs step.",
        "Yes, as in the RBM the hidden units are independent given x, so the positive phase "
        "is computed exactly.",
    ],
)
def test_q8c_the_rbm_rule_copied_as_in_an_rbm_costs(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-exact" in contradiction_ids(result)
    assert result.score <= 1.0


def test_q8b_linear_as_in_an_rbm_is_the_reversal(grade) -> None:
    result = grade(Q8B, "Yes, as in an RBM, the marginal is a sum of softplus terms.")
    assert "factorizes" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Yes, but unlike in an RBM the positive phase is not exact: y and z are coupled "
        "given x, so sample it with x clamped; the negative phase is CD-k with 3 blocks.",
        "Oui, mais contrairement a une RBM la phase positive n'est pas exacte : y et z sont "
        "couples sachant x, on l'echantillonne avec x fixe ; phase negative en CD-k.",
    ],
)
def test_q8c_the_rbm_contrasted_stays_right(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-exact" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "Yes, CD works.",
        "CD-1 is biased but it works in practice.",
        "Oui, on peut utiliser PCD.",
    ],
)
def test_q8c_cd_named_alone_is_half_the_negative_phase(grade, text) -> None:
    result = grade(Q8C, text)
    assert idea_states(result)["negative-phase"] == "weak"
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Yes, CD-k with the block Gibbs sampler of (a); but the positive phase needs "
        "sampling with x clamped because y and z are coupled given x.",
        "Oui, mais P(y,z|x) n'est pas factorielle : la phase positive s'echantillonne avec "
        "x fixe. Le reste est du CD comme d'habitude.",
        "Yes: positive phase not factorial, sample it with x clamped; model side: PCD with "
        "the three-block sampler.",
    ],
)
def test_q8c_cd_with_its_sampler_is_the_negative_phase(grade, text) -> None:
    result = grade(Q8C, text)
    assert idea_states(result)["negative-phase"] == "found"
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "No, CD only works for continuous units.",
        "Non, CD ne marche que pour des variables gaussiennes.",
    ],
)
def test_q8c_cd_said_for_another_kind_of_model_is_impossible(grade, text) -> None:
    result = grade(Q8C, text)
    assert "impossible" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Yes, the positive phase is easy, it is the negative phase that needs a Gibbs chain "
        "with x clamped.",
        "Oui, c'est la phase negative qui demande une chaine de Gibbs avec x fixe.",
        "Oui : la phase positive se calcule directement, la phase negative demande x fixe.",
    ],
)
def test_q8c_the_clamp_given_to_the_negative_phase_is_the_swap(grade, text) -> None:
    result = grade(Q8C, text)
    assert "negative-clamped" in contradiction_ids(result)
    assert result.score <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Yes, positive phase not factorial -> sample with x clamped; negative phase unchanged.",
        "Oui : phase positive par Gibbs avec x fixe (y, z couples) ; pour la phase negative, CD-k.",
        "Yes: clamped Gibbs for the positive phase since y, z are coupled, CD-k for the "
        "negative phase.",
    ],
)
def test_q8c_both_phases_listed_are_no_swap(grade, text) -> None:
    result = grade(Q8C, text)
    assert "negative-clamped" not in contradiction_ids(result)
    assert result.score >= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "Units in the same layer depend on each other but are independent of the other "
        "layers, so sample them one at a time.",
        "Units of the same group are dependent, so we sample each unit given all the others.",
        "Dans un meme groupe les unites sont dependantes entre elles, il faut les tirer une "
        "par une.",
        "Les groupes sont independants des autres groupes ; les unites d'un meme bloc sont "
        "dependantes.",
    ],
)
def test_q8a_units_of_a_group_dependent_is_the_reversal(grade, text) -> None:
    result = grade(Q8A, text)
    assert "all-at-once" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Given x, y and z depend on each other, so only three blocks work: x|y,z then y|x,z "
        "then z|x,y; the units of one group are independent given the two others.",
        "Units of the same group are not dependent on each other given the two other groups, "
        "so each group is drawn in parallel: x, then y, then z.",
        "Les unites d'un meme groupe ne dependent pas les unes des autres sachant les deux "
        "autres : trois blocs x, y, z tour a tour.",
    ],
)
def test_q8a_the_coupling_and_the_denied_dependence_stay_right(grade, text) -> None:
    result = grade(Q8A, text)
    assert "all-at-once" not in contradiction_ids(result)
    assert result.score == 1


@pytest.mark.parametrize(
    "text",
    [
        "It is linear for this model, just like the RBM.",
        "C'est lineaire ici, la somme sur z se factorise.",
        "Oui, c'est lineaire dans ce modele aussi.",
    ],
)
def test_q8b_linear_said_of_this_model_is_the_reversal(grade, text) -> None:
    result = grade(Q8B, text)
    assert "factorizes" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "For an RBM it is linear, but here it is exponential in min(M,K): y and z are "
        "coupled given x.",
        "Pour une RBM c'est lineaire ; ici y et z sont couples, 2^min(M,K) termes.",
    ],
)
def test_q8b_the_rbm_named_by_for_is_the_contrast(grade, text) -> None:
    result = grade(Q8B, text)
    assert "factorizes" not in contradiction_ids(result)
    assert result.score >= 2.0


def test_q8b_the_marginal_as_an_rbm_partition_function_is_not_z(grade) -> None:
    result = grade(
        Q8B,
        "Not linear: log P~(x) is the log partition function of an RBM between y and z, "
        "intractable in general, 2^min(M,K) terms.",
    )
    assert "partition-function" not in contradiction_ids(result)
    assert idea_states(result)["exponential"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Computing Z needs 2^(N+M+K) terms, so we use AIS.",
        "Z demande une somme sur 2^(N+M+K) etats, on l'estime par AIS.",
        "The partition function is intractable, we estimate it with annealed importance sampling.",
    ],
)
def test_q8b_the_cost_of_z_is_off_the_question(grade, text) -> None:
    result = grade(Q8B, text)
    assert "partition-function" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "No: IAF uses a diagonal Gaussian too, it gives the identical posterior to "
        "mean-field, only slower.",
        "Non, l'IAF donne exactement la meme famille que le mean-field, juste amortie.",
    ],
)
def test_q6b_iaf_given_the_mean_field_family(grade, text) -> None:
    result = grade(Q6B, text)
    assert "iaf-factorized" in contradiction_ids(result)
    assert result.score == 0


def test_q6b_the_flow_containing_the_diagonal_stays_right(grade) -> None:
    result = grade(
        Q6B,
        "Yes: IAF's family contains the diagonal Gaussian (identity flow), so its best member "
        "is at least as good as mean-field's; but its encoder is shared, so not guaranteed.",
    )
    assert "iaf-factorized" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    ("text", "mistake"),
    [
        (
            "It is fine: linear functions are Lipschitz, so the critic computes the exact "
            "Wasserstein distance.",
            "exact-wasserstein",
        ),
        (
            "Oui, un critique lineaire est 1-Lipschitz, il donne exactement la distance de "
            "Wasserstein.",
            "exact-wasserstein",
        ),
        ("No, a linear D is not differentiable, so G cannot be trained.", "not-differentiable"),
        (
            "Non, un discriminateur lineaire n'est pas derivable par rapport a x.",
            "not-differentiable",
        ),
    ],
)
def test_q7a_a_wrong_reason_beside_the_verdict(grade, text, mistake) -> None:
    result = grade("q7.a", text)
    assert mistake in contradiction_ids(result)
    assert result.score <= 0.5


def test_q7a_the_right_reason_stays_right(grade) -> None:
    result = grade(
        "q7.a",
        "No: D(x) is differentiable but its gradient is the constant w, and the best linear "
        "critic only measures the distance between the means, so the generator can collapse "
        "onto the mean. Benefits: stable, cheap, trivially Lipschitz.",
    )
    assert not {"exact-wasserstein", "not-differentiable"} & contradiction_ids(result)
    assert result.score >= 4


@pytest.mark.parametrize(
    "text",
    [
        "In PacGAN D takes packs of m samples, all real or all fake. A standard D looks at one "
        "sample at a time, so it cannot see that a collapsed generator lacks diversity.",
        "A normal discriminator judges each sample separately; PacGAN's discriminator judges a "
        "pack of samples jointly, all real or all fake.",
    ],
)
def test_q7c_the_baseline_with_an_article_is_not_pacgan(grade, text) -> None:
    result = grade("q7.c", text)
    assert "judged-alone" not in contradiction_ids(result)
    assert result.score >= 3


def test_q7c_pacgan_judging_one_by_one_stays_the_mistake(grade) -> None:
    result = grade(
        "q7.c", "In PacGAN a discriminator still judges one sample at a time from the pack."
    )
    assert "judged-alone" in contradiction_ids(result)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "I first thought we could draw (y, z) together, but they are coupled given x.",
            "they are coupled given x.",
        ),
        (
            "On pourrait croire que deux blocs suffisent, mais y et z sont couples.",
            "y et z sont couples.",
        ),
        (
            "Contrary to what one might think, mean-field is not always better.",
            "mean-field is not always better.",
        ),
        (
            "Contrairement a ce qu'on pourrait croire, IAF n'est pas toujours meilleur.",
            "IAF n'est pas toujours meilleur.",
        ),
        # what is no rejected belief stays
        (
            "You might think of IAF as a chain of maps.",
            "You might think of IAF as a chain of maps.",
        ),
        ("I think IAF can win.", "I think IAF can win."),
    ],
)
def test_a_rejected_belief_is_dropped(text, kept) -> None:
    assert rejected(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "I first thought we could do x then (y,z) together like an RBM, but y and z are "
        "coupled given x, so no: three blocks x|y,z, y|x,z, z|x,y, each conditionally "
        "independent.",
        "On pourrait croire que deux blocs suffisent, mais y et z sont couples sachant x : il "
        "faut trois blocs, x, y, z, chacun independant sachant les deux autres.",
    ],
)
def test_q8a_the_two_blocks_reported_and_rejected_cost_nothing(grade, text) -> None:
    result = grade(Q8A, text)
    assert "two-blocks" not in contradiction_ids(result)
    assert result.score == 1


def test_q8a_the_two_blocks_claimed_still_cost(grade) -> None:
    result = grade(Q8A, "I think we can sample x given (y,z), then (y,z) jointly given x.")
    assert "two-blocks" in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "Not linear: once x is fixed, the sum over y and z does not factor, so 2^min(M,K) terms.",
        "Non : une fois que x est fixe, la somme sur y et z ne se factorise pas, 2^min(M,K) "
        "termes.",
        "No: P(x) is a sum over y of a product over k that still depends on y: 2^min(M,K).",
        "Not linear: log P~(x) is the log partition function of an RBM between y and z: "
        "2^min(M,K) terms.",
    ],
)
def test_q8b_x_as_the_condition_or_the_argument_is_no_swap(grade, text) -> None:
    result = grade(Q8B, text)
    assert idea_states(result)["coupled"] == "found"
    assert result.score >= 2.5


def test_q8c_x_clamped_as_the_condition_is_no_swap(grade) -> None:
    result = grade(
        Q8C,
        "Yes, but once x is clamped, y and z are still coupled, so the positive phase needs "
        "Gibbs sampling; the negative phase is CD-k with the 3 blocks.",
    )
    assert result.score == 3


@pytest.mark.parametrize(
    "text",
    [
        "x is coupled to y and z, so it is exponential in N.",
        "Non, c'est exponentiel en N, le nombre de visibles.",
    ],
)
def test_q8b_the_cost_in_n_is_the_visible_layer_mistake(grade, text) -> None:
    result = grade(Q8B, text)
    assert "visible-exponential" in contradiction_ids(result)
    assert result.score <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Yes, IAF always beats mean-field since it is more expressive.",
        "Oui, IAF est systematiquement meilleur car plus expressif.",
    ],
)
def test_q6b_iaf_always_winning_in_other_verbs(grade, text) -> None:
    assert "iaf-always-better" in contradiction_ids(grade(Q6B, text))


def test_q6b_iaf_not_always_winning_stays_right(grade) -> None:
    result = grade(
        Q6B, "Oui, mais l'IAF ne l'emporte pas toujours : l'encodeur est partage entre exemples."
    )
    assert "iaf-always-better" not in contradiction_ids(result)
    assert idea_states(result)["trade-off"] == "found"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Could two blocks work? No: y and z are coupled.", "No: y and z are coupled."),
        ("Peut-on tirer (y,z) d'un coup ? Non, ils sont couples.", "Non, ils sont couples."),
        ("Does packing help? Yes, D sees m samples.", "Does packing help? Yes, D sees m samples."),
        ("RMSprop has it too? not sure", "RMSprop has it too? not sure"),
    ],
)
def test_a_question_answered_no_is_dropped(text, kept) -> None:
    assert rejected(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "Can we sample (y,z) jointly given x? No, they are coupled: three blocks x|y,z, "
        "y|x,z, z|x,y, each conditionally independent.",
        "Deux blocs suffiraient-ils ? Non : y et z sont couples sachant x. Trois blocs, "
        "chacun independant sachant les deux autres.",
    ],
)
def test_q8a_the_two_blocks_asked_and_answered_no_cost_nothing(grade, text) -> None:
    result = grade(Q8A, text)
    assert "two-blocks" not in contradiction_ids(result)
    assert result.score == 1


@pytest.mark.parametrize(
    "text",
    [
        "Oui, IAF est plus expressif que le mean-field qui suppose l'independance des z.",
        "Yes: mean-field assumes the latents are independent given x, IAF does not; but its "
        "encoder is shared, so it is not guaranteed.",
    ],
)
def test_q6b_the_mean_field_assuming_independence_is_its_limit(grade, text) -> None:
    assert idea_states(grade(Q6B, text))["mean-field-limited"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "oui, phase neg = Gibbs 3 blocs, phase pos = Gibbs x clampe car P(y,z|x) non factorielle",
        "yes: neg phase via 3-block Gibbs sweeps; pos phase needs clamped sampling since y,z "
        "are coupled",
    ],
)
def test_q8c_the_negative_phase_abbreviated(grade, text) -> None:
    assert idea_states(grade(Q8C, text))["negative-phase"] == "found"
