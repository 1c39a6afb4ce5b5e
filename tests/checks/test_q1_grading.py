"""Q1 end to end: every answer form of the contract accepted, known mistakes recognised
with their own bilingual feedback, and unreadable answers explained."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import parse_sheet
from tests.conftest import sheet_text


def grade_q1(rubrics, body: str) -> dict:
    report = grade_sheet(parse_sheet(sheet_text("q1:\n" + body), "s.yaml"), rubrics)
    return {p.key: p for p in report.questions[0].parts}


@pytest.mark.parametrize(
    "answer",
    [
        "25",
        "25x25",
        "25 x 25",
        "25X25",
        "25 × 25",
        "'[25, 25]'",
        "[25, 25]",
        "1 + 6*(5-1)",
        "'1 + 6*(5-1)'",
        "(1+6*4) x (1+6*4)",
        "25 pixels",
        "25x25x3",
    ],
)
def test_receptive_field_forms_accepted(rubrics, answer: str) -> None:
    part = grade_q1(rubrics, f"  b: {answer}\n")["b"]
    assert (part.status, part.score) == ("correct", 2)


@pytest.mark.parametrize(
    "answer",
    [
        "256x256",
        "256",
        "[256x256, 256x256, 256x256, 256x256, 256x256, 256x256]",
        "[256, 256, 256, 256, 256, 256]",
        "(256-5+2*2)/1+1",
        "[256, 256]",
        "\n    - 256\n    - 256 x 256\n    - 256\n    - (256-5+2*2)/1+1\n    - 256\n    - 256",
    ],
)
def test_feature_map_forms_accepted(rubrics, answer: str) -> None:
    part = grade_q1(rubrics, f"  a: {answer}\n")["a"]
    assert (part.status, part.score) == ("correct", 2)


@pytest.mark.parametrize(
    "field,answer",
    [
        ("c", "4"),
        ("c", "4x4"),
        ("c", "(5-1)"),
        ("d", "0"),
        ("d", "0x0"),
        ("e", "2"),
        ("e", "(5-1)/2"),
        ("e", "2 × 2"),
    ],
)
def test_padding_forms_accepted(rubrics, field: str, answer: str) -> None:
    part = grade_q1(rubrics, f"  {field}: {answer}\n")[field]
    assert (part.status, part.score) == ("correct", 2)


@pytest.mark.parametrize(
    "answer,mistake_en,mistake_fr",
    [
        ("21x21", "21 is five layers' worth", "21 correspond à cinq couches"),
        ("24", "Off by one", "Erreur d'une unité"),
        ("5x5", "what one kernel sees", "ce que voit un seul noyau"),
        ("30", "not k", "pas de k"),
        ("31 x 31", "not k", "pas de k"),
    ],
)
def test_receptive_field_mistakes_get_their_feedback(
    rubrics, answer, mistake_en, mistake_fr
) -> None:
    part = grade_q1(rubrics, f"  b: {answer}\n")["b"]
    assert part.status == "incorrect" and part.score == 0
    assert mistake_en in part.feedback[0].render("en")
    assert mistake_fr in part.feedback[0].render("fr")


def test_padding_ignored_in_the_sizes(rubrics) -> None:
    part = grade_q1(rubrics, "  a: [252, 248, 244, 240, 236, 232]\n")["a"]
    assert part.status == "incorrect"
    assert "You computed the p = 0 (valid) case: 252, 248, 244, 240, 236, 232" in part.feedback[
        0
    ].render("en")


def test_one_pixel_padding_gets_partial_credit(rubrics) -> None:
    part = grade_q1(rubrics, "  a: [254, 252, 250, 248, 246, 244]\n")["a"]
    assert (part.status, part.score) == ("partial", 0.5)
    assert "2 pixels on each side" in part.feedback[0].render("en")


@pytest.mark.parametrize(
    "field,answer,needle",
    [
        ("c", "2", "is the same padding"),
        ("e", "4", "is the full padding"),
        ("d", "4", "is the full padding"),
    ],
)
def test_full_and_same_swapped(rubrics, field: str, answer: str, needle: str) -> None:
    part = grade_q1(rubrics, f"  {field}: {answer}\n")[field]
    assert part.status == "incorrect"
    assert needle in part.feedback[0].render("en")


def test_unknown_wrong_answer_gets_the_general_feedback_with_the_expected_value(rubrics) -> None:
    part = grade_q1(rubrics, "  b: 17\n")["b"]
    assert part.status == "incorrect"
    assert "1 + L(k − 1) = 25" in part.feedback[0].render("en")


@pytest.mark.parametrize(
    "answer,needle_en",
    [
        ("25 x 24", "gives different dimensions"),
        ("'2**99**99'", "exponent must be a whole number of at most 64"),
        ("'25 +'", "expected a number or '(' instead of 'end'"),
        ("'((((25'", "a ')' is missing"),
        ("'" + "(" * 60 + "25" + ")" * 60 + "'", "too many nested parentheses"),
        ("'__import__(\"os\")'", "cannot read '_' here"),
    ],
)
def test_unreadable_answers_are_invalid_with_a_pointed_message(rubrics, answer, needle_en) -> None:
    part = grade_q1(rubrics, f"  b: {answer}\n")["b"]
    assert part.status == "invalid" and part.score == 0
    en = part.feedback[0].render("en")
    assert en.startswith("s.yaml, line 5, column ")
    assert needle_en in en


def test_caret_points_at_the_unreadable_character(rubrics) -> None:
    part = grade_q1(rubrics, "  b: '1 + 6*$'\n")["b"]
    en = part.feedback[0].render("en")
    assert "line 5, column 13" in en
    assert "    1 + 6*$\n          ^" in en


def test_missing_part_scores_zero_without_error(rubrics) -> None:
    parts = grade_q1(rubrics, "  b: 25\n")
    assert parts["a"].status == "missing" and parts["a"].score == 0
    assert parts["b"].status == "correct"
