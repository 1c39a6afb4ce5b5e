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
    # stated misconceptions
    (
        "q3.b",
        "Adam does not use squared gradients, it only uses momentum and bias correction.",
        0,
        2,
    ),
    ("q3.a", "RMSprop accumule la somme des gradients au carré comme Adagrad", 0, 0.5),
    ("q4.b.i", "p_i will converge to 0.5", 0, 0.5),
]


def grade(item, text: str):
    """The `concepts` check's outcome for one answer (feedback, mistake, review)."""
    context = CheckContext(None, None, item, {}, lambda *_: None)
    return ConceptsCheck().grade(Scalar(text, Location("sheet.yaml", 1, 1)), context)


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_the_issue_examples_get_the_band_a_person_gives(items, key, text, low, high) -> None:
    item = items(key)
    ideas, contradictions = read_options(item)
    score = score_text(text, ideas, contradictions, item.points).score
    assert low <= score <= high, score


def test_a_swap_quotes_the_sentence_and_names_both_entities(items) -> None:
    item = items("q3.a")
    text = "RMSprop accumule la somme des gradients au carré comme Adagrad."
    outcome = grade(item, text)
    lines = [f.render("en") for f in outcome.feedback]
    said = next(line for line in lines if "You give RMSprop what Adagrad does" in line)
    assert "“RMSprop accumule la somme des gradients au carré comme Adagrad.”" in said
    french = [f.render("fr") for f in outcome.feedback]
    assert any("Vous attribuez à RMSprop ce que fait Adagrad" in line for line in french)
    assert outcome.mistake == "swapped-adagrad-sum"
