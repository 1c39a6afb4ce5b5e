"""Meta-tests: the catalogs match, the rubrics name registered checks and solvers, every
command is documented in the README."""

from __future__ import annotations

import re

import pytest

from examgrade.checks import check_names
from examgrade.cli import app
from examgrade.exam import default_exam
from examgrade.i18n import catalog, placeholders
from examgrade.solvers import solver_names
from tests.conftest import ROOT


def test_both_catalogs_have_the_same_keys() -> None:
    assert set(catalog("en")) == set(catalog("fr"))


@pytest.mark.parametrize("code", sorted(catalog("en")))
def test_both_catalogs_have_the_same_placeholders(code: str) -> None:
    assert placeholders(catalog("en")[code]) == placeholders(catalog("fr")[code])


def test_every_rubric_loads_with_the_exam_points(rubrics) -> None:
    points = default_exam().points
    assert set(rubrics.questions) == set(points)
    for key, question in rubrics.questions.items():
        assert question.points == points[key]
        assert sum(p.points for p in question.parts) == question.points


def test_rubrics_name_only_registered_checks_and_solvers(rubrics) -> None:
    checks, solvers = set(check_names()), set(solver_names())
    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                assert item.check in checks
                assert item.solver is None or item.solver in solvers
                for mistake in item.mistakes:
                    assert mistake.solver is None or mistake.solver in solvers


def test_every_package_directory_ships() -> None:
    """A subpackage missing from pyproject's list would import here but not once installed."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "examgrade").rglob("__init__.py")
    }
    assert found <= listed


def test_every_command_appears_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert commands
    for name in commands:
        assert re.search(rf"examgrade {name}\b", readme), f"`examgrade {name}` is not in the README"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_message_hedges_its_plural(lang: str) -> None:
    """Plurals agree with their number (`{n:~student|students}`: 1 student, 2 students;
    1,5 point in French), never `student(s)`, `total(aux)` or `index(es)`."""
    hedged = {
        code: text
        for code, text in catalog(lang).items()
        if re.search(r"[a-zà-ÿ·]\((s|es|aux)\)", text)
    }
    assert not hedged


@pytest.mark.parametrize(
    ("code", "params", "lang", "said"),
    [
        ("review.set", {"points": "1,5", "count": 1}, "fr", "1,5 point pour 1 étudiant·e."),
        ("review.set", {"points": 2, "count": 3}, "fr", "2 points pour 3 étudiant·es."),
        ("review.set", {"points": 1, "count": 1}, "en", "1 point for 1 student."),
        ("review.groups_done", {"count": 1}, "en", "1 group"),
        ("mathlang.validate.summary", {"ok": 1, "failed": 0}, "fr", "1 lu, 0 illisible."),
    ],
)
def test_counted_words_agree_with_their_number(code, params, lang, said) -> None:
    """French takes the singular below 2 (« 1,5 point », even written with its comma),
    English for 1 only; the adjectives agree too (« 1 copie écrite »)."""
    from examgrade.i18n import Message

    assert Message(code, params).render(lang) == said


def test_the_import_summary_agrees_with_each_count() -> None:
    from examgrade.i18n import Message

    counts = {"rows": 1, "written": 1, "updated": 0, "unchanged": 2, "kept": 1, "problems": 1}
    said = Message("lms_import.summary", {**counts, "file": "f", "format": "m", "out": "o"})
    assert "1 copie écrite, 0 mise à jour, 2 inchangées, 1 gardée" in said.render("fr")
    assert "1 row (m); 1 sheet written" in said.render("en")
