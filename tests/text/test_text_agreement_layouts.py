"""benchmarks/text_agreement.py reads both layouts of a labelled set: one `score` per
answer, or two graders' `grader_a` and `grader_b` (the frozen set), and compares them."""

from __future__ import annotations

from pathlib import Path

from benchmarks.text_agreement import compare, grade_all, outliers, pairs, pearson

TWO_GRADERS = """
q3.a:
  points: 5
  answers:
    - id: a1
      kind: reversed
      lang: en
      grader_a: 1
      grader_b: 0.5
      text: "RMSprop sums all past squared gradients, whereas Adagrad uses a moving average."
    - id: a2
      kind: complete
      lang: en
      grader_a: 5
      grader_b: 5
      text: "Both give each parameter its own adaptive learning rate. Adagrad sums all
        past squared gradients, so its learning rate decreases; RMSprop uses an
        exponential moving average instead."
    - {id: a3, kind: idk, lang: fr, grader_a: 0, grader_b: 0, text: "je ne sais pas"}
"""


def test_two_graders_are_read_and_compared(tmp_path: Path) -> None:
    path = tmp_path / "frozen.yaml"
    path.write_text(TWO_GRADERS, encoding="utf-8")
    rows = grade_all(path)
    assert [r["graders"] for r in rows] == [(1.0, 0.5), (5.0, 5.0), (0.0, 0.0)]
    assert rows[0]["human"] == 0.75 and rows[0]["id"] == "a1"
    titles = [title for title, _, _ in pairs(rows)]
    assert titles == [
        "grader A vs grader B",
        "examgrade vs A",
        "examgrade vs B",
        "examgrade vs mean",
    ]
    _, a, b = pairs(rows)[0]
    s = compare(rows, a, b)
    assert abs(s["mae"] - 0.5 / 3) < 1e-9 and s["within1"] == 1.0 and s["r"] > 0.99


def test_reversed_answers_above_forty_percent_are_counted(tmp_path: Path) -> None:
    rows = [
        {"kind": "reversed", "machine": 2.5, "points": 5},
        {"kind": "misconception", "machine": 2.0, "points": 5},
        {"kind": "complete", "machine": 2.5, "points": 5},
        {"kind": "complete", "machine": 3.0, "points": 5},
    ]
    found = outliers(rows)
    assert found["reversed/misconception > 40%"] == [rows[0]]
    assert found["complete < 60%"] == [rows[2]]


def test_pearson() -> None:
    assert abs(pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-12
    assert abs(pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-12


def test_the_disagreements_benchmark_grades_as_the_agreement_one(tmp_path: Path) -> None:
    """`text_disagreements.grade` (its halves, pools and lists) gives each answer the
    machine score `text_agreement.grade_all` gives, on the check's own path."""
    from benchmarks.text_disagreements import grade

    path = tmp_path / "free_text_frozen.yaml"
    path.write_text(TWO_GRADERS, encoding="utf-8")
    agreed = [r["machine"] for r in grade_all(path)]
    rows = grade([path])
    assert [r["machine"] for r in rows] == agreed
    assert [r["index"] for r in rows] == [0, 1, 2]
