"""Responses files as a teaching assistant in a French-speaking university meets them:
re-saved by a French Excel (a title line above the header, semicolons, Windows-1252,
CRLF) and form exports whose timestamps write the day first."""

from __future__ import annotations

from pathlib import Path

import pytest

from examgrade.lms_import import import_responses
from examgrade.sheet import load_sheet

HEADER = (
    "Nom;Prénom;Numéro d'identification;Adresse de courriel;État;Commencé le;Terminé;"
    "Temps utilisé;Note/10,00;Réponse 1\r\n"
)
MAP = "id: Numéro d'identification\nname: [Prénom, Nom]\nlang: fr\nfields:\n  q1.b: Réponse 1\n"


def _row(sid: str, answer: str) -> str:
    return f"Côté-Lévesque;Zoé;{sid};z@x;Terminé;7 décembre 2026 10:00;-;-;5,50;{answer}\r\n"


def _run(tmp_path: Path, text: str, map_text: str = MAP, encoding: str = "cp1252"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "r.csv").write_bytes(text.encode(encoding))
    (tmp_path / "map.yaml").write_text(map_text, encoding="utf-8")
    from examgrade.rubric import load_rubrics

    out = tmp_path / "out"
    return import_responses(tmp_path / "r.csv", tmp_path / "map.yaml", out, load_rubrics(None))


def _answer(tmp_path: Path, sid: str) -> str:
    return load_sheet(tmp_path / "out" / f"{sid}.yaml").answers["q1"].entries["b"].text


class TestTitleAboveTheHeader:
    """A title line (and blank lines) above the header are passed over and said, whatever
    the separator; the header is the first line that has columns."""

    @pytest.mark.parametrize(
        "title",
        [
            "IFT6135 Examen final : réponses\r\n",
            "IFT6135 Examen final : réponses;;;;;;;;;\r\n",  # Excel pads to the used range
            "Examen final, IFT6135, automne 2026\r\n\r\n",  # commas in a semicolon file
            '"Quiz: Final exam, Responses"\r\n;;;;\r\n',
        ],
    )
    def test_the_header_is_found_below_a_title(self, tmp_path, title) -> None:
        result = _run(tmp_path, title + HEADER + _row("00123", "25x25") + _row("00124", "21"))
        assert sorted(p.name for p in result.written) == ["00123.yaml", "00124.yaml"]
        assert _answer(tmp_path, "00123") == "25x25"
        assert load_sheet(tmp_path / "out" / "00123.yaml").student.name == "Zoé Côté-Lévesque"
        assert "lms_import.lines_before_header" in [n.code for n in result.notes]
        said = next(n for n in result.notes if n.code == "lms_import.lines_before_header")
        assert "r.csv" in said.render("en") and "r.csv" in said.render("fr")

    def test_a_file_whose_header_is_first_says_nothing_of_titles(self, tmp_path) -> None:
        result = _run(tmp_path, HEADER + _row("00123", "25x25"))
        assert [n.code for n in result.notes] == ["lms_import.decoded_cp1252"]

    def test_a_comma_file_whose_answers_hold_semicolons(self, tmp_path) -> None:
        """Cloze answers (`part 1: …; part 2: …`) in a comma file do not make `;` the
        separator."""
        text = "Matricule,Nom,Q1 b\r\n"
        text += '7,A,"part 1: 1; part 2: 2; part 3: 3; part 4: 4; part 5: 5"\r\n8,B,21\r\n'
        result = _run(tmp_path, text, "id: Matricule\nlang: fr\nfields:\n  q1.b: Q1 b\n")
        assert sorted(p.name for p in result.written) == ["7.yaml", "8.yaml"]
