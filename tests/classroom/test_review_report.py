"""Parts examgrade is unsure of are listed where a student or a TA looks: the terminal
report ends with them, and the JSON names them and gives each text part's confidence."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from examgrade.cli import app

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})

# A bare list of keywords: graded, but flagged for a person to read.
KEYWORDS_ONLY = """student:
  id: "7"
  lang: fr
q7:
  c: PacGAN, paquets, diversité, mode collapse
"""


class TestReviewList:
    def test_the_terminal_report_lists_the_parts_to_review_in_the_students_language(
        self, tmp_path
    ) -> None:
        sheet = tmp_path / "s.yaml"
        sheet.write_text(KEYWORDS_ONLY, encoding="utf-8")
        result = runner.invoke(app, ["check", str(sheet)])
        assert result.exit_code == 0, result.output
        assert "À revoir" in result.output
        assert "q7.c" in result.output.split("À revoir")[-1]

    def test_the_json_names_the_parts_to_review_and_their_confidence(self, tmp_path) -> None:
        sheet = tmp_path / "s.yaml"
        sheet.write_text(KEYWORDS_ONLY, encoding="utf-8")
        result = runner.invoke(app, ["check", str(sheet), "--json"])
        data = json.loads(result.output)
        part = data["questions"]["q7"]["parts"]["c"]
        assert data["review"] == ["q7.c"]
        assert part["review"] is True
        assert 0 <= part["confidence"] < 0.6

    def test_a_sheet_with_nothing_uncertain_has_no_review_panel(self, tmp_path) -> None:
        sheet = tmp_path / "s.yaml"
        sheet.write_text('student:\n  id: "8"\nq1:\n  b: 25x25\n', encoding="utf-8")
        result = runner.invoke(app, ["check", str(sheet)])
        assert "To review" not in result.output
        assert (
            json.loads(runner.invoke(app, ["check", str(sheet), "--json"]).output)["review"] == []
        )
