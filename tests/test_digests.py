"""What makes a class's cached reports and the rubrics kept between runs stale."""

from __future__ import annotations

from pathlib import Path

from examgrade.digests import PACKAGE, code_files, rubric_digest


def test_every_part_of_examgrade_a_grade_depends_on_is_hashed() -> None:
    """A fixed solver, check, grammar or message must grade every sheet again."""
    names = {p.relative_to(PACKAGE).as_posix() for p in code_files()}
    for needed in (
        "solvers/cnn.py",
        "checks/expression.py",
        "mathlang/grammar.lark",
        "messages/fr/batch.yaml",
        "engine.py",
    ):
        assert needed in names


def test_editing_one_rubric_text_changes_the_rubric_digest(tmp_path: Path) -> None:
    (tmp_path / "q1.yaml").write_text("question: q1\n", encoding="utf-8")
    before = rubric_digest(tmp_path)
    (tmp_path / "q1.yaml").write_text("question: q1 \n", encoding="utf-8")
    assert rubric_digest(tmp_path) != before
