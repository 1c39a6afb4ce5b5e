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


FORM_MAP = "id: Matricule\nlang: fr\nfields:\n  q1.b: Q1 b\n"


class TestDayFirstTimestamps:
    """Of two submissions the later is kept, whether the export writes the day or the
    month first: the whole column decides (a day above 12 settles it; otherwise a
    French header such as Horodateur means day first)."""

    @pytest.mark.parametrize(
        ("header", "rows", "kept"),
        [
            # Google Forms in French: 5 December after 13 November
            ("Horodateur", ["05/12/2026 14:00:00", "13/11/2026 09:00:00"], 0),
            # every day at most 12, a French header: 2 December after 1 December
            ("Horodateur", ["01/12/2026 09:00:00", "02/12/2026 08:00:00"], 1),
            ("Horodateur", ["02/12/2026 09:00:00", "11/01/2026 08:00:00"], 0),
            # Microsoft Forms in French, minutes only, as Excel shows them
            ("Heure de fin", ["13/11/2026 09:00", "05/12/2026 14:00"], 1),
            ("Horodatage", ["05/12/2026, 14:00", "13/11/2026, 09:00"], 0),  # a comma after it
            # English Microsoft Forms: month first, settled by a day above 12
            ("Completion time", ["12/5/2026 2:00:00 PM", "11/13/2026 9:00:00 AM"], 0),
            ("Timestamp", ["1/12/2026 9:00:00", "2/1/2026 8:00:00"], 1),
        ],
    )
    def test_the_later_submission_is_kept(self, tmp_path, header, rows, kept) -> None:
        text = f"{header},Matricule,Q1 b\n"
        text += "".join(f'"{stamp}",007,answer{n}\n' for n, stamp in enumerate(rows))
        result = _run(tmp_path, text, FORM_MAP, encoding="utf-8")
        assert _answer(tmp_path, "007") == f"answer{kept}"
        assert [p.message.code for p in result.problems] == ["lms_import.row_other_attempt"]

    @pytest.mark.parametrize(
        ("started", "kept"),
        [
            (["05/12/2026 14:00", "13/11/2026 09:00"], 0),  # a day above 12 settles it
            (["02/12/2026 09:00", "11/01/2026 08:00"], 0),  # Commencé le: French, day first
        ],
    )
    def test_a_moodle_report_re_saved_by_excel(self, tmp_path, started, kept) -> None:
        """Excel rewrites Moodle's `7 décembre 2026, 10:00` as `07/12/2026 10:00` when it
        re-saves the report: the later attempt is still the one kept."""
        text = HEADER.replace(";", ",").replace("Note/10,00", '"Note/10,00"')
        for n, stamp in enumerate(started):
            text += f"C,Z,007,z@x,Terminé,{stamp},-,-,5,answer{n}\r\n"
        result = _run(tmp_path, text)
        assert _answer(tmp_path, "007") == f"answer{kept}"
        assert [p.message.code for p in result.problems] == ["lms_import.row_other_attempt"]


def test_notes_about_the_file_are_not_listed_as_rows_not_imported(tmp_path) -> None:
    """A file read as Windows-1252 below a title, every row imported: the command says
    both notes, and no "Rows not imported" list (there is none)."""
    from typer.testing import CliRunner

    from examgrade.cli import app

    (tmp_path / "r.csv").write_bytes(("Titre\r\n" + HEADER + _row("00123", "25")).encode("cp1252"))
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    args = ["import", str(tmp_path / "r.csv"), "--map", str(tmp_path / "map.yaml")]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "Windows-1252" in result.output and "line 1" in result.output
    assert "Rows not imported" not in result.output
    broken = HEADER + _row("00123", "25") + "C;Z;;z@x;Terminé;x;-;-;5;21\r\n"
    (tmp_path / "r.csv").write_bytes(broken.encode("utf-8"))
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    lines = result.output.splitlines()
    title = next(n for n, line in enumerate(lines) if "Rows not imported" in line)
    assert "r.csv:3:" in lines[title + 1]


