"""The labelled free-text answers (tests/data/free_text_labelled.yaml): the clear cases a
careful grader agrees on are pinned; the agreement on the whole set is measured by
benchmarks/text_agreement.py and reported in the README."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import grade_all

ROWS = grade_all()


def rows(*kinds: str) -> list[dict]:
    return [r for r in ROWS if r["kind"] in kinds]


def label(row: dict) -> str:
    return f"{row['part']}/{row['kind']}/{row['lang']}: {row['text'][:50]}"


def test_the_set_covers_every_free_text_part_in_both_languages() -> None:
    parts = {r["part"] for r in ROWS}
    assert len(parts) == 15
    for part in parts:
        subset = [r for r in ROWS if r["part"] == part]
        assert len(subset) >= 15 and {r["lang"] for r in subset} == {"en", "fr"}


@pytest.mark.parametrize(
    "row", [r for r in rows("complete") if r["human"] == r["points"] > 0], ids=label
)
def test_a_complete_answer_gets_at_least_80_percent(row: dict) -> None:
    assert row["machine"] >= 0.8 * row["points"]


@pytest.mark.parametrize("row", rows("empty", "idk", "off_topic"), ids=label)
def test_empty_idk_and_off_topic_answers_get_zero_without_review(row: dict) -> None:
    assert row["machine"] == 0 and not row["review"]


@pytest.mark.parametrize("row", rows("negated"), ids=label)
def test_a_negated_idea_is_not_credited(row: dict) -> None:
    assert row["machine"] <= row["human"]


@pytest.mark.parametrize("row", [r for r in rows("keywords") if r["points"]], ids=label)
def test_a_bare_keyword_list_is_flagged_for_review(row: dict) -> None:
    assert row["review"]


@pytest.mark.parametrize("row", rows("wrong"), ids=label)
def test_a_wrong_answer_gets_at_most_one_point(row: dict) -> None:
    assert row["machine"] <= row["human"] + 1


def test_overall_agreement_stays_close_to_the_human_grader() -> None:
    """A floor, not the figure: the README reports the measured agreement."""
    errors = [abs(r["human"] - r["machine"]) for r in ROWS]
    assert sum(errors) / len(errors) <= 0.3
    assert sum(e <= 1 for e in errors) / len(errors) >= 0.95
