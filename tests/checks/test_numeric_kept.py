"""A size's text is read once per process (issue 17): a worker grades an answer and then
takes its group key, and both read it; the second reading gives the same value, or
raises the same error, without reading the text again."""

from __future__ import annotations

from fractions import Fraction

import pytest

import examgrade.checks.numeric as numeric
from examgrade.errors import MathError


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    evaluate = numeric.evaluate

    def counting(text: str) -> Fraction:
        calls.append(text)
        return evaluate(text)

    monkeypatch.setattr(numeric, "evaluate", counting)
    monkeypatch.setattr(numeric, "_SIZES", {})
    return calls


def test_a_size_is_read_once(counted: list[str]) -> None:
    assert numeric.read_size("1 + 6*(5-1) x 25") == 25
    assert numeric.read_size("1 + 6*(5-1) x 25") == 25
    assert counted == ["1 + 6*(5-1)", "25"]


def test_an_error_is_the_same_every_time(counted: list[str]) -> None:
    found = []
    for _ in range(2):
        with pytest.raises(MathError) as raised:
            numeric.read_size("25x24")
        found.append((raised.value.code, dict(raised.value.params), raised.value.location))
    assert found[0] == found[1] and found[0][0] == "numeric.not_square"
    assert len(counted) == 2


def test_a_long_text_is_read_every_time_and_not_kept(counted: list[str]) -> None:
    text = "+".join(["1"] * 150)  # past arithmetic's 200 characters: an error each time
    for _ in range(2):
        with pytest.raises(MathError) as raised:
            numeric.read_size(text)
        assert raised.value.code == "arith.too_long"
    assert len(counted) == 2 and numeric._SIZES == {}
