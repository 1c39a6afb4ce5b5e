"""Points are shown with the unit each language wants (`1 pt`, `0.5 pts`; `1,5 pt`, `2 pts`),
in explain's headings and known mistakes; French has the decimal comma."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.i18n import Points


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (1, "1 pt", "1 pt"),
        (0.5, "0.5 pts", "0,5 pt"),
        (1.5, "1.5 pts", "1,5 pt"),
        (15, "15 pts", "15 pts"),
    ],
)
def test_the_unit_agrees_with_the_number(value: float, en: str, fr: str) -> None:
    assert (Points(value).render("en"), Points(value).render("fr")) == (en, fr)


def test_explain_never_says_one_pts() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["explain", "q8", "--lang", "both"])
    assert result.exit_code == 0
    assert "(1 pts)" not in result.output and "(1 pt)" in result.output


def test_explain_in_french_writes_half_points_with_a_comma() -> None:
    """A student reading `explain q1 --lang fr` saw "(0.5 pt)" beside "77,5/100" elsewhere."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["explain", "q1", "--lang", "fr"])
    assert result.exit_code == 0
    assert "(0,5 pt)" in result.output and "0.5 pt" not in result.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_how_a_derivation_is_graded_agrees_with_its_points(lang: str) -> None:
    """`explain q6` said "1 pts if the first step is log p(x)" in both languages."""
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["explain", "q6", "--lang", lang])
    assert result.exit_code == 0
    assert "1 pts" not in result.output and "1 pt " in result.output


@pytest.mark.parametrize(
    ("points", "en", "fr"),
    [(1.0, "at least 1 point.", "au moins 1 point."), (0.6, "0.6 points.", "0,6 point.")],
)
def test_the_free_text_floor_agrees_with_its_points(points: float, en: str, fr: str) -> None:
    """A free-text answer raised to the floor read "it earns at least 1 points" (a 5-point
    part) and "au moins 0,6 points" (a 3-point one)."""
    from examgrade.i18n import Message

    floor = Message("text.floor", {"points": points})
    assert floor.render("en").endswith(en) and floor.render("fr").endswith(fr)


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("[1.4, -0.2]", "[1,4\u202f; -0,2]"),
        ("[[0.5, 0.2], [-0.1, 0.4]]", "[[0,5\u202f; 0,2]\u202f; [-0,1\u202f; 0,4]]"),
        ("2.2e-16", "2,2e-16"),
        ("0.5, 0.0312, 9.54e-07", "0,5\u202f; 0,0312\u202f; 9,54e-07"),
        ("[1, 2, -1]", "[1\u202f; 2\u202f; -1]"),
        ("25", "25"),
    ],
)
def test_computed_numbers_read_as_each_language_writes_them(english: str, french: str) -> None:
    """A solver's values in French feedback and `explain` had decimal points ("[1.4, -0.2]")
    beside French scores with decimal commas; a comma inside a number then needs items cut
    by semicolons."""
    from examgrade.i18n import Figures, Message

    shown = Figures(english)
    assert shown.render("en") == english and shown.render("fr") == french
    message = Message("explain_worked.rnn_closed", {"value": shown, "gap": Figures("2.2e-16")})
    assert "2,2e-16" in message.render("fr") and "2.2e-16" in message.render("en")
