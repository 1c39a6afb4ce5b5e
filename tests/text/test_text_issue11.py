"""Every example of issue 11 (free text that understands who does what), each with the
score band a careful teaching assistant gives it from the exam and the answer key."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.base import CheckContext
from examgrade.checks.concepts import ConceptsCheck, read_options
from examgrade.errors import Location
from examgrade.nodes import Scalar
from examgrade.text.grade import score_text

# (part, answer, lowest score, highest score), points of the part in the rubric
EXAMPLES = [
    # a reversed answer: what Adagrad does given to RMSprop and back
    (
        "q3.a",
        "RMSprop sums all past squared gradients so its learning rate decreases "
        "monotonically, whereas Adagrad uses an exponentially decaying moving average that "
        "forgets the past. Both give each parameter its own adaptive learning rate.",
        0,
        1,
    ),
    (
        "q3.a",
        "Adagrad sums all past squared gradients so its learning rate decreases "
        "monotonically, whereas RMSprop uses an exponentially decaying moving average that "
        "forgets the past. Both give each parameter its own adaptive learning rate.",
        5,
        5,
    ),
    (
        "q3.b",
        "RMSprop uses momentum and bias correction, whereas Adam only keeps a moving average "
        "of the squared gradients.",
        0,
        1,
    ),
    (
        "q3.b",
        "Adam adds momentum and bias correction to RMSprop's moving average of squared gradients.",
        4.5,
        5,
    ),
    (
        "q5.b:explanation",
        "Weight decay only penalizes the rows of the active units and depends on the data, "
        "whereas the CAE penalty hits every weight uniformly, whatever the input.",
        0,
        0.5,
    ),
    (
        "q5.b:explanation",
        "The CAE penalty only penalizes the rows of the active units and depends on the "
        "data, whereas weight decay hits every weight uniformly, whatever the input.",
        4,
        4,
    ),
    # an elliptic clause says the claim before it of its own entity
    ("q3.b", "RMSprop n'a pas de momentum ni de correction du biais, Adam oui.", 3.5, 4),
    # i11p2: one right idea of four, nothing wrong: raised half way to 40% of the points
    ("q3.a", "Adagrad's learning rate decreases monotonically, RMSprop's does not.", 1, 1.5),
    (  # data dependence, and weight decay's independence said elliptically: the humans of
        # three sets give 2 (tuning2, tuning3, independent)
        "q5.b:explanation",
        "The CAE penalty depends on the input x while weight decay doesn't.",
        1,
        2,
    ),
    # stated misconceptions
    (
        "q3.b",
        "Adam does not use squared gradients, it only uses momentum and bias correction.",
        0,
        2,
    ),
    ("q3.a", "RMSprop accumule la somme des gradients au carré comme Adagrad", 0, 0.5),
    ("q4.b.i", "p_i will converge to 0.5", 0, 0.5),
    (
        "q8.a:explanation",
        "sample x given (y,z), then (y,z) given x",
        0,
        0,
    ),
    # a bare keyword list: half the points at most
    (
        "q7.c",
        "packs of samples, discriminator, jointly, diversity, mode collapse, all real or all fake",
        1.5,
        2.5,
    ),
    # right answers that hold a negation or other words than the patterns
    ("q7.c", "if a pack has no diversity the discriminator spots mode collapse easily", 2, 4),
    (
        "q5.b:explanation",
        "Weight decay penalizes all weights the same way regardless of the data.",
        1,
        1.5,  # i11p2: one right idea, nothing wrong: raised half way to 40% of the points
    ),
    ("q8.b:explanation", "exponential, not linear like the RBM free energy", 2, 2),
    ("q7.a", "Not advisable", 1, 1),
    ("q7.a", "Déconseillé", 1, 1),
    ("q7.a", "I would not use it", 1, 1),
    ("q7.a", "It is a bad idea", 1, 1),
    (
        "q4.b.ii",
        "The sampled mask is a step function of p, its derivative is zero almost everywhere.",
        2.5,  # the problem asked, in full: the issue calls it complete; a remedy adds 0.5
        3,
    ),
    # formula-style statements
    (
        "q3.a",
        "Each weight gets its own step, divided by sqrt of accumulated g^2. Adagrad: "
        "r <- r + g^2, so the step keeps shrinking. RMSprop: r <- rho r + (1 - rho) g^2.",
        5,
        5,
    ),
    (
        "q3.b",
        "Same: v_t = beta v_{t-1} + (1-beta) g^2 as a per-parameter scale. Adam also keeps "
        "a first moment (momentum), and divides both by 1 - beta^t to unbias them.",
        5,
        5,
    ),
]


def grade(item, text: str):
    """The `concepts` check's outcome for one answer (feedback, mistake, review)."""
    context = CheckContext(None, None, item, {}, lambda *_: None)
    return ConceptsCheck().grade(Scalar(text, Location("sheet.yaml", 1, 1)), context)


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


