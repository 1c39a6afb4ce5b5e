"""Sheets typed in a word processor (Word, Google Docs, Pages, LibreOffice) or a French
keyboard: curly quotes around a value and the no-break spaces of French typography
reached the checks as typed, so every such answer was `invalid` ("cannot read '“'") or
the whole sheet was refused ("'student' must be a mapping"). They are read as the
straight quotes and spaces the student meant, and the sheet says so once, in the
student's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examgrade.engine import grade_sheet
from examgrade.nodes import Mapping, Scalar
from examgrade.sheet import parse_sheet
from tests.classroom.test_batch import run
from tests.conftest import sheet_text

NBSP, NNBSP = "\u00a0", "\u202f"


def _part(sheet, question: str, part: str) -> Scalar:
    node = sheet.answers[question]
    assert isinstance(node, Mapping)
    value = node.get(part)
    assert isinstance(value, Scalar)
    return value


class TestCurlyQuotes:
    """A word processor turns 'x' and "x" into ‘x’ and “x”; the French one into « x »."""

    @pytest.mark.parametrize(
        ("typed", "read"),
        [
            ("“25x25”", "25x25"),
            ("‘25 x 25’", "25 x 25"),
            ("« 25×25 »", "25×25"),
            ("„25x25“", "25x25"),
            ("”25x25”", "25x25"),  # Word's autocorrect after a colon and no space
        ],
    )
    def test_a_size_in_curly_quotes_is_read_without_them(self, typed: str, read: str) -> None:
        sheet = parse_sheet(sheet_text(f"q1:\n  b: {typed}\n"), "s.yaml")
        assert _part(sheet, "q1", "b").text == read
        (warning,) = sheet.warnings
        assert "line 5, column 6" in warning.render("en") and "straight" in warning.render("en")
        assert "ligne 5, colonne 6" in warning.render("fr") and "droits" in warning.render("fr")

    def test_every_kind_of_field_is_graded_as_if_typed_straight(self, rubrics) -> None:
        body = (
            "q1:\n  b: “25x25”\n  c: ‘4’\n"
            "q2:\n  a: “W^t h_0”\n  c:\n    vanishes_if: ‘rho(W) < 1’\n"
            "q6:\n  b:\n    verdict: « oui »\n"
        )
        curly = _parts(grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics))
        typed = sheet_text(body.translate(_STRAIGHT))
        plain = _parts(grade_sheet(parse_sheet(typed, "s.yaml"), rubrics))
        for label in ("q1.b", "q1.c", "q2.a", "q6.b"):
            assert curly[label].status != "invalid", label
            assert curly[label].score == plain[label].score, label
        assert curly["q1.b"].status == "correct"

    def test_the_student_id_and_lang_in_curly_quotes(self) -> None:
        sheet = parse_sheet("student:\n  id: “20230002”\n  lang: ‘fr’\n", "s.yaml")
        assert sheet.student.id == "20230002" and sheet.student.lang == "fr"
        assert len(sheet.warnings) == 1  # one warning for the sheet, not one per value

    @pytest.mark.parametrize(
        "typed",
        [
            "“no” is the verdict, since the family is factorized",  # quotes inside the text
            "the step “grows”",
            "W’ h_0",  # a prime typed as a closing quote
            "“",
            "‘x”",  # a single quote opened, a double one closed: not a pair
        ],
    )
    def test_quotes_that_do_not_wrap_the_whole_value_stay(self, typed: str) -> None:
        sheet = parse_sheet(sheet_text(f"q3:\n  a: {typed}\n"), "s.yaml")
        assert _part(sheet, "q3", "a").text == typed
        assert not sheet.warnings

    def test_straight_quotes_inside_curly_ones_are_kept(self) -> None:
        sheet = parse_sheet(sheet_text("q3:\n  a: “Adam's second moment”\n"), "s.yaml")
        assert _part(sheet, "q3", "a").text == "Adam's second moment"


def _parts(report) -> dict:
    return {f"{q.key}.{p.key}": p for q in report.questions for p in q.parts}


_STRAIGHT = str.maketrans({"“": "'", "”": "'", "‘": "'", "’": "'", "«": "'", "»": "'"})


class TestCurlyQuotesFromAForm:
    """A phone keyboard's smart punctuation (iOS types “ ” by default) or an answer pasted
    from Word into a Moodle quiz or a Google Form reaches the sheet `examgrade import`
    writes inside YAML's own quotes: '“25x25”' was as invalid as “25x25”."""

    def test_curly_quotes_inside_straight_ones_are_read_without_them(self) -> None:
        sheet = parse_sheet(sheet_text("q1:\n  b: '“25x25”'\n  c: \"‘4’\"\n"), "s.yaml")
        assert _part(sheet, "q1", "b").text == "25x25" and _part(sheet, "q1", "c").text == "4"
        (warning,) = sheet.warnings
        assert "2 values" in warning.render("en")

    def test_a_block_answer_keeps_them(self) -> None:
        sheet = parse_sheet(sheet_text("q3:\n  a: |\n    “Adagrad sums”\n"), "s.yaml")
        assert _part(sheet, "q3", "a").text == "“Adagrad sums”\n"

    def test_an_imported_form_answer_is_graded(self, tmp_path: Path) -> None:
        responses = tmp_path / "responses.csv"
        responses.write_text(
            "Timestamp,Student ID,Name,Q1 b,Q1 c\n"
            "2026/12/01 10:00:00,20230005,Zoé Côté,“25 x 25”,‘4’\n",
            encoding="utf-8",
        )
        (tmp_path / "map.yaml").write_text(
            "id: Student ID\nname: Name\nlang: fr\nfields:\n  q1.b: Q1 b\n  q1.c: Q1 c\n",
            encoding="utf-8",
        )
        sheets = tmp_path / "sheets"
        result = run("import", responses, "--map", tmp_path / "map.yaml", "--out", sheets)
        assert result.exit_code == 0, result.output
        checked = run("check", sheets / "20230005.yaml", "--json")
        q1 = json.loads(checked.stdout)["questions"]["q1"]["parts"]
        assert q1["b"]["status"] == "correct" and q1["c"]["status"] == "correct"


