"""The command line as a user drives it: exit codes, JSON on stdout, messages on stderr."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from tests.conftest import ANSWERS

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})


def run(*args: str):
    return runner.invoke(app, list(args))


class TestCheck:
    def test_ada_gets_full_marks_on_q1_in_json(self) -> None:
        result = run("check", str(ANSWERS / "ada-en.yaml"), "--json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["student"] == {"id": "20230001", "name": "Ada Lovelace", "lang": "en"}
        q1 = report["questions"]["q1"]
        assert (q1["score"], q1["max"]) == (10, 10)
        assert set(q1["parts"]) == {"a", "b", "c", "d", "e"}
        part = q1["parts"]["a"]
        assert set(part) >= {"score", "max", "status", "review", "feedback"}
        assert set(part["feedback"]) == {"en", "fr"}

    def test_benoit_loses_q1b_with_the_feedback_for_21_in_french(self) -> None:
        result = run("check", str(ANSWERS / "benoit-fr.yaml"))
        assert result.exit_code == 0
        assert "21 correspond à cinq couches" in result.stdout
        assert "Total : " in result.stdout

    def test_lang_option_overrides_the_sheet_language(self) -> None:
        result = run("check", str(ANSWERS / "benoit-fr.yaml"), "--lang", "en")
        assert "21 is five layers' worth" in result.stdout
        both = run("check", str(ANSWERS / "benoit-fr.yaml"), "--lang", "both")
        assert "21 is five layers' worth" in both.stdout and "21 correspond" in both.stdout

    def test_questions_not_graded_yet_are_listed_not_scored_zero(self) -> None:
        """`not_graded` names whole parts (q3.a) or single fields of a part (q6.b:explanation)."""
        report = json.loads(run("check", str(ANSWERS / "ada-en.yaml"), "--json").stdout)
        for key in report["not_graded"]:
            path, _, field = key.partition(":")
            question, _, part_key = path.partition(".")
            parts = report["questions"].get(question, {}).get("parts", {})
            if field:  # absent, or held back for a person: never scored
                held = parts[part_key].get("fields", {}).get(field)
                assert held is None or (held["status"], held["max"]) == ("awaiting_review", 0)
            else:
                assert part_key not in parts

    def test_unreadable_sheet_exits_1_with_a_located_message(self, tmp_path) -> None:
        sheet = tmp_path / "bad.yaml"
        sheet.write_text("student:\n  id: 1\nq1:\n  a: [256, 256\n")
        result = run("check", str(sheet), "--lang", "fr")
        assert result.exit_code == 1
        assert "bad.yaml, ligne" in result.stderr and "colonne" in result.stderr

    def test_unreadable_sheet_in_json_prints_one_error_object(self, tmp_path) -> None:
        sheet = tmp_path / "bad.yaml"
        sheet.write_text("q1:\n  b: 25\n")
        result = run("check", str(sheet), "--json")
        assert result.exit_code == 1
        error = json.loads(result.stdout)
        assert error["code"] == "sheet.missing_student" and set(error["error"]) == {"en", "fr"}

    def test_missing_file_is_a_usage_error(self) -> None:
        result = run("check", "no-such-sheet.yaml")
        assert result.exit_code == 2
        assert "no such file" in result.stderr and "fichier introuvable" in result.stderr

    def test_unknown_option_is_a_usage_error(self) -> None:
        assert run("check", str(ANSWERS / "ada-en.yaml"), "--colour").exit_code == 2


class TestExplain:
    def test_q1_shows_the_solver_steps_in_both_languages(self) -> None:
        result = run("explain", "q1")
        assert result.exit_code == 0
        assert "layer 6: + (5 − 1) × 1 → 25 × 25" in result.stdout
        assert "couche 6 : + (5 − 1) × 1 → 25 × 25" in result.stdout

    def test_set_recomputes_for_other_parameters(self) -> None:
        result = run("explain", "q1", "--lang", "en", "--set", "kernel=3", "--set", "layers=4")
        assert result.exit_code == 0
        assert "Answer: 9" in result.stdout  # 1 + 4·2
        assert "layer 4: (262 + 2·2 − 3) / 1 + 1 = 264" in result.stdout

    def test_set_of_an_unknown_parameter_names_the_known_ones(self) -> None:
        result = run("explain", "q1", "--lang", "en", "--set", "kernal=3")
        assert result.exit_code == 2
        assert "input_size, kernel, padding, stride, layers" in result.stderr

    def test_unknown_question(self) -> None:
        result = run("explain", "q9", "--lang", "fr")
        assert result.exit_code == 2 and "question inconnue « q9 »" in result.stderr


class TestTemplate:
    @pytest.mark.parametrize(
        "lang,needle", [("en", "your student number"), ("fr", "votre matricule")]
    )
    def test_blank_sheet_is_commented_and_loads_once_filled(self, lang: str, needle: str) -> None:
        from examgrade.sheet import parse_sheet

        result = run("template", "--lang", lang)
        assert result.exit_code == 0 and needle in result.stdout
        filled = result.stdout.replace("id: ''", "id: '20231234'", 1)
        sheet = parse_sheet(filled, "template.yaml")
        assert sheet.student.lang == lang and not sheet.warnings
        assert set(sheet.answers) == {f"q{n}" for n in range(1, 9)}


class TestHelp:
    def test_version(self) -> None:
        from examgrade import __version__

        result = run("--version")
        assert result.exit_code == 0 and result.stdout.strip() == f"examgrade {__version__}"

    @pytest.mark.parametrize("command", ["check", "explain", "template"])
    def test_every_command_has_help_with_an_example(self, command: str) -> None:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example: examgrade " + command in result.stdout


class TestRenderingKeepsBrackets:
    """Rich would read `[log p(x,z)/q(z|x)]` as markup and drop it: text must stay as written."""

    def test_question_text_with_brackets(self) -> None:
        result = run("explain", "q6", "--lang", "en")
        assert "E_q[log p(x,z)/q(z|x)]" in result.stdout

    def test_feedback_with_brackets(self, tmp_path) -> None:
        rubric_dir = tmp_path / "rubrics"
        import shutil

        from tests.conftest import ROOT

        shutil.copytree(ROOT / "rubrics", rubric_dir)
        q1 = rubric_dir / "q1.yaml"
        q1.write_text(
            q1.read_text().replace(
                "Right: each stride-1", "Right [bold]E_q[x][/bold]: each stride-1"
            )
        )
        result = run("check", str(ANSWERS / "ada-en.yaml"), "--rubrics", str(rubric_dir))
        assert "Right [bold]E_q[x][/bold]: each" in result.stdout
