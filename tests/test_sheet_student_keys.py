"""The `student` block as students type its keys: in capitals (`STUDENT:`, `ID:`), in
French (`Étudiant:`, `matricule:`, `nom:`, `langue:`), with a space (`Student ID:`).
`STUDENT:` refused the whole sheet ("no 'student' section") and `ID:` or `matricule:`
did too ("'student' has no 'id'"); each is now read, with a warning that names the key
and what it was read as, in the student's language."""

from __future__ import annotations

import pytest

from examgrade.errors import SheetError
from examgrade.sheet import parse_sheet


def _said(sheet) -> str:
    return " | ".join(w.render("en") for w in sheet.warnings)


class TestStudentKeys:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("STUDENT:\n  ID: 8\nQ1:\n  B: 25x25\n", ("8", None, "en")),
            ("Student:\n  Student ID: '0042'\n  Name: Ada L\n", ("0042", "Ada L", "en")),
            (
                "Étudiant:\n  Matricule: '20230002'\n  Nom: Zoé Côté\n  Langue: Français\n",
                ("20230002", "Zoé Côté", "fr"),
            ),
            ("élève:\n  numéro: 77\n  lang: FR\n", ("77", None, "fr")),
        ],
    )
    def test_the_student_is_read(self, text: str, expected: tuple) -> None:
        sheet = parse_sheet(text, "s.yaml")
        assert (sheet.student.id, sheet.student.name, sheet.student.lang) == expected
        said = _said(sheet)
        assert "is read as student" in said and "unknown key" not in said, said

    def test_the_warning_names_the_key_in_both_languages(self) -> None:
        sheet = parse_sheet("Étudiant:\n  matricule: '5'\n", "s.yaml")
        rendered = [w.render("fr") for w in sheet.warnings]
        assert any("« Étudiant » est lu comme student" in r for r in rendered), rendered
        assert any("« matricule » est lu comme id" in r for r in rendered), rendered

    def test_the_contracts_key_wins(self) -> None:
        sheet = parse_sheet("student:\n  id: '1'\n  ID: '2'\nStudent:\n  id: '3'\n", "s.yaml")
        assert sheet.student.id == "1"
        said = _said(sheet)
        assert "'student.ID'" in said and "'Student'" in said  # both named, neither read

    def test_a_sheet_with_no_student_block_is_still_refused(self) -> None:
        with pytest.raises(SheetError) as caught:
            parse_sheet("studnet:\n  id: 1\n", "s.yaml")
        assert caught.value.code == "sheet.missing_student"
