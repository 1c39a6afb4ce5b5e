"""What the reading tests share: the bundled rubrics, loaded once, and a form graded the
way `benchmarks/forms.py` grades it (the tuning files' forms are held to the same reading
the benchmark reports)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from examgrade.rubric import load_rubrics

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rubrics():
    return load_rubrics()


@pytest.fixture(scope="session")
def grade_form(rubrics) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """`benchmarks.forms.grade_form` over the bundled rubrics."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.forms import grade_form as graded

    return lambda form: graded(rubrics, form)
