"""Issue 11, seventh round: scoring classes found by `benchmarks/text_disagreements.py`
(causes, not answers). These sentences are written for the test, EN and FR, not copied
from a labelled set."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.base import CheckContext
from examgrade.checks.concepts import ConceptsCheck, read_options
from examgrade.errors import Location
from examgrade.i18n import Message
from examgrade.nodes import Scalar
from examgrade.text.grade import FLOOR_SHARE, Idea, patterns, score_text
from examgrade.text.match import compile_pattern
from examgrade.text.normalize import sentences
from examgrade.text.scan import pattern_lexicon, scan, search


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


def _score(items, key: str, text: str):
    item = items(key)
    ideas, contradictions = read_options(item)
    return score_text(text, ideas, contradictions, item.points), item.points


# Something right, though little: a hint of one idea, one idea of several, an idea beside a
# wrong claim. The TAs of every tuning set give such an answer about a quarter of the
# points (0.27 on average where the grader gave 0.13): at least a fifth.
LITTLE_BUT_RIGHT = [
    ("q4.b.ii", "Since the mask is drawn at random, getting a gradient for p is not easy."),
    ("q4.b.ii", "Le masque est tire au hasard, donc obtenir un gradient en p n'est pas simple."),
    ("q4.a", "The model overfits more and more as the epochs go by."),
    ("q4.a", "Le modele surapprend de plus en plus au fil des epoques."),
    ("q7.a", "Yes, it is a good idea: with few parameters the discriminator cannot overfit."),
    ("q7.a", "Oui, bonne idee : avec peu de parametres le discriminateur ne surapprend pas."),
]


@pytest.mark.parametrize("key,text", LITTLE_BUT_RIGHT, ids=[t[:40] for _, t in LITTLE_BUT_RIGHT])
def test_an_answer_with_something_right_earns_at_least_a_fifth(items, key, text) -> None:
    result, points = _score(items, key, text)
    assert points * FLOOR_SHARE - 1e-9 <= result.score <= 0.4 * points  # far below half
    assert result.floored or result.score > points * FLOOR_SHARE


NOTHING_RIGHT = [
    ("q3.a", "Adam is the best optimizer, use it with lr 1e-3."),
    ("q3.a", "Je ne sais pas."),
]  # (a full reversal earns a tenth: tests/text/test_text_offenders_i11r2.py)


@pytest.mark.parametrize("key,text", NOTHING_RIGHT, ids=[t[:40] for _, t in NOTHING_RIGHT])
def test_nothing_right_earns_no_floor(items, key, text) -> None:
    result, _ = _score(items, key, text)
    assert not result.floored
    assert result.score == 0


def test_the_floor_never_lowers_a_score_nor_passes_a_cap() -> None:
    idea = Idea("sum", 1.0, patterns(["sum*"]), weak=patterns(["accumul*"]))
    other = Idea("ema", 4.0, patterns(["moving+average"]))
    hint = score_text("It accumulates gradients over time.", [idea, other], [], 5)
    assert hint.score == pytest.approx(1.0) and hint.floored  # 0.5 of a hint, raised to 1
    said = score_text("It keeps a sum of squared gradients.", [idea, other], [], 5)
    assert said.score == pytest.approx(1.5) and not said.floored  # a fifth already
    listed = score_text("sum, moving average, gradients, decay", [idea, other], [], 5)
    assert listed.keyword_list and listed.score == pytest.approx(2.5)


def test_the_floor_is_said_in_the_student_language(items) -> None:
    item = items("q4.a")
    text = "Le modele surapprend de plus en plus au fil des epoques."
    answer = Scalar(text, Location("s.yaml", 1, 1))
    ctx = CheckContext(question=None, part=None, item=item, parameters={}, solve=lambda *a: None)
    outcome = ConceptsCheck().grade(answer, ctx)
    floors = [m for m in outcome.feedback if isinstance(m, Message) and m.code == "text.floor"]
    # the floor, then the rubric's share of the way up to 40% of the points (i11p2)
    share = float(item.options["partial_raise"])
    floor = item.points * FLOOR_SHARE
    assert outcome.score == pytest.approx(floor + share * (item.points * 0.4 - floor))
    assert len(floors) == 1
    assert "at least" in floors[0].render("en") and "au moins" in floors[0].render("fr")


# French elision: a rubric spells "d'oubli" as "d+oubli" or "d'oubli", students write
# "d'oubli" (read "de oubli") or "d oubli": each spelling matches each other.
ELISIONS = [
    ("facteur+d+oubli", "RMSprop a un facteur d'oubli."),
    ("facteur+d+oubli", "RMSprop a un facteur d oubli."),
    ("facteur d'oubli", "RMSprop a un facteur d oubli."),
    ("ne+fait+qu+augmenter", "La somme ne fait qu'augmenter."),
    ("adam+c+est+rmsprop", "Adam c'est RMSprop avec du momentum."),
    ("cesse+d+apprendre", "Adagrad cesse d'apprendre trop tot."),
]


@pytest.mark.parametrize("pattern,text", ELISIONS, ids=[p for p, _ in ELISIONS])
def test_an_elided_word_matches_however_it_is_spelt(pattern, text) -> None:
    compiled = compile_pattern(pattern)
    assert search([compiled], scan(sentences(text), pattern_lexicon(compiled)))


def test_a_letter_that_is_no_elision_stays_a_letter() -> None:
    assert len(compile_pattern("q+d+q").terms[0]) == 1  # Q D Q^-1: D is a matrix


# One telegraphic phrase, without a comma or a function word, is a claim ("the discrete
# sampling is not differentiable"), not a list of terms: it is not capped at half. Terms
# cut by commas, or by spaced slashes, are still a list.
@pytest.mark.parametrize(
    "text",
    ["Bernoulli mask sampling non differentiable", "tirage Bernoulli discret non derivable"],
)
def test_one_telegraphic_phrase_is_a_claim(items, text) -> None:
    result, _ = _score(items, "q4.b.ii", text)
    assert not result.keyword_list
    assert result.score == pytest.approx(2.5)  # the problem, in full (2.5 of 3); no remedy


@pytest.mark.parametrize(
    "text",
    [
        "lr adaptatif / somme cumulee / moyenne mobile / oubli",
        "adaptive lr / running sum / moving average / forgetting",
    ],
)
def test_terms_cut_by_slashes_are_a_list(items, text) -> None:
    result, points = _score(items, "q3.a", text)
    assert result.keyword_list and result.score <= points / 2
