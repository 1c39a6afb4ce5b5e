"""Class statistics on a small class whose figures are worked out by hand below."""

from __future__ import annotations

import math
from typing import Any

import pytest

from examgrade.classroom.stats import class_stats, cronbach_alpha, histogram
from examgrade.report import PartReport, QuestionReport, Report, StudentInfo

# (q1.a out of 2, q1.b out of 3) for four students
SCORES = {"s1": (2, 3), "s2": (2, 1), "s3": (0, 1), "s4": (1, 3)}


def report(student: str, a: float, b: float, mistake: str | None = None) -> Report:
    no_text = {"en": "", "fr": ""}
    part_b = PartReport(b, 3, "partial", b == 1, no_text, mistake=mistake)
    parts = {"a": PartReport(a, 2, "correct", False, no_text), "b": part_b}
    return Report(
        StudentInfo(student, None, "en"), a + b, 5, {"q1": QuestionReport(a + b, 5, parts)}
    )


@pytest.fixture(scope="module")
def stats() -> dict[str, Any]:
    reports = [report(s, a, b, "off-by-one" if b == 1 else None) for s, (a, b) in SCORES.items()]
    return class_stats(reports)


def test_mean_median_std_and_full_marks_per_part(stats) -> None:
    a = stats["parts"]["q1.a"]
    # a = 2, 2, 0, 1: mean 5/4, median (1 + 2)/2, deviations .75 .75 -1.25 -.25
    assert a["mean"] == 1.25 and a["median"] == 1.5
    assert a["std"] == pytest.approx(math.sqrt(2.75 / 3), abs=1e-4)
    assert a["full_share"] == 0.5
    assert a["difficulty"] == 0.625  # 1.25 / 2
    b = stats["parts"]["q1.b"]  # 3, 1, 1, 3
    assert (b["mean"], b["median"], b["full_share"]) == (2.0, 2.0, 0.5)
    assert b["difficulty"] == pytest.approx(2 / 3, abs=1e-4)


def test_totals(stats) -> None:
    total = stats["total"]  # 5, 3, 1, 4
    assert (total["mean"], total["median"], total["max"]) == (3.25, 3.5, 5)
    assert total["std"] == pytest.approx(math.sqrt(8.75 / 3), abs=1e-4)
    assert stats["questions"]["q1"]["mean"] == 3.25


def test_cronbach_alpha(stats) -> None:
    # k/(k-1) (1 - (var a + var b) / var total) with var a = 11/12, var b = 4/3, var t = 35/12
    expected = 2 * (1 - (11 / 12 + 4 / 3) / (35 / 12))
    assert stats["alpha"] == pytest.approx(expected, abs=1e-4)
    assert stats["alpha_parts"] == ["q1.a", "q1.b"]


def test_discrimination_is_the_correlation_with_the_rest(stats) -> None:
    # a against the rest (= b): covariance sum 1.0 over sqrt(2.75 · 4)
    assert stats["parts"]["q1.a"]["discrimination"] == pytest.approx(1 / math.sqrt(11), abs=1e-4)


def test_known_mistakes_are_counted_and_unsure_parts_flagged(stats) -> None:
    assert stats["mistakes"] == [
        {"part": "q1.b", "field": None, "mistake": "off-by-one", "count": 2}
    ]
    flagged = {f["part"]: f for f in stats["flagged"]}
    assert flagged["q1.b"]["reasons"] == ["review"]
    assert flagged["q1.b"]["students"] == ["s2", "s3"]


def test_histogram_puts_full_marks_in_the_last_bin() -> None:
    counts = histogram([0, 9.9, 10, 55, 100, 100])["counts"]
    assert counts == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


@pytest.mark.parametrize(
    "matrix",
    [[[1, 2]], [[1], [2]], [[1, 1], [1, 1]]],
    ids=["one student", "one part", "no variance"],
)
def test_alpha_is_undefined_rather_than_wrong(matrix) -> None:
    import numpy as np

    assert cronbach_alpha(np.array(matrix, dtype=float)) is None


def test_an_empty_class_has_no_figures() -> None:
    stats = class_stats([])
    assert stats["students"] == 0 and stats["alpha"] is None and stats["parts"] == {}
