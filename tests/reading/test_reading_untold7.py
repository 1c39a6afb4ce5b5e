"""Issue 12, round 7 of untold notation: a comma inside a number (`reading/decimals.py`).
A French decimal comma where one value is asked (`1,5`, `2,0`, `0,5 W^t`) is read as a
point and said (`read as 1.5`); a list where one value is asked is still refused as a
list (`256, 256`, `1,2,3`); a list of sizes keeps its commas; `1,000` (a thousand in
English, one in French) is said to be ambiguous. Wordings of our own, in no set."""

from __future__ import annotations

import pytest

from examgrade.reading.conditions import condition_text
from examgrade.reading.decimals import decimal_commas


def _form(field: str, lang: str, answer: str) -> dict:
    return {"field": field, "lang": lang, "answer": answer, "correct": True}


class TestOneValueAsked:
    """A size or number field reads `d,d` as one number, and says so."""

    @pytest.mark.parametrize(
        ("field", "lang", "answer", "full", "said"),
        [
            ("q1.e", "fr", "2,0", True, "lu comme 2"),  # same: p = 2
            ("q1.c", "fr", "4,0 de chaque côté", True, "lu comme 4"),
            ("q1.d", "fr", "0,0", True, "lu comme 0"),
            ("q1.e", "fr", "p = 2,0", True, "lu comme 2"),
            ("q1.e", "fr", "(5-1)/2 = 2,0", True, "lu comme 2"),  # working that agrees
            ("q1.b", "fr", "25,0 x 25,0", True, "lu comme 25"),
            ("q1.b", "fr", "25,0x25,0", True, "lu comme 25"),
            ("q1.e", "en", "2,0", True, "read as 2"),
            ("q1.e", "fr", "0,5", False, "lu comme 0,5"),  # one number, and wrong
            ("q1.c", "fr", "1,5", False, "lu comme 1,5"),
            ("q1.b", "fr", "25,5×25,5", False, "lu comme 25,5"),
            ("q1.c", "en", "3,5", False, "read as 3.5"),
        ],
    )
    def test_a_decimal_comma_is_one_number_said_as_read(
        self, grade_form, field: str, lang: str, answer: str, full: bool, said: str
    ) -> None:
        result = grade_form(_form(field, lang, answer))
        assert result["status"] == ("correct" if full else "incorrect"), result["feedback"]
        assert said in result["feedback"]

    @pytest.mark.parametrize(
        ("lang", "answer", "said"),
        [
            ("en", "256, 256", "found 2 values"),  # a comma and a space: two values
            ("fr", "2, 0", "2 valeurs trouvées"),
            ("en", "1,2,3", "found 3 values"),  # a run of commas
            ("en", "256,256", "found 2 values"),  # equal groups: two dimensions
        ],
    )
    def test_a_list_where_one_value_is_asked_is_still_said_to_be_a_list(
        self, grade_form, lang: str, answer: str, said: str
    ) -> None:
        result = grade_form(_form("q1.b", lang, answer))
        assert result["status"] == "invalid" and said in result["feedback"]

    @pytest.mark.parametrize(("lang", "word"), [("en", "thousands"), ("fr", "milliers")])
    @pytest.mark.parametrize("answer", ["1,000", "65,536", "4,000"])
    def test_a_thousands_separator_is_said_to_be_ambiguous(
        self, grade_form, lang: str, word: str, answer: str
    ) -> None:
        result = grade_form(_form("q1.c", lang, answer))
        assert not result["full"] and word in result["feedback"]


