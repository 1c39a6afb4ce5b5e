"""`examgrade grade` given one sheet instead of a class folder."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from examgrade.cli import app
from tests.conftest import ANSWERS


def test_one_yaml_sheet_is_sent_to_check_not_taken_for_an_lms_export(tmp_path: Path) -> None:
    """`grade answers/ada-en.yaml --out DIR` said "Give the map with --map MAP.yaml (start
    one with: examgrade import answers/ada-en.yaml --init-map ...)": a sheet read as a
    Moodle or form export."""
    out = tmp_path / "out"
    for lang, said in (("en", "is one answer sheet"), ("fr", "est une seule copie")):
        result = CliRunner().invoke(
            app, ["grade", str(ANSWERS / "ada-en.yaml"), "--out", str(out), "--lang", lang]
        )
        assert result.exit_code == 2
        assert said in result.output and "examgrade check" in result.output
        assert "--map" not in result.output
    assert not out.exists()


def test_an_out_folder_that_cannot_be_made_is_a_message(tmp_path: Path) -> None:
    """`grade answers --out results.csv/graded` (a parent that is a file) ended in
    NotADirectoryError's traceback."""
    taken = tmp_path / "results.csv"
    taken.write_text("id\n")
    result = CliRunner().invoke(
        app, ["grade", str(ANSWERS), "--out", str(taken / "graded"), "--lang", "fr"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "--out ne peut pas être créé" in result.output
    assert taken.read_text() == "id\n"
