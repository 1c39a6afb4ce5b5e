"""A student id cannot start a spreadsheet formula: the grades files keep ids as typed
(an LMS matches students by them), so an id starting with =, +, - or @ is refused at the
sheet, with a located message in the student's language."""

import pytest

from examgrade.errors import SheetError
from examgrade.sheet import STUDENT_ID, parse_sheet


@pytest.mark.parametrize("bad", ["-20231234", "+33612345678", "=1+1", "@SUM(A1)", ".hidden"])
def test_an_id_that_could_start_a_formula_is_refused(bad: str) -> None:
    assert not STUDENT_ID.match(bad)
    with pytest.raises(SheetError) as raised:
        parse_sheet(f"student:\n  id: '{bad}'\n  lang: fr\n", "s.yaml")
    text = raised.value.message.render("fr")
    assert "s.yaml, ligne 2" in text and "commence par une lettre ou un chiffre" in text
    assert "starts with a letter or a digit" in raised.value.message.render("en")


@pytest.mark.parametrize("good", ["20231234", "ada.lovelace@uni.ca", "s_7-b", "x+y", "Élodie.B"])
def test_ordinary_ids_are_read(good: str) -> None:
    assert parse_sheet(f"student:\n  id: '{good}'\n", "s.yaml").student.id == good