class TestListsAndExpressions:
    """A list of sizes keeps its commas; an expression reads a decimal comma outside
    every bracket only."""

    def test_a_list_of_sizes_keeps_its_commas(self, grade_form) -> None:
        right = grade_form(_form("q1.a", "fr", "256,256,256,256,256,256"))
        wrong = grade_form(_form("q1.a", "fr", "1,5"))
        assert right["full"], right["feedback"]
        assert not wrong["full"] and "2 trouvées" in wrong["feedback"]

    @pytest.mark.parametrize(
        ("field", "answer", "full"),
        [
            ("q2.b", "1,0 W^t", True),
            ("q2.b", "1,0 * W^t", True),
            ("q2.b", "0,5 W^t", False),  # read as 0.5 W^t, and wrong
            ("q5.a.penalty", "0,5 λ ‖W‖_F^2", False),
            ("q5.a.penalty", "1,0 λ ‖W‖_F^2", True),
        ],
    )
    def test_a_decimal_comma_in_an_expression(
        self, grade_form, field: str, answer: str, full: bool
    ) -> None:
        result = grade_form(_form(field, "fr", answer))
        assert result["full"] == full, result["feedback"]
        assert result["status"] != "invalid", result["feedback"]

    @pytest.mark.parametrize(
        ("text", "read"),
        [
            ("0,5 W^t", "0.5 W^t"),
            ("0,125 W^t", "0.125 W^t"),  # a leading 0: decimals, whatever their count
            ("1,000 W^t", "1,000 W^t"),  # a thousand or one: as typed
            ("max(0,5)", "max(0,5)"),  # an argument list
            ("W_{1,2}", "W_{1,2}"),  # indices
            ("W_1,5", "W_1,5"),
            ("x^2,5", "x^2,5"),
            ("1,2,3", "1,2,3"),
            ("W^t, t >= 1", "W^t, t >= 1"),
        ],
    )
    def test_what_an_expression_reads_as_a_decimal_comma(self, text: str, read: str) -> None:
        assert decimal_commas(text, top_level=True)[0] == read


class TestWordsCutShort:
    """The conditions' words cut short (`words.yaml`, `abbreviation:`): a word's first
    letters and a dot, or an abbreviation as written; `eig(W)` stays the function."""

    @pytest.mark.parametrize(
        ("text", "read"),
        [
            ("sp. radius of W < 1", "rho(W) < 1"),
            ("spectral rad. of W < 1", "rho(W) < 1"),
            ("spec. rad. < 1", "rho(W) < 1"),
            ("the spec rad of W is < 1", "rho(W)"),
            ("ray. spectral de W > 1", "rho(W) > 1"),
            ("ray. spec. de W > 1", "rho(W) > 1"),
            ("all eigvals of W have modulus < 1", "max(abs(eig(W))) < 1"),
            ("every eig. of W has abs. value < 1", "max(abs(eig(W))) < 1"),
            ("toutes les v.p. de W sont de module < 1", "max(abs(eig(W))) < 1"),
            ("au moins une val. propre de W de mod. > 1", "max(abs(eig(W))) > 1"),
            ("toutes les val. propres de W en module < 1", "max(abs(eig(W))) < 1"),
        ],
    )
    def test_a_word_cut_short_is_the_word(self, text: str, read: str) -> None:
        found = condition_text(text)
        assert found is not None and read in found

    @pytest.mark.parametrize(
        "text",
        [
            "all eigvals of W < 1",  # no modulus: another condition, as in full words
            "toutes les v.p. de W < 1",
            "max(abs(eig(W))) < 1",  # the function, as typed (no words to read)
        ],
    )
    def test_what_stays_unread(self, text: str) -> None:
        assert condition_text(text) is None

    @pytest.mark.parametrize(
        ("field", "lang", "answer", "full"),
        [
            ("q2.c.vanishes_if", "en", "sp. radius of W < 1", True),
            ("q2.c.explodes_if", "en", "sp. radius of W < 1", False),  # the other one
            ("q2.c.explodes_if", "fr", "ray. spec. de W > 1", True),
            ("q2.c.vanishes_if", "fr", "ray. spec. de W > 1", False),
            ("q2.c.explodes_if", "en", "max abs eigval of W > 1", True),
            ("q2.c.vanishes_if", "en", "all eigvals of W < 1", False),  # no modulus
        ],
    )
    def test_graded_as_the_words_in_full(
        self, grade_form, field: str, lang: str, answer: str, full: bool
    ) -> None:
        assert grade_form(_form(field, lang, answer))["full"] == full