def test_an_email_typed_twice_in_other_capitals_is_one_student(tmp_path) -> None:
    """A form keyed by the email the student types: `Zoe.Cote@x.ca` on Monday and
    `zoe.cote@x.ca` on Tuesday are one student (emails and user names ignore case, as the
    roster match does), so the later submission is kept and the earlier one said."""
    text = "Horodateur,Adresse e-mail,Q1 b\n"
    text += "06/12/2026 10:00:00,zoe.cote@x.ca,late\n"
    text += "05/12/2026 10:00:00,Zoe.Cote@x.ca,early\n"
    result = _run(tmp_path, text, "id: Adresse e-mail\nlang: fr\nfields:\n  q1.b: Q1 b\n", "utf-8")
    assert [p.name for p in result.written] == ["zoe.cote@x.ca.yaml"]
    assert _answer(tmp_path, "zoe.cote@x.ca") == "late"
    assert [(p.line, p.message.code) for p in result.problems] == [
        (3, "lms_import.row_other_attempt")
    ]


class TestRepeatedAndEmptyHeaders:
    """A form whose questions share a title (two `Explication` columns) and whose saved
    CSV ends in empty columns: the proposed map names each repeated column by its rank
    (`Explication #2`), proposes no empty column, and imports as proposed."""

    TEXT = (
        "Horodateur;Matricule;Q1 b;Explication;Explication;;;\r\n"
        "05/12/2026 14:00:00;00123;25x25;parce que;car;;;\r\n"
    )

    def test_the_proposed_map_imports(self, tmp_path, rubrics) -> None:
        from examgrade.lms_import.initmap import init_map

        (tmp_path / "r.csv").write_text(self.TEXT, encoding="utf-8")
        proposed = init_map(tmp_path / "r.csv", rubrics, "fr")
        assert "'Explication #1'" in proposed and "'Explication #2'" in proposed
        assert "''" not in proposed
        result = _run(tmp_path, self.TEXT, proposed, "utf-8")
        assert [p.name for p in result.written] == ["00123.yaml"]

    def test_a_repeated_header_is_named_by_its_rank(self, tmp_path) -> None:
        map_text = "id: Matricule\nlang: fr\nfields:\n  q1.b: Q1 b\n"
        map_text += "  q2.c.explanation: 'Explication #2'\n  q3.a: 'Explication #1'\n"
        _run(tmp_path, self.TEXT, map_text, "utf-8")
        sheet = load_sheet(tmp_path / "out" / "00123.yaml")
        assert sheet.answers["q3"].entries["a"].text == "parce que"
        assert sheet.answers["q2"].entries["c"].get("explanation").text == "car"

    def test_the_plain_name_of_a_repeated_header_says_how_to_name_one(self, tmp_path) -> None:
        from examgrade.lms_import import ImportFault

        map_text = "id: Matricule\nlang: fr\nfields:\n  q3.a: Explication\n"
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path, self.TEXT, map_text, "utf-8")
        for lang in ("en", "fr"):
            assert "'Explication #2'" in caught.value.message.render(lang)


class TestStrayQuote:
    """A quote that opens a cell and is never closed (a hand-edited file) ran over every
    line after it: those students vanished into one cell. Now the lines it ran over are
    read one by one, every student is imported, and the line is said."""

    MAP = "id: Matricule\nlang: fr\nfields:\n  q1.b: Q1 b\n  q3.a: Q3\n"

    @pytest.mark.parametrize("separator", [";", ","])
    def test_the_students_after_it_are_imported(self, tmp_path, separator) -> None:
        rows = [
            ["Matricule", "Q1 b", "Q3"],
            ["001", "25x25", "ok"],
            ["002", '"25x25', "le gradient explose"],
            ["003", "21", "fine"],
            ["004", "11", "fine"],
        ]
        text = "".join(separator.join(r) + "\r\n" for r in rows)
        result = _run(tmp_path, text, self.MAP, "utf-8")
        assert [p.name for p in result.written] == [f"00{n}.yaml" for n in range(1, 5)]
        assert _answer(tmp_path, "003") == "21"
        said = [n for n in result.notes if n.code == "lms_import.stray_quote"]
        assert said and "3" in said[0].render("en") and "3" in said[0].render("fr")

    def test_a_quoted_cell_over_several_lines_is_one_cell(self, tmp_path) -> None:
        text = 'Matricule;Q1 b;Q3\r\n001;25x25;"une ligne\r\net une autre"\r\n002;21;x\r\n'
        result = _run(tmp_path, text, self.MAP, "utf-8")
        assert [p.name for p in result.written] == ["001.yaml", "002.yaml"]
        assert not [n for n in result.notes if n.code == "lms_import.stray_quote"]
