"""Mohler round 5 (i11mo5): two classes of real short answers read by the engine, in every
rubric and both languages.

- An order said as two halves cut by a comma ("first in, first out", "dernier entré,
  premier sorti") is one claim, not a list of two keywords (`grade._listed`): no rubric
  needs `list_is_answer` for it, and a bare list of terms is still capped.
- C++ written as the answer says what words would: a function pointer's declarator
  "(*f)(int)" is a pointer to a function (with or without an "&" after it), a function
  declared with typed parameters and no body ("int max(int a, int b);") a prototype, and
  code is never a list of keywords (its punctuation is the language's).
- A time or a place said after a comma is a circumstance of the piece before it, not a
  second keyword ("initialized once, at the first call", "clipping, during training").
- A term and its gloss cut by a comma is one term ("FIFO, first in first out", "EMA,
  exponential moving average", "PEPS, premier entré, premier sorti"), either way round.
- What a program's parts do ("returns", "holds", "stores", "contains", "renvoie") relates
  terms as "gives" does: "it returns the address, e.g. &x" is a claim and an example.
- A "no" that opens a subject denies its predicate however long the noun phrase ("when no
  other constructor is present", "if no constructors have been written"), not across a
  new subject ("if there is no bias correction the estimates are biased").
"""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.rubric import load_pack
from examgrade.sheet import parse_sheet
from examgrade.text.grade import is_keyword_list
from examgrade.text.match import negated_positions
from examgrade.text.normalize import parse
from tests.conftest import ROOT

PACK = ROOT / "benchmarks" / "mohler2011"


@pytest.mark.parametrize(
    "answer",
    [
        "first in, first out",
        "last in, first out",
        "first come, first served",
        "a stack: last in, first out",
        "first one in, first one out",
        "premier entré, premier sorti",
        "dernier arrivé, premier servi",
    ],
)
def test_an_order_said_as_two_halves_is_no_keyword_list(answer: str) -> None:
    assert not is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "queue, line, elements",
        "first layer, last layer",  # two things named by their order: a list
        "premières couches, dernières couches",
        "gradient, first moment, last step, bias",
        "SGD, Adam, RMSprop",  # acronyms that gloss nothing
    ],
)
def test_a_list_of_terms_is_still_one(answer: str) -> None:
    assert is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "initialized once, at the first call",
        "gradient clipping, during training",
        "moyenne mobile, pendant l'entraînement",
        "normalisation par lots, lors du test",
        "values kept, after each call",
    ],
)
def test_a_time_or_place_after_a_comma_is_no_second_keyword(answer: str) -> None:
    assert not is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "it returns the address, e.g. &x",
        "the pointer stores addresses, e.g. &x",
        "renvoie l'adresse, ex. &x",
        "contient l'adresse, ex &x",
    ],
)
def test_what_a_program_s_part_does_is_a_relation(answer: str) -> None:
    assert not is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "FIFO, first in first out",
        "FIFO, first in, first out",
        "EMA, exponential moving average",
        "exponential moving average, EMA",
        "PEPS, premier entré, premier sorti",
    ],
)
def test_a_term_and_its_gloss_is_one_term(answer: str) -> None:
    assert not is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    ["Elaboration, Construction, Transition", "inside functions, outside functions, headers"],
)
def test_a_list_of_terms_or_of_places_is_still_one(answer: str) -> None:
    assert is_keyword_list(answer)


@pytest.mark.parametrize(
    "answer",
    ["int a[5]; int b[] = {1, 2, 3};", "int f(int n) { return f(n - 1); }", "int a[5], b[3];"],
)
def test_code_is_no_keyword_list(answer: str) -> None:
    """Its commas, semicolons and spaced minus signs are the language's."""
    assert not is_keyword_list(answer)


@pytest.fixture(scope="module")
def rubrics():
    return load_pack(PACK)


def score(rubrics, key: str, answer: str) -> float:
    answer = answer.replace("'", "''")
    sheet = parse_sheet(f"student: {{id: x}}\n{key}: '{answer}'\n", keys=rubrics.keys)
    report = grade_sheet(sheet, rubrics)
    return report.questions[[q.key for q in report.questions].index(key)].score


@pytest.mark.parametrize(
    "key,answer,low,high",
    [
        ("q8_1", "last in, first out", 3.5, 5),
        ("q9_1", "first come, first served", 3.5, 5),
        ("q12_6", "first arrived, first served", 4, 5),
        ("q12_6", "last come, first served", 0, 1),  # a stack's order
        ("q9_1", "queue, line, elements", 0, 2.5),  # keywords: capped, no rubric lifts it
    ],
)
def test_the_stack_and_queue_idioms_without_a_rubric_option(rubrics, key, answer, low, high):
    assert low <= score(rubrics, key, answer) <= high


@pytest.mark.parametrize(
    "key,answer,low,high",
    [
        ("q6_7", "int (*compare)(int, int);", 3.5, 5),
        ("q6_7", "double (*op)(double) = sqrt;", 3.5, 5),
        ("q6_7", "int (*fp)(int) = &f;", 3.5, 5),
        ("q6_7", "int *p;", 0, 1.5),  # a plain pointer
        ("q11_4", "double area(double w, double h);", 3, 5),
        ("q11_4", "int x(5);", 0, 1),  # a variable initialized: no prototype
        ("q11_5", "int f(int n) { return f(n - 1); }", 4, 5),
    ],
)
def test_code_says_a_function_pointer_and_a_prototype(rubrics, key, answer, low, high):
    assert low <= score(rubrics, key, answer) <= high


def _denied(text: str) -> set[str]:
    (sentence,) = parse(text).sentences
    return {t for t, n in zip(sentence.tokens, negated_positions(sentence), strict=True) if n}


@pytest.mark.parametrize(
    "text,word",
    [
        ("C++ makes one when no other constructor is present.", "present"),
        ("It is created if no constructors have been written by the programmer.", "written"),
        ("when no user defined constructor is declared", "declared"),
        ("The update is unbiased when no extra momentum term is used.", "used"),
    ],
)
def test_a_subject_s_no_denies_its_predicate(text: str, word: str) -> None:
    assert word in _denied(text)


@pytest.mark.parametrize(
    "text,word",
    [
        ("If there is no bias correction the estimates are biased.", "biased"),
        ("With no diversity in a pack the discriminator spots the collapse.", "spots"),
        ("No it is a stack, so the last one in is removed first.", "removed"),
        ("S'il n'y a aucune correction du biais, les estimations sont biaisées.", "biaisees"),
    ],
)
def test_a_no_does_not_reach_past_a_new_subject(text: str, word: str) -> None:
    assert word not in _denied(text)


@pytest.mark.parametrize(
    "answer,low",
    [
        ("C++ provides one when no other constructor is present.", 4.5),
        ("the compiler writes one if no constructors have been written by the programmer", 4.5),
    ],
)
def test_q2_4_no_other_constructor_is_none_defined(rubrics, answer: str, low: float) -> None:
    assert score(rubrics, "q2_4", answer) >= low
