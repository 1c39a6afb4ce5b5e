"""A class writes many of the same sentences, so a sentence is scanned once per rubric
item and its matches kept (`examgrade.text.scan`). What an answer is graded must not
depend on which answers were graded before it in the process."""

from __future__ import annotations

from itertools import pairwise

from benchmarks.text_agreement import LABELLED, find_item, load_labelled
from examgrade.checks.concepts import read_options
from examgrade.rubric import load_rubrics
from examgrade.text import grade as text_grade
from examgrade.text.grade import score_text
from tests.conftest import ROOT


def _forget() -> None:
    for _, lexicon in text_grade._LEXICONS.values():
        lexicon.scanned.clear()


def _cases() -> list[tuple[str, tuple, tuple, float]]:
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    cases = []
    for key, entry in load_labelled(LABELLED).items():
        item = find_item(rubrics, key)
        ideas, contradictions = read_options(item)
        texts = [answer["text"] for answer in entry["answers"]]
        # answers made of other answers' sentences, in another order
        texts += [f"{b} {a}" for a, b in pairwise(texts)]
        cases += [(text, ideas, contradictions, item.points) for text in texts]
    return cases


def _seen(result) -> tuple:
    return (
        result.score,
        tuple((r.idea.id, r.state, r.credit, r.match) for r in result.ideas),
        tuple(c.id for c in result.contradictions),
        result.verdict,
        result.confidence,
    )


def test_each_answer_is_graded_alike_alone_and_after_the_others() -> None:
    cases = _cases()
    alone = []
    for text, ideas, contradictions, points in cases:
        _forget()
        alone.append(_seen(score_text(text, ideas, contradictions, points)))
    _forget()
    for text, ideas, contradictions, points in cases:  # warm every sentence once
        score_text(text, ideas, contradictions, points)
    after = [_seen(score_text(*case)) for case in reversed(cases)]
    assert after[::-1] == alone


def test_the_memory_of_scanned_sentences_stays_small_after_many_distinct_answers() -> None:
    """Free text differs for nearly every student: a 10,000-sheet class kept ~4 KB of
    every sentence it read in each grading worker (issue 17's memory target)."""
    from examgrade.text.match import compile_pattern
    from examgrade.text.normalize import parse
    from examgrade.text.scan import Lexicon, scan

    lexicon = Lexicon(compile_pattern("gradient+vanish*").words())
    for number in range(5_000):
        scan(parse(f"the gradient vanishes after {number} layers").sentences, lexicon)
        assert len(lexicon.scanned) <= 2_000
    again = scan(parse("the gradient vanishes after 7 layers").sentences, lexicon)
    assert again.present  # what is scanned after the memory is emptied is still found