class TestNoBreakSpaces:
    """French typography puts a no-break space before ':' (Word adds it as one types
    `a : b`), and pasting from a web page or a PDF brings them into the indentation."""

    @pytest.mark.parametrize(
        ("body", "first"),
        [
            (f"q1:\n  b{NBSP}: 25x25\n  c{NNBSP}:{NBSP}4\n", "line 5, column 4"),
            (f"q1:\n{NBSP} b: 25x25\n{NBSP}{NBSP}c: 4\n", "line 5, column 1"),
            (f"q1{NBSP}:\n  b:{NBSP}25x25\n  c:{NNBSP}4\n", "line 4, column 3"),
        ],
    )
    def test_the_sheet_reads_as_with_plain_spaces(self, body: str, first: str) -> None:
        sheet = parse_sheet(sheet_text(body), "s.yaml")
        assert _part(sheet, "q1", "b").text == "25x25" and _part(sheet, "q1", "c").text == "4"
        (warning,) = sheet.warnings  # one for the sheet, at the first
        assert first in warning.render("en") and "no-break space" in warning.render("en")
        assert "espace insécable" in warning.render("fr")

    def test_the_student_block_indented_with_them(self) -> None:
        sheet = parse_sheet(f"student:\n{NBSP} id: '7'\n{NBSP} lang{NBSP}: fr\n", "s.yaml")
        assert sheet.student.id == "7" and sheet.student.lang == "fr"

    def test_a_no_break_space_inside_an_answer_is_a_space_and_says_nothing(self) -> None:
        sheet = parse_sheet(sheet_text(f"q3:\n  a: Adam{NBSP}: RMSprop + momentum\n"), "s.yaml")
        text = _part(sheet, "q3", "a").text
        assert text.replace(NBSP, " ") == "Adam : RMSprop + momentum"
        assert all("no-break" not in w.render("en") for w in sheet.warnings)
