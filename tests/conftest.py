"""Shared fixtures: the sample sheets, the shipped rubrics, and a sheet builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from examgrade.rubric import RubricSet, load_rubrics

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "answers"


@pytest.fixture(scope="session")
def rubrics() -> RubricSet:
    return load_rubrics(str(ROOT / "rubrics"))


def sheet_text(body: str, student: str = 'student:\n  id: "42"\n  lang: en\n') -> str:
    """A sheet with a valid student block followed by `body`."""
    return student + body
