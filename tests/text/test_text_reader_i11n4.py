"""Issue 11, round 22 (i11n4): what the text reader threw away.

1. `normalize` dropped the bars of a modulus, so "|λ| < 1" and the key's mistake "λ < 1"
   (no modulus) read alike, and `subjects` read the bars as "given" (p(x|y)), cutting the
   clause. A modulus is now the word "modulus" before its operand, as "module des valeurs
   propres" and "in absolute value" already were words (never a norm "||W||", never the
   bars of two conditionals "p(y|x) q(z|x)", "x|yz, y|xz").

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import score_text
from examgrade.text.match import compile_pattern, negated_positions
from examgrade.text.normalize import parse, tokens
from examgrade.text.scan import pattern_lexicon, scan, search
from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("|λ| < 1", ["modulus", "lambda", "lt", "1"]),
        ("si |lambda_i| > 1", ["si", "modulus", "lambda_i", "gt", "1"]),
        ("max |λ_i| = 1", ["max", "modulus", "lambda", "i", "1"]),
    ],
)
def test_a_modulus_is_a_word(text, expected) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("||W|| > 1", ["w", "gt", "1"]),
        ("p(y|x) and q(z|x)", ["p", "y", "x", "and", "q", "z", "x"]),
        ("P(y,z|x)", ["p", "y", "z", "x"]),
        ("x|yz, y|xz, z|xy", ["x", "yz", "y", "xz", "z", "xy"]),
        ("x|y,z -> y|x,z", ["x", "y", "z", "→", "y", "x", "z"]),
    ],
)
def test_norms_and_conditionals_are_no_modulus(text, expected) -> None:
    assert tokens(text) == expected


# 2. q6.b: "IAF peut représenter des postérieures non factorisées, ce que le mean-field ne
#    peut pas, même optimisé" read the mean-field's limit as denied: the pattern "even
#    optimised ... factorised" took its "factorised" from the IAF's "non factorisées", in
#    another clause. A word after "non" whose clause holds no other word of the match is
#    another thing's property: the match is not made (neither said nor denied). And a
#    concession ends a negation ("cannot do it even at its best", "même si"): the best is
#    not denied; "not even", "même pas", "la même" are no concession.


@pytest.mark.parametrize(
    "text",
    [
        "Oui, un flow IAF capte des postérieures non factorisées, chose que le mean-field ne "
        "sait pas faire, même optimisé pour chaque x.",
        "Yes: an IAF posterior can be non-factorized, which a mean-field q cannot be, even "
        "with per-example optimization.",
        "Yes, IAF handles non-diagonal posteriors, something mean-field cannot do even "
        "at its best.",
    ],
)
def test_q6b_a_non_compound_of_the_other_entity_denies_nothing(grade, text) -> None:
    states = idea_states(grade("q6.b:explanation", text))
    assert states["mean-field-limited"] != "negated"


def _found(source: str, text: str) -> list:
    pattern = compile_pattern(source)
    return search([pattern], scan(parse(text).sentences, pattern_lexicon(pattern)))


def test_a_non_in_the_clause_of_the_match_still_denies() -> None:
    (match,) = _found("optimal|optimis* factori*", "an optimal non factorized family")
    assert match.negated


def test_a_non_in_another_clause_makes_no_match() -> None:
    text = "IAF is non factorized, even optimal"
    assert _found("even|meme optimal|optimis* factori*", text) == []


@pytest.mark.parametrize(
    ("text", "conceded"),
    [
        ("mean-field cannot do it even if optimized", True),
        ("le mean-field ne le fait pas même s’il est optimisé", True),
        ("le mean-field ne le fait jamais même optimisé", False),
        ("it cannot even represent correlations", False),
        ("il ne peut même pas capter les corrélations", False),
        ("la pénalité n'est pas la même pour chaque exemple", False),
    ],
)
def test_a_concession_ends_the_negation(text, conceded) -> None:
    sentence = parse(text).sentences[0]
    last = negated_positions(sentence)[-1]
    assert last is not conceded


# 3. Code written as the answer (the Mohler pack): its brackets, braces, "&", "*" and a
#    function calling itself were thrown away, so "int a[5]; int b[] = {1,2,3};" scored 0.
#    In an answer that looks like code they are words; a formula keeps its brackets.


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("int a[5]; int b[] = {1,2,3};", {"bracket", "braces"}),
        ("int (*fp)(int) = &f;", {"pointer", "address"}),
        ("void g(int m[][4][6])", {"bracket"}),
        ("int sum(int k) { return k == 0 ? 0 : k + sum(k - 1); }", {"calls", "itself"}),
    ],
)
def test_code_says_it_in_words(text, words) -> None:
    assert words <= set(tokens(text))


@pytest.mark.parametrize("text", ["1[a>0] times E[x]", "n * f(n) grows", "p(z|x) = {0, 1}"])
def test_formulas_are_no_code(text) -> None:
    assert {"bracket", "braces", "pointer", "address"}.isdisjoint(tokens(text))


@pytest.fixture(scope="module")
def mohler():
    from examgrade.rubric import load_rubrics

    return load_rubrics(str(Path(__file__).resolve().parents[2] / "benchmarks/mohler2011/rubrics"))


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("q11_5.a", "int sum(int k) { if (k == 0) return 0; return k + sum(k - 1); }"),
        ("q6_7.a", "double (*op)(double) = &square;"),
    ],
)
def test_mohler_code_answers_earn_their_idea(mohler, key, text) -> None:
    item = find_item(mohler, key)
    ideas, contradictions = read_options(item)
    assert score_text(text, ideas, contradictions, item.points).score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "long-term dependencies are lost; E[h_t] tends to {0}",
        "double the learning rate; then *everything* explodes & E[x] grows",
    ],
)
def test_words_that_are_types_make_no_code(text) -> None:
    assert {"bracket", "braces", "pointer", "address"}.isdisjoint(tokens(text))
