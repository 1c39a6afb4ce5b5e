"""A broken rubric is the instructor's error: the message names the rubric file and line."""

from __future__ import annotations

import shutil

import pytest

from examgrade.errors import RubricError
from examgrade.rubric import load_rubric
from tests.conftest import ROOT

Q1 = (ROOT / "rubrics" / "q1.yaml").read_text(encoding="utf-8")


def broken(tmp_path, old: str, new: str) -> RubricError:
    path = tmp_path / "q1.yaml"
    assert old in Q1
    path.write_text(Q1.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    return caught.value


@pytest.mark.parametrize(
    "old,new,needle",
    [
        ("points: 10\n", "points: 12\n", "q1 is worth 10 points in the exam, not 12"),
        (
            "    points: 2\n    check: sizes",
            "    points: 3\n    check: sizes",
            "the parts add up to 11 points, but q1 is worth 10",
        ),
        ("check: sizes", "check: sizez", "no check kind named 'sizez'. Known kinds:"),
        ("solver: cnn.receptive_field", "solver: cnn.receptive", "no solver named 'cnn.receptive'"),
        ("question: q1", "question: q2", "the file is for 'q1' but says question: 'q2'"),
        (
            "  fr: Réseaux de neurones convolutifs\n",
            "",
            "'title' needs non-empty 'en' and 'fr' texts",
        ),
        (
            "        points: 0.5\n",
            "        points: half\n",
            "'points' must be a number, not 'half'",
        ),
        ("    check: size\n", "    check: size\n    colour: red\n", "unknown key 'colour'"),
        (
            "    points: 2\n    check: sizes",
            "    points: 2\n    explain: {worked: cnn.nope}\n    check: sizes",
            "no worked example named 'cnn.nope'. Known worked examples: boltzmann.conditionals",
        ),
        (
            "    points: 2\n    check: sizes",
            "    points: 2\n    explain: {ideas: {en: only English}}\n    check: sizes",
            "'explain.ideas' needs non-empty 'en' and 'fr' texts",
        ),
    ],
)
def test_broken_rubric_messages(tmp_path, old: str, new: str, needle: str) -> None:
    error = broken(tmp_path, old, new)
    en = error.message.render("en")
    assert needle in en
    assert en.startswith(str(tmp_path / "q1.yaml") + ", line ")
    assert "rubric error (instructor)" in en
    assert "erreur de barème (enseignant)" in error.message.render("fr")


def test_cli_reports_a_broken_rubric_folder(tmp_path) -> None:
    from typer.testing import CliRunner

    from examgrade.cli import app

    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder)
    (folder / "q1.yaml").write_text(Q1.replace("check: sizes", "check: nope"), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["check", str(ROOT / "answers" / "ada-en.yaml"), "--rubrics", str(folder), "--lang", "en"],
    )
    assert result.exit_code == 2
    assert "rubric error (instructor)" in result.stderr and "q1.yaml, line" in result.stderr