# The bands were written when q5.b's explanation was worth the part's 5 points; its ReLU
# Jacobian now earns one of them (issue 13.4), so its bands are scaled to the item's points.
BANDS_OUT_OF = {"q5.b:explanation": 5}


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_the_issue_examples_get_the_band_a_person_gives(items, key, text, low, high) -> None:
    item = items(key)
    ideas, contradictions = read_options(item)
    score = score_text(text, ideas, contradictions, item.points).score
    scale = item.points / BANDS_OUT_OF.get(key, item.points)
    assert low * scale - 1e-9 <= score <= high * scale + 1e-9, score


def test_a_swap_quotes_the_sentence_and_names_both_entities(items) -> None:
    item = items("q3.a")
    text = "RMSprop accumule la somme des gradients au carré comme Adagrad."
    outcome = grade(item, text)
    lines = [f.render("en") for f in outcome.feedback]
    said = next(line for line in lines if "You give RMSprop what Adagrad does" in line)
    assert "“RMSprop accumule la somme des gradients au carré comme Adagrad.”" in said
    french = [f.render("fr") for f in outcome.feedback]
    assert any("Vous attribuez à RMSprop ce que fait Adagrad" in line for line in french)
    # the answer key's own entry names the mistake ("RMSprop accumulates the sum like Adagrad")
    assert outcome.mistake == "rmsprop-sums"


def test_a_keyword_list_is_capped_marked_and_asked_for_the_relation(items) -> None:
    item = items("q7.c")
    text = (
        "packs of samples, discriminator, jointly, diversity, mode collapse, all real or all fake"
    )
    outcome = grade(item, text)
    assert outcome.score <= item.points / 2 and outcome.review
    assert any("without saying how they relate" in f.render("en") for f in outcome.feedback)
    assert any("sans dire comment ils sont liés" in f.render("fr") for f in outcome.feedback)


def test_a_terse_but_complete_sentence_is_not_capped(items) -> None:
    item = items("q3.b")
    outcome = grade(
        item,
        "Adam adds momentum and bias correction to RMSprop's moving average of squared gradients.",
    )
    assert outcome.score == item.points and not outcome.review


def test_a_clear_contradiction_is_graded_without_review(items) -> None:
    """A reversed answer read as reversed is not a doubt; the quote says where."""
    item = items("q3.a")
    outcome = grade(
        item,
        "Both give each parameter its own adaptive learning rate. RMSprop sums all past "
        "squared gradients, whereas Adagrad uses an exponential moving average.",
    )
    assert outcome.score == 1 and not outcome.review


def test_a_contradiction_in_the_sentence_credited_with_an_idea_is_a_doubt(items) -> None:
    item = items("q3.b")
    outcome = grade(
        item,
        "Both keep an EMA of squared gradients; Adam adds momentum and bias correction "
        "and uses the Hessian.",
    )
    assert outcome.details["confidence"] < 1  # listed; marked with a second doubt
    assert "conflict" in outcome.details["reasons"]


def test_a_contradiction_in_a_clause_of_its_own_is_not_a_conflict(items) -> None:
    # the grader tells the idea's clause from the contradiction's: nothing to confirm
    item = items("q5.b:explanation")
    outcome = grade(item, "It only penalizes the active units, so it is exactly weight decay.")
    assert not outcome.review
    assert "contradiction" in outcome.details["reasons"]


def test_an_answer_half_of_which_was_not_understood_is_marked(items) -> None:
    item = items("q4.a")
    text = (
        "Early stopping acts as an L2 regulariser. The optimiser wanders through the loss "
        "landscape in ways nobody can foresee. Every minibatch brings a different surprise "
        "for the network. Generalisation is a subtle phenomenon indeed."
    )
    outcome = grade(item, text)
    assert "unread" in outcome.details["reasons"]


def test_a_list_is_an_answer_where_the_question_asks_to_name_things(items) -> None:
    """The cap on keyword lists is for parts that ask for relations; a rubric whose question
    asks to name things (`list_is_answer`) grades the same list in full."""
    item = items("q7.c")
    ideas, contradictions = read_options(item)
    text = "packs of samples, discriminator, jointly, diversity, mode collapse"
    capped = score_text(text, ideas, contradictions, item.points)
    named = score_text(text, ideas, contradictions, item.points, list_is_answer=True)
    assert capped.keyword_list and capped.score <= item.points / 2
    assert not named.keyword_list and named.score > capped.score
