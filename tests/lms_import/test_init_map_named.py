"""`import --init-map` on a form whose column headers name the exam's parts: the
teaching assistant titled the questions `Q1 b`, `Q3 a`, but the proposed map paired the
columns with the exam's fields in order (`q1.a: 'Q1 b'`, `q1.b: 'Q3 a'`), so a map
taken as proposed graded every answer against another part."""

from __future__ import annotations

from pathlib import Path

from examgrade.lms_import.initmap import init_map

HEADER = (
    "Timestamp,Student ID,Name,Q3 a,Q1 b,Question 2 (c) vanishes_if: your condition,Notes,q4b.ii\n"
)
ROW = "2026/12/01 10:00:00,20230005,Zoé Côté,RMSprop decays,25x25,rho(W) < 1,hi,x\n"


def _map(tmp_path: Path, rubrics, header: str = HEADER, row: str = ROW) -> str:
    (tmp_path / "r.csv").write_text(header + row, encoding="utf-8")
    return init_map(tmp_path / "r.csv", rubrics, "en")


def test_a_header_that_names_a_field_is_paired_with_it(rubrics, tmp_path: Path) -> None:
    text = _map(tmp_path, rubrics)
    assert "  q3.a: 'Q3 a'" in text
    assert "  q1.b: 'Q1 b'" in text
    assert "  q2.c.vanishes_if: 'Question 2 (c) vanishes_if: your condition'" in text
    assert "  q4.b.ii: 'q4b.ii'" in text
    assert "  q1.a: 'Notes'" in text  # a header that names nothing: the first field left


def test_headers_that_name_no_field_are_paired_in_order(rubrics, tmp_path: Path) -> None:
    text = _map(
        tmp_path, rubrics, "Timestamp,Student ID,Response 1,Q9 z,Q3 answer\n", "t,1,a,b,c\n"
    )
    assert "  q1.a: 'Response 1'" in text
    assert "  q1.b: 'Q9 z'" in text and "  q1.c: 'Q3 answer'" in text


def test_a_field_named_twice_takes_the_first_column(rubrics, tmp_path: Path) -> None:
    text = _map(tmp_path, rubrics, "Timestamp,Student ID,Q1 b,Q1 (b)\n", "t,1,25,21\n")
    assert "  q1.b: 'Q1 b'" in text and "  q1.a: 'Q1 (b)'" in text


class TestFrenchForms:
    """A French form export (Microsoft Forms' `ID` is the response's number; the student
    types their id into a question) gets a map whose identity is the student's, whose name
    is the name column, in French, and no identity column paired with an answer field."""

    MICROSOFT = (
        "ID,Heure de début,Heure de fin,Adresse de messagerie,Nom,"
        "Heure de la dernière modification,Quel est votre matricule ?,Q1 b,Q2 a\n",
        "1,05/12/2026 14:00:00,05/12/2026 14:30:00,a@x.ca,Zoé Côté,,00123,25x25,oui\n",
    )
    GOOGLE = (
        "Horodateur,Adresse e-mail,Nom et prénom,Numéro d'étudiant,Q1 b,Q2 a\n",
        "05/12/2026 14:00:00,a@x.ca,Zoé Côté,00123,25x25,oui\n",
    )
    ENGLISH = (
        "Id,Start time,Completion time,Email,Name,What is your student number?,Q1 b\n",
        "1,12/5/2026 14:00:00,12/5/2026 14:30:00,a@x.ca,Zoe,00123,25x25\n",
    )

    def test_microsoft_forms_in_french(self, rubrics, tmp_path: Path) -> None:
        text = _map(tmp_path, rubrics, *self.MICROSOFT)
        assert "id: 'Quel est votre matricule ?'" in text
        assert "name: ['Nom']" in text and "lang: fr" in text
        assert "'Adresse de messagerie'" not in text.split("fields:")[1]
        assert "'Quel est votre matricule ?'" not in text.split("fields:")[1]
        assert "  q1.b: 'Q1 b'" in text and "  q2.a: 'Q2 a'" in text

    def test_google_forms_in_french(self, rubrics, tmp_path: Path) -> None:
        text = _map(tmp_path, rubrics, *self.GOOGLE)
        assert "id: 'Numéro d''étudiant'" in text
        assert "name: ['Nom et prénom']" in text and "lang: fr" in text
        assert "'Nom et prénom'" not in text.split("fields:")[1]

    def test_microsoft_forms_in_english_asks_for_the_number(self, rubrics, tmp_path: Path):
        text = _map(tmp_path, rubrics, *self.ENGLISH)
        assert "id: 'What is your student number?'" in text and "lang: en" in text
        assert "'What is your student number?'" not in text.split("fields:")[1]


def test_a_microsoft_forms_quiz_s_points_and_feedback_columns_are_no_answers(
    rubrics, tmp_path: Path
) -> None:
    """A Microsoft Forms quiz writes `Points - <question>` and `Feedback - <question>`
    (`Commentaires - …` in French) beside each question: the proposed map pairs the
    questions only, so no answer field is filled with a grader's points."""
    header = (
        "Id,Start time,Completion time,Email,Name,Total points,Quiz feedback,Student ID,"
        "Layer sizes,Points - Layer sizes,Feedback - Layer sizes,Q1 b,Points - Q1 b,"
        "Commentaires - Q1 b\n"
    )
    row = "1,12/5/26 14:00,12/5/26 14:30,a@x,Zoe,3,,00123,256,1,,25x25,2,\n"
    text = _map(tmp_path, rubrics, header, row)
    fields = text.split("fields:")[1]
    assert "  q1.a: 'Layer sizes'" in fields and "  q1.b: 'Q1 b'" in fields
    assert "Points -" not in fields and "Feedback -" not in fields
    assert "Commentaires -" not in fields and "Quiz feedback" not in fields
