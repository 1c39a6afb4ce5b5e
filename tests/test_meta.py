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
