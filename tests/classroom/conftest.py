"""Fixtures the batch tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ANSWERS


@pytest.fixture
def two_sheets(tmp_path: Path) -> Path:
    """A class folder holding Ada's and Benoît's sample sheets."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, sheets / sheet)
    return sheets
